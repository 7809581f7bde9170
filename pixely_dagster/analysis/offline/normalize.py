"""Text normalisation: one pass from a raw comment to the tokens the rules read.

Social text arrives with HTML entities, control characters, URLs, @mentions, hashtags,
``[NAME]`` placeholders, missing or decomposed accents and elongated words. Every rule
downstream matches against the same normal form (lowercase, accents stripped except ``ñ``,
runs of three or more letters cut to two), so the lexicons list each word once.
"""

import html
import re
from dataclasses import dataclass, field
from itertools import chain

from pixely_dagster.analysis.offline.memo import Memo

MAX_CHARS = 4000
"""Longer comments are cut: the opening carries the reading and the cost stays bounded."""

BOUNDARIES = frozenset(".,;:!?¿¡…|")
EMOJI_START = "\u2190"
SENTENCE_ENDS = frozenset(".!?…|")

_EMOJI_CLASS = (
    "\u2190-\u21ff\u2300-\u23ff\u2460-\u24ff\u25a0-\u27bf\u2900-\u297f\u2b00-\u2bff"
    "\u3030\u303d\u3297\u3299\U0001f000-\U0001faff"
)
_MASKED = r"(?<![*a-zñ0-9])(?:[a-zñ]{1,3}\*{2,}|[a-zñ]+\*+[a-zñ]+)(?![*a-zñ0-9])"
"""A swear word masked with asterisks (``f***``, ``sh*t``, ``p*ta``), kept whole so the
spelling table can read it as the word it hides. Emphasis (``*love*``, ``wow*``) is not
a mask: a mask starts with a letter, and stars that end it (two or more) follow at most
three letters."""
_TOKEN = re.compile(rf"{_MASKED}|[a-zñ0-9]+(?:'[a-z]+)?|[.,;:!?¿¡…|]|[{_EMOJI_CLASS}]")
_MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?)")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\[[A-Za-z_ ]{1,20}\]")
_HASHTAG = re.compile(r"#(\w+)")
_CAMEL = re.compile(r"[A-ZÁÉÍÓÚÑ]?[a-záéíóúñü]+|[A-ZÁÉÍÓÚÑ]+(?![a-záéíóúñü])|\d+")
_ELONGATED = re.compile(r"([a-zñ])\1{2,}")
_SPANISH_MARKS = re.compile(r"[ñ¿¡áéíóú]")
_LETTER = re.compile(r"[^\W\d_]")
_UPPER_WORD = re.compile(r"[A-ZÁÉÍÓÚÑ](?<!\w[A-ZÁÉÍÓÚÑ])[A-ZÁÉÍÓÚÑ]{2,}\b")
"""A word of three or more capitals. Written as ``\\b[A-Z]{3,}\\b`` but led by the letter
class, so the regex engine skips ahead to a capital instead of trying every position."""
_QUOTED = re.compile(r'"([^"]{1,40})"')
_EMOTICONS = {
    "<3": "❤", ":)": "🙂", ":-)": "🙂", "(:": "🙂", ":]": "🙂", "=)": "🙂", ":D": "😃",
    ":-D": "😃", "xD": "😆", "XD": "😆", ";)": "😉", ";-)": "😉", ":P": "😛", ":p": "😛",
    ":(": "🙁", ":-(": "🙁", "):": "🙁", ":'(": "😢", ":/": "😕", ":-/": "😕", ":O": "😮",
    ":o": "😮", "^^": "😊", "^_^": "😊", "-_-": "😑", ":|": "😐", "</3": "💔",
}  # fmt: skip
_EMOTICON = re.compile(
    "(?:"
    + "|".join(
        rf"{re.escape(e)}(?<![\w:/]{re.escape(e)})"
        for e in sorted(_EMOTICONS, key=len, reverse=True)
    )
    + r")(?![\w/])"
)
"""An emoticon not glued to a word, a URL or another emoticon. The check of the character
before it follows each emoticon (a look-behind over the emoticon itself), so the pattern
opens with literals and the regex engine skips straight to candidate characters."""


