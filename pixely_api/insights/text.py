"""Spanish wording shared by the texts that are recomputed from merged numbers."""

from collections.abc import Sequence

from pixely_api.insights.labels import DISPLAY_NAMES

FEMININE = frozenset(
    {"alegria", "confianza", "sorpresa", "anticipacion", "ira", "tristeza", "sinceridad"}
    | {"emocion", "competencia", "sofisticacion", "rudeza"}
)


def label(value: str) -> str:
    """Accented lower-case name of a stored ASCII label (``anticipacion`` → ``anticipación``)."""
    return DISPLAY_NAMES.get(value, value).lower()


def with_article(value: str) -> str:
    """``la alegría``, ``el miedo``."""
    return f"{'la' if value in FEMININE else 'el'} {label(value)}"


def decimal(value: float, digits: int = 2) -> str:
    """Spanish decimal comma: ``0,62``."""
    return f"{value:.{digits}f}".replace(".", ",")


def share(part: int, whole: int) -> str:
    """Whole-number percentage of two counts (exact, so texts merge reproducibly)."""
    return f"{round(100 * part / whole) if whole else 0}%"


def plural(count: int, singular: str, plural_form: str) -> str:
    """``1 comentario``, ``3 comentarios``."""
    return f"{count} {singular if count == 1 else plural_form}"


def agree(count: int, singular: str, plural_form: str) -> str:
    """The verb phrase that agrees with ``count`` (``1 de 3 comentarios es``…)."""
    return singular if count == 1 else plural_form


def enumerate_es(items: Sequence[str]) -> str:
    """``a``, ``a y b``, ``a, b y c``."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} y {items[-1]}"


def quoted(text: str) -> str:
    """Spanish quotation marks around a verbatim comment."""
    return f"«{text}»"
