"""Q9 · Recomendaciones: prioritised actions grounded in Q3–Q7, computed per window.

Stored: where each post's actionable comments land (per area) and, per platform, the
inputs the rules read, copied from the partition's Q4–Q7 results when it is analysed:
Q6's aspect demand table, each author's side from Q5 and the platform totals
(:class:`TotalPlataforma`). All of them merge exactly, so the recommendations are
**computed at read time** from the window's merged inputs by the rules of
:mod:`pixely_api.insights.q9_rules` (one module per rule), like Q10: a window's texts
quote that window's numbers, and no list is cut before days or platforms combine.

Priority = impact / effort; urgency band: ``48 horas`` when impact ≥ 70 and priority
≥ 2.0; ``semana 1`` from 1.2; ``semanas 2–3`` from 0.8; else ``no urgente``.
"""

from functools import cached_property

from pydantic import Field, computed_field

from pixely_api.insights.labels import PLATFORMS, Platform
from pixely_api.insights.merging import argmax, fuse, sum_dicts
from pixely_api.insights.q6_oportunidades import DemandaAspecto, opportunities, window_end
from pixely_api.insights.q9_rules import recommend
from pixely_api.insights.q9_rules.base import (
    AREAS,
    URGENCIAS,
    AreaEstrategica,
    Entradas,
    PosturaAutor,
    Recomendacion,
    TotalPlataforma,
    Urgencia,
    priority,
    urgency,
)
from pixely_api.insights.result import ModuleResult, PostPart

__all__ = [
    "AREAS",
    "URGENCIAS",
    "AreaEstrategica",
    "Q9Post",
    "Q9Result",
    "PosturaAutor",
    "Recomendacion",
    "TotalPlataforma",
    "Urgencia",
    "priority",
    "urgency",
]


class Q9Post(PostPart):
    """Where one post's actionable comments land, by strategic area."""

    comentarios_por_area: dict[AreaEstrategica, int] = Field(
        default_factory=dict,
        description="Comentarios accionables por área (un comentario puede contar en varias).",
    )
    accionables: int = Field(
        default=0, ge=0, description="Comentarios con alguna señal accionable (petición, queja…)."
    )

    @computed_field(description="Área con más comentarios accionables; null si no hay.")
    @property
    def area_principal(self) -> AreaEstrategica | None:
        return argmax(self.comentarios_por_area, AREAS)


class Q9Result(ModuleResult):
    """Q9 for a set of rows: the rules' stored inputs, the recommendations computed."""

    publicaciones: list[Q9Post] = Field(
        default_factory=list, description="Comentarios accionables por publicación y área."
    )
    demanda_por_plataforma: dict[Platform, list[DemandaAspecto]] = Field(
        default_factory=dict, description="Por plataforma, la demanda por aspecto (de Q6)."
    )
    autores_por_plataforma: dict[Platform, list[PosturaAutor]] = Field(
        default_factory=dict, description="Por plataforma, la postura de cada autor (de Q5)."
    )
    totales_por_plataforma: dict[Platform, list[TotalPlataforma]] = Field(
        default_factory=dict, description="Por plataforma, sus totales y citas (de Q4, Q6, Q7)."
    )

    def entradas(self) -> Entradas:
        """The window's merged inputs, as the rules read them."""
        aspects = fuse(self.demanda_por_plataforma.values())
        return Entradas(
            comentarios=self.num_comentarios,
            aspectos=aspects,
            oportunidades=opportunities(aspects, self.num_comentarios),
            autores=fuse(self.autores_por_plataforma.values()),
            totales={
                p: items[0] for p in PLATFORMS if (items := self.totales_por_plataforma.get(p))
            },
            fin=window_end(aspects),
        )

    @computed_field(description="Recomendaciones del periodo, por prioridad.")
    @cached_property
    def recomendaciones(self) -> list[Recomendacion]:
        return recommend(self.entradas())

    @computed_field(description="Cuántas recomendaciones hay en cada banda de urgencia.")
    @cached_property
    def por_urgencia(self) -> dict[Urgencia, int]:
        counts = dict.fromkeys(URGENCIAS, 0)
        for item in self.recomendaciones:
            counts[item.urgencia] += 1
        return counts

    @computed_field(description="Comentarios accionables por área, en total.")
    @cached_property
    def comentarios_por_area(self) -> dict[AreaEstrategica, int]:
        counts = sum_dicts(post.comentarios_por_area for post in self.publicaciones)
        return {area: counts.get(area, 0) for area in AREAS}
