"""Q6 · Oportunidades for one partition: demand per (platform, type, topic), rule-written.

Every comment that asks for something, complains or wants to buy is demand for each
of its topics (or for "no topic"). Per platform and topic:

- ``gap_score`` = share of the topic's comments that express that demand (0..100);
- ``competencia_score`` = mean urgency of those demand comments (0..100), see
  :func:`urgency`.

No support threshold is applied here: a threshold per day would make the merge of
days differ from the analysis of the whole; ranking damps thin evidence instead.
"""

from collections import defaultdict
from collections.abc import Iterator
from operator import attrgetter

from pixely_api.insights.evidence import Cita
from pixely_api.insights.labels import PLATFORMS, Platform
from pixely_api.insights.merging import cut, percent
from pixely_api.insights.q6_oportunidades import (
    MencionesTema,
    Oportunidad,
    Q6Post,
    Q6Result,
    TipoRegla,
)
from pixely_dagster.analysis.annotation import Annotation
from pixely_dagster.analysis.items import PartitionBatch
from pixely_dagster.analysis.shared import QuotePicker, post_platforms, quote_of

CRISIS_URGENCY = 1.0
PURCHASE_URGENCY = 0.7
REQUEST_URGENCY = 0.5
COMPLAINT_URGENCY = 0.4
"""A complaint starts at 0.4 and rises to 1.0 with its negativity."""


def urgency(annotation: Annotation) -> float:
    """How costly it is to leave this comment unanswered, 0..1.

    Crisis 1.0; purchase intent 0.7 (a sale at stake); a complaint 0.4 + 0.6 × its
    negativity; a request 0.5; the highest that applies.
    """
    if annotation.crisis:
        return CRISIS_URGENCY
    value = 0.0
    if annotation.purchase_intent:
        value = PURCHASE_URGENCY
    if annotation.is_request:
        value = max(value, REQUEST_URGENCY)
    if annotation.is_complaint:
        negativity = max(0.0, -annotation.polarity)
        value = max(value, COMPLAINT_URGENCY + (1 - COMPLAINT_URGENCY) * negativity)
    return value


def demand_types(annotation: Annotation) -> Iterator[TipoRegla]:
    """The kinds of demand a comment expresses."""
    if annotation.is_complaint:
        yield "queja"
    if annotation.is_request:
        yield "solicitud"
    if annotation.purchase_intent:
        yield "intencion_compra"


def analyze(batch: PartitionBatch) -> Q6Result:
    """Count demand signals per post; build each platform's opportunities from the rules."""
    platforms = post_platforms(batch)
    posts = {url: [0, 0, 0, 0, 0] for url in platforms}
    mentions: dict[tuple[Platform, str | None], int] = defaultdict(int)
    demand: dict[tuple[Platform, TipoRegla, str | None], list[float]] = defaultdict(
        lambda: [0, 0.0]
    )
    picker = QuotePicker(Cita.LIMIT or 1)
    for comment, annotation in zip(batch.comments, batch.annotations, strict=True):
        post = posts[comment.post_url]
        post[0] += 1
        post[1] += annotation.is_request
        post[2] += annotation.is_complaint
        post[3] += annotation.purchase_intent
        post[4] += annotation.crisis
        platform = platforms[comment.post_url]
        topics: tuple[str | None, ...] = tuple(dict.fromkeys(annotation.topics)) or (None,)
        for topic in topics:
            mentions[platform, topic] += 1
        kinds = tuple(demand_types(annotation))
        if not kinds:
            continue
        score = urgency(annotation)
        quote = quote_of(comment)
        for kind in kinds:
            for topic in topics:
                tally = demand[platform, kind, topic]
                tally[0] += 1
                tally[1] += score
                picker.offer((platform, kind, topic), score, quote)
    opportunities: dict[Platform, list[Oportunidad]] = defaultdict(list)
    for (platform, kind, topic), (count, urgency_sum) in demand.items():
        opportunities[platform].append(
            Oportunidad.from_rules(
                tipo=kind,
                tema=topic,
                menciones=mentions[platform, topic],
                demanda=int(count),
                competencia_score=percent(urgency_sum, count),
                evidencia=picker.pick((platform, kind, topic)),
            )
        )
    return Q6Result(
        publicaciones=[
            Q6Post(
                post_url=url,
                platform=platform,
                num_comentarios=posts[url][0],
                solicitudes=posts[url][1],
                quejas=posts[url][2],
                intencion_compra=posts[url][3],
                crisis=posts[url][4],
            )
            for url, platform in platforms.items()
        ],
        oportunidades_por_plataforma={
            p: cut(sorted(opportunities[p], key=attrgetter("rank")))
            for p in PLATFORMS
            if p in opportunities
        },
        menciones_por_plataforma=_mention_tables(mentions),
    )


def _mention_tables(
    mentions: dict[tuple[Platform, str | None], int],
) -> dict[Platform, list[MencionesTema]]:
    """Each platform's topic mentions, ranked and cut like the stored table."""
    tables: dict[Platform, list[MencionesTema]] = defaultdict(list)
    for (platform, topic), count in mentions.items():
        tables[platform].append(MencionesTema(tema=topic, menciones=count))
    return {p: cut(sorted(tables[p], key=attrgetter("rank"))) for p in PLATFORMS if p in tables}
