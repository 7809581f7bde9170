"""Q4: positive / negative / aspirational framing, its weekly lines and quoted examples."""

import altair as alt
import pandas as pd
import streamlit as st

from pixely_api.insights.labels import NARRATIVE_FRAMES
from pixely_api.schemas import WindowSummary
from pixely_ui.sections.base import FRAME_COLOURS, Drill, SectionContext, pct, pick
from pixely_ui.texts import Lang, label, text

_FRAME_SCALE = alt.Scale(
    domain=[label(f) for f in NARRATIVE_FRAMES], range=[FRAME_COLOURS[f] for f in NARRATIVE_FRAMES]
)


def tables(summary: WindowSummary, lang: Lang) -> dict[str, pd.DataFrame]:
    q4 = summary.results.q4
    shares = [
        {
            text("col_frame", lang): label(f),
            text("col_comments", lang): q4.marcos.get(f, 0),
            text("col_share", lang): pct(q4.porcentajes.get(f, 0.0)),
        }
        for f in NARRATIVE_FRAMES
    ]
    weekly = [
        {
            text("col_week", lang): w.semana,
            **{label(f): pct(w.porcentajes.get(f, 0.0)) for f in NARRATIVE_FRAMES},
        }
        for w in q4.evolucion_semanal
    ]
    examples = [
        {
            text("col_frame", lang): label(x.marco),
            text("col_text", lang): x.texto,
            text("col_author", lang): x.autor,
            text("col_post", lang): x.post_url,
        }
        for x in q4.ejemplos
    ]
    return {
        "marcos": pd.DataFrame(shares),
        "semanal": pd.DataFrame(weekly),
        "ejemplos": pd.DataFrame(examples),
    }


def charts(summary: WindowSummary, lang: Lang) -> dict[str, alt.Chart]:
    q4 = summary.results.q4
    if not sum(q4.marcos.values()):
        return {}
    shares = pd.DataFrame(
        {
            "marco": label(f),
            "porcentaje": pct(q4.porcentajes.get(f, 0.0)),
            "comentarios": q4.marcos.get(f, 0),
        }
        for f in NARRATIVE_FRAMES
    )
    bars = (
        alt.Chart(shares, title=text("frame_shares", lang))
        .mark_bar()
        .encode(
            x=alt.X("porcentaje:Q", title="%", scale=alt.Scale(domain=[0, 100])),
            y=alt.Y("marco:N", sort=[label(f) for f in NARRATIVE_FRAMES], title=None),
            color=alt.Color("marco:N", scale=_FRAME_SCALE, legend=None),
            tooltip=["marco:N", "porcentaje:Q", "comentarios:Q"],
        )
    )
    weekly = pd.DataFrame(
        {
            "drill": w.semana,
            "semana": w.semana,
            "marco": label(f),
            "porcentaje": pct(w.porcentajes.get(f, 0.0)),
        }
        for w in q4.evolucion_semanal
        for f in NARRATIVE_FRAMES
    )
    lines = (
        alt.Chart(weekly, title=text("weekly_frames", lang))
        .mark_line(point=True)
        .encode(
            x=alt.X("semana:N", title=text("col_week", lang)),
            y=alt.Y("porcentaje:Q", title="%"),
            color=alt.Color("marco:N", scale=_FRAME_SCALE, title=text("col_frame", lang)),
            tooltip=["semana:N", "marco:N", "porcentaje:Q"],
        )
        .add_params(pick())
    )
    return {"marcos": bars, "semanal": lines}


def render(ctx: SectionContext) -> None:
    q4 = ctx.summary.results.q4
    built = charts(ctx.summary, ctx.lang)
    if not built:
        st.info(ctx.t("no_data"))
        return
    ctx.chart("marcos", built["marcos"])
    clicked = ctx.chart("semanal", built["semanal"], drillable=True)
    drills = {w.semana: Drill(label=w.semana, week=w.semana) for w in q4.evolucion_semanal}
    ctx.drilldown("semanas", drills, clicked)
    st.markdown(f"#### {ctx.t('examples')}")
    for example in q4.ejemplos:
        st.markdown(f"**{label(example.marco)}** — «{example.texto}» (@{example.autor})")
