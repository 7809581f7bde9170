"""The offline annotator: deterministic rules over the project's own lexicons.

No network and no model: every comment goes through the same normalise → detect
language → read → flag → calibrate pipeline, so the same text and brand always give
the same :class:`Annotation`. Identical comments in one batch are read once.
"""

import logging
from collections.abc import Sequence
from functools import partial
from typing import TypeVar

from pydantic import BaseModel

from pixely_api.insights.context import BrandContext
from pixely_api.insights.labels import EMOTIONS, AakerDimension
from pixely_dagster.analysis.annotation import AakerScores, Annotation, EmotionScores
from pixely_dagster.analysis.offline import brand, calibrate, learned, topics
from pixely_dagster.analysis.offline.collector import collector_paused
from pixely_dagster.analysis.offline.cues import GRATITUDE, CueSet
from pixely_dagster.analysis.offline.language import Detector
from pixely_dagster.analysis.offline.lexicon import Entry, Lexicons, Modifier, is_laughter, load
from pixely_dagster.analysis.offline.memo import Memo
from pixely_dagster.analysis.offline.normalize import BOUNDARIES, SENTENCE_ENDS, normalise
from pixely_dagster.analysis.offline.reading import read

VERSION = "offline-2.9"
_log = logging.getLogger(__name__)
_NEUTRAL = Annotation()
_NO_EMOTION = EmotionScores()
_NO_AAKER = AakerScores()


def expand_shortcuts(tokens: list[str], spelling: dict[str, tuple[str, ...]]) -> list[str]:
    """Spelling shortcuts to full words (``xq`` → ``porque``); the caller checks there are
    any (most comments have none, and that check is one C-level pass)."""
    expanded: list[str] = []
    for token in tokens:
        expansion = spelling.get(token)
        if expansion is None:
            expanded.append(token)
        else:
            expanded.extend(expansion)
    return expanded


def _praises(item: object) -> bool:
    """Whether a lexicon reading is praise (a positive opinion word, ``bueno`` included)."""
    if isinstance(item, Modifier):
        item = item.fallback
    return isinstance(item, Entry) and item.polarity > 0


_ROUNDED: Memo[float, float] = Memo(partial(round, ndigits=4))
"""Scores recur across comments and ``round`` to four digits costs more than reading a word
(it goes through the decimal digits): each distinct value is rounded once."""


def _rounded(value: float) -> float:
    """``round(value, 4)``; zero is returned as it is, since ``0.0 == -0.0`` would let the
    memo answer one for the other (round keeps the sign of a zero)."""
    return _ROUNDED[value] if value else value


M = TypeVar("M", bound=BaseModel)
_new_model = BaseModel.__new__
_set_attribute = object.__setattr__


def _built(model: type[M], fields: dict[str, object], fields_set: set[str]) -> M:
    """A model from its fields in declared order, without validating them again.

    The rules build each value in its range and of its type (scores rounded from clamped
    masses, labels from fixed sets), and validating a fresh dict cost as much as reading
    a short comment. This is what ``model_construct`` does for a complete set of fields,
    without its per-field alias and default handling; ``fields_set`` is what validation
    would record (the names passed to it). A test checks that every annotation of a large
    corpus, scores included, equals its validated copy.
    """
    built = _new_model(model)
    _set_attribute(built, "__dict__", fields)
    _set_attribute(built, "__pydantic_fields_set__", fields_set)
    _set_attribute(built, "__pydantic_extra__", None)
    _set_attribute(built, "__pydantic_private__", None)
    return built


def _emotion_scores(scores: tuple[float, ...]) -> EmotionScores:
    """``EmotionScores`` of the non-zero rounded scores, the others left at their 0.0."""
    if not any(scores):
        return _NO_EMOTION
    return _built(
        EmotionScores,
        {name: _rounded(s) if s else 0.0 for name, s in zip(EMOTIONS, scores, strict=True)},
        {name for name, s in zip(EMOTIONS, scores, strict=True) if s},
    )


def _aaker_scores(scores: dict[str, float]) -> AakerScores:
    """``AakerScores`` of the non-zero rounded scores, the others left at their 0.0."""
    if not any(scores.values()):
        return _NO_AAKER
    return _built(
        AakerScores,
        {name: _rounded(value) if value else 0.0 for name, value in scores.items()},
        {name for name, value in scores.items() if value},
    )


