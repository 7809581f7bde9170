"""Q6: the opportunity matrix (demand × impact) and the opportunities with their actions."""

import altair as alt
import pandas as pd
import streamlit as st

from pixely_api.schemas import WindowSummary
from pixely_ui.sections.base import Drill, SectionContext, pick
from pixely_ui.texts import Lang, text


def tables(summary: WindowSummary, lang: Lang) -> dict[str, pd.DataFrame]:
    items = sorted(summary.results.q6.oportunidades, key=lambda o: -o.puntuacion)
    rows = [
        {
            text("col_title", lang): o.titulo,
            text("col_topic", lang): o.tema or "—",
            text("col_demand", lang): round(o.gap_score, 1),
            text("col_impact", lang): round(o.competencia_score, 1),
            text("col_score", lang): round(o.puntuacion, 2),
            text("col_critical", lang): "✔" if o.es_critica else "",
            text("col_action", lang): o.accion,
            text("col_evidence", lang): o.evidencia[0].texto if o.evidencia else "",
        }
        for o in items
    ]
    return {"oportunidades": pd.DataFrame(rows)}


def charts(summary: WindowSummary, lang: Lang) -> dict[str, alt.Chart]:
    items = summary.results.q6.oportunidades
    if not items:
        return {}
    data = pd.DataFrame(
        {
            "drill": o.titulo,
            "titulo": o.titulo,
            "demanda": o.gap_score,
            "impacto": o.competencia_score,
            "menciones": o.menciones,
            "critica": o.es_critica,
        }
        for o in items
    )
    points = (
        alt.Chart(data, title=text("matrix_q6", lang))
        .mark_circle(opacity=0.75)
        .encode(
            x=alt.X("demanda:Q", scale=alt.Scale(domain=[0, 100]), title=text("col_demand", lang)),
            y=alt.Y("impacto:Q", scale=alt.Scale(domain=[0, 100]), title=text("col_impact", lang)),
            size=alt.Size(
                "menciones:Q", title=text("col_mentions", lang), scale=alt.Scale(range=[60, 1500])
            ),
            color=alt.Color(
                "critica:N",
                scale=alt.Scale(domain=[True, False], range=["#c62828", "#1e88e5"]),
                title=text("col_critical", lang),
            ),
            tooltip=["titulo:N", "demanda:Q", "impacto:Q", "menciones:Q"],
        )
        .add_params(pick())
    )
    return {"matriz": points}


def render(ctx: SectionContext) -> None:
    q6 = ctx.summary.results.q6
    if not q6.oportunidades:
        st.info(ctx.t("no_data"))
        return
    clicked = ctx.chart("matriz", charts(ctx.summary, ctx.lang)["matriz"], drillable=True)
    st.dataframe(tables(ctx.summary, ctx.lang)["oportunidades"], hide_index=True)
    drills = {
        o.titulo: Drill(label=o.titulo, topic=o.tema)
        for o in q6.oportunidades
        if o.tema is not None
    }
    ctx.drilldown("oportunidades", drills, clicked)
