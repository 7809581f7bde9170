"""Q8 engagement: computed at read time from the posts' latest metrics, never stored."""

from datetime import UTC, datetime

import pytest

from pixely_api.insights import InsightResults, PostMetrics, engagement, summarize
from pixely_dagster.analysis.annotation import Annotation
from pixely_dagster.analysis.modules import analyze_partition
from tests.analysis.factories import POSTS, Draft, batch

MONDAY = datetime(2025, 1, 6, 9, tzinfo=UTC)
NEXT_MONDAY = datetime(2025, 1, 13, 9, tzinfo=UTC)


def _post(url: str, when: datetime = MONDAY, **metrics: int | None) -> PostMetrics:
    return PostMetrics(post_url=url, platform="instagram", created_at=when, **metrics)


def test_rate_is_interactions_over_views() -> None:
    result = engagement([_post("a", likes=40, comments_count=8, shares=2, views=1000)])
    assert (result.tipo, result.valor) == ("tasa", pytest.approx(0.05))
    assert (result.interacciones, result.vistas, result.num_posts) == (50, 1000, 1)


@pytest.mark.parametrize("views", [None, 0])
def test_without_views_it_is_interactions_per_post(views: int | None) -> None:
    posts = [
        _post("a", likes=10, comments_count=5, shares=5, views=views),
        _post("b", likes=30, views=views),
    ]
    result = engagement(posts)
    assert (result.tipo, result.valor, result.vistas) == ("interacciones_por_post", 25.0, 0)


def test_rate_uses_only_the_posts_that_have_views() -> None:
    posts = [_post("a", likes=90, shares=10, views=1000), _post("b", likes=500)]
    result = engagement(posts)
    assert (result.tipo, result.valor) == ("tasa", pytest.approx(0.1))
    assert result.interacciones == 600 and result.num_posts == 2


def test_no_posts_is_zero_not_an_error() -> None:
    assert engagement([]).valor == 0.0


def test_engagement_follows_the_latest_metrics_of_the_same_rows() -> None:
    """The same stored row read on two days, with the likes it has on each day."""
    url = POSTS[0][0]
    row = analyze_partition(batch([Draft(0, 0, "ana", "Rico", Annotation(sentiment="positive"))]))
    stored = InsightResults.from_columns(row.to_columns())
    assert stored.q8.engagement is None
    early = summarize([stored], [_post(url, likes=10, views=1000)])
    later = summarize([stored], [_post(url, likes=80, views=1000)])
    assert early.q8.engagement.general.valor == pytest.approx(0.01)
    assert later.q8.engagement.general.valor == pytest.approx(0.08)
    assert stored.to_columns() == row.to_columns()


def test_weekly_engagement_groups_posts_by_publication_week() -> None:
    items = [Draft(0, 0, "ana", "hola", Annotation()), Draft(0, 1, "luis", "hola", Annotation())]
    row = analyze_partition(batch(items))
    metrics = [
        _post(POSTS[0][0], MONDAY, likes=10, views=100),
        _post(POSTS[1][0], NEXT_MONDAY, likes=30, views=100),
        _post("https://instagram.com/p/otra-ficha", MONDAY, likes=999, views=1),
    ]
    q8 = summarize([row], metrics).q8
    weekly = {w.semana: w.engagement.valor for w in q8.engagement.semanal}
    assert weekly == {"2025-W02": pytest.approx(0.1), "2025-W03": pytest.approx(0.3)}
    assert q8.engagement.general.num_posts == 2
    assert [p.post_url for p in q8.engagement.publicaciones] == [POSTS[0][0], POSTS[1][0]]
