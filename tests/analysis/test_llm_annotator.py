"""The OpenAI annotator against a real loopback server through the real ``openai`` client."""

import socket
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from pixely_api.insights.context import BrandContext
from pixely_api.models import LlmCacheEntry
from pixely_dagster.analysis.llm import (
    PROMPT_VERSION,
    LlmBudgetExceededError,
    LlmUnavailableError,
    LlmUsage,
    OpenAIAnnotator,
)
from pixely_dagster.analysis.llm.annotator import FALLBACK, is_reasoning_model
from pixely_dagster.analysis.llm.batching import BatchBudget, batches
from pixely_dagster.analysis.llm.pricing import estimate_cost, price_for
from pixely_dagster.analysis.offline import OfflineAnnotator
from tests.support.fake_openai import FakeOpenAI, fake_openai, reading_for

CONTEXT = BrandContext(
    brand_name="Cafe Aurora",
    industry="cafeteria",
    tone_of_voice="cercano",
    competitors=("Cafe Sol",),
    brand_handles=("cafeaurora",),
)
OFFLINE = OfflineAnnotator()
# 25 comments per request: the output budget allows 25 readings of 150 tokens.
SMALL_BATCHES = BatchBudget(input_tokens=100_000, output_tokens=25 * 150)


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    with fake_openai() as server:
        yield server


def make(fake: FakeOpenAI, **options: object) -> OpenAIAnnotator:
    settings: dict[str, object] = {
        "api_key": "sk-test",
        "base_url": fake.base_url,
        "fallback": OFFLINE,
        "batch_budget": SMALL_BATCHES,
    }
    settings.update(options)
    return OpenAIAnnotator(**settings)  # type: ignore[arg-type]


def comments(n: int, word: str = "bueno") -> list[str]:
    return [f"comentario numero {i}: el cafe es {word}" for i in range(n)]


def test_n_comments_cost_one_request_per_batch(fake: FakeOpenAI) -> None:
    annotator = make(fake)
    annotations = annotator.annotate(comments(200), CONTEXT)
    assert len(annotations) == 200
    assert fake.requests == annotator.usage.requests == 8  # 200 / 25
    assert fake.comments == 200
    assert annotator.usage.prompt_tokens == fake.prompt_tokens
    assert annotator.usage.completion_tokens == fake.completion_tokens
    assert all(a.annotator == "openai" for a in annotations)
    assert annotations[0].sentiment == reading_for(comments(1)[0])["sentiment"] == "positive"


def test_empty_input_makes_no_request(fake: FakeOpenAI) -> None:
    annotator = make(fake)
    assert annotator.annotate([], CONTEXT) == []
    assert fake.requests == 0
    assert annotator.usage == LlmUsage()


def test_identical_comments_are_sent_once(fake: FakeOpenAI) -> None:
    annotator = make(fake)
    annotations = annotator.annotate(["precio?", "precio?", "gracias"], CONTEXT)
    assert fake.comments == 2
    assert annotations[0] == annotations[1]
    assert annotations[0].is_request


def test_prompt_carries_brand_context_and_label_definitions(fake: FakeOpenAI) -> None:
    make(fake).annotate(["hola @cafeaurora"], CONTEXT)
    system = fake.bodies[0]["messages"][0]["content"]
    for expected in ("Cafe Aurora", "cafeteria", "cercano", "Cafe Sol", "@cafeaurora"):
        assert expected in system
    for label in ("alegria", "sinceridad", "aspiracional", "purchase_intent"):
        assert label in system
    assert fake.bodies[0]["response_format"]["type"] == "json_schema"


@pytest.mark.parametrize("model", ["gpt-5-nano", "gpt-4o-mini"])
def test_reasoning_and_plain_models_get_their_own_parameters(fake: FakeOpenAI, model: str) -> None:
    annotator = make(fake, model=model)
    annotation = annotator.annotate(["me encanta"], CONTEXT)[0]
    assert annotation.sentiment == "positive"
    body = fake.bodies[0]
    assert body["model"] == model
    assert ("temperature" in body) is not is_reasoning_model(model)
    assert ("reasoning_effort" in body) is is_reasoning_model(model)


def test_cache_hit_makes_no_request(fake: FakeOpenAI, engine: Engine) -> None:
    texts = comments(30)
    first = make(fake, engine=engine).annotate(texts, CONTEXT)
    requests_after_first = fake.requests
    again = make(fake, engine=engine)
    assert again.annotate(texts, CONTEXT) == first
    assert fake.requests == requests_after_first == 2
    assert again.usage.requests == 0
    assert again.usage.cache_hits == 30
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(LlmCacheEntry)) == 30


