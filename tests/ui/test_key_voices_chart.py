"""The key voices chart draws a measure that has values: centrality when commenters
mention or answer each other, authority when nobody does (every centrality is then 0)."""

from datetime import timedelta

from pixely_api.insights import summarize
from pixely_api.insights.view import results_view
from pixely_api.schemas import Window, WindowSummary
from pixely_dagster.analysis.modules import analyze_partition
from pixely_ui.sections import VIEWS
from pixely_ui.sections.q5_influenciadores import linked
from tests.analysis.factories import MONDAY, batch, said


def _summary(*comments: tuple[str, str, tuple[str, ...]]) -> WindowSummary:
    drafts = [
        said(author, text, sentiment="positive", stance=0.8, mentions=mentions)
        for author, text, mentions in comments
    ]
    results = summarize([analyze_partition(batch(drafts))], [])
    window = Window(start_date=MONDAY, end_date=MONDAY)
    before = Window(start_date=MONDAY - timedelta(days=1), end_date=MONDAY - timedelta(days=1))
    return WindowSummary(
        ficha_id=1,
        window=window,
        previous_window=before,
        rows=1,
        posts_analyzed=1,
        comments_analyzed=len(drafts),
        results=results_view(results),
        previous_kpis=[],
        kpi_deltas=[],
    )


def _drawn(summary: WindowSummary) -> tuple[str, list[float]]:
    chart = VIEWS["q5"].charts(summary, "es")["voces_clave"].to_dict()
    field = chart["encoding"]["x"]["field"]
    rows = next(iter(chart["datasets"].values()))
    return field, [row[field] for row in rows]


def test_without_mentions_the_chart_shows_authority_not_empty_bars() -> None:
    summary = _summary(
        ("ana", "Rico café", ()), ("luis", "Me encanta", ()), ("ana", "Lo mejor", ())
    )
    assert not linked(summary)
    assert all(v.centralidad == 0 for v in summary.results.q5.voces_clave)
    field, values = _drawn(summary)
    assert field == "autoridad"
    assert values and all(value > 0 for value in values)


def test_with_mentions_the_chart_shows_centrality() -> None:
    summary = _summary(("ana", "@luis pruébalo", ("luis",)), ("luis", "Me encanta", ()))
    assert linked(summary)
    field, values = _drawn(summary)
    assert field == "centralidad"
    assert max(values) == 100
