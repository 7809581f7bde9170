"""``pixely run-daily`` with broken fichas: one line per ficha with the reason itself, one
line on stderr, no trace on the terminal; the traces go to the ``--verbose`` log file.

Runs the real command in a child process (as an admin's shell would), so whatever
Dagster or Python logging would print reaches the captured output too.
"""

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine

from pixely_api.db import default_engine
from tests.cli.test_admin_commands import check_workbook, make_tenant, ok
from tests.cli.test_ficha_lifecycle import _latin1_folder

REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PIXELY_TIMEZONE", raising=False)
    monkeypatch.delenv("GOOGLE_APPLICATION_CREDENTIALS", raising=False)
    monkeypatch.setenv("PIXELY_START_DATE", (date.today() - timedelta(days=60)).isoformat())


@pytest.fixture
def fichas(engine: Engine, tmp_path: Path) -> Iterator[dict[str, str]]:
    """One good ficha and four that fail every run, each for its own reason."""
    make_tenant()
    blank = tmp_path / "blank.xlsx"
    Workbook().save(blank)
    empty = tmp_path / "empty"
    empty.mkdir()
    sources = {
        "good": ["--source", str(check_workbook(tmp_path / "good.xlsx"))],
        "blank": ["--source", str(blank)],
        "empty": ["--source", str(empty)],
        "latin": ["--source", str(_latin1_folder(tmp_path))],
        "sheet": ["--spreadsheet-id", "1AbC-sheet"],
    }
    for slug, source in sources.items():
        ok(["ficha", "create", slug.title(), "--tenant", "acme", *source, "--skip-check"])
    yield {
        "blank": f"workbook {blank.resolve()} has no sheet 'Posts' or 'Comments'",
        "empty": f"folder {empty.resolve()} has no Posts.csv or Comments.csv",
        "latin": "cannot read Posts.csv",
        "sheet": "GOOGLE_APPLICATION_CREDENTIALS does not name a service-account JSON file",
    }
    default_engine().dispose()


def _pixely(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "PYTHONPATH": str(REPOSITORY),
        "PIXELY_HOME": str(tmp_path / "home"),
        "DAGSTER_HOME": str(tmp_path / "dagster"),
    }
    code = "from pixely_dagster.cli.main import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_run_daily_prints_one_line_per_ficha_with_the_reason(
    fichas: dict[str, str], tmp_path: Path
) -> None:
    result = _pixely(["run-daily"], tmp_path)

    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 5, result.stdout + result.stderr
    by_slug = {line.partition(":")[0]: line for line in lines}
    assert by_slug["good"].startswith("good: analysed - ")
    for slug, reason in fichas.items():
        assert by_slug[slug].startswith(f"{slug}: failed - source read failed: "), by_slug[slug]
        assert reason in by_slug[slug], by_slug[slug]
    assert result.stderr == (
        "Error: failed: blank, empty, latin, sheet (traces in the runs' logs, Dagster UI)\n"
    )
    assert "Traceback" not in result.stdout + result.stderr


def test_run_daily_verbose_writes_the_traces_to_a_log_file(
    fichas: dict[str, str], tmp_path: Path
) -> None:
    result = _pixely(["run-daily", "--verbose"], tmp_path)

    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 5
    assert "Traceback" not in result.stdout + result.stderr
    [log_file] = (tmp_path / "home" / "logs").glob("run-daily-*.log")
    assert result.stderr == f"Error: failed: blank, empty, latin, sheet (traces in {log_file})\n"
    text = log_file.read_text(encoding="utf-8")
    assert text.count("== ") == 4
    assert "Traceback" in text or 'File "' in text
    for reason in fichas.values():
        assert reason in text
