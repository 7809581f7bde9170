"""Rule: crisis signals from enough people call for the crisis protocol."""

from pixely_api.insights.q9_rules.base import Entradas, Recomendacion, impact
from pixely_api.insights.redactado import example_suffix
from pixely_api.insights.text import plural, share
from pixely_api.insights.umbrales import enough


def recommend(entradas: Entradas) -> list[Recomendacion]:
    total = entradas.total
    people = len(total.autores_crisis)
    if not total.crisis or not enough(people, total.crisis, entradas.comentarios):
        return []
    quotes = total.evidencia_crisis
    text = (
        f"{total.crisis} de {plural(entradas.comentarios, 'comentario', 'comentarios')} "
        f"({share(total.crisis, entradas.comentarios)}), de "
        f"{plural(people, 'persona', 'personas')}, muestran señales de crisis."
    )
    text += example_suffix(quotes)
    return [
        Recomendacion(
            titulo="Activar el protocolo de crisis",
            tipo="crisis",
            area="Marketing y Comunicación",
            descripcion=text,
            acciones=[
                "Responder en público en menos de 48 horas con un mensaje aprobado.",
                "Escalar cada caso al responsable de comunicación.",
                "Revisar los comentarios nuevos a diario hasta que cesen las señales.",
            ],
            evidencia=quotes,
            impacto=impact(80, 20, total.crisis, entradas.comentarios),
            esfuerzo=30,
            casos=total.crisis,
            base=entradas.comentarios,
            personas=people,
        )
    ]
