"""Q1…Q10 and the append: one step that annotates once and writes exactly once.

The ten module assets and ``social_media_insights`` are one ``multi_asset`` (not
subsettable): the annotation pass serves all ten modules, and the insight row with its
ledger entries is written in the same step, so no intermediate result is ever stored
half-way. Lineage still shows every module: new_posts → q1…q9 → q10 → insights.
"""

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

import dagster as dg

from pixely_api import queries
from pixely_api.settings import get_settings
from pixely_dagster.analysis.annotation import Annotator
from pixely_dagster.analysis.day_analyzer import DayAnalyzer, analysis_version
from pixely_dagster.analysis.llm import (
    LlmBudgetExceededError,
    LlmUnavailableError,
    LlmUsage,
    OpenAIAnnotator,
)
from pixely_dagster.analysis.modules import MODULES
from pixely_dagster.defs.metadata import markdown_table
from pixely_dagster.defs.partitions import client_day_partitions, is_reanalysis, parse_client_day
from pixely_dagster.defs.resources import DATABASE_KIND, AnalyzerResource, WarehouseResource
from pixely_dagster.warehouse import Warehouse, brand_context

ANALYZER_KIND = "openai" if get_settings().chosen_analyzer == "openai" else "python"
_MODULES = list(MODULES)
_UPSTREAM: dict[str, list[str]] = {
    name: list(step.depends_on) or ["new_posts"] for name, step in MODULES.items()
}
INSIGHTS = "social_media_insights"
ANALYZER_POOL = "pixely_analyzer"
"""Dagster concurrency pool of the analysis step: the instance's limit (``dagster.yaml``,
``concurrency.pools``) holds for every run that analyses, however it was launched, and
keeps a backfill within the model's rate limits when the analyzer is OpenAI."""


def _specs() -> list[dg.AssetSpec]:
    modules = [
        dg.AssetSpec(
            name,
            deps=_UPSTREAM[name],
            description=f"{step.spec.code} · {step.spec.title}: {step.spec.description}",
            group_name="analysis",
            kinds={ANALYZER_KIND, "pydantic"},
            owners=["team:data-engineering"],
        )
        for name, step in MODULES.items()
    ]
    insights = dg.AssetSpec(
        INSIGHTS,
        deps=_MODULES,
        description=(
            "Append-only insights table: ONE row per (ficha, day, run) with Q1…Q10 of the "
            "items that run newly covered, written with their ledger entries in one "
            "transaction under the ficha's lock."
        ),
        group_name="analysis",
        kinds={DATABASE_KIND},
        owners=["team:data-engineering"],
    )
    return [*modules, insights]


@dg.multi_asset(
    specs=_specs(),
    partitions_def=client_day_partitions,
    backfill_policy=dg.BackfillPolicy.single_run(),
    can_subset=False,
    pool=ANALYZER_POOL,
    check_specs=[
        dg.AssetCheckSpec(
            "rows_appended_exactly_once",
            asset=INSIGHTS,
            description="Every analysed item is in the ledger once and every appended row "
            "covers only items no other row covered.",
        )
    ],
)
def analysis(
    context: dg.AssetExecutionContext,
    warehouse: WarehouseResource,
    analyzer: AnalyzerResource,
) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
    """Annotate each partition's new comments once, run Q1…Q10, append the row."""
    store = warehouse.get()
    annotator = analyzer.make_annotator(engine=store.engine)
    context.log.info(f"Analyzer: {analysis_version(annotator)}")
    reanalysis = is_reanalysis(context.run.tags)
    by_client: dict[str, list[date]] = {}
    for key in context.partition_keys:
        slug, day = parse_client_day(key)
        by_client.setdefault(slug, []).append(day)
    if isinstance(annotator, OpenAIAnnotator) and annotator.max_tokens_per_run:
        _check_run_budget(context, store, annotator, by_client, reanalysis)

    tally = _RunTally()
    ficha_ids: dict[str, int] = {}
    for slug, days in sorted(by_client.items()):
        ficha = store.ficha(slug)
        ficha_ids[slug] = ficha.id
        runner = DayAnalyzer(annotator=annotator, context=brand_context(ficha))
        for day in sorted(days):
            _analyse_day(context, store, runner, ficha.id, slug, day, reanalysis, tally)
        for module, module_seconds in runner.module_seconds.items():
            context.log.info(f"Module {module} completed in {module_seconds:.3f}s ({slug})")
        tally.add_runner(runner)
    context.log.info(
        f"Modules Q1-Q10 completed in {tally.modules_seconds:.2f}s; annotation took "
        f"{tally.annotator_seconds:.2f}s for {tally.comments_annotated} comments"
    )

    common = {
        "partitions": len(context.partition_keys),
        "partitions_skipped_empty": tally.skipped_empty,
        "rows_appended": len(tally.appended),
        "comments_analyzed": tally.comments,
        "posts_analyzed": tally.posts,
        "analyzer": annotator.name,
        "analysis_version": analysis_version(annotator),
        "analyzer_calls": tally.annotator_calls,
        "comments_annotated": tally.comments_annotated,
        **_llm_metadata(annotator),
        "reanalysis": reanalysis,
    }
    for name in _MODULES:
        yield dg.MaterializeResult(asset_key=name, metadata=common)
    yield dg.MaterializeResult(
        asset_key=INSIGHTS,
        metadata={
            **common,
            "dagster/row_count": len(tally.appended),
            "annotator_seconds": round(tally.annotator_seconds, 3),
            "modules_seconds": round(tally.modules_seconds, 3),
            "append_seconds": round(tally.append_seconds, 3),
            "rows": markdown_table(
                tally.appended, ["id", "client", "date", "posts", "comments", "superseded"]
            ),
        },
    )
    totals_by_ficha = {slug: store.ledger_totals(ficha_id) for slug, ficha_id in ficha_ids.items()}
    consistent = all(queries.totals_consistent(t) for t in totals_by_ficha.values())
    yield dg.AssetCheckResult(
        check_name="rows_appended_exactly_once",
        asset_key=INSIGHTS,
        passed=consistent,
        metadata={slug: dg.MetadataValue.json(t) for slug, t in totals_by_ficha.items()},
    )


