"""Reads a ficha's Google Sheet as raw cells, with gspread (README.md).

One :meth:`GoogleSheetsReader.read` costs two Sheets requests (the sheet titles, then
both sheets' values in one ``values:batchGet``) plus one Drive request for the
fingerprint. Values are asked for unformatted with dates as serial numbers, so the
sheet's locale never turns ``1.234`` into text or ``"1,5"`` into 15; validation reads
the cells, not gspread. Anything that stops the read raises a :class:`SourceError`:
an unreadable sheet must fail the ficha, never look like a sheet with no new posts.
"""

import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from http import HTTPStatus
from typing import Any, ClassVar, TypeVar

import gspread
from google.auth.exceptions import GoogleAuthError, RefreshError
from gspread.auth import READONLY_SCOPES
from gspread.exceptions import APIError
from gspread.http_client import BackOffHTTPClient, HTTPClient, HTTPClientType
from requests import Response
from requests.exceptions import RequestException

from pixely_dagster.sources.raw import (
    COMMENTS_SHEET,
    POSTS_SHEET,
    Cell,
    RawSheet,
    RawWorkbook,
    SourceContractError,
    SourceError,
    SourceUnreadableError,
)

#: Both sheets, in the order ``values:batchGet`` returns them.
SHEETS = (POSTS_SHEET, COMMENTS_SHEET)
#: Raw cells: numbers as numbers, date cells as day counts from 1899-12-30 (README.md, gspread).
VALUE_PARAMS: Mapping[str, str] = {
    "valueRenderOption": "UNFORMATTED_VALUE",
    "dateTimeRenderOption": "SERIAL_NUMBER",
}
#: (connect, read) seconds. gspread has no timeout by default, so a stalled connection
#: would hang the run forever instead of failing the ficha.
REQUEST_TIMEOUT = (10.0, 120.0)
#: Drive answers 403 (not 429) when its rate limit is hit; these reasons are retryable.
_DRIVE_RATE_LIMIT_REASONS = frozenset({"rateLimitExceeded", "userRateLimitExceeded"})

_T = TypeVar("_T")


def is_transient(error: APIError) -> bool:
    """Whether waiting and asking again can help: timeouts, quota, Google's 5xx.

    Classifies on the HTTP status, not ``error.code``: gspread sets ``code`` to -1 when
    the body is not Google's JSON (e.g. an HTML 502 from a load balancer).
    """
    status = error.response.status_code
    if status in (HTTPStatus.REQUEST_TIMEOUT, HTTPStatus.TOO_MANY_REQUESTS):
        return True
    if status >= HTTPStatus.INTERNAL_SERVER_ERROR:
        return True
    if status == HTTPStatus.FORBIDDEN:
        details = error.error.get("errors") or [{}]
        return details[0].get("reason") in _DRIVE_RATE_LIMIT_REASONS
    return False


class BoundedBackOffHTTPClient(BackOffHTTPClient):
    """gspread's ``BackOffHTTPClient`` that gives up after :attr:`max_attempts`.

    Measured on gspread 6.2.1: the stock client caps the wait at ``_MAX_BACKOFF`` and then
    checks the capped wait against ``_MAX_BACKOFF``, so a 429 or 5xx that persists is
    retried forever (recursively, 128 s apart, until ``RecursionError`` after about a
    day); fixed upstream after 6.2.1 (burnash/gspread#1599). A daily run must instead
    fail the ficha within minutes. Waits double from :attr:`first_wait` up to
    :attr:`max_wait`; the defaults span Sheets' one-minute quota window (2+4+8+16+32 s).
    Subclass and set ``first_wait = 0`` for tests.
    """

    max_attempts: ClassVar[int] = 6
    first_wait: ClassVar[float] = 2.0
    max_wait: ClassVar[float] = 32.0

    def request(self, *args: Any, **kwargs: Any) -> Response:
        """Send, retrying transient Google errors; re-raise the last ``APIError``."""
        attempt = 1
        while True:
            try:
                return HTTPClient.request(self, *args, **kwargs)
            except APIError as error:
                if attempt >= self.max_attempts or not is_transient(error):
                    raise
            time.sleep(min(self.first_wait * 2 ** (attempt - 1), self.max_wait))
            attempt += 1