def _aaker(raw: tuple[float, ...]) -> tuple[AakerScores, AakerDimension | None]:
    scores, dominant = brand.aaker(list(raw))
    return _aaker_scores(scores), dominant


_FIELDS = frozenset(Annotation.model_fields)
_EMOTION_SCORES = Memo(_emotion_scores)
_AAKER = Memo(_aaker)
"""Score models are immutable and the same masses recur across comments: each distinct
one is built once and shared."""


QUESTION_OPENERS = frozenset(
    (
        "que", "como", "cuando", "donde", "cual", "cuales", "quien", "quienes", "cuanto",
        "cuanta", "cuantos", "cuantas", "por", "alguien", "hay", "puedo", "pueden", "podrian",
        "es", "sera", "si", "tienen", "hacen", "acaso",
        "what", "whats", "what's", "why", "how", "when", "where", "who", "which", "can", "could",
        "would", "will", "is", "are", "do", "does", "did", "should", "has", "have", "any",
        "anyone", "anybody", "if",
    )
)  # fmt: skip
"""Words that open a clause which asks (or supposes: ``si``, ``if``) rather than states."""
SUPPOSING = frozenset(
    (("en", "caso"), ("in", "case"), ("por", "si"), ("what", "if"), ("say", "my"))
)
"""Two words that open a supposition (``en caso de que me cobren…``), not a statement."""
SUPPOSING_WORDS = frozenset(("supongamos", "suponiendo", "imagina", "suppose", "supposing"))
REPORTED = frozenset(
    (
        "dijo", "dice", "dicen", "dijeron", "vi", "escuche", "lei", "oi", "otros", "otras",
        "said", "says", "heard", "read", "others", "friend", "amiga", "amigo",
    )
)  # fmt: skip
"""Words that tell someone else's trouble (``my friend said her package never showed up``,
``vi que a otros les cobraron…``): a question after it asks, it does not complain."""


def _states(clause: list[str]) -> bool:
    """Whether a clause before a question's last comma states something of the customer's
    own, rather than asking, supposing or telling what happened to someone else."""
    return (
        clause[0] not in QUESTION_OPENERS
        and clause[0] not in SUPPOSING_WORDS
        and tuple(clause[:2]) not in SUPPOSING
        and REPORTED.isdisjoint(clause)
    )


def _statements(tokens: list[str]) -> list[str]:
    """The tokens that state rather than ask: the sentences that do not end in a question,
    what comes before a ``¿``, and in a question the clauses before its last comma that
    open with no question word. *Me cobraron dos veces. ¿Cómo hago?*, *Internet has been
    down since yesterday, any update?* and *sigo esperando mi pedido, alguien me ayuda?*
    state a complaint before they ask; *¿dónde puedo reclamar?*, *hola, dónde puedo
    reclamar?* and *si me cobran dos veces, qué hago?* only ask."""
    kept: list[str] = []
    clauses: list[list[str]] = [[]]
    for token in tokens:
        if token == "¿" or token in SENTENCE_ENDS:
            if token == "?":
                clauses.pop()
                clauses = [clause for clause in clauses if _states(clause)]
            for clause in clauses:
                kept.extend(clause)
            if token not in ("?", "¿"):
                kept.append(token)
            clauses = [[]]
        elif token == ",":
            if clauses[-1]:
                clauses[-1].append(token)
                clauses.append([])
        else:
            clauses[-1].append(token)
    for clause in clauses:
        kept.extend(clause)
    return kept


LAUGHING_EMOJIS = frozenset("😂🤣😅😆😹")
SILENT_EMOJI = "\u25cc"
"""A symbol the emoji table does not list: a laughing emoji set aside becomes it, so the
emoji still ends a negation where it stood (``nunca 😂 estafa`` does not negate *estafa*)."""
_THANKED_FOR = frozenset(("por", "for"))
_THANKS_LEAD = frozenset(("muchas", "mil", "many"))
_THANKS_TAIL = frozenset(("you", "u", "so", "much", "very"))


def _may_set_aside(token: str) -> bool:
    return token in GRATITUDE or token in LAUGHING_EMOJIS or is_laughter(token)


_MAY_SET_ASIDE = Memo(_may_set_aside)
"""Token → whether :func:`_set_aside` may drop it: most complaints hold no such token, and
asking each token of a memo is one C-level pass."""


