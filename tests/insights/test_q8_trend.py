"""Q8's weekly series: weeks combine by ISO week; anomalies (> 25 points) and the trend
(±10 points of net sentiment) are recomputed from the merged weeks."""

import pytest

from pixely_api.insights import Q8Result, SemanaTemporal
from pixely_api.insights.weeks import iso_week


def _week(semana: str, total: int, positive: int, negative: int = 0) -> SemanaTemporal:
    return SemanaTemporal(
        semana=semana, num_comentarios=total, positivos=positive, negativos=negative
    )


def _series(*weeks: SemanaTemporal) -> Q8Result:
    return Q8Result(semanas_por_plataforma={"instagram": list(weeks)})


def test_anomaly_needs_more_than_25_points() -> None:
    q8 = _series(
        _week("2025-W01", 4, 2),  # 50 % positive
        _week("2025-W02", 4, 3),  # 75 %: +25 exactly, not an anomaly
        _week("2025-W03", 10, 2, 6),  # 20 % positive (−55), 60 % negative (+60)
        _week("2025-W04", 100, 46, 34),  # 46 % (+26), 34 % (−26)
    )
    found = [(a.semana, a.metrica, a.variacion) for a in q8.anomalias]
    assert found == [
        ("2025-W03", "porcentaje_positivo", pytest.approx(-55)),
        ("2025-W03", "porcentaje_negativo", pytest.approx(60)),
        ("2025-W04", "porcentaje_positivo", pytest.approx(26)),
        ("2025-W04", "porcentaje_negativo", pytest.approx(-26)),
    ]
    assert q8.anomalias[0].semana_anterior == "2025-W02"


@pytest.mark.parametrize(
    ("later", "trend"),
    [
        (_week("2025-W03", 10, 3, 1), "Mejora"),  # net 10 → 20: +10
        (_week("2025-W03", 100, 29, 10), "Estable"),  # net 10 → 19: +9
        (_week("2025-W03", 100, 10, 9), "Estable"),  # net 10 → 1: −9
        (_week("2025-W03", 10, 1, 1), "Deterioro"),  # net 10 → 0: −10
    ],
)
def test_trend_compares_the_later_half_with_the_earlier(later: SemanaTemporal, trend: str) -> None:
    """With three weeks the middle one is left out; each half is comment-weighted."""
    middle = _week("2025-W02", 50, 0, 50)
    q8 = _series(_week("2025-W01", 10, 3, 2), middle, later)
    assert q8.tendencia == trend


def test_a_single_week_is_stable() -> None:
    assert _series(_week("2025-W01", 10, 0, 10)).tendencia == "Estable"
    assert Q8Result().tendencia == "Estable" and Q8Result().anomalias == []


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
