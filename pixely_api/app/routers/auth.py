"""``POST /auth/token``: email and password for a bearer token."""

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request, status

from pixely_api import queries
from pixely_api.app.deps import NO_CONTROL_CHARACTERS, SessionDep, StateDep
from pixely_api.schemas import Token
from pixely_api.security import DUMMY_PASSWORD_HASH, issue_token, verify_password

router = APIRouter(tags=["auth"])

BAD_CREDENTIALS = "incorrect email or password"


@router.post(
    "/auth/token",
    response_model=Token,
    responses={401: {"description": BAD_CREDENTIALS}, 429: {"description": "too many failures"}},
)
def login(
    request: Request,
    session: SessionDep,
    state: StateDep,
    username: Annotated[
        str, Form(min_length=1, max_length=320, pattern=NO_CONTROL_CHARACTERS, description="Email.")
    ],
    password: Annotated[str, Form(min_length=1, max_length=200)],
) -> Token:
    """An unknown email, a wrong password and an inactive account get the same answer in
    about the same time (a bcrypt check happens in every case). After repeated failures
    the account is locked for a while: every attempt gets 429 until it ends."""
    account = username.strip().lower()
    wait = state.throttle.retry_after(account)
    if wait:
        request.app.state.metrics.login_failures.labels(reason="throttled").inc()
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS,
            detail=f"too many failed logins for this account; try again in {wait} s",
            headers={"Retry-After": str(wait)},
        )
    user = queries.user_by_email(session, account)
    password_ok = verify_password(password, user.password_hash if user else DUMMY_PASSWORD_HASH)
    if user is None or not password_ok or not user.active or not user.tenant.active:
        state.throttle.failed(account)
        request.app.state.metrics.login_failures.labels(reason="bad_credentials").inc()
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            detail=BAD_CREDENTIALS,
            headers={"WWW-Authenticate": "Bearer"},
        )
    state.throttle.succeeded(account)
    settings = state.settings
    lifetime = timedelta(minutes=settings.access_token_expire_minutes)
    token = issue_token(
        settings.secret_key.get_secret_value(),
        settings.algorithm,
        user.email,
        user.tenant_id,
        user.role,
        lifetime,
    )
    return Token(access_token=token, expires_in=int(lifetime.total_seconds()))
