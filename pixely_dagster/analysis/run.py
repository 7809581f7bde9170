"""The ten modules in order, as the pipeline runs them: one registry, one pure entry point.

:data:`MODULES` maps each asset key name to a :class:`ModuleStep`: what it depends on
(the asset lineage) and how to compute it from the partition batch and the results
already computed. :func:`analyze_partition` runs all ten in order with no I/O.
"""

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from pixely_api.insights.bundle import InsightResults
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
from pixely_dagster.analysis import (
    q1_emociones,
    q2_personalidad,
    q3_topicos,
    q4_marcos_narrativos,
    q5_influenciadores,
    q6_oportunidades,
    q7_sentimiento_detallado,
    q8_temporal,
    q9_recomendaciones,
)
from pixely_dagster.analysis.items import PartitionBatch

Upstream = Mapping[str, BaseModel]
Compute = Callable[[PartitionBatch, Upstream], BaseModel]


@dataclass(frozen=True)
class ModuleStep:
    """One analysis module as an asset: its result type, its inputs, its computation."""

    name: str
    result_type: type[BaseModel]
    depends_on: tuple[str, ...]
    compute: Compute

    def __call__(self, batch: PartitionBatch, upstream: Upstream) -> BaseModel:
        """The module's result for ``batch``, given the results it depends on."""
        missing = [name for name in self.depends_on if name not in upstream]
        if missing:
            raise KeyError(f"{self.name} needs {', '.join(missing)} first")
        return self.compute(batch, upstream)


def _inputs(upstream: Upstream, names: Sequence[str]) -> dict[str, Any]:
    """The named upstream results as keyword arguments (``q1=…``), each type-checked."""
    inputs: dict[str, Any] = {}
    for name in names:
        result, expected = upstream[name], MODULES[name].result_type
        if not isinstance(result, expected):
            raise TypeError(f"{name} is a {type(result).__name__}, not a {expected.__name__}")
        inputs[bundle_field(name)] = result
    return inputs


def _q9(batch: PartitionBatch, upstream: Upstream) -> Q9Result:
    return q9_recomendaciones.analyze(batch, **_inputs(upstream, _Q1_TO_Q8))


def _q10(batch: PartitionBatch, upstream: Upstream) -> Q10Result:
    del batch  # Q10 reads Q1–Q9 only
    return build_resumen_ejecutivo(**_inputs(upstream, (*_Q1_TO_Q8, "q9_recomendaciones")))


def _alone(analyze: Callable[[PartitionBatch], BaseModel]) -> Compute:
    """Adapt a module that needs only the batch to the registry's signature."""

    def compute(batch: PartitionBatch, upstream: Upstream) -> BaseModel:
        del upstream
        return analyze(batch)

    return compute


_Q1_TO_Q8 = (
    "q1_emociones",
    "q2_personalidad",
    "q3_topicos",
    "q4_marcos_narrativos",
    "q5_influenciadores",
    "q6_oportunidades",
    "q7_sentimiento_detallado",
    "q8_temporal",
)

MODULES: dict[str, ModuleStep] = {
    step.name: step
    for step in (
        ModuleStep("q1_emociones", Q1Result, (), _alone(q1_emociones.analyze)),
        ModuleStep("q2_personalidad", Q2Result, (), _alone(q2_personalidad.analyze)),
        ModuleStep("q3_topicos", Q3Result, (), _alone(q3_topicos.analyze)),
        ModuleStep("q4_marcos_narrativos", Q4Result, (), _alone(q4_marcos_narrativos.analyze)),
        ModuleStep("q5_influenciadores", Q5Result, (), _alone(q5_influenciadores.analyze)),
        ModuleStep("q6_oportunidades", Q6Result, (), _alone(q6_oportunidades.analyze)),
        ModuleStep(
            "q7_sentimiento_detallado", Q7Result, (), _alone(q7_sentimiento_detallado.analyze)
        ),
        ModuleStep("q8_temporal", Q8Result, (), _alone(q8_temporal.analyze)),
        ModuleStep("q9_recomendaciones", Q9Result, _Q1_TO_Q8, _q9),
        ModuleStep("q10_resumen_ejecutivo", Q10Result, (*_Q1_TO_Q8, "q9_recomendaciones"), _q10),
    )
}
"""Asset key name → module step, in run order (dependencies first)."""


def bundle_field(name: str) -> str:
    """The :class:`InsightResults` field of an asset: ``q3_topicos`` → ``q3``."""
    return name.split("_", 1)[0]


ModuleTimer = Callable[[str, float], None]
"""Told each module's name and seconds as it finishes (the run log's per-module lines)."""


def analyze_partition(
    batch: PartitionBatch, on_module: ModuleTimer | None = None
) -> InsightResults:
    """Q1…Q9 then Q10 over one partition; pure (no I/O), deterministic."""
    done: dict[str, BaseModel] = {}
    for name, step in MODULES.items():
        started = time.perf_counter()
        done[name] = step(batch, done)
        if on_module is not None:
            on_module(name, time.perf_counter() - started)
    return InsightResults(**{bundle_field(name): result for name, result in done.items()})