def _llm_metadata(annotator: Annotator) -> dict[str, int | float]:
    """The run's model usage for the UI (all zeros for the offline analyzer)."""
    usage = annotator.usage if isinstance(annotator, OpenAIAnnotator) else LlmUsage()
    return {
        "llm_requests": usage.requests,
        "llm_prompt_tokens": usage.prompt_tokens,
        "llm_completion_tokens": usage.completion_tokens,
        "llm_tokens": usage.total_tokens,
        "llm_cache_hits": usage.cache_hits,
        "llm_retried_comments": usage.retried,
        "llm_fallbacks": usage.fallbacks,
        "estimated_cost_usd": round(usage.estimated_cost_usd, 8),
    }


def _check_run_budget(
    context: dg.AssetExecutionContext,
    store: Warehouse,
    annotator: OpenAIAnnotator,
    by_client: dict[str, list[date]],
    reanalysis: bool,
) -> None:
    """Fail before the first request when the whole range would pass the token budget."""
    planned = 0
    for slug, days in by_client.items():
        ficha = store.ficha(slug)
        ficha_context = brand_context(ficha)
        for day in days:
            delta = store.load_delta(ficha.id, day, everything=reanalysis)
            texts = [comment.text for comment in delta.comments]
            planned += annotator.planned_tokens(texts, ficha_context) if texts else 0
    context.log.info(f"Planned model tokens for this run: ~{planned}")
    try:
        annotator.ensure_within_budget(planned)
    except LlmBudgetExceededError as over:
        raise dg.Failure(str(over)) from None


@dataclass
class _RunTally:
    """What one run of the analysis did: the log's figures and the asset metadata."""

    appended: list[dict[str, object]] = field(default_factory=list)
    posts: int = 0
    comments: int = 0
    skipped_empty: int = 0
    annotator_calls: int = 0
    comments_annotated: int = 0
    annotator_seconds: float = 0.0
    modules_seconds: float = 0.0
    append_seconds: float = 0.0

    def add_runner(self, runner: DayAnalyzer) -> None:
        self.annotator_calls += runner.annotator_calls
        self.comments_annotated += runner.comments_annotated
        self.annotator_seconds += runner.annotator_seconds
        self.modules_seconds += runner.modules_seconds


def _analyse_day(
    context: dg.AssetExecutionContext,
    store: Warehouse,
    runner: DayAnalyzer,
    ficha_id: int,
    slug: str,
    day: date,
    reanalysis: bool,
    tally: _RunTally,
) -> None:
    """One (ficha, day): its delta, the analysis, the exactly-once append."""
    delta = store.load_delta(ficha_id, day, everything=reanalysis)
    if delta.is_empty:
        tally.skipped_empty += 1
        context.log.debug(f"Skipping analysis - no new data for {slug} on {day}")
        return
    try:
        payload = runner(delta)
    except (LlmUnavailableError, LlmBudgetExceededError) as error:
        context.log.error(f"Analyzer {runner.annotator.name} failed for {slug} {day}: {error}")
        raise dg.Failure(f"{slug} {day}: {error}") from None
    except Exception as error:
        context.log.error(f"Analyzer {runner.annotator.name} failed for {slug} {day}: {error}")
        raise
    started = time.perf_counter()
    outcome = store.append_insight(
        delta, context.run.run_id, runner, payload=payload, reanalysis=reanalysis
    )
    tally.append_seconds += time.perf_counter() - started
    tally.posts += outcome.posts_analyzed
    tally.comments += outcome.comments_analyzed
    if outcome.insight_id is None:
        context.log.info(f"{slug} {day}: another run already covered these items")
        return
    context.log.info(
        f"Analysis complete. Saved to database with ID {outcome.insight_id} "
        f"({slug} {day}: {outcome.posts_analyzed} posts, {outcome.comments_analyzed} comments)"
    )
    tally.appended.append(
        {
            "id": outcome.insight_id,
            "client": slug,
            "date": day.isoformat(),
            "posts": outcome.posts_analyzed,
            "comments": outcome.comments_analyzed,
            "superseded": outcome.superseded_rows,
        }
    )
