"""What every route depends on: a database session, the caller, the caller's scope.

Isolation lives here: a viewer's :class:`TenantScope` is built from the user row the
token names, and routes read only through it; a ficha outside it is the same 404 as a
ficha that does not exist.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request, status
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.orm import Session, sessionmaker

from pixely_api import queries
from pixely_api.app.recent import NotKept, RecentlyRead
from pixely_api.models import FichaCliente
from pixely_api.queries import SummaryCache, TenantScope
from pixely_api.schemas import MAX_PAGE_SIZE, UserOut
from pixely_api.security import InvalidTokenError, LoginThrottle, TokenClaims, read_token
from pixely_api.settings import Settings

MAX_ID = 2**63 - 1
"""Ids are 64-bit; a larger number can name nothing (and must not reach the driver)."""
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2999, 12, 31)
MAX_OFFSET = 10_000_000
NO_CONTROL_CHARACTERS = r"^[^\x00-\x1f\x7f]*$"

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/token", auto_error=False)

UNAUTHORIZED = HTTPException(
    status_code=status.HTTP_401_UNAUTHORIZED,
    detail="not authenticated: log in at POST /auth/token and send the bearer token",
    headers={"WWW-Authenticate": "Bearer"},
)


@dataclass(frozen=True)
class AppState:
    """Everything the routes share, built once by ``create_app``."""

    settings: Settings
    sessions: sessionmaker[Session]
    throttle: LoginThrottle
    summaries: SummaryCache
    callers: "RecentlyRead[Caller | None]"
    """Each token's caller, re-read at most every ``api_recheck_seconds``."""
    summary_states: "RecentlyRead[Any]"
    """Each summary request's window and data state (see the summary route)."""

    def forget_recent_reads(self) -> None:
        """After a write through the API: the next request reads everything afresh."""
        self.callers.clear()
        self.summary_states.clear()


async def app_state(request: Request) -> AppState:
    return request.app.state.pixely  # type: ignore[no-any-return]


def get_session(state: Annotated[AppState, Depends(app_state)]) -> Iterator[Session]:
    """One session per request; reads only, so it never commits (admin routes do)."""
    with state.sessions() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
StateDep = Annotated[AppState, Depends(app_state)]


@dataclass(frozen=True)
class Caller:
    """The authenticated user and what they may read."""

    user: UserOut
    scope: TenantScope

    @property
    def is_admin(self) -> bool:
        return self.user.role == "admin"


async def current_caller(
    token: Annotated[str | None, Depends(oauth2_scheme)],
    state: StateDep,
) -> Caller:
    """The token's user as the database has it (re-read at most every
    ``api_recheck_seconds``, see :mod:`pixely_api.app.recent`): a user (or tenant)
    deactivated after the token was issued is refused, and the role is the stored one,
    not the token's. Async so that a kept answer costs no worker thread; the database
    read runs in one."""
    if not token:
        raise UNAUTHORIZED
    try:
        claims = read_token(
            state.settings.secret_key.get_secret_value(), state.settings.algorithm, token
        )
    except InvalidTokenError:
        raise UNAUTHORIZED from None
    key = (claims.email, claims.tenant_id)
    caller = state.callers.kept(key)
    if isinstance(caller, NotKept):
        caller = await run_in_threadpool(_read_caller_now, state, key, claims)
    if caller is None:
        raise UNAUTHORIZED
    return caller


def _read_caller_now(state: AppState, key: tuple[str, int], claims: TokenClaims) -> Caller | None:
    with state.sessions() as session:
        return state.callers.get_or_read(key, lambda: _read_caller(session, claims))


def _read_caller(session: Session, claims: TokenClaims) -> Caller | None:
    user = queries.user_by_email(session, claims.email)
    if (
        user is None
        or not user.active
        or not user.tenant.active
        or user.tenant_id != claims.tenant_id
    ):
        return None
    scope = TenantScope.everything() if user.role == "admin" else TenantScope(user.tenant_id)
    return Caller(user=UserOut.model_validate(user), scope=scope)


CallerDep = Annotated[Caller, Depends(current_caller)]


def admin_caller(caller: CallerDep) -> Caller:
    """Admin routes and every write: viewers are read-only."""
    if not caller.is_admin:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="this route is for admins only")
    return caller


AdminDep = Annotated[Caller, Depends(admin_caller)]

IdPath = Annotated[int, PathParam(ge=1, le=MAX_ID, description="The object's id.")]


def visible_ficha(session: Session, caller: Caller, ficha_id: int) -> FichaCliente:
    """The ficha if the caller may see it; otherwise the same 404 as a missing id."""
    ficha = caller.scope.ficha(session, ficha_id)
    if ficha is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no ficha with id {ficha_id}")
    return ficha


@dataclass(frozen=True)
class PageParams:
    limit: int
    offset: int


async def page_params(
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="Items per page.")] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")] = 0,
) -> PageParams:
    return PageParams(limit=limit, offset=offset)


PageDep = Annotated[PageParams, Depends(page_params)]


@dataclass(frozen=True)
class DateRange:
    start: date | None
    end: date | None


async def date_range(
    start_date: Annotated[
        date | None,
        Query(ge=EARLIEST_DATE, le=LATEST_DATE, description="First partition_date included."),
    ] = None,
    end_date: Annotated[
        date | None,
        Query(ge=EARLIEST_DATE, le=LATEST_DATE, description="Last partition_date included."),
    ] = None,
) -> DateRange:
    if start_date is not None and end_date is not None and start_date > end_date:
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT,
            detail=f"start_date {start_date} is after end_date {end_date}",
        )
    return DateRange(start=start_date, end=end_date)


DateRangeDep = Annotated[DateRange, Depends(date_range)]
FichaIdQuery = Annotated[int, Query(ge=1, le=MAX_ID, description="The ficha's id.")]
