"""Database answers the API re-reads at most every few seconds.

Every request must know that its user is still active and what its window's summary
depends on; read from the database each time, those checks cost more than serving a
cached summary. :class:`RecentlyRead` keeps each answer for
``PIXELY_API_RECHECK_SECONDS`` (1 s by default, 0 = every request), and the app forgets
them all whenever the API itself commits a write, so a user or ficha deactivated through
the API is refused at once; a change made elsewhere (the CLI, the daily pipeline) is
seen within those seconds.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class NotKept:
    """What :meth:`RecentlyRead.kept` answers for a key it has no fresh answer for (an
    answer may itself be ``None``)."""


NOT_KEPT = NotKept()


class RecentlyRead(Generic[V]):
    """A bounded, thread-safe map of answers that expire ``seconds`` after being read."""

    def __init__(
        self, seconds: float, size: int = 4096, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.seconds = seconds
        self.size = size
        self.clock = clock
        self._entries: OrderedDict[Hashable, tuple[float, V]] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_read(self, key: Hashable, read: Callable[[], V]) -> V:
        """The answer read less than ``seconds`` ago, or ``read()``'s (kept)."""
        found = self.kept(key)
        if found is not NOT_KEPT:
            return found  # type: ignore[return-value]
        read_at = self.clock()
        value = read()
        self.keep(key, value, read_at)
        return value

    def kept(self, key: Hashable) -> "V | NotKept":
        """The answer read less than ``seconds`` ago, or :data:`NOT_KEPT`."""
        if self.seconds <= 0:
            return NOT_KEPT
        with self._lock:
            found = self._entries.get(key)
        if found is not None and self.clock() - found[0] < self.seconds:
            return found[1]
        return NOT_KEPT

    def keep(self, key: Hashable, value: V, read_at: float | None = None) -> None:
        """Keep ``value`` as read at ``read_at`` (default: now)."""
        if self.seconds <= 0:
            return
        with self._lock:
            self._entries[key] = (self.clock() if read_at is None else read_at, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
