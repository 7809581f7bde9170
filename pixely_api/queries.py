"""The read layer: every read of stored data that more than one side needs.

The pipeline (checks, look-ups), the admin commands and the API read through these
functions, so the rules they embody exist once: only rows not superseded count, a
window selects rows by ``partition_date`` (the day the comments were written, never the
analysis time), and a stored post becomes Q8's engagement input one way
(:meth:`pixely_api.models.Post.metrics`). Each function takes an open ``Session``;
the caller owns the transaction.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session, joinedload

from pixely_api.insights.bundle import InsightResults, summarize
from pixely_api.insights.engagement import PostMetrics
from pixely_api.insights.labels import Emotion, Platform, Sentiment
from pixely_api.insights.registry import MODULES
from pixely_api.insights.view import results_view
from pixely_api.models import (
    AnalyzedItem,
    Comment,
    CommentAnnotation,
    FichaCliente,
    Post,
    RejectedRow,
    SocialMediaInsight,
    Tenant,
    User,
)
from pixely_api.schemas import (
    CommentAnnotationOut,
    CommentOut,
    KpiDelta,
    Window,
    WindowSummary,
)

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
    """Ledger items counted by current rows vs the sums of those rows: equal when every
    item was counted exactly once. (A withdrawn comment keeps its ledger entry, pointing at
    the row a re-analysis superseded.)"""
    ledger = dict(
        session.execute(
            select(AnalyzedItem.item_kind, func.count())
            .join(SocialMediaInsight, SocialMediaInsight.id == AnalyzedItem.insight_id)
            .where(AnalyzedItem.ficha_id == ficha_id, CURRENT)
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


def items_between(session: Session, ficha_id: int, first: date, last: date) -> int:
    """Posts and audience comments (not withdrawn) dated ``first``…``last``: what a
    re-analysis of those days would read."""
    posts = session.scalar(
        select(func.count())
        .select_from(Post)
        .where(Post.ficha_id == ficha_id, Post.partition_date.between(first, last))
    )
    comments = session.scalar(
        select(func.count())
        .select_from(Comment)
        .where(
            Comment.ficha_id == ficha_id,
            Comment.partition_date.between(first, last),
            Comment.is_brand_reply.is_(False),
            Comment.withdrawn_at.is_(None),
        )
    )
    return int(posts or 0) + int(comments or 0)


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


POST_KEYS_IN_QUERY = 500
"""Above this many posts, read the ficha's every post rather than a long ``IN`` list."""


def post_metrics(
    session: Session, ficha_id: int, post_keys: Collection[str] | None = None
) -> list[PostMetrics]:
    """The ficha's posts with their latest metrics (Q8's read-time engagement): those
    named in ``post_keys`` (normalised URLs), or every one."""
    query = select(Post).where(Post.ficha_id == ficha_id)
    if post_keys is not None and len(post_keys) <= POST_KEYS_IN_QUERY:
        query = query.where(Post.post_key.in_(sorted(post_keys)))
    posts = (post.metrics() for post in session.scalars(query))
    if post_keys is None:
        return list(posts)
    return [post for post in posts if post.post_url in post_keys]


def commented_posts(results: Iterable[InsightResults]) -> set[str]:
    """The posts whose engagement a window's Q8 reads: those its rows analysed."""
    return {post.post_url for result in results for post in result.q8.publicaciones}


def _window_rows(
    session: Session, ficha_id: int, start: date | None, end: date | None
) -> tuple[list[SocialMediaInsight], list[InsightResults]]:
    """A window's current rows and their results."""
    rows = list(session.scalars(window_rows_query(ficha_id, start, end)))
    return rows, [results_of(row) for row in rows]


def window_summary(
    session: Session,
    ficha_id: int,
    start: date | None,
    end: date | None,
    platform: Platform | None = None,
) -> tuple[InsightResults, Sequence[SocialMediaInsight]]:
    """Q1–Q10 of a window as the viewer sees it, and the rows it merged."""
    rows, results = _window_rows(session, ficha_id, start, end)
    metrics = post_metrics(session, ficha_id, commented_posts(results))
    return summarize(results, metrics, platform), rows


# -- tenant scope -------------------------------------------------------------------------


