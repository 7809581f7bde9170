"""All ten results of one insights row, and the window summary the API serves.

The typed fields of :class:`ModuleResults` (Q1–Q9) and :class:`InsightResults` (plus Q10)
are THE list of analysis modules: each field carries its asset name, Spanish title and
description, and :mod:`pixely_api.insights.registry` reads them. Adding a module is a
field here plus the module's own files.

A stored row holds Q1–Q10 of one (ficha, day, run). Reading a window merges Q1–Q9 over
its rows, optionally keeps one platform, adds Q8's engagement from the posts' current
metrics, and rebuilds Q10 from what is left, so every figure on screen agrees.
"""

from collections.abc import Iterable, Mapping
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field

from pixely_api.insights.engagement import PostMetrics
from pixely_api.insights.labels import Platform
from pixely_api.insights.q1_emociones import Q1Result
from pixely_api.insights.q2_personalidad import Q2Result
from pixely_api.insights.q3_topicos import Q3Result
from pixely_api.insights.q4_marcos_narrativos import Q4Result
from pixely_api.insights.q5_influenciadores import Q5Result
from pixely_api.insights.q6_oportunidades import Q6Result
from pixely_api.insights.q7_sentimiento_detallado import Q7Result
from pixely_api.insights.q8_temporal import Q8Result
from pixely_api.insights.q9_recomendaciones import Q9Result
from pixely_api.insights.q10_resumen_ejecutivo import Q10Result, build_resumen_ejecutivo
from pixely_api.insights.result import ModuleResult


def module(asset: str, title: str, description: str, default: type[BaseModel]) -> Any:
    """A bundle field that is an analysis module: its asset key, title and description."""
    return Field(
        default_factory=default,
        title=title,
        description=description,
        json_schema_extra={"asset": asset},
    )


class ModuleResults(BaseModel):
    """Q1–Q9: what a window merges, what Q9 reads (Q1–Q8) and what Q10 is built from."""

    model_config = ConfigDict(frozen=True)

    q1: Q1Result = module(
        "q1_emociones",
        "Emociones",
        "Plutchik's eight emotions in the comments, per post and overall.",
        Q1Result,
    )
    q2: Q2Result = module(
        "q2_personalidad",
        "Personalidad de marca",
        "Aaker's five brand-personality dimensions as the audience perceives them.",
        Q2Result,
    )
    q3: Q3Result = module(
        "q3_topicos",
        "Tópicos",
        "The topics the audience talks about, with relevance and sentiment.",
        Q3Result,
    )
    q4: Q4Result = module(
        "q4_marcos_narrativos",
        "Marcos narrativos",
        "Positive / negative / aspirational framing, weekly.",
        Q4Result,
    )
    q5: Q5Result = module(
        "q5_influenciadores",
        "Voces clave",
        "Key voices among commenters: authority, affinity, polarity.",
        Q5Result,
    )
    q6: Q6Result = module(
        "q6_oportunidades",
        "Oportunidades",
        "Opportunities on a demand × urgency matrix, with evidence.",
        Q6Result,
    )
    q7: Q7Result = module(
        "q7_sentimiento_detallado",
        "Sentimiento detallado",
        "Positive / negative / neutral / mixed shares and subjectivity.",
        Q7Result,
    )
    q8: Q8Result = module(
        "q8_temporal",
        "Evolución temporal",
        "Weekly volume, sentiment and topics; engagement from real metrics.",
        Q8Result,
    )
    q9: Q9Result = module(
        "q9_recomendaciones",
        "Recomendaciones",
        "Prioritised recommendations grounded in Q1–Q8, with urgency.",
        Q9Result,
    )

    @classmethod
    def mergeable(cls) -> dict[str, type[ModuleResult]]:
        """Bundle field → result type of every merged module (Q10 is rebuilt, not merged)."""
        return {name: info.annotation for name, info in ModuleResults.model_fields.items()}  # type: ignore[misc]


