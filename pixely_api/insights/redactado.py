"""What Q6 opportunities and Q9 recommendations share: a title that is their merge key,
who wrote their text, and the quote their rule-made text ends with."""

from collections.abc import Hashable, Sequence
from typing import Literal

from pydantic import Field

from pixely_api.insights.evidence import Cita
from pixely_api.insights.merging import Fusionable
from pixely_api.insights.text import quoted

Origen = Literal["reglas", "llm"]


class ItemRedactado(Fusionable):
    """An entry combined across rows by its title; rule-made text is re-rendered after a
    merge, a model's text (``origen = "llm"``) is kept from the heaviest row."""

    titulo: str = Field(description="Título breve y específico (clave de la fusión).")
    origen: Origen = Field(default="reglas", description="Quién redactó el texto: reglas o LLM.")

    @property
    def key(self) -> Hashable:
        return self.titulo


def example_suffix(evidencia: Sequence[Cita]) -> str:
    """`` Ejemplo: «…» (@autor).`` for the first quote, so every claim shows one; empty
    without quotes."""
    if not evidencia:
        return ""
    return f" Ejemplo: {quoted(evidencia[0].texto)} (@{evidencia[0].autor})."
