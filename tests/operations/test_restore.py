"""Backup → ``pixely restore`` into a new database → the same window summary, per backend.

The source database is filled by the real pipeline (snapshot, analysis, and a
re-analysis that supersedes rows); the summary is read the way the API reads a window:
non-superseded rows merged with ``summarize`` and the posts' latest metrics.
"""

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import dagster as dg
import pytest
from click.testing import CliRunner, Result
from sqlalchemy import Engine, create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from pixely_api.db import make_engine
from pixely_api.insights import InsightResults, summarize
from pixely_api.models import FichaCliente, Post, SocialMediaInsight
from pixely_dagster.backup import backup_database
from pixely_dagster.cli.main import cli
from tests.pipeline.conftest import D3, D4, D5, Pipeline, standard_dataset


def window_summaries(url: str) -> dict[str, Any]:
    """Every ficha's whole-window summary, as the read layer computes it, in JSON form."""
    engine = make_engine(url)
    summaries: dict[str, Any] = {}
    try:
        with Session(engine) as session:
            for ficha in session.scalars(select(FichaCliente).order_by(FichaCliente.slug)):
                rows = session.scalars(
                    select(SocialMediaInsight)
                    .where(
                        SocialMediaInsight.ficha_id == ficha.id,
                        SocialMediaInsight.superseded_by_run.is_(None),
                    )
                    .order_by(SocialMediaInsight.partition_date, SocialMediaInsight.id)
                ).all()
                results = [
                    InsightResults.from_columns(
                        {f"q{i}_result": getattr(row, f"q{i}_result") for i in range(1, 11)}
                    )
                    for row in rows
                ]
                posts = session.scalars(
                    select(Post).where(Post.ficha_id == ficha.id).order_by(Post.id)
                ).all()
                summary = summarize(results, [post.metrics() for post in posts])
                summaries[ficha.slug] = summary.model_dump(mode="json")
    finally:
        engine.dispose()
    return summaries


def insight_row_count(url: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.scalar(select(func.count()).select_from(SocialMediaInsight)))
    finally:
        engine.dispose()


def pixely_restore(backup: Path, target_url: str, monkeypatch: pytest.MonkeyPatch) -> Result:
    monkeypatch.setenv("PIXELY_DATABASE_URL", target_url)
    return CliRunner().invoke(cli, ["restore", str(backup)], catch_exceptions=False)


@pytest.fixture
def instance() -> Iterator[dg.DagsterInstance]:
    with dg.instance_for_test() as instance:
        yield instance


@pytest.fixture
def analysed(
    instance: dg.DagsterInstance, engine: Engine, database_url: str, tmp_path: Path
) -> Pipeline:
    """Two fichas through the real pipeline; one day of ``acme`` re-analysed, so the
    database holds superseded rows that the summary must leave out."""
    pipeline = Pipeline(instance=instance, engine=engine, database_url=database_url, root=tmp_path)
    for slug in ("acme", "bravo"):
        pipeline.create_ficha(slug, standard_dataset())
        assert pipeline.snapshot(slug).success
        assert pipeline.analyse(slug, D3, D5).success
    assert pipeline.analyse("acme", D4, D4, reanalyze=True).success
    assert any(row.superseded_by_run for row in pipeline.rows("acme"))
    return pipeline


@pytest.fixture
def empty_target(backend_name: str, tmp_path: Path) -> Iterator[str]:
    """A database that does not hold anything yet, on the same backend as the source."""
    if backend_name == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored' / 'pixely.db'}"
        return
    from tests.conftest import _POSTGRES_ADMIN_URL

    name = f"pixely_restore_{uuid.uuid4().hex[:12]}"
    admin = create_engine(_POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(_POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_restore_gives_the_same_window_summary(
    analysed: Pipeline,
    database_url: str,
    empty_target: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = window_summaries(database_url)
    assert set(before) == {"acme", "bravo"}
    audience = len(standard_dataset().audience)
    assert before["acme"]["q1"]["num_comentarios"] == audience
    backup = backup_database(database_url, tmp_path / "backups", 3, datetime.now(UTC))

    result = pixely_restore(backup.path, empty_target, monkeypatch)

    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"restored {backup.path} into ")
    assert window_summaries(empty_target) == before
    assert insight_row_count(empty_target) == insight_row_count(database_url)


def test_restore_refuses_a_database_that_holds_tables(
    analysed: Pipeline, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = backup_database(database_url, tmp_path / "backups", 3, datetime.now(UTC))
    rows = insight_row_count(database_url)

    result = pixely_restore(backup.path, database_url, monkeypatch)

    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert "is not empty" in result.output and "restore only into a new" in result.output
    assert insight_row_count(database_url) == rows


def test_restore_refuses_a_backup_of_the_other_backend(
    empty_target: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A SQLite file into PostgreSQL (or a pg_dump archive into SQLite) is refused by
    its content, whatever the file is called."""
    other = tmp_path / "other.backup"
    if make_url(empty_target).get_backend_name() == "sqlite":
        other.write_bytes(b"PGDMP" + bytes(64))
        expected = "is a pg_dump archive; the target is SQLite"
    else:
        other.write_bytes(b"SQLite format 3\x00" + bytes(64))
        expected = "is a SQLite backup; the target is PostgreSQL"

    result = pixely_restore(other, empty_target, monkeypatch)

    assert result.exit_code == 1
    assert expected in result.output and result.output.count("\n") == 1


def test_restore_names_a_file_that_is_no_backup(
    empty_target: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("not a database\n", encoding="utf-8")
    missing = tmp_path / "missing.dump"

    not_a_backup = pixely_restore(junk, empty_target, monkeypatch)
    absent = pixely_restore(missing, empty_target, monkeypatch)

    assert not_a_backup.exit_code == 1
    assert "is neither a SQLite backup nor a pg_dump custom-format archive" in (not_a_backup.output)
    assert absent.exit_code == 1 and f"backup file {missing} does not exist" in absent.output
    if make_url(empty_target).get_backend_name() == "sqlite":
        assert not Path(make_url(empty_target).database or "").exists()
