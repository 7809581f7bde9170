"""Operations: the daily database backup job and its schedule."""

import dagster as dg

from pixely_api.clock import utcnow
from pixely_api.settings import get_settings
from pixely_dagster.backup import BackupError, backup_database
from pixely_dagster.defs.resources import WarehouseResource


@dg.op(description="pg_dump (PostgreSQL) or the SQLite backup API; keeps the newest N files.")
def backup_op(context: dg.OpExecutionContext, warehouse: WarehouseResource) -> dg.Output[str]:
    settings = get_settings()
    try:
        result = backup_database(
            warehouse.url, settings.backup_folder, settings.backup_keep, utcnow()
        )
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
    execution_timezone=get_settings().timezone,
    default_status=dg.DefaultScheduleStatus.RUNNING,
)
