"""The command group; each command's body lives with its concern.

Commands kept in other modules are imported only when they run (or when help lists them),
so ``pixely annotate`` starts without loading the database, admin and pipeline code.
"""

import sys
from importlib import import_module
from typing import TextIO

import click

from pixely_api.settings import SettingsError
from pixely_dagster.cli.errors import fail

ELSEWHERE = {
    "tenant": "pixely_dagster.cli.admin_commands:tenant",
    "user": "pixely_dagster.cli.admin_commands:user",
    "ficha": "pixely_dagster.cli.admin_commands:ficha",
    "demo": "pixely_dagster.cli.pipeline_commands:demo",
    "run-daily": "pixely_dagster.cli.pipeline_commands:run_daily_command",
    "reanalyze": "pixely_dagster.cli.pipeline_commands:reanalyze",
    "serve": "pixely_dagster.cli.pipeline_commands:serve",
    "api": "pixely_dagster.cli.pipeline_commands:api",
    "restore": "pixely_dagster.cli.operations_commands:restore",
}
"""Command name → ``module:attribute`` of the commands defined outside this module."""


class PixelyGroup(click.Group):
    """A bad variable of the environment is a one-line error for every command; commands
    of other modules are loaded on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *ELSEWHERE})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in ELSEWHERE and cmd_name not in self.commands:
            module, attribute = ELSEWHERE[cmd_name].split(":")
            self.add_command(getattr(import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)

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
    from pixely_api.db import upgrade_database
    from pixely_dagster.cli.common import database_errors, shown_database_url

    with database_errors():
        revision = upgrade_database()
    click.echo(f"database ready at revision {revision}: {shown_database_url()}")


OUTPUT_BATCH = 1000
"""Lines written per call: one write per comment cost more than building its line."""


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
    from pixely_dagster.analysis.offline import OfflineAnnotator
    from pixely_dagster.analysis.offline.collector import collector_paused
    from pixely_dagster.cli.json_lines import line

    try:
        annotator = annotator_from_settings(get_settings(), analyzer)
    except AnalyzerUnavailableError as unavailable:
        raise fail(str(unavailable)) from None
    # The OpenAI client is loaded only when that analyzer runs: it costs a second at start.
    unavailable_errors: tuple[type[Exception], ...] = ()
    if not isinstance(annotator, OfflineAnnotator):
        from pixely_dagster.analysis.llm import LlmBudgetExceededError, LlmUnavailableError

        unavailable_errors = (LlmUnavailableError, LlmBudgetExceededError)
    context = BrandContext(brand_name="")
    lines = _comment_lines(file)
    try:
        annotations = annotator.annotate(lines, context)
    except unavailable_errors as failed:
        raise fail(str(failed)) from None
    write = sys.stdout.write
    with collector_paused():
        for start in range(0, len(lines), OUTPUT_BATCH):
            end = start + OUTPUT_BATCH
            chunk = zip(lines[start:end], annotations[start:end], strict=True)
            write("".join([line(text, annotation) for text, annotation in chunk]))


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


def main() -> None:
    cli(prog_name="pixely")