def _set_aside(tokens: list[str]) -> list[str]:
    """The tokens without what does not answer a complaint: written laughter (``jajaja``,
    😂) and bare thanks (``Gracias, me cobraron dos veces``; ``Me cobraron dos veces,
    gracias``), with the words that belong to them (``muchas``, ``thank you so much``).

    A customer laughs at a mishap as often as at a joke, and thanks a page out of courtesy
    before or after stating a problem; neither praises the brand. A laughing emoji is
    replaced by :data:`SILENT_EMOJI` rather than dropped. Thanks for something
    (``gracias por la rapidez, pero…``: a ``por`` / ``for`` in its clause) are praise and
    stay. Returns ``tokens`` itself when there is nothing to set aside. The caller sets
    nothing aside once the problem was put right or a ``pero`` / ``but`` follows it (*me
    cobraron dos veces pero ya me devolvieron, gracias*): the thanks are for the remedy.
    """
    drop: set[int] = set()
    silenced: set[int] = set()
    for index, token in enumerate(tokens):
        if token in LAUGHING_EMOJIS:
            silenced.add(index)
            continue
        if is_laughter(token):
            drop.add(index)
            continue
        if token not in GRATITUDE:
            continue
        end = index + 1
        while end < len(tokens) and tokens[end] not in BOUNDARIES:
            end += 1
        if not _THANKED_FOR.isdisjoint(tokens[index + 1 : end]):
            continue
        drop.add(index)
        if index and tokens[index - 1] in _THANKS_LEAD:
            drop.add(index - 1)
        after = index + 1
        while after < end and tokens[after] in _THANKS_TAIL:
            drop.add(after)
            after += 1
    if not (drop or silenced):
        return tokens
    return [
        SILENT_EMOJI if index in silenced else token
        for index, token in enumerate(tokens)
        if index not in drop
    ]


