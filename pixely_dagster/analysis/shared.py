"""What the Q1–Q9 computations share when they read one partition.

Plain loops over tuples and dictionaries: nothing here builds a model per comment,
so the ten modules stay fast on a partition of 100,000 comments.
"""

import heapq
import re
from collections import defaultdict
from collections.abc import Callable, Hashable
from functools import lru_cache, partial
from operator import attrgetter, itemgetter
from typing import TypeVar

from pixely_api.insights.context import BrandContext
from pixely_api.insights.evidence import Cita, clip
from pixely_api.insights.labels import PLATFORMS, ClaseTema, NarrativeFrame, Platform
from pixely_dagster.analysis.annotation import Annotation
from pixely_dagster.analysis.items import CommentItem, PartitionBatch
from pixely_dagster.analysis.offline.topics import lexicon

Q = TypeVar("Q", bound=Cita)
_PRUNE_SLACK = 32


def post_platforms(batch: PartitionBatch) -> dict[str, Platform]:
    """Every post the batch covers (commented or not) with its platform, sorted by URL.

    New posts with no comment appear in per-post parts with zero counts.
    """
    platforms = {url: post.platform for url, post in batch.posts.items()}
    for comment in batch.comments:
        platforms.setdefault(comment.post_url, comment.platform)
    return dict(sorted(platforms.items()))


@lru_cache(maxsize=65_536)
def username(handle: str) -> str:
    """``@Ana.Perez`` → ``ana.perez``: how authors and mentions are compared (memoised:
    the same few thousand authors come back on every comment)."""
    return handle.strip().lstrip("@").lower()


Quote = tuple[str, str, str]
"""A comment as quoted: (post_url, author, clipped text); also its identity as a quote."""


def quote_of(comment: CommentItem) -> Quote:
    """Compute once per comment, offer to as many groups as needed."""
    return (comment.post_url, username(comment.author), clip(comment.text))


class QuotePicker:
    """The best ``limit`` comments per group, in the order :class:`Cita` ranks them.

    Each distinct quote counts once per group with its best score, so picking from a
    whole batch gives what merging per-day picks gives. Groups are pruned back to
    ``limit`` as they grow: a pruned quote could only come back with a better score.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._cap = limit + _PRUNE_SLACK
        self._best: dict[Hashable, dict[Quote, tuple[float, str, str, str]]] = defaultdict(dict)

    def offer(self, group: Hashable, score: float, quote: Quote) -> None:
        """Consider ``quote`` for ``group`` with ``score`` (higher is better)."""
        seen = self._best[group]
        url, author, text = quote
        rank = (-score, text, author, url)
        current = seen.get(quote)
        if current is None or rank < current:
            seen[quote] = rank
            if len(seen) > self._cap:
                kept = heapq.nsmallest(self.limit, seen.items(), key=itemgetter(1))
                self._best[group] = dict(kept)

    def groups(self) -> list[Hashable]:
        """Groups that received at least one comment."""
        return list(self._best)

    def pick(self, group: Hashable, make: Callable[..., Q] = Cita) -> list[Q]:
        """The best quotes of ``group``, built with ``make`` (Cita or a subclass)."""
        ranked = heapq.nsmallest(self.limit, self._best.get(group, {}).values())
        return [
            make(texto=text, autor=author, post_url=url, puntuacion=-neg_score)
            for neg_score, text, author, url in ranked
        ]

    def examples(self, make: type[Q], label_field: str | None = None) -> dict[Platform, list[Q]]:
        """Stored example lists from groups ``(platform, label)``: the best quotes of each
        label, with ``label`` set on ``label_field``, each platform's list ranked."""
        found: dict[Platform, list[Q]] = defaultdict(list)
        for group in self.groups():
            platform, label = group
            build = partial(make, **{label_field: label}) if label_field else make
            found[platform].extend(self.pick(group, build))
        return {p: sorted(found[p], key=attrgetter("rank")) for p in PLATFORMS if p in found}


_FOLD = str.maketrans(
    "áéíóúüàèìòùâêîôûäëïöãõåñç", "aeiouuaeiouaeiouaeioaoanc", "\u0301\u0300\u0302\u0308\u0303"
)


def _folded(text: str) -> str:
    """Lowercase without accents (precomposed or combining): how competitor names are
    looked for in a comment."""
    return text.lower().translate(_FOLD)


DISTINCTIVE_LENGTH = 5
"""A word of a competitor's name names it alone from this length, unless it is an
aspect word or a word of the brand's own name («café» in «Qosqo Café» does not)."""


