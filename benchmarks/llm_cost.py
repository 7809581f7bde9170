"""Requests, tokens and cost of the OpenAI analyzer against the naive design it replaces.

This design: 1,000 comments through :class:`OpenAIAnnotator` to a loopback
OpenAI-compatible server (the test suite's fake, which counts tokens as characters / 4),
then the same comments again through the response cache. The naive design asks the
model once per module per comment (ten modules × 1,000 requests), each with that
module's label definitions, the brand context and one comment, and gets that module's
fields back; its tokens are counted with the fake's own rule, and a sample of its
requests is sent to the fake to show the count matches what the server bills.

Run: ``.venv/bin/python benchmarks/llm_cost.py [--comments N] [--model M]``
"""

import argparse
import functools
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from openai import OpenAI  # noqa: E402
from pydantic import BaseModel, create_model  # noqa: E402

from benchmarks.annotator_speed import CONTEXT, generate  # noqa: E402
from pixely_api.db import make_engine, upgrade_database  # noqa: E402
from pixely_dagster.analysis.llm import OpenAIAnnotator  # noqa: E402
from pixely_dagster.analysis.llm.pricing import PRICES, estimate_cost  # noqa: E402
from pixely_dagster.analysis.llm.prompt import (  # noqa: E402
    MODULE_DEFINITIONS,
    CommentReading,
    comments_block,
    system_prompt,
)
from pixely_dagster.analysis.offline import OfflineAnnotator  # noqa: E402
from tests.support.fake_openai import fake_openai, reading_for, tokens  # noqa: E402

COMMENTS = 1_000
TARGET_RATIO = 0.10
SAMPLE = 20
SECTION_FIELDS: dict[str, tuple[str, ...]] = {
    "sentiment": ("language", "sentiment", "polarity", "subjectivity", "sarcasm"),
    "emotions": ("emotions",),
    "aaker": ("aaker",),
    "topics": ("topics",),
    "frame": ("frame",),
    "stance": ("stance", "expertise"),
    "flags": ("is_request", "is_complaint", "purchase_intent", "crisis"),
}


def distinct_comments(count: int) -> list[str]:
    """``count`` different comments from the project's seeded templates."""
    seen: dict[str, None] = {}
    size = count
    while len(seen) < count:
        size *= 2
        seen = dict.fromkeys(generate(size))
    return list(seen)[:count]


def module_fields(module: str) -> tuple[str, ...]:
    names = [f for s in MODULE_DEFINITIONS[module] for f in SECTION_FIELDS[s]]
    return tuple(dict.fromkeys(names))


@functools.cache
def module_model(module: str) -> type[BaseModel]:
    """The answer shape of one module's one-comment request."""
    fields: dict[str, Any] = {
        name: (CommentReading.model_fields[name].annotation, ...) for name in module_fields(module)
    }
    return create_model(f"{module}_answer", **fields)


def naive_request(module: str, text: str) -> tuple[list[dict[str, str]], dict[str, Any]]:
    model = module_model(module)
    messages = [
        {"role": "system", "content": system_prompt(CONTEXT, MODULE_DEFINITIONS[module])},
        {"role": "user", "content": f"Comments:\n{comments_block([text])}"},
    ]
    response_format = {
        "type": "json_schema",
        "json_schema": {
            "name": model.__name__,
            "schema": model.model_json_schema(),
            "strict": True,
        },
    }
    return messages, response_format


def naive_tokens(texts: Sequence[str]) -> tuple[int, int, int]:
    """(requests, prompt tokens, completion tokens) of ten modules × one request per comment."""
    requests = prompt_tokens = completion_tokens = 0
    for module in MODULE_DEFINITIONS:
        wanted = module_fields(module)
        for text in texts:
            messages, response_format = naive_request(module, text)
            requests += 1
            prompt_tokens += tokens(json.dumps(messages)) + tokens(json.dumps(response_format))
            answer = {name: reading_for(text)[name] for name in wanted}
            completion_tokens += tokens(json.dumps(answer))
    return requests, prompt_tokens, completion_tokens


