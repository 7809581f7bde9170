"""The bundle of ten results: JSON round trips, stored columns, platform filter, empty input."""

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pixely_api.insights import InsightResults, PostMetrics, merge_rows, summarize
from pixely_api.insights.bundle import ModuleResults
from pixely_api.insights.labels import PLATFORMS, Platform
from pixely_dagster.analysis.annotation import Annotation
from pixely_dagster.analysis.modules import MODULES, analyze_partition
from tests.analysis.factories import (
    NEW_POST,
    POSTS,
    Draft,
    batch,
    daily_batches,
    drafts,
    whole_batch,
)
from tests.insights.equivalence import assert_same_result

PROPERTY = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ALL_FIELDS = [f"q{i}" for i in range(1, 11)]


def _metrics() -> list[PostMetrics]:
    when = datetime(2025, 1, 6, 9, tzinfo=UTC)
    return [
        PostMetrics(post_url=url, platform=p, created_at=when, likes=5, shares=1, views=100)
        for url, p in (*POSTS, NEW_POST)
    ]


@PROPERTY
@given(items=drafts(days=2))
def test_every_result_survives_a_json_round_trip(items: list[Draft]) -> None:
    rows = [analyze_partition(b) for b in daily_batches(items, 2)]
    for bundle in (rows[0], summarize(rows, _metrics()), summarize(rows, _metrics(), "facebook")):
        for name in ALL_FIELDS:
            result = getattr(bundle, name)
            assert type(result).model_validate(result.model_dump(mode="json")) == result
        assert InsightResults.model_validate_json(bundle.model_dump_json()) == bundle


@PROPERTY
@given(items=drafts(days=2))
def test_stored_columns_hold_only_what_merges(items: list[Draft]) -> None:
    row = analyze_partition(daily_batches(items, 2)[0])
    columns = row.to_columns()
    assert set(columns) == {f"q{i}_result" for i in range(1, 11)}
    assert "resumen" not in columns["q1_result"] and "num_comentarios" not in columns["q1_result"]
    assert "engagement" not in columns["q8_result"]
    assert InsightResults.from_columns(columns) == row
    window = summarize([row], _metrics())
    assert "engagement" not in window.to_columns()["q8_result"]


@PROPERTY
@given(items=drafts(days=1), platform=st.sampled_from(PLATFORMS))
def test_platform_filter_equals_analysing_that_platform_alone(
    items: list[Draft], platform: Platform
) -> None:
    """Restricting a result keeps exactly what that platform's comments alone produce
    (Q9 compares platforms, and Q10 reads Q9, so they are checked elsewhere)."""
    full = analyze_partition(batch(items, new_posts=[NEW_POST]))
    alone = analyze_partition(
        batch(
            [d for d in items if POSTS[d.post][1] == platform],
            new_posts=[NEW_POST] if NEW_POST[1] == platform else [],
        )
    )
    for name in MODULES:
        if name in ("q9_recomendaciones", "q10_resumen_ejecutivo"):
            continue
        field = MODULES[name].spec.key
        assert_same_result(getattr(full, field).restrict(platform), getattr(alone, field))


@PROPERTY
@given(items=drafts(days=2), platform=st.sampled_from(PLATFORMS))
def test_summary_for_one_platform_shows_only_that_platform(
    items: list[Draft], platform: Platform
) -> None:
    window = summarize(
        [analyze_partition(b) for b in daily_batches(items, 2)], _metrics(), platform
    )
    for name in ALL_FIELDS:
        assert all(p.platform == platform for p in getattr(window, name).publicaciones)
    assert window.q10.num_comentarios == sum(1 for d in items if POSTS[d.post][1] == platform)
    assert all(p.platform == platform for p in window.q8.engagement.publicaciones)


@pytest.mark.parametrize("field", list(ModuleResults.mergeable()))
def test_merging_no_rows_gives_a_valid_empty_result(field: str) -> None:
    empty = ModuleResults.mergeable()[field].merge([])
    assert empty == ModuleResults.mergeable()[field]()
    assert empty.num_comentarios == 0 and empty.publicaciones == []
    assert type(empty).model_validate(empty.model_dump(mode="json")) == empty


def test_empty_window_summary_is_valid() -> None:
    window = summarize([], [])
    assert window == merge_rows([]).with_engagement([])
    assert window.q8.engagement.general.num_posts == 0
    assert window.q10.num_comentarios == 0
    assert InsightResults.model_validate(window.model_dump(mode="json")) == window


def test_merged_rows_match_one_partition_of_the_same_comments() -> None:
    """Q1–Q8 of the same comments, analysed as two days or as one, and Q10's counts."""
    items = [
        Draft(0, 0, "ana", "Me encanta", Annotation(sentiment="positive", polarity=1.0)),
        Draft(1, 0, "luis", "Tardó mucho", Annotation(sentiment="negative", polarity=-0.5)),
        Draft(1, 2, "marta", "Ok", Annotation()),
    ]
    merged = merge_rows(analyze_partition(b) for b in daily_batches(items, 2))
    whole = analyze_partition(whole_batch(items))
    for field in ALL_FIELDS[:8]:
        assert_same_result(getattr(merged, field), getattr(whole, field))
    assert merged.q10.num_comentarios == 3 and merged.q10.num_publicaciones == 3
