"""Q8 · Temporal: the weekly series, its anomalies and trend, and read-time engagement.

Stored per platform and ISO week (the week of the partition's day): comment volume,
positive and negative counts, topic counts and the days with comments, so weeks of
several rows combine exactly. Shares, the main topic, anomalies and the trend are
recomputed from the merged weeks:

- a week at either end of the series is **partial** when it has comments on fewer days
  than the fullest week (a window that starts on a Thursday); partial weeks are shown
  but never compared;
- **anomalies**: between consecutive complete weeks, net sentiment (% positive −
  % negative) moving more than 25 points, or volume doubling or halving (weeks of at
  least 10 comments);
- **trend**: net sentiment of the latest complete week against the complete week
  before it, so the same last weeks give the same trend in a 30-day window and in the
  whole history (a window's first and last weeks are often partial, its middle
  weeks never).

Engagement is never stored: the reader adds it from the posts' latest metrics with
:meth:`Q8Result.with_engagement`, and it lists the posts that have no views.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cached_property
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, computed_field

from pixely_api.insights.engagement import Engagement, PostMetrics, engagement
from pixely_api.insights.labels import Platform
from pixely_api.insights.merging import fuse, percent
from pixely_api.insights.q3_topicos import ConteoTema
from pixely_api.insights.result import ModuleResult, PostPart
from pixely_api.insights.weeks import WEEK_PATTERN, WeeklyEntry, iso_week

Tendencia = Literal["Mejora", "Deterioro", "Estable"]
MetricaSemanal = Literal["sentimiento_neto", "volumen"]

ANOMALY_POINTS = 25.0
"""A week whose net sentiment moves more than this many points from the previous week."""
VOLUME_FACTOR = 2.0
"""A week whose comment volume doubles, or halves, from the previous week."""
MIN_VOLUME = 10
"""Volume anomalies compare weeks of at least this many comments."""
TREND_POINTS = 10.0
"""Net sentiment must move at least this many points for Mejora / Deterioro."""
TREND_WEEKS = 1
"""The trend compares the latest this-many complete weeks with as many before them."""


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
    dias: list[str] = Field(
        default_factory=list, description="Días (ISO) de la semana con comentarios."
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
    """A week-over-week jump: net sentiment by more than 25 points, or volume ×2 / ÷2."""

    model_config = ConfigDict(frozen=True)

    semana: str = Field(description="Semana en la que cambia.")
    semana_anterior: str = Field(
        description="Semana con la que se compara (la anterior con datos)."
    )
    metrica: MetricaSemanal = Field(
        description="sentimiento_neto (puntos) o volumen (comentarios)."
    )
    valor_anterior: float = Field(description="Valor en la semana anterior.")
    valor_actual: float = Field(description="Valor en la semana.")
    variacion: float = Field(
        description="Cambio: puntos de sentimiento neto, o % de volumen (positivo = sube)."
    )


def complete_weeks(weeks: Sequence[SemanaTemporal]) -> list[SemanaTemporal]:
    """The series without a partial first or last week (fewer comment days than the
    fullest week of the series)."""
    if len(weeks) < 2:
        return list(weeks)
    fullest = max(len(w.dias) for w in weeks)
    kept = list(weeks)
    if len(kept[-1].dias) < fullest:
        kept = kept[:-1]
    if kept and len(kept[0].dias) < fullest:
        kept = kept[1:]
    return kept


def anomalies(weeks: Sequence[SemanaTemporal]) -> list[Anomalia]:
    """Jumps between consecutive complete weeks: net sentiment by more than
    :data:`ANOMALY_POINTS`, or volume by :data:`VOLUME_FACTOR` either way."""
    found = []
    series = complete_weeks(weeks)
    for previous, current in zip(series, series[1:], strict=False):
        before, now = previous.sentimiento_neto, current.sentimiento_neto
        if abs(now - before) > ANOMALY_POINTS:
            found.append(_anomaly(previous, current, "sentimiento_neto", before, now, now - before))
        old, new = previous.num_comentarios, current.num_comentarios
        if min(old, new) >= MIN_VOLUME and max(old, new) >= VOLUME_FACTOR * min(old, new):
            found.append(_anomaly(previous, current, "volumen", old, new, percent(new - old, old)))
    return found


def _anomaly(
    previous: SemanaTemporal,
    current: SemanaTemporal,
    metric: MetricaSemanal,
    before: float,
    now: float,
    change: float,
) -> Anomalia:
    return Anomalia(
        semana=current.semana,
        semana_anterior=previous.semana,
        metrica=metric,
        valor_anterior=before,
        valor_actual=now,
        variacion=change,
    )


def net_change(weeks: Sequence[SemanaTemporal]) -> float:
    """Net sentiment of the latest :data:`TREND_WEEKS` complete weeks minus the same
    number of complete weeks before them, comment-weighted; 0 without enough weeks."""
    series = complete_weeks(weeks)
    if len(series) < 2 * TREND_WEEKS:
        return 0.0
    return _net(series[-TREND_WEEKS:]) - _net(series[-2 * TREND_WEEKS : -TREND_WEEKS])


def _net(weeks: Sequence[SemanaTemporal]) -> float:
    return percent(
        sum(w.positivos - w.negativos for w in weeks), sum(w.num_comentarios for w in weeks)
    )


def trend_weeks(q8: "Q8Result") -> int:
    """How many complete weeks a trend rests on: 0 below the two it compares, so a window
    of one week shows no trend rather than «Estable (+0)», which nothing measured."""
    complete = len(q8.semanas_completas)
    return complete if complete >= 2 * TREND_WEEKS else 0


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
    sin_vistas: list[str] = Field(
        default_factory=list,
        description="Posts sin visualizaciones (la red no las da): cuentan por interacciones.",
    )
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
    @cached_property
    def serie_semanal(self) -> list[SemanaTemporal]:
        return fuse(self.semanas_por_plataforma.values())

    @computed_field(description="Semanas completas de la serie (sin una primera o última parcial).")
    @cached_property
    def semanas_completas(self) -> list[str]:
        return [w.semana for w in complete_weeks(self.serie_semanal)]

    @computed_field(
        description="Saltos entre semanas completas: sentimiento neto > 25 puntos o volumen ×2."
    )
    @cached_property
    def anomalias(self) -> list[Anomalia]:
        return anomalies(self.serie_semanal)

    @computed_field(
        description="Cambio del sentimiento neto (puntos): última semana completa − la anterior."
    )
    @cached_property
    def variacion_sentimiento_neto(self) -> float:
        return net_change(self.serie_semanal)

    @computed_field(
        description="Mejora / Deterioro / Estable según la variación (umbral 10 puntos)."
    )
    @cached_property
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
                    sin_vistas=sorted(post.post_url for post in mine if not post.views),
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
