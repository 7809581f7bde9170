"""The schedule, the sensors and ``pixely run-daily`` (DESIGN.md §4 "Automation"),
evaluated against a real instance and database with ``build_schedule_context`` /
``build_sensor_context`` and ``evaluate_tick``."""

import hashlib
import re
from dataclasses import replace
from datetime import date
from zoneinfo import ZoneInfo

import dagster as dg
from click.testing import CliRunner
from dagster._core.definitions.schedule_definition import ScheduleExecutionData
from dagster._core.definitions.sensor_definition import SensorExecutionData
from dagster._core.remote_origin import (
    InProcessCodeLocationOrigin,
    RemoteJobOrigin,
    RemoteRepositoryOrigin,
)
from dagster._core.types.loadable_target_origin import LoadableTargetOrigin
from sqlalchemy import update
from sqlalchemy.orm import Session

from pixely_api import admin
from pixely_api.models import Comment, FichaCliente, Post, SocialMediaInsight
from pixely_api.settings import get_settings
from pixely_dagster.cli.main import cli
from pixely_dagster.defs.automation import (
    clients_sensor,
    daily_source_check,
    unanalysed_partitions_sensor,
)
from pixely_dagster.defs.partitions import (
    RANGE_END_TAG,
    RANGE_START_TAG,
    client_day_key,
    range_tags,
)
from tests.pipeline.conftest import D3, D4, D5, IG, Pipeline, standard_dataset
from tests.support.workbooks import CommentRow

D7 = date(2025, 3, 7)
UNCHANGED = r"{slug}: source unchanged since \d{{4}}-\d\d-\d\d \d\d:\d\d"


def _counts(pipeline: Pipeline, slug: str) -> tuple[int, int, int]:
    return (
        pipeline.count(Post, slug),
        pipeline.count(Comment, slug),
        pipeline.count(SocialMediaInsight, slug),
    )


def _analysed(pipeline: Pipeline, slug: str) -> None:
    pipeline.create_ficha(slug, standard_dataset())
    pipeline.snapshot(slug)
    pipeline.analyse(slug, D3, D5)


def _tick(pipeline: Pipeline, definitions: dg.Definitions) -> ScheduleExecutionData:
    """One evaluation of the schedule (the context opens and closes the resources)."""
    with dg.build_schedule_context(
        instance=pipeline.instance,
        resources=pipeline.resources,
        repository_def=definitions.get_repository_def(),
    ) as context:
        return daily_source_check.evaluate_tick(context)


def test_schedule_reads_fingerprints_only_and_requests_changed_sources(
    pipeline: Pipeline, definitions: dg.Definitions
) -> None:
    _analysed(pipeline, "changed")
    _analysed(pipeline, "still")
    # "changed": a new comment in the sheet, so its file's SHA-256 moves.
    dataset = pipeline.datasets["changed"]
    late = CommentRow(IG, "Vuelvo a comprar, excelente", "tomas", "2025-03-05T10:00:00")
    pipeline.write_source("changed", replace(dataset, comments=[*dataset.comments, late]))
    # "still": its file becomes bytes no workbook reader can parse, and the stored
    # fingerprint is theirs. Unchanged and nothing pending, so a tick that read more than
    # the fingerprint would fail on it.
    garbage = b"not a workbook: only its fingerprint may be read"
    pipeline.workbook("still").write_bytes(garbage)
    with Session(pipeline.engine) as session, session.begin():
        session.execute(
            update(FichaCliente)
            .where(FichaCliente.slug == "still")
            .values(source_fingerprint=f"sha256:{hashlib.sha256(garbage).hexdigest()}")
        )
    before = {slug: pipeline.ficha(slug) for slug in ("changed", "still")}
    counts = {slug: _counts(pipeline, slug) for slug in ("changed", "still")}
    runs = pipeline.instance.get_runs_count()

    data = _tick(pipeline, definitions)
    assert data.skip_message is None
    assert [r.partition_key for r in data.run_requests] == ["changed"]
    assert data.run_requests[0].tags["pixely/reason"] == "changed: source changed"
    for slug in ("changed", "still"):
        ficha = pipeline.ficha(slug)
        assert ficha.last_checked_at is not None
        assert ficha.last_checked_at > before[slug].last_checked_at
        # The tick reads no sheet: no rows, no analysis, no fingerprint stored yet.
        assert ficha.source_fingerprint == before[slug].source_fingerprint
        assert ficha.source_fingerprint_at == before[slug].source_fingerprint_at
        assert _counts(pipeline, slug) == counts[slug]
    assert pipeline.instance.get_runs_count() == runs

    # The requested snapshot and its analysis run; then nothing changed anywhere.
    pipeline.snapshot("changed")
    pipeline.analyse("changed", D3, D5)
    checked = pipeline.ficha("still").last_checked_at
    data = _tick(pipeline, definitions)
    assert data.run_requests == []
    assert data.skip_message is not None
    for slug in ("changed", "still"):
        assert re.search(UNCHANGED.format(slug=slug), data.skip_message), data.skip_message
    # "since" is when the stored fingerprint was first seen, in the schedule's timezone
    # (PIXELY_TIMEZONE), not in whatever zone the server's clock is set to.
    since = pipeline.ficha("still").source_fingerprint_at
    assert since is not None
    shown = since.astimezone(ZoneInfo(get_settings().timezone)).strftime("%Y-%m-%d %H:%M")
    assert f"still: source unchanged since {shown}" in data.skip_message, data.skip_message
    assert pipeline.ficha("still").last_checked_at > checked
    assert _counts(pipeline, "still") == counts["still"]


