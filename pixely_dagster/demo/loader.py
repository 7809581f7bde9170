"""``pixely demo``'s loading step: tenants, logins and fichas of the bundled demo.

Safe to run again: what exists is reused. On first load each bundled workbook is
copied with its dates shifted so the last day is yesterday; later runs reuse that copy
and never shift again (a re-shift would make every comment look new).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from pixely_api import admin
from pixely_api.clock import utcnow
from pixely_api.models import FichaCliente, Tenant, User
from pixely_dagster.demo.catalog import DEMO_CATALOG, DemoCatalog, DemoFicha
from pixely_dagster.demo.shift import shift_workbook


@dataclass(frozen=True)
class DemoLoad:
    created: tuple[str, ...]
    reused: tuple[str, ...]


def _copy_workbook(ficha: DemoFicha, data_dir: Path, last_day: date) -> Path:
    target = data_dir / ficha.workbook
    if not target.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".partial.xlsx")
        shift_workbook(ficha.workbook_path, partial, last_day)
        partial.replace(target)
    return target


def load_demo(
    session: Session,
    data_dir: Path,
    catalog: DemoCatalog = DEMO_CATALOG,
    last_day: date | None = None,
) -> DemoLoad:
    """Create whatever of the demo is missing, in the caller's transaction."""
    yesterday = last_day or (utcnow().date() - timedelta(days=1))
    created: list[str] = []
    reused: list[str] = []
    for tenant in catalog.tenants:
        if session.scalar(select(Tenant.id).where(Tenant.slug == tenant.slug)) is None:
            admin.create_tenant(session, tenant.name, tenant.slug)
            created.append(f"tenant {tenant.slug}")
        else:
            reused.append(f"tenant {tenant.slug}")
        for user in tenant.users:
            if session.scalar(select(User.id).where(User.email == user.email)) is None:
                admin.create_user(session, user.email, tenant.slug, user.role, user.password)
                created.append(f"user {user.email}")
            else:
                reused.append(f"user {user.email}")
        for ficha in tenant.fichas:
            if session.scalar(select(FichaCliente.id).where(FichaCliente.slug == ficha.slug)):
                reused.append(f"ficha {ficha.slug}")
                continue
            workbook = _copy_workbook(ficha, data_dir, yesterday)
            admin.create_ficha(
                session,
                admin.FichaSpec(
                    name=ficha.name,
                    tenant_slug=tenant.slug,
                    slug=ficha.slug,
                    source_path=str(workbook),
                    timezone=ficha.timezone,
                    industry=ficha.industry,
                    archetype=ficha.archetype,
                    tone_of_voice=ficha.tone_of_voice,
                    target_audience=ficha.target_audience,
                    competitors=ficha.competitors,
                    brand_handles=ficha.brand_handles,
                ),
            )
            created.append(f"ficha {ficha.slug}")
    return DemoLoad(tuple(created), tuple(reused))
