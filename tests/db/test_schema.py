"""The schema's constraints hold on both backends."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from pixely_api.models import AnalyzedItem, FichaCliente, SocialMediaInsight, Tenant, User


def _tenant_and_ficha(session: Session) -> FichaCliente:
    tenant = Tenant(name="Acme", slug="acme")
    session.add(tenant)
    session.flush()
    ficha = FichaCliente(
        tenant_id=tenant.id,
        name="Acme",
        slug="acme",
        source_kind="workbook",
        source_path="/tmp/acme.xlsx",
        timezone="America/Lima",
    )
    session.add(ficha)
    session.flush()
    return ficha


def _insight(ficha_id: int, run_id: str = "run-1") -> SocialMediaInsight:
    empty: dict[str, object] = {}
    return SocialMediaInsight(
        ficha_id=ficha_id,
        partition_date=date(2025, 3, 1),
        run_id=run_id,
        analyzer="offline",
        analysis_version="offline-test",
        **{f"q{i}_result": empty for i in range(1, 11)},
    )


def test_migration_reaches_head(engine: Engine) -> None:
    with engine.connect() as connection:
        assert (
            connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0002"
        )


def test_duplicate_tenant_slug_rejected(session: Session) -> None:
    session.add(Tenant(name="A", slug="same"))
    session.flush()
    session.add(Tenant(name="B", slug="same"))
    with pytest.raises(IntegrityError):
        session.flush()


def test_duplicate_email_rejected(session: Session) -> None:
    ficha = _tenant_and_ficha(session)
    for _ in range(2):
        session.add(
            User(tenant_id=ficha.tenant_id, email="a@b.pe", password_hash="x", role="viewer")
        )
    with pytest.raises(IntegrityError):
        session.flush()


def test_unknown_role_rejected(session: Session) -> None:
    ficha = _tenant_and_ficha(session)
    session.add(User(tenant_id=ficha.tenant_id, email="a@b.pe", password_hash="x", role="root"))
    with pytest.raises(IntegrityError):
        session.flush()


def test_ficha_needs_its_source_reference(session: Session) -> None:
    tenant = Tenant(name="Acme", slug="acme")
    session.add(tenant)
    session.flush()
    session.add(
        FichaCliente(
            tenant_id=tenant.id, name="X", slug="x", source_kind="google_sheets", timezone="UTC"
        )
    )
    with pytest.raises(IntegrityError):
        session.flush()


def test_ledger_identity_is_unique_per_ficha(session: Session) -> None:
    ficha = _tenant_and_ficha(session)
    insight = _insight(ficha.id)
    session.add(insight)
    session.flush()
    for _ in range(2):
        session.add(
            AnalyzedItem(
                ficha_id=ficha.id,
                item_kind="comment",
                item_key="k" * 64,
                partition_date=date(2025, 3, 1),
                insight_id=insight.id,
            )
        )
    with pytest.raises(IntegrityError):
        session.flush()


def test_insights_are_append_only(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        ficha = _tenant_and_ficha(session)
        session.add(_insight(ficha.id))
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
        connection.execute(update(SocialMediaInsight).values(posts_analyzed=99))
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
        connection.execute(text("DELETE FROM social_media_insights"))


def test_superseded_mark_is_set_once(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        ficha = _tenant_and_ficha(session)
        session.add(_insight(ficha.id))
    mark = {"superseded_by_run": "run-2", "superseded_at": datetime(2025, 3, 2, tzinfo=UTC)}
    with engine.begin() as connection:
        connection.execute(update(SocialMediaInsight).values(**mark))
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
        connection.execute(update(SocialMediaInsight).values(superseded_by_run="run-3"))
    with engine.connect() as connection:
        assert connection.scalar(select(SocialMediaInsight.superseded_by_run)) == "run-2"


def test_times_come_back_aware_utc(session: Session) -> None:
    ficha = _tenant_and_ficha(session)
    ficha.last_checked_at = datetime(2025, 3, 1, 6, 0, tzinfo=UTC)
    session.flush()
    session.expire_all()
    stored = session.get(FichaCliente, ficha.id)
    assert stored is not None and stored.last_checked_at == datetime(2025, 3, 1, 6, 0, tzinfo=UTC)
    assert stored.last_checked_at.tzinfo is not None


def test_the_migrations_build_exactly_the_models_tables(engine: Engine) -> None:
    """Alembic's own comparison of the migrated database with the ORM models finds no
    table, column or index that one has and the other lacks."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from pixely_api.models import Base

    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": False, "compare_server_default": False}
        )
        differences = [
            d
            for d in compare_metadata(context, Base.metadata)
            if not (isinstance(d, tuple) and d[0] in ("add_fk", "remove_fk"))
        ]
    assert differences == []
