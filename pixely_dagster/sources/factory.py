"""From a ficha to the reader of its source and the rules its rows must meet."""

from pathlib import Path

from pixely_api.models import FichaCliente
from pixely_api.settings import get_settings
from pixely_dagster.sources.local_file import LocalFileReader
from pixely_dagster.sources.raw import SourceError, SourceReader, SourceUnreadableError
from pixely_dagster.sources.validation import (
    ValidatedSource,
    ValidationRules,
    brand_handle_pairs,
    validate_workbook,
)


def open_source(ficha: FichaCliente, credentials_path: str | None = None) -> SourceReader:
    """The ficha's reader. Google Sheets needs a service-account JSON
    (``GOOGLE_APPLICATION_CREDENTIALS``); its absence fails this ficha only."""
    if ficha.source_kind == "google_sheets":
        from pixely_dagster.sources.google_sheets import GoogleSheetsReader, service_account_client

        path = credentials_path or get_settings().google_application_credentials or ""
        if not path or not Path(path).is_file():
            raise SourceUnreadableError(
                f"ficha {ficha.slug} reads Google Sheet {ficha.spreadsheet_id}, but "
                "GOOGLE_APPLICATION_CREDENTIALS does not name a service-account JSON file"
            )
        return GoogleSheetsReader(ficha.spreadsheet_id or "", service_account_client(path))
    return LocalFileReader(ficha.source_path or "")


def validation_rules(ficha: FichaCliente) -> ValidationRules:
    return ValidationRules(
        timezone=ficha.timezone,
        start_date=get_settings().start_date,
        brand_handles=brand_handle_pairs(ficha.brand_handles),
    )


def read_and_validate(ficha: FichaCliente) -> ValidatedSource:
    """What ``pixely ficha check`` and the snapshot do: read the source once, validate it.
    Raises :class:`SourceError` (or ``ValueError`` for a bad ``PIXELY_START_DATE``)."""
    return validate_workbook(open_source(ficha).read(), validation_rules(ficha))


def source_problem(ficha: FichaCliente) -> str | None:
    """Why the pipeline could never read this ficha's source, in one line; ``None`` if it
    can. Handed to :func:`pixely_api.admin.create_ficha` as its check."""
    try:
        read_and_validate(ficha)
    except SourceError as error:
        return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return None
