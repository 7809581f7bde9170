"""The pipeline's health as Prometheus metrics, written to a text file.

What an operator watches: when each ficha was last analysed and last checked, how many
items were analysed today, analyzer errors, run durations and how many sources the
schedule checked. Figures come from the product database and from finished Dagster
runs, which the caller passes in as :class:`RunOutcome` values, so this module stays
free of Dagster and is testable on its own.

The file follows the node-exporter textfile-collector convention (written to a
temporary file, then renamed): a ``node-exporter --collector.textfile.directory``
pointed at its folder exposes it to Prometheus (see ``docker-compose.yml``).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from prometheus_client import CollectorRegistry, Gauge, generate_latest, write_to_textfile
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from pixely_api.models import FichaCliente, SocialMediaInsight
from pixely_api.settings import get_settings

WINDOW = timedelta(hours=24)
"""Errors, run counts and sources checked are counted over the last 24 hours."""


def metrics_file_path() -> Path:
    """``PIXELY_METRICS_FILE``, or ``metrics/pixely.prom`` under the Pixely home."""
    return get_settings().metrics_file_path


def metrics_timezone() -> str:
    """The zone whose midnight starts "today" (``PIXELY_TIMEZONE``, the schedule's zone)."""
    return get_settings().timezone


@dataclass(frozen=True)
class RunOutcome:
    """One finished Dagster run, reduced to what the metrics need."""

    job_name: str
    status: str
    """``success``, ``failure`` or ``canceled``."""
    started_at: datetime | None
    ended_at: datetime | None
    ficha: str | None
    calls_analyzer: bool

    @property
    def duration_seconds(self) -> float | None:
        if self.started_at is None or self.ended_at is None:
            return None
        return max((self.ended_at - self.started_at).total_seconds(), 0.0)


@dataclass(frozen=True)
class FichaHealth:
    slug: str
    last_analysis_at: datetime | None
    last_checked_at: datetime | None
    posts_analysed_today: int
    comments_analysed_today: int
    analyzer_errors: int


@dataclass(frozen=True)
class JobFigures:
    job_name: str
    last_duration_seconds: float | None
    max_duration_seconds: float | None
    runs_by_status: dict[str, int]


@dataclass(frozen=True)
class PipelineHealth:
    """Everything the metrics file holds, at one instant."""

    generated_at: datetime
    today_starts_at: datetime
    fichas: tuple[FichaHealth, ...]
    jobs: tuple[JobFigures, ...]
    sources_checked: int
    analyzer_errors: int

    @property
    def items_analysed_today(self) -> int:
        return sum(f.posts_analysed_today + f.comments_analysed_today for f in self.fichas)

    @property
    def active_fichas(self) -> int:
        return len(self.fichas)


def read_pipeline_health(
    engine: Engine, runs: Iterable[RunOutcome], now: datetime, timezone: str | None = None
) -> PipelineHealth:
    """Active fichas' figures from the database, combined with the finished runs of the
    last 24 hours (``runs`` older than that are ignored)."""
    zone = ZoneInfo(timezone or metrics_timezone())
    local_now = now.astimezone(zone)
    today_starts_at = local_now.replace(hour=0, minute=0, second=0, microsecond=0)
    recent = [r for r in runs if r.ended_at is not None and now - r.ended_at <= WINDOW]
    with Session(engine) as session:
        fichas = list(
            session.scalars(
                select(FichaCliente)
                .where(FichaCliente.active.is_(True))
                .order_by(FichaCliente.slug)
            )
        )
        analysed_today = {
            ficha_id: (int(posts or 0), int(comments or 0))
            for ficha_id, posts, comments in session.execute(
                select(
                    SocialMediaInsight.ficha_id,
                    func.sum(SocialMediaInsight.posts_analyzed),
                    func.sum(SocialMediaInsight.comments_analyzed),
                )
                .where(SocialMediaInsight.analysis_timestamp >= today_starts_at)
                .group_by(SocialMediaInsight.ficha_id)
            )
        }
    failed_analysis = [r for r in recent if r.calls_analyzer and r.status == "failure"]
    health = tuple(
        FichaHealth(
            slug=ficha.slug,
            last_analysis_at=_latest(
                ficha.last_analysis_timestamp,
                *(
                    r.ended_at
                    for r in recent
                    if r.calls_analyzer and r.status == "success" and r.ficha == ficha.slug
                ),
            ),
            last_checked_at=ficha.last_checked_at,
            posts_analysed_today=analysed_today.get(ficha.id, (0, 0))[0],
            comments_analysed_today=analysed_today.get(ficha.id, (0, 0))[1],
            analyzer_errors=sum(1 for r in failed_analysis if r.ficha == ficha.slug),
        )
        for ficha in fichas
    )
    checked = sum(
        1 for f in fichas if f.last_checked_at is not None and now - f.last_checked_at <= WINDOW
    )
    return PipelineHealth(
        generated_at=now,
        today_starts_at=today_starts_at,
        fichas=health,
        jobs=_job_figures(recent),
        sources_checked=checked,
        analyzer_errors=len(failed_analysis),
    )


def _latest(*moments: datetime | None) -> datetime | None:
    known = [m for m in moments if m is not None]
    return max(known) if known else None


def _job_figures(runs: Sequence[RunOutcome]) -> tuple[JobFigures, ...]:
    figures = []
    for job_name in sorted({r.job_name for r in runs}):
        job_runs = sorted(
            (r for r in runs if r.job_name == job_name),
            key=lambda r: r.ended_at or r.started_at or datetime.min,
        )
        durations = [r.duration_seconds for r in job_runs if r.duration_seconds is not None]
        by_status: dict[str, int] = {}
        for run in job_runs:
            by_status[run.status] = by_status.get(run.status, 0) + 1
        figures.append(
            JobFigures(
                job_name=job_name,
                last_duration_seconds=job_runs[-1].duration_seconds,
                max_duration_seconds=max(durations) if durations else None,
                runs_by_status=by_status,
            )
        )
    return tuple(figures)


def metrics_registry(health: PipelineHealth) -> CollectorRegistry:
    """The metrics, in a registry of their own (never the process-global one)."""
    registry = CollectorRegistry()

    def gauge(name: str, documentation: str, labels: Sequence[str] = ()) -> Gauge:
        return Gauge(name, documentation, labels, registry=registry)

    last_analysis = gauge(
        "pixely_ficha_last_successful_analysis_timestamp_seconds",
        "When the ficha's newest analysis succeeded (Unix time; 0 = never).",
        ["ficha"],
    )
    last_checked = gauge(
        "pixely_ficha_last_checked_timestamp_seconds",
        "When the schedule last checked the ficha's source (Unix time; 0 = never).",
        ["ficha"],
    )
    analysed_today = gauge(
        "pixely_items_analysed_today",
        "Posts and comments analysed since midnight in PIXELY_TIMEZONE.",
        ["ficha", "kind"],
    )
    ficha_errors = gauge(
        "pixely_ficha_analyzer_errors_24h",
        "Failed analysis runs of the ficha in the last 24 hours.",
        ["ficha"],
    )
    for ficha in health.fichas:
        last_analysis.labels(ficha.slug).set(_unix(ficha.last_analysis_at))
        last_checked.labels(ficha.slug).set(_unix(ficha.last_checked_at))
        analysed_today.labels(ficha.slug, "post").set(ficha.posts_analysed_today)
        analysed_today.labels(ficha.slug, "comment").set(ficha.comments_analysed_today)
        ficha_errors.labels(ficha.slug).set(ficha.analyzer_errors)

    gauge(
        "pixely_analyzer_errors_24h",
        "Failed runs that call the analyzer, last 24 hours (all fichas).",
    ).set(health.analyzer_errors)
    gauge(
        "pixely_sources_checked_24h",
        "Active fichas whose source the schedule checked in the last 24 hours.",
    ).set(health.sources_checked)
    gauge("pixely_fichas_active", "Active fichas.").set(health.active_fichas)

    last_duration = gauge(
        "pixely_run_last_duration_seconds", "Duration of the job's newest finished run.", ["job"]
    )
    max_duration = gauge(
        "pixely_run_max_duration_seconds_24h",
        "Longest finished run of the job in the last 24 hours.",
        ["job"],
    )
    finished = gauge(
        "pixely_runs_finished_24h", "Finished runs in the last 24 hours.", ["job", "status"]
    )
    for job in health.jobs:
        if job.last_duration_seconds is not None:
            last_duration.labels(job.job_name).set(job.last_duration_seconds)
        if job.max_duration_seconds is not None:
            max_duration.labels(job.job_name).set(job.max_duration_seconds)
        for status, count in job.runs_by_status.items():
            finished.labels(job.job_name, status).set(count)

    gauge(
        "pixely_metrics_generated_timestamp_seconds",
        "When these figures were read (a stale value means nothing refreshes them).",
    ).set(_unix(health.generated_at))
    return registry


def render_metrics(health: PipelineHealth) -> str:
    """The Prometheus text format of the metrics."""
    return generate_latest(metrics_registry(health)).decode("utf-8")


def write_metrics_file(health: PipelineHealth, path: Path) -> Path:
    """Write atomically (temporary file, then rename): a scrape never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_to_textfile(str(path), metrics_registry(health))
    return path


def _unix(moment: datetime | None) -> float:
    return moment.timestamp() if moment is not None else 0.0
