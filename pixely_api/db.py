"""Database engine, sessions, migrations and the per-ficha write lock.

One URL (``PIXELY_DATABASE_URL``) selects SQLite (embedded default) or PostgreSQL
(``postgresql+psycopg2://``); the same Alembic migrations run on both.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from pixely_api.settings import database_url

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_SQLITE_IMMEDIATE = "pixely_sqlite_immediate"


def make_engine(url: str, *, pool_size: int = 5) -> Engine:
    """An engine for ``url``; SQLite gets foreign keys, WAL and explicit BEGINs.

    pysqlite's own transaction handling cannot issue ``BEGIN IMMEDIATE``, which the
    per-ficha lock needs, so SQLite connections run in driver autocommit mode and
    SQLAlchemy's ``begin`` event emits the BEGIN itself. ``pool_size`` (PostgreSQL):
    connections kept open, as many again allowed on top; the API sizes it to its threads.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(
            url, pool_pre_ping=True, pool_size=pool_size, max_overflow=pool_size, future=True
        )
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30}, future=True)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection) -> None:  # type: ignore[no-untyped-def]
        immediate = connection.get_execution_options().get(_SQLITE_IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@cache
def default_engine() -> Engine:
    """The process-wide engine for ``PIXELY_DATABASE_URL``."""
    return make_engine(database_url())


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False, future=True)


@contextmanager
def locked_ficha_transaction(engine: Engine, ficha_id: int) -> Iterator[Session]:
    """A transaction holding the ficha's write lock until it commits or rolls back.

    PostgreSQL: ``pg_advisory_xact_lock`` on the ficha id. SQLite: ``BEGIN IMMEDIATE``
    (the whole database's write lock, which covers the ficha). Whatever is read inside
    is then current: a concurrent append for the same ficha waits its turn.
    """
    if engine.dialect.name == "sqlite":
        bound = engine.execution_options(**{_SQLITE_IMMEDIATE: True})
    else:
        bound = engine
    with Session(bind=bound, expire_on_commit=False) as session, session.begin():
        if engine.dialect.name == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": ficha_id})
        yield session


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade_database(url: str | None = None) -> str:
    """Create or upgrade the schema to the newest migration; returns the revision."""
    target = url or database_url()
    config = alembic_config(target)
    command.upgrade(config, "head")
    engine = make_engine(target)
    try:
        with engine.connect() as connection:
            return str(connection.execute(text("SELECT version_num FROM alembic_version")).scalar())
    finally:
        engine.dispose()
