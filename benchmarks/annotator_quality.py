"""Quality of the offline annotator: sentiment and emotion against labelled comments.

Scores the project's own set (``tests/data/labelled_comments.tsv``, dev and test) and,
when present, the real human-labelled files in ``<repo>/../shared/eval`` (never copied
into the project). Tune on dev; report test. ``--errors PATH`` writes the dev-split
misses (never test items) to a file outside the repo for error analysis. ``--calibrate``
scores a grid of the thresholds in ``pixely_dagster.analysis.offline.calibrate`` on the
dev halves only and prints the middle of the plateau (not the dev maximum, which tends to
be the point that fits the dev items best by chance).

Run: ``.venv/bin/python benchmarks/annotator_quality.py``
"""

import argparse
import itertools
import statistics
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.scoring import (  # noqa: E402
    BOOTSTRAP_SAMPLES,
    NONE,
    TaskReport,
    macro_f1,
    paired_gain,
    read_rows,
    render,
    score,
)
from pixely_api.insights.context import BrandContext  # noqa: E402
from pixely_api.settings import SettingsError, get_settings  # noqa: E402
from pixely_dagster.analysis.annotation import Annotator  # noqa: E402
from pixely_dagster.analysis.choose import (  # noqa: E402
    AnalyzerUnavailableError,
    annotator_from_settings,
)
from pixely_dagster.analysis.offline import OfflineAnnotator, calibrate  # noqa: E402

PROJECT_SET = REPO / "tests" / "data" / "labelled_comments.tsv"
REAL_DIR = REPO.parent / "shared" / "eval"
CONTEXT = BrandContext(brand_name="Marca")
TARGETS = {
    "project-es": {"sentiment": 0.70, "emotion": 0.45},
    "project-en": {"sentiment": 0.70, "emotion": 0.45},
    "real-es": {"sentiment": 0.58, "emotion": 0.45},
    "real-en": {"sentiment": 0.70, "emotion": 0.40},
}
MAX_GAP = 0.06
"""A larger dev/test difference says the rules learned the dev items, not the language."""

Rows = list[dict[str, str]]

GRID: dict[str, tuple[float, ...]] = {
    "NEUTRAL_BAND": (0.15, 0.2, 0.25, 0.3),
    "EMOTION_FLOOR": (0.25, 0.3, 0.35),
    "FALLBACK_POLARITY": (0.3, 0.45, 0.6),
    "MIXED_MIN_MASS": (1.0, 1.2, 1.5),
    "MIXED_RATIO": (0.5, 0.6, 0.75),
}
PLATEAU = 0.005
"""Grid points within this much of the best mean dev macro-F1 count as the plateau."""


def project_files(path: Path = PROJECT_SET) -> list[tuple[str, Rows]]:
    """The project set cut into language × split files."""
    rows = read_rows(path)
    return [
        (f"project-{lang}.{split}", [r for r in rows if r["lang"] == lang and r["split"] == split])
        for lang in ("es", "en")
        for split in ("dev", "test")
    ]


def real_files(folder: Path = REAL_DIR) -> list[tuple[str, Rows]]:
    """The shared real files that exist, read in place."""
    found = []
    for lang in ("es", "en"):
        for split in ("dev", "test"):
            path = folder / f"real-{lang}.{split}.tsv"
            if path.exists():
                found.append((f"real-{lang}.{split}", read_rows(path)))
    return found


def predict(annotator: Annotator, texts: Sequence[str]) -> tuple[list[str], list[str]]:
    """Sentiment and emotion labels as the benchmark compares them (None → ``none``)."""
    annotations = annotator.annotate(list(texts), CONTEXT)
    return (
        [a.sentiment for a in annotations],
        [a.dominant_emotion or NONE for a in annotations],
    )


