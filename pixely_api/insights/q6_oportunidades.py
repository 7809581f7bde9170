"""Q6 · Oportunidades: unmet demand (``gap_score``) × impact/urgency (``competencia_score``).

Stored: per platform, one :class:`DemandaAspecto` per aspect with every count an
opportunity is made of (mentions, complaints, requests, purchase questions, the
commenters behind each as sets, urgency sums, demand per day, the best quotes). Those
merge exactly, so the opportunities are **computed at read time** from the window's
merged table (:func:`opportunities`), like Q10: any window's texts quote that
window's numbers, and a list is never cut before days or platforms are combined.

An opportunity needs evidence (:mod:`pixely_api.insights.umbrales`): enough different
people and enough of the window. It ranks by volume × negativity × recency, so 99
complaints outrank 3. A competitor named by the audience is a competitive insight
(``tipo = "competencia"``), never an internal problem; a place is never a complaint.
"""

from collections.abc import Hashable, Sequence
from datetime import date, timedelta
from functools import cached_property
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

from pixely_api.insights.evidence import Cita
from pixely_api.insights.labels import ClaseTema, Platform
from pixely_api.insights.merging import Additive, fuse, percent, ratio, settled
from pixely_api.insights.redactado import example_suffix
from pixely_api.insights.result import ModuleResult, PostPart
from pixely_api.insights.text import plural, quoted, share
from pixely_api.insights.umbrales import (
    CRITICAL_COMMENTERS,
    CRITICAL_WINDOW_SHARE,
    RECENT_DAYS,
    enough,
)

ActividadBanda = Literal["Alta", "Media", "Baja"]
TipoDemanda = Literal["queja", "solicitud", "intencion_compra"]
TipoOportunidad = Literal[TipoDemanda, "competencia"]
TIPOS_DEMANDA: tuple[TipoDemanda, ...] = ("queja", "solicitud", "intencion_compra")

HIGH_GAP = 70.0
MEDIUM_GAP = 40.0
CRITICAL_SCORE = 70.0
MAX_OPPORTUNITIES = 20


def activity_band(gap_score: float) -> ActividadBanda:
    """``Alta`` ≥ 70, ``Media`` 40–69, ``Baja`` < 40 (on the 0..100 gap scale)."""
    gap_score = settled(gap_score)
    if gap_score >= HIGH_GAP:
        return "Alta"
    if gap_score >= MEDIUM_GAP:
        return "Media"
    return "Baja"


def is_critical(gap_score: float, competencia_score: float) -> bool:
    """High demand and high impact at once (both ≥ 70); evidence is checked apart."""
    return settled(gap_score) >= CRITICAL_SCORE and settled(competencia_score) >= CRITICAL_SCORE


class DemandaAspecto(Additive):
    """Everything a window's opportunities about one aspect are computed from."""

    tema: str | None = Field(default=None, description="Aspecto; null = comentarios sin tema.")
    clase: ClaseTema = Field(default="aspecto", description="aspecto, lugar o competidor.")
    menciones: int = Field(default=0, ge=0, description="Comentarios que lo mencionan.")
    autores: list[str] = Field(default_factory=list, description="Quiénes lo mencionan.")
    negativos: int = Field(default=0, ge=0, description="Menciones negativas.")
    demanda: dict[TipoDemanda, int] = Field(
        default_factory=dict, description="Comentarios por tipo de demanda."
    )
    urgencia: dict[TipoDemanda, float] = Field(
        default_factory=dict, description="Suma de la urgencia 0..1 por tipo de demanda."
    )
    autores_queja: list[str] = Field(default_factory=list, description="Quiénes se quejan.")
    autores_solicitud: list[str] = Field(default_factory=list, description="Quiénes piden.")
    autores_intencion_compra: list[str] = Field(
        default_factory=list, description="Quiénes preguntan para comprar."
    )
    dias: dict[str, int] = Field(
        default_factory=dict,
        description="Comentarios por «tipo:día» (tipo de demanda o «mencion», día ISO).",
    )
    evidencia_queja: list[Cita] = Field(default_factory=list, description="Quejas literales.")
    evidencia_solicitud: list[Cita] = Field(default_factory=list, description="Peticiones.")
    evidencia_intencion_compra: list[Cita] = Field(
        default_factory=list, description="Preguntas de compra literales."
    )

    @property
    def key(self) -> Hashable:
        return self.tema

    @property
    def rank(self) -> tuple[Any, ...]:
        return (-self.menciones, self.tema is not None, self.tema or "")

    def people(self, tipo: TipoDemanda) -> list[str]:
        return getattr(self, f"autores_{tipo}")  # type: ignore[no-any-return]

    def quotes(self, tipo: TipoDemanda) -> list[Cita]:
        return getattr(self, f"evidencia_{tipo}")  # type: ignore[no-any-return]


