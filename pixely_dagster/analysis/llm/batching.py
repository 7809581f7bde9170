"""Batches sized by a token budget, not a fixed count.

A batch closes when its comments would pass the input budget or their expected answer
would pass the output budget, so fifty one-word comments share a request while a few
long ones do not overflow the model's answer.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from pixely_dagster.analysis.llm.prompt import COMPLETION_TOKENS_PER_COMMENT, estimate_tokens

MAX_COMMENT_CHARS = 2000


@dataclass(frozen=True)
class BatchBudget:
    """Token limits of one request."""

    input_tokens: int = 3000
    output_tokens: int = 6000

    def __post_init__(self) -> None:
        if self.input_tokens < 1 or self.output_tokens < COMPLETION_TOKENS_PER_COMMENT:
            raise ValueError(
                f"batch budget too small: input {self.input_tokens}, output "
                f"{self.output_tokens} (at least {COMPLETION_TOKENS_PER_COMMENT} per comment)"
            )


def clip(text: str) -> str:
    """A comment as sent: at most :data:`MAX_COMMENT_CHARS` characters."""
    return text[:MAX_COMMENT_CHARS]


def comment_tokens(text: str) -> int:
    """Estimated prompt tokens of one comment line (text plus its id wrapper)."""
    return estimate_tokens(clip(text)) + 8


def batches(indices: Sequence[int], texts: Sequence[str], budget: BatchBudget) -> list[list[int]]:
    """Split ``indices`` (positions in ``texts``) into batches within ``budget``.

    Every batch holds at least one comment; order is kept.
    """
    result: list[list[int]] = []
    current: list[int] = []
    used = 0
    for index in indices:
        cost = comment_tokens(texts[index])
        over_input = used + cost > budget.input_tokens
        over_output = (len(current) + 1) * COMPLETION_TOKENS_PER_COMMENT > budget.output_tokens
        if current and (over_input or over_output):
            result.append(current)
            current, used = [], 0
        current.append(index)
        used += cost
    if current:
        result.append(current)
    return result


def halves(batch: Sequence[int]) -> list[list[int]]:
    """A failed batch asked again in smaller batches: two halves (one item stays one)."""
    if len(batch) <= 1:
        return [list(batch)]
    middle = (len(batch) + 1) // 2
    return [list(batch[:middle]), list(batch[middle:])]
