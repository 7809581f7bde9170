"""Q2 · Personalidad for one partition: per post, the sums of Aaker cues and their weight."""

from operator import attrgetter

from pixely_api.insights.labels import AAKER_DIMENSIONS
from pixely_api.insights.q2_personalidad import Q2Post, Q2Result
from pixely_dagster.analysis.items import PartitionBatch
from pixely_dagster.analysis.shared import post_platforms

_cues = attrgetter(*AAKER_DIMENSIONS)


def analyze(batch: PartitionBatch) -> Q2Result:
    """Add up each dimension's cue per post and count the comments that carry any cue."""
    platforms = post_platforms(batch)
    sums = {url: [0.0] * len(AAKER_DIMENSIONS) for url in platforms}
    counts = dict.fromkeys(platforms, 0)
    signalled = dict.fromkeys(platforms, 0)
    for comment, annotation in zip(batch.comments, batch.annotations, strict=True):
        url = comment.post_url
        counts[url] += 1
        values = _cues(annotation.aaker)
        if any(values):
            signalled[url] += 1
            totals = sums[url]
            for index, value in enumerate(values):
                totals[index] += value
    return Q2Result(
        publicaciones=[
            Q2Post(
                post_url=url,
                platform=platform,
                num_comentarios=counts[url],
                suma_dimensiones=dict(zip(AAKER_DIMENSIONS, sums[url], strict=True)),
                comentarios_con_senal=signalled[url],
            )
            for url, platform in platforms.items()
        ]
    )
