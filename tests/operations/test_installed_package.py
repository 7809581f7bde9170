"""The product works from an installed (non-editable) wheel, away from any checkout:
the schema migrations ship in it, the default home is ``~/.pixely`` and the Dagster
code location loads by module, which is what ``pixely serve`` starts."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project built as a wheel and unpacked into a folder of its own."""
    wheels = tmp_path_factory.mktemp("wheels")
    target = tmp_path_factory.mktemp("site")
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for package in ("pixely_api", "pixely_dagster", "pixely_ui"):
        shutil.copytree(
            ROOT / package, source / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    built = _run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(source)],
        source,
        env,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = wheels.glob("pixely-*.whl")
    unpacked = _run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target)]
        + [str(wheel)],
        ROOT,
        env,
    )
    assert unpacked.returncode == 0, unpacked.stderr[-2000:]
    return target


def test_the_installed_package_initialises_and_loads_its_code_location(
    installed: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PIXELY_", "DAGSTER_HOME"))
    }
    env |= {"PYTHONPATH": str(installed), "HOME": str(home)}
    where = _run(
        [sys.executable, "-c", "import pixely_dagster, sys; print(pixely_dagster.__file__)"],
        tmp_path,
        env,
    )
    assert where.stdout.strip().startswith(str(installed)), where.stdout + where.stderr

    init = _run(
        [sys.executable, "-c", "from pixely_dagster.cli import main; main()", "init"], tmp_path, env
    )
    assert init.returncode == 0, init.stderr[-2000:]
    assert (home / ".pixely" / "pixely.db").is_file()
    assert str(home / ".pixely" / "pixely.db") in init.stdout

    env["DAGSTER_HOME"] = str(home / ".pixely" / "dagster")
    (home / ".pixely" / "dagster").mkdir()
    loaded = _run(
        [str(BIN / "dagster"), "definitions", "validate", "-m", "pixely_dagster.definitions"],
        tmp_path,
        env,
    )
    assert loaded.returncode == 0, loaded.stdout[-2000:] + loaded.stderr[-2000:]
