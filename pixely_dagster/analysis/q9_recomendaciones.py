"""Q9 · Recomendaciones for one partition: rules over Q1–Q8, one platform at a time.

Each rule reads the partition's Q1–Q8 restricted to one platform (so recommendations
can be filtered by platform after a merge) and returns at most one recommendation,
grounded in its numbers and verbatim quotes. Impact and effort (1..100) come from
the rule's evidence share (:func:`pixely_api.insights.q9_recomendaciones.rule_scores`);
the text is rendered by
:meth:`pixely_api.insights.q9_recomendaciones.Recomendacion.from_rules`. Each platform's
scope totals (all comments, framed comments, topic mentions) are stored beside them so
a merge re-grounds every base on the window. Q1, Q2 and Q8
are accepted for the synthesis step that may replace these rules; the rules use
Q3–Q7.
"""

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter

from pixely_api.insights.bundle import ModuleResults
from pixely_api.insights.evidence import Cita
from pixely_api.insights.labels import PLATFORMS, Platform
from pixely_api.insights.merging import cut, percent
from pixely_api.insights.q3_topicos import Q3Result
from pixely_api.insights.q4_marcos_narrativos import Q4Result
from pixely_api.insights.q5_influenciadores import Q5Result
from pixely_api.insights.q6_oportunidades import Q6Result
from pixely_api.insights.q7_sentimiento_detallado import Q7Result
from pixely_api.insights.q9_recomendaciones import (
    AREAS,
    Ambito,
    AreaEstrategica,
    BaseAmbito,
    Q9Post,
    Q9Result,
    Recomendacion,
    TipoRegla,
    rule_scores,
)
from pixely_dagster.analysis.annotation import Annotation
from pixely_dagster.analysis.items import PartitionBatch
from pixely_dagster.analysis.shared import QuotePicker, post_platforms, quote_of

OPERATIONS_TOPICS = frozenset(
    {"envio", "entrega", "pedido", "reparto", "delivery", "paquete", "logistica", "stock"}
    | {"inventario", "espera", "demora", "retraso", "cola", "fila", "horario", "tienda"}
    | {"local", "sucursal", "devolucion", "reembolso"}
)
"""Complaints about these topics are operational (delivery, stock, waiting, stores)."""
NEGATIVE_TOPIC_SENTIMENT = -0.2
PLATFORM_GAP_POINTS = 10.0
"""A platform is flagged when its negative share exceeds the rest's by this much."""
ASPIRATIONAL_SHARE = 20.0
MIN_CASES = 2
"""Rules about a share (topic, platform, frame) need at least two comments."""


def complaint_area(topics: tuple[str, ...] | list[str]) -> AreaEstrategica:
    """Operaciones for operational topics, Atención al Cliente otherwise."""
    return "Operaciones" if OPERATIONS_TOPICS.intersection(topics) else "Atención al Cliente"


def comment_areas(annotation: Annotation) -> set[AreaEstrategica]:
    """Where a comment's work lands: complaints, requests, purchases, crises."""
    areas: set[AreaEstrategica] = set()
    if annotation.is_complaint:
        areas.add(complaint_area(annotation.topics))
    if annotation.is_request:
        areas.add("Producto/Servicio")
    if annotation.purchase_intent:
        areas.add("Ventas y Conversión")
    if annotation.crisis:
        areas.add("Marketing y Comunicación")
    return areas


@dataclass(frozen=True)
class PlatformView:
    """One platform's Q3–Q7, the all-platform Q7 to compare with, and batch quotes."""

    platform: Platform
    q3: Q3Result
    q4: Q4Result
    q5: Q5Result
    q6: Q6Result
    q7: Q7Result
    all_q7: Q7Result
    quotes: QuotePicker

    def picked(self, kind: str) -> list[Cita]:
        """The platform's best batch quotes of one kind (``crisis`` or ``negativo``)."""
        return self.quotes.pick((self.platform, kind))


def _scored(
    tipo: TipoRegla,
    foco: str | None,
    area: AreaEstrategica,
    casos: int,
    base: int,
    evidencia: list[Cita],
    ambito: Ambito,
) -> Recomendacion:
    impact, effort = rule_scores(tipo, area, casos, base)
    return Recomendacion.from_rules(
        tipo=tipo,
        foco=foco,
        area=area,
        impacto=impact,
        esfuerzo=effort,
        casos=casos,
        base=base,
        evidencia=evidencia,
        ambito=ambito,
    )


def scope_totals(view: PlatformView) -> list[BaseAmbito]:
    """The platform's counts every rule's ``base`` is taken from, ranked and cut."""
    tables = view.q6.menciones_por_plataforma.get(view.platform, [])
    totals = [
        BaseAmbito(ambito="comentarios", comentarios=view.q7.num_comentarios),
        BaseAmbito(ambito="enmarcados", comentarios=sum(view.q4.marcos.values())),
        *(BaseAmbito(ambito="tema", tema=t.tema, comentarios=t.menciones) for t in tables),
    ]
    return cut(sorted(totals, key=attrgetter("rank")))


def _crisis(view: PlatformView) -> Recomendacion | None:
    cases, base = view.q6.crisis, view.q7.num_comentarios
    if not cases:
        return None
    evidence = view.picked("crisis")
    return _scored("crisis", None, "Marketing y Comunicación", cases, base, evidence, "comentarios")


def _from_demand(
    view: PlatformView, kind: str, tipo: TipoRegla, area: AreaEstrategica | None = None
) -> Recomendacion | None:
    """The platform's top Q6 opportunity of one kind (most demand), as a recommendation."""
    found = [o for o in view.q6.oportunidades if o.tipo == kind]
    top = min(found, key=lambda o: (-o.demanda, o.rank), default=None)
    if top is None:
        return None
    area = area or complaint_area([top.tema] if top.tema else [])
    return _scored(tipo, top.tema, area, top.demanda, top.menciones, top.evidencia, "tema")


