"""All ten results of one insights row, and the window summary the API serves.

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

MODULE_TYPES: dict[str, type[ModuleResult]] = {
    "q1": Q1Result,
    "q2": Q2Result,
    "q3": Q3Result,
    "q4": Q4Result,
    "q5": Q5Result,
    "q6": Q6Result,
    "q7": Q7Result,
    "q8": Q8Result,
    "q9": Q9Result,
}
"""The mergeable modules by bundle field; Q10 is rebuilt from them, never merged."""


def _empty_summary() -> Q10Result:
    return build_resumen_ejecutivo(
        Q1Result(),
        Q2Result(),
        Q3Result(),
        Q4Result(),
        Q5Result(),
        Q6Result(),
        Q7Result(),
        Q8Result(),
        Q9Result(),
    )


class InsightResults(BaseModel):
    """Q1…Q10 together: one stored row, or a merged window."""

    model_config = ConfigDict(frozen=True)

    q1: Q1Result = Field(default_factory=Q1Result, description="Q1 · Emociones.")
    q2: Q2Result = Field(default_factory=Q2Result, description="Q2 · Personalidad.")
    q3: Q3Result = Field(default_factory=Q3Result, description="Q3 · Tópicos.")
    q4: Q4Result = Field(default_factory=Q4Result, description="Q4 · Marcos narrativos.")
    q5: Q5Result = Field(default_factory=Q5Result, description="Q5 · Influenciadores.")
    q6: Q6Result = Field(default_factory=Q6Result, description="Q6 · Oportunidades.")
    q7: Q7Result = Field(default_factory=Q7Result, description="Q7 · Sentimiento detallado.")
    q8: Q8Result = Field(default_factory=Q8Result, description="Q8 · Temporal.")
    q9: Q9Result = Field(default_factory=Q9Result, description="Q9 · Recomendaciones.")
    q10: Q10Result = Field(default_factory=_empty_summary, description="Q10 · Resumen ejecutivo.")

    @classmethod
    def from_modules(
        cls,
        q1: Q1Result,
        q2: Q2Result,
        q3: Q3Result,
        q4: Q4Result,
        q5: Q5Result,
        q6: Q6Result,
        q7: Q7Result,
        q8: Q8Result,
        q9: Q9Result,
    ) -> Self:
        """The bundle of Q1–Q9 with Q10 built from them."""
        q10 = build_resumen_ejecutivo(q1, q2, q3, q4, q5, q6, q7, q8, q9)
        return cls(q1=q1, q2=q2, q3=q3, q4=q4, q5=q5, q6=q6, q7=q7, q8=q8, q9=q9, q10=q10)

    @classmethod
    def _assemble(cls, modules: Mapping[str, Any]) -> Self:
        return cls.from_modules(**{name: modules[name] for name in MODULE_TYPES})

    def _modules(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in MODULE_TYPES}

    @classmethod
    def merge(cls, rows: Iterable[Self]) -> Self:
        """Q1–Q9 merged over the rows, Q10 rebuilt; no rows gives the empty bundle."""
        rows = list(rows)
        return cls._assemble(
            {
                name: result_type.merge(getattr(row, name) for row in rows)
                for name, result_type in MODULE_TYPES.items()
            }
        )

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
        on read) and Q8's engagement, a read-time figure, is never stored.
        """
        columns = {
            f"{name}_result": getattr(self, name).model_dump(
                mode="json", exclude_computed_fields=True, exclude={"engagement"}
            )
            for name in MODULE_TYPES
        }
        columns["q10_result"] = self.q10.model_dump(mode="json")
        return columns

    @classmethod
    def from_columns(cls, columns: Mapping[str, Any]) -> Self:
        """A bundle from a row's ``q1_result`` … ``q10_result`` JSON columns."""
        return cls.model_validate({f"q{i}": columns[f"q{i}_result"] for i in range(1, 11)})


def merge_rows(rows: Iterable[InsightResults]) -> InsightResults:
    """Q1–Q9 merged over stored rows, with Q10 recomputed (no engagement, no filter)."""
    return InsightResults.merge(rows)


def summarize(
    rows: Iterable[InsightResults],
    post_metrics: Iterable[PostMetrics],
    platform: Platform | None = None,
) -> InsightResults:
    """What the viewer sees for a window: merge, keep ``platform`` if given, add
    engagement from the posts' latest metrics, rebuild Q10."""
    merged = merge_rows(rows)
    if platform is not None:
        merged = merged.restrict(platform)
    return merged.with_engagement(post_metrics)
