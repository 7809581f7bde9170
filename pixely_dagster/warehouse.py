"""The pipeline's database work: snapshot, delta, and the exactly-once append.

Plain Python over SQLAlchemy so it is testable without Dagster; the Dagster resource
(:class:`pixely_dagster.defs.resources.WarehouseResource`) only builds it. Reads that
the API shares live in :mod:`pixely_api.queries`; this module keeps the write path.

Exactly-once: an insight row and the ledger entries of the items it covers are written
in ONE transaction under the ficha's lock, and the delta is re-read inside that lock.
A crash before the commit leaves the items unanalysed (they are picked up again); a
racing run that already covered them makes this one drop them (or skip).
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, and_, exists, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from pixely_api import queries
from pixely_api.clock import utcnow
from pixely_api.db import locked_ficha_transaction
from pixely_api.insights.context import BrandContext
from pixely_api.models import (
    AnalyzedItem,
    Comment,
    CommentAnnotation,
    FichaCliente,
    Post,
    RejectedRow,
    SocialMediaInsight,
)
from pixely_dagster.analysis.annotation import Annotation
from pixely_dagster.analysis.items import CommentItem, PostItem
from pixely_dagster.sources.validation import ValidatedSource

ItemKey = tuple[str, str]
"""``('post', post_key)`` or ``('comment', comment_key)``: an analysed-items ledger identity."""


@dataclass(frozen=True)
class SnapshotSummary:
    posts_seen: int
    posts_new: int
    comments_new: int
    comments_seen: int
    brand_replies: int
    rejected: int
    rejected_new: int
    fingerprint_changed: bool
    comments_withdrawn: int = 0
    comments_restored: int = 0


@dataclass(frozen=True)
class PartitionDelta:
    """A (ficha, day)'s items to analyse: posts of the day and audience comments of the
    day not yet in the ledger (all of them for a re-analysis), with every post they need."""

    ficha_id: int
    day: date
    new_posts: tuple[PostItem, ...]
    comments: tuple[CommentItem, ...]
    posts: dict[str, PostItem] = field(default_factory=dict)

    @property
    def keys(self) -> frozenset[ItemKey]:
        return frozenset(
            [("post", p.post_url) for p in self.new_posts]
            + [("comment", c.comment_id) for c in self.comments]
        )

    @property
    def is_empty(self) -> bool:
        return not self.new_posts and not self.comments

    def restricted_to(self, keys: frozenset[ItemKey]) -> "PartitionDelta":
        """The same delta without the items another run covered meanwhile."""
        new_posts = tuple(p for p in self.new_posts if ("post", p.post_url) in keys)
        comments = tuple(c for c in self.comments if ("comment", c.comment_id) in keys)
        needed = {p.post_url for p in new_posts} | {c.post_url for c in comments}
        posts = {k: v for k, v in self.posts.items() if k in needed}
        return PartitionDelta(self.ficha_id, self.day, new_posts, comments, posts)


@dataclass(frozen=True)
class AppendOutcome:
    insight_id: int | None
    posts_analyzed: int
    comments_analyzed: int
    dropped_as_already_analyzed: int
    superseded_rows: int = 0


@dataclass(frozen=True)
class InsightPayload:
    """What the analysis produced for one delta, ready to be stored."""

    results: dict[str, dict[str, Any]]
    analyzer: str
    analysis_version: str
    llm_requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    estimated_cost_usd: float = 0.0
    annotations: Mapping[str, Annotation] = field(default_factory=dict)
    """How the analyzer read each comment of the delta, by comment id (the drill-down's
    rows, stored with the insights row)."""


ANNOTATION_FLAGS = (
    "is_request",
    "is_complaint",
    "purchase_intent",
    "crisis",
    "sarcasm",
    "churn_risk",
)
"""The annotation's booleans, stored together as ``comment_annotations.flags``."""


