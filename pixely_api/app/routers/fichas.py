"""The caller's fichas (client profiles) and when they were last analysed."""

from fastapi import APIRouter

from pixely_api.app.deps import CallerDep, IdPath, SessionDep, StateDep, visible_ficha
from pixely_api.models import FichaCliente
from pixely_api.schemas import FichaOut, LastAnalysis
from pixely_api.settings import Settings

router = APIRouter(tags=["fichas"])
NOT_FOUND = {404: {"description": "No such ficha (or not the caller's)."}}


def ficha_out(ficha: FichaCliente, settings: Settings) -> FichaOut:
    """The ficha as the contract shows it, with the daily check's schedule."""
    return FichaOut(
        id=ficha.id,
        tenant_id=ficha.tenant_id,
        name=ficha.name,
        slug=ficha.slug,
        industry=ficha.industry,
        archetype=ficha.archetype,
        tone_of_voice=ficha.tone_of_voice,
        target_audience=ficha.target_audience,
        competitors=list(ficha.competitors or []),
        timezone=ficha.timezone,
        active=ficha.active,
        last_analysis_timestamp=ficha.last_analysis_timestamp,
        last_checked_at=ficha.last_checked_at,
        schedule_cron=settings.orchestrator_schedule,
        schedule_timezone=settings.timezone,
    )


@router.get("/fichas_cliente", response_model=list[FichaOut])
def list_fichas(caller: CallerDep, session: SessionDep, state: StateDep) -> list[FichaOut]:
    """The active fichas the caller may read (every tenant's for an admin)."""
    return [ficha_out(f, state.settings) for f in caller.scope.fichas(session)]


@router.get("/fichas_cliente/{ficha_id}", response_model=FichaOut, responses=NOT_FOUND)
def get_ficha(
    ficha_id: IdPath, caller: CallerDep, session: SessionDep, state: StateDep
) -> FichaOut:
    return ficha_out(visible_ficha(session, caller, ficha_id), state.settings)


@router.get(
    "/fichas_cliente/{ficha_id}/last_analysis_timestamp",
    response_model=LastAnalysis,
    responses=NOT_FOUND,
)
def last_analysis(ficha_id: IdPath, caller: CallerDep, session: SessionDep) -> LastAnalysis:
    """When new items were last analysed, and when the source was last checked."""
    ficha = visible_ficha(session, caller, ficha_id)
    return LastAnalysis(
        ficha_id=ficha.id,
        last_analysis_timestamp=ficha.last_analysis_timestamp,
        last_checked_at=ficha.last_checked_at,
    )
