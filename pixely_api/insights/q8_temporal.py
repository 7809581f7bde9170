"""Q8 · Temporal: the weekly series, its anomalies and trend, and read-time engagement.

Stored per platform and ISO week (the week of the partition's day): comment volume,
positive and negative counts, and topic counts, so weeks of several rows combine
exactly. Shares, the main topic, anomalies (a week-over-week change of more than 25
points in the positive or negative share) and the trend (Mejora / Deterioro /
Estable) are recomputed from the merged weeks. Engagement is never stored: the reader
adds it from the posts' latest metrics with :meth:`Q8Result.with_engagement`.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, computed_field

from pixely_api.insights.engagement import Engagement, PostMetrics, engagement
from pixely_api.insights.labels import Platform
from pixely_api.insights.merging import fuse, percent
from pixely_api.insights.q3_topicos import ConteoTema
from pixely_api.insights.result import ModuleResult, PostPart
from pixely_api.insights.weeks import WEEK_PATTERN, WeeklyEntry, iso_week

Tendencia = Literal["Mejora", "Deterioro", "Estable"]
MetricaSemanal = Literal["porcentaje_positivo", "porcentaje_negativo"]

ANOMALY_POINTS = 25.0
"""A week whose share moves more than this many points from the previous week."""
TREND_POINTS = 10.0
"""Net sentiment must move at least this many points for Mejora / Deterioro."""


class Q8Post(PostPart):
    """One post's comment volume and polarity counts."""

    positivos: int = Field(default=0, ge=0, description="Comentarios positivos.")
    negativos: int = Field(default=0, ge=0, description="Comentarios negativos.")


class SemanaTemporal(WeeklyEntry):
    """One ISO week of comments."""

    num_comentarios: int = Field(default=0, ge=0, description="Comentarios de la semana.")
    positivos: int = Field(default=0, ge=0, description="Comentarios positivos.")
    negativos: int = Field(default=0, ge=0, description="Comentarios negativos.")
    temas: list[ConteoTema] = Field(
        default_factory=list, description="Tópicos de la semana (todos)."
    )

    @computed_field(description="Porcentaje de comentarios positivos.")
    @property
    def porcentaje_positivo(self) -> float:
        return percent(self.positivos, self.num_comentarios)

    @computed_field(description="Porcentaje de comentarios negativos.")
    @property
    def porcentaje_negativo(self) -> float:
        return percent(self.negativos, self.num_comentarios)

    @computed_field(description="Sentimiento neto en puntos: % positivo − % negativo.")
    @property
    def sentimiento_neto(self) -> float:
        return percent(self.positivos - self.negativos, self.num_comentarios)

    @computed_field(description="Tópico más mencionado de la semana; null si no hay.")
    @property
    def tema_principal(self) -> str | None:
        return self.temas[0].tema if self.temas else None


class Anomalia(BaseModel):
    """A week-over-week jump of more than 25 points in a share."""

    model_config = ConfigDict(frozen=True)

    semana: str = Field(description="Semana en la que cambia.")
    semana_anterior: str = Field(
        description="Semana con la que se compara (la anterior con datos)."
    )
    metrica: MetricaSemanal = Field(description="Qué porcentaje cambia.")
    valor_anterior: float = Field(description="Porcentaje en la semana anterior.")
    valor_actual: float = Field(description="Porcentaje en la semana.")
    variacion: float = Field(description="Cambio en puntos (positivo = sube).")


def anomalies(weeks: Sequence[SemanaTemporal]) -> list[Anomalia]:
    """Changes of more than :data:`ANOMALY_POINTS` points between consecutive weeks."""
    found = []
    for previous, current in zip(weeks, weeks[1:], strict=False):
        for metric in ("porcentaje_positivo", "porcentaje_negativo"):
            before, now = getattr(previous, metric), getattr(current, metric)
            if abs(now - before) > ANOMALY_POINTS:
                found.append(
                    Anomalia(
                        semana=current.semana,
                        semana_anterior=previous.semana,
                        metrica=metric,
                        valor_anterior=before,
                        valor_actual=now,
                        variacion=now - before,
                    )
                )
    return found


