"""Dashboard render benchmark: from "Entrar" to every chart drawn in headless Chromium,
for a ficha with 365 days of insights.

Run: ``make bench-ui`` (or ``python benchmarks/ui_render.py [--days 365]
[--comments-per-day 40] [--repeat 3] [--demo-screenshot docs/dashboard.png]``).

Seeds a throw-away home with the real ``pixely`` commands (a CSV source of ``--days``
days, one daily run), serves the API and the dashboard on loopback, and times in
Chromium: the login form appearing, login → all charts of the default view (últimos 30
días) drawn, and switching to "Todo el histórico" (the whole year merged) → all charts
drawn again. Prints each run, the medians and their ratio to the 3 s target. With
``--demo-screenshot`` it also loads the bundled demo and saves the dashboard as a PNG.
"""

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.pipeline import write_history  # noqa: E402
from tests.support.browser import CHROMIUM, charts_drawn, launch, log_in  # noqa: E402
from tests.support.dashboard_stack import (  # noqa: E402
    api_server,
    dashboard_server,
    pixely,
    product_env,
)

TARGET_SECONDS = 3.0
EMAIL, PASSWORD = "viewer@bench.test", "bench-viewer-2025"
DEMO_VIEWER = ("viewer@cafeandino.pe", "demo-cafe-2025")
MIN_CHARTS = 11


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


def measure(url: str, email: str, password: str) -> tuple[float, float, float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            start = time.perf_counter()
            log_in(page, url, email, password)
            form = time.perf_counter()  # log_in returns once "Entrar" is clicked
            charts_drawn(page, MIN_CHARTS)
            first = time.perf_counter()
            page.get_by_text("Todo el histórico").click()
            page.get_by_text("2000-01-01 –").wait_for(timeout=120_000)
            charts_drawn(page, MIN_CHARTS)
            everything = time.perf_counter()
            return form - start, first - form, everything - first
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
            charts_drawn(page, MIN_CHARTS)
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
    for n, (form, first, everything) in enumerate(runs, 1):
        print(
            f"run {n}: login form {form:5.2f} s · login → charts (30 days) {first:5.2f} s"
            f" · all history → charts {everything:5.2f} s"
        )
    first = statistics.median(r[1] for r in runs)
    everything = statistics.median(r[2] for r in runs)
    print(
        f"median login → all charts (30 days): {first:5.2f} s"
        f"  ({first / TARGET_SECONDS:.2f} × the {TARGET_SECONDS:.0f} s target)"
    )
    print(
        f"median all history ({args.days} days) → all charts: {everything:5.2f} s"
        f"  ({everything / TARGET_SECONDS:.2f} × the target)"
    )
    if args.demo_screenshot:
        demo_screenshot(args.demo_screenshot)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