def annotation_rows(
    delta: PartitionDelta, payload: InsightPayload, insight_id: int
) -> list[dict[str, Any]]:
    """One ``comment_annotations`` row per comment of ``delta``: exactly the comments the
    insights row counts, even when ``payload`` was computed for a larger delta."""
    rows = []
    for comment in delta.comments:
        annotation = payload.annotations.get(comment.comment_id)
        if annotation is None:
            raise ValueError(f"no annotation for comment {comment.comment_id} of the delta")
        rows.append(
            {
                "ficha_id": delta.ficha_id,
                "insight_id": insight_id,
                "comment_key": comment.comment_id,
                "post_key": comment.post_url,
                "platform": comment.platform,
                "author": comment.author,
                "created_at": comment.created_at,
                "partition_date": delta.day,
                "sentiment": annotation.sentiment,
                "polarity": annotation.polarity,
                "dominant_emotion": annotation.dominant_emotion,
                "emotions": annotation.emotions.model_dump(),
                "topics": list(annotation.topics),
                "frame": annotation.frame,
                "flags": {name: getattr(annotation, name) for name in ANNOTATION_FLAGS},
                "annotator": annotation.annotator or payload.analyzer,
            }
        )
    return rows


def _insert(session: Session, model: Any) -> Any:
    """A Core INSERT on the model's table (executemany without per-row ORM work)."""
    dialect = session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(model.__table__)


def _chunks(items: Sequence[Any], size: int = 2_000) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def brand_context(ficha: FichaCliente) -> BrandContext:
    return BrandContext(
        brand_name=ficha.name,
        industry=ficha.industry,
        archetype=ficha.archetype,
        tone_of_voice=ficha.tone_of_voice,
        target_audience=ficha.target_audience,
        competitors=tuple(ficha.competitors or ()),
        brand_handles=tuple(sorted({h.partition(":")[2] for h in ficha.brand_handles or ()})),
    )


def _post_item(row: Post) -> PostItem:
    """Rows come from the validated tables: no need to validate them again."""
    return row.as_model(PostItem, content=row.content)


def _comment_item(row: Any) -> CommentItem:
    return CommentItem.model_construct(
        comment_id=row.comment_key,
        post_url=row.post_key,
        platform=row.platform,
        author=row.author,
        text=row.text,
        created_at=row.created_at,
    )


_COMMENT_COLUMNS = (
    Comment.comment_key,
    Comment.post_key,
    Comment.platform,
    Comment.author,
    Comment.text,
    Comment.created_at,
)