def test_cache_key_holds_model_and_brand(fake: FakeOpenAI, engine: Engine) -> None:
    make(fake, engine=engine).annotate(["hola"], CONTEXT)
    make(fake, engine=engine, model="gpt-4o-mini").annotate(["hola"], CONTEXT)
    make(fake, engine=engine).annotate(["hola"], BrandContext(brand_name="Otra"))
    assert fake.requests == 3


def test_answers_before_a_failure_are_not_paid_again(fake: FakeOpenAI, engine: Engine) -> None:
    texts = comments(50)
    fake.then("ok", *["unauthorized"])
    with pytest.raises(LlmUnavailableError):
        make(fake, engine=engine).annotate(texts, CONTEXT)
    retry = make(fake, engine=engine)
    retry.annotate(texts, CONTEXT)
    assert retry.usage.cache_hits == 25
    assert retry.usage.requests == 1
    assert fake.comments == 50


def test_omitted_comment_is_asked_again_alone(fake: FakeOpenAI) -> None:
    fake.then("drop_last")
    annotator = make(fake)
    annotations = annotator.annotate(comments(10), CONTEXT)
    assert fake.requests == 2
    assert len(fake.bodies[1]["messages"][1]["content"].splitlines()) == 2  # header + 1
    assert annotator.usage.retried == 1
    assert annotator.usage.fallbacks == 0
    assert all(a.annotator == "openai" for a in annotations)


def test_comment_omitted_twice_is_read_offline_and_flagged(fake: FakeOpenAI) -> None:
    fake.then("drop_last", "drop_last")
    texts = comments(10, word="pesimo")
    annotator = make(fake)
    annotations = annotator.annotate(texts, CONTEXT)
    assert annotator.usage.fallbacks == 1
    assert annotations[-1].annotator == FALLBACK
    assert annotations[-1] == OFFLINE.annotate([texts[-1]], CONTEXT)[0].model_copy(
        update={"annotator": FALLBACK}
    )
    assert [a.annotator for a in annotations[:-1]] == ["openai"] * 9


def test_malformed_batch_is_split_and_asked_again(fake: FakeOpenAI) -> None:
    fake.then("malformed", "malformed")
    annotator = make(fake)
    annotations = annotator.annotate(comments(10), CONTEXT)
    assert fake.requests == 3  # the batch, then its two halves
    assert [a.annotator for a in annotations] == [FALLBACK] * 5 + ["openai"] * 5
    assert annotator.usage.retried == 10
    assert annotator.usage.fallbacks == 5
    assert annotator.usage.requests == 3


def test_answer_cut_at_the_token_limit_is_asked_again(fake: FakeOpenAI) -> None:
    fake.then("cut_off")
    annotator = make(fake)
    annotations = annotator.annotate(comments(4), CONTEXT)
    assert fake.requests == 3
    assert [a.annotator for a in annotations] == ["openai"] * 4
    assert fake.bodies[0]["max_completion_tokens"] == 2 * SMALL_BATCHES.output_tokens


def test_a_body_that_is_not_json_is_asked_again(fake: FakeOpenAI) -> None:
    fake.then("html")
    annotator = make(fake)
    annotations = annotator.annotate(comments(4), CONTEXT)
    assert fake.requests == 3
    assert [a.annotator for a in annotations] == ["openai"] * 4
    assert annotator.usage.requests == 3


def test_refusal_falls_back_without_failing(fake: FakeOpenAI) -> None:
    fake.then("refuse", "refuse")
    annotator = make(fake)
    annotation = annotator.annotate(["algo delicado"], CONTEXT)[0]
    assert fake.requests == 2
    assert annotation.annotator == FALLBACK
    assert annotator.usage.fallbacks == 1


@pytest.mark.parametrize("behaviour", ["rate_limit", "server_error"])
def test_transient_errors_are_retried_by_the_sdk(fake: FakeOpenAI, behaviour: str) -> None:
    fake.then(behaviour, behaviour)
    annotator = make(fake)
    annotation = annotator.annotate(["me encanta"], CONTEXT)[0]
    assert annotation.annotator == "openai"
    assert fake.requests == 3
    assert annotator.usage.requests == 1


def test_retry_after_seconds_is_honoured(fake: FakeOpenAI) -> None:
    fake.then("rate_limit_seconds")
    assert make(fake).annotate(["hola"], CONTEXT)[0].annotator == "openai"
    assert fake.requests == 2


def test_api_down_after_retries_raises_one_clear_error(fake: FakeOpenAI) -> None:
    fake.then(*["server_error"] * 4)
    with pytest.raises(LlmUnavailableError) as failure:
        make(fake).annotate(["hola"], CONTEXT)
    assert str(failure.value).startswith("OpenAI API failed after 3 retries: InternalServerError")
    assert "\n" not in str(failure.value)
    assert fake.requests == 4


