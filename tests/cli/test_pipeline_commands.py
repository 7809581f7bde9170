"""``pixely annotate | demo | run-daily | reanalyze``: happy paths and bad input."""

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from pixely_api import queries
from pixely_api.insights.bundle import summarize
from pixely_api.models import FichaCliente, Post, SocialMediaInsight, Tenant, User
from pixely_dagster.cli.main import cli
from pixely_dagster.demo.catalog import DEMO_CATALOG


def pixely(args: Sequence[str], stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def test_annotate_prints_one_json_object_per_line() -> None:
    lines = ["me encanta 😍", "", "https://x.co", "no me gusta nada, pésimo", "12345"]
    result = pixely(["annotate"], stdin="\n".join(lines) + "\n")
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["text"] for r in records] == lines
    assert records[0]["sentiment"] == "positive"
    assert records[3]["sentiment"] == "negative"
    assert records[1]["language"] == "und" and records[1]["sentiment"] == "neutral"
    assert all(set(r["emotions"]) >= {"alegria", "ira", "tristeza"} for r in records)


def test_annotate_reads_a_file(tmp_path: Path) -> None:
    source = tmp_path / "comments.txt"
    source.write_text("qué asco de servicio\nexcelente calidad\n", encoding="utf-8")
    result = pixely(["annotate", str(source)])
    assert result.exit_code == 0
    assert [json.loads(x)["sentiment"] for x in result.output.splitlines()] == [
        "negative",
        "positive",
    ]


def test_annotate_refuses_an_analyzer_it_cannot_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    result = CliRunner().invoke(cli, ["annotate", "--analyzer", "openai"], input="hola\n")
    assert result.exit_code == 1
    assert "needs OPENAI_API_KEY" in result.output


def test_run_daily_names_an_unknown_ficha(db: Engine, pixely_dirs: Path) -> None:
    assert pixely(["init"]).exit_code == 0
    result = CliRunner().invoke(cli, ["run-daily", "--ficha", "nope"])
    assert result.exit_code == 1
    assert "no active ficha with slug 'nope'" in result.output


def test_reanalyze_refuses_a_backwards_range_and_an_unknown_ficha(
    db: Engine, pixely_dirs: Path
) -> None:
    assert pixely(["init"]).exit_code == 0
    backwards = CliRunner().invoke(
        cli, ["reanalyze", "--ficha", "x", "--from", "2025-03-05", "--to", "2025-03-01"]
    )
    assert backwards.exit_code == 1 and "is before --from" in backwards.output
    unknown = CliRunner().invoke(
        cli, ["reanalyze", "--ficha", "nope", "--from", "2025-03-01", "--to", "2025-03-02"]
    )
    assert unknown.exit_code == 1 and "no ficha with slug 'nope'" in unknown.output


def _assert_demo_insights_are_valid(db: Engine) -> None:
    """Every stored row reads back as Q1…Q10, and the whole window merges into a summary
    whose figures add up to what the rows say they analysed."""
    with Session(db) as session:
        for ficha in session.scalars(select(FichaCliente)):
            stored = session.scalars(
                select(SocialMediaInsight).where(SocialMediaInsight.ficha_id == ficha.id)
            ).all()
            results = [queries.results_of(row) for row in stored]
            metrics = [
                p.metrics() for p in session.scalars(select(Post).where(Post.ficha_id == ficha.id))
            ]
            window = summarize(results, metrics)
            analysed = sum(row.comments_analyzed for row in stored)
            assert window.q1.num_comentarios == analysed
            assert window.q7.num_comentarios == analysed
            assert window.q3.temas, ficha.slug
            assert window.q10.hallazgos_clave and window.q10.kpis
            assert all(kpi.valor is not None for kpi in window.q10.kpis), window.q10.kpis


def test_demo_runs_twice_and_reuses_what_exists(db: Engine, pixely_dirs: Path) -> None:
    """The bundled demo end to end: tenants, logins, fichas, the pipeline; then again."""
    first = pixely(["demo", "--no-serve"])
    assert first.exit_code == 0, first.output
    for user in DEMO_CATALOG.users:
        assert f"{user.email} / {user.password}" in first.output
    for ficha in DEMO_CATALOG.fichas:
        assert f"{ficha.slug}: analysed - " in first.output
    with db.connect() as connection:
        rows = connection.scalar(select(func.count()).select_from(SocialMediaInsight))
        counts = [
            connection.scalar(select(func.count()).select_from(model))
            for model in (Tenant, User, FichaCliente)
        ]
    assert rows and rows >= 60
    assert counts == [3, 3, 2]
    _assert_demo_insights_are_valid(db)
    copies = sorted(p.name for p in (pixely_dirs / ".pixely" / "demo").iterdir())
    assert copies == sorted(f.workbook for f in DEMO_CATALOG.fichas)

    second = pixely(["demo", "--no-serve"])
    assert second.exit_code == 0, second.output
    for ficha in DEMO_CATALOG.fichas:
        assert f"{ficha.slug}: skipped - source unchanged since" in second.output
    with db.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(SocialMediaInsight)) == rows