@dataclass(frozen=True)
class TenantScope:
    """What one caller may read: one tenant's objects, or every tenant's (the agency's
    admins, ``tenant_id=None``).

    Every read the API makes for a caller goes through a scope, so isolation is one
    ``where`` written here, never one per route. An object outside the scope reads as
    missing (``None``), exactly like an id that does not exist.
    """

    tenant_id: int | None

    @classmethod
    def everything(cls) -> "TenantScope":
        return cls(None)

    def _fichas(self, query: Select[Any]) -> Select[Any]:
        if self.tenant_id is None:
            return query
        return query.where(FichaCliente.tenant_id == self.tenant_id)

    def fichas(self, session: Session, *, active_only: bool = True) -> list[FichaCliente]:
        query = select(FichaCliente).order_by(FichaCliente.slug)
        if active_only:
            query = query.where(FichaCliente.active.is_(True))
        return list(session.scalars(self._fichas(query)))

    def ficha(self, session: Session, ficha_id: int) -> FichaCliente | None:
        return session.scalar(self._fichas(select(FichaCliente).where(FichaCliente.id == ficha_id)))

    def ficha_ids(self) -> Select[Any]:
        """The visible fichas' ids, as a subquery for ``IN``."""
        return self._fichas(select(FichaCliente.id))

    def tenants(self, session: Session) -> list[Tenant]:
        query = select(Tenant).order_by(Tenant.slug)
        if self.tenant_id is not None:
            query = query.where(Tenant.id == self.tenant_id)
        return list(session.scalars(query))

    def tenant(self, session: Session, tenant_id: int) -> Tenant | None:
        if self.tenant_id is not None and tenant_id != self.tenant_id:
            return None
        return session.get(Tenant, tenant_id)

    def users(self, session: Session) -> list[User]:
        query = select(User).order_by(User.email)
        if self.tenant_id is not None:
            query = query.where(User.tenant_id == self.tenant_id)
        return list(session.scalars(query))

    def user(self, session: Session, user_id: int) -> User | None:
        query = select(User).where(User.id == user_id)
        if self.tenant_id is not None:
            query = query.where(User.tenant_id == self.tenant_id)
        return session.scalar(query)


def user_by_email(session: Session, email: str) -> User | None:
    """The user with their tenant (one query: every request reads both)."""
    return session.scalar(
        select(User).options(joinedload(User.tenant)).where(User.email == email.strip().lower())
    )


def latest_partition_date(session: Session, ficha_id: int) -> date | None:
    """The newest day with a current insights row (where a default window ends)."""
    return session.scalar(
        select(func.max(SocialMediaInsight.partition_date)).where(
            SocialMediaInsight.ficha_id == ficha_id, CURRENT
        )
    )


# -- insight rows and comments for the API ------------------------------------------------


def _row_has_platform(platform: Platform) -> ColumnElement[bool]:
    """The row covers at least one post or comment of ``platform`` (by its ledger)."""
    via_comment = (
        select(AnalyzedItem.id)
        .join(
            Comment,
            and_(
                Comment.ficha_id == AnalyzedItem.ficha_id,
                Comment.comment_key == AnalyzedItem.item_key,
            ),
        )
        .where(
            AnalyzedItem.insight_id == SocialMediaInsight.id,
            AnalyzedItem.item_kind == "comment",
            Comment.platform == platform,
        )
    )
    via_post = (
        select(AnalyzedItem.id)
        .join(
            Post,
            and_(Post.ficha_id == AnalyzedItem.ficha_id, Post.post_key == AnalyzedItem.item_key),
        )
        .where(
            AnalyzedItem.insight_id == SocialMediaInsight.id,
            AnalyzedItem.item_kind == "post",
            Post.platform == platform,
        )
    )
    return or_(exists(via_comment), exists(via_post))


