"""Flag cues: regular expressions from ``lexicons/cues.tsv`` run on the joined tokens.

The cue text is the comment's tokens joined by single spaces (lowercase, accents off,
mentions and URLs removed, shortcuts expanded), so a pattern such as
``donde (lo )?compro`` matches ``¿Dónde lo compro?`` and ``dnd lo compro`` alike.
"""

import re
from dataclasses import dataclass, fields

from pixely_dagster.analysis.offline.lexicon import LangCode
from pixely_dagster.analysis.offline.memo import Memo
from pixely_dagster.analysis.offline.reading import Reading

EYEROLL = frozenset("🙃🙄😒")
GRATITUDE = frozenset(("gracias", "thanks", "thank", "thx", "saludos", "bendiciones"))
"""Words that make a closing ``Gracias.`` courtesy after a complaint, not a verdict."""
SELF_IDENTIFIED_EXPERTISE = 0.5
EXPERT_TERM = 0.2
MAX_EXPERTISE_WITHOUT_SELF_ID = 0.8


@dataclass(frozen=True, slots=True)
class CueHits:
    """Which cue families fired for one comment."""

    request: bool
    complaint: bool
    purchase: bool
    crisis: bool
    sarcasm: bool
    aspiration: bool
    switch: bool
    expertise: float
    churn: bool = False
    price: bool = False
    converted: bool = False
    """A customer won over: after trying the brand they will not go back to what they
    had (``después de probar su café no vuelvo al de sobre``). Not churn, not a switch."""
    advert: bool = False
    """Someone advertising (``usa mi código y obtén 20 de descuento``, ``link in bio``):
    the words sell, they do not judge the brand."""
    resolved: bool = False
    """The problem was put right (``ya me devolvieron``, ``sorted it out``): what the
    complaint cues found is told as past trouble."""
    rhetorical: bool = False
    """A question that judges rather than asks (``¿para esto pago?``, ``¿es en serio?``,
    ``how hard is it to…?``): a complaint though it ends in a question mark, and no
    request."""


def _build_hits(flags: tuple[bool | float, ...]) -> CueHits:
    return CueHits(*flags)  # type: ignore[arg-type]


_SHARED_HITS: Memo[tuple[bool | float, ...], CueHits] = Memo(_build_hits)
"""Cue hits are immutable and few distinct ones occur, while a frozen dataclass costs
microseconds to build: each combination of flags (in field order) is built once."""

_QUIET: tuple[bool | float, ...] = tuple(
    0.0 if flag.name == "expertise" else False for flag in fields(CueHits)
)
"""The flags of a comment where no cue matched and nothing was praised (nothing for an
eye-roll or quotes to make sarcastic): every one off, no expertise; one per field of
:class:`CueHits`, in its order."""

_ANCHOR = re.compile(r"^(?:\\b|\^|\(\?<!?[^)]*\)|¿\?|\s\?|\s)*")
_LITERAL = re.compile(r"¿|[a-zñ0-9']+")
_CHOICE = re.compile(r"\[([a-zñ0-9']+)\](?![?*+{])")
"""A character class of plain letters that must occur once (``[ñn]``, not ``[a-z]`` or
``[ñn]?``)."""
GATE_PREFIX = 3


def _split_top(pattern: str) -> list[str]:
    """Alternatives at nesting depth 0 (``a|(b|c)d`` → ``a``, ``(b|c)d``)."""
    parts, depth, current, escaped = [], 0, [], False
    for char in pattern:
        if escaped:
            current.append(char)
            escaped = False
            continue
        if char == "\\":
            escaped = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts


Lead = tuple[str, bool]


def _closing(body: str) -> int:
    """Index of the parenthesis closing the group that opens ``body``."""
    depth = 0
    for index, char in enumerate(body):
        depth += char == "("
        depth -= char == ")"
        if depth == 0:
            return index
    return len(body)


_WORD_GOES_ON = ("\\w", "\\S")
"""After a group, these go on with the word it opened: ``(distint|diferent)\\w*`` leads with
beginnings, not whole words."""