def _sensor_tick(
    sensor: dg.SensorDefinition,
    pipeline: Pipeline,
    definitions: dg.Definitions,
    cursor: str | None = None,
) -> SensorExecutionData:
    """One evaluation of ``sensor`` (the context opens and closes the resources)."""
    with dg.build_sensor_context(
        instance=pipeline.instance,
        instance_ref=pipeline.instance.get_ref(),
        definitions=definitions,
        resources=pipeline.resources,
        cursor=cursor,
    ) as context:
        return sensor.evaluate_tick(context)


def test_unanalysed_partitions_sensor_asks_one_range_run_per_ficha(
    pipeline: Pipeline, definitions: dg.Definitions
) -> None:
    _analysed(pipeline, "quiet")  # snapshot and analysis done: nothing pending
    dataset = standard_dataset()
    late = CommentRow(IG, "Llegó perfecto, gracias", "ursula", "2025-03-07T09:00:00")
    pipeline.create_ficha("busy", replace(dataset, comments=[*dataset.comments, late]))
    pipeline.snapshot("busy")
    pending = pipeline.warehouse.pending_dates(pipeline.ficha("busy").id)
    assert pending == [D3, D4, D5, D7]

    first = _sensor_tick(unanalysed_partitions_sensor, pipeline, definitions)
    assert len(first.run_requests) == 1
    request = first.run_requests[0]
    assert request.tags[RANGE_START_TAG] == client_day_key("busy", D3)
    assert request.tags[RANGE_END_TAG] == client_day_key("busy", D7)
    assert request.partition_key is None
    assert first.cursor is not None

    second = _sensor_tick(unanalysed_partitions_sensor, pipeline, definitions, first.cursor)
    assert second.run_requests == []
    assert second.skip_message == "no new sheet_posts materializations"
    assert second.cursor == first.cursor

    pipeline.snapshot("quiet")  # a new read of a ficha with nothing new
    third = _sensor_tick(unanalysed_partitions_sensor, pipeline, definitions, first.cursor)
    assert third.run_requests == []
    assert third.skip_message == "quiet: no unanalysed items"
    assert third.cursor is not None and int(third.cursor) > int(first.cursor)


def _origin(job_name: str) -> RemoteJobOrigin:
    """Where a queued run's job lives (the run queue refuses a run without one)."""
    location = InProcessCodeLocationOrigin(
        loadable_target_origin=LoadableTargetOrigin(module_name="pixely_dagster.definitions"),
        location_name="pixely_dagster",
    )
    return RemoteJobOrigin(
        repository_origin=RemoteRepositoryOrigin(location, "__repository__"), job_name=job_name
    )


