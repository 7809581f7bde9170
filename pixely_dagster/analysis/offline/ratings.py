"""Ratings written with numbers: ``4/5``, ``3 de 5 estrellas``, ``2 stars``, ``10/10``.

A rating says how good the customer found it by where it sits on its scale, so *3 de 5
estrellas* is lukewarm even though it holds *5 estrellas*, and *2 stars* is a complaint.
The normaliser splits ``4/5`` into ``4 5``, so every rating is a phrase of the lexicon;
rather than list each by hand, this module writes them as rows of ``es.tsv``/``en.tsv``
(``term``, ``polarity``, ``emotions``, ``aaker``), for the two scales people use, 5 and 10.

A bare ``N/5`` is left out: ``1/5`` is as often the first of May as one star. A rating
is not negated (*ni una estrella* is still one star), so each row gives its polarity
for the negated case too.
"""

from collections.abc import Iterator

PRAISE = ("alegria:0.6,confianza:0.4", "competencia")
COMPLAINT = ("ira:0.6", "")
MIDDLING = ("", "")
STARS = 5
SCORE = 10
_NUMBER_WORDS = {
    "es": ("cero", "una", "dos", "tres", "cuatro", "cinco"),
    "en": ("zero", "one", "two", "three", "four", "five"),
}
_SCORE_WORDS = {
    "es": (
        "cero",
        "uno",
        "dos",
        "tres",
        "cuatro",
        "cinco",
        "seis",
        "siete",
        "ocho",
        "nueve",
        "diez",
    ),
    "en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
}
"""A score out of ten written in words (*diez de diez*, *ten out of ten*, *nueve sobre
diez*): only with the scale in words too, since *de diez* alone is as often *más de diez
días*."""
_STAR = {"es": ("estrella", "estrellas"), "en": ("star", "stars")}
_OUT_OF = {"es": ("de", "sobre"), "en": ("out of", "of")}


def polarity(score: int, scale: int) -> float:
    """Where the score sits on its scale: the top fifth praises, the bottom fifth
    condemns, the middle (*3 de 5*, *6/10*) says neither."""
    share = score / scale
    if share >= 0.9:
        return 2.5
    if share >= 0.8:
        return 1.5
    if share >= 0.7:
        return 1.0
    if share > 0.4:
        return 0.0
    if share > 0.2:
        return -1.5
    return -2.5


def _row(term: str, score: int, scale: int) -> list[str]:
    value = polarity(score, scale)
    emotions, aaker = PRAISE if value > 0 else COMPLAINT if value < 0 else MIDDLING
    return [term, f"{value}/{value}", emotions, aaker]


def rating_rows(lang: str) -> Iterator[list[str]]:
    """Every rating phrase of one language, as lexicon rows."""
    one, many = _STAR[lang]
    for score in range(STARS + 1):
        star = one if score == 1 else many
        for number in (str(score), _NUMBER_WORDS[lang][score]):
            yield _row(f"{number} {star}", score, STARS)
        yield _row(f"{score} {STARS} {many}", score, STARS)
        for out_of in _OUT_OF[lang]:
            yield _row(f"{score} {out_of} {STARS}", score, STARS)
            yield _row(f"{score} {out_of} {STARS} {many}", score, STARS)
    words = _SCORE_WORDS[lang]
    for score in range(SCORE + 1):
        yield _row(f"{score} {SCORE}", score, SCORE)
        for out_of in _OUT_OF[lang]:
            yield _row(f"{score} {out_of} {SCORE}", score, SCORE)
            yield _row(f"{words[score]} {out_of} {words[SCORE]}", score, SCORE)
