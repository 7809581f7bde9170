"""A database password never becomes resource config the Dagster UI shows.

The code location is loaded in a fresh process with a password in
``PIXELY_DATABASE_URL``; the repository snapshot the webserver renders (resources with
their configured values, jobs, schedules, sensors) is serialized whole and searched.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

PASSWORD = "s3cr3t-Pa55word-9f"
SNAPSHOT_SCRIPT = """
import json
from dagster._core.remote_representation.external_data import RepositorySnap
from dagster._serdes import serialize_value
from pixely_dagster.definitions import defs

repository = defs().get_repository_def()
snapshot = RepositorySnap.from_def(repository)
resources = {r.name: {k: serialize_value(v) for k, v in r.configured_values.items()}
             for r in snapshot.resources}
print(json.dumps({"snapshot": serialize_value(snapshot), "resources": resources}))
"""


def _loaded_snapshot(dagster_home: Path, **variables: str) -> dict[str, Any]:
    """The code location loaded in a fresh process with ``variables`` set: its whole
    repository snapshot and each resource's configured values, serialized."""
    environment = {**os.environ, **variables, "DAGSTER_HOME": str(dagster_home)}
    done = subprocess.run(
        [sys.executable, "-c", SNAPSHOT_SCRIPT],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_database_password_is_not_in_the_repository_snapshot(tmp_path: Path) -> None:
    url = f"postgresql+psycopg2://pixely:{PASSWORD}@127.0.0.1:5432/pixely"
    loaded = _loaded_snapshot(tmp_path, PIXELY_DATABASE_URL=url)
    assert PASSWORD not in loaded["snapshot"]
    database = loaded["resources"]["warehouse"]["database_url"]
    assert "PIXELY_DATABASE_URL" in database and PASSWORD not in database


def test_the_openai_key_is_not_in_the_repository_snapshot(tmp_path: Path) -> None:
    key = "sk-proj-" + PASSWORD
    loaded = _loaded_snapshot(tmp_path, PIXELY_ANALYZER="auto", OPENAI_API_KEY=key)
    assert key not in loaded["snapshot"] and PASSWORD not in loaded["snapshot"]
    analyzer = loaded["resources"]["analyzer"]
    assert "OPENAI_API_KEY" in analyzer["openai_api_key"]
    assert PASSWORD not in json.dumps(analyzer)
    assert "openai" in analyzer["analyzer"] and "offline" not in analyzer["analyzer"]
