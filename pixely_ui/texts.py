"""Every text the dashboard shows, defined once, in Spanish (default) and English.

Labels that come from the data (``alegria``, ``positive``) are shown through
:func:`label`, which uses the contract's accented display names. Texts the API writes
(findings, recommendations) arrive in Spanish and are shown as written.
"""

from typing import Literal, get_args

from pixely_api.insights.labels import DISPLAY_NAMES

Lang = Literal["es", "en"]
LANGS: tuple[Lang, ...] = get_args(Lang)
DEFAULT_LANG: Lang = "es"

TEXTS: dict[str, tuple[str, str]] = {
    # key: (español, English)
    "app_title": ("Pixely · Análisis de redes sociales", "Pixely · Social media insights"),
    "language": ("Idioma", "Language"),
    "login_title": ("Iniciar sesión", "Sign in"),
    "email": ("Correo electrónico", "Email"),
    "password": ("Contraseña", "Password"),
    "login_button": ("Entrar", "Sign in"),
    "logout_button": ("Salir", "Sign out"),
    "login_failed": ("Correo o contraseña incorrectos.", "Wrong email or password."),
    "login_missing": ("Escribe tu correo y tu contraseña.", "Enter your email and password."),
    "session_expired": (
        "Tu sesión ha caducado. Vuelve a iniciar sesión.",
        "Your session has expired. Please sign in again.",
    ),
    "api_unreachable": (
        "No se puede contactar con el servicio de datos ({detail}).",
        "The data service cannot be reached ({detail}).",
    ),
    "signed_in_as": ("Sesión de {email}", "Signed in as {email}"),
    "ficha": ("Cliente", "Client"),
    "no_fichas": (
        "Tu organización todavía no tiene clientes analizados.",
        "Your organisation has no analysed clients yet.",
    ),
    "freshness": (
        "Datos revisados {checked} · último comentario nuevo {analysed}",
        "Data checked {checked} · last new comment {analysed}",
    ),
    "never": ("nunca", "never"),
    "ago": ("hace {amount}", "{amount} ago"),
    "just_now": ("hace un momento", "just now"),
    "minute_one": ("minuto", "minute"),
    "minute_many": ("minutos", "minutes"),
    "hour_one": ("hora", "hour"),
    "hour_many": ("horas", "hours"),
    "day_one": ("día", "day"),
    "day_many": ("días", "days"),
    "schedule_daily": ("cada día a las {clock}", "every day at {clock}"),
    "schedule_cron": ("según «{cron}» ({timezone})", "on «{cron}» ({timezone})"),
    "waiting_first": (
        "⏳ Esperando el primer análisis automático (se ejecuta {schedule})",
        "⏳ Waiting for the first automatic analysis (it runs {schedule})",
    ),
    "filters": ("Filtros", "Filters"),
    "period": ("Periodo", "Period"),
    "last_7": ("Últimos 7 días", "Last 7 days"),
    "last_30": ("Últimos 30 días", "Last 30 days"),
    "all_time": ("Todo el histórico", "All time"),
    "custom": ("Personalizado", "Custom"),
    "custom_range": ("Fechas", "Dates"),
    "platform": ("Plataforma", "Platform"),
    "all_platforms": ("Todas", "All"),
    "window_caption": (
        "{start} – {end} · {comments} comentarios en {posts} publicaciones",
        "{start} – {end} · {comments} comments on {posts} posts",
    ),
    "empty_window": (
        "No hay comentarios analizados en este periodo.",
        "No analysed comments in this period.",
    ),
    "vs_previous": (
        "Variación frente a {start} – {end}",
        "Change vs {start} – {end}",
    ),
    "priority_alert": ("Alerta prioritaria", "Priority alert"),
    "key_findings": ("Hallazgos clave", "Key findings"),
    "implications": ("Implicaciones", "Implications"),
    "kpis": ("Indicadores", "Indicators"),
    "roadmap": ("Hoja de ruta", "Roadmap"),
    "posts_glance": ("Publicaciones", "Posts"),
    "drill_pick": ("Ver los comentarios de…", "Show the comments behind…"),
    "drill_none": ("—", "—"),
    "drill_title": ("Comentarios: {what}", "Comments: {what}"),
    "drill_count": (
        "{shown} de {total} comentarios, los más recientes primero",
        "{shown} of {total} comments, newest first",
    ),
    "drill_empty": ("Ningún comentario coincide.", "No comment matches."),
    "drill_hint": (
        "Pulsa una barra, porción o burbuja para ver sus comentarios.",
        "Click a bar, slice or bubble to see its comments.",
    ),
    "col_text": ("Comentario", "Comment"),
    "col_author": ("Autor", "Author"),
    "col_post": ("Publicación", "Post"),
    "col_date": ("Fecha", "Date"),
    "col_platform": ("Plataforma", "Platform"),
    "col_sentiment": ("Sentimiento", "Sentiment"),
    "col_emotion": ("Emoción", "Emotion"),
    "col_intensity": ("Intensidad media", "Mean intensity"),
    "col_comments": ("Comentarios", "Comments"),
    "col_dimension": ("Dimensión", "Dimension"),
    "col_score": ("Puntuación", "Score"),
    "col_topic": ("Tópico", "Topic"),
    "col_mentions": ("Menciones", "Mentions"),
    "col_relevance": ("Relevancia %", "Relevance %"),
    "col_polarity": ("Polaridad media", "Mean polarity"),
    "col_frame": ("Marco", "Frame"),
    "col_share": ("Porcentaje", "Share"),
    "col_week": ("Semana", "Week"),
    "col_voice": ("Voz", "Voice"),
    "col_authority": ("Autoridad", "Authority"),
    "col_affinity": ("Afinidad", "Affinity"),
    "col_centrality": ("Centralidad", "Centrality"),
    "col_stance": ("Polaridad", "Stance"),
    "col_evidence": ("Evidencia", "Evidence"),
    "col_title": ("Título", "Title"),
    "col_type": ("Tipo", "Type"),
    "col_demand": ("Demanda (gap)", "Demand (gap)"),
    "col_impact": ("Impacto", "Impact"),
    "col_action": ("Acción", "Action"),
    "col_critical": ("Crítica", "Critical"),
    "col_effort": ("Esfuerzo", "Effort"),
    "col_priority": ("Prioridad", "Priority"),
    "col_urgency": ("Urgencia", "Urgency"),
    "col_area": ("Área", "Area"),
    "col_positive_pct": ("% positivo", "% positive"),
    "col_negative_pct": ("% negativo", "% negative"),
    "col_subjectivity": ("Subjetividad media", "Mean subjectivity"),
    "col_metric": ("Métrica", "Metric"),
    "col_value": ("Valor", "Value"),
    "col_indicator": ("Indicador", "Indicator"),
    "col_previous": ("Periodo anterior", "Previous period"),
    "col_delta": ("Variación", "Change"),
    "col_engagement": ("Engagement", "Engagement"),
    "col_from": ("Desde", "From"),
    # Each module's tab, short so that the ten fit in one row from 1280 px wide with the
    # sidebar open (a row that scrolls misplaces Streamlit's underline of the open tab).
    "tab_q10": ("Resumen", "Summary"),
    "tab_q1": ("Emociones", "Emotions"),
    "tab_q2": ("Personalidad", "Personality"),
    "tab_q3": ("Tópicos", "Topics"),
    "tab_q4": ("Marcos", "Frames"),
    "tab_q5": ("Voces clave", "Key voices"),
    "tab_q6": ("Oportunidades", "Opportunities"),
    "tab_q7": ("Sentimiento", "Sentiment"),
    "tab_q8": ("Evolución", "Over time"),
    "tab_q9": ("Recomendaciones", "Recommendations"),
    "col_change": ("Cambio", "Change"),
    "col_from_value": ("Antes", "Before"),
    "col_to_value": ("Después", "After"),
    "points": ("puntos", "points"),
    "percentage_points": ("p. p.", "pp"),
    "metric_net_sentiment": ("Sentimiento neto", "Net sentiment"),
    "metric_volume": ("Volumen (comentarios)", "Volume (comments)"),
    "per_post": ("Por publicación", "Per post"),
    "post_pick": ("Publicación", "Post"),
    "emotions_chart": ("Intensidad media por emoción", "Mean intensity per emotion"),
    "examples": ("Ejemplos literales", "Verbatim examples"),
    "mixed_examples": ("Comentarios mixtos", "Mixed comments"),
    "subjectivity": ("Subjetividad media", "Mean subjectivity"),
    "mixed_share": ("Comentarios mixtos", "Mixed comments"),
    "weekly_frames": ("Marcos por semana (%)", "Frames per week (%)"),
    "weekly_lines": ("Evolución semanal", "Weekly evolution"),
    "anomalies": ("Anomalías (cambios de más de 25 puntos)", "Anomalies (jumps over 25 points)"),
    "trend": ("Tendencia: {trend} ({change:+.0f} puntos)", "Trend: {trend} ({change:+.0f} points)"),
    "trend_unmeasured": (
        "Tendencia: hacen falta dos semanas completas para compararlas.",
        "Trend: two complete weeks are needed to compare them.",
    ),
    "engagement_rate": ("Engagement (tasa %)", "Engagement (rate %)"),
    "engagement_per_post": ("Interacciones por post", "Interactions per post"),
    "no_data": ("Sin datos en este periodo.", "No data in this period."),
    "section_topics_chart": (
        "Tópicos por sentimiento (tamaño = relevancia)",
        "Topics by sentiment (size = relevance)",
    ),
    "frame_shares": ("Reparto de marcos (%)", "Frame shares (%)"),
    "voices_chart_centralidad": ("Voces clave por centralidad", "Key voices by centrality"),
    "voices_chart_autoridad": ("Voces clave por autoridad", "Key voices by authority"),
    "voices_unlinked": (
        "Nadie menciona ni responde a nadie en este periodo: sin enlaces no hay centralidad, "
        "así que la barra muestra la autoridad (alcance, experiencia y actividad).",
        "Nobody mentions or answers anyone in this period: without links there is no "
        "centrality, so the bar shows authority (reach, expertise and activity).",
    ),
    "matrix_q6": ("Demanda × impacto", "Demand × impact"),
    "matrix_q9": ("Impacto × esfuerzo", "Impact × effort"),
    "sentiment_chart": ("Sentimiento de los comentarios", "Comment sentiment"),
    "exports": ("Exportar esta vista", "Export this view"),
    "export_excel": ("Descargar Excel", "Download Excel"),
    "export_csv": ("Descargar CSV (zip)", "Download CSV (zip)"),
    "export_pdf": ("Descargar PDF", "Download PDF"),
    "report_title": ("Informe de {ficha}", "Report for {ficha}"),
    "report_period": (
        "Periodo: {start} – {end} · plataforma: {platform}",
        "Period: {start} – {end} · platform: {platform}",
    ),
    "generated_at": ("Generado el {when}", "Generated on {when}"),
}


