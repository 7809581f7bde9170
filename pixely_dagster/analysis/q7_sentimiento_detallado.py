"""Q7 · Sentimiento detallado for one partition: sentiment counts per post, mixed examples."""

from pixely_api.insights.evidence import Cita
from pixely_api.insights.labels import SENTIMENTS
from pixely_api.insights.q7_sentimiento_detallado import Q7Post, Q7Result
from pixely_dagster.analysis.items import PartitionBatch
from pixely_dagster.analysis.shared import QuotePicker, post_platforms, quote_of


def analyze(batch: PartitionBatch) -> Q7Result:
    """Count sentiments and add up subjectivity and polarity per post.

    A genuinely mixed comment is labelled ``mixed`` and scores subjectivity ×
    (1 − |polarity|): strongly opinionated, with praise and criticism balanced.
    """
    platforms = post_platforms(batch)
    counts = {url: dict.fromkeys(SENTIMENTS, 0) for url in platforms}
    subjectivity = dict.fromkeys(platforms, 0.0)
    polarity = dict.fromkeys(platforms, 0.0)
    picker = QuotePicker(Cita.LIMIT or 1)
    for comment, annotation in zip(batch.comments, batch.annotations, strict=True):
        url = comment.post_url
        counts[url][annotation.sentiment] += 1
        subjectivity[url] += annotation.subjectivity
        polarity[url] += annotation.polarity
        if annotation.sentiment == "mixed":
            score = annotation.subjectivity * (1 - abs(annotation.polarity))
            picker.offer((platforms[url], None), score, quote_of(comment))
    return Q7Result(
        publicaciones=[
            Q7Post(
                post_url=url,
                platform=platform,
                num_comentarios=sum(counts[url].values()),
                sentimientos=counts[url],
                suma_subjetividad=subjectivity[url],
                suma_polaridad=polarity[url],
            )
            for url, platform in platforms.items()
        ],
        ejemplos_mixtos_por_plataforma=picker.examples(Cita),
    )
