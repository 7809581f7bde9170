"""Q8 · Temporal for one partition: its comments as one ISO week per platform.

Engagement is not computed here: it depends on the posts' metrics at read time
(:meth:`pixely_api.insights.q8_temporal.Q8Result.with_engagement`).
"""

from datetime import date

from pixely_api.insights.labels import PLATFORMS, Platform
from pixely_api.insights.q8_temporal import Q8Post, Q8Result, SemanaTemporal
from pixely_api.insights.weeks import iso_week
from pixely_dagster.analysis.items import PartitionBatch
from pixely_dagster.analysis.q3_topicos import TopicTally
from pixely_dagster.analysis.shared import Aspects, post_platforms


def analyze(batch: PartitionBatch) -> Q8Result:
    """Volume and polarity per post; per platform, the week's counts and topics.

    The week is the partition day's ISO week: the partition already placed each
    comment on its day in the ficha's timezone.
    """
    platforms = post_platforms(batch)
    posts = {url: [0, 0, 0] for url in platforms}
    weeks: dict[Platform, list[int]] = {}
    days: dict[Platform, set[date]] = {}
    aspects = Aspects.of_context(batch.context)
    topics = TopicTally(aspects)
    every = aspects.all(batch)
    for comment, annotation, found in zip(batch.comments, batch.annotations, every, strict=True):
        platform = platforms[comment.post_url]
        positive = annotation.sentiment == "positive"
        negative = annotation.sentiment == "negative"
        for tally in (posts[comment.post_url], weeks.setdefault(platform, [0, 0, 0])):
            tally[0] += 1
            tally[1] += positive
            tally[2] += negative
        days.setdefault(platform, set()).add(comment.created_at.date())
        if found:
            topics.add(platform, annotation, found)
    week = iso_week(batch.partition_date)
    return Q8Result(
        publicaciones=[
            Q8Post(
                post_url=url,
                platform=platform,
                num_comentarios=posts[url][0],
                positivos=posts[url][1],
                negativos=posts[url][2],
            )
            for url, platform in platforms.items()
        ],
        semanas_por_plataforma={
            platform: [
                SemanaTemporal(
                    semana=week,
                    num_comentarios=weeks[platform][0],
                    positivos=weeks[platform][1],
                    negativos=weeks[platform][2],
                    temas=topics.conteos(platform),
                    dias=sorted(day.isoformat() for day in days[platform]),
                )
            ]
            for platform in PLATFORMS
            if platform in weeks
        },
    )
