"""The ``pixely`` console script: the admin's and the scripts' door (DESIGN.md §10)."""

from pixely_dagster.cli.main import main

__all__ = ["main"]
