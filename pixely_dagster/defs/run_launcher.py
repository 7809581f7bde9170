"""A run launcher whose runs run monitoring can check: a dead run is marked failed.

Dagster's ``DefaultRunLauncher`` cannot tell run monitoring whether a run's process is
alive, so a run whose process was killed (``kill -9``, an out-of-memory kill, a reboot)
stays STARTED forever and no failure alert fires. Every Pixely run executes its steps
in one process (``in_process_executor``), which records its pid in the run's event log
("Executing steps in process (pid: …)"). This launcher answers run monitoring's health
check with that process: gone (or a zombie) ⇒ FAILED, so the monitoring daemon marks
the run failed and ``run_failure_alert`` tells people. Runs started by ``pixely
run-daily`` are checked the same way. A pid means something on its own machine only:
the default launcher runs every run on the daemon's machine, and runs started elsewhere
(``pixely run-daily`` on an admin's machine against the same instance) carry the tag
``pixely/host`` and are left alone by any other machine's check.
"""

import os
import socket
from pathlib import Path

from dagster import DagsterEventType, DagsterRun
from dagster._core.launcher import CheckRunHealthResult, DefaultRunLauncher, WorkerStatus

PID_KEY = "pid"
HOST_TAG = "pixely/host"


def host_tag() -> dict[str, str]:
    """The tag that says on which machine an in-process run's pid means something."""
    return {HOST_TAG: socket.gethostname()}


def process_alive(pid: int) -> bool:
    """True while ``pid`` runs; a zombie (exited, not yet reaped) counts as dead."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    if stat.exists():
        try:
            state = stat.read_text().rpartition(")")[2].split()[0]
        except (OSError, IndexError):
            return True
        return state not in {"Z", "X"}
    return True


class ProcessCheckingRunLauncher(DefaultRunLauncher):
    """``DefaultRunLauncher`` plus a worker health check from the run's recorded pid."""

    @property
    def supports_check_run_worker_health(self) -> bool:
        return True

    def run_worker_pid(self, run: DagsterRun) -> int | None:
        """The pid of the latest process that executed the run's steps, if recorded."""
        records = self._instance.get_records_for_run(
            run.run_id, of_type=DagsterEventType.ENGINE_EVENT, ascending=False, limit=50
        ).records
        for record in records:
            event = record.event_log_entry.dagster_event
            data = event.engine_event_data if event is not None else None
            value = data.metadata.get(PID_KEY) if data is not None else None
            if value is not None:
                try:
                    return int(str(value.value))
                except ValueError:
                    continue
        return None

    def check_run_worker_health(self, run: DagsterRun) -> CheckRunHealthResult:
        host = run.tags.get(HOST_TAG)
        if host is not None and host != socket.gethostname():
            return CheckRunHealthResult(WorkerStatus.RUNNING, f"run worker runs on {host}")
        pid = self.run_worker_pid(run)
        if pid is None:
            # Not started executing yet: run monitoring's start timeout covers this case.
            return CheckRunHealthResult(WorkerStatus.RUNNING, "no run worker recorded yet")
        if process_alive(pid):
            return CheckRunHealthResult(WorkerStatus.RUNNING, f"run worker pid {pid} is alive")
        return CheckRunHealthResult(
            WorkerStatus.FAILED, f"run worker pid {pid} is gone (killed or crashed)"
        )
