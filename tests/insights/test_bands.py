"""Q6 activity bands and critical flag, Q9 priority and urgency: every boundary, on the
scales the scores use (0..100 for Q6, impact and effort 1..100 for Q9)."""

import pytest

from pixely_api.insights import Oportunidad, Recomendacion
from pixely_api.insights.q6_oportunidades import activity_band, is_critical
from pixely_api.insights.q9_recomendaciones import priority, urgency


@pytest.mark.parametrize(
    ("gap", "band"),
    [
        (100.0, "Alta"),
        (70.0, "Alta"),
        (69.99, "Media"),
        (69.0, "Media"),
        (40.0, "Media"),
        (39.99, "Baja"),
        (0.0, "Baja"),
    ],
)
def test_activity_band_from_gap_score(gap: float, band: str) -> None:
    assert activity_band(gap) == band
    assert _opportunity(gap, 50.0).actividad == band


@pytest.mark.parametrize(
    ("gap", "competencia", "critical"),
    [
        (70.0, 70.0, True),
        (100.0, 70.0, True),
        (69.99, 100.0, False),
        (100.0, 69.99, False),
        (69.99, 69.99, False),
    ],
)
def test_critical_needs_both_scores_at_70(gap: float, competencia: float, critical: bool) -> None:
    assert is_critical(gap, competencia) is critical


def test_float_noise_from_a_merge_does_not_drop_a_score_below_its_band() -> None:
    """A weighted mean that is 70 on paper stays Alta and critical."""
    assert activity_band(69.99999999999999) == "Alta"
    assert is_critical(69.99999999999999, 70.00000000000001)


@pytest.mark.parametrize(
    ("impacto", "esfuerzo", "prioridad", "band"),
    [
        (70, 35, 2.0, "48 horas"),
        (100, 10, 10.0, "48 horas"),
        (69, 34.5, 2.0, "semana 1"),
        (70, 36, 70 / 36, "semana 1"),
        (60, 50, 1.2, "semana 1"),
        (59, 50, 1.18, "semanas 2–3"),
        (40, 50, 0.8, "semanas 2–3"),
        (39, 50, 0.78, "no urgente"),
        (1, 100, 0.01, "no urgente"),
    ],
)
def test_urgency_bands(impacto: float, esfuerzo: float, prioridad: float, band: str) -> None:
    assert priority(impacto, esfuerzo) == pytest.approx(prioridad)
    assert urgency(impacto, priority(impacto, esfuerzo)) == band
    rec = _recommendation(impacto, esfuerzo)
    assert (rec.prioridad, rec.urgencia) == (pytest.approx(prioridad), band)


def test_impact_and_effort_stay_on_their_scale() -> None:
    with pytest.raises(ValueError, match="greater than or equal to 1"):
        _recommendation(0, 50)
    with pytest.raises(ValueError, match="less than or equal to 100"):
        _recommendation(50, 101)


def _opportunity(gap: float, competencia: float, titulo: str = "Resolver X") -> Oportunidad:
    return Oportunidad(
        titulo=titulo,
        tipo="queja",
        tema="entrega",
        detalle="detalle",
        accion="acción",
        menciones=10,
        demanda=5,
        personas=5,
        recientes=5,
        gap_score=gap,
        competencia_score=competencia,
        puntuacion=5.0,
        es_critica=False,
    )


def _recommendation(impacto: float, esfuerzo: float, casos: int = 1) -> Recomendacion:
    return Recomendacion(
        titulo="Atender X",
        tipo="otro",
        area="Operaciones",
        descripcion="descripción",
        impacto=impacto,
        esfuerzo=esfuerzo,
        casos=casos,
        base=10,
        personas=casos,
    )
