"""``pixely init | tenant | user | ficha`` end to end, on SQLite and on PostgreSQL.

Commands run in-process through click's CliRunner against the database the
``database_url`` fixture exported as ``PIXELY_DATABASE_URL``. Every bad-input path
asserts the exit code, the one-line reason and that not a single row changed.
"""

import hashlib
import os
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from alembic.script import ScriptDirectory
from click.testing import CliRunner, Result
from openpyxl import Workbook
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.engine import make_url

from pixely_api.db import alembic_config, default_engine
from pixely_api.models import Base, Comment, FichaCliente, Post, RejectedRow, Tenant, User
from pixely_api.security import verify_password
from pixely_dagster.cli.main import cli

PASSWORD = "correct-horse-42"
NEW_PASSWORD = "battery-staple-77"
Snapshot = dict[str, list[tuple[Any, ...]]]


# --- Helpers ----------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _cli_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No setting of the developer's shell leaks into what the commands decide."""
    monkeypatch.delenv("PIXELY_TIMEZONE", raising=False)
    monkeypatch.delenv("GOOGLE_APPLICATION_CREDENTIALS", raising=False)
    monkeypatch.setenv("PIXELY_START_DATE", (date.today() - timedelta(days=60)).isoformat())


@pytest.fixture
def db(engine: Engine) -> Iterator[Engine]:
    """The test's database, with the CLI's own engine closed afterwards."""
    yield engine
    default_engine().dispose()


def pixely(args: Sequence[str], stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def ok(args: Sequence[str], stdin: str | None = None) -> str:
    result = pixely(args, stdin)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout


def refused(args: Sequence[str], message: str, stdin: str | None = None) -> None:
    """Exit 1 with exactly ``Error: message`` on one line, nothing on stdout."""
    result = pixely(args, stdin)
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr == f"Error: {message}\n"


def snapshot(engine: Engine) -> Snapshot:
    """Every row of every table, so an unwanted update shows as well as an insert."""
    with engine.connect() as connection:
        return {
            table.name: sorted((tuple(row) for row in connection.execute(select(table))), key=repr)
            for table in Base.metadata.sorted_tables
        }


def count(engine: Engine, model: type[Base]) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(model)).scalar_one())


def one(engine: Engine, model: type[Any], **where: Any) -> Any:
    with engine.connect() as connection:
        return connection.execute(select(model.__table__).filter_by(**where)).one()


def head_revision(url: str) -> str:
    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    assert head is not None
    return head


def make_tenant(slug: str = "acme") -> None:
    ok(["tenant", "create", "Acme", "--slug", slug])


def make_user(email: str = "ana@example.com", tenant: str = "acme", role: str = "viewer") -> None:
    args = ["user", "create", email, "--tenant", tenant, "--role", role, "--password-stdin"]
    ok(args, stdin=PASSWORD + "\n")


def write_workbook(
    path: Path, posts: Sequence[Sequence[object]], comments: Sequence[Sequence[object]] | None
) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Posts"
    sheet.append(
        ["post_url", "platform", "created_at", "content", "likes", "comments_count", "shares"]
    )
    for row in posts:
        sheet.append(list(row))
    if comments is not None:
        replies = book.create_sheet("Comments")
        replies.append(["post_url", "comment_text", "ownerUsername", "created_at"])
        for row in comments:
            replies.append(list(row))
    book.save(path)
    return path


def simple_workbook(path: Path) -> Path:
    return write_workbook(path, posts=[], comments=[])


# --- init -------------------------------------------------------------------------------


def test_init_twice_is_fine(database_url: str, db: Engine) -> None:
    head = head_revision(database_url)
    make_tenant()
    before = snapshot(db)

    first = ok(["init"])
    second = ok(["init"])

    assert first == second
    assert first.startswith(f"database ready at revision {head}: ")
    assert first.count("\n") == 1
    assert snapshot(db) == before
    with db.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).all() == [
            (head,)
        ]


