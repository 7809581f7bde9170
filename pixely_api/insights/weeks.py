"""ISO weeks: the unit of Q4's and Q8's weekly series."""

from datetime import date

WEEK_PATTERN = r"^\d{4}-W\d{2}$"


def iso_week(day: date) -> str:
    """``2025-W03``: sorts as text in calendar order and merges across rows."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"
