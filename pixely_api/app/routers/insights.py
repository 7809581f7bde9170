"""Insights rows, the window summary with its previous window, and the drill-down to
the comments behind any figure."""

import gzip
from datetime import date, datetime, timedelta
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session

from pixely_api import queries
from pixely_api.app.deps import (
    NO_CONTROL_CHARACTERS,
    AppState,
    Caller,
    CallerDep,
    DateRange,
    DateRangeDep,
    FichaIdQuery,
    PageDep,
    SessionDep,
    StateDep,
    visible_ficha,
)
from pixely_api.app.recent import NotKept
from pixely_api.app.summaries import accepts_gzip, compressed_report
from pixely_api.insights.labels import Emotion, Platform, Sentiment
from pixely_api.queries import CommentFilters
from pixely_api.schemas import CommentOut, InsightRowOut, Page, Window, WindowSummary

router = APIRouter(tags=["insights"])
NOT_FOUND = {404: {"description": "No such ficha (or not the caller's)."}}
DEFAULT_WINDOW_DAYS = 30

PlatformQuery = Annotated[Platform | None, Query(description="Only this platform.")]


@router.get("/insights", response_model=Page[InsightRowOut], responses=NOT_FOUND)
def list_insights(
    caller: CallerDep,
    session: SessionDep,
    dates: DateRangeDep,
    page: PageDep,
    platform: PlatformQuery = None,
    ficha_cliente_id: Annotated[
        int | None, Query(ge=1, le=2**63 - 1, description="Only this ficha.")
    ] = None,
) -> Page[InsightRowOut]:
    """Current (not superseded) rows, newest ``partition_date`` first. With ``platform``:
    the rows that covered that platform, their results restricted to it."""
    if ficha_cliente_id is not None:
        visible_ficha(session, caller, ficha_cliente_id)
    rows, total = queries.insight_rows_page(
        session,
        caller.scope,
        ficha_id=ficha_cliente_id,
        start=dates.start,
        end=dates.end,
        platform=platform,
        limit=page.limit,
        offset=page.offset,
    )
    items = []
    for row in rows:
        results = queries.results_of(row)
        if platform is not None:
            results = results.restrict(platform)
        items.append(
            InsightRowOut(
                id=row.id,
                ficha_id=row.ficha_id,
                partition_date=row.partition_date,
                run_id=row.run_id,
                analysis_timestamp=row.analysis_timestamp,
                posts_analyzed=row.posts_analyzed,
                comments_analyzed=row.comments_analyzed,
                analyzer=row.analyzer,
                analysis_version=row.analysis_version,
                llm_requests=row.llm_requests,
                prompt_tokens=row.prompt_tokens,
                completion_tokens=row.completion_tokens,
                estimated_cost_usd=row.estimated_cost_usd,
                is_reanalysis=row.is_reanalysis,
                results=results,
            )
        )
    return Page[InsightRowOut](items=items, total=total, limit=page.limit, offset=page.offset)


@router.get("/insights/summary", response_model=WindowSummary, responses=NOT_FOUND)
async def summary(
    request: Request,
    caller: CallerDep,
    state: StateDep,
    dates: DateRangeDep,
    ficha_cliente_id: FichaIdQuery,
    platform: PlatformQuery = None,
) -> Response:
    """Q1–Q10 merged over the window, with the previous window of equal length and the
    KPI deltas. Default window: the 30 days ending at the ficha's newest analysed day
    (today in the ficha's zone when there is none); one end given: 30 days from or to it.

    Async: a summary whose state was read recently and whose answer is cached costs no
    worker thread and no query; anything else reads the database in one."""
    asked = (caller.scope.tenant_id, ficha_cliente_id, dates.start, dates.end, platform)
    kept = state.summary_states.kept(asked)
    if isinstance(kept, NotKept):
        kept = await run_in_threadpool(
            _read_summary_state, state, asked, caller, ficha_cliente_id, dates, platform
        )
    ficha_id, window, key = kept
    compressed = state.summaries.get(key)
    if compressed is None:
        compressed = await run_in_threadpool(_build_summary, state, key, ficha_id, window)
    if accepts_gzip(request.headers.get("accept-encoding", "")):
        return Response(compressed, media_type="application/json", headers=GZIPPED)
    return Response(gzip.decompress(compressed), media_type="application/json", headers=VARY)


SummaryState = tuple[int, Window, tuple[Any, ...]]


def _read_summary_state(
    state: AppState,
    asked: tuple[Any, ...],
    caller: Caller,
    ficha_cliente_id: int,
    dates: DateRange,
    platform: Platform | None,
) -> SummaryState:
    with state.sessions() as session:
        return state.summary_states.get_or_read(
            asked, lambda: _summary_state(session, caller, ficha_cliente_id, dates, platform)
        )


def _build_summary(state: AppState, key: tuple[Any, ...], ficha_id: int, window: Window) -> bytes:
    with state.sessions() as session:
        return state.summaries.get_or_build(
            key, lambda: compressed_report(session, ficha_id, window)
        )


def _summary_state(
    session: Session,
    caller: Caller,
    ficha_cliente_id: int,
    dates: DateRange,
    platform: Platform | None,
) -> SummaryState:
    """The visible ficha's id, the window the request means, and what its summary
    depends on (:func:`pixely_api.queries.summary_key`); 404 for a ficha not the caller's."""
    ficha = visible_ficha(session, caller, ficha_cliente_id)
    span = timedelta(days=DEFAULT_WINDOW_DAYS - 1)
    if dates.end is not None:
        end = dates.end
    elif dates.start is not None:
        end = dates.start + span
    else:
        latest = queries.latest_partition_date(session, ficha.id)
        end = latest or datetime.now(ZoneInfo(ficha.timezone)).date()
    start = dates.start if dates.start is not None else end - span
    start = max(start, date(2000, 1, 1))
    window = Window(start_date=start, end_date=end, platform=platform)
    return ficha.id, window, queries.summary_key(session, ficha.id, window)


VARY = {"Vary": "Accept-Encoding"}
GZIPPED = {"Content-Encoding": "gzip", **VARY}


TopicQuery = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=100,
        pattern=NO_CONTROL_CHARACTERS,
        description="Comments whose annotation lists this topic (normalised noun).",
    ),
]
PostUrlQuery = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=2048,
        pattern=NO_CONTROL_CHARACTERS,
        description="Comments on this post (its URL as the sheet has it, or normalised).",
    ),
]


@router.get("/insights/comments", response_model=Page[CommentOut], responses=NOT_FOUND)
def comments(
    caller: CallerDep,
    session: SessionDep,
    dates: DateRangeDep,
    page: PageDep,
    ficha_cliente_id: FichaIdQuery,
    platform: PlatformQuery = None,
    sentiment: Annotated[Sentiment | None, Query()] = None,
    emotion: Annotated[Emotion | None, Query(description="The dominant emotion.")] = None,
    topic: TopicQuery = None,
    post_url: PostUrlQuery = None,
) -> Page[CommentOut]:
    """The analysed comments behind a figure (text, author, post, day, annotation),
    newest first; only annotations of current rows, so a re-analysis replaces them."""
    ficha = visible_ficha(session, caller, ficha_cliente_id)
    filters = CommentFilters(
        start=dates.start,
        end=dates.end,
        platform=platform,
        sentiment=sentiment,
        emotion=emotion,
        topic=topic,
        post_url=post_url,
    )
    items, total = queries.annotated_comments_page(
        session, ficha.id, filters, limit=page.limit, offset=page.offset
    )
    return Page[CommentOut](items=items, total=total, limit=page.limit, offset=page.offset)
