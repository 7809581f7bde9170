"""Language identification for short social text: Spanish, English or undetermined.

Function words decide most comments; opinion words, nouns, spelling shortcuts and
Spanish punctuation (¿ ¡ ñ, accents) break ties. Text with no readable word (emoji
only, a URL, a number) is ``und``; a tie between readable languages goes to Spanish,
the product's main audience.
"""

from collections.abc import Mapping

from pixely_api.insights.labels import Language
from pixely_dagster.analysis.offline.lexicon import Entry, Pack

SPANISH_MARK_WEIGHT = 1.5
INFLECTED_WEIGHT = 0.5


def detect(
    tokens: list[str],
    evidence: dict[str, tuple[float, float]],
    spanish_marks: bool,
    packs: Mapping[str, Pack],
) -> Language:
    """Sum per-token evidence; ``und`` when no token is a known word of either language.

    A token not listed as such may still be an inflection of a listed stem
    (``unexpectedly``, ``encantaron``): each language whose lexicon reads it gets a vote.
    """
    spanish = SPANISH_MARK_WEIGHT if spanish_marks else 0.0
    english = 0.0
    for token in tokens:
        pair = evidence.get(token)
        if pair is None:
            if len(token) > 3 and token.isalpha():
                if isinstance(packs["es"].resolve(token), Entry):
                    spanish += INFLECTED_WEIGHT
                if isinstance(packs["en"].resolve(token), Entry):
                    english += INFLECTED_WEIGHT
            continue
        spanish += pair[0]
        english += pair[1]
    if english > spanish:
        return "en"
    if spanish > 0:
        return "es"
    return "und"
