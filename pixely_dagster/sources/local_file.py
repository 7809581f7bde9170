"""The embedded default source: an ``.xlsx`` workbook, or a folder with two CSVs.

Cells are read raw: openpyxl gives numbers as numbers and date cells as datetimes;
CSV cells are all text. Validation decides what they mean. The bytes are read once,
so the fingerprint always describes exactly the data that was parsed.
"""

import csv
import hashlib
import io
import zipfile
from datetime import date, datetime, time
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from pixely_dagster.sources.raw import (
    COMMENTS_SHEET,
    POSTS_SHEET,
    Cell,
    RawSheet,
    RawWorkbook,
    SourceContractError,
    SourceUnreadableError,
)

SHEETS = (POSTS_SHEET, COMMENTS_SHEET)


class LocalFileReader:
    """Reads ``path``: a workbook with sheets Posts and Comments, or a folder with
    ``Posts.csv`` and ``Comments.csv``. Fingerprint = SHA-256 of the bytes read (for a
    folder, of both files, each preceded by its length)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)

    @property
    def label(self) -> str:
        return str(self.path)

    def _files(self) -> list[Path]:
        if self.path.is_dir():
            files = [self.path / f"{sheet}.csv" for sheet in SHEETS]
            missing = [f.name for f in files if not f.is_file()]
            if missing:
                raise SourceContractError(
                    f"folder {self.path} has no {' or '.join(missing)} "
                    "(expected Posts.csv and Comments.csv)"
                )
            return files
        if not self.path.is_file():
            raise SourceUnreadableError(f"source {self.path} does not exist")
        return [self.path]

    def _read_bytes(self) -> list[bytes]:
        try:
            return [file.read_bytes() for file in self._files()]
        except OSError as exc:
            raise SourceUnreadableError(f"cannot read {self.path}: {exc}") from exc

    @staticmethod
    def _digest(contents: list[bytes]) -> str:
        digest = hashlib.sha256()
        for content in contents:
            if len(contents) > 1:
                # Frame each CSV by its length: a line moved from the end of Posts.csv to
                # the start of Comments.csv changes the data, so it must change the digest.
                digest.update(len(content).to_bytes(8, "big"))
            digest.update(content)
        return f"sha256:{digest.hexdigest()}"

    def fingerprint(self) -> str:
        return self._digest(self._read_bytes())

    def read(self) -> RawWorkbook:
        contents = self._read_bytes()
        if self.path.is_dir():
            posts, comments = (
                _csv_sheet(title, content) for title, content in zip(SHEETS, contents, strict=True)
            )
        else:
            posts, comments = self._workbook_sheets(contents[0])
        return RawWorkbook(
            source_label=self.label,
            posts=posts,
            comments=comments,
            fingerprint=self._digest(contents),
        )

    def _workbook_sheets(self, content: bytes) -> tuple[RawSheet, RawSheet]:
        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
            raise SourceUnreadableError(
                f"{self.path} is not a readable .xlsx workbook: {exc}"
            ) from exc
        try:
            missing = [s for s in SHEETS if s not in workbook.sheetnames]
            if missing:
                raise SourceContractError(
                    f"workbook {self.path} has no sheet {' or '.join(map(repr, missing))} "
                    f"(it has: {', '.join(workbook.sheetnames) or 'no sheets'})"
                )
            posts, comments = (
                _raw_sheet(
                    title,
                    [
                        tuple(_workbook_cell(cell) for cell in row)
                        for row in workbook[title].iter_rows(values_only=True)
                    ],
                )
                for title in SHEETS
            )
            return posts, comments
        finally:
            workbook.close()


def _workbook_cell(value: object) -> Cell:
    """openpyxl's value as a raw :data:`Cell`. A cell formatted as a time of day or a
    duration comes back as ``time`` / ``timedelta``: no instant, so it travels as the
    text it shows and validation rejects it like any other unreadable value."""
    if value is None or isinstance(value, str | int | float | bool | datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, time):
        return value.isoformat()
    return str(value)  # a timedelta shows as "5:00:00"


def _csv_sheet(title: str, content: bytes) -> RawSheet:
    try:
        text = content.decode("utf-8-sig")
        rows: list[tuple[Cell, ...]] = [
            tuple(cell if cell != "" else None for cell in row)
            for row in csv.reader(io.StringIO(text, newline=""))
        ]
    except (UnicodeDecodeError, csv.Error) as exc:
        raise SourceUnreadableError(f"cannot read {title}.csv: {exc}") from exc
    return _raw_sheet(title, rows)


def _raw_sheet(title: str, rows: list[tuple[Cell, ...]]) -> RawSheet:
    if not rows:
        return RawSheet(title=title, header=())
    header = tuple(str(cell or "").strip() for cell in rows[0])
    return RawSheet(title=title, header=header, rows=tuple(rows[1:]))
