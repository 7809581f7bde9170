"""Q9's rules, one module each (trigger, scores and texts in one file), and their list.

Adding a rule is a new module here with ``recommend(entradas) -> list[Recomendacion]``
plus its entry in :data:`RULES`.
"""

from collections.abc import Callable

from pixely_api.insights.q9_rules import (
    aspiraciones,
    competencia,
    compra,
    crisis,
    detractores,
    peticiones,
    plataforma,
    promotores,
    quejas,
)
from pixely_api.insights.q9_rules.base import Entradas, Recomendacion

Rule = Callable[[Entradas], list[Recomendacion]]

RULES: tuple[Rule, ...] = (
    crisis.recommend,
    quejas.recommend,
    peticiones.recommend,
    compra.recommend,
    competencia.recommend,
    plataforma.recommend,
    detractores.recommend,
    promotores.recommend,
    aspiraciones.recommend,
)


def recommend(entradas: Entradas) -> list[Recomendacion]:
    """Every rule's recommendations for the window, highest priority first."""
    found = [rec for rule in RULES for rec in rule(entradas)]
    return sorted(found, key=lambda r: r.rank)
