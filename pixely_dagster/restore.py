"""Restore a backup written by :mod:`pixely_dagster.backup` into an EMPTY database.

A SQLite backup file is copied in with SQLite's online backup API; a ``pg_dump``
custom-format archive is loaded with ``pg_restore`` in one transaction, so a failed
restore leaves the target as empty as it was. A target that already holds tables is
refused: restoring over live data would mix two histories of an append-only table.
"""

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from pixely_api.db import make_engine

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"
PIXELY_MARKER_TABLE = "alembic_version"
"""Every Pixely database has it (the schema's migration revision)."""


class RestoreError(RuntimeError):
    """The restore was refused or failed; the message is one line for the admin."""


@dataclass(frozen=True)
class RestoreResult:
    backend: str
    tables: int
    revision: str


def restore_database(backup: Path, url: str) -> RestoreResult:
    """Load ``backup`` into the database at ``url``, which must hold no tables yet."""
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise RestoreError(f"not a database URL: {error}") from None
    kind = _backup_kind(backup)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if kind != "sqlite":
            raise RestoreError(
                f"{backup} is a pg_dump archive; the target is SQLite: set PIXELY_DATABASE_URL "
                "to an empty PostgreSQL database"
            )
        _refuse_non_empty(url)
        _restore_sqlite(backup, parsed.database or "")
    elif backend == "postgresql":
        if kind != "pg_dump":
            raise RestoreError(
                f"{backup} is a SQLite backup; the target is PostgreSQL: set PIXELY_DATABASE_URL "
                "to a new sqlite:///… file"
            )
        _refuse_non_empty(url)
        _restore_postgres(backup, parsed)
    else:
        raise RestoreError(f"no restore method for {backend} databases")
    return _describe(url, backend)


def _backup_kind(backup: Path) -> str:
    """``sqlite`` or ``pg_dump`` from the file's first bytes (never from its name)."""
    if not backup.is_file():
        raise RestoreError(f"backup file {backup} does not exist")
    with backup.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_DUMP_MAGIC):
        return "pg_dump"
    raise RestoreError(f"{backup} is neither a SQLite backup nor a pg_dump custom-format archive")


def _refuse_non_empty(url: str) -> None:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if not database or database == ":memory:":
            raise RestoreError("restore needs a SQLite file path, not an in-memory database")
        if not Path(database).exists():
            return
    engine = make_engine(url)
    try:
        tables = inspect(engine).get_table_names()
    finally:
        engine.dispose()
    if tables:
        shown = parsed.render_as_string(hide_password=True)
        raise RestoreError(
            f"the database at {shown} is not empty ({len(tables)} tables); "
            "restore only into a new, empty database"
        )


def _restore_sqlite(backup: Path, database: str) -> None:
    """Copy through a partial file, then move it into place: no half-written target."""
    target = Path(database)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".restoring")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        _require_pixely_schema_sqlite(source, backup)
        destination = sqlite3.connect(partial)
        try:
            source.backup(destination)
        finally:
            destination.close()
    except sqlite3.DatabaseError as error:
        partial.unlink(missing_ok=True)
        raise RestoreError(f"{backup} cannot be read as SQLite: {error}") from None
    finally:
        source.close()
    for leftover in (Path(f"{database}-wal"), Path(f"{database}-shm")):
        leftover.unlink(missing_ok=True)
    partial.replace(target)


def _require_pixely_schema_sqlite(source: sqlite3.Connection, backup: Path) -> None:
    found = source.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (PIXELY_MARKER_TABLE,)
    ).fetchone()
    if found is None:
        raise RestoreError(f"{backup} holds no Pixely schema (no {PIXELY_MARKER_TABLE} table)")


def _restore_postgres(backup: Path, parsed: URL) -> None:
    pg_restore = shutil.which("pg_restore")
    if pg_restore is None:
        raise RestoreError("pg_restore is not installed (PostgreSQL client tools)")
    env = {**_base_env(), **({"PGPASSWORD": parsed.password} if parsed.password else {})}
    listing = subprocess.run(
        [pg_restore, "--list", str(backup)], capture_output=True, text=True, env=env, check=False
    )
    if listing.returncode != 0:
        raise RestoreError(f"pg_restore cannot read {backup}: {_first_line(listing.stderr)}")
    if f"TABLE public {PIXELY_MARKER_TABLE} " not in listing.stdout:
        raise RestoreError(f"{backup} holds no Pixely schema (no {PIXELY_MARKER_TABLE} table)")
    command = [
        pg_restore,
        "--no-password",
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        f"--dbname={parsed.database or 'postgres'}",
    ]
    if parsed.host:
        command.append(f"--host={parsed.host}")
    if parsed.port:
        command.append(f"--port={parsed.port}")
    if parsed.username:
        command.append(f"--username={parsed.username}")
    command.append(str(backup))
    completed = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if completed.returncode != 0:
        raise RestoreError(f"pg_restore failed: {_first_line(completed.stderr)}")


def _describe(url: str, backend: str) -> RestoreResult:
    engine = make_engine(url)
    try:
        tables = inspect(engine).get_table_names()
        with engine.connect() as connection:
            revision = connection.exec_driver_sql(
                f"SELECT version_num FROM {PIXELY_MARKER_TABLE}"
            ).scalar()
    finally:
        engine.dispose()
    return RestoreResult(backend, len(tables), str(revision))


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[0] if lines else "no message"


def _base_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "PGSSLMODE")}
