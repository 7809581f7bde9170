"""docker-compose.yml, the Dockerfile and the monitoring files, read as a deployer would.

Without a Docker daemon the file is checked by parsing it: every command names a real
entry point or module of the package, every ``${VAR}`` is documented in ``.env.example``,
the start order waits for healthy dependencies, the Dagster UI and adminer are reached
only through the authenticating proxy, and the Grafana dashboard asks for metrics the
pipeline exports. ``docker compose config`` runs when the compose plugin is present.
"""

import importlib
import importlib.machinery
import importlib.util
import json
import re
import shutil
import subprocess
import tomllib
from collections.abc import Iterator
from datetime import UTC, datetime
from importlib.metadata import entry_points
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
import yaml
from prometheus_client.parser import text_string_to_metric_families

from pixely_api.db import make_engine, upgrade_database
from pixely_dagster.pipeline_metrics import read_pipeline_health, render_metrics

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_TEXT = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
COMPOSE: dict[str, Any] = yaml.safe_load(COMPOSE_TEXT)
SERVICES: dict[str, dict[str, Any]] = COMPOSE["services"]
PIXELY_IMAGE_SERVICES = sorted(name for name, spec in SERVICES.items() if "build" in spec)
VARIABLE = re.compile(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(?::?[-?+])[^}]*)?\}")
DATABASE_CLIENT_VARIABLES = ("PIXELY_DATABASE_URL", "DAGSTER_PG_HOST")


def env_example() -> dict[str, str]:
    """``.env.example``'s variables, each mapped to the comment block above it."""
    documented: dict[str, str] = {}
    comment: list[str] = []
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            comment.append(line.lstrip("# ").strip())
        elif match := re.match(r"([A-Z_][A-Z0-9_]*)=", line):
            documented[match.group(1)] = " ".join(comment)
        else:
            comment = []
    return documented


def console_scripts() -> set[str]:
    return {entry.name for entry in entry_points(group="console_scripts")}


def find_spec(module: str) -> importlib.machinery.ModuleSpec | None:
    """The module's spec, or None when it (or a parent package) does not exist."""
    try:
        return importlib.util.find_spec(module)
    except ModuleNotFoundError:
        return None


def module_is_runnable(module: str) -> bool:
    """``python -m module`` works: a module file, or a package with ``__main__``."""
    spec = find_spec(module)
    if spec is None:
        return False
    if spec.submodule_search_locations is not None:
        return find_spec(f"{module}.__main__") is not None
    return True


def defines_attribute(module: str, attribute: str) -> bool:
    """The module, imported, has ``attribute`` (assigned, or built by a module-level
    ``__getattr__`` on first use, as the API's app is)."""
    if find_spec(module) is None:
        return False
    return getattr(importlib.import_module(module), attribute, None) is not None


def depends_on(service: str) -> dict[str, str]:
    """``depends_on`` as {dependency: condition}, whichever syntax the file uses."""
    raw = SERVICES[service].get("depends_on", {})
    if isinstance(raw, list):
        return {name: "service_started" for name in raw}
    return {name: spec.get("condition", "service_started") for name, spec in raw.items()}


def environment(service: str) -> dict[str, str]:
    raw = SERVICES[service].get("environment", {})
    if isinstance(raw, list):
        return dict(item.split("=", 1) for item in raw)
    return {key: str(value) for key, value in raw.items()}


@pytest.mark.parametrize("service", PIXELY_IMAGE_SERVICES)
def test_every_command_names_a_real_entry_point_or_module(service: str) -> None:
    command = SERVICES[service]["command"]
    assert isinstance(command, list) and command, f"{service}: command must be an exec list"
    program, arguments = command[0], command[1:]
    if program == "python":
        assert arguments[0] == "-m", f"{service}: python must run a module"
        assert module_is_runnable(arguments[1]), f"{service}: no module {arguments[1]}"
        return
    assert program in console_scripts(), f"{service}: {program} is not an installed entry point"
    if program == "pixely":
        scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
        module, function = scripts["pixely"].split(":")
        assert defines_attribute(module, function) or find_spec(module)
        assert arguments[0] in {"init", "restore", "run-daily"}, arguments
    if program == "uvicorn":
        module, attribute = arguments[0].split(":")
        assert find_spec(module) is not None, f"{service}: no module {module}"
        assert defines_attribute(module, attribute), f"{service}: {module} defines no {attribute}"
    if program in {"dagster-webserver", "dagster-daemon"}:
        workspace = PurePosixPath(arguments[arguments.index("-w") + 1])
        assert workspace.is_absolute() and workspace.name == "workspace.yaml"
        assert f"COPY workspace.yaml {workspace}" in (ROOT / "Dockerfile").read_text()
        locations = yaml.safe_load((ROOT / "workspace.yaml").read_text())["load_from"]
        for location in locations:
            assert find_spec(location["python_module"]["module_name"])