def test_clients_sensor_keeps_the_client_keys_in_step_with_the_fichas(
    pipeline: Pipeline, definitions: dg.Definitions
) -> None:
    dataset = standard_dataset()
    pipeline.create_ficha("known", dataset)  # registered: nothing to do for it
    pipeline.create_ficha("fresh", dataset, register=False)
    pipeline.create_ficha("paused", dataset, register=False)
    for slug in ("gone", "queued", "running"):
        pipeline.create_ficha(slug, dataset)
    with Session(pipeline.engine) as session, session.begin():
        admin.deactivate_ficha(session, "paused")
        for slug in ("gone", "queued", "running"):
            session.delete(admin.get_ficha(session, slug))
    # Runs that still use two of the deleted fichas' keys: a queued analysis range and
    # a snapshot in progress.
    queued = pipeline.instance.add_run(
        dg.DagsterRun(
            job_name="analysis_job",
            status=dg.DagsterRunStatus.QUEUED,
            tags=range_tags("queued", D3, D5),
            remote_job_origin=_origin("analysis_job"),
        )
    )
    running = pipeline.instance.add_run(
        dg.DagsterRun(
            job_name="sheet_posts_job",
            status=dg.DagsterRunStatus.STARTED,
            tags={"dagster/partition": "running"},
        )
    )

    data = _sensor_tick(clients_sensor, pipeline, definitions)
    requests = {type(r).__name__: r for r in data.dynamic_partitions_requests}
    assert set(requests) == {"AddDynamicPartitionsRequest", "DeleteDynamicPartitionsRequest"}
    assert list(requests["AddDynamicPartitionsRequest"].partition_keys) == ["fresh"]
    assert list(requests["DeleteDynamicPartitionsRequest"].partition_keys) == ["gone"]
    assert [r.partition_key for r in data.run_requests] == ["fresh"]

    # What the daemon does with the tick's result; then both runs end.
    pipeline.instance.add_dynamic_partitions("clients", ["fresh"])
    pipeline.instance.delete_dynamic_partition("clients", "gone")
    pipeline.instance.report_run_canceled(queued)
    pipeline.instance.report_run_failed(running)

    data = _sensor_tick(clients_sensor, pipeline, definitions)
    assert [type(r).__name__ for r in data.dynamic_partitions_requests] == [
        "DeleteDynamicPartitionsRequest"
    ]
    assert sorted(data.dynamic_partitions_requests[0].partition_keys) == ["queued", "running"]
    assert data.run_requests == []

    for slug in ("queued", "running"):
        pipeline.instance.delete_dynamic_partition("clients", slug)
    data = _sensor_tick(clients_sensor, pipeline, definitions)
    assert data.run_requests == [] and not data.dynamic_partitions_requests
    assert data.skip_message is not None
    assert sorted(pipeline.instance.get_dynamic_partitions("clients")) == ["fresh", "known"]


def test_run_daily_prints_a_summary_per_ficha(pipeline: Pipeline) -> None:
    pipeline.create_ficha("acme", standard_dataset(), register=False)
    runner = CliRunner()

    first = runner.invoke(cli, ["run-daily"])
    assert first.exit_code == 0, first.output
    [line] = first.output.splitlines()
    assert line.startswith("acme: analysed - 3 posts and 18 comments"), line
    assert line.endswith(f"3 day(s) with new items ({D3} … {D5})"), line
    assert pipeline.instance.get_dynamic_partitions("clients") == ["acme"]
    assert len(pipeline.rows("acme")) == 3
    pipeline.assert_exactly_once("acme")
    runs = pipeline.instance.get_runs_count()
    assert runs == 2  # one snapshot, one analysis range

    second = runner.invoke(cli, ["run-daily"])
    assert second.exit_code == 0, second.output
    # The slug may or may not be repeated inside the reason.
    skipped = r"acme: skipped - (acme: )?source unchanged since \d{4}-\d\d-\d\d \d\d:\d\d"
    assert re.fullmatch(skipped, second.output.strip()), second.output
    assert pipeline.instance.get_runs_count() == runs
    assert [r.partition_date for r in pipeline.rows("acme")] == [D3, D4, D5]
