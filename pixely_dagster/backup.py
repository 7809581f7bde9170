"""The daily database backup: ``pg_dump`` for PostgreSQL, SQLite's online backup API
for SQLite; keeps the newest ``keep`` files and deletes older ones."""

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import URL, make_url


class BackupError(RuntimeError):
    """The backup could not be written; older backups are left untouched."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size_bytes: int
    deleted: tuple[Path, ...]


def backup_database(url: str, folder: Path, keep: int, now: datetime) -> BackupResult:
    """Write one backup of ``url`` into ``folder``; then keep only the newest ``keep``."""
    if keep < 1:
        raise BackupError("keep must be at least 1")
    folder.mkdir(parents=True, exist_ok=True)
    parsed = make_url(url)
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    if parsed.get_backend_name() == "sqlite":
        target = folder / f"pixely-{stamp}.sqlite3"
        _backup_sqlite(parsed.database or "", target)
        pattern = "pixely-*.sqlite3"
    elif parsed.get_backend_name() == "postgresql":
        target = folder / f"pixely-{stamp}.dump"
        _backup_postgres(parsed, target)
        pattern = "pixely-*.dump"
    else:
        raise BackupError(f"no backup method for {parsed.get_backend_name()} databases")
    backups = sorted(folder.glob(pattern))
    deleted = tuple(backups[:-keep])
    for old in deleted:
        old.unlink()
    return BackupResult(target, target.stat().st_size, deleted)


def _backup_sqlite(database: str, target: Path) -> None:
    if not database or not Path(database).exists():
        raise BackupError(f"SQLite database {database!r} does not exist")
    partial = target.with_suffix(".partial")
    source = sqlite3.connect(database)
    try:
        destination = sqlite3.connect(partial)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    partial.replace(target)


def _backup_postgres(parsed: URL, target: Path) -> None:
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise BackupError("pg_dump is not installed (PostgreSQL client tools)")
    partial = target.with_suffix(".partial")
    command = [pg_dump, "--format=custom", f"--file={partial}", "--no-password"]
    if parsed.host:
        command.append(f"--host={parsed.host}")
    if parsed.port:
        command.append(f"--port={parsed.port}")
    if parsed.username:
        command.append(f"--username={parsed.username}")
    command.append(parsed.database or "postgres")
    env = {"PGPASSWORD": parsed.password} if parsed.password else {}
    completed = subprocess.run(
        command, capture_output=True, text=True, env={**_base_env(), **env}, check=False
    )
    if completed.returncode != 0:
        partial.unlink(missing_ok=True)
        raise BackupError(f"pg_dump failed: {completed.stderr.strip()}")
    partial.replace(target)


def _base_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "PGSSLMODE")}
