"""The pipeline on Dagster as deployed: an instance whose storage is PostgreSQL, and a
range request that runs as ONE run through the instance's run coordinator and the
default run launcher (a subprocess started by the code location's gRPC server)."""

import os
import time
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import dagster as dg
import pytest
import yaml
from dagster._core.workspace.context import WorkspaceProcessContext
from dagster._core.workspace.load_target import WorkspaceFileTarget
from dagster._daemon.run_coordinator.queued_run_coordinator_daemon import (
    QueuedRunCoordinatorDaemon,
)
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from pixely_dagster.defs.automation import unanalysed_partitions_sensor
from pixely_dagster.defs.partitions import range_tags
from tests.conftest import DEFAULT_POSTGRES_URL
from tests.pipeline.conftest import D3, D5, INSIGHTS, Pipeline, insights_metadata, standard_dataset

PROJECT_ROOT = Path(__file__).resolve().parents[2]
POSTGRES_ONLY = [
    pytest.param(
        "sqlite",
        marks=pytest.mark.skip(reason="this test is about Dagster and Pixely both on PostgreSQL"),
    ),
    pytest.param("postgresql", marks=pytest.mark.postgres),
]
SQLITE_ONLY = ["sqlite"]
RUN_TIMEOUT_SECONDS = 120
FIRST_OF_20 = date(2025, 2, 14)


