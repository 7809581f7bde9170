"""The source data contract (README.md), one rule per test, on raw sheets built by hand.

``RawWorkbook`` / ``RawSheet`` are what every reader returns, so these tests feed
``validate_workbook`` exactly what a workbook, two CSVs or a Google Sheet would, and
assert the reason text a person reads in the quarantine.
"""

import unicodedata
from collections.abc import Sequence
from datetime import UTC, date, datetime

import pytest

from pixely_dagster.sources.identity import normalize_post_url
from pixely_dagster.sources.raw import (
    COMMENTS_SHEET,
    POSTS_SHEET,
    Cell,
    RawSheet,
    RawWorkbook,
    SourceContractError,
)
from pixely_dagster.sources.validation import (
    RejectedSourceRow,
    ValidatedSource,
    ValidationRules,
    brand_handle_pairs,
    validate_workbook,
)

LIMA = "America/Lima"
SOURCE_LABEL = "test workbook acme.xlsx"
POST_HEADER: tuple[str, ...] = (
    "post_url",
    "platform",
    "created_at",
    "content",
    "likes",
    "comments_count",
    "shares",
    "views",
)
COMMENT_HEADER: tuple[str, ...] = ("post_url", "comment_text", "ownerUsername", "created_at")
RULES = ValidationRules(timezone=LIMA, start_date=date(2025, 1, 1), today=date(2025, 3, 10))

URL_1 = "https://instagram.com/p/1"
URL_2 = "https://instagram.com/p/2"
URL_3 = "https://instagram.com/p/3"

Row = tuple[Cell, ...]


def post(
    url: Cell = URL_1,
    platform: Cell = "instagram",
    created_at: Cell = "2025-03-03T10:00:00-05:00",
    content: Cell = "Hola",
    likes: Cell = 10,
    comments_count: Cell = 2,
    shares: Cell = 1,
    views: Cell = None,
) -> Row:
    return (url, platform, created_at, content, likes, comments_count, shares, views)


def comment(
    url: Cell = URL_1,
    text: Cell = "Me encanta",
    owner: Cell = "ana",
    created_at: Cell = "2025-03-03T11:00:00-05:00",
) -> Row:
    return (url, text, owner, created_at)


def workbook(
    posts: Sequence[Row] = (),
    comments: Sequence[Row] = (),
    *,
    post_header: Sequence[str] = POST_HEADER,
    comment_header: Sequence[str] = COMMENT_HEADER,
) -> RawWorkbook:
    return RawWorkbook(
        source_label=SOURCE_LABEL,
        posts=RawSheet(POSTS_SHEET, tuple(post_header), tuple(posts)),
        comments=RawSheet(COMMENTS_SHEET, tuple(comment_header), tuple(comments)),
        fingerprint="sha256:test",
    )


def validate(
    posts: Sequence[Row] = (), comments: Sequence[Row] = (), rules: ValidationRules = RULES
) -> ValidatedSource:
    return validate_workbook(workbook(posts, comments), rules)


def only_rejection(result: ValidatedSource) -> RejectedSourceRow:
    assert len(result.rejected) == 1, [r.reason for r in result.rejected]
    return result.rejected[0]


def rejected_post_reason(row: Row) -> str:
    result = validate([row])
    assert result.posts == ()
    rejection = only_rejection(result)
    assert (rejection.sheet, rejection.row_number) == (POSTS_SHEET, 2)
    return rejection.reason


# --- Posts: required fields and platform ---------------------------------------------


@pytest.mark.parametrize("missing", [None, "", "   "])
def test_post_without_post_url_is_rejected(missing: Cell) -> None:
    assert rejected_post_reason(post(url=missing)) == "post_url is empty"


def test_unknown_platform_is_rejected_naming_the_allowed_ones() -> None:
    reason = rejected_post_reason(post(platform="twitter"))

    assert reason == "platform 'twitter' is not one of instagram, tiktok, facebook"


def test_empty_platform_is_rejected() -> None:
    assert rejected_post_reason(post(platform=None)) == "platform is empty"


def test_platform_is_case_insensitive_and_trimmed() -> None:
    result = validate([post(platform=" Instagram "), post(url=URL_2, platform="TIKTOK")])

    assert result.rejected == ()
    assert [p.platform for p in result.posts] == ["instagram", "tiktok"]


