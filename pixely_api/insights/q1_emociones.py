"""Q1 · Emociones: Plutchik's eight emotions in the audience's comments.

Stored: per post, the sum of each emotion's 0..1 intensity and how many comments each
emotion dominates; per platform, the most intense example comments of each emotion.
Means, the dominant emotion and the summary are recomputed from those numbers.
"""

from collections.abc import Hashable
from functools import cached_property
from typing import Any, ClassVar

from pydantic import Field, computed_field

from pixely_api.insights.evidence import Cita
from pixely_api.insights.labels import EMOTIONS, Emotion, Platform
from pixely_api.insights.merging import argmax, fuse, mean_dict, sum_dicts
from pixely_api.insights.result import ModuleResult, PostPart
from pixely_api.insights.text import decimal, plural, with_article

NEGATIVE_EMOTIONS: tuple[Emotion, ...] = ("miedo", "disgusto", "ira", "tristeza")
NOTABLE_INTENSITY = 0.10
"""A secondary or negative emotion is named in the summary from this mean intensity."""


class Q1Post(PostPart):
    """Emotions in one post's comments."""

    suma_intensidades: dict[Emotion, float] = Field(
        default_factory=dict,
        description="Por emoción, suma de la intensidad 0..1 de cada comentario.",
    )
    comentarios_por_emocion: dict[Emotion, int] = Field(
        default_factory=dict, description="Comentarios cuya emoción dominante es cada emoción."
    )
    comentarios_sin_emocion: int = Field(
        default=0, ge=0, description="Comentarios sin ninguna emoción expresada."
    )

    @computed_field(description="Intensidad media por comentario de cada emoción (0..1).")
    @property
    def intensidades(self) -> dict[Emotion, float]:
        return mean_dict(self.suma_intensidades, self.num_comentarios)

    @computed_field(description="Emoción de mayor intensidad media; null si no hay ninguna.")
    @property
    def emocion_dominante(self) -> Emotion | None:
        return argmax(self.intensidades, EMOTIONS)


class EjemploEmocion(Cita):
    """One of the most intense comments for an emotion (its score is the intensity)."""

    LIMIT: ClassVar[int | None] = 3

    emocion: Emotion = Field(description="Emoción que ejemplifica.")

    @property
    def key(self) -> Hashable:
        return (self.emocion, self.post_url, self.autor, self.texto)

    @property
    def rank(self) -> tuple[Any, ...]:
        return (EMOTIONS.index(self.emocion), *super().rank)

    @property
    def group(self) -> Hashable:
        return self.emocion


class Q1Result(ModuleResult):
    """Q1 for a set of rows: per post, per platform, and the global view."""

    publicaciones: list[Q1Post] = Field(
        default_factory=list, description="Emociones por publicación, ordenadas por post_url."
    )
    ejemplos_por_plataforma: dict[Platform, list[EjemploEmocion]] = Field(
        default_factory=dict,
        description="Por plataforma, hasta 3 comentarios más intensos de cada emoción.",
    )

    @computed_field(description="Suma global de intensidades por emoción.")
    @cached_property
    def suma_intensidades(self) -> dict[Emotion, float]:
        return _ordered(sum_dicts(p.suma_intensidades for p in self.publicaciones))

    @computed_field(description="Intensidad media global por emoción (0..1).")
    @cached_property
    def intensidades(self) -> dict[Emotion, float]:
        return mean_dict(self.suma_intensidades, self.num_comentarios)

    @computed_field(description="Emoción de mayor intensidad media global; null si no hay.")
    @cached_property
    def emocion_dominante(self) -> Emotion | None:
        return argmax(self.intensidades, EMOTIONS)

    @computed_field(description="Comentarios por emoción dominante, en todo el conjunto.")
    @cached_property
    def comentarios_por_emocion(self) -> dict[Emotion, int]:
        return _ordered(sum_dicts(p.comentarios_por_emocion for p in self.publicaciones))

    @computed_field(description="Hasta 3 ejemplos por emoción, de todas las plataformas.")
    @cached_property
    def ejemplos(self) -> list[EjemploEmocion]:
        return fuse(self.ejemplos_por_plataforma.values())

    @computed_field(description="Resumen breve, recalculado a partir de las cifras fusionadas.")
    @cached_property
    def resumen(self) -> str:
        return summarize_emotions(self.intensidades, self.num_comentarios, self.num_publicaciones)


def _ordered(values: dict[Emotion, Any]) -> dict[Emotion, Any]:
    """Every emotion, in Plutchik's order, zero where absent."""
    return {e: values.get(e, 0) for e in EMOTIONS}


def summarize_emotions(intensities: dict[Emotion, float], comments: int, posts: int) -> str:
    """Q1's short summary: dominant emotion, runner-up and the strongest negative one."""
    if comments == 0:
        return "Sin comentarios en el periodo seleccionado."
    scope = (
        f"{plural(comments, 'comentario', 'comentarios')} "
        f"de {plural(posts, 'publicación', 'publicaciones')}"
    )
    ranked = sorted(
        (e for e in EMOTIONS if intensities.get(e, 0.0) > 0),
        key=lambda e: (-intensities[e], EMOTIONS.index(e)),
    )
    if not ranked:
        return f"Los {scope} no expresan emociones marcadas."
    mentioned = ranked[:1]
    text = f"En {scope} predomina {_named(ranked[0], intensities)}"
    if len(ranked) > 1 and intensities[ranked[1]] >= NOTABLE_INTENSITY:
        mentioned.append(ranked[1])
        text += f", seguida de {with_article(ranked[1])} ({decimal(intensities[ranked[1]])})"
    text += "."
    negative = [e for e in ranked if e in NEGATIVE_EMOTIONS and e not in mentioned]
    if negative and intensities[negative[0]] >= NOTABLE_INTENSITY:
        text += f" Entre las emociones negativas destaca {_named(negative[0], intensities)}."
    return text


def _named(emotion: Emotion, intensities: dict[Emotion, float]) -> str:
    return f"{with_article(emotion)} (intensidad media {decimal(intensities[emotion])})"
