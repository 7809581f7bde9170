"""The backup job's work: a restorable copy, and only the newest N kept."""

import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url

from pixely_dagster.backup import BackupError, backup_database


def _seed(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO tenants (name, slug, active, created_at) "
                "VALUES ('Acme', 'acme', true, CURRENT_TIMESTAMP)"
            )
        )


def test_backup_keeps_the_newest_files(database_url: str, engine: Engine, tmp_path: Path) -> None:
    if make_url(database_url).get_backend_name() == "postgresql" and not shutil.which("pg_dump"):
        pytest.skip("pg_dump is not installed")
    _seed(engine)
    folder = tmp_path / "backups"
    start = datetime(2025, 3, 1, 3, tzinfo=UTC)
    results = [
        backup_database(database_url, folder, keep=2, now=start + timedelta(days=n))
        for n in range(4)
    ]
    remaining = sorted(p.name for p in folder.iterdir())
    assert remaining == sorted(r.path.name for r in results[-2:])
    assert all(r.size_bytes > 0 for r in results)
    assert len(results[-1].deleted) == 1


def test_sqlite_backup_is_a_readable_copy(
    database_url: str, engine: Engine, tmp_path: Path
) -> None:
    if make_url(database_url).get_backend_name() != "sqlite":
        pytest.skip("the SQLite backup API is for SQLite databases")
    _seed(engine)
    folder = tmp_path / "backups"
    result = backup_database(database_url, folder, keep=3, now=datetime(2025, 3, 1, tzinfo=UTC))
    copy = sqlite3.connect(result.path)
    try:
        assert copy.execute("SELECT slug FROM tenants").fetchall() == [("acme",)]
    finally:
        copy.close()


def test_missing_sqlite_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="does not exist"):
        backup_database(f"sqlite:///{tmp_path / 'nope.db'}", tmp_path / "b", 3, datetime.now(UTC))
    assert not (tmp_path / "b").exists() or not any((tmp_path / "b").iterdir())
