"""``pixely restore``: load a backup into a new, empty database."""

from pathlib import Path

import click

from pixely_api.settings import database_url
from pixely_dagster.cli.common import database_errors, fail, shown_database_url
from pixely_dagster.restore import RestoreError, restore_database


@click.command()
@click.argument("backup", metavar="FILE", type=click.Path(path_type=Path))
def restore(backup: Path) -> None:
    """Restore FILE (SQLite backup or pg_dump archive) into PIXELY_DATABASE_URL.

    The target must be empty; run `pixely init` afterwards if the backup is from an
    older release (it upgrades the schema)."""
    with database_errors():
        try:
            result = restore_database(backup, database_url())
        except RestoreError as refused:
            raise fail(str(refused)) from None
    click.echo(
        f"restored {backup} into {shown_database_url()}: {result.tables} tables, "
        f"schema revision {result.revision}"
    )
