"""``pixely run-daily``: the schedule's and the sensors' logic, executed now in-process.

Registers new ``clients`` keys itself (no sensor ticks without the daemon), then per
ficha: fingerprint → snapshot run if needed → one analysis run over the days with
unanalysed items. Runs are recorded on the Dagster instance, so they show in the UI.
"""

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import dagster as dg

from pixely_api.clock import utcnow
from pixely_dagster.defs.automation import plan_tags
from pixely_dagster.defs.partitions import REANALYZE_TAG, clients_partitions, range_tags
from pixely_dagster.defs.resources import SourceResource, WarehouseResource
from pixely_dagster.defs.run_launcher import host_tag
from pixely_dagster.scheduling import check_source, plan_runs

QUIET_LOGS = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}
"""The CLI prints its own one-line summary per ficha; the run's full log, with any trace,
is on the instance (Dagster UI) and, with ``--verbose``, in a log file."""


@dataclass(frozen=True)
class FichaRunSummary:
    slug: str
    status: str
    detail: str
    posts_analyzed: int = 0
    comments_analyzed: int = 0
    runs: int = 0

    def line(self) -> str:
        return f"{self.slug}: {self.status} - {self.detail}"


def analysed_counts(result: dg.ExecuteInProcessResult) -> tuple[int, int]:
    for event in result.get_asset_materialization_events():
        materialization = event.step_materialization_data.materialization
        if materialization.asset_key == dg.AssetKey("social_media_insights"):
            metadata = materialization.metadata
            return (
                int(metadata["posts_analyzed"].value),  # type: ignore[arg-type]
                int(metadata["comments_analyzed"].value),  # type: ignore[arg-type]
            )
    return 0, 0


def failure_reason(result: dg.ExecuteInProcessResult) -> str:
    """The failed run's reason in one line: the ``Failure`` description a step raised, or
    the first line of the error; the trace stays in the run's log."""
    for event in result.all_events:
        if event.is_step_failure and event.step_failure_data is not None:
            error = event.step_failure_data.error
            user_failure = event.step_failure_data.user_failure_data
            if user_failure is not None and user_failure.description:
                return _one_line(user_failure.description)
            if error is not None:
                cause = error.cause if error.cause is not None else error
                return _one_line(f"{cause.cls_name}: {cause.message}")
    for event in result.all_events:
        if event.is_failure and event.message:
            return _one_line(event.message)
    return "the run failed (see its log in the Dagster UI)"


def _one_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[0] if lines else "the run failed (see its log in the Dagster UI)"


def register_client_keys(instance: dg.DagsterInstance, slugs: list[str]) -> list[str]:
    known = set(instance.get_dynamic_partitions(clients_partitions.name or "clients"))
    added = [slug for slug in slugs if slug not in known]
    if added:
        instance.add_dynamic_partitions(clients_partitions.name or "clients", added)
    return added


def write_traces(log_file: Path | None, slug: str, result: dg.ExecuteInProcessResult) -> None:
    """Append a failed run's errors, with their traces, to the ``--verbose`` log file."""
    if log_file is None or result.success:
        return
    with log_file.open("a", encoding="utf-8") as log:
        log.write(f"== {slug}: run {result.run_id} ({result.job_def.name}) failed\n")
        for event in result.all_events:
            if event.is_step_failure and event.step_failure_data is not None:
                error = event.step_failure_data.error
                log.write(error.to_string() if error is not None else f"{event.message}\n")
            elif event.is_failure and event.message:
                log.write(f"{event.message}\n")


def run_daily(
    defs: dg.Definitions,
    instance: dg.DagsterInstance,
    only: str | None = None,
    log_file: Path | None = None,
) -> list[FichaRunSummary]:
    warehouse: WarehouseResource = defs.resources["warehouse"]  # type: ignore[assignment]
    sources: SourceResource = defs.resources["sources"]  # type: ignore[assignment]
    store = warehouse.get()
    fichas = [f for f in store.fichas() if only is None or f.slug == only]
    if only is not None and not fichas:
        raise LookupError(f"no active ficha with slug {only!r}")
    register_client_keys(instance, [f.slug for f in fichas])
    snapshot_job = defs.resolve_job_def("sheet_posts_job")
    analysis_job = defs.resolve_job_def("analysis_job")
    summaries = []
    now = utcnow()
    for ficha in fichas:
        runs = 0
        decision = check_source(store, sources, ficha, now)
        if decision.read_source:
            snapshot = snapshot_job.execute_in_process(
                partition_key=ficha.slug,
                instance=instance,
                tags=host_tag(),
                raise_on_error=False,
                run_config=QUIET_LOGS,
            )
            runs += 1
            write_traces(log_file, ficha.slug, snapshot)
            if not snapshot.success:
                reason = failure_reason(snapshot).removeprefix(f"{ficha.slug}: ")
                summaries.append(
                    FichaRunSummary(
                        ficha.slug, "failed", f"source read failed: {reason}", runs=runs
                    )
                )
                continue
        plans = plan_runs(store, ficha)
        if not plans:
            summaries.append(FichaRunSummary(ficha.slug, "skipped", decision.reason, runs=runs))
            continue
        posts = comments = 0
        failures: list[str] = []
        for plan in plans:
            result = analysis_job.execute_in_process(
                instance=instance,
                tags={**plan_tags(plan), **host_tag()},
                raise_on_error=False,
                run_config=QUIET_LOGS,
            )
            runs += 1
            write_traces(log_file, ficha.slug, result)
            plan_posts, plan_comments = analysed_counts(result)
            posts, comments = posts + plan_posts, comments + plan_comments
            if not result.success:
                failures.append(f"analysis failed: {failure_reason(result)}")
        described = "; ".join(plan.describe() for plan in plans)
        if failures:
            summaries.append(FichaRunSummary(ficha.slug, "failed", "; ".join(failures), runs=runs))
            continue
        summaries.append(
            FichaRunSummary(
                ficha.slug,
                "analysed",
                f"{posts} posts and {comments} comments; {described}",
                posts,
                comments,
                runs,
            )
        )
    return summaries


def reanalyze(
    defs: dg.Definitions, instance: dg.DagsterInstance, slug: str, first: date, last: date
) -> dg.ExecuteInProcessResult:
    """Every item of ``first``…``last`` analysed again; earlier rows marked superseded."""
    register_client_keys(instance, [slug])
    return defs.resolve_job_def("analysis_job").execute_in_process(
        instance=instance,
        tags={**range_tags(slug, first, last), REANALYZE_TAG: "true", **host_tag()},
        raise_on_error=False,
        run_config=QUIET_LOGS,
    )
