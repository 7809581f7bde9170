"""Q6 · Oportunidades for one partition: the demand on each aspect, every count kept.

Every comment that complains, asks for something or asks in order to buy is demand
for each of its aspects. Per platform and aspect the row stores counts, the people
behind them, urgency sums, the day, and the best quotes; opportunities themselves are
computed from the merged table when a window is read
(:func:`pixely_api.insights.q6_oportunidades.opportunities`), so no threshold or cut is
applied per day.

Purchase intent counts only from questions and requests (``is_request`` or a question
mark): someone who already bought is not a sale to close.
"""

from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from pixely_api.insights.evidence import Cita
from pixely_api.insights.labels import PLATFORMS, ClaseTema, Platform
from pixely_api.insights.merging import fuse
from pixely_api.insights.q6_oportunidades import (
    MENTION,
    DemandaAspecto,
    Q6Post,
    Q6Result,
    TipoDemanda,
)
from pixely_dagster.analysis.annotation import Annotation
from pixely_dagster.analysis.items import CommentItem, PartitionBatch
from pixely_dagster.analysis.shared import Aspects, QuotePicker, post_platforms, quote_of, username

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


def wants_to_buy(comment: CommentItem, annotation: Annotation) -> bool:
    """Purchase intent that a reply can still turn into a sale: a question or a request."""
    return (
        annotation.purchase_intent
        and not annotation.is_complaint
        and (annotation.is_request or "?" in comment.text)
    )


def demand_types(comment: CommentItem, annotation: Annotation) -> Iterator[TipoDemanda]:
    """The kinds of demand a comment expresses."""
    if annotation.is_complaint:
        yield "queja"
    if annotation.is_request:
        yield "solicitud"
    if wants_to_buy(comment, annotation):
        yield "intencion_compra"


class _Row:
    """One (platform, aspect) tally while a partition is read."""

    __slots__ = ("authors", "demand", "kind_authors", "mentions", "negatives", "urgency")

    def __init__(self) -> None:
        self.mentions = 0
        self.negatives = 0
        self.authors: set[str] = set()
        self.demand: dict[TipoDemanda, int] = defaultdict(int)
        self.urgency: dict[TipoDemanda, float] = defaultdict(float)
        self.kind_authors: dict[TipoDemanda, set[str]] = defaultdict(set)


def analyze(batch: PartitionBatch) -> Q6Result:
    """Count demand signals per post and the demand on each aspect per platform; days
    are the comments' own (``created_at``), so a window analysed at once and its days
    merged give the same table."""
    platforms = post_platforms(batch)
    aspects = Aspects.of_context(batch.context)
    posts = {url: [0, 0, 0, 0, 0] for url in platforms}
    rows: dict[tuple[Platform, str | None, date], _Row] = defaultdict(_Row)
    picker = QuotePicker(Cita.LIMIT or 1)
    every = aspects.all(batch)
    for comment, annotation, topics in zip(batch.comments, batch.annotations, every, strict=True):
        kinds = tuple(demand_types(comment, annotation))
        post = posts[comment.post_url]
        post[0] += 1
        post[1] += annotation.is_request
        post[2] += annotation.is_complaint
        post[3] += "intencion_compra" in kinds
        post[4] += annotation.crisis
        platform = platforms[comment.post_url]
        author = username(comment.author)
        found: tuple[str | None, ...] = topics or (None,)
        negative = annotation.sentiment == "negative"
        score = urgency(annotation) if kinds else 0.0
        quote = quote_of(comment) if kinds else None
        day = comment.created_at.date()
        for topic in found:
            row = rows[platform, topic, day]
            row.mentions += 1
            row.negatives += negative
            row.authors.add(author)
            for kind in kinds:
                row.demand[kind] += 1
                row.urgency[kind] += score
                row.kind_authors[kind].add(author)
                assert quote is not None
                picker.offer((platform, kind, topic), score, quote)
    tables: dict[Platform, list[DemandaAspecto]] = defaultdict(list)
    for (platform, topic, day), row in rows.items():
        kind: ClaseTema = aspects.kind(topic) if topic else "aspecto"
        iso = day.isoformat()
        dias = {f"{MENTION}:{iso}": row.mentions} | {
            f"{tipo}:{iso}": count for tipo, count in row.demand.items()
        }
        tables[platform].append(
            DemandaAspecto(
                tema=topic,
                clase=kind,
                menciones=row.mentions,
                autores=sorted(row.authors),
                negativos=row.negatives,
                demanda=dict(row.demand),
                urgencia=dict(row.urgency),
                autores_queja=sorted(row.kind_authors["queja"]),
                autores_solicitud=sorted(row.kind_authors["solicitud"]),
                autores_intencion_compra=sorted(row.kind_authors["intencion_compra"]),
                dias=dias,
                evidencia_queja=picker.pick((platform, "queja", topic)),
                evidencia_solicitud=picker.pick((platform, "solicitud", topic)),
                evidencia_intencion_compra=picker.pick((platform, "intencion_compra", topic)),
            )
        )
    for platform, entries in tables.items():
        tables[platform] = fuse([[entry] for entry in entries])
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
        demanda_por_plataforma={p: tables[p] for p in PLATFORMS if p in tables},
    )
