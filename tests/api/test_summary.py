"""The window summary as served: the merge of the window's current rows (with Q8's
engagement from the posts' latest metrics), the previous window's KPIs and deltas, and
figures that the drill-down can account for. Superseded rows never count."""

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from pixely_api.app.main import create_app
from pixely_api.app.summaries import WARMED_PRESETS, SummaryWarmer, landing_window, preset_window
from pixely_api.insights.bundle import InsightResults, summarize
from pixely_api.insights.periods import HISTORY_START
from pixely_api.insights.view import results_view
from pixely_api.models import FichaCliente, Post, SocialMediaInsight
from pixely_api.queries import results_of
from pixely_dagster.analysis.day_analyzer import DayAnalyzer
from pixely_dagster.analysis.offline import OfflineAnnotator
from pixely_dagster.warehouse import Warehouse, brand_context
from tests.api.conftest import World, analyse_pending, api_settings, snapshot, viewer_email
from tests.insights.equivalence import assert_equivalent, dump
from tests.pipeline.conftest import D3, D4, D5, standard_dataset
from tests.support.workbooks import write_workbook


def _summary(world: World, tenant: str, **params: object) -> dict[str, Any]:
    answer = world.client.get(
        "/insights/summary",
        params={"ficha_cliente_id": world.fichas[tenant], **params},
        headers=world.headers(viewer_email(tenant)),
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def _merged_directly(world: World, ficha_id: int, first: date, last: date) -> InsightResults:
    """The window merged from rows read here, not through the API's read layer."""
    with Session(world.engine) as session:
        rows = session.scalars(
            select(SocialMediaInsight).where(
                SocialMediaInsight.ficha_id == ficha_id,
                SocialMediaInsight.superseded_by_run.is_(None),
                SocialMediaInsight.partition_date.between(first, last),
            )
        ).all()
        posts = [
            p.metrics() for p in session.scalars(select(Post).where(Post.ficha_id == ficha_id))
        ]
        return summarize([results_of(r) for r in rows], posts)


def test_the_summary_is_the_merge_of_the_windows_rows(world: World) -> None:
    body = _summary(world, "north", start_date=str(D3), end_date=str(D5))
    dataset = standard_dataset()
    assert body["rows"] == 3
    assert body["comments_analyzed"] == len(dataset.audience)
    assert body["posts_analyzed"] == len(dataset.posts)
    expected = _merged_directly(world, world.fichas["north"], D3, D5)
    assert_equivalent(body["results"], dump(results_view(expected)))
    default = _summary(world, "north")
    assert default["window"] == {"start_date": "2025-02-04", "end_date": str(D5), "platform": None}
    assert_equivalent(default["results"], body["results"])


def test_the_summary_counts_what_the_drill_down_lists(world: World) -> None:
    body = _summary(world, "north", start_date=str(D3), end_date=str(D5))
    counts = body["results"]["q7"]["general"]["sentimientos"]
    viewer = world.headers(viewer_email("north"))
    for sentiment, count in counts.items():
        listed = world.client.get(
            "/insights/comments",
            params={
                "ficha_cliente_id": world.fichas["north"],
                "sentiment": sentiment,
                "start_date": str(D3),
                "end_date": str(D5),
            },
            headers=viewer,
        ).json()
        assert listed["total"] == count, sentiment
        assert all(c["annotation"]["sentiment"] == sentiment for c in listed["items"])
    newest_first = world.client.get(
        "/insights/comments",
        params={"ficha_cliente_id": world.fichas["north"], "limit": 5},
        headers=viewer,
    ).json()
    times = [c["created_at"] for c in newest_first["items"]]
    assert times == sorted(times, reverse=True) and newest_first["total"] == 18
    texts = {c.comment_text for c in standard_dataset().audience}
    assert {c["text"] for c in newest_first["items"]} <= texts


def test_kpi_deltas_compare_with_the_previous_window_of_equal_length(world: World) -> None:
    body = _summary(world, "north", start_date=str(D5), end_date=str(D5))
    assert body["previous_window"]["start_date"] == str(D4)
    assert body["previous_window"]["end_date"] == str(D4)
    before = _summary(world, "north", start_date=str(D4), end_date=str(D4))
    assert body["previous_kpis"] == before["results"]["q10"]["kpis"]
    previous = {k["nombre"]: k["valor"] for k in before["results"]["q10"]["kpis"]}
    assert body["kpi_deltas"]
    for delta in body["kpi_deltas"]:
        anterior = previous.get(delta["nombre"])
        assert delta["anterior"] == anterior
        if delta["actual"] is not None and anterior is not None:
            assert abs(delta["delta"] - (delta["actual"] - anterior)) < 1e-6


def test_superseded_rows_never_count(world: World) -> None:
    ficha_id = world.fichas["north"]
    before = _summary(world, "north", start_date=str(D3), end_date=str(D5))
    with Session(world.engine, expire_on_commit=False) as session:
        ficha = session.get(FichaCliente, ficha_id)
    assert ficha is not None
    warehouse = Warehouse(world.engine)
    analyzer = DayAnalyzer(annotator=OfflineAnnotator(), context=brand_context(ficha))
    for day in (D3, D4):
        delta = warehouse.load_delta(ficha_id, day, everything=True)
        warehouse.append_insight(delta, "reanalysis-run", analyzer, reanalysis=True)

    after = _summary(world, "north", start_date=str(D3), end_date=str(D5))
    assert after["rows"] == 3
    assert after["comments_analyzed"] == before["comments_analyzed"]
    assert_equivalent(after["results"], before["results"])
    viewer = world.headers(viewer_email("north"))
    rows = world.client.get("/insights", params={"ficha_cliente_id": ficha_id}, headers=viewer)
    assert rows.json()["total"] == 3
    assert {r["run_id"] for r in rows.json()["items"]} == {"seed-run", "reanalysis-run"}
    comments = world.client.get(
        "/insights/comments", params={"ficha_cliente_id": ficha_id}, headers=viewer
    ).json()
    assert comments["total"] == 18


def test_a_new_comment_changes_the_cached_summary(world: World, tmp_path: Path) -> None:
    """The summary cache is keyed by what the window depends on: new rows show at once."""
    ficha_id = world.fichas["north"]
    before = _summary(world, "north", start_date=str(D3), end_date=str(D5))
    dataset = standard_dataset()
    dataset.comments.append(
        type(dataset.comments[0])(
            dataset.posts[0].post_url, "Horrible, llegó roto", "zoe", "2025-03-05T10:00:00"
        )
    )
    with Session(world.engine, expire_on_commit=False) as session:
        ficha = session.get(FichaCliente, ficha_id)
    assert ficha is not None and ficha.source_path is not None
    write_workbook(tmp_path / "north-cafe.xlsx", dataset.posts, dataset.comments)
    snapshot(world.engine, ficha)
    analyse_pending(world.engine, ficha, "second-run")
    after = _summary(world, "north", start_date=str(D3), end_date=str(D5))
    assert after["comments_analyzed"] == before["comments_analyzed"] + 1
    assert after["rows"] == 4


def test_the_drill_down_filters_select_what_they_name(world: World) -> None:
    viewer = world.headers(viewer_email("north"))
    ficha = world.fichas["north"]

    def listed(**params: object) -> dict[str, Any]:
        answer = world.client.get(
            "/insights/comments",
            params={"ficha_cliente_id": ficha, "limit": 500, **params},
            headers=viewer,
        )
        assert answer.status_code == 200, answer.text
        return answer.json()

    every = listed()["items"]
    on_tiktok = listed(post_url="https://www.tiktok.com/@acme/video/002")
    assert {c["author"] for c in on_tiktok["items"]} == {
        "fer",
        "gabi",
        "hugo",
        "ines",
        "juan",
        "kari",
    }
    assert listed(platform="tiktok")["total"] == 6
    assert listed(start_date=str(D4), end_date=str(D4))["total"] == 6
    topics = {t for c in every for t in c["annotation"]["topics"]}
    assert topics
    for topic in sorted(topics)[:3]:
        found = listed(topic=topic)
        expected = [c for c in every if topic in c["annotation"]["topics"]]
        assert found["total"] == len(expected) > 0
    emotions = {c["annotation"]["dominant_emotion"] for c in every} - {None}
    for emotion in emotions:
        found = listed(emotion=emotion)
        assert found["total"] == sum(c["annotation"]["dominant_emotion"] == emotion for c in every)
        assert all(c["annotation"]["dominant_emotion"] == emotion for c in found["items"])


def test_the_platform_filter_keeps_rows_that_covered_it(world: World) -> None:
    answer = world.client.get(
        "/insights",
        params={"ficha_cliente_id": world.fichas["north"], "platform": "tiktok"},
        headers=world.headers(viewer_email("north")),
    ).json()
    assert sorted(r["partition_date"] for r in answer["items"]) == [str(D4), str(D5)]
    for row in answer["items"]:
        posts = row["results"]["q7"]["publicaciones"]
        assert posts and {p["platform"] for p in posts} == {"tiktok"}


def test_the_summary_is_sent_compressed_without_the_merge_tables(world: World) -> None:
    params = {"ficha_cliente_id": world.fichas["north"], "start_date": str(D3)}
    viewer = world.headers(viewer_email("north"))
    zipped = world.client.get("/insights/summary", params=params, headers=viewer)
    plain = world.client.get(
        "/insights/summary", params=params, headers={**viewer, "Accept-Encoding": "identity"}
    )
    assert zipped.headers["content-encoding"] == "gzip"
    assert "content-encoding" not in plain.headers
    assert zipped.json() == plain.json()
    assert int(zipped.headers["content-length"]) < len(plain.content) / 3
    results = plain.json()["results"]
    assert results["q5"]["voces_clave"] and results["q3"]["temas_principales"]
    assert "autores" not in results["q5"] and "aspectos" not in results["q6"]
    assert "publicaciones" in results["q1"] and "publicaciones" not in results["q3"]
    assert "_por_plataforma" not in plain.text


def test_a_kept_summary_state_is_still_only_its_tenants(world: World) -> None:
    """With reads kept for an hour, the owner's cached window is still a 404 for another
    tenant's viewer (the kept state is per scope), and the owner sees it again."""
    with TestClient(create_app(api_settings(api_recheck_seconds=3600))) as client:
        params = {"ficha_cliente_id": world.fichas["north"], "start_date": str(D3)}

        def status(tenant: str) -> int:
            bearer = {"Authorization": f"Bearer {world.token(viewer_email(tenant))}"}
            return client.get("/insights/summary", params=params, headers=bearer).status_code

        assert [status("north"), status("south"), status("north")] == [200, 404, 200]


def test_the_landing_view_and_the_whole_history_are_built_before_anyone_asks(
    world: World,
) -> None:
    """The warmer builds each active ficha's landing view and whole history once, again
    only when its data changes, and the dashboard's first asks are then cache hits."""
    state = world.client.app.state.pixely  # type: ignore[attr-defined]
    warmer = SummaryWarmer(state.sessions, state.summaries, seconds=0)
    assert warmer.warm() == 2 * len(world.fichas)
    assert warmer.warm() == 0
    with Session(world.engine) as session:
        ficha = session.get(FichaCliente, world.fichas["north"])
        assert ficha is not None
        windows = [preset_window(p, ficha.timezone, datetime.now(UTC)) for p in WARMED_PRESETS]
    assert windows[0] == landing_window(ficha.timezone, datetime.now(UTC))
    assert windows[1].start_date == HISTORY_START
    for window in windows:
        hits = state.summaries.hits
        params = {
            "ficha_cliente_id": world.fichas["north"],
            "start_date": str(window.start_date),
            "end_date": str(window.end_date),
        }
        answer = world.client.get(
            "/insights/summary", params=params, headers=world.headers(viewer_email("north"))
        )
        assert answer.status_code == 200
        assert state.summaries.hits == hits + 1
