"""How a comment stands toward the brand: stance, narrative frame, personality cues.

Comments under a brand's post are about the brand unless they praise a competitor or
announce a switch to one, which makes the author a detractor whatever the tone.
"""

import re

from pixely_api.insights.context import BrandContext
from pixely_api.insights.labels import AAKER_DIMENSIONS, AakerDimension, NarrativeFrame, Sentiment
from pixely_dagster.analysis.offline.cues import CueHits
from pixely_dagster.analysis.offline.lexicon import norm

AAKER_FLOOR = 0.3
COMPETITOR_STANCE = -0.5
PURCHASE_LIFT = 0.3
COMPLAINT_CEILING = -0.3
CRISIS_CEILING = -0.7
CHURN_CEILING = -0.6
_WORD = re.compile(r"[a-zñ0-9]+")


def brand_words(context: BrandContext) -> tuple[frozenset[str], frozenset[str]]:
    """Tokens naming the brand (name and handles) and its competitors, normalised."""
    own = {word for word in _WORD.findall(norm(context.brand_name)) if len(word) > 2}
    for handle in context.brand_handles:
        own.add(norm(handle).lstrip("@"))
    rivals = set()
    for competitor in context.competitors:
        rivals.update(word for word in _WORD.findall(norm(competitor)) if len(word) > 2)
    return frozenset(own), frozenset(rivals - own)


def stance(value: float, hits: CueHits, competitor_named: bool, complaint: bool) -> float:
    """Polarity toward the brand, pushed by intent, complaints, crises and competitors."""
    result = value
    if competitor_named and (hits.switch or value > 0):
        result = min(-abs(value), COMPETITOR_STANCE)
    if hits.purchase:
        result = min(1.0, result + PURCHASE_LIFT)
    if complaint:
        result = min(result, COMPLAINT_CEILING)
    if hits.churn:
        result = min(result, CHURN_CEILING)
    if hits.crisis:
        result = min(result, CRISIS_CEILING)
    return max(-1.0, min(1.0, result))


def frame(label: Sentiment, value: float, aspiration: bool) -> NarrativeFrame | None:
    """Aspirational when the comment longs or aims for something, else by tone."""
    if aspiration and label != "negative":
        return "aspiracional"
    if label == "positive" or (label == "mixed" and value > 0):
        return "positivo"
    if label == "negative" or (label == "mixed" and value < 0):
        return "negativo"
    return None


def aaker(raw: list[float]) -> tuple[dict[str, float], AakerDimension | None]:
    """Cue mass to 0..1 per dimension; the dominant one only above the floor."""
    scores = {name: mass / (mass + 1.0) for name, mass in zip(AAKER_DIMENSIONS, raw, strict=True)}
    best = max(AAKER_DIMENSIONS, key=scores.__getitem__)
    return scores, best if scores[best] >= AAKER_FLOOR else None
