"""Edited and deleted sheet rows stop counting; a trimmed post keeps its history.

Each test analyses the standard sheet with ``pixely run-daily``, changes the sheet as a
person would (a typo fixed, a row deleted, a post trimmed), runs ``pixely run-daily``
again and checks the live totals — the current rows' ``comments_analyzed`` and Q7's
per-post counts — against the sheet, on SQLite and PostgreSQL.
"""

from collections import Counter
from dataclasses import replace

from click.testing import CliRunner
from sqlalchemy import select
from sqlalchemy.orm import Session

from pixely_api import queries
from pixely_api.models import Comment, SocialMediaInsight
from pixely_dagster.cli.main import cli
from pixely_dagster.defs.partitions import REANALYZE_TAG
from pixely_dagster.sources.identity import normalize_post_url
from tests.pipeline.conftest import D4, D5, FB, TT, Dataset, Pipeline, standard_dataset


def _run_daily(pipeline: Pipeline) -> str:
    result = CliRunner().invoke(cli, ["run-daily"])
    assert result.exit_code == 0, result.output
    return result.stdout


def _analysed(pipeline: Pipeline) -> Dataset:
    dataset = standard_dataset()
    pipeline.create_ficha("acme", dataset, register=False)
    _run_daily(pipeline)
    pipeline.assert_exactly_once("acme")
    return dataset


def _comments(pipeline: Pipeline) -> list[Comment]:
    with Session(pipeline.engine) as session:
        return list(
            session.scalars(select(Comment).where(Comment.ficha_id == pipeline.ficha("acme").id))
        )


def _live_counts_per_post(pipeline: Pipeline) -> dict[str, int]:
    """Q7's comments per post over the current rows, as the viewer would read them."""
    with Session(pipeline.engine) as session:
        summary, rows = queries.window_summary(session, pipeline.ficha("acme").id, None, None)
    per_post = {p.post_url: p.num_comentarios for p in summary.q7.publicaciones}
    for post in summary.q7.publicaciones:
        assert sum(post.sentimientos.values()) == post.num_comentarios
    assert sum(r.comments_analyzed for r in rows) == sum(per_post.values())
    return per_post


def _sheet_counts_per_post(dataset: Dataset) -> dict[str, int]:
    return dict(Counter(normalize_post_url(c.post_url) for c in dataset.audience))


def _reanalysis_runs(pipeline: Pipeline) -> list[str]:
    return [
        run.run_id
        for run in pipeline.instance.get_runs()
        if run.tags.get(REANALYZE_TAG) == "true" and run.status.value == "SUCCESS"
    ]


def test_an_edited_comment_replaces_the_old_version(pipeline: Pipeline) -> None:
    dataset = _analysed(pipeline)
    typo = next(c for c in dataset.audience if c.comment_text == "Muy caro para lo que es")
    fixed = replace(typo, comment_text="Muy caro para lo que ofrecen")
    edited = replace(dataset, comments=[fixed if c == typo else c for c in dataset.comments])
    pipeline.write_source("acme", edited)

    out = _run_daily(pipeline)

    assert "1 day(s) with withdrawn comments, re-analysed" in out, out
    live = _live_counts_per_post(pipeline)
    assert live == _sheet_counts_per_post(edited)
    assert sum(live.values()) == len(edited.audience) == 18
    stored = {c.comment_key: c for c in _comments(pipeline)}
    old = stored[dataset.key_of(typo)]
    assert old.withdrawn_at is not None
    assert old.withdrawn_by in {r.run_id for r in pipeline.instance.get_runs()}
    assert stored[edited.key_of(fixed)].withdrawn_at is None
    assert len(stored) == len(dataset.comments) + 1  # kept, never deleted
    [reanalysis] = _reanalysis_runs(pipeline)
    d4_rows = [r for r in pipeline.rows("acme") if r.partition_date == D4]
    assert [r.superseded_by_run for r in d4_rows] == [reanalysis, None]
    assert d4_rows[-1].comments_analyzed == len(edited.audience_on(D4))
    totals = pipeline.warehouse.ledger_totals(pipeline.ficha("acme").id)
    assert queries.totals_consistent(totals)
    assert totals["insight_comments"] == 18

    assert "skipped" in _run_daily(pipeline)  # settled: nothing requested again


def test_a_deleted_comment_stops_counting_and_counts_again_when_restored(
    pipeline: Pipeline,
) -> None:
    dataset = _analysed(pipeline)
    gone = next(c for c in dataset.audience if c.owner_username == "maria")
    trimmed = replace(dataset, comments=[c for c in dataset.comments if c != gone])
    pipeline.write_source("acme", trimmed)

    _run_daily(pipeline)

    live = _live_counts_per_post(pipeline)
    assert live == _sheet_counts_per_post(trimmed)
    assert sum(live.values()) == 17
    assert [r.comments_analyzed for r in pipeline.current_rows("acme") if r.partition_date == D5]
    assert sum(
        r.comments_analyzed for r in pipeline.current_rows("acme") if r.partition_date == D5
    ) == len(trimmed.audience_on(D5))

    pipeline.write_source("acme", dataset)  # the row is put back
    _run_daily(pipeline)

    assert _live_counts_per_post(pipeline) == _sheet_counts_per_post(dataset)
    assert all(c.withdrawn_at is None for c in _comments(pipeline))
    assert len(_reanalysis_runs(pipeline)) == 2
    assert queries.totals_consistent(pipeline.warehouse.ledger_totals(pipeline.ficha("acme").id))


def test_a_post_trimmed_from_the_sheet_keeps_its_history(pipeline: Pipeline) -> None:
    dataset = _analysed(pipeline)
    before = _live_counts_per_post(pipeline)
    trimmed = replace(
        dataset,
        posts=[p for p in dataset.posts if p.post_url != FB],
        comments=[c for c in dataset.comments if c.post_url != FB],
    )
    pipeline.write_source("acme", trimmed)

    out = _run_daily(pipeline)

    assert "re-analysed" not in out, out
    live = _live_counts_per_post(pipeline)
    assert live == before
    sheet = _sheet_counts_per_post(trimmed)
    assert {post: live[post] for post in sheet} == sheet
    assert live[normalize_post_url(FB)] == 6
    assert all(c.withdrawn_at is None for c in _comments(pipeline))
    assert _reanalysis_runs(pipeline) == []
    with Session(pipeline.engine) as session:
        superseded = session.scalars(
            select(SocialMediaInsight).where(SocialMediaInsight.superseded_by_run.is_not(None))
        ).all()
    assert superseded == []


def test_an_edit_on_a_trimmed_sheet_keeps_the_trimmed_posts_comments(pipeline: Pipeline) -> None:
    """Both rules at once: the day is re-analysed over its current items, and those
    include the comments of a post the sheet no longer holds."""
    dataset = _analysed(pipeline)
    typo = next(c for c in dataset.audience if c.owner_username == "kari")  # TikTok, 5 March
    assert typo.post_url == TT
    edited = replace(
        dataset,
        posts=[p for p in dataset.posts if p.post_url != FB],
        comments=[
            replace(c, comment_text="jajaja qué sorpresa verlos acá") if c == typo else c
            for c in dataset.comments
            if c.post_url != FB
        ],
    )
    pipeline.write_source("acme", edited)

    _run_daily(pipeline)

    live = _live_counts_per_post(pipeline)
    sheet = _sheet_counts_per_post(edited)
    assert {post: live[post] for post in sheet} == sheet
    assert live[normalize_post_url(FB)] == 6
    assert sum(live.values()) == 18
