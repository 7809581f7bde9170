"""The merge algebra: re-ranking after a merge, per-group limits, combining by title,
re-grounding Q6 on the window's mentions, and a schema that is typed and documented."""

from typing import Any

import pytest

from pixely_api.insights import (
    Cita,
    ConteoTema,
    EjemploEmocion,
    InsightResults,
    Oportunidad,
    Q6Result,
    Recomendacion,
)
from pixely_api.insights.merging import fuse, weighted_mean
from pixely_api.insights.q6_oportunidades import MencionesTema
from pixely_api.insights.result import ModuleResult, PostPart


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
