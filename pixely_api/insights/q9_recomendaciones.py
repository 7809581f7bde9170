"""Q9 · Recomendaciones: prioritised actions grounded in Q1–Q8.

Each recommendation has impact and effort (1..100), stored with its weight (``casos``,
the comments behind it); priority = impact / effort and the urgency band are computed.
Recommendations of several rows combine by title (weighted means of impact and
effort) and re-rank by priority.

Text: as in Q6, rule-made recommendations render title, description and actions from
their own numbers and quotes here and are re-rendered after a merge; an LLM synthesis
step may write its own text (``origen = "llm"``), kept from the heaviest row.

Window totals: a rule's ``base`` is the comment count of a scope (``ambito``: all the
platform's comments, its framed comments, or one topic's mentions). Each row stores
those counts per platform (``bases_por_plataforma``, sums), so after a merge every
rule-made recommendation is re-grounded on the window's total of its scope, and its
impact (a function of casos / base) and text follow; a day that only adds calm
comments to the scope lowers the share, exactly as analysing the whole window would.

Rows stored before these fields existed read ``ambito = None`` and an empty table,
i.e. "unknown": such a recommendation keeps its own summed base, as before. In a
window mixing old and new rows, the known scope wins and the old days' comments
outside the cases count as none (``base = max(window total, casos)``): the share may
read high, never above 100 %, and the merge stays associative.
"""

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, ClassVar, Literal, Self

from pydantic import Field, computed_field

from pixely_api.insights.evidence import Cita
from pixely_api.insights.labels import DISPLAY_NAMES, Platform
from pixely_api.insights.merging import (
    Additive,
    argmax,
    cut,
    fuse,
    on_scale,
    ratio,
    settled,
    sum_dicts,
    weighted_mean,
)
from pixely_api.insights.redactado import ItemRedactado, example_suffix
from pixely_api.insights.result import ModuleResult, PostPart
from pixely_api.insights.text import agree, enumerate_es, plural, quoted, share

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
TipoRegla = Literal[
    "crisis",
    "queja",
    "solicitud",
    "compra",
    "tema_negativo",
    "plataforma_negativa",
    "detractores",
    "promotores",
    "aspiracional",
]
"""Recommendation types the offline rules write text for."""
TipoRecomendacion = Literal[TipoRegla, "otro"]
Ambito = Literal["comentarios", "enmarcados", "tema"]
"""What a rule's ``base`` counts on its platform: every comment, the comments with a
narrative frame, or the comments mentioning the recommendation's ``foco`` topic
(``foco = None``: the comments without a topic)."""

URGENT_IMPACT = 70.0
URGENT_PRIORITY = 2.0
WEEK_ONE_PRIORITY = 1.2
WEEKS_TWO_THREE_PRIORITY = 0.8


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


@dataclass(frozen=True)
class Scoring:
    """How a rule scores: impact grows with the share of comments behind it (0..1);
    effort is what acting on it typically costs its area."""

    base: float
    slope: float
    effort: float

    def impact(self, share: float) -> float:
        """Impact 1..100 for this share of evidence."""
        return self.base + self.slope * share


SCORING: dict[TipoRegla, Scoring] = {
    "crisis": Scoring(80, 20, 30),
    "queja": Scoring(50, 45, 35),
    "solicitud": Scoring(40, 40, 60),
    "compra": Scoring(50, 40, 25),
    "tema_negativo": Scoring(45, 50, 50),
    "plataforma_negativa": Scoring(40, 60, 45),
    "detractores": Scoring(40, 50, 30),
    "promotores": Scoring(30, 40, 35),
    "aspiracional": Scoring(30, 40, 40),
}
OPERATIONS_EFFORT = 55
"""Fixing an operational complaint (delivery, stock) costs more than answering it."""


def rule_scores(
    tipo: TipoRegla, area: AreaEstrategica, casos: int, base: int
) -> tuple[float, float]:
    """Impact and effort of a rule-made recommendation: here, not in the analysis, so a
    merge can recompute them from the window's casos / base."""
    scoring = SCORING[tipo]
    effort = OPERATIONS_EFFORT if area == "Operaciones" else scoring.effort
    return scoring.impact(ratio(casos, base)), effort


