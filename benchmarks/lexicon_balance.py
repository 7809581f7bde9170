"""Is the offline lexicon fitted to the dev halves? Entries firing on one half only.

An entry or cue written while reading the dev errors fires on dev items and rarely on
test items. Over the real evaluation files, per language, this counts the lexicon entries
and cue patterns that fire on at least one dev text and no test text, and the reverse;
with entries that are general language the two counts split like the halves' sizes. The
one-sided binomial p says how likely a dev-only count this large is by chance. Only
counts are printed: no evaluation text, and nothing per item of a test half.

Run: ``.venv/bin/python benchmarks/lexicon_balance.py``
"""

import sys
from collections import Counter, defaultdict
from math import comb
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.annotator_quality import REAL_DIR  # noqa: E402
from benchmarks.scoring import read_rows  # noqa: E402
from pixely_dagster.analysis.offline.annotator import expand_shortcuts  # noqa: E402
from pixely_dagster.analysis.offline.lexicon import Lexicons, Pack, load, phrase_key  # noqa: E402
from pixely_dagster.analysis.offline.normalize import normalise  # noqa: E402


def entry_names(pack: Pack) -> dict[int, str]:
    """Each lexicon item (entry or modifier) by identity, named by one term that has it."""
    names: dict[int, set[str]] = defaultdict(set)
    for term, item in pack.words.items():
        names[id(item)].add(term)
    for words, item in pack.phrases.items():
        names[id(item)].add(" ".join(words))
    for prefix, item in pack.prefixes.items():
        names[id(item)].add(prefix + "*")
    return {key: min(terms) for key, terms in names.items()}


def fired(text: str, lexicons: Lexicons, lang: str, names: dict[int, str]) -> set[str]:
    """The entries and cue patterns one text sets off, read as the annotator reads it."""
    pack = lexicons.packs[lang]
    tokens = expand_shortcuts(normalise(text).tokens, pack.spelling)
    keys = [phrase_key(token) for token in tokens]
    found: set[str] = set()
    i = 0
    while i < len(tokens):
        item, span = pack.match(tokens, keys, i)
        if item is not None:
            found.add(names.get(id(item), f"(inflected) {tokens[i]}"))
        i += span
    joined = " ".join(tokens)
    for (kind, code), patterns in lexicons.cues.items():
        if code == lang:
            found.update(f"cue {kind}: {p.pattern}" for p in patterns if p.search(joined))
    return found


def upper_tail(successes: int, trials: int, p: float) -> float:
    """P(X >= successes) for X ~ Binomial(trials, p)."""
    tail = range(successes, trials + 1)
    return sum(comb(trials, k) * p**k * (1 - p) ** (trials - k) for k in tail)


def balance(lang: str, lexicons: Lexicons) -> str | None:
    """One line of counts for a language, or None when its files are absent."""
    paths = {split: REAL_DIR / f"real-{lang}.{split}.tsv" for split in ("dev", "test")}
    if not all(path.exists() for path in paths.values()):
        return None
    names = entry_names(lexicons.packs[lang])
    counts: dict[str, Counter[str]] = {}
    sizes: dict[str, int] = {}
    for split, path in paths.items():
        texts = [row["text"] for row in read_rows(path)]
        sizes[split] = len(texts)
        counts[split] = Counter(n for text in texts for n in fired(text, lexicons, lang, names))
    dev, test = counts["dev"], counts["test"]
    dev_only = sum(1 for name in dev if name not in test)
    test_only = sum(1 for name in test if name not in dev)
    share = sizes["dev"] / (sizes["dev"] + sizes["test"])
    p = upper_tail(dev_only, dev_only + test_only, share)
    return (
        f"real-{lang}: {sizes['dev']} dev / {sizes['test']} test texts; entries firing "
        f"{len(dev)} on dev, {len(test)} on test; dev only {dev_only}, test only {test_only} "
        f"(expected dev share {share:.2f}); P(dev only >= {dev_only} by chance) = {p:.2f}"
    )


def main() -> int:
    lexicons = load()
    lines = [line for lang in ("es", "en") if (line := balance(lang, lexicons)) is not None]
    if not lines:
        print(f"real evaluation files not found in {REAL_DIR}: nothing to count")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
