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
        if self.seconds <= 0:
            return read()
        now = self.clock()
        with self._lock:
            found = self._entries.get(key)
        if found is not None and now - found[0] < self.seconds:
            return found[1]
        value = read()
        with self._lock:
            self._entries[key] = (now, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
