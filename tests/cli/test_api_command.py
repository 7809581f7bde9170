"""``pixely api``: the real server on loopback answers /health and serves its docs; in
production it refuses an example secret before listening."""

import os
import socket
import subprocess
import sys
import time

import httpx
import pytest

START = "from pixely_dagster.cli.main import main; main()"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _environment(**changes: str) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "PIXELY_ENV")}
    return {**environment, **changes}


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_pixely_api_serves_health_and_docs(database_url: str) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", START, "api", "--port", str(port)],
        env=_environment(SECRET_KEY="x" * 40),
    )
    try:
        deadline = time.monotonic() + 60
        health = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert health is not None, f"the API never answered (exit code {server.poll()})"
        assert health.json() == {"status": "ok", "database": "ok"}
        docs = httpx.get(f"http://127.0.0.1:{port}/docs", timeout=5)
        assert docs.status_code == 200 and "swagger" in docs.text.lower()
        schema = httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=5).json()
        assert "/insights/summary" in schema["paths"]
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_pixely_api_refuses_an_example_secret_in_production(database_url: str) -> None:
    refused = subprocess.run(
        [sys.executable, "-c", START, "api", "--port", str(_free_port())],
        env=_environment(PIXELY_ENV="production", SECRET_KEY="change-me"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode != 0
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and "SECRET_KEY" in lines[0], refused.stderr
