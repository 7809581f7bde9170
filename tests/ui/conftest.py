"""One seeded product per test session: `pixely demo` (two brand tenants, 60 days of
comments through the real pipeline), plus a tenant whose only ficha was never analysed;
the real API serves it on loopback and the dashboard's tests talk to it over HTTP."""

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from streamlit.testing.v1 import AppTest

from pixely_dagster.demo.catalog import DEMO_CATALOG
from tests.support.dashboard_stack import ROOT, api_server, pixely, product_env

APP = ROOT / "pixely_ui" / "app.py"
SCHEDULE = "30 7 * * *"
"""A schedule other than the default, so the empty state must show the real one."""
NEW_VIEWER = ("viewer@marca-nueva.test", "marca-nueva-2025")
NEW_FICHA = "Marca Nueva"


@dataclass(frozen=True)
class Login:
    email: str
    password: str


@dataclass(frozen=True)
class Stack:
    env: dict[str, str]
    api_url: str


def demo_login(tenant_slug: str) -> Login:
    tenant = next(t for t in DEMO_CATALOG.tenants if t.slug == tenant_slug)
    viewer = next(u for u in tenant.users if u.role == "viewer")
    return Login(viewer.email, viewer.password)


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    home = tmp_path_factory.mktemp("dashboard") / ".pixely"
    env = product_env(home)
    env["ORCHESTRATOR_SCHEDULE"] = SCHEDULE
    pixely(env, ["demo", "--no-serve"])
    pixely(env, ["tenant", "create", "Marca Nueva SAC", "--slug", "marca-nueva"])
    pixely(
        env,
        ["user", "create", NEW_VIEWER[0], "--tenant", "marca-nueva", "--role", "viewer"]
        + ["--password-stdin"],
        stdin=NEW_VIEWER[1] + "\n",
    )
    workbook = DEMO_CATALOG.fichas[0].workbook_path
    pixely(
        env, ["ficha", "create", NEW_FICHA, "--tenant", "marca-nueva", "--source", str(workbook)]
    )
    with api_server(env) as url:
        yield Stack(env=env, api_url=url)


@pytest.fixture
def app(stack: Stack, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The dashboard script, run in-process by Streamlit's test runner, against the API."""
    monkeypatch.setenv("PIXELY_API_URL", stack.api_url)
    return AppTest.from_file(str(APP), default_timeout=120)


def log_in(app: AppTest, login: Login) -> AppTest:
    app.run()
    app.text_input(key="login_email").input(login.email)
    app.text_input(key="login_password").input(login.password)
    app.button[0].click().run()
    return app