class Oportunidad(BaseModel):
    """One opportunity of a window, computed from its merged counts."""

    model_config = ConfigDict(frozen=True)

    titulo: str = Field(description="Título breve y específico.")
    tipo: TipoOportunidad = Field(description="queja, solicitud, intención de compra, competencia.")
    tema: str = Field(description="Aspecto al que se refiere.")
    detalle: str = Field(description="Qué pasa, con cifras del periodo y una cita literal.")
    accion: str = Field(description="Acción concreta recomendada.")
    evidencia: list[Cita] = Field(default_factory=list, description="Hasta 3 comentarios.")
    menciones: int = Field(ge=0, description="Comentarios sobre el aspecto en el periodo.")
    demanda: int = Field(ge=0, description="De ellos, los que expresan la necesidad.")
    personas: int = Field(ge=0, description="Personas distintas que la expresan.")
    recientes: int = Field(ge=0, description="Comentarios de demanda de los últimos 14 días.")
    gap_score: float = Field(ge=0, le=100, description="% de las menciones que la expresan.")
    competencia_score: float = Field(ge=0, le=100, description="Urgencia media 0..100.")
    puntuacion: float = Field(ge=0, description="Orden: volumen × negatividad × recencia.")
    es_critica: bool = Field(description="Ambas puntuaciones ≥ 70 y evidencia amplia.")

    @computed_field(description="Banda según gap_score: Alta ≥ 70, Media 40–69, Baja < 40.")
    @property
    def actividad(self) -> ActividadBanda:
        return activity_band(self.gap_score)


_TITLES: dict[TipoOportunidad, str] = {
    "queja": "Resolver las quejas sobre {tema}",
    "solicitud": "Responder a lo que piden sobre {tema}",
    "intencion_compra": "Convertir las preguntas de compra sobre {tema}",
    "competencia": "Vigilar la comparación con {tema}",
}
_VERBS: dict[TipoOportunidad, tuple[str, str]] = {
    "queja": ("es una queja", "son quejas"),
    "solicitud": ("pide algo concreto", "piden algo concreto"),
    "intencion_compra": ("pregunta para comprar", "preguntan para comprar"),
    "competencia": ("lo menciona", "lo mencionan"),
}
_ACTIONS: dict[TipoOportunidad, str] = {
    "queja": (
        "Responder a las {personas} que se quejan de {tema}, identificar la causa con el "
        "área responsable y publicar la solución con fecha."
    ),
    "solicitud": (
        "Contestar con una fecha o una alternativa a las {personas} que piden algo sobre "
        "{tema}, y evaluar si conviene ofrecerlo."
    ),
    "intencion_compra": (
        "Responder a las {personas} que preguntan por {tema} con precio, disponibilidad y "
        "enlace, y medir cuántas compran."
    ),
    "competencia": (
        "Leer qué comparan las {personas} que nombran a {tema} (precio, producto, servicio) "
        "y responder con lo que distingue a la marca."
    ),
}


MENTION = "mencion"


def window_end(table: Sequence[DemandaAspecto]) -> date | None:
    """The last day of the window the table covers."""
    days = [key.partition(":")[2] for row in table for key in row.dias]
    return date.fromisoformat(max(days)) if days else None


def recent(row: DemandaAspecto, kind: str, end: date | None) -> int:
    """Comments of one kind (``mencion`` or a demand type) in the last :data:`RECENT_DAYS`."""
    if end is None:
        return 0
    first = (end - timedelta(days=RECENT_DAYS - 1)).isoformat()
    return sum(
        count
        for key, count in row.dias.items()
        if key.partition(":")[0] == kind and key.partition(":")[2] >= first
    )


def strength(count: int, negative_share: float, recent_count: int, total: int) -> float:
    """Volume × negativity × recency: the order opportunities and actions share."""
    recency = 0.5 + 0.5 * ratio(recent_count, total)
    return settled(count * (0.5 + 0.5 * negative_share) * recency)


