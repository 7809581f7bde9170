"""What the detractor and promoter rules share: the window's most active voices of a side."""

from pixely_api.insights.q5_influenciadores import Polaridad
from pixely_api.insights.q9_rules.base import Entradas, PosturaAutor
from pixely_api.insights.text import enumerate_es

NAMED = 3


def side(entradas: Entradas, polaridad: Polaridad) -> list[PosturaAutor]:
    """Every commenter of one polarity, most comments on that side first."""
    field = "detractores" if polaridad == "Detractor" else "promotores"
    found = [a for a in entradas.autores if a.num_comentarios and a.polaridad == polaridad]
    return sorted(found, key=lambda a: (-getattr(a, field), -a.num_comentarios, a.autor))


def named(authors: list[PosturaAutor], field: str) -> str:
    """``@a (12), @b (9) y @c (7)``: the most active, with their comments on that side."""
    return enumerate_es([f"@{a.autor} ({getattr(a, field)})" for a in authors[:NAMED]])
