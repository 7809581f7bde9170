"""Every subcommand, given bad input: exit non-zero, ONE line on stderr, no traceback,
and not one row of the database changed (nor a run left behind in Dagster).

The commands run in-process through click's CliRunner (an uncaught exception would fail
the test with its traceback) against a database holding a tenant, a user, an active
ficha with a readable workbook and a deactivated one.
"""

import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import dagster as dg
import pytest
from openpyxl import Workbook
from sqlalchemy import Engine

from pixely_api.db import default_engine
from pixely_dagster.cli.main import cli  # noqa: F401 - imported for the CliRunner below
from tests.cli.test_admin_commands import (
    check_workbook,
    make_tenant,
    make_user,
    ok,
    pixely,
    snapshot,
)

START = date.today() - timedelta(days=60)


@pytest.fixture(autouse=True)
def _environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PIXELY_TIMEZONE", raising=False)
    monkeypatch.delenv("GOOGLE_APPLICATION_CREDENTIALS", raising=False)
    monkeypatch.setenv("PIXELY_START_DATE", START.isoformat())
    monkeypatch.setenv("PIXELY_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "dagster"))


@pytest.fixture
def seeded(engine: Engine, tmp_path: Path) -> Iterator[Engine]:
    make_tenant()
    make_user()
    ok(["ficha", "create", "Acme", "--tenant", "acme", "--source", str(_workbook(tmp_path))])
    ok(["ficha", "create", "Paused", "--tenant", "acme", "--source", str(_workbook(tmp_path))])
    ok(["ficha", "deactivate", "paused"])
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("¡Qué rico el café!\nMuy caro\n".encode("latin-1"))
    book = Workbook()
    book.save(tmp_path / "comments.xlsx")
    yield engine
    default_engine().dispose()


def _workbook(root: Path) -> Path:
    path = root / "acme.xlsx"
    return path if path.exists() else check_workbook(path)


OLD = (START - timedelta(days=1)).isoformat()
QUIET = (START + timedelta(days=1)).isoformat()  # inside the partitions, no data
FUTURE = (date.today() + timedelta(days=30)).isoformat()

CASES: list[tuple[list[str], str]] = [
    (["tenant", "create", "  "], "tenant name is empty"),
    (["tenant", "create", "Acme", "--slug", "acme"], "already exists"),
    (["user", "create", "not-an-email", "--tenant", "acme", "--role", "viewer",
      "--password-stdin"], "is not an email address"),
    (["user", "deactivate", "nobody@example.com"], "no user with email"),
    (["user", "set-password", "ana@example.com", "--password-stdin"], "shorter than 10"),
    (["ficha", "create", "Otra", "--tenant", "acme", "--source", "{root}/latin1.txt"],
     "is not a readable .xlsx workbook"),
    (["ficha", "create", "Otra", "--tenant", "acme", "--source", "{root}/nope.xlsx"],
     "does not exist"),
    (["ficha", "update", "acme", "--timezone", "Mars/Olympus"], "is not an IANA timezone"),
    (["ficha", "update", "acme", "--source", "{root}/comments.xlsx"], "has no sheet"),
    (["ficha", "reactivate", "acme"], "already active"),
    (["ficha", "delete", "nope"], "no ficha with slug 'nope'"),
    (["ficha", "deactivate", "nope"], "no ficha with slug 'nope'"),
    (["ficha", "check", "nope"], "no ficha with slug 'nope'"),
    (["run-daily", "--ficha", "nope"], "no active ficha with slug 'nope'"),
    (["run-daily", "--ficha", "paused"], "no active ficha with slug 'paused'"),
    (["reanalyze", "--ficha", "acme", "--from", OLD, "--to", QUIET],
     f"is before PIXELY_START_DATE ({START})"),
    (["reanalyze", "--ficha", "acme", "--from", QUIET, "--to", QUIET],
     "nothing to re-analyse"),
    (["reanalyze", "--ficha", "acme", "--from", QUIET, "--to", FUTURE], "is in the future"),
    (["reanalyze", "--ficha", "paused", "--from", QUIET, "--to", QUIET],
     "ficha paused is deactivated"),
    (["reanalyze", "--ficha", "nope", "--from", QUIET, "--to", QUIET],
     "no ficha with slug 'nope'"),
    (["annotate", "{root}/latin1.txt"], "is not UTF-8 text"),
    (["annotate", "{root}/comments.xlsx"], "is not UTF-8 text"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "reason"), CASES, ids=lambda v: "-".join(v)[:60] if isinstance(v, list) else None
)
def test_bad_input_is_one_line_and_changes_nothing(
    seeded: Engine, tmp_path: Path, args: list[str], reason: str
) -> None:
    before = snapshot(seeded)
    runs_before = _dagster_runs(tmp_path)
    stdin = "short\n" if "--password-stdin" in args else None

    result = pixely([a.format(root=tmp_path) for a in args], stdin=stdin)

    assert result.exit_code != 0, result.output
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("Error: ") and reason in result.stderr, result.stderr
    assert snapshot(seeded) == before
    assert _dagster_runs(tmp_path) == runs_before


def _dagster_runs(root: Path) -> int:
    if not (root / "dagster" / "dagster.yaml").exists():
        return 0
    with dg.DagsterInstance.from_config(str(root / "dagster")) as instance:
        return instance.get_runs_count()


@pytest.mark.parametrize(
    ("variable", "value", "reason"),
    [
        ("PIXELY_START_DATE", "yesterday", "PIXELY_START_DATE"),
        ("PIXELY_TIMEZONE", "Mars/Olympus", "PIXELY_TIMEZONE"),
        ("ORCHESTRATOR_SCHEDULE", "every day", "ORCHESTRATOR_SCHEDULE"),
        ("PIXELY_DATABASE_URL", "mysql://root@localhost/pixely", "PIXELY_DATABASE_URL"),
        ("DAGSTER_PORT", "99999", "DAGSTER_PORT"),
    ],
)
@pytest.mark.parametrize(
    "command", [["ficha", "check", "acme"], ["run-daily"], ["serve"], ["demo", "--no-serve"]]
)
def test_a_bad_setting_is_one_line_for_every_command(
    seeded: Engine,
    monkeypatch: pytest.MonkeyPatch,
    variable: str,
    value: str,
    reason: str,
    command: list[str],
) -> None:
    before = snapshot(seeded)
    monkeypatch.setenv(variable, value)

    result = pixely(command)

    assert result.exit_code == 1, result.output
    assert result.stderr.count("\n") == 1 and reason in result.stderr, result.stderr
    monkeypatch.delenv(variable)
    assert snapshot(seeded) == before


def test_first_time_commands_racing_on_a_new_dagster_home_all_succeed(tmp_path: Path) -> None:
    """Four processes create the Dagster instance at once on an empty DAGSTER_HOME; without
    the lock two of them failed with ``table secondary_indexes already exists`` or
    ``more than one head``."""
    home = tmp_path / "fresh-dagster"
    code = "from pixely_dagster.cli.pipeline_commands import dagster_instance; dagster_instance()"
    environment = {"DAGSTER_HOME": str(home), "PIXELY_HOME": str(tmp_path / "home")}
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", code],
            env={**_base_environment(), **environment},
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    outcomes = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in processes]
    assert [code for code, _ in outcomes] == [0, 0, 0, 0], outcomes
    with dg.DagsterInstance.from_config(str(home)) as instance:
        assert instance.get_runs_count() == 0


def _base_environment() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if not k.startswith("PIXELY_DATABASE")}
