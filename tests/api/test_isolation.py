"""Isolation by construction, proven by walking the app's own OpenAPI schema: every GET
route, called by each tenant's viewer with its own ficha and with the other tenant's,
and by the agency's admin. A route added later is covered without editing this test."""

from typing import Any

import pytest

from tests.api.conftest import ADMIN, World, viewer_email

UNSCOPED = {"/health"}
"""Routes that read no tenant's data."""


def _get_routes(world: World) -> list[tuple[str, dict[str, Any]]]:
    paths = world.client.app.openapi()["paths"]  # type: ignore[attr-defined]
    return [(path, item["get"]) for path, item in sorted(paths.items()) if "get" in item]


def _ficha_parameters(path: str, operation: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The path and query parameters that name a ficha; any other required parameter is a
    route this test does not know how to call, so it fails loudly."""
    in_path, in_query = [], []
    for parameter in operation.get("parameters", []):
        name, where = parameter["name"], parameter["in"]
        if name in ("ficha_id", "ficha_cliente_id"):
            (in_path if where == "path" else in_query).append(name)
        elif parameter.get("required"):
            pytest.fail(f"{path}: the isolation matrix has no value for required {name!r}")
    return in_path, in_query


def _call(world: World, path: str, operation: dict[str, Any], ficha: int | None, who: str) -> Any:
    in_path, in_query = _ficha_parameters(path, operation)
    url = path
    for name in in_path:
        url = url.replace("{" + name + "}", str(ficha))
    params = {name: ficha for name in in_query} if ficha is not None else {}
    return world.client.get(url, params=params, headers=world.headers(who))


def _values(body: Any, key: str) -> set[Any]:
    """Every value of ``key`` anywhere in a JSON body."""
    found: set[Any] = set()
    if isinstance(body, dict):
        for name, value in body.items():
            if name == key:
                found.add(value)
            found |= _values(value, key)
    elif isinstance(body, list):
        for value in body:
            found |= _values(value, key)
    return found


def test_every_get_route_is_scoped_to_the_callers_tenant(world: World) -> None:
    tenants = {
        name: world.client.get("/users/me", headers=world.headers(viewer_email(name))).json()[
            "tenant_id"
        ]
        for name in ("north", "south")
    }
    routes = _get_routes(world)
    assert len(routes) >= 8
    checked = 0
    for path, operation in routes:
        if path in UNSCOPED:
            continue
        admin_only = "admin" in operation.get("tags", [])
        in_path, in_query = _ficha_parameters(path, operation)
        takes_ficha = bool(in_path or in_query)
        for own, other in (("north", "south"), ("south", "north")):
            viewer = viewer_email(own)
            anonymous = world.client.get(path.replace("{ficha_id}", str(world.fichas[own])))
            assert anonymous.status_code in (401, 422), f"{path} without a token"
            if admin_only:
                for ficha in (world.fichas[own], world.fichas[other]):
                    answer = _call(world, path, operation, ficha, viewer)
                    assert answer.status_code == 403, f"{path} as viewer of {own}"
                continue
            mine = _call(world, path, operation, world.fichas[own], viewer)
            assert mine.status_code == 200, f"{path} own ficha as {own}: {mine.text}"
            if takes_ficha:
                theirs = _call(world, path, operation, world.fichas[other], viewer)
                missing = _call(world, path, operation, 10**9, viewer)
                assert theirs.status_code == 404, f"{path} other ficha as {own}"
                assert theirs.json() == {"detail": f"no ficha with id {world.fichas[other]}"}, (
                    f"{path}: another tenant's ficha must read like a missing one"
                )
                assert missing.status_code == 404
            body = mine.json()
            assert tenants[other] not in _values(body, "tenant_id"), f"{path} leaks {other}"
            assert world.fichas[other] not in _values(body, "ficha_id"), f"{path} leaks {other}"
            checked += 1
        for ficha in world.fichas.values():
            answer = _call(world, path, operation, ficha, ADMIN)
            assert answer.status_code == 200, f"{path} as admin: {answer.text}"
        if not takes_ficha and not admin_only:
            every = world.client.get(path, headers=world.headers(ADMIN)).json()
            if path == "/fichas_cliente":
                assert {f["id"] for f in every} == set(world.fichas.values())
    assert checked >= 10


def test_lists_without_a_ficha_hold_only_the_callers_rows(world: World) -> None:
    for own, other in (("north", "south"), ("south", "north")):
        rows = world.client.get(
            "/insights", params={"limit": 500}, headers=world.headers(viewer_email(own))
        ).json()
        assert rows["total"] == 3
        assert {r["ficha_id"] for r in rows["items"]} == {world.fichas[own]}
        fichas = world.client.get("/fichas_cliente", headers=world.headers(viewer_email(own)))
        assert [f["id"] for f in fichas.json()] == [world.fichas[own]]
        del other
    everything = world.client.get("/insights", params={"limit": 500}, headers=world.headers(ADMIN))
    assert everything.json()["total"] == 6