# --- Dates ------------------------------------------------------------------------------


def test_created_at_that_is_not_iso_8601_is_rejected() -> None:
    reason = rejected_post_reason(post(created_at="ayer"))

    assert reason == "created_at 'ayer' is not an ISO 8601 date"


def test_empty_created_at_is_rejected() -> None:
    assert rejected_post_reason(post(created_at="  ")) == "created_at is empty"


@pytest.mark.parametrize(
    "written",
    [
        "2025-03-03T23:30:00",  # naive: in the ficha's timezone
        "2025-03-03T23:30:00-05:00",
        "2025-03-04T04:30:00Z",
        "2025-03-04T04:30:00+00:00",
        "2025-03-04T06:30:00+02:00",
    ],
)
def test_offsets_z_and_naive_times_are_one_instant_on_the_fichas_day(written: str) -> None:
    result = validate([post(created_at=written)])

    assert result.rejected == ()
    (only,) = result.posts
    assert only.created_at == datetime(2025, 3, 4, 4, 30, tzinfo=UTC)
    assert only.partition_date == date(2025, 3, 3)


def test_naive_time_is_read_in_the_fichas_own_timezone() -> None:
    tokyo = ValidationRules(timezone="Asia/Tokyo", start_date=date(2025, 1, 1), today=RULES.today)

    in_tokyo = validate([post(created_at="2025-03-03T23:30:00")], rules=tokyo).posts[0]
    utc_in_tokyo = validate([post(created_at="2025-03-04T04:30:00Z")], rules=tokyo).posts[0]

    assert in_tokyo.created_at == datetime(2025, 3, 3, 14, 30, tzinfo=UTC)
    assert in_tokyo.partition_date == date(2025, 3, 3)
    # The same UTC instant that is the 3rd in Lima is already the 4th in Tokyo.
    assert utc_in_tokyo.partition_date == date(2025, 3, 4)


def test_sheets_date_serials_are_days_since_1899_12_30_in_the_fichas_zone() -> None:
    serial_2025_03_03 = 45719
    result = validate(
        [
            post(url=URL_1, created_at=serial_2025_03_03 + 0.5),
            post(url=URL_2, created_at=serial_2025_03_03),
            post(url=URL_3, created_at=serial_2025_03_03 + 23.5 / 24),
        ]
    )

    assert result.rejected == ()
    noon, midnight, late = result.posts
    assert noon.created_at == datetime(2025, 3, 3, 17, 0, tzinfo=UTC)
    assert midnight.created_at == datetime(2025, 3, 3, 5, 0, tzinfo=UTC)
    assert late.created_at == datetime(2025, 3, 4, 4, 30, tzinfo=UTC)
    assert {p.partition_date for p in result.posts} == {date(2025, 3, 3)}


def test_a_number_that_is_no_date_serial_is_rejected() -> None:
    assert rejected_post_reason(post(created_at=0)) == "created_at 0 is not a date serial number"


def test_workbook_datetime_cells_are_read_in_the_fichas_zone() -> None:
    result = validate(
        [post(created_at=datetime(2025, 3, 3, 23, 30))],
        [comment(created_at=datetime(2025, 3, 3, 23, 45, 10))],
    )

    assert result.rejected == ()
    assert result.posts[0].created_at == datetime(2025, 3, 4, 4, 30, tzinfo=UTC)
    assert result.posts[0].partition_date == date(2025, 3, 3)
    assert result.comments[0].created_at == datetime(2025, 3, 4, 4, 45, 10, tzinfo=UTC)
    assert result.comments[0].partition_date == date(2025, 3, 3)


def test_a_row_dated_after_tomorrow_is_rejected_tomorrow_is_not() -> None:
    # RULES.today is 2025-03-10 in Lima, so the 11th is tomorrow and the 12th is too far.
    result = validate(
        [
            post(url=URL_1, created_at="2025-03-11T23:59:59"),
            post(url=URL_2, created_at="2025-03-12T00:00:00"),
        ]
    )

    assert [p.post_url for p in result.posts] == [URL_1]
    rejection = only_rejection(result)
    assert rejection.row_number == 3
    assert rejection.reason == (
        "created_at 2025-03-12T00:00:00-05:00 is after tomorrow (2025-03-11 in America/Lima)"
    )