def _leads(alternative: str) -> set[Lead] | None:
    """The words (or word beginnings) an alternative can start with; None when unclear.

    A lead is ``(text, whole)``: a whole word must equal a token, a beginning must start
    one. Optional letters and optional groups widen the leads instead of hiding words.
    """
    body = _ANCHOR.sub("", alternative)
    if body.startswith("(") and (body.startswith("(?:") or not body.startswith("(?")):
        start = 3 if body.startswith("(?:") else 1
        end = _closing(body)
        after = body[end + 1 :]
        leads: set[Lead] = set()
        for option in _split_top(body[start:end]):
            found = _leads(option)
            if found is None:
                return None
            if after[:1].isalnum() or after[:1] in "[(." or after.startswith(_WORD_GOES_ON):
                found = {(word, False) for word, _ in found}
            leads |= found
        if after[:1] in ("?", "*"):
            following = _leads(after[1:])
            if following is None:
                return None
            leads |= following
        return leads
    literal = _LITERAL.match(body)
    if not literal:
        return None
    word, rest = literal.group(0), body[literal.end() :]
    choice = _CHOICE.match(rest)
    if choice:
        # ``a[ñn]os`` leads with ``años`` or ``anos``, not with every word starting ``a``.
        leads = set()
        for char in choice.group(1):
            found = _leads(word + char + rest[choice.end() :])
            if found is None:
                return None
            leads |= found
        return leads
    if rest[:1] == "?" and len(word) > 1:
        # ``mis?`` leads with ``mi`` or ``mis``, not with every word starting ``mi``.
        shorter, longer = _leads(word[:-1] + rest[1:]), _leads(word + rest[1:])
        return None if shorter is None or longer is None else shorter | longer
    if rest[:1] in ("?", "*", "{"):
        word = word[:-1]
        return {(word, False)} if word else None
    whole = rest == "" or rest[0] in " )" or rest.startswith("\\b")
    return {(word, whole)}


