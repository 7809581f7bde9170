"""GoogleSheetsReader through the real gspread client against a loopback Google (README.md).

Nothing is mocked: gspread, requests and (for the factory) google-auth run for real and
the server in :mod:`tests.support.fake_google` counts what reaches it.
"""

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import gspread
import pytest
from gspread.exceptions import APIError
from gspread.http_client import BackOffHTTPClient

from pixely_dagster.sources.google_sheets import (
    REQUEST_TIMEOUT,
    BoundedBackOffHTTPClient,
    GoogleSheetsReader,
    service_account_client,
)
from pixely_dagster.sources.raw import (
    COMMENTS_SHEET,
    POSTS_SHEET,
    SourceContractError,
    SourceError,
    SourceUnreadableError,
)
from tests.support.fake_google import FAKE_ACCESS_TOKEN, FakeGoogle, write_service_account_key

SHEET_ID = "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_pixely"
POSTS_HEADER = [
    " post_url",
    "platform ",
    "created_at",
    "content",
    "likes",
    "comments_count",
    "shares",
]
COMMENTS_HEADER = ["post_url", "comment_text", "ownerUsername", "created_at"]
POSTS = [
    POSTS_HEADER,
    ["https://instagram.com/p/1", "instagram", 45980.25, "Hola", 1234, 5, 0],
    ["https://tiktok.com/@a/1", "tiktok", "2025-11-19T06:00:00-05:00", None, "1,234", "1,5", 2],
    [],
    ["https://facebook.com/p/3", "facebook", 45980, "", True, 2.5],
]
COMMENTS = [
    COMMENTS_HEADER,
    ["https://instagram.com/p/1", "¡Me encanta!", "@ana", 45980.5],
]


class FastBackOff(BoundedBackOffHTTPClient):
    """Production retry policy without the waits, so retry tests take milliseconds."""

    first_wait = 0.0


class FastStockBackOff(BackOffHTTPClient):
    """gspread's own client with its waits at zero (``min(2**n, 0)`` is 0)."""

    _MAX_BACKOFF = 0


@pytest.fixture
def google() -> Iterator[FakeGoogle]:
    with FakeGoogle() as server:
        server.add_spreadsheet(
            SHEET_ID,
            {POSTS_SHEET: POSTS, COMMENTS_SHEET: COMMENTS},
            title="Acme social",
            modified_time="2025-11-19T11:00:00.000Z",
        )
        yield server


def reader_for(
    google: FakeGoogle, http_client: type[gspread.HTTPClient] = FastBackOff
) -> GoogleSheetsReader:
    return GoogleSheetsReader(SHEET_ID, google.client(http_client))


def test_read_returns_the_cells_as_google_sent_them(google: FakeGoogle) -> None:
    workbook = reader_for(google).read()

    assert workbook.posts.title == "Posts"
    assert workbook.posts.header == (
        "post_url",
        "platform",
        "created_at",
        "content",
        "likes",
        "comments_count",
        "shares",
    )
    first, second, empty, third = workbook.posts.rows
    assert first == ("https://instagram.com/p/1", "instagram", 45980.25, "Hola", 1234, 5, 0)
    assert type(first[4]) is int
    assert type(first[2]) is float
    assert second[3:6] == ("", "1,234", "1,5")
    assert empty == ()
    assert third == ("https://facebook.com/p/3", "facebook", 45980, "", True, 2.5)
    assert workbook.comments.header == tuple(COMMENTS_HEADER)
    assert workbook.comments.rows == (
        ("https://instagram.com/p/1", "¡Me encanta!", "@ana", 45980.5),
    )
    assert workbook.fingerprint == "2025-11-19T11:00:00.000Z"
    assert "Acme social" in workbook.source_label
    assert SHEET_ID in workbook.source_label


def test_read_asks_for_unformatted_values_and_serial_dates(google: FakeGoogle) -> None:
    reader_for(google).read()

    (batch_get,) = [r for r in google.requests if r.path.endswith("values:batchGet")]
    assert batch_get.query["ranges"] == ["Posts", "Comments"]
    assert batch_get.query["valueRenderOption"] == ["UNFORMATTED_VALUE"]
    assert batch_get.query["dateTimeRenderOption"] == ["SERIAL_NUMBER"]


def test_a_read_costs_two_sheets_requests_and_a_fingerprint_one_drive_request(
    google: FakeGoogle,
) -> None:
    reader = reader_for(google)

    reader.read()
    assert google.count("sheets") == 2
    assert google.count("drive") == 1
    assert [r.path for r in google.requests] == [
        f"/v4/spreadsheets/{SHEET_ID}",
        f"/drive/v3/files/{SHEET_ID}",
        f"/v4/spreadsheets/{SHEET_ID}/values:batchGet",
    ]

    assert reader.fingerprint() == "2025-11-19T11:00:00.000Z"
    assert google.count("sheets") == 2
    assert google.count("drive") == 2