@pytest.fixture
def postgres_instance(database_url: str) -> Iterator[dg.DagsterInstance]:
    """A Dagster instance whose run, event-log and schedule storage is a fresh database
    on the local PostgreSQL server (dropped afterwards)."""
    admin_url = os.environ.get("PIXELY_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)
    name = f"pixely_dagster_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin_url).set(drivername="postgresql", database=name)
    try:
        with dg.instance_for_test(
            overrides={
                "storage": {"postgres": {"postgres_url": url.render_as_string(False)}},
            }
        ) as instance:
            yield instance
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.mark.parametrize("database_url", POSTGRES_ONLY, indirect=True)
def test_the_whole_graph_on_a_postgres_backed_instance(
    database_url: str,
    postgres_instance: dg.DagsterInstance,
    engine: Engine,
    tmp_path: Path,
    definitions: dg.Definitions,
) -> None:
    from dagster_postgres import PostgresEventLogStorage, PostgresRunStorage

    assert isinstance(postgres_instance.run_storage, PostgresRunStorage)
    assert isinstance(postgres_instance.event_log_storage, PostgresEventLogStorage)
    pipeline = Pipeline(
        instance=postgres_instance,
        engine=engine,
        database_url=database_url,
        root=tmp_path,
    )
    dataset = standard_dataset()
    pipeline.create_ficha("acme", dataset)
    assert pipeline.snapshot("acme").success

    # The sensor turns the snapshot into one range request; the real job runs it.
    with dg.build_sensor_context(
        instance=postgres_instance,
        instance_ref=postgres_instance.get_ref(),
        definitions=definitions,
        resources=pipeline.resources,
    ) as context:
        tick = unanalysed_partitions_sensor.evaluate_tick(context)
    assert len(tick.run_requests) == 1
    assert dict(tick.run_requests[0].tags).items() >= range_tags("acme", D3, D5).items()
    result = definitions.resolve_job_def("analysis_job").execute_in_process(
        instance=postgres_instance,
        tags=tick.run_requests[0].tags,
        resources=pipeline.resources,
    )
    assert result.success
    assert insights_metadata(result)["comments_analyzed"] == len(dataset.audience)
    pipeline.assert_exactly_once("acme")

    runs = postgres_instance.get_runs()
    assert len(runs) == 2  # the snapshot and ONE analysis run over the range
    assert [r.run_id for r in runs if r.job_name == "analysis_job"] == [result.run_id]
    assert pipeline.analysed_partitions() == pipeline.keys("acme", dataset.days)
    latest = postgres_instance.get_latest_materialization_event(INSIGHTS)
    assert latest is not None and latest.run_id == result.run_id


def _wait_until_finished(instance: dg.DagsterInstance, run_id: str) -> dg.DagsterRun:
    """Poll the run's status until it is terminal, within a bounded time."""
    deadline = time.monotonic() + RUN_TIMEOUT_SECONDS
    while True:
        run = instance.get_run_by_id(run_id)
        assert run is not None
        if run.is_finished:
            return run
        assert time.monotonic() < deadline, f"run {run_id} still {run.status} after the timeout"
        time.sleep(0.1)  # polling interval, not a wait for a guessed duration


@pytest.fixture
def queued_instance(database_url: str) -> Iterator[dg.DagsterInstance]:
    """An instance with production's run queue and launcher (``dagster.yaml``): the
    ``QueuedRunCoordinator`` with its concurrency limits and the ``DefaultRunLauncher``."""
    production = yaml.safe_load((PROJECT_ROOT / "dagster.yaml").read_text(encoding="utf-8"))
    overrides = {key: production[key] for key in ("run_coordinator", "run_launcher")}
    with dg.instance_for_test(overrides=overrides) as instance:
        yield instance


@pytest.mark.parametrize("database_url", SQLITE_ONLY, indirect=True)
def test_a_range_request_runs_as_one_launched_run(
    database_url: str,
    queued_instance: dg.DagsterInstance,
    engine: Engine,
    tmp_path: Path,
    definitions: dg.Definitions,
) -> None:
    """Twenty days (14 February … 5 March, three of them with items) requested the way a
    sensor's request is: the run waits in the queue, the queue daemon's iteration (run
    here in-process) dequeues it, and the default run launcher starts it in a subprocess
    against the code location of ``workspace.yaml`` (the worker finds the product
    database through PIXELY_DATABASE_URL). One run, twenty materialized partitions."""
    instance = queued_instance
    assert type(instance.run_coordinator).__name__ == "QueuedRunCoordinator"
    assert type(instance.run_launcher).__name__ == "DefaultRunLauncher"
    pipeline = Pipeline(instance=instance, engine=engine, database_url=database_url, root=tmp_path)
    dataset = standard_dataset()
    pipeline.create_ficha("acme", dataset)
    pipeline.snapshot("acme")
    before = instance.get_runs_count()

    target = WorkspaceFileTarget(paths=[str(PROJECT_ROOT / "workspace.yaml")])
    with WorkspaceProcessContext(instance, target) as process_context:
        workspace = process_context.create_request_context()
        location = workspace.get_code_location("pixely_dagster")
        [repository] = location.get_repositories().values()
        remote_job = repository.get_full_job("analysis_job")
        run = instance.create_run_for_job(
            job_def=definitions.resolve_job_def("analysis_job"),
            remote_job_origin=remote_job.get_remote_origin(),
            job_code_origin=remote_job.get_python_origin(),
            tags={**remote_job.tags, **range_tags("acme", FIRST_OF_20, D5)},
        )
        submitted = instance.submit_run(run.run_id, workspace)
        assert submitted.status == dg.DagsterRunStatus.QUEUED
        list(QueuedRunCoordinatorDaemon(interval_seconds=1).run_iteration(process_context))
        finished = _wait_until_finished(instance, run.run_id)

    assert finished.status == dg.DagsterRunStatus.SUCCESS, finished.status
    assert instance.get_runs_count() == before + 1
    days = [FIRST_OF_20 + timedelta(days=n) for n in range(20)]
    assert days[-1] == D5
    keys = pipeline.keys("acme", days)
    assert pipeline.analysed_partitions() == keys
    records = instance.fetch_materializations(INSIGHTS, limit=100).records
    assert len(records) == 20
    assert {r.partition_key for r in records} == keys
    assert {r.run_id for r in records} == {run.run_id}
    # The seventeen empty days cost nothing: rows only where there were items.
    rows = pipeline.rows("acme")
    assert [(r.partition_date, r.run_id) for r in rows] == [(d, run.run_id) for d in dataset.days]
    pipeline.assert_exactly_once("acme")