@contextmanager
def using_database(url: str) -> Iterator[None]:
    """Point the CLI at ``url`` for a while (not with monkeypatch: its undo would run
    after the ``database_url`` fixture's and put back that fixture's URL for good)."""
    previous = os.environ["PIXELY_DATABASE_URL"]
    os.environ["PIXELY_DATABASE_URL"] = url
    default_engine.cache_clear()
    try:
        yield
    finally:
        with suppress(Exception):
            default_engine().dispose()
        os.environ["PIXELY_DATABASE_URL"] = previous
        default_engine.cache_clear()


@pytest.fixture
def blank_database_url(database_url: str, tmp_path: Path) -> Iterator[str]:
    """A database on the same backend on which `pixely init` never ran."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        with using_database(f"sqlite:///{tmp_path / 'never-initialised.db'}"):
            yield os.environ["PIXELY_DATABASE_URL"]
        return
    server = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    name = f"pixely_blank_{uuid.uuid4().hex[:12]}"
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        with using_database(url.set(database=name).render_as_string(hide_password=False)):
            yield os.environ["PIXELY_DATABASE_URL"]
    finally:
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


@pytest.mark.parametrize(
    "args",
    [
        ["tenant", "create", "Acme"],
        ["user", "deactivate", "ana@example.com"],
        ["ficha", "check", "acme"],
    ],
    ids=["tenant-create", "user-deactivate", "ficha-check"],
)
def test_a_database_never_initialised_asks_for_pixely_init(
    blank_database_url: str, args: list[str]
) -> None:
    result = pixely(args)

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    shown = make_url(blank_database_url).render_as_string(hide_password=True)
    assert (
        result.stderr == f"Error: the database at {shown} has no Pixely schema: run `pixely init`\n"
    )


def test_init_makes_a_blank_database_usable(blank_database_url: str) -> None:
    refused_first = pixely(["tenant", "create", "Acme"])
    head = head_revision(blank_database_url)

    assert refused_first.exit_code == 1
    assert ok(["init"]).startswith(f"database ready at revision {head}: ")
    assert re.fullmatch(r"tenant \d+ acme\n", ok(["tenant", "create", "Acme"]))


def test_an_outdated_schema_asks_for_pixely_init(database_url: str, db: Engine) -> None:
    head = head_revision(database_url)
    with db.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'old0'"))
    try:
        refused(
            ["tenant", "create", "Acme"],
            f"the database at {make_url(database_url).render_as_string(hide_password=True)} "
            f"has schema old0, not {head}: run `pixely init`",
        )
        assert count(db, Tenant) == 0
    finally:
        with db.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": head})


def test_init_never_prints_the_database_password(database_url: str, db: Engine) -> None:
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        assert ok(["init"]).endswith(f": {database_url}\n")
        return
    # The test server trusts local connections, so any password goes; a real one is kept.
    password = url.password or "s3cret-not-for-logs"
    with using_database(url.set(password=password).render_as_string(hide_password=False)):
        out = ok(["init"])

    assert str(password) not in out
    assert ":***@" in out


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "not a url",
            "PIXELY_DATABASE_URL is not a database URL such as sqlite:///path/pixely.db "
            "or postgresql+psycopg2://user@host/db",
        ),
        (
            "postgresql+psycopg2://pixely:hunter2pw@127.0.0.1:1/pixely",
            "cannot use the database at postgresql+psycopg2://pixely:***@127.0.0.1:1/pixely: ",
        ),
    ],
    ids=["unparsable", "unreachable"],
)
@pytest.mark.parametrize("args", [["init"], ["tenant", "create", "Acme"]], ids=["init", "tenant"])
def test_a_bad_database_url_is_one_line_without_the_password(
    database_url: str, url: str, message: str, args: list[str]
) -> None:
    with using_database(url):
        result = pixely(args)

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {message}")
    assert result.stderr.count("\n") == 1
    assert "hunter2pw" not in result.stderr


# --- tenant create ----------------------------------------------------------------------


def test_tenant_create_prints_id_and_slug(db: Engine) -> None:
    out = ok(["tenant", "create", "  Café Andino "])

    row = one(db, Tenant, slug="cafe-andino")
    assert out == f"tenant {row.id} cafe-andino\n"
    assert row.name == "Café Andino"
    assert row.active is True


def test_tenant_create_takes_an_explicit_slug(db: Engine) -> None:
    out = ok(["tenant", "create", "Norte Sport", "--slug", "norte-mx"])

    row = one(db, Tenant, slug="norte-mx")
    assert out == f"tenant {row.id} norte-mx\n"
    assert row.name == "Norte Sport"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Acme"], "a tenant with slug 'acme' already exists"),
        (["Other", "--slug", "acme"], "a tenant with slug 'acme' already exists"),
        (
            ["Other", "--slug", "Bad Slug"],
            "slug 'Bad Slug' is not valid: use lowercase letters, digits and single dashes "
            "([a-z0-9-]+, at most 63 characters)",
        ),
        (["   "], "tenant name is empty"),
    ],
    ids=["duplicate-name", "duplicate-slug", "bad-slug", "empty-name"],
)
def test_tenant_create_refuses_bad_input_and_writes_nothing(
    db: Engine, args: list[str], message: str
) -> None:
    make_tenant()
    before = snapshot(db)

    refused(["tenant", "create", *args], message)

    assert snapshot(db) == before
    assert count(db, Tenant) == 1


# --- user create ------------------------------------------------------------------------


def test_user_create_reads_the_password_from_stdin(db: Engine) -> None:
    make_tenant()

    out = ok(
        [
            "user",
            "create",
            " Ana@Example.COM ",
            "--tenant",
            "acme",
            "--role",
            "admin",
            "--password-stdin",
        ],
        stdin=PASSWORD + "\n",
    )

    row = one(db, User, email="ana@example.com")
    tenant = one(db, Tenant, slug="acme")
    assert out == f"user {row.id} ana@example.com (admin, tenant acme)\n"
    assert (row.tenant_id, row.role, row.active) == (tenant.id, "admin", True)
    assert row.password_hash != PASSWORD
    assert verify_password(PASSWORD, row.password_hash)
    assert not verify_password(PASSWORD + "x", row.password_hash)


@pytest.mark.parametrize(
    ("email", "tenant", "role", "stdin", "message"),
    [
        ("bea@example.com", "nope", "viewer", PASSWORD, "no tenant with slug 'nope'"),
        (
            "ANA@example.com",
            "acme",
            "viewer",
            PASSWORD,
            "a user with email 'ana@example.com' already exists",
        ),
        ("bea@example.com", "acme", "viewer", "\n", "password is empty"),
        ("bea@example.com", "acme", "viewer", "", "password is empty"),
        ("bea@example.com", "acme", "viewer", "   \n", "password is empty"),
        ("bea@example.com", "acme", "viewer", "short1\n", "password is shorter than 10 characters"),
        (
            "bea@example.com",
            "acme",
            "viewer",
            "onlyletters\n",
            "password needs at least one letter and one digit",
        ),
        (
            "bea@example.com",
            "acme",
            "viewer",
            "1234567890\n",
            "password needs at least one letter and one digit",
        ),
        (
            "bea1234567@example.com",
            "acme",
            "viewer",
            "bea1234567\n",
            "password must not be the email address",
        ),
        ("not-an-email", "acme", "viewer", PASSWORD, "'not-an-email' is not an email address"),
        ("bea@example", "acme", "viewer", PASSWORD, "'bea@example' is not an email address"),
    ],
    ids=[
        "unknown-tenant",
        "duplicate-email",
        "empty-password",
        "no-stdin",
        "blank-password",
        "short-password",
        "no-digit",
        "no-letter",
        "password-is-email",
        "bad-email",
        "email-without-domain",
    ],
)
def test_user_create_refuses_bad_input_and_writes_nothing(
    db: Engine, email: str, tenant: str, role: str, stdin: str, message: str
) -> None:
    make_tenant()
    make_user()
    before = snapshot(db)

    refused(
        ["user", "create", email, "--tenant", tenant, "--role", role, "--password-stdin"],
        message,
        stdin=stdin,
    )

    assert snapshot(db) == before
    assert count(db, User) == 1


def test_user_create_refuses_an_unknown_role(db: Engine) -> None:
    make_tenant()
    before = snapshot(db)

    result = pixely(
        [
            "user",
            "create",
            "bea@example.com",
            "--tenant",
            "acme",
            "--role",
            "owner",
            "--password-stdin",
        ],
        stdin=PASSWORD + "\n",
    )

    assert result.exit_code == 2
    assert "Invalid value for '--role': 'owner' is not one of 'viewer', 'admin'." in result.stderr
    assert snapshot(db) == before


# --- user deactivate / set-password -----------------------------------------------------


def test_user_deactivate_keeps_the_user_but_stops_it(db: Engine) -> None:
    make_tenant()
    make_user()
    make_user("bea@example.com")
    before = one(db, User, email="ana@example.com")

    out = ok(["user", "deactivate", "ana@example.com"])

    after = one(db, User, email="ana@example.com")
    assert out == "user ana@example.com deactivated\n"
    assert after.active is False
    assert (after.id, after.password_hash, after.role) == (
        before.id,
        before.password_hash,
        before.role,
    )
    assert one(db, User, email="bea@example.com").active is True


def test_user_deactivate_refuses_an_unknown_email(db: Engine) -> None:
    make_tenant()
    make_user()
    before = snapshot(db)

    refused(["user", "deactivate", "nobody@example.com"], "no user with email 'nobody@example.com'")

    assert snapshot(db) == before


def test_user_set_password_replaces_the_password(db: Engine) -> None:
    make_tenant()
    make_user()

    out = ok(
        ["user", "set-password", "ANA@example.com", "--password-stdin"], stdin=NEW_PASSWORD + "\n"
    )

    row = one(db, User, email="ana@example.com")
    assert out == "password of ANA@example.com changed\n"
    assert verify_password(NEW_PASSWORD, row.password_hash)
    assert not verify_password(PASSWORD, row.password_hash)
    assert row.active is True


@pytest.mark.parametrize(
    ("email", "stdin", "message"),
    [
        ("nobody@example.com", NEW_PASSWORD + "\n", "no user with email 'nobody@example.com'"),
        ("ana@example.com", "short1\n", "password is shorter than 10 characters"),
        ("ana@example.com", "\n", "password is empty"),
    ],
    ids=["unknown-email", "weak-password", "empty-password"],
)
def test_user_set_password_refuses_bad_input_and_writes_nothing(
    db: Engine, email: str, stdin: str, message: str
) -> None:
    make_tenant()
    make_user()
    before = snapshot(db)

    refused(["user", "set-password", email, "--password-stdin"], message, stdin=stdin)

    assert snapshot(db) == before
    assert verify_password(PASSWORD, one(db, User, email="ana@example.com").password_hash)


# --- ficha create / deactivate ----------------------------------------------------------


def test_ficha_create_with_a_local_source_and_brand_context(db: Engine, tmp_path: Path) -> None:
    make_tenant()
    workbook = simple_workbook(tmp_path / "acme.xlsx")

    out = ok(
        [
            "ficha", "create", "Acme Café",
            "--tenant", "acme",
            "--source", str(workbook),
            "--industry", " Café ",
            "--archetype", "Explorador",
            "--tone", "Cercano",
            "--audience", "Limeños de 25 a 45",
            "--competitors", " Qosqo Café , ,Grano Real,",
            "--brand-handle", "Instagram:@Acme",
            "--brand-handle", "tiktok:@ACME.pe",
            "--brand-handle", "instagram:acme",
        ]
    )  # fmt: skip

    row = one(db, FichaCliente, slug="acme-cafe")
    assert out == f"ficha {row.id} acme-cafe (workbook, America/Lima)\n"
    assert row.tenant_id == one(db, Tenant, slug="acme").id
    assert (row.name, row.source_kind, row.spreadsheet_id) == ("Acme Café", "workbook", None)
    assert row.source_path == str(workbook.resolve())
    assert row.timezone == "America/Lima"
    assert (row.industry, row.archetype, row.tone_of_voice, row.target_audience) == (
        "Café",
        "Explorador",
        "Cercano",
        "Limeños de 25 a 45",
    )
    assert row.competitors == ["Qosqo Café", "Grano Real"]
    assert row.brand_handles == ["instagram:acme", "tiktok:acme.pe"]
    assert row.active is True


def test_ficha_create_with_a_spreadsheet_id_and_timezone(db: Engine) -> None:
    make_tenant()

    out = ok(
        [
            "ficha", "create", "Norte", "--tenant", "acme", "--slug", "norte-sport",
            "--spreadsheet-id", " 1AbC-sheet ", "--timezone", "America/Mexico_City",
            "--skip-check",
        ]
    )  # fmt: skip

    row = one(db, FichaCliente, slug="norte-sport")
    assert out == (
        f"ficha {row.id} norte-sport (google_sheets, America/Mexico_City); source not checked: "
        "run `pixely ficha check norte-sport` once it is shared\n"
    )
    assert (row.source_kind, row.spreadsheet_id, row.source_path) == (
        "google_sheets",
        "1AbC-sheet",
        None,
    )
    assert (row.competitors, row.brand_handles) == ([], [])


def test_ficha_create_defaults_to_pixely_timezone(
    db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_tenant()
    monkeypatch.setenv("PIXELY_TIMEZONE", "Europe/Madrid")

    ok(
        [
            "ficha",
            "create",
            "Acme",
            "--tenant",
            "acme",
            "--spreadsheet-id",
            "sheet-1",
            "--skip-check",
        ]
    )

    assert one(db, FichaCliente, slug="acme").timezone == "Europe/Madrid"


ONE_SOURCE = "give exactly one source: --spreadsheet-id ID or --source PATH"
BAD_HANDLE = (
    "brand handle {!r} is not 'platform:@handle' with platform one of instagram, tiktok, facebook"
)
BAD_SLUG = (
    "slug 'Bad Slug' is not valid: use lowercase letters, digits and single dashes "
    "([a-z0-9-]+, at most 63 characters)"
)
WITH_SOURCE = ["--source", "{workbook}"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        pytest.param([*WITH_SOURCE, "--spreadsheet-id", "1AbC"], ONE_SOURCE, id="both-sources"),
        pytest.param([], ONE_SOURCE, id="no-source"),
        pytest.param(["--spreadsheet-id", "   "], ONE_SOURCE, id="blank-spreadsheet-id"),
        pytest.param(["--source", " ", "--spreadsheet-id", ""], ONE_SOURCE, id="blank-both"),
        pytest.param(
            ["--source", "{missing}"], "source path {missing} does not exist", id="missing-path"
        ),
        pytest.param(
            [*WITH_SOURCE, "--timezone", "Mars/Olympus"],
            "timezone 'Mars/Olympus' is not an IANA timezone such as America/Lima",
            id="bad-timezone",
        ),
        pytest.param(
            [*WITH_SOURCE, "--brand-handle", "twitter:@x"],
            BAD_HANDLE.format("twitter:@x"),
            id="twitter-handle",
        ),
        pytest.param(
            [*WITH_SOURCE, "--brand-handle", "instagram:@acme", "--brand-handle", "@acme"],
            BAD_HANDLE.format("@acme"),
            id="handle-without-platform",
        ),
        pytest.param(
            [*WITH_SOURCE, "--brand-handle", "instagram:@"],
            BAD_HANDLE.format("instagram:@"),
            id="empty-handle",
        ),
        pytest.param([*WITH_SOURCE, "--slug", "Bad Slug"], BAD_SLUG, id="bad-slug"),
        pytest.param(
            [*WITH_SOURCE, "--slug", "existing"],
            "a ficha with slug 'existing' already exists",
            id="duplicate-slug",
        ),
    ],
)
def test_ficha_create_refuses_bad_input_and_writes_nothing(
    db: Engine, tmp_path: Path, extra: list[str], message: str
) -> None:
    make_tenant()
    workbook = simple_workbook(tmp_path / "acme.xlsx")
    ok(
        [
            "ficha",
            "create",
            "Existing",
            "--tenant",
            "acme",
            "--spreadsheet-id",
            "sheet-0",
            "--skip-check",
        ]
    )
    paths = {"workbook": str(workbook), "missing": str(tmp_path / "missing.xlsx")}
    before = snapshot(db)

    refused(
        ["ficha", "create", "Acme", "--tenant", "acme", *(a.format(**paths) for a in extra)],
        message.format(**paths),
    )

    assert snapshot(db) == before
    assert count(db, FichaCliente) == 1


def test_ficha_create_refuses_an_unknown_tenant(db: Engine) -> None:
    before = snapshot(db)

    refused(
        ["ficha", "create", "Acme", "--tenant", "nope", "--spreadsheet-id", "x"],
        "no tenant with slug 'nope'",
    )

    assert snapshot(db) == before


def test_ficha_deactivate(db: Engine) -> None:
    make_tenant()
    ok(
        [
            "ficha",
            "create",
            "Acme",
            "--tenant",
            "acme",
            "--spreadsheet-id",
            "sheet-1",
            "--skip-check",
        ]
    )
    ok(
        [
            "ficha",
            "create",
            "Other",
            "--tenant",
            "acme",
            "--spreadsheet-id",
            "sheet-2",
            "--skip-check",
        ]
    )

    out = ok(["ficha", "deactivate", "acme"])

    assert out == "ficha acme deactivated\n"
    assert one(db, FichaCliente, slug="acme").active is False
    assert one(db, FichaCliente, slug="other").active is True


def test_ficha_deactivate_refuses_an_unknown_slug(db: Engine) -> None:
    make_tenant()
    ok(
        [
            "ficha",
            "create",
            "Acme",
            "--tenant",
            "acme",
            "--spreadsheet-id",
            "sheet-1",
            "--skip-check",
        ]
    )
    before = snapshot(db)

    refused(["ficha", "deactivate", "nope"], "no ficha with slug 'nope'")

    assert snapshot(db) == before


# --- ficha check ------------------------------------------------------------------------


def days_ago(days: int, at: str = "10:00:00") -> str:
    """A naive ISO time ``days`` ago in Lima (the fichas' default zone)."""
    today = datetime.now(UTC).astimezone(ZoneInfo("America/Lima")).date()
    return f"{today - timedelta(days=days)}T{at}"


POST_1 = "https://instagram.com/p/1"
POST_2 = "https://instagram.com/p/2"
TWEET = "https://twitter.com/acme/status/3"
GHOST = "https://instagram.com/p/404"


def check_workbook(path: Path, *, with_comments: bool = True) -> Path:
    posts = [
        [POST_1, "instagram", days_ago(3), "Nuevo blend", 120, 4, 2],
        [POST_2, " Instagram ", days_ago(2), "", "1,5K", 1, 0],
        [TWEET, "twitter", days_ago(2), "x", 1, 1, 1],
        [None, None, None, None, None, None, None],
    ]
    comments = [
        [POST_1, "¡Me encanta!", "@ana", days_ago(3, "11:00:00")],
        [POST_1, "¡Gracias, Ana!", "@Acme", days_ago(3, "11:05:00")],
        [POST_2, "¿Precio?", "beto", days_ago(2, "12:00:00")],
        [POST_1, "¡Me encanta!", "ANA", days_ago(3, "11:00:00")],
        [GHOST, "hola", "carla", days_ago(1)],
        [POST_2, "x", None, days_ago(1)],
    ]
    return write_workbook(path, posts, comments if with_comments else None)


def make_checked_ficha(source: Path) -> None:
    """Stored without reading the source: the tests break the source on purpose."""
    make_tenant()
    ok(
        [
            "ficha", "create", "Acme Café", "--tenant", "acme", "--slug", "acme-cafe",
            "--source", str(source), "--brand-handle", "instagram:@acme", "--skip-check",
        ]
    )  # fmt: skip


def test_ficha_check_prints_what_the_source_holds_and_writes_nothing(
    db: Engine, tmp_path: Path
) -> None:
    source = check_workbook(tmp_path / "acme.xlsx")
    make_checked_ficha(source)
    before = snapshot(db)

    out = ok(["ficha", "check", "acme-cafe"])

    fingerprint = "sha256:" + hashlib.sha256(source.read_bytes()).hexdigest()
    assert out.splitlines() == [
        f"source: {source.resolve()}",
        f"fingerprint: {fingerprint}",
        "posts: 2",
        "comments: 2 audience, 1 brand replies",
        "identical comments counted once: 1",
        "rejected rows: 3",
        "  Posts row 4: platform 'twitter' is not one of instagram, tiktok, facebook",
        f"  Comments row 6: post_url '{GHOST}' matches no post in the Posts sheet",
        "  Comments row 7: ownerUsername is empty",
    ]
    assert snapshot(db) == before
    assert (count(db, Post), count(db, Comment), count(db, RejectedRow)) == (0, 0, 0)
    ficha = one(db, FichaCliente, slug="acme-cafe")
    assert (ficha.source_fingerprint, ficha.last_checked_at) == (None, None)


def test_ficha_check_names_a_missing_comments_sheet(db: Engine, tmp_path: Path) -> None:
    source = check_workbook(tmp_path / "acme.xlsx", with_comments=False)
    make_checked_ficha(source)
    before = snapshot(db)

    refused(
        ["ficha", "check", "acme-cafe"],
        f"acme-cafe: workbook {source.resolve()} has no sheet 'Comments' (it has: Posts)",
    )

    assert snapshot(db) == before


def test_ficha_check_says_when_the_source_is_gone(db: Engine, tmp_path: Path) -> None:
    source = check_workbook(tmp_path / "acme.xlsx")
    make_checked_ficha(source)
    source.unlink()
    before = snapshot(db)

    refused(["ficha", "check", "acme-cafe"], f"acme-cafe: source {source.resolve()} does not exist")

    assert snapshot(db) == before


def test_ficha_check_on_a_google_sheet_without_credentials_says_what_is_missing(
    db: Engine,
) -> None:
    make_tenant()
    ok(
        [
            "ficha",
            "create",
            "Norte",
            "--tenant",
            "acme",
            "--spreadsheet-id",
            "1AbC-sheet",
            "--skip-check",
        ]
    )
    before = snapshot(db)

    refused(
        ["ficha", "check", "norte"],
        "norte: ficha norte reads Google Sheet 1AbC-sheet, but GOOGLE_APPLICATION_CREDENTIALS "
        "does not name a service-account JSON file",
    )

    assert snapshot(db) == before


def test_ficha_check_with_a_bad_start_date_setting_is_one_line(
    db: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_checked_ficha(check_workbook(tmp_path / "acme.xlsx"))
    monkeypatch.setenv("PIXELY_START_DATE", "2025-13-01")
    before = snapshot(db)

    refused(
        ["ficha", "check", "acme-cafe"],
        "PIXELY_START_DATE '2025-13-01' is not a date like 2025-01-01",
    )

    assert snapshot(db) == before


def test_ficha_check_refuses_an_unknown_slug(db: Engine) -> None:
    refused(["ficha", "check", "nope"], "no ficha with slug 'nope'")


# --- The console script -----------------------------------------------------------------


def test_the_console_script_exits_non_zero_with_one_line(database_url: str, db: Engine) -> None:
    script = Path(sys.executable).with_name("pixely")
    env = {**os.environ, "PIXELY_DATABASE_URL": database_url}
    before = snapshot(db)

    done = subprocess.run(
        [str(script), "tenant", "create", "Acme", "--slug", "Bad Slug"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith("Error: slug 'Bad Slug' is not valid")
    assert done.stderr.count("\n") == 1
    assert snapshot(db) == before
