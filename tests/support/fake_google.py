"""A loopback stand-in for the Google Sheets v4, Drive v3 and OAuth token endpoints.

Tests drive the real ``gspread`` client (and, for the factory, real ``google-auth``
service-account credentials) against it, so what is tested is the wire behaviour
Pixely depends on, not a mock of it (README.md, gspread). Nothing leaves 127.0.0.1: the
sessions built here route Google's hosts to the server and refuse every other URL.

Usage::

    with FakeGoogle() as google:
        google.add_spreadsheet("sheet-id", {"Posts": [[...], ...], "Comments": [[...]]})
        client = google.client()
        ...
        assert google.count("sheets") == 2
"""

import json
import string
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, Literal
from urllib.parse import parse_qs, unquote, urlsplit

import gspread
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from gspread.http_client import HTTPClient, HTTPClientType
from requests import PreparedRequest, Response, Session
from requests.adapters import HTTPAdapter
from requests.exceptions import ConnectionError as RequestsConnectionError

GOOGLE_HOSTS = ("https://sheets.googleapis.com", "https://www.googleapis.com")
TOKEN_PATH = "/token"
FAKE_ACCESS_TOKEN = "fake-access-token"

Api = Literal["sheets", "drive", "token", "other"]
#: What a served cell may be: what Google's JSON can carry.
JsonCell = str | int | float | bool | None


@dataclass(frozen=True)
class RecordedRequest:
    """One request the server received, recorded before it answered."""

    method: str
    path: str
    query: Mapping[str, list[str]]
    authorization: str | None
    form: Mapping[str, list[str]] = field(default_factory=dict)

    @property
    def api(self) -> Api:
        """Which Google API the request was for, so tests can count per API."""
        if self.path.startswith("/v4/spreadsheets/"):
            return "sheets"
        if self.path.startswith("/drive/v3/"):
            return "drive"
        if self.path == TOKEN_PATH:
            return "token"
        return "other"


@dataclass
class _Spreadsheet:
    title: str
    sheets: dict[str, list[list[JsonCell]]]
    modified_time: str
    time_zone: str
    locale: str


@dataclass
class _Failure:
    status: int
    remaining: int | None
    api: Api | None
    path_suffix: str | None
    message: str | None
    reason: str | None

    def matches(self, request: RecordedRequest) -> bool:
        if self.api is not None and request.api != self.api:
            return False
        return self.path_suffix is None or request.path.endswith(self.path_suffix)


