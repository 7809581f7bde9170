"""ISO weeks: the unit of Q4's and Q8's weekly series."""

from collections.abc import Hashable
from datetime import date
from typing import Any

from pydantic import Field

from pixely_api.insights.merging import Additive

WEEK_PATTERN = r"^\d{4}-W\d{2}$"


def iso_week(day: date) -> str:
    """``2025-W03``: sorts as text in calendar order and merges across rows."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


class WeeklyEntry(Additive):
    """One week of a weekly series: rows of the same ISO week sum, weeks list in order."""

    semana: str = Field(pattern=WEEK_PATTERN, description="Semana ISO, p. ej. 2025-W03.")

    @property
    def key(self) -> Hashable:
        return self.semana

    @property
    def rank(self) -> tuple[Any, ...]:
        return (self.semana,)
