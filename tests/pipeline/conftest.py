"""Pipeline fixtures: a real Dagster instance, a migrated product database (SQLite and
PostgreSQL, from ``tests/conftest.py``), fichas whose sources are workbooks written into
``tmp_path``, and helpers that materialize the real assets and read back what they wrote.

Nothing of the project is mocked: the workbooks are read by ``LocalFileReader``, the
comments are read by the offline annotator, and rows land in the real tables.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import dagster as dg
import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from pixely_api import admin
from pixely_api.models import AnalyzedItem, FichaCliente, SocialMediaInsight, Tenant
from pixely_dagster.defs.partitions import REANALYZE_TAG, client_day_key, range_tags
from pixely_dagster.defs.resources import AnalyzerResource, SourceResource, WarehouseResource
from pixely_dagster.sources.identity import comment_key, normalize_post_url
from pixely_dagster.warehouse import Warehouse
from tests.support.workbooks import CommentRow, PostRow, write_workbook

TIMEZONE = "America/Lima"
BRAND_HANDLE = "instagram:@acme"
INSIGHTS = dg.AssetKey("social_media_insights")
D3, D4, D5 = date(2025, 3, 3), date(2025, 3, 4), date(2025, 3, 5)


def local_day(created_at: str, timezone: str = TIMEZONE) -> date:
    """The calendar day of an ISO 8601 cell in the ficha's zone (naive = that zone)."""
    moment = datetime.fromisoformat(created_at)
    zone = ZoneInfo(timezone)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(zone).date()


@dataclass
class Dataset:
    """A ficha's sheet content, with what the tests expect of it."""

    posts: list[PostRow]
    comments: list[CommentRow]
    brand: frozenset[tuple[str, str]] = frozenset({("instagram", "acme")})
    timezone: str = TIMEZONE

    def _platform(self, post_url: str) -> str:
        return next(p.platform for p in self.posts if p.post_url == post_url).lower()

    def is_brand_reply(self, comment: CommentRow) -> bool:
        author = comment.owner_username.strip().lower().lstrip("@")
        return (self._platform(comment.post_url), author) in self.brand

    @property
    def audience(self) -> list[CommentRow]:
        return [c for c in self.comments if not self.is_brand_reply(c)]

    @property
    def brand_replies(self) -> list[CommentRow]:
        return [c for c in self.comments if self.is_brand_reply(c)]

    def audience_on(self, day: date) -> list[CommentRow]:
        return [c for c in self.audience if local_day(c.created_at, self.timezone) == day]

    def posts_on(self, day: date) -> list[PostRow]:
        return [p for p in self.posts if local_day(p.created_at, self.timezone) == day]

    @property
    def days(self) -> list[date]:
        items = [p.created_at for p in self.posts] + [c.created_at for c in self.audience]
        return sorted({local_day(s, self.timezone) for s in items})

    def key_of(self, comment: CommentRow) -> str:
        """The comment's ledger identity (DESIGN.md §3), computed from the cells."""
        moment = datetime.fromisoformat(comment.created_at)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=ZoneInfo(self.timezone))
        return comment_key(
            normalize_post_url(comment.post_url),
            comment.owner_username,
            moment,
            comment.comment_text,
        )


IG = "https://www.instagram.com/p/acme-001/"
TT = "https://www.tiktok.com/@acme/video/002"
FB = "https://www.facebook.com/acme/posts/003"


