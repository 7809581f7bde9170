"""One view module per analysis module, named like its asset (``q3_topicos.py``) and
listed in the registry's order, except Q10 (the executive summary), which comes first."""

from importlib import import_module
from types import ModuleType

from pixely_api.insights.registry import MODULES, ModuleSpec


def _view(spec: ModuleSpec) -> ModuleType:
    return import_module(f"{__name__}.{spec.asset}")


ORDERED: tuple[ModuleSpec, ...] = tuple(
    sorted(MODULES, key=lambda spec: spec.merged)  # Q10 (not merged) first, then Q1…Q9
)
VIEWS: dict[str, ModuleType] = {spec.key: _view(spec) for spec in ORDERED}
"""Module key (``q3``) → its view: ``tables``, ``charts`` and ``render``."""
