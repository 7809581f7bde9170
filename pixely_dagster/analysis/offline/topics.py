"""Topics as aspects: what a comment is about, named the way a brand report names it.

A comment's topics are **aspects** from two hand-written lexicons, never any word that
happens not to be a verb:

- ``lexicons/aspects.tsv`` (``term``, ``aspect``) groups the words people use for one
  thing under one name, accents kept for display: ``precio``, ``subida``, ``caro``,
  ``soles`` → **precio**; ``pedido``, ``envío``, ``demora`` → **entrega**. A term with
  spaces is a noun phrase matched before single words (``cold brew`` is one aspect,
  ``cliente frecuente`` is not «atención»).
- ``lexicons/places.tsv`` (``term``, ``place``) names places; the modules show them as
  places, never as a problem to fix.

A term marked ``unit`` in the ``counted`` column of ``aspects.tsv`` (``bolsa``, ``caja``,
``bag``) is also a unit of purchase: counted (``mi tercera bolsa``, ``2 bolsas``,
``another bag``) it says how much someone bought, not what the packaging was like, so it
names no aspect there.

Matching is on the normalised tokens (lowercase, no accents), first as written, then in
the singular, then with one slip of the keyboard undone (a doubled last letter, two
swapped letters, one letter missing or extra: «preico», «peddio», «aguinaldoo»), so a
misspelling counts for its aspect instead of becoming a topic of its own. Fillers,
slang, interjections and verbs are not in the lexicons, so they never become topics.

Competitors are not read here: the modules recognise them from the ficha's brand
context (``BrandContext.competitors``), see :mod:`pixely_dagster.analysis.shared`. A new
brand's vocabulary gets in the same way the README describes: general terms go into
``aspects.tsv`` under the aspect they belong to; rivals into the ficha's competitors.
"""

import csv
from functools import cache, partial
from itertools import compress, islice
from pathlib import Path

from pixely_dagster.analysis.offline.lexicon import Pack
from pixely_dagster.analysis.offline.memo import Memo

MAX_TOPICS = 5
MIN_FUZZY_LENGTH = 5
"""Shorter words are too easily one letter away from another word to be corrected."""
LEXICONS = Path(__file__).resolve().parent / "lexicons"
Phrase = tuple[str, ...]


def singular(word: str, lang: str) -> str:
    """Plural to singular by the regular rules of each language (colores → color)."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("is", "us", "ss", "sis", "tis")):
        return word
    if lang == "es":
        if word.endswith("ces"):
            return word[:-3] + "z"
        if word.endswith("iones"):
            return word[:-2]
        if word.endswith("es") and word[-3] in "lrndy":
            return word[:-2]
        return word[:-1]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    return word[:-1]


def _fold(term: str) -> str:
    """A lexicon term in the comments' normal form (lowercase, no accents, ñ kept)."""
    table = str.maketrans("áéíóúüàèìòù", "aeiouuaeiou")
    return " ".join(term.lower().translate(table).split())


COUNTS = frozenset(
    (
        *("otra", "otro", "segunda", "segundo", "tercera", "tercer", "tercero", "cuarta"),
        *("cuarto", "quinta", "quinto", "dos", "tres", "cuatro", "cinco", "seis", "diez"),
        *("another", "second", "third", "fourth", "fifth", "two", "three", "four", "five"),
        *("ten", "2nd", "3rd", "4th", "5th"),
    )
)
"""Words that count what follows them; a digit counts too (``una``/``a`` do not: «una
bolsa rota» is about the packaging)."""
DAMAGED = frozenset(
    (
        *("roto", "rota", "rotos", "rotas", "abollado", "abollada", "abollados", "abolladas"),
        *("aplastado", "aplastada", "aplastados", "aplastadas", "rasgado", "rasgada"),
        *("rasgados", "rasgadas", "mojado", "mojada", "mojados", "mojadas", "derramado"),
        *("derramada", "broken", "torn", "ripped", "crushed", "dented", "leaking", "damaged"),
    )
)
"""Words that say a unit came damaged, so it is spoken of as packaging after all."""


def _rows(name: str) -> list[list[str]]:
    with (LEXICONS / name).open(encoding="utf-8", newline="") as handle:
        rows = csv.reader(handle, delimiter="\t")
        next(rows)
        return [row for row in rows if row and row[0] and row[0][0] != "#"]


def _terms(rows: list[list[str]]) -> dict[str, str]:
    """Folded term → its value (the aspect or place named)."""
    return {_fold(term): value for term, value, *_ in rows}


