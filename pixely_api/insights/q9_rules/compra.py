"""Rule: turn purchase questions into sales (the strongest aspect asked about)."""

from pixely_api.insights.q9_rules.base import Entradas, Recomendacion
from pixely_api.insights.q9_rules.demanda import from_opportunity, top

SCORES = (45.0, 45.0)
ACTIONS = [
    "Responder a las {personas} personas que preguntan por {tema} con precio, "
    "disponibilidad y enlace directo.",
    "Añadir esa información a las publicaciones sobre {tema}.",
    "Medir cuántas de esas respuestas terminan en compra.",
]


def recommend(entradas: Entradas) -> list[Recomendacion]:
    return [
        from_opportunity(
            entradas,
            o,
            "compra",
            "Convertir las preguntas de compra sobre {tema}",
            "preguntan para comprar" if o.demanda != 1 else "pregunta para comprar",
            ACTIONS,
            "Ventas y Conversión",
            SCORES,
        )
        for o in top(entradas, "intencion_compra", 1)
    ]
