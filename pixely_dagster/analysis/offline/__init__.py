"""Offline, deterministic comment annotator built on the project's own lexicons."""

from pixely_dagster.analysis.offline.annotator import VERSION, OfflineAnnotator

__all__ = ["VERSION", "OfflineAnnotator"]
