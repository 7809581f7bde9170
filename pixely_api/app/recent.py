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
        self._reading: dict[Hashable, threading.Lock] = {}
        self._generation = 0
        """Bumped by :meth:`clear`: an answer read before a clear is not kept after it."""

    def get_or_read(self, key: Hashable, read: Callable[[], V]) -> V:
        """The answer read less than ``seconds`` ago, or ``read()``'s (kept). Requests
        that find the same key expired together wait for one read instead of each
        reading (every second, all the requests of a busy dashboard would)."""
        found = self.kept(key)
        if found is not NOT_KEPT:
            return found  # type: ignore[return-value]
        with self._lock:
            reading = self._reading.setdefault(key, threading.Lock())
        with reading:
            found = self.kept(key)
            if found is not NOT_KEPT:
                return found  # type: ignore[return-value]
            with self._lock:
                generation = self._generation
            read_at = self.clock()
            value = read()
            with self._lock:
                if generation == self._generation:
                    self._store(key, value, read_at)
                self._reading.pop(key, None)
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

    def _store(self, key: Hashable, value: V, read_at: float) -> None:
        """Keep ``value`` (call with the lock held)."""
        if self.seconds <= 0:
            return
        self._entries[key] = (read_at, value)
        self._entries.move_to_end(key)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._generation += 1
