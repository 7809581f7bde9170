"""Q2: Aaker's brand-personality profile as the audience perceives it."""

import altair as alt
import pandas as pd
import streamlit as st

from pixely_api.insights.labels import AAKER_DIMENSIONS
from pixely_api.schemas import WindowSummary
from pixely_ui.sections.base import Drill, SectionContext
from pixely_ui.texts import Lang, label, text


def tables(summary: WindowSummary, lang: Lang) -> dict[str, pd.DataFrame]:
    q2 = summary.results.q2
    profile = [
        {
            text("col_dimension", lang): label(d),
            text("col_score", lang): round(q2.puntuaciones.get(d, 0.0), 1),
        }
        for d in AAKER_DIMENSIONS
    ]
    posts = [
        {
            text("col_post", lang): p.post_url,
            text("col_platform", lang): label(p.platform),
            text("col_comments", lang): p.num_comentarios,
            **{label(d): round(p.puntuaciones.get(d, 0.0), 1) for d in AAKER_DIMENSIONS},
        }
        for p in q2.publicaciones
    ]
    return {"perfil": pd.DataFrame(profile), "por_publicacion": pd.DataFrame(posts)}


def charts(summary: WindowSummary, lang: Lang) -> dict[str, alt.Chart]:
    q2 = summary.results.q2
    if not q2.comentarios_con_senal:
        return {}
    dominant = set(q2.dimensiones_dominantes)
    data = pd.DataFrame(
        {
            "dimension": label(d),
            "puntuacion": round(q2.puntuaciones.get(d, 0.0), 1),
            "dominante": d in dominant,
        }
        for d in AAKER_DIMENSIONS
    )
    chart = (
        alt.Chart(data, title=text("col_score", lang) + " (0–100)")
        .mark_bar()
        .encode(
            y=alt.Y("dimension:N", sort=[label(d) for d in AAKER_DIMENSIONS], title=None),
            x=alt.X(
                "puntuacion:Q", scale=alt.Scale(domain=[0, 100]), title=text("col_score", lang)
            ),
            color=alt.condition(alt.datum.dominante, alt.value("#3949ab"), alt.value("#b0bec5")),
            tooltip=["dimension:N", "puntuacion:Q"],
        )
    )
    return {"perfil": chart}


def render(ctx: SectionContext) -> None:
    q2 = ctx.summary.results.q2
    if not q2.comentarios_con_senal:
        st.info(ctx.t("no_data"))
        return
    st.write(q2.lectura)
    ctx.chart("perfil", charts(ctx.summary, ctx.lang)["perfil"])
    st.markdown(f"#### {ctx.t('per_post')}")
    st.dataframe(tables(ctx.summary, ctx.lang)["por_publicacion"], hide_index=True)
    drills = {
        p.post_url: Drill(label=f"{label(p.platform)} · {p.post_url}", post_url=p.post_url)
        for p in q2.publicaciones
        if p.comentarios_con_senal
    }
    ctx.drilldown("publicaciones", drills)
