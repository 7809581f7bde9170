"""Rule: an audience that projects itself onto the brand ("quiero", "ojalá", "algún día")."""

from pixely_api.insights.q9_rules.base import Entradas, Recomendacion, impact
from pixely_api.insights.redactado import example_suffix
from pixely_api.insights.text import plural, share
from pixely_api.insights.umbrales import enough


def recommend(entradas: Entradas) -> list[Recomendacion]:
    total = entradas.total
    people = len(total.autores_aspiracionales)
    cases = total.aspiracionales
    if not cases or not enough(people, cases, entradas.comentarios):
        return []
    text = (
        f"{cases} de {plural(total.enmarcados, 'comentario', 'comentarios')} con marco "
        f"narrativo ({share(cases, total.enmarcados)}), de "
        f"{plural(people, 'persona', 'personas')}, expresan una aspiración."
    )
    quotes = total.evidencia_aspiracional
    text += example_suffix(quotes)
    return [
        Recomendacion(
            titulo="Aprovechar las aspiraciones de la audiencia",
            tipo="aspiracional",
            area="Marketing y Comunicación",
            descripcion=text,
            acciones=[
                "Publicar contenido con clientes reales que ya logran lo que la audiencia desea.",
                "Responder a los comentarios aspiracionales invitando a dar el siguiente paso.",
                "Medir si el marco aspiracional crece después de la campaña.",
            ],
            evidencia=quotes,
            impacto=impact(30, 40, cases, entradas.comentarios),
            esfuerzo=40,
            casos=cases,
            base=total.enmarcados,
            personas=people,
        )
    ]
