"""Rule: thank and amplify the most active promoters."""

from pixely_api.insights.q9_rules.base import Entradas, Recomendacion, impact
from pixely_api.insights.q9_rules.voces import named, side
from pixely_api.insights.text import plural
from pixely_api.insights.umbrales import enough


def recommend(entradas: Entradas) -> list[Recomendacion]:
    voices = side(entradas, "Promotor")
    cases = sum(a.promotores for a in voices)
    if not enough(len(voices), cases, entradas.comentarios):
        return []
    text = (
        f"{plural(len(voices), 'persona es promotora', 'personas son promotoras')} y firman "
        f"{plural(cases, 'comentario', 'comentarios')} a favor. Las más activas: "
        f"{named(voices, 'promotores')}."
    )
    return [
        Recomendacion(
            titulo="Amplificar a las voces promotoras más activas",
            tipo="promotores",
            area="Marketing y Comunicación",
            descripcion=text,
            acciones=[
                f"Agradecer en público a {named(voices, 'promotores')}.",
                "Invitarles a compartir su experiencia (reseñas, contenido de usuario).",
                "Valorar una colaboración con las más activas.",
            ],
            impacto=impact(30, 35, cases, entradas.comentarios),
            esfuerzo=35,
            casos=cases,
            base=entradas.comentarios,
            personas=len(voices),
        )
    ]
