"""The project's curated vocabularies, loaded once from ``lexicons/*.tsv``.

Words live in data files, not code, so that linguists can review and extend them: a
sentiment/emotion lexicon per language (single words, ``prefix*`` stems and multi-word
phrases), modifiers (negators, intensifiers, contrast), emojis, function words, common
nouns, spelling shortcuts and the regular-expression cues for flags. Each term is
normalised exactly like comment text, so accents in the files are optional.
"""

import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import chain
from typing import Literal

from pixely_api.insights.labels import AAKER_DIMENSIONS, EMOTIONS
from pixely_dagster.analysis.offline.memo import Memo
from pixely_dagster.analysis.offline.normalize import FOLD_TABLE
from pixely_dagster.analysis.offline.ratings import rating_rows
from pixely_dagster.analysis.offline.sound_alike import SoundAlike

LangCode = Literal["es", "en"]
ModifierKind = Literal[
    "negator",
    "intensifier",
    "diminisher",
    "contrast",
    "concession",
    "skip",
    "ending",
    "expectation",
    "rhetorical",
    "discourse",
]
Weights = tuple[tuple[int, float], ...]

EMOTION_INDEX = {name: i for i, name in enumerate(EMOTIONS)}
AAKER_INDEX = {name: i for i, name in enumerate(AAKER_DIMENSIONS)}

_DOUBLED = re.compile(r"([aeiouysdtmgk])\1")
SUPERLATIVE_GAIN = 1.4
AUGMENTATIVE_GAIN = 1.25
_LAUGHTER = re.compile(
    r"^(?:(?:j+[aeiouy]+|[aeiouy]*j+)+|(?:h+[aeiou]+){2,}h*|(?:js)+j?|(?:ks){2,}|x+d+|"
    r"lo+l|lmf?ao+|rofl|jsjs\w*)$"
)


@dataclass(frozen=True, slots=True)
class Entry:
    """An opinion word: polarity in -3..3, the emotions it signals (plain and negated)."""

    polarity: float
    emotions: Weights = ()
    negated: Weights = ()
    aaker: Weights = ()
    immune: bool = False
    laughter: bool = False
    negated_polarity: float | None = None

    @property
    def opinion(self) -> bool:
        """Whether the word says anything: a polarity or an emotion (not a bare noun)."""
        return bool(self.polarity or self.emotions)

    def scaled(self, gain: float) -> "Entry":
        """The same word said harder (``buenísimo``) or softer."""
        return Entry(
            self.polarity * gain,
            tuple((e, w * gain) for e, w in self.emotions),
            self.negated,
            self.aaker,
            self.immune,
            self.laughter,
            self.negated_polarity,
        )


@dataclass(frozen=True, slots=True)
class Modifier:
    """A word that changes its neighbours; ``fallback`` is its own reading when alone."""

    kind: ModifierKind
    value: float
    fallback: Entry | None = None


Item = Entry | Modifier
PLACE = Entry(0.0)
"""The reading of a place named in more than one word (``lexicons/places.tsv``)."""
LAUGH = Entry(0.4, ((EMOTION_INDEX["alegria"], 0.3),), laughter=True)


def is_laughter(token: str) -> bool:
    """Whether a token is written laughter (``jajaja``, ``jsjs``, ``haha``, ``lol``, ``lmao``),
    listed in a lexicon or not."""
    return len(token) >= 3 and _LAUGHTER.match(token) is not None


