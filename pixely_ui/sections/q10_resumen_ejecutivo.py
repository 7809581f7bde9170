"""Q10: the alert to look at first, the KPIs against the previous period, the findings
and the roadmap by urgency."""

import altair as alt
import pandas as pd
import streamlit as st

from pixely_api.schemas import KpiDelta, WindowSummary
from pixely_ui.sections.base import (
    URGENCY_COLOURS,
    Drill,
    SectionContext,
    frame,
    pct,
    pick,
    short_url,
)
from pixely_ui.texts import Lang, count_unit, label, text

LOWER_IS_BETTER = frozenset(
    {"q7.general.porcentajes.negative", "q5.voces_por_polaridad.Detractor", "q6.num_criticas"}
)
"""KPIs (by source field) whose rise is bad news: their deltas are shown in red."""

KPI_COLUMNS = 4
_RANGE_UNITS = frozenset({"0..1", "0..100"})


def kpi_headline(shown: str) -> str:
    """A KPI's text short enough for its tile: «Alegría (0,27)» → «Alegría»,
    «6,12% de interacciones por vista» → «6,12%» (the whole text is the tile's help)."""
    return shown.split(" (", 1)[0].split(" de ", 1)[0]


def delta_text(delta: KpiDelta | None, lang: Lang) -> str | None:
    """The change against the previous period in the KPI's own terms.

    A share (``%``, an engagement ``tasa``) changes by percentage points, «+3.7 p. p.»,
    never «+3.7 %», which would read as growth by 3.7 %; net sentiment by «puntos»;
    a 0..1 or 0..100 score needs no unit; a count is whole, «+308 comentarios». A change
    that rounds to nothing is «0», which ``st.metric`` draws grey with no arrow.
    """
    if delta is None or delta.delta is None:
        return None
    unit = delta.unidad
    change = delta.delta * 100 if unit == "tasa" else delta.delta
    if unit in ("%", "tasa"):
        digits, shown = 1, text("percentage_points", lang)
    elif unit == "puntos":
        digits, shown = 1, text("points", lang)
    elif unit in _RANGE_UNITS:
        digits, shown = (2 if unit == "0..1" else 1), ""
    elif unit == "interacciones_por_post":
        digits, shown = 1, ""
    else:
        digits, shown = 0, count_unit(unit, round(change), lang)
    number = f"{change:+.{digits}f}"
    if float(number) == 0:
        return "0"
    return f"{number} {shown}" if shown else number


_ALERT_STYLE = {"critica": st.error, "alta": st.warning, "media": st.info, "ninguna": st.success}
TOP_POSTS = 12


def tables(summary: WindowSummary, lang: Lang) -> dict[str, pd.DataFrame]:
    q10 = summary.results.q10
    deltas = {d.nombre: d for d in summary.kpi_deltas}
    kpis = [
        {
            text("col_indicator", lang): k.nombre,
            text("col_value", lang): k.texto,
            text("col_previous", lang): deltas[k.nombre].anterior if k.nombre in deltas else None,
            text("col_delta", lang): deltas[k.nombre].delta if k.nombre in deltas else None,
        }
        for k in q10.kpis
    ]
    roadmap = [
        {
            text("col_urgency", lang): stage.urgencia,
            text("col_title", lang): action.titulo,
            text("col_area", lang): action.area,
            text("col_impact", lang): action.impacto,
            text("col_effort", lang): action.esfuerzo,
            text("col_priority", lang): action.prioridad,
        }
        for stage in q10.hoja_de_ruta
        for action in stage.acciones
    ]
    findings = [
        {text("col_metric", lang): text("priority_alert", lang), text("col_value", lang): line}
        for line in (q10.alerta_prioritaria.titulo, q10.alerta_prioritaria.detalle)
    ] + [
        {text("col_metric", lang): text("key_findings", lang), text("col_value", lang): line}
        for line in q10.hallazgos_clave
    ]
    posts = [
        {
            text("col_post", lang): p.post_url,
            text("col_platform", lang): label(p.platform),
            text("col_comments", lang): p.num_comentarios,
            text("col_positive_pct", lang): pct(p.porcentaje_positivo),
            text("col_negative_pct", lang): pct(p.porcentaje_negativo),
            text("col_emotion", lang): label(p.emocion_dominante),
            text("col_topic", lang): p.tema_principal or "—",
        }
        for p in q10.publicaciones
    ]
    return {
        "resumen": frame(findings, [text("col_metric", lang), text("col_value", lang)]),
        "kpis": frame(
            kpis,
            [text(c, lang) for c in ("col_indicator", "col_value", "col_previous", "col_delta")],
        ),
        "hoja_de_ruta": pd.DataFrame(roadmap),
        "publicaciones": pd.DataFrame(posts),
    }