def test_the_named_services_exist_and_share_one_image() -> None:
    expected = {"db", "dagster-webserver", "dagster-daemon", "api", "ui", "adminer"}
    assert expected <= SERVICES.keys()
    assert {"dagster-webserver", "dagster-daemon", "api", "ui"} <= set(PIXELY_IMAGE_SERVICES)
    assert {SERVICES[s]["image"] for s in PIXELY_IMAGE_SERVICES} == {"pixely:latest"}
    assert {SERVICES[s]["build"]["context"] for s in PIXELY_IMAGE_SERVICES} == {"."}
    assert SERVICES["db"]["image"] == "postgres:16"
    assert any(v.startswith("pgdata:") for v in SERVICES["db"]["volumes"])


def test_every_variable_is_documented_in_env_example() -> None:
    documented = env_example()
    used = set(VARIABLE.findall(COMPOSE_TEXT))
    assert used, "the compose file reads nothing from .env"
    assert sorted(used - documented.keys()) == []
    undocumented = sorted(name for name, comment in documented.items() if not comment)
    assert undocumented == []


def test_services_read_postgres_urls_and_dagster_storage_settings() -> None:
    for service in ("migrate", "dagster-webserver", "dagster-daemon", "api"):
        env = environment(service)
        assert env["PIXELY_DATABASE_URL"].startswith("postgresql+psycopg2://"), service
        assert {"DAGSTER_PG_USERNAME", "DAGSTER_PG_PASSWORD", "DAGSTER_PG_HOST"} <= env.keys()
        assert env["DAGSTER_PG_DB"] != env["PIXELY_DATABASE_URL"].rsplit("/", 1)[-1], (
            "Dagster's storage and the product need separate databases (both use alembic_version)"
        )
    dagster_config = yaml.safe_load((ROOT / "dagster.yaml").read_text())
    postgres = dagster_config["storage"]["postgres"]["postgres_db"]
    read = {value["env"] for value in postgres.values() if isinstance(value, dict)}
    assert read <= environment("dagster-daemon").keys()


def test_start_order_waits_for_a_healthy_database_and_the_migrations() -> None:
    assert "healthcheck" in SERVICES["db"]
    for service in SERVICES:
        env = environment(service)
        if any(name in env for name in DATABASE_CLIENT_VARIABLES):
            assert depends_on(service).get("db") == "service_healthy", service
        for dependency, condition in depends_on(service).items():
            assert dependency in SERVICES, f"{service} depends on unknown {dependency}"
            if condition == "service_healthy":
                assert "healthcheck" in SERVICES[dependency], f"{dependency} has no healthcheck"
            if condition == "service_completed_successfully":
                assert SERVICES[dependency].get("restart") == "no", dependency
    for service in ("dagster-webserver", "dagster-daemon", "api"):
        assert depends_on(service)["migrate"] == "service_completed_successfully", service
    for service in ("dagster-webserver", "dagster-daemon"):
        assert depends_on(service)["dagster-migrate"] == "service_completed_successfully"
    assert depends_on("ui")["api"] == "service_healthy"
    assert depends_on("proxy")["dagster-webserver"] == "service_healthy"
    assert "/health" in json.dumps(SERVICES["api"]["healthcheck"]["test"])
    assert_no_cycle()


def assert_no_cycle() -> None:
    done: set[str] = set()

    def visit(service: str, path: tuple[str, ...]) -> None:
        assert service not in path, f"depends_on cycle: {' -> '.join((*path, service))}"
        if service in done:
            return
        for dependency in depends_on(service):
            visit(dependency, (*path, service))
        done.add(service)

    for service in SERVICES:
        visit(service, ())


def caddy_sites() -> Iterator[tuple[str, str]]:
    """(site address, block body) of each top-level site in the Caddyfile."""
    text = (ROOT / "deploy" / "caddy" / "Caddyfile").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    for match in re.finditer(r"^(\S+) \{\n(.*?)^\}", text, re.MULTILINE | re.DOTALL):
        yield match.group(1), match.group(2)


def test_dagster_ui_and_adminer_are_reached_only_through_the_authenticating_proxy() -> None:
    for service in ("dagster-webserver", "adminer", "prometheus", "metrics-exporter"):
        assert "ports" not in SERVICES[service], f"{service} must not publish host ports"
    assert SERVICES["adminer"]["profiles"] == ["tools"]
    proxy = SERVICES["proxy"]
    assert any(v.endswith(":/etc/caddy/Caddyfile:ro") for v in proxy["volumes"])
    sites = dict(caddy_sites())
    upstreams = {}
    for address, body in sites.items():
        if address.startswith(":"):
            assert "basic_auth" in body, f"site {address} has no authentication"
            upstreams[address] = re.search(r"reverse_proxy (\S+)", body).group(1)  # type: ignore[union-attr]
    assert sorted(upstreams.values()) == ["adminer:8080", "dagster-webserver:3000"]
    published = {port.rsplit(":", 1)[1] for port in proxy["ports"]}
    assert published == {address.lstrip(":") for address in upstreams}
    caddy_variables = set(
        re.findall(r"\{\$([A-Z_]+)\}", (ROOT / "deploy/caddy/Caddyfile").read_text())
    )
    assert caddy_variables and caddy_variables <= environment("proxy").keys()


