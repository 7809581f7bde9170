"""The LLM cost benchmark runs end to end on a small input and meets its own target."""

import pytest

from benchmarks import llm_cost


def test_llm_cost_benchmark_on_100_comments(capsys: pytest.CaptureFixture[str]) -> None:
    assert llm_cost.main(["--comments", "100"]) == 0
    out = capsys.readouterr().out
    assert "batched, re-run (cache)              0" in out
    assert "re-run cache hits: 100" in out
    assert "PASS" in out


def test_naive_design_is_ten_requests_per_comment() -> None:
    requests, prompt_tokens, completion_tokens = llm_cost.naive_tokens(["hola", "precio?"])
    assert requests == 20
    assert prompt_tokens > 20 * completion_tokens / 2 > 0
