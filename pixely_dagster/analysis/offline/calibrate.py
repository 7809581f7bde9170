"""Thresholds that turn rule mass into labels, calibrated on the dev halves only.

Kept apart from the rules so a recalibration is one reviewed diff (and a version bump).
"""

import math

from pixely_api.insights.labels import EMOTIONS, Emotion, Sentiment
from pixely_dagster.analysis.offline.memo import Memo
from pixely_dagster.analysis.offline.reading import AFTER_CONTRAST, FAINT_PRAISE, Reading

POLARITY_SCALE = 4.0
NEUTRAL_BAND = 0.25
MIXED_MIN_MASS = 1.0
MIXED_RATIO = 0.6
EMOTION_FLOOR = 0.35
FALLBACK_POLARITY = 0.45
FALLBACK_INTENSITY = 0.3
SARCASM_CARRY = 0.8
CHURN_MASS = 2.0
CONVERSION_MASS = 2.0
CHURN_CARRY = 0.8
CHURN_EMOTION = 0.5
PRICE_MASS = 1.5
PRICE_ANGER = 0.4
COMPLAINT_MASS = 1.5
EXCLAMATION_GAIN = 0.08
MAX_EXCLAMATIONS = 4
SHOUTING_GAIN = 1.25
_IRA = EMOTIONS.index("ira")
_ALEGRIA = EMOTIONS.index("alegria")
_CONFIANZA = EMOTIONS.index("confianza")
_TRISTEZA = EMOTIONS.index("tristeza")


def _to_negative(reading: Reading, carry: float, mass: float = 0.0) -> None:
    """The positive mass, times ``carry`` and plus ``mass``, becomes negative."""
    reading.negative += reading.positive * carry + mass
    reading.raw_negative += reading.raw_positive * carry + mass
    reading.positive = 0.0
    reading.raw_positive = 0.0


def _to_positive(reading: Reading, carry: float, mass: float = 0.0) -> None:
    """The negative mass, times ``carry`` and plus ``mass``, becomes positive."""
    reading.positive += reading.negative * carry + mass
    reading.raw_positive += reading.raw_negative * carry + mass
    reading.negative = 0.0
    reading.raw_negative = 0.0


def _move_emotions(reading: Reading, away: tuple[int, int], toward: int) -> None:
    """The two emotions in ``away`` go to ``toward``, which gets at least 0.5."""
    carried = reading.emotions[away[0]] + reading.emotions[away[1]]
    reading.emotions[away[0]] = 0.0
    reading.emotions[away[1]] = 0.0
    reading.emotions[toward] += max(carried, 0.5)


def apply_sarcasm(reading: Reading) -> None:
    """Praise said with an eye-roll is a complaint: its mass turns negative and angry."""
    _to_negative(reading, SARCASM_CARRY)
    _move_emotions(reading, (_ALEGRIA, _CONFIANZA), _IRA)


def apply_conversion(reading: Reading) -> None:
    """Not going back to what they had, after trying the brand, is praise: the mass of the
    refusal (``no vuelvo``) turns positive and its anger or sadness into joy."""
    _to_positive(reading, 1.0, CONVERSION_MASS)
    _move_emotions(reading, (_IRA, _TRISTEZA), _ALEGRIA)


def apply_churn(reading: Reading) -> None:
    """A customer saying they are leaving is a detractor, whatever praise comes with it.

    The praise is for what they are giving up (``era mi café favorito``): it turns into
    sadness and negative mass; with no praise to carry, leaving reads as anger.
    """
    carried = reading.emotions[_ALEGRIA] + reading.emotions[_CONFIANZA]
    _to_negative(reading, CHURN_CARRY, CHURN_MASS)
    reading.emotions[_ALEGRIA] = 0.0
    reading.emotions[_CONFIANZA] = 0.0
    if carried or reading.emotions[_TRISTEZA]:
        reading.emotions[_TRISTEZA] += max(carried, CHURN_EMOTION)
    else:
        reading.emotions[_IRA] += CHURN_EMOTION