def test_the_fingerprint_follows_drive_modified_time(google: FakeGoogle) -> None:
    reader = reader_for(google)
    before = reader.fingerprint()

    google.set_modified_time(SHEET_ID, "2025-11-20T08:30:00.000Z")

    assert reader.fingerprint() != before
    assert reader.read().fingerprint == "2025-11-20T08:30:00.000Z"


def test_a_header_only_comments_sheet_is_a_legitimate_empty_sheet(google: FakeGoogle) -> None:
    google.add_spreadsheet(SHEET_ID, {POSTS_SHEET: POSTS, COMMENTS_SHEET: [COMMENTS_HEADER]})

    workbook = reader_for(google).read()

    assert workbook.comments.header == tuple(COMMENTS_HEADER)
    assert workbook.comments.rows == ()
    assert len(workbook.posts.rows) == 4


def test_a_blank_sheet_has_no_header_and_no_rows(google: FakeGoogle) -> None:
    google.add_spreadsheet(SHEET_ID, {POSTS_SHEET: POSTS, COMMENTS_SHEET: []})

    workbook = reader_for(google).read()

    assert workbook.comments.header == ()
    assert workbook.comments.rows == ()


def test_a_missing_sheet_is_named_before_any_value_is_read(google: FakeGoogle) -> None:
    google.add_spreadsheet(SHEET_ID, {POSTS_SHEET: POSTS, "comments ": COMMENTS})

    with pytest.raises(SourceContractError) as raised:
        reader_for(google).read()

    message = str(raised.value)
    assert "'Comments'" in message
    assert SHEET_ID in message
    assert "'comments '" in message
    assert google.count("sheets") == 1
    assert google.count("drive") == 0


def test_a_sheet_removed_during_the_read_is_a_contract_error(google: FakeGoogle) -> None:
    google.fail(
        400, times=1, path_suffix="values:batchGet", message="Unable to parse range: Comments"
    )

    with pytest.raises(SourceContractError, match="Unable to parse range: Comments"):
        reader_for(google).read()


def test_forbidden_says_to_share_the_sheet_and_is_not_retried(google: FakeGoogle) -> None:
    google.fail(403, api="sheets")

    with pytest.raises(SourceUnreadableError) as raised:
        reader_for(google).read()

    message = str(raised.value)
    assert SHEET_ID in message
    assert "403" in message
    assert "The caller does not have permission" in message
    assert "share the sheet with the service account (its client_email" in message
    assert google.count("sheets") == 1


def test_an_unknown_spreadsheet_says_to_check_the_id(google: FakeGoogle) -> None:
    reader = GoogleSheetsReader("no-such-sheet", google.client(FastBackOff))

    with pytest.raises(SourceUnreadableError, match="check the spreadsheet id") as raised:
        reader.read()
    assert "no-such-sheet" in str(raised.value)

    with pytest.raises(SourceUnreadableError, match="File not found: no-such-sheet"):
        reader.fingerprint()


def test_a_429_is_retried_then_the_read_succeeds(google: FakeGoogle) -> None:
    google.fail(429, times=2, api="sheets")

    workbook = reader_for(google).read()

    assert len(workbook.posts.rows) == 4
    assert google.count("sheets") == 4


def test_stock_backoff_client_retries_a_429_too(google: FakeGoogle) -> None:
    google.fail(429, times=1, api="sheets")

    workbook = reader_for(google, FastStockBackOff).read()

    assert len(workbook.comments.rows) == 1
    assert google.count("sheets") == 3


def test_stock_backoff_client_never_gives_up(google: FakeGoogle) -> None:
    """Why BoundedBackOffHTTPClient exists: gspread 6.2.1 retries a failure indefinitely.

    If this starts failing, gspread bounded its retries (burnash/gspread#1599) and the
    subclass may go.
    """
    google.fail(500, times=40, api="sheets")

    reader_for(google, FastStockBackOff).read()

    assert google.count("sheets") == 42


def test_a_persistent_500_fails_after_a_bounded_number_of_attempts(google: FakeGoogle) -> None:
    google.fail(500, api="sheets")

    with pytest.raises(SourceUnreadableError, match="still failing after retries") as raised:
        reader_for(google).read()

    assert "Internal error encountered." in str(raised.value)
    assert google.count("sheets") == FastBackOff.max_attempts


def test_values_that_cannot_be_read_never_look_like_an_empty_sheet(google: FakeGoogle) -> None:
    google.fail(503, path_suffix="values:batchGet")

    with pytest.raises(SourceUnreadableError, match="503"):
        reader_for(google).read()

    assert google.count("sheets") == 1 + FastBackOff.max_attempts


def test_drive_rate_limit_403_is_retried(google: FakeGoogle) -> None:
    google.fail(403, times=2, api="drive", reason="userRateLimitExceeded")

    assert reader_for(google).fingerprint() == "2025-11-19T11:00:00.000Z"
    assert google.count("drive") == 3