class AspectLexicon:
    """Every term → its aspect name, single words and phrases apart, with typo keys."""

    def __init__(self) -> None:
        aspect_rows = _rows("aspects.tsv")
        places = _terms(_rows("places.tsv"))
        self.places = frozenset(places.values())
        self.units = frozenset(_fold(row[0]) for row in aspect_rows if row[2:3] == ["unit"])
        terms = {**_terms(aspect_rows), **places}
        self.words = {term: aspect for term, aspect in terms.items() if " " not in term}
        self.phrases: dict[Phrase, str] = {
            tuple(term.split()): aspect for term, aspect in terms.items() if " " in term
        }
        self.longest = max((len(p) for p in self.phrases), default=1)
        self.heads = frozenset(p[0] for p in self.phrases)
        self.seconds: dict[str, set[str]] = {}
        """First word of a phrase → the words that follow it in some phrase."""
        for phrase in self.phrases:
            self.seconds.setdefault(phrase[0], set()).add(phrase[1])
        self._typos: dict[str, str] = {}
        for term, aspect in self.words.items():
            if len(term) >= MIN_FUZZY_LENGTH:
                for variant in _deletions(term):
                    self._typos.setdefault(variant, aspect)

    def word(self, token: str, lang: str, fuzzy: bool = True) -> str | None:
        """The aspect a single token names, typos undone unless ``fuzzy`` is off (a word
        the language lists as a noun of its own is no typo: *producto* is not a slip of
        *productor*); None for any other word."""
        found = self.words.get(token) or self.words.get(singular(token, lang))
        if found or not fuzzy or len(token) < MIN_FUZZY_LENGTH:
            return found
        trimmed = token.rstrip(token[-1]) + token[-1] if token[-1] == token[-2] else token
        found = self.words.get(trimmed) or self.words.get(singular(trimmed, lang))
        if found:
            return found
        found = self._typos.get(token)
        for candidate in (*_deletions(token), *_swaps(token)):
            found = found or self.words.get(candidate)
        return found


def _deletions(word: str) -> list[str]:
    return [word[:i] + word[i + 1 :] for i in range(len(word))]


def _swaps(word: str) -> list[str]:
    return [word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)]


@cache
def lexicon() -> AspectLexicon:
    """The bundled aspect and place lexicons, read once."""
    return AspectLexicon()


def canonical(token: str, pack: Pack) -> str | None:
    """The aspect a token names, or None; memoised per language."""
    return _aspects_of(pack)[token]


def _aspect(pack: Pack, token: str) -> str | None:
    result = None
    if token.isalpha() and len(token) >= 3 and token not in pack.function_words:
        result = lexicon().word(token, pack.lang, fuzzy=token not in pack.nouns)
    elif token.isalnum() and len(token) >= 2:
        result = lexicon().words.get(token)
    return result


_by_language: dict[str, Memo[str, str | None]] = {}


def _aspects_of(pack: Pack) -> Memo[str, str | None]:
    """Token → the aspect it names in the pack's language (typos undone), looked up once."""
    try:
        return _by_language[pack.lang]
    except KeyError:
        return _by_language.setdefault(pack.lang, Memo(partial(_aspect, pack)))


def extract(tokens: list[str], pack: Pack, exclude: frozenset[str]) -> tuple[str, ...]:
    """Up to five distinct aspects in order of appearance; phrases before their words.

    Each token's own aspect comes from the per-language memo in one C-level pass; only
    where a token can open a phrase is the phrase lexicon tried.
    """
    lex = lexicon()
    aspects = _aspects_of(pack)
    if exclude.isdisjoint(tokens):
        named = list(map(aspects.__getitem__, tokens))
    else:
        named = [None if token in exclude else aspects[token] for token in tokens]
    if not lex.units.isdisjoint(tokens):
        _leave_out_counted(tokens, named, lex.units)
    if not lex.heads.isdisjoint(tokens):
        _mark_phrases(tokens, named, pack.lang)
    firsts = dict.fromkeys(named)
    firsts.pop(None, None)
    return tuple(islice(firsts, MAX_TOPICS))


def _leave_out_counted(tokens: list[str], named: list[str | None], units: frozenset[str]) -> None:
    """Every counted unit of purchase (``tercera bolsa``) names no aspect in ``named``,
    unless the comment goes on to say it came damaged (``compré 2 bolsas y llegaron rotas``):
    then the bag is the packaging.

    Units are rare words: where they stand is found in one C-level pass.
    """
    for index in compress(range(len(tokens)), map(units.__contains__, tokens)):
        counted = index and (tokens[index - 1] in COUNTS or tokens[index - 1].isdigit())
        if counted and DAMAGED.isdisjoint(tokens[index + 1 :]):
            named[index] = None


_singulars: dict[str, Memo[str, str]] = {}


def _singulars_of(lang: str) -> Memo[str, str]:
    """Word → its singular in the language, worked out once per word."""
    try:
        return _singulars[lang]
    except KeyError:
        return _singulars.setdefault(lang, Memo(partial(singular, lang=lang)))


def _mark_phrases(tokens: list[str], named: list[str | None], lang: str) -> None:
    """Each phrase found (longest first) stands for its words in the per-token aspects: its
    aspect in place of its first word's, nothing in place of the others'.

    Phrase heads are common words (``la``, ``san``) and phrases rare: where the heads stand
    is found in one C-level pass, the word after one is put in the singular from a memo,
    and ``named`` changes only where a phrase is found.
    """
    lex = lexicon()
    singulars = _singulars_of(lang)
    start = 0
    for index in list(compress(range(len(tokens)), map(lex.heads.__contains__, tokens))):
        if index < start:
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        seconds = lex.seconds[tokens[index]]
        if following not in seconds and singulars[following] not in seconds:
            # No phrase of this head goes on with the next word (as written or singular).
            start = index + 1
            continue
        aspect, width = None, 1
        for size in range(min(lex.longest, len(tokens) - index), 1, -1):
            window = tuple(tokens[index : index + size])
            aspect = lex.phrases.get(window) or lex.phrases.get(
                (*window[:-1], singular(window[-1], lang))
            )
            if aspect:
                width = size
                break
        if aspect is not None:
            named[index] = aspect
            named[index + 1 : index + width] = [None] * (width - 1)
        start = index + width
