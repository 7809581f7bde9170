"""Q9 · Recomendaciones for one partition: where the work lands, and the rules' inputs.

The recommendations are computed from the merged inputs when a window is read
(:mod:`pixely_api.insights.q9_rules`); here the partition's Q1–Q8 (one
:class:`ModuleResults` bundle) give those inputs: Q6's aspect demand table, Q5's
author table, and per platform the totals of Q4 and Q7 with the partition's crisis,
negative and aspirational quotes.
"""

from collections import defaultdict

from pixely_api.insights.bundle import ModuleResults
from pixely_api.insights.evidence import Cita
from pixely_api.insights.labels import PLATFORMS, Platform
from pixely_api.insights.q9_recomendaciones import (
    AREAS,
    AreaEstrategica,
    PosturaAutor,
    Q9Post,
    Q9Result,
    TotalPlataforma,
)
from pixely_api.insights.q9_rules.demanda import area_of
from pixely_dagster.analysis.annotation import Annotation
from pixely_dagster.analysis.items import PartitionBatch
from pixely_dagster.analysis.shared import (
    QuotePicker,
    frame_of,
    post_platforms,
    quote_of,
    username,
)


def complaint_area(topics: tuple[str, ...] | list[str]) -> AreaEstrategica:
    """The area of a complaint's first aspect that has one (Atención al Cliente without)."""
    areas = [area_of(t) for t in topics]
    owned = [a for a in areas if a != "Producto/Servicio"]
    return owned[0] if owned else ("Producto/Servicio" if areas else "Atención al Cliente")


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


def analyze(batch: PartitionBatch, upstream: ModuleResults) -> Q9Result:
    """Actionable comments per post and area; each platform's rule inputs."""
    platforms = post_platforms(batch)
    areas = {url: dict.fromkeys(AREAS, 0) for url in platforms}
    actionable = dict.fromkeys(platforms, 0)
    counts = dict.fromkeys(platforms, 0)
    quotes = QuotePicker(Cita.LIMIT or 1)
    tallies: dict[Platform, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for comment, annotation in zip(batch.comments, batch.annotations, strict=True):
        url = comment.post_url
        platform = platforms[url]
        counts[url] += 1
        found = comment_areas(annotation)
        if found:
            actionable[url] += 1
            for area in found:
                areas[url][area] += 1
        if annotation.crisis:
            quotes.offer((platform, "crisis"), -annotation.polarity, quote_of(comment))
            tallies[platform]["crisis"].add(username(comment.author))
        if annotation.sentiment == "negative":
            quotes.offer((platform, "negativo"), -annotation.polarity, quote_of(comment))
        if frame_of(comment, annotation) == "aspiracional":
            quotes.offer((platform, "aspiracional"), annotation.polarity, quote_of(comment))
            tallies[platform]["aspiracional"].add(username(comment.author))
    totals: dict[Platform, list[TotalPlataforma]] = {}
    for platform in PLATFORMS:
        if platform not in platforms.values():
            continue
        q7 = upstream.q7.restrict(platform)
        q4 = upstream.q4.restrict(platform)
        q6 = upstream.q6.restrict(platform)
        totals[platform] = [
            TotalPlataforma(
                platform=platform,
                comentarios=q7.num_comentarios,
                negativos=q7.general.sentimientos["negative"],
                crisis=q6.crisis,
                autores_crisis=sorted(tallies[platform]["crisis"]),
                enmarcados=sum(q4.marcos.values()),
                aspiracionales=q4.marcos["aspiracional"],
                autores_aspiracionales=sorted(tallies[platform]["aspiracional"]),
                evidencia_crisis=quotes.pick((platform, "crisis")),
                evidencia_negativa=quotes.pick((platform, "negativo")),
                evidencia_aspiracional=quotes.pick((platform, "aspiracional")),
            )
        ]
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
        demanda_por_plataforma=upstream.q6.demanda_por_plataforma,
        autores_por_plataforma={
            platform: sorted(
                (
                    PosturaAutor(
                        autor=a.autor,
                        num_comentarios=a.num_comentarios,
                        promotores=a.promotores,
                        detractores=a.detractores,
                        salidas=a.salidas,
                    )
                    for a in authors
                    if a.num_comentarios
                ),
                key=lambda p: p.rank,
            )
            for platform, authors in upstream.q5.autores_por_plataforma.items()
        },
        totales_por_plataforma=totals,
    )