def test_a_quota_that_stays_exhausted_says_so(google: FakeGoogle) -> None:
    google.fail(429, api="sheets")
    google.fail(403, api="drive", reason="userRateLimitExceeded")
    reader = reader_for(google)

    with pytest.raises(SourceUnreadableError, match="still over quota after retries"):
        reader.read()
    with pytest.raises(SourceUnreadableError, match="still over quota after retries") as raised:
        reader.fingerprint()

    assert "share the sheet" not in str(raised.value)
    assert google.count("sheets") == google.count("drive") == FastBackOff.max_attempts


def test_drive_forbidden_fingerprint_is_unreadable(google: FakeGoogle) -> None:
    google.fail(403, api="drive")

    with pytest.raises(SourceUnreadableError, match="share the sheet with"):
        reader_for(google).fingerprint()
    assert google.count("drive") == 1


def test_an_unreachable_google_is_unreadable() -> None:
    google = FakeGoogle().start()
    google.add_spreadsheet(SHEET_ID, {POSTS_SHEET: POSTS, COMMENTS_SHEET: COMMENTS})
    reader = reader_for(google)
    google.stop()

    with pytest.raises(SourceUnreadableError, match="could not be reached"):
        reader.read()
    with pytest.raises(SourceUnreadableError, match="could not be reached"):
        reader.fingerprint()


def test_source_errors_share_one_base(google: FakeGoogle) -> None:
    google.fail(403, api="sheets")

    with pytest.raises(SourceError):
        reader_for(google).read()


def test_the_fake_rejects_a_range_naming_a_missing_sheet_as_google_does(
    google: FakeGoogle,
) -> None:
    """Keeps the fake honest: the reader's missing-sheet check relies on this shape."""
    client = google.client()

    with pytest.raises(APIError) as raised:
        client.http_client.values_batch_get(SHEET_ID, ["Posts", "Nope"])

    assert raised.value.code == 400
    assert raised.value.error["message"] == "Unable to parse range: Nope"
    assert raised.value.error["status"] == "INVALID_ARGUMENT"


SERVICE_ACCOUNT = "pixely-reader@pixely-test.iam.gserviceaccount.com"


@pytest.fixture
def key_file(google: FakeGoogle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A service-account key whose token endpoint is the fake.

    The regional-access-boundary lookup (off unless its variable is set) would call
    iamcredentials.googleapis.com through google-auth's own session, so keep it off.
    """
    monkeypatch.delenv(
        "GOOGLE_SDK_EXPERIMENTAL_PYTHON_REGIONAL_ACCESS_BOUNDARY_LOOKUP_ENABLED", raising=False
    )
    return write_service_account_key(
        tmp_path / "service-account.json", token_uri=google.token_uri, email=SERVICE_ACCOUNT
    )


def test_service_account_client_end_to_end(google: FakeGoogle, key_file: Path) -> None:
    """The production factory: a real key, a real JWT exchange, read-only scopes."""
    email = SERVICE_ACCOUNT
    client = service_account_client(str(key_file), http_client=FastBackOff)
    google.route(client.http_client.session)
    reader = GoogleSheetsReader(SHEET_ID, client)

    production = service_account_client(str(key_file)).http_client
    assert isinstance(production, BoundedBackOffHTTPClient)
    assert production.timeout == REQUEST_TIMEOUT
    google.fail(403, times=1, api="sheets")
    with pytest.raises(
        SourceUnreadableError, match=f"share the sheet with the service account {email}"
    ):
        reader.read()
    workbook = reader.read()

    assert len(workbook.posts.rows) == 4
    (token,) = [r for r in google.requests if r.api == "token"]
    claims = _jwt_claims(token.form["assertion"][0])
    assert claims["iss"] == email
    assert claims["scope"].split() == [
        "https://www.googleapis.com/auth/spreadsheets.readonly",
        "https://www.googleapis.com/auth/drive.readonly",
    ]
    assert all(
        r.authorization == f"Bearer {FAKE_ACCESS_TOKEN}"
        for r in google.requests
        if r.api != "token"
    )


def test_refused_credentials_are_unreadable(google: FakeGoogle, key_file: Path) -> None:
    client = service_account_client(str(key_file), http_client=FastBackOff)
    google.route(client.http_client.session)
    google.fail(400, api="token", message="Invalid JWT Signature.")

    with pytest.raises(SourceUnreadableError, match="refused the service-account credentials"):
        GoogleSheetsReader(SHEET_ID, client).fingerprint()
    assert google.count("drive") == 0


def test_an_unusable_key_file_is_unreadable(tmp_path: Path) -> None:
    key_file = tmp_path / "service-account.json"
    key_file.write_text("{}")

    with pytest.raises(SourceUnreadableError, match="missing fields"):
        service_account_client(str(key_file))
    with pytest.raises(SourceUnreadableError, match="cannot be used"):
        service_account_client(str(tmp_path / "absent.json"))


def _jwt_claims(assertion: str) -> dict[str, str]:
    payload = assertion.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
