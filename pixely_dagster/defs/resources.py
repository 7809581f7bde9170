"""Resources and the executor: the one place the environment is wired into Dagster.

Resources are ``ConfigurableResource`` classes with plain typed fields. A variable that
is set reaches them as an unresolved ``dg.EnvVar``: Dagster reads it at run time and the
UI shows only its name, so a database password never becomes visible config. A
variable that is unset is not passed at all and the resource uses the embedded default
(SQLite under the Pixely home, local workbooks, the offline analyzer).
"""

import dagster as dg
from pydantic import PrivateAttr
from sqlalchemy import Engine

from pixely_api.db import make_engine
from pixely_api.models import FichaCliente
from pixely_api.settings import get_settings
from pixely_dagster.analysis.annotation import Annotator
from pixely_dagster.analysis.choose import AnalyzerUnavailableError, make_annotator
from pixely_dagster.sources.factory import open_source
from pixely_dagster.sources.raw import SourceReader
from pixely_dagster.warehouse import Warehouse

DATABASE_KIND = "postgres" if get_settings().database_url.startswith("postgresql") else "sqlite"
"""The Dagster ``kind`` of the tables the pipeline writes."""


def resolved(value: str) -> str:
    """A field's value; an ``EnvVar`` not yet resolved by a run (the CLI uses resources
    outside runs) is read from the environment here."""
    return value.get_value("") or "" if isinstance(value, dg.EnvVar) else value


class WarehouseResource(dg.ConfigurableResource):
    """The product database (``PIXELY_DATABASE_URL``; SQLite under the Pixely home when unset)."""

    database_url: str = ""
    _warehouse: Warehouse | None = PrivateAttr(default=None)

    @property
    def url(self) -> str:
        return resolved(self.database_url) or get_settings().database_url

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
        return open_source(ficha, resolved(self.google_credentials_path) or None)


class AnalyzerResource(dg.ConfigurableResource):
    """Which analyzer reads the comments (``PIXELY_ANALYZER``, ``auto`` already decided):
    ``offline`` rules, the embedded default, or ``openai``. The key and the server's URL
    arrive as unresolved ``EnvVar``s, so neither is ever shown as config."""

    analyzer: str = "offline"
    openai_api_key: str = ""
    openai_base_url: str = ""
    openai_model: str = "gpt-5-nano"
    openai_timeout_seconds: float = 120.0
    max_tokens_per_run: int = 0

    def make_annotator(self, engine: Engine | None = None) -> Annotator:
        """A fresh annotator for one run; ``engine`` holds the OpenAI response cache."""
        try:
            return make_annotator(
                self.analyzer,
                api_key=resolved(self.openai_api_key),
                model=self.openai_model,
                base_url=resolved(self.openai_base_url),
                timeout_seconds=self.openai_timeout_seconds,
                max_tokens_per_run=self.max_tokens_per_run or None,
                engine=engine,
            )
        except AnalyzerUnavailableError as unavailable:
            raise dg.Failure(f"PIXELY_ANALYZER={self.analyzer}: {unavailable}") from None


def _from_environment(field: str, variable: str, is_set: bool) -> dict[str, dg.EnvVar]:
    """``{field: EnvVar(variable)}`` when the variable is set, else nothing (the default)."""
    return {field: dg.EnvVar(variable)} if is_set else {}


@dg.definitions
def resources() -> dg.Definitions:
    """Every job runs in-process: one partition range of the 13-asset graph takes seconds
    here, against about a minute with a process per step on two cores (README, Pipeline)."""
    settings = get_settings()
    return dg.Definitions(
        resources={
            "warehouse": WarehouseResource(
                **_from_environment(
                    "database_url", "PIXELY_DATABASE_URL", bool(settings.database_url_value)
                )
            ),
            "sources": SourceResource(
                **_from_environment(
                    "google_credentials_path",
                    "GOOGLE_APPLICATION_CREDENTIALS",
                    bool(settings.google_application_credentials),
                )
            ),
            "analyzer": AnalyzerResource(
                analyzer=settings.chosen_analyzer,
                openai_model=settings.openai_model,
                openai_timeout_seconds=settings.openai_timeout_seconds,
                max_tokens_per_run=settings.max_tokens_per_run or 0,
                **_from_environment("openai_api_key", "OPENAI_API_KEY", settings.has_openai_key),
                **_from_environment(
                    "openai_base_url", "OPENAI_BASE_URL", bool(settings.openai_base_url)
                ),
            ),
        },
        executor=dg.in_process_executor,
    )
