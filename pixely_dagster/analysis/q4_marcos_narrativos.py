"""Q4 · Marcos narrativos for one partition: frame counts per post and week, one example each."""

from pixely_api.insights.labels import NARRATIVE_FRAMES, PLATFORMS, NarrativeFrame, Platform
from pixely_api.insights.q4_marcos_narrativos import EjemploMarco, Q4Post, Q4Result, SemanaMarcos
from pixely_api.insights.weeks import iso_week
from pixely_dagster.analysis.items import PartitionBatch
from pixely_dagster.analysis.shared import QuotePicker, frame_of, post_platforms, quote_of


def analyze(batch: PartitionBatch) -> Q4Result:
    """Count frames per post and per platform for the partition's ISO week.

    The aspirational frame comes from what the comment says (a wish, a goal:
    :func:`~pixely_dagster.analysis.shared.frame_of`), not from its tone. A frame's
    example is its most opinionated comment: |polarity| + subjectivity.
    """
    platforms = post_platforms(batch)
    frames: dict[str, dict[NarrativeFrame, int]] = {
        url: dict.fromkeys(NARRATIVE_FRAMES, 0) for url in platforms
    }
    unframed = dict.fromkeys(platforms, 0)
    counts = dict.fromkeys(platforms, 0)
    picker = QuotePicker(EjemploMarco.LIMIT or 1)
    for comment, annotation in zip(batch.comments, batch.annotations, strict=True):
        url = comment.post_url
        counts[url] += 1
        frame = frame_of(comment, annotation)
        if frame is None:
            unframed[url] += 1
            continue
        frames[url][frame] += 1
        score = abs(annotation.polarity) + annotation.subjectivity
        picker.offer((platforms[url], frame), score, quote_of(comment))
    week = iso_week(batch.partition_date)
    weeks: dict[Platform, SemanaMarcos] = {}
    for platform in PLATFORMS:
        urls = [url for url, p in platforms.items() if p == platform and counts[url]]
        if urls:
            weeks[platform] = SemanaMarcos(
                semana=week,
                marcos={f: sum(frames[url][f] for url in urls) for f in NARRATIVE_FRAMES},
                sin_marco=sum(unframed[url] for url in urls),
            )
    return Q4Result(
        publicaciones=[
            Q4Post(
                post_url=url,
                platform=platform,
                num_comentarios=counts[url],
                marcos=frames[url],
                sin_marco=unframed[url],
            )
            for url, platform in platforms.items()
        ],
        ejemplos_por_plataforma=picker.examples(EjemploMarco, "marco"),
        semanas_por_plataforma={platform: [entry] for platform, entry in weeks.items()},
    )
