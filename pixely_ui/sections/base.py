"""What every module's view shares: its context, drill-down options and chart helpers.

A section module (``q1_emociones.py`` …) defines ``tables`` and ``charts`` (pure
functions of the window summary, reused by the exports) and ``render`` (the screen).
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from pixely_api.insights.registry import ModuleSpec
from pixely_api.schemas import WindowSummary
from pixely_ui.client import CommentQuery
from pixely_ui.texts import MODULE_TITLES_EN, Lang, text

PICK = "pick"
"""The Altair selection every drillable chart declares; its field is ``drill``."""

SENTIMENT_COLOURS = {
    "positive": "#2e7d32",
    "negative": "#c62828",
    "neutral": "#9e9e9e",
    "mixed": "#f9a825",
}
POLARITY_COLOURS = {"Promotor": "#2e7d32", "Neutral": "#9e9e9e", "Detractor": "#c62828"}
FRAME_COLOURS = {"positivo": "#2e7d32", "negativo": "#c62828", "aspiracional": "#6a1b9a"}
URGENCY_COLOURS = {
    "48 horas": "#c62828",
    "semana 1": "#ef6c00",
    "semanas 2–3": "#f9a825",
    "no urgente": "#607d8b",
}


@dataclass(frozen=True)
class Drill:
    """One thing a viewer can open: its label and how it narrows the comment query."""

    label: str
    sentiment: str | None = None
    emotion: str | None = None
    topic: str | None = None
    post_url: str | None = None
    week: str | None = None

    def query(self, base: CommentQuery) -> CommentQuery:
        """The window's query narrowed to this item (a week is clipped to the window)."""
        narrowed = replace(
            base,
            sentiment=self.sentiment or base.sentiment,
            emotion=self.emotion or base.emotion,
            topic=self.topic or base.topic,
            post_url=self.post_url or base.post_url,
        )
        if self.week is None:
            return narrowed
        first, last = week_days(self.week)
        return replace(
            narrowed,
            start_date=max(first, base.start_date),
            end_date=min(last, base.end_date),
        )


def week_days(week: str) -> tuple[date, date]:
    """``2025-W03`` → its Monday and Sunday."""
    year, number = week.split("-W")
    monday = date.fromisocalendar(int(year), int(number), 1)
    return monday, monday + timedelta(days=6)


def pct(value: float) -> float:
    """A share as the screen and the exports show it: one decimal (the API keeps it exact)."""
    return round(value, 1)


def tab_label(spec: ModuleSpec, lang: Lang) -> str:
    """«Tópicos»: the module's tab (its title, «Q3 · Tópicos», heads the tab's content)."""
    return text(f"tab_{spec.key}", lang)


def title(spec: ModuleSpec, lang: Lang) -> str:
    """«Q3 · Tópicos»: the registry's title, or its English one."""
    name = MODULE_TITLES_EN.get(spec.key, spec.title) if lang == "en" else spec.title
    return f"{spec.code} · {name}"


@dataclass
class SectionContext:
    """What a section renders with; ``show_comments`` draws a drill-down panel."""

    spec: ModuleSpec
    summary: WindowSummary
    lang: Lang
    show_comments: Callable[[str, Drill], None]
    picked: dict[str, str] = field(default_factory=dict)

    def t(self, key: str, **values: object) -> str:
        return text(key, self.lang, **values)

    def chart(self, name: str, chart: alt.Chart | alt.LayerChart, drillable: bool = False) -> str:
        """Show ``chart``; with ``drillable``, return the ``drill`` value clicked (or "")."""
        key = f"chart-{self.spec.key}-{name}"
        if not drillable:
            st.altair_chart(chart, width="stretch", key=key)
            return ""
        event = st.altair_chart(
            chart, width="stretch", key=key, on_select="rerun", selection_mode=PICK
        )
        return _picked_value(event)

    def drilldown(self, name: str, drills: dict[str, Drill], clicked: str = "") -> None:
        """A select box of ``drills`` (a chart click preselects one) and its comments."""
        if not drills:
            return
        options = ["", *drills]
        choice = st.selectbox(
            self.t("drill_pick"),
            options,
            key=f"drill-{self.spec.key}-{name}",
            format_func=lambda value: drills[value].label if value else self.t("drill_none"),
        )
        chosen = clicked if clicked in drills else choice
        if chosen:
            self.show_comments(f"{self.spec.key}-{name}", drills[chosen])
        else:
            st.caption(self.t("drill_hint"))


def _picked_value(event: Any) -> str:
    """The ``drill`` field of the clicked mark in a Streamlit selection event."""
    selection = getattr(event, "selection", None) or (event or {}).get("selection", {})
    points = selection.get(PICK) if isinstance(selection, dict) else None
    if isinstance(points, list) and points and isinstance(points[0], dict):
        return str(points[0].get("drill", ""))
    if isinstance(points, dict) and points.get("drill"):
        return str(points["drill"][0] if isinstance(points["drill"], list) else points["drill"])
    return ""


def pick() -> Any:
    """The click selection a drillable chart adds (one mark, by its ``drill`` field)."""
    return alt.selection_point(name=PICK, fields=["drill"], on="click")


def frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    """A table with fixed columns even when there are no rows."""
    return pd.DataFrame(rows, columns=columns)


def short_url(url: str) -> str:
    """A post URL short enough for an axis: the host's last path part."""
    tail = url.rstrip("/").rsplit("/", 1)[-1]
    return tail if len(tail) <= 24 else tail[:23] + "…"
