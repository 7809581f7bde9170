"""The OpenAI annotator: each comment sent at most once, in token-budgeted batches.

One structured request per batch serves all ten modules (the model answers the same
:class:`~pixely_dagster.analysis.annotation.Annotation` the offline rules give). What
the model omits, garbles or refuses is asked again once in a smaller batch and then
read by the offline annotator and flagged, so one bad batch never fails a partition.
An API that stays down after the SDK's retries fails the call with one clear error.
"""

import logging
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any, NoReturn

import openai
import pydantic
from openai import OpenAI
from sqlalchemy import Engine

from pixely_api.insights.context import BrandContext
from pixely_api.insights.labels import AAKER_DIMENSIONS, EMOTIONS
from pixely_dagster.analysis.annotation import (
    AakerScores,
    Annotation,
    Annotator,
    EmotionScores,
)
from pixely_dagster.analysis.llm import prompt
from pixely_dagster.analysis.llm.batching import BatchBudget, batches, clip, comment_tokens, halves
from pixely_dagster.analysis.llm.cache import ResponseCache, cache_key
from pixely_dagster.analysis.llm.pricing import Price, estimate_cost

FALLBACK = "offline-fallback"
ANSWERED = "openai"
_MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?)")
_REASONING_PREFIXES = ("gpt-5", "o1", "o3", "o4")
_RETRIED_STATUSES = (408, 409, 429)
_log = logging.getLogger(__name__)


class LlmUnavailableError(RuntimeError):
    """The API could not answer a batch after the SDK's retries (network, auth, quota)."""


class LlmBudgetExceededError(RuntimeError):
    """The next request would take the run past its token budget; nothing was sent."""