@dataclass
class _State:
    spreadsheets: dict[str, _Spreadsheet] = field(default_factory=dict)
    failures: list[_Failure] = field(default_factory=list)
    requests: list[RecordedRequest] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class FakeGoogle:
    """A real HTTP server on 127.0.0.1 (random port) answering like Google's APIs.

    Serves ``GET /v4/spreadsheets/{id}``, ``GET /v4/spreadsheets/{id}/values:batchGet``,
    ``GET /drive/v3/files/{id}`` and ``POST /token``; every request is recorded in
    :attr:`requests`. Errors use Google's JSON error bodies.
    """

    def __init__(self) -> None:
        self._state = _State()
        self._server = _Server(self._state)
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``, where the rewritten Google URLs land."""
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def token_uri(self) -> str:
        """The OAuth token endpoint to write into a fake service-account file."""
        return self.base_url + TOKEN_PATH

    def start(self) -> "FakeGoogle":
        """Serve in a daemon thread; returns self for chaining.

        A short poll interval because ``shutdown`` waits for the next poll (0.5 s by
        default, which would dominate a test's run time).
        """
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket (later requests are refused)."""
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> "FakeGoogle":
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def add_spreadsheet(
        self,
        spreadsheet_id: str,
        sheets: Mapping[str, Sequence[Sequence[JsonCell]]],
        *,
        title: str = "Pixely test sheet",
        modified_time: str = "2025-11-19T11:00:00.000Z",
        time_zone: str = "America/Lima",
        locale: str = "es_ES",
    ) -> None:
        """Serve a workbook: sheet title -> rows of cells, row 1 being the header.

        ``None`` is an empty cell; trailing empty cells and rows are not sent, as Google
        does not send them.
        """
        with self._state.lock:
            self._state.spreadsheets[spreadsheet_id] = _Spreadsheet(
                title=title,
                sheets={name: [list(row) for row in rows] for name, rows in sheets.items()},
                modified_time=modified_time,
                time_zone=time_zone,
                locale=locale,
            )

    def set_modified_time(self, spreadsheet_id: str, modified_time: str) -> None:
        """What Drive reports after someone edits the sheet."""
        with self._state.lock:
            self._state.spreadsheets[spreadsheet_id].modified_time = modified_time

    def fail(
        self,
        status: int,
        *,
        times: int | None = None,
        api: Api | None = None,
        path_suffix: str | None = None,
        message: str | None = None,
        reason: str | None = None,
    ) -> None:
        """Answer ``status`` (with Google's error body) instead of serving.

        ``times=None`` fails every matching request from now on; otherwise the next
        ``times`` matching requests fail and later ones are served. ``api`` (``"sheets"``,
        ``"drive"``, ``"token"``) and ``path_suffix`` (e.g. ``"values:batchGet"``) narrow
        which requests match. ``message`` replaces Google's usual message; ``reason``
        sets a Drive error's ``errors[0].reason`` (``"userRateLimitExceeded"`` is how
        Drive reports its rate limit, as a 403 in the ``usageLimits`` domain).
        """
        failure = _Failure(
            status=status,
            remaining=times,
            api=api,
            path_suffix=path_suffix,
            message=message,
            reason=reason,
        )
        with self._state.lock:
            self._state.failures.append(failure)

    @property
    def requests(self) -> list[RecordedRequest]:
        """A copy of every request received so far, in arrival order."""
        with self._state.lock:
            return list(self._state.requests)

    def count(self, api: Api) -> int:
        """How many requests went to one API (failed ones included)."""
        return sum(1 for request in self.requests if request.api == api)

    def route(self, session: Session) -> Session:
        """Send a session's Google traffic here and refuse anything else.

        ``https://sheets.googleapis.com`` and ``https://www.googleapis.com`` are
        rewritten to :attr:`base_url`; every other URL raises ``ConnectionError``
        so a test can never reach the internet. Proxy variables are ignored, so a proxy
        configured on the machine cannot intercept the loopback traffic either.
        """
        session.trust_env = False
        refuse = _RefusingAdapter()
        session.mount("https://", refuse)
        session.mount("http://", refuse)
        session.mount(self.base_url, HTTPAdapter())
        rewrite = _RewritingAdapter(self.base_url)
        for host in GOOGLE_HOSTS:
            session.mount(host, rewrite)
        return session

    def client(self, http_client: HTTPClientType = HTTPClient) -> gspread.Client:
        """A real ``gspread.Client`` whose requests reach this server (no credentials)."""
        session = self.route(Session())
        return gspread.Client(auth=None, session=session, http_client=http_client)  # type: ignore[arg-type]


def write_service_account_key(path: Path, *, token_uri: str, email: str) -> Path:
    """A service-account key file shaped like Google Cloud's, with a fresh RSA key.

    Its ``token_uri`` points at the fake, so real ``google-auth`` signs a real JWT and
    exchanges it for :data:`FAKE_ACCESS_TOKEN` without leaving 127.0.0.1.
    """
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()).decode()
    info = {
        "type": "service_account",
        "project_id": "pixely-test",
        "private_key_id": "0" * 40,
        "private_key": pem,
        "client_email": email,
        "client_id": "100000000000000000000",
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": token_uri,
        "universe_domain": "googleapis.com",
    }
    path.write_text(json.dumps(info))
    return path


class _Server(ThreadingHTTPServer):
    """Carries the shared state to the handler threads."""

    daemon_threads = True

    def __init__(self, state: _State) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.state = state


class _RewritingAdapter(HTTPAdapter):
    """Sends ``https://<google host>/path`` to ``http://127.0.0.1:PORT/path``."""

    def __init__(self, base_url: str) -> None:
        super().__init__()
        self._base_url = base_url

    def send(self, request: PreparedRequest, **kwargs: Any) -> Response:
        url = request.url or ""
        for host in GOOGLE_HOSTS:
            if url.startswith(host + "/"):
                request.url = self._base_url + url[len(host) :]
                break
        return super().send(request, **kwargs)


class _RefusingAdapter(HTTPAdapter):
    """Fails any request that is not for the loopback server."""

    def send(self, request: PreparedRequest, **kwargs: Any) -> Response:
        raise RequestsConnectionError(f"FakeGoogle refuses to reach {request.url}")


