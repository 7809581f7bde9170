"""End to end in a real headless Chromium: API and dashboard on loopback over the demo
database; a viewer logs in, changes the period, opens every section's tab and sees its
charts drawn, opens a drill-down, and is never offered the other tenant's ficha."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pixely_api.insights.periods import today_in
from pixely_ui.client import ApiClient
from pixely_ui.sections import ORDERED, VIEWS
from pixely_ui.sections.base import tab_label
from tests.support.browser import (
    CHROMIUM,
    TIMEOUT_MS,
    launch,
    log_in,
    offered_options,
    open_tab,
    pick_option,
    section_drawn,
)
from tests.support.dashboard_stack import dashboard_server
from tests.ui.conftest import Stack, demo_login

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason=f"{CHROMIUM} is absent (apt-get install chromium)"
)


def test_a_viewer_reads_the_dashboard_in_a_real_browser(stack: Stack, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    viewer = demo_login("cafe-andino")
    client = ApiClient(stack.api_url)
    client.login(viewer.email, viewer.password)
    ficha = client.fichas()[0]
    today = today_in(ficha.timezone, datetime.now(UTC))
    with dashboard_server(stack.env, stack.api_url) as url, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(TIMEOUT_MS)
            log_in(page, url, viewer.email, viewer.password)
            page.get_by_role("tab", name="Resumen", selected=True).wait_for()
            assert offered_options(page, "Cliente") == ["Café Andino"]

            page.get_by_text("Últimos 7 días").click()
            first = today - timedelta(days=6)
            page.get_by_text(f"{first} – {today} ·").wait_for()
            assert section_drawn(page) == 1
            drawn = {}
            for spec in ORDERED[1:]:
                open_tab(page, tab_label(spec, "es"))
                drawn[spec.key] = section_drawn(page)
            week = client.summary(ficha.id, first, today, None)
            expected = {s.key: len(VIEWS[s.key].charts(week, "es")) for s in ORDERED[1:]}
            assert all(drawn[key] >= max(1, expected[key]) for key in drawn), (drawn, expected)
            assert drawn["q1"] == expected["q1"] + 1, "Q1 adds the chosen post's emotions"

            open_tab(page, "Sentimiento")
            section_drawn(page)
            pick_option(page, "drill-q7-sentimiento", "Negativo")
            page.get_by_text("Comentarios: Negativo").wait_for()
            page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
            assert (tmp_path / "dashboard.png").stat().st_size > 10_000
        finally:
            browser.close()
