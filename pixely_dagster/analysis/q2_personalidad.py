"""Q2 · Personalidad for one partition: per post, the sums of Aaker cues and their weight.

Two guards keep the reading honest:

- a complaint, a sarcastic, negative or mixed comment, or a customer leaving is no
  evidence of a personality trait («Excelente servicio, dos semanas para un envío
  'express' 🙃» is not competence, «va a ser un lujo» about a price rise is not
  sophistication): its cues are left out;
- emojis add at most :data:`EMOJI_MASS` of cue mass per comment however many there are
  (🔥🔥🔥 alone is not a brand that is «emocionante y audaz»). The annotator scores a
  dimension as ``mass / (mass + 1)``; the emoji share of that mass is taken back out
  with the bundled emoji lexicon and capped.
"""

import csv
from functools import cache
from operator import attrgetter

from pixely_api.insights.labels import AAKER_DIMENSIONS
from pixely_api.insights.q2_personalidad import Q2Post, Q2Result
from pixely_dagster.analysis.annotation import Annotation
from pixely_dagster.analysis.items import PartitionBatch
from pixely_dagster.analysis.offline.topics import LEXICONS
from pixely_dagster.analysis.q5_influenciadores import leaving
from pixely_dagster.analysis.shared import post_platforms

EMOJI_MASS = 0.25
"""Most cue mass the emojis of one comment add to a dimension."""
_cues = attrgetter(*AAKER_DIMENSIONS)


@cache
def emoji_cues() -> dict[str, tuple[float, ...]]:
    """Each emoji's Aaker weights (``emoji.tsv``), in :data:`AAKER_DIMENSIONS` order."""
    found: dict[str, tuple[float, ...]] = {}
    with (LEXICONS / "emoji.tsv").open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t")
        next(rows)
        for row in rows:
            if len(row) < 4 or not row[3] or row[0].startswith("#"):
                continue
            weights = dict.fromkeys(AAKER_DIMENSIONS, 0.0)
            for part in row[3].split(","):
                name, _, weight = part.partition(":")
                if name in weights:
                    weights[name] = float(weight or 1.0)
            found[row[0]] = tuple(weights[d] for d in AAKER_DIMENSIONS)
    return found


def is_trait_evidence(annotation: Annotation) -> bool:
    """Whether a comment's personality cues describe the brand."""
    return (
        annotation.sentiment in ("positive", "neutral")
        and not annotation.is_complaint
        and not annotation.sarcasm
        and not leaving(annotation)
    )


def bounded(text: str, values: tuple[float, ...]) -> tuple[float, ...]:
    """The cues with the emojis' share of mass capped at :data:`EMOJI_MASS`."""
    table = emoji_cues()
    emoji = [0.0] * len(values)
    for char in text:
        weights = table.get(char)
        if weights:
            for index, weight in enumerate(weights):
                emoji[index] += weight
    if not any(emoji):
        return values
    result = []
    for value, from_emoji in zip(values, emoji, strict=True):
        mass = value / (1.0 - value) if value < 1.0 else 1e6
        words = max(0.0, mass - from_emoji)
        capped = words + min(from_emoji, EMOJI_MASS, mass)
        result.append(capped / (capped + 1.0))
    return tuple(result)


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
        if not any(values) or not is_trait_evidence(annotation):
            continue
        values = bounded(comment.text, values)
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
