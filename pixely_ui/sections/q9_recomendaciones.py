"""Q9: the impact × effort bubble matrix and the recommendations grouped by urgency."""

import altair as alt
import pandas as pd
import streamlit as st

from pixely_api.insights.q9_recomendaciones import URGENCIAS
from pixely_api.schemas import WindowSummary
from pixely_ui.sections.base import URGENCY_COLOURS, Drill, SectionContext, pick
from pixely_ui.texts import Lang, text

CARDS_PER_URGENCY = 3
"""Cards drawn per urgency band; every recommendation is in the table below them."""
TOPIC_RULES = frozenset({"queja", "solicitud", "compra", "tema_negativo"})
"""Recommendation types whose ``foco`` is a topic (so their comments can be listed)."""


def tables(summary: WindowSummary, lang: Lang) -> dict[str, pd.DataFrame]:
    rows = [
        {
            text("col_urgency", lang): r.urgencia,
            text("col_title", lang): r.titulo,
            text("col_area", lang): r.area,
            text("col_impact", lang): r.impacto,
            text("col_effort", lang): r.esfuerzo,
            text("col_priority", lang): r.prioridad,
            text("col_action", lang): " · ".join(r.acciones),
            text("col_evidence", lang): r.evidencia[0].texto if r.evidencia else "",
        }
        for r in summary.results.q9.recomendaciones
    ]
    return {"recomendaciones": pd.DataFrame(rows)}


def charts(summary: WindowSummary, lang: Lang) -> dict[str, alt.Chart]:
    items = summary.results.q9.recomendaciones
    if not items:
        return {}
    data = pd.DataFrame(
        {
            "drill": r.titulo,
            "titulo": r.titulo,
            "impacto": r.impacto,
            "esfuerzo": r.esfuerzo,
            "casos": r.casos,
            "urgencia": r.urgencia,
        }
        for r in items
    )
    chart = (
        alt.Chart(data, title=text("matrix_q9", lang))
        .mark_circle(opacity=0.75)
        .encode(
            x=alt.X("esfuerzo:Q", scale=alt.Scale(domain=[0, 100]), title=text("col_effort", lang)),
            y=alt.Y("impacto:Q", scale=alt.Scale(domain=[0, 100]), title=text("col_impact", lang)),
            size=alt.Size(
                "casos:Q", title=text("col_comments", lang), scale=alt.Scale(range=[60, 1500])
            ),
            color=alt.Color(
                "urgencia:N",
                scale=alt.Scale(
                    domain=list(URGENCIAS), range=[URGENCY_COLOURS[u] for u in URGENCIAS]
                ),
                title=text("col_urgency", lang),
            ),
            tooltip=["titulo:N", "impacto:Q", "esfuerzo:Q", "casos:Q", "urgencia:N"],
        )
        .add_params(pick())
    )
    return {"matriz": chart}


def render(ctx: SectionContext) -> None:
    q9 = ctx.summary.results.q9
    if not q9.recomendaciones:
        st.info(ctx.t("no_data"))
        return
    clicked = ctx.chart("matriz", charts(ctx.summary, ctx.lang)["matriz"], drillable=True)
    drills = {
        r.titulo: Drill(label=r.titulo, topic=r.foco)
        for r in q9.recomendaciones
        if r.tipo in TOPIC_RULES and r.foco
    }
    ctx.drilldown("recomendaciones", drills, clicked)
    for urgency in URGENCIAS:
        group = [r for r in q9.recomendaciones if r.urgencia == urgency]
        if not group:
            continue
        st.markdown(f"#### {urgency} ({len(group)})")
        for item in group[:CARDS_PER_URGENCY]:
            actions = "\n".join(f"{n}. {a}" for n, a in enumerate(item.acciones, 1))
            with st.container(border=True):
                st.markdown(f"**{item.titulo}** · _{item.area}_\n\n{item.descripcion}\n\n{actions}")
    st.dataframe(tables(ctx.summary, ctx.lang)["recomendaciones"], hide_index=True)
