"""Alerts reach people: a real webhook on loopback, the freshness rule, and failures."""

from datetime import timedelta

import dagster as dg
import pytest
from sqlalchemy import Engine, update
from sqlalchemy.orm import Session

from pixely_api import admin
from pixely_api.clock import utcnow
from pixely_api.models import FichaCliente
from pixely_dagster.alerts import send_alert
from pixely_dagster.defs.automation import freshness_sensor
from pixely_dagster.defs.resources import WarehouseResource


def test_alert_is_posted_to_the_webhook(webhook: tuple[str, list[dict[str, str]]]) -> None:
    url, received = webhook
    assert send_alert("run 1 failed", url) is True
    assert received == [{"text": "run 1 failed"}]


def test_unreachable_webhook_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    assert send_alert("run 2 failed", "http://127.0.0.1:9/nothing-listens") is False
    assert "run 2 failed" in caplog.text
    assert "alert webhook" in caplog.text


def _ficha(session: Session, slug: str, tmp_source: str) -> FichaCliente:
    return admin.create_ficha(
        session, admin.FichaSpec(name=slug, tenant_slug="acme", slug=slug, source_path=tmp_source)
    )


def test_freshness_alerts_only_on_fichas_the_orchestrator_stopped_checking(
    engine: Engine,
    database_url: str,
    webhook: tuple[str, list[dict[str, str]]],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: object,
) -> None:
    url, received = webhook
    monkeypatch.setenv("PIXELY_ALERT_WEBHOOK", url)
    now = utcnow()
    with Session(engine) as session, session.begin():
        admin.create_tenant(session, "Acme", "acme")
        stale = _ficha(session, "stale", str(tmp_path))
        quiet = _ficha(session, "quiet", str(tmp_path))
        stale_id, quiet_id = stale.id, quiet.id
    with engine.begin() as connection:
        connection.execute(
            update(FichaCliente)
            .where(FichaCliente.id == stale_id)
            .values(last_checked_at=now - timedelta(hours=26))
        )
        connection.execute(
            update(FichaCliente)
            .where(FichaCliente.id == quiet_id)
            .values(last_checked_at=now - timedelta(hours=2))
        )
    resources = {"warehouse": WarehouseResource(database_url=database_url)}
    with dg.build_sensor_context(resources=resources) as context:
        result = freshness_sensor(context)
    assert isinstance(result, dg.SkipReason)
    assert "stale" in (result.skip_message or "") and "quiet" not in (result.skip_message or "")
    assert len(received) == 1 and "stale" in received[0]["text"]
    assert "quiet" not in received[0]["text"]

    with engine.begin() as connection:
        connection.execute(
            update(FichaCliente).where(FichaCliente.id == stale_id).values(last_checked_at=now)
        )
    with dg.build_sensor_context(resources=resources) as context:
        fresh = freshness_sensor(context)
    assert isinstance(fresh, dg.SkipReason)
    assert "every active ficha was checked" in (fresh.skip_message or "")
    assert len(received) == 1
