"""Language identification for short social text: Spanish, English or undetermined.

Function words decide most comments; opinion words, nouns, spelling shortcuts and
Spanish punctuation (¿ ¡ ñ, accents) break ties. Text with no readable word (emoji
only, a URL, a number) is ``und``; a tie between readable languages goes to Spanish,
the product's main audience.
"""

from collections.abc import Mapping

from pixely_api.insights.labels import Language
from pixely_dagster.analysis.offline.lexicon import Entry, Pack
from pixely_dagster.analysis.offline.memo import Memo

SPANISH_MARK_WEIGHT = 1.5
INFLECTED_WEIGHT = 0.5


Votes = tuple[float, float]
NO_VOTE: tuple[()] = ()
"""What a token that says nothing about the language (punctuation, a number, an unknown
word) votes: an empty tuple, which ``filter`` drops in C before the vote loop, instead of the
loop adding two zeros."""


class Detector:
    """Language identification over one set of lexicons, with its per-token votes kept."""

    def __init__(self, evidence: dict[str, Votes], packs: Mapping[str, Pack]) -> None:
        self._evidence = evidence
        self._packs = packs
        self._votes = Memo(self._vote)

    def _vote(self, token: str) -> Votes | tuple[()]:
        """How much a token says (Spanish, English), :data:`NO_VOTE` for nothing. A token not
        listed as such may still be an inflection of a listed stem (``unexpectedly``,
        ``encantaron``): each language whose lexicon reads it gets a vote."""
        votes = self._evidence.get(token)
        if votes is not None:
            return votes
        spanish = english = 0.0
        if len(token) > 3 and token.isalpha():
            if isinstance(self._packs["es"].resolve(token), Entry):
                spanish = INFLECTED_WEIGHT
            if isinstance(self._packs["en"].resolve(token), Entry):
                english = INFLECTED_WEIGHT
        return (spanish, english) if spanish or english else NO_VOTE

    def __call__(self, tokens: list[str], spanish_marks: bool) -> Language:
        """Sum per-token votes; ``und`` when no token is a known word of either language."""
        spanish = SPANISH_MARK_WEIGHT if spanish_marks else 0.0
        english = 0.0
        for for_spanish, for_english in filter(None, map(self._votes.__getitem__, tokens)):
            spanish += for_spanish
            english += for_english
        if english > spanish:
            return "en"
        if spanish > 0:
            return "es"
        return "und"


def detect(
    tokens: list[str],
    evidence: dict[str, Votes],
    spanish_marks: bool,
    packs: Mapping[str, Pack],
) -> Language:
    """One comment's language (the annotator keeps a :class:`Detector` instead)."""
    return Detector(evidence, packs)(tokens, spanish_marks)
