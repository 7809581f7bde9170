"""The analysis step with the OpenAI analyzer, through the real ``openai`` client to a
loopback OpenAI-compatible server: usage on the rows and in the metadata, the cache on a
re-analysis, and failures that append nothing. Each test runs on SQLite and PostgreSQL."""

from collections.abc import Iterator
from dataclasses import dataclass, field

import dagster as dg
import pytest

from pixely_dagster.analysis.llm import PROMPT_VERSION
from pixely_dagster.defs.resources import AnalyzerResource
from tests.pipeline.conftest import D3, D5, Pipeline, insights_metadata, standard_dataset
from tests.support.fake_openai import FakeOpenAI, fake_openai


@dataclass
class OpenAIPipeline(Pipeline):
    """The test pipeline with the analyzer resource pointed at the fake server."""

    analyzer: AnalyzerResource = field(default_factory=AnalyzerResource)

    @property
    def resources(self) -> dict[str, object]:
        return {**self.resources_for(self.database_url), "analyzer": self.analyzer}


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    with fake_openai() as server:
        yield server


def openai_pipeline(pipeline: Pipeline, fake: FakeOpenAI, **options: object) -> OpenAIPipeline:
    analyzer = AnalyzerResource(
        analyzer="openai",
        openai_api_key="sk-test",
        openai_base_url=fake.base_url,
        **options,  # type: ignore[arg-type]
    )
    run = OpenAIPipeline(
        instance=pipeline.instance,
        engine=pipeline.engine,
        database_url=pipeline.database_url,
        root=pipeline.root,
        analyzer=analyzer,
    )
    run.create_ficha("acme", standard_dataset())
    run.snapshot("acme")
    return run


def test_usage_goes_on_the_rows_and_into_the_metadata(pipeline: Pipeline, fake: FakeOpenAI) -> None:
    run = openai_pipeline(pipeline, fake)
    metadata = insights_metadata(run.analyse("acme", D3, D5))
    rows = run.rows("acme")
    assert len(rows) == 3
    assert {r.analysis_version for r in rows} == {f"openai/gpt-5-nano/{PROMPT_VERSION}"}
    assert {r.analyzer for r in rows} == {"openai"}
    assert fake.requests == 3  # one batch per day: three days of six comments each
    assert fake.comments == 18
    assert sum(r.llm_requests for r in rows) == metadata["llm_requests"] == 3
    assert sum(r.prompt_tokens for r in rows) == metadata["llm_prompt_tokens"]
    assert metadata["llm_prompt_tokens"] == fake.prompt_tokens
    assert sum(r.completion_tokens for r in rows) == fake.completion_tokens
    assert metadata["llm_tokens"] == fake.prompt_tokens + fake.completion_tokens
    expected_cost = (fake.prompt_tokens * 0.05 + fake.completion_tokens * 0.40) / 1e6
    assert metadata["estimated_cost_usd"] == pytest.approx(expected_cost, rel=1e-4)
    assert sum(r.estimated_cost_usd for r in rows) == pytest.approx(expected_cost, rel=1e-3)
    assert metadata["llm_fallbacks"] == 0
    assert metadata["analysis_version"] == f"openai/gpt-5-nano/{PROMPT_VERSION}"
    run.assert_exactly_once("acme")


def test_reanalysis_is_answered_from_the_cache(pipeline: Pipeline, fake: FakeOpenAI) -> None:
    run = openai_pipeline(pipeline, fake)
    run.analyse("acme", D3, D5)
    before = fake.requests
    metadata = insights_metadata(run.analyse("acme", D3, D5, reanalyze=True))
    assert fake.requests == before
    assert metadata["llm_requests"] == 0
    assert metadata["llm_cache_hits"] == 18
    assert [r.llm_requests for r in run.current_rows("acme")] == [0, 0, 0]
    run.assert_exactly_once("acme")


def test_a_dropped_comment_is_read_offline_and_counted(
    pipeline: Pipeline, fake: FakeOpenAI
) -> None:
    run = openai_pipeline(pipeline, fake)
    fake.then("drop_last", "drop_last")
    metadata = insights_metadata(run.analyse("acme", D3, D5))
    assert metadata["llm_fallbacks"] == 1
    assert metadata["llm_retried_comments"] == 1
    assert len(run.rows("acme")) == 3
    run.assert_exactly_once("acme")


def test_api_down_fails_the_run_with_one_line_and_appends_nothing(
    pipeline: Pipeline, fake: FakeOpenAI
) -> None:
    run = openai_pipeline(pipeline, fake)
    fake.then(*["server_error"] * 4)
    result = run.analyse("acme", D3, D5, raise_on_error=False)
    assert not result.success
    failure = result.get_step_failure_events()[0].step_failure_data.error
    assert failure is not None
    assert "OpenAI API failed after 3 retries: InternalServerError" in failure.message
    assert run.rows("acme") == []
    assert run.ledger("acme") == []
    assert fake.requests == 4
    run.analyse("acme", D3, D5)  # the next run redoes it
    run.assert_exactly_once("acme")


def test_token_budget_stops_the_run_before_any_request(
    pipeline: Pipeline, fake: FakeOpenAI
) -> None:
    run = openai_pipeline(pipeline, fake, max_tokens_per_run=3_000)
    result = run.analyse("acme", D3, D5, raise_on_error=False)
    assert not result.success
    failure = result.get_step_failure_events()[0].step_failure_data.error
    assert failure is not None
    assert "PIXELY_MAX_TOKENS_PER_RUN=3000" in failure.message
    assert fake.requests == 0
    assert run.rows("acme") == []


def test_openai_without_a_key_fails_with_one_line(pipeline: Pipeline) -> None:
    run = OpenAIPipeline(
        instance=pipeline.instance,
        engine=pipeline.engine,
        database_url=pipeline.database_url,
        root=pipeline.root,
        analyzer=AnalyzerResource(analyzer="openai"),
    )
    run.create_ficha("acme", standard_dataset())
    run.snapshot("acme")
    result = run.analyse("acme", D3, D5, raise_on_error=False)
    failure = result.get_step_failure_events()[0].step_failure_data.error
    assert failure is not None
    assert "PIXELY_ANALYZER=openai: the openai analyzer needs OPENAI_API_KEY" in failure.message
    assert run.rows("acme") == []


def test_the_resource_reads_the_key_from_an_env_var(
    pipeline: Pipeline, fake: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PIXELY_TEST_OPENAI_KEY", "sk-from-env")
    run = openai_pipeline(pipeline, fake)
    run.analyzer = AnalyzerResource(
        analyzer="openai",
        openai_api_key=dg.EnvVar("PIXELY_TEST_OPENAI_KEY"),
        openai_base_url=fake.base_url,
    )
    run.analyse("acme", D3, D3)
    assert fake.requests == 1
    assert fake.authorizations == ["Bearer sk-from-env"]
