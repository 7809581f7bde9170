"""``pixely run-daily``: the schedule's and the sensors' logic, executed now in-process.

Registers new ``clients`` keys itself (no sensor ticks without the daemon), then per
ficha: fingerprint → snapshot run if needed → one analysis run over the days with
unanalysed items. Runs are recorded on the Dagster instance, so they show in the UI.
"""

from dataclasses import dataclass
from datetime import date

import dagster as dg

from pixely_api.clock import utcnow
from pixely_dagster.defs.partitions import REANALYZE_TAG, clients_partitions, range_tags
from pixely_dagster.defs.resources import SourceResource, WarehouseResource
from pixely_dagster.scheduling import check_source, plan_analysis

QUIET_LOGS = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}
"""The CLI prints its own summary; the run's full log is on the instance (Dagster UI)."""


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


def _analysed_counts(result: dg.ExecuteInProcessResult) -> tuple[int, int]:
    for event in result.get_asset_materialization_events():
        materialization = event.step_materialization_data.materialization
        if materialization.asset_key == dg.AssetKey("social_media_insights"):
            metadata = materialization.metadata
            return (
                int(metadata["posts_analyzed"].value),  # type: ignore[arg-type]
                int(metadata["comments_analyzed"].value),  # type: ignore[arg-type]
            )
    return 0, 0


def register_client_keys(instance: dg.DagsterInstance, slugs: list[str]) -> list[str]:
    known = set(instance.get_dynamic_partitions(clients_partitions.name or "clients"))
    added = [slug for slug in slugs if slug not in known]
    if added:
        instance.add_dynamic_partitions(clients_partitions.name or "clients", added)
    return added


def run_daily(
    defs: dg.Definitions, instance: dg.DagsterInstance, only: str | None = None
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
                raise_on_error=False,
                run_config=QUIET_LOGS,
            )
            runs += 1
            if not snapshot.success:
                summaries.append(
                    FichaRunSummary(
                        ficha.slug, "failed", "source read failed (see the run)", runs=runs
                    )
                )
                continue
        plan = plan_analysis(store, ficha)
        if plan is None:
            summaries.append(FichaRunSummary(ficha.slug, "skipped", decision.reason, runs=runs))
            continue
        result = analysis_job.execute_in_process(
            instance=instance,
            tags=range_tags(plan.slug, plan.days[0], plan.days[-1]),
            raise_on_error=False,
            run_config=QUIET_LOGS,
        )
        runs += 1
        posts, comments = _analysed_counts(result)
        status = "analysed" if result.success else "failed"
        summaries.append(
            FichaRunSummary(
                ficha.slug,
                status,
                f"{posts} posts and {comments} comments; {plan.describe()}",
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
        tags={**range_tags(slug, first, last), REANALYZE_TAG: "true"},
        raise_on_error=False,
        run_config=QUIET_LOGS,
    )