def test_a_row_dated_before_the_start_date_is_rejected() -> None:
    result = validate(
        [
            post(url=URL_1, created_at="2025-01-01T00:00:00"),
            post(url=URL_2, created_at="2024-12-31T23:59:59-05:00"),
            # 03:00 UTC on the 1st is still the 31st in Lima: the ficha's day decides.
            post(url=URL_3, created_at="2025-01-01T03:00:00Z"),
        ]
    )

    assert [p.post_url for p in result.posts] == [URL_1]
    assert [(r.row_number, r.reason) for r in result.rejected] == [
        (3, "created_at 2024-12-31T23:59:59-05:00 is before the first partition date 2025-01-01"),
        (4, "created_at 2025-01-01T03:00:00+00:00 is before the first partition date 2025-01-01"),
    ]


def test_comment_dates_follow_the_same_rules() -> None:
    result = validate(
        [post()],
        [
            comment(created_at="mañana"),
            comment(created_at="2025-03-20T10:00:00"),
            comment(created_at="2024-06-01T10:00:00"),
        ],
    )

    assert result.comments == ()
    assert [(r.sheet, r.row_number, r.reason) for r in result.rejected] == [
        (COMMENTS_SHEET, 2, "created_at 'mañana' is not an ISO 8601 date"),
        (
            COMMENTS_SHEET,
            3,
            "created_at 2025-03-20T10:00:00-05:00 is after tomorrow (2025-03-11 in America/Lima)",
        ),
        (
            COMMENTS_SHEET,
            4,
            "created_at 2024-06-01T10:00:00-05:00 is before the first partition date 2025-01-01",
        ),
    ]


# --- Counts -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (1234, 1234),
        ("1234", 1234),
        (" 42 ", 42),
        ("1,234", 1234),
        ("1.234", 1234),
        ("1,234,567", 1234567),
        ("1.2K", 1200),
        ("1,5M", 1500000),
        ("3k", 3000),
        (12.0, 12),
        (0, 0),
        ("+7", 7),
    ],
)
def test_counts_written_plainly_are_read_as_whole_numbers(cell: Cell, expected: int) -> None:
    result = validate([post(likes=cell)])

    assert result.rejected == ()
    assert result.posts[0].likes == expected
    assert type(result.posts[0].likes) is int


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        (-12, "likes -12 is negative"),
        ("-5", "likes -5 is negative"),
        (-3.0, "likes -3 is negative"),
        ("muchos", "likes 'muchos' is not a number"),
        ("1,5", "likes '1,5' is not a whole number"),
        ("12.5", "likes '12.5' is not a whole number"),
        ("1e3", "likes '1e3' is not a number"),
        (12.5, "likes 12.5 is not a whole number"),
        (True, "likes True is not a number"),
        (False, "likes False is not a number"),
        (datetime(2025, 3, 3), "likes 2025-03-03 00:00:00 is not a number"),
        ("1.2345K", "likes '1.2345K' is not a whole number"),
        ("+-5", "likes '+-5' is not a number"),
        # Non-ASCII digits are not "written plainly": rejected, never a crash or a guess.
        ("²", "likes '²' is not a number"),
        ("١٢", "likes '١٢' is not a number"),
        (None, "likes is empty"),
        ("", "likes is empty"),
    ],
)
def test_counts_that_are_not_whole_numbers_at_least_zero_are_rejected(
    cell: Cell, reason: str
) -> None:
    assert rejected_post_reason(post(likes=cell)) == reason


@pytest.mark.parametrize("column", ["likes", "comments_count", "shares"])
def test_every_required_count_column_is_checked(column: str) -> None:
    row = dict(zip(POST_HEADER, post(), strict=True))
    row[column] = "muchos"

    reason = rejected_post_reason(tuple(row[c] for c in POST_HEADER))

    assert reason == f"{column} 'muchos' is not a number"


def test_views_are_optional() -> None:
    without_column = validate_workbook(
        workbook([post()[:7]], post_header=POST_HEADER[:7]), RULES
    ).posts
    result = validate(
        [
            post(url=URL_1, views=None),
            post(url=URL_2, views="  "),
            post(url=URL_3, views="2.5K"),
        ]
    )

    assert without_column[0].views is None
    assert result.rejected == ()
    assert [p.views for p in result.posts] == [None, None, 2500]


