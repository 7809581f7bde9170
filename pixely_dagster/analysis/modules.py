"""The registry's modules as the pipeline computes them, and one pure entry point.

Each module of :data:`pixely_api.insights.registry.MODULES` is computed by the
``analyze`` function of the same-named file in this package (``q3_topicos.analyze``);
a module whose ``analyze`` takes a second argument reads the results before it as one
typed :class:`ModuleResults` (Q9). Q10 is rebuilt from Q1–Q9 by the insight contract.
:func:`analyze_partition` runs all ten in order with no I/O.
"""

import importlib
import inspect
import time
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import BaseModel

from pixely_api.insights.bundle import InsightResults, ModuleResults
from pixely_api.insights.q10_resumen_ejecutivo import build_resumen_ejecutivo
from pixely_api.insights.registry import MODULES as SPECS
from pixely_api.insights.registry import ModuleSpec
from pixely_dagster.analysis.items import PartitionBatch

Compute = Callable[[PartitionBatch, ModuleResults], BaseModel]


@dataclass(frozen=True)
class ModuleStep:
    """One module as the pipeline runs it: the spec, its inputs, its computation."""

    spec: ModuleSpec
    depends_on: tuple[str, ...]
    """Asset names of the results it reads (none: it reads only the partition)."""
    compute: Compute

    @property
    def name(self) -> str:
        return self.spec.asset

    @property
    def result_type(self) -> type[BaseModel]:
        return self.spec.result_type

    def __call__(self, batch: PartitionBatch, upstream: ModuleResults) -> BaseModel:
        result = self.compute(batch, upstream)
        if not isinstance(result, self.result_type):
            raise TypeError(f"{self.name} returned a {type(result).__name__}")
        return result


def _step(spec: ModuleSpec, earlier: list[ModuleSpec]) -> ModuleStep:
    if not spec.merged:
        return ModuleStep(spec, tuple(s.asset for s in earlier), _rebuilt)
    analyze = importlib.import_module(f"pixely_dagster.analysis.{spec.asset}").analyze
    if len(inspect.signature(analyze).parameters) == 1:
        return ModuleStep(spec, (), lambda batch, upstream: analyze(batch))
    return ModuleStep(spec, tuple(s.asset for s in earlier), analyze)


def _rebuilt(batch: PartitionBatch, upstream: ModuleResults) -> BaseModel:
    del batch  # Q10 reads Q1–Q9 only
    return build_resumen_ejecutivo(upstream)


MODULES: dict[str, ModuleStep] = {
    spec.asset: _step(spec, list(SPECS[:index])) for index, spec in enumerate(SPECS)
}
"""Asset key name → module step, in run order (dependencies first)."""

ModuleTimer = Callable[[str, float], None]
"""Told each module's name and seconds as it finishes (the run log's per-module lines)."""


def analyze_partition(
    batch: PartitionBatch, on_module: ModuleTimer | None = None
) -> InsightResults:
    """Q1…Q9 then Q10 over one partition; pure (no I/O), deterministic."""
    done: dict[str, BaseModel] = {}
    for step in MODULES.values():
        started = time.perf_counter()
        done[step.spec.key] = step(batch, ModuleResults(**done))
        if on_module is not None:
            on_module(step.name, time.perf_counter() - started)
    return InsightResults(**done)
