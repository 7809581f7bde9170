"""From a ficha to the reader of its source and the rules its rows must meet."""

from pathlib import Path

from pixely_api.models import FichaCliente
from pixely_api.settings import get_settings
from pixely_dagster.sources.local_file import LocalFileReader
from pixely_dagster.sources.raw import SourceReader, SourceUnreadableError
from pixely_dagster.sources.validation import ValidationRules, brand_handle_pairs


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