def apply_price(reading: Reading) -> None:
    """A protest about the price (``con esta subida``) weighs as a complaint of its own."""
    reading.negative += PRICE_MASS
    reading.raw_negative += PRICE_MASS
    reading.emotions[_IRA] += PRICE_ANGER


def apply_complaint(reading: Reading) -> None:
    """A complaint the cues name in a comment with no opinion word (``me cobraron dos
    veces``, ``my package never showed up``) is still a complaint: it weighs at least as
    much negative mass as a plain complaint. A faint word beside it (``me llegó otra
    talla``: *llegó*) or a laugh does not stop it; praise does, so *customer service was
    amazing* stays praise, and so does a fault denied (``nunca llegó tarde``)."""
    praise = reading.raw_positive - reading.laughing
    if praise < FAINT_PRAISE and not reading.denial:
        reading.negative = max(reading.negative, COMPLAINT_MASS)
        reading.raw_negative = max(reading.raw_negative, COMPLAINT_MASS)


def apply_complaint_after_contrast(reading: Reading) -> None:
    """``Nice staff but we waited 45 minutes``: a complaint the cues name after ``pero`` /
    ``but`` is that clause's verdict, though it holds no opinion word; it weighs as the
    opinion after a contrast does, so the praise before it no longer wins alone."""
    mass = COMPLAINT_MASS * AFTER_CONTRAST
    reading.negative += mass
    reading.raw_negative += COMPLAINT_MASS
    reading.negative_after_contrast += mass


def apply_advert(reading: Reading) -> None:
    """An advert (a discount code, ``link in bio``) sells rather than judges: its praise,
    emotions and personality cues say nothing about how the brand is received, so they
    are dropped."""
    reading.positive = reading.negative = 0.0
    reading.raw_positive = reading.raw_negative = 0.0
    reading.emotions[:] = [0.0] * len(reading.emotions)
    reading.aaker[:] = [0.0] * len(reading.aaker)


def polarity(reading: Reading, exclamations: int, shouting: bool) -> float:
    """Net weighted mass squashed to -1..1; exclamations and capitals make it louder."""
    score = reading.score * (1 + EXCLAMATION_GAIN * min(exclamations, MAX_EXCLAMATIONS))
    if shouting:
        score *= SHOUTING_GAIN
    return score / math.sqrt(score * score + POLARITY_SCALE)


def sentiment(reading: Reading, value: float) -> Sentiment:
    """Mixed when both sides carry real weight; neutral inside the band around zero."""
    low = min(reading.positive, reading.negative)
    high = max(reading.positive, reading.negative)
    if low >= MIXED_MIN_MASS and low >= MIXED_RATIO * high:
        return "mixed"
    if value >= NEUTRAL_BAND:
        return "positive"
    if value <= -NEUTRAL_BAND:
        return "negative"
    return "neutral"


def _intensity(mass: float) -> float:
    """Raw emotion mass to a 0..1 intensity."""
    return mass / (mass + 1.0) if mass > 0 else 0.0


_INTENSITY = Memo(_intensity)
"""Most masses are zero or one lexicon weight, so each distinct mass is converted once (the
two zeros give the same intensity, so one key may answer for both)."""


def emotions(reading: Reading, value: float) -> tuple[list[float], Emotion | None]:
    """Raw emotion mass to 0..1 intensities; the dominant one only above the floor.

    A clearly positive or negative comment with no emotion word still expresses one:
    joy when positive, anger when negative (the commonest reading of a bare complaint).
    """
    scores = list(map(_INTENSITY.__getitem__, reading.emotions))
    top = max(scores)
    if top >= EMOTION_FLOOR:
        return scores, EMOTIONS[scores.index(top)]
    if abs(value) >= FALLBACK_POLARITY:
        index = _ALEGRIA if value > 0 else _IRA
        scores[index] = max(scores[index], FALLBACK_INTENSITY)
        return scores, EMOTIONS[index]
    return scores, None


def subjectivity(reading: Reading) -> float:
    """Share of opinion in the comment: opinion hits and emojis against its length."""
    opinion = reading.opinion_hits + 0.5 * reading.emojis
    if opinion == 0:
        return 0.0
    return min(1.0, opinion / (1.0 + 0.3 * reading.words))
