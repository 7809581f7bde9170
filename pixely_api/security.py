"""Password hashing and the password policy (JWT handling joins it with the API)."""

import bcrypt

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
