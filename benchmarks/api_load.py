"""API load benchmark: ``GET /insights/summary`` (30-day window) under 32 concurrent
clients, against PostgreSQL.

Run: ``make bench-api`` (or ``python benchmarks/api_load.py [--fichas 10] [--days 365]
[--clients 32] [--seconds 20] [--admin-url postgresql+psycopg2://postgres@127.0.0.1/postgres]``).

Seeds one tenant with ``--fichas`` fichas × ``--days`` days of insights the pipeline's
way (a CSV source per ficha read, validated and stored; each day's delta analysed by the
offline analyzer and appended by ``Warehouse.append_insight``) into a database of its
own (kept as ``pixely_bench_api`` and reused while its seed matches), starts uvicorn on
loopback, logs a viewer in and drives the summary route with the windows a dashboard
asks for (each ficha's default view: the 30 days ending at its newest analysed day;
``--window-ends N`` adds the windows ending on each of the N-1 days before). Each window
is asked once first (cold: merged and cached), then the timed run. Prints latency
percentiles, requests/s, and the same window's SQL alone and uncached merge as ratios.
"""

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pipeline import write_history  # noqa: E402

from pixely_api import admin, queries  # noqa: E402
from pixely_api.clock import utcnow  # noqa: E402
from pixely_api.db import make_engine, upgrade_database  # noqa: E402
from pixely_api.models import FichaCliente, Post, SocialMediaInsight  # noqa: E402
from pixely_api.schemas import Window  # noqa: E402
from pixely_dagster.analysis.day_analyzer import DayAnalyzer  # noqa: E402
from pixely_dagster.analysis.offline import OfflineAnnotator  # noqa: E402
from pixely_dagster.sources.factory import open_source, validation_rules  # noqa: E402
from pixely_dagster.sources.validation import validate_workbook  # noqa: E402
from pixely_dagster.warehouse import Warehouse, brand_context  # noqa: E402

DATABASE = "pixely_bench_api"
VIEWER = "viewer@bench.test"
PASSWORD = "bench-viewer-2025"
SECRET = "bench-only-secret-key-that-is-long-enough-0123456789"
WINDOW_DAYS = 30


def bench_database(admin_url: str) -> str:
    url = make_url(admin_url)
    server = create_engine(url, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        found = connection.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": DATABASE}
        ).scalar()
        if not found:
            connection.execute(text(f'CREATE DATABASE "{DATABASE}"'))
    server.dispose()
    return url.set(database=DATABASE).render_as_string(hide_password=False)


def seed(url: str, fichas: int, days: int, work: Path) -> tuple[list[int], date]:
    """One tenant, one viewer, ``fichas`` fichas of ``days`` analysed days each (reused
    when the database already holds exactly that)."""
    upgrade_database(url)
    engine = make_engine(url)
    last = datetime.now(UTC).date() - timedelta(days=1)
    first = last - timedelta(days=days - 1)
    with Session(engine) as session:
        ids = list(session.scalars(select(FichaCliente.id).order_by(FichaCliente.id)))
        rows = session.scalar(select(func.count()).select_from(SocialMediaInsight)) or 0
        newest = session.scalar(select(func.max(SocialMediaInsight.partition_date)))
    if len(ids) == fichas and rows >= fichas * days and newest is not None:
        print(f"seed: reusing {len(ids)} fichas, {rows} insights rows (newest {newest})")
        return ids, newest
    if ids:
        engine.dispose()
        server = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{DATABASE}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{DATABASE}"'))
        server.dispose()
        return seed(url, fichas, days, work)
    started = time.perf_counter()
    with Session(engine, expire_on_commit=False) as session, session.begin():
        admin.create_tenant(session, "Bench Brand", "bench")
        admin.create_user(session, VIEWER, "bench", "viewer", PASSWORD)
    warehouse = Warehouse(engine)
    ids = []
    for index in range(fichas):
        folder = work / f"ficha-{index}"
        write_history(folder, first, days, posts_per_day=2, per_day=20, seed=index)
        with Session(engine, expire_on_commit=False) as session, session.begin():
            ficha = admin.create_ficha(
                session,
                admin.FichaSpec(
                    name=f"Bench {index}", tenant_slug="bench", source_path=str(folder)
                ),
            )
        validated = validate_workbook(open_source(ficha).read(), validation_rules(ficha))
        warehouse.store_snapshot(ficha.id, validated, utcnow())
        analyzer = DayAnalyzer(annotator=OfflineAnnotator(), context=brand_context(ficha))
        for day in warehouse.pending_dates(ficha.id):
            delta = warehouse.load_delta(ficha.id, day)
            warehouse.append_insight(delta, "bench-seed", analyzer, payload=analyzer(delta))
        ids.append(ficha.id)
        print(f"seed: ficha {index + 1}/{fichas} ({time.perf_counter() - started:.0f} s)")
    with Session(engine) as session:
        newest = session.scalar(select(func.max(SocialMediaInsight.partition_date)))
    engine.dispose()
    assert newest is not None
    return ids, newest