def _opportunity(
    row: DemandaAspecto, tipo: TipoOportunidad, window: int, end: date | None
) -> Oportunidad | None:
    assert row.tema is not None
    if tipo == "competencia":
        count, people, quotes, urgency = row.menciones, len(row.autores), [], 0.0
    else:
        count = row.demanda.get(tipo, 0)
        people, quotes = len(row.people(tipo)), row.quotes(tipo)
        urgency = percent(row.urgencia.get(tipo, 0.0), count)
    if not count or not enough(people, count, window):
        return None
    mentions = max(row.menciones, count)
    gap = min(100.0, percent(count, mentions))
    recent_count = recent(row, MENTION if tipo == "competencia" else tipo, end)
    subject = quoted(row.tema)
    singular, many = _VERBS[tipo]
    verb = singular if count == 1 else many
    detail = (
        f"{count} de {plural(mentions, 'comentario', 'comentarios')} sobre {subject} "
        f"({share(count, mentions)}) {verb}, de {plural(people, 'persona', 'personas')} "
        f"distintas; {plural(recent_count, 'comentario', 'comentarios')} en los últimos "
        f"{RECENT_DAYS} días."
    )
    critical = (
        tipo != "competencia"
        and is_critical(gap, urgency)
        and people >= CRITICAL_COMMENTERS
        and 100.0 * count >= CRITICAL_WINDOW_SHARE * window
    )
    return Oportunidad(
        titulo=_TITLES[tipo].format(tema=subject),
        tipo=tipo,
        tema=row.tema,
        detalle=detail + example_suffix(quotes),
        accion=_ACTIONS[tipo].format(personas=people, tema=subject),
        evidencia=list(quotes),
        menciones=mentions,
        demanda=count,
        personas=people,
        recientes=recent_count,
        gap_score=gap,
        competencia_score=min(100.0, urgency),
        puntuacion=strength(count, ratio(row.negativos, row.menciones), recent_count, count),
        es_critica=critical,
    )


def opportunities(table: Sequence[DemandaAspecto], window: int) -> list[Oportunidad]:
    """A window's opportunities from its merged aspect table (``window`` comments)."""
    end = window_end(table)
    found: list[Oportunidad] = []
    for row in table:
        if row.tema is None:
            continue
        if row.clase == "competidor":
            kinds: tuple[TipoOportunidad, ...] = ("competencia",)
        elif row.clase == "lugar":
            kinds = ("solicitud", "intencion_compra")
        else:
            kinds = TIPOS_DEMANDA
        for tipo in kinds:
            item = _opportunity(row, tipo, window, end)
            if item is not None:
                found.append(item)
    found.sort(key=lambda o: (-o.puntuacion, -o.demanda, o.titulo))
    return found[:MAX_OPPORTUNITIES]


class Q6Post(PostPart):
    """Demand signals in one post's comments."""

    solicitudes: int = Field(default=0, ge=0, description="Comentarios que piden algo.")
    quejas: int = Field(default=0, ge=0, description="Comentarios con una queja.")
    intencion_compra: int = Field(
        default=0, ge=0, description="Preguntas o peticiones con intención de compra."
    )
    crisis: int = Field(default=0, ge=0, description="Comentarios con señales de crisis.")


class Q6Result(ModuleResult):
    """Q6 for a set of rows: the stored aspect tables, the opportunities computed."""

    whole_tables: ClassVar[frozenset[str]] = frozenset({"aspectos"})

    publicaciones: list[Q6Post] = Field(
        default_factory=list,
        description="Señales de demanda por publicación, ordenadas por post_url.",
    )
    demanda_por_plataforma: dict[Platform, list[DemandaAspecto]] = Field(
        default_factory=dict, description="Por plataforma, la demanda de cada aspecto (completa)."
    )

    @computed_field(description="Demanda por aspecto de todas las plataformas.")
    @cached_property
    def aspectos(self) -> list[DemandaAspecto]:
        return fuse(self.demanda_por_plataforma.values())

    @computed_field(description="Oportunidades del periodo, por volumen × negatividad × recencia.")
    @cached_property
    def oportunidades(self) -> list[Oportunidad]:
        return opportunities(self.aspectos, self.num_comentarios)

    @computed_field(description="Cuántas oportunidades son críticas.")
    @cached_property
    def num_criticas(self) -> int:
        return sum(1 for item in self.oportunidades if item.es_critica)

    @computed_field(description="Comentarios que piden algo, en total.")
    @cached_property
    def solicitudes(self) -> int:
        return sum(post.solicitudes for post in self.publicaciones)

    @computed_field(description="Comentarios con queja, en total.")
    @cached_property
    def quejas(self) -> int:
        return sum(post.quejas for post in self.publicaciones)

    @computed_field(description="Comentarios con intención de compra, en total.")
    @cached_property
    def intencion_compra(self) -> int:
        return sum(post.intencion_compra for post in self.publicaciones)

    @computed_field(description="Comentarios con señales de crisis, en total.")
    @cached_property
    def crisis(self) -> int:
        return sum(post.crisis for post in self.publicaciones)
