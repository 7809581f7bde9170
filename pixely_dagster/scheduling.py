"""The daily logic, shared by the schedule, the sensors and ``pixely run-daily``.

1. For each active ficha, one cheap fingerprint read decides whether its source must be
   read again (or whether an earlier failed run left unanalysed items behind).
2. After a snapshot, the ficha's days holding unanalysed items become ONE run request
   over the range first…last day; days inside the range with nothing new cost nothing.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from pixely_api.models import FichaCliente
from pixely_api.settings import get_settings
from pixely_dagster.sources.raw import SourceError, SourceReader
from pixely_dagster.warehouse import Warehouse


class SourceOpener(Protocol):
    """What opens a ficha's source (the Dagster ``SourceResource`` is one)."""

    def reader_for(self, ficha: FichaCliente) -> SourceReader: ...


@dataclass(frozen=True)
class SourceCheck:
    """What the schedule decided for one ficha."""

    slug: str
    read_source: bool
    reason: str
    fingerprint: str | None = None

    @property
    def message(self) -> str:
        return f"{self.slug}: {self.reason}"


def check_source(
    warehouse: Warehouse, sources: SourceOpener, ficha: FichaCliente, now: datetime
) -> SourceCheck:
    """Read the fingerprint only (never the sheet) and record ``last_checked_at``."""
    try:
        fingerprint: str | None = sources.reader_for(ficha).fingerprint()
    except SourceError as error:
        warehouse.record_check(ficha.id, now)
        return SourceCheck(ficha.slug, True, f"fingerprint unavailable ({error})")
    warehouse.record_check(ficha.id, now)
    if fingerprint != ficha.source_fingerprint:
        seen = "first read" if ficha.source_fingerprint is None else "source changed"
        return SourceCheck(ficha.slug, True, seen, fingerprint)
    pending = warehouse.pending_dates(ficha.id)
    if pending:
        return SourceCheck(
            ficha.slug,
            True,
            f"{len(pending)} day(s) with unanalysed items left by an earlier run",
            fingerprint,
        )
    since = ficha.source_fingerprint_at
    # Shown in the schedule's zone (PIXELY_TIMEZONE), never the server clock's zone.
    zone = ZoneInfo(get_settings().timezone)
    when = since.astimezone(zone).strftime("%Y-%m-%d %H:%M") if since else "its last read"
    return SourceCheck(ficha.slug, False, f"source unchanged since {when}", fingerprint)


@dataclass(frozen=True)
class AnalysisPlan:
    """One run for one ficha over the days that hold unanalysed items."""

    slug: str
    days: tuple[date, ...]

    @property
    def run_key_part(self) -> str:
        return f"{self.slug}:{self.days[0]}:{self.days[-1]}"

    def describe(self) -> str:
        first, last = self.days[0], self.days[-1]
        span = f"{first}" if first == last else f"{first} … {last}"
        return f"{len(self.days)} day(s) with new items ({span})"


def plan_analysis(warehouse: Warehouse, ficha: FichaCliente) -> AnalysisPlan | None:
    days = warehouse.pending_dates(ficha.id)
    return AnalysisPlan(ficha.slug, tuple(days)) if days else None
