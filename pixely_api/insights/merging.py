"""How stored results combine: the merge algebra shared by every insight schema.

Rows of different days and runs merge by key: per-post parts by ``post_url``, ranked
entries (topics, authors, aspects, weeks, quotes) by their own key. Entries that share
a key are combined, then the list is re-ranked. Counted lists (topics, authors,
aspects) are stored whole, so a window's count of anything is a recount; only quotes
keep their best few per group (``LIMIT``), which is exact too: the best few of a union
are among the best few of its parts. Combining is associative and commutative and every
ranking is a total order, so any grouping of the same rows merges to the same result
(up to float rounding), which is what lets the API merge any date window.
"""

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from operator import attrgetter
from typing import Any, ClassVar, Self, TypeVar

from pydantic import BaseModel, ConfigDict

from pixely_api.insights.labels import PLATFORMS, Platform


class Fusionable(BaseModel):
    """An entry of a stored list: it knows its key, how it ranks and how it combines.

    ``LIMIT`` keeps at most that many entries per :attr:`group` after a merge (``None``:
    keep all); stored lists are cut the same way when a partition is analysed, so a
    merge never keeps an entry the analysis of the whole would have dropped.
    """

    model_config = ConfigDict(frozen=True)

    LIMIT: ClassVar[int | None] = None

    @property
    def key(self) -> Hashable:
        """Entries with equal keys are the same thing seen in different rows."""
        raise NotImplementedError

    @property
    def rank(self) -> tuple[Any, ...]:
        """Sort key, best first; must be a total order (end with the key's parts)."""
        raise NotImplementedError

    @property
    def group(self) -> Hashable:
        """The bucket ``LIMIT`` applies to (one bucket unless a subclass says otherwise)."""
        return None

    @classmethod
    def combine(cls, items: Sequence[Self]) -> Self:
        """One entry from several with the same key."""
        raise NotImplementedError


class Additive(Fusionable):
    """An entry whose fields all combine field by field (see :func:`combine_values`).

    Subclasses store only what adds up: counts, sums, per-label dictionaries of sums,
    lists of :class:`Fusionable`, one optional best :class:`Fusionable`, and identity
    fields that are equal for equal keys.
    """

    @classmethod
    def combine(cls, items: Sequence[Self]) -> Self:
        return combine_models(items)


F = TypeVar("F", bound=Fusionable)
M = TypeVar("M", bound=BaseModel)
K = TypeVar("K", bound=Hashable)


def combine_values(values: Sequence[Any]) -> Any:
    """Combine one field's values across entries with the same key.

    Numbers sum; dictionaries sum per key; lists of plain strings are sets (their sorted
    union: who wrote about a topic, counted once however many days they wrote); other
    lists of entries :func:`fuse`; a single
    optional entry keeps the best-ranked one; a nested model combines field by field;
    anything else (an identity field such as ``post_url``) keeps the first value.
    """
    present = [value for value in values if value is not None]
    if not present:
        return None
    first = present[0]
    if isinstance(first, int | float):
        return sum(present)
    if isinstance(first, dict):
        return sum_dicts(present)
    if isinstance(first, list):
        if all(isinstance(item, str) for value in present for item in value):
            return sorted(set().union(*present))
        return fuse(present)
    if isinstance(first, Fusionable):
        return min(present, key=attrgetter("rank"))
    if isinstance(first, BaseModel):
        return combine_models(present)
    return first


def combine_models(items: Sequence[M]) -> M:
    """Field-by-field :func:`combine_values` of models of one type."""
    model = type(items[0])
    return model(
        **{
            name: combine_values([getattr(item, name) for item in items])
            for name in model.model_fields
        }
    )


def sum_dicts(dicts: Iterable[Mapping[K, float]]) -> dict[K, Any]:
    """Per-key sums; keys keep the order they first appear in."""
    total: dict[K, Any] = {}
    for values in dicts:
        for key, value in values.items():
            total[key] = total.get(key, 0) + value
    return total


def fuse(lists: Iterable[Iterable[F]]) -> list[F]:
    """Merge lists of entries: combine equal keys, re-rank, keep ``LIMIT`` per group."""
    groups: dict[Hashable, list[F]] = {}
    for items in lists:
        for item in items:
            groups.setdefault(item.key, []).append(item)
    if not groups:
        return []
    merged = [
        same[0] if len(same) == 1 else type(same[0]).combine(same) for same in groups.values()
    ]
    merged.sort(key=attrgetter("rank"))
    return cut(merged)


def cut(ranked: Sequence[F]) -> list[F]:
    """Keep the first ``LIMIT`` entries of each group of an already ranked list."""
    if not ranked:
        return []
    limit = type(ranked[0]).LIMIT
    if limit is None:
        return list(ranked)
    kept: list[F] = []
    seen: Counter[Hashable] = Counter()
    for item in ranked:
        if seen[item.group] < limit:
            kept.append(item)
            seen[item.group] += 1
    return kept


def fuse_by_platform(maps: Iterable[Mapping[Platform, Sequence[F]]]) -> dict[Platform, list[F]]:
    """:func:`fuse` each platform's lists; platforms in their canonical order."""
    per_platform: dict[Platform, list[Sequence[F]]] = {}
    for mapping in maps:
        for platform, items in mapping.items():
            per_platform.setdefault(platform, []).append(items)
    merged = {p: fuse(per_platform[p]) for p in PLATFORMS if p in per_platform}
    return {p: items for p, items in merged.items() if items}


def weighted_mean(pairs: Iterable[tuple[float, float]]) -> float:
    """Mean of ``(value, weight)`` pairs; the plain mean when every weight is zero."""
    pairs = list(pairs)
    if not pairs:
        return 0.0
    total = sum(weight for _, weight in pairs)
    if total <= 0:
        return sum(value for value, _ in pairs) / len(pairs)
    return sum(value * weight for value, weight in pairs) / total


def ratio(part: float, whole: float) -> float:
    """``part / whole``, 0 for an empty whole (no comments is not an error)."""
    return part / whole if whole else 0.0


def percent(part: float, whole: float) -> float:
    """``100 * part / whole``, 0 for an empty whole."""
    return 100.0 * ratio(part, whole)


SCORE_DIGITS = 6


def on_scale(value: float, low: float, high: float) -> float:
    """A score clamped onto ``[low, high]`` (re-weighting can step out by float noise)."""
    return max(low, min(high, value))


def settled(score: float) -> float:
    """A score as bands and rankings read it: rounded to 1e-6.

    Re-weighted means carry float noise that depends on the order rows merge in;
    without this, 70 could read as 69.99999999999999 and fall into the band below.
    """
    return round(score, SCORE_DIGITS)


def mean_dict(sums: Mapping[K, float], count: float, scale: float = 1.0) -> dict[K, float]:
    """Per-key ``scale * sum / count`` (0 everywhere when ``count`` is 0)."""
    return {key: scale * ratio(value, count) for key, value in sums.items()}


def argmax(values: Mapping[K, float], order: Sequence[K]) -> K | None:
    """The label with the highest positive value; ties go to the earlier label in ``order``."""
    best: K | None = None
    for label in order:
        if values.get(label, 0.0) > (values.get(best, 0.0) if best is not None else 0.0):
            best = label
    return best