def windows(ficha_ids: list[int], newest: date, ends: int) -> list[tuple[int, date, date]]:
    """What dashboards ask: every ficha, 30-day windows ending on each of the last ``ends``
    days (1: the default view, the 30 days ending at the newest analysed day)."""
    return [
        (ficha, end - timedelta(days=WINDOW_DAYS - 1), end)
        for ficha in ficha_ids
        for end in (newest - timedelta(days=k) for k in range(ends))
    ]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_api(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    # No landing-view warmer: it would merge other windows (ending today) during the timed
    # run; this benchmark asks each of its windows once itself before timing.
    environment = {
        **os.environ,
        "PIXELY_DATABASE_URL": url,
        "SECRET_KEY": SECRET,
        "PIXELY_API_WARM_SECONDS": "0",
    }
    command = [sys.executable, "-m", "uvicorn", "pixely_api.app.main:app"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    command += ["--log-level", "warning", "--no-access-log"]
    process = subprocess.Popen(command, env=environment)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("the API did not answer /health within 60 s")


class KeepAliveConnection:
    """One HTTP/1.1 keep-alive connection on asyncio streams: a load generator that costs
    a few microseconds per request. httpx's async pool, tried first, spent about 3.5 ms
    of CPU per request and at 32 connections kept a core busy on its own, so the figures
    measured the client rather than the API (README, API benchmark)."""

    def __init__(self, host: str, port: int, token: str) -> None:
        self.host, self.port = host, port
        self.headers = (
            f"Host: {host}:{port}\r\nAuthorization: Bearer {token}\r\n"
            "Accept-Encoding: gzip\r\nConnection: keep-alive\r\n\r\n"
        )
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, target: str) -> tuple[int, bytes]:
        """Status and raw body (still gzip-compressed) of ``GET target``."""
        if self.reader is None or self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"GET {target} HTTP/1.1\r\n{self.headers}".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        length = next(
            int(line.split(":", 1)[1])
            for line in lines[1:]
            if line.lower().startswith("content-length:")
        )
        return status, await self.reader.readexactly(length)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def drive(
    base: str, token: str, asks: list[tuple[int, date, date]], clients: int, seconds: float
) -> tuple[list[float], int]:
    """``clients`` concurrent keep-alive connections for ``seconds``; latencies of 200s,
    and the errors (any other status, or a body that is not the gzip of a summary)."""
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + seconds
    url = httpx.URL(base)
    targets = [
        f"/insights/summary?ficha_cliente_id={ficha}&start_date={start}&end_date={end}"
        for ficha, start, end in asks
    ]

    async def loop(offset: int) -> None:
        nonlocal errors
        connection = KeepAliveConnection(url.host, url.port or 80, token)
        n = offset
        try:
            while time.perf_counter() < stop:
                target = targets[n % len(targets)]
                n += clients
                began = time.perf_counter()
                status, body = await connection.get(target)
                if status == 200 and body[:2] == b"\x1f\x8b":
                    latencies.append(time.perf_counter() - began)
                else:
                    errors += 1
        finally:
            connection.close()

    await asyncio.gather(*(loop(i) for i in range(clients)))
    return latencies, errors


def sql_and_merge(
    url: str, asks: list[tuple[int, date, date]], samples: int
) -> tuple[float, float]:
    """Median seconds of one summary's SQL alone (both windows' rows and the posts), and
    of the whole uncached summary (SQL + merge), in-process."""
    engine = make_engine(url)
    sql, whole = [], []
    with Session(engine) as session:
        for ficha, start, end in asks[:samples]:
            window = Window(start_date=start, end_date=end)
            began = time.perf_counter()
            for w in (window, queries.previous_window(window)):
                list(session.scalars(queries.window_rows_query(ficha, w.start_date, w.end_date)))
            list(session.scalars(select(Post).where(Post.ficha_id == ficha)))
            sql.append(time.perf_counter() - began)
            session.expunge_all()
            began = time.perf_counter()
            queries.window_report(session, ficha, window).model_dump_json()
            whole.append(time.perf_counter() - began)
            session.expunge_all()
    engine.dispose()
    return statistics.median(sql), statistics.median(whole)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fichas", type=int, default=10)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument(
        "--window-ends",
        type=int,
        default=1,
        help="Distinct window ends per ficha (more: more cache misses).",
    )
    parser.add_argument(
        "--admin-url",
        default=os.environ.get(
            "PIXELY_TEST_POSTGRES_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres"
        ),
    )
    args = parser.parse_args()
    url = bench_database(args.admin_url)
    with tempfile.TemporaryDirectory(prefix="pixely-bench-api-") as work:
        ficha_ids, newest = seed(url, args.fichas, args.days, Path(work))
    asks = windows(ficha_ids, newest, args.window_ends)
    sql_seconds, uncached_seconds = sql_and_merge(url, asks, 10)

    port = free_port()
    server = start_api(url, port, args.workers)
    base = f"http://127.0.0.1:{port}"
    try:
        login = httpx.post(f"{base}/auth/token", data={"username": VIEWER, "password": PASSWORD})
        login.raise_for_status()
        token = login.json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        cold = []
        for ficha, start, end in asks:
            began = time.perf_counter()
            first = httpx.get(
                f"{base}/insights/summary",
                params={"ficha_cliente_id": ficha, "start_date": str(start), "end_date": str(end)},
                headers=headers,
                timeout=60,
            )
            first.raise_for_status()
            cold.append(time.perf_counter() - began)
        latencies, errors = asyncio.run(drive(base, token, asks, args.clients, args.seconds))
        metrics = httpx.get(f"{base}/metrics").text
    finally:
        server.terminate()
        server.wait(timeout=30)

    if not latencies:
        print(f"no successful request ({errors} errors)")
        return 1
    p50, p95, p99 = (percentile(latencies, s) for s in (0.50, 0.95, 0.99))
    rate = len(latencies) / args.seconds
    print(
        f"GET /insights/summary, {args.fichas} fichas x {args.days} days on PostgreSQL, "
        f"{WINDOW_DAYS}-day windows ({len(asks)} distinct), {args.clients} clients, "
        f"{args.seconds:.0f} s, uvicorn workers {args.workers}"
    )
    print(f"cold           {statistics.median(cold) * 1000:8.1f} ms median first ask of a window")
    print(f"requests       {len(latencies)} ok, {errors} errors")
    print(f"throughput     {rate:8.1f} req/s   (target >= 200)")
    print(f"latency p50    {p50 * 1000:8.1f} ms")
    print(f"latency p95    {p95 * 1000:8.1f} ms   (target < 100)")
    print(f"latency p99    {p99 * 1000:8.1f} ms")
    print(
        f"SQL alone      {sql_seconds * 1000:8.1f} ms per summary "
        f"(both windows' rows + posts), {sql_seconds / p50:.2f} x p50"
    )
    print(
        f"uncached       {uncached_seconds * 1000:8.1f} ms per summary "
        f"(SQL + merge + JSON, in-process), merge and JSON "
        f"{(uncached_seconds - sql_seconds) / uncached_seconds:.0%} of it"
    )
    served = sum(
        float(line.rsplit(" ", 1)[1])
        for line in metrics.splitlines()
        if line.startswith("pixely_api_requests_total{") and "/insights/summary" in line
    )
    print(f"server counted {served:.0f} summary requests (/metrics)")
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
