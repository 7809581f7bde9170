"""Pipeline benchmark (issue: the Dagster pipeline): first run vs the next day's
incremental run, and a 180-day backfill of one ficha.

Run: ``make bench-pipeline`` (or ``python benchmarks/pipeline.py [--days 90]
[--comments-per-day 1000] [--backfill-days 180] [--database-url URL]``).

Prints, for each scenario: wall time, analyzer time (annotation + modules), items
analysed, runs launched and source reads; then the ratios the targets are about.
Everything runs on a throw-away SQLite database and Dagster instance (or the
PostgreSQL database you name), with the offline analyzer.
"""

import argparse
import csv
import os
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from pixely_dagster.sources.raw import COMMENT_COLUMNS, OPTIONAL_POST_COLUMNS, POST_COLUMNS

TEXTS = (
    "me encanta este producto 😍",
    "el envío llegó tarde otra vez 😡",
    "¿tienen precio por mayor?",
    "no me gustó la calidad, se rompió rápido",
    "buenísimo el servicio, gracias!!",
    "pésima atención, nadie responde",
    "lo quiero! dónde compro?",
    "está bien, nada especial",
    "great quality, love it",
    "genial, otra vez sin stock 🙃",
)


@dataclass
class Scenario:
    name: str
    wall_seconds: float
    analyzer_seconds: float
    posts: int
    comments: int
    runs: int
    source_reads: int

    def line(self) -> str:
        return (
            f"{self.name:<22} wall {self.wall_seconds:8.2f} s"
            f"  analyzer {self.analyzer_seconds:7.2f} s"
            f"  posts {self.posts:6d}  comments {self.comments:7d}  runs {self.runs:2d}"
            f"  source reads {self.source_reads}"
        )


