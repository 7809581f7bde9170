"""Pipeline health: a Prometheus text file kept fresh, and the same figures in the UI.

- ``pipeline_metrics_sensor`` rewrites the metrics file every minute (no run needed:
  a few queries against the database and the instance's run records).
- ``pipeline_health`` (group ``operations``) records the same figures as asset
  metadata, which the Dagster UI plots over time; ``pipeline_health_schedule``
  materializes it hourly, and an admin can materialize it any time.
"""

from datetime import UTC, datetime

import dagster as dg

from pixely_api.clock import utcnow
from pixely_dagster.defs.metadata import markdown_table
from pixely_dagster.defs.partitions import CLIENT, RANGE_START_TAG, parse_client_day
from pixely_dagster.defs.resources import WarehouseResource
from pixely_dagster.pipeline_metrics import (
    WINDOW,
    PipelineHealth,
    RunOutcome,
    metrics_file_path,
    read_pipeline_health,
    write_metrics_file,
)

FINISHED = {
    dg.DagsterRunStatus.SUCCESS: "success",
    dg.DagsterRunStatus.FAILURE: "failure",
    dg.DagsterRunStatus.CANCELED: "canceled",
}
INSIGHTS = dg.AssetKey("social_media_insights")
CLIENT_DIMENSION_TAG = f"dagster/partition/{CLIENT}"
RUN_RECORDS_LIMIT = 5_000
"""Finished runs read per refresh; far above a day's runs even at a thousand fichas."""


def _ficha_of(tags: dict[str, str]) -> str | None:
    """The client a run worked on: a range run's start key, a multi-partition run's
    ``client`` dimension tag, or a ``sheet_posts`` run's partition (the slug itself)."""
    if tags.get(RANGE_START_TAG):
        return parse_client_day(tags[RANGE_START_TAG])[0]
    return tags.get(CLIENT_DIMENSION_TAG) or tags.get("dagster/partition")


def _calls_analyzer(tags: dict[str, str], selection: frozenset[dg.AssetKey]) -> bool:
    """Analysis runs: the tagged job, a UI backfill selecting the insights, or any run
    over ``client`` × ``date`` partitions (only the analysis assets have them)."""
    return (
        tags.get("pixely/analysis") == "true"
        or INSIGHTS in selection
        or RANGE_START_TAG in tags
        or CLIENT_DIMENSION_TAG in tags
    )


def _moment(timestamp: float | None) -> datetime | None:
    return datetime.fromtimestamp(timestamp, UTC) if timestamp is not None else None


def finished_runs(instance: dg.DagsterInstance, now: datetime) -> list[RunOutcome]:
    """The runs that finished in the last 24 hours, whatever launched them (schedule,
    sensors, ``pixely run-daily`` or a backfill from the UI)."""
    records = instance.get_run_records(
        filters=dg.RunsFilter(statuses=list(FINISHED), updated_after=now - WINDOW),
        limit=RUN_RECORDS_LIMIT,
    )
    outcomes = []
    for record in records:
        run = record.dagster_run
        selection = run.asset_selection or frozenset()
        outcomes.append(
            RunOutcome(
                job_name=run.job_name,
                status=FINISHED[run.status],
                started_at=_moment(record.start_time),
                ended_at=_moment(record.end_time),
                ficha=_ficha_of(dict(run.tags)),
                calls_analyzer=_calls_analyzer(dict(run.tags), selection),
            )
        )
    return outcomes


def refresh_metrics(
    instance: dg.DagsterInstance, warehouse: WarehouseResource, now: datetime
) -> PipelineHealth:
    """Read the figures and rewrite the metrics file."""
    health = read_pipeline_health(warehouse.get().engine, finished_runs(instance, now), now)
    write_metrics_file(health, metrics_file_path())
    return health


def _summary(health: PipelineHealth) -> str:
    return (
        f"{health.items_analysed_today} items analysed today, "
        f"{health.sources_checked}/{health.active_fichas} sources checked in 24 h, "
        f"{health.analyzer_errors} analyzer errors in 24 h"
    )


@dg.sensor(minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING)
def pipeline_metrics_sensor(
    context: dg.SensorEvaluationContext, warehouse: WarehouseResource
) -> dg.SkipReason:
    """Keep the Prometheus metrics file current; launches no run."""
    health = refresh_metrics(context.instance, warehouse, utcnow())
    return dg.SkipReason(f"metrics written to {metrics_file_path()}: {_summary(health)}")


@dg.asset(
    group_name="operations",
    kinds={"prometheus"},
    owners=["team:data-engineering"],
    description="The pipeline's health (last analysis and check per ficha, items analysed "
    "today, analyzer errors, run durations, sources checked) as metadata, and written to "
    "the Prometheus metrics file.",
)
def pipeline_health(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    health = refresh_metrics(context.instance, warehouse, utcnow())
    context.log.info(_summary(health))
    durations = {
        f"run_seconds/{job.job_name}": round(job.last_duration_seconds, 3)
        for job in health.jobs
        if job.last_duration_seconds is not None
    }
    return dg.MaterializeResult(
        metadata={
            "items_analysed_today": health.items_analysed_today,
            "analyzer_errors_24h": health.analyzer_errors,
            "sources_checked_24h": health.sources_checked,
            "fichas_active": health.active_fichas,
            **durations,
            "metrics_file": dg.MetadataValue.path(str(metrics_file_path())),
            "fichas": markdown_table(
                (
                    {
                        "ficha": f.slug,
                        "last analysis (UTC)": _shown(f.last_analysis_at),
                        "last checked (UTC)": _shown(f.last_checked_at),
                        "posts today": f.posts_analysed_today,
                        "comments today": f.comments_analysed_today,
                        "errors 24 h": f.analyzer_errors,
                    }
                    for f in health.fichas
                ),
                [
                    "ficha",
                    "last analysis (UTC)",
                    "last checked (UTC)",
                    "posts today",
                    "comments today",
                    "errors 24 h",
                ],
                limit=100,
            ),
        }
    )


def _shown(moment: datetime | None) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M") if moment else "never"


pipeline_health_job = dg.define_asset_job(
    "pipeline_health_job",
    selection=[pipeline_health],
    description="Refresh the pipeline-health metadata and the Prometheus metrics file.",
)

pipeline_health_schedule = dg.ScheduleDefinition(
    job=pipeline_health_job,
    cron_schedule="0 * * * *",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)