def insight_rows_page(
    session: Session,
    scope: TenantScope,
    *,
    ficha_id: int | None,
    start: date | None,
    end: date | None,
    platform: Platform | None,
    limit: int,
    offset: int,
) -> tuple[list[SocialMediaInsight], int]:
    """Current rows of the visible fichas (one ficha's if given), newest day first, and
    how many match over all pages. With ``platform``: rows that covered that platform."""
    query = select(SocialMediaInsight).where(
        CURRENT, SocialMediaInsight.ficha_id.in_(scope.ficha_ids())
    )
    if ficha_id is not None:
        query = query.where(SocialMediaInsight.ficha_id == ficha_id)
    if start is not None:
        query = query.where(SocialMediaInsight.partition_date >= start)
    if end is not None:
        query = query.where(SocialMediaInsight.partition_date <= end)
    if platform is not None:
        query = query.where(_row_has_platform(platform))
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        query.order_by(SocialMediaInsight.partition_date.desc(), SocialMediaInsight.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return list(rows), int(total)


@dataclass(frozen=True)
class CommentFilters:
    """The drill-down's filters: a window and what the figure counted."""

    start: date | None = None
    end: date | None = None
    platform: Platform | None = None
    sentiment: Sentiment | None = None
    emotion: Emotion | None = None
    topic: str | None = None
    post_url: str | None = None


def _topic_in(topic: str, dialect: str) -> ColumnElement[bool]:
    if dialect == "postgresql":
        return CommentAnnotation.topics.op("@>")(func.jsonb_build_array(topic))
    members = func.json_each(CommentAnnotation.topics).table_valued("value")
    return exists(select(members.c.value).where(members.c.value == topic))


def annotated_comments_page(
    session: Session, ficha_id: int, filters: CommentFilters, *, limit: int, offset: int
) -> tuple[list[CommentOut], int]:
    """The analysed comments behind a figure: annotations of current rows only, with the
    comment's text, newest first."""
    query = (
        select(CommentAnnotation, Comment.id, Comment.text)
        .join(SocialMediaInsight, SocialMediaInsight.id == CommentAnnotation.insight_id)
        .join(
            Comment,
            and_(
                Comment.ficha_id == CommentAnnotation.ficha_id,
                Comment.comment_key == CommentAnnotation.comment_key,
            ),
        )
        .where(CommentAnnotation.ficha_id == ficha_id, CURRENT)
    )
    if filters.start is not None:
        query = query.where(CommentAnnotation.partition_date >= filters.start)
    if filters.end is not None:
        query = query.where(CommentAnnotation.partition_date <= filters.end)
    if filters.platform is not None:
        query = query.where(CommentAnnotation.platform == filters.platform)
    if filters.sentiment is not None:
        query = query.where(CommentAnnotation.sentiment == filters.sentiment)
    if filters.emotion is not None:
        query = query.where(CommentAnnotation.dominant_emotion == filters.emotion)
    if filters.topic is not None:
        dialect = session.get_bind().dialect.name
        query = query.where(_topic_in(filters.topic.strip(), dialect))
    if filters.post_url is not None:
        sheet_form = select(Post.post_key).where(
            Post.ficha_id == ficha_id, Post.post_url == filters.post_url
        )
        query = query.where(
            or_(
                CommentAnnotation.post_key == filters.post_url,
                CommentAnnotation.post_key.in_(sheet_form),
            )
        )
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    found = session.execute(
        query.order_by(CommentAnnotation.created_at.desc(), CommentAnnotation.id.desc())
        .limit(limit)
        .offset(offset)
    ).all()
    return [_comment_out(a, comment_id, text) for a, comment_id, text in found], int(total)


def _comment_out(annotation: CommentAnnotation, comment_id: int, text: str) -> CommentOut:
    flags = annotation.flags or {}
    return CommentOut(
        id=comment_id,
        post_url=annotation.post_key,
        platform=annotation.platform,  # type: ignore[arg-type]
        author=annotation.author,
        text=text,
        created_at=annotation.created_at,
        partition_date=annotation.partition_date,
        annotation=CommentAnnotationOut(
            sentiment=annotation.sentiment,  # type: ignore[arg-type]
            polarity=annotation.polarity,
            dominant_emotion=annotation.dominant_emotion,  # type: ignore[arg-type]
            emotions=annotation.emotions,
            topics=annotation.topics,
            frame=annotation.frame,  # type: ignore[arg-type]
            is_request=bool(flags.get("is_request", False)),
            is_complaint=bool(flags.get("is_complaint", False)),
            purchase_intent=bool(flags.get("purchase_intent", False)),
            crisis=bool(flags.get("crisis", False)),
            sarcasm=bool(flags.get("sarcasm", False)),
            churn_risk=bool(flags.get("churn_risk", False)),
            annotator=annotation.annotator,
        ),
    )


# -- window summaries with the previous window --------------------------------------------


def previous_window(window: Window) -> Window:
    """The window of equal length that ends the day before ``window`` starts."""
    end = window.start_date - timedelta(days=1)
    return Window(
        start_date=end - timedelta(days=window.days - 1), end_date=end, platform=window.platform
    )


def kpi_deltas(current: InsightResults, previous: InsightResults) -> list[KpiDelta]:
    """Each KPI of the window beside the same KPI (by name) of the previous window."""
    before = {kpi.nombre: kpi for kpi in previous.q10.kpis}
    deltas = []
    for kpi in current.q10.kpis:
        earlier = before.get(kpi.nombre)
        anterior = earlier.valor if earlier is not None else None
        delta = kpi.valor - anterior if kpi.valor is not None and anterior is not None else None
        deltas.append(
            KpiDelta(
                nombre=kpi.nombre,
                unidad=kpi.unidad,
                actual=kpi.valor,
                anterior=anterior,
                delta=None if delta is None else round(delta, 6),
            )
        )
    return deltas


def _window_state(ficha_id: int, window: Window) -> list[Any]:
    """What a window's summary depends on, as scalar subqueries: the current rows'
    count and newest id (a new row or a supersession changes them)."""
    rows = (
        SocialMediaInsight.ficha_id == ficha_id,
        CURRENT,
        SocialMediaInsight.partition_date >= window.start_date,
        SocialMediaInsight.partition_date <= window.end_date,
    )
    return [
        select(func.count()).select_from(SocialMediaInsight).where(*rows).scalar_subquery(),
        select(func.max(SocialMediaInsight.id)).where(*rows).scalar_subquery(),
    ]


def summary_key(session: Session, ficha_id: int, window: Window) -> tuple[Any, ...]:
    """Everything a window's summary (with its previous window) depends on, read in one
    cheap query; equal keys mean equal answers. The posts' latest update is part of it
    because Q8's engagement is read at request time."""
    posts = (Post.ficha_id == ficha_id,)
    state = session.execute(
        select(
            *_window_state(ficha_id, window),
            *_window_state(ficha_id, previous_window(window)),
            select(func.count()).select_from(Post).where(*posts).scalar_subquery(),
            select(func.max(Post.updated_at)).where(*posts).scalar_subquery(),
        )
    ).one()
    return (ficha_id, window.start_date, window.end_date, window.platform, *state)


class SummaryCache:
    """Serialized window summaries (the route keeps them gzip-compressed) kept by
    :func:`summary_key`.

    Merging a month of rows and serializing the result cost far more than the reads; the
    key changes whenever a row is appended or superseded or a post's metrics are
    refreshed, so an entry is never stale. Bounded (least recently used out), per
    process, thread-safe.
    """

    def __init__(self, size: int = 1024) -> None:
        self.size = size
        self._entries: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()
        self._building: dict[tuple[Any, ...], threading.Lock] = {}
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._entries

    def get(self, key: tuple[Any, ...]) -> bytes | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                self.hits += 1
            else:
                self.misses += 1
            return found

    def put(self, key: tuple[Any, ...], value: bytes) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)

    def get_or_build(self, key: tuple[Any, ...], build: Callable[[], bytes]) -> bytes:
        """The cached answer, or ``build()``'s, computed once even when many requests for
        the same key miss together (the others wait for it instead of merging too).
        Not counted in :attr:`hits` and :attr:`misses`: callers ask :meth:`get` first."""
        with self._lock:
            found = self._entries.get(key)
        if found is not None:
            return found
        with self._lock:
            building = self._building.setdefault(key, threading.Lock())
        with building:
            found = self._entries.get(key)
            if found is None:
                found = build()
                self.put(key, found)
        with self._lock:
            self._building.pop(key, None)
        return found


def window_report(session: Session, ficha_id: int, window: Window) -> WindowSummary:
    """``GET /insights/summary``: the window merged (as :func:`window_summary`), the
    previous window of equal length, and each KPI's delta between them. The posts'
    metrics are read once, for the posts either window analysed."""
    before = previous_window(window)
    rows, results = _window_rows(session, ficha_id, window.start_date, window.end_date)
    _, previous_results = _window_rows(session, ficha_id, before.start_date, before.end_date)
    metrics = post_metrics(session, ficha_id, commented_posts([*results, *previous_results]))
    current = summarize(results, metrics, window.platform)
    previous = summarize(previous_results, metrics, window.platform)
    return WindowSummary(
        ficha_id=ficha_id,
        window=window,
        previous_window=before,
        rows=len(rows),
        posts_analyzed=sum(r.posts_analyzed for r in rows),
        comments_analyzed=sum(r.comments_analyzed for r in rows),
        results=results_view(current),
        previous_kpis=previous.q10.kpis,
        kpi_deltas=kpi_deltas(current, previous),
    )
