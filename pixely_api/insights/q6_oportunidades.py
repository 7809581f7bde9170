"""Q6 · Oportunidades: unmet demand (``gap_score``) × impact/urgency (``competencia_score``).

An opportunity is something the audience asks for, complains about or wants to buy,
with its evidence. Both scores are means over comments and are stored with their
weights (``menciones`` for the gap, ``demanda`` for the urgency), so opportunities of
several rows combine by title into exact weighted means and re-rank by score.

Text: rule-made opportunities (``origen = "reglas"``) render their title, detail and
action from their own counts and quotes here, and are re-rendered after a merge so
the numbers in the text are the window's. An LLM synthesis step may write its own
text with ``origen = "llm"``; the merge then keeps the text of the heaviest row.
"""

from collections.abc import Hashable, Iterable, Sequence
from operator import attrgetter
from typing import Any, ClassVar, Literal, Self

from pydantic import Field, computed_field

from pixely_api.insights.evidence import Cita
from pixely_api.insights.labels import Platform
from pixely_api.insights.merging import (
    Additive,
    cut,
    fuse,
    on_scale,
    percent,
    settled,
    weighted_mean,
)
from pixely_api.insights.redactado import ItemRedactado, example_suffix
from pixely_api.insights.result import ModuleResult, PostPart
from pixely_api.insights.text import agree, plural, quoted, share

ActividadBanda = Literal["Alta", "Media", "Baja"]
TipoRegla = Literal["queja", "solicitud", "intencion_compra"]
"""Opportunity types the offline rules write text for."""
TipoOportunidad = Literal[TipoRegla, "otro"]

HIGH_GAP = 70.0
MEDIUM_GAP = 40.0
CRITICAL_SCORE = 70.0
FULL_SUPPORT = 3
"""Comments of demand from which an opportunity ranks with its full score."""


def activity_band(gap_score: float) -> ActividadBanda:
    """``Alta`` ≥ 70, ``Media`` 40–69, ``Baja`` < 40 (on the 0..100 gap scale)."""
    gap_score = settled(gap_score)
    if gap_score >= HIGH_GAP:
        return "Alta"
    if gap_score >= MEDIUM_GAP:
        return "Media"
    return "Baja"


def is_critical(gap_score: float, competencia_score: float) -> bool:
    """Critical: high demand and high impact at once (both ≥ 70)."""
    return settled(gap_score) >= CRITICAL_SCORE and settled(competencia_score) >= CRITICAL_SCORE


_TITLES: dict[str, tuple[str, str]] = {
    "queja": ("Resolver las quejas sobre «{tema}»", "Resolver las quejas sin tema concreto"),
    "solicitud": (
        "Responder a la demanda de «{tema}»",
        "Responder a las peticiones sin tema concreto",
    ),
    "intencion_compra": (
        "Convertir el interés de compra en «{tema}»",
        "Convertir el interés de compra sin tema concreto",
    ),
}
_VERBS = {
    "queja": ("es una queja", "son quejas"),
    "solicitud": ("pide algo concreto", "piden algo concreto"),
    "intencion_compra": ("muestra intención de compra", "muestran intención de compra"),
}
_ACTIONS = {
    "queja": (
        "Responder uno a uno a {n} con queja, identificar la causa con el equipo "
        "responsable de {tema} y publicar la solución."
    ),
    "solicitud": (
        "Evaluar si se puede ofrecer {tema} y contestar públicamente, con un plazo "
        "concreto, a quienes lo piden ({n})."
    ),
    "intencion_compra": (
        "Responder a {n} con interés de compra dando precio, disponibilidad y enlace "
        "de {tema}, y medir cuántos compran."
    ),
}


def rule_title(tipo: TipoRegla, tema: str | None) -> str:
    """Stable per (type, topic) so the same opportunity combines across days."""
    with_topic, without = _TITLES[tipo]
    return with_topic.format(tema=tema) if tema else without


