"""Headless Chromium (the Debian package) driven by Playwright, and the dashboard steps
the end-to-end test and the render benchmark share."""

from pathlib import Path

from playwright.sync_api import Browser, Locator, Page, Playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CHART = '[data-testid="stVegaLiteChart"]'
TIMEOUT_MS = 60_000


def launch(playwright: Playwright) -> Browser:
    """Chromium from ``/usr/bin/chromium`` (``playwright install`` is never needed)."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def log_in(page: Page, url: str, email: str, password: str) -> None:
    """Open the dashboard and sign in through its form."""
    page.goto(url)
    page.get_by_label("Correo electrónico").fill(email, timeout=TIMEOUT_MS)
    page.get_by_label("Contraseña").fill(password)
    page.get_by_role("button", name="Entrar").click()


def section_drawn(page: Page, minimum: int = 1) -> int:
    """Wait until the script has finished and every chart on the screen (at least
    ``minimum``) has a drawn canvas or SVG; the number of charts on the screen.

    Charts in closed tabs have no width, so this is the open section; a tab that has just
    been clicked shows nothing until its rerun delivers, and a rerun in progress keeps
    the script state "running", so stale charts are never counted."""
    page.wait_for_function(
        """([chart, minimum]) => {
            const app = document.querySelector('[data-testid="stApp"]');
            if (!app || app.getAttribute("data-test-script-state") !== "notRunning") return false;
            const shown = [...document.querySelectorAll(chart)]
                .filter(c => c.getBoundingClientRect().width > 0);
            const drawn = c => [...c.querySelectorAll("canvas, svg.marks")]
                .some(m => m.getBoundingClientRect().width > 0);
            return shown.length >= minimum && shown.every(drawn);
        }""",
        arg=[CHART, minimum],
        timeout=TIMEOUT_MS,
    )
    return page.locator(CHART).evaluate_all(
        "charts => charts.filter(c => c.getBoundingClientRect().width > 0).length"
    )


def open_tab(page: Page, name: str) -> None:
    """Click the section tab called ``name``."""
    page.get_by_role("tab", name=name, exact=True).click()


def _open(combobox: Locator) -> None:
    """Open a select box's list from the keyboard (a click on a box far down the page
    can land while the page is still scrolling)."""
    combobox.scroll_into_view_if_needed()
    combobox.focus()
    combobox.press("ArrowDown")
    combobox.page.get_by_role("listbox").wait_for(timeout=TIMEOUT_MS)


def pick_option(page: Page, key: str, option: str) -> None:
    """Open the select box whose widget key is ``key`` and choose ``option``."""
    _open(page.locator(f".st-key-{key}").get_by_role("combobox"))
    page.get_by_role("option", name=option, exact=True).click()


def offered_options(page: Page, box_label: str) -> list[str]:
    """The options a select box offers (opened, read, closed again)."""
    _open(page.get_by_role("combobox", name=box_label).first)
    options = page.get_by_role("option").all_inner_texts()
    page.keyboard.press("Escape")
    return options