def test_dockerfile_is_multi_stage_non_root_with_an_absolute_dagster_home() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    stages = re.findall(r"^FROM \S+ AS (\S+)", dockerfile, re.MULTILINE)
    assert len(stages) >= 2
    home = re.search(r"DAGSTER_HOME=(\S+)", dockerfile).group(1)  # type: ignore[union-attr]
    assert PurePosixPath(home).is_absolute()
    assert f"COPY dagster.yaml {home}/dagster.yaml" in dockerfile
    assert re.search(r"pip install \.$", dockerfile, re.MULTILINE)
    users = re.findall(r"^USER (\S+)", dockerfile, re.MULTILINE)
    assert users and users[-1] not in {"root", "0"}
    assert "postgresql-client-16" in dockerfile, "pg_dump must match the postgres:16 server"


def test_monitoring_profile_wires_the_metrics_file_to_prometheus_and_grafana() -> None:
    for service in ("prometheus", "grafana", "metrics-exporter"):
        assert SERVICES[service]["profiles"] == ["monitoring"], service
    metrics_file = PurePosixPath(environment("dagster-daemon")["PIXELY_METRICS_FILE"])
    assert metrics_file.suffix == ".prom"
    exporter = SERVICES["metrics-exporter"]
    assert f"--collector.textfile.directory={metrics_file.parent}" in exporter["command"]
    daemon_volume = next(v for v in SERVICES["dagster-daemon"]["volumes"] if v.startswith("pixely"))
    shared, mount = daemon_volume.split(":")[:2]
    assert metrics_file.is_relative_to(mount)
    assert any(v.startswith(f"{shared}:{mount}") for v in exporter["volumes"])
    prometheus = yaml.safe_load((ROOT / "deploy/prometheus/prometheus.yml").read_text())
    targets = {
        target.split(":")[0]
        for job in prometheus["scrape_configs"]
        for config in job["static_configs"]
        for target in config["targets"]
    }
    assert targets <= SERVICES.keys()


@pytest.fixture(scope="module")
def exported_metric_names(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The metric families the pipeline writes, rendered from a real (empty) database."""
    url = f"sqlite:///{tmp_path_factory.mktemp('metrics') / 'pixely.db'}"
    upgrade_database(url)
    engine = make_engine(url)
    try:
        text = render_metrics(read_pipeline_health(engine, [], datetime.now(UTC)))
    finally:
        engine.dispose()
    return {family.name for family in text_string_to_metric_families(text)}


def test_grafana_dashboard_queries_name_exported_metrics(exported_metric_names: set[str]) -> None:
    dashboard = json.loads((ROOT / "deploy/grafana/dashboards/pixely-pipeline.json").read_text())
    datasource = yaml.safe_load(
        (ROOT / "deploy/grafana/provisioning/datasources/prometheus.yml").read_text()
    )["datasources"][0]
    expressions = [t["expr"] for panel in dashboard["panels"] for t in panel["targets"]]
    assert dashboard["uid"] and dashboard["title"] and len(expressions) >= 5
    named = {name for expr in expressions for name in re.findall(r"\bpixely_[a-z0-9_]+", expr)}
    assert named and sorted(named - exported_metric_names) == []
    for panel in dashboard["panels"]:
        assert panel["datasource"]["uid"] == datasource["uid"], panel["title"]
    provider = yaml.safe_load(
        (ROOT / "deploy/grafana/provisioning/dashboards/pixely.yml").read_text()
    )["providers"][0]
    mounts = {v.split(":")[1] for v in SERVICES["grafana"]["volumes"] if v.startswith("./")}
    assert provider["options"]["path"] in mounts


def test_docker_compose_config_accepts_the_file(tmp_path: Path) -> None:
    docker = shutil.which("docker")
    if docker is None:
        pytest.skip("no docker CLI on this machine")
    version = subprocess.run(
        [docker, "compose", "version"], capture_output=True, text=True, check=False
    )
    if version.returncode != 0:
        pytest.skip(f"docker compose is not available: {version.stderr.strip().splitlines()[0]}")
    env_file = tmp_path / ".env"
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    env_file.write_text(
        example
        + "\nPOSTGRES_PASSWORD=example-password\nSECRET_KEY=example-secret\n"
        + "PROXY_PASSWORD_HASH='$2a$14$abcdefghijklmnopqrstuv'\n",
        encoding="utf-8",
    )
    completed = subprocess.run(
        [docker, "compose", "--env-file", str(env_file), "--profile", "tools"]
        + ["--profile", "monitoring", "config", "--quiet"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