@dataclass
class Pack:
    """Everything the rules know about one language."""

    lang: LangCode
    words: dict[str, Item] = field(default_factory=dict)
    prefixes: dict[str, Entry] = field(default_factory=dict)
    phrases: dict[tuple[str, ...], Item] = field(default_factory=dict)
    phrase_lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)
    phrase_pairs: set[tuple[str, str]] = field(default_factory=set)
    spelling: dict[str, tuple[str, ...]] = field(default_factory=dict)
    function_words: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    sound_alike: SoundAlike | None = None
    cache: Memo[str, Item | None] = field(init=False, repr=False, compare=False)
    foreign: dict[str, Entry | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.cache = Memo(self._lookup)

    def resolve(self, token: str) -> Item | None:
        """The reading of one token, trying inflection variants; memoised per token."""
        return self.cache[token]

    def match(self, tokens: list[str], keys: list[str], i: int) -> tuple[Item | None, int]:
        """The longest phrase starting at ``tokens[i]``, else the token alone.

        ``keys`` are the tokens with doubled letters collapsed (:func:`phrase_key`), so
        ``no mamees`` still finds ``no mames``.
        """
        lengths = self.phrase_lengths.get(keys[i])
        if lengths:
            for length in lengths:
                if i + length <= len(keys):
                    item = self.phrases.get(tuple(keys[i : i + length]))
                    if item is not None:
                        return item, length
        return self.resolve(tokens[i]), 1

    def _lookup(self, token: str) -> Item | None:
        item = self.words.get(token)
        if item is not None:
            return item
        if is_laughter(token):
            return LAUGH
        # A listed noun or function word is not another word misspelt: *latte* is not
        # *late*, so its spelling variants are not tried.
        listed = token in self.nouns or token in self.function_words
        variants = () if listed else tuple(self._variants(token))
        for variant, gain in variants:
            item = self.words.get(variant)
            if isinstance(item, Modifier) and item.kind == "discourse" and gain != 1.0:
                item = item.fallback  # ``buenísimo`` is praise wherever it stands
            if item is not None:
                return item.scaled(gain) if isinstance(item, Entry) and gain != 1.0 else item
        for variant, gain in ((token, 1.0), *variants):
            for end in range(len(variant), 2, -1):
                entry = self.prefixes.get(variant[:end])
                if entry is not None:
                    return entry.scaled(gain) if gain != 1.0 else entry
        if self.sound_alike is not None and token not in self.function_words:
            return self.sound_alike.find(token)
        return None

    def _variants(self, token: str) -> Iterator[tuple[str, float]]:
        """Spellings to try when a token is not listed: doubled letters, -ísimo, -ito, -azo."""
        single = _DOUBLED.sub(r"\1", token)
        if single != token:
            yield single, 1.0
        if self.lang != "es" or len(token) < 5:
            return
        for suffixes, gain in (
            (("isimos", "isimas", "isimo", "isima"), SUPERLATIVE_GAIN),
            (("itos", "itas", "ito", "ita", "illo", "illa"), 1.0),
            (("azos", "azas", "azo", "aza"), AUGMENTATIVE_GAIN),
        ):
            for suffix in suffixes:
                if single.endswith(suffix) and len(single) - len(suffix) >= 2:
                    base = single[: -len(suffix)]
                    for stem in _stems(base):
                        for ending in ("o", "a", "e", ""):
                            yield stem + ending, gain
                    break


def _stems(base: str) -> tuple[str, ...]:
    """Undo the spelling changes Spanish makes before -ísimo/-ito (riqu-ísimo → ric-o, and
    the *c* of -cito after *n* or *r*: mejor-cito → mejor)."""
    if base.endswith("qu"):
        return (base[:-2] + "c",)
    if base.endswith("gu"):
        return (base[:-2] + "g", base)
    if base.endswith("bil"):
        return (base[:-3] + "bl", base)
    if base.endswith("ec"):
        return (base[:-2], base)
    if len(base) > 3 and base[-1] == "c" and base[-2] in "nr":
        return (base, base[:-1])  # mejor-cito, amor-cito, dolor-cito
    return (base,)


def _collapse(token: str) -> str:
    return _DOUBLED.sub(r"\1", token)


PHRASE_KEYS: Memo[str, str] = Memo(_collapse)
"""Token → its phrase key (:func:`phrase_key`), worked out once per token."""


def phrase_key(token: str) -> str:
    """A token with doubled letters collapsed, the form phrases are indexed by."""
    return PHRASE_KEYS[token]


def norm(term: str) -> str:
    """Terms in the data files are normalised like text, so accents there are optional."""
    return " ".join(term.lower().translate(FOLD_TABLE).split())


def _weights(spec: str, index: dict[str, int]) -> tuple[Weights, Weights]:
    """``ira:0.8,disgusto,!confianza`` → plain and negated weights."""
    plain: list[tuple[int, float]] = []
    negated: list[tuple[int, float]] = []
    for part in spec.split(","):
        part = part.strip()
        if not part or part == "-":
            continue
        target = negated if part.startswith("!") else plain
        name, _, weight = part.lstrip("!").partition(":")
        target.append((index[name], float(weight) if weight else 1.0))
    return tuple(plain), tuple(negated)


def _rows(name: str) -> Iterator[list[str]]:
    path = resources.files("pixely_dagster.analysis.offline").joinpath("lexicons", name)
    with path.open(encoding="utf-8") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        for row in reader:
            if row and row[0].strip() and not row[0].startswith("#"):
                yield [cell.strip() for cell in row]


def parse_entry(polarity: str, emotions: str, aaker: str, immune: bool = False) -> Entry:
    """One lexicon row's reading; ``0.5/-2`` gives the polarity when negated too."""
    plain, negated = _weights(emotions, EMOTION_INDEX)
    aaker_weights, _ = _weights(aaker, AAKER_INDEX)
    value, _, when_negated = (polarity or "0").partition("/")
    return Entry(
        float(value),
        plain,
        negated,
        aaker_weights,
        immune,
        negated_polarity=float(when_negated) if when_negated else None,
    )


def _phrase(words: Sequence[str]) -> tuple[str, ...]:
    """A phrase's words as the phrase lexicon indexes them (:func:`phrase_key`)."""
    return tuple(phrase_key(word) for word in words)


def _add(pack: Pack, term: str, item: Item) -> None:
    words = tuple(norm(term).split())
    if len(words) > 1:
        key = _phrase(words)
        pack.phrases[key] = item
        lengths = {*pack.phrase_lengths.get(key[0], ()), len(key)}
        pack.phrase_pairs.add((key[0], key[1]))
        pack.phrase_lengths[key[0]] = tuple(sorted(lengths, reverse=True))
    elif words[0].endswith("*") and isinstance(item, Entry):
        pack.prefixes[words[0][:-1]] = item
    else:
        pack.words[words[0]] = item


def _build_pack(lang: LangCode, negators: frozenset[str]) -> Pack:
    pack = Pack(lang)
    for row in chain(_rows(f"{lang}.tsv"), rating_rows(lang)):
        term, polarity, emotions, aaker = (row + ["", "", ""])[:4]
        head = norm(term).split()[0]
        immune = " " in norm(term) and head in negators
        _add(pack, term, parse_entry(polarity, emotions, aaker, immune))
    for term, _place in _rows("places.tsv"):
        # A place's name says nothing of the brand: ``Villa Rica`` and ``Buenos Aires``
        # are read as one word with no opinion, not as ``rica`` and ``buenos``.
        words = norm(term).split()
        if len(words) > 1 and _phrase(words) not in pack.phrases:
            _add(pack, term, PLACE)
    for term, row_lang, kind, value in _rows("modifiers.tsv"):
        if row_lang == lang:
            words = norm(term).split()
            existing = (
                pack.words.get(words[0]) if len(words) == 1 else pack.phrases.get(_phrase(words))
            )
            fallback = existing if isinstance(existing, Entry) else None
            _add(pack, term, Modifier(kind, float(value), fallback))  # type: ignore[arg-type]
    pack.spelling = {
        norm(form): tuple(norm(expansion).split())
        for form, row_lang, expansion in _rows("spelling.tsv")
        if row_lang == lang
    }
    pack.function_words = frozenset(
        norm(word) for word, row_lang in _rows("function_words.tsv") if row_lang == lang
    )
    pack.nouns = frozenset(norm(noun) for noun, row_lang in _rows("nouns.tsv") if row_lang == lang)
    if lang == "es":
        entries = {word: item for word, item in pack.words.items() if isinstance(item, Entry)}
        pack.sound_alike = SoundAlike(entries, pack.prefixes)
    return pack


@dataclass(frozen=True)
class Lexicons:
    """Both language packs, the emoji table, the flag cues and language evidence."""

    packs: dict[str, Pack]
    emojis: dict[str, Entry]
    cues: dict[tuple[str, str], list[re.Pattern[str]]]
    evidence: dict[str, tuple[float, float]]


def _negators() -> frozenset[str]:
    return frozenset(norm(t) for t, _, kind, _ in _rows("modifiers.tsv") if kind == "negator")


def _evidence(packs: dict[str, Pack]) -> dict[str, tuple[float, float]]:
    """Per token, how much it says 'Spanish' and 'English' (function words count most)."""
    scores: dict[str, list[float]] = {}
    for column, lang in enumerate(("es", "en")):
        pack = packs[lang]
        weighted = [
            (pack.function_words, 1.0),
            (pack.spelling.keys(), 0.6),
            (pack.nouns, 0.6),
            ((w for w in pack.words if " " not in w), 0.6),
        ]
        for words, weight in weighted:
            for word in words:
                if len(word) < 2 and word not in ("y", "i", "q"):
                    continue
                pair = scores.setdefault(word, [0.0, 0.0])
                pair[column] = max(pair[column], weight)
    return {word: (pair[0], pair[1]) for word, pair in scores.items()}


@cache
def load() -> Lexicons:
    """Read every data file once per process."""
    negators = _negators()
    packs: dict[str, Pack] = {lang: _build_pack(lang, negators) for lang in ("es", "en")}
    emojis: dict[str, Entry] = {}
    for row in _rows("emoji.tsv"):
        symbol, polarity, emotions, aaker = (row + ["", "", ""])[:4]
        emojis[symbol.replace("\ufe0f", "")] = parse_entry(polarity, emotions, aaker)
    patterns: dict[tuple[str, str], list[str]] = {}
    for kind, lang, pattern in _rows("cues.tsv"):
        for code in ("es", "en") if lang == "*" else (lang,):
            patterns.setdefault((kind, code), []).append(pattern.translate(FOLD_TABLE))
    cues = {key: [re.compile(p) for p in values] for key, values in patterns.items()}
    return Lexicons(packs, emojis, cues, _evidence(packs))
