"""The command group; each command's body lives with its concern."""

import json
import sys
from typing import TextIO

import click

from pixely_api.db import upgrade_database
from pixely_api.settings import SettingsError
from pixely_dagster.cli.admin_commands import ficha, tenant, user
from pixely_dagster.cli.common import database_errors, fail, shown_database_url
from pixely_dagster.cli.operations_commands import restore
from pixely_dagster.cli.pipeline_commands import (
    api,
    demo,
    reanalyze,
    run_daily_command,
    serve,
)


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
@click.option(
    "--analyzer",
    type=click.Choice(["offline", "openai", "auto"]),
    default="offline",
    help="openai reads OPENAI_API_KEY, OPENAI_MODEL and OPENAI_BASE_URL; auto picks it "
    "when a key is set.",
)
def annotate(file: TextIO | None, analyzer: str) -> None:
    """One comment per line (stdin without FILE) → one JSON object per line."""
    from pixely_api.insights.context import BrandContext
    from pixely_api.settings import get_settings
    from pixely_dagster.analysis.choose import AnalyzerUnavailableError, annotator_from_settings
    from pixely_dagster.analysis.llm import LlmBudgetExceededError, LlmUnavailableError

    try:
        annotator = annotator_from_settings(get_settings(), analyzer)
    except AnalyzerUnavailableError as unavailable:
        raise fail(str(unavailable)) from None
    context = BrandContext(brand_name="")
    lines = _comment_lines(file)
    try:
        annotations = annotator.annotate(lines, context)
    except (LlmUnavailableError, LlmBudgetExceededError) as failed:
        raise fail(str(failed)) from None
    for text, annotation in zip(lines, annotations, strict=True):
        record = {"text": text, **annotation.model_dump(mode="json")}
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


def _comment_lines(file: TextIO | None) -> list[str]:
    """Every line of FILE (or stdin), refused whole if it is not UTF-8 text: a latin-1
    export or a workbook would otherwise be read as garbage or end in a traceback."""
    stream = file or sys.stdin
    name = getattr(stream, "name", "stdin")
    reason = (
        f"{name} is not UTF-8 text with one comment per line "
        "(save a spreadsheet or a latin-1 file as UTF-8 text first)"
    )
    try:
        lines = [line.rstrip("\r\n") for line in stream]
    except UnicodeDecodeError:
        raise fail(reason) from None
    if any("\x00" in line for line in lines):
        raise fail(reason)
    return lines


cli.add_command(tenant)
cli.add_command(user)
cli.add_command(ficha)
cli.add_command(demo)
cli.add_command(run_daily_command)
cli.add_command(reanalyze)
cli.add_command(serve)
cli.add_command(api)
cli.add_command(restore)


def main() -> None:
    cli(prog_name="pixely")