@dataclass
class LlmUsage:
    """What the annotator asked of the API; read it after :meth:`OpenAIAnnotator.annotate`."""

    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cache_hits: int = 0
    retried: int = 0
    fallbacks: int = 0
    estimated_cost_usd: float = 0.0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def copy(self) -> "LlmUsage":
        return LlmUsage(**asdict(self))

    def __add__(self, other: "LlmUsage") -> "LlmUsage":
        return LlmUsage(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    def __sub__(self, earlier: "LlmUsage") -> "LlmUsage":
        """The usage between a snapshot ``earlier`` and now (one partition's share)."""
        return LlmUsage(
            **{f.name: getattr(self, f.name) - getattr(earlier, f.name) for f in fields(self)}
        )


def is_reasoning_model(model: str) -> bool:
    """Reasoning models (gpt-5, o-series) take no temperature and think before answering."""
    return model.split("/")[-1].startswith(_REASONING_PREFIXES)


def _dominant(scores: dict[str, float], names: Sequence[str]) -> str | None:
    best = max(names, key=lambda name: scores[name])
    return best if scores[best] > 0 else None


def reading_to_annotation(reading: dict[str, Any], text: str) -> Annotation:
    """A cached or fresh model reading as an :class:`Annotation` (mentions from the text)."""
    emotions = {name: round(float(reading["emotions"][name]), 4) for name in EMOTIONS}
    aaker = {name: round(float(reading["aaker"][name]), 4) for name in AAKER_DIMENSIONS}
    topics = tuple(dict.fromkeys(t.strip().lower() for t in reading["topics"] if t.strip()))
    return Annotation(
        language=reading["language"],
        sentiment=reading["sentiment"],
        polarity=round(reading["polarity"], 4),
        subjectivity=round(reading["subjectivity"], 4),
        emotions=EmotionScores(**emotions),
        dominant_emotion=_dominant(emotions, EMOTIONS),
        aaker=AakerScores(**aaker),
        dominant_aaker=_dominant(aaker, AAKER_DIMENSIONS),
        topics=topics[:5],
        frame=reading["frame"],
        stance=round(reading["stance"], 4),
        expertise=round(reading["expertise"], 4),
        mentions=tuple(dict.fromkeys(m.lower() for m in _MENTION.findall(text))),
        is_request=reading["is_request"],
        is_complaint=reading["is_complaint"],
        purchase_intent=reading["purchase_intent"],
        crisis=reading["crisis"],
        sarcasm=reading["sarcasm"],
        annotator=ANSWERED,
    )


class OpenAIAnnotator:
    """:class:`~pixely_dagster.analysis.annotation.Annotator` backed by an OpenAI-compatible API.

    Usage counters accumulate over the instance's life (one run); the token budget
    ``max_tokens_per_run`` applies to that total.
    """

    name = "openai"
    version = prompt.PROMPT_VERSION

    def __init__(
        self,
        *,
        api_key: str,
        fallback: Annotator,
        model: str = "gpt-5-nano",
        base_url: str | None = None,
        timeout_seconds: float = 120.0,
        max_retries: int = 3,
        engine: Engine | None = None,
        max_tokens_per_run: int | None = None,
        batch_budget: BatchBudget | None = None,
        prices: dict[str, Price] | None = None,
        reasoning_effort: str = "minimal",
    ) -> None:
        if not api_key:
            raise ValueError("OPENAI_API_KEY is empty: the openai analyzer needs a key")
        self.model = model
        self.max_retries = max_retries
        self.max_tokens_per_run = max_tokens_per_run
        self.usage = LlmUsage()
        self._last_prompt = self._last_completion = 0
        self._fallback = fallback
        self._budget = batch_budget or BatchBudget()
        self._prices = prices
        self._reasoning_effort = reasoning_effort
        self._cache = ResponseCache(engine) if engine is not None else None
        self._client = OpenAI(
            api_key=api_key, base_url=base_url, timeout=timeout_seconds, max_retries=max_retries
        )

    def annotate(self, texts: Sequence[str], context: BrandContext) -> list[Annotation]:
        """One annotation per text, in order; identical texts are read once.

        Raises :class:`LlmUnavailableError` or :class:`LlmBudgetExceededError`; what was
        answered before either is already cached, so a re-run does not pay for it again.
        """
        sent = [clip(t if isinstance(t, str) else repr(t)) for t in texts]
        unique = list(dict.fromkeys(sent))
        if not unique:
            return []
        read: dict[str, Annotation] = {}
        keys = {text: cache_key(self.model, self.version, context, text) for text in unique}
        if self._cache is not None:
            stored = self._cache.get_many(keys.values())
            for text in unique:
                if keys[text] in stored:
                    read[text] = reading_to_annotation(stored[keys[text]], text)
            self.usage.cache_hits += len(read)
        pending = [text for text in unique if text not in read]
        plan = batches(range(len(pending)), pending, self._budget)
        self._check_budget(sum(self._estimate(context, [pending[i] for i in b]) for b in plan))
        for batch in plan:
            texts_of_batch = [pending[i] for i in batch]
            missed = self._ask(context, texts_of_batch, keys, read)
            if not missed:
                continue
            self.usage.retried += len(missed)
            smaller = [missed] if len(missed) < len(texts_of_batch) else self._halves(missed)
            still: list[str] = []
            for part in smaller:
                still.extend(self._ask(context, part, keys, read))
            self._fall_back(context, still, read)
        return [read[text] for text in sent]

    def planned_tokens(self, texts: Sequence[str], context: BrandContext) -> int:
        """Estimated tokens :meth:`annotate` would spend on ``texts`` (cached ones cost 0).

        Lets a caller holding several partitions check the whole run against the budget
        before it analyses any of them.
        """
        unique = list(dict.fromkeys(clip(t if isinstance(t, str) else repr(t)) for t in texts))
        if self._cache is not None and unique:
            keys = {text: cache_key(self.model, self.version, context, text) for text in unique}
            stored = self._cache.get_many(keys.values())
            unique = [text for text in unique if keys[text] not in stored]
        plan = batches(range(len(unique)), unique, self._budget)
        return sum(self._estimate(context, [unique[i] for i in batch]) for batch in plan)

    def ensure_within_budget(self, tokens: int) -> None:
        """Raise :class:`LlmBudgetExceededError` if ``tokens`` more would pass the budget."""
        self._check_budget(tokens)

    @staticmethod
    def _halves(texts: list[str]) -> list[list[str]]:
        return [[texts[i] for i in part] for part in halves(range(len(texts)))]

    def _estimate(self, context: BrandContext, texts: Sequence[str]) -> int:
        """Tokens one request for ``texts`` is expected to cost (prompt and answer)."""
        system = prompt.estimate_tokens(prompt.system_prompt(context)) + prompt.SCHEMA_TOKENS
        comments = sum(comment_tokens(t) for t in texts)
        return system + comments + len(texts) * prompt.COMPLETION_TOKENS_PER_COMMENT

    def _check_budget(self, next_tokens: int) -> None:
        if self.max_tokens_per_run is None:
            return
        if self.usage.total_tokens + next_tokens > self.max_tokens_per_run:
            raise LlmBudgetExceededError(
                f"token budget exceeded: {self.usage.total_tokens} used + ~{next_tokens} "
                f"needed > PIXELY_MAX_TOKENS_PER_RUN={self.max_tokens_per_run}; nothing sent"
            )

    def _ask(
        self,
        context: BrandContext,
        texts: Sequence[str],
        keys: dict[str, str],
        read: dict[str, Annotation],
    ) -> list[str]:
        """Send one batch; keep and cache what came back well; return the texts it missed."""
        self._check_budget(self._estimate(context, texts))
        answer = self._request(context, texts)
        answered: dict[int, prompt.CommentReading] = {}
        if answer is not None:
            for item in answer.items:
                if 1 <= item.id <= len(texts):
                    answered.setdefault(item.id, item)
        entries: dict[str, dict[str, Any]] = {}
        missed: list[str] = []
        for number, text in enumerate(texts, start=1):
            item = answered.get(number)
            if item is None:
                missed.append(text)
                continue
            reading = item.model_dump(mode="json", exclude={"id"})
            read[text] = reading_to_annotation(reading, text)
            entries[keys[text]] = reading
        if self._cache is not None and entries:
            self._cache.put_many(self.model, entries, self._last_prompt, self._last_completion)
        return missed

    def _request(self, context: BrandContext, texts: Sequence[str]) -> prompt.BatchReading | None:
        """One API call; None when the answer is unusable (malformed, refused, cut off)."""
        options: dict[str, Any] = {
            "model": self.model,
            "messages": prompt.messages(context, texts),
            "response_format": prompt.BatchReading,
            "max_completion_tokens": 2 * self._budget.output_tokens,
        }
        if is_reasoning_model(self.model):
            options["reasoning_effort"] = self._reasoning_effort
        else:
            options["temperature"] = 0
        self._last_prompt = self._last_completion = 0
        try:
            raw = self._client.chat.completions.with_raw_response.parse(**options)
        except openai.APIStatusError as exc:
            retried = exc.status_code in _RETRIED_STATUSES or exc.status_code >= 500
            self._unavailable(exc, retried=retried)
        except openai.APIConnectionError as exc:
            self._unavailable(exc, retried=True)
        self.usage.requests += 1
        try:
            body = raw.http_response.json()
        except ValueError:
            body = None
        self._count(body)
        if not isinstance(body, dict):  # a 200 that is not JSON (e.g. a proxy's page)
            _log.warning("answer for %d comments is not JSON", len(texts))
            return None
        try:
            completion = raw.parse()
        except (
            openai.APIResponseValidationError,
            pydantic.ValidationError,
            openai.LengthFinishReasonError,
            openai.ContentFilterFinishReasonError,
        ) as exc:
            _log.warning("unusable answer for %d comments: %s", len(texts), type(exc).__name__)
            return None
        message = completion.choices[0].message if completion.choices else None
        if message is None or message.parsed is None:
            _log.warning("refused or empty answer for %d comments", len(texts))
            return None
        return message.parsed

    def _count(self, body: Any) -> None:
        usage = body.get("usage") if isinstance(body, dict) else None
        prompt_tokens = int((usage or {}).get("prompt_tokens") or 0)
        completion_tokens = int((usage or {}).get("completion_tokens") or 0)
        self._last_prompt, self._last_completion = prompt_tokens, completion_tokens
        self.usage.prompt_tokens += prompt_tokens
        self.usage.completion_tokens += completion_tokens
        self.usage.estimated_cost_usd += estimate_cost(
            self.model, prompt_tokens, completion_tokens, self._prices
        )

    def _unavailable(self, exc: openai.APIError, *, retried: bool) -> NoReturn:
        detail = f"{type(exc).__name__}: {exc.message}".replace("\n", " ")
        if retried:
            raise LlmUnavailableError(
                f"OpenAI API failed after {self.max_retries} retries: {detail}"
            ) from exc
        status = getattr(exc, "status_code", "?")
        raise LlmUnavailableError(f"OpenAI API refused the request ({status}): {detail}") from exc

    def _fall_back(
        self, context: BrandContext, texts: Sequence[str], read: dict[str, Annotation]
    ) -> None:
        """The offline reading, flagged, for what the model would not answer twice."""
        if not texts:
            return
        self.usage.fallbacks += len(texts)
        _log.warning("%d comments read by the offline annotator instead", len(texts))
        for text, annotation in zip(
            texts, self._fallback.annotate(list(texts), context), strict=True
        ):
            read[text] = annotation.model_copy(update={"annotator": FALLBACK})
