"""The rule engine: opinion and emotion mass from tokens, with negation and contrast.

A lexicon hit contributes its polarity and emotions, scaled by the intensifiers before
it, flipped inside a negation scope (a few words after ``no``/``nunca``/``sin``/``not``,
cut at punctuation; after an ending, ``se acabó``, or an expectation that was not met,
``pensé que``, praise turns to sadness; a ``nada`` right after the negated word is Spanish
double negation and closes the scope),
down-weighted before ``pero``/``but`` and up-weighted after it, down-weighted inside an
``aunque``/``although`` clause. Emojis count where they stand. A word the comment's
language does not know is read with the other language's words, so a code-switched
comment (``el café is amazing``) is not left neutral.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from itertools import pairwise
from typing import Any, Literal

from pixely_dagster.analysis.offline.lexicon import (
    AAKER_INDEX,
    EMOTION_INDEX,
    PHRASE_KEYS,
    Entry,
    Item,
    Modifier,
    Pack,
)
from pixely_dagster.analysis.offline.memo import Memo
from pixely_dagster.analysis.offline.normalize import BOUNDARIES, EMOJI_START, SENTENCE_ENDS
from pixely_dagster.analysis.offline.topics import canonical

NEGATION_SCOPE = 3
CLOSING_WORDS = 3
"""A last sentence this short that only praises (``Excelente servicio.``) is a verdict on
what came before it; :mod:`.cues` reads it as sarcasm when what came before complains."""
FAINT_PRAISE = 1.0
"""A positive word below this is not praise (``llegó``, ``ok``, ``yes``)."""
BEFORE_CONTRAST = 0.6
AFTER_CONTRAST = 1.4
CONCESSION = 0.6
NEGATED_POSITIVE = 0.8
NEGATED_NEGATIVE = 0.5
REPEATED_EMOJI = 0.3
QUESTION = 0.4
ASKED = 0.15
"""A question that asks whether something is good (``¿es bueno el plan de 50 megas?``,
``¿vale la pena?``, ``is it worth it?``, ``¿cuál es mejor?``) praises nothing: its praise
weighs this much. Its faults keep the usual damping, since *is it just me or is the coffee
terrible now?* and *¿es tan malo como dicen?* do voice a complaint."""
_ASKING = frozenset(
    ("es", "son", "sera", "seran", "vale", "valen", "cual", "cuales", "recomiendan",
     "is", "are", "which")
)  # fmt: skip
"""Words that open a question asking whether something is good, or which is better."""
_DEGREE = frozenset(("this", "so", "such", "how", "tan", "lo", "mas"))
_OR_WHAT = frozenset((("or", "what"), ("o", "que"), ("o", "no")))
_VOICING = frozenset(
    (
        ("is", "it", "just", "me"), ("is", "there", "anything"), ("is", "there", "a", "better"),
        ("is", "it", "possible"), ("is", "it", "weird"), ("is", "it", "normal"),
        ("es", "normal"), ("es", "posible"), ("es", "raro"), ("es", "mi", "imaginacion"),
    )
)  # fmt: skip
"""How a question that voices an opinion opens (*is it just me or…*, *is there anything
better than…*, *¿es normal que me encante tanto…?*)."""


def _voices_praise(sentence: list[str], readings: Mapping[str, Item | None]) -> bool:
    """Whether a question that opens as if asking voices praise: a degree word before the
    praise (*is your service always this amazing?*, *¿es tan rico como parece?*), a
    closing *or what* (*are you guys amazing or what?*, *¿es lo máximo o qué?*) or an
    opening of :data:`_VOICING`."""
    if tuple(sentence[-2:]) in _OR_WHAT or any(
        tuple(sentence[:length]) in _VOICING for length in (2, 3, 4)
    ):
        return True
    for degree, word in pairwise(sentence):
        if degree in _DEGREE:
            item = readings[word]
            if isinstance(item, Entry) and item.polarity > 0:
                return True
    return False


_SADNESS = EMOTION_INDEX["tristeza"]
_MOURNED = ((_SADNESS, 0.8),)
"""What a good thing that ended (``se acabó lo bueno``) leaves: sadness, not anger."""
_POSITIVE_EMOTIONS = frozenset((EMOTION_INDEX["alegria"], EMOTION_INDEX["confianza"]))
_OPENING_ENDS = (SENTENCE_ENDS | frozenset(",;:")) - {"?", "|"}
"""What closes a first clause that may be a verdict (``Genial,``); a question does not."""
_CONCORD = frozenset(("nada", "tampoco", "nunca", "jamas"))
"""Spanish doubles a negation after the verb (``no tardó nada en llegar``): one of these
right after the word a ``no`` negated ends that negation instead of opening a new one."""


Hit = list[Any]
"""One weighted hit, ``[value, emotions, aaker, weight]``: a list, since a question damps
its value and a contrast its weight after it is found, and a list costs a fifth of a
dataclass to build (a hit is built for every opinion word and emoji)."""
VALUE = 0
WEIGHT = 3


@dataclass(slots=True)
class Reading:
    """What the rules found in one comment, before any threshold is applied."""

    positive: float = 0.0
    negative: float = 0.0
    raw_positive: float = 0.0
    raw_negative: float = 0.0
    emotions: list[float] = field(default_factory=lambda: [0.0] * 8)
    aaker: list[float] = field(default_factory=lambda: [0.0] * 5)
    opinion_hits: int = 0
    words: int = 0
    laughter: bool = False
    emojis: int = 0
    negative_after_contrast: float = 0.0
    closing_praise: float = 0.0
    """Praise mass of a short last sentence that holds nothing but praise (``Genial.``),
    when no sentence before it praises anything (:func:`_closing`)."""
    before_closing: float = 0.0
    """Net weighted opinion (zero or negative) of what comes before that sentence."""
    after_contrast: int = -1
    """Index of the first token after the last ``pero``/``but`` (-1 without one): where the
    clause that carries the verdict begins."""
    laughing: float = 0.0
    """Praise mass of written laughter (``jajaja``): a customer laughs at a complaint as
    often as at a joke, so it does not stand against a complaint cue."""
    denial: bool = False
    """Whether a fault was negated (``nunca llegó tarde``): its praise is a denial, not
    a faint word, and it answers a complaint cue instead of carrying one."""
    opening_praise: float = 0.0
    """Praise mass of a short first clause that holds nothing but praise (``Genial,``), in
    a comment with no contrast or concession (:func:`_opening`)."""

    @property
    def score(self) -> float:
        """Net opinion, contrast-weighted."""
        return self.positive - self.negative


def _negated(entry: Entry, value: float) -> tuple[float, tuple[tuple[int, float], ...]]:
    """``no me gusta`` is disappointment; ``no está mal`` is mild praise."""
    if entry.negated:
        emotions = entry.negated
    elif value > 0 and any(e in _POSITIVE_EMOTIONS for e, _ in entry.emotions):
        emotions = ((_SADNESS, 0.5),)
    else:
        emotions = ()
    if entry.negated_polarity is not None:
        return entry.negated_polarity, emotions
    if value > 0:
        return -value * NEGATED_POSITIVE, emotions
    return -value * NEGATED_NEGATIVE, emotions


_OPENERS = SENTENCE_ENDS | frozenset(("¿", "¡", ",", ";", ":", "pues", "y", "bueno"))
_PAUSES = frozenset((",", ".", "…", ";", "bueno", "pues", "ya", "entonces"))


def _in_passing(tokens: list[str], after: int, readings: Mapping[str, Item | None]) -> bool:
    """``Bueno, mañana vuelvo`` is "well, …", not praise: the word opens its sentence and a
    pause or a particle follows (``Bueno pues, nos vemos``, ``Bueno ya, te espero``).
    ``Bueno, bonito y barato`` stays praise (praise follows the pause), and so does a
    predicate (``está bueno pues``: the word does not open its sentence)."""
    at = after - 1
    if at > 0 and tokens[at - 1] not in _OPENERS:
        return False
    if after >= len(tokens) or tokens[after] not in _PAUSES:
        return False
    following = readings[tokens[after + 1]] if after + 1 < len(tokens) else None
    return not (isinstance(following, Entry) and following.polarity > 0)


Kind = Literal["boundary", "emoji", "word", "other"]
"""What the walk does with a token: a boundary ends scopes, an emoji counts where it stands,
a word (letters only) counts toward the comment's length, and any but a boundary or an
emoji is looked up."""


Seen = tuple[Kind, bool, Item | None]
"""What the walk needs of a token: its kind, whether it can open one of the language's
phrases, and its own reading (None for a boundary or an emoji)."""


def _seen(pack: Pack, token: str) -> Seen:
    """What the walk needs of one token (memoised per language in :data:`_by_language`)."""
    if token in BOUNDARIES:
        return "boundary", False, None
    if len(token) == 1 and token >= EMOJI_START:
        return "emoji", False, None
    kind: Kind = "word" if token.isalpha() else "other"
    return kind, PHRASE_KEYS[token] in pack.phrase_lengths, pack.resolve(token)


_by_language: dict[str, Memo[str, Seen]] = {}
"""Language → token → what the walk needs of it, worked out once per token."""


FOREIGN_MIN_LENGTH = 4


def _foreign(token: str, pack: Pack, other: Pack) -> Entry | None:
    """The other language's reading of a word this language does not know (memoised).

    Only whole listed words count: the other language's stems and inflection guesses would
    read too many ordinary words of this one (``content*`` is not ``contents``).
    """
    try:
        return pack.foreign[token]
    except KeyError:
        pass
    item = None
    if (
        len(token) >= FOREIGN_MIN_LENGTH
        and token.isalpha()
        and token not in pack.function_words
        and token not in pack.nouns
    ):
        found = other.words.get(token)
        if isinstance(found, Entry) and found.opinion:
            item = found
    if len(pack.foreign) < 200_000:
        pack.foreign[token] = item
    return item


def read(
    tokens: list[str], pack: Pack, emojis: dict[str, Entry], other: Pack | None = None
) -> Reading:
    """Walk the tokens once, collecting weighted hits, then sum them.

    A question asks rather than judges (``¿atienden los domingos?``): the polarity of an
    interrogative sentence is damped, so only strong words still tip it; its emotions stay.
    A rhetorical question (``what's so great about it?``) judges: it negates what it asks about
    and is not damped.
    Counters live in local variables during the walk (it runs for every token of every
    comment); what it needs of a token is one memo hit, and the phrase lexicon is consulted only
    when a token can open a phrase and the next one can go on with it.
    """
    hits: list[Hit] = []
    negate_left = 0
    boost = 1.0
    clause = 1.0
    concession = False
    mourning = False
    rhetorical = False
    previous = ""
    sentence_start = sentence_token = 0
    opener = ""
    closing_from = negated_at = opening_end = opening_tokens = after_contrast = -1
    conceded = denial = False
    laughing = 0.0
    closing_words = closing_after = sentence_words = 0
    words = emoji_count = opinion_hits = 0
    laughter = False
    readings = pack.cache
    seen = _by_language.get(pack.lang)
    if seen is None:
        seen = _by_language[pack.lang] = Memo(partial(_seen, pack))
    phrase_pairs = pack.phrase_pairs
    keys: list[str] | None = None
    contrast_at = -1
    i = 0
    n = len(tokens)
    while i < n:
        token = tokens[i]
        token_kind, opens_phrase, item = seen[token]
        if token_kind == "boundary":
            negate_left = 0
            boost = 1.0
            if opening_end < 0 and words and token in _OPENING_ENDS:
                opening_end = len(hits) if words <= CLOSING_WORDS else 0
                opening_tokens = i
            if token == "?" and previous != "?" and not rhetorical:
                asked = opener in _ASKING and not _voices_praise(tokens[sentence_token:i], readings)
                for hit in hits[sentence_start:]:
                    hit[VALUE] *= ASKED if asked and hit[VALUE] > 0 else QUESTION
            if token in SENTENCE_ENDS or token == "¿":
                if words > sentence_words:
                    closing_from, closing_words = sentence_start, words - sentence_words
                    closing_after = sentence_words if token != "?" else 0
                sentence_start = len(hits)
                sentence_words = words
                rhetorical = False
                opener = ""
                sentence_token = i + 1
            if concession and (token in SENTENCE_ENDS or token in ",;:"):
                concession = False
                clause = 1.0 if token in SENTENCE_ENDS else AFTER_CONTRAST
            i += 1
            previous = token
            continue
        if token_kind == "emoji":
            negate_left = 0
            entry = emojis.get(token)
            if entry is not None:
                emoji_count += 1
                gain = REPEATED_EMOJI if token == previous else 1.0
                hits.append([entry.polarity * gain, entry.emotions, entry.aaker, gain])
            previous = token
            i += 1
            continue
        previous = token
        if token_kind == "word":
            words += 1
            if not opener:
                opener = token
        if (
            opens_phrase
            and i + 1 < n
            and (PHRASE_KEYS[token], PHRASE_KEYS[tokens[i + 1]]) in phrase_pairs
        ):
            if keys is None:
                keys = list(map(PHRASE_KEYS.__getitem__, tokens))
            item, span = pack.match(tokens, keys, i)
            i += span
        else:
            if item is None and other is not None:
                item = _foreign(token, pack, other)
            i += 1
        if item is None:
            if negate_left:
                negate_left -= 1
            continue
        if isinstance(item, Modifier):
            kind = item.kind
            if item.fallback is not None and kind in ("intensifier", "diminisher"):
                following = readings[tokens[i]] if i < n else None
                if not isinstance(following, (Entry, Modifier)) or (
                    isinstance(following, Entry) and following.polarity == 0
                ):
                    item = item.fallback
            elif kind == "discourse" and not _in_passing(tokens, i, readings):
                item = item.fallback
            if isinstance(item, Modifier):
                if kind == "negator":
                    concord = negate_left and negated_at == len(hits) - 1 >= 0 and token in _CONCORD
                    negate_left = 0 if concord else NEGATION_SCOPE
                    mourning = False
                elif kind in ("intensifier", "diminisher"):
                    if not negate_left:
                        boost *= item.value
                elif kind == "contrast":
                    for hit in hits:
                        hit[WEIGHT] *= BEFORE_CONTRAST
                    contrast_at = len(hits)
                    after_contrast = i
                    clause = AFTER_CONTRAST
                    concession = False
                    negate_left = 0
                elif kind == "concession":
                    clause = CONCESSION
                    concession = conceded = True
                    negate_left = 0
                elif kind == "rhetorical":
                    negate_left = NEGATION_SCOPE
                    mourning = False
                    rhetorical = True
                elif kind == "ending" or kind == "expectation":
                    negate_left = NEGATION_SCOPE
                    mourning = True
                    own = item.fallback
                    if own is not None:
                        opinion_hits += 1
                        hits.append([own.polarity, own.emotions, own.aaker, clause])
                continue
        entry = item
        if entry.laughter:
            laughter = True
            laughing += entry.polarity
        value = entry.polarity
        emotions = entry.emotions
        weight = clause * boost
        if negate_left and not entry.immune and not entry.laughter:
            negated_at = len(hits)
            denial = denial or value < 0
            value, emotions = _negated(entry, value)
            if mourning and value < 0:
                emotions = _MOURNED
            weight = clause
        if negate_left:
            negate_left -= 1
        if value or emotions or entry.aaker:
            if value:
                opinion_hits += 1
            hits.append([value, emotions, entry.aaker, weight])
        boost = 1.0
    if words > sentence_words:
        closing_from, closing_after = sentence_start, sentence_words
        closing_words = words - sentence_words
    reading = _total(hits, contrast_at, opinion_hits, words, laughter, emoji_count)
    reading.denial = denial
    reading.laughing = laughing
    reading.after_contrast = after_contrast
    if closing_after and closing_words <= CLOSING_WORDS and negated_at < closing_from < len(hits):
        _closing(hits, closing_from, reading)
    if opening_end > 0 and contrast_at < 0 and not conceded:
        _opening(hits, opening_end, reading, tokens[:opening_tokens], pack)
    return reading


def _opening(
    hits: list[Hit], end: int, reading: Reading, opening_tokens: list[str], pack: Pack
) -> None:
    """Record a short first clause of praise alone (``Genial, me cobraron dos veces``).

    :mod:`.cues` reads it as sarcasm when the comment goes on to complain; a contrast
    (``Genial el café, pero…``) or a concession keeps praise and complaint apart, so
    :func:`read` records nothing then. A faint word (``ok``) is no verdict. Nor is
    praise of one thing beside blame of another (``Buen producto, mala atención``): an
    opening that names what it praises, followed by an opinion word against something,
    is two sincere opinions.
    """
    opening = [hit[VALUE] for hit in hits[:end]]
    if not all(value >= FAINT_PRAISE for value in opening):
        return
    if any(hit[VALUE] < 0 for hit in hits[end:]) and any(
        token in pack.nouns or canonical(token, pack) for token in opening_tokens
    ):
        return
    reading.opening_praise = sum(opening)


def _closing(hits: list[Hit], start: int, reading: Reading) -> None:
    """Record a last sentence of praise alone after sentences that praise nothing.

    A faint positive word (``llegó``, ``yes``, ``ok``: below :data:`FAINT_PRAISE`) is not
    praise, before the closing or in it; nor is a negated complaint (``no estoy
    deprimido``) or a question (``¿está bien?``), which :func:`read` leaves out.
    """
    closing = [hit[VALUE] for hit in hits[start:]]
    if not all(value >= FAINT_PRAISE for value in closing):
        return
    before = hits[:start]
    net = sum(hit[VALUE] * hit[WEIGHT] for hit in before)
    if net <= 0 and sum(hit[VALUE] for hit in before if hit[VALUE] > 0) < FAINT_PRAISE:
        reading.closing_praise = sum(closing)
        reading.before_closing = net


def _total(
    hits: list[Hit], contrast_at: int, opinion_hits: int, words: int, laughter: bool, emojis: int
) -> Reading:
    """Sum the weighted hits into a reading, in the order they were found.

    The reading is built once, every field given in declared order: its default factories
    and keyword arguments cost more than the sums do.
    """
    negative_after_contrast = 0.0
    if contrast_at >= 0:
        negative_after_contrast = -sum(
            value * weight for value, _, _, weight in hits[contrast_at:] if value < 0
        )
    positive = negative = raw_positive = raw_negative = 0.0
    emotion_mass = [0.0] * len(EMOTION_INDEX)
    aaker_mass = [0.0] * len(AAKER_INDEX)
    for value, emotions, aaker, hit_weight in hits:
        weighted = value * hit_weight
        if value > 0:
            positive += weighted
            raw_positive += value
        elif value < 0:
            negative -= weighted
            raw_negative -= value
        for index, weight in emotions:
            emotion_mass[index] += weight * hit_weight
        for index, weight in aaker:
            aaker_mass[index] += weight
    return Reading(
        positive,
        negative,
        raw_positive,
        raw_negative,
        emotion_mass,
        aaker_mass,
        opinion_hits,
        words,
        laughter,
        emojis,
        negative_after_contrast,
    )
