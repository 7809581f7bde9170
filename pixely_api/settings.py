"""Configuration: one typed :class:`Settings` read from the environment.

Every variable of ``.env.example`` is a field here, validated when it is read; a bad
value is a :class:`SettingsError` whose message is one line naming the variable and
what it must look like. Code asks :func:`get_settings` and never reads ``os.environ``
itself. An empty variable means its default (``.env.example`` lists them empty).
"""

import os
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

DEFAULT_TIMEZONE = "America/Lima"
DEFAULT_START_DATE = date(2025, 1, 1)
DEFAULT_SCHEDULE = "0 6 * * *"
EXAMPLE_SECRET_KEYS = frozenset({"", "change-me", "changeme", "secret"})
"""``SECRET_KEY`` values the API refuses with ``PIXELY_ENV=production``."""

_CHECKOUT = Path(__file__).resolve().parents[1]
_CRON_FIELD = re.compile(r"^(\*|\d+(-\d+)?)(/\d+)?(,(\*|\d+(-\d+)?)(/\d+)?)*$")
_CRON_RANGES = ((0, 59), (0, 23), (1, 31), (1, 12), (0, 7))


class SettingsError(ValueError):
    """A variable of the environment is not usable; the message is one line."""


def _env(name: str) -> AliasChoices:
    return AliasChoices(name)


def valid_cron(expression: str) -> bool:
    """Five fields of numbers, ``*``, ranges, lists and steps within their bounds."""
    fields = expression.split()
    if len(fields) != 5:
        return False
    for text, (low, high) in zip(fields, _CRON_RANGES, strict=True):
        if not _CRON_FIELD.match(text):
            return False
        numbers = [int(n) for n in re.findall(r"\d+", re.sub(r"/\d+", "", text))]
        if any(not low <= n <= high for n in numbers):
            return False
    return True


def _http_url(name: str, value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"{name} {value!r} is not an http(s) URL")
    return value.rstrip("/")


