"""Bounded memos for per-token work: tokens repeat far more than comments do.

Most of the annotator's steps ask the same question of each token (its reading, its
aspect, its language votes, the cues it can open). A :class:`Memo` answers each once;
known tokens are then plain dict hits, which ``map(memo.__getitem__, tokens)`` runs in
C without a Python call per token.
"""

from collections.abc import Callable
from typing import Generic, TypeVar

CACHE_LIMIT = 200_000
"""Entries kept per memo, so a stream of one-off tokens cannot grow it without bound."""

K = TypeVar("K")
V = TypeVar("V")


class Memo(dict[K, V], Generic[K, V]):
    """A dict that computes a missing value with ``compute`` and keeps it (up to a limit)."""

    def __init__(self, compute: Callable[[K], V], limit: int = CACHE_LIMIT) -> None:
        super().__init__()
        self._compute = compute
        self._limit = limit

    def __missing__(self, key: K) -> V:
        value = self._compute(key)
        if len(self) < self._limit:
            self[key] = value
        return value
