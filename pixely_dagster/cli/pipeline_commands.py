"""``pixely demo|run-daily|reanalyze|serve``: the pipeline from the command line."""

import fcntl
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from pixely_api.settings import get_settings
from pixely_dagster.cli.common import admin_session, check_schema_current, fail

EMBEDDED_INSTANCE_CONFIG = (
    "# Embedded default: SQLite storage in this folder.\ntelemetry:\n  enabled: false\n"
)


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
            if not config.exists():
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


@click.command()
@click.option("--no-serve", is_flag=True, help="Stop after the pipeline (for scripts and CI).")
def demo(no_serve: bool) -> None:
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
        _serve()


CODE_LOCATION_MODULE = "pixely_dagster.definitions"
"""What the webserver and daemon load: a module, so no project folder is needed and an
installed (non-editable) package serves the same as a checkout."""


def _serve() -> None:
    dagster_instance()
    settings = get_settings()
    bin_dir = Path(sys.executable).parent
    environment = {**os.environ, "VIRTUAL_ENV": str(bin_dir.parent)}
    command = [str(bin_dir / "dagster"), "dev", "-m", CODE_LOCATION_MODULE]
    processes = [subprocess.Popen([*command, "-p", str(settings.dagster_port)], env=environment)]
    click.echo(f"Dagster UI: http://127.0.0.1:{settings.dagster_port}")
    try:
        for process in processes:
            process.wait()
    except KeyboardInterrupt:
        for process in processes:
            process.terminate()


@click.command()
def serve() -> None:
    """Dagster UI and daemon (the API and dashboard join when they land)."""
    _serve()
