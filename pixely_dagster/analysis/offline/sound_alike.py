"""Spanish words spelled as they sound: ``delisioso``, ``exelente``, ``orrible``, ``felis``.

Latin American comments often write a word by its sound, because ``s``, ``c`` before
``e``/``i`` and ``z`` sound alike, ``h`` is silent and ``xc`` sounds like ``x``. (``b``/``v``
and ``ll``/``y`` merge too, but they join too many real words: ``vello`` and ``bello``.)
A listed opinion word spelled that way was read as unknown. :func:`sound_key` maps a word
to one spelling per sound; :class:`SoundAlike` finds the listed word or stem with the same
key. It is the last thing the lexicon tries for a token it does not know, so correctly
spelled words never reach it, and a key two listed words share with different readings is
dropped rather than guessed.
"""

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pixely_dagster.analysis.offline.lexicon import Entry

MIN_LENGTH = 4
"""Shorter tokens collide too easily (``ves`` is a verb, not ``vez``)."""
MIN_STEM_KEY = 5
"""A stem must say this much of the word (``nazi*`` must not read ``nacional``)."""
MAX_ENDING = 2
"""At most this many sounds may follow a stem (``desastros-as``, not ``intens-ion``)."""

_SILENT_H = re.compile(r"(?<!c)h")
_SOFT_C = re.compile(r"c(?=[ei])")
_HARD_C = re.compile(r"c(?!h)")
_DOUBLED = re.compile(r"([^rl])\1")


def sound_key(word: str) -> str:
    """One spelling per sound; ``rr`` and ``ll`` stay apart from ``r`` and ``l`` (``carro`` is
    not ``caro``, ``halla`` not ``hala``)."""
    key = _SILENT_H.sub("", word)
    key = key.replace("z", "s").replace("x", "ks")
    key = _SOFT_C.sub("s", key).replace("qu", "k")
    key = _HARD_C.sub("k", key)
    return _DOUBLED.sub(r"\1", key)


class SoundAlike:
    """The opinion words and stems of one language, found by how a token sounds."""

    def __init__(self, words: Mapping[str, "Entry"], stems: Mapping[str, "Entry"]) -> None:
        self._words = _unambiguous(
            (sound_key(word), entry)
            for word, entry in words.items()
            if entry.opinion and len(word) >= MIN_LENGTH and word.isalpha()
        )
        self._stems = _unambiguous(
            (key, entry)
            for stem, entry in stems.items()
            if entry.opinion and len(key := sound_key(stem)) >= MIN_STEM_KEY
        )

    def find(self, token: str) -> "Entry | None":
        """The listed word or stem that sounds like ``token``, if exactly one does."""
        if len(token) < MIN_LENGTH or not token.isalpha():
            return None
        key = sound_key(token)
        entry = self._words.get(key)
        if entry is not None:
            return entry
        for end in range(len(key), max(MIN_STEM_KEY, len(key) - MAX_ENDING) - 1, -1):
            entry = self._stems.get(key[:end])
            if entry is not None:
                return entry
        return None


def _unambiguous(pairs: Iterable[tuple[str, "Entry"]]) -> dict[str, "Entry"]:
    """Key → entry, leaving out keys whose words read differently."""
    found: dict[str, Entry] = {}
    clashes: set[str] = set()
    for key, entry in pairs:
        if found.setdefault(key, entry) != entry:
            clashes.add(key)
    for key in clashes:
        del found[key]
    return found
