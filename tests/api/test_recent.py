"""Answers the API re-reads at most every few seconds: kept that long, no longer, and
forgotten on demand (the app does so after each of its own writes)."""

from pixely_api.app.recent import RecentlyRead


class Reader:
    """Counts reads and answers with the count."""

    def __init__(self) -> None:
        self.reads = 0

    def __call__(self) -> int:
        self.reads += 1
        return self.reads


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_an_answer_is_kept_for_its_seconds_then_read_again() -> None:
    clock, read = Clock(), Reader()
    recent: RecentlyRead[int] = RecentlyRead(1.0, clock=clock)
    assert recent.get_or_read("k", read) == 1
    clock.now += 0.9
    assert recent.get_or_read("k", read) == 1
    clock.now += 0.2
    assert recent.get_or_read("k", read) == 2
    assert read.reads == 2


def test_keys_are_kept_apart_and_clear_forgets_everything() -> None:
    clock, read = Clock(), Reader()
    recent: RecentlyRead[int] = RecentlyRead(60.0, clock=clock)
    assert [recent.get_or_read(k, read) for k in ("a", "b", "a")] == [1, 2, 1]
    recent.clear()
    assert recent.get_or_read("a", read) == 3


def test_zero_seconds_reads_every_time_and_the_size_is_bounded() -> None:
    read = Reader()
    every: RecentlyRead[int] = RecentlyRead(0.0)
    assert [every.get_or_read("k", read) for _ in range(3)] == [1, 2, 3]
    small: RecentlyRead[int] = RecentlyRead(60.0, size=2, clock=Clock())
    for key in ("a", "b", "c"):
        small.get_or_read(key, read)
    before = read.reads
    small.get_or_read("a", read)
    assert read.reads == before + 1


def test_an_answer_read_while_a_write_clears_is_not_kept() -> None:
    """A write committed during a read makes that read's answer unreliable: used once by
    its request, never kept for the next."""
    recent: RecentlyRead[int] = RecentlyRead(60.0, clock=Clock())
    reads = Reader()

    def read_during_a_write() -> int:
        recent.clear()
        return reads()

    assert recent.get_or_read("k", read_during_a_write) == 1
    assert recent.get_or_read("k", reads) == 2
    assert recent.get_or_read("k", reads) == 2
