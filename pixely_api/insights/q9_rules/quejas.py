"""Rule: resolve the window's strongest complaints (up to three aspects)."""

from pixely_api.insights.q9_rules.base import AreaEstrategica, Entradas, Recomendacion
from pixely_api.insights.q9_rules.demanda import area_of, from_opportunity, top

MAX_ASPECTS = 3
SCORES = (50.0, 50.0)
ACTIONS: dict[AreaEstrategica, list[str]] = {
    "Operaciones": [
        "Revisar con logística cada caso de {tema} abierto y dar a las {personas} personas "
        "una fecha concreta.",
        "Encontrar dónde se atasca el proceso de {tema} y fijar una fecha de solución.",
        "Publicar la solución y comprobar que las quejas sobre {tema} bajan.",
    ],
    "Ventas y Conversión": [
        "Explicar en público qué cambió en {tema} y qué recibe el cliente a cambio.",
        "Ofrecer una alternativa a quienes se quejan (formato, fidelidad, promoción).",
        "Medir si las quejas sobre {tema} y las bajas de clientes se frenan.",
    ],
    "Atención al Cliente": [
        "Contestar a las {personas} personas que se quejan de {tema} con un responsable.",
        "Fijar y publicar un tiempo máximo de respuesta.",
        "Revisar cada semana que las quejas sobre {tema} bajan.",
    ],
    "Producto/Servicio": [
        "Reunir las quejas sobre {tema} y revisarlas con el equipo de producto.",
        "Contestar a las {personas} personas con la solución o el cambio previsto.",
        "Comprobar que las quejas sobre {tema} bajan tras el cambio.",
    ],
}


def recommend(entradas: Entradas) -> list[Recomendacion]:
    found = []
    for o in top(entradas, "queja", MAX_ASPECTS):
        area = area_of(o.tema)
        found.append(
            from_opportunity(
                entradas,
                o,
                "queja",
                "Resolver las quejas sobre {tema}",
                "son quejas" if o.demanda != 1 else "es una queja",
                ACTIONS[area],
                area,
                SCORES,
            )
        )
    return found