def test_views_when_given_follow_the_count_rules() -> None:
    assert rejected_post_reason(post(views=-1)) == "views -1 is negative"


def test_a_valid_post_keeps_its_values() -> None:
    (only,) = validate([post(url=" https://Instagram.com/p/1/ ", content=None, views=99)]).posts

    assert only.post_url == "https://Instagram.com/p/1/"
    assert only.post_key == "https://instagram.com/p/1"
    assert only.content == ""
    assert (only.likes, only.comments_count, only.shares, only.views) == (10, 2, 1, 99)
    assert only.row_number == 2


# --- Duplicates -------------------------------------------------------------------------


def test_duplicate_post_url_keeps_the_first_and_rejects_later_ones_naming_it() -> None:
    result = validate([post(likes=1), post(url=URL_2), post(likes=2), post(likes=3)])

    assert [(p.post_url, p.likes, p.row_number) for p in result.posts] == [
        (URL_1, 1, 2),
        (URL_2, 10, 3),
    ]
    assert [(r.row_number, r.reason) for r in result.rejected] == [
        (4, f"duplicate post_url {URL_1!r} (first seen on row 2)"),
        (5, f"duplicate post_url {URL_1!r} (first seen on row 2)"),
    ]


def test_post_urls_are_compared_after_normalisation() -> None:
    result = validate(
        [post(url="https://example.com/p/1"), post(url="HTTPS://Example.com/p/1/?utm=x")]
    )

    assert [p.post_url for p in result.posts] == ["https://example.com/p/1"]
    rejection = only_rejection(result)
    assert rejection.reason == (
        "duplicate post_url 'HTTPS://Example.com/p/1/?utm=x' (first seen on row 2)"
    )


def test_a_rejected_row_does_not_count_as_the_first_of_its_url() -> None:
    result = validate([post(likes="muchos"), post(likes=5)])

    assert [(p.likes, p.row_number) for p in result.posts] == [(5, 3)]
    assert only_rejection(result).reason == "likes 'muchos' is not a number"


# --- Comments ---------------------------------------------------------------------------


def test_comment_on_a_post_the_sheet_does_not_have_is_rejected() -> None:
    result = validate([post()], [comment(url="https://instagram.com/p/404")])

    rejection = only_rejection(result)
    assert (rejection.sheet, rejection.row_number) == (COMMENTS_SHEET, 2)
    assert rejection.reason == (
        "post_url 'https://instagram.com/p/404' matches no post in the Posts sheet"
    )


def test_comment_on_a_rejected_post_says_so_with_the_posts_row() -> None:
    result = validate([post(), post(url=URL_2, platform="twitter")], [comment(url=URL_2 + "/")])

    assert [(r.sheet, r.row_number, r.reason) for r in result.rejected] == [
        (POSTS_SHEET, 3, "platform 'twitter' is not one of instagram, tiktok, facebook"),
        (
            COMMENTS_SHEET,
            2,
            f"post_url '{URL_2}/' belongs to a Posts row that was rejected (row 3)",
        ),
    ]


def test_comment_post_url_matches_after_normalisation() -> None:
    result = validate([post()], [comment(url=" HTTPS://INSTAGRAM.COM/p/1/?igshid=abc ")])

    assert result.rejected == ()
    (only,) = result.comments
    assert only.post_key == normalize_post_url(URL_1)
    assert only.platform == "instagram"


def test_comment_without_post_url_is_rejected() -> None:
    result = validate([post()], [comment(url=None)])

    assert only_rejection(result).reason == "post_url is empty"


@pytest.mark.parametrize("owner", [None, "", "   ", "@", " @ "])
def test_comment_without_owner_username_is_rejected(owner: Cell) -> None:
    result = validate([post()], [comment(owner=owner)])

    assert result.comments == ()
    rejection = only_rejection(result)
    assert (rejection.sheet, rejection.reason) == (COMMENTS_SHEET, "ownerUsername is empty")


def test_a_valid_comment_is_normalised() -> None:
    decomposed = unicodedata.normalize("NFD", "  ¡Qué café!  ")
    (only,) = validate([post()], [comment(owner=" @Ana_Lopez ", text=decomposed)]).comments

    assert only.author == "ana_lopez"
    assert only.text == "¡Qué café!"
    assert only.text == unicodedata.normalize("NFC", only.text)
    assert only.created_at == datetime(2025, 3, 3, 16, 0, tzinfo=UTC)
    assert only.partition_date == date(2025, 3, 3)
    assert only.is_brand_reply is False
    assert only.row_number == 2


