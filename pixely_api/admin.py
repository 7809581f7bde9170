"""Admin operations on tenants, users and fichas, shared by the CLI and the API.

Each function validates everything before it writes, so bad input changes nothing;
:class:`AdminError` carries a one-line reason meant for the person who typed it.
"""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, available_timezones

from sqlalchemy import select
from sqlalchemy.orm import Session

from pixely_api import queries
from pixely_api.insights.labels import PLATFORMS
from pixely_api.models import ROLES, SOURCE_KINDS, FichaCliente, Tenant, User
from pixely_api.security import WeakPasswordError, check_password_policy, hash_password
from pixely_api.settings import get_settings

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class AdminError(ValueError):
    """Bad admin input; nothing was written."""


def slugify(name: str) -> str:
    """``'Café Andino'`` → ``'cafe-andino'``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:63]


def check_slug(slug: str) -> str:
    if not SLUG_PATTERN.match(slug) or len(slug) > 63:
        raise AdminError(
            f"slug {slug!r} is not valid: use lowercase letters, digits and single dashes "
            "([a-z0-9-]+, at most 63 characters)"
        )
    return slug


def check_timezone(name: str) -> str:
    if name not in available_timezones():
        raise AdminError(f"timezone {name!r} is not an IANA timezone such as America/Lima")
    ZoneInfo(name)
    return name


def get_tenant(session: Session, slug: str) -> Tenant:
    tenant = session.scalar(select(Tenant).where(Tenant.slug == slug))
    if tenant is None:
        raise AdminError(f"no tenant with slug {slug!r}")
    return tenant


def get_user(session: Session, email: str) -> User:
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        raise AdminError(f"no user with email {email!r}")
    return user


def get_ficha(session: Session, slug: str) -> FichaCliente:
    ficha = queries.ficha_by_slug(session, slug)
    if ficha is None:
        raise AdminError(f"no ficha with slug {slug!r}")
    return ficha


def create_tenant(session: Session, name: str, slug: str | None = None) -> Tenant:
    name = name.strip()
    if not name:
        raise AdminError("tenant name is empty")
    slug = check_slug(slug if slug is not None else slugify(name))
    if session.scalar(select(Tenant.id).where(Tenant.slug == slug)) is not None:
        raise AdminError(f"a tenant with slug {slug!r} already exists")
    tenant = Tenant(name=name, slug=slug)
    session.add(tenant)
    session.flush()
    return tenant


def create_user(session: Session, email: str, tenant_slug: str, role: str, password: str) -> User:
    email = email.strip().lower()
    if not EMAIL_PATTERN.match(email):
        raise AdminError(f"{email!r} is not an email address")
    if role not in ROLES:
        raise AdminError(f"role {role!r} is not one of {', '.join(ROLES)}")
    tenant = get_tenant(session, tenant_slug)
    if session.scalar(select(User.id).where(User.email == email)) is not None:
        raise AdminError(f"a user with email {email!r} already exists")
    try:
        check_password_policy(password, email)
    except WeakPasswordError as weak:
        raise AdminError(str(weak)) from None
    user = User(tenant_id=tenant.id, email=email, role=role, password_hash=hash_password(password))
    session.add(user)
    session.flush()
    return user


def set_password(session: Session, email: str, password: str) -> User:
    user = get_user(session, email)
    try:
        check_password_policy(password, user.email)
    except WeakPasswordError as weak:
        raise AdminError(str(weak)) from None
    user.password_hash = hash_password(password)
    session.flush()
    return user


def deactivate_user(session: Session, email: str) -> User:
    user = get_user(session, email)
    user.active = False
    session.flush()
    return user


@dataclass(frozen=True)
class FichaSpec:
    """Everything ``ficha create`` takes, before it is checked."""

    name: str
    tenant_slug: str
    slug: str | None = None
    spreadsheet_id: str | None = None
    source_path: str | None = None
    timezone: str | None = None
    industry: str = ""
    archetype: str = ""
    tone_of_voice: str = ""
    target_audience: str = ""
    competitors: Sequence[str] = ()
    brand_handles: Sequence[str] = ()


def normalize_brand_handles(handles: Sequence[str]) -> list[str]:
    """``'Instagram:@Acme'`` → ``'instagram:acme'``; refuses anything else."""
    normalized = []
    for entry in handles:
        platform, sep, handle = entry.partition(":")
        platform = platform.strip().lower()
        handle = handle.strip().lower().lstrip("@")
        if not sep or platform not in PLATFORMS or not re.fullmatch(r"[a-z0-9._]+", handle):
            raise AdminError(
                f"brand handle {entry!r} is not 'platform:@handle' with platform one of "
                f"{', '.join(PLATFORMS)}"
            )
        normalized.append(f"{platform}:{handle}")
    return sorted(set(normalized))


def create_ficha(session: Session, spec: FichaSpec) -> FichaCliente:
    name = spec.name.strip()
    if not name:
        raise AdminError("ficha name is empty")
    tenant = get_tenant(session, spec.tenant_slug)
    slug = check_slug(spec.slug if spec.slug is not None else slugify(name))
    if session.scalar(select(FichaCliente.id).where(FichaCliente.slug == slug)) is not None:
        raise AdminError(f"a ficha with slug {slug!r} already exists")
    # A blank value is no source: "--spreadsheet-id ' '" must not make a sheet with id ''.
    spreadsheet_id = (spec.spreadsheet_id or "").strip() or None
    given_path = (spec.source_path or "").strip() or None
    if bool(spreadsheet_id) == bool(given_path):
        raise AdminError("give exactly one source: --spreadsheet-id ID or --source PATH")
    source_path = None
    if given_path:
        path = Path(given_path).expanduser().resolve()
        if not path.exists():
            raise AdminError(f"source path {given_path} does not exist")
        source_path = str(path)
    kind = SOURCE_KINDS[1] if spreadsheet_id else SOURCE_KINDS[0]
    ficha = FichaCliente(
        tenant_id=tenant.id,
        name=name,
        slug=slug,
        industry=spec.industry.strip(),
        archetype=spec.archetype.strip(),
        tone_of_voice=spec.tone_of_voice.strip(),
        target_audience=spec.target_audience.strip(),
        competitors=[c.strip() for c in spec.competitors if c.strip()],
        brand_handles=normalize_brand_handles(spec.brand_handles),
        source_kind=kind,
        spreadsheet_id=spreadsheet_id,
        source_path=source_path,
        timezone=check_timezone(spec.timezone or get_settings().timezone),
    )
    session.add(ficha)
    session.flush()
    return ficha


def deactivate_ficha(session: Session, slug: str) -> FichaCliente:
    """Never deleted while runs may use its partition key: deactivated, it is simply
    never requested again."""
    ficha = get_ficha(session, slug)
    ficha.active = False
    session.flush()
    return ficha
