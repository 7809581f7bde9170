"""The read layer: every read of stored data that more than one side needs.

The pipeline (checks, look-ups), the admin commands and the API read through these
functions, so the rules they embody exist once: only rows not superseded count, a
window selects rows by ``partition_date`` (the day the comments were written, never the
analysis time), and a stored post becomes Q8's engagement input one way
(:meth:`pixely_api.models.Post.metrics`). Each function takes an open ``Session``;
the caller owns the transaction.
"""

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from pixely_api.insights.bundle import InsightResults, summarize
from pixely_api.insights.engagement import PostMetrics
from pixely_api.insights.labels import Platform
from pixely_api.insights.registry import MODULES
from pixely_api.models import AnalyzedItem, FichaCliente, Post, RejectedRow, SocialMediaInsight

CURRENT: ColumnElement[bool] = SocialMediaInsight.superseded_by_run.is_(None)
"""Rows a reader may use: those no re-analysis has superseded."""


# -- fichas -------------------------------------------------------------------------------


def ficha_by_slug(session: Session, slug: str) -> FichaCliente | None:
    return session.scalar(select(FichaCliente).where(FichaCliente.slug == slug))


def fichas(
    session: Session, *, active_only: bool = True, tenant_id: int | None = None
) -> list[FichaCliente]:
    """Fichas by slug; only one tenant's when ``tenant_id`` is given."""
    query = select(FichaCliente).order_by(FichaCliente.slug)
    if active_only:
        query = query.where(FichaCliente.active.is_(True))
    if tenant_id is not None:
        query = query.where(FichaCliente.tenant_id == tenant_id)
    return list(session.scalars(query))


# -- quarantine and ledger ----------------------------------------------------------------


def quarantine(
    session: Session, ficha_id: int, seen_since: datetime | None = None
) -> list[RejectedRow]:
    """The ficha's rejected rows (those seen in the latest read, if ``seen_since``)."""
    query = select(RejectedRow).where(RejectedRow.ficha_id == ficha_id)
    if seen_since is not None:
        query = query.where(RejectedRow.last_seen_at >= seen_since)
    return list(session.scalars(query.order_by(RejectedRow.sheet, RejectedRow.row_number)))


def ledger_totals(session: Session, ficha_id: int) -> dict[str, int]:
    """Ledger items vs the sums of current insight rows: equal when every item was counted
    exactly once."""
    ledger = dict(
        session.execute(
            select(AnalyzedItem.item_kind, func.count())
            .where(AnalyzedItem.ficha_id == ficha_id)
            .group_by(AnalyzedItem.item_kind)
        ).all()
    )
    sums = session.execute(
        select(
            func.coalesce(func.sum(SocialMediaInsight.posts_analyzed), 0),
            func.coalesce(func.sum(SocialMediaInsight.comments_analyzed), 0),
        ).where(SocialMediaInsight.ficha_id == ficha_id, CURRENT)
    ).one()
    return {
        "ledger_posts": int(ledger.get("post", 0)),
        "ledger_comments": int(ledger.get("comment", 0)),
        "insight_posts": int(sums[0]),
        "insight_comments": int(sums[1]),
    }


def totals_consistent(totals: dict[str, int]) -> bool:
    """Every ledger item counted exactly once by the current rows."""
    return (totals["ledger_posts"], totals["ledger_comments"]) == (
        totals["insight_posts"],
        totals["insight_comments"],
    )


# -- insight rows and windows -------------------------------------------------------------


def window_rows_query(
    ficha_id: int, start: date | None = None, end: date | None = None
) -> Select[tuple[SocialMediaInsight]]:
    """Current rows of one ficha whose ``partition_date`` is in ``start``…``end``
    (both included, either open), newest day first."""
    query = select(SocialMediaInsight).where(SocialMediaInsight.ficha_id == ficha_id, CURRENT)
    if start is not None:
        query = query.where(SocialMediaInsight.partition_date >= start)
    if end is not None:
        query = query.where(SocialMediaInsight.partition_date <= end)
    return query.order_by(SocialMediaInsight.partition_date.desc(), SocialMediaInsight.id.desc())


def results_of(row: SocialMediaInsight) -> InsightResults:
    """A stored row's Q1–Q10 as the contract's bundle."""
    return InsightResults.from_columns(row_columns(row))


def row_columns(row: SocialMediaInsight) -> dict[str, Any]:
    """A stored row's ``q1_result`` … ``q10_result`` columns."""
    return {spec.column: getattr(row, spec.column) for spec in MODULES}


def post_metrics(session: Session, ficha_id: int) -> list[PostMetrics]:
    """Every post of the ficha with its latest metrics (Q8's read-time engagement)."""
    return [
        post.metrics() for post in session.scalars(select(Post).where(Post.ficha_id == ficha_id))
    ]


def window_summary(
    session: Session,
    ficha_id: int,
    start: date | None,
    end: date | None,
    platform: Platform | None = None,
) -> tuple[InsightResults, Sequence[SocialMediaInsight]]:
    """Q1–Q10 of a window as the viewer sees it, and the rows it merged."""
    rows = list(session.scalars(window_rows_query(ficha_id, start, end)))
    summary = summarize(
        (results_of(row) for row in rows), post_metrics(session, ficha_id), platform
    )
    return summary, rows
