"""Dashboard render benchmark: from "Entrar" to every chart drawn in headless Chromium,
for a ficha with 365 days of insights.

Run: ``make bench-ui`` (or ``python benchmarks/ui_render.py [--days 365]
[--comments-per-day 40] [--repeat 3] [--demo-screenshot docs/dashboard.png]``).

Seeds a throw-away home with the real ``pixely`` commands (a CSV source of ``--days``
days, one daily run), serves the API and the dashboard on loopback, and times in
Chromium: the login form appearing; login → every chart of the landing tab (Q10, últimos
30 días) drawn; each other section's tab clicked → its charts drawn; and switching to
"Todo el histórico" (the whole year merged) → the landing tab drawn again. "Drawn" means
the script has finished and every chart on the screen has its marks (see
``tests/support/browser.py``). Prints each run, the medians and their ratio to the 3 s
target. With
``--demo-screenshot`` it also loads the bundled demo and saves the dashboard as a PNG.
"""

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.pipeline import write_history  # noqa: E402
from pixely_ui.sections import ORDERED  # noqa: E402
from pixely_ui.sections.base import tab_label, title  # noqa: E402
from tests.support.browser import CHROMIUM, launch, log_in, open_tab, section_drawn  # noqa: E402
from tests.support.dashboard_stack import (  # noqa: E402
    api_server,
    dashboard_server,
    pixely,
    product_env,
)

TARGET_SECONDS = 3.0
EMAIL, PASSWORD = "viewer@bench.test", "bench-viewer-2025"
DEMO_VIEWER = ("viewer@cafeandino.pe", "demo-cafe-2025")


def seed_year(home: Path, days: int, per_day: int) -> dict[str, str]:
    env = product_env(home)
    source = home / "source"
    last = datetime.now(UTC).date() - timedelta(days=1)
    write_history(source, last - timedelta(days=days - 1), days, 3, per_day, seed=7)
    pixely(env, ["init"])
    pixely(env, ["tenant", "create", "Bench SAC", "--slug", "bench"])
    pixely(
        env,
        ["user", "create", EMAIL, "--tenant", "bench", "--role", "viewer", "--password-stdin"],
        stdin=PASSWORD + "\n",
    )
    pixely(env, ["ficha", "create", "Marca Año", "--tenant", "bench", "--source", str(source)])
    pixely(env, ["run-daily"])
    return env


@dataclass(frozen=True)
class Run:
    """One browser session's timings, in seconds."""

    form: float
    login: float
    tabs: dict[str, float]
    all_history: float


def measure(url: str, email: str, password: str) -> Run:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            start = time.perf_counter()
            log_in(page, url, email, password)
            form = time.perf_counter()  # log_in returns once "Entrar" is clicked
            section_drawn(page)
            login = time.perf_counter() - form
            tabs = {}
            for spec in ORDERED[1:]:
                clicked = time.perf_counter()
                open_tab(page, tab_label(spec, "es"))
                section_drawn(page)
                tabs[spec.code] = time.perf_counter() - clicked
            open_tab(page, tab_label(ORDERED[0], "es"))
            section_drawn(page)
            clicked = time.perf_counter()
            page.get_by_text("Todo el histórico").click()
            page.get_by_text("2000-01-01 –").wait_for(timeout=120_000)
            section_drawn(page)
            return Run(form - start, login, tabs, time.perf_counter() - clicked)
        finally:
            browser.close()


def demo_screenshot(path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="pixely-demo-shot-") as folder:
        env = product_env(Path(folder) / ".pixely")
        pixely(env, ["demo", "--no-serve"])
        with (
            api_server(env) as api_url,
            dashboard_server(env, api_url) as url,
            sync_playwright() as playwright,
        ):
            browser = launch(playwright)
            page = browser.new_page(viewport={"width": 1400, "height": 1800})
            log_in(page, url, *DEMO_VIEWER)
            section_drawn(page)
            page.wait_for_timeout(1000)  # let the charts' entry transitions settle
            path.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(path))
            browser.close()
    print(f"demo dashboard saved to {path}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--comments-per-day", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--demo-screenshot", type=Path)
    parser.add_argument(
        "--home", type=Path, help="Seed here and keep it; reused (not re-seeded) when it exists."
    )
    args = parser.parse_args()
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is absent: apt-get install chromium", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="pixely-bench-ui-") as folder:
        home = args.home or Path(folder) / ".pixely"
        if (home / "pixely.db").exists():
            env = product_env(home)
            print(f"reusing the seeded home {home}")
        else:
            started = time.perf_counter()
            env = seed_year(home, args.days, args.comments_per_day)
            print(
                f"seeded {args.days} days × {args.comments_per_day} comments/day in "
                f"{time.perf_counter() - started:.1f} s"
            )
        with api_server(env) as api_url, dashboard_server(env, api_url) as url:
            runs = [measure(url, EMAIL, PASSWORD) for _ in range(args.repeat)]
    for n, run in enumerate(runs, 1):
        slowest = max(run.tabs, key=run.tabs.__getitem__)
        print(
            f"run {n}: login form {run.form:5.2f} s · login → summary tab drawn {run.login:5.2f} s"
            f" · slowest tab {slowest} {run.tabs[slowest]:5.2f} s"
            f" · all history → drawn {run.all_history:5.2f} s"
        )
    login = statistics.median(r.login for r in runs)
    print(
        f"median login → summary tab (últimos 30 días) drawn: {login:5.2f} s"
        f"  ({login / TARGET_SECONDS:.2f} × the {TARGET_SECONDS:.0f} s target)"
    )
    for spec in ORDERED[1:]:
        each = statistics.median(r.tabs[spec.code] for r in runs)
        print(
            f"median open tab {title(spec, 'es'):32} → its charts drawn: {each:5.2f} s"
            f"  ({each / TARGET_SECONDS:.2f} × the target)"
        )
    everything = statistics.median(r.all_history for r in runs)
    print(
        f"median all history ({args.days} days) → summary tab drawn: {everything:5.2f} s"
        f"  ({everything / TARGET_SECONDS:.2f} × the target)"
    )
    if args.demo_screenshot:
        demo_screenshot(args.demo_screenshot)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
