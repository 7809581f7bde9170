"""Q3 · Tópicos: what the audience talks about (aspects), how much and how.

A topic is an aspect (``precio``, ``entrega``, ``cold brew``), a place or one of the
ficha's competitors (``clase``); see :mod:`pixely_dagster.analysis.offline.topics`.
Every topic's counts are stored (no list is cut per day) with their polarity sums (per
post, and per platform with the most negative and most positive comment about each
topic), so relevance (0..100, the share of comments that mention the topic) and
sentiment (−1..1, the mean polarity of those comments) are exact after any merge. Q8
reuses :class:`ConteoTema` per week.
"""

from collections.abc import Hashable, Sequence
from functools import cached_property
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, computed_field

from pixely_api.insights.evidence import Cita
from pixely_api.insights.labels import ClaseTema, Platform
from pixely_api.insights.merging import Additive, fuse, percent, ratio
from pixely_api.insights.result import ModuleResult, PostPart

TOP_TOPICS = 8
"""Topics shown per post and globally (the spec asks for 5–8)."""
MIN_NEGATIVE = 3
"""The worst-rated topic rests on at least this many negative comments."""


def topic_rank(topic: str, mentions: int) -> tuple[Any, ...]:
    """Most mentioned first, then alphabetical."""
    return (-mentions, topic)


class ConteoTema(Additive):
    """How often a topic is mentioned and with which polarity."""

    tema: str = Field(description="Aspecto, con tildes («precio», «entrega», «cold brew»).")
    clase: ClaseTema = Field(
        default="aspecto", description="aspecto de la marca, lugar o competidor (de la ficha)."
    )
    menciones: int = Field(default=0, ge=0, description="Comentarios que lo mencionan.")
    suma_polaridad: float = Field(
        default=0.0, description="Suma de la polaridad −1..1 de esos comentarios."
    )
    positivos: int = Field(default=0, ge=0, description="De ellos, comentarios positivos.")
    negativos: int = Field(default=0, ge=0, description="De ellos, comentarios negativos.")

    @property
    def key(self) -> Hashable:
        return self.tema

    @property
    def rank(self) -> tuple[Any, ...]:
        return topic_rank(self.tema, self.menciones)

    @computed_field(description="Polaridad media de los comentarios que lo mencionan (−1..1).")
    @property
    def sentimiento(self) -> float:
        return ratio(self.suma_polaridad, self.menciones)


class TemaGlobal(ConteoTema):
    """A topic across a platform's posts, with one comment at each end of its polarity."""

    ejemplo_negativo: Cita | None = Field(
        default=None, description="Comentario más negativo sobre el tema (puntuación = −polaridad)."
    )
    ejemplo_positivo: Cita | None = Field(
        default=None, description="Comentario más positivo sobre el tema (puntuación = polaridad)."
    )


class TemaRelevante(BaseModel):
    """A topic as shown: relevance relative to the comments in scope."""

    model_config = ConfigDict(frozen=True)

    tema: str = Field(description="Aspecto, con tildes.")
    clase: ClaseTema = Field(default="aspecto", description="aspecto, lugar o competidor.")
    menciones: int = Field(ge=0, description="Comentarios que lo mencionan.")
    relevancia: float = Field(
        ge=0, le=100, description="Porcentaje de comentarios que lo mencionan."
    )
    sentimiento: float = Field(ge=-1, le=1, description="Polaridad media (−1..1).")


def relevant(topics: Sequence[ConteoTema], comments: int) -> list[TemaRelevante]:
    """The :data:`TOP_TOPICS` most mentioned topics with their relevance."""
    return [
        TemaRelevante(
            tema=topic.tema,
            clase=topic.clase,
            menciones=topic.menciones,
            relevancia=min(100.0, percent(topic.menciones, comments)),
            sentimiento=max(-1.0, min(1.0, topic.sentimiento)),
        )
        for topic in topics[:TOP_TOPICS]
    ]


class Q3Post(PostPart):
    """Topics of one post's comments."""

    temas: list[ConteoTema] = Field(
        default_factory=list, description="Conteo por tópico, completo (por menciones)."
    )

    @computed_field(
        description="Hasta 8 tópicos principales del post con relevancia y sentimiento."
    )
    @property
    def temas_principales(self) -> list[TemaRelevante]:
        return relevant(self.temas, self.num_comentarios)


class Q3Result(ModuleResult):
    """Q3 for a set of rows."""

    publicaciones: list[Q3Post] = Field(
        default_factory=list, description="Tópicos por publicación, ordenados por post_url."
    )
    temas_por_plataforma: dict[Platform, list[TemaGlobal]] = Field(
        default_factory=dict, description="Por plataforma, todos los tópicos con ejemplos."
    )

    @computed_field(description="Tópicos de todas las plataformas, por menciones.")
    @cached_property
    def temas(self) -> list[TemaGlobal]:
        return fuse(self.temas_por_plataforma.values())

    @computed_field(
        description="Hasta 8 tópicos principales globales con relevancia y sentimiento."
    )
    @cached_property
    def temas_principales(self) -> list[TemaRelevante]:
        return relevant(self.temas, self.num_comentarios)

    @computed_field(
        description="El tópico de sentimiento más negativo (con algún comentario negativo)."
    )
    @cached_property
    def tema_mas_negativo(self) -> TemaGlobal | None:
        negative = [
            t
            for t in self.temas
            if t.clase == "aspecto" and t.negativos >= MIN_NEGATIVE and t.sentimiento < 0
        ]
        return min(negative, key=lambda t: (t.sentimiento, -t.menciones, t.tema), default=None)
