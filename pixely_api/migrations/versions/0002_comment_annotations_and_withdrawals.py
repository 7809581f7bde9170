"""comment annotations and withdrawn source items

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01

- ``comment_annotations``: how the analyzer read each comment, written with its insights
  row in the same transaction and current exactly while that row is (the drill-down from
  any figure to the comments behind it reads it).
- ``comments.withdrawn_at`` / ``withdrawn_by``: a comment that a later snapshot no longer
  finds (edited or deleted in the sheet) is kept but stops counting.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID_TYPE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
JSON_TYPE = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "comment_annotations",
        sa.Column("id", ID_TYPE, autoincrement=True, nullable=False),
        sa.Column("ficha_id", ID_TYPE, nullable=False),
        sa.Column("insight_id", ID_TYPE, nullable=False),
        sa.Column("comment_key", sa.String(length=64), nullable=False),
        sa.Column("post_key", sa.String(length=2048), nullable=False),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("partition_date", sa.Date(), nullable=False),
        sa.Column("sentiment", sa.String(length=16), nullable=False),
        sa.Column("polarity", sa.Float(), nullable=False),
        sa.Column("dominant_emotion", sa.String(length=16), nullable=True),
        sa.Column("emotions", JSON_TYPE, nullable=False),
        sa.Column("topics", JSON_TYPE, nullable=False),
        sa.Column("frame", sa.String(length=16), nullable=True),
        sa.Column("flags", JSON_TYPE, nullable=False),
        sa.Column("annotator", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["ficha_id"], ["fichas_cliente.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["insight_id"], ["social_media_insights.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("insight_id", "comment_key", name="uq_annotation_insight_comment"),
    )
    with op.batch_alter_table("comment_annotations") as batch_op:
        batch_op.create_index(
            "ix_annotations_ficha_partition", ["ficha_id", "partition_date"], unique=False
        )
    with op.batch_alter_table("comments") as batch_op:
        batch_op.add_column(sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("withdrawn_by", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("comments") as batch_op:
        batch_op.drop_column("withdrawn_by")
        batch_op.drop_column("withdrawn_at")
    op.drop_table("comment_annotations")
