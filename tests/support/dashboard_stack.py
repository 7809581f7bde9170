"""The product on loopback for the dashboard's tests and benchmark: a database seeded by
the real `pixely` commands, the real API under uvicorn and the real dashboard under
Streamlit, each in its own process."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
SECRET_KEY = "dashboard-tests-only-secret-key-0123456789"
READY_SECONDS = 90.0
CLI = "from pixely_dagster.cli.main import cli; cli()"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def product_env(home: Path) -> dict[str, str]:
    """A private PIXELY_HOME (SQLite database and Dagster home inside it)."""
    (home / "dagster").mkdir(parents=True, exist_ok=True)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PIXELY_", "DAGSTER_", "UI_", "API_"))
    }
    env.update(
        PIXELY_HOME=str(home),
        DAGSTER_HOME=str(home / "dagster"),
        PIXELY_DATABASE_URL=f"sqlite:///{home / 'pixely.db'}",
        SECRET_KEY=SECRET_KEY,
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    return env


def pixely(env: Mapping[str, str], args: Sequence[str], stdin: str | None = None) -> str:
    """Run the `pixely` command; its output, or an error naming what failed."""
    done = subprocess.run(
        [sys.executable, "-c", CLI, *args],
        env=dict(env),
        cwd=env["PIXELY_HOME"],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if done.returncode != 0:
        raise RuntimeError(f"pixely {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Poll ``url`` until it answers 200; fail with the server's log if it dies first."""
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: server exited\n{log.read_text(errors='replace')}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url}: not up after {READY_SECONDS:.0f} s\n{log.read_text()}")


@contextmanager
def _serve(command: list[str], env: Mapping[str, str], health: str, log: Path) -> Iterator[None]:
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, env=dict(env), cwd=ROOT, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            _wait_until_up(health, process, log)
            yield
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def api_server(env: Mapping[str, str]) -> Iterator[str]:
    """``uvicorn pixely_api.app.main:app`` on a free loopback port; yields its URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable, "-m", "uvicorn", "pixely_api.app.main:app",
        "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
    ]  # fmt: skip
    log = Path(env["PIXELY_HOME"]) / f"api-{port}.log"
    with _serve(command, env, f"{url}/health", log):
        yield url


@contextmanager
def dashboard_server(env: Mapping[str, str], api_url: str) -> Iterator[str]:
    """``python -m pixely_ui`` on a free loopback port against ``api_url``; yields its URL."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    ui_env = {**env, "PIXELY_API_URL": api_url, "UI_PORT": str(port)}
    command = [sys.executable, "-m", "pixely_ui", "--server.address", "127.0.0.1"]
    log = Path(env["PIXELY_HOME"]) / f"ui-{port}.log"
    with _serve(command, ui_env, f"{url}/_stcore/health", log):
        yield url
