"""Window summaries as the API sends them: built once, kept gzip-compressed, and the
dashboard's landing view and whole history of every ficha built before anyone asks.

Merging a month of stored rows is most of a summary's cost (see the README's API
benchmark); a cached summary costs almost nothing. :class:`SummaryWarmer` runs in
the API process: at start and then every ``PIXELY_API_WARM_SECONDS`` it checks each
active ficha's landing view (the dashboard's default period, all platforms), then its
whole history, and builds them when the data or the day changed, so the first viewer
after a daily run does not wait for the merge.
"""

import gzip
import logging
import threading
from datetime import UTC, datetime

from sqlalchemy.orm import Session, sessionmaker

from pixely_api import queries
from pixely_api.insights.periods import DEFAULT_PRESET, Preset, resolve, today_in
from pixely_api.queries import SummaryCache
from pixely_api.schemas import Window

GZIP_LEVEL = 6
"""A month is ~0.15 MB of JSON and ~0.02 MB gzipped; sent as kept to every client that
accepts gzip (browsers, httpx, requests)."""

log = logging.getLogger(__name__)


def compressed_report(session: Session, ficha_id: int, window: Window) -> bytes:
    """``GET /insights/summary``'s body for the window, gzip-compressed."""
    body = queries.window_report(session, ficha_id, window).model_dump_json().encode()
    return gzip.compress(body, compresslevel=GZIP_LEVEL)


def accepts_gzip(accept_encoding: str) -> bool:
    """Whether an ``Accept-Encoding`` header admits gzip (``gzip;q=0`` refuses it)."""
    for part in accept_encoding.lower().split(","):
        coding, _, params = part.strip().partition(";")
        if coding.strip() in ("gzip", "*"):
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


WARMED_PRESETS: tuple[Preset, ...] = (DEFAULT_PRESET, "all_time")
"""What the warmer keeps built, in this order: the landing view, then "Todo el
histórico", the one period whose merge grows with the ficha's history (about 4 s for a
year of data, README "Dashboard")."""


def preset_window(preset: Preset, timezone: str, now: datetime) -> Window:
    """``preset`` on the ficha's calendar day, all platforms."""
    start, end = resolve(preset, today_in(timezone, now))
    return Window(start_date=start, end_date=end)


def landing_window(timezone: str, now: datetime) -> Window:
    """The period a viewer lands on: the dashboard's default preset, all platforms."""
    return preset_window(DEFAULT_PRESET, timezone, now)


class SummaryWarmer:
    """Keeps every active ficha's landing view and whole history in the summary cache (a
    daemon thread)."""

    def __init__(
        self, sessions: sessionmaker[Session], summaries: SummaryCache, seconds: float
    ) -> None:
        self.sessions = sessions
        self.summaries = summaries
        self.seconds = seconds
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def warm(self) -> int:
        """Build each warmed window whose answer is not cached, every ficha's landing view
        first; returns how many were built."""
        built = 0
        now = datetime.now(UTC)
        with self.sessions() as session:
            fichas = queries.TenantScope.everything().fichas(session)
            for preset in WARMED_PRESETS:
                for ficha in fichas:
                    window = preset_window(preset, ficha.timezone, now)
                    key = queries.summary_key(session, ficha.id, window)
                    if key not in self.summaries:
                        self.summaries.get_or_build(
                            key, lambda f=ficha.id, w=window: compressed_report(session, f, w)
                        )
                        built += 1
        return built

    def start(self) -> None:
        if self.seconds <= 0 or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="summary-warmer", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.warm()
            except Exception:
                log.exception("warming the summaries failed; trying again later")
            self._stop.wait(self.seconds)
