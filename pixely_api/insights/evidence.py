"""Verbatim comments kept as examples and as evidence for a figure or a recommendation."""

from collections.abc import Hashable, Sequence
from typing import Any, ClassVar, Self

from pydantic import Field

from pixely_api.insights.merging import Fusionable

MAX_QUOTE_CHARS = 500
"""Longer comments are cut (with an ellipsis) so one comment cannot bloat a row."""


def clip(text: str) -> str:
    """The comment as quoted: trimmed, and cut at :data:`MAX_QUOTE_CHARS`."""
    text = text.strip()
    return text if len(text) <= MAX_QUOTE_CHARS else text[: MAX_QUOTE_CHARS - 1] + "…"


class Cita(Fusionable):
    """A comment quoted word for word, with why it was chosen (its score)."""

    LIMIT: ClassVar[int | None] = 3

    texto: str = Field(description="El comentario, literal (recortado a 500 caracteres).")
    autor: str = Field(description="Usuario que lo escribió (sin '@').")
    post_url: str = Field(description="Publicación en la que se escribió.")
    puntuacion: float = Field(
        description="Por qué se eligió (intensidad, polaridad…); mayor = más representativo."
    )

    @property
    def key(self) -> Hashable:
        return (self.post_url, self.autor, self.texto)

    @property
    def rank(self) -> tuple[Any, ...]:
        return (-self.puntuacion, self.texto, self.autor, self.post_url)

    @classmethod
    def combine(cls, items: Sequence[Self]) -> Self:
        return min(items, key=lambda item: item.rank)