def net_change(weeks: Sequence[SemanaTemporal]) -> float:
    """Net sentiment of the later half of the weeks minus the earlier half (middle week
    left out), each half weighted by its comments; 0 with fewer than two weeks."""
    half = len(weeks) // 2
    if half == 0:
        return 0.0
    return _net(weeks[len(weeks) - half :]) - _net(weeks[:half])


def _net(weeks: Sequence[SemanaTemporal]) -> float:
    return percent(
        sum(w.positivos - w.negativos for w in weeks), sum(w.num_comentarios for w in weeks)
    )


def trend(change: float) -> Tendencia:
    """Mejora from +10 points of net sentiment, Deterioro from −10, else Estable."""
    if change >= TREND_POINTS:
        return "Mejora"
    if change <= -TREND_POINTS:
        return "Deterioro"
    return "Estable"


class EngagementSemana(BaseModel):
    """Engagement of the posts published in one ISO week."""

    model_config = ConfigDict(frozen=True)

    semana: str = Field(pattern=WEEK_PATTERN, description="Semana ISO de publicación.")
    engagement: Engagement = Field(description="Engagement de esos posts.")


class EngagementPublicacion(BaseModel):
    """One post's engagement today."""

    model_config = ConfigDict(frozen=True)

    post_url: str = Field(description="URL de la publicación.")
    platform: Platform = Field(description="Red social.")
    engagement: Engagement = Field(description="Su engagement con las métricas más recientes.")


class EngagementTemporal(BaseModel):
    """Engagement of the window's posts, from their latest metrics (read time only)."""

    model_config = ConfigDict(frozen=True)

    general: Engagement = Field(description="Todos los posts de la ventana con métricas.")
    semanal: list[EngagementSemana] = Field(description="Por semana ISO de publicación.")
    publicaciones: list[EngagementPublicacion] = Field(description="Por publicación.")


class Q8Result(ModuleResult):
    """Q8 for a set of rows."""

    publicaciones: list[Q8Post] = Field(
        default_factory=list, description="Volumen y polaridad por publicación, por post_url."
    )
    semanas_por_plataforma: dict[Platform, list[SemanaTemporal]] = Field(
        default_factory=dict, description="Por plataforma, la serie por semana ISO."
    )
    engagement: EngagementTemporal | None = Field(
        default=None,
        description="Calculado al leer con las métricas actuales de los posts; nunca se guarda.",
    )

    @computed_field(description="Serie semanal de todas las plataformas, en orden.")
    @property
    def serie_semanal(self) -> list[SemanaTemporal]:
        return fuse(self.semanas_por_plataforma.values())

    @computed_field(description="Cambios de más de 25 puntos entre semanas consecutivas con datos.")
    @property
    def anomalias(self) -> list[Anomalia]:
        return anomalies(self.serie_semanal)

    @computed_field(description="Cambio del sentimiento neto (puntos): segunda mitad − primera.")
    @property
    def variacion_sentimiento_neto(self) -> float:
        return net_change(self.serie_semanal)

    @computed_field(
        description="Mejora / Deterioro / Estable según la variación (umbral 10 puntos)."
    )
    @property
    def tendencia(self) -> Tendencia:
        return trend(self.variacion_sentimiento_neto)

    def with_engagement(self, metrics: Iterable[PostMetrics]) -> Self:
        """This result with engagement from the given metrics of its own posts."""
        by_url = {m.post_url: m for m in metrics}
        mine = [by_url[post.post_url] for post in self.publicaciones if post.post_url in by_url]
        weekly: dict[str, list[PostMetrics]] = defaultdict(list)
        for post in mine:
            weekly[iso_week(post.created_at.date())].append(post)
        return self.model_copy(
            update={
                "engagement": EngagementTemporal(
                    general=engagement(mine),
                    semanal=[
                        EngagementSemana(semana=week, engagement=engagement(weekly[week]))
                        for week in sorted(weekly)
                    ],
                    publicaciones=[
                        EngagementPublicacion(
                            post_url=post.post_url,
                            platform=post.platform,
                            engagement=engagement([post]),
                        )
                        for post in mine
                    ],
                )
            }
        )
