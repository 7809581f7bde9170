"""Move a demo workbook's dates so its last day is a chosen day (yesterday, for `pixely demo`).

The bundled workbooks end on a fixed date; a fresh demo would otherwise show an empty
"últimos 7 días". `pixely demo` copies each workbook once through
:func:`shift_workbook` and never shifts that copy again (a second shift would make
every comment look new to the ledger).

Only the calendar date of each ``created_at`` changes, by the same whole number of
days, and each value keeps its exact form: text with an offset keeps the offset, ``Z``
stays ``Z``, naive stays naive, the time of day is untouched, and values that are not
ISO 8601 dates (the planted ``"ayer"``) are copied as they are. Other cells are not
touched, so the deliberately bad rows stay bad.
"""

import re
from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

CREATED_AT = "created_at"

_LEADING_DATE = re.compile(r"^(\s*)(\d{4}-\d{2}-\d{2})")


def shift_workbook(src: Path, dst: Path, last_day: date) -> int:
    """Copy ``src`` to ``dst`` with every ``created_at`` moved so the latest day is ``last_day``.

    The latest day is the greatest calendar date as written in any sheet's
    ``created_at`` column (the demo generator keeps written dates within the ficha's
    local days). Returns the number of days moved (negative moves back). Raises
    ``ValueError`` when no sheet has a parsable ``created_at``.
    """
    workbook = load_workbook(src)
    columns = [(sheet, _created_at_column(sheet)) for sheet in workbook.worksheets]
    columns = [(sheet, column) for sheet, column in columns if column is not None]
    written = [
        day
        for sheet, column in columns
        for (value,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column, values_only=True)
        if (day := written_day(value)) is not None
    ]
    if not written:
        raise ValueError(f"{src} has no parsable {CREATED_AT} value to shift")
    days = (last_day - max(written)).days
    for sheet, column in columns:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.value = shifted(cell.value, days)
    dst.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(dst)
    return days


def written_day(value: object) -> date | None:
    """The calendar date a ``created_at`` cell shows, or ``None`` if it is not a date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = _iso_date(value)
    return date.fromisoformat(match.group(2)) if match else None


def shifted(value: object, days: int) -> object:
    """``value`` moved by ``days`` in the same form; anything unparsable comes back unchanged."""
    if isinstance(value, date):
        return value + timedelta(days=days)
    match = _iso_date(value)
    if match is None:
        return value
    moved = (date.fromisoformat(match.group(2)) + timedelta(days=days)).isoformat()
    return f"{match.group(1)}{moved}{match.string[match.end() :]}"


def _iso_date(value: object) -> re.Match[str] | None:
    """The leading ``YYYY-MM-DD`` of an ISO 8601 text, or ``None`` for anything else."""
    if not isinstance(value, str):
        return None
    match = _LEADING_DATE.match(value)
    return match if match and _is_iso(value) else None


def _is_iso(text: str) -> bool:
    """Whether Python reads ``text`` as ISO 8601 (``Z``, offsets and naive forms alike)."""
    try:
        datetime.fromisoformat(text.strip())
    except ValueError:
        return False
    return True


def _created_at_column(sheet: Worksheet) -> int | None:
    """1-based index of the ``created_at`` header (trimmed, case-insensitive), if any."""
    for cell in next(sheet.iter_rows(min_row=1, max_row=1), ()):
        if isinstance(cell.value, str) and cell.value.strip().lower() == CREATED_AT:
            return cell.column
    return None
