"""Scale benchmark: the schedule tick and the window summary at 10, 100 and 1,000 fichas.

Run: ``make bench-scale`` (or ``python benchmarks/scale.py [--fichas 10,100,1000]
[--days 30] [--posts-per-day 2] [--comments-per-day 10] [--postgres-admin-url URL]``).

One template ficha goes through the real pipeline (``run_daily``: snapshot, delta,
offline analyzer, exactly-once append) over a CSV source of ``--days`` days; its posts,
comments, insight rows (real Q1…Q10 JSON) and ledger entries are then copied, in SQL,
to every other ficha, each with its own CSV folder. So every ficha holds a realistic
row shape, scaled down in volume: 30 days × 10 comments a day by default, against the
months of history and hundreds of comments a day of a busy brand (``--days`` and
``--comments-per-day`` raise it; the copy keeps the seeding fast).

Measured at each size, on SQLite and (when ``--postgres-admin-url`` or
``PIXELY_TEST_POSTGRES_URL`` answers) on PostgreSQL:
- the schedule tick: ``check_source`` for every active ficha (local fingerprint, the
  ``last_checked_at`` write, the pending-days query), total and per ficha;
- the window summary for one ficha: the SQL read of its non-superseded rows and posts,
  then ``summarize`` (merge Q1–Q9, engagement, Q10), median over sampled fichas.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pipeline import write_history  # noqa: E402

SAMPLED_FICHAS = 15


@dataclass
class Figures:
    backend: str
    fichas: int
    tick_seconds: float
    unchanged: int
    query_ms: float
    summarize_ms: float
    insight_rows: int
    comments: int

    def line(self) -> str:
        per_ficha = self.tick_seconds / self.fichas * 1000
        return (
            f"{self.backend:<10} {self.fichas:>6} fichas  tick {self.tick_seconds:7.2f} s "
            f"({per_ficha:5.1f} ms/ficha, {self.unchanged} unchanged)  summary query "
            f"{self.query_ms:6.1f} ms + summarize {self.summarize_ms:6.1f} ms  "
            f"rows: {self.insight_rows:>7} insights, {self.comments:>8} comments"
        )


def seed_template(work: Path, url: str, days: int, posts: int, comments: int) -> int:
    """The template ficha, analysed by the real pipeline; returns its id."""
    import dagster as dg
    from sqlalchemy.orm import Session

    from pixely_api import admin
    from pixely_api.db import make_engine
    from pixely_dagster.cli.run_daily import run_daily
    from pixely_dagster.definitions import defs as load_defs

    first = datetime.now(UTC).date() - timedelta(days=days)
    write_history(work / "sources" / "template", first, days, posts, comments, 7)
    engine = make_engine(url)
    with Session(engine) as session, session.begin():
        admin.create_tenant(session, "Scale", "scale")
        ficha = admin.create_ficha(
            session,
            admin.FichaSpec(
                name="template",
                tenant_slug="scale",
                slug="template",
                source_path=str(work / "sources" / "template"),
                timezone="UTC",
            ),
        )
        ficha_id = ficha.id
    engine.dispose()
    summaries = run_daily(load_defs(), dg.DagsterInstance.get(), "template")
    if [s.status for s in summaries] != ["analysed"]:
        raise SystemExit(f"template run failed: {[s.line() for s in summaries]}")
    return ficha_id


def copy_template(url: str, template_id: int, work: Path, first: int, last: int) -> None:
    """Fichas ``first``…``last``: own CSV folder (copied), rows copied from the template."""
    from sqlalchemy import select, text
    from sqlalchemy.orm import Session

    from pixely_api.db import make_engine
    from pixely_api.models import FichaCliente

    engine = make_engine(url)
    with Session(engine) as session, session.begin():
        template = session.get(FichaCliente, template_id)
        assert template is not None
        for n in range(first, last + 1):
            folder = work / "sources" / f"f{n:05d}"
            if not folder.exists():
                shutil.copytree(work / "sources" / "template", folder)
            session.add(
                FichaCliente(
                    tenant_id=template.tenant_id,
                    name=f"Ficha {n}",
                    slug=f"f{n:05d}",
                    source_kind="workbook",
                    source_path=str(folder),
                    timezone="UTC",
                    source_fingerprint=template.source_fingerprint,
                    source_fingerprint_at=template.source_fingerprint_at,
                    last_analysis_timestamp=template.last_analysis_timestamp,
                )
            )
        session.flush()
        new_ids = list(
            session.scalars(
                select(FichaCliente.id).where(
                    FichaCliente.slug.between(f"f{first:05d}", f"f{last:05d}")
                )
            )
        )
        params = {"t": template_id, "lo": min(new_ids), "hi": max(new_ids)}
        new = "FROM fichas_cliente f WHERE f.id BETWEEN :lo AND :hi"
        session.execute(
            text(
                "INSERT INTO posts (ficha_id, post_key, post_url, platform, created_at, "
                "partition_date, content, likes, comments_count, shares, views, first_seen_at, "
                "updated_at) SELECT f.id, p.post_key, p.post_url, p.platform, p.created_at, "
                "p.partition_date, p.content, p.likes, p.comments_count, p.shares, p.views, "
                f"p.first_seen_at, p.updated_at {new.replace('WHERE', ', posts p WHERE')} "
                "AND p.ficha_id = :t"
            ),
            params,
        )
        session.execute(
            text(
                "INSERT INTO comments (ficha_id, comment_key, post_key, platform, author, text, "
                "created_at, partition_date, is_brand_reply, first_seen_at) SELECT f.id, "
                "c.comment_key, c.post_key, c.platform, c.author, c.text, c.created_at, "
                "c.partition_date, c.is_brand_reply, c.first_seen_at "
                f"{new.replace('WHERE', ', comments c WHERE')} AND c.ficha_id = :t"
            ),
            params,
        )
        columns = (
            "partition_date, run_id, analysis_timestamp, posts_analyzed, comments_analyzed, "
            "analyzer, analysis_version, llm_requests, prompt_tokens, completion_tokens, "
            "estimated_cost_usd, is_reanalysis, superseded_by_run, superseded_at, "
            + ", ".join(f"q{i}_result" for i in range(1, 11))
        )
        session.execute(
            text(
                f"INSERT INTO social_media_insights (ficha_id, {columns}) SELECT f.id, "
                + ", ".join(f"i.{c.strip()}" for c in columns.split(","))
                + f" {new.replace('WHERE', ', social_media_insights i WHERE')} AND i.ficha_id = :t"
            ),
            params,
        )
        session.execute(
            text(
                "INSERT INTO analyzed_items (ficha_id, item_kind, item_key, partition_date, "
                "insight_id, analyzed_at) SELECT n.ficha_id, a.item_kind, a.item_key, "
                "a.partition_date, n.id, a.analyzed_at FROM analyzed_items a "
                "JOIN social_media_insights o ON o.id = a.insight_id "
                "JOIN social_media_insights n ON n.partition_date = o.partition_date "
                "AND n.run_id = o.run_id AND n.ficha_id BETWEEN :lo AND :hi "
                "WHERE a.ficha_id = :t"
            ),
            params,
        )
    engine.dispose()


def measure_tick(url: str) -> tuple[float, int, int]:
    """``check_source`` for every active ficha, as the daily schedule runs it."""
    from pixely_api.db import make_engine
    from pixely_dagster.defs.resources import SourceResource
    from pixely_dagster.scheduling import check_source
    from pixely_dagster.warehouse import Warehouse

    engine = make_engine(url)
    store = Warehouse(engine)
    sources = SourceResource()
    now = datetime.now(UTC)
    started = time.perf_counter()
    fichas = store.fichas()
    decisions = [check_source(store, sources, ficha, now) for ficha in fichas]
    elapsed = time.perf_counter() - started
    engine.dispose()
    unchanged = sum(1 for d in decisions if not d.read_source)
    return elapsed, len(fichas), unchanged


def measure_summary(url: str, window: tuple[date, date]) -> tuple[float, float, int, int]:
    """Median ms of the SQL read and of ``summarize`` for one ficha's window."""
    import random

    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from pixely_api.db import make_engine
    from pixely_api.insights import InsightResults, summarize
    from pixely_api.models import Comment, FichaCliente, Post, SocialMediaInsight

    engine = make_engine(url)
    query_ms: list[float] = []
    summarize_ms: list[float] = []
    with Session(engine) as session:
        ids = list(session.scalars(select(FichaCliente.id)))
        rows_total = session.scalar(select(func.count()).select_from(SocialMediaInsight)) or 0
        comments_total = session.scalar(select(func.count()).select_from(Comment)) or 0
    for ficha_id in random.Random(3).sample(ids, min(SAMPLED_FICHAS, len(ids))):
        with Session(engine) as session:
            started = time.perf_counter()
            rows = session.execute(
                select(*(getattr(SocialMediaInsight, f"q{i}_result") for i in range(1, 11)))
                .where(
                    SocialMediaInsight.ficha_id == ficha_id,
                    SocialMediaInsight.superseded_by_run.is_(None),
                    SocialMediaInsight.partition_date.between(*window),
                )
                .order_by(SocialMediaInsight.partition_date, SocialMediaInsight.id)
            ).all()
            posts = session.scalars(
                select(Post).where(Post.ficha_id == ficha_id, Post.partition_date.between(*window))
            ).all()
            metrics = [post.metrics() for post in posts]
            query_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        results = [
            InsightResults.from_columns({f"q{i}_result": row[i - 1] for i in range(1, 11)})
            for row in rows
        ]
        summary = summarize(results, metrics)
        summarize_ms.append((time.perf_counter() - started) * 1000)
        if not rows or summary.q1.num_comentarios == 0:
            raise SystemExit(f"ficha {ficha_id} has no analysed rows in the window")
    engine.dispose()
    return statistics.median(query_ms), statistics.median(summarize_ms), rows_total, comments_total


