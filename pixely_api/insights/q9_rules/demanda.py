"""What the three demand rules (complaints, requests, purchase questions) share."""

from pixely_api.insights.merging import ratio
from pixely_api.insights.q6_oportunidades import Oportunidad, TipoOportunidad
from pixely_api.insights.q9_rules.base import AreaEstrategica, Entradas, Recomendacion, impact
from pixely_api.insights.redactado import example_suffix
from pixely_api.insights.text import plural, quoted, share
from pixely_api.insights.umbrales import RECENT_DAYS

OPERATIONS = frozenset({"entrega", "devolución", "stock", "tienda", "tienda online", "pago"})
SALES = frozenset({"precio", "promociones", "clientes frecuentes", "suscripción"})
SERVICE = frozenset({"atención"})
EFFORT: dict[AreaEstrategica, float] = {
    "Operaciones": 40,
    "Atención al Cliente": 30,
    "Ventas y Conversión": 35,
    "Marketing y Comunicación": 35,
    "Producto/Servicio": 50,
}


def area_of(aspect: str) -> AreaEstrategica:
    """Which area owns an aspect's complaints."""
    if aspect in OPERATIONS:
        return "Operaciones"
    if aspect in SALES:
        return "Ventas y Conversión"
    if aspect in SERVICE:
        return "Atención al Cliente"
    return "Producto/Servicio"


def top(entradas: Entradas, tipo: TipoOportunidad, count: int) -> list[Oportunidad]:
    """The window's strongest opportunities of one type (they already meet the evidence
    thresholds)."""
    return [o for o in entradas.oportunidades if o.tipo == tipo][:count]


def from_opportunity(
    entradas: Entradas,
    opportunity: Oportunidad,
    tipo: str,
    title: str,
    what: str,
    actions: list[str],
    area: AreaEstrategica,
    scores: tuple[float, float],
) -> Recomendacion:
    """A recommendation that restates an opportunity's figures, scored on its volume."""
    o = opportunity
    description = (
        f"{o.demanda} de {plural(o.menciones, 'comentario', 'comentarios')} sobre "
        f"{quoted(o.tema)} ({share(o.demanda, o.menciones)}) {what}, de "
        f"{plural(o.personas, 'persona', 'personas')} distintas; "
        f"{plural(o.recientes, 'comentario', 'comentarios')} en los últimos {RECENT_DAYS} días."
    )
    description += example_suffix(o.evidencia)
    base, slope = scores
    return Recomendacion(
        titulo=title.format(tema=quoted(o.tema)),
        tipo=tipo,
        foco=o.tema,
        area=area,
        descripcion=description,
        acciones=[a.format(tema=quoted(o.tema), personas=o.personas) for a in actions],
        evidencia=o.evidencia,
        impacto=impact(base, slope, o.demanda, entradas.comentarios, ratio(o.recientes, o.demanda)),
        esfuerzo=EFFORT[area],
        casos=o.demanda,
        base=o.menciones,
        personas=o.personas,
    )
