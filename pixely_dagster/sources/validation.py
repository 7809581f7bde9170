"""The source data contract (README.md): raw sheets → posts, comments, rejected rows.

Every source kind goes through here, so a rule holds the same for a workbook, two CSVs
or a Google Sheet. A bad row never holds back a good one: it is returned as a
:class:`RejectedSourceRow` with a reason in plain English. Only a missing required
column fails the whole ficha (:class:`SourceContractError`).
"""

import hashlib
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from pixely_api.clock import utcnow
from pixely_api.insights.labels import PLATFORMS
from pixely_dagster.sources.identity import (
    comment_key,
    normalize_post_url,
    normalize_text,
    normalize_username,
)
from pixely_dagster.sources.raw import (
    COMMENT_COLUMNS,
    COMMENTS_SHEET,
    OPTIONAL_POST_COLUMNS,
    POST_COLUMNS,
    POSTS_SHEET,
    Cell,
    RawSheet,
    RawWorkbook,
    SourceContractError,
)

SHEETS_EPOCH = datetime(1899, 12, 30)
# ASCII digits only: ``str.isdigit`` and ``\d`` also accept "²" or "١٢", which ``int``
# either refuses (a crash, not a rejected row) or reads as a number nobody wrote plainly.
_PLAIN = re.compile(r"^[0-9]+$")
_THOUSANDS_COMMA = re.compile(r"^[0-9]{1,3}(,[0-9]{3})+$")
_THOUSANDS_DOT = re.compile(r"^[0-9]{1,3}(\.[0-9]{3})+$")
_SUFFIXED = re.compile(r"^([0-9]+(?:[.,][0-9]+)?)\s*([kKmM])$")
_SUFFIX_FACTOR = {"k": 1_000, "m": 1_000_000}


class InvalidCell(ValueError):
    """A cell that breaks the contract; the message is the quarantine reason."""


@dataclass(frozen=True)
class ValidPost:
    post_key: str
    post_url: str
    platform: str
    created_at: datetime
    partition_date: date
    content: str
    likes: int
    comments_count: int
    shares: int
    views: int | None
    row_number: int


@dataclass(frozen=True)
class ValidComment:
    comment_key: str
    post_key: str
    platform: str
    author: str
    text: str
    created_at: datetime
    partition_date: date
    is_brand_reply: bool
    row_number: int


