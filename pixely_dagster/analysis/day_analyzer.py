"""One (ficha, day)'s analysis: annotate the new comments once, run Q1…Q10 on them.

The annotations are kept by comment id, so when the append has to drop items that a
racing run already covered, the modules are re-run on the rest without asking the
annotator (or a paid model) again.
"""

import time
from dataclasses import dataclass, field
from datetime import date

from pixely_api.insights.context import BrandContext
from pixely_dagster.analysis.annotation import Annotation, Annotator
from pixely_dagster.analysis.items import PartitionBatch
from pixely_dagster.analysis.llm import LlmUsage
from pixely_dagster.analysis.modules import analyze_partition
from pixely_dagster.warehouse import InsightPayload, PartitionDelta


def analysis_version(annotator: Annotator) -> str:
    """What each insights row records as ``analysis_version``: analyzer/model/version."""
    return f"{annotator.name}/{annotator.model}/{annotator.version}"


@dataclass
class DayAnalyzer:
    """Analyses deltas for one ficha; counts what it asked of the annotator."""

    annotator: Annotator
    context: BrandContext
    annotator_calls: int = 0
    comments_annotated: int = 0
    annotator_seconds: float = 0.0
    modules_seconds: float = 0.0
    module_seconds: dict[str, float] = field(default_factory=dict)
    _annotations: dict[str, Annotation] = field(default_factory=dict)
    _usage_by_day: dict[date, LlmUsage] = field(default_factory=dict)

    def usage_of(self, day: date) -> LlmUsage:
        """What annotating ``day`` asked of a paid model (zeros for the offline rules)."""
        return self._usage_by_day.get(day, LlmUsage())

    def _annotate(self, delta: PartitionDelta) -> tuple[Annotation, ...]:
        missing = [c for c in delta.comments if c.comment_id not in self._annotations]
        if missing:
            started = time.perf_counter()
            metered = getattr(self.annotator, "usage", None)
            before = metered.copy() if isinstance(metered, LlmUsage) else None
            annotations = self.annotator.annotate([c.text for c in missing], self.context)
            if before is not None and isinstance(metered, LlmUsage):
                self._usage_by_day[delta.day] = self.usage_of(delta.day) + (metered - before)
            self.annotator_seconds += time.perf_counter() - started
            self.annotator_calls += 1
            self.comments_annotated += len(missing)
            for comment, annotation in zip(missing, annotations, strict=True):
                self._annotations[comment.comment_id] = annotation
        return tuple(self._annotations[c.comment_id] for c in delta.comments)

    def _time_module(self, name: str, seconds: float) -> None:
        self.module_seconds[name] = self.module_seconds.get(name, 0.0) + seconds
        self.modules_seconds += seconds

    def __call__(self, delta: PartitionDelta) -> InsightPayload:
        annotations = self._annotate(delta)
        batch = PartitionBatch(
            context=self.context,
            partition_date=delta.day,
            comments=delta.comments,
            annotations=annotations,
            posts=delta.posts,
        )
        results = analyze_partition(batch, on_module=self._time_module)
        usage = self.usage_of(delta.day)
        return InsightPayload(
            results=results.to_columns(),
            analyzer=self.annotator.name,
            analysis_version=analysis_version(self.annotator),
            annotations={c.comment_id: a for c, a in zip(delta.comments, annotations, strict=True)},
            llm_requests=usage.requests,
            prompt_tokens=usage.prompt_tokens,
            completion_tokens=usage.completion_tokens,
            estimated_cost_usd=round(usage.estimated_cost_usd, 8),
        )
