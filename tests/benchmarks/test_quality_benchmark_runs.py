"""The quality benchmark runs, and its metric arithmetic is right on hand-made cases.

Scores on ``../shared/eval`` are never asserted here: that text is for measuring only.
"""

import pytest

from benchmarks import annotator_quality
from benchmarks.scoring import bootstrap_interval, macro_f1, paired_gain, per_class, score
from pixely_dagster.analysis.annotation import Annotation
from pixely_dagster.analysis.offline import OfflineAnnotator


def test_per_class_scores_on_a_hand_made_confusion() -> None:
    # gold\pred   pos neg neu
    # positive      3   1   0
    # negative      1   2   1
    # neutral       0   0   2
    gold = ["positive"] * 4 + ["negative"] * 4 + ["neutral"] * 2
    pred = ["positive"] * 3 + ["negative"] + ["positive"] + ["negative"] * 2 + ["neutral"] * 3
    positive = per_class(gold, pred, "positive")
    assert (positive.precision, positive.recall, positive.support) == (0.75, 0.75, 4)
    negative = per_class(gold, pred, "negative")
    assert negative.precision == pytest.approx(2 / 3)
    assert negative.recall == pytest.approx(0.5)
    assert negative.f1 == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    neutral = per_class(gold, pred, "neutral")
    assert (neutral.precision, neutral.recall) == (pytest.approx(2 / 3), 1.0)
    expected = (0.75 + negative.f1 + neutral.f1) / 3
    assert macro_f1(gold, pred) == pytest.approx(expected)

    report = score("toy", gold, pred, samples=50)
    assert report.items == 10
    assert report.accuracy == pytest.approx(0.7)
    assert report.confusion["negative"] == {"negative": 2, "neutral": 1, "positive": 1}
    assert report.ci_low <= report.macro_f1 <= report.ci_high


def test_a_class_only_predicted_stays_out_of_the_average() -> None:
    gold = ["positive", "negative", "positive", "negative"]
    pred = ["positive", "negative", "mixed", "negative"]
    # positive: p=1, r=0.5 → f1 2/3; negative: f1 1; "mixed" is not in the gold.
    assert macro_f1(gold, pred) == pytest.approx((2 / 3 + 1.0) / 2)
    report = score("toy", gold, pred, samples=20)
    assert {c.label for c in report.classes} == {"positive", "negative", "mixed"}
    assert report.macro_f1 == pytest.approx((2 / 3 + 1.0) / 2)


def test_skip_labels_are_left_out() -> None:
    report = score("toy", ["skip", "alegria", "none"], ["ira", "alegria", "none"], samples=20)
    assert report.items == 2
    assert report.accuracy == 1.0
    assert "ira" not in report.labels


def test_bootstrap_is_seeded() -> None:
    gold = ["a", "b", "a", "c", "b", "a"] * 5
    pred = ["a", "b", "b", "c", "a", "a"] * 5
    assert bootstrap_interval(gold, pred, samples=100) == bootstrap_interval(
        gold, pred, samples=100
    )


def test_the_paired_gain_is_the_difference_with_an_interval_around_it() -> None:
    gold = ["a", "b", "c", "skip"] * 10
    base = ["a", "a", "a", "a"] * 10
    better = ["a", "b", "a", "a"] * 10
    gain, low, high = paired_gain(gold, base, better, samples=200)
    assert gain == pytest.approx(macro_f1(gold[:3], better[:3]) - macro_f1(gold[:3], base[:3]))
    assert 0.0 < low <= gain <= high
    assert paired_gain(gold, base, base, samples=50) == (0.0, 0.0, 0.0)


def test_no_dominant_emotion_counts_as_none() -> None:
    class Fixed:
        name, model, version = "fixed", "none", "0"

        def annotate(self, texts, context):  # type: ignore[no-untyped-def]
            return [Annotation(sentiment="neutral", dominant_emotion=None) for _ in texts]

    sentiments, emotions = annotator_quality.predict(Fixed(), ["a", "b"])
    assert (sentiments, emotions) == (["neutral", "neutral"], ["none", "none"])


def test_the_project_set_is_split_and_scored() -> None:
    files = dict(annotator_quality.project_files())
    assert set(files) == {
        "project-es.dev",
        "project-es.test",
        "project-en.dev",
        "project-en.test",
    }
    assert len(files["project-es.dev"]) + len(files["project-es.test"]) >= 300
    assert len(files["project-en.dev"]) + len(files["project-en.test"]) >= 100
    rows = files["project-es.dev"][:12]
    sentiment, emotion, _, _ = annotator_quality.evaluate(
        OfflineAnnotator(), "few", rows, samples=20
    )
    assert sentiment.items == emotion.items == 12
    assert 0.0 <= sentiment.macro_f1 <= 1.0


def test_the_benchmark_runs_end_to_end(capsys: pytest.CaptureFixture[str]) -> None:
    assert annotator_quality.main(["--samples", "5"]) == 0
    printed = capsys.readouterr().out
    assert "project-es.test" in printed
    if annotator_quality.real_files():
        assert "real-es.test" in printed
        assert "learned English emotion minus the rules alone" in printed
    else:
        assert "real evaluation files not found" in printed


def test_the_benchmark_refuses_openai_without_a_key(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    assert annotator_quality.main(["--analyzer", "openai"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "bench-quality: the openai analyzer needs OPENAI_API_KEY; "
        "set it or use the offline analyzer\n"
    )