_TITLES: dict[str, tuple[str, str]] = {
    "crisis": ("Activar el protocolo de crisis", "Activar el protocolo de crisis"),
    "queja": ("Resolver las quejas sobre {foco}", "Resolver las quejas sin tema concreto"),
    "solicitud": ("Atender la petición recurrente de {foco}", "Atender las peticiones recurrentes"),
    "compra": ("Convertir la intención de compra en {foco}", "Convertir la intención de compra"),
    "tema_negativo": (
        "Revisar la percepción de {foco}",
        "Revisar la percepción del tema peor valorado",
    ),
    "plataforma_negativa": ("Recuperar la conversación en {foco}", "Recuperar la conversación"),
    "detractores": ("Contactar a las voces detractoras", "Contactar a las voces detractoras"),
    "promotores": ("Amplificar a las voces promotoras", "Amplificar a las voces promotoras"),
    "aspiracional": (
        "Aprovechar las aspiraciones de la audiencia",
        "Aprovechar las aspiraciones de la audiencia",
    ),
}
_DESCRIPTIONS = {
    "crisis": "{casos} de {base} ({pct}) {v} señales de crisis: la conversación puede crecer.",
    "queja": "Es la queja principal: {casos} de {base} sobre {foco} ({pct}) {v}.",
    "solicitud": "Es la petición más repetida: {casos} de {base} sobre {foco} ({pct}) la {v}.",
    "compra": "{casos} de {base} sobre {foco} ({pct}) {v} intención de compra.",
    "tema_negativo": (
        "{foco} es el tema con el sentimiento más negativo: {casos} de {base} que lo "
        "mencionan ({pct}) {v}."
    ),
    "plataforma_negativa": (
        "{foco} es la plataforma con la conversación más negativa: {casos} de {base} ({pct}) {v}."
    ),
    "detractores": "Los detractores firman {casos} de {base} ({pct}){destacan}.",
    "promotores": "Los promotores firman {casos} de {base} ({pct}){destacan}.",
    "aspiracional": (
        "{casos} de {base} con marco narrativo ({pct}) {v}: la audiencia se proyecta en la marca."
    ),
}
_VERBS = {
    "crisis": ("muestra", "muestran"),
    "queja": ("es una queja", "son quejas"),
    "solicitud": ("pide", "piden"),
    "compra": ("muestra", "muestran"),
    "tema_negativo": ("es negativo", "son negativos"),
    "plataforma_negativa": ("es negativo", "son negativos"),
    "aspiracional": ("es aspiracional", "son aspiracionales"),
}
_ACTIONS = {
    "crisis": (
        "Responder públicamente en menos de 48 horas con un mensaje aprobado por la marca.",
        "Escalar {casos_n} de crisis al responsable de comunicación y documentar cada caso.",
        "Revisar los comentarios nuevos a diario hasta que no aparezcan señales de crisis.",
    ),
    "queja": (
        "Responder uno a uno a {casos_n} con queja sobre {foco}.",
        "Identificar la causa con el equipo responsable y fijar una fecha de solución.",
        "Publicar la solución y comprobar que las quejas sobre {foco} bajan después.",
    ),
    "solicitud": (
        "Evaluar con el equipo de producto la viabilidad de {foco}.",
        "Contestar con una fecha o una alternativa a quienes lo piden ({casos_n}).",
        "Anunciar la novedad en la plataforma donde se pidió.",
    ),
    "compra": (
        "Responder a {casos_n} con precio, disponibilidad y enlace directo.",
        "Añadir una llamada a la acción de compra en las publicaciones sobre {foco}.",
        "Medir cuántas de esas respuestas terminan en compra.",
    ),
    "tema_negativo": (
        "Leer {casos_n} negativos sobre {foco} para aislar la causa.",
        "Preparar una mejora o una respuesta específica sobre {foco}.",
        "Volver a medir el sentimiento de {foco} dentro de dos semanas.",
    ),
    "plataforma_negativa": (
        "Revisar las publicaciones recientes de {foco} que concentran los comentarios negativos.",
        "Ajustar el tono y el formato del contenido de {foco} a lo que pide su audiencia.",
        "Responder en {foco} a los comentarios negativos pendientes.",
    ),
    "detractores": (
        "Escribir por privado a los detractores{quien} con una solución concreta.",
        "Registrar sus motivos para el equipo responsable.",
        "Seguir su postura en las próximas publicaciones.",
    ),
    "promotores": (
        "Agradecer en público a los promotores{quien}.",
        "Invitarles a compartir su experiencia (reseñas, contenido de usuario).",
        "Valorar una colaboración con las voces de mayor autoridad.",
    ),
    "aspiracional": (
        "Publicar contenido con clientes reales que ya logran lo que la audiencia desea.",
        "Responder a {casos_n} aspiracionales invitando a dar el siguiente paso.",
        "Medir si el marco aspiracional crece después de la campaña.",
    ),
}


