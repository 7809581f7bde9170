"""Two admins at once: the one whose insert loses the race gets one line, not a traceback."""

import threading
import time
from collections.abc import Iterator

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from pixely_api import admin
from pixely_api.db import default_engine
from pixely_api.models import Tenant
from pixely_dagster.cli.main import cli

LOCK_WAIT_SECONDS = 20


@pytest.fixture
def db(engine: Engine, backend_name: str) -> Iterator[Engine]:
    if backend_name != "postgresql":
        pytest.skip("needs row-level waits on a unique index: SQLite has one writer at a time")
    yield engine
    default_engine().dispose()


def _waiting_on_a_lock(engine: Engine) -> bool:
    with engine.connect() as connection:
        waiting = connection.scalar(
            text(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
        )
    return bool(waiting)


def test_a_tenant_created_meanwhile_is_a_one_line_error(db: Engine) -> None:
    assert CliRunner().invoke(cli, ["init"]).exit_code == 0
    results: list[Result] = []
    with Session(db) as rival:
        rival.begin()
        admin.create_tenant(rival, "Acme", "acme")
        command = threading.Thread(
            target=lambda: results.append(
                CliRunner().invoke(cli, ["tenant", "create", "Acme"], catch_exceptions=False)
            )
        )
        command.start()
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while not _waiting_on_a_lock(db):
            assert time.monotonic() < deadline, "the command never waited on the rival's row"
            time.sleep(0.05)
        rival.commit()
    command.join(LOCK_WAIT_SECONDS)
    assert not command.is_alive()
    [result] = results
    assert result.exit_code == 1
    assert result.output.startswith("Error: another change got there first")
    assert "nothing was written" in result.output
    assert "tenant " not in result.output.split("Error:")[0]
    assert len(result.output.strip().splitlines()) == 1
    with db.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Tenant)) == 1
