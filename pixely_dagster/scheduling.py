"""The daily logic, shared by the schedule, the sensors and ``pixely run-daily``.

1. For each active ficha, one cheap fingerprint read decides whether its source must be
   read again (or whether an earlier failed run left unanalysed items behind).
2. After a snapshot, the ficha's days holding unanalysed items become ONE run request
   over the range first…last day; days inside the range with nothing new cost nothing.
3. Days whose current rows count comments the sheet no longer holds (edited or deleted
   rows, withdrawn by the snapshot) are re-analysed over their current items: a run
   tagged ``pixely/reanalyze=true`` per block of consecutive days, requested before (2).
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
    pending = sorted(set(warehouse.pending_dates(ficha.id)) | set(warehouse.stale_dates(ficha.id)))
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
    when = f"{since.astimezone(zone):%Y-%m-%d %H:%M} {zone.key}" if since else "its last read"
    return SourceCheck(ficha.slug, False, f"source unchanged since {when}", fingerprint)


@dataclass(frozen=True)
class AnalysisPlan:
    """One run for one ficha over the days that hold unanalysed items."""

    slug: str
    days: tuple[date, ...]
    reanalysis: bool = False

    @property
    def run_key_part(self) -> str:
        kind = ":reanalyze" if self.reanalysis else ""
        return f"{self.slug}:{self.days[0]}:{self.days[-1]}{kind}"

    def describe(self) -> str:
        first, last = self.days[0], self.days[-1]
        span = f"{first}" if first == last else f"{first} … {last}"
        what = "with withdrawn comments, re-analysed" if self.reanalysis else "with new items"
        return f"{len(self.days)} day(s) {what} ({span})"


def plan_analysis(warehouse: Warehouse, ficha: FichaCliente) -> AnalysisPlan | None:
    days = warehouse.pending_dates(ficha.id)
    return AnalysisPlan(ficha.slug, tuple(days)) if days else None


def plan_reanalysis(warehouse: Warehouse, ficha: FichaCliente) -> list[AnalysisPlan]:
    """One re-analysis per block of consecutive stale days: a range run re-analyses every
    day it spans, so two edits a month apart must not re-analyse the month between."""
    plans: list[list[date]] = []
    for day in warehouse.stale_dates(ficha.id):
        if plans and (day - plans[-1][-1]).days == 1:
            plans[-1].append(day)
        else:
            plans.append([day])
    return [AnalysisPlan(ficha.slug, tuple(days), reanalysis=True) for days in plans]


def plan_runs(warehouse: Warehouse, ficha: FichaCliente) -> list[AnalysisPlan]:
    """Every analysis run the ficha needs now: re-analyses first (they cover the new items
    of their days too), then one range run over the days still holding new items."""
    plans = plan_reanalysis(warehouse, ficha)
    covered = {day for plan in plans for day in plan.days}
    pending = [day for day in warehouse.pending_dates(ficha.id) if day not in covered]
    if pending:
        plans.append(AnalysisPlan(ficha.slug, tuple(pending)))
    return plans