def _focus_text(tipo: TipoRegla, foco: str | None) -> str:
    if not foco:
        return "varios temas"
    if tipo == "plataforma_negativa":
        return DISPLAY_NAMES.get(foco, foco)
    return quoted(foco)


def rule_title(tipo: TipoRegla, foco: str | None) -> str:
    """Stable per (type, focus) so a recommendation combines across days."""
    with_focus, without = _TITLES[tipo]
    return with_focus.format(foco=_focus_text(tipo, foco)) if foco else without


class Recomendacion(ItemRedactado):
    """One prioritised recommendation with its evidence."""

    LIMIT: ClassVar[int | None] = 50

    tipo: TipoRecomendacion = Field(description="Regla o hallazgo que la origina.")
    foco: str | None = Field(
        default=None, description="A qué se refiere: tópico, plataforma o usuario."
    )
    area: AreaEstrategica = Field(description="Área estratégica responsable.")
    descripcion: str = Field(description="Por qué, con cifras y una cita literal.")
    acciones: list[str] = Field(default_factory=list, description="Acciones concretas, en orden.")
    evidencia: list[Cita] = Field(
        default_factory=list, description="Hasta 3 comentarios literales que la sustentan."
    )
    impacto: float = Field(ge=1, le=100, description="Impacto esperado 1..100.")
    esfuerzo: float = Field(ge=1, le=100, description="Esfuerzo necesario 1..100.")
    casos: int = Field(ge=0, description="Comentarios que la sustentan (peso de la fusión).")
    base: int = Field(ge=0, description="Comentarios del ámbito con que se comparan los casos.")
    ambito: Ambito | None = Field(
        default=None,
        description="Qué cuenta `base` (para recalcularla en una ventana); null = desconocido.",
    )

    @property
    def rank(self) -> tuple[Any, ...]:
        return (-self.prioridad, -self.impacto, self.titulo)

    @computed_field(description="Prioridad = impacto / esfuerzo.")
    @property
    def prioridad(self) -> float:
        return priority(self.impacto, self.esfuerzo)

    @computed_field(description="48 horas / semana 1 / semanas 2–3 / no urgente.")
    @property
    def urgencia(self) -> Urgencia:
        return urgency(self.impacto, self.prioridad)

    @classmethod
    def from_rules(
        cls,
        tipo: TipoRegla,
        foco: str | None,
        area: AreaEstrategica,
        impacto: float,
        esfuerzo: float,
        casos: int,
        base: int,
        evidencia: Sequence[Cita],
        ambito: Ambito | None = None,
    ) -> Self:
        """A recommendation whose text is written from its own numbers and quotes."""
        focus = _focus_text(tipo, foco)
        voices = enumerate_es(list(dict.fromkeys(f"@{quote.autor}" for quote in evidencia)))
        description = _DESCRIPTIONS[tipo].format(
            casos=casos,
            base=plural(base, "comentario", "comentarios"),
            pct=share(casos, base),
            foco=focus,
            destacan=f"; destacan {voices}" if voices else "",
            v=agree(casos, *_VERBS.get(tipo, ("", ""))),
        )
        description = description[0].upper() + description[1:]
        description += example_suffix(evidencia)
        casos_n = plural(casos, "comentario", "comentarios")
        return cls(
            titulo=rule_title(tipo, foco),
            tipo=tipo,
            foco=foco,
            area=area,
            descripcion=description,
            acciones=[
                action.format(casos_n=casos_n, foco=focus, quien=f" ({voices})" if voices else "")
                for action in _ACTIONS[tipo]
            ],
            evidencia=list(evidencia),
            impacto=on_scale(impacto, 1, 100),
            esfuerzo=on_scale(esfuerzo, 1, 100),
            casos=casos,
            base=base,
            ambito=ambito,
            origen="reglas",
        )

    @property
    def by_rules(self) -> bool:
        """Its text and scores are functions of its numbers (so a merge recomputes them)."""
        return self.origen == "reglas" and self.tipo != "otro"

    def with_base(self, total: int) -> Self:
        """This rule-made recommendation re-grounded on ``total`` comments of its scope."""
        base = max(total, self.casos)
        impact, effort = rule_scores(self.tipo, self.area, self.casos, base)
        return self.from_rules(
            self.tipo,
            self.foco,
            self.area,
            impact,
            effort,
            self.casos,
            base,
            self.evidencia,
            self.ambito,
        )

    @classmethod
    def combine(cls, items: Sequence[Self]) -> Self:
        """Counts add, impact and effort re-weight by cases; rule text is re-rendered."""
        lead = min(items, key=lambda item: (-item.casos, item.foco or "", item.descripcion))
        weights = [(item, item.casos) for item in items]
        impact = on_scale(weighted_mean((item.impacto, w) for item, w in weights), 1, 100)
        effort = on_scale(weighted_mean((item.esfuerzo, w) for item, w in weights), 1, 100)
        cases = sum(item.casos for item in items)
        base = sum(item.base for item in items)
        evidence = fuse(item.evidencia for item in items)
        scope = next((item.ambito for item in items if item.ambito is not None), None)
        if all(item.by_rules for item in items):
            return cls.from_rules(
                lead.tipo, lead.foco, lead.area, impact, effort, cases, base, evidence, scope
            )
        return lead.model_copy(
            update={
                "impacto": impact,
                "esfuerzo": effort,
                "casos": cases,
                "base": base,
                "evidencia": evidence,
                "ambito": scope,
                "origen": "llm",
            }
        )


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


