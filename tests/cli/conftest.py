"""CLI fixtures: a scratch Pixely home and the test database as the default one."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from pixely_api.db import default_engine


@pytest.fixture
def pixely_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo's working folder: ``PIXELY_HOME`` (``.pixely/``) under a scratch folder."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PIXELY_HOME", str(tmp_path / ".pixely"))
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / ".pixely" / "dagster"))
    return tmp_path


@pytest.fixture
def db(engine: Engine) -> Iterator[Engine]:
    yield engine
    default_engine().dispose()
