"""Configuration read from the environment (DESIGN.md §9); `.env.example` documents each."""

import os
from datetime import date
from pathlib import Path

DEFAULT_TIMEZONE = "America/Lima"
DEFAULT_START_DATE = "2025-01-01"
DEFAULT_SCHEDULE = "0 6 * * *"


def pixely_home() -> Path:
    """The embedded default's data folder: ``.pixely/`` under the working directory."""
    return (Path.cwd() / ".pixely").resolve()


def database_url() -> str:
    """``PIXELY_DATABASE_URL``, or SQLite under ``.pixely/``."""
    url = os.environ.get("PIXELY_DATABASE_URL", "").strip()
    if url:
        return url
    return f"sqlite:///{pixely_home() / 'pixely.db'}"


def default_timezone() -> str:
    return os.environ.get("PIXELY_TIMEZONE", "").strip() or DEFAULT_TIMEZONE


def start_date() -> date:
    """The first daily partition (``PIXELY_START_DATE``)."""
    raw = os.environ.get("PIXELY_START_DATE", "").strip() or DEFAULT_START_DATE
    try:
        return date.fromisoformat(raw)
    except ValueError as exc:
        raise ValueError(f"PIXELY_START_DATE {raw!r} is not a date like 2025-01-01") from exc


def schedule_cron() -> str:
    return os.environ.get("ORCHESTRATOR_SCHEDULE", "").strip() or DEFAULT_SCHEDULE
