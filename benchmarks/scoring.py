"""Classification metrics for the annotator benchmarks, in plain Python.

Macro-F1 averages only over the classes present in the gold labels, so a predicted
class the gold never uses (``mixed`` against a three-way gold) costs recall and
precision of the real classes but is not itself a zero in the average. The bootstrap
interval resamples items with a fixed seed, so two runs print the same figures.
"""

import csv
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SKIP = "skip"
NONE = "none"
BOOTSTRAP_SAMPLES = 1000
SEED = 20250101


@dataclass(frozen=True)
class ClassScore:
    """Precision, recall and F1 of one class, with its gold support."""

    label: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class TaskReport:
    """Every figure of one task (sentiment or emotion) on one file."""

    name: str
    items: int
    accuracy: float
    macro_f1: float
    ci_low: float
    ci_high: float
    classes: tuple[ClassScore, ...]
    labels: tuple[str, ...]
    confusion: dict[str, dict[str, int]]


def per_class(gold: Sequence[str], pred: Sequence[str], label: str) -> ClassScore:
    """One class's scores; an empty denominator counts as zero."""
    tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p == label)
    predicted = sum(1 for p in pred if p == label)
    support = sum(1 for g in gold if g == label)
    precision = tp / predicted if predicted else 0.0
    recall = tp / support if support else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return ClassScore(label, precision, recall, f1, support)


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    """Mean F1 over the classes present in ``gold`` (never over predicted-only classes)."""
    classes = sorted(set(gold))
    if not classes:
        return 0.0
    return sum(per_class(gold, pred, label).f1 for label in classes) / len(classes)


def bootstrap_interval(
    gold: Sequence[str], pred: Sequence[str], samples: int = BOOTSTRAP_SAMPLES, seed: int = SEED
) -> tuple[float, float]:
    """95 % percentile interval of macro-F1 over items resampled with replacement."""
    if not gold:
        return 0.0, 0.0
    rng = random.Random(seed)
    n = len(gold)
    values = []
    for _ in range(samples):
        picks = [rng.randrange(n) for _ in range(n)]
        values.append(macro_f1([gold[i] for i in picks], [pred[i] for i in picks]))
    values.sort()
    return values[int(0.025 * (samples - 1))], values[int(0.975 * (samples - 1))]


def paired_gain(
    gold: Sequence[str],
    base: Sequence[str],
    candidate: Sequence[str],
    samples: int = BOOTSTRAP_SAMPLES,
    seed: int = SEED,
) -> tuple[float, float, float]:
    """Macro-F1 of ``candidate`` minus that of ``base``, with its 95 % interval.

    Both are scored on the same resampled items each time, so the interval is of the
    difference itself (an interval above zero says the gain is not resampling luck).
    """
    kept = [(g, b, c) for g, b, c in zip(gold, base, candidate, strict=True) if g != SKIP]
    if not kept:
        return 0.0, 0.0, 0.0
    rng = random.Random(seed)
    n = len(kept)
    gains = []
    for _ in range(samples):
        picks = [kept[rng.randrange(n)] for _ in range(n)]
        picked_gold = [g for g, _, _ in picks]
        gains.append(
            macro_f1(picked_gold, [c for _, _, c in picks])
            - macro_f1(picked_gold, [b for _, b, _ in picks])
        )
    gains.sort()
    gold_kept = [g for g, _, _ in kept]
    gain = macro_f1(gold_kept, [c for _, _, c in kept]) - macro_f1(
        gold_kept, [b for _, b, _ in kept]
    )
    return gain, gains[int(0.025 * (samples - 1))], gains[int(0.975 * (samples - 1))]


def score(
    name: str, gold: Sequence[str], pred: Sequence[str], samples: int = BOOTSTRAP_SAMPLES
) -> TaskReport:
    """Score one task, leaving out the items whose gold label is ``skip``."""
    pairs = [(g, p) for g, p in zip(gold, pred, strict=True) if g != SKIP]
    kept_gold = [g for g, _ in pairs]
    kept_pred = [p for _, p in pairs]
    labels = tuple(sorted(set(kept_gold) | set(kept_pred)))
    confusion = {g: {p: 0 for p in labels} for g in labels}
    for (g, p), count in Counter(pairs).items():
        confusion[g][p] = count
    low, high = bootstrap_interval(kept_gold, kept_pred, samples)
    correct = sum(1 for g, p in pairs if g == p)
    return TaskReport(
        name=name,
        items=len(pairs),
        accuracy=correct / len(pairs) if pairs else 0.0,
        macro_f1=macro_f1(kept_gold, kept_pred),
        ci_low=low,
        ci_high=high,
        classes=tuple(per_class(kept_gold, kept_pred, label) for label in labels),
        labels=labels,
        confusion=confusion,
    )


def render(report: TaskReport) -> str:
    """A plain-text block: headline, per-class table, confusion matrix (rows = gold)."""
    gold_classes = {c.label for c in report.classes if c.support}
    lines = [
        f"{report.name}: n={report.items}  macro-F1={report.macro_f1:.3f} "
        f"[95% CI {report.ci_low:.3f}-{report.ci_high:.3f}]  accuracy={report.accuracy:.3f}",
        f"  {'class':<13}{'prec':>6}{'rec':>6}{'f1':>6}{'gold':>6}",
    ]
    for c in report.classes:
        marker = "" if c.label in gold_classes else "  (not in gold: outside the average)"
        lines.append(
            f"  {c.label:<13}{c.precision:6.2f}{c.recall:6.2f}{c.f1:6.2f}{c.support:6d}{marker}"
        )
    short = [label[:5] for label in report.labels]
    lines.append("  gold\\pred    " + "".join(f"{s:>6}" for s in short))
    for g in report.labels:
        row = "".join(f"{report.confusion[g][p]:6d}" for p in report.labels)
        lines.append(f"  {g:<13}{row}")
    return "\n".join(lines)


def read_rows(path: Path) -> list[dict[str, str]]:
    """A UTF-8 TSV with a header, one item per line, no quoting."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
