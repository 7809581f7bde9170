"""The graph end to end on the real assets: partition mapping, the delta, late rows and
re-analysis (docs/architecture.md). Each test runs on SQLite and PostgreSQL."""

import json
from dataclasses import replace

from pixely_api.models import Comment, Post
from tests.pipeline.conftest import (
    D3,
    D4,
    D5,
    IG,
    INSIGHTS,
    Dataset,
    Pipeline,
    insights_metadata,
    standard_dataset,
)
from tests.support.workbooks import CommentRow, PostRow


def test_comments_land_on_their_day_in_the_fichas_timezone(pipeline: Pipeline) -> None:
    """23:30 in Lima on the 3rd is the 4th in UTC, yet it belongs to the 3rd; 00:30 in
    Lima on the 4th belongs to the 4th."""
    late_evening_naive = CommentRow(IG, "Perfecto para la noche", "ana", "2025-03-03T23:30:00")
    late_evening_utc = CommentRow(IG, "Buenísimo, lo recomiendo", "beto", "2025-03-04T04:30:00Z")
    after_midnight = CommentRow(IG, "Ya es otro día y sigo feliz", "carla", "2025-03-04T00:30:00")
    dataset = Dataset(
        posts=[PostRow(IG, "instagram", "2025-03-03T12:00:00", "Noche de café", 10, 3, 0)],
        comments=[late_evening_naive, late_evening_utc, after_midnight],
    )
    pipeline.create_ficha("lima", dataset)
    pipeline.snapshot("lima")
    pipeline.analyse("lima", D3, D4)

    rows = {r.partition_date: r for r in pipeline.rows("lima")}
    assert set(rows) == {D3, D4}
    assert (rows[D3].posts_analyzed, rows[D3].comments_analyzed) == (1, 2)
    assert (rows[D4].posts_analyzed, rows[D4].comments_analyzed) == (0, 1)
    ledger_days = {i.item_key: i.partition_date for i in pipeline.ledger("lima")}
    assert ledger_days[dataset.key_of(late_evening_naive)] == D3
    assert ledger_days[dataset.key_of(late_evening_utc)] == D3
    assert ledger_days[dataset.key_of(after_midnight)] == D4
    assert pipeline.analysed_partitions() == pipeline.keys("lima", [D3, D4])


def test_first_run_analyses_every_item_once_and_a_rerun_costs_nothing(
    pipeline: Pipeline,
) -> None:
    dataset = standard_dataset()
    assert len(dataset.comments) == 20 and len(dataset.brand_replies) == 2
    pipeline.create_ficha("acme", dataset)
    snapshot = pipeline.snapshot("acme")
    assert snapshot.success
    assert pipeline.count(Comment, "acme") == 20  # brand replies are stored...
    assert pipeline.count(Post, "acme") == 3

    first = pipeline.analyse("acme", D3, D5)
    metadata = insights_metadata(first)
    assert metadata["comments_analyzed"] == 18  # ...but never analysed
    assert metadata["posts_analyzed"] == 3
    assert metadata["rows_appended"] == 3
    assert metadata["analyzer_calls"] == 3  # one annotation pass per partition
    rows = pipeline.rows("acme")
    assert [r.partition_date for r in rows] == [D3, D4, D5]
    for row in rows:
        assert row.comments_analyzed == len(dataset.audience_on(row.partition_date))
        assert row.posts_analyzed == len(dataset.posts_on(row.partition_date))
        assert row.run_id == first.run_id
        assert row.analyzer == "offline" and row.analysis_version.startswith("offline/")
        assert row.q1_result and row.q10_result
        stored = json.dumps([getattr(row, f"q{n}_result") for n in range(1, 11)])
        for reply in dataset.brand_replies:  # no brand reply reaches a module
            assert json.dumps(reply.comment_text)[1:-1] not in stored
    pipeline.assert_exactly_once("acme")
    assert pipeline.warehouse.pending_dates(pipeline.ficha("acme").id) == []

    again = pipeline.analyse("acme", D3, D5)
    metadata = insights_metadata(again)
    assert metadata["analyzer_calls"] == 0
    assert metadata["comments_annotated"] == 0
    assert metadata["rows_appended"] == 0
    assert metadata["partitions_skipped_empty"] == 3
    recorded = pipeline.instance.get_latest_materialization_event(INSIGHTS)
    assert recorded is not None and recorded.run_id == again.run_id
    assert recorded.asset_materialization.metadata["analyzer_calls"].value == 0
    assert len(pipeline.rows("acme")) == 3
    pipeline.assert_exactly_once("acme")
    assert pipeline.analysed_partitions() == pipeline.keys("acme", [D3, D4, D5])


