"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-25

Every table of docs/architecture.md, and triggers that keep social_media_insights
append-only: no delete, and no update except setting the superseded mark once.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID_TYPE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
JSON_TYPE = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

_FROZEN_COLUMNS = (
    "id",
    "ficha_id",
    "partition_date",
    "run_id",
    "analysis_timestamp",
    "posts_analyzed",
    "comments_analyzed",
    "analyzer",
    "analysis_version",
    "llm_requests",
    "prompt_tokens",
    "completion_tokens",
    "estimated_cost_usd",
    "is_reanalysis",
    "q1_result",
    "q2_result",
    "q3_result",
    "q4_result",
    "q5_result",
    "q6_result",
    "q7_result",
    "q8_result",
    "q9_result",
    "q10_result",
)
_APPEND_ONLY = "social_media_insights is append-only"


def _create_append_only_triggers() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        changed = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in _FROZEN_COLUMNS)
        op.execute(f"""
            CREATE FUNCTION insights_append_only() RETURNS trigger AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    RAISE EXCEPTION '{_APPEND_ONLY}: rows are never deleted';
                END IF;
                IF OLD.superseded_by_run IS NOT NULL OR ({changed})
                   OR NEW.superseded_by_run IS NULL THEN
                    RAISE EXCEPTION '{_APPEND_ONLY}: only the superseded mark may be set, once';
                END IF;
                RETURN NEW;
            END $$ LANGUAGE plpgsql;
        """)
        op.execute(
            "CREATE TRIGGER insights_append_only BEFORE UPDATE OR DELETE ON social_media_insights "
            "FOR EACH ROW EXECUTE FUNCTION insights_append_only()"
        )
    else:
        changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in _FROZEN_COLUMNS)
        op.execute(f"""
            CREATE TRIGGER insights_no_update BEFORE UPDATE ON social_media_insights
            WHEN OLD.superseded_by_run IS NOT NULL OR NEW.superseded_by_run IS NULL OR ({changed})
            BEGIN SELECT RAISE(ABORT, '{_APPEND_ONLY}: only the superseded mark may be set, once');
            END
        """)
        op.execute(f"""
            CREATE TRIGGER insights_no_delete BEFORE DELETE ON social_media_insights
            BEGIN SELECT RAISE(ABORT, '{_APPEND_ONLY}: rows are never deleted'); END
        """)


def _drop_append_only_triggers() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS insights_append_only ON social_media_insights")
        op.execute("DROP FUNCTION IF EXISTS insights_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS insights_no_update")
        op.execute("DROP TRIGGER IF EXISTS insights_no_delete")


