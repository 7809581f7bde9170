"""Prices per million tokens (USD) and the cost estimate shown on every run.

Dated snapshots (``gpt-4o-mini-2024-07-18``) take the price of their family by the
longest matching prefix; a model missing from the table costs 0.0 and says so.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Price:
    """USD per one million prompt (input) and completion (output) tokens."""

    input_per_million: float
    output_per_million: float


PRICES: dict[str, Price] = {
    "gpt-5-nano": Price(0.05, 0.40),
    "gpt-5-mini": Price(0.25, 2.00),
    "gpt-5": Price(1.25, 10.00),
    "gpt-4.1-nano": Price(0.10, 0.40),
    "gpt-4.1-mini": Price(0.40, 1.60),
    "gpt-4o-mini": Price(0.15, 0.60),
    "gpt-4o": Price(2.50, 10.00),
}


def price_for(model: str, prices: dict[str, Price] | None = None) -> Price | None:
    """The table's price for ``model`` (longest prefix match), or None when unknown."""
    table = PRICES if prices is None else prices
    matches = [name for name in table if model == name or model.startswith(f"{name}-")]
    if not matches:
        return None
    return table[max(matches, key=len)]


def estimate_cost(
    model: str,
    prompt_tokens: int,
    completion_tokens: int,
    prices: dict[str, Price] | None = None,
) -> float:
    """Estimated USD for the tokens; 0.0 for a model the table does not know."""
    price = price_for(model, prices)
    if price is None:
        return 0.0
    return (
        prompt_tokens * price.input_per_million + completion_tokens * price.output_per_million
    ) / 1_000_000
