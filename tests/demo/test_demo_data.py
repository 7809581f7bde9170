"""The bundled demo data: catalog, committed workbooks, their generator and the date shift.

The committed workbooks are what `pixely demo` shows first, so these tests read the
committed files themselves (not a fresh generation) and check the promises the demo
makes: ~60 days, three platforms, brand replies, English comments, a visible issue
stretch, and one planted bad row of each kind the quarantine knows.
"""

import re
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook, load_workbook

from pixely_api.admin import normalize_brand_handles, slugify
from pixely_api.security import check_password_policy
from pixely_dagster.demo import DEMO_CATALOG, DEMO_DATA_DIR, DemoFicha
from pixely_dagster.demo.generate_workbooks import DAYS, END_DATE, build_workbook, generate_all
from pixely_dagster.demo.shift import shift_workbook

POSTS_SHEET = "Posts"
COMMENTS_SHEET = "Comments"
POSTS_COLUMNS = (
    "post_url",
    "platform",
    "created_at",
    "content",
    "likes",
    "comments_count",
    "shares",
    "views",
)
COMMENTS_COLUMNS = ("post_url", "comment_text", "ownerUsername", "created_at")
PLATFORMS = {"instagram", "tiktok", "facebook"}
COUNTS = ("likes", "comments_count", "shares")
Sheets = dict[str, list[tuple[object, ...]]]


def read_cells(path: Path) -> Sheets:
    """Every sheet's rows (header included) as plain cell values."""
    workbook = load_workbook(path, read_only=True)
    try:
        return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook}
    finally:
        workbook.close()


@pytest.fixture(scope="module")
def committed() -> dict[str, Sheets]:
    return {ficha.slug: read_cells(ficha.workbook_path) for ficha in DEMO_CATALOG.fichas}


def records(sheets: Sheets, name: str) -> list[dict[str, object]]:
    header, *rows = sheets[name]
    return [dict(zip(header, row, strict=True)) for row in rows]


def form(value: object) -> str:
    """Which of the three ISO forms a created_at text has (or ``bad``)."""
    if not isinstance(value, str):
        return "bad"
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return "bad"
    if value.endswith("Z"):
        return "zulu"
    return "naive" if parsed.tzinfo is None else "offset"


def local_day(value: object, zone: ZoneInfo) -> date | None:
    """The ficha-local day of a created_at text, naive values read in the ficha's zone."""
    if form(value) == "bad":
        return None
    assert isinstance(value, str)
    parsed = datetime.fromisoformat(value)
    return parsed.date() if parsed.tzinfo is None else parsed.astimezone(zone).date()


def bad_row_kinds(sheets: Sheets) -> dict[tuple[str, int], str]:
    """Classify rows the way the source contract rejects them: (sheet, row) → kind."""
    kinds: dict[tuple[str, int], str] = {}
    seen: set[object] = set()
    good_urls: set[object] = set()
    for number, post in enumerate(records(sheets, POSTS_SHEET), start=2):
        where = (POSTS_SHEET, number)
        counts = [post[c] for c in COUNTS] + ([post["views"]] if post["views"] is not None else [])
        if not post["post_url"]:
            kinds[where] = "missing post_url"
        elif post["post_url"] in seen:
            kinds[where] = "duplicate post_url"
        elif str(post["platform"]).lower() not in PLATFORMS:
            kinds[where] = "unknown platform"
        elif form(post["created_at"]) == "bad":
            kinds[where] = "unparsable date"
        elif any(not isinstance(count, int) for count in counts):
            kinds[where] = "non-numeric count"
        elif any(count < 0 for count in counts if isinstance(count, int)):
            kinds[where] = "negative count"
        else:
            good_urls.add(post["post_url"])
        seen.add(post["post_url"])
    for number, comment in enumerate(records(sheets, COMMENTS_SHEET), start=2):
        where = (COMMENTS_SHEET, number)
        if any(comment[column] in (None, "") for column in COMMENTS_COLUMNS):
            kinds[where] = "missing comment field"
        elif form(comment["created_at"]) == "bad":
            kinds[where] = "unparsable date"
        elif comment["post_url"] not in good_urls:
            kinds[where] = "unknown post"
    return kinds


