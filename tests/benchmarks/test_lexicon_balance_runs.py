"""The lexicon balance benchmark reads texts as the annotator does, and its tail is right.

Counts on ``../shared/eval`` are never asserted here: that text is for measuring only.
"""

import pytest

from benchmarks import lexicon_balance
from pixely_dagster.analysis.offline.lexicon import load


def test_a_text_sets_off_its_phrases_words_and_cues() -> None:
    lexicons = load()
    names = lexicon_balance.entry_names(lexicons.packs["es"])
    found = lexicon_balance.fired("Pensé que era mejor, sigo esperando", lexicons, "es", names)
    assert "pense que" in found  # terms are kept in their normal form, accents folded
    assert "mejor" in found
    assert any(name.startswith("cue complaint: ") for name in found)
    assert lexicon_balance.fired("", lexicons, "es", names) == set()


def test_the_binomial_tail_on_hand_made_cases() -> None:
    assert lexicon_balance.upper_tail(1, 2, 0.5) == pytest.approx(0.75)
    assert lexicon_balance.upper_tail(0, 5, 0.3) == pytest.approx(1.0)
    assert lexicon_balance.upper_tail(3, 3, 0.5) == pytest.approx(0.125)


def test_it_runs_and_prints_a_line_per_language_or_says_the_files_are_absent(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert lexicon_balance.main() == 0
    out = capsys.readouterr().out
    assert ("real-es:" in out and "real-en:" in out) or "not found" in out