def upgrade() -> None:
    op.create_table(
        "llm_response_cache",
        sa.Column("cache_key", sa.String(length=64), nullable=False),
        sa.Column("model", sa.String(length=100), nullable=False),
        sa.Column("response", JSON_TYPE, nullable=False),
        sa.Column("prompt_tokens", sa.Integer(), nullable=False),
        sa.Column("completion_tokens", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("cache_key"),
    )
    op.create_table(
        "tenants",
        sa.Column(
            "id",
            ID_TYPE,
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("slug", sa.String(length=63), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("slug"),
    )
    op.create_table(
        "fichas_cliente",
        sa.Column(
            "id",
            ID_TYPE,
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("tenant_id", ID_TYPE, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("slug", sa.String(length=63), nullable=False),
        sa.Column("industry", sa.String(length=200), nullable=False),
        sa.Column("archetype", sa.String(length=200), nullable=False),
        sa.Column("tone_of_voice", sa.Text(), nullable=False),
        sa.Column("target_audience", sa.Text(), nullable=False),
        sa.Column("competitors", JSON_TYPE, nullable=False),
        sa.Column("brand_handles", JSON_TYPE, nullable=False),
        sa.Column("source_kind", sa.String(length=32), nullable=False),
        sa.Column("spreadsheet_id", sa.String(length=200), nullable=True),
        sa.Column("source_path", sa.Text(), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_analysis_timestamp", sa.DateTime(timezone=True), nullable=True),
        sa.Column("source_fingerprint", sa.String(length=200), nullable=True),
        sa.Column("source_fingerprint_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_checked_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "(source_kind = 'workbook' AND source_path IS NOT NULL) OR "
            "(source_kind = 'google_sheets' AND spreadsheet_id IS NOT NULL)",
            name="ck_fichas_source_ref",
        ),
        sa.CheckConstraint(
            "source_kind IN ('workbook', 'google_sheets')", name="ck_fichas_source_kind"
        ),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("slug"),
    )
    op.create_table(
        "users",
        sa.Column(
            "id",
            ID_TYPE,
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("tenant_id", ID_TYPE, nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("role IN ('admin', 'viewer')", name="ck_users_role"),
        sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email"),
    )
    op.create_table(
        "comments",
        sa.Column(
            "id",
            ID_TYPE,
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("ficha_id", ID_TYPE, nullable=False),
        sa.Column("comment_key", sa.String(length=64), nullable=False),
        sa.Column("post_key", sa.String(length=2048), nullable=False),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("partition_date", sa.Date(), nullable=False),
        sa.Column("is_brand_reply", sa.Boolean(), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["ficha_id"], ["fichas_cliente.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("ficha_id", "comment_key", name="uq_comments_ficha_key"),
    )
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_comments_ficha_partition", ["ficha_id", "partition_date"], unique=False
        )

    op.create_table(
        "posts",
        sa.Column(
            "id",
            ID_TYPE,
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("ficha_id", ID_TYPE, nullable=False),
        sa.Column("post_key", sa.String(length=2048), nullable=False),
        sa.Column("post_url", sa.Text(), nullable=False),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("partition_date", sa.Date(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("likes", sa.BigInteger(), nullable=False),
        sa.Column("comments_count", sa.BigInteger(), nullable=False),
        sa.Column("shares", sa.BigInteger(), nullable=False),
        sa.Column("views", sa.BigInteger(), nullable=True),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "likes >= 0 AND comments_count >= 0 AND shares >= 0 AND (views IS NULL OR views >= 0)",
            name="ck_posts_counts",
        ),
        sa.ForeignKeyConstraint(["ficha_id"], ["fichas_cliente.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("ficha_id", "post_key", name="uq_posts_ficha_key"),
    )
    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_posts_ficha_partition", ["ficha_id", "partition_date"], unique=False
        )

    op.create_table(
        "rejected_rows",
        sa.Column(
            "id",
            ID_TYPE,
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("ficha_id", ID_TYPE, nullable=False),
        sa.Column("sheet", sa.String(length=32), nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.Column("row_hash", sa.String(length=64), nullable=False),
        sa.Column("raw_values", JSON_TYPE, nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["ficha_id"], ["fichas_cliente.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("ficha_id", "sheet", "row_hash", name="uq_rejected_row"),
    )
    op.create_table(
        "social_media_insights",
        sa.Column(
            "id",
            ID_TYPE,
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("ficha_id", ID_TYPE, nullable=False),
        sa.Column("partition_date", sa.Date(), nullable=False),
        sa.Column("run_id", sa.String(length=64), nullable=False),
        sa.Column("analysis_timestamp", sa.DateTime(timezone=True), nullable=False),
        sa.Column("posts_analyzed", sa.Integer(), nullable=False),
        sa.Column("comments_analyzed", sa.Integer(), nullable=False),
        sa.Column("analyzer", sa.String(length=32), nullable=False),
        sa.Column("analysis_version", sa.String(length=200), nullable=False),
        sa.Column("llm_requests", sa.Integer(), nullable=False),
        sa.Column("prompt_tokens", sa.Integer(), nullable=False),
        sa.Column("completion_tokens", sa.Integer(), nullable=False),
        sa.Column("estimated_cost_usd", sa.Float(), nullable=False),
        sa.Column("is_reanalysis", sa.Boolean(), nullable=False),
        sa.Column("superseded_by_run", sa.String(length=64), nullable=True),
        sa.Column("superseded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("q1_result", JSON_TYPE, nullable=False),
        sa.Column("q2_result", JSON_TYPE, nullable=False),
        sa.Column("q3_result", JSON_TYPE, nullable=False),
        sa.Column("q4_result", JSON_TYPE, nullable=False),
        sa.Column("q5_result", JSON_TYPE, nullable=False),
        sa.Column("q6_result", JSON_TYPE, nullable=False),
        sa.Column("q7_result", JSON_TYPE, nullable=False),
        sa.Column("q8_result", JSON_TYPE, nullable=False),
        sa.Column("q9_result", JSON_TYPE, nullable=False),
        sa.Column("q10_result", JSON_TYPE, nullable=False),
        sa.ForeignKeyConstraint(["ficha_id"], ["fichas_cliente.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "ficha_id", "partition_date", "run_id", name="uq_insights_partition_run"
        ),
    )
    with op.batch_alter_table("social_media_insights", schema=None) as batch_op:
        batch_op.create_index(
            "ix_insights_ficha_partition", ["ficha_id", "partition_date"], unique=False
        )

    op.create_table(
        "analyzed_items",
        sa.Column(
            "id",
            ID_TYPE,
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("ficha_id", ID_TYPE, nullable=False),
        sa.Column("item_kind", sa.String(length=8), nullable=False),
        sa.Column("item_key", sa.String(length=2048), nullable=False),
        sa.Column("partition_date", sa.Date(), nullable=False),
        sa.Column("insight_id", ID_TYPE, nullable=False),
        sa.Column("analyzed_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("item_kind IN ('post', 'comment')", name="ck_ledger_kind"),
        sa.ForeignKeyConstraint(["ficha_id"], ["fichas_cliente.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["insight_id"],
            ["social_media_insights.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("ficha_id", "item_kind", "item_key", name="uq_ledger_item"),
    )
    with op.batch_alter_table("analyzed_items", schema=None) as batch_op:
        batch_op.create_index(
            "ix_ledger_ficha_partition", ["ficha_id", "partition_date"], unique=False
        )

    _create_append_only_triggers()


def downgrade() -> None:
    _drop_append_only_triggers()
    with op.batch_alter_table("analyzed_items", schema=None) as batch_op:
        batch_op.drop_index("ix_ledger_ficha_partition")

    op.drop_table("analyzed_items")
    with op.batch_alter_table("social_media_insights", schema=None) as batch_op:
        batch_op.drop_index("ix_insights_ficha_partition")

    op.drop_table("social_media_insights")
    op.drop_table("rejected_rows")
    with op.batch_alter_table("posts", schema=None) as batch_op:
        batch_op.drop_index("ix_posts_ficha_partition")

    op.drop_table("posts")
    with op.batch_alter_table("comments", schema=None) as batch_op:
        batch_op.drop_index("ix_comments_ficha_partition")

    op.drop_table("comments")
    op.drop_table("users")
    op.drop_table("fichas_cliente")
    op.drop_table("tenants")
    op.drop_table("llm_response_cache")