class BaseAmbito(Additive):
    """How many comments a scope holds on a platform: a recommendation's ``base``."""

    LIMIT: ClassVar[int | None] = 100

    ambito: Ambito = Field(description="Qué se cuenta: comentarios, enmarcados o un tópico.")
    tema: str | None = Field(
        default=None, description="Tópico si ambito = tema (null = comentarios sin tópico)."
    )
    comentarios: int = Field(default=0, ge=0, description="Comentarios del ámbito.")

    @property
    def key(self) -> Hashable:
        return (self.ambito, self.tema)

    @property
    def group(self) -> Hashable:
        """Topics are cut at ``LIMIT``; the two platform-wide counts are always kept."""
        return self.ambito

    @property
    def rank(self) -> tuple[Any, ...]:
        return (-self.comentarios, self.ambito, self.tema is not None, self.tema or "")


def scope_key(item: Recomendacion) -> tuple[Ambito | None, str | None]:
    """The :class:`BaseAmbito` key a recommendation's base counts."""
    return (item.ambito, item.foco if item.ambito == "tema" else None)


class Q9Result(ModuleResult):
    """Q9 for a set of rows.

    Scope totals are stored apart from the recommendations: a day can add comments to
    a scope without raising anything, and the window's base must count them.
    """

    publicaciones: list[Q9Post] = Field(
        default_factory=list, description="Comentarios accionables por publicación y área."
    )
    recomendaciones_por_plataforma: dict[Platform, list[Recomendacion]] = Field(
        default_factory=dict, description="Por plataforma, hasta 50 recomendaciones por prioridad."
    )
    bases_por_plataforma: dict[Platform, list[BaseAmbito]] = Field(
        default_factory=dict,
        description="Por plataforma, comentarios de cada ámbito (todos, enmarcados, tópicos).",
    )

    @classmethod
    def merge(cls, results: Iterable[Self]) -> Self:
        """The generic merge, then each rule-made recommendation of known scope re-grounded
        on the window's total of that scope (a scope missing from the table keeps its own
        base)."""
        merged = super().merge(results)
        grounded = {}
        for platform, items in merged.recomendaciones_por_plataforma.items():
            totals = {
                (b.ambito, b.tema): b.comentarios
                for b in merged.bases_por_plataforma.get(platform, [])
            }
            items = [
                item.with_base(totals[scope_key(item)])
                if item.by_rules and scope_key(item) in totals
                else item
                for item in items
            ]
            grounded[platform] = cut(sorted(items, key=attrgetter("rank")))
        return merged.model_copy(update={"recomendaciones_por_plataforma": grounded})

    @computed_field(description="Recomendaciones de todas las plataformas, combinadas por título.")
    @property
    def recomendaciones(self) -> list[Recomendacion]:
        return fuse(self.recomendaciones_por_plataforma.values())

    @computed_field(description="Cuántas recomendaciones hay en cada banda de urgencia.")
    @property
    def por_urgencia(self) -> dict[Urgencia, int]:
        counts = dict.fromkeys(URGENCIAS, 0)
        for item in self.recomendaciones:
            counts[item.urgencia] += 1
        return counts

    @computed_field(description="Comentarios accionables por área, en total.")
    @property
    def comentarios_por_area(self) -> dict[AreaEstrategica, int]:
        counts = sum_dicts(post.comentarios_por_area for post in self.publicaciones)
        return {area: counts.get(area, 0) for area in AREAS}