def gate(pattern: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """Words, or word beginnings, one of which a text must contain for ``pattern`` to match.

    Running the cue regexes is the annotator's dearest step; this set test skips most of
    them for most comments. None means no safe gate could be read from the pattern.
    """
    leads: set[Lead] = set()
    for alternative in _split_top(pattern):
        found = _leads(alternative)
        if not found:
            return None
        leads |= found
    words = frozenset(word for word, whole in leads if whole)
    starts = frozenset(word[:GATE_PREFIX] for word, whole in leads if not whole)
    return words, starts


_MATCH_AT_LEAD = re.compile(r"^(?:\\b|\^|\(\?<!?[^)]*\))*$")
AtLead = tuple[tuple[str, re.Pattern[str]], ...]
TokenRules = tuple[re.Pattern[str] | None, AtLead, frozenset[int]]
"""What a token can open: one regex joining every alternative tried at it (None when
there is none), the same alternatives as one regex per family, those searched instead."""


class CueSet:
    """The cue rows of one language, cut into their alternatives and indexed by the words
    that can start each one.

    Each token of a comment maps (memoised) to the alternatives its word or beginning can
    open. An alternative whose match must begin at that word is tried there only
    (``pattern.match`` at the token's offset), so its cost does not grow with the length
    of the comment. All the alternatives a token opens are joined into one regex, so a
    token costs one match, and only where it matches is each family's own regex tried.
    The few whose match may begin earlier
    (an optional ``¿`` or space before the word), the counted expert terms and any without
    a readable gate search the whole text once.
    """

    def __init__(self, cues: dict[tuple[str, str], list[re.Pattern[str]]], lang: LangCode) -> None:
        self._rules: list[tuple[str, re.Pattern[str]]] = [
            (kind, re.compile(alternative))
            for (kind, code), patterns in sorted(cues.items())
            if code == lang
            for pattern in patterns
            for alternative in _split_top(pattern.pattern)
        ]
        self._always: set[int] = set()
        self._at_lead: set[int] = set()
        self._by_word: dict[str, set[int]] = {}
        self._by_start: dict[str, set[int]] = {}
        for index, (kind, pattern) in enumerate(self._rules):
            found = gate(pattern.pattern)
            if found is None:
                self._always.add(index)
                continue
            anchor = _ANCHOR.match(pattern.pattern)
            if kind != "expert_term" and _MATCH_AT_LEAD.match(anchor.group(0) if anchor else ""):
                self._at_lead.add(index)
            for word in found[0]:
                self._by_word.setdefault(word, set()).add(index)
            for start in found[1]:
                self._by_start.setdefault(start, set()).add(index)
        self._joined: dict[tuple[int, ...], re.Pattern[str]] = {}
        self._token_steps = Memo(self._step)

    def rules_of(self, token: str) -> TokenRules | None:
        """The alternatives a token can open: those tried at the token, those searched;
        None for a token that opens none (most of them)."""
        found = set(self._by_word.get(token, ()))
        for length in range(1, GATE_PREFIX + 1):
            found.update(self._by_start.get(token[:length], ()))
        if not found:
            return None
        by_kind: dict[str, list[int]] = {}
        for index in sorted(found):
            if index in self._at_lead:
                by_kind.setdefault(self._rules[index][0], []).append(index)
        at_lead = tuple((kind, self._join(tuple(indexes))) for kind, indexes in by_kind.items())
        lead = self._join(tuple(sorted(found & self._at_lead))) if at_lead else None
        return lead, at_lead, frozenset(index for index in found if index not in self._at_lead)

    def _step(self, token: str) -> tuple[TokenRules | None, int]:
        """What a token opens, and how far the next token starts after it in the cue text."""
        return self.rules_of(token), len(token) + 1

    def _join(self, indexes: tuple[int, ...]) -> re.Pattern[str]:
        """One regex matching where any of the alternatives matches (shared across tokens).

        Cue patterns hold no back-references or global flags, so joining keeps each
        alternative's meaning; a match at a position exists exactly when one of them does.
        """
        try:
            return self._joined[indexes]
        except KeyError:
            pass
        if len(indexes) == 1:
            joined = self._rules[indexes[0]][1]
        else:
            joined = re.compile("|".join(f"(?:{self._rules[i][1].pattern})" for i in indexes))
        self._joined[indexes] = joined
        return joined

    def _matches(self, text: str, tokens: list[str]) -> dict[str, int]:
        """Per cue family, how many times it matched (regexes run only for candidates)."""
        counts: dict[str, int] = {}
        searched = set(self._always)
        steps = self._token_steps
        offset = 0
        for token in tokens:
            opens, width = steps[token]
            if opens is not None:
                lead, at_lead, search = opens
                if lead is not None and lead.match(text, offset) is not None:
                    for kind, pattern in at_lead:
                        if kind not in counts and (
                            pattern is lead or pattern.match(text, offset) is not None
                        ):
                            counts[kind] = 1
                if search:
                    searched |= search
            offset += width
        for index in sorted(searched):
            kind, pattern = self._rules[index]
            if kind == "expert_term":
                found = len(pattern.findall(text))
                if found:
                    counts[kind] = counts.get(kind, 0) + found
            elif kind not in counts and pattern.search(text) is not None:
                counts[kind] = 1
        return counts

    def complains(self, tokens: list[str]) -> bool:
        """Whether these tokens alone (a clause) hold a complaint cue."""
        return "complaint" in self._matches(" ".join(tokens), tokens)

    def scan(
        self,
        text: str,
        tokens: list[str],
        reading: Reading,
        scare_quotes: bool,
        quoted_praise: bool = False,
    ) -> CueHits:
        """Run the candidate rows once, then combine the families into flags.

        Sarcasm is also praise beside an eye-roll, praise put in quotes, or praise with an
        ironic understatement (``nomás 3 semanas``). Leaving (``ya no compro``) and a price
        protest are complaints. Thanks without a question are not a request, and a
        customer who already bought, is leaving or protests the price (``¿subieron el
        precio?``) has no purchase intent to count. A problem put right (``resolved``) is
        told as past trouble: its complaint cues raise no complaint and no irony.
        """
        found = self._matches(text, tokens)
        praise = reading.raw_positive > 0
        if not found and not praise:
            return _SHARED_HITS[_QUIET]
        converted = "converted" in found
        churn = "churn" in found and not converted
        price = "price" in found
        resolved = "resolved" in found
        rhetorical = "rhetorical" in found and not resolved
        complaint = ("complaint" in found and not resolved) or churn or price or rhetorical
        sarcasm = ("sarcasm" in found and not resolved) or (
            praise
            and (
                "irony" in found
                or quoted_praise
                or not EYEROLL.isdisjoint(tokens)
                or (scare_quotes and (complaint or reading.laughter))
                or (
                    not resolved
                    and (
                        _verdict_on_trouble(reading, complaint, tokens)
                        or _praise_before_trouble(reading, complaint, tokens)
                    )
                )
            )
        )
        request = (
            "request" in found and not rhetorical and not ("thanks" in found and "?" not in tokens)
        )
        purchase = "purchase" in found and "bought" not in found and not (churn or price)
        terms = found.get("expert_term", 0)
        if "expert_self" in found:
            expertise = min(1.0, SELF_IDENTIFIED_EXPERTISE + EXPERT_TERM * terms)
        else:
            expertise = min(MAX_EXPERTISE_WITHOUT_SELF_ID, EXPERT_TERM * terms)
        return _SHARED_HITS[
            (
                request,
                complaint,
                purchase,
                "crisis" in found,
                sarcasm,
                "aspiration" in found,
                "switch" in found and not converted,
                expertise,
                churn,
                price,
                converted,
                "advert" in found,
                resolved,
                rhetorical,
            )
        ]


def _verdict_on_trouble(reading: Reading, complaint: bool, tokens: list[str]) -> bool:
    """``Llegó frío. Genial.``: a short closing of praise alone after a complaint is irony.

    What comes before must complain and praise nothing (:func:`.reading.read` records the
    closing only then): a negative word, or a complaint cue. Praise before it (``llegó
    tarde pero todo rico. Perfecto.``) keeps the closing sincere, and a closing thanks is
    courtesy.
    """
    if reading.closing_praise <= 0:
        return False
    return (reading.before_closing < 0 or complaint) and GRATITUDE.isdisjoint(tokens)


def _praise_before_trouble(reading: Reading, complaint: bool, tokens: list[str]) -> bool:
    """``Genial, me cobraron dos veces``: a short opening of praise alone, then a complaint
    the cues name, is irony. A thanks is courtesy (``Gracias, me cobraron dos veces`` asks
    for help), and a contrast keeps it sincere (:func:`.reading.read` records no opening
    then)."""
    return reading.opening_praise > 0 and complaint and GRATITUDE.isdisjoint(tokens)
