"""Train the English emotion word-weight table the offline annotator ships.

Reads GoEmotions (Demszky et al. 2020, CC BY 4.0) from the permissive training folder
(``<repo>/../shared/train/goemotions-en.tsv`` by default, never the evaluation files),
maps its 27 emotions to the product's Plutchik names and fits a multinomial logistic
regression on word presence, in numpy (full-batch Adam, L2, classes balanced so the rare
emotions are not drowned by joy and neutral). The result is a plain TSV of per-word
weights (:mod:`pixely_dagster.analysis.offline.learned` sums them), a few hundred KB,
diffable and reproducible: the same data gives the same file.

Run: ``.venv/bin/python benchmarks/train_emotion_model.py [--data PATH] [--out PATH]``
"""

import argparse
import csv
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from pixely_dagster.analysis.offline.learned import (  # noqa: E402
    MODEL_PATH,
    NONE,
    features,
)
from pixely_dagster.analysis.offline.normalize import normalise  # noqa: E402

DATA = REPO.parent / "shared" / "train" / "goemotions-en.tsv"
PLUTCHIK = {
    **dict.fromkeys(
        ("joy", "amusement", "approval", "excitement", "gratitude", "love", "relief", "pride",
         "admiration", "caring"),
        "alegria",
    ),
    "optimism": "anticipacion",
    "desire": "anticipacion",
    **dict.fromkeys(("anger", "annoyance", "disapproval"), "ira"),
    "disgust": "disgusto",
    **dict.fromkeys(("fear", "nervousness"), "miedo"),
    **dict.fromkeys(("sadness", "disappointment", "embarrassment", "grief", "remorse"), "tristeza"),
    **dict.fromkeys(("surprise", "realization"), "sorpresa"),
    **dict.fromkeys(("curiosity", "confusion", "neutral"), NONE),
}  # fmt: skip
"""GoEmotions' 27 emotions by the product's Plutchik names. It follows the data set's own
Ekman grouping except where a brand's comment section reads differently: hope and wanting
look forward (``anticipacion``), and a question (curiosity, confusion) shows no emotion, it
asks (*do you ship to Canada?* is not surprise)."""

MIN_COUNT = 3
L2 = 1e-4
ITERATIONS = 200
LEARNING_RATE = 0.05
DECIMALS = 3
MIN_SPREAD = 0.02
"""A word whose weights differ by less than this across labels cannot change a reading."""


def labelled(path: Path) -> tuple[list[set[str]], list[str]]:
    """Feature sets and one product label per comment; comments spanning groups are left out."""
    texts: list[set[str]] = []
    labels: list[str] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            names = {PLUTCHIK[emotion] for emotion in row["goemotions"].split(",")}
            if len(names) != 1:
                continue
            texts.append(features(normalise(row["text"]).tokens))
            labels.append(names.pop())
    return texts, labels


def fit(
    texts: Sequence[set[str]], labels: Sequence[str], iterations: int = ITERATIONS
) -> tuple[list[str], list[str], np.ndarray, np.ndarray]:
    """Vocabulary, label names, word weights (vocabulary × labels) and the bias."""
    counts = Counter(word for text in texts for word in text)
    vocabulary = sorted(word for word, count in counts.items() if count >= MIN_COUNT)
    index = {word: i for i, word in enumerate(vocabulary)}
    names = sorted(set(labels))
    rows: list[int] = []
    columns: list[int] = []
    for i, text in enumerate(texts):
        for word in text:
            if word in index:
                rows.append(i)
                columns.append(index[word])
    row = np.array(rows)
    column = np.array(columns)
    n, size, k = len(texts), len(vocabulary), len(names)
    target = np.zeros((n, k))
    label_index = np.array([names.index(label) for label in labels])
    target[np.arange(n), label_index] = 1.0
    balance = (n / (k * target.sum(axis=0)))[label_index][:, None] / n
    weights = np.zeros((size, k))
    bias = np.zeros(k)
    moments = [np.zeros_like(weights), np.zeros_like(weights), np.zeros(k), np.zeros(k)]
    for step in range(1, iterations + 1):
        scores = np.stack(
            [np.bincount(row, weights=weights[column, j], minlength=n) for j in range(k)], axis=1
        )
        scores += bias
        scores -= scores.max(axis=1, keepdims=True)
        probability = np.exp(scores)
        probability /= probability.sum(axis=1, keepdims=True)
        error = (probability - target) * balance
        weight_gradient = np.stack(
            [np.bincount(column, weights=error[row, j], minlength=size) for j in range(k)], axis=1
        )
        weight_gradient += L2 * weights
        for value, gradient, first, second in (
            (weights, weight_gradient, 0, 1),
            (bias, error.sum(axis=0), 2, 3),
        ):
            moments[first] = 0.9 * moments[first] + 0.1 * gradient
            moments[second] = 0.999 * moments[second] + 0.001 * gradient * gradient
            mean = moments[first] / (1 - 0.9**step)
            spread = np.sqrt(moments[second] / (1 - 0.999**step)) + 1e-8
            value -= LEARNING_RATE * mean / spread
    return vocabulary, names, weights, bias


def write(
    path: Path, vocabulary: list[str], names: list[str], weights: np.ndarray, bias: np.ndarray
) -> int:
    """The weight table as TSV (bias row first); returns how many words were kept."""
    kept = 0
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write("# English emotion word weights, trained on GoEmotions (Demszky et al. 2020,")
        handle.write(" CC BY 4.0) by benchmarks/train_emotion_model.py\n")
        handle.write("\t".join(["word", *names]) + "\n")
        handle.write("\t".join(["<bias>", *(f"{v:.{DECIMALS}f}" for v in bias)]) + "\n")
        for word, row in zip(vocabulary, weights, strict=True):
            if row.max() - row.min() < MIN_SPREAD:
                continue
            handle.write("\t".join([word, *(f"{v:.{DECIMALS}f}" for v in row)]) + "\n")
            kept += 1
    return kept


def main(argv: Sequence[str] | None = None) -> int:
    """Train on the data file and write the table the annotator loads."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="GoEmotions TSV")
    parser.add_argument("--out", type=Path, default=MODEL_PATH, help="weight table to write")
    parser.add_argument("--iterations", type=int, default=ITERATIONS)
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"training data not found: {args.data}", file=sys.stderr)
        return 2
    texts, labels = labelled(args.data)
    print(f"{len(texts)} comments: {dict(sorted(Counter(labels).items()))}")
    vocabulary, names, weights, bias = fit(texts, labels, args.iterations)
    kept = write(args.out, vocabulary, names, weights, bias)
    size = args.out.stat().st_size
    print(f"{kept} of {len(vocabulary)} words written to {args.out} ({size / 1024:.0f} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
