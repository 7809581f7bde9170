"""The one-line error exit every command shares (kept apart from the database helpers, so
a command that needs no database starts without loading them)."""

import click


def fail(message: str) -> click.ClickException:
    """A one-line reason, exit code 1."""
    return click.ClickException(message)
