"""What every Q9 rule shares: the recommendation model, the scores, and the window's inputs.

A rule is one module of this package with a ``recommend(entradas)`` function; the
package's ``RULES`` lists them. A rule reads only :class:`Entradas`, the window's
merged counts, so its trigger, scores and texts are functions of that window.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

from pixely_api.insights.evidence import Cita
from pixely_api.insights.labels import Platform
from pixely_api.insights.merging import Additive, on_scale, ratio, settled
from pixely_api.insights.q5_influenciadores import Polaridad, stance_side
from pixely_api.insights.q6_oportunidades import DemandaAspecto, Oportunidad

AreaEstrategica = Literal[
    "Producto/Servicio",
    "Marketing y Comunicación",
    "Atención al Cliente",
    "Ventas y Conversión",
    "Operaciones",
]
AREAS: tuple[AreaEstrategica, ...] = (
    "Producto/Servicio",
    "Marketing y Comunicación",
    "Atención al Cliente",
    "Ventas y Conversión",
    "Operaciones",
)
Urgencia = Literal["48 horas", "semana 1", "semanas 2–3", "no urgente"]
URGENCIAS: tuple[Urgencia, ...] = ("48 horas", "semana 1", "semanas 2–3", "no urgente")

URGENT_IMPACT = 70.0
URGENT_PRIORITY = 2.0
WEEK_ONE_PRIORITY = 1.2
WEEKS_TWO_THREE_PRIORITY = 0.8
FULL_VOLUME_SHARE = 0.08
"""Evidence from this share of the window's comments counts as full volume…"""
FULL_VOLUME_CASES = 20
"""…and from no fewer than this many comments, so a quiet day's handful never does."""


def priority(impacto: float, esfuerzo: float) -> float:
    """Impact per unit of effort (both on the 1..100 scale), settled to 1e-6."""
    return settled(impacto / esfuerzo)


def urgency(impacto: float, prioridad: float) -> Urgencia:
    """``48 horas`` when impact ≥ 70 and priority ≥ 2.0; ``semana 1`` from priority 1.2;
    ``semanas 2–3`` from 0.8; else ``no urgente``."""
    impacto, prioridad = settled(impacto), settled(prioridad)
    if impacto >= URGENT_IMPACT and prioridad >= URGENT_PRIORITY:
        return "48 horas"
    if prioridad >= WEEK_ONE_PRIORITY:
        return "semana 1"
    if prioridad >= WEEKS_TWO_THREE_PRIORITY:
        return "semanas 2–3"
    return "no urgente"


def impact(base: float, slope: float, cases: int, window: int, recency: float = 1.0) -> float:
    """Impact 1..100: ``base`` plus ``slope`` × volume (cases against
    :data:`FULL_VOLUME_SHARE` of the window, at least :data:`FULL_VOLUME_CASES`) × recency
    (0.5..1)."""
    volume = min(1.0, ratio(cases, max(FULL_VOLUME_SHARE * window, FULL_VOLUME_CASES)))
    return on_scale(base + slope * volume * (0.5 + 0.5 * recency), 1, 100)


class Recomendacion(BaseModel):
    """One prioritised recommendation of a window, with its evidence."""

    model_config = ConfigDict(frozen=True)

    titulo: str = Field(description="Título breve y específico.")
    tipo: str = Field(description="La regla que la origina (nombre de su módulo).")
    foco: str | None = Field(default=None, description="Aspecto, plataforma o grupo de voces.")
    area: AreaEstrategica = Field(description="Área estratégica responsable.")
    descripcion: str = Field(description="Por qué, con cifras del periodo y una cita literal.")
    acciones: list[str] = Field(default_factory=list, description="Acciones concretas.")
    evidencia: list[Cita] = Field(default_factory=list, description="Hasta 3 comentarios.")
    impacto: float = Field(ge=1, le=100, description="Impacto esperado 1..100.")
    esfuerzo: float = Field(ge=1, le=100, description="Esfuerzo necesario 1..100.")
    casos: int = Field(ge=0, description="Comentarios que la sustentan.")
    base: int = Field(ge=0, description="Comentarios con que se comparan los casos.")
    personas: int = Field(ge=0, description="Personas distintas detrás de los casos.")

    @computed_field(description="Prioridad = impacto / esfuerzo.")
    @property
    def prioridad(self) -> float:
        return priority(self.impacto, self.esfuerzo)

    @computed_field(description="48 horas / semana 1 / semanas 2–3 / no urgente.")
    @property
    def urgencia(self) -> Urgencia:
        return urgency(self.impacto, self.prioridad)

    @property
    def rank(self) -> tuple[Any, ...]:
        """Most urgent band first; within a band the larger impact (volume and recency of
        the evidence) first, then priority and title."""
        return (URGENCIAS.index(self.urgencia), -self.impacto, -self.prioridad, self.titulo)


class TotalPlataforma(Additive):
    """A platform's totals the rules compare with, and its best quotes of each kind."""

    platform: Platform = Field(description="Red social.")
    comentarios: int = Field(default=0, ge=0, description="Comentarios.")
    negativos: int = Field(default=0, ge=0, description="Comentarios negativos.")
    crisis: int = Field(default=0, ge=0, description="Comentarios con señales de crisis.")
    autores_crisis: list[str] = Field(default_factory=list, description="Quiénes los escriben.")
    enmarcados: int = Field(default=0, ge=0, description="Comentarios con marco narrativo.")
    aspiracionales: int = Field(default=0, ge=0, description="Comentarios aspiracionales.")
    autores_aspiracionales: list[str] = Field(
        default_factory=list, description="Quiénes escriben los aspiracionales."
    )
    evidencia_crisis: list[Cita] = Field(default_factory=list, description="Citas de crisis.")
    evidencia_negativa: list[Cita] = Field(default_factory=list, description="Las más negativas.")
    evidencia_aspiracional: list[Cita] = Field(
        default_factory=list, description="Citas aspiracionales."
    )

    @property
    def key(self) -> Any:
        return self.platform

    @property
    def rank(self) -> tuple[Any, ...]:
        return (self.platform,)


class PosturaAutor(Additive):
    """What Q9 keeps of a commenter (from Q5): how often they write and on which side."""

    autor: str = Field(description="Usuario (minúsculas, sin '@').")
    num_comentarios: int = Field(default=0, ge=0, description="Comentarios que escribió.")
    promotores: int = Field(default=0, ge=0, description="Sus comentarios a favor.")
    detractores: int = Field(default=0, ge=0, description="Sus comentarios en contra.")
    salidas: int = Field(default=0, ge=0, description="Sus comentarios de cliente que se va.")

    @property
    def key(self) -> Any:
        return self.autor

    @property
    def rank(self) -> tuple[Any, ...]:
        return (-self.num_comentarios, self.autor)

    @property
    def polaridad(self) -> Polaridad:
        return stance_side(self.promotores, self.detractores, self.salidas)


@dataclass(frozen=True)
class Entradas:
    """A window's merged inputs, as every rule reads them."""

    comentarios: int
    aspectos: list[DemandaAspecto]
    oportunidades: list[Oportunidad]
    autores: list[PosturaAutor]
    totales: dict[Platform, TotalPlataforma] = field(default_factory=dict)
    fin: date | None = None

    @property
    def total(self) -> TotalPlataforma:
        """All platforms' totals added."""
        merged = TotalPlataforma.combine(list(self.totales.values())) if self.totales else None
        return merged or TotalPlataforma(platform="instagram")