def test_brand_replies_are_marked_by_the_handle_of_the_posts_platform() -> None:
    rules = ValidationRules(
        timezone=LIMA,
        start_date=RULES.start_date,
        today=RULES.today,
        brand_handles=brand_handle_pairs(["instagram:acme"]),
    )
    tiktok_url = "https://tiktok.com/@acme/video/1"

    result = validate(
        [post(), post(url=tiktok_url, platform="tiktok")],
        [
            comment(owner="@Acme", text="¡Gracias!"),
            comment(url=tiktok_url, owner="@Acme", text="¡Gracias!"),
            comment(owner="ana"),
        ],
        rules=rules,
    )

    assert result.rejected == ()
    assert [(c.platform, c.author, c.is_brand_reply) for c in result.comments] == [
        ("instagram", "acme", True),
        ("tiktok", "acme", False),
        ("instagram", "ana", False),
    ]
    assert result.brand_replies == 1


def test_identical_comments_are_counted_once() -> None:
    composed = unicodedata.normalize("NFC", "Qué rico café")
    decomposed = unicodedata.normalize("NFD", "Qué rico café")
    assert composed != decomposed

    result = validate(
        [post()],
        [
            comment(owner="ana", text=composed, created_at="2025-03-03T11:00:00.100-05:00"),
            # Same post, author, second and NFC text, written differently.
            comment(
                url=URL_1 + "/?utm_source=x",
                owner=" @ANA",
                text=decomposed + " ",
                created_at="2025-03-03T16:00:00.900Z",
            ),
            comment(owner="ana", text=composed, created_at="2025-03-03T11:00:01-05:00"),
            comment(owner="beto", text=composed, created_at="2025-03-03T11:00:00-05:00"),
        ],
    )

    assert result.rejected == ()
    assert result.duplicate_comments == 1
    assert [(c.author, c.row_number) for c in result.comments] == [
        ("ana", 2),
        ("ana", 4),
        ("beto", 5),
    ]
    assert len({c.comment_key for c in result.comments}) == 3


# --- Bad rows never hold back good ones -------------------------------------------------


def test_a_sheet_mixing_good_and_bad_rows_yields_every_good_row() -> None:
    posts = [
        post(url=URL_1),
        post(url="https://instagram.com/p/bad-1", platform="twitter"),
        post(url=URL_2, platform="tiktok"),
        post(url="https://instagram.com/p/bad-2", created_at="ayer"),
        post(url="https://instagram.com/p/bad-3", shares=-1),
        post(url=URL_3, platform="facebook", views="1.234"),
        post(url=URL_3),
    ]
    comments = [
        comment(url=URL_1, owner="ana"),
        comment(url="https://instagram.com/p/bad-1", owner="beto"),
        comment(url=URL_2, owner="carla"),
        comment(url="https://instagram.com/p/nowhere", owner="dani"),
        comment(url=URL_3, owner=None),
        comment(url=URL_3, owner="eva"),
    ]

    result = validate(posts, comments)

    assert [(p.post_url, p.row_number) for p in result.posts] == [
        (URL_1, 2),
        (URL_2, 4),
        (URL_3, 7),
    ]
    assert [(c.author, c.row_number) for c in result.comments] == [
        ("ana", 2),
        ("carla", 4),
        ("eva", 7),
    ]
    assert [(r.sheet, r.row_number) for r in result.rejected] == [
        (POSTS_SHEET, 3),
        (POSTS_SHEET, 5),
        (POSTS_SHEET, 6),
        (POSTS_SHEET, 8),
        (COMMENTS_SHEET, 3),
        (COMMENTS_SHEET, 5),
        (COMMENTS_SHEET, 6),
    ]
    assert all(r.reason for r in result.rejected)


def test_blank_rows_are_skipped_and_keep_the_row_numbers_of_later_rows() -> None:
    result = validate(
        [post(url=URL_1), (None,) * 8, (), ("", "  ", None), post(url=URL_2)],
        [(None, None, None, None), comment()],
    )

    assert result.rejected == ()
    assert result.empty_rows == 4
    assert [p.row_number for p in result.posts] == [2, 6]
    assert [c.row_number for c in result.comments] == [3]


