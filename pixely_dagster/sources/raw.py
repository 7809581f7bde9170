"""What every source reader returns: the two sheets as raw cells, before validation.

Readers never interpret values (no number or date guessing): a cell is what the
source holds — ``str``, ``int``, ``float``, ``bool``, a ``datetime`` (from a workbook)
or ``None`` for an empty cell. Google Sheets date cells arrive as serial day counts
(``float``) because readers ask for ``dateTimeRenderOption=SERIAL_NUMBER``. Validation
(:mod:`pixely_dagster.sources.validation`) turns raw sheets into posts, comments and
rejected rows, identically for every source kind.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

Cell = str | int | float | bool | datetime | None

POSTS_SHEET = "Posts"
COMMENTS_SHEET = "Comments"
POST_COLUMNS = (
    "post_url",
    "platform",
    "created_at",
    "content",
    "likes",
    "comments_count",
    "shares",
)
OPTIONAL_POST_COLUMNS = ("views",)
COMMENT_COLUMNS = ("post_url", "comment_text", "ownerUsername", "created_at")


class SourceError(Exception):
    """The ficha's source cannot be used: unreadable, forbidden, or not in the contract.

    Fails that ficha only; never taken for an empty sheet.
    """


class SourceUnreadableError(SourceError):
    """Network, permission or quota: the source could not be read at all."""


class SourceContractError(SourceError):
    """A sheet or a required column is missing: the admin must fix the sheet."""


@dataclass(frozen=True)
class RawSheet:
    """One sheet: its header row and data rows, cells untouched.

    ``rows[i]`` is spreadsheet row ``i + 2`` (row 1 is the header); rows may be shorter
    than the header (trailing empty cells are not sent by Google).
    """

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...] = field(default=())


@dataclass(frozen=True)
class RawWorkbook:
    """Both sheets as read in one go, plus what identifies this version of the source."""

    source_label: str
    posts: RawSheet
    comments: RawSheet
    fingerprint: str


class SourceReader(Protocol):
    """Reads one ficha's source. ``fingerprint`` is cheap (metadata only)."""

    def fingerprint(self) -> str:
        """File SHA-256, or the Drive ``modifiedTime``; changes whenever the data can."""
        ...

    def read(self) -> RawWorkbook:
        """Both sheets, raw. Raises :class:`SourceError` subclasses, never returns empty
        sheets for a source it could not read."""
        ...
