"""Q3 · Tópicos for one partition: topic counts per post and per platform, with examples."""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from pixely_api.insights.labels import PLATFORMS, Platform
from pixely_api.insights.q3_topicos import ConteoTema, Q3Post, Q3Result, TemaGlobal, topic_rank
from pixely_dagster.analysis.annotation import Annotation
from pixely_dagster.analysis.items import PartitionBatch
from pixely_dagster.analysis.shared import Aspects, QuotePicker, post_platforms, quote_of


class TopicTally:
    """Running counts per (scope, topic): mentions, polarity sum, positives, negatives."""

    def __init__(self, aspects: Aspects) -> None:
        self.aspects = aspects
        self.counts: dict[Any, dict[str, list[float]]] = defaultdict(dict)

    def add(self, scope: Any, annotation: Annotation, found: tuple[str, ...]) -> None:
        """Count one comment under each of its (distinct) aspects."""
        positive = annotation.sentiment == "positive"
        negative = annotation.sentiment == "negative"
        topics = self.counts[scope]
        for topic in found:
            row = topics.get(topic)
            if row is None:
                row = topics[topic] = [0, 0.0, 0, 0]
            row[0] += 1
            row[1] += annotation.polarity
            row[2] += positive
            row[3] += negative

    def roll_up(self, parent: Mapping[Any, Any]) -> "TopicTally":
        """The same counts summed into each scope's parent (posts into platforms)."""
        total = TopicTally(self.aspects)
        for scope, topics in self.counts.items():
            into = total.counts[parent[scope]]
            for topic, row in topics.items():
                current = into.get(topic)
                if current is None:
                    into[topic] = list(row)
                else:
                    for index, value in enumerate(row):
                        current[index] += value
        return total

    def ranked(self, scope: Any) -> list[tuple[str, list[float]]]:
        """The scope's topics in :class:`ConteoTema` rank, all of them (an exact merge)."""
        rows = self.counts.get(scope, {})
        return sorted(rows.items(), key=lambda item: topic_rank(item[0], item[1][0]))

    def conteos(self, scope: Any) -> list[ConteoTema]:
        """The scope's stored topic list."""
        return [
            _conteo(ConteoTema, topic, row, clase=self.aspects.kind(topic))
            for topic, row in self.ranked(scope)
        ]


def _conteo(model: type[ConteoTema], topic: str, row: list[float], **extra: Any) -> Any:
    return model(
        tema=topic,
        menciones=int(row[0]),
        suma_polaridad=row[1],
        positivos=int(row[2]),
        negativos=int(row[3]),
        **extra,
    )


def analyze(batch: PartitionBatch) -> Q3Result:
    """Count topics per post and per platform; keep each topic's most polar comments."""
    platforms = post_platforms(batch)
    counts = dict.fromkeys(platforms, 0)
    aspects = Aspects.of_context(batch.context)
    per_post = TopicTally(aspects)
    found = aspects.all(batch)
    for comment, annotation, topics in zip(batch.comments, batch.annotations, found, strict=True):
        counts[comment.post_url] += 1
        if topics:
            per_post.add(comment.post_url, annotation, topics)
    per_platform = per_post.roll_up(platforms)
    picker = _examples(batch, platforms, found)
    return Q3Result(
        publicaciones=[
            Q3Post(
                post_url=url,
                platform=platform,
                num_comentarios=counts[url],
                temas=per_post.conteos(url),
            )
            for url, platform in platforms.items()
        ],
        temas_por_plataforma={
            platform: _global_topics(platform, per_platform, picker)
            for platform in _present(per_platform.counts)
        },
    )


def _examples(
    batch: PartitionBatch, platforms: dict[str, Platform], found: list[tuple[str, ...]]
) -> QuotePicker:
    """The most negative and most positive comment of each topic."""
    picker = QuotePicker(1)
    for comment, annotation, topics in zip(batch.comments, batch.annotations, found, strict=True):
        polarity = annotation.polarity
        if not polarity or not topics:
            continue
        platform = platforms[comment.post_url]
        if topics:
            quote = quote_of(comment)
            side = "neg" if polarity < 0 else "pos"
            for topic in topics:
                picker.offer((platform, topic, side), abs(polarity), quote)
    return picker


def _present(scopes: Iterable[Platform]) -> list[Platform]:
    found = set(scopes)
    return [p for p in PLATFORMS if p in found]


def _global_topics(platform: Platform, tally: TopicTally, picker: QuotePicker) -> list[TemaGlobal]:
    topics = []
    for topic, row in tally.ranked(platform):
        negative = picker.pick((platform, topic, "neg"))
        positive = picker.pick((platform, topic, "pos"))
        topics.append(
            _conteo(
                TemaGlobal,
                topic,
                row,
                clase=tally.aspects.kind(topic),
                ejemplo_negativo=negative[0] if negative else None,
                ejemplo_positivo=positive[0] if positive else None,
            )
        )
    return topics
