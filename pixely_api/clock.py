"""The one place the product asks for the current time (UTC, aware)."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)
