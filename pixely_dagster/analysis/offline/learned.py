"""English emotion from learned word weights.

The rules name an emotion when a comment holds an emotion word; without one they could
only guess joy or anger from the polarity, or say nothing, and most English comments
carry their feeling in ordinary words (*finally*, *why would*, *lol*). A per-word weight
table trained on 43,000 human-labelled Reddit comments (GoEmotions, Demszky et al. 2020,
CC BY 4.0; see ``benchmarks/train_emotion_model.py``) reads those: the label whose
weights, summed over the comment's distinct words, are largest. Pure Python, one dict
lookup per distinct word, so it keeps the annotator's speed.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from math import fsum
from pathlib import Path

from pixely_api.insights.labels import EMOTIONS, Emotion
from pixely_dagster.analysis.offline.calibrate import EMOTION_FLOOR, FALLBACK_INTENSITY

MODEL_PATH = Path(__file__).with_name("models") / "emotion_en.tsv"
NONE = "none"
_SKIPPED = frozenset(".,;:¿¡…|")
"""Punctuation that says nothing about emotion; ``!`` and ``?`` do and stay."""


def features(tokens: Iterable[str]) -> set[str]:
    """The distinct tokens the model reads (training and inference use this alone)."""
    return {token for token in tokens if token not in _SKIPPED}


@dataclass(frozen=True, slots=True)
class EmotionModel:
    """Label names (``none`` or a Plutchik emotion), bias and per-word weights."""

    labels: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]

    def predict(self, tokens: Iterable[str]) -> Emotion | None:
        """The label with the largest summed weight; None when that is ``none``.

        The sums are exact (``math.fsum``): a set of words is walked in an order that
        changes with each process's string hashing, and rounded sums in a different order
        broke near-ties differently, so one comment could get another emotion after a
        restart. A true tie goes to the first label.
        """
        get = self.weights.get
        rows = [row for row in map(get, set(tokens)) if row is not None]
        sums = list(map(fsum, zip(self.bias, *rows, strict=True)))
        label = self.labels[sums.index(max(sums))]
        return None if label == NONE else label  # type: ignore[return-value]


@cache
def load(path: Path = MODEL_PATH) -> EmotionModel:
    """Read the weight table once per process."""
    with path.open(encoding="utf-8") as handle:
        lines = (line.rstrip("\n").split("\t") for line in handle if not line.startswith("#"))
        header = next(lines)
        _, *bias = next(lines)
        weights = {word: tuple(map(float, values)) for word, *values in lines}
    labels = tuple(header[1:])
    unknown = set(labels) - {*EMOTIONS, NONE}
    if unknown:
        raise ValueError(f"{path.name} names labels the product does not have: {unknown}")
    return EmotionModel(labels, tuple(map(float, bias)), weights)


def settle(
    model: EmotionModel, tokens: Iterable[str], scores: list[float], dominant: Emotion | None
) -> tuple[list[float], Emotion | None]:
    """The model names an English comment's emotion; the rules speak where it sees none.

    The rules' emotion words were written against the dev half they are measured on, so
    on text nobody tuned for the model trained on independent comments is the better
    judge (README, "Analyzer quality and speed"). When it sees no emotion, an emotion
    the rules read from an emotion word stands, and their guess from polarity alone is
    dropped. The model's emotion is made the strongest score, so it stays dominant.
    The caller leaves sarcastic comments and adverts to the rules: the model reads the
    words literally (*great delivery, only took 3 weeks* is joy to it).
    """
    found = model.predict(tokens)
    if found is None:
        return scores, dominant if max(scores) >= EMOTION_FLOOR else None
    index = EMOTIONS.index(found)
    scores = scores.copy()
    scores[index] = max(max(scores), FALLBACK_INTENSITY)
    return scores, found
