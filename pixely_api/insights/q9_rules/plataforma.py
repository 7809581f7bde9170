"""Rule: the platform whose conversation is clearly more negative than the others'."""

from pixely_api.insights.labels import DISPLAY_NAMES
from pixely_api.insights.merging import percent
from pixely_api.insights.q9_rules.base import Entradas, Recomendacion, impact
from pixely_api.insights.redactado import example_suffix
from pixely_api.insights.text import plural, share
from pixely_api.insights.umbrales import MIN_WINDOW_SHARE

GAP_POINTS = 10.0
"""A platform is flagged when its negative share exceeds the rest's by this many points."""


def recommend(entradas: Entradas) -> list[Recomendacion]:
    totals = entradas.totales
    if len(totals) < 2:
        return []
    worst = max(totals.values(), key=lambda t: (percent(t.negativos, t.comentarios), t.platform))
    rest_neg = sum(t.negativos for t in totals.values()) - worst.negativos
    rest_all = sum(t.comentarios for t in totals.values()) - worst.comentarios
    gap = percent(worst.negativos, worst.comentarios) - percent(rest_neg, rest_all)
    if gap < GAP_POINTS or 100 * worst.negativos < MIN_WINDOW_SHARE * entradas.comentarios:
        return []
    name = DISPLAY_NAMES.get(worst.platform, worst.platform)
    text = (
        f"{name} es la plataforma con la conversación más negativa: {worst.negativos} de "
        f"{plural(worst.comentarios, 'comentario', 'comentarios')} "
        f"({share(worst.negativos, worst.comentarios)}) son negativos, frente a "
        f"{rest_neg} de {rest_all} ({share(rest_neg, rest_all)}) en las demás."
    )
    quotes = worst.evidencia_negativa
    text += example_suffix(quotes)
    return [
        Recomendacion(
            titulo=f"Recuperar la conversación en {name}",
            tipo="plataforma_negativa",
            foco=worst.platform,
            area="Marketing y Comunicación",
            descripcion=text,
            acciones=[
                f"Revisar las publicaciones recientes de {name} con más comentarios negativos.",
                f"Responder en {name} a los comentarios negativos pendientes.",
                f"Ajustar el contenido de {name} a lo que pide su audiencia.",
            ],
            evidencia=quotes,
            impacto=impact(40, 40, worst.negativos, entradas.comentarios),
            esfuerzo=45,
            casos=worst.negativos,
            base=worst.comentarios,
            personas=0,
        )
    ]
