"""A run whose process dies is marked failed by run monitoring, and the alert fires.

A real Dagster instance configured as the CLI's embedded one (the run launcher and
``run_monitoring`` of ``EMBEDDED_INSTANCE_CONFIG``); a child process materializes an
asset that waits on its stdin, the test kills it with SIGKILL, and the monitoring
daemon's iteration (run here in-process, as the queue daemon's is in
``test_dagster_instance.py``) marks the run failed; ``run_failure_alert`` posts it.
"""

import logging
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest
import yaml
from dagster._core.workspace.context import WorkspaceProcessContext
from dagster._core.workspace.load_target import WorkspaceFileTarget
from dagster._daemon.monitoring.run_monitoring import execute_run_monitoring_iteration

from pixely_dagster.cli.pipeline_commands import EMBEDDED_INSTANCE_CONFIG, dagster_instance
from pixely_dagster.defs.automation import run_failure_alert
from pixely_dagster.defs.run_launcher import HOST_TAG, ProcessCheckingRunLauncher

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CHILD = """
import sys
import dagster as dg

@dg.asset
def waits_for_stdin() -> None:
    print("ready", flush=True)
    sys.stdin.read()

with dg.DagsterInstance.from_config(sys.argv[1]) as instance:
    dg.materialize([waits_for_stdin], instance=instance)
"""


@pytest.fixture
def monitored_instance(tmp_path: Path) -> Iterator[dg.DagsterInstance]:
    """The embedded instance configuration the CLI writes, in a fresh DAGSTER_HOME."""
    overrides = yaml.safe_load(EMBEDDED_INSTANCE_CONFIG)
    with dg.instance_for_test(overrides=overrides, temp_dir=str(tmp_path)) as instance:
        yield instance


def test_a_killed_run_is_marked_failed_and_alerted(
    monitored_instance: dg.DagsterInstance,
    tmp_path: Path,
    webhook: tuple[str, list[dict[str, str]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    instance = monitored_instance
    assert isinstance(instance.run_launcher, ProcessCheckingRunLauncher)
    assert instance.run_monitoring_enabled
    url, received = webhook
    monkeypatch.setenv("PIXELY_ALERT_WEBHOOK", url)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        [run] = instance.get_runs()
        assert run.status == dg.DagsterRunStatus.STARTED
        assert instance.run_launcher.check_run_worker_health(run).status.value == "RUNNING"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)

    assert instance.get_run_by_id(run.run_id).status == dg.DagsterRunStatus.STARTED  # type: ignore[union-attr]
    # A run another machine started (pixely run-daily elsewhere) is never judged by a pid.
    elsewhere = run.with_tags({**run.tags, HOST_TAG: "another-machine"})
    assert instance.run_launcher.check_run_worker_health(elsewhere).status.value == "RUNNING"
    target = WorkspaceFileTarget(paths=[str(PROJECT_ROOT / "workspace.yaml")])
    with WorkspaceProcessContext(instance, target) as process_context:
        list(execute_run_monitoring_iteration(process_context, logging.getLogger(__name__)))

    failed = instance.get_run_by_id(run.run_id)
    assert failed is not None and failed.status == dg.DagsterRunStatus.FAILURE
    [failure] = instance.get_records_for_run(
        run.run_id, of_type=dg.DagsterEventType.RUN_FAILURE
    ).records
    assert f"pid {child.pid} is gone" in failure.event_log_entry.message
    context = dg.build_run_status_sensor_context(
        sensor_name=run_failure_alert.name,
        dagster_instance=instance,
        dagster_run=failed,
        dagster_event=failure.event_log_entry.dagster_event,  # type: ignore[arg-type]
    ).for_run_failure()
    run_failure_alert(context)
    [alert] = received
    assert run.run_id in alert["text"] and "failed" in alert["text"]


def test_the_cli_brings_its_own_older_instance_config_up_to_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A DAGSTER_HOME the pixely command configured before run monitoring existed gets it;
    a configuration an operator wrote is never touched."""
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    for home in (ours, theirs):
        home.mkdir()
    (ours / "dagster.yaml").write_text(
        "# Embedded default: SQLite storage in this folder.\ntelemetry:\n  enabled: false\n"
    )
    operator = "telemetry:\n  enabled: false\n"
    (theirs / "dagster.yaml").write_text(operator)

    monkeypatch.setenv("DAGSTER_HOME", str(ours))
    instance = dagster_instance()
    assert instance.run_monitoring_enabled
    assert isinstance(instance.run_launcher, ProcessCheckingRunLauncher)
    instance.dispose()
    monkeypatch.setenv("DAGSTER_HOME", str(theirs))
    dagster_instance().dispose()
    assert (theirs / "dagster.yaml").read_text() == operator
