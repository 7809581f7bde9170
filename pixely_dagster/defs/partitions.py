"""The partitions of DESIGN.md §4: ``client`` (dynamic, ficha slug) × ``date`` (daily).

``date`` runs from ``PIXELY_START_DATE`` in ``PIXELY_TIMEZONE`` with ``end_offset=1``,
so the 06:00 run may ask for today's partition; the ledger makes a partly-analysed day
safe, and the rest of it is picked up by the next run.
"""

from collections.abc import Mapping
from datetime import date

import dagster as dg

from pixely_api.settings import get_settings

CLIENT = "client"
DATE = "date"
RANGE_START_TAG = "dagster/asset_partition_range_start"
RANGE_END_TAG = "dagster/asset_partition_range_end"
REANALYZE_TAG = "pixely/reanalyze"

clients_partitions = dg.DynamicPartitionsDefinition(name="clients")
daily_partitions = dg.DailyPartitionsDefinition(
    start_date=get_settings().start_date.isoformat(),
    timezone=get_settings().timezone,
    end_offset=1,
)
client_day_partitions = dg.MultiPartitionsDefinition(
    {CLIENT: clients_partitions, DATE: daily_partitions}
)


def client_day_key(slug: str, day: date) -> str:
    """The ``(client, date)`` key string, dimension order as Dagster writes it."""
    return str(dg.MultiPartitionKey({CLIENT: slug, DATE: day.isoformat()}))


def parse_client_day(key: str) -> tuple[str, date]:
    """Never split on ``|``: Dagster orders the dimensions by name."""
    dimensions = client_day_partitions.get_partition_key_from_str(key).keys_by_dimension
    return dimensions[CLIENT], date.fromisoformat(dimensions[DATE])


def range_tags(slug: str, first: date, last: date) -> dict[str, str]:
    """Tags that make one run cover ``first``…``last`` for one client."""
    return {
        RANGE_START_TAG: client_day_key(slug, first),
        RANGE_END_TAG: client_day_key(slug, last),
    }


def is_reanalysis(tags: Mapping[str, str]) -> bool:
    """Runs tagged ``pixely/reanalyze=true`` analyse every item, not only the delta."""
    return tags.get(REANALYZE_TAG, "").strip().lower() == "true"