def write_history(
    folder: Path, first: date, days: int, posts_per_day: int, per_day: int, seed: int
) -> None:
    """A Posts.csv / Comments.csv source: ``days`` days from ``first``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    posts, comments = [], []
    platforms = ("instagram", "tiktok", "facebook")
    for offset in range(days):
        day = first + timedelta(days=offset)
        urls = []
        for n in range(posts_per_day):
            url = f"https://example.com/{day:%Y%m%d}/{n}"
            urls.append(url)
            posts.append([url, platforms[n % 3], f"{day}T09:00:00-05:00", "post", 100, 10, 5, 1000])
        for n in range(per_day):
            at = datetime(day.year, day.month, day.day, 10, tzinfo=UTC) + timedelta(seconds=n * 7)
            comments.append(
                [rng.choice(urls), rng.choice(TEXTS), f"user{rng.randrange(5000)}", at.isoformat()]
            )
    with (folder / "Posts.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*POST_COLUMNS, *OPTIONAL_POST_COLUMNS])
        writer.writerows(posts)
    with (folder / "Comments.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COMMENT_COLUMNS)
        writer.writerows(comments)


def append_new_posts(folder: Path, day: date, count: int, comments_each: int) -> None:
    with (folder / "Posts.csv").open("a", newline="") as handle:
        writer = csv.writer(handle)
        for n in range(count):
            writer.writerow(
                [
                    f"https://example.com/new/{day}/{n}",
                    "instagram",
                    f"{day}T08:00:00-05:00",
                    "nuevo",
                    1,
                    comments_each,
                    0,
                    10,
                ]
            )
    with (folder / "Comments.csv").open("a", newline="") as handle:
        writer = csv.writer(handle)
        for n in range(count):
            for k in range(comments_each):
                writer.writerow(
                    [
                        f"https://example.com/new/{day}/{n}",
                        TEXTS[k % len(TEXTS)],
                        f"fan{k}",
                        f"{day}T08:{10 + k:02d}:00-05:00",
                    ]
                )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--posts-per-day", type=int, default=20)
    parser.add_argument("--comments-per-day", type=int, default=1000)
    parser.add_argument("--backfill-days", type=int, default=180)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="pixely-bench-"))
    today = datetime.now(UTC).date()
    first = today - timedelta(days=max(args.days, args.backfill_days) + 1)
    os.environ["PIXELY_START_DATE"] = first.isoformat()
    os.environ["PIXELY_TIMEZONE"] = "UTC"
    os.environ["DAGSTER_HOME"] = str(work / "dagster")
    os.environ["PIXELY_DATABASE_URL"] = args.database_url or f"sqlite:///{work / 'pixely.db'}"
    (work / "dagster").mkdir()
    (work / "dagster" / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")

    import dagster as dg
    from sqlalchemy.orm import Session

    from pixely_api import admin
    from pixely_api.db import default_engine, upgrade_database
    from pixely_dagster.cli.run_daily import QUIET_LOGS, register_client_keys, run_daily
    from pixely_dagster.definitions import defs as load_defs
    from pixely_dagster.defs.partitions import range_tags

    upgrade_database()
    history = work / "history"
    backfill = work / "backfill"
    print(
        f"generating {args.days} days × {args.comments_per_day} comments "
        f"and a {args.backfill_days}-day ficha …"
    )
    write_history(
        history,
        today - timedelta(days=args.days),
        args.days,
        args.posts_per_day,
        args.comments_per_day,
        1,
    )
    write_history(
        backfill,
        today - timedelta(days=args.backfill_days),
        args.backfill_days,
        args.posts_per_day,
        args.comments_per_day,
        2,
    )
    with Session(default_engine()) as session, session.begin():
        admin.create_tenant(session, "Bench", "bench")
        for slug, folder in (("history", history), ("backfill", backfill)):
            admin.create_ficha(
                session,
                admin.FichaSpec(
                    name=slug,
                    tenant_slug="bench",
                    slug=slug,
                    source_path=str(folder),
                    timezone="UTC",
                ),
            )

    defs = load_defs()
    instance = dg.DagsterInstance.get()

    def totals() -> tuple[int, int]:
        runs = instance.get_runs()
        snapshot_runs = sum(1 for r in runs if r.job_name == "sheet_posts_job")
        return len(runs), snapshot_runs

    phases: dict[str, float] = {}

    def analyzer_seconds(since: float) -> float:
        records = instance.fetch_materializations(
            dg.AssetKey("social_media_insights"), limit=1000
        ).records
        total = 0.0
        seen = set()
        for record in records:
            if record.timestamp < since or record.run_id in seen:
                continue
            seen.add(record.run_id)
            meta = record.asset_materialization.metadata
            total += float(meta["annotator_seconds"].value) + float(meta["modules_seconds"].value)
            phases["append"] = phases.get("append", 0.0) + float(meta["append_seconds"].value)
        return total

    def scenario(name: str, action) -> Scenario:
        runs_before, reads_before = totals()
        started_at = time.time()
        started = time.perf_counter()
        posts, comments = action()
        wall = time.perf_counter() - started
        runs_after, reads_after = totals()
        return Scenario(
            name,
            wall,
            analyzer_seconds(started_at),
            posts,
            comments,
            runs_after - runs_before - (reads_after - reads_before),
            reads_after - reads_before,
        )

    def daily() -> tuple[int, int]:
        summaries = run_daily(defs, instance, "history")
        return sum(s.posts_analyzed for s in summaries), sum(s.comments_analyzed for s in summaries)

    results = [scenario("first run (90 days)", daily)]
    append_new_posts(history, today, 3, 5)
    results.append(scenario("next day (3 new posts)", daily))

    snapshot = defs.resolve_job_def("sheet_posts_job")
    register_client_keys(instance, ["backfill"])
    snapshot.execute_in_process(partition_key="backfill", instance=instance, run_config=QUIET_LOGS)

    def backfill_run() -> tuple[int, int]:
        result = defs.resolve_job_def("analysis_job").execute_in_process(
            instance=instance,
            tags=range_tags(
                "backfill", today - timedelta(days=args.backfill_days), today - timedelta(days=1)
            ),
            run_config=QUIET_LOGS,
        )
        for event in result.get_asset_materialization_events():
            materialization = event.step_materialization_data.materialization
            if materialization.asset_key == dg.AssetKey("social_media_insights"):
                return int(materialization.metadata["posts_analyzed"].value), int(
                    materialization.metadata["comments_analyzed"].value
                )
        return 0, 0

    phases.clear()
    results.append(scenario(f"backfill ({args.backfill_days} days)", backfill_run))
    backfill_append = phases.get("append", 0.0)

    print()
    for result in results:
        print(result.line())
    first_run, incremental, backfilled = results
    ratio = (
        incremental.analyzer_seconds / first_run.analyzer_seconds
        if first_run.analyzer_seconds
        else 0.0
    )
    print()
    print(f"incremental analyzer time / first run: {ratio:.2%} (target < 5 %)")
    print(
        f"incremental items: {incremental.posts} posts, {incremental.comments} comments "
        "(expected 3 posts, 15 comments)"
    )
    print(
        f"backfill: {backfilled.runs} run(s), {backfilled.source_reads} source reads, "
        f"{backfilled.wall_seconds:.1f} s (targets: 1 run, 0 reads, < 120 s)"
    )
    ok = (
        ratio < 0.05
        and (incremental.posts, incremental.comments) == (3, 15)
        and backfilled.runs == 1
        and backfilled.source_reads == 0
        and backfilled.wall_seconds < 120
    )
    print(f"backfill time inside the exactly-once append: {backfill_append:.1f} s")
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