def _empty_summary() -> Q10Result:
    return build_resumen_ejecutivo(ModuleResults())


class InsightResults(ModuleResults):
    """Q1…Q10 together: one stored row, or a merged window."""

    q10: Q10Result = module(
        "q10_resumen_ejecutivo",
        "Resumen ejecutivo",
        "Rule-based executive summary: alert, findings, KPIs, roadmap.",
        _empty_summary,  # type: ignore[arg-type]
    )

    @classmethod
    def from_modules(cls, modules: ModuleResults) -> Self:
        """Q1–Q9 with Q10 built from them."""
        return cls(**dict(modules), q10=build_resumen_ejecutivo(modules))

    @classmethod
    def _assemble(cls, modules: Mapping[str, Any]) -> Self:
        return cls.from_modules(ModuleResults(**modules))

    def _modules(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.mergeable()}

    @classmethod
    def merged_modules(cls, rows: Iterable[Self]) -> dict[str, ModuleResult]:
        """Q1–Q9, each merged over the rows (Q10 not built)."""
        rows = list(rows)
        return {
            name: result_type.merge(getattr(row, name) for row in rows)
            for name, result_type in cls.mergeable().items()
        }

    @classmethod
    def merge(cls, rows: Iterable[Self]) -> Self:
        """Q1–Q9 merged over the rows, Q10 rebuilt; no rows gives the empty bundle."""
        return cls._assemble(cls.merged_modules(rows))

    def restrict(self, platform: Platform) -> Self:
        """Only one platform's posts and lists, Q10 rebuilt."""
        return self._assemble(
            {name: result.restrict(platform) for name, result in self._modules().items()}
        )

    def with_engagement(self, post_metrics: Iterable[PostMetrics]) -> Self:
        """Q8 with engagement from the posts' latest metrics, Q10 rebuilt (read time only)."""
        modules = self._modules()
        modules["q8"] = self.q8.with_engagement(post_metrics)
        return self._assemble(modules)

    def to_columns(self) -> dict[str, dict[str, Any]]:
        """The ``q1_result`` … ``q10_result`` JSON columns of an insights row.

        Stored values are what merges (computed views are left out: they are recomputed
        on read, and values equal to their default are left out: reading fills them
        back in, and a day's every author and topic stays small) and Q8's engagement, a
        read-time figure, is never stored.
        """
        columns = {
            f"{name}_result": getattr(self, name).model_dump(
                mode="json",
                exclude_computed_fields=True,
                exclude_defaults=True,
                exclude={"engagement"},
            )
            for name in self.mergeable()
        }
        columns["q10_result"] = self.q10.model_dump(mode="json")
        return columns

    @classmethod
    def from_columns(cls, columns: Mapping[str, Any]) -> Self:
        """A bundle from a row's ``q1_result`` … ``q10_result`` JSON columns."""
        return cls.model_validate({name: columns[f"{name}_result"] for name in cls.model_fields})


def merge_rows(rows: Iterable[InsightResults]) -> InsightResults:
    """Q1–Q9 merged over stored rows, with Q10 recomputed (no engagement, no filter)."""
    return InsightResults.merge(rows)


def summarize(
    rows: Iterable[InsightResults],
    post_metrics: Iterable[PostMetrics],
    platform: Platform | None = None,
) -> InsightResults:
    """What the viewer sees for a window: merge, keep ``platform`` if given, add
    engagement from the posts' latest metrics, and build Q10 once from the outcome (the
    same as ``merge_rows(rows).restrict(platform).with_engagement(post_metrics)``
    without the two intermediate executive summaries)."""
    modules: dict[str, Any] = InsightResults.merged_modules(rows)
    if platform is not None:
        modules = {name: result.restrict(platform) for name, result in modules.items()}
    modules["q8"] = modules["q8"].with_engagement(post_metrics)
    return InsightResults._assemble(modules)
