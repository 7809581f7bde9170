"""The dashboard's periods: presets resolved to dates in the ficha's own timezone.

Part of the contract because both sides use them: the dashboard offers them, and the API
keeps every ficha's landing view (:data:`DEFAULT_PRESET`) ready in its summary cache.
"""

from datetime import date, datetime, timedelta
from typing import Literal, get_args
from zoneinfo import ZoneInfo

Preset = Literal["last_7", "last_30", "all_time", "custom"]
PRESETS: tuple[Preset, ...] = get_args(Preset)
DEFAULT_PRESET: Preset = "last_30"
HISTORY_START = date(2000, 1, 1)
""""Todo el histórico" asks from here: before any partition the pipeline can hold."""


def today_in(timezone: str, now: datetime) -> date:
    """The ficha's calendar day: comments are mapped to days in its timezone."""
    return now.astimezone(ZoneInfo(timezone)).date()


def resolve(
    preset: Preset, today: date, custom: tuple[date, date] | None = None
) -> tuple[date, date]:
    """Both ends included: «Últimos 7 días» is today and the six days before it."""
    if preset == "last_7":
        return today - timedelta(days=6), today
    if preset == "last_30":
        return today - timedelta(days=29), today
    if preset == "all_time":
        return HISTORY_START, today
    if custom is None:
        raise ValueError("a custom period needs its two dates")
    first, last = custom
    return (first, last) if first <= last else (last, first)
