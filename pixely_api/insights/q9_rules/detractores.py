"""Rule: reach the most active detractors (customers leaving count as detractors)."""

from pixely_api.insights.q9_rules.base import Entradas, Recomendacion, impact
from pixely_api.insights.q9_rules.voces import named, side
from pixely_api.insights.text import plural
from pixely_api.insights.umbrales import enough


def recommend(entradas: Entradas) -> list[Recomendacion]:
    voices = side(entradas, "Detractor")
    cases = sum(a.detractores for a in voices)
    if not enough(len(voices), cases, entradas.comentarios):
        return []
    leaving = sum(1 for a in voices if a.salidas)
    text = (
        f"{plural(len(voices), 'persona es detractora', 'personas son detractoras')} y firman "
        f"{plural(cases, 'comentario', 'comentarios')} en contra"
        + (f"; {leaving} dicen que dejan de comprar" if leaving else "")
        + f". Las más activas: {named(voices, 'detractores')}."
    )
    return [
        Recomendacion(
            titulo="Contactar a las voces detractoras más activas",
            tipo="detractores",
            area="Atención al Cliente",
            descripcion=text,
            acciones=[
                f"Escribir por privado a {named(voices, 'detractores')} con una solución.",
                "Registrar sus motivos para el área responsable.",
                "Seguir su postura en las próximas publicaciones.",
            ],
            impacto=impact(30, 35, cases, entradas.comentarios),
            esfuerzo=30,
            casos=cases,
            base=entradas.comentarios,
            personas=len(voices),
        )
    ]