def service_account_client(
    credentials_path: str, *, http_client: HTTPClientType = BoundedBackOffHTTPClient
) -> gspread.Client:
    """The production client: service-account key, read-only scopes, bounded retries.

    Read-only scopes because Pixely never writes to a client's sheet; a request timeout
    because gspread sets none. A key file that cannot be used raises
    :class:`SourceUnreadableError`, so it fails the ficha like any unreadable source.
    """
    try:
        client = gspread.service_account(
            filename=credentials_path, scopes=READONLY_SCOPES, http_client=http_client
        )
    except (OSError, ValueError) as error:
        raise SourceUnreadableError(
            f"the service-account credentials file {credentials_path} cannot be used: {error}"
        ) from error
    client.set_timeout(REQUEST_TIMEOUT)
    return client


class GoogleSheetsReader:
    """Reads one ficha's spreadsheet (``Posts`` and ``Comments``) as raw cells."""

    def __init__(self, spreadsheet_id: str, client: gspread.Client) -> None:
        self.spreadsheet_id = spreadsheet_id
        self._client = client

    def fingerprint(self) -> str:
        """Drive's ``modifiedTime``: one Drive request, no cell is read."""
        metadata = self._call("read the Drive metadata of", self._client.get_file_drive_metadata)
        modified = metadata.get("modifiedTime") if isinstance(metadata, Mapping) else None
        if not isinstance(modified, str) or not modified:
            raise SourceUnreadableError(
                f"Google Drive sent no modifiedTime for spreadsheet {self.spreadsheet_id}"
            )
        return modified

    def read(self) -> RawWorkbook:
        """Both sheets, raw; the fingerprint is taken before the values are read.

        Requests, in order: Sheets metadata (``open_by_key`` makes the same request but
        keeps no sheet titles, and asking for them again would cost a third Sheets read),
        Drive ``modifiedTime``, then one ``values:batchGet``. Taking the fingerprint
        first means an edit made during the read changes the next fingerprint, so it is
        read next time instead of being skipped as already seen.
        """
        http = self._client.http_client
        metadata = self._call("read the sheet titles of", http.fetch_sheet_metadata)
        title = self._check_sheets(metadata)
        fingerprint = self.fingerprint()
        # A fresh dict: gspread adds ``ranges`` to the params it is given.
        answer = self._call(
            "read the values of", http.values_batch_get, list(SHEETS), params=dict(VALUE_PARAMS)
        )
        posts, comments = self._value_ranges(answer)
        return RawWorkbook(
            source_label=f"Google Sheet {title!r} ({self.spreadsheet_id})",
            posts=_raw_sheet(POSTS_SHEET, posts),
            comments=_raw_sheet(COMMENTS_SHEET, comments),
            fingerprint=fingerprint,
        )

    def _check_sheets(self, metadata: Any) -> str:
        """Name a missing sheet before any value is read; returns the spreadsheet title."""
        try:
            title = str(metadata["properties"]["title"])
            titles = [str(sheet["properties"]["title"]) for sheet in metadata["sheets"]]
        except (KeyError, TypeError) as error:
            raise SourceUnreadableError(
                f"Google sent unexpected metadata for spreadsheet {self.spreadsheet_id}: "
                f"missing {error}"
            ) from error
        missing = [name for name in SHEETS if name not in titles]
        if missing:
            found = ", ".join(repr(name) for name in titles) or "none"
            raise SourceContractError(
                f"Google spreadsheet {self.spreadsheet_id} ({title!r}) has no sheet "
                f"{' and no sheet '.join(repr(name) for name in missing)} "
                f"(its sheets: {found}); add or rename it: Pixely reads sheets named exactly "
                f"{' and '.join(repr(name) for name in SHEETS)}, case-sensitive"
            )
        return title

    def _value_ranges(self, answer: Any) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
        ranges = answer.get("valueRanges") if isinstance(answer, Mapping) else None
        if (
            not isinstance(ranges, list)
            or len(ranges) != len(SHEETS)
            or not all(isinstance(value_range, Mapping) for value_range in ranges)
        ):
            raise SourceUnreadableError(
                f"Google sent unexpected values for spreadsheet {self.spreadsheet_id}: "
                f"expected {len(SHEETS)} valueRanges"
            )
        return ranges[0], ranges[1]

    def _call(self, action: str, method: Callable[..., _T], *args: Any, **kwargs: Any) -> _T:
        """Call gspread for this spreadsheet, turning every failure into a SourceError."""
        with self._source_errors(action):
            return method(self.spreadsheet_id, *args, **kwargs)

    @contextmanager
    def _source_errors(self, action: str) -> Iterator[None]:
        where = f"Google spreadsheet {self.spreadsheet_id}"
        try:
            yield
        except APIError as error:
            raise self._api_error(action, error) from error
        except RefreshError as error:
            raise SourceUnreadableError(
                f"could not {action} {where}: Google refused the service-account "
                f"credentials ({error}); check the key file and that the account still exists"
            ) from error
        except (RequestException, GoogleAuthError) as error:
            raise SourceUnreadableError(
                f"could not {action} {where}: Google could not be reached ({error})"
            ) from error

    def _api_error(self, action: str, error: APIError) -> SourceError:
        """An actionable message per status: what the admin (or the retry) should do."""
        status = error.response.status_code
        message = str(error.error.get("message") or error.response.reason)
        said = f"Google answered {status}: {message}"
        where = f"Google spreadsheet {self.spreadsheet_id}"
        who = _account(self._client)
        if status == HTTPStatus.BAD_REQUEST and message.startswith("Unable to parse range"):
            return SourceContractError(
                f"could not {action} {where} ({said}): a sheet was renamed or removed "
                f"while it was read; check the sheets {' and '.join(SHEETS)}"
            )
        if is_transient(error):
            quota = status in (HTTPStatus.TOO_MANY_REQUESTS, HTTPStatus.FORBIDDEN)
            return SourceUnreadableError(
                f"could not {action} {where} ({said}), still "
                + ("over quota" if quota else "failing")
                + " after retries; retry the run later"
                + (" (Google allows about 60 reads per minute per user)" if quota else "")
            )
        if status == HTTPStatus.FORBIDDEN:
            return SourceUnreadableError(
                f"could not {action} {where} ({said}): share the sheet with {who} as a "
                "Viewer, and check that the Google Sheets and Drive APIs are "
                "enabled in the service account's Google Cloud project"
            )
        if status == HTTPStatus.NOT_FOUND:
            return SourceUnreadableError(
                f"could not {action} {where} ({said}): check the spreadsheet id in the "
                f"ficha, and share the sheet with {who}"
            )
        return SourceUnreadableError(f"could not {action} {where} ({said})")


def _account(client: gspread.Client) -> str:
    """Who the sheet must be shared with, by e-mail when the credentials say it."""
    credentials = getattr(client.http_client, "auth", None)
    email = getattr(credentials, "service_account_email", None)
    if isinstance(email, str) and email:
        return f"the service account {email}"
    return "the service account (its client_email is in the credentials file)"


def _raw_sheet(title: str, value_range: Mapping[str, Any]) -> RawSheet:
    """Row 1 is the header (names stripped); later rows stay exactly as Google sent them.

    Google leaves ``values`` out for an empty sheet and trims trailing empty cells and
    rows; an empty row between data rows arrives as ``[]`` and is kept so that
    ``rows[i]`` stays spreadsheet row ``i + 2``.
    """
    values = value_range.get("values", [])
    if not isinstance(values, list) or not all(isinstance(row, list) for row in values):
        raise SourceUnreadableError(f"Google sent unexpected values for sheet {title!r}")
    if not values:
        return RawSheet(title=title, header=())
    header = tuple("" if cell is None else str(cell).strip() for cell in values[0])
    rows: tuple[tuple[Cell, ...], ...] = tuple(tuple(row) for row in values[1:])
    return RawSheet(title=title, header=header, rows=rows)
