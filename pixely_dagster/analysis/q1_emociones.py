"""Q1 · Emociones for one partition: intensity sums per post, top examples per emotion."""

from operator import attrgetter

from pixely_api.insights.labels import EMOTIONS
from pixely_api.insights.q1_emociones import EjemploEmocion, Q1Post, Q1Result
from pixely_dagster.analysis.items import PartitionBatch
from pixely_dagster.analysis.shared import QuotePicker, post_platforms, quote_of

_intensities = attrgetter(*EMOTIONS)


def analyze(batch: PartitionBatch) -> Q1Result:
    """Sum each emotion's intensity per post; keep the most intense comments per emotion."""
    platforms = post_platforms(batch)
    sums = {url: [0.0] * len(EMOTIONS) for url in platforms}
    dominant = {url: dict.fromkeys(EMOTIONS, 0) for url in platforms}
    counts = dict.fromkeys(platforms, 0)
    none = dict.fromkeys(platforms, 0)
    picker = QuotePicker(EjemploEmocion.LIMIT or 1)
    for comment, annotation in zip(batch.comments, batch.annotations, strict=True):
        url = comment.post_url
        platform = platforms[url]
        counts[url] += 1
        totals = sums[url]
        quote = None
        for index, value in enumerate(_intensities(annotation.emotions)):
            if value > 0:
                totals[index] += value
                quote = quote or quote_of(comment)
                picker.offer((platform, EMOTIONS[index]), value, quote)
        if annotation.dominant_emotion is None:
            none[url] += 1
        else:
            dominant[url][annotation.dominant_emotion] += 1
    posts = [
        Q1Post(
            post_url=url,
            platform=platform,
            num_comentarios=counts[url],
            suma_intensidades=dict(zip(EMOTIONS, sums[url], strict=True)),
            comentarios_por_emocion=dominant[url],
            comentarios_sin_emocion=none[url],
        )
        for url, platform in platforms.items()
    ]
    return Q1Result(
        publicaciones=posts, ejemplos_por_plataforma=picker.examples(EjemploEmocion, "emocion")
    )