class Oportunidad(ItemRedactado):
    """One opportunity on the demand × impact matrix, with its evidence."""

    LIMIT: ClassVar[int | None] = 50

    tipo: TipoOportunidad = Field(
        description="Qué la origina: queja, solicitud, intención de compra…"
    )
    tema: str | None = Field(default=None, description="Tópico al que se refiere, si lo hay.")
    detalle: str = Field(description="Qué pasa, con cifras y una cita literal.")
    accion: str = Field(description="Acción concreta recomendada.")
    evidencia: list[Cita] = Field(
        default_factory=list, description="Hasta 3 comentarios literales que la sustentan."
    )
    menciones: int = Field(ge=0, description="Comentarios sobre el tema (peso de gap_score).")
    demanda: int = Field(
        ge=0, description="Comentarios que expresan la necesidad (peso de competencia_score)."
    )
    gap_score: float = Field(
        ge=0, le=100, description="Demanda no atendida 0..100: % de `menciones` que la expresan."
    )
    competencia_score: float = Field(
        ge=0,
        le=100,
        description="Impacto/urgencia 0..100: urgencia media de los comentarios de demanda.",
    )

    @property
    def rank(self) -> tuple[Any, ...]:
        return (-self.puntuacion, self.titulo)

    @computed_field(
        description="Banda de actividad según gap_score: Alta ≥ 70, Media 40–69, Baja < 40."
    )
    @property
    def actividad(self) -> ActividadBanda:
        return activity_band(self.gap_score)

    @computed_field(description="Crítica: gap_score ≥ 70 y competencia_score ≥ 70.")
    @property
    def es_critica(self) -> bool:
        return is_critical(self.gap_score, self.competencia_score)

    @computed_field(
        description="Puntuación de orden: media de ambas, atenuada con menos de 3 comentarios."
    )
    @property
    def puntuacion(self) -> float:
        support = min(1.0, self.demanda / FULL_SUPPORT)
        return settled((self.gap_score + self.competencia_score) / 2 * support)

    @classmethod
    def from_rules(
        cls,
        tipo: TipoRegla,
        tema: str | None,
        menciones: int,
        demanda: int,
        competencia_score: float,
        evidencia: Sequence[Cita],
    ) -> Self:
        """An opportunity whose text is written from its own numbers and quotes."""
        subject = quoted(tema) if tema else "temas sin identificar"
        detail = (
            f"{demanda} de {plural(menciones, 'comentario', 'comentarios')} sobre {subject} "
            f"({share(demanda, menciones)}) {agree(demanda, *_VERBS[tipo])}."
        )
        detail += example_suffix(evidencia)
        return cls(
            titulo=rule_title(tipo, tema),
            tipo=tipo,
            tema=tema,
            detalle=detail,
            accion=_ACTIONS[tipo].format(
                n=plural(demanda, "comentario", "comentarios"), tema=subject
            ),
            evidencia=list(evidencia),
            menciones=menciones,
            demanda=demanda,
            gap_score=on_scale(percent(demanda, menciones), 0, 100),
            competencia_score=on_scale(competencia_score, 0, 100),
            origen="reglas",
        )

    def with_mentions(self, menciones: int) -> Self:
        """This rule-made opportunity measured against ``menciones`` topic comments."""
        return self.from_rules(
            tipo=self.tipo,
            tema=self.tema,
            menciones=max(menciones, self.demanda),
            demanda=self.demanda,
            competencia_score=self.competencia_score,
            evidencia=self.evidencia,
        )

    @classmethod
    def combine(cls, items: Sequence[Self]) -> Self:
        """Counts add, scores re-weight, evidence re-ranks; rule text is re-rendered."""
        lead = min(items, key=lambda item: (-item.demanda, item.titulo, item.detalle, item.accion))
        menciones = sum(item.menciones for item in items)
        demanda = sum(item.demanda for item in items)
        urgency = on_scale(
            weighted_mean((item.competencia_score, item.demanda) for item in items), 0, 100
        )
        evidence = fuse(item.evidencia for item in items)
        if all(item.origen == "reglas" and item.tipo != "otro" for item in items):
            return cls.from_rules(lead.tipo, lead.tema, menciones, demanda, urgency, evidence)
        gap = on_scale(weighted_mean((item.gap_score, item.menciones) for item in items), 0, 100)
        return lead.model_copy(
            update={
                "menciones": menciones,
                "demanda": demanda,
                "gap_score": gap,
                "competencia_score": urgency,
                "evidencia": evidence,
                "origen": "llm",
            }
        )


