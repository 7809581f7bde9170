"""The ``pixely`` console script: the admin's and the scripts' door (README.md)."""

from pixely_dagster.cli.main import main

__all__ = ["main"]
