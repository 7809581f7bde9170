"""Shared fixtures: a migrated database per test on SQLite and, when it answers, PostgreSQL.

``PIXELY_TEST_POSTGRES_URL`` (default: the local server, user postgres) names an admin
connection; each test session creates its own database there and drops it at the end.
Where PostgreSQL does not answer, the PostgreSQL variants skip with the reason.
"""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from pixely_api.db import make_engine, upgrade_database
from pixely_api.models import Base
from tests.support.webhook import webhook_receiver

DEFAULT_POSTGRES_URL = "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres"
_POSTGRES_ADMIN_URL = os.environ.get("PIXELY_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)
_postgres_state: dict[str, str] = {}


def _postgres_admin_engine() -> Engine:
    return create_engine(_POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")


def _postgres_database_url() -> str:
    """This test process's own PostgreSQL database (created once, migrated once)."""
    if "url" in _postgres_state:
        return _postgres_state["url"]
    if "skip" in _postgres_state:
        pytest.skip(_postgres_state["skip"])
    name = f"pixely_test_{uuid.uuid4().hex[:12]}"
    try:
        admin = _postgres_admin_engine()
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
    except OperationalError as exc:
        reason = f"PostgreSQL not reachable at {_POSTGRES_ADMIN_URL}: {exc.orig}"
        _postgres_state["skip"] = reason
        pytest.skip(reason)
    url = make_url(_POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    upgrade_database(url)
    _postgres_state["url"] = url
    _postgres_state["name"] = name
    return url


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    name = _postgres_state.get("name")
    if not name:
        return
    admin = _postgres_admin_engine()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _truncate_all(engine: Engine) -> None:
    """Empty every table between PostgreSQL tests (the append-only trigger forbids
    DELETE on insights, TRUNCATE is the administrator's way around it)."""
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty database on each backend; also exported as PIXELY_DATABASE_URL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'pixely.db'}"
        upgrade_database(url)
    else:
        url = _postgres_database_url()
        engine = make_engine(url)
        _truncate_all(engine)
        engine.dispose()
    previous = os.environ.get("PIXELY_DATABASE_URL")
    os.environ["PIXELY_DATABASE_URL"] = url
    from pixely_api.db import default_engine

    default_engine.cache_clear()
    yield url
    default_engine.cache_clear()
    if previous is None:
        os.environ.pop("PIXELY_DATABASE_URL", None)
    else:
        os.environ["PIXELY_DATABASE_URL"] = previous


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as session:
        yield session


@pytest.fixture
def webhook() -> Iterator[tuple[str, list[dict[str, str]]]]:
    """A real webhook receiver on loopback: (URL, JSON bodies received)."""
    with webhook_receiver() as receiver:
        yield receiver


@pytest.fixture
def backend_name(database_url: str) -> str:
    return make_url(database_url).get_backend_name()


_backend_outcomes: dict[str, dict[str, int]] = {}
_postgres_skip_reasons: set[str] = set()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Tally outcomes per database backend (works under xdist: reports reach the controller)."""
    counted = report.when == "call" or (report.when == "setup" and report.outcome != "passed")
    if not counted:
        return
    for backend in ("sqlite", "postgresql"):
        if f"[{backend}" in report.nodeid or f"-{backend}]" in report.nodeid:
            counts = _backend_outcomes.setdefault(backend, {})
            counts[report.outcome] = counts.get(report.outcome, 0) + 1
            if backend == "postgresql" and report.skipped:
                _postgres_skip_reasons.add(str(report.longrepr[-1]))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    terminalreporter.section("database backends")
    for backend in ("sqlite", "postgresql"):
        counts = _backend_outcomes.get(backend, {})
        summary = ", ".join(f"{n} {outcome}" for outcome, n in sorted(counts.items())) or "no tests"
        terminalreporter.write_line(f"{backend}: {summary}")
    for reason in sorted(_postgres_skip_reasons):
        terminalreporter.write_line(f"postgresql skipped: {reason}")
