"""Q5: the key voices by centrality, coloured by polarity, with their evidence quote."""

import altair as alt
import pandas as pd
import streamlit as st

from pixely_api.schemas import WindowSummary
from pixely_ui.sections.base import POLARITY_COLOURS, Drill, SectionContext, pick
from pixely_ui.texts import Lang, text


def tables(summary: WindowSummary, lang: Lang) -> dict[str, pd.DataFrame]:
    voices = [
        {
            text("col_voice", lang): f"@{v.autor}",
            text("col_centrality", lang): round(v.centralidad, 1),
            text("col_authority", lang): round(v.autoridad, 1),
            text("col_affinity", lang): round(v.afinidad, 1),
            text("col_stance", lang): v.polaridad,
            text("col_comments", lang): v.num_comentarios,
            text("col_mentions", lang): v.menciones,
            text("col_evidence", lang): v.evidencia.texto if v.evidencia else "",
        }
        for v in summary.results.q5.voces_clave
    ]
    return {"voces_clave": pd.DataFrame(voices)}


def linked(summary: WindowSummary) -> bool:
    """Whether anyone in the window mentions or answers anyone: centrality needs links.

    Most brand comment sections have none, and every centrality is then 0; the chart
    shows authority instead (reach, expertise and activity), which is never empty.
    """
    return any(v.centralidad > 0 for v in summary.results.q5.voces_clave)


def charts(summary: WindowSummary, lang: Lang) -> dict[str, alt.Chart]:
    voices = summary.results.q5.voces_clave
    if not voices:
        return {}
    measure = "centralidad" if linked(summary) else "autoridad"
    data = pd.DataFrame(
        {
            "drill": v.autor,
            "voz": f"@{v.autor}",
            "centralidad": v.centralidad,
            "autoridad": v.autoridad,
            "afinidad": v.afinidad,
            "polaridad": v.polaridad,
        }
        for v in voices
    )
    chart = (
        alt.Chart(data, title=text(f"voices_chart_{measure}", lang))
        .mark_bar()
        .encode(
            x=alt.X(
                f"{measure}:Q",
                scale=alt.Scale(domain=[0, 100]),
                title=text("col_centrality" if measure == "centralidad" else "col_authority", lang),
            ),
            y=alt.Y("voz:N", sort=list(data["voz"]), title=None),  # Q5's own ranking
            color=alt.Color(
                "polaridad:N",
                scale=alt.Scale(
                    domain=list(POLARITY_COLOURS), range=list(POLARITY_COLOURS.values())
                ),
                title=text("col_stance", lang),
            ),
            tooltip=["voz:N", "centralidad:Q", "autoridad:Q", "afinidad:Q", "polaridad:N"],
        )
        .add_params(pick())
    )
    return {"voces_clave": chart}


def render(ctx: SectionContext) -> None:
    voices = ctx.summary.results.q5.voces_clave
    if not voices:
        st.info(ctx.t("no_data"))
        return
    if not linked(ctx.summary):
        st.caption(ctx.t("voices_unlinked"))
    clicked = ctx.chart("voces_clave", charts(ctx.summary, ctx.lang)["voces_clave"], drillable=True)
    st.dataframe(tables(ctx.summary, ctx.lang)["voces_clave"], hide_index=True)
    drills = {
        v.autor: Drill(label=f"@{v.autor} · {v.evidencia.post_url}", post_url=v.evidencia.post_url)
        for v in voices
        if v.evidencia is not None
    }
    ctx.drilldown("voces", drills, clicked)