class Q6Post(PostPart):
    """Demand signals in one post's comments."""

    solicitudes: int = Field(default=0, ge=0, description="Comentarios que piden algo.")
    quejas: int = Field(default=0, ge=0, description="Comentarios con una queja.")
    intencion_compra: int = Field(
        default=0, ge=0, description="Comentarios con intención de compra."
    )
    crisis: int = Field(default=0, ge=0, description="Comentarios con señales de crisis.")


class MencionesTema(Additive):
    """How many comments mention a topic on a platform: the gap_score denominator."""

    LIMIT: ClassVar[int | None] = 100

    tema: str | None = Field(default=None, description="Tópico; null = comentarios sin tópico.")
    menciones: int = Field(default=0, ge=0, description="Comentarios que lo mencionan.")

    @property
    def key(self) -> Hashable:
        return self.tema

    @property
    def rank(self) -> tuple[Any, ...]:
        return (-self.menciones, self.tema is not None, self.tema or "")


class Q6Result(ModuleResult):
    """Q6 for a set of rows.

    A topic's mentions are stored apart from its opportunities: a day can mention a
    topic without asking for anything, and the window's gap_score must count it. After
    a merge, rule-made opportunities are re-grounded on the merged mention counts.
    """

    publicaciones: list[Q6Post] = Field(
        default_factory=list,
        description="Señales de demanda por publicación, ordenadas por post_url.",
    )
    oportunidades_por_plataforma: dict[Platform, list[Oportunidad]] = Field(
        default_factory=dict, description="Por plataforma, hasta 50 oportunidades por puntuación."
    )
    menciones_por_plataforma: dict[Platform, list[MencionesTema]] = Field(
        default_factory=dict, description="Por plataforma, menciones de hasta 100 tópicos."
    )

    @classmethod
    def merge(cls, results: Iterable[Self]) -> Self:
        """The generic merge, then each rule-made gap_score recomputed on the window's
        mentions of its topic (a topic missing from the table keeps its own count)."""
        merged = super().merge(results)
        grounded = {}
        tables = merged.menciones_por_plataforma
        for platform, items in merged.oportunidades_por_plataforma.items():
            mentions = {t.tema: t.menciones for t in tables.get(platform, [])}
            items = [
                item.with_mentions(mentions.get(item.tema, item.menciones))
                if item.origen == "reglas" and item.tipo != "otro"
                else item
                for item in items
            ]
            grounded[platform] = cut(sorted(items, key=attrgetter("rank")))
        return merged.model_copy(update={"oportunidades_por_plataforma": grounded})

    @computed_field(description="Oportunidades de todas las plataformas, combinadas por título.")
    @property
    def oportunidades(self) -> list[Oportunidad]:
        return fuse(self.oportunidades_por_plataforma.values())

    @computed_field(description="Cuántas oportunidades son críticas (ambas puntuaciones ≥ 70).")
    @property
    def num_criticas(self) -> int:
        return sum(1 for item in self.oportunidades if item.es_critica)

    @computed_field(description="Comentarios que piden algo, en total.")
    @property
    def solicitudes(self) -> int:
        return sum(post.solicitudes for post in self.publicaciones)

    @computed_field(description="Comentarios con queja, en total.")
    @property
    def quejas(self) -> int:
        return sum(post.quejas for post in self.publicaciones)

    @computed_field(description="Comentarios con intención de compra, en total.")
    @property
    def intencion_compra(self) -> int:
        return sum(post.intencion_compra for post in self.publicaciones)

    @computed_field(description="Comentarios con señales de crisis, en total.")
    @property
    def crisis(self) -> int:
        return sum(post.crisis for post in self.publicaciones)