_STATUS_NAMES = {
    400: "INVALID_ARGUMENT",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    503: "UNAVAILABLE",
}
_SHEETS_MESSAGES = {
    403: "The caller does not have permission",
    404: "Requested entity was not found.",
    429: (
        "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per "
        "minute per user' of service 'sheets.googleapis.com' for consumer "
        "'project_number:123456789012'."
    ),
    500: "Internal error encountered.",
    503: "The service is currently unavailable.",
}
_DRIVE_REASONS = {
    403: (
        "insufficientFilePermissions",
        "The user does not have sufficient permissions for this file.",
    ),
    404: ("notFound", "File not found: {id}."),
    429: ("rateLimitExceeded", "Rate Limit Exceeded"),
    500: ("backendError", "Backend Error"),
    503: ("backendError", "Backend Error"),
}


def sheets_error(status: int, message: str | None = None) -> dict[str, Any]:
    """Google Sheets v4's error body: ``{"error": {code, message, status}}``."""
    return {
        "error": {
            "code": status,
            "message": message or _SHEETS_MESSAGES.get(status, HTTPStatus(status).phrase),
            "status": _STATUS_NAMES.get(status, "UNKNOWN"),
        }
    }


def drive_error(status: int, file_id: str, reason: str | None = None) -> dict[str, Any]:
    """Drive v3's error body, which also carries an ``errors`` list (gspread reads it)."""
    usual_reason, message = _DRIVE_REASONS.get(status, ("unknown", HTTPStatus(status).phrase))
    message = message.format(id=file_id)
    reason = reason or usual_reason
    domain = "usageLimits" if "RateLimit" in reason or "rateLimit" in reason else "global"
    return {
        "error": {
            "code": status,
            "message": message,
            "errors": [{"message": message, "domain": domain, "reason": reason}],
        }
    }


def _column_letters(count: int) -> str:
    letters = ""
    while count > 0:
        count, remainder = divmod(count - 1, 26)
        letters = string.ascii_uppercase[remainder] + letters
    return letters


def _quote_sheet(title: str) -> str:
    if title.replace("_", "").isalnum():
        return title
    return "'" + title.replace("'", "''") + "'"


def _sheet_of_range(a1_range: str) -> str:
    name = a1_range.rsplit("!", 1)[0] if "!" in a1_range else a1_range
    if name.startswith("'") and name.endswith("'"):
        name = name[1:-1].replace("''", "'")
    return name


def _trimmed(rows: list[list[JsonCell]]) -> list[list[JsonCell]]:
    """Rows as Google sends them: no trailing empty cells or rows; ``None`` inside -> ``""``."""
    sent: list[list[JsonCell]] = []
    for row in rows:
        cells = list(row)
        while cells and cells[-1] in (None, ""):
            cells.pop()
        sent.append(["" if cell is None else cell for cell in cells])
    while sent and not sent[-1]:
        sent.pop()
    return sent


def _formatted(cell: JsonCell) -> JsonCell:
    """A crude FORMATTED_VALUE: everything becomes text, as the default render does."""
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    return cell if isinstance(cell, str) else str(cell)


