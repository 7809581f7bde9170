"""The shared read layer over a database the real pipeline wrote (SQLite and PostgreSQL):
windows select by ``partition_date``, superseded rows never count, and a window's
summary is the merge of its current rows with engagement from the posts' metrics."""

from sqlalchemy.orm import Session

from pixely_api import queries
from pixely_api.insights import summarize
from pixely_api.models import Post
from tests.pipeline.conftest import D3, D4, D5, Pipeline, standard_dataset


def test_a_window_reads_current_rows_of_its_days_only(pipeline: Pipeline) -> None:
    dataset = standard_dataset()
    pipeline.create_ficha("acme", dataset)
    pipeline.snapshot("acme")
    pipeline.analyse("acme", D3, D5)
    pipeline.analyse("acme", D4, D5, reanalyze=True)
    ficha_id = pipeline.ficha("acme").id

    with Session(pipeline.warehouse.engine) as session:
        everything = list(session.scalars(queries.window_rows_query(ficha_id)))
        window = list(session.scalars(queries.window_rows_query(ficha_id, D4, D5)))
        summary, merged = queries.window_summary(session, ficha_id, D4, D5)
        totals = queries.ledger_totals(session, ficha_id)
        metrics = queries.post_metrics(session, ficha_id)

    assert len(pipeline.rows("acme")) == 5  # three first rows, two re-analysed
    assert [r.partition_date for r in everything] == [D5, D4, D3]
    assert all(r.superseded_by_run is None for r in everything)
    assert [r.partition_date for r in window] == [D5, D4]
    assert [r.id for r in merged] == [r.id for r in window]
    expected = len(dataset.audience_on(D4)) + len(dataset.audience_on(D5))
    assert summary.q7.num_comentarios == expected
    assert summary == summarize([queries.results_of(r) for r in window], metrics)
    assert queries.totals_consistent(totals)
    assert totals["insight_comments"] == len(dataset.audience)
    assert len(metrics) == len(dataset.posts) == pipeline.count(Post, "acme")
