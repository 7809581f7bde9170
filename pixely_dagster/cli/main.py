"""The command group; each command's body lives with its concern."""

import json
import sys
from typing import TextIO

import click

from pixely_api.db import upgrade_database
from pixely_api.settings import SettingsError
from pixely_dagster.cli.admin_commands import ficha, tenant, user
from pixely_dagster.cli.common import database_errors, fail, shown_database_url
from pixely_dagster.cli.pipeline_commands import demo, reanalyze, run_daily_command, serve


class PixelyGroup(click.Group):
    """A bad variable of the environment is a one-line error for every command."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except SettingsError as bad:
            raise fail(str(bad)) from None


@click.group(cls=PixelyGroup, context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Pixely: daily social-media comment analysis for the agency's clients."""


@cli.command()
def init() -> None:
    """Create or upgrade the database schema (Alembic)."""
    with database_errors():
        revision = upgrade_database()
    click.echo(f"database ready at revision {revision}: {shown_database_url()}")


@cli.command()
@click.argument("file", type=click.File("r", encoding="utf-8"), required=False)
@click.option("--analyzer", type=click.Choice(["offline", "openai"]), default="offline")
def annotate(file: TextIO | None, analyzer: str) -> None:
    """One comment per line (stdin without FILE) → one JSON object per line."""
    if analyzer != "offline":
        raise fail("the openai analyzer is not available yet; use --analyzer offline")
    from pixely_api.insights.context import BrandContext
    from pixely_dagster.analysis.offline import OfflineAnnotator

    annotator = OfflineAnnotator()
    context = BrandContext(brand_name="")
    stream = file or sys.stdin
    lines = [line.rstrip("\r\n") for line in stream]
    for text, annotation in zip(lines, annotator.annotate(lines, context), strict=True):
        record = {"text": text, **annotation.model_dump(mode="json")}
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


cli.add_command(tenant)
cli.add_command(user)
cli.add_command(ficha)
cli.add_command(demo)
cli.add_command(run_daily_command)
cli.add_command(reanalyze)
cli.add_command(serve)


def main() -> None:
    cli(prog_name="pixely")
