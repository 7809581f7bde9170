"""Rule: answer what the audience repeatedly asks for (up to two aspects)."""

from pixely_api.insights.q9_rules.base import Entradas, Recomendacion
from pixely_api.insights.q9_rules.demanda import from_opportunity, top

MAX_ASPECTS = 2
SCORES = (35.0, 45.0)
ACTIONS = [
    "Contestar a las {personas} personas que piden algo sobre {tema} con una fecha o una "
    "alternativa.",
    "Evaluar con el área responsable si conviene ofrecer lo que piden sobre {tema}.",
    "Anunciarlo en la plataforma donde se pidió.",
]


def recommend(entradas: Entradas) -> list[Recomendacion]:
    return [
        from_opportunity(
            entradas,
            o,
            "solicitud",
            "Atender lo que piden sobre {tema}",
            "piden algo concreto" if o.demanda != 1 else "pide algo concreto",
            ACTIONS,
            "Producto/Servicio",
            SCORES,
        )
        for o in top(entradas, "solicitud", MAX_ASPECTS)
    ]
