"""No lexicon phrase of three or more words may occur in the real evaluation texts.

A long phrase that matches an evaluation item word for word was almost certainly taken
from it, and would score that item by memory rather than by rule. The real files are
read in place (``<repo>/../shared/eval``, or the folder named by ``PIXELY_EVAL_DIR``);
the test skips, saying why, where neither exists.
"""

import csv
import os
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

from pixely_dagster.analysis.offline.cues import _split_top
from pixely_dagster.analysis.offline.lexicon import norm, phrase_key
from pixely_dagster.analysis.offline.normalize import normalise

REPO = Path(__file__).resolve().parents[2]
LONG_PHRASE = 3
_REGEX_SYNTAX = re.compile(r"[\\\[\](){}?*+|.^$]")


def eval_dirs() -> list[Path]:
    """Where the real evaluation files may be: the environment's folder, then beside the repo."""
    candidates = []
    if os.environ.get("PIXELY_EVAL_DIR"):
        candidates.append(Path(os.environ["PIXELY_EVAL_DIR"]))
    candidates.append(REPO.parent / "shared" / "eval")
    return candidates


def eval_files() -> list[Path]:
    """Every dev and test half found in the first folder that has any."""
    for folder in eval_dirs():
        found = sorted(folder.glob("real-*.dev.tsv")) + sorted(folder.glob("real-*.test.tsv"))
        if found:
            return found
    return []


def _normal(text: str) -> str:
    """Text as the rules match it (tokens, accents off, doubled letters collapsed), fenced."""
    return " " + " ".join(phrase_key(token) for token in normalise(text).tokens) + " "


def _lexicon_rows(name: str) -> Iterator[list[str]]:
    path = resources.files("pixely_dagster.analysis.offline").joinpath("lexicons", name)
    with path.open(encoding="utf-8") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        for row in reader:
            if row and row[0].strip() and not row[0].startswith("#"):
                yield row


def long_phrases() -> dict[str, str]:
    """Every committed phrase of three or more words, normalised, with the file it is in.

    Opinion lexicons and modifiers give their terms; cue rows give the literal word runs of
    their top-level alternatives (those with no regular-expression syntax). Spelling expansions
    (``idk`` → ``i don't know``) are the standard long forms of chat shortcuts, not opinion
    phrases, and are left out.
    """
    phrases: dict[str, str] = {}
    for name in ("es.tsv", "en.tsv", "modifiers.tsv"):
        for row in _lexicon_rows(name):
            phrases[row[0]] = name
    for row in _lexicon_rows("cues.tsv"):
        for alternative in _split_top(row[2]):
            literal = alternative.replace("\\b", "").strip()
            if literal and not _REGEX_SYNTAX.search(literal):
                phrases[literal] = "cues.tsv"
    normal: dict[str, str] = {}
    for term, name in phrases.items():
        words = [phrase_key(word) for word in norm(term).rstrip("*").split()]
        if len(words) >= LONG_PHRASE:
            normal[" ".join(words)] = name
    return normal


def test_the_lexicons_hold_long_phrases_to_check() -> None:
    phrases = long_phrases()
    assert len(phrases) > 20
    assert "no me gusta nada" in phrases or any(len(p.split()) >= 4 for p in phrases)


def leaks(files: list[Path]) -> list[str]:
    """Each committed long phrase found in an evaluation text, with where it was found."""
    texts: list[tuple[str, str]] = []
    for path in files:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            texts.extend((path.name, _normal(row["text"])) for row in reader)
    return sorted(
        f"{name}: '{phrase}' in {source}"
        for phrase, name in long_phrases().items()
        for source, text in texts
        if f" {phrase} " in text
    )


def test_no_long_lexicon_phrase_occurs_in_an_evaluation_text() -> None:
    files = eval_files()
    if not files:
        folders = ", ".join(str(folder) for folder in eval_dirs())
        pytest.skip(f"real evaluation files not found (looked in {folders})")
    found = leaks(files)
    assert not found, "lexicon phrases found verbatim in evaluation texts:\n" + "\n".join(found)


def test_the_check_finds_a_planted_phrase_in_the_folder_the_environment_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    phrase = sorted(long_phrases())[0]
    planted = tmp_path / "real-xx.dev.tsv"
    planted.write_text(
        "text\tsentiment\temotion\tlang\tsource_label\n"
        f"Pues, {phrase.upper()}!!\tskip\tskip\tes\tx\n"
        "nada que ver aquí\tskip\tskip\tes\tx\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("PIXELY_EVAL_DIR", str(tmp_path))
    assert eval_files() == [planted]
    assert leaks(eval_files()) == [f"{long_phrases()[phrase]}: '{phrase}' in real-xx.dev.tsv"]