class _Handler(BaseHTTPRequestHandler):
    server_version = "FakeGoogle/1.0"

    server: "_Server"

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output clean."""

    @property
    def _state(self) -> _State:
        return self.server.state

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self._dispatch(parse_qs(self.rfile.read(length).decode()))

    def _dispatch(self, form: Mapping[str, list[str]] | None = None) -> None:
        parts = urlsplit(self.path)
        recorded = RecordedRequest(
            method=self.command,
            path=unquote(parts.path),
            query=parse_qs(parts.query),
            authorization=self.headers.get("Authorization"),
            form=form or {},
        )
        with self._state.lock:
            self._state.requests.append(recorded)
            failure = self._take_failure(recorded)
        if failure is not None:
            self._fail(recorded, failure)
            return
        if recorded.api == "token" and self.command == "POST":
            self._send(
                200, {"access_token": FAKE_ACCESS_TOKEN, "expires_in": 3600, "token_type": "Bearer"}
            )
        elif self.command != "GET":
            self._send(405, sheets_error(405, "Method not allowed by FakeGoogle."))
        elif recorded.api == "sheets":
            self._sheets(recorded)
        elif recorded.api == "drive":
            self._drive(recorded)
        else:
            self._send(404, sheets_error(404))

    def _take_failure(self, recorded: RecordedRequest) -> _Failure | None:
        for failure in self._state.failures:
            if not failure.matches(recorded):
                continue
            if failure.remaining is None:
                return failure
            if failure.remaining > 0:
                failure.remaining -= 1
                return failure
        return None

    def _fail(self, recorded: RecordedRequest, failure: _Failure) -> None:
        if recorded.api == "drive":
            file_id = recorded.path.rsplit("/", 1)[-1]
            body = drive_error(failure.status, file_id, failure.reason)
            if failure.message:
                body["error"]["message"] = failure.message
            self._send(failure.status, body)
        elif recorded.api == "token":
            description = failure.message or "Invalid JWT Signature."
            self._send(failure.status, {"error": "invalid_grant", "error_description": description})
        else:
            self._send(failure.status, sheets_error(failure.status, failure.message))

    def _sheets(self, recorded: RecordedRequest) -> None:
        rest = recorded.path[len("/v4/spreadsheets/") :]
        spreadsheet_id, _, action = rest.partition("/")
        with self._state.lock:
            spreadsheet = self._state.spreadsheets.get(spreadsheet_id)
        if spreadsheet is None:
            self._send(404, sheets_error(404))
        elif action == "":
            self._send(200, self._metadata(spreadsheet_id, spreadsheet))
        elif action == "values:batchGet":
            self._batch_get(spreadsheet_id, spreadsheet, recorded.query)
        else:
            self._send(404, sheets_error(404))

    def _metadata(self, spreadsheet_id: str, spreadsheet: _Spreadsheet) -> dict[str, Any]:
        return {
            "spreadsheetId": spreadsheet_id,
            "properties": {
                "title": spreadsheet.title,
                "locale": spreadsheet.locale,
                "autoRecalc": "ON_CHANGE",
                "timeZone": spreadsheet.time_zone,
            },
            "sheets": [
                {
                    "properties": {
                        "sheetId": index,
                        "title": title,
                        "index": index,
                        "sheetType": "GRID",
                        "gridProperties": {"rowCount": 1000, "columnCount": 26},
                    }
                }
                for index, title in enumerate(spreadsheet.sheets)
            ],
            "spreadsheetUrl": f"https://docs.google.com/spreadsheets/d/{spreadsheet_id}/edit",
        }

    def _batch_get(
        self, spreadsheet_id: str, spreadsheet: _Spreadsheet, query: Mapping[str, list[str]]
    ) -> None:
        render = query.get("valueRenderOption", ["FORMATTED_VALUE"])[0]
        value_ranges: list[dict[str, Any]] = []
        for a1_range in query.get("ranges", []):
            name = _sheet_of_range(a1_range)
            if name not in spreadsheet.sheets:
                self._send(400, sheets_error(400, f"Unable to parse range: {a1_range}"))
                return
            values = _trimmed(spreadsheet.sheets[name])
            if render != "UNFORMATTED_VALUE":
                values = [[_formatted(cell) for cell in row] for row in values]
            value_range: dict[str, Any] = {"majorDimension": "ROWS"}
            if values:
                width = max(len(row) for row in values) or 1
                value_range["range"] = (
                    f"{_quote_sheet(name)}!A1:{_column_letters(width)}{len(values)}"
                )
                value_range["values"] = values
            else:
                value_range["range"] = f"{_quote_sheet(name)}!A1:Z1000"
            value_ranges.append(value_range)
        self._send(200, {"spreadsheetId": spreadsheet_id, "valueRanges": value_ranges})

    def _drive(self, recorded: RecordedRequest) -> None:
        file_id = recorded.path.rsplit("/", 1)[-1]
        with self._state.lock:
            spreadsheet = self._state.spreadsheets.get(file_id)
        if spreadsheet is None or not recorded.path.startswith("/drive/v3/files/"):
            self._send(404, drive_error(404, file_id))
            return
        self._send(
            200,
            {
                "id": file_id,
                "name": spreadsheet.title,
                "createdTime": "2025-01-01T00:00:00.000Z",
                "modifiedTime": spreadsheet.modified_time,
            },
        )

    def _send(self, status: int, body: Mapping[str, Any]) -> None:
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)
