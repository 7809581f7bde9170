"""What a viewer's window summary carries: every figure the dashboard shows, none of the
tables that only exist so windows merge exactly.

A stored result keeps every author, topic and aspect of its day per platform (so merges
and platform filters stay exact); the figures a person reads are computed fields over
them. A month of those tables is most of a megabyte of JSON, so the summary answers a
*view* instead: each module's computed fields as plain values, its per-post parts and
read-time figures, without the ``*_por_plataforma`` tables, the whole-table views a
result names in ``whole_tables`` and the per-post parts nobody reads per post
(:data:`PER_POST_VIEWS`). The view classes are generated from the result classes,
so the contract is still written once.
"""

from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from pixely_api.insights.bundle import InsightResults
from pixely_api.insights.result import ModuleResult

PER_POST_VIEWS = frozenset({"q1", "q2", "q7"})
"""Modules whose per-post parts the dashboard shows (Q1's emotions per post, Q2's
readings, Q7's table; Q10 has its own post glance). The other modules' per-post parts
only feed merges, so their views leave them out."""


@cache
def view_of(key: str, result_type: type[BaseModel]) -> type[BaseModel]:
    """The view class of one module's result (``q5``, ``Q5Result`` → ``Q5View``)."""
    if not issubclass(result_type, ModuleResult):
        return result_type
    fields: dict[str, Any] = {}
    for name, info in result_type.model_fields.items():
        if name in result_type.platform_fields():
            continue
        if name == "publicaciones" and key not in PER_POST_VIEWS:
            continue
        fields[name] = (info.annotation, info)
    for name, computed in result_type.model_computed_fields.items():
        if name not in result_type.whole_tables:
            fields[name] = (computed.return_type, Field(description=computed.description))
    return _published(
        create_model(
            result_type.__name__.removesuffix("Result") + "View",
            __config__=ConfigDict(frozen=True),
            __doc__=f"What the dashboard reads of {result_type.__name__}.",
            __module__=__name__,
            **fields,
        )
    )


def _published(view: type[BaseModel]) -> type[BaseModel]:
    """The generated class as an attribute of this module, so pickle (the dashboard's
    cache) finds it by name."""
    globals()[view.__name__] = view
    return view


def _results_view() -> type[BaseModel]:
    fields: dict[str, Any] = {
        name: (
            view_of(name, info.annotation),  # type: ignore[arg-type]
            Field(title=info.title, description=info.description),
        )
        for name, info in InsightResults.model_fields.items()
    }
    return _published(
        create_model(
            "InsightResultsView",
            __config__=ConfigDict(frozen=True),
            __doc__="Q1–Q10 of a window as the dashboard reads them.",
            __module__=__name__,
            **fields,
        )
    )


InsightResultsView = _results_view()
"""Q1–Q10 of a window as the dashboard reads them (see the module docstring)."""


def results_view(results: InsightResults) -> BaseModel:
    """The view of a merged window's results (each computed figure computed once)."""
    return InsightResultsView.model_validate(results, from_attributes=True)