def charts(summary: WindowSummary, lang: Lang) -> dict[str, alt.Chart]:
    """The busiest posts, coloured by their negative share (click one for its comments)."""
    posts = summary.results.q10.publicaciones[:TOP_POSTS]
    if not posts:
        return {}
    data = pd.DataFrame(
        {
            "drill": p.post_url,
            "post": f"{label(p.platform)} · {short_url(p.post_url)}",
            "comentarios": p.num_comentarios,
            "negativo": pct(p.porcentaje_negativo),
        }
        for p in posts
    )
    chart = (
        alt.Chart(data, title=text("posts_glance", lang))
        .mark_bar()
        .encode(
            x=alt.X("comentarios:Q", title=text("col_comments", lang)),
            y=alt.Y("post:N", sort="-x", title=None),
            color=alt.Color(
                "negativo:Q",
                title=text("col_negative_pct", lang),
                scale=alt.Scale(scheme="reds", domain=[0, 100]),
            ),
            tooltip=["post:N", "comentarios:Q", "negativo:Q"],
        )
        .add_params(pick())
    )
    return {"publicaciones": chart}


def render(ctx: SectionContext) -> None:
    q10 = ctx.summary.results.q10
    alert = q10.alerta_prioritaria
    _ALERT_STYLE[alert.nivel](f"**{ctx.t('priority_alert')}: {alert.titulo}**  \n{alert.detalle}")
    previous = ctx.summary.previous_window
    st.markdown(f"#### {ctx.t('kpis')}")
    st.caption(ctx.t("vs_previous", start=previous.start_date, end=previous.end_date))
    deltas = {d.nombre: d for d in ctx.summary.kpi_deltas}
    columns = st.columns(KPI_COLUMNS)
    for index, kpi in enumerate(q10.kpis):
        with columns[index % KPI_COLUMNS]:
            st.metric(
                kpi.nombre,
                kpi_headline(kpi.texto),
                delta=delta_text(deltas.get(kpi.nombre), ctx.lang),
                delta_color="inverse" if kpi.campo in LOWER_IS_BETTER else "normal",
                help=kpi.texto,
                border=True,
            )
    left, right = st.columns(2)
    with left:
        st.markdown(f"#### {ctx.t('key_findings')}")
        st.markdown("\n".join(f"- {line}" for line in q10.hallazgos_clave))
    with right:
        st.markdown(f"#### {ctx.t('implications')}")
        st.markdown("\n".join(f"- {line}" for line in q10.implicaciones))
    st.markdown(f"#### {ctx.t('roadmap')}")
    for column, stage in zip(
        st.columns(len(q10.hoja_de_ruta) or 1), q10.hoja_de_ruta, strict=False
    ):
        with column:
            colour = URGENCY_COLOURS.get(stage.urgencia, "#607d8b")
            st.markdown(
                f"<span style='color:{colour}'>●</span> **{stage.urgencia}**",
                unsafe_allow_html=True,
            )
            for action in stage.acciones:
                st.markdown(f"- {action.titulo} · _{action.area}_")
    chart = charts(ctx.summary, ctx.lang).get("publicaciones")
    if chart is None:
        return
    clicked = ctx.chart("publicaciones", chart, drillable=True)
    drills = {
        p.post_url: Drill(label=f"{label(p.platform)} · {p.post_url}", post_url=p.post_url)
        for p in q10.publicaciones
    }
    ctx.drilldown("publicaciones", drills, clicked)
