"""The rating phrases the annotator reads: every score on both scales, in both languages."""

import pytest

from pixely_dagster.analysis.offline.ratings import SCORE, STARS, polarity, rating_rows


@pytest.mark.parametrize("scale", [STARS, SCORE])
def test_a_higher_score_never_reads_worse(scale: int) -> None:
    values = [polarity(score, scale) for score in range(scale + 1)]
    assert values == sorted(values)
    assert values[0] < 0 < values[-1]


def test_the_middle_of_either_scale_says_neither() -> None:
    assert polarity(3, STARS) == 0
    assert polarity(5, SCORE) == polarity(6, SCORE) == 0


@pytest.mark.parametrize("lang", ["es", "en"])
def test_each_rating_phrase_is_written_once_and_reads_the_same_negated(lang: str) -> None:
    rows = list(rating_rows(lang))
    terms = [term for term, *_ in rows]
    assert len(terms) == len(set(terms))
    for _, value, emotions, _ in rows:
        plain, negated = value.split("/")
        assert plain == negated
        assert bool(emotions) == (float(plain) != 0)


def test_a_bare_fraction_of_five_is_not_a_rating() -> None:
    """``1/5`` is as often the first of May as one star."""
    terms = {term for term, *_ in rating_rows("es")}
    assert "1 5" not in terms
    assert "1 5 estrellas" in terms
    assert "1 10" in terms
