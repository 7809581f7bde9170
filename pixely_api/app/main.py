"""The API application: ``uvicorn pixely_api.app.main:app`` or ``pixely api``.

:func:`create_app` builds an app from a :class:`~pixely_api.settings.Settings` (tests
build one per database); ``app`` is the app for the current environment, built on
first use so that importing this module reads no settings and opens no database.
"""

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from prometheus_client import CollectorRegistry, Counter, Histogram
from sqlalchemy import event
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pixely_api.app.deps import AppState
from pixely_api.app.recent import RecentlyRead
from pixely_api.app.routers import admin, auth, fichas, health, insights, users
from pixely_api.app.summaries import SummaryWarmer
from pixely_api.db import make_engine, session_factory
from pixely_api.queries import SummaryCache
from pixely_api.security import LoginThrottle
from pixely_api.settings import EXAMPLE_SECRET_KEYS, Settings, SettingsError, get_settings

MIN_PRODUCTION_SECRET_LENGTH = 32
API_THREADS = 40
"""Routes are synchronous and run in the server's thread pool (40 threads by default):
the database pool keeps that many connections so no request waits for one."""


@dataclass
class Metrics:
    """The app's own Prometheus registry (one per app, so test apps do not collide)."""

    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        self.requests = Counter(
            "pixely_api_requests_total",
            "HTTP requests by method, route template and status.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "pixely_api_request_duration_seconds",
            "Time to answer, by method and route template.",
            ["method", "route"],
            registry=self.registry,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
        )
        self.login_failures = Counter(
            "pixely_api_login_failures_total",
            "Refused logins by reason (bad_credentials, throttled).",
            ["reason"],
            registry=self.registry,
        )


def check_secret(settings: Settings) -> None:
    """In production, an empty, example or short ``SECRET_KEY`` would let anyone forge
    tokens: refuse to start, in one line."""
    if not settings.is_production:
        return
    secret = settings.secret_key.get_secret_value().strip()
    if secret.lower() in EXAMPLE_SECRET_KEYS or len(secret) < MIN_PRODUCTION_SECRET_LENGTH:
        raise SettingsError(
            "SECRET_KEY is empty, an example value or shorter than "
            f"{MIN_PRODUCTION_SECRET_LENGTH} characters; with PIXELY_ENV=production set a long "
            "random one (e.g. python -c 'import secrets; print(secrets.token_urlsafe(48))')"
        )


class RequestMetrics:
    """Counts and times every request by route template. A plain ASGI middleware: the
    ``@app.middleware`` kind adds a task and a stream per request, measurable at a few
    hundred requests per second."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            route = getattr(scope.get("route"), "path", None) or "unmatched"
            method = scope["method"]
            self.metrics.latency.labels(method, route).observe(time.perf_counter() - started)
            self.metrics.requests.labels(method, route, str(status)).inc()


def _validation_message(error: RequestValidationError) -> str:
    parts = []
    for problem in error.errors():
        where = ".".join(str(p) for p in problem.get("loc", ()) if p not in ("query", "path"))
        parts.append(f"{where}: {problem.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def create_app(settings: Settings | None = None) -> FastAPI:
    """The API for ``settings`` (default: the environment's)."""
    settings = settings or get_settings()
    check_secret(settings)
    engine = make_engine(settings.database_url, pool_size=API_THREADS)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        warmer = SummaryWarmer(
            app.state.pixely.sessions, app.state.pixely.summaries, settings.api_warm_seconds
        )
        warmer.start()
        yield
        warmer.stop()
        engine.dispose()

    app = FastAPI(
        title="Pixely API",
        version="1",
        description="Tenant-scoped reads of the daily comment analysis, and admin routes.",
        lifespan=lifespan,
    )
    app.state.pixely = AppState(
        settings=settings,
        sessions=session_factory(engine),
        throttle=LoginThrottle(),
        summaries=SummaryCache(),
        callers=RecentlyRead(settings.api_recheck_seconds),
        summary_states=RecentlyRead(settings.api_recheck_seconds),
    )
    state: AppState = app.state.pixely
    event.listen(state.sessions, "after_commit", lambda _session: state.forget_recent_reads())
    app.state.metrics = Metrics()

    app.add_middleware(RequestMetrics, metrics=app.state.metrics)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, error: RequestValidationError) -> JSONResponse:
        """422 with one readable line, and the details for programs."""
        details: list[Any] = [
            {k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in error.errors()
        ]
        return JSONResponse(
            {"detail": _validation_message(error), "errors": details}, status_code=422
        )

    for module in (auth, users, fichas, insights, admin, health):
        app.include_router(module.router)
    return app


_app: FastAPI | None = None


def __getattr__(name: str) -> FastAPI:
    """``pixely_api.app.main.app``: built for the environment on first use."""
    global _app
    if name != "app":
        raise AttributeError(name)
    if _app is None:
        _app = create_app()
    return _app
