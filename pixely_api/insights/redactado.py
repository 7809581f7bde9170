"""What the texts of Q6 opportunities and Q9 recommendations share: the quote they end
with, so every claim shows one comment it rests on."""

from collections.abc import Sequence

from pixely_api.insights.evidence import Cita
from pixely_api.insights.text import quoted


def example_suffix(evidencia: Sequence[Cita]) -> str:
    """`` Ejemplo: «…» (@autor).`` for the first quote; empty without quotes."""
    if not evidencia:
        return ""
    return f" Ejemplo: {quoted(evidencia[0].texto)} (@{evidencia[0].autor})."
