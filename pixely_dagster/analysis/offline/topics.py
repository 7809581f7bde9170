"""Topics: the content nouns of a comment, singular, lowercase, without accents.

Known nouns (``lexicons/nouns.tsv``) are always taken; an unlisted word is taken only
when it is not a function word, an opinion word or a modifier and does not end like a
verb or an adverb, so product names (``frappé``, ``cheesecake``) still surface while
``llegó`` or ``quickly`` do not. Brand names and handles are never topics.
"""

from pixely_dagster.analysis.offline.lexicon import Pack

MAX_TOPICS = 5
MIN_UNLISTED_LENGTH = 4

_VERB_ENDINGS = {
    "es": (
        "ar", "er", "ir", "ando", "iendo", "aron", "ieron", "aba", "aban", "abamos", "ia",
        "ian", "amos", "emos", "imos", "aste", "iste", "ado", "ados", "ada", "adas", "ido",
        "idos", "mente", "arlo", "erlo", "irlo", "arla", "arme", "arte", "ase", "iese", "are",
        "an", "en",
    ),
    "en": ("ing", "ed", "ly", "'s", "'re", "'ve", "'ll", "'d", "n't"),
}  # fmt: skip
_SINGULAR_EXCEPTIONS = ("is", "us", "ss", "sis", "tis")
_cache: dict[tuple[str, str], str | None] = {}


def singular(word: str, lang: str) -> str:
    """Plural to singular by the regular rules of each language (colores → color)."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(_SINGULAR_EXCEPTIONS):
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


def _canonical(token: str, pack: Pack) -> str | None:
    if token in pack.nouns:
        return token
    noun = singular(token, pack.lang)
    if noun in pack.nouns:
        return noun
    if pack.resolve(token) is not None or len(token) < MIN_UNLISTED_LENGTH:
        return None
    if token.endswith(_VERB_ENDINGS[pack.lang]) or noun in pack.function_words:
        return None
    return noun


def canonical(token: str, pack: Pack) -> str | None:
    """The topic a token names, or None; memoised per language."""
    key = (pack.lang, token)
    try:
        return _cache[key]
    except KeyError:
        pass
    result = None
    if token.isalpha() and len(token) >= 3 and token not in pack.function_words:
        result = _canonical(token, pack)
    if len(_cache) < 200_000:
        _cache[key] = result
    return result


def extract(tokens: list[str], pack: Pack, exclude: frozenset[str]) -> tuple[str, ...]:
    """Up to five distinct topics in order of appearance."""
    found: list[str] = []
    for token in tokens:
        topic = canonical(token, pack)
        if topic is None or topic in exclude or topic in found:
            continue
        found.append(topic)
        if len(found) == MAX_TOPICS:
            break
    return tuple(found)
