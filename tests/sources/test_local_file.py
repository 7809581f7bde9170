"""LocalFileReader: an ``.xlsx`` workbook or a folder of ``Posts.csv`` + ``Comments.csv``.

Every workbook here is written with openpyxl into ``tmp_path``; nothing is mocked.
"""

import csv
import hashlib
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook

from pixely_dagster.demo.catalog import DEMO_CATALOG, DEMO_DATA_DIR
from pixely_dagster.sources.local_file import LocalFileReader
from pixely_dagster.sources.raw import (
    COMMENTS_SHEET,
    POSTS_SHEET,
    SourceContractError,
    SourceUnreadableError,
)
from pixely_dagster.sources.validation import (
    ValidatedSource,
    ValidationRules,
    brand_handle_pairs,
    validate_workbook,
)

RULES = ValidationRules(
    timezone="America/Lima",
    start_date=date(2025, 1, 1),
    today=date(2025, 3, 10),
    brand_handles=brand_handle_pairs(["instagram:acme"]),
)
POST_HEADER = [
    "post_url",
    "platform",
    "created_at",
    "content",
    "likes",
    "comments_count",
    "shares",
    "views",
]
COMMENT_HEADER = ["post_url", "comment_text", "ownerUsername", "created_at"]
URL_1 = "https://instagram.com/p/1"
URL_2 = "https://tiktok.com/@acme/video/2"
URL_3 = "https://twitter.com/acme/status/3"

# The same data twice: as a workbook holds it (numbers, date cells) and as CSV text.
WORKBOOK_POSTS: list[list[object]] = [
    [URL_1, "instagram", datetime(2025, 3, 3, 23, 30), "Hola, mundo\nsegunda línea", 1234, 2, 0],
    [URL_2, "TikTok", "2025-03-04T10:00:00-05:00", None, "1,234", 1, 3, 5000],
    [URL_3, "twitter", "2025-03-04T10:00:00", "x", 1, 1, 1],
    [None, None, None, None, None, None, None, None],
    [URL_1 + "/", "instagram", "2025-03-05T08:00:00Z", "again", 1, 1, 1],
]
CSV_POSTS: list[list[str]] = [
    [URL_1, "instagram", "2025-03-03T23:30:00", "Hola, mundo\nsegunda línea", "1234", "2", "0", ""],
    [URL_2, "TikTok", "2025-03-04T10:00:00-05:00", "", "1,234", "1", "3", "5000"],
    [URL_3, "twitter", "2025-03-04T10:00:00", "x", "1", "1", "1", ""],
    ["", "", "", "", "", "", "", ""],
    [URL_1 + "/", "instagram", "2025-03-05T08:00:00Z", "again", "1", "1", "1", ""],
]
WORKBOOK_COMMENTS: list[list[object]] = [
    [URL_1, "¡Me encanta!", "@Ana", datetime(2025, 3, 4, 9, 15)],
    [URL_1, "¡Gracias, Ana!", "@Acme", "2025-03-04T09:20:00"],
    [URL_2, "¿Qué precio?", "beto", "2025-03-04T16:00:00Z"],
    [URL_3, "hola", "carla", "2025-03-04T16:00:00Z"],
]
CSV_COMMENTS: list[list[str]] = [
    [URL_1, "¡Me encanta!", "@Ana", "2025-03-04T09:15:00"],
    [URL_1, "¡Gracias, Ana!", "@Acme", "2025-03-04T09:20:00"],
    [URL_2, "¿Qué precio?", "beto", "2025-03-04T16:00:00Z"],
    [URL_3, "hola", "carla", "2025-03-04T16:00:00Z"],
]


def write_workbook(
    path: Path,
    posts: Sequence[Sequence[object]] = WORKBOOK_POSTS,
    comments: Sequence[Sequence[object]] = WORKBOOK_COMMENTS,
    sheets: Sequence[str] = (POSTS_SHEET, COMMENTS_SHEET),
) -> Path:
    book = Workbook()
    book.remove(book.worksheets[0])
    content = {POSTS_SHEET: (POST_HEADER, posts), COMMENTS_SHEET: (COMMENT_HEADER, comments)}
    for title in sheets:
        header, rows = content[title]
        sheet = book.create_sheet(title)
        sheet.append(list(header))
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_folder(
    folder: Path,
    posts: Sequence[Sequence[str]] = CSV_POSTS,
    comments: Sequence[Sequence[str]] = CSV_COMMENTS,
) -> Path:
    folder.mkdir(exist_ok=True)
    write_csv(folder / "Posts.csv", POST_HEADER, posts)
    write_csv(folder / "Comments.csv", COMMENT_HEADER, comments)
    return folder


def summary(validated: ValidatedSource) -> tuple[object, ...]:
    """Everything validation decided, minus the raw cells (typed differently per form)."""
    return (
        validated.posts,
        validated.comments,
        tuple((r.sheet, r.row_number, r.reason) for r in validated.rejected),
        validated.duplicate_comments,
        validated.empty_rows,
    )


# --- Workbook ---------------------------------------------------------------------------