class Aspects:
    """A comment's aspects as the modules count them: the annotation's topics plus the
    ficha's competitors the comment names (``BrandContext.competitors``), each with its
    class: ``competidor``, ``lugar`` (the place lexicon) or ``aspecto``.

    A competitor is recognised by its full name or by a distinctive word of it
    («Vértice Athletics», «vértice»), in any case, written with or without its accents.
    """

    def __init__(self, context: BrandContext) -> None:
        self.places = lexicon().places
        self.competitors = tuple(name.strip() for name in context.competitors if name.strip())
        patterns: dict[str, str] = {}
        own = set(re.findall(r"\w+", _folded(context.brand_name)))
        common = lexicon().words.keys() | own
        for name in self.competitors:
            for spelled in {name.lower(), _folded(name)}:
                words = [
                    w
                    for w in re.findall(r"\w+", spelled)
                    if len(w) >= DISTINCTIVE_LENGTH and _folded(w) not in common
                ]
                for form in {spelled, *words}:
                    patterns.setdefault(form, name)
        self._names = patterns
        self._pattern = (
            re.compile(r"\b(" + "|".join(map(re.escape, sorted(patterns, key=len)[::-1])) + r")\b")
            if patterns
            else None
        )
        self._cache: dict[str, tuple[str, ...]] = {}
        self._last: tuple[tuple[CommentItem, ...], list[tuple[str, ...]]] | None = None

    def of(self, comment: CommentItem, annotation: Annotation) -> tuple[str, ...]:
        """Distinct aspects of one comment, the annotation's first."""
        topics = annotation.topics
        if len(topics) > 1:
            topics = tuple(dict.fromkeys(topics))
        if self._pattern is None:
            return topics
        text = comment.text
        rivals = self._cache.get(text)
        if rivals is None:
            found = self._pattern.findall(text.lower())
            rivals = tuple(dict.fromkeys(self._names[f] for f in found)) if found else ()
            if len(self._cache) < 200_000:
                self._cache[text] = rivals
        return tuple(dict.fromkeys((*topics, *rivals))) if rivals else topics

    def all(self, batch: PartitionBatch) -> list[tuple[str, ...]]:
        """Every comment's aspects, computed once per partition for all the modules."""
        if self._last is not None and self._last[0] is batch.comments:
            return self._last[1]
        found = [self.of(c, a) for c, a in zip(batch.comments, batch.annotations, strict=True)]
        self._last = (batch.comments, found)
        return found

    @staticmethod
    @lru_cache(maxsize=8)
    def of_context(context: BrandContext) -> "Aspects":
        """One reader per brand context, so the modules of a partition share its cache."""
        return Aspects(context)

    def kind(self, aspect: str) -> ClaseTema:
        """What an aspect is: a competitor, a place or something about the brand."""
        if aspect in self.competitors:
            return "competidor"
        if aspect in self.places:
            return "lugar"
        return "aspecto"


ASPIRATION = re.compile(
    r"\bojal[aá]\b|\balg[uú]n d[ií]a\b|\bsueñ[oa]s? con\b|\bsoñando con\b|\bme encantar[ií]a\b"
    r"|\bquisiera\b|\b(lo|la|los|las)? ?quiero\b(?! mi\b)|\bme (lo|la|los|las) voy a comprar\b"
    r"|\b(apenas|cuando) me paguen\b|\bcon el aguinaldo\b"
    r"|\bmi (meta|sueño|objetivo|próximo reto|proximo reto)\b|\bcuando sea grande\b"
    r"|\bsome ?day\b|\bone day\b|\bi wish\b|\bdream(ing)? of\b|\bcan'?t wait to\b",
    re.IGNORECASE,
)
"""What an aspiration sounds like: a wish, a goal or a purchase the commenter looks
forward to («quiero…» but not «quiero mi reembolso», «ojalá», «algún día», «sueño con»,
«apenas me paguen me lo compro»)."""


_ASPIRES: dict[str, bool] = {}


def aspires(text: str) -> bool:
    """Whether a text voices a wish or a goal (:data:`ASPIRATION`), memoised: Q4 and Q9
    both ask for every comment."""
    found = _ASPIRES.get(text)
    if found is None:
        found = ASPIRATION.search(text) is not None
        if len(_ASPIRES) < 200_000:
            _ASPIRES[text] = found
    return found


def frame_of(comment: CommentItem, annotation: Annotation) -> NarrativeFrame | None:
    """A comment's narrative frame: aspirational when it voices a wish or a goal and is
    neither negative nor a complaint (the annotator's aspiration cues count too); else
    the annotator's positive / negative frame."""
    hopeful = annotation.sentiment != "negative" and not annotation.is_complaint
    if hopeful and (annotation.frame == "aspiracional" or aspires(comment.text)):
        return "aspiracional"
    if annotation.frame == "aspiracional":
        return "positivo" if annotation.polarity >= 0 else "negativo"
    return annotation.frame
