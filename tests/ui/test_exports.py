"""The exports of a real window from the API: a workbook openpyxl opens (one sheet per
module), a zip of CSVs, and a PDF a parser reads (pages, text and chart images)."""

import csv
import io
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from pixely_api.insights.periods import today_in
from pixely_ui.client import ApiClient
from pixely_ui.exports import ExportView, to_csv_zip, to_excel, to_pdf
from pixely_ui.sections import ORDERED, VIEWS
from pixely_ui.sections.base import title
from tests.ui.conftest import Stack, demo_login


@pytest.fixture(scope="module")
def view(stack: Stack) -> ExportView:
    viewer = demo_login("norte-sport")
    client = ApiClient(stack.api_url)
    client.login(viewer.email, viewer.password)
    ficha = client.fichas()[0]
    today = today_in(ficha.timezone, datetime.now(UTC))
    summary = client.summary(ficha.id, today - timedelta(days=29), today, None)
    assert summary.results.q10.num_comentarios > 0
    return ExportView(ficha=ficha, summary=summary, lang="es")


def test_excel_has_one_sheet_per_module_with_the_windows_figures(view: ExportView) -> None:
    workbook = load_workbook(io.BytesIO(to_excel(view)), read_only=True)
    assert workbook.sheetnames == [title(spec, "es").replace(" · ", " ") for spec in ORDERED]
    summary_rows = list(workbook["Q10 Resumen ejecutivo"].iter_rows(values_only=True))
    kpi_names = {row[0] for row in summary_rows}
    assert {kpi.nombre for kpi in view.summary.results.q10.kpis} <= kpi_names
    sentiment = list(workbook["Q7 Sentimiento detallado"].iter_rows(values_only=True))
    header = next(
        n
        for n, row in enumerate(sentiment)
        if row[:3] == ("Sentimiento", "Comentarios", "Porcentaje")
    )
    counts = {row[0]: row[1] for row in sentiment[header + 1 : header + 5]}
    general = view.summary.results.q7.general
    assert counts == {
        "Positivo": general.sentimientos.get("positive", 0),
        "Negativo": general.sentimientos.get("negative", 0),
        "Neutral": general.sentimientos.get("neutral", 0),
        "Mixto": general.sentimientos.get("mixed", 0),
    }


def test_csv_zip_holds_every_table_as_utf8_csv(view: ExportView) -> None:
    archive = zipfile.ZipFile(io.BytesIO(to_csv_zip(view)))
    expected = [
        f"{spec.asset}__{name}.csv"
        for spec in ORDERED
        for name in VIEWS[spec.key].tables(view.summary, "es")
    ]
    assert archive.namelist() == expected
    rows = list(csv.DictReader(io.StringIO(archive.read("q3_topicos__temas.csv").decode())))
    assert [row["Tópico"] for row in rows] == [
        t.tema for t in view.summary.results.q3.temas_principales
    ]
    emotions = list(
        csv.DictReader(io.StringIO(archive.read("q1_emociones__emociones.csv").decode()))
    )
    assert [row["Emoción"] for row in emotions][:4] == [
        "Alegría",
        "Confianza",
        "Sorpresa",
        "Anticipación",
    ]


def test_pdf_is_a_report_with_the_summary_each_module_and_its_charts(view: ExportView) -> None:
    reader = PdfReader(io.BytesIO(to_pdf(view, datetime(2026, 12, 1, 9, 30, tzinfo=UTC))))
    assert len(reader.pages) >= 1 + len(ORDERED)
    cover = reader.pages[0].extract_text()
    window = view.summary.window
    assert "Informe de Norte Sport" in cover
    assert f"{window.start_date} - {window.end_date}" in cover
    assert "Generado el 2026-12-01 09:30" in cover
    assert view.summary.results.q10.hallazgos_clave[0][:40] in " ".join(cover.split())
    text = "\n".join(page.extract_text() for page in reader.pages)
    for spec in ORDERED:
        assert title(spec, "es") in text, spec.code
    images = sum(len(page.images) for page in reader.pages)
    charts = sum(len(VIEWS[spec.key].charts(view.summary, "es")) for spec in ORDERED)
    assert images == charts >= 11


def test_the_key_voices_chart_and_table_rank_alike(view: ExportView) -> None:
    table = VIEWS["q5"].tables(view.summary, "es")["voces_clave"]
    chart = VIEWS["q5"].charts(view.summary, "es")["voces_clave"].to_dict()
    assert len(table) >= 2
    assert chart["encoding"]["y"]["sort"] == list(table["Voz"])
