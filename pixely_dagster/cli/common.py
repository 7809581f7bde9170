"""What every command shares: the database session and the one-line error exit."""

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from pixely_api.admin import AdminError
from pixely_api.db import alembic_config, default_engine
from pixely_api.settings import database_url
from pixely_dagster.cli.errors import fail


def shown_database_url() -> str:
    """``PIXELY_DATABASE_URL`` as it may be printed: never with its password."""
    return make_url(database_url()).render_as_string(hide_password=True)


@contextmanager
def database_errors() -> Iterator[None]:
    """A mistyped or unreachable database is a one-line reason, not a traceback."""
    try:
        yield
    except ArgumentError:
        raise fail(
            "PIXELY_DATABASE_URL is not a database URL such as sqlite:///path/pixely.db "
            "or postgresql+psycopg2://user@host/db"
        ) from None
    except OperationalError as down:
        reason = str(down.orig or down).strip().splitlines()
        raise fail(
            f"cannot use the database at {shown_database_url()}: {reason[0] if reason else down}"
        ) from None


def check_schema_current() -> None:
    """Every "run `pixely init`" names the database it means (a default SQLite file under
    ``PIXELY_HOME`` is easy to mistake for another)."""
    with database_errors():
        engine = default_engine()
        head = ScriptDirectory.from_config(alembic_config(database_url())).get_current_head()
        if not inspect(engine).has_table("alembic_version"):
            raise fail(
                f"the database at {shown_database_url()} has no Pixely schema: run `pixely init`"
            )
        with engine.connect() as connection:
            current = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if current != head:
        raise fail(
            f"the database at {shown_database_url()} has schema {current}, not {head}: "
            "run `pixely init`"
        )


@contextmanager
def admin_session() -> Iterator[Session]:
    """One transaction: committed if the command succeeds, rolled back on any error.

    Commands print their success line only after this block, that is after the commit:
    a concurrent admin's conflicting change then shows as a one-line error, not as a
    success followed by a traceback."""
    check_schema_current()
    with database_errors(), Session(default_engine(), expire_on_commit=False) as session:
        try:
            with session.begin():
                yield session
        except AdminError as bad:
            raise fail(str(bad)) from None
        except IntegrityError as conflict:
            reason = str(conflict.orig).strip().splitlines()[0]
            raise fail(f"another change got there first ({reason}); nothing was written") from None


def read_password(password_stdin: bool) -> str:
    if password_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True, default="")