class OfflineAnnotator:
    """Offline :class:`~pixely_dagster.analysis.annotation.Annotator` (Spanish, English): rules,
    and a learned model for English emotion.

    English emotion is named by the model of :mod:`.learned` (trained on GoEmotions);
    ``learned_emotion=False`` reads with the rules alone, which the quality benchmark
    uses to measure what the model adds.
    """

    name = "offline"
    model = "rules+learned-emotion-en"
    version = VERSION

    def __init__(self, lexicons: Lexicons | None = None, learned_emotion: bool = True) -> None:
        self._lexicons = lexicons or load()
        self._emotion_model = learned.load() if learned_emotion else None
        if not learned_emotion:
            self.model = "rules"
        self._cues = {lang: CueSet(self._lexicons.cues, lang) for lang in ("es", "en")}
        self._detect = Detector(self._lexicons.evidence, self._lexicons.packs)
        es = self._lexicons.packs["es"].function_words
        en = self._lexicons.packs["en"].function_words
        self._foreign_marks = {"es": en - es, "en": es - en}

    def annotate(self, texts: Sequence[str], context: BrandContext) -> list[Annotation]:
        """One annotation per text, in order; odd text gets a neutral reading, never an error.

        The cyclic garbage collector is paused for the batch (:mod:`.collector`).
        """
        own, rivals = brand.brand_words(context)
        generic = self._lexicons.packs["es"].nouns | self._lexicons.packs["en"].nouns
        exclude = (own | rivals) - generic
        seen: dict[str, Annotation] = {}
        result: list[Annotation] = []
        with collector_paused():
            for text in texts:
                key = text if isinstance(text, str) else repr(text)
                annotation = seen.get(key)
                if annotation is None:
                    annotation = self._safe(text, own, rivals, exclude)
                    seen[key] = annotation
                result.append(annotation)
        return result

    def _safe(
        self, text: object, own: frozenset[str], rivals: frozenset[str], exclude: frozenset[str]
    ) -> Annotation:
        try:
            return self._one(text, own, rivals, exclude)
        except Exception:  # a rule bug must not fail a partition: log it, stay neutral
            _log.exception("offline annotator failed on a comment; neutral reading")
            return _NEUTRAL

    def _one(
        self, text: object, own: frozenset[str], rivals: frozenset[str], exclude: frozenset[str]
    ) -> Annotation:
        lex = self._lexicons
        normal = normalise(text)
        language = self._detect(normal.tokens, normal.spanish_marks)
        pack = lex.packs["en" if language == "en" else "es"]
        tokens = normal.tokens
        if not pack.spelling.keys().isdisjoint(tokens):
            tokens = expand_shortcuts(tokens, pack.spelling)
        other = lex.packs["es" if pack.lang == "en" else "en"]
        # Unknown words are read with the other language's lexicon only when the comment
        # also uses that language's own function words (``is``, ``was``): a cognate in a
        # one-language comment (``regular``, ``original``) keeps this language's reading.
        switched = language != "und" and not self._foreign_marks[pack.lang].isdisjoint(tokens)
        reading = read(tokens, pack, lex.emojis, other if switched else None)
        quoted_praise = bool(normal.quoted) and any(
            _praises(pack.resolve(token)) for token in normal.quoted
        )
        cues = self._cues[pack.lang]
        hits = cues.scan(" ".join(tokens), tokens, reading, normal.scare_quotes, quoted_praise)
        complains = (hits.complaint or hits.crisis) and (
            "?" not in tokens or hits.rhetorical or cues.complains(_statements(tokens))
        )
        read_tokens = tokens
        if (
            complains
            and reading.raw_positive
            and reading.after_contrast < 0
            and not hits.resolved
            and any(map(_MAY_SET_ASIDE.__getitem__, tokens))
        ):
            # The flags stay those of the whole comment; the mass is re-read without what
            # does not answer the complaint.
            read_tokens = _set_aside(tokens)
            if read_tokens is not tokens:
                reading = read(read_tokens, pack, lex.emojis, other if switched else None)
        if hits.sarcasm:
            calibrate.apply_sarcasm(reading)
        if hits.price:
            calibrate.apply_price(reading)
        if complains:
            calibrate.apply_complaint(reading)
            if (
                reading.positive
                and reading.after_contrast >= 0
                and not reading.negative_after_contrast
                and cues.complains(read_tokens[reading.after_contrast :])
            ):
                calibrate.apply_complaint_after_contrast(reading)
        if hits.advert:
            calibrate.apply_advert(reading)
        if hits.churn:
            calibrate.apply_churn(reading)
        if hits.converted:
            calibrate.apply_conversion(reading)
        value = calibrate.polarity(reading, normal.exclamations, normal.shouting)
        label = calibrate.sentiment(reading, value)
        emotion_scores, dominant = calibrate.emotions(reading, value)
        if (
            language == "en"
            and self._emotion_model is not None
            and not (hits.sarcasm or hits.advert)
        ):
            emotion_scores, dominant = learned.settle(
                self._emotion_model,
                normal.tokens if read_tokens is tokens else read_tokens,
                emotion_scores,
                dominant,
            )
        found_topics = topics.extract(tokens, pack, exclude) if language != "und" else ()
        complaint = label != "positive" and (
            hits.complaint
            or (label == "negative" and (bool(found_topics) or hits.sarcasm))
            or (label == "mixed" and reading.negative_after_contrast > 0)
        )
        competitor_named = bool(rivals) and not (
            rivals.isdisjoint(tokens) and rivals.isdisjoint(normal.mentions)
        )
        aaker_scores, dominant_aaker = _AAKER[tuple(reading.aaker)]
        return _built(
            Annotation,
            {
                "language": language,
                "sentiment": label,
                "polarity": _rounded(value),
                "subjectivity": _rounded(calibrate.subjectivity(reading)),
                "emotions": _EMOTION_SCORES[tuple(emotion_scores)],
                "dominant_emotion": dominant,
                "aaker": aaker_scores,
                "topics": found_topics,
                "frame": brand.frame(label, value, hits.aspiration),
                "stance": _rounded(brand.stance(value, hits, competitor_named, complaint)),
                "expertise": _rounded(hits.expertise),
                "mentions": tuple(dict.fromkeys(normal.mentions)) if normal.mentions else (),
                "is_request": hits.request,
                "is_complaint": complaint,
                "purchase_intent": hits.purchase and label != "negative",
                "crisis": hits.crisis and label != "positive",
                "sarcasm": hits.sarcasm,
                "churn_risk": hits.churn,
                "dominant_aaker": dominant_aaker,
                "annotator": "",
            },
            set(_FIELDS),
        )