class Settings(BaseSettings):
    """The product's configuration (see ``.env.example`` for each variable)."""

    model_config = SettingsConfigDict(
        env_ignore_empty=True, extra="ignore", frozen=True, populate_by_name=False
    )

    home: Path | None = Field(default=None, validation_alias=_env("PIXELY_HOME"))
    database_url_value: str = Field(default="", validation_alias=_env("PIXELY_DATABASE_URL"))
    dagster_home: Path | None = Field(default=None, validation_alias=_env("DAGSTER_HOME"))
    analyzer: Literal["offline", "openai", "auto"] = Field(
        default="offline", validation_alias=_env("PIXELY_ANALYZER")
    )
    openai_api_key: SecretStr | None = Field(default=None, validation_alias=_env("OPENAI_API_KEY"))
    openai_model: str = Field(default="gpt-5-nano", validation_alias=_env("OPENAI_MODEL"))
    openai_base_url: str | None = Field(default=None, validation_alias=_env("OPENAI_BASE_URL"))
    openai_timeout_seconds: float = Field(
        default=120.0, gt=0, le=3600, validation_alias=_env("OPENAI_TIMEOUT_SECONDS")
    )
    max_tokens_per_run: int | None = Field(
        default=None, gt=0, validation_alias=_env("PIXELY_MAX_TOKENS_PER_RUN")
    )
    secret_key: SecretStr = Field(
        default=SecretStr("change-me"), validation_alias=_env("SECRET_KEY")
    )
    algorithm: Literal["HS256"] = Field(default="HS256", validation_alias=_env("ALGORITHM"))
    access_token_expire_minutes: int = Field(
        default=30, gt=0, le=24 * 60, validation_alias=_env("ACCESS_TOKEN_EXPIRE_MINUTES")
    )
    api_recheck_seconds: float = Field(
        default=1.0, ge=0, le=60, validation_alias=_env("PIXELY_API_RECHECK_SECONDS")
    )
    api_warm_seconds: float = Field(
        default=60.0, ge=0, le=86400, validation_alias=_env("PIXELY_API_WARM_SECONDS")
    )
    orchestrator_schedule: str = Field(
        default=DEFAULT_SCHEDULE, validation_alias=_env("ORCHESTRATOR_SCHEDULE")
    )
    timezone: str = Field(default=DEFAULT_TIMEZONE, validation_alias=_env("PIXELY_TIMEZONE"))
    start_date: date = Field(default=DEFAULT_START_DATE, validation_alias=_env("PIXELY_START_DATE"))
    alert_webhook: str | None = Field(default=None, validation_alias=_env("PIXELY_ALERT_WEBHOOK"))
    api_url: str = Field(default="http://127.0.0.1:8000", validation_alias=_env("PIXELY_API_URL"))
    env: Literal["dev", "production"] = Field(default="dev", validation_alias=_env("PIXELY_ENV"))
    google_application_credentials: str | None = Field(
        default=None, validation_alias=_env("GOOGLE_APPLICATION_CREDENTIALS")
    )
    backup_dir: Path | None = Field(default=None, validation_alias=_env("PIXELY_BACKUP_DIR"))
    backup_keep: int = Field(default=7, ge=1, validation_alias=_env("PIXELY_BACKUP_KEEP"))
    dagster_port: int = Field(default=3000, gt=0, lt=65536, validation_alias=_env("DAGSTER_PORT"))
    api_port: int = Field(default=8000, gt=0, lt=65536, validation_alias=_env("API_PORT"))
    ui_port: int = Field(default=8501, gt=0, lt=65536, validation_alias=_env("UI_PORT"))
    metrics_file: Path | None = Field(default=None, validation_alias=_env("PIXELY_METRICS_FILE"))
    test_postgres_url: str | None = Field(
        default=None, validation_alias=_env("PIXELY_TEST_POSTGRES_URL")
    )

    @field_validator("database_url_value")
    @classmethod
    def _database_url(cls, value: str) -> str:
        if not value:
            return value
        try:
            url = make_url(value)
        except ArgumentError:
            raise ValueError(
                "PIXELY_DATABASE_URL is not a database URL such as sqlite:///path/pixely.db "
                "or postgresql+psycopg2://user@host/db"
            ) from None
        if url.get_backend_name() not in ("sqlite", "postgresql"):
            shown = url.render_as_string(hide_password=True)
            raise ValueError(
                f"PIXELY_DATABASE_URL {shown!r} is neither sqlite:///… nor postgresql+psycopg2://…"
            )
        return value

    @field_validator("dagster_home")
    @classmethod
    def _absolute_dagster_home(cls, value: Path | None) -> Path | None:
        if value is not None and not value.is_absolute():
            raise ValueError(f"DAGSTER_HOME {str(value)!r} must be an absolute path")
        return value

    @field_validator("orchestrator_schedule")
    @classmethod
    def _cron(cls, value: str) -> str:
        if not valid_cron(value.strip()):
            raise ValueError(
                f"ORCHESTRATOR_SCHEDULE {value!r} is not a cron expression such as '0 6 * * *'"
            )
        return value.strip()

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"PIXELY_TIMEZONE {value!r} is not an IANA timezone such as America/Lima"
            ) from None
        return value

    @field_validator("start_date", mode="before")
    @classmethod
    def _start_date(cls, value: object) -> object:
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                raise ValueError(
                    f"PIXELY_START_DATE {value!r} is not a date like 2025-01-01"
                ) from None
        return value

    @field_validator("openai_base_url")
    @classmethod
    def _openai_base_url(cls, value: str | None) -> str | None:
        return _http_url("OPENAI_BASE_URL", value) if value else None

    @field_validator("alert_webhook")
    @classmethod
    def _alert_webhook(cls, value: str | None) -> str | None:
        return _http_url("PIXELY_ALERT_WEBHOOK", value) if value else None

    @field_validator("api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        return _http_url("PIXELY_API_URL", value)

    @property
    def pixely_home(self) -> Path:
        """Where the embedded database and Dagster home live: ``PIXELY_HOME``, else the
        checkout's ``.pixely/`` when the code runs from a checkout, else ``~/.pixely/``."""
        if self.home is not None:
            return self.home.expanduser().resolve()
        if (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / "pixely_api").is_dir():
            return _CHECKOUT / ".pixely"
        return Path.home() / ".pixely"

    @property
    def database_url(self) -> str:
        """``PIXELY_DATABASE_URL``, or SQLite under :attr:`pixely_home`."""
        return self.database_url_value or f"sqlite:///{self.pixely_home / 'pixely.db'}"

    @property
    def dagster_home_path(self) -> Path:
        """``DAGSTER_HOME``, or ``dagster/`` under :attr:`pixely_home`."""
        return self.dagster_home or self.pixely_home / "dagster"

    @property
    def backup_folder(self) -> Path:
        return self.backup_dir or self.pixely_home / "backups"

    @property
    def metrics_file_path(self) -> Path:
        """The Prometheus text file of pipeline metrics (``metrics/pixely.prom`` by default)."""
        return self.metrics_file or self.pixely_home / "metrics" / "pixely.prom"

    @property
    def chosen_analyzer(self) -> Literal["offline", "openai"]:
        """``PIXELY_ANALYZER`` with ``auto`` decided: openai when a key is set."""
        if self.analyzer == "auto":
            return "openai" if self.has_openai_key else "offline"
        return self.analyzer

    @property
    def has_openai_key(self) -> bool:
        return bool(self.openai_api_key and self.openai_api_key.get_secret_value().strip())

    @property
    def is_production(self) -> bool:
        return self.env == "production"


_VARIABLES: tuple[str, ...] = tuple(
    name
    for info in Settings.model_fields.values()
    if isinstance(info.validation_alias, AliasChoices)
    for name in info.validation_alias.choices
    if isinstance(name, str)
)
"""Every environment variable the settings read."""


@cache
def _settings_for(environment: tuple[tuple[str, str | None], ...]) -> Settings:
    values = {name: value for name, value in environment if value is not None and value.strip()}
    try:
        return Settings(_env_file=None, **values)  # type: ignore[call-arg]
    except ValidationError as invalid:
        error = invalid.errors()[0]
        message = str(error.get("msg", "")).removeprefix("Value error, ")
        variable = ".".join(str(part) for part in error.get("loc", ()))
        if variable and variable not in message:
            given = values.get(variable)
            message = f"{variable} {given!r}: {message}" if given is not None else message
        raise SettingsError(message) from None


def get_settings() -> Settings:
    """The settings for the current environment, read and validated once per change."""
    return _settings_for(tuple((name, os.environ.get(name)) for name in _VARIABLES))


def database_url() -> str:
    """``PIXELY_DATABASE_URL``, or SQLite under the Pixely home."""
    return get_settings().database_url