class Warehouse:
    """The database as the pipeline sees it."""

    def __init__(self, engine: Engine):
        self.engine = engine

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    # -- fichas -----------------------------------------------------------------------

    def fichas(self, *, active_only: bool = True) -> list[FichaCliente]:
        with self.session() as session:
            return queries.fichas(session, active_only=active_only)

    def ficha(self, slug: str) -> FichaCliente:
        with self.session() as session:
            found = queries.ficha_by_slug(session, slug)
        if found is None:
            raise LookupError(f"no ficha with slug {slug!r}")
        return found

    def record_check(self, ficha_id: int, checked_at: datetime) -> None:
        """The orchestrator looked at this ficha (feeds the freshness alert)."""
        with self.session() as session, session.begin():
            session.execute(
                update(FichaCliente)
                .where(FichaCliente.id == ficha_id)
                .values(last_checked_at=checked_at)
            )

    # -- snapshot -----------------------------------------------------------------------

    def store_snapshot(
        self,
        ficha_id: int,
        source: ValidatedSource,
        read_at: datetime | None = None,
        snapshot_id: str | None = None,
    ) -> SnapshotSummary:
        """Upsert posts (latest metrics), add unseen comments, withdraw the comments of
        posts still in the sheet that the sheet no longer holds (and restore those that
        came back), refresh the quarantine, record the fingerprint and ``last_checked_at``:
        one transaction. ``snapshot_id`` (the run's id) is what withdrawn comments name."""
        now = read_at or utcnow()
        snapshot_id = (snapshot_id or f"read {now.isoformat()}")[:64]
        with self.session() as session, session.begin():
            ficha = session.get(FichaCliente, ficha_id, with_for_update=False)
            if ficha is None:
                raise LookupError(f"no ficha with id {ficha_id}")
            known_posts = set(
                session.scalars(select(Post.post_key).where(Post.ficha_id == ficha_id))
            )
            post_rows = [
                {
                    "ficha_id": ficha_id,
                    "post_key": p.post_key,
                    "post_url": p.post_url,
                    "platform": p.platform,
                    "created_at": p.created_at,
                    "partition_date": p.partition_date,
                    "content": p.content,
                    "likes": p.likes,
                    "comments_count": p.comments_count,
                    "shares": p.shares,
                    "views": p.views,
                    "first_seen_at": now,
                    "updated_at": now,
                }
                for p in source.posts
            ]
            if post_rows:
                statement = _insert(session, Post)
                excluded = statement.excluded
                session.execute(
                    statement.on_conflict_do_update(
                        index_elements=["ficha_id", "post_key"],
                        set_={
                            "post_url": excluded.post_url,
                            "content": excluded.content,
                            "likes": excluded.likes,
                            "comments_count": excluded.comments_count,
                            "shares": excluded.shares,
                            "views": excluded.views,
                            "updated_at": excluded.updated_at,
                        },
                    ),
                    post_rows,
                )
            known_comments = set(
                session.scalars(select(Comment.comment_key).where(Comment.ficha_id == ficha_id))
            )
            comment_rows = [
                {
                    "ficha_id": ficha_id,
                    "comment_key": c.comment_key,
                    "post_key": c.post_key,
                    "platform": c.platform,
                    "author": c.author,
                    "text": c.text,
                    "created_at": c.created_at,
                    "partition_date": c.partition_date,
                    "is_brand_reply": c.is_brand_reply,
                    "first_seen_at": now,
                }
                for c in source.comments
                if c.comment_key not in known_comments
            ]
            if comment_rows:
                session.execute(_insert(session, Comment), comment_rows)
            withdrawn, restored = self._withdraw_missing_comments(
                session, ficha_id, source, now, snapshot_id
            )
            known_rejected = set(
                session.scalars(
                    select(RejectedRow.row_hash).where(RejectedRow.ficha_id == ficha_id)
                )
            )
            rejected_rows = [
                {
                    "ficha_id": ficha_id,
                    "sheet": r.sheet,
                    "row_number": r.row_number,
                    "row_hash": r.row_hash,
                    "raw_values": r.raw_values,
                    "reason": r.reason,
                    "first_seen_at": now,
                    "last_seen_at": now,
                }
                for r in source.rejected
            ]
            if rejected_rows:
                statement = _insert(session, RejectedRow)
                session.execute(
                    statement.on_conflict_do_update(
                        index_elements=["ficha_id", "sheet", "row_hash"],
                        set_={
                            "last_seen_at": statement.excluded.last_seen_at,
                            "row_number": statement.excluded.row_number,
                            "reason": statement.excluded.reason,
                        },
                    ),
                    rejected_rows,
                )
            changed = ficha.source_fingerprint != source.fingerprint
            if changed:
                ficha.source_fingerprint = source.fingerprint
                ficha.source_fingerprint_at = now
            ficha.last_checked_at = now
        return SnapshotSummary(
            posts_seen=len(source.posts),
            posts_new=len({p.post_key for p in source.posts} - known_posts),
            comments_new=len(comment_rows),
            comments_seen=len(source.comments),
            brand_replies=source.brand_replies,
            rejected=len(source.rejected),
            rejected_new=len({r.row_hash for r in source.rejected} - known_rejected),
            fingerprint_changed=changed,
            comments_withdrawn=withdrawn,
            comments_restored=restored,
        )

    @staticmethod
    def _withdraw_missing_comments(
        session: Session,
        ficha_id: int,
        source: ValidatedSource,
        now: datetime,
        snapshot_id: str,
    ) -> tuple[int, int]:
        """An edited or deleted sheet row stops counting: a stored comment of a post the
        sheet still holds, that the sheet no longer holds, is marked withdrawn (never
        deleted); one that is back is restored. A post missing from the sheet as a whole
        keeps its comments (sheets get trimmed). Returns (withdrawn, restored)."""
        posts_in_sheet = {p.post_key for p in source.posts}
        comments_in_sheet = {c.comment_key for c in source.comments}
        stored = session.execute(
            select(Comment.id, Comment.comment_key, Comment.post_key, Comment.withdrawn_at).where(
                Comment.ficha_id == ficha_id
            )
        ).all()
        to_withdraw = [
            row.id
            for row in stored
            if row.withdrawn_at is None
            and row.post_key in posts_in_sheet
            and row.comment_key not in comments_in_sheet
        ]
        to_restore = [
            row.id
            for row in stored
            if row.withdrawn_at is not None and row.comment_key in comments_in_sheet
        ]
        for chunk in _chunks(to_withdraw, 500):
            session.execute(
                update(Comment)
                .where(Comment.id.in_(chunk))
                .values(withdrawn_at=now, withdrawn_by=snapshot_id)
            )
        for chunk in _chunks(to_restore, 500):
            session.execute(
                update(Comment)
                .where(Comment.id.in_(chunk))
                .values(withdrawn_at=None, withdrawn_by=None)
            )
        return len(to_withdraw), len(to_restore)

    def quarantine(self, ficha_id: int, seen_since: datetime | None = None) -> list[RejectedRow]:
        """The ficha's rejected rows (those seen in the latest read, if ``seen_since``)."""
        with self.session() as session:
            return queries.quarantine(session, ficha_id, seen_since)

    # -- delta --------------------------------------------------------------------------

    @staticmethod
    def _not_in_ledger(kind: str, key_column: Any, ficha_column: Any) -> Any:
        return ~exists().where(
            and_(
                AnalyzedItem.ficha_id == ficha_column,
                AnalyzedItem.item_kind == kind,
                AnalyzedItem.item_key == key_column,
            )
        )

    def _delta_conditions(
        self, ficha_id: int, day: date | None = None, *, everything: bool = False
    ) -> tuple[list[Any], list[Any]]:
        """WHERE clauses of the delta, for posts and for comments: the ficha's items (of
        ``day``, if given) that no ledger entry covers; ``everything`` drops the ledger
        test (a re-analysis). Brand replies and withdrawn comments are never part of it."""
        posts: list[Any] = [Post.ficha_id == ficha_id]
        comments: list[Any] = [
            Comment.ficha_id == ficha_id,
            Comment.is_brand_reply.is_(False),
            Comment.withdrawn_at.is_(None),
        ]
        if day is not None:
            posts.append(Post.partition_date == day)
            comments.append(Comment.partition_date == day)
        if not everything:
            posts.append(self._not_in_ledger("post", Post.post_key, Post.ficha_id))
            comments.append(self._not_in_ledger("comment", Comment.comment_key, Comment.ficha_id))
        return posts, comments

    def pending_dates(self, ficha_id: int) -> list[date]:
        """Partition days holding posts or audience comments not yet in the ledger."""
        posts, comments = self._delta_conditions(ficha_id)
        with self.session() as session:
            days = set(session.scalars(select(Post.partition_date).where(*posts).distinct()))
            days |= set(session.scalars(select(Comment.partition_date).where(*comments).distinct()))
        return sorted(days)

    def stale_dates(self, ficha_id: int) -> list[date]:
        """Partition days whose current rows no longer match the sheet: a current row
        counts a comment since withdrawn, or a restored comment is counted only by a
        superseded row. A re-analysis of the day (every current item) makes them match."""
        stale_row = and_(
            Comment.withdrawn_at.is_not(None), SocialMediaInsight.superseded_by_run.is_(None)
        )
        lost_item = and_(
            Comment.withdrawn_at.is_(None), SocialMediaInsight.superseded_by_run.is_not(None)
        )
        query = (
            select(AnalyzedItem.partition_date)
            .join(
                Comment,
                and_(
                    Comment.ficha_id == AnalyzedItem.ficha_id,
                    Comment.comment_key == AnalyzedItem.item_key,
                ),
            )
            .join(SocialMediaInsight, SocialMediaInsight.id == AnalyzedItem.insight_id)
            .where(
                AnalyzedItem.ficha_id == ficha_id,
                AnalyzedItem.item_kind == "comment",
                or_(stale_row, lost_item),
            )
            .distinct()
        )
        with self.session() as session:
            return sorted(session.scalars(query))

    def delta_keys(
        self, session: Session, ficha_id: int, day: date, *, everything: bool = False
    ) -> frozenset[ItemKey]:
        """The identities :meth:`load_delta` would return, without loading the items."""
        posts, comments = self._delta_conditions(ficha_id, day, everything=everything)
        return frozenset(
            [("post", key) for key in session.scalars(select(Post.post_key).where(*posts))]
            + [
                ("comment", key)
                for key in session.scalars(select(Comment.comment_key).where(*comments))
            ]
        )

    def count_delta(self, ficha_id: int, day: date, *, everything: bool = False) -> dict[str, int]:
        with self.session() as session:
            keys = self.delta_keys(session, ficha_id, day, everything=everything)
        posts = sum(1 for kind, _ in keys if kind == "post")
        return {"posts": posts, "comments": len(keys) - posts}

    def load_delta(self, ficha_id: int, day: date, *, everything: bool = False) -> PartitionDelta:
        """The day's unanalysed items (``everything``: all its items, for a re-analysis)."""
        post_conditions, comment_conditions = self._delta_conditions(
            ficha_id, day, everything=everything
        )
        with self.session() as session:
            new_posts = [
                _post_item(p)
                for p in session.scalars(select(Post).where(*post_conditions).order_by(Post.id))
            ]
            comments = [
                _comment_item(c)
                for c in session.execute(
                    select(*_COMMENT_COLUMNS).where(*comment_conditions).order_by(Comment.id)
                )
            ]
            posts = {p.post_url: p for p in new_posts}
            wanted = {c.post_url for c in comments} - posts.keys()
            for chunk in _chunks(sorted(wanted), 500):
                for row in session.scalars(
                    select(Post).where(Post.ficha_id == ficha_id, Post.post_key.in_(chunk))
                ):
                    posts[row.post_key] = _post_item(row)
        return PartitionDelta(ficha_id, day, tuple(new_posts), tuple(comments), posts)

    # -- append -------------------------------------------------------------------------

    def append_insight(
        self,
        delta: PartitionDelta,
        run_id: str,
        analyze: Callable[[PartitionDelta], InsightPayload],
        *,
        payload: InsightPayload | None = None,
        reanalysis: bool = False,
    ) -> AppendOutcome:
        """Store one insight row, its ledger entries and its annotations, exactly once.

        ``payload`` is the analysis of ``delta``, done before the lock (the slow part).
        Inside the lock the delta is read again: items another run covered meanwhile are
        dropped and ``analyze`` is called on what remains; nothing left ⇒ no row.
        A re-analysis marks the partition's earlier rows superseded by this run.
        """
        with locked_ficha_transaction(self.engine, delta.ficha_id) as session:
            current = self.delta_keys(session, delta.ficha_id, delta.day, everything=reanalysis)
            keep = delta.keys & current
            dropped = len(delta.keys - keep)
            if not keep:
                return AppendOutcome(None, 0, 0, dropped)
            if keep != delta.keys or payload is None:
                delta = delta.restricted_to(keep)
                payload = analyze(delta)
            now = utcnow()
            superseded = 0
            if reanalysis:
                superseded = session.execute(
                    update(SocialMediaInsight)
                    .where(
                        SocialMediaInsight.ficha_id == delta.ficha_id,
                        SocialMediaInsight.partition_date == delta.day,
                        SocialMediaInsight.superseded_by_run.is_(None),
                    )
                    .values(superseded_by_run=run_id, superseded_at=now)
                ).rowcount
            insight = SocialMediaInsight(
                ficha_id=delta.ficha_id,
                partition_date=delta.day,
                run_id=run_id,
                analysis_timestamp=now,
                posts_analyzed=len(delta.new_posts),
                comments_analyzed=len(delta.comments),
                analyzer=payload.analyzer,
                analysis_version=payload.analysis_version,
                llm_requests=payload.llm_requests,
                prompt_tokens=payload.prompt_tokens,
                completion_tokens=payload.completion_tokens,
                estimated_cost_usd=payload.estimated_cost_usd,
                is_reanalysis=reanalysis,
                **payload.results,
            )
            session.add(insight)
            session.flush()
            ledger = [
                {
                    "ficha_id": delta.ficha_id,
                    "item_kind": kind,
                    "item_key": key,
                    "partition_date": delta.day,
                    "insight_id": insight.id,
                    "analyzed_at": now,
                }
                for kind, key in sorted(delta.keys)
            ]
            statement = _insert(session, AnalyzedItem)
            if reanalysis:
                statement = statement.on_conflict_do_update(
                    index_elements=["ficha_id", "item_kind", "item_key"],
                    set_={
                        "insight_id": statement.excluded.insight_id,
                        "analyzed_at": statement.excluded.analyzed_at,
                    },
                )
            session.execute(statement, ledger)
            annotations = annotation_rows(delta, payload, insight.id)
            for chunk in _chunks(annotations):
                session.execute(_insert(session, CommentAnnotation), list(chunk))
            session.execute(
                update(FichaCliente)
                .where(FichaCliente.id == delta.ficha_id)
                .values(last_analysis_timestamp=now)
            )
            return AppendOutcome(
                insight.id, len(delta.new_posts), len(delta.comments), dropped, superseded
            )

    # -- reads for checks and tests ---------------------------------------------------

    def ledger_totals(self, ficha_id: int) -> dict[str, int]:
        """Ledger items vs the sums of current insight rows (:func:`queries.ledger_totals`)."""
        with self.session() as session:
            return queries.ledger_totals(session, ficha_id)
