"""``pixely demo|run-daily|reanalyze|serve``: the pipeline from the command line."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import click

from pixely_api.settings import get_settings
from pixely_dagster.cli.common import admin_session, check_schema_current, fail

EMBEDDED_INSTANCE_CONFIG = (
    "# Embedded default: SQLite storage in this folder.\ntelemetry:\n  enabled: false\n"
)


def dagster_instance():  # type: ignore[no-untyped-def]
    """The Dagster instance under ``DAGSTER_HOME`` (default: absolute ``.pixely/dagster``)."""
    import dagster as dg

    home = os.environ.setdefault("DAGSTER_HOME", str(get_settings().dagster_home_path))
    Path(home).mkdir(parents=True, exist_ok=True)
    config = Path(home) / "dagster.yaml"
    if not config.exists():
        config.write_text(EMBEDDED_INSTANCE_CONFIG)
    return dg.DagsterInstance.get()


def _definitions():  # type: ignore[no-untyped-def]
    from pixely_dagster.definitions import defs

    return defs()


def _run_daily(only: str | None) -> list[str]:
    from pixely_dagster.cli.run_daily import run_daily

    try:
        summaries = run_daily(_definitions(), dagster_instance(), only)
    except LookupError as missing:
        raise fail(str(missing)) from None
    for summary in summaries:
        click.echo(summary.line())
    return [s.slug for s in summaries if s.status == "failed"]


@click.command("run-daily")
@click.option("--ficha", "ficha_slug", help="Only this ficha.")
def run_daily_command(ficha_slug: str | None) -> None:
    """The daily logic, now: snapshot changed sources, analyse days with new items."""
    check_schema_current()
    failed = _run_daily(ficha_slug)
    if failed:
        raise fail(f"failed: {', '.join(failed)} (see the runs in the Dagster UI)")


@click.command()
@click.option("--ficha", "ficha_slug", required=True)
@click.option("--from", "first", type=click.DateTime(["%Y-%m-%d"]), required=True)
@click.option("--to", "last", type=click.DateTime(["%Y-%m-%d"]), required=True)
def reanalyze(ficha_slug: str, first: date, last: date) -> None:
    """Analyse every item of a date range again; earlier rows become superseded."""
    from pixely_api import admin
    from pixely_dagster.cli.run_daily import reanalyze as launch

    first_day, last_day = first.date(), last.date()  # type: ignore[attr-defined]
    if last_day < first_day:
        raise fail(f"--to {last_day} is before --from {first_day}")
    with admin_session() as session:
        admin.get_ficha(session, ficha_slug)
    result = launch(_definitions(), dagster_instance(), ficha_slug, first_day, last_day)
    if not result.success:
        raise fail(f"re-analysis run {result.run_id} failed (see the Dagster UI)")
    click.echo(f"re-analysis run {result.run_id} finished for {ficha_slug} {first_day}…{last_day}")


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