def _build_table() -> dict[int, str | None]:
    """Accents off (``ñ`` kept), controls and zero-width marks to space, quotes unified."""
    table: dict[int, str | None] = {}
    for source, target in zip("áàâäãéèêëíìîïóòôöõúùûüç", "aaaaaeeeeiiiiooooouuuuc", strict=True):
        table[ord(source)] = target
    for code in range(0x300, 0x370):
        table[code] = None
    for code in (*range(0, 32), 127, *range(0x80, 0xA0), 0x200B, 0x200C, 0x200D, 0x2028, 0x2029):
        table[code] = " "
    table[0xFEFF] = None
    table[0xFE0F] = None
    for quote in "’‘´`":
        table[ord(quote)] = "'"
    for quote in "“”«»":
        table[ord(quote)] = '"'
    return table


FOLD_TABLE = _build_table()
_FOLD = {chr(code): target or "" for code, target in FOLD_TABLE.items()}
_FOLDABLE = re.compile("[" + re.escape("".join(_FOLD)) + "]")


def _fold(match: re.Match[str]) -> str:
    return _FOLD[match.group(0)]


def _squeeze(token: str) -> str:
    """``buenísimooo`` → ``buenisimoo``: runs of three or more letters cut to two."""
    return _ELONGATED.sub(r"\1\1", token)


def _cut(word: str) -> tuple[str, ...]:
    """A lowercase word's tokens, folded and squeezed (see :data:`_word_tokens`)."""
    folded = _FOLDABLE.sub(_fold, word)
    tokens = _TOKEN.findall(folded)
    if _ELONGATED.search(folded) is not None:
        tokens = [_squeeze(token) for token in tokens]
    return tuple(tokens)


_word_tokens = Memo(_cut)
"""Lowercase word (text between spaces) → its tokens. Folding works character by character
and never makes or removes a space, and no token spans whitespace, so cutting word by word
gives the tokens of the whole text; words repeat far more than comments do."""
_QUOTE_MARKS = re.compile("[" + re.escape("".join(c for c, t in _FOLD.items() if t == '"')) + '"]')
"""The characters that fold to ``"``."""


@dataclass(slots=True)
class Normalised:
    """A comment reduced to what the rules read; ``tokens`` keep emojis and punctuation."""

    tokens: list[str]
    mentions: list[str] = field(default_factory=list)
    exclamations: int = 0
    shouting: bool = False
    spanish_marks: bool = False
    scare_quotes: bool = False
    quoted: tuple[str, ...] = ()


def _split_hashtag(match: re.Match[str]) -> str:
    """``#NoLesCompren`` reads as three words; a boundary keeps it out of nearby clauses."""
    words = _CAMEL.findall(match.group(1))
    return " | " + " ".join(words) + " | "


def normalise(raw: object) -> Normalised:
    """Normalise anything (``None``, numbers, huge or binary-looking text) without raising."""
    text = raw if isinstance(raw, str) else ("" if raw is None else str(raw))
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
    if "&" in text:
        text = html.unescape(text)
    if "\\n" in text:
        text = text.replace("\\n", " ")
    mentions: list[str] = []
    if "@" in text:
        mentions = [m.lower() for m in _MENTION.findall(text)]
        text = _MENTION.sub(" ", text)
    if "://" in text or "www." in text or "WWW." in text:
        text = _URL.sub(" ", text)
    if "[" in text:
        text = _PLACEHOLDER.sub(" ", text)
    if ":" in text or "<3" in text or "^" in text or "_" in text or "xD" in text or "XD" in text:
        text = _EMOTICON.sub(lambda m: f" {_EMOTICONS[m.group(0)]} ", text)
    if "#" in text:
        text = _HASHTAG.sub(_split_hashtag, text)
    shouting = False
    if not text.islower() and _UPPER_WORD.search(text):
        letters = _LETTER.findall(text)
        upper = sum(1 for c in letters if c.isupper())
        shouting = len(letters) >= 8 and upper >= 0.7 * len(letters)
    low = text.lower()
    spanish_marks = not low.isascii() and _SPANISH_MARKS.search(low) is not None
    tokens = list(chain.from_iterable(map(_word_tokens.__getitem__, low.split())))
    quotes = low.count('"') if low.isascii() else len(_QUOTE_MARKS.findall(low))
    scare_quotes = quotes >= 2
    quoted: tuple[str, ...] = ()
    if scare_quotes:
        quoted = tuple(
            _squeeze(token)
            for inside in _QUOTED.findall(_FOLDABLE.sub(_fold, low))
            if len(inside.split()) <= 2
            for token in _TOKEN.findall(inside)
        )
    # Positional, in declared order: seven keyword arguments more than double the call.
    return Normalised(
        tokens, mentions, low.count("!"), shouting, spanish_marks, scare_quotes, quoted
    )
