"""Dagster resources: the warehouse, the ficha sources and the analyzer.

Plain typed fields, wired with ``dg.EnvVar`` in ``defs/resources.py``; the embedded
default (SQLite, local workbooks, offline analyzer) needs no configuration at all.
"""

import dagster as dg
from pydantic import PrivateAttr

from pixely_api.db import make_engine
from pixely_api.models import FichaCliente
from pixely_api.settings import database_url
from pixely_dagster.analysis.annotation import Annotator
from pixely_dagster.sources.factory import open_source
from pixely_dagster.sources.raw import SourceReader
from pixely_dagster.warehouse import Warehouse

DATABASE_KIND = "postgres" if database_url().startswith("postgresql") else "sqlite"
"""The Dagster ``kind`` of the tables the pipeline writes."""


class WarehouseResource(dg.ConfigurableResource):
    """The product database (``PIXELY_DATABASE_URL``; SQLite under ``.pixely/`` when unset)."""

    database_url: str = ""
    _warehouse: Warehouse | None = PrivateAttr(default=None)

    @property
    def url(self) -> str:
        return self.database_url or database_url()

    def get(self) -> Warehouse:
        if self._warehouse is None:
            self._warehouse = Warehouse(make_engine(self.url))
        return self._warehouse

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._warehouse is not None:
            self._warehouse.engine.dispose()
            self._warehouse = None


class SourceResource(dg.ConfigurableResource):
    """Opens a ficha's source: a local workbook, or its Google Sheet through a service
    account (``GOOGLE_APPLICATION_CREDENTIALS``)."""

    google_credentials_path: str = ""

    def reader_for(self, ficha: FichaCliente) -> SourceReader:
        return open_source(ficha, self.google_credentials_path or None)


class AnalyzerResource(dg.ConfigurableResource):
    """Which analyzer reads the comments (``PIXELY_ANALYZER``): ``offline`` rules, the
    embedded default, or ``openai``."""

    analyzer: str = "offline"

    def make_annotator(self) -> Annotator:
        if self.analyzer != "offline":
            raise dg.Failure(f"PIXELY_ANALYZER={self.analyzer!r} is not available; use 'offline'")
        from pixely_dagster.analysis.offline import OfflineAnnotator

        return OfflineAnnotator()
