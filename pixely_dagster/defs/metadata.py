"""Small Markdown previews for asset metadata (shown as tables in the Dagster UI)."""

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import dagster as dg


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    text = text.replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= 80 else text[:77] + "..."


def markdown_table(
    rows: Iterable[Mapping[str, Any]], columns: Sequence[str], limit: int = 20
) -> dg.MetadataValue:
    """A Markdown table of at most ``limit`` rows, or a plain note when there are none."""
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    shown = 0
    for row in rows:
        if shown == limit:
            lines.append(f"| … more rows not shown |{' |' * (len(columns) - 1)}")
            break
        lines.append("| " + " | ".join(_cell(row.get(c)) for c in columns) + " |")
        shown += 1
    return dg.MetadataValue.md("\n".join(lines) if shown else "Nothing to show.")
