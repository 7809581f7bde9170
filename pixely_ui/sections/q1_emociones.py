"""Q1: Plutchik's emotions as bars in their own colours, overall and per post."""

import altair as alt
import pandas as pd
import streamlit as st

from pixely_api.insights.labels import EMOTIONS
from pixely_api.schemas import WindowSummary
from pixely_ui.sections.base import Drill, SectionContext, frame, pick
from pixely_ui.texts import Lang, label, text

PLUTCHIK_COLOURS = {
    "alegria": "#f6c700",
    "confianza": "#7cb342",
    "miedo": "#2e7d32",
    "sorpresa": "#29b6f6",
    "tristeza": "#1565c0",
    "disgusto": "#8e24aa",
    "ira": "#e53935",
    "anticipacion": "#fb8c00",
}


def _bars(
    intensities: dict[str, float], counts: dict[str, int], title: str, lang: Lang
) -> alt.Chart:
    data = pd.DataFrame(
        {
            "drill": emotion,
            "emocion": label(emotion),
            "intensidad": round(intensities.get(emotion, 0.0), 3),
            "comentarios": counts.get(emotion, 0),
        }
        for emotion in EMOTIONS
    )
    return (
        alt.Chart(data, title=title)
        .mark_bar()
        .encode(
            x=alt.X("emocion:N", sort=[label(e) for e in EMOTIONS], title=None),
            y=alt.Y("intensidad:Q", title=text("col_intensity", lang)),
            color=alt.Color(
                "emocion:N",
                scale=alt.Scale(
                    domain=[label(e) for e in EMOTIONS],
                    range=[PLUTCHIK_COLOURS[e] for e in EMOTIONS],
                ),
                legend=None,
            ),
            tooltip=["emocion:N", "intensidad:Q", "comentarios:Q"],
        )
    )


def tables(summary: WindowSummary, lang: Lang) -> dict[str, pd.DataFrame]:
    q1 = summary.results.q1
    emotions = [
        {
            text("col_emotion", lang): label(e),
            text("col_intensity", lang): round(q1.intensidades.get(e, 0.0), 3),
            text("col_comments", lang): q1.comentarios_por_emocion.get(e, 0),
        }
        for e in EMOTIONS
    ]
    posts = [
        {
            text("col_post", lang): p.post_url,
            text("col_platform", lang): label(p.platform),
            text("col_comments", lang): p.num_comentarios,
            text("col_emotion", lang): label(p.emocion_dominante),
            **{label(e): round(p.intensidades.get(e, 0.0), 3) for e in EMOTIONS},
        }
        for p in q1.publicaciones
    ]
    examples = [
        {
            text("col_emotion", lang): label(x.emocion),
            text("col_text", lang): x.texto,
            text("col_author", lang): x.autor,
            text("col_post", lang): x.post_url,
        }
        for x in q1.ejemplos
    ]
    return {
        "emociones": pd.DataFrame(emotions),
        "por_publicacion": pd.DataFrame(posts),
        "ejemplos": frame(
            examples, [text(c, lang) for c in ("col_emotion", "col_text", "col_author", "col_post")]
        ),
    }


def charts(summary: WindowSummary, lang: Lang) -> dict[str, alt.Chart]:
    q1 = summary.results.q1
    if not q1.num_comentarios:
        return {}
    chart = _bars(q1.intensidades, q1.comentarios_por_emocion, text("emotions_chart", lang), lang)
    return {"emociones": chart.add_params(pick())}


def render(ctx: SectionContext) -> None:
    q1 = ctx.summary.results.q1
    if not q1.num_comentarios:
        st.info(ctx.t("no_data"))
        return
    st.write(q1.resumen)
    clicked = ctx.chart("emociones", charts(ctx.summary, ctx.lang)["emociones"], drillable=True)
    drills = {e: Drill(label=label(e), emotion=e) for e in EMOTIONS}
    ctx.drilldown("emociones", drills, clicked)
    st.markdown(f"#### {ctx.t('per_post')}")
    posts = {p.post_url: p for p in q1.publicaciones if p.num_comentarios}
    chosen = st.selectbox(
        ctx.t("post_pick"),
        list(posts),
        key="q1-post",
        format_func=lambda url: (
            f"{label(posts[url].platform)} · {url} ({posts[url].num_comentarios})"
        ),
    )
    if chosen:
        post = posts[chosen]
        ctx.chart("post", _bars(post.intensidades, post.comentarios_por_emocion, chosen, ctx.lang))
    examples = tables(ctx.summary, ctx.lang)["ejemplos"]
    if not examples.empty:
        st.markdown(f"#### {ctx.t('examples')}")
        st.dataframe(examples, hide_index=True)
