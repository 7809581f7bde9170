"""The demo's summaries as the dashboard builds them: one row per day, windows merged.

Reads a committed demo workbook with the real source contract, annotates its audience
comments with the offline annotator, analyses each day as the pipeline does (one
partition per ficha-local day) and merges the rows of a window the way the API does.
``python -m tests.demo.windows`` prints, per brand and window, the figures the README's
section "What the demo's summaries say" quotes.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from pixely_api.insights.bundle import InsightResults, summarize
from pixely_api.insights.context import BrandContext
from pixely_api.insights.engagement import PostMetrics
from pixely_dagster.analysis.annotation import Annotation
from pixely_dagster.analysis.items import CommentItem, PartitionBatch, PostItem
from pixely_dagster.analysis.modules import analyze_partition
from pixely_dagster.analysis.offline import OfflineAnnotator
from pixely_dagster.demo import DEMO_CATALOG, DemoFicha
from pixely_dagster.demo.generate_workbooks import END_DATE
from pixely_dagster.sources.identity import normalize_username
from pixely_dagster.sources.local_file import LocalFileReader
from pixely_dagster.sources.validation import (
    ValidationRules,
    brand_handle_pairs,
    validate_workbook,
)

WINDOW_DAYS = 30


@dataclass(frozen=True)
class DemoDay:
    """One analysed partition of a demo ficha, with what it was computed from."""

    day: date
    batch: PartitionBatch
    row: InsightResults


def context_of(ficha: DemoFicha) -> BrandContext:
    """The brand context the pipeline builds from the ficha."""
    return BrandContext(
        brand_name=ficha.name,
        industry=ficha.industry,
        archetype=ficha.archetype,
        tone_of_voice=ficha.tone_of_voice,
        target_audience=ficha.target_audience,
        competitors=ficha.competitors,
        brand_handles=tuple(
            sorted({normalize_username(h.partition(":")[2]) for h in ficha.brand_handles})
        ),
    )


@cache
def demo_days(slug: str) -> tuple[DemoDay, ...]:
    """Every day of the committed workbook analysed as its own partition."""
    ficha = DEMO_CATALOG.ficha(slug)
    rules = ValidationRules(
        timezone=ficha.timezone,
        start_date=date(2000, 1, 1),
        brand_handles=brand_handle_pairs(ficha.brand_handles),
        today=END_DATE,
    )
    source = validate_workbook(LocalFileReader(ficha.workbook_path).read(), rules)
    posts = {
        p.post_key: PostItem(
            post_url=p.post_key,
            platform=p.platform,  # type: ignore[arg-type]
            created_at=p.created_at,
            content=p.content,
            likes=p.likes,
            comments_count=p.comments_count,
            shares=p.shares,
            views=p.views,
        )
        for p in source.posts
    }
    audience = [c for c in source.comments if not c.is_brand_reply]
    context = context_of(ficha)
    annotations = OfflineAnnotator().annotate([c.text for c in audience], context)
    by_day: dict[date, list[tuple[CommentItem, Annotation]]] = {}
    for comment, annotation in zip(audience, annotations, strict=True):
        item = CommentItem(
            comment_id=comment.comment_key,
            post_url=comment.post_key,
            platform=comment.platform,  # type: ignore[arg-type]
            author=comment.author,
            text=comment.text,
            created_at=comment.created_at,
        )
        by_day.setdefault(comment.partition_date, []).append((item, annotation))
    days = []
    for day in sorted(by_day):
        pairs = by_day[day]
        batch = PartitionBatch(
            context=context,
            partition_date=day,
            comments=tuple(c for c, _ in pairs),
            annotations=tuple(a for _, a in pairs),
            posts={c.post_url: posts[c.post_url] for c, _ in pairs},
        )
        days.append(DemoDay(day, batch, analyze_partition(batch)))
    return tuple(days)


def last_day(slug: str) -> date:
    return demo_days(slug)[-1].day


def window_days(slug: str, days: int | None) -> list[DemoDay]:
    """The partitions of the last ``days`` days (``None``: the whole history)."""
    every = demo_days(slug)
    if days is None:
        return list(every)
    first = every[-1].day - timedelta(days=days - 1)
    return [d for d in every if d.day >= first]


def window(slug: str, days: int | None) -> InsightResults:
    """What the dashboard shows for the window: rows merged, engagement added, Q10 rebuilt."""
    chosen = window_days(slug, days)
    posts: dict[str, PostItem] = {}
    for d in chosen:
        posts.update(d.batch.posts)
    metrics = [
        PostMetrics(
            post_url=p.post_url,
            platform=p.platform,
            created_at=p.created_at,
            likes=p.likes,
            comments_count=p.comments_count,
            shares=p.shares,
            views=p.views,
        )
        for p in posts.values()
    ]
    return summarize([d.row for d in chosen], metrics)


def window_batch(slug: str, days: int | None) -> PartitionBatch:
    """The window's comments as one partition (the whole-window analysis)."""
    chosen = window_days(slug, days)
    posts: dict[str, PostItem] = {}
    for d in chosen:
        posts.update(d.batch.posts)
    return PartitionBatch(
        context=chosen[0].batch.context,
        partition_date=chosen[-1].day,
        comments=tuple(c for d in chosen for c in d.batch.comments),
        annotations=tuple(a for d in chosen for a in d.batch.annotations),
        posts=posts,
    )


def figures(result: InsightResults) -> dict[str, object]:
    """What the README quotes for a window."""
    q10 = result.q10
    urgencies = Counter(r.urgencia for r in result.q9.recomendaciones)
    return {
        "alerta": q10.alerta_prioritaria,
        "hallazgo_1": q10.hallazgos_clave[0] if q10.hallazgos_clave else None,
        "top_5": [t.tema for t in result.q3.temas_principales[:5]],
        "criticas": result.q6.num_criticas,
        "48_horas": urgencies.get("48 horas", 0),
    }


def main(slugs: Sequence[str] = ()) -> None:
    for ficha in DEMO_CATALOG.fichas:
        if slugs and ficha.slug not in slugs:
            continue
        for days in (WINDOW_DAYS, None):
            label = f"{days} días" if days else "historial completo"
            print(f"== {ficha.name} · {label}")
            for name, value in figures(window(ficha.slug, days)).items():
                print(f"  {name}: {value}")


if __name__ == "__main__":
    main()
