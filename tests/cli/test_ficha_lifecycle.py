"""``pixely ficha create`` reads the source first; ``update``, ``reactivate``, ``delete``.

Each unreadable source is a real file or folder in ``tmp_path``; each refusal asserts one
line on stderr, exit 1 and not one row changed. A ficha counts as analysed through a real
``pixely run-daily``.
"""

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine

from pixely_api.db import default_engine
from pixely_api.models import FichaCliente, Post
from tests.cli.test_admin_commands import (
    check_workbook,
    count,
    make_tenant,
    ok,
    one,
    pixely,
    refused,
    snapshot,
)


@pytest.fixture(autouse=True)
def _cli_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PIXELY_TIMEZONE", raising=False)
    monkeypatch.delenv("GOOGLE_APPLICATION_CREDENTIALS", raising=False)
    monkeypatch.setenv("PIXELY_START_DATE", (date.today() - timedelta(days=60)).isoformat())


@pytest.fixture
def db(engine: Engine) -> Iterator[Engine]:
    yield engine
    default_engine().dispose()


SKIP_HINT = " (nothing was written; --skip-check stores it anyway)"


def _latin1_folder(root: Path) -> Path:
    folder = root / "latin1"
    folder.mkdir()
    (folder / "Posts.csv").write_bytes(
        "post_url,platform,created_at,content,likes,comments_count,shares\n"
        "https://instagram.com/p/1,instagram,2025-03-03T10:00:00,Año nuevo,1,1,0\n".encode(
            "latin-1"
        )
    )
    (folder / "Comments.csv").write_bytes(
        "post_url,comment_text,ownerUsername,created_at\n".encode("latin-1")
    )
    return folder


def _unreadable_source(kind: str, root: Path) -> tuple[Path, str]:
    """A source the pipeline can never read, and the start of the reason it gives."""
    if kind == "txt":
        path = root / "comments.txt"
        path.write_text("hola\n", encoding="utf-8")
        return path, f"{path} is not a readable .xlsx workbook"
    if kind == "text-named-xlsx":
        path = root / "fake.xlsx"
        path.write_text("post_url,platform\n", encoding="utf-8")
        return path, f"{path} is not a readable .xlsx workbook"
    if kind == "xlsx-without-sheets":
        path = root / "blank.xlsx"
        Workbook().save(path)
        return path, f"workbook {path} has no sheet 'Posts' or 'Comments' (it has: Sheet)"
    if kind == "missing-column":
        path = root / "nocol.xlsx"
        book = Workbook()
        posts = book.active
        assert posts is not None
        posts.title = "Posts"
        posts.append(["post_url", "platform", "created_at", "content", "likes", "shares"])
        book.create_sheet("Comments").append(
            ["post_url", "comment_text", "ownerUsername", "created_at"]
        )
        book.save(path)
        return path, f"sheet 'Posts' of {path} is missing required column(s): comments_count"
    if kind == "empty-folder":
        path = root / "empty"
        path.mkdir()
        return path, f"folder {path} has no Posts.csv or Comments.csv"
    assert kind == "latin1-folder"
    path = _latin1_folder(root)
    return path, "cannot read Posts.csv"


@pytest.mark.parametrize(
    "kind",
    [
        "txt",
        "text-named-xlsx",
        "xlsx-without-sheets",
        "missing-column",
        "empty-folder",
        "latin1-folder",
    ],
)
def test_ficha_create_refuses_a_source_it_can_never_read(
    db: Engine, tmp_path: Path, kind: str
) -> None:
    make_tenant()
    path, reason = _unreadable_source(kind, tmp_path)
    before = snapshot(db)

    result = pixely(["ficha", "create", "Acme", "--tenant", "acme", "--source", str(path)])

    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: acme: {reason}"), result.stderr
    assert result.stderr.endswith(f"{SKIP_HINT}\n")
    assert result.stderr.count("\n") == 1
    assert snapshot(db) == before


def test_ficha_create_refuses_a_google_sheet_without_credentials(db: Engine) -> None:
    make_tenant()
    before = snapshot(db)

    refused(
        ["ficha", "create", "Norte", "--tenant", "acme", "--spreadsheet-id", "1AbC-sheet"],
        "norte: ficha norte reads Google Sheet 1AbC-sheet, but GOOGLE_APPLICATION_CREDENTIALS "
        f"does not name a service-account JSON file{SKIP_HINT}",
    )

    assert snapshot(db) == before


