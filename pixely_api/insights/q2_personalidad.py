"""Q2 · Personalidad: Aaker's five brand-personality dimensions as the audience reads them.

Stored per post: the sum of each dimension's 0..1 cue over the comments, and how many
comments carry any cue. A dimension's score (0..100) is its mean over those comments:
most comments say nothing about personality, and they should not dilute the ones that
do. Dominant dimensions and the reading are recomputed from the merged sums.
"""

from functools import cached_property

from pydantic import Field, computed_field

from pixely_api.insights.labels import AAKER_DIMENSIONS, AakerDimension
from pixely_api.insights.merging import mean_dict, sum_dicts
from pixely_api.insights.result import ModuleResult, PostPart
from pixely_api.insights.text import enumerate_es, label, plural, with_article

DOMINANCE_MARGIN = 5.0
"""Dimensions within this many points of the top one are dominant too."""

ADJECTIVES: dict[AakerDimension, str] = {
    "sinceridad": "cercana y honesta",
    "emocion": "emocionante y audaz",
    "competencia": "competente y fiable",
    "sofisticacion": "sofisticada y exclusiva",
    "rudeza": "robusta y resistente",
}


class Q2Post(PostPart):
    """Personality cues in one post's comments."""

    suma_dimensiones: dict[AakerDimension, float] = Field(
        default_factory=dict, description="Por dimensión, suma de la señal 0..1 de cada comentario."
    )
    comentarios_con_senal: int = Field(
        default=0, ge=0, description="Comentarios con alguna señal de personalidad (peso)."
    )

    @computed_field(
        description="Puntuación 0..100 por dimensión (media entre comentarios con señal)."
    )
    @property
    def puntuaciones(self) -> dict[AakerDimension, float]:
        return scores(self.suma_dimensiones, self.comentarios_con_senal)

    @computed_field(
        description="Dimensiones a menos de 5 puntos de la mayor (vacío si no hay señal)."
    )
    @property
    def dimensiones_dominantes(self) -> list[AakerDimension]:
        return dominant(self.puntuaciones)


class Q2Result(ModuleResult):
    """Q2 for a set of rows."""

    publicaciones: list[Q2Post] = Field(
        default_factory=list, description="Personalidad por publicación, ordenada por post_url."
    )

    @computed_field(description="Comentarios con alguna señal de personalidad, en total.")
    @cached_property
    def comentarios_con_senal(self) -> int:
        return sum(post.comentarios_con_senal for post in self.publicaciones)

    @computed_field(description="Suma global de señales por dimensión.")
    @cached_property
    def suma_dimensiones(self) -> dict[AakerDimension, float]:
        return sum_dicts(post.suma_dimensiones for post in self.publicaciones)

    @computed_field(description="Puntuación global 0..100 por dimensión.")
    @cached_property
    def puntuaciones(self) -> dict[AakerDimension, float]:
        return scores(self.suma_dimensiones, self.comentarios_con_senal)

    @computed_field(description="Dimensiones dominantes globales.")
    @cached_property
    def dimensiones_dominantes(self) -> list[AakerDimension]:
        return dominant(self.puntuaciones)

    @computed_field(description="Lectura de 2–3 frases, recalculada a partir de las cifras.")
    @cached_property
    def lectura(self) -> str:
        return read_personality(self.puntuaciones, self.comentarios_con_senal, self.num_comentarios)


def scores(sums: dict[AakerDimension, float], weight: int) -> dict[AakerDimension, float]:
    """0..100 per dimension, every dimension present."""
    means = mean_dict(sums, weight, scale=100.0)
    return {d: means.get(d, 0.0) for d in AAKER_DIMENSIONS}


def dominant(points: dict[AakerDimension, float]) -> list[AakerDimension]:
    """The top dimension and those within :data:`DOMINANCE_MARGIN` of it."""
    top = max(points.values(), default=0.0)
    if top <= 0:
        return []
    near = [d for d in AAKER_DIMENSIONS if points[d] >= top - DOMINANCE_MARGIN]
    return sorted(near, key=lambda d: (-points[d], AAKER_DIMENSIONS.index(d)))


def read_personality(points: dict[AakerDimension, float], signalled: int, comments: int) -> str:
    """Q2's reading: how the audience sees the brand, its weakest trait, and the basis."""
    if comments == 0:
        return "Sin comentarios en el periodo seleccionado."
    if signalled == 0:
        return (
            f"Ninguno de los {plural(comments, 'comentario', 'comentarios')} contiene señales "
            "de la personalidad de la marca; no hay base para una lectura."
        )
    top = dominant(points)
    traits = enumerate_es([f"{label(d)} {points[d]:.0f}/100" for d in top])
    first = f"La audiencia percibe a la marca sobre todo como {ADJECTIVES[top[0]]} ({traits})."
    weakest = min(AAKER_DIMENSIONS, key=lambda d: (points[d], AAKER_DIMENSIONS.index(d)))
    second = (
        f" La dimensión menos presente es {with_article(weakest)} ({points[weakest]:.0f}/100)."
        if weakest not in top
        else ""
    )
    basis = (
        f" Lectura basada en {signalled} de {plural(comments, 'comentario', 'comentarios')} "
        "con señales de personalidad."
    )
    return first + second + basis
