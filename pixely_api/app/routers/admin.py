"""Admin routes: tenants, users and fichas created, listed and deactivated through the
same operations as the ``pixely`` command (:mod:`pixely_api.admin`), and a ficha's
quarantine. Viewers get 403 on every one."""

from fastapi import APIRouter, Depends, HTTPException, status
from sqlalchemy.orm import Session

from pixely_api import admin, queries
from pixely_api.app.deps import AdminDep, IdPath, SessionDep, StateDep, admin_caller, visible_ficha
from pixely_api.app.routers.fichas import ficha_out
from pixely_api.schemas import (
    FichaCreate,
    FichaOut,
    RejectedRowOut,
    TenantCreate,
    TenantOut,
    UserCreate,
    UserOut,
)

router = APIRouter(tags=["admin"], dependencies=[Depends(admin_caller)])
NOT_FOUND = {404: {"description": "No such object."}}


def _written(session: Session) -> None:
    session.commit()


def _refused(reason: admin.AdminError) -> HTTPException:
    return HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(reason))


def _missing(kind: str, object_id: int) -> HTTPException:
    return HTTPException(status.HTTP_404_NOT_FOUND, detail=f"no {kind} with id {object_id}")


@router.get("/tenants", response_model=list[TenantOut])
def list_tenants(caller: AdminDep, session: SessionDep) -> list[TenantOut]:
    return [TenantOut.model_validate(t) for t in caller.scope.tenants(session)]


@router.post("/tenants", response_model=TenantOut, status_code=status.HTTP_201_CREATED)
def create_tenant(body: TenantCreate, session: SessionDep) -> TenantOut:
    try:
        tenant = admin.create_tenant(session, body.name, body.slug)
    except admin.AdminError as bad:
        raise _refused(bad) from None
    _written(session)
    return TenantOut.model_validate(tenant)


@router.post("/tenants/{tenant_id}/deactivate", response_model=TenantOut, responses=NOT_FOUND)
def deactivate_tenant(tenant_id: IdPath, caller: AdminDep, session: SessionDep) -> TenantOut:
    """Its users can no longer log in, and their tokens stop working at once."""
    tenant = caller.scope.tenant(session, tenant_id)
    if tenant is None:
        raise _missing("tenant", tenant_id)
    admin.deactivate_tenant(session, tenant.slug)
    _written(session)
    return TenantOut.model_validate(tenant)


@router.get("/users", response_model=list[UserOut])
def list_users(caller: AdminDep, session: SessionDep) -> list[UserOut]:
    return [UserOut.model_validate(u) for u in caller.scope.users(session)]


@router.post("/users", response_model=UserOut, status_code=status.HTTP_201_CREATED)
def create_user(body: UserCreate, session: SessionDep) -> UserOut:
    try:
        user = admin.create_user(session, body.email, body.tenant_slug, body.role, body.password)
    except admin.AdminError as bad:
        raise _refused(bad) from None
    _written(session)
    return UserOut.model_validate(user)


@router.post("/users/{user_id}/deactivate", response_model=UserOut, responses=NOT_FOUND)
def deactivate_user(user_id: IdPath, caller: AdminDep, session: SessionDep) -> UserOut:
    """Refused at the next request, even with a token issued before."""
    user = caller.scope.user(session, user_id)
    if user is None:
        raise _missing("user", user_id)
    admin.deactivate_user(session, user.email)
    _written(session)
    return UserOut.model_validate(user)


@router.get("/admin/fichas_cliente", response_model=list[FichaOut])
def list_all_fichas(caller: AdminDep, session: SessionDep, state: StateDep) -> list[FichaOut]:
    """Every ficha, the deactivated ones too."""
    return [ficha_out(f, state.settings) for f in caller.scope.fichas(session, active_only=False)]


@router.post("/fichas_cliente", response_model=FichaOut, status_code=status.HTTP_201_CREATED)
def create_ficha(body: FichaCreate, session: SessionDep, state: StateDep) -> FichaOut:
    spec = admin.FichaSpec(**body.model_dump())
    try:
        ficha = admin.create_ficha(session, spec)
    except admin.AdminError as bad:
        raise _refused(bad) from None
    _written(session)
    return ficha_out(ficha, state.settings)


@router.post("/fichas_cliente/{ficha_id}/deactivate", response_model=FichaOut, responses=NOT_FOUND)
def deactivate_ficha(
    ficha_id: IdPath, caller: AdminDep, session: SessionDep, state: StateDep
) -> FichaOut:
    """Never requested again by the schedule; its history stays readable."""
    ficha = visible_ficha(session, caller, ficha_id)
    admin.deactivate_ficha(session, ficha.slug)
    _written(session)
    return ficha_out(ficha, state.settings)


@router.get(
    "/fichas_cliente/{ficha_id}/rejected_rows",
    response_model=list[RejectedRowOut],
    responses=NOT_FOUND,
)
def rejected_rows(ficha_id: IdPath, caller: AdminDep, session: SessionDep) -> list[RejectedRowOut]:
    """The ficha's quarantine: source rows that broke the contract, with the reason."""
    ficha = visible_ficha(session, caller, ficha_id)
    return [RejectedRowOut.model_validate(r) for r in queries.quarantine(session, ficha.id)]
