"""Q4 · Marcos narrativos: how the audience frames the brand (positive, negative, aspirational).

Frame counts are stored per post and per ISO week (per platform), so shares are exact
after a merge; shares are over the comments that carry a frame. One verbatim example
per frame and platform is kept.
"""

from collections.abc import Hashable
from functools import cached_property
from typing import Any, ClassVar

from pydantic import Field, computed_field

from pixely_api.insights.evidence import Cita
from pixely_api.insights.labels import NARRATIVE_FRAMES, NarrativeFrame, Platform
from pixely_api.insights.merging import argmax, fuse, mean_dict, sum_dicts
from pixely_api.insights.result import ModuleResult, PostPart
from pixely_api.insights.weeks import WeeklyEntry


def frame_shares(counts: dict[NarrativeFrame, int]) -> dict[NarrativeFrame, float]:
    """Percentage of each frame among the framed comments (all frames present)."""
    framed = sum(counts.values())
    shares = mean_dict(counts, framed, scale=100.0)
    return {frame: shares.get(frame, 0.0) for frame in NARRATIVE_FRAMES}


class Q4Post(PostPart):
    """Frames in one post's comments."""

    marcos: dict[NarrativeFrame, int] = Field(
        default_factory=dict, description="Comentarios por marco narrativo."
    )
    sin_marco: int = Field(default=0, ge=0, description="Comentarios sin marco reconocible.")

    @computed_field(description="Porcentaje de cada marco entre los comentarios con marco.")
    @property
    def porcentajes(self) -> dict[NarrativeFrame, float]:
        return frame_shares(self.marcos)

    @computed_field(description="Marco más frecuente; null si ningún comentario tiene marco.")
    @property
    def marco_dominante(self) -> NarrativeFrame | None:
        return argmax(self.marcos, NARRATIVE_FRAMES)


class EjemploMarco(Cita):
    """The verbatim example of a frame (score: polarity strength plus subjectivity)."""

    LIMIT: ClassVar[int | None] = 1

    marco: NarrativeFrame = Field(description="Marco que ejemplifica.")

    @property
    def key(self) -> Hashable:
        return (self.marco, self.post_url, self.autor, self.texto)

    @property
    def rank(self) -> tuple[Any, ...]:
        return (NARRATIVE_FRAMES.index(self.marco), *super().rank)

    @property
    def group(self) -> Hashable:
        return self.marco


class SemanaMarcos(WeeklyEntry):
    """Frame counts of one ISO week."""

    marcos: dict[NarrativeFrame, int] = Field(
        default_factory=dict, description="Comentarios por marco narrativo en la semana."
    )
    sin_marco: int = Field(default=0, ge=0, description="Comentarios sin marco en la semana.")

    @computed_field(description="Porcentaje de cada marco entre los comentarios con marco.")
    @property
    def porcentajes(self) -> dict[NarrativeFrame, float]:
        return frame_shares(self.marcos)


class Q4Result(ModuleResult):
    """Q4 for a set of rows."""

    publicaciones: list[Q4Post] = Field(
        default_factory=list, description="Marcos por publicación, ordenados por post_url."
    )
    ejemplos_por_plataforma: dict[Platform, list[EjemploMarco]] = Field(
        default_factory=dict, description="Por plataforma, un ejemplo literal por marco."
    )
    semanas_por_plataforma: dict[Platform, list[SemanaMarcos]] = Field(
        default_factory=dict, description="Por plataforma, conteo de marcos por semana ISO."
    )

    @computed_field(description="Comentarios por marco narrativo, en total.")
    @cached_property
    def marcos(self) -> dict[NarrativeFrame, int]:
        counts = sum_dicts(post.marcos for post in self.publicaciones)
        return {frame: counts.get(frame, 0) for frame in NARRATIVE_FRAMES}

    @computed_field(description="Comentarios sin marco, en total.")
    @cached_property
    def sin_marco(self) -> int:
        return sum(post.sin_marco for post in self.publicaciones)

    @computed_field(description="Porcentaje global de cada marco entre los comentarios con marco.")
    @cached_property
    def porcentajes(self) -> dict[NarrativeFrame, float]:
        return frame_shares(self.marcos)

    @computed_field(description="Marco más frecuente en total; null si no hay ninguno.")
    @cached_property
    def marco_dominante(self) -> NarrativeFrame | None:
        return argmax(self.marcos, NARRATIVE_FRAMES)

    @computed_field(description="Un ejemplo literal por marco, de todas las plataformas.")
    @cached_property
    def ejemplos(self) -> list[EjemploMarco]:
        return fuse(self.ejemplos_por_plataforma.values())

    @computed_field(description="Evolución semanal de los marcos (todas las plataformas).")
    @cached_property
    def evolucion_semanal(self) -> list[SemanaMarcos]:
        return fuse(self.semanas_por_plataforma.values())
