"""Q3: the topics as bubbles (topic × sentiment, size = relevance)."""

import altair as alt
import pandas as pd
import streamlit as st

from pixely_api.schemas import WindowSummary
from pixely_ui.sections.base import Drill, SectionContext, pick
from pixely_ui.texts import Lang, text


def tables(summary: WindowSummary, lang: Lang) -> dict[str, pd.DataFrame]:
    q3 = summary.results.q3
    main = [
        {
            text("col_topic", lang): t.tema,
            text("col_mentions", lang): t.menciones,
            text("col_relevance", lang): t.relevancia,
            text("col_polarity", lang): round(t.sentimiento, 2),
        }
        for t in q3.temas_principales
    ]
    examples = [
        {
            text("col_topic", lang): t.tema,
            text("col_sentiment", lang): kind,
            text("col_text", lang): quote.texto,
            text("col_author", lang): quote.autor,
        }
        for t in q3.temas
        for kind, quote in (("−", t.ejemplo_negativo), ("+", t.ejemplo_positivo))
        if quote is not None
    ]
    return {"temas": pd.DataFrame(main), "ejemplos": pd.DataFrame(examples)}


def charts(summary: WindowSummary, lang: Lang) -> dict[str, alt.Chart]:
    topics = summary.results.q3.temas_principales
    if not topics:
        return {}
    data = pd.DataFrame(
        {
            "drill": t.tema,
            "tema": t.tema,
            "sentimiento": round(t.sentimiento, 2),
            "relevancia": t.relevancia,
            "menciones": t.menciones,
        }
        for t in topics
    )
    chart = (
        alt.Chart(data, title=text("section_topics_chart", lang))
        .mark_circle(opacity=0.8, stroke="#37474f", strokeWidth=0.5)
        .encode(
            x=alt.X(
                "sentimiento:Q", scale=alt.Scale(domain=[-1, 1]), title=text("col_polarity", lang)
            ),
            y=alt.Y("tema:N", sort="-size", title=None),
            size=alt.Size(
                "relevancia:Q", title=text("col_relevance", lang), scale=alt.Scale(range=[80, 2000])
            ),
            color=alt.Color(
                "sentimiento:Q",
                scale=alt.Scale(scheme="redyellowgreen", domain=[-1, 1]),
                title=text("col_polarity", lang),
            ),
            tooltip=["tema:N", "menciones:Q", "relevancia:Q", "sentimiento:Q"],
        )
        .add_params(pick())
    )
    return {"temas": chart}


def render(ctx: SectionContext) -> None:
    q3 = ctx.summary.results.q3
    if not q3.temas_principales:
        st.info(ctx.t("no_data"))
        return
    clicked = ctx.chart("temas", charts(ctx.summary, ctx.lang)["temas"], drillable=True)
    drills = {t.tema: Drill(label=t.tema, topic=t.tema) for t in q3.temas_principales}
    ctx.drilldown("temas", drills, clicked)
    st.dataframe(tables(ctx.summary, ctx.lang)["ejemplos"], hide_index=True)