def test_skip_check_stores_an_unreadable_source_and_says_so(db: Engine, tmp_path: Path) -> None:
    make_tenant()
    path, _ = _unreadable_source("empty-folder", tmp_path)

    out = ok(["ficha", "create", "Acme", "--tenant", "acme", "--source", str(path), "--skip-check"])

    assert "source not checked: run `pixely ficha check acme`" in out
    assert one(db, FichaCliente, slug="acme").source_path == str(path.resolve())


def _made_ficha(tmp_path: Path) -> Path:
    make_tenant()
    source = check_workbook(tmp_path / "acme.xlsx")
    ok(["ficha", "create", "Acme", "--tenant", "acme", "--source", str(source)])
    return source


def test_ficha_update_changes_the_source_and_brand_context(db: Engine, tmp_path: Path) -> None:
    _made_ficha(tmp_path)
    other = check_workbook(tmp_path / "other.xlsx", with_comments=True)

    out = ok(
        [
            "ficha", "update", "acme", "--source", str(other), "--timezone", "Europe/Madrid",
            "--industry", "Té", "--tone", "Formal", "--competitors", "A, B",
            "--brand-handle", "tiktok:@Acme.pe",
        ]
    )  # fmt: skip

    assert out == "ficha acme updated\n"
    row = one(db, FichaCliente, slug="acme")
    assert (row.source_path, row.timezone, row.industry, row.tone_of_voice) == (
        str(other.resolve()),
        "Europe/Madrid",
        "Té",
        "Formal",
    )
    assert (row.competitors, row.brand_handles) == (["A", "B"], ["tiktok:acme.pe"])


def test_ficha_update_refuses_an_unreadable_source_and_keeps_the_old_one(
    db: Engine, tmp_path: Path
) -> None:
    source = _made_ficha(tmp_path)
    path, reason = _unreadable_source("xlsx-without-sheets", tmp_path)
    before = snapshot(db)

    result = pixely(["ficha", "update", "acme", "--source", str(path)])

    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: acme: {reason}")
    assert result.stderr.count("\n") == 1
    assert snapshot(db) == before
    assert one(db, FichaCliente, slug="acme").source_path == str(source.resolve())


def _analyse(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster"))
    monkeypatch.setenv("PIXELY_HOME", str(tmp_path / "home"))
    result = pixely(["run-daily", "--ficha", "acme"])
    assert result.exit_code == 0, result.output
    assert "acme: analysed" in result.stdout


def test_ficha_update_refuses_a_new_timezone_after_the_first_analysis(
    db: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _made_ficha(tmp_path)
    _analyse(tmp_path, monkeypatch)
    before = snapshot(db)

    refused(
        ["ficha", "update", "acme", "--timezone", "Europe/Madrid"],
        "acme has been analysed in America/Lima: its timezone cannot change (it would move "
        "comments to other days and re-key them)",
    )

    assert snapshot(db) == before


def test_ficha_update_with_nothing_to_change_is_refused(db: Engine, tmp_path: Path) -> None:
    _made_ficha(tmp_path)
    before = snapshot(db)
    refused(["ficha", "update", "acme"], "nothing to change: give at least one option (see --help)")
    refused(["ficha", "update", "nope", "--industry", "x"], "no ficha with slug 'nope'")
    assert snapshot(db) == before


def test_ficha_reactivate_undoes_a_deactivation(db: Engine, tmp_path: Path) -> None:
    _made_ficha(tmp_path)
    refused(["ficha", "reactivate", "acme"], "ficha acme is already active")
    ok(["ficha", "deactivate", "acme"])
    assert one(db, FichaCliente, slug="acme").active is False

    assert ok(["ficha", "reactivate", "acme"]) == "ficha acme reactivated\n"

    assert one(db, FichaCliente, slug="acme").active is True


def test_ficha_delete_removes_a_ficha_never_analysed(db: Engine, tmp_path: Path) -> None:
    _made_ficha(tmp_path)
    ok(["ficha", "check", "acme"])

    assert ok(["ficha", "delete", "acme"]) == "ficha acme deleted\n"

    assert count(db, FichaCliente) == 0
    ok(["ficha", "create", "Acme", "--tenant", "acme", "--source", str(tmp_path / "acme.xlsx")])


def test_ficha_delete_refuses_an_analysed_ficha(
    db: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _made_ficha(tmp_path)
    _analyse(tmp_path, monkeypatch)
    assert count(db, Post) > 0
    before = snapshot(db)

    refused(
        ["ficha", "delete", "acme"],
        "acme has analysed rows and cannot be deleted; use `pixely ficha deactivate acme`",
    )

    assert snapshot(db) == before
