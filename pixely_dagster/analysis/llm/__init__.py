"""The OpenAI analyzer: one batched, structured, cached annotation pass per partition."""

from pixely_dagster.analysis.llm.annotator import (
    LlmBudgetExceededError,
    LlmUnavailableError,
    LlmUsage,
    OpenAIAnnotator,
)
from pixely_dagster.analysis.llm.prompt import PROMPT_VERSION

__all__ = [
    "PROMPT_VERSION",
    "LlmBudgetExceededError",
    "LlmUnavailableError",
    "LlmUsage",
    "OpenAIAnnotator",
]
