"""``pixely annotate --analyzer openai`` and the demo's ``run-daily`` with the OpenAI
analyzer, through the real client to a loopback OpenAI-compatible server."""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from pixely_api.models import FichaCliente, SocialMediaInsight
from pixely_dagster.analysis.llm import PROMPT_VERSION
from pixely_dagster.cli.main import cli
from tests.cli.test_pipeline_commands import _assert_demo_insights_are_valid, pixely
from tests.support.fake_openai import FakeOpenAI, fake_openai

NO_KEY = "the openai analyzer needs OPENAI_API_KEY; set it or use the offline analyzer"


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    with fake_openai() as server:
        yield server


@pytest.fixture
def openai_env(fake: FakeOpenAI, monkeypatch: pytest.MonkeyPatch) -> FakeOpenAI:
    monkeypatch.setenv("PIXELY_ANALYZER", "openai")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
    return fake


def test_annotate_with_openai_prints_the_same_json_lines(openai_env: FakeOpenAI) -> None:
    lines = ["me encanta 😍", "pésimo servicio", "¿precio?"]
    result = pixely(["annotate", "--analyzer", "openai"], stdin="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    offline = pixely(["annotate"], stdin="\n".join(lines) + "\n")
    offline_records = [json.loads(line) for line in offline.output.splitlines()]
    assert [set(r) for r in records] == [set(r) for r in offline_records]
    assert [r["text"] for r in records] == lines
    assert [r["annotator"] for r in records] == ["openai"] * 3
    assert records[1]["sentiment"] == "negative"
    assert openai_env.requests == 1


@pytest.mark.parametrize("analyzer", ["openai"])
def test_annotate_with_openai_refuses_without_a_key(
    analyzer: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    result = CliRunner().invoke(cli, ["annotate", "--analyzer", analyzer], input="hola\n")
    assert result.exit_code == 1
    assert result.output == f"Error: {NO_KEY}\n"


def test_annotate_auto_without_a_key_reads_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    result = pixely(["annotate", "--analyzer", "auto"], stdin="me encanta\n")
    assert result.exit_code == 0
    assert json.loads(result.output)["annotator"] == ""


def test_annotate_reports_an_api_failure_in_one_line(openai_env: FakeOpenAI) -> None:
    openai_env.then("unauthorized")
    result = CliRunner().invoke(cli, ["annotate", "--analyzer", "openai"], input="hola\n")
    assert result.exit_code == 1
    assert result.output.startswith("Error: OpenAI API refused the request (401)")
    assert result.output.count("\n") == 1


def test_demo_run_daily_through_openai(
    db: Engine, pixely_dirs: Path, openai_env: FakeOpenAI
) -> None:
    """The bundled demo's run-daily with the OpenAI analyzer: every row says so and
    carries its share of the requests and tokens; a second run and a re-analysis pay
    nothing more."""
    first = pixely(["demo", "--no-serve"])
    assert first.exit_code == 0, first.output
    with Session(db) as session:
        rows = session.scalars(select(SocialMediaInsight)).all()
        slug = session.scalars(select(FichaCliente.slug)).first()
        days = sorted({r.partition_date for r in rows})
    assert rows
    assert {r.analysis_version for r in rows} == {f"openai/gpt-5-nano/{PROMPT_VERSION}"}
    assert sum(r.llm_requests for r in rows) == openai_env.requests > 0
    assert sum(r.prompt_tokens for r in rows) == openai_env.prompt_tokens
    assert sum(r.completion_tokens for r in rows) == openai_env.completion_tokens
    assert sum(r.estimated_cost_usd for r in rows) > 0
    assert openai_env.comments <= sum(r.comments_analyzed for r in rows)
    _assert_demo_insights_are_valid(db)

    requests = openai_env.requests
    again = pixely(["run-daily"])
    assert again.exit_code == 0, again.output
    window = ["--from", str(days[0]), "--to", str(days[-1])]
    redo = pixely(["reanalyze", "--ficha", str(slug), *window])
    assert redo.exit_code == 0, redo.output
    assert openai_env.requests == requests