def standard_dataset() -> Dataset:
    """Three posts over 3–5 March 2025 (Lima), 20 comments: 18 from the audience and two
    brand replies by @acme on Instagram."""
    posts = [
        PostRow(IG, "instagram", "2025-03-03T09:00:00", "Nuevo café de altura", 120, 8, 4),
        PostRow(TT, "TikTok", "2025-03-04T12:00:00", "Cómo preparamos el espresso", 300, 7, 9),
        PostRow(FB, "facebook", "2025-03-05T18:00:00", "Promo de fin de semana", 45, 5, 1, 900),
    ]
    comments = [
        CommentRow(IG, "¡Me encanta este café! Delicioso", "@ana", "2025-03-03T09:30:00"),
        CommentRow(IG, "¿Cuánto cuesta la bolsa de 250 g?", "beto", "2025-03-03T10:05:00"),
        CommentRow(IG, "Gracias Ana, ¡nos alegra!", "@Acme", "2025-03-03T10:10:00"),
        CommentRow(IG, "Llegó frío y tarde, muy mala atención", "carla", "2025-03-03T14:00:00"),
        CommentRow(IG, "Lo siento Carla, te escribimos por DM", "acme", "2025-03-03T14:20:00"),
        CommentRow(IG, "El mejor café de Lima, sin duda", "dani", "2025-03-03T20:00:00"),
        CommentRow(IG, "Quiero probarlo el sábado", "eva", "2025-03-04T08:00:00"),
        CommentRow(TT, "Qué buena técnica, se ve increíble", "fer", "2025-03-04T12:30:00"),
        CommentRow(TT, "¿Venden la máquina también?", "gabi", "2025-03-04T13:00:00"),
        CommentRow(TT, "Muy caro para lo que es", "hugo", "2025-03-04T15:45:00"),
        CommentRow(TT, "Me da miedo que se acabe la promo", "ines", "2025-03-04T18:00:00"),
        CommentRow(TT, "Excelente servicio, siempre confiable", "juan", "2025-03-04T21:10:00"),
        CommentRow(TT, "jajaja qué sorpresa verlos aquí", "kari", "2025-03-05T07:00:00"),
        CommentRow(FB, "¿Hasta cuándo es la promo?", "luis", "2025-03-05T18:30:00"),
        CommentRow(FB, "Pésimo, nunca respondieron mi reclamo", "maria", "2025-03-05T19:00:00"),
        CommentRow(FB, "Me encanta la promo, gracias", "nico", "2025-03-05T19:30:00"),
        CommentRow(FB, "Ya compré dos, llegan mañana", "olga", "2025-03-05T20:00:00"),
        CommentRow(FB, "Triste que no haya en Arequipa", "pepe", "2025-03-05T21:00:00"),
        CommentRow(FB, "@ana mira esto, vamos juntas", "quique", "2025-03-05T22:00:00"),
        CommentRow(IG, "Sigue siendo mi favorito", "rosa", "2025-03-05T23:00:00"),
    ]
    return Dataset(posts, comments)


def pipeline_assets() -> list[dg.AssetsDefinition]:
    """The real assets: ``sheet_posts``, ``new_posts`` and the ``analysis`` multi-asset."""
    from pixely_dagster.defs.delta import new_posts
    from pixely_dagster.defs.insight_modules import analysis
    from pixely_dagster.defs.sources import sheet_posts

    return [sheet_posts, new_posts, analysis]


def insights_metadata(result: dg.ExecuteInProcessResult) -> dict[str, object]:
    """The ``social_media_insights`` materialization metadata of a run, as plain values."""
    for event in result.get_asset_materialization_events():
        materialization = event.step_materialization_data.materialization
        if materialization.asset_key == INSIGHTS:
            return {k: v.value for k, v in materialization.metadata.items()}
    raise AssertionError(f"run {result.run_id} materialized no social_media_insights")


