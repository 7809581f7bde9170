"""The code location: everything under ``defs/`` (README, Pipeline).

From a checkout, ``pyproject.toml``'s ``[tool.dg]`` tables describe the project; an
installed package has no ``pyproject.toml`` beside it and carries the same settings in
``installed_project/dg.toml``, so ``pixely serve`` works from either.
"""

from pathlib import Path

import dagster as dg

PACKAGE = Path(__file__).resolve().parent


def project_path() -> Path:
    """A folder whose own or a parent's config file names this project."""
    if (PACKAGE.parent / "pyproject.toml").is_file():
        return PACKAGE
    return PACKAGE / "installed_project"


@dg.definitions
def defs() -> dg.Definitions:
    return dg.load_from_defs_folder(path_within_project=project_path())