def test_wrong_key_fails_at_once(fake: FakeOpenAI) -> None:
    fake.then("unauthorized")
    with pytest.raises(LlmUnavailableError, match=r"refused the request \(401\)"):
        make(fake).annotate(["hola"], CONTEXT)
    assert fake.requests == 1


def test_unreachable_server_raises_after_retries() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    annotator = OpenAIAnnotator(
        api_key="sk-test", base_url=f"http://127.0.0.1:{port}/v1", fallback=OFFLINE, max_retries=1
    )
    with pytest.raises(LlmUnavailableError, match="failed after 1 retries: APIConnectionError"):
        annotator.annotate(["hola"], CONTEXT)


def test_hang_past_timeout_is_retried(fake: FakeOpenAI) -> None:
    fake.then("hang")
    annotator = make(fake, timeout_seconds=0.3)
    assert annotator.annotate(["hola"], CONTEXT)[0].annotator == "openai"
    assert fake.requests == 2


def test_hang_every_time_raises_timeout(fake: FakeOpenAI) -> None:
    fake.then("hang", "hang")
    with pytest.raises(LlmUnavailableError, match="after 1 retries: APITimeoutError"):
        make(fake, timeout_seconds=0.3, max_retries=1).annotate(["hola"], CONTEXT)
    assert fake.requests == 2


def test_budget_stops_before_any_request(fake: FakeOpenAI) -> None:
    annotator = make(fake, max_tokens_per_run=2_000)
    with pytest.raises(
        LlmBudgetExceededError, match="PIXELY_MAX_TOKENS_PER_RUN=2000; nothing sent"
    ):
        annotator.annotate(comments(100), CONTEXT)
    assert fake.requests == 0


def test_budget_covers_the_whole_run(fake: FakeOpenAI) -> None:
    annotator = make(fake, max_tokens_per_run=4_000)
    annotator.annotate(["hola"], CONTEXT)
    used = annotator.usage.total_tokens
    assert 0 < used < 4_000
    with pytest.raises(LlmBudgetExceededError):
        annotator.annotate(comments(20), CONTEXT)
    assert fake.requests == 1
    assert annotator.usage.total_tokens == used


def test_planned_tokens_count_only_what_is_not_cached(fake: FakeOpenAI, engine: Engine) -> None:
    annotator = make(fake, engine=engine, max_tokens_per_run=1_000_000)
    texts = comments(30)
    planned = annotator.planned_tokens(texts, CONTEXT)
    assert planned > 30 * 150
    annotator.annotate(texts[:10], CONTEXT)
    assert 0 < annotator.planned_tokens(texts, CONTEXT) < planned
    assert annotator.planned_tokens(texts[:10], CONTEXT) == 0
    annotator.ensure_within_budget(planned)
    with pytest.raises(LlmBudgetExceededError):
        annotator.ensure_within_budget(1_000_000)


def test_cost_follows_the_price_table(fake: FakeOpenAI) -> None:
    annotator = make(fake, model="gpt-5-nano")
    before = annotator.usage.copy()
    annotator.annotate(comments(40), CONTEXT)
    spent = annotator.usage - before
    expected = (fake.prompt_tokens * 0.05 + fake.completion_tokens * 0.40) / 1_000_000
    assert spent.estimated_cost_usd == pytest.approx(expected)
    assert spent.requests == 2


def test_price_table() -> None:
    assert estimate_cost("gpt-5-nano", 1_000_000, 1_000_000) == pytest.approx(0.45)
    assert estimate_cost("gpt-5-mini", 1_000_000, 0) == pytest.approx(0.25)
    assert estimate_cost("gpt-4o-mini", 0, 1_000_000) == pytest.approx(0.60)
    assert price_for("gpt-4o-mini-2024-07-18") == price_for("gpt-4o-mini")
    assert price_for("gpt-4o-mini") != price_for("gpt-4o")
    assert estimate_cost("llama3", 1_000, 1_000) == 0.0


def test_batches_follow_the_token_budget() -> None:
    short = ["si"] * 40
    long = ["palabra " * 200] * 40
    budget = BatchBudget(input_tokens=2_000, output_tokens=20 * 150)
    assert [len(b) for b in batches(range(40), short, budget)] == [20, 20]
    # 1,600 characters are ~408 tokens with the id wrapper: four fit in 2,000 tokens.
    assert [len(b) for b in batches(range(40), long, budget)] == [4] * 10
    assert sum(len(b) for b in batches(range(40), long, budget)) == 40


def test_version_names_the_prompt(fake: FakeOpenAI) -> None:
    annotator = make(fake, model="gpt-4o-mini")
    assert (annotator.name, annotator.model, annotator.version) == (
        "openai",
        "gpt-4o-mini",
        PROMPT_VERSION,
    )
