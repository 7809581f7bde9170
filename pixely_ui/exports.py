"""Exports of the view on screen: Excel (one sheet per module), CSV (zip) and PDF.

All three are built from the same ``tables`` and ``charts`` the sections draw, so a
file shows exactly what the viewer sees for the chosen ficha, period and platform.
"""

import io
import zipfile
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
import vl_convert
from fpdf import FPDF
from fpdf.fonts import FontFace

from pixely_api.insights.registry import ModuleSpec
from pixely_api.schemas import FichaOut, WindowSummary
from pixely_ui.sections import ORDERED, VIEWS
from pixely_ui.sections.base import title
from pixely_ui.texts import Lang, label, text

PDF_TABLE_ROWS = 15
"""Rows of each table printed in the PDF (the Excel and CSV files hold them all)."""
PDF_CELL_CHARS = 160
CHART_SCALE = 1.5

_LATIN1_FALLBACKS = {
    "–": "-",
    "—": "-",
    "…": "...",
    "−": "-",
    "×": "x",
    "✔": "si",
    "⏳": "",
    "●": "*",
}


@dataclass(frozen=True)
class ExportView:
    """What is on screen: the ficha, the window summary and the language."""

    ficha: FichaOut
    summary: WindowSummary
    lang: Lang

    @property
    def stem(self) -> str:
        window = self.summary.window
        platform = window.platform or "todas"
        return f"pixely_{self.ficha.slug}_{window.start_date}_{window.end_date}_{platform}"

    def module_tables(self) -> list[tuple[ModuleSpec, dict[str, pd.DataFrame]]]:
        return [(spec, VIEWS[spec.key].tables(self.summary, self.lang)) for spec in ORDERED]


def to_excel(view: ExportView) -> bytes:
    """One sheet per module (``Q10 Resumen ejecutivo`` …), its tables one under another."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for spec, tables in view.module_tables():
            sheet = title(spec, view.lang).replace(" · ", " ")[:31]
            row = 0
            for name, table in tables.items():
                pd.DataFrame([[name]]).to_excel(
                    writer, sheet_name=sheet, startrow=row, header=False, index=False
                )
                table.to_excel(writer, sheet_name=sheet, startrow=row + 1, index=False)
                row += len(table) + 3
    return buffer.getvalue()


def to_csv_zip(view: ExportView) -> bytes:
    """One UTF-8 CSV per table, ``q3_topicos__temas.csv``, in a zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for spec, tables in view.module_tables():
            for name, table in tables.items():
                archive.writestr(f"{spec.asset}__{name}.csv", table.to_csv(index=False))
    return buffer.getvalue()


def _latin1(value: object) -> str:
    """Text the PDF's core font can draw (it covers Spanish accents, not emoji)."""
    shown = str(value)
    for char, fallback in _LATIN1_FALLBACKS.items():
        shown = shown.replace(char, fallback)
    return shown.encode("latin-1", "ignore").decode("latin-1")


class _Report(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.cell(0, 8, f"{self.page_no()}", align="C")


def to_pdf(view: ExportView, generated_at: datetime) -> bytes:
    """A report: title, ficha, period, the executive summary, then each module's charts
    (as images) and tables."""
    summary, lang = view.summary, view.lang
    window = summary.window
    pdf = _Report(orientation="portrait", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    _para(pdf, 10, _latin1(text("report_title", lang, ficha=view.ficha.name)))
    pdf.set_font("Helvetica", size=10)
    platform = label(window.platform) if window.platform else text("all_platforms", lang)
    period = text(
        "report_period", lang, start=window.start_date, end=window.end_date, platform=platform
    )
    _para(pdf, 6, _latin1(period))
    _para(pdf, 6, _latin1(text("generated_at", lang, when=f"{generated_at:%Y-%m-%d %H:%M}")))
    q10 = summary.results.q10
    _heading(pdf, text("priority_alert", lang))
    alert = q10.alerta_prioritaria
    _para(pdf, 5, _latin1(f"{alert.titulo}. {alert.detalle}"))
    _heading(pdf, text("key_findings", lang))
    for line in q10.hallazgos_clave:
        _para(pdf, 5, _latin1(f"- {line}"))
    for spec, tables in view.module_tables():
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 14)
        _para(pdf, 9, _latin1(title(spec, lang)))
        for chart in VIEWS[spec.key].charts(summary, lang).values():
            png = vl_convert.vegalite_to_png(chart.to_dict(), scale=CHART_SCALE)
            pdf.image(io.BytesIO(png), w=min(pdf.epw, 170))
            pdf.ln(2)
        for name, table in tables.items():
            _table(pdf, name, table)
    return bytes(pdf.output())


def _para(pdf: FPDF, height: float, line: str) -> None:
    """A full-width paragraph, the cursor back at the left margin below it."""
    pdf.multi_cell(0, height, line, new_x="LMARGIN", new_y="NEXT")


def _heading(pdf: FPDF, heading: str) -> None:
    pdf.ln(3)
    pdf.set_font("Helvetica", "B", 12)
    _para(pdf, 7, _latin1(heading))
    pdf.set_font("Helvetica", size=9)


def _table(pdf: FPDF, name: str, table: pd.DataFrame) -> None:
    if table.empty:
        return
    _heading(pdf, name.replace("_", " ").capitalize())
    pdf.set_font("Helvetica", size=7)
    shown = table.head(PDF_TABLE_ROWS)
    with pdf.table(
        headings_style=FontFace(emphasis="BOLD", fill_color=(230, 230, 230)),
        line_height=4,
        text_align="LEFT",
    ) as grid:
        grid.row([_latin1(column) for column in shown.columns])
        for values in shown.itertuples(index=False):
            grid.row([_latin1(_cell(value)) for value in values])


def _cell(value: object) -> str:
    """A table cell as printed: floats without trailing zeros, long texts cut."""
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    shown = "" if value is None else str(value)
    return shown if len(shown) <= PDF_CELL_CHARS else shown[: PDF_CELL_CHARS - 1] + "…"
