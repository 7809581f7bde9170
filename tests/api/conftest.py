"""API fixtures: the real app (``create_app``) over a migrated SQLite or PostgreSQL
database, seeded by the pipeline's own code.

Seeding runs what a daily run does for each ficha, minus the Dagster wrapper: the
workbook is read and validated by the source code, stored by ``Warehouse.store_snapshot``,
each pending day's delta analysed by ``DayAnalyzer`` (offline annotator) and appended by
``Warehouse.append_insight``. Two brand tenants, each with a viewer and a ficha, and the
agency's admin.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from pixely_api import admin
from pixely_api.app.main import create_app
from pixely_api.models import FichaCliente
from pixely_api.settings import Settings, get_settings
from pixely_dagster.analysis.day_analyzer import DayAnalyzer
from pixely_dagster.analysis.offline import OfflineAnnotator
from pixely_dagster.sources.factory import open_source, validation_rules
from pixely_dagster.sources.validation import validate_workbook
from pixely_dagster.warehouse import AppendOutcome, Warehouse, brand_context
from tests.pipeline.conftest import Dataset, standard_dataset
from tests.support.workbooks import write_workbook

PASSWORD = "correct-horse-42"
ADMIN = "admin@pixely.test"


TEST_SECRET = "a-test-only-secret-key-of-forty-characters"


def api_settings(**changes: object) -> Settings:
    """The environment's settings (the test database) with a proper secret key, and no
    landing-view warmer unless asked (it reads in the background while tests write)."""
    update = {"secret_key": SecretStr(TEST_SECRET), "api_warm_seconds": 0, **changes}
    return get_settings().model_copy(update=update)


def viewer_email(tenant: str) -> str:
    return f"viewer@{tenant}.test"


def create_brand(engine: Engine, tenant: str) -> None:
    """A tenant with one viewer."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        admin.create_tenant(session, tenant.title(), tenant)
        admin.create_user(session, viewer_email(tenant), tenant, "viewer", PASSWORD)


def create_agency(engine: Engine) -> None:
    with Session(engine, expire_on_commit=False) as session, session.begin():
        admin.create_tenant(session, "Pixely Partners", "pixely-partners")
        admin.create_user(session, ADMIN, "pixely-partners", "admin", PASSWORD)


def seed_ficha(engine: Engine, root: Path, tenant: str, slug: str, dataset: Dataset) -> int:
    """A ficha backed by a workbook of ``dataset``, read and analysed like a daily run."""
    path = write_workbook(root / f"{slug}.xlsx", dataset.posts, dataset.comments)
    with Session(engine, expire_on_commit=False) as session, session.begin():
        ficha = admin.create_ficha(
            session,
            admin.FichaSpec(
                name=f"Ficha {slug}",
                tenant_slug=tenant,
                slug=slug,
                source_path=str(path),
                timezone=dataset.timezone,
                brand_handles=["instagram:@acme"],
            ),
        )
    snapshot(engine, ficha)
    analyse_pending(engine, ficha, "seed-run")
    return ficha.id


def snapshot(engine: Engine, ficha: FichaCliente) -> None:
    """The source read once and stored (what ``sheet_posts`` does)."""
    from pixely_api.clock import utcnow

    validated = validate_workbook(open_source(ficha).read(), validation_rules(ficha))
    Warehouse(engine).store_snapshot(ficha.id, validated, utcnow())


def analyse_pending(
    engine: Engine, ficha: FichaCliente, run_id: str, *, reanalysis: bool = False
) -> list[AppendOutcome]:
    """Every day with new items (every day, for a re-analysis) analysed and appended."""
    warehouse = Warehouse(engine)
    analyzer = DayAnalyzer(annotator=OfflineAnnotator(), context=brand_context(ficha))
    days = warehouse.pending_dates(ficha.id)
    outcomes = []
    for day in days:
        delta = warehouse.load_delta(ficha.id, day, everything=reanalysis)
        outcomes.append(
            warehouse.append_insight(
                delta, run_id, analyzer, payload=analyzer(delta), reanalysis=reanalysis
            )
        )
    return outcomes


@dataclass
class World:
    """Two brand tenants (``north``, ``south``), each a viewer and a ficha, and the admin."""

    client: TestClient
    engine: Engine
    fichas: dict[str, int]
    tokens: dict[str, str] = field(default_factory=dict)

    def token(self, email: str, password: str = PASSWORD) -> str:
        """A fresh login's token."""
        answer = self.client.post("/auth/token", data={"username": email, "password": password})
        assert answer.status_code == 200, answer.text
        return str(answer.json()["access_token"])

    def headers(self, email: str) -> dict[str, str]:
        """A bearer header for ``email``, logging in once per test."""
        if email not in self.tokens:
            self.tokens[email] = self.token(email)
        return {"Authorization": f"Bearer {self.tokens[email]}"}


@pytest.fixture
def world(engine: Engine, database_url: str, tmp_path: Path) -> Iterator[World]:
    create_agency(engine)
    fichas = {}
    for tenant in ("north", "south"):
        create_brand(engine, tenant)
        fichas[tenant] = seed_ficha(engine, tmp_path, tenant, f"{tenant}-cafe", standard_dataset())
    # The tests write through the pipeline between reads, faster than the API's recheck
    # interval; test_recent.py and the tests that set it measure that interval.
    app = create_app(api_settings(api_recheck_seconds=0))
    with TestClient(app) as client:
        yield World(client=client, engine=engine, fichas=fichas)