def check_naive_count(base_url: str, texts: Sequence[str]) -> tuple[int, int]:
    """Send the naive requests of ``texts`` to the fake: (our prompt count, the server's)."""
    client = OpenAI(api_key="sk-bench", base_url=base_url, max_retries=0)
    ours = billed = 0
    for module in MODULE_DEFINITIONS:
        for text in texts:
            messages, response_format = naive_request(module, text)
            ours += tokens(json.dumps(messages)) + tokens(json.dumps(response_format))
            response = client.chat.completions.create(
                model="gpt-5-nano",
                messages=messages,  # type: ignore[arg-type]
                response_format=response_format,  # type: ignore[arg-type]
            )
            billed += response.usage.prompt_tokens if response.usage else 0
    return ours, billed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=COMMENTS)
    parser.add_argument("--model", default="gpt-5-nano")
    args = parser.parse_args(argv)
    texts = distinct_comments(args.comments)
    offline = OfflineAnnotator()
    with fake_openai() as fake, tempfile.TemporaryDirectory() as home:
        url = f"sqlite:///{Path(home) / 'cache.db'}"
        upgrade_database(url)
        engine = make_engine(url)
        started = time.perf_counter()
        annotator = OpenAIAnnotator(
            api_key="sk-bench",
            base_url=fake.base_url,
            model=args.model,
            fallback=offline,
            engine=engine,
        )
        annotator.annotate(texts, CONTEXT)
        seconds = time.perf_counter() - started
        batched = annotator.usage.copy()
        again = OpenAIAnnotator(
            api_key="sk-bench",
            base_url=fake.base_url,
            model=args.model,
            fallback=offline,
            engine=engine,
        )
        again.annotate(texts, CONTEXT)
        billed_before = fake.prompt_tokens
        ours, billed = check_naive_count(fake.base_url, texts[:SAMPLE])
        assert fake.prompt_tokens - billed_before == billed
        engine.dispose()
    n_requests, n_prompt, n_completion = naive_tokens(texts)
    naive_total = n_prompt + n_completion
    ratio = batched.total_tokens / naive_total
    print(f"{len(texts):,} distinct comments, model {args.model}, fake server on loopback\n")
    print(f"{'design':<28}{'requests':>10}{'prompt tok':>13}{'completion':>12}{'total tok':>12}")
    rows = [
        (
            "batched (this design)",
            batched.requests,
            batched.prompt_tokens,
            batched.completion_tokens,
        ),
        (
            "batched, re-run (cache)",
            again.usage.requests,
            again.usage.prompt_tokens,
            again.usage.completion_tokens,
        ),
        ("naive (10 modules × 1/comm.)", n_requests, n_prompt, n_completion),
    ]
    for name, requests, prompt_tokens, completion_tokens in rows:
        total = prompt_tokens + completion_tokens
        print(f"{name:<28}{requests:>10,}{prompt_tokens:>13,}{completion_tokens:>12,}{total:>12,}")
    print(f"\nre-run cache hits: {again.usage.cache_hits:,}; fallbacks: {batched.fallbacks}")
    print(f"batched pass took {seconds:.2f} s against the loopback server")
    print(
        f"naive prompt count checked on {SAMPLE * len(MODULE_DEFINITIONS)} real requests: "
        f"counted {ours:,}, server billed {billed:,}"
    )
    print(f"\nestimated cost for {len(texts):,} comments (USD):")
    print(f"{'model':<14}{'batched':>12}{'naive':>12}")
    for model in ("gpt-5-nano", "gpt-5-mini", "gpt-4o-mini"):
        ours_cost = estimate_cost(model, batched.prompt_tokens, batched.completion_tokens)
        naive_cost = estimate_cost(model, n_prompt, n_completion)
        print(f"{model:<14}{ours_cost:>12.4f}{naive_cost:>12.4f}")
    print(
        f"\nrequests: {batched.requests / n_requests:.4f} of naive; tokens: {ratio:.3f} of naive "
        f"(target ≤ {TARGET_RATIO:.2f}): {'PASS' if ratio <= TARGET_RATIO else 'FAIL'}"
    )
    print(
        "price table (USD per 1M tokens in/out): "
        + ", ".join(f"{m} {p.input_per_million}/{p.output_per_million}" for m, p in PRICES.items())
    )
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
