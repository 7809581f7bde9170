"""``pixely serve`` stops everything it started: SIGTERM to it frees its ports and leaves
no process of its groups behind (``dagster dev`` starts a webserver, a daemon and code
servers below it). Runs the real command on free loopback ports."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
START_TIMEOUT_SECONDS = 180


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _listening(port: int) -> bool:
    with socket.socket() as client:
        client.settimeout(1)
        return client.connect_ex(("127.0.0.1", port)) == 0


def _process_groups() -> dict[int, int]:
    """pid → process group id of every process on the machine."""
    groups = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                groups[int(entry.name)] = os.getpgid(int(entry.name))
            except ProcessLookupError:
                continue
    return groups


def _descendants(root: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        children.setdefault(int(stat[1]), []).append(int(entry.name))
    found: set[int] = set()
    pending = [root]
    while pending:
        for child in children.get(pending.pop(), []):
            if child not in found:
                found.add(child)
                pending.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state not in {"Z", "X"}


def test_sigterm_stops_every_process_and_frees_the_ports(tmp_path: Path) -> None:
    port = _free_port()
    environment = {
        **os.environ,
        "PYTHONPATH": str(REPOSITORY),
        "PIXELY_HOME": str(tmp_path / "home"),
        "DAGSTER_HOME": str(tmp_path / "dagster"),
        "PIXELY_DATABASE_URL": f"sqlite:///{tmp_path / 'pixely.db'}",
    }
    code = "from pixely_dagster.cli.main import main; main()"
    serve = subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--dagster-port", str(port)],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert serve.stdout is not None
        assert serve.stdout.readline() == f"Dagster UI and daemon: http://127.0.0.1:{port}\n"
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while not _listening(port):
            assert serve.poll() is None, "pixely serve exited before serving"
            assert time.monotonic() < deadline, f"nothing listens on {port}"
            time.sleep(0.5)  # polling interval while dagster dev starts
        started = _descendants(serve.pid)
        assert started, "pixely serve started no process"
        groups = {_process_groups().get(pid) for pid in started} - {None}

        serve.send_signal(signal.SIGTERM)
        assert serve.wait(timeout=120) == 0
    finally:
        if serve.poll() is None:
            serve.kill()
            serve.wait()

    assert not _listening(port)
    survivors = [pid for pid in started if _alive(pid)]
    assert survivors == []
    in_groups = [pid for pid, group in _process_groups().items() if group in groups]
    assert [pid for pid in in_groups if _alive(pid)] == []