def run_backend(name: str, url: str, args: argparse.Namespace, work: Path) -> list[Figures]:
    from pixely_api.db import upgrade_database

    os.environ["PIXELY_DATABASE_URL"] = url
    from pixely_api.db import default_engine

    default_engine.cache_clear()
    upgrade_database(url)
    print(f"[{name}] analysing the template ficha with the real pipeline …", flush=True)
    template_id = seed_template(work, url, args.days, args.posts_per_day, args.comments_per_day)
    today = datetime.now(UTC).date()
    window = (today - timedelta(days=args.days), today)
    figures = []
    have = 1
    for size in args.fichas:
        if size > have:
            started = time.perf_counter()
            copy_template(url, template_id, work, have, size - 1)
            print(f"[{name}] seeded {size} fichas in {time.perf_counter() - started:.1f} s")
            have = size
        tick, fichas, unchanged = measure_tick(url)
        query_ms, summarize_ms, rows, comments = measure_summary(url, window)
        figures.append(
            Figures(name, fichas, tick, unchanged, query_ms, summarize_ms, rows, comments)
        )
        print(figures[-1].line(), flush=True)
    return figures


def postgres_database(admin_url: str) -> tuple[str, Callable[[], None]] | None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import OperationalError

    name = f"pixely_scale_{uuid.uuid4().hex[:8]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as error:
        print(f"PostgreSQL skipped: {str(error.orig).strip().splitlines()[0]}")
        return None

    def drop() -> None:
        from pixely_api.db import default_engine

        default_engine.cache_clear()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return make_url(admin_url).set(database=name).render_as_string(hide_password=False), drop


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fichas", default="10,100,1000")
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--posts-per-day", type=int, default=2)
    parser.add_argument("--comments-per-day", type=int, default=10)
    parser.add_argument(
        "--postgres-admin-url", default=os.environ.get("PIXELY_TEST_POSTGRES_URL", "")
    )
    args = parser.parse_args()
    args.fichas = sorted(int(n) for n in args.fichas.split(","))

    work = Path(tempfile.mkdtemp(prefix="pixely-scale-"))
    os.environ["PIXELY_TIMEZONE"] = "UTC"
    os.environ["PIXELY_START_DATE"] = (
        datetime.now(UTC).date() - timedelta(days=args.days + 1)
    ).isoformat()
    os.environ["DAGSTER_HOME"] = str(work / "dagster")
    (work / "dagster").mkdir()
    (work / "dagster" / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")

    try:
        results = run_backend("sqlite", f"sqlite:///{work / 'sqlite' / 'pixely.db'}", args, work)
        if args.postgres_admin_url:
            database = postgres_database(args.postgres_admin_url)
            if database is not None:
                url, drop = database
                try:
                    results += run_backend("postgresql", url, args, work / "pg")
                finally:
                    drop()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print()
    for figures in results:
        print(figures.line())
    print()
    for backend in sorted({f.backend for f in results}):
        rows = [f for f in results if f.backend == backend]
        small, large = rows[0], rows[-1]
        growth = large.fichas / small.fichas
        per_small = small.tick_seconds / small.fichas
        per_large = large.tick_seconds / large.fichas
        tick_growth = large.tick_seconds / small.tick_seconds
        print(
            f"{backend}: {growth:.0f}× fichas → tick {tick_growth:.1f}× "
            f"({per_large / per_small:.2f}× per ficha), summary query "
            f"{large.query_ms / small.query_ms:.2f}×, summarize "
            f"{large.summarize_ms / small.summarize_ms:.2f}×"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
