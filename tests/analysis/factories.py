"""Partitions built from scratch for the module tests, and hypothesis strategies for them.

Float inputs are dyadic (quarters), so sums are exact in any order: a merged result
must then equal the analysis of the whole exactly, up to the re-weighted scores of
Q6 and Q9, which tests compare with a tolerance.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from hypothesis import strategies as st

from pixely_api.insights.context import BrandContext
from pixely_api.insights.labels import (
    AAKER_DIMENSIONS,
    EMOTIONS,
    NARRATIVE_FRAMES,
    SENTIMENTS,
    Platform,
)
from pixely_dagster.analysis.annotation import AakerScores, Annotation, EmotionScores
from pixely_dagster.analysis.items import CommentItem, PartitionBatch, PostItem

MONDAY = date(2025, 1, 6)
BRAND = BrandContext(brand_name="Café Aurora", industry="cafetería", brand_handles=("cafeaurora",))
POSTS: tuple[tuple[str, Platform], ...] = (
    ("https://instagram.com/p/aaa", "instagram"),
    ("https://instagram.com/p/bbb", "instagram"),
    ("https://tiktok.com/@cafeaurora/video/ccc", "tiktok"),
    ("https://facebook.com/cafeaurora/posts/ddd", "facebook"),
)
NEW_POST: tuple[str, Platform] = ("https://facebook.com/cafeaurora/posts/nuevo", "facebook")
"""A post published on the first day that nobody commented on."""
AUTHORS = ("ana", "luis", "marta", "pepe", "sofia", "cafeaurora")
TOPICS = ("envio", "precio", "cafe", "servicio", "pack", "tienda")
TEXTS = (
    "Me encanta el café de aquí",
    "El envío llegó tarde otra vez",
    "¿Hacen envíos a Arequipa?",
    "Quiero comprar el pack de regalo",
    "Rico pero carísimo",
    "Pésima atención, nunca más",
)
QUARTERS = (-1.0, -0.75, -0.5, -0.25, 0.0, 0.25, 0.5, 0.75, 1.0)
UNIT_QUARTERS = (0.0, 0.0, 0.25, 0.5, 0.75, 1.0)


@dataclass(frozen=True)
class Draft:
    """A comment before it is placed in a partition."""

    day: int
    post: int
    author: str
    text: str
    annotation: Annotation


def said(author: str, text: str, post: int = 0, day: int = 0, **reading: object) -> Draft:
    """A hand-written comment: ``said("ana", "Rico", sentiment="positive")``."""
    return Draft(day, post, author, text, Annotation(**reading))


def _unit() -> st.SearchStrategy[float]:
    return st.sampled_from(UNIT_QUARTERS)


annotations: st.SearchStrategy[Annotation] = st.builds(
    Annotation,
    sentiment=st.sampled_from(SENTIMENTS),
    polarity=st.sampled_from(QUARTERS),
    subjectivity=_unit(),
    emotions=st.builds(EmotionScores, **{name: _unit() for name in EMOTIONS}),
    dominant_emotion=st.none() | st.sampled_from(EMOTIONS),
    aaker=st.builds(AakerScores, **{name: _unit() for name in AAKER_DIMENSIONS}),
    topics=st.lists(st.sampled_from(TOPICS), max_size=3).map(tuple),
    frame=st.none() | st.sampled_from(NARRATIVE_FRAMES),
    stance=st.sampled_from(QUARTERS),
    expertise=_unit(),
    mentions=st.lists(st.sampled_from(AUTHORS), max_size=2).map(tuple),
    is_request=st.booleans(),
    is_complaint=st.booleans(),
    purchase_intent=st.booleans(),
    crisis=st.booleans(),
)


def drafts(days: int = 2, max_size: int = 14) -> st.SearchStrategy[list[Draft]]:
    """Comments over ``days`` days; post 0 always gets a comment on every day."""
    reply = st.none() | st.sampled_from(AUTHORS)
    one = st.builds(
        lambda day, post, author, text, to, annotation: Draft(
            day, post, author, f"@{to} {text}" if to else text, annotation
        ),
        st.integers(0, days - 1),
        st.integers(0, len(POSTS) - 1),
        st.sampled_from(AUTHORS[:-1]),
        st.sampled_from(TEXTS),
        reply,
        annotations,
    )
    spanning = st.tuples(
        *(
            st.builds(
                Draft,
                st.just(d),
                st.just(0),
                st.sampled_from(AUTHORS[:-1]),
                st.sampled_from(TEXTS),
                annotations,
            )
            for d in range(days)
        )
    )
    return st.tuples(spanning, st.lists(one, max_size=max_size)).map(lambda t: [*t[0], *t[1]])


def comment(index: int, draft: Draft, when: date) -> CommentItem:
    url, platform = POSTS[draft.post]
    return CommentItem(
        comment_id=f"c{index}",
        post_url=url,
        platform=platform,
        author=draft.author,
        text=draft.text,
        created_at=datetime(when.year, when.month, when.day, 12, tzinfo=UTC)
        + timedelta(seconds=index),
    )


def post_item(url: str, platform: Platform, when: date, **metrics: int) -> PostItem:
    return PostItem(
        post_url=url,
        platform=platform,
        created_at=datetime(when.year, when.month, when.day, 9, tzinfo=UTC),
        **metrics,
    )


def batch(
    items: Sequence[Draft],
    day: date = MONDAY,
    new_posts: Sequence[tuple[str, Platform]] = (),
    own_days: bool = False,
) -> PartitionBatch:
    """A partition of these comments (all placed on ``day``, or with ``own_days`` each on
    ``day`` + its draft's day), plus uncommented new posts."""
    comments = [
        comment(i, d, day + timedelta(days=d.day) if own_days else day) for i, d in enumerate(items)
    ]
    posts = {c.post_url: post_item(c.post_url, c.platform, day) for c in comments}
    posts.update({url: post_item(url, platform, day) for url, platform in new_posts})
    return PartitionBatch(
        context=BRAND,
        partition_date=day,
        comments=tuple(comments),
        annotations=tuple(d.annotation for d in items),
        posts=posts,
    )


def daily_batches(items: Sequence[Draft], days: int, first: date = MONDAY) -> list[PartitionBatch]:
    """One partition per day; comment ids stay unique across days; day 0 has the new post."""
    batches = []
    for day in range(days):
        mine = [d for d in items if d.day == day]
        when = first + timedelta(days=day)
        offset = sum(1 for d in items if d.day < day)
        comments = [comment(offset + i, d, when) for i, d in enumerate(mine)]
        posts = {c.post_url: post_item(c.post_url, c.platform, when) for c in comments}
        if day == 0:
            posts[NEW_POST[0]] = post_item(*NEW_POST, when)
        batches.append(
            PartitionBatch(
                context=BRAND,
                partition_date=when,
                comments=tuple(comments),
                annotations=tuple(d.annotation for d in mine),
                posts=posts,
            )
        )
    return batches


def whole_batch(items: Sequence[Draft]) -> PartitionBatch:
    """Every comment in one partition (same ISO week as the daily ones), with the new post;
    each comment keeps the time it was written."""
    ordered = sorted(items, key=lambda d: d.day)
    return batch(ordered, MONDAY, new_posts=[NEW_POST], own_days=True)
