"""Rule: the competitor the audience names most is a competitive insight, not a defect."""

from pixely_api.insights.q9_rules.base import Entradas, Recomendacion
from pixely_api.insights.q9_rules.demanda import from_opportunity, top

SCORES = (35.0, 40.0)
ACTIONS = [
    "Leer qué comparan las {personas} personas que nombran a {tema}: precio, producto o servicio.",
    "Responder con lo que distingue a la marca, sin atacar al competidor.",
    "Seguir cada mes cuántas personas lo nombran.",
]


def recommend(entradas: Entradas) -> list[Recomendacion]:
    return [
        from_opportunity(
            entradas,
            o,
            "competencia",
            "Vigilar la comparación con {tema}",
            "lo nombran" if o.demanda != 1 else "lo nombra",
            ACTIONS,
            "Marketing y Comunicación",
            SCORES,
        )
        for o in top(entradas, "competencia", 1)
    ]
