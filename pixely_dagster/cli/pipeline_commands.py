"""``pixely demo|run-daily|reanalyze|serve``: the pipeline from the command line."""

import contextlib
import fcntl
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from pixely_api.settings import get_settings
from pixely_dagster.cli.common import admin_session, check_schema_current, fail

EMBEDDED_HEADER = "# Embedded default"
EMBEDDED_INSTANCE_CONFIG = """\
# Embedded default: SQLite storage in this folder (written by the pixely command).
telemetry:
  enabled: false
# A run whose process died is marked failed (and alerted) instead of staying STARTED.
run_launcher:
  module: pixely_dagster.defs.run_launcher
  class: ProcessCheckingRunLauncher
run_monitoring:
  enabled: true
  start_timeout_seconds: 180
  poll_interval_seconds: 30
  max_resume_run_attempts: 0
# At most two steps of the analysis asset (pool pixely_analyzer) run at once, whatever
# started them: a schedule, a sensor, a backfill from the UI or pixely run-daily.
concurrency:
  pools:
    default_limit: 2
"""


def dagster_instance():  # type: ignore[no-untyped-def]
    """The Dagster instance under ``DAGSTER_HOME`` (default: absolute ``.pixely/dagster``).

    Creating it the first time creates Dagster's SQLite tables; two commands doing that at
    once on a new ``DAGSTER_HOME`` collide (``table secondary_indexes already exists``).
    A file lock makes the first creation one at a time; afterwards it costs nothing."""
    import dagster as dg

    home = Path(os.environ.setdefault("DAGSTER_HOME", str(get_settings().dagster_home_path)))
    home.mkdir(parents=True, exist_ok=True)
    with (home / ".pixely-instance.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            config = home / "dagster.yaml"
            # A configuration this command wrote earlier is brought up to date; one an
            # operator wrote (not starting with our header) is never touched.
            current = config.read_text() if config.exists() else EMBEDDED_HEADER
            if current.startswith(EMBEDDED_HEADER) and current != EMBEDDED_INSTANCE_CONFIG:
                config.write_text(EMBEDDED_INSTANCE_CONFIG)
            instance = dg.DagsterInstance.get()
            # Touch every storage while holding the lock: each creates its tables lazily.
            instance.get_runs_count()
            instance.get_dynamic_partitions("clients")
            instance.all_instigator_state()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return instance


def _definitions():  # type: ignore[no-untyped-def]
    from pixely_dagster.definitions import defs

    return defs()


def _run_daily(only: str | None, log_file: Path | None = None) -> list[str]:
    from pixely_dagster.cli.run_daily import run_daily

    try:
        summaries = run_daily(_definitions(), dagster_instance(), only, log_file)
    except LookupError as missing:
        raise fail(str(missing)) from None
    for summary in summaries:
        click.echo(summary.line())
    return [s.slug for s in summaries if s.status == "failed"]


def _log_file() -> Path:
    """``$PIXELY_HOME/logs/run-daily-<UTC time>.log``: where ``--verbose`` puts traces."""
    folder = get_settings().pixely_home / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"run-daily-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.log"


@click.command("run-daily")
@click.option("--ficha", "ficha_slug", help="Only this ficha.")
@click.option("--verbose", is_flag=True, help="Also write failed runs' traces to a log file.")
def run_daily_command(ficha_slug: str | None, verbose: bool) -> None:
    """The daily logic, now: snapshot changed sources, analyse days with new items.

    One line per ficha; a failure's trace is in its run's log (Dagster UI) and, with
    ``--verbose``, in a file under ``$PIXELY_HOME/logs``."""
    check_schema_current()
    log_file = _log_file() if verbose else None
    failed = _run_daily(ficha_slug, log_file)
    if failed:
        where = f"traces in {log_file}" if log_file else "traces in the runs' logs, Dagster UI"
        raise fail(f"failed: {', '.join(failed)} ({where})")


@click.command()
@click.option("--ficha", "ficha_slug", required=True)
@click.option("--from", "first", type=click.DateTime(["%Y-%m-%d"]), required=True)
@click.option("--to", "last", type=click.DateTime(["%Y-%m-%d"]), required=True)
def reanalyze(ficha_slug: str, first: datetime, last: datetime) -> None:
    """Analyse every item of a date range again; earlier rows become superseded.

    Everything that would make the run fail or do nothing is refused before a run is
    created, so a mistyped range leaves no run behind in Dagster."""
    from pixely_api import admin, queries
    from pixely_dagster.cli.run_daily import analysed_counts, failure_reason
    from pixely_dagster.cli.run_daily import reanalyze as launch

    first_day, last_day = first.date(), last.date()
    settings = get_settings()
    if last_day < first_day:
        raise fail(f"--to {last_day} is before --from {first_day}")
    if first_day < settings.start_date:
        raise fail(
            f"--from {first_day} is before PIXELY_START_DATE ({settings.start_date}): "
            "no day before it is analysed"
        )
    tomorrow = datetime.now(ZoneInfo(settings.timezone)).date() + timedelta(days=1)
    if last_day > tomorrow:
        raise fail(f"--to {last_day} is in the future (the last day there can be is {tomorrow})")
    with admin_session() as session:
        found = admin.get_ficha(session, ficha_slug)
        if not found.active:
            raise fail(
                f"ficha {ficha_slug} is deactivated: `pixely ficha reactivate {ficha_slug}` "
                "first; nothing was re-analysed"
            )
        items = queries.items_between(session, found.id, first_day, last_day)
    if not items:
        raise fail(
            f"{ficha_slug} has no posts or comments dated {first_day}…{last_day}: "
            "nothing to re-analyse"
        )
    result = launch(_definitions(), dagster_instance(), ficha_slug, first_day, last_day)
    if not result.success:
        raise fail(f"re-analysis run {result.run_id} failed: {failure_reason(result)}")
    posts, comments = analysed_counts(result)
    click.echo(
        f"re-analysis run {result.run_id} re-analysed {posts} posts and {comments} comments "
        f"of {ficha_slug} dated {first_day}…{last_day}; the earlier rows of those days are "
        "superseded"
    )


CODE_LOCATION_MODULE = "pixely_dagster.definitions"
"""What the webserver and daemon load: a module, so no project folder is needed and an
installed (non-editable) package serves the same as a checkout."""

STOP_GRACE_SECONDS = 20
"""How long each service may take to stop after SIGTERM before its group is killed."""


@dataclass(frozen=True)
class Ports:
    dagster: int
    api: int
    ui: int


Service = tuple[str, list[str]]
"""A name for people and the command that runs it."""


def services(ports: Ports) -> list[Service]:
    """What ``pixely serve`` runs, one entry per service."""
    bin_dir = Path(sys.executable).parent
    return [
        (
            f"Dagster UI and daemon: http://127.0.0.1:{ports.dagster}",
            [str(bin_dir / "dagster"), "dev", "-m", CODE_LOCATION_MODULE, "-p", str(ports.dagster)],
        ),
    ]


class _Stop(Exception):
    """SIGTERM reached ``pixely serve``."""


def _raise_stop(signum: int, frame: object) -> None:
    raise _Stop


def _stop_group(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM the service's whole process group (``dagster dev`` has a webserver, a daemon
    and code servers below it), then SIGKILL what is left after the grace period."""
    for sent in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sent)
        try:
            process.wait(timeout=STOP_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            continue
        # The leader is gone; members of its group may not be yet.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        return


def _serve(ports: Ports) -> None:
    """Each service in its own process group, so SIGTERM or Ctrl-C stops every process
    below it; the first service to exit stops the others."""
    dagster_instance()
    environment = {**os.environ, "VIRTUAL_ENV": str(Path(sys.executable).parent.parent)}
    previous = signal.signal(signal.SIGTERM, _raise_stop)
    processes: list[subprocess.Popen[bytes]] = []
    try:
        for name, command in services(ports):
            processes.append(subprocess.Popen(command, env=environment, start_new_session=True))
            click.echo(name)
        while all(process.poll() is None for process in processes):
            with contextlib.suppress(subprocess.TimeoutExpired):
                processes[0].wait(timeout=1)
    except (KeyboardInterrupt, _Stop):
        click.echo("stopping…")
    finally:
        for process in processes:
            _stop_group(process)
        signal.signal(signal.SIGTERM, previous)


def _ports(dagster_port: int | None, api_port: int | None, ui_port: int | None) -> Ports:
    settings = get_settings()
    return Ports(
        dagster=dagster_port or settings.dagster_port,
        api=api_port or settings.api_port,
        ui=ui_port or settings.ui_port,
    )


PORT = click.IntRange(1, 65535)


def port_options(command: Callable[..., None]) -> Callable[..., None]:
    """``--dagster-port``, ``--api-port``, ``--ui-port`` (defaults: DAGSTER_PORT, API_PORT,
    UI_PORT, then 3000, 8000, 8501)."""
    for option in reversed(
        [
            click.option("--dagster-port", type=PORT, help="Dagster UI (DAGSTER_PORT, 3000)."),
            click.option("--api-port", type=PORT, help="API (API_PORT, 8000)."),
            click.option("--ui-port", type=PORT, help="Dashboard (UI_PORT, 8501)."),
        ]
    ):
        command = option(command)
    return command


@click.command()
@port_options
def serve(dagster_port: int | None, api_port: int | None, ui_port: int | None) -> None:
    """Dagster UI and daemon (the API and dashboard join when they land); SIGTERM or
    Ctrl-C stops every process it started."""
    _serve(_ports(dagster_port, api_port, ui_port))


@click.command()
@click.option("--no-serve", is_flag=True, help="Stop after the pipeline (for scripts and CI).")
@port_options
def demo(
    no_serve: bool, dagster_port: int | None, api_port: int | None, ui_port: int | None
) -> None:
    """Load the bundled demo, run the daily logic, serve the UIs, print the logins."""
    from pixely_api.db import upgrade_database
    from pixely_dagster.demo.catalog import DEMO_CATALOG
    from pixely_dagster.demo.loader import load_demo

    upgrade_database()
    with admin_session() as session:
        loaded = load_demo(session, get_settings().pixely_home / "demo")
    click.echo(f"demo: created {len(loaded.created)}, reused {len(loaded.reused)}")
    failed = _run_daily(None)
    click.echo("logins (demo only):")
    for tenant in DEMO_CATALOG.tenants:
        for user in tenant.users:
            click.echo(f"  {user.role:6} {user.email} / {user.password} (tenant {tenant.slug})")
    if failed:
        raise fail(f"failed: {', '.join(failed)}")
    if not no_serve:
        _serve(_ports(dagster_port, api_port, ui_port))
