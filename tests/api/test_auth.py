"""Login and tokens: one answer for every bad login, a throttle per account, and 401 for
every token that is not a current user's valid one."""

import statistics
import time
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from pixely_api.app.main import create_app
from pixely_api.security import issue_token
from pixely_api.settings import SettingsError
from tests.api.conftest import ADMIN, PASSWORD, TEST_SECRET, World, api_settings, viewer_email


def _login(world: World, email: str, password: str) -> tuple[int, dict[str, object], float]:
    started = time.perf_counter()
    answer = world.client.post("/auth/token", data={"username": email, "password": password})
    return answer.status_code, answer.json(), time.perf_counter() - started


def test_a_login_issues_a_token_with_every_claim(world: World) -> None:
    status, body, _ = _login(world, viewer_email("north"), PASSWORD)
    assert status == 200 and body["token_type"] == "bearer"
    claims = jwt.decode(str(body["access_token"]), TEST_SECRET, algorithms=["HS256"])
    assert set(claims) == {"sub", "tenant_id", "role", "exp", "iat"}
    assert claims["sub"] == viewer_email("north") and claims["role"] == "viewer"
    assert claims["exp"] - claims["iat"] == body["expires_in"] == 30 * 60


def test_unknown_user_and_wrong_password_look_the_same(world: World) -> None:
    unknown = [_login(world, f"nobody{i}@north.test", "wrong-password-1") for i in range(3)]
    wrong = [_login(world, e, "wrong-password-1") for e in (viewer_email("north"), ADMIN)]
    wrong.append(_login(world, viewer_email("south"), "wrong-password-1"))
    assert {(s, str(b)) for s, b, _ in unknown} == {(s, str(b)) for s, b, _ in wrong}
    assert unknown[0][0] == 401
    # Both pay one bcrypt check: an unknown email answered without it would be ~100x faster.
    unknown_time = statistics.median(t for _, _, t in unknown)
    wrong_time = statistics.median(t for _, _, t in wrong)
    assert unknown_time > wrong_time * 0.3


def test_repeated_failures_lock_the_account_not_the_others(world: World) -> None:
    target = viewer_email("north")
    statuses = [_login(world, target, f"wrong-password-{i}")[0] for i in range(5)]
    assert statuses == [401] * 5
    answer = world.client.post("/auth/token", data={"username": target, "password": PASSWORD})
    assert answer.status_code == 429
    assert int(answer.headers["Retry-After"]) > 0
    assert _login(world, viewer_email("south"), PASSWORD)[0] == 200
    metrics = world.client.get("/metrics").text
    assert 'pixely_api_login_failures_total{reason="bad_credentials"} 5.0' in metrics
    assert 'pixely_api_login_failures_total{reason="throttled"} 1.0' in metrics


def _claims(**changes: object) -> dict[str, object]:
    now = datetime.now(UTC)
    claims: dict[str, object] = {
        "sub": viewer_email("north"),
        "tenant_id": 2,
        "role": "viewer",
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(minutes=5)).timestamp()),
    }
    claims.update(changes)
    return {k: v for k, v in claims.items() if v is not None}


def _status(world: World, token: str) -> int:
    answer = world.client.get("/users/me", headers={"Authorization": f"Bearer {token}"})
    return answer.status_code


def test_every_invalid_token_is_401(world: World) -> None:
    me = world.client.get("/users/me", headers=world.headers(viewer_email("north"))).json()
    tenant = me["tenant_id"]
    good = jwt.encode(_claims(tenant_id=tenant), TEST_SECRET, algorithm="HS256")
    assert _status(world, good) == 200
    past = int((datetime.now(UTC) - timedelta(minutes=1)).timestamp())
    invalid = {
        "expired": jwt.encode(_claims(tenant_id=tenant, exp=past), TEST_SECRET, "HS256"),
        "wrong signature": jwt.encode(_claims(tenant_id=tenant), "another-secret-" * 3, "HS256"),
        "alg none": jwt.encode(_claims(tenant_id=tenant), None, algorithm="none"),
        "missing tenant_id": jwt.encode(_claims(tenant_id=None), TEST_SECRET, "HS256"),
        "another tenant_id": jwt.encode(_claims(tenant_id=tenant + 1), TEST_SECRET, "HS256"),
        "huge tenant_id": jwt.encode(_claims(tenant_id=2**80), TEST_SECRET, "HS256"),
        "missing exp": jwt.encode(_claims(tenant_id=tenant, exp=None), TEST_SECRET, "HS256"),
        "unknown user": jwt.encode(
            _claims(tenant_id=tenant, sub="ghost@north.test"), TEST_SECRET, "HS256"
        ),
        "garbage": "not.a.token",
    }
    assert {name: _status(world, token) for name, token in invalid.items()} == {
        name: 401 for name in invalid
    }
    assert world.client.get("/users/me").status_code == 401


def test_a_user_deactivated_after_login_is_refused(world: World) -> None:
    viewer = world.headers(viewer_email("south"))
    me = world.client.get("/users/me", headers=viewer)
    assert me.status_code == 200
    off = world.client.post(f"/users/{me.json()['id']}/deactivate", headers=world.headers(ADMIN))
    assert off.status_code == 200 and off.json()["active"] is False
    assert world.client.get("/users/me", headers=viewer).status_code == 401
    assert _login(world, viewer_email("south"), PASSWORD)[0] == 401


def test_the_apis_own_writes_apply_at_once_however_long_it_keeps_reads(world: World) -> None:
    """Users are re-read at most every ``PIXELY_API_RECHECK_SECONDS``; a deactivation
    made through the API makes the app forget what it read."""
    with TestClient(create_app(api_settings(api_recheck_seconds=3600))) as client:
        viewer = {"Authorization": f"Bearer {world.token(viewer_email('south'))}"}
        me = client.get("/users/me", headers=viewer)
        assert me.status_code == 200
        admin = {"Authorization": f"Bearer {world.token(ADMIN)}"}
        off = client.post(f"/users/{me.json()['id']}/deactivate", headers=admin)
        assert off.status_code == 200
        assert client.get("/users/me", headers=viewer).status_code == 401


def test_a_deactivated_tenant_locks_out_its_users(world: World) -> None:
    viewer = world.headers(viewer_email("north"))
    tenant = world.client.get("/users/me", headers=viewer).json()["tenant_id"]
    off = world.client.post(f"/tenants/{tenant}/deactivate", headers=world.headers(ADMIN))
    assert off.status_code == 200
    assert world.client.get("/fichas_cliente", headers=viewer).status_code == 401


def test_the_token_lifetime_comes_from_the_settings(world: World) -> None:
    token = issue_token(TEST_SECRET, "HS256", ADMIN, 1, "admin", timedelta(seconds=-1))
    assert _status(world, token) == 401


@pytest.mark.parametrize("secret", ["", "change-me", "secret", "short-but-not-example"])
def test_production_refuses_an_example_or_weak_secret(database_url: str, secret: str) -> None:
    settings = api_settings(env="production", secret_key=SecretStr(secret))
    with pytest.raises(SettingsError) as refused:
        create_app(settings)
    assert "\n" not in str(refused.value) and "SECRET_KEY" in str(refused.value)


def test_production_starts_with_a_long_random_secret(database_url: str) -> None:
    app = create_app(api_settings(env="production"))
    assert app.title == "Pixely API"
    create_app(api_settings(env="dev", secret_key=SecretStr("change-me")))
