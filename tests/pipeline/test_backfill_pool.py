"""A backfill launched as the Dagster UI launches it: two clients × three days of the
analysis assets, through the production instance configuration (queue, launcher, pools).

Measured here, and what the README states: a rectangle over TWO clients becomes one run
per client (a single-run backfill policy covers one contiguous partition range, and two
clients' days are two ranges), each run carrying no Pixely tag (``__ASSET_JOB``) — and
the analysis step of each is in the ``pixely_analyzer`` pool, so the instance's limit
holds for them too.
"""

import logging
import time
import uuid
from pathlib import Path

import dagster as dg
import pytest
from dagster._core.execution.backfill import PartitionBackfill
from dagster._core.workspace.context import WorkspaceProcessContext
from dagster._core.workspace.load_target import WorkspaceFileTarget
from dagster._daemon.backfill import execute_backfill_iteration
from dagster._daemon.run_coordinator.queued_run_coordinator_daemon import (
    QueuedRunCoordinatorDaemon,
)
from sqlalchemy import Engine

from pixely_dagster.defs.insight_modules import ANALYZER_POOL
from pixely_dagster.defs.partitions import client_day_key
from tests.pipeline.conftest import D3, D5, INSIGHTS, Pipeline, standard_dataset
from tests.pipeline.test_dagster_instance import (
    PROJECT_ROOT,
    RUN_TIMEOUT_SECONDS,
    SQLITE_ONLY,
    queued_instance,  # noqa: F401 - fixture
)

BACKFILL_TAG = "dagster/backfill"


@pytest.mark.parametrize("database_url", SQLITE_ONLY, indirect=True)
def test_a_two_client_rectangle_backfill_runs_once_per_client_in_the_pool(
    database_url: str,
    queued_instance: dg.DagsterInstance,  # noqa: F811
    engine: Engine,
    tmp_path: Path,
    definitions: dg.Definitions,
) -> None:
    instance = queued_instance
    pipeline = Pipeline(instance=instance, engine=engine, database_url=database_url, root=tmp_path)
    dataset = standard_dataset()
    for slug in ("acme", "beta"):
        pipeline.create_ficha(slug, dataset)
        pipeline.snapshot(slug)
    keys = sorted(pipeline.keys("acme", dataset.days) | pipeline.keys("beta", dataset.days))
    # What an admin selects in the UI: the analysis group (new_posts, Q1–Q10, insights).
    selection = list(
        dg.AssetSelection.groups("analysis").resolve(definitions.resolve_asset_graph())
    )

    target = WorkspaceFileTarget(paths=[str(PROJECT_ROOT / "workspace.yaml")])
    with WorkspaceProcessContext(instance, target) as process_context:
        workspace = process_context.create_request_context()
        backfill_id = uuid.uuid4().hex[:8]
        instance.add_backfill(
            PartitionBackfill.from_asset_partitions(
                backfill_id=backfill_id,
                asset_graph=workspace.asset_graph,
                partition_names=keys,
                asset_selection=selection,
                backfill_timestamp=time.time(),
                tags={},
                dynamic_partitions_store=instance,
                all_partitions=False,
                title=None,
                description=None,
                run_config=None,
            )
        )
        logger = logging.getLogger(__name__)
        deadline = time.monotonic() + RUN_TIMEOUT_SECONDS
        while True:
            list(execute_backfill_iteration(process_context, logger))
            list(QueuedRunCoordinatorDaemon(interval_seconds=1).run_iteration(process_context))
            runs = instance.get_runs(filters=dg.RunsFilter(tags={BACKFILL_TAG: backfill_id}))
            backfill = instance.get_backfill(backfill_id)
            assert backfill is not None
            if backfill.status.value != "REQUESTED" and all(r.is_finished for r in runs):
                break
            assert time.monotonic() < deadline, f"backfill still {backfill.status}"
            time.sleep(0.2)  # polling interval of the daemons' iterations

    assert [r.status for r in runs] == [dg.DagsterRunStatus.SUCCESS] * 2
    assert {r.job_name for r in runs} == {"__ASSET_JOB"}
    assert all("pixely/analysis" not in r.tags for r in runs)
    for run in runs:
        assert run.run_op_concurrency is not None
        assert run.run_op_concurrency.all_pools == {ANALYZER_POOL}
    assert instance.event_log_storage.get_concurrency_info(ANALYZER_POOL).slot_count == 2
    ranges = sorted(
        (r.tags["dagster/asset_partition_range_start"], r.tags["dagster/asset_partition_range_end"])
        for r in runs
    )
    assert ranges == [
        (client_day_key(slug, D3), client_day_key(slug, D5)) for slug in ("acme", "beta")
    ]
    assert pipeline.analysed_partitions() == set(keys)
    records = instance.fetch_materializations(INSIGHTS, limit=50).records
    assert {r.partition_key for r in records} == set(keys)
    for slug in ("acme", "beta"):
        pipeline.assert_exactly_once(slug)