def test_a_late_comment_on_an_old_day_is_analysed_alone(pipeline: Pipeline) -> None:
    dataset = standard_dataset()
    pipeline.create_ficha("acme", dataset)
    pipeline.snapshot("acme")
    pipeline.analyse("acme", D3, D5)
    ficha_id = pipeline.ficha("acme").id
    assert pipeline.warehouse.pending_dates(ficha_id) == []

    late = CommentRow(IG, "Me enteré tarde, ¿aún hay stock?", "sara", "2025-03-03T16:00:00")
    later = replace(dataset, comments=[*dataset.comments, late])
    pipeline.write_source("acme", later)
    pipeline.snapshot("acme")
    assert pipeline.warehouse.pending_dates(ficha_id) == [D3]

    result = pipeline.analyse("acme", D3, D5)
    metadata = insights_metadata(result)
    assert metadata["analyzer_calls"] == 1
    assert metadata["comments_annotated"] == 1
    new_rows = [r for r in pipeline.rows("acme") if r.run_id == result.run_id]
    assert len(new_rows) == 1
    assert new_rows[0].partition_date == D3
    assert (new_rows[0].comments_analyzed, new_rows[0].posts_analyzed) == (1, 0)
    pipeline.assert_exactly_once("acme")


def test_reanalysis_supersedes_earlier_rows_and_deletes_none(pipeline: Pipeline) -> None:
    dataset = standard_dataset()
    pipeline.create_ficha("acme", dataset)
    pipeline.snapshot("acme")
    first = pipeline.analyse("acme", D3, D5)
    before = {r.id: r for r in pipeline.rows("acme")}
    assert len(before) == 3

    again = pipeline.analyse("acme", D4, D5, reanalyze=True)
    metadata = insights_metadata(again)
    assert metadata["reanalysis"] is True
    assert metadata["comments_analyzed"] == len(dataset.audience_on(D4)) + len(
        dataset.audience_on(D5)
    )

    rows = pipeline.rows("acme")
    assert len(rows) == 5
    assert {r.id for r in rows} >= set(before)  # nothing deleted
    for row in rows:
        if row.run_id == first.run_id and row.partition_date in (D4, D5):
            assert row.superseded_by_run == again.run_id
            assert row.superseded_at is not None
            old = before[row.id]
            assert (row.comments_analyzed, row.q1_result) == (old.comments_analyzed, old.q1_result)
        elif row.run_id == first.run_id:
            assert row.partition_date == D3 and row.superseded_by_run is None
        else:
            assert row.run_id == again.run_id and row.is_reanalysis
            assert row.superseded_by_run is None
            assert row.comments_analyzed == len(dataset.audience_on(row.partition_date))
            assert row.posts_analyzed == len(dataset.posts_on(row.partition_date))
    assert sorted(r.partition_date for r in pipeline.current_rows("acme")) == [D3, D4, D5]
    pipeline.assert_exactly_once("acme")
    ledger = {i.item_key: i for i in pipeline.ledger("acme")}
    new_ids = {r.id for r in rows if r.run_id == again.run_id}
    for comment in dataset.audience_on(D5):
        assert ledger[dataset.key_of(comment)].insight_id in new_ids

    # A plain run after the re-analysis finds nothing left to do.
    assert insights_metadata(pipeline.analyse("acme", D3, D5))["analyzer_calls"] == 0
    assert len(pipeline.rows("acme")) == 5
