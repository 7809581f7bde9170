"""Pipeline metrics from a real database and a real Dagster instance: the text file the
sensor writes, and the ``pipeline_health`` asset's metadata."""

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import dagster as dg
import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import Engine

from pixely_api.clock import utcnow
from pixely_dagster.defs.metrics import pipeline_health, pipeline_metrics_sensor
from pixely_dagster.defs.partitions import range_tags
from pixely_dagster.defs.resources import AnalyzerResource, SourceResource, WarehouseResource
from pixely_dagster.pipeline_metrics import (
    RunOutcome,
    read_pipeline_health,
    render_metrics,
)
from pixely_dagster.scheduling import check_source
from tests.pipeline.conftest import D3, D5, Pipeline, pipeline_assets, standard_dataset

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def parse(text: str) -> Samples:
    """Every sample of a Prometheus text file, keyed by name and sorted labels."""
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


@pytest.fixture
def instance() -> Iterator[dg.DagsterInstance]:
    with dg.instance_for_test() as instance:
        yield instance


@pytest.fixture
def metrics_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "textfile" / "pixely.prom"
    monkeypatch.setenv("PIXELY_METRICS_FILE", str(path))
    return path


@pytest.fixture
def busy_day(
    instance: dg.DagsterInstance, engine: Engine, database_url: str, tmp_path: Path
) -> Pipeline:
    """``acme`` checked by the schedule's logic, snapshotted and analysed; ``bravo``
    snapshotted, then its analysis run fails because its analyzer cannot be built;
    ``charlie`` created and never looked at."""
    pipeline = Pipeline(instance=instance, engine=engine, database_url=database_url, root=tmp_path)
    for slug in ("acme", "bravo"):
        pipeline.create_ficha(slug, standard_dataset())
        assert pipeline.snapshot(slug).success
    pipeline.create_ficha("charlie", standard_dataset())
    check_source(pipeline.warehouse, SourceResource(), pipeline.ficha("acme"), utcnow())
    assert pipeline.analyse("acme", D3, D5).success
    broken = dg.materialize(
        pipeline_assets(),
        selection=dg.AssetSelection.groups("analysis"),
        instance=instance,
        tags=range_tags("bravo", D3, D5),
        resources={**pipeline.resources, "analyzer": AnalyzerResource(analyzer="no-such")},
        raise_on_error=False,
    )
    assert not broken.success
    return pipeline


def test_sensor_writes_the_health_figures(
    busy_day: Pipeline, database_url: str, metrics_file: Path
) -> None:
    started = utcnow()
    with dg.build_sensor_context(
        instance=busy_day.instance,
        resources={"warehouse": WarehouseResource(database_url=database_url)},
    ) as context:
        outcome = pipeline_metrics_sensor(context)

    assert isinstance(outcome, dg.SkipReason)
    assert f"metrics written to {metrics_file}" in (outcome.skip_message or "")
    samples = parse(metrics_file.read_text(encoding="utf-8"))
    audience = len(standard_dataset().audience)
    posts = len(standard_dataset().posts)
    assert samples[("pixely_items_analysed_today", (("ficha", "acme"), ("kind", "comment")))] == (
        audience
    )
    assert samples[("pixely_items_analysed_today", (("ficha", "acme"), ("kind", "post")))] == posts
    assert samples[("pixely_items_analysed_today", (("ficha", "bravo"), ("kind", "comment")))] == 0
    assert samples[("pixely_analyzer_errors_24h", ())] == 1
    assert samples[("pixely_ficha_analyzer_errors_24h", (("ficha", "bravo"),))] == 1
    assert samples[("pixely_ficha_analyzer_errors_24h", (("ficha", "acme"),))] == 0
    last_analysis = samples[
        ("pixely_ficha_last_successful_analysis_timestamp_seconds", (("ficha", "acme"),))
    ]
    assert started.timestamp() - 600 < last_analysis <= utcnow().timestamp()
    never = ("pixely_ficha_last_successful_analysis_timestamp_seconds", (("ficha", "bravo"),))
    assert samples[never] == 0
    assert samples[("pixely_ficha_last_checked_timestamp_seconds", (("ficha", "acme"),))] > 0
    assert samples[("pixely_ficha_last_checked_timestamp_seconds", (("ficha", "bravo"),))] > 0
    assert samples[("pixely_ficha_last_checked_timestamp_seconds", (("ficha", "charlie"),))] == 0
    assert samples[("pixely_sources_checked_24h", ())] == 2
    assert samples[("pixely_fichas_active", ())] == 3
    finished = {
        dict(labels)["status"]: value
        for (name, labels), value in samples.items()
        if name == "pixely_runs_finished_24h"
    }
    assert finished == {"success": 3, "failure": 1}
    durations = [
        v for (name, _), v in samples.items() if name == "pixely_run_last_duration_seconds"
    ]
    assert durations and all(d > 0 for d in durations)


def test_pipeline_health_asset_shows_the_figures_in_the_ui(
    busy_day: Pipeline, database_url: str, metrics_file: Path
) -> None:
    result = dg.materialize(
        [pipeline_health],
        instance=busy_day.instance,
        resources={"warehouse": WarehouseResource(database_url=database_url)},
    )

    assert result.success
    (event,) = result.get_asset_materialization_events()
    metadata = {
        k: v.value for k, v in event.step_materialization_data.materialization.metadata.items()
    }
    dataset = standard_dataset()
    assert metadata["items_analysed_today"] == len(dataset.audience) + len(dataset.posts)
    assert metadata["analyzer_errors_24h"] == 1
    assert metadata["sources_checked_24h"] == 2
    assert metadata["fichas_active"] == 3
    assert "| acme |" in str(metadata["fichas"]) and "| bravo |" in str(metadata["fichas"])
    assert metrics_file.exists()
    stored = busy_day.instance.get_latest_materialization_event(dg.AssetKey("pipeline_health"))
    assert stored is not None and stored.run_id == result.run_id


def test_runs_older_than_a_day_and_other_zones_midnight(engine: Engine) -> None:
    """Runs that ended over 24 hours ago do not count; "today" starts at midnight in the
    configured zone, so the same instant is yesterday in Lima and today in Tokyo."""
    now = datetime.fromisoformat("2025-03-06T04:30:00+00:00")
    old = RunOutcome(
        "analysis_job", "failure", now - timedelta(hours=26), now - timedelta(hours=25), "x", True
    )
    fresh = RunOutcome(
        "analysis_job", "failure", now - timedelta(hours=2), now - timedelta(hours=1), "x", True
    )

    lima = read_pipeline_health(engine, [old, fresh], now, "America/Lima")
    tokyo = read_pipeline_health(engine, [], now, "Asia/Tokyo")

    assert lima.analyzer_errors == 1
    assert lima.today_starts_at.isoformat() == "2025-03-05T00:00:00-05:00"
    assert tokyo.today_starts_at.isoformat() == "2025-03-06T00:00:00+09:00"
    samples = parse(render_metrics(lima))
    assert (
        samples[("pixely_runs_finished_24h", (("job", "analysis_job"), ("status", "failure")))] == 1
    )
    assert samples[("pixely_run_last_duration_seconds", (("job", "analysis_job"),))] == 3600