def _negative_topic(view: PlatformView) -> Recomendacion | None:
    topic = view.q3.tema_mas_negativo
    if topic is None or topic.negativos < MIN_CASES or topic.sentimiento > NEGATIVE_TOPIC_SENTIMENT:
        return None
    evidence = [topic.ejemplo_negativo] if topic.ejemplo_negativo else []
    area: AreaEstrategica = "Producto/Servicio"
    return _scored(
        "tema_negativo", topic.tema, area, topic.negativos, topic.menciones, evidence, "tema"
    )


def _falling_platform(view: PlatformView) -> Recomendacion | None:
    """The platform whose conversation is clearly more negative than the others'."""
    mine = view.all_q7.por_plataforma.get(view.platform)
    others = [s for p, s in view.all_q7.por_plataforma.items() if p != view.platform]
    if mine is None or not others:
        return None
    negatives = mine.sentimientos["negative"]
    rest_share = percent(
        sum(s.sentimientos["negative"] for s in others), sum(s.num_comentarios for s in others)
    )
    if negatives < MIN_CASES or mine.porcentajes["negative"] - rest_share < PLATFORM_GAP_POINTS:
        return None
    area: AreaEstrategica = "Marketing y Comunicación"
    evidence = view.picked("negativo")
    return _scored(
        "plataforma_negativa",
        view.platform,
        area,
        negatives,
        mine.num_comentarios,
        evidence,
        "comentarios",
    )


def _voices(view: PlatformView, polarity: str) -> Recomendacion | None:
    voices = [v for v in view.q5.voces_clave if v.polaridad == polarity]
    if not voices:
        return None
    detractors = polarity == "Detractor"
    cases = sum(p.detractores if detractors else p.promotores for p in view.q5.publicaciones)
    return _scored(
        "detractores" if detractors else "promotores",
        None,
        "Atención al Cliente" if detractors else "Marketing y Comunicación",
        cases,
        view.q5.num_comentarios,
        [v.evidencia for v in voices if v.evidencia][: Cita.LIMIT],
        "comentarios",
    )


def _aspirational(view: PlatformView) -> Recomendacion | None:
    framed = sum(view.q4.marcos.values())
    cases = view.q4.marcos["aspiracional"]
    if cases < MIN_CASES or percent(cases, framed) < ASPIRATIONAL_SHARE:
        return None
    evidence = [
        Cita(texto=e.texto, autor=e.autor, post_url=e.post_url, puntuacion=e.puntuacion)
        for e in view.q4.ejemplos
        if e.marco == "aspiracional"
    ]
    area: AreaEstrategica = "Marketing y Comunicación"
    return _scored("aspiracional", None, area, cases, framed, evidence, "enmarcados")


RULES: tuple[Callable[[PlatformView], Recomendacion | None], ...] = (
    _crisis,
    lambda view: _from_demand(view, "queja", "queja"),
    lambda view: _from_demand(view, "solicitud", "solicitud", "Producto/Servicio"),
    lambda view: _from_demand(view, "intencion_compra", "compra", "Ventas y Conversión"),
    _negative_topic,
    _falling_platform,
    lambda view: _voices(view, "Detractor"),
    lambda view: _voices(view, "Promotor"),
    _aspirational,
)


def analyze(batch: PartitionBatch, upstream: ModuleResults) -> Q9Result:
    """Actionable comments per post and area; each platform's recommendations by rule."""
    q3, q4, q5, q6, q7 = upstream.q3, upstream.q4, upstream.q5, upstream.q6, upstream.q7
    platforms = post_platforms(batch)
    areas = {url: dict.fromkeys(AREAS, 0) for url in platforms}
    actionable = dict.fromkeys(platforms, 0)
    counts = dict.fromkeys(platforms, 0)
    quotes = QuotePicker(Cita.LIMIT or 1)
    for comment, annotation in zip(batch.comments, batch.annotations, strict=True):
        url = comment.post_url
        counts[url] += 1
        found = comment_areas(annotation)
        if found:
            actionable[url] += 1
            for area in found:
                areas[url][area] += 1
        if annotation.crisis:
            quotes.offer((platforms[url], "crisis"), -annotation.polarity, quote_of(comment))
        if annotation.sentiment == "negative":
            quotes.offer((platforms[url], "negativo"), -annotation.polarity, quote_of(comment))
    recommendations: dict[Platform, list[Recomendacion]] = {}
    bases: dict[Platform, list[BaseAmbito]] = {}
    for platform in PLATFORMS:
        if platform not in platforms.values():
            continue
        view = PlatformView(
            platform=platform,
            q3=q3.restrict(platform),
            q4=q4.restrict(platform),
            q5=q5.restrict(platform),
            q6=q6.restrict(platform),
            q7=q7.restrict(platform),
            all_q7=q7,
            quotes=quotes,
        )
        bases[platform] = scope_totals(view)
        found_recs = [rec for rule in RULES if (rec := rule(view)) is not None]
        if found_recs:
            recommendations[platform] = cut(sorted(found_recs, key=attrgetter("rank")))
    return Q9Result(
        publicaciones=[
            Q9Post(
                post_url=url,
                platform=platform,
                num_comentarios=counts[url],
                comentarios_por_area=areas[url],
                accionables=actionable[url],
            )
            for url, platform in platforms.items()
        ],
        recomendaciones_por_plataforma=recommendations,
        bases_por_plataforma=bases,
    )
