"""The merge algebra: re-ranking after a merge, per-group limits, combining by title,
re-grounding Q6 on the window's mentions and Q9 on the window's scope totals, and a
schema that is typed and documented."""

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pixely_api.insights import (
    Cita,
    ConteoTema,
    EjemploEmocion,
    InsightResults,
    Oportunidad,
    Q6Result,
    Q9Result,
    Recomendacion,
)
from pixely_api.insights.merging import fuse, weighted_mean
from pixely_api.insights.q6_oportunidades import MencionesTema
from pixely_api.insights.q9_recomendaciones import BaseAmbito
from pixely_api.insights.result import ModuleResult, PostPart
from pixely_dagster.analysis.annotation import Annotation
from pixely_dagster.analysis.modules import analyze_partition
from tests.analysis.factories import Draft, daily_batches, whole_batch
from tests.insights.equivalence import assert_equivalent, dump

PROPERTY = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _topic(tema: str, menciones: int) -> ConteoTema:
    return ConteoTema(tema=tema, menciones=menciones, suma_polaridad=-0.5 * menciones)


def test_ranked_lists_are_re_ranked_after_the_merge() -> None:
    merged = fuse(
        [[_topic("cafe", 5), _topic("envio", 4)], [_topic("envio", 4), _topic("cafe", 1)]]
    )
    assert [(t.tema, t.menciones) for t in merged] == [("envio", 8), ("cafe", 6)]
    assert merged[0].sentimiento == -0.5


def test_limits_apply_per_group_after_the_merge() -> None:
    def example(emotion: str, score: float) -> EjemploEmocion:
        return EjemploEmocion(
            emocion=emotion, texto=f"{emotion} {score}", autor="ana", post_url="u", puntuacion=score
        )

    day1 = [example("ira", 0.5), example("ira", 0.25), example("alegria", 0.25)]
    day2 = [example("ira", 1.0), example("ira", 0.75)]
    merged = fuse([day1, day2])
    assert [(e.emocion, e.puntuacion) for e in merged] == [
        ("alegria", 0.25),
        ("ira", 1.0),
        ("ira", 0.75),
        ("ira", 0.5),
    ]


def test_rule_opportunities_combine_by_title_and_rewrite_their_text() -> None:
    quote = Cita(texto="Nunca llegó", autor="ana", post_url="u", puntuacion=1.0)
    monday = Oportunidad.from_rules("queja", "envio", 4, 1, 100.0, [quote])
    tuesday = Oportunidad.from_rules("queja", "envio", 6, 3, 60.0, [])
    merged = Oportunidad.combine([monday, tuesday])
    assert merged.titulo == monday.titulo == "Resolver las quejas sobre «envio»"
    assert (merged.menciones, merged.demanda, merged.gap_score) == (10, 4, 40.0)
    assert merged.competencia_score == pytest.approx((100 * 1 + 60 * 3) / 4)
    assert merged.detalle == (
        "4 de 10 comentarios sobre «envio» (40%) son quejas. Ejemplo: «Nunca llegó» (@ana)."
    )


def test_model_written_text_is_kept_from_the_heaviest_row() -> None:
    def written(detail: str, demand: int, gap: float) -> Oportunidad:
        return Oportunidad(
            titulo="Lanzar tallas grandes",
            tipo="solicitud",
            detalle=detail,
            accion="Ampliar la talla",
            menciones=10,
            demanda=demand,
            gap_score=gap,
            competencia_score=50,
            origen="llm",
        )

    merged = Oportunidad.combine([written("poco", 1, 10.0), written("mucho", 3, 30.0)])
    assert (merged.detalle, merged.demanda, merged.gap_score, merged.origen) == (
        "mucho",
        4,
        20.0,
        "llm",
    )


def test_q6_gap_is_regrounded_on_the_mentions_of_the_whole_window() -> None:
    """Monday: 1 complaint in 1 mention of «envio». Tuesday: 9 calm mentions, no demand.
    The window's gap is 1 of 10, not the 100 % Monday had on its own."""
    monday = Q6Result(
        oportunidades_por_plataforma={
            "instagram": [Oportunidad.from_rules("queja", "envio", 1, 1, 80.0, [])]
        },
        menciones_por_plataforma={"instagram": [MencionesTema(tema="envio", menciones=1)]},
    )
    tuesday = Q6Result(
        menciones_por_plataforma={"instagram": [MencionesTema(tema="envio", menciones=9)]}
    )
    merged = Q6Result.merge([monday, tuesday]).oportunidades[0]
    assert (merged.gap_score, merged.menciones, merged.actividad) == (10.0, 10, "Baja")
    assert merged.detalle.startswith("1 de 10 comentarios sobre «envio» (10%)")


def test_recommendations_combine_by_title_and_re_rank_by_priority() -> None:
    def crisis(impact: float, effort: float) -> Recomendacion:
        return Recomendacion.from_rules("crisis", None, "Operaciones", impact, effort, 1, 10, [])

    low = crisis(40, 40)
    high = crisis(90, 30)
    merged = fuse([[low], [high]])
    assert len(merged) == 1 and merged[0].casos == 2
    assert merged[0].impacto == 65 and merged[0].esfuerzo == 35
    other = Recomendacion.from_rules("compra", "pack", "Ventas y Conversión", 80, 20, 1, 2, [])
    assert [r.titulo for r in fuse([[low], [other]])] == [other.titulo, low.titulo]


