"""Cue alternatives tried at their lead word's position find exactly what a full search finds.

Matching at the word that can start an alternative keeps the cue cost linear in the
length of a comment; this checks on long and cue-dense comments that it hides nothing.
"""

import pytest

from benchmarks.annotator_speed import generate, generate_dense
from pixely_dagster.analysis.offline.cues import CueSet
from pixely_dagster.analysis.offline.lexicon import LangCode, load
from pixely_dagster.analysis.offline.normalize import normalise


@pytest.mark.parametrize("lang", ["es", "en"])
def test_matching_at_lead_words_equals_searching_everywhere(lang: LangCode) -> None:
    lexicons = load()
    cues = CueSet(lexicons.cues, lang)
    texts = generate(1500, seed=11) + generate_dense(1500, seed=11)
    texts += [
        "¿precio? ya no les compro, ni loco vuelvo",
        "Súper rápido, nomás 3 semanas 🙃 y nunca más",
        "how much? never buying again, I already ordered",
    ]
    fired = 0
    for text in texts:
        tokens = normalise(text).tokens
        joined = " ".join(tokens)
        found = set(cues._matches(joined, tokens))
        expected = {
            kind
            for (kind, code), patterns in lexicons.cues.items()
            if code == lang and any(pattern.search(joined) for pattern in patterns)
        }
        assert found == expected, joined
        fired += bool(found)
    assert fired > 200