@dataclass
class Pipeline:
    """One test's product database, Dagster instance and fichas."""

    instance: dg.DagsterInstance
    engine: Engine
    database_url: str
    root: Path
    warehouse: Warehouse = field(init=False)
    datasets: dict[str, Dataset] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.warehouse = Warehouse(self.engine)

    # -- setup ----------------------------------------------------------------------

    @staticmethod
    def resources_for(database_url: str) -> dict[str, object]:
        return {
            "warehouse": WarehouseResource(database_url=database_url),
            "sources": SourceResource(),
            "analyzer": AnalyzerResource(),
        }

    @property
    def resources(self) -> dict[str, object]:
        return self.resources_for(self.database_url)

    def workbook(self, slug: str) -> Path:
        return self.root / f"{slug}.xlsx"

    def write_source(self, slug: str, dataset: Dataset) -> Path:
        self.datasets[slug] = dataset
        return write_workbook(self.workbook(slug), dataset.posts, dataset.comments)

    def create_ficha(
        self,
        slug: str,
        dataset: Dataset,
        *,
        register: bool = True,
        brand_handles: Sequence[str] = (BRAND_HANDLE,),
    ) -> FichaCliente:
        path = self.write_source(slug, dataset)
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            tenant = session.scalar(select(Tenant).where(Tenant.slug == "brands"))
            if tenant is None:
                admin.create_tenant(session, "Brands", "brands")
            ficha = admin.create_ficha(
                session,
                admin.FichaSpec(
                    name=f"Ficha {slug}",
                    tenant_slug="brands",
                    slug=slug,
                    source_path=str(path),
                    timezone=dataset.timezone,
                    industry="Café",
                    brand_handles=list(brand_handles),
                ),
            )
        if register:
            self.instance.add_dynamic_partitions("clients", [slug])
        return ficha

    # -- runs -----------------------------------------------------------------------

    def snapshot(self, slug: str) -> dg.ExecuteInProcessResult:
        """Materialize ``sheet_posts[slug]``: the one read of the ficha's source."""
        return dg.materialize(
            pipeline_assets(),
            selection=["sheet_posts"],
            instance=self.instance,
            partition_key=slug,
            resources=self.resources,
        )

    def analyse(
        self,
        slug: str,
        first: date,
        last: date,
        *,
        reanalyze: bool = False,
        raise_on_error: bool = True,
        tags: dict[str, str] | None = None,
    ) -> dg.ExecuteInProcessResult:
        """ONE run of the analysis assets over ``first``…``last`` for ``slug``."""
        run_tags = {**range_tags(slug, first, last), **(tags or {})}
        if reanalyze:
            run_tags[REANALYZE_TAG] = "true"
        return dg.materialize(
            pipeline_assets(),
            selection=dg.AssetSelection.groups("analysis"),
            instance=self.instance,
            tags=run_tags,
            resources=self.resources,
            raise_on_error=raise_on_error,
        )

    # -- reads ----------------------------------------------------------------------

    def ficha(self, slug: str) -> FichaCliente:
        return self.warehouse.ficha(slug)

    def rows(self, slug: str) -> list[SocialMediaInsight]:
        """Every insight row of the ficha, superseded or not, oldest first."""
        with Session(self.engine) as session:
            return list(
                session.scalars(
                    select(SocialMediaInsight)
                    .where(SocialMediaInsight.ficha_id == self.ficha(slug).id)
                    .order_by(SocialMediaInsight.id)
                )
            )

    def current_rows(self, slug: str) -> list[SocialMediaInsight]:
        return [r for r in self.rows(slug) if r.superseded_by_run is None]

    def ledger(self, slug: str) -> list[AnalyzedItem]:
        with Session(self.engine) as session:
            return list(
                session.scalars(
                    select(AnalyzedItem).where(AnalyzedItem.ficha_id == self.ficha(slug).id)
                )
            )

    def count(self, model: type, slug: str) -> int:
        with Session(self.engine) as session:
            return int(
                session.scalar(
                    select(func.count())
                    .select_from(model)
                    .where(
                        model.ficha_id == self.ficha(slug).id  # type: ignore[attr-defined]
                    )
                )
                or 0
            )

    def assert_exactly_once(self, slug: str) -> None:
        """Every audience comment and every post counted once, over non-superseded rows,
        and each row's counts are exactly its own ledger entries."""
        dataset = self.datasets[slug]
        current = self.current_rows(slug)
        ledger = self.ledger(slug)
        assert sum(r.comments_analyzed for r in current) == len(dataset.audience)
        assert sum(r.posts_analyzed for r in current) == len(dataset.posts)
        comment_keys = [i.item_key for i in ledger if i.item_kind == "comment"]
        assert sorted(comment_keys) == sorted(dataset.key_of(c) for c in dataset.audience)
        assert sorted(i.item_key for i in ledger if i.item_kind == "post") == sorted(
            normalize_post_url(p.post_url) for p in dataset.posts
        )
        totals = self.warehouse.ledger_totals(self.ficha(slug).id)
        assert totals == {
            "ledger_posts": len(dataset.posts),
            "ledger_comments": len(dataset.audience),
            "insight_posts": len(dataset.posts),
            "insight_comments": len(dataset.audience),
        }
        by_row: dict[int, tuple[int, int]] = {}
        for item in ledger:
            posts, comments = by_row.get(item.insight_id, (0, 0))
            if item.item_kind == "post":
                posts += 1
            else:
                comments += 1
            by_row[item.insight_id] = (posts, comments)
        assert {r.id: (r.posts_analyzed, r.comments_analyzed) for r in current} == by_row

    def analysed_partitions(self) -> set[str]:
        return set(self.instance.get_materialized_partitions(INSIGHTS))

    @staticmethod
    def keys(slug: str, days: Sequence[date]) -> set[str]:
        return {client_day_key(slug, day) for day in days}


@pytest.fixture
def instance() -> Iterator[dg.DagsterInstance]:
    """A persistent Dagster instance in a temporary ``DAGSTER_HOME`` (SQLite storage)."""
    with dg.instance_for_test() as instance:
        yield instance


@pytest.fixture
def pipeline(
    instance: dg.DagsterInstance, engine: Engine, database_url: str, tmp_path: Path
) -> Pipeline:
    return Pipeline(instance=instance, engine=engine, database_url=database_url, root=tmp_path)


@pytest.fixture(scope="session")
def definitions() -> dg.Definitions:
    """The code location, loaded once (resources are passed to each context explicitly)."""
    from pixely_dagster.definitions import defs

    return defs()