def evaluate(
    annotator: Annotator, name: str, rows: Rows, samples: int = BOOTSTRAP_SAMPLES
) -> tuple[TaskReport, TaskReport, list[str], list[str]]:
    """Both task reports for one file, plus the predictions (for error listings)."""
    sentiments, emotions = predict(annotator, [r["text"] for r in rows])
    return (
        score(f"{name} sentiment", [r["sentiment"] for r in rows], sentiments, samples),
        score(f"{name} emotion", [r["emotion"] for r in rows], emotions, samples),
        sentiments,
        emotions,
    )


def _errors(name: str, rows: Rows, sentiments: list[str], emotions: list[str]) -> list[str]:
    lines = []
    for row, sentiment, emotion in zip(rows, sentiments, emotions, strict=True):
        for task, gold, pred in (
            ("sentiment", row["sentiment"], sentiment),
            ("emotion", row["emotion"], emotion),
        ):
            if gold not in ("skip", pred):
                lines.append(f"{name}\t{task}\t{gold}\t{pred}\t{row['text']}")
    return lines


@contextmanager
def thresholds(values: dict[str, float]) -> Iterator[None]:
    """The calibration module's thresholds set to ``values`` for the block, then restored."""
    saved = {name: getattr(calibrate, name) for name in values}
    for name, value in values.items():
        setattr(calibrate, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(calibrate, name, value)


def dev_score(annotator: Annotator, dev: list[tuple[str, Rows]]) -> float:
    """Mean macro-F1 of both tasks over the dev files: the one figure the grid compares."""
    figures = []
    for _, rows in dev:
        sentiments, emotions = predict(annotator, [r["text"] for r in rows])
        for task, predicted in (("sentiment", sentiments), ("emotion", emotions)):
            kept = [(r[task], p) for r, p in zip(rows, predicted, strict=True) if r[task] != "skip"]
            figures.append(macro_f1([g for g, _ in kept], [p for _, p in kept]))
    return statistics.fmean(figures)


def plateau_middle(scored: dict[tuple[float, ...], float]) -> tuple[float, ...]:
    """Per threshold, the median of its values over the plateau, snapped to the grid.

    Every point within :data:`PLATEAU` of the best score is as good as the best on data
    this small; the middle of that region is the choice least tied to the dev items.
    """
    best = max(scored.values())
    plateau = [point for point, value in scored.items() if value >= best - PLATEAU]
    middle = []
    for axis, options in enumerate(GRID.values()):
        median = statistics.median(point[axis] for point in plateau)
        middle.append(min(options, key=lambda option: (abs(option - median), option)))
    return tuple(middle)


def run_calibration(annotator: Annotator, dev: list[tuple[str, Rows]]) -> tuple[float, ...]:
    """Score the whole grid on dev; print the maximum, the plateau and its middle."""
    scored: dict[tuple[float, ...], float] = {}
    for point in itertools.product(*GRID.values()):
        with thresholds(dict(zip(GRID, point, strict=True))):
            scored[point] = dev_score(annotator, dev)
    best_point = max(scored, key=scored.__getitem__)
    best = scored[best_point]
    plateau = sum(1 for value in scored.values() if value >= best - PLATEAU)
    middle = plateau_middle(scored)
    names = ", ".join(GRID)
    print(f"calibration grid ({names}): {len(scored)} points on {len(dev)} dev files")
    print(f"  dev maximum {best:.4f} at {best_point}")
    print(f"  plateau (within {PLATEAU}): {plateau} points; median of all points ", end="")
    print(f"{statistics.median(scored.values()):.4f}")
    print(f"  chosen: middle of the plateau {middle} with dev {scored[middle]:.4f}")
    return middle


def learned_gain(rows: Rows, samples: int = BOOTSTRAP_SAMPLES) -> tuple[float, float, float]:
    """English emotion with the learned model against the rules alone, paired per item."""
    texts = [r["text"] for r in rows]
    gold = [r["emotion"] for r in rows]
    _, with_model = predict(OfflineAnnotator(), texts)
    _, rules_only = predict(OfflineAnnotator(learned_emotion=False), texts)
    return paired_gain(gold, rules_only, with_model, samples)


def main(argv: Sequence[str] | None = None) -> int:
    """Print every report and a summary against the targets; exit 0 (figures, not a gate)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", type=Path, help="write dev-split misses here (TSV)")
    parser.add_argument("--samples", type=int, default=BOOTSTRAP_SAMPLES)
    parser.add_argument(
        "--calibrate",
        action="store_true",
        help="grid the thresholds on the dev halves only",
    )
    parser.add_argument(
        "--analyzer",
        choices=["offline", "openai", "auto"],
        default="offline",
        help="openai reads OPENAI_API_KEY, OPENAI_MODEL and OPENAI_BASE_URL",
    )
    args = parser.parse_args(argv)

    try:
        annotator = annotator_from_settings(get_settings(), args.analyzer)
    except (AnalyzerUnavailableError, SettingsError) as unavailable:
        print(f"bench-quality: {unavailable}", file=sys.stderr)
        return 2
    files = project_files()
    real = real_files()
    if args.calibrate:
        dev = [(name, rows) for name, rows in [*files, *real] if name.endswith(".dev")]
        run_calibration(annotator, dev)
        return 0
    if not real:
        print(f"real evaluation files not found in {REAL_DIR}: scoring the project set alone\n")
    summary: list[tuple[str, TaskReport, TaskReport]] = []
    misses: list[str] = []
    started = time.perf_counter()
    for name, rows in [*files, *real]:
        sentiment, emotion, sentiments, emotions = evaluate(annotator, name, rows, args.samples)
        print(render(sentiment), "\n")
        print(render(emotion), "\n")
        summary.append((name, sentiment, emotion))
        if name.endswith(".dev"):
            misses.extend(_errors(name, rows, sentiments, emotions))
    elapsed = time.perf_counter() - started

    print(f"annotator {annotator.name}/{annotator.model}/{annotator.version}  ({elapsed:.1f} s)")
    print(f"{'file':<20}{'sentiment macro-F1 [95% CI]':<32}{'emotion macro-F1 [95% CI]':<32}")
    figures = {name: (sentiment, emotion) for name, sentiment, emotion in summary}
    for name, sentiment, emotion in summary:
        kind = name.rsplit(".", 1)[0]
        cells = []
        for report, task in ((sentiment, "sentiment"), (emotion, "emotion")):
            target = TARGETS[kind][task]
            verdict = ""
            if name.endswith(".test"):
                verdict = " ok" if report.macro_f1 >= target else f" < {target:.2f}"
            cells.append(
                f"{report.macro_f1:.3f} [{report.ci_low:.3f}-{report.ci_high:.3f}]{verdict}"
            )
        print(f"{name:<20}{cells[0]:<32}{cells[1]:<32}")
    print(f"\ndev/test gap (limit {MAX_GAP:.2f})")
    for kind in TARGETS:
        if f"{kind}.dev" in figures and f"{kind}.test" in figures:
            gaps = [
                abs(dev.macro_f1 - test.macro_f1)
                for dev, test in zip(figures[f"{kind}.dev"], figures[f"{kind}.test"], strict=True)
            ]
            marks = ["ok" if gap < MAX_GAP else "TOO LARGE" for gap in gaps]
            print(
                f"{kind:<20}sentiment {gaps[0]:.3f} {marks[0]:<12}emotion {gaps[1]:.3f} {marks[1]}"
            )
    if args.analyzer == "offline":
        english = [(name, rows) for name, rows in real if name.startswith("real-en")]
        if english:
            print("\nlearned English emotion minus the rules alone (paired bootstrap 95% CI)")
        for name, rows in english:
            gain, low, high = learned_gain(rows, args.samples)
            print(f"{name:<20}{gain:+.3f} [{low:+.3f} to {high:+.3f}]")
    if args.errors:
        args.errors.write_text("\n".join(misses) + "\n", encoding="utf-8")
        print(f"\n{len(misses)} dev misses written to {args.errors}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
