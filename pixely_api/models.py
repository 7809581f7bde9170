"""ORM models: every table of the product (DESIGN.md §6).

Times are stored as UTC instants (``UtcDateTime()``); ``partition_date`` is
the calendar day in the ficha's own timezone. Insight rows are append-only: a database
trigger (see the first migration) refuses any update other than the one-time
superseded mark, and any delete.
"""

from datetime import UTC, date, datetime
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from pixely_api.clock import utcnow
from pixely_api.insights.engagement import PostMetrics
from pixely_api.insights.registry import MODULES

JsonType = JSON().with_variant(JSONB(), "postgresql")
IdType = BigInteger().with_variant(Integer(), "sqlite")

PostModel = TypeVar("PostModel", bound=BaseModel)

ROLES = ("admin", "viewer")
SOURCE_KINDS = ("workbook", "google_sheets")
ITEM_KINDS = ("post", "comment")


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JsonType, list[Any]: JsonType}


class UtcDateTime(TypeDecorator[datetime]):
    """An aware UTC instant on every backend (SQLite keeps no zone of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r} given for a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Tenant(Base):
    """An organisation that logs in: the agency itself or a brand."""

    __tablename__ = "tenants"

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(63), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    users: Mapped[list["User"]] = relationship(back_populates="tenant")
    fichas: Mapped[list["FichaCliente"]] = relationship(back_populates="tenant")


class User(Base):
    """A login. Admins see every tenant; viewers only their own, read-only."""

    __tablename__ = "users"
    __table_args__ = (CheckConstraint("role IN ('admin', 'viewer')", name="ck_users_role"),)

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="RESTRICT"))
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    tenant: Mapped[Tenant] = relationship(back_populates="users")


class FichaCliente(Base):
    """One analysed brand ("client profile"), its source and its brand context.

    ``slug`` is the Dagster ``client`` partition key: ``[a-z0-9-]+``, never changed.
    """

    __tablename__ = "fichas_cliente"
    __table_args__ = (
        CheckConstraint(
            "source_kind IN ('workbook', 'google_sheets')", name="ck_fichas_source_kind"
        ),
        CheckConstraint(
            "(source_kind = 'workbook' AND source_path IS NOT NULL) OR "
            "(source_kind = 'google_sheets' AND spreadsheet_id IS NOT NULL)",
            name="ck_fichas_source_ref",
        ),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id", ondelete="RESTRICT"))
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(63), unique=True)
    industry: Mapped[str] = mapped_column(String(200), default="")
    archetype: Mapped[str] = mapped_column(String(200), default="")
    tone_of_voice: Mapped[str] = mapped_column(Text, default="")
    target_audience: Mapped[str] = mapped_column(Text, default="")
    competitors: Mapped[list[Any]] = mapped_column(default=list)
    brand_handles: Mapped[list[Any]] = mapped_column(
        default=list, doc="'platform:handle' strings, handle lowercase without '@'."
    )
    source_kind: Mapped[str] = mapped_column(String(32))
    spreadsheet_id: Mapped[str | None] = mapped_column(String(200))
    source_path: Mapped[str | None] = mapped_column(Text)
    timezone: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    last_analysis_timestamp: Mapped[datetime | None] = mapped_column(UtcDateTime())
    source_fingerprint: Mapped[str | None] = mapped_column(String(200))
    source_fingerprint_at: Mapped[datetime | None] = mapped_column(
        UtcDateTime(), doc="When the stored fingerprint was first seen."
    )
    last_checked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    tenant: Mapped[Tenant] = relationship(back_populates="fichas")


class Post(Base):
    """A post with its latest metrics, refreshed at every source read."""

    __tablename__ = "posts"
    __table_args__ = (
        UniqueConstraint("ficha_id", "post_key", name="uq_posts_ficha_key"),
        Index("ix_posts_ficha_partition", "ficha_id", "partition_date"),
        CheckConstraint(
            "likes >= 0 AND comments_count >= 0 AND shares >= 0 AND (views IS NULL OR views >= 0)",
            name="ck_posts_counts",
        ),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    ficha_id: Mapped[int] = mapped_column(ForeignKey("fichas_cliente.id", ondelete="CASCADE"))
    post_key: Mapped[str] = mapped_column(String(2048), doc="The normalised post_url.")
    post_url: Mapped[str] = mapped_column(Text, doc="The post_url as the sheet has it.")
    platform: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    partition_date: Mapped[date] = mapped_column(Date)
    content: Mapped[str] = mapped_column(Text, default="")
    likes: Mapped[int] = mapped_column(BigInteger, default=0)
    comments_count: Mapped[int] = mapped_column(BigInteger, default=0)
    shares: Mapped[int] = mapped_column(BigInteger, default=0)
    views: Mapped[int | None] = mapped_column(BigInteger)
    first_seen_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)

    def metrics(self) -> PostMetrics:
        """The post's latest metrics, as Q8's read-time engagement takes them."""
        return self.as_model(PostMetrics)

    def as_model(self, model: type[PostModel], **extra: Any) -> PostModel:
        """The stored post as ``model`` (its metrics fields plus ``extra``); rows come
        from validated tables, so they are not validated again."""
        return model.model_construct(
            post_url=self.post_key,
            platform=self.platform,
            created_at=self.created_at,
            likes=self.likes,
            comments_count=self.comments_count,
            shares=self.shares,
            views=self.views,
            **extra,
        )


class Comment(Base):
    """A validated comment from the source, so nothing downstream re-reads the sheet."""

    __tablename__ = "comments"
    __table_args__ = (
        UniqueConstraint("ficha_id", "comment_key", name="uq_comments_ficha_key"),
        Index("ix_comments_ficha_partition", "ficha_id", "partition_date"),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    ficha_id: Mapped[int] = mapped_column(ForeignKey("fichas_cliente.id", ondelete="CASCADE"))
    comment_key: Mapped[str] = mapped_column(String(64), doc="SHA-256 identity (DESIGN §3).")
    post_key: Mapped[str] = mapped_column(String(2048))
    platform: Mapped[str] = mapped_column(String(16))
    author: Mapped[str] = mapped_column(String(200), doc="Normalised ownerUsername.")
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    partition_date: Mapped[date] = mapped_column(Date)
    is_brand_reply: Mapped[bool] = mapped_column(Boolean, default=False)
    first_seen_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(
        UtcDateTime(), doc="When a snapshot no longer found it (edited or deleted in the sheet)."
    )
    withdrawn_by: Mapped[str | None] = mapped_column(
        String(64), doc="The snapshot (its run or read id) that withdrew it."
    )


class _ModuleResultColumns:
    """One JSON column per analysis module (``q1_result`` … ``q10_result``), from the registry."""


for _spec in MODULES:
    setattr(_ModuleResultColumns, _spec.column, mapped_column(JsonType, nullable=False))


class SocialMediaInsight(_ModuleResultColumns, Base):
    """One append-only row per (ficha, partition date, run): Q1…Q10 of the new items.

    ``posts_analyzed`` / ``comments_analyzed`` count the ledger items this row newly
    covers, so sums over non-superseded rows never double-count.
    """

    __tablename__ = "social_media_insights"
    __table_args__ = (
        UniqueConstraint("ficha_id", "partition_date", "run_id", name="uq_insights_partition_run"),
        Index("ix_insights_ficha_partition", "ficha_id", "partition_date"),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    ficha_id: Mapped[int] = mapped_column(ForeignKey("fichas_cliente.id", ondelete="CASCADE"))
    partition_date: Mapped[date] = mapped_column(Date)
    run_id: Mapped[str] = mapped_column(String(64))
    analysis_timestamp: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    posts_analyzed: Mapped[int] = mapped_column(Integer, default=0)
    comments_analyzed: Mapped[int] = mapped_column(Integer, default=0)
    analyzer: Mapped[str] = mapped_column(String(32))
    analysis_version: Mapped[str] = mapped_column(String(200))
    llm_requests: Mapped[int] = mapped_column(Integer, default=0)
    prompt_tokens: Mapped[int] = mapped_column(Integer, default=0)
    completion_tokens: Mapped[int] = mapped_column(Integer, default=0)
    estimated_cost_usd: Mapped[float] = mapped_column(Float, default=0.0)
    is_reanalysis: Mapped[bool] = mapped_column(Boolean, default=False)
    superseded_by_run: Mapped[str | None] = mapped_column(String(64))
    superseded_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class AnalyzedItem(Base):
    """The ledger: which posts and comments an insight row already covers.

    One entry per item identity and ficha; a re-analysis points it at the new row.
    """

    __tablename__ = "analyzed_items"
    __table_args__ = (
        UniqueConstraint("ficha_id", "item_kind", "item_key", name="uq_ledger_item"),
        CheckConstraint("item_kind IN ('post', 'comment')", name="ck_ledger_kind"),
        Index("ix_ledger_ficha_partition", "ficha_id", "partition_date"),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    ficha_id: Mapped[int] = mapped_column(ForeignKey("fichas_cliente.id", ondelete="CASCADE"))
    item_kind: Mapped[str] = mapped_column(String(8))
    item_key: Mapped[str] = mapped_column(String(2048))
    partition_date: Mapped[date] = mapped_column(Date)
    insight_id: Mapped[int] = mapped_column(ForeignKey("social_media_insights.id"))
    analyzed_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class CommentAnnotation(Base):
    """How the analyzer read one comment, stored with the insights row that counted it.

    Written in the same transaction as that row and current exactly while it is (a
    re-analysis writes new ones with the new row): what the drill-down from a figure to
    the comments behind it reads. ``flags`` holds the annotation's booleans by name.
    """

    __tablename__ = "comment_annotations"
    __table_args__ = (
        UniqueConstraint("insight_id", "comment_key", name="uq_annotation_insight_comment"),
        Index("ix_annotations_ficha_partition", "ficha_id", "partition_date"),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    ficha_id: Mapped[int] = mapped_column(ForeignKey("fichas_cliente.id", ondelete="CASCADE"))
    insight_id: Mapped[int] = mapped_column(ForeignKey("social_media_insights.id"))
    comment_key: Mapped[str] = mapped_column(String(64))
    post_key: Mapped[str] = mapped_column(String(2048))
    platform: Mapped[str] = mapped_column(String(16))
    author: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    partition_date: Mapped[date] = mapped_column(Date)
    sentiment: Mapped[str] = mapped_column(String(16))
    polarity: Mapped[float] = mapped_column(Float)
    dominant_emotion: Mapped[str | None] = mapped_column(String(16))
    emotions: Mapped[dict[str, Any]] = mapped_column()
    topics: Mapped[list[Any]] = mapped_column()
    frame: Mapped[str | None] = mapped_column(String(16))
    flags: Mapped[dict[str, Any]] = mapped_column()
    annotator: Mapped[str] = mapped_column(String(32))


class RejectedRow(Base):
    """The quarantine: a source row that broke the contract, with the reason.

    Keyed by (ficha, sheet, hash of raw values): reading it again only moves
    ``last_seen_at``. Row numbers are for people, not identity.
    """

    __tablename__ = "rejected_rows"
    __table_args__ = (UniqueConstraint("ficha_id", "sheet", "row_hash", name="uq_rejected_row"),)

    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=True)
    ficha_id: Mapped[int] = mapped_column(ForeignKey("fichas_cliente.id", ondelete="CASCADE"))
    sheet: Mapped[str] = mapped_column(String(32))
    row_number: Mapped[int] = mapped_column(Integer)
    row_hash: Mapped[str] = mapped_column(String(64))
    raw_values: Mapped[dict[str, Any]] = mapped_column()
    reason: Mapped[str] = mapped_column(Text)
    first_seen_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class LlmCacheEntry(Base):
    """An LLM response kept by content hash, so a retried run does not pay twice."""

    __tablename__ = "llm_response_cache"

    cache_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    model: Mapped[str] = mapped_column(String(100))
    response: Mapped[dict[str, Any]] = mapped_column()
    prompt_tokens: Mapped[int] = mapped_column(Integer, default=0)
    completion_tokens: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


__all__ = [
    "Base",
    "Tenant",
    "User",
    "FichaCliente",
    "Post",
    "Comment",
    "SocialMediaInsight",
    "AnalyzedItem",
    "CommentAnnotation",
    "RejectedRow",
    "LlmCacheEntry",
]
