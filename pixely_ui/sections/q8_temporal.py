"""Q8: weekly positive and negative shares with anomaly markers, and weekly engagement."""

import altair as alt
import pandas as pd
import streamlit as st

from pixely_api.insights.q8_temporal import trend_weeks
from pixely_api.schemas import WindowSummary
from pixely_ui.sections.base import SENTIMENT_COLOURS, Drill, SectionContext, pct, pick
from pixely_ui.texts import Lang, label, text

_METRICS = {"porcentaje_positivo": "positive", "porcentaje_negativo": "negative"}
_ANOMALY_METRICS = {"sentimiento_neto": "metric_net_sentiment", "volumen": "metric_volume"}
"""What a weekly anomaly watches (Q8 compares complete weeks on these two)."""


def change_text(metric: str, change: float, lang: Lang) -> str:
    """Net sentiment moves in points, volume in percent of the previous week."""
    unit = text("points", lang) if metric == "sentimiento_neto" else "%"
    return f"{change:+.0f} {unit}"


def _engagement_value(tipo: str, valor: float) -> float:
    """A rate as a percentage; interactions per post as they are."""
    return round(valor * 100, 2) if tipo == "tasa" else round(valor, 1)


def tables(summary: WindowSummary, lang: Lang) -> dict[str, pd.DataFrame]:
    q8 = summary.results.q8
    weekly = [
        {
            text("col_week", lang): w.semana,
            text("col_comments", lang): w.num_comentarios,
            text("col_positive_pct", lang): pct(w.porcentaje_positivo),
            text("col_negative_pct", lang): pct(w.porcentaje_negativo),
            text("col_topic", lang): w.tema_principal or "—",
        }
        for w in q8.serie_semanal
    ]
    anomalies = [
        {
            text("col_week", lang): a.semana,
            text("col_from", lang): a.semana_anterior,
            text("col_metric", lang): text(_ANOMALY_METRICS[a.metrica], lang),
            text("col_from_value", lang): round(a.valor_anterior, 1),
            text("col_to_value", lang): round(a.valor_actual, 1),
            text("col_change", lang): change_text(a.metrica, a.variacion, lang),
        }
        for a in q8.anomalias
    ]
    engagement = []
    if q8.engagement is not None:
        engagement = [
            {
                text("col_week", lang): e.semana,
                text("col_engagement", lang): _engagement_value(
                    e.engagement.tipo, e.engagement.valor
                ),
                text("col_type", lang): e.engagement.tipo,
            }
            for e in q8.engagement.semanal
        ]
    return {
        "semanal": pd.DataFrame(weekly),
        "anomalias": pd.DataFrame(anomalies),
        "engagement": pd.DataFrame(engagement),
    }


def charts(summary: WindowSummary, lang: Lang) -> dict[str, alt.Chart | alt.LayerChart]:
    q8 = summary.results.q8
    if not q8.serie_semanal:
        return {}
    shares = pd.DataFrame(
        {
            "drill": w.semana,
            "semana": w.semana,
            "serie": label(_METRICS[metric]),
            "porcentaje": pct(getattr(w, metric)),
        }
        for w in q8.serie_semanal
        for metric in _METRICS
    )
    colour = alt.Color(
        "serie:N",
        scale=alt.Scale(
            domain=[label(s) for s in _METRICS.values()],
            range=[SENTIMENT_COLOURS[s] for s in _METRICS.values()],
        ),
        title=None,
    )
    lines = (
        alt.Chart(shares)
        .mark_line(point=True)
        .encode(
            x=alt.X("semana:N", title=text("col_week", lang)),
            y=alt.Y("porcentaje:Q", title="%"),
            color=colour,
            tooltip=["semana:N", "serie:N", "porcentaje:Q"],
        )
        .add_params(pick())
    )
    anomalies = pd.DataFrame(
        {
            "semana": a.semana,
            "serie": text(_ANOMALY_METRICS[a.metrica], lang),
            "variacion": change_text(a.metrica, a.variacion, lang),
        }
        for a in q8.anomalias
    )
    layers: list[alt.Chart] = [lines]
    if not anomalies.empty:
        layers.append(
            alt.Chart(anomalies)
            .mark_rule(strokeDash=[4, 4], size=2, color="#000000")
            .encode(
                x="semana:N",
                tooltip=["semana:N", "serie:N", "variacion:N"],
            )
        )
    built: dict[str, alt.Chart | alt.LayerChart] = {
        "semanal": alt.layer(*layers).properties(title=text("weekly_lines", lang))
    }
    if q8.engagement is not None and q8.engagement.semanal:
        tipo = q8.engagement.general.tipo
        heading = text("engagement_rate" if tipo == "tasa" else "engagement_per_post", lang)
        data = pd.DataFrame(
            {
                "semana": e.semana,
                "engagement": _engagement_value(e.engagement.tipo, e.engagement.valor),
            }
            for e in q8.engagement.semanal
        )
        built["engagement"] = (
            alt.Chart(data, title=heading)
            .mark_line(point=True, color="#3949ab")
            .encode(
                x=alt.X("semana:N", title=text("col_week", lang)),
                y=alt.Y("engagement:Q", title=heading),
                tooltip=["semana:N", "engagement:Q"],
            )
        )
    return built


def render(ctx: SectionContext) -> None:
    q8 = ctx.summary.results.q8
    built = charts(ctx.summary, ctx.lang)
    if not built:
        st.info(ctx.t("no_data"))
        return
    if trend_weeks(q8):
        st.write(ctx.t("trend", trend=q8.tendencia, change=q8.variacion_sentimiento_neto))
    else:
        st.write(ctx.t("trend_unmeasured"))
    clicked = ctx.chart("semanal", built["semanal"], drillable=True)
    drills = {w.semana: Drill(label=w.semana, week=w.semana) for w in q8.serie_semanal}
    ctx.drilldown("semanas", drills, clicked)
    if "engagement" in built:
        ctx.chart("engagement", built["engagement"])
    anomalies = tables(ctx.summary, ctx.lang)["anomalias"]
    if not anomalies.empty:
        st.markdown(f"#### {ctx.t('anomalies')}")
        st.dataframe(anomalies, hide_index=True)
