"""Quality of the offline annotator: sentiment and emotion against labelled comments.

Scores the project's own set (``tests/data/labelled_comments.tsv``, dev and test) and,
when present, the real human-labelled files in ``<repo>/../shared/eval`` (never copied
into the project). Tune on dev; report test. ``--errors PATH`` writes the dev-split
misses (never test items) to a file outside the repo for error analysis.

Run: ``.venv/bin/python benchmarks/annotator_quality.py``
"""

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.scoring import (  # noqa: E402
    BOOTSTRAP_SAMPLES,
    NONE,
    TaskReport,
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

PROJECT_SET = REPO / "tests" / "data" / "labelled_comments.tsv"
REAL_DIR = REPO.parent / "shared" / "eval"
CONTEXT = BrandContext(brand_name="Marca")
TARGETS = {
    "project": {"sentiment": 0.70, "emotion": 0.45},
    "real": {"sentiment": 0.55, "emotion": 0.35},
}

Rows = list[dict[str, str]]


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


def main(argv: Sequence[str] | None = None) -> int:
    """Print every report and a summary against the targets; exit 0 (figures, not a gate)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", type=Path, help="write dev-split misses here (TSV)")
    parser.add_argument("--samples", type=int, default=BOOTSTRAP_SAMPLES)
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
    for name, sentiment, emotion in summary:
        kind = "project" if name.startswith("project") else "real"
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
    if args.errors:
        args.errors.write_text("\n".join(misses) + "\n", encoding="utf-8")
        print(f"\n{len(misses)} dev misses written to {args.errors}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