def test_catalog_describes_agency_and_two_brands() -> None:
    assert DEMO_CATALOG.agency.slug == "pixely-partners"
    assert DEMO_CATALOG.agency.name == "Pixely Partners"
    assert [(u.email, u.role) for u in DEMO_CATALOG.agency.users] == [("admin@pixely.pe", "admin")]
    assert len(DEMO_CATALOG.brands) == 2
    assert {f.timezone for f in DEMO_CATALOG.fichas} == {"America/Lima", "America/Mexico_City"}
    for tenant in DEMO_CATALOG.tenants:
        assert tenant.slug == slugify(tenant.name)
    for tenant in DEMO_CATALOG.brands:
        assert [user.role for user in tenant.users] == ["viewer"]
        assert len(tenant.fichas) == 1
    passwords = [user.password for user in DEMO_CATALOG.users]
    assert len(set(passwords)) == len(passwords)
    for user in DEMO_CATALOG.users:
        check_password_policy(user.password, user.email)


@pytest.mark.parametrize("ficha", DEMO_CATALOG.fichas, ids=lambda f: f.slug)
def test_ficha_is_loadable_by_the_admin_cli(ficha: DemoFicha) -> None:
    assert re.fullmatch(r"[a-z0-9-]+", ficha.slug)
    assert ZoneInfo(ficha.timezone)
    assert ficha.industry and ficha.archetype and ficha.tone_of_voice and ficha.target_audience
    assert len(ficha.competitors) >= 2
    handles = normalize_brand_handles(ficha.brand_handles)
    assert {entry.split(":")[0] for entry in handles} == PLATFORMS
    assert ficha.workbook_path.parent == DEMO_DATA_DIR
    assert ficha.workbook_path.is_file()


def test_generator_is_deterministic_and_matches_committed_files(
    tmp_path: Path, committed: dict[str, Sheets]
) -> None:
    generate_all(tmp_path / "a")
    generate_all(tmp_path / "b")
    for ficha in DEMO_CATALOG.fichas:
        first = read_cells(tmp_path / "a" / ficha.workbook)
        assert first == read_cells(tmp_path / "b" / ficha.workbook)
        assert first == committed[ficha.slug], (
            f"{ficha.workbook} is stale: run python -m pixely_dagster.demo.generate_workbooks"
        )


@pytest.mark.parametrize("ficha", DEMO_CATALOG.fichas, ids=lambda f: f.slug)
def test_workbook_shape(ficha: DemoFicha, committed: dict[str, Sheets]) -> None:
    sheets = committed[ficha.slug]
    assert list(sheets) == [POSTS_SHEET, COMMENTS_SHEET]
    assert sheets[POSTS_SHEET][0] == POSTS_COLUMNS
    assert sheets[COMMENTS_SHEET][0] == COMMENTS_COLUMNS
    zone = ZoneInfo(ficha.timezone)
    posts = records(sheets, POSTS_SHEET)
    days = {day for post in posts if (day := local_day(post["created_at"], zone))}
    assert len(days) == DAYS
    assert max(days) == END_DATE
    assert min(days) == END_DATE - timedelta(days=DAYS - 1)
    assert {str(post["platform"]) for post in posts} >= PLATFORMS
    assert any(post["platform"] == "facebook" and post["views"] is None for post in posts)
    assert all(isinstance(post["likes"], int) for post in posts[:10])