MODULE_TITLES_EN: dict[str, str] = {
    "q1": "Emotions",
    "q2": "Brand personality",
    "q3": "Topics",
    "q4": "Narrative frames",
    "q5": "Key voices",
    "q6": "Opportunities",
    "q7": "Detailed sentiment",
    "q8": "Over time",
    "q9": "Recommendations",
    "q10": "Executive summary",
}
"""English titles of the modules; the Spanish ones are the registry's own."""

COUNT_UNITS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "comentarios": (("comentario", "comentarios"), ("comment", "comments")),
    "publicaciones": (("publicación", "publicaciones"), ("post", "posts")),
    "voces": (("voz", "voces"), ("voice", "voices")),
    "oportunidades": (("oportunidad", "oportunidades"), ("opportunity", "opportunities")),
    "recomendaciones": (
        ("recomendación", "recomendaciones"),
        ("recommendation", "recommendations"),
    ),
}
"""A KPI's count unit as the API names it → (singular, plural) in Spanish and in English."""


def count_unit(unit: str, count: float, lang: Lang) -> str:
    """«1 voz», «3 voces», «1 voice»; a unit not listed is shown as the API names it."""
    forms = COUNT_UNITS.get(unit)
    if forms is None:
        return unit
    singular, plural = forms[1] if lang == "en" else forms[0]
    return singular if abs(count) == 1 else plural


def text(key: str, lang: Lang, **values: object) -> str:
    """The text ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``."""
    spanish, english = TEXTS[key]
    template = english if lang == "en" else spanish
    return template.format(**values) if values else template


def label(value: str | None) -> str:
    """A stored ASCII label as people write it: ``anticipacion`` → «Anticipación»."""
    if value is None:
        return "—"
    return DISPLAY_NAMES.get(value, value)
