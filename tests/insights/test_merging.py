"""The merge algebra: re-ranking after a merge, per-group limits, combining by title,
re-grounding Q6 on the window's mentions and Q9 on the window's scope totals, and a
schema that is typed and documented."""

from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from pixely_api.insights import (
    ConteoTema,
    EjemploEmocion,
    InsightResults,
)
from pixely_api.insights.merging import fuse, weighted_mean
from pixely_api.insights.q6_oportunidades import DemandaAspecto
from pixely_api.insights.result import ModuleResult, PostPart

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


def test_string_lists_merge_as_sets() -> None:
    """Who wrote about an aspect is counted once however many days they wrote."""
    day1 = DemandaAspecto(tema="entrega", menciones=2, autores=["ana", "luis"])
    day2 = DemandaAspecto(tema="entrega", menciones=1, autores=["ana"])
    merged = fuse([[day1], [day2]])[0]
    assert (merged.menciones, merged.autores) == (3, ["ana", "luis"])


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


def test_rows_stored_before_exact_merges_read_back_and_merge() -> None:
    """Old rows kept cut opportunity and recommendation lists: they read back valid (those
    lists are ignored, their figures recomputed from what the row does store) and merge
    with new rows."""
    old = {
        "q6_result": {
            "publicaciones": [],
            "oportunidades_por_plataforma": {"instagram": [{"titulo": "Resolver X"}]},
            "menciones_por_plataforma": {"instagram": [{"tema": "envio", "menciones": 3}]},
        },
        "q9_result": {
            "publicaciones": [],
            "recomendaciones_por_plataforma": {"instagram": [{"titulo": "Atender X"}]},
            "bases_por_plataforma": {"instagram": [{"ambito": "comentarios", "comentarios": 3}]},
        },
    }
    columns = InsightResults().to_columns() | old
    row = InsightResults.from_columns(columns)
    assert row.q6.oportunidades == [] and row.q9.recomendaciones == []
    assert InsightResults.merge([row, InsightResults()]).q10.alerta_prioritaria.nivel == "ninguna"