_CRISIS = Annotation(crisis=True, polarity=-1.0, sentiment="negative")
_COMPLAINT = Annotation(topics=("envio",), is_complaint=True, polarity=-0.5, sentiment="negative")
_ASPIRING = Annotation(frame="aspiracional", polarity=0.5, sentiment="positive")
_RAISED = {
    # rule: (what day 1 says to raise it, a calm comment of its scope, its title)
    "crisis": (_CRISIS, Annotation(), "Activar el protocolo de crisis"),
    "queja": (
        _COMPLAINT,
        Annotation(topics=("envio",)),
        "Resolver las quejas sobre «envio»",
    ),
    "aspiracional": (
        _ASPIRING,
        Annotation(frame="positivo"),
        "Aprovechar las aspiraciones de la audiencia",
    ),
}


@PROPERTY
@given(
    rule=st.sampled_from(sorted(_RAISED)),
    raised=st.integers(2, 3),
    others=st.integers(0, 2),
    calm=st.lists(st.integers(0, 1), min_size=1, max_size=6),
)
def test_q9_base_is_regrounded_on_the_scope_totals_of_the_whole_window(
    rule: str, raised: int, others: int, calm: list[int]
) -> None:
    """Day 1 raises a recommendation on Instagram; day 2 only adds calm comments to its
    scope (every comment, one topic's mentions, or the framed ones). The merged
    recommendation (base, share in the text, impact, priority, urgency) is the one the
    analysis of both days at once writes, not day 1's figures. (At most 7 calm comments:
    the aspirational rule needs a 20 % share, and the rule must still fire on the whole.)"""
    trigger, quiet, title = _RAISED[rule]
    items = [
        *(Draft(0, i % 2, "ana", f"Caso {i}", trigger) for i in range(raised)),
        *(Draft(0, 1, "luis", f"Otro {i}", Annotation()) for i in range(others)),
        *(Draft(1, post, "marta", f"Tranquilo {i}", quiet) for i, post in enumerate(calm)),
        Draft(1, 0, "sofia", "Sin más", quiet),
    ]
    days = [analyze_partition(b).q9 for b in daily_batches(items, 2)]
    assert title not in {r.titulo for r in days[1].recomendaciones}
    merged = {r.titulo: r for r in Q9Result.merge(days).recomendaciones}[title]
    whole = {r.titulo: r for r in analyze_partition(whole_batch(items)).q9.recomendaciones}
    assert_equivalent(dump(merged), dump(whole[title]))
    day_one = {r.titulo: r for r in days[0].recomendaciones}[title]
    assert merged.casos == day_one.casos == raised
    assert merged.base == day_one.base + len(calm) + 1


def test_q9_rows_stored_before_the_scope_table_merge_as_unknown() -> None:
    """Old rows lack ``ambito`` and ``bases_por_plataforma``: alone, a recommendation
    keeps its own summed base; beside a new row, the known scope's total counts and the
    old day's other comments count as none (never a base below the cases)."""

    def crisis(casos: int, base: int, ambito: Any = None) -> Recomendacion:
        return Recomendacion.from_rules(
            "crisis", None, "Marketing y Comunicación", 90, 30, casos, base, [], ambito
        )

    stored = Q9Result(recomendaciones_por_plataforma={"instagram": [crisis(2, 5)]})
    legacy = stored.model_dump(mode="json")
    for rec in legacy["recomendaciones_por_plataforma"]["instagram"]:
        del rec["ambito"]
    del legacy["bases_por_plataforma"]
    old = Q9Result.model_validate(legacy)
    assert old == stored
    alone = Q9Result.merge([old, old]).recomendaciones[0]
    assert (alone.casos, alone.base) == (4, 10)
    new = Q9Result(
        recomendaciones_por_plataforma={"instagram": [crisis(1, 3, "comentarios")]},
        bases_por_plataforma={"instagram": [BaseAmbito(ambito="comentarios", comentarios=3)]},
    )
    calm = Q9Result(
        bases_por_plataforma={"instagram": [BaseAmbito(ambito="comentarios", comentarios=4)]}
    )
    mixed = Q9Result.merge([old, new, calm]).recomendaciones[0]
    assert (mixed.casos, mixed.base, mixed.ambito) == (3, 7, "comentarios")
    assert mixed.descripcion.startswith("3 de 7 comentarios (43%)")
    for grouping in ([[old, new], [calm]], [[old], [new, calm]], [[calm, old], [new]]):
        parts = [Q9Result.merge(group) for group in grouping]
        assert Q9Result.merge(parts) == Q9Result.merge([old, new, calm])


def test_weighted_mean_edges() -> None:
    assert weighted_mean([]) == 0.0
    assert weighted_mean([(10, 0), (20, 0)]) == 15.0
    assert weighted_mean([(10, 1), (20, 3)]) == 17.5


def test_a_result_with_an_unmergeable_field_is_refused() -> None:
    with pytest.raises(TypeError, match="not mergeable"):

        class Broken(ModuleResult):
            publicaciones: list[PostPart] = []
            media_global: float = 0.5


def _properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for model in [schema, *schema.get("$defs", {}).values()]:
        for name, prop in model.get("properties", {}).items():
            found.append((f"{model.get('title')}.{name}", prop))
    return found


@pytest.mark.parametrize("mode", ["validation", "serialization"])
def test_every_field_is_typed_and_documented(mode: str) -> None:
    """No untyped value (``{}`` in JSON schema, i.e. Any) and a description everywhere."""
    properties = _properties(InsightResults.model_json_schema(mode=mode))
    assert len(properties) > 150
    for name, prop in properties:
        assert prop.get("description"), f"{name} has no description"
        typed = {"type", "$ref", "anyOf", "allOf", "enum", "const"}
        assert typed & prop.keys(), f"{name} is untyped"
        if prop.get("type") == "object":
            assert prop.get("additionalProperties") not in (None, True, {}), f"{name} is Any"
