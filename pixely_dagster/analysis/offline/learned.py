"""English emotion and sentiment from learned word weights, where the rules find no cue.

The rules name an emotion when a comment holds an emotion word and an opinion when it
holds an opinion word; without one they could only guess joy or anger from the polarity,
or call the comment neutral, and many English comments carry their feeling in ordinary
words (*finally*, *why would*, *lol*). Per-word weight tables trained on about 40,000
human-labelled Reddit comments (GoEmotions, Demszky et al. 2020, CC BY 4.0; see
``benchmarks/train_word_models.py``) read those: the label whose weights, summed over the
comment's distinct words, are largest. Pure Python, one dict lookup per distinct word, so
they keep the annotator's speed.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pixely_api.insights.labels import EMOTIONS, Emotion, Sentiment
from pixely_dagster.analysis.offline.calibrate import EMOTION_FLOOR, FALLBACK_INTENSITY

MODELS = Path(__file__).with_name("models")
EMOTION_PATH = MODELS / "emotion_en.tsv"
SENTIMENT_PATH = MODELS / "sentiment_en.tsv"
NONE = "none"
SENTIMENT_LABELS = frozenset(("positive", "negative", "neutral"))
EMOTION_LABELS = frozenset((*EMOTIONS, NONE))
_SKIPPED = frozenset(".,;:¿¡…|")
"""Punctuation that says nothing about feeling; ``!`` and ``?`` do and stay."""


def features(tokens: Iterable[str]) -> set[str]:
    """The distinct tokens a model reads (training and inference use this alone)."""
    return {token for token in tokens if token not in _SKIPPED}


@dataclass(frozen=True, slots=True)
class WordModel:
    """Label names, bias and per-word weights of one linear model."""

    labels: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]

    def best(self, tokens: Iterable[str]) -> str:
        """The label with the largest summed weight over the distinct tokens."""
        get = self.weights.get
        rows = [row for row in map(get, set(tokens)) if row is not None]
        sums = list(map(sum, zip(self.bias, *rows, strict=True)))
        return self.labels[sums.index(max(sums))]


def read(path: Path, allowed: frozenset[str]) -> WordModel:
    """A weight table: ``#`` comments, a header of labels, the bias row, one row per word."""
    with path.open(encoding="utf-8") as handle:
        lines = (line.rstrip("\n").split("\t") for line in handle if not line.startswith("#"))
        header = next(lines)
        _, *bias = next(lines)
        weights = {word: tuple(map(float, values)) for word, *values in lines}
    labels = tuple(header[1:])
    unknown = set(labels) - allowed
    if unknown:
        raise ValueError(f"{path.name} names labels the product does not have: {unknown}")
    return WordModel(labels, tuple(map(float, bias)), weights)


@dataclass(frozen=True, slots=True)
class English:
    """The two English models and the rule for when each speaks."""

    emotion_model: WordModel
    sentiment_model: WordModel

    def emotion(
        self, tokens: Iterable[str], scores: list[float], dominant: Emotion | None
    ) -> tuple[list[float], Emotion | None]:
        """Keep an emotion the rules read from an emotion word; otherwise the model decides.

        The model's emotion replaces the rules' guess from polarity alone (joy or anger);
        when the model sees no emotion, that guess stands, since a strong opinion shows
        feeling.
        """
        if max(scores) >= EMOTION_FLOOR:
            return scores, dominant
        found = self.emotion_model.best(tokens)
        if found == NONE:
            return scores, dominant
        index = EMOTIONS.index(found)
        scores = scores.copy()
        scores[index] = max(scores[index], FALLBACK_INTENSITY)
        return scores, found  # type: ignore[return-value]

    def sentiment(self, tokens: Iterable[str], label: Sentiment) -> Sentiment:
        """A comment the rules call neutral gets the model's reading; any other stands."""
        if label != "neutral":
            return label
        return self.sentiment_model.best(tokens)  # type: ignore[return-value]


@cache
def load() -> English:
    """Read both weight tables once per process."""
    return English(read(EMOTION_PATH, EMOTION_LABELS), read(SENTIMENT_PATH, SENTIMENT_LABELS))