def test_workbook_cells_keep_their_types(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "acme.xlsx")

    raw = LocalFileReader(path).read()

    assert raw.source_label == str(path)
    assert raw.posts.title == POSTS_SHEET
    assert raw.posts.header == tuple(POST_HEADER)
    assert raw.comments.header == tuple(COMMENT_HEADER)
    first = raw.posts.rows[0]
    assert first[:3] == (URL_1, "instagram", datetime(2025, 3, 3, 23, 30))
    assert type(first[2]) is datetime
    assert first[4] == 1234
    assert type(first[4]) is int
    assert first[7] is None
    second = raw.posts.rows[1]
    assert second[4] == "1,234"
    assert second[7] == 5000
    assert raw.comments.rows[0][3] == datetime(2025, 3, 4, 9, 15)
    assert len(raw.posts.rows) == len(WORKBOOK_POSTS)
    assert len(raw.comments.rows) == len(WORKBOOK_COMMENTS)


def test_workbook_validates_into_posts_comments_and_rejected_rows(tmp_path: Path) -> None:
    validated = validate_workbook(
        LocalFileReader(write_workbook(tmp_path / "acme.xlsx")).read(), RULES
    )

    assert [(p.post_url, p.platform, p.likes, p.views) for p in validated.posts] == [
        (URL_1, "instagram", 1234, None),
        (URL_2, "tiktok", 1234, 5000),
    ]
    assert validated.posts[0].partition_date == date(2025, 3, 3)
    assert validated.posts[0].content == "Hola, mundo\nsegunda línea"
    assert [(c.author, c.is_brand_reply) for c in validated.comments] == [
        ("ana", False),
        ("acme", True),
        ("beto", False),
    ]
    assert [(r.sheet, r.row_number, r.reason) for r in validated.rejected] == [
        (POSTS_SHEET, 4, "platform 'twitter' is not one of instagram, tiktok, facebook"),
        (POSTS_SHEET, 6, f"duplicate post_url '{URL_1}/' (first seen on row 2)"),
        (
            COMMENTS_SHEET,
            5,
            f"post_url '{URL_3}' belongs to a Posts row that was rejected (row 4)",
        ),
    ]
    assert validated.empty_rows == 1


def test_a_time_only_or_duration_cell_is_a_rejected_row_not_a_crash(tmp_path: Path) -> None:
    posts = [
        [URL_1, "instagram", time(10, 30), "", 1, 1, 1],
        [URL_2, "tiktok", "2025-03-03T10:00:00", "", timedelta(hours=5), 1, 1],
        ["https://instagram.com/p/ok", "instagram", "2025-03-03T10:00:00", "", 1, 1, 1],
    ]
    path = write_workbook(tmp_path / "times.xlsx", posts=posts, comments=[])

    validated = validate_workbook(LocalFileReader(path).read(), RULES)

    assert [p.post_url for p in validated.posts] == ["https://instagram.com/p/ok"]
    assert [(r.row_number, r.reason) for r in validated.rejected] == [
        (2, "created_at '10:30:00' is not an ISO 8601 date"),
        (3, "likes '5:00:00' is not a number"),
    ]


# --- Folder of CSVs ---------------------------------------------------------------------


def test_csv_cells_are_text_and_empty_cells_none(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "acme")

    raw = LocalFileReader(folder).read()

    assert raw.source_label == str(folder)
    assert raw.posts.header == tuple(POST_HEADER)  # the BOM is not part of 'post_url'
    assert raw.posts.rows[0] == (
        URL_1,
        "instagram",
        "2025-03-03T23:30:00",
        "Hola, mundo\nsegunda línea",
        "1234",
        "2",
        "0",
        None,
    )
    assert raw.posts.rows[3] == (None,) * 8
    assert raw.comments.rows[0] == (URL_1, "¡Me encanta!", "@Ana", "2025-03-04T09:15:00")


def test_the_same_data_as_workbook_or_csv_folder_validates_the_same(tmp_path: Path) -> None:
    from_workbook = validate_workbook(
        LocalFileReader(write_workbook(tmp_path / "acme.xlsx")).read(), RULES
    )
    from_folder = validate_workbook(LocalFileReader(write_folder(tmp_path / "acme")).read(), RULES)

    assert len(from_workbook.posts) == 2
    assert len(from_workbook.comments) == 3
    assert len(from_workbook.rejected) == 3
    assert summary(from_folder) == summary(from_workbook)


# --- Fingerprint ------------------------------------------------------------------------


def test_workbook_fingerprint_is_the_files_sha256_and_stable(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "acme.xlsx")
    expected = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    reader = LocalFileReader(path)

    assert reader.fingerprint() == expected
    assert reader.fingerprint() == expected
    assert reader.read().fingerprint == expected
    assert LocalFileReader(str(path)).fingerprint() == expected


def test_workbook_fingerprint_changes_when_the_file_changes(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "acme.xlsx")
    reader = LocalFileReader(path)
    before = reader.fingerprint()

    edited = [list(row) for row in WORKBOOK_POSTS]
    edited[0][4] = 1235
    write_workbook(path, posts=edited)

    assert reader.fingerprint() != before
    assert reader.read().fingerprint == reader.fingerprint()
    assert reader.read().posts.rows[0][4] == 1235


