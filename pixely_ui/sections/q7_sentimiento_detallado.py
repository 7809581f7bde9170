"""Q7: the sentiment donut, mixed comments and subjectivity, and the per-post table."""

import altair as alt
import pandas as pd
import streamlit as st

from pixely_api.insights.labels import SENTIMENTS
from pixely_api.schemas import WindowSummary
from pixely_ui.sections.base import SENTIMENT_COLOURS, Drill, SectionContext, pct, pick
from pixely_ui.texts import Lang, label, text


def tables(summary: WindowSummary, lang: Lang) -> dict[str, pd.DataFrame]:
    q7 = summary.results.q7
    general = [
        {
            text("col_sentiment", lang): label(s),
            text("col_comments", lang): q7.general.sentimientos.get(s, 0),
            text("col_share", lang): pct(q7.general.porcentajes.get(s, 0.0)),
        }
        for s in SENTIMENTS
    ]
    platforms = [
        {
            text("col_platform", lang): label(platform),
            text("col_comments", lang): part.num_comentarios,
            **{label(s): pct(part.porcentajes.get(s, 0.0)) for s in SENTIMENTS},
            text("col_subjectivity", lang): round(part.subjetividad_media, 2),
        }
        for platform, part in q7.por_plataforma.items()
    ]
    posts = [
        {
            text("col_post", lang): p.post_url,
            text("col_platform", lang): label(p.platform),
            text("col_comments", lang): p.num_comentarios,
            **{label(s): pct(p.porcentajes.get(s, 0.0)) for s in SENTIMENTS},
            text("col_subjectivity", lang): round(p.subjetividad_media, 2),
        }
        for p in q7.publicaciones
    ]
    return {
        "sentimiento": pd.DataFrame(general),
        "por_plataforma": pd.DataFrame(platforms),
        "por_publicacion": pd.DataFrame(posts),
    }


def charts(summary: WindowSummary, lang: Lang) -> dict[str, alt.Chart]:
    general = summary.results.q7.general
    if not general.num_comentarios:
        return {}
    data = pd.DataFrame(
        {
            "drill": s,
            "sentimiento": label(s),
            "comentarios": general.sentimientos.get(s, 0),
            "porcentaje": pct(general.porcentajes.get(s, 0.0)),
        }
        for s in SENTIMENTS
    )
    donut = (
        alt.Chart(data, title=text("sentiment_chart", lang))
        .mark_arc(innerRadius=60)
        .encode(
            theta=alt.Theta("comentarios:Q"),
            color=alt.Color(
                "sentimiento:N",
                scale=alt.Scale(
                    domain=[label(s) for s in SENTIMENTS],
                    range=[SENTIMENT_COLOURS[s] for s in SENTIMENTS],
                ),
                title=text("col_sentiment", lang),
            ),
            tooltip=["sentimiento:N", "comentarios:Q", "porcentaje:Q"],
        )
        .add_params(pick())
    )
    return {"sentimiento": donut}


def render(ctx: SectionContext) -> None:
    q7 = ctx.summary.results.q7
    if not q7.general.num_comentarios:
        st.info(ctx.t("no_data"))
        return
    left, right = st.columns([2, 1])
    with left:
        clicked = ctx.chart(
            "sentimiento", charts(ctx.summary, ctx.lang)["sentimiento"], drillable=True
        )
    with right:
        st.metric(ctx.t("mixed_share"), f"{q7.general.porcentajes.get('mixed', 0.0):.0f}%")
        st.metric(ctx.t("subjectivity"), f"{q7.general.subjetividad_media:.2f}")
    drills = {s: Drill(label=label(s), sentiment=s) for s in SENTIMENTS}
    ctx.drilldown("sentimiento", drills, clicked)
    built = tables(ctx.summary, ctx.lang)
    st.dataframe(built["por_plataforma"], hide_index=True)
    if q7.ejemplos_mixtos:
        st.markdown(f"#### {ctx.t('mixed_examples')}")
        for quote in q7.ejemplos_mixtos:
            st.markdown(f"«{quote.texto}» (@{quote.autor})")
    st.markdown(f"#### {ctx.t('per_post')}")
    st.dataframe(built["por_publicacion"], hide_index=True)
