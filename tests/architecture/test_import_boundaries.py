"""The package boundaries, enforced on every import statement (top level or inside a
function): Dagster wiring stays in ``defs/``, ``cli/`` and ``definitions.py``; the API
and the dashboard never import the pipeline; only the API's own package imports FastAPI;
the dashboard reads the product through HTTP and the shared contract only."""

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DAGSTER_ALLOWED = ("pixely_dagster/defs/", "pixely_dagster/cli/", "pixely_dagster/definitions.py")
FASTAPI_ALLOWED = ("pixely_api/app/",)
UI_MAY_IMPORT_FROM_API = ("pixely_api.insights", "pixely_api.schemas")


def _python_files(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def _imports(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def _top(module: str) -> str:
    return module.split(".", 1)[0]


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _violations(package: str, forbidden: set[str], allowed: tuple[str, ...] = ()) -> list[str]:
    found = []
    for path in _python_files(package):
        where = _relative(path)
        if where.startswith(allowed):
            continue
        found += [f"{where}: {m}" for m in _imports(path) if _top(m) in forbidden]
    return found


def test_only_defs_cli_and_definitions_import_dagster() -> None:
    forbidden = {"dagster", "dagster_postgres", "dagster_webserver", "dagster_dg_cli"}
    assert _violations("pixely_dagster", forbidden, DAGSTER_ALLOWED) == []


@pytest.mark.parametrize("package", ["pixely_api", "pixely_ui"])
def test_api_and_dashboard_never_import_the_pipeline(package: str) -> None:
    assert _violations(package, {"dagster", "pixely_dagster"}) == []


@pytest.mark.parametrize("package", ["pixely_api", "pixely_dagster", "pixely_ui"])
def test_only_the_api_package_imports_fastapi(package: str) -> None:
    assert _violations(package, {"fastapi", "starlette"}, FASTAPI_ALLOWED) == []


def test_the_dashboard_reads_only_the_shared_contract_of_the_api_package() -> None:
    found = []
    for path in _python_files("pixely_ui"):
        for module in _imports(path):
            if _top(module) in {"sqlalchemy", "alembic", "psycopg2"}:
                found.append(f"{_relative(path)}: {module}")
            if _top(module) == "pixely_api" and not module.startswith(UI_MAY_IMPORT_FROM_API):
                found.append(f"{_relative(path)}: {module}")
    assert found == []


def test_the_rules_see_real_imports() -> None:
    """Guards the guard: the walker finds the imports it is meant to judge."""
    definitions = set(_imports(ROOT / "pixely_dagster" / "definitions.py"))
    assert "dagster" in definitions
    assert _violations("pixely_dagster", {"dagster"}) != []
