"""Q7 · Sentimiento detallado: positive / negative / neutral / mixed, subjectivity, mixed voices.

Stored per post: comments per sentiment and the sums of subjectivity and polarity;
per platform, the most genuinely mixed comments (both praise and criticism, strongly
opinionated: score = subjectivity × (1 − |polarity|)). Shares and means are
recomputed, globally and per platform (Q9 compares platforms with them).
"""

from collections.abc import Iterable
from functools import cached_property

from pydantic import BaseModel, ConfigDict, Field, computed_field

from pixely_api.insights.evidence import Cita
from pixely_api.insights.labels import PLATFORMS, SENTIMENTS, Platform, Sentiment
from pixely_api.insights.merging import argmax, fuse, mean_dict, ratio, sum_dicts
from pixely_api.insights.result import ModuleResult, PostPart


def sentiment_shares(counts: dict[Sentiment, int]) -> dict[Sentiment, float]:
    """Percentage of each sentiment among all comments (every label present)."""
    shares = mean_dict(counts, sum(counts.values()), scale=100.0)
    return {s: shares.get(s, 0.0) for s in SENTIMENTS}


class Q7Post(PostPart):
    """Sentiment of one post's comments."""

    sentimientos: dict[Sentiment, int] = Field(
        default_factory=dict,
        description="Comentarios por sentimiento (positive, negative, neutral, mixed).",
    )
    suma_subjetividad: float = Field(default=0.0, ge=0, description="Suma de la subjetividad 0..1.")
    suma_polaridad: float = Field(default=0.0, description="Suma de la polaridad −1..1.")

    @computed_field(description="Porcentaje de cada sentimiento.")
    @property
    def porcentajes(self) -> dict[Sentiment, float]:
        return sentiment_shares(self.sentimientos)

    @computed_field(description="Subjetividad media 0..1.")
    @property
    def subjetividad_media(self) -> float:
        return ratio(self.suma_subjetividad, self.num_comentarios)

    @computed_field(description="Sentimiento más frecuente; null sin comentarios.")
    @property
    def sentimiento_dominante(self) -> Sentiment | None:
        return argmax(self.sentimientos, SENTIMENTS)


class ResumenSentimiento(BaseModel):
    """Sentiment of a group of posts (all of them, or one platform's)."""

    model_config = ConfigDict(frozen=True)

    num_comentarios: int = Field(ge=0, description="Comentarios del grupo.")
    sentimientos: dict[Sentiment, int] = Field(description="Comentarios por sentimiento.")
    porcentajes: dict[Sentiment, float] = Field(description="Porcentaje de cada sentimiento.")
    subjetividad_media: float = Field(ge=0, le=1, description="Subjetividad media 0..1.")
    polaridad_media: float = Field(ge=-1, le=1, description="Polaridad media −1..1.")


def summarize_sentiment(posts: Iterable[Q7Post]) -> ResumenSentimiento:
    """Add up a group of posts' counts and sums, then derive shares and means."""
    posts = list(posts)
    counts = sum_dicts(post.sentimientos for post in posts)
    counts = {s: counts.get(s, 0) for s in SENTIMENTS}
    comments = sum(post.num_comentarios for post in posts)
    return ResumenSentimiento(
        num_comentarios=comments,
        sentimientos=counts,
        porcentajes=sentiment_shares(counts),
        subjetividad_media=min(1.0, ratio(sum(p.suma_subjetividad for p in posts), comments)),
        polaridad_media=max(-1.0, min(1.0, ratio(sum(p.suma_polaridad for p in posts), comments))),
    )


class Q7Result(ModuleResult):
    """Q7 for a set of rows."""

    publicaciones: list[Q7Post] = Field(
        default_factory=list, description="Sentimiento por publicación, ordenado por post_url."
    )
    ejemplos_mixtos_por_plataforma: dict[Platform, list[Cita]] = Field(
        default_factory=dict, description="Por plataforma, hasta 3 comentarios genuinamente mixtos."
    )

    @computed_field(description="Sentimiento de todas las publicaciones.")
    @cached_property
    def general(self) -> ResumenSentimiento:
        return summarize_sentiment(self.publicaciones)

    @computed_field(description="Sentimiento por plataforma (solo las que tienen publicaciones).")
    @cached_property
    def por_plataforma(self) -> dict[Platform, ResumenSentimiento]:
        present = [p for p in PLATFORMS if any(post.platform == p for post in self.publicaciones)]
        return {
            p: summarize_sentiment(post for post in self.publicaciones if post.platform == p)
            for p in present
        }

    @computed_field(description="Hasta 3 comentarios mixtos de todas las plataformas.")
    @cached_property
    def ejemplos_mixtos(self) -> list[Cita]:
        return fuse(self.ejemplos_mixtos_por_plataforma.values())

    @computed_field(description="El comentario más genuinamente mixto; null si no hay.")
    @cached_property
    def ejemplo_mixto(self) -> Cita | None:
        return next(iter(self.ejemplos_mixtos), None)