@dataclass(frozen=True)
class RejectedSourceRow:
    sheet: str
    row_number: int
    raw_values: dict[str, Any]
    reason: str

    @property
    def row_hash(self) -> str:
        """Identity in the quarantine: the row's raw values, not its position."""
        material = json.dumps(self.raw_values, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(material.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ValidatedSource:
    """What a source read yields once validated."""

    source_label: str
    fingerprint: str
    posts: tuple[ValidPost, ...]
    comments: tuple[ValidComment, ...]
    rejected: tuple[RejectedSourceRow, ...]
    duplicate_comments: int = 0
    empty_rows: int = 0

    @property
    def brand_replies(self) -> int:
        return sum(1 for c in self.comments if c.is_brand_reply)


@dataclass(frozen=True)
class ValidationRules:
    """The ficha-specific parts of the contract."""

    timezone: str
    start_date: date
    brand_handles: frozenset[tuple[str, str]] = frozenset()
    today: date | None = None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def latest_allowed_day(self) -> date:
        """Tomorrow in the ficha's timezone: a row dated after it is a typo."""
        today = self.today or utcnow().astimezone(self.zone).date()
        return today + timedelta(days=1)


def brand_handle_pairs(handles: Iterable[str]) -> frozenset[tuple[str, str]]:
    """The ficha's stored ``'platform:handle'`` entries as ``(platform, handle)`` pairs."""
    pairs = (entry.partition(":") for entry in handles)
    return frozenset((platform, normalize_username(handle)) for platform, _, handle in pairs)


def _shown(cell: Cell) -> str:
    return repr(cell) if isinstance(cell, str) else str(cell)


def parse_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def parse_required_text(cell: Cell, column: str) -> str:
    value = parse_text(cell).strip()
    if not value:
        raise InvalidCell(f"{column} is empty")
    return value


def parse_count(cell: Cell, column: str, *, required: bool = True) -> int | None:
    """A whole number ≥ 0, written plainly (``1234``, ``1,234``, ``1.234``) or with a
    ``K``/``M`` suffix (``1.2K``, ``1,5M``). Anything else is rejected, never guessed:
    ``1,5`` is not a count, and neither is ``1e3``."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        if required:
            raise InvalidCell(f"{column} is empty")
        return None
    if isinstance(cell, bool | datetime):
        raise InvalidCell(f"{column} {_shown(cell)} is not a number")
    if isinstance(cell, int):
        value = cell
    elif isinstance(cell, float):
        if not math.isfinite(cell) or not cell.is_integer():
            raise InvalidCell(f"{column} {cell} is not a whole number")
        value = int(cell)
    else:
        value = _parse_count_text(cell.strip(), column)
    if value < 0:
        raise InvalidCell(f"{column} {value} is negative")
    return value


def _parse_count_text(text: str, column: str) -> int:
    sign, digits = 1, text
    if text[:1] in ("+", "-"):  # one sign at most: "+-5" is not a number
        sign, digits = (-1 if text[0] == "-" else 1), text[1:].strip()
    if _PLAIN.match(digits):
        return sign * int(digits)
    if _THOUSANDS_COMMA.match(digits):
        return sign * int(digits.replace(",", ""))
    if _THOUSANDS_DOT.match(digits):
        return sign * int(digits.replace(".", ""))
    suffixed = _SUFFIXED.match(digits)
    if suffixed:
        scaled = (
            float(suffixed.group(1).replace(",", ".")) * _SUFFIX_FACTOR[suffixed.group(2).lower()]
        )
        if abs(scaled - round(scaled)) > 1e-6:
            raise InvalidCell(f"{column} {text!r} is not a whole number")
        return sign * round(scaled)
    if re.fullmatch(r"[0-9]+[.,][0-9]+", digits):
        raise InvalidCell(f"{column} {text!r} is not a whole number")
    raise InvalidCell(f"{column} {text!r} is not a number")


def parse_instant(cell: Cell, column: str, zone: ZoneInfo) -> datetime:
    """ISO 8601 text (offset, ``Z`` or naive = the ficha's timezone), a workbook date
    cell, or a Google Sheets date serial (days since 1899-12-30, in the ficha's zone)."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        raise InvalidCell(f"{column} is empty")
    if isinstance(cell, bool):
        raise InvalidCell(f"{column} {cell} is not an ISO 8601 date")
    if isinstance(cell, datetime):
        moment = cell
    elif isinstance(cell, int | float):
        if not math.isfinite(cell) or not 1 <= cell < 2_958_466:
            raise InvalidCell(f"{column} {cell} is not a date serial number")
        moment = SHEETS_EPOCH + timedelta(seconds=round(float(cell) * 86_400))
    else:
        try:
            moment = datetime.fromisoformat(cell.strip())
        except ValueError:
            raise InvalidCell(f"{column} {cell!r} is not an ISO 8601 date") from None
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment


def _in_range(moment: datetime, column: str, rules: ValidationRules) -> date:
    """The instant's calendar day in the ficha's zone, if the contract allows it."""
    day = moment.astimezone(rules.zone).date()
    latest = rules.latest_allowed_day()
    if day > latest:
        raise InvalidCell(
            f"{column} {moment.isoformat()} is after tomorrow ({latest.isoformat()} "
            f"in {rules.timezone})"
        )
    if day < rules.start_date:
        raise InvalidCell(
            f"{column} {moment.isoformat()} is before the first partition date "
            f"{rules.start_date.isoformat()}"
        )
    return day


def _json_cell(cell: Cell) -> Any:
    if isinstance(cell, datetime):
        return cell.isoformat()
    if isinstance(cell, float) and not math.isfinite(cell):
        return str(cell)
    return cell


class _SheetRows:
    """A sheet's rows addressed by column name, header matched case-insensitively."""

    def __init__(
        self, sheet: RawSheet, required: Sequence[str], optional: Sequence[str], source_label: str
    ):
        positions = {}
        for index, name in enumerate(sheet.header):
            positions.setdefault(str(name or "").strip().lower(), index)
        missing = [c for c in required if c.lower() not in positions]
        if missing:
            raise SourceContractError(
                f"sheet {sheet.title!r} of {source_label} is missing required "
                f"column(s): {', '.join(missing)}"
            )
        self.sheet = sheet
        self.columns = {
            c: positions[c.lower()] for c in (*required, *optional) if c.lower() in positions
        }

    def __iter__(self) -> Iterable[tuple[int, dict[str, Cell]]]:
        for offset, row in enumerate(self.sheet.rows):
            values = {
                column: row[index] if index < len(row) else None
                for column, index in self.columns.items()
            }
            yield offset + 2, values


def _is_blank(values: dict[str, Cell]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values.values())


def _reject(sheet: str, row_number: int, values: dict[str, Cell], reason: str) -> RejectedSourceRow:
    return RejectedSourceRow(
        sheet=sheet,
        row_number=row_number,
        raw_values={k: _json_cell(v) for k, v in values.items()},
        reason=reason,
    )


def validate_workbook(workbook: RawWorkbook, rules: ValidationRules) -> ValidatedSource:
    """Apply the contract to both sheets. Raises only for a missing required column."""
    post_rows = _SheetRows(
        workbook.posts, POST_COLUMNS, OPTIONAL_POST_COLUMNS, workbook.source_label
    )
    comment_rows = _SheetRows(workbook.comments, COMMENT_COLUMNS, (), workbook.source_label)
    rejected: list[RejectedSourceRow] = []
    empty_rows = 0
    zone = rules.zone

    posts: dict[str, ValidPost] = {}
    rejected_post_rows: dict[str, int] = {}
    for row_number, values in post_rows:
        if _is_blank(values):
            empty_rows += 1
            continue
        try:
            post = _validate_post(row_number, values, rules, zone)
        except InvalidCell as bad:
            rejected.append(_reject(POSTS_SHEET, row_number, values, str(bad)))
            url = parse_text(values.get("post_url")).strip()
            if url:
                rejected_post_rows.setdefault(normalize_post_url(url), row_number)
            continue
        first = posts.get(post.post_key)
        if first is not None:
            reason = f"duplicate post_url {post.post_url!r} (first seen on row {first.row_number})"
            rejected.append(_reject(POSTS_SHEET, row_number, values, reason))
            continue
        posts[post.post_key] = post

    comments: dict[str, ValidComment] = {}
    duplicates = 0
    for row_number, values in comment_rows:
        if _is_blank(values):
            empty_rows += 1
            continue
        try:
            comment = _validate_comment(row_number, values, posts, rejected_post_rows, rules, zone)
        except InvalidCell as bad:
            rejected.append(_reject(COMMENTS_SHEET, row_number, values, str(bad)))
            continue
        if comment.comment_key in comments:
            duplicates += 1
            continue
        comments[comment.comment_key] = comment

    return ValidatedSource(
        source_label=workbook.source_label,
        fingerprint=workbook.fingerprint,
        posts=tuple(posts.values()),
        comments=tuple(comments.values()),
        rejected=tuple(rejected),
        duplicate_comments=duplicates,
        empty_rows=empty_rows,
    )


def _validate_post(
    row_number: int, values: dict[str, Cell], rules: ValidationRules, zone: ZoneInfo
) -> ValidPost:
    url = parse_required_text(values.get("post_url"), "post_url")
    platform = parse_text(values.get("platform")).strip().lower()
    if platform not in PLATFORMS:
        shown = values.get("platform")
        if not platform:
            raise InvalidCell("platform is empty")
        raise InvalidCell(f"platform {_shown(shown)} is not one of {', '.join(PLATFORMS)}")
    created_at = parse_instant(values.get("created_at"), "created_at", zone)
    day = _in_range(created_at, "created_at", rules)
    counts = {
        column: parse_count(values.get(column), column)
        for column in ("likes", "comments_count", "shares")
    }
    views = parse_count(values.get("views"), "views", required=False)
    return ValidPost(
        post_key=normalize_post_url(url),
        post_url=url,
        platform=platform,
        created_at=created_at,
        partition_date=day,
        content=parse_text(values.get("content")),
        likes=counts["likes"] or 0,
        comments_count=counts["comments_count"] or 0,
        shares=counts["shares"] or 0,
        views=views,
        row_number=row_number,
    )


def _validate_comment(
    row_number: int,
    values: dict[str, Cell],
    posts: dict[str, ValidPost],
    rejected_post_rows: dict[str, int],
    rules: ValidationRules,
    zone: ZoneInfo,
) -> ValidComment:
    url = parse_required_text(values.get("post_url"), "post_url")
    key = normalize_post_url(url)
    post = posts.get(key)
    if post is None:
        if key in rejected_post_rows:
            raise InvalidCell(
                f"post_url {url!r} belongs to a Posts row that was rejected "
                f"(row {rejected_post_rows[key]})"
            )
        raise InvalidCell(f"post_url {url!r} matches no post in the Posts sheet")
    author = normalize_username(parse_required_text(values.get("ownerUsername"), "ownerUsername"))
    if not author:
        raise InvalidCell("ownerUsername is empty")
    created_at = parse_instant(values.get("created_at"), "created_at", zone)
    day = _in_range(created_at, "created_at", rules)
    text = normalize_text(parse_text(values.get("comment_text")))
    return ValidComment(
        comment_key=comment_key(key, author, created_at, text),
        post_key=key,
        platform=post.platform,
        author=author,
        text=text,
        created_at=created_at,
        partition_date=day,
        is_brand_reply=(post.platform, author) in rules.brand_handles,
        row_number=row_number,
    )
