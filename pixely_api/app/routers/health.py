"""``GET /health`` (the database answers) and ``GET /metrics`` (Prometheus)."""

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from pixely_api.app.deps import StateDep
from pixely_api.schemas import Health

router = APIRouter(tags=["operations"])


@router.get("/health", response_model=Health, responses={503: {"model": Health}})
def health(state: StateDep) -> Response | Health:
    """200 when the database answers ``SELECT 1``, else 503 ``degraded``."""
    try:
        with state.sessions() as session:
            session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        body = Health(status="degraded", database="unreachable")
        return JSONResponse(body.model_dump(), status_code=503)
    return Health(status="ok", database="ok")


@router.get("/metrics", response_class=Response, include_in_schema=False)
def metrics(request: Request) -> Response:
    """Requests and latency by route template, login failures (Prometheus text format)."""
    registry = request.app.state.metrics.registry
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
