"""The speed benchmark's comment sets have the shapes it claims, and it runs end to end.

No rate is asserted here (speed is measured by the benchmark, not by unit tests).
"""

import statistics

import pytest

from benchmarks import annotator_speed
from pixely_dagster.analysis.offline.lexicon import Entry, Modifier, load
from pixely_dagster.analysis.offline.normalize import normalise


def test_real_length_comments_match_the_length_of_real_ones() -> None:
    texts = annotator_speed.generate(4000)
    assert len(texts) == 4000
    assert len(set(texts)) > 3900
    words = [len(text.split()) for text in texts]
    assert 17 <= statistics.fmean(words) <= 23
    assert max(words) > 40 and min(words) < 6
    assert all("\n" not in text for text in texts)


def test_cue_dense_comments_hold_nothing_but_cues() -> None:
    lexicons = load()
    texts = annotator_speed.generate_dense(500)
    low, high = annotator_speed.DENSE_WORDS
    for text in texts:
        assert low <= len(text.split()) <= high
        for token in normalise(text).tokens:
            cue = (
                token in lexicons.emojis
                or isinstance(lexicons.packs["es"].resolve(token), (Entry, Modifier))
                or isinstance(lexicons.packs["en"].resolve(token), (Entry, Modifier))
            )
            assert cue, f"{token!r} in {text!r} is not a cue"


def test_the_benchmark_runs_in_process_and_end_to_end(capsys: pytest.CaptureFixture[str]) -> None:
    assert annotator_speed.main(["--comments", "300"]) == 0
    printed = capsys.readouterr().out
    for name in ("real length", "cue-dense"):
        assert f"{name}: 300 comments" in printed
    assert printed.count("comments/s") >= 2
    assert printed.count("characters/s") == 2
    assert printed.count("pixely annotate end to end") == 2
    assert "cost by length (cue-dense): 5 words" in printed