def test_folder_fingerprint_is_stable_and_changes_with_either_file(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "acme")
    reader = LocalFileReader(folder)
    original = reader.fingerprint()

    assert reader.fingerprint() == original
    assert reader.read().fingerprint == original

    write_csv(folder / "Comments.csv", COMMENT_HEADER, CSV_COMMENTS[:-1])
    without_last_comment = reader.fingerprint()
    write_csv(folder / "Posts.csv", POST_HEADER, CSV_POSTS[:-1])
    without_last_post = reader.fingerprint()

    assert len({original, without_last_comment, without_last_post}) == 3


def test_folder_fingerprint_sees_bytes_moved_from_one_csv_to_the_other(tmp_path: Path) -> None:
    first = tmp_path / "first"
    second = tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "Posts.csv").write_bytes(b"post_url\nA\n")
    (first / "Comments.csv").write_bytes(b"post_url\n")
    (second / "Posts.csv").write_bytes(b"post_url\n")
    (second / "Comments.csv").write_bytes(b"A\npost_url\n")

    assert LocalFileReader(first).fingerprint() != LocalFileReader(second).fingerprint()


# --- Errors -----------------------------------------------------------------------------


def test_a_workbook_without_the_comments_sheet_names_it(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "acme.xlsx", sheets=(POSTS_SHEET,))

    with pytest.raises(SourceContractError) as raised:
        LocalFileReader(path).read()

    assert str(raised.value) == f"workbook {path} has no sheet 'Comments' (it has: Posts)"


def test_a_workbook_without_the_posts_sheet_names_it(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "acme.xlsx", sheets=(COMMENTS_SHEET,))

    with pytest.raises(SourceContractError, match="has no sheet 'Posts' \\(it has: Comments\\)"):
        LocalFileReader(path).read()


def test_a_missing_file_is_unreadable_not_empty(tmp_path: Path) -> None:
    reader = LocalFileReader(tmp_path / "gone.xlsx")

    with pytest.raises(SourceUnreadableError) as raised:
        reader.read()
    with pytest.raises(SourceUnreadableError):
        reader.fingerprint()

    assert str(raised.value) == f"source {tmp_path / 'gone.xlsx'} does not exist"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.xlsx", b"this is plain text, not a workbook\n"),
        ("Posts.csv", b"post_url,platform\nhttps://instagram.com/p/1,instagram\n"),
        ("empty.xlsx", b""),
    ],
)
def test_a_file_that_is_not_an_xlsx_workbook_is_unreadable(
    tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(SourceUnreadableError, match="is not a readable .xlsx workbook"):
        LocalFileReader(path).read()


def test_a_folder_without_comments_csv_breaks_the_contract(tmp_path: Path) -> None:
    folder = tmp_path / "acme"
    folder.mkdir()
    write_csv(folder / "Posts.csv", POST_HEADER, CSV_POSTS)
    reader = LocalFileReader(folder)

    with pytest.raises(SourceContractError) as raised:
        reader.read()
    with pytest.raises(SourceContractError):
        reader.fingerprint()

    assert str(raised.value) == (
        f"folder {folder} has no Comments.csv (expected Posts.csv and Comments.csv)"
    )


def test_an_empty_folder_names_both_files(tmp_path: Path) -> None:
    with pytest.raises(SourceContractError, match="has no Posts.csv or Comments.csv"):
        LocalFileReader(tmp_path).read()


# --- The bundled demo workbooks ---------------------------------------------------------

DEMO_WORKBOOKS = sorted(DEMO_DATA_DIR.glob("*.xlsx"))


@pytest.mark.parametrize(
    "path",
    DEMO_WORKBOOKS
    or [
        pytest.param(None, marks=pytest.mark.skip(reason=f"no bundled workbook in {DEMO_DATA_DIR}"))
    ],
    ids=lambda path: path.name if isinstance(path, Path) else "none",
)
def test_each_bundled_demo_workbook_validates_with_a_few_planted_bad_rows(path: Path) -> None:
    from pixely_api.admin import normalize_brand_handles
    from pixely_dagster.demo.generate_workbooks import END_DATE

    ficha = next((f for f in DEMO_CATALOG.fichas if f.workbook == path.name), None)
    assert ficha is not None, f"{path.name} belongs to no ficha of the demo catalog"
    rules = ValidationRules(
        timezone=ficha.timezone,
        start_date=date(2025, 1, 1),
        today=END_DATE + timedelta(days=1),  # `pixely demo` makes the last day yesterday
        brand_handles=brand_handle_pairs(normalize_brand_handles(ficha.brand_handles)),
    )

    validated = validate_workbook(LocalFileReader(path).read(), rules)

    rejected_sheets = {r.sheet for r in validated.rejected}
    assert rejected_sheets == {POSTS_SHEET, COMMENTS_SHEET}
    assert len(validated.posts) >= 30
    assert len(validated.comments) >= 300
    assert len(validated.rejected) * 20 < len(validated.posts) + len(validated.comments)
    assert validated.brand_replies > 0
    assert all(r.reason for r in validated.rejected)
