"""Operations: the daily database backup job and its schedule."""

import os
from pathlib import Path

import dagster as dg

from pixely_api.clock import utcnow
from pixely_api.settings import default_timezone, pixely_home
from pixely_dagster.backup import BackupError, backup_database
from pixely_dagster.resources import WarehouseResource

DEFAULT_KEEP = 7


@dg.op(description="pg_dump (PostgreSQL) or the SQLite backup API; keeps the newest N files.")
def backup_op(context: dg.OpExecutionContext, warehouse: WarehouseResource) -> dg.Output[str]:
    folder = Path(os.environ.get("PIXELY_BACKUP_DIR", "") or pixely_home() / "backups")
    keep = int(os.environ.get("PIXELY_BACKUP_KEEP", "") or DEFAULT_KEEP)
    try:
        result = backup_database(warehouse.url, folder, keep, utcnow())
    except BackupError as error:
        raise dg.Failure(description=str(error)) from error
    context.log.info(f"backup written to {result.path} ({result.size_bytes} bytes)")
    return dg.Output(
        str(result.path),
        metadata={"bytes": result.size_bytes, "deleted_old_backups": len(result.deleted)},
    )


@dg.job(description="Back up the product database, keeping the last PIXELY_BACKUP_KEEP files.")
def database_backup_job() -> None:
    backup_op()


database_backup_schedule = dg.ScheduleDefinition(
    job=database_backup_job,
    cron_schedule="0 3 * * *",
    execution_timezone=default_timezone(),
    default_status=dg.DefaultScheduleStatus.RUNNING,
)
