"""Passwords (hashing, policy), access tokens (HS256 JWT) and the login throttle.

Plain Python, no web framework: the API's routes call these.
"""

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import bcrypt
import jwt

MIN_PASSWORD_LENGTH = 10
_BCRYPT_MAX_BYTES = 72


class WeakPasswordError(ValueError):
    """The password does not meet the policy; the message says which rule."""


def check_password_policy(password: str, email: str = "") -> None:
    """At least 10 characters, with a letter and a digit, not the email itself."""
    if not password or not password.strip():
        raise WeakPasswordError("password is empty")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPasswordError(f"password is shorter than {MIN_PASSWORD_LENGTH} characters")
    if len(password.encode("utf-8")) > _BCRYPT_MAX_BYTES:
        raise WeakPasswordError(f"password is longer than {_BCRYPT_MAX_BYTES} bytes")
    if not any(c.isalpha() for c in password) or not any(c.isdigit() for c in password):
        raise WeakPasswordError("password needs at least one letter and one digit")
    if email and password.strip().lower() in {email.lower(), email.split("@")[0].lower()}:
        raise WeakPasswordError("password must not be the email address")


def hash_password(password: str) -> str:
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt()).decode("ascii")


def verify_password(password: str, password_hash: str) -> bool:
    try:
        return bcrypt.checkpw(password.encode("utf-8"), password_hash.encode("ascii"))
    except ValueError:
        return False


# -- tokens -------------------------------------------------------------------------------

DUMMY_PASSWORD_HASH = bcrypt.hashpw(b"no user has this password", bcrypt.gensalt()).decode()
"""Checked against when the email is unknown, so an unknown user costs the same bcrypt
time as a wrong password and the answers cannot be told apart by timing."""

REQUIRED_CLAIMS = ("sub", "tenant_id", "role", "exp", "iat")


class InvalidTokenError(ValueError):
    """The token is expired, forged, malformed or lacks a claim; the API answers 401."""


@dataclass(frozen=True)
class TokenClaims:
    """What a valid token says about its bearer."""

    email: str
    tenant_id: int
    role: str
    issued_at: datetime
    expires_at: datetime


def issue_token(
    secret: str, algorithm: str, email: str, tenant_id: int, role: str, lifetime: timedelta
) -> str:
    now = datetime.now(UTC)
    claims = {
        "sub": email,
        "tenant_id": tenant_id,
        "role": role,
        "iat": int(now.timestamp()),
        "exp": int((now + lifetime).timestamp()),
    }
    return jwt.encode(claims, secret, algorithm=algorithm)


def read_token(secret: str, algorithm: str, token: str) -> TokenClaims:
    """The token's claims if its signature (with ``algorithm`` only: never ``none``) and
    expiry are valid and every claim is present with the right type."""
    try:
        claims = jwt.decode(
            token,
            secret,
            algorithms=[algorithm],
            options={"require": list(REQUIRED_CLAIMS)},
        )
    except jwt.PyJWTError as invalid:
        raise InvalidTokenError(str(invalid)) from None
    email, tenant_id, role = claims["sub"], claims["tenant_id"], claims["role"]
    if not isinstance(email, str) or not email:
        raise InvalidTokenError("sub is not an email")
    if not isinstance(tenant_id, int) or isinstance(tenant_id, bool):
        raise InvalidTokenError("tenant_id is not an integer")
    if role not in ("admin", "viewer"):
        raise InvalidTokenError("role is neither admin nor viewer")
    return TokenClaims(
        email=email,
        tenant_id=tenant_id,
        role=role,
        issued_at=datetime.fromtimestamp(claims["iat"], UTC),
        expires_at=datetime.fromtimestamp(claims["exp"], UTC),
    )


# -- login throttling ---------------------------------------------------------------------


class LoginThrottle:
    """Per-account brake on password guessing, held in this process's memory.

    After ``free_attempts`` failures within ``window`` an account is locked for
    ``lockout`` (every attempt, right or wrong, is refused until it ends); a success
    clears the count. Several API processes each keep their own count.
    """

    def __init__(
        self,
        free_attempts: int = 5,
        window: timedelta = timedelta(minutes=15),
        lockout: timedelta = timedelta(minutes=5),
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.free_attempts = free_attempts
        self.window = window.total_seconds()
        self.lockout = lockout.total_seconds()
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._locked_until: dict[str, float] = {}
        self._lock = threading.Lock()

    def retry_after(self, account: str) -> int:
        """Seconds until ``account`` may try again (0: it may now)."""
        with self._lock:
            until = self._locked_until.get(account.lower(), 0.0)
            remaining = until - self._clock()
            return max(0, int(remaining + 0.999)) if remaining > 0 else 0

    def failed(self, account: str) -> None:
        key = account.lower()
        now = self._clock()
        with self._lock:
            failures = self._failures.setdefault(key, deque())
            failures.append(now)
            while failures and failures[0] < now - self.window:
                failures.popleft()
            if len(failures) >= self.free_attempts:
                self._locked_until[key] = now + self.lockout
                failures.clear()
            if len(self._failures) > 100_000:
                self._failures.pop(next(iter(self._failures)))

    def succeeded(self, account: str) -> None:
        with self._lock:
            self._failures.pop(account.lower(), None)
            self._locked_until.pop(account.lower(), None)
