"""``/health`` tells a reachable database from an unreachable one; ``/metrics`` counts
requests by route template (never by raw path) and refused logins."""

from fastapi.testclient import TestClient

from pixely_api.app.main import create_app
from tests.api.conftest import World, api_settings, viewer_email


def test_health_is_503_when_the_database_does_not_answer(database_url: str) -> None:
    settings = api_settings(database_url_value="postgresql+psycopg2://postgres@127.0.0.1:1/none")
    with TestClient(create_app(settings)) as client:
        answer = client.get("/health")
    assert answer.status_code == 503
    assert answer.json() == {"status": "degraded", "database": "unreachable"}


def test_metrics_count_by_route_template(world: World) -> None:
    viewer = world.headers(viewer_email("north"))
    for ficha in world.fichas.values():
        world.client.get(f"/fichas_cliente/{ficha}", headers=viewer)
    world.client.get("/no/such/route")
    text = world.client.get("/metrics").text
    template = 'route="/fichas_cliente/{ficha_id}"'
    assert f'pixely_api_requests_total{{method="GET",{template},status="200"}} 1.0' in text
    assert f'pixely_api_requests_total{{method="GET",{template},status="404"}} 1.0' in text
    assert 'route="unmatched"' in text and "/no/such/route" not in text
    assert f'pixely_api_request_duration_seconds_count{{method="GET",{template}}} 2.0' in text