@pytest.mark.parametrize("ficha", DEMO_CATALOG.fichas, ids=lambda f: f.slug)
def test_comments_are_varied_and_realistic(ficha: DemoFicha, committed: dict[str, Sheets]) -> None:
    zone = ZoneInfo(ficha.timezone)
    comments = records(committed[ficha.slug], COMMENTS_SHEET)
    handles = {ficha.handle(platform) for platform in PLATFORMS}
    replies = [c for c in comments if c["ownerUsername"] in handles]
    audience = [c for c in comments if c["ownerUsername"] not in handles]
    assert 0.03 < len(replies) / len(comments) < 0.2
    assert len({c["ownerUsername"] for c in replies}) == 3

    texts = [str(c["comment_text"]) for c in audience]
    assert len(set(texts)) / len(texts) > 0.75
    assert Counter(texts).most_common(1)[0][1] / len(texts) < 0.02
    english = [t for t in texts if len(re.findall(r"\b(the|you|do|is|this|my|for|to)\b", t)) >= 1]
    assert len(english) >= 10
    assert sum("@" in t for t in texts) > 50
    assert sum("#" in t for t in texts) > 5
    assert sum(any(e in t for e in "😍🙏😡😂🙃🔥") for t in texts) > len(texts) / 4
    assert sum(t.endswith(("ooo", "aaa", "eee")) or "ooo " in t for t in texts) > 10

    forms = Counter(form(c["created_at"]) for c in comments)
    assert forms["offset"] > forms["zulu"] > 0 and forms["naive"] > 0

    spans: dict[object, set[date]] = {}
    for c in comments:
        if day := local_day(c["created_at"], zone):
            spans.setdefault(c["post_url"], set()).add(day)
    assert sum(len(days) >= 2 for days in spans.values()) > len(spans) / 3
    per_post = sorted(Counter(c["post_url"] for c in audience).values())
    assert 5 <= per_post[len(per_post) // 2] <= 25


@pytest.mark.parametrize(
    ("slug", "pattern", "issue_start", "peak_week"),
    [
        ("cafe-andino", r"precio|subi|45|price", date(2025, 10, 6), date(2025, 10, 6)),
        (
            "norte-sport",
            r"pedido|paquete|gu[ií]a|esperando|order",
            date(2025, 9, 17),
            date(2025, 9, 22),
        ),
    ],
)
def test_recurring_issue_stands_out(
    slug: str, pattern: str, issue_start: date, peak_week: date, committed: dict[str, Sheets]
) -> None:
    """Q8 needs a visible change: the issue's words are far more frequent at its peak
    than in the weeks before it began."""
    ficha = DEMO_CATALOG.ficha(slug)
    zone = ZoneInfo(ficha.timezone)
    handles = {ficha.handle(platform) for platform in PLATFORMS}
    inside: list[bool] = []
    before: list[bool] = []
    for c in records(committed[slug], COMMENTS_SHEET):
        day = local_day(c["created_at"], zone)
        if day is None or c["ownerUsername"] in handles:
            continue
        hit = bool(re.search(pattern, str(c["comment_text"]).lower()))
        if peak_week <= day < peak_week + timedelta(days=7):
            inside.append(hit)
        elif day < issue_start:
            before.append(hit)
    assert sum(inside) / len(inside) > 3 * sum(before) / len(before)


@pytest.mark.parametrize("ficha", DEMO_CATALOG.fichas, ids=lambda f: f.slug)
def test_one_bad_row_of_each_kind_and_no_accidental_ones(
    ficha: DemoFicha, committed: dict[str, Sheets]
) -> None:
    kinds = bad_row_kinds(committed[ficha.slug])
    assert sorted(Counter(kinds.values()).items()) == [
        ("duplicate post_url", 1),
        ("missing comment field", 1),
        ("missing post_url", 1),
        ("negative count", 1),
        ("non-numeric count", 1),
        ("unknown platform", 1),
        ("unknown post", 1),
        ("unparsable date", 1),
    ]
    planted = {(bad.sheet, bad.row) for bad in build_workbook(ficha).planted}
    assert planted == set(kinds)


def test_shift_moves_last_day_and_keeps_forms(tmp_path: Path) -> None:
    ficha = DEMO_CATALOG.fichas[0]
    target = date(2026, 2, 14)
    moved = shift_workbook(ficha.workbook_path, tmp_path / "shifted.xlsx", target)
    assert moved == (target - END_DATE).days

    before, after = read_cells(ficha.workbook_path), read_cells(tmp_path / "shifted.xlsx")
    zone = ZoneInfo(ficha.timezone)
    days: set[date] = set()
    for sheet in (POSTS_SHEET, COMMENTS_SHEET):
        column = before[sheet][0].index("created_at")
        assert len(before[sheet]) == len(after[sheet])
        for old, new in zip(before[sheet][1:], after[sheet][1:], strict=True):
            assert old[:column] + old[column + 1 :] == new[:column] + new[column + 1 :]
            assert form(old[column]) == form(new[column])
            if form(old[column]) == "bad":
                assert new[column] == old[column]
                continue
            assert isinstance(old[column], str) and isinstance(new[column], str)
            shift = datetime.fromisoformat(new[column]) - datetime.fromisoformat(old[column])
            assert shift == timedelta(days=moved)
            assert new[column][10:] == old[column][10:]
            days.add(local_day(new[column], zone) or date.min)
    assert max(days) == target
    assert "ayer" in [row[2] for row in after[POSTS_SHEET]]


def test_shift_back_and_refuses_a_workbook_without_dates(tmp_path: Path) -> None:
    ficha = DEMO_CATALOG.fichas[1]
    assert shift_workbook(ficha.workbook_path, tmp_path / "same.xlsx", END_DATE) == 0
    assert shift_workbook(ficha.workbook_path, tmp_path / "back.xlsx", date(2025, 10, 1)) == -30

    empty = Workbook()
    sheet = empty.active
    assert sheet is not None
    sheet.append(["post_url", "created_at"])
    sheet.append(["https://example.com/p/1", "ayer"])
    empty.save(tmp_path / "undated.xlsx")
    with pytest.raises(ValueError, match="no parsable created_at"):
        shift_workbook(tmp_path / "undated.xlsx", tmp_path / "out.xlsx", END_DATE)


def test_committed_data_is_small() -> None:
    assert sum(path.stat().st_size for path in DEMO_DATA_DIR.glob("*.xlsx")) < 2 * 1024 * 1024
