"""Jobs, the daily schedule and the sensors that keep empty partitions from running.

- ``daily_source_check`` (cron ``ORCHESTRATOR_SCHEDULE`` in ``PIXELY_TIMEZONE``) asks
  each active ficha's source for its fingerprint only and requests a ``sheet_posts``
  run where it changed; ``SkipReason`` names every unchanged ficha.
- ``unanalysed_partitions_sensor`` follows ``sheet_posts`` materializations and asks
  for ONE run per ficha over the days that hold unanalysed items.
- ``clients_sensor`` keeps the ``clients`` dynamic partitions in step with the fichas.
- ``run_failure_alert`` and ``freshness_sensor`` tell people when something is wrong.
"""

from datetime import timedelta

import dagster as dg

from pixely_api.clock import utcnow
from pixely_api.settings import get_settings
from pixely_dagster.alerts import send_alert
from pixely_dagster.defs.partitions import (
    RANGE_END_TAG,
    RANGE_START_TAG,
    clients_partitions,
    parse_client_day,
    range_tags,
)
from pixely_dagster.defs.resources import SourceResource, WarehouseResource
from pixely_dagster.scheduling import check_source, plan_analysis

STALE_AFTER = timedelta(hours=25)
ACTIVE_RUN_STATUSES = [
    dg.DagsterRunStatus.QUEUED,
    dg.DagsterRunStatus.NOT_STARTED,
    dg.DagsterRunStatus.STARTING,
    dg.DagsterRunStatus.STARTED,
]

sheet_posts_job = dg.define_asset_job(
    "sheet_posts_job",
    selection=["sheet_posts"],
    description="Read one ficha's source once and store its posts, comments and quarantine.",
)
analysis_job = dg.define_asset_job(
    "analysis_job",
    selection=dg.AssetSelection.groups("analysis"),
    tags={"pixely/analysis": "true"},
    description="Delta, Q1…Q10 and the append, for one ficha over a range of days.",
)


@dg.schedule(
    job=sheet_posts_job,
    cron_schedule=get_settings().orchestrator_schedule,
    execution_timezone=get_settings().timezone,
    default_status=dg.DefaultScheduleStatus.RUNNING,
)
def daily_source_check(
    context: dg.ScheduleEvaluationContext,
    warehouse: WarehouseResource,
    sources: SourceResource,
) -> list[dg.RunRequest] | dg.SkipReason:
    """Each active ficha: one fingerprint read; a snapshot run only where it changed."""
    store = warehouse.get()
    now = utcnow()
    requests: list[dg.RunRequest] = []
    skipped: list[str] = []
    for ficha in store.fichas():
        decision = check_source(store, sources, ficha, now)
        if decision.read_source:
            context.log.info(decision.message)
            requests.append(
                dg.RunRequest(
                    partition_key=ficha.slug,
                    run_key=f"{ficha.slug}:{decision.fingerprint}:{now:%Y-%m-%d}",
                    tags={"pixely/reason": decision.message[:200]},
                )
            )
        else:
            context.log.info(f"Skipping analysis - {decision.message}")
            skipped.append(decision.message)
    if not requests:
        return dg.SkipReason("; ".join(skipped) or "no active fichas")
    return requests


@dg.sensor(
    job=analysis_job,
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
)
def unanalysed_partitions_sensor(
    context: dg.SensorEvaluationContext, warehouse: WarehouseResource
) -> dg.SensorResult | dg.SkipReason:
    """After a ficha's snapshot, one range run over its days with unanalysed items."""
    after = int(context.cursor) if context.cursor else None
    records = context.instance.fetch_materializations(
        dg.AssetRecordsFilter(asset_key=dg.AssetKey("sheet_posts"), after_storage_id=after),
        limit=200,
        ascending=True,
    ).records
    if not records:
        return dg.SkipReason("no new sheet_posts materializations")
    store = warehouse.get()
    fichas = {f.slug: f for f in store.fichas()}
    requests: list[dg.RunRequest] = []
    skipped: list[str] = []
    for slug in sorted({r.partition_key for r in records if r.partition_key}):
        ficha = fichas.get(slug)
        if ficha is None:
            skipped.append(f"{slug}: ficha inactive or deleted")
            continue
        plan = plan_analysis(store, ficha)
        if plan is None:
            skipped.append(f"{slug}: no unanalysed items")
            continue
        context.log.info(f"{slug}: {plan.describe()}")
        requests.append(
            dg.RunRequest(
                run_key=f"{plan.run_key_part}:{records[-1].storage_id}",
                tags=range_tags(plan.slug, plan.days[0], plan.days[-1]),
            )
        )
    cursor = str(records[-1].storage_id)
    for reason in skipped:
        context.log.info(f"Skipping analysis - {reason}")
    if not requests:
        return dg.SensorResult(skip_reason=dg.SkipReason("; ".join(skipped)), cursor=cursor)
    return dg.SensorResult(run_requests=requests, cursor=cursor)


