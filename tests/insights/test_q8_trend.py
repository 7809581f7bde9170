"""Q8's weekly series: weeks combine by ISO week; partial end weeks are left out of the
comparisons; anomalies (net sentiment > 25 points, volume ×2 or ÷2) and the trend (±10
points of net sentiment, latest complete week against the one before) are recomputed
from the merged weeks."""

import pytest

from pixely_api.insights import Q8Result, SemanaTemporal
from pixely_api.insights.q8_temporal import trend_weeks
from pixely_api.insights.weeks import iso_week

FULL = [f"d{i}" for i in range(7)]


def _week(
    semana: str, total: int, positive: int, negative: int = 0, days: int = 7
) -> SemanaTemporal:
    return SemanaTemporal(
        semana=semana,
        num_comentarios=total,
        positivos=positive,
        negativos=negative,
        dias=[f"{semana}-{day}" for day in FULL[:days]],
    )


def _series(*weeks: SemanaTemporal) -> Q8Result:
    return Q8Result(semanas_por_plataforma={"instagram": list(weeks)})


def test_anomalies_watch_net_sentiment_and_volume() -> None:
    q8 = _series(
        _week("2025-W01", 20, 10, 0),  # net +50
        _week("2025-W02", 20, 10, 5),  # net +25: −25 exactly, not an anomaly
        _week("2025-W03", 20, 5, 10),  # net −25: −50, an anomaly
        _week("2025-W04", 40, 10, 20),  # net −25 again, volume doubles
        _week("2025-W05", 8, 8, 0),  # volume falls, but under 10 comments: no volume anomaly
    )
    found = [(a.semana, a.metrica, a.variacion) for a in q8.anomalias]
    assert found == [
        ("2025-W03", "sentimiento_neto", pytest.approx(-50)),
        ("2025-W04", "volumen", pytest.approx(100)),
        ("2025-W05", "sentimiento_neto", pytest.approx(125)),
    ]
    assert q8.anomalias[0].semana_anterior == "2025-W02"


def test_positive_and_negative_shares_moving_together_are_a_net_change() -> None:
    """+20 points positive and +20 negative is no change; −17 and +17 is a 34-point fall."""
    steady = _series(_week("2025-W01", 100, 40, 20), _week("2025-W02", 100, 60, 40))
    assert steady.anomalias == []
    fall = _series(_week("2025-W42", 100, 60, 10), _week("2025-W43", 100, 43, 27))
    assert [(a.metrica, a.variacion) for a in fall.anomalias] == [
        ("sentimiento_neto", pytest.approx(-34))
    ]


@pytest.mark.parametrize(
    ("later", "trend"),
    [
        (_week("2025-W03", 10, 3, 1), "Mejora"),  # net 10 → 20: +10
        (_week("2025-W03", 100, 29, 10), "Estable"),  # net 10 → 19: +9
        (_week("2025-W03", 100, 10, 9), "Estable"),  # net 10 → 1: −9
        (_week("2025-W03", 10, 1, 1), "Deterioro"),  # net 10 → 0: −10
    ],
)
def test_trend_compares_the_latest_complete_week_with_the_one_before(
    later: SemanaTemporal, trend: str
) -> None:
    """The first week and a partial last week do not count."""
    first = _week("2025-W01", 50, 0, 50)
    partial = _week("2025-W04", 10, 0, 10, days=2)
    q8 = _series(first, _week("2025-W02", 10, 3, 2), later, partial)
    assert q8.tendencia == trend
    assert q8.semanas_completas == ["2025-W01", "2025-W02", "2025-W03"]


def test_the_same_last_weeks_give_the_same_trend_in_any_window() -> None:
    weeks = [
        _week("2025-W01", 10, 9, 0),
        _week("2025-W02", 10, 0, 9),
        _week("2025-W03", 10, 2, 2),
        _week("2025-W04", 10, 6, 2),
    ]
    short = _series(_week("2025-W02", 4, 0, 4, days=3), *weeks[2:])
    long = _series(*weeks)
    assert short.tendencia == long.tendencia == "Mejora"
    assert short.variacion_sentimiento_neto == long.variacion_sentimiento_neto


def test_a_single_week_is_stable() -> None:
    assert _series(_week("2025-W01", 10, 0, 10)).tendencia == "Estable"
    assert Q8Result().tendencia == "Estable" and Q8Result().anomalias == []


def test_a_trend_rests_on_two_complete_weeks_or_is_not_shown() -> None:
    assert trend_weeks(_series(_week("2025-W01", 10, 0, 10))) == 0
    partial = _series(_week("2025-W01", 10, 5, 0), _week("2025-W02", 10, 0, 5, days=3))
    assert trend_weeks(partial) == 0
    two = _series(_week("2025-W01", 10, 5, 0), _week("2025-W02", 10, 0, 5))
    assert trend_weeks(two) == 2 and two.tendencia == "Deterioro"


def test_weeks_combine_by_iso_week_across_rows_and_platforms() -> None:
    monday = Q8Result(semanas_por_plataforma={"instagram": [_week("2025-W02", 2, 1)]})
    sunday = Q8Result(
        semanas_por_plataforma={
            "instagram": [_week("2025-W02", 3, 3)],
            "tiktok": [_week("2025-W02", 5, 0, 5)],
        }
    )
    later = Q8Result(semanas_por_plataforma={"instagram": [_week("2025-W03", 1, 1)]})
    merged = Q8Result.merge([later, monday, sunday])
    assert [(w.semana, w.num_comentarios) for w in merged.serie_semanal] == [
        ("2025-W02", 10),
        ("2025-W03", 1),
    ]
    assert [w.num_comentarios for w in merged.semanas_por_plataforma["instagram"]] == [5, 1]
    assert merged.restrict("tiktok").serie_semanal[0].porcentaje_negativo == 100


def test_iso_week_of_year_boundaries() -> None:
    from datetime import date

    assert iso_week(date(2024, 12, 30)) == "2025-W01"
    assert iso_week(date(2021, 1, 3)) == "2020-W53"
