"""Q10 is read from Q1–Q9: KPIs present whenever their module has data, 5–7 findings,
a roadmap by urgency, and it always matches the merged window it summarises."""

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings

from pixely_api.insights import InsightResults, PostMetrics, build_resumen_ejecutivo, summarize
from pixely_api.insights.bundle import ModuleResults
from pixely_api.insights.q8_temporal import trend_weeks
from pixely_api.insights.q9_recomendaciones import URGENCIAS
from pixely_dagster.analysis.annotation import Annotation
from pixely_dagster.analysis.modules import analyze_partition
from tests.analysis.factories import MONDAY, POSTS, Draft, batch, daily_batches, drafts

PROPERTY = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _metrics() -> list[PostMetrics]:
    when = datetime(2025, 1, 6, 9, tzinfo=UTC)
    return [
        PostMetrics(post_url=url, platform=platform, created_at=when, likes=10, views=200)
        for url, platform in POSTS
    ]


def _source_count(window: InsightResults, module: str, field: str) -> int:
    """How much data the KPI's source has: the module's comments (posts for engagement)."""
    result = getattr(window, module.lower())
    if field.startswith("q8.engagement"):
        return result.engagement.general.num_posts if result.engagement else 0
    if field == "q8.tendencia":
        return trend_weeks(result)
    return result.num_comentarios


@PROPERTY
@given(items=drafts(days=2))
def test_no_kpi_is_empty_while_its_source_module_has_data(items: list[Draft]) -> None:
    rows = [analyze_partition(b) for b in daily_batches(items, 2)]
    for window in (rows[0], summarize(rows, _metrics()), summarize(rows, _metrics(), "tiktok")):
        kpis = window.q10.kpis
        assert {k.modulo for k in kpis} == {f"Q{i}" for i in range(1, 10)}
        for kpi in kpis:
            has_data = _source_count(window, kpi.modulo, kpi.campo) > 0
            assert (kpi.valor is not None) == has_data, kpi
            assert kpi.texto and (kpi.texto != "Sin datos") == has_data, kpi


@PROPERTY
@given(items=drafts(days=2))
def test_findings_roadmap_and_alert_follow_the_rules(items: list[Draft]) -> None:
    window = summarize([analyze_partition(b) for b in daily_batches(items, 2)], _metrics())
    q10 = window.q10
    assert 5 <= len(q10.hallazgos_clave) <= 7
    assert all(finding.strip() for finding in q10.hallazgos_clave)
    assert 1 <= len(q10.implicaciones) <= 4
    assert [stage.urgencia for stage in q10.hoja_de_ruta] == list(URGENCIAS)
    by_title = {r.titulo: r for r in window.q9.recomendaciones}
    for stage in q10.hoja_de_ruta:
        assert all(by_title[a.titulo].urgencia == stage.urgencia for a in stage.acciones)
    crisis = any(r.tipo == "crisis" for r in window.q9.recomendaciones)
    assert (q10.alerta_prioritaria.nivel == "critica") is crisis
    assert q10.num_comentarios == window.q7.num_comentarios == len(items)


@PROPERTY
@given(items=drafts(days=2))
def test_summary_is_rebuilt_from_the_merged_window(items: list[Draft]) -> None:
    rows = [analyze_partition(b) for b in daily_batches(items, 2)]
    window = summarize(rows, _metrics(), platform="instagram")
    modules = ModuleResults(**{f"q{i}": getattr(window, f"q{i}") for i in range(1, 10)})
    assert window.q10 == build_resumen_ejecutivo(modules)
    assert all(p.platform == "instagram" for p in window.q10.publicaciones)
    engagement = next(k for k in window.q10.kpis if k.nombre == "Engagement")
    assert engagement.valor == window.q8.engagement.general.valor


PEOPLE = ("ana", "luis", "pepe", "marta", "sofia", "raul", "ines", "tomas", "paula")


def test_alert_names_the_main_complaint_only_with_broad_evidence() -> None:
    late = Annotation(topics=("entrega",), is_complaint=True, sentiment="negative", polarity=-0.75)
    few = [Draft(0, 0, who, f"Mi pedido no llega, {who}", late) for who in PEOPLE[:3]]
    assert analyze_partition(batch(few)).q10.alerta_prioritaria.modulo != "Q6"
    many = [Draft(0, 0, who, f"Mi pedido no llega, {who}", late) for who in PEOPLE]
    alert = analyze_partition(batch(many)).q10.alerta_prioritaria
    assert alert.nivel == "alta" and alert.titulo == "Resolver las quejas sobre «entrega»"
    assert alert.detalle.startswith(
        "9 de 9 comentarios sobre «entrega» (100%) son quejas, de 9 personas distintas"
    )
    assert "«Mi pedido no llega, " in alert.detalle


def test_empty_window_has_no_alert_and_only_missing_kpis() -> None:
    q10 = summarize([], []).q10
    assert q10.alerta_prioritaria.nivel == "ninguna"
    assert all(k.valor is None and k.texto == "Sin datos" for k in q10.kpis)
    assert len(q10.hoja_de_ruta) == 4 and all(not s.acciones for s in q10.hoja_de_ruta)
    assert q10.implicaciones == []


def test_quiet_positive_window_says_so() -> None:
    happy = Annotation(sentiment="positive", polarity=1.0, stance=0.0)
    q10 = analyze_partition(batch([Draft(0, 0, "ana", "Rico", happy)], MONDAY)).q10
    assert q10.alerta_prioritaria.nivel == "ninguna"
    assert q10.alerta_prioritaria.detalle.startswith("Ningún indicador supera")
    assert q10.hallazgos_clave[0].startswith("Sentimiento: 100% positivo")