def _slugs_with_active_runs(instance: dg.DagsterInstance) -> set[str]:
    """Clients that a queued or running run still uses (snapshot or analysis range)."""
    slugs: set[str] = set()
    for run in instance.get_runs(filters=dg.RunsFilter(statuses=ACTIVE_RUN_STATUSES)):
        if run.job_name == sheet_posts_job.name and run.tags.get("dagster/partition"):
            slugs.add(run.tags["dagster/partition"])
        for tag in (RANGE_START_TAG, RANGE_END_TAG):
            if run.tags.get(tag):
                slugs.add(parse_client_day(run.tags[tag])[0])
    return slugs


@dg.sensor(
    job=sheet_posts_job,
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
)
def clients_sensor(
    context: dg.SensorEvaluationContext, warehouse: WarehouseResource
) -> dg.SensorResult | dg.SkipReason:
    """New ficha ⇒ new ``clients`` key and its first snapshot; a deleted ficha's key
    goes only once no queued or running run uses it; deactivated ones stay, unrequested."""
    store = warehouse.get()
    known = set(context.instance.get_dynamic_partitions(clients_partitions.name or "clients"))
    every = {f.slug: f for f in store.fichas(active_only=False)}
    active = {slug for slug, f in every.items() if f.active}
    added = sorted(active - known)
    busy = _slugs_with_active_runs(context.instance)
    deleted = sorted(slug for slug in known - every.keys() if slug not in busy)
    if not added and not deleted:
        return dg.SkipReason(f"{len(known)} client keys already match the fichas")
    requests_ = []
    if added:
        requests_.append(clients_partitions.build_add_request(added))
    if deleted:
        requests_.append(clients_partitions.build_delete_request(deleted))
    return dg.SensorResult(
        dynamic_partitions_requests=requests_,
        run_requests=[
            dg.RunRequest(partition_key=slug, run_key=f"first-snapshot:{slug}") for slug in added
        ],
    )


@dg.run_failure_sensor(default_status=dg.DefaultSensorStatus.RUNNING)
def run_failure_alert(context: dg.RunFailureSensorContext) -> None:
    """Every failed run reaches people: the log and the optional webhook."""
    run = context.dagster_run
    partition = run.tags.get("dagster/partition") or run.tags.get(RANGE_START_TAG, "")
    send_alert(
        f"Pixely run {run.run_id} ({run.job_name} {partition}) failed: "
        f"{context.failure_event.message}"
    )


@dg.sensor(minimum_interval_seconds=3600, default_status=dg.DefaultSensorStatus.RUNNING)
def freshness_sensor(
    context: dg.SensorEvaluationContext, warehouse: WarehouseResource
) -> dg.SkipReason:
    """An active ficha not checked for 25 hours means the orchestrator stopped — never
    that a quiet ficha had nothing new (checking it records ``last_checked_at``)."""
    now = utcnow()
    stale = [
        f.slug
        for f in warehouse.get().fichas()
        if now - (f.last_checked_at or f.created_at) > STALE_AFTER
    ]
    if stale:
        send_alert(f"Pixely orchestrator: fichas not checked for over 25 hours: {', '.join(stale)}")
        return dg.SkipReason(f"alerted on stale fichas: {', '.join(stale)}")
    return dg.SkipReason("every active ficha was checked within 25 hours")