def test_a_row_shorter_than_the_header_reads_missing_cells_as_empty() -> None:
    result = validate([post()[:7], (URL_2, "tiktok", "2025-03-03T10:00:00", "x", 1)])

    assert [p.views for p in result.posts] == [None]
    rejection = only_rejection(result)
    assert (rejection.row_number, rejection.reason) == (3, "comments_count is empty")


# --- Columns ----------------------------------------------------------------------------


def test_a_missing_required_post_column_names_the_sheet_the_column_and_the_source() -> None:
    header = tuple(c for c in POST_HEADER if c != "likes")

    with pytest.raises(SourceContractError) as raised:
        validate_workbook(workbook(post_header=header), RULES)

    assert str(raised.value) == (
        f"sheet 'Posts' of {SOURCE_LABEL} is missing required column(s): likes"
    )


def test_a_missing_required_comment_column_names_the_sheet_the_column_and_the_source() -> None:
    with pytest.raises(SourceContractError) as raised:
        validate_workbook(
            workbook([post()], comment_header=("post_url", "comment_text", "created_at")), RULES
        )

    assert str(raised.value) == (
        f"sheet 'Comments' of {SOURCE_LABEL} is missing required column(s): ownerUsername"
    )


def test_an_empty_sheet_misses_every_required_column() -> None:
    with pytest.raises(SourceContractError) as raised:
        validate_workbook(workbook(comment_header=()), RULES)

    assert str(raised.value) == (
        f"sheet 'Comments' of {SOURCE_LABEL} is missing required column(s): "
        "post_url, comment_text, ownerUsername, created_at"
    )


def test_header_names_are_matched_case_insensitively_and_trimmed() -> None:
    post_header = (
        "POST_URL",
        " Platform ",
        "Created_At",
        "Content",
        "LIKES",
        "Comments_Count",
        "Shares",
        "Views",
    )
    comment_header = ("Post_Url", "COMMENT_TEXT", "ownerusername", " CREATED_AT")

    result = validate_workbook(
        workbook(
            [post(views=5)],
            [comment()],
            post_header=post_header,
            comment_header=comment_header,
        ),
        RULES,
    )

    assert result.rejected == ()
    assert [(p.post_url, p.views) for p in result.posts] == [(URL_1, 5)]
    assert [c.author for c in result.comments] == ["ana"]


def test_columns_are_found_by_name_not_position() -> None:
    header = ("likes", "views", "post_url", "shares", "created_at", "platform", "comments_count")
    row = (7, None, URL_1, 3, "2025-03-03T10:00:00", "tiktok", 1)

    (only,) = validate_workbook(workbook([row], post_header=(*header, "content")), RULES).posts

    assert (only.post_url, only.platform, only.likes, only.shares, only.comments_count) == (
        URL_1,
        "tiktok",
        7,
        3,
        1,
    )
    assert only.content == ""


# --- The quarantine's identity ----------------------------------------------------------


def test_rejected_rows_hash_their_raw_values_not_their_position() -> None:
    bad = post(url="https://instagram.com/p/9", likes=-12, created_at=datetime(2025, 3, 3))
    first = validate([bad]).rejected[0]
    later = validate([post(url=URL_1), post(url=URL_2), bad]).rejected[0]
    other = validate([post(url="https://instagram.com/p/9", likes=-13)]).rejected[0]

    assert (first.row_number, later.row_number) == (2, 4)
    assert first.raw_values == later.raw_values
    assert first.raw_values["likes"] == -12
    assert first.raw_values["created_at"] == "2025-03-03T00:00:00"
    assert first.row_hash == later.row_hash
    assert len(first.row_hash) == 64
    assert other.row_hash != first.row_hash


def test_rejected_row_raw_values_use_the_contract_column_names() -> None:
    upper = tuple(c.upper() for c in POST_HEADER)
    shouting = validate_workbook(workbook([post(likes="x")], post_header=upper), RULES)
    plain = validate([post(likes="x")])

    assert set(shouting.rejected[0].raw_values) == set(POST_HEADER)
    assert shouting.rejected[0].row_hash == plain.rejected[0].row_hash
