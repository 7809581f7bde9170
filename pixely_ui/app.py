"""The viewer's dashboard: read-only, one ficha and period at a time, everything from the API.

Run with ``python -m pixely_ui`` (or ``streamlit run pixely_ui/app.py``). Nothing here
runs an analysis, uploads data or edits anything: the widgets only choose what to read.
"""

from collections.abc import Callable
from datetime import UTC, date, datetime

import pandas as pd
import streamlit as st

from pixely_api.insights.labels import PLATFORMS, Platform
from pixely_api.insights.periods import DEFAULT_PRESET, PRESETS, resolve, today_in
from pixely_api.insights.registry import ModuleSpec
from pixely_api.schemas import FichaOut, WindowSummary
from pixely_ui import exports
from pixely_ui.client import ApiClient, ApiError, CommentQuery, Unauthorized
from pixely_ui.config import ui_config
from pixely_ui.humanize import ago, schedule
from pixely_ui.sections import ORDERED, VIEWS
from pixely_ui.sections.base import Drill, SectionContext, tab_label, title
from pixely_ui.texts import DEFAULT_LANG, LANGS, Lang, label, text

SUMMARY_CACHE_SECONDS = 120
DRILL_PAGE = 50
SECTION_KEY = "section"  # session key of the open section tab, whose value is its label
_LANGUAGE_NAMES = {"es": "Español", "en": "English"}


def _now() -> datetime:
    return datetime.now(UTC)


@st.cache_data(ttl=SUMMARY_CACHE_SECONDS, show_spinner=False)
def _summary(
    api_url: str, token: str, ficha_id: int, start: date, end: date, platform: str | None
) -> WindowSummary:
    """One window's summary per viewer (the token is part of the key), reused across
    reruns so opening a drill-down does not fetch the whole window again."""
    return ApiClient(api_url, token).summary(ficha_id, start, end, platform)  # type: ignore[arg-type]


def _language() -> Lang:
    return st.sidebar.selectbox(
        text("language", st.session_state.get("lang", DEFAULT_LANG)),
        LANGS,
        key="lang",
        format_func=_LANGUAGE_NAMES.__getitem__,
    )


def _login(api_url: str, lang: Lang) -> None:
    st.title(text("app_title", lang))
    notice = st.session_state.pop("notice", None)
    if notice:
        st.warning(text(notice, lang))
    with st.form("login"):
        st.subheader(text("login_title", lang))
        email = st.text_input(text("email", lang), key="login_email")
        password = st.text_input(text("password", lang), type="password", key="login_password")
        submitted = st.form_submit_button(text("login_button", lang))
    if not submitted:
        return
    if not email.strip() or not password:
        st.error(text("login_missing", lang))
        return
    client = ApiClient(api_url)
    try:
        client.login(email.strip(), password)
        user = client.me()
    except Unauthorized:
        st.error(text("login_failed", lang))
        return
    except ApiError as exc:
        st.error(text("api_unreachable", lang, detail=exc))
        return
    st.session_state["token"] = client.token
    st.session_state["email"] = user.email
    st.rerun()


def _logout() -> None:
    for key in ("token", "email"):
        st.session_state.pop(key, None)


def _freshness(ficha: FichaOut, client: ApiClient, lang: Lang) -> FichaOut:
    """The header line; returns the ficha with its newest timestamps."""
    latest = client.last_analysis(ficha.id)
    ficha = ficha.model_copy(
        update={
            "last_analysis_timestamp": latest.last_analysis_timestamp,
            "last_checked_at": latest.last_checked_at,
        }
    )
    now = _now()
    checked = (
        ago(ficha.last_checked_at, now, lang) if ficha.last_checked_at else text("never", lang)
    )
    analysed = (
        ago(ficha.last_analysis_timestamp, now, lang)
        if ficha.last_analysis_timestamp
        else text("never", lang)
    )
    st.caption(text("freshness", lang, checked=checked, analysed=analysed))
    return ficha


def _filters(ficha: FichaOut, lang: Lang) -> tuple[date, date, Platform | None]:
    st.sidebar.header(text("filters", lang))
    preset = st.sidebar.radio(
        text("period", lang),
        PRESETS,
        index=PRESETS.index(DEFAULT_PRESET),
        key="period",
        format_func=lambda p: text(p, lang),
    )
    today = today_in(ficha.timezone, _now())
    custom = None
    if preset == "custom":
        picked = st.sidebar.date_input(
            text("custom_range", lang), value=resolve("last_30", today), key="custom_range"
        )
        if isinstance(picked, tuple) and len(picked) == 2:
            custom = (picked[0], picked[1])
        else:
            custom = resolve("last_30", today)
    start, end = resolve(preset, today, custom)
    choice = st.sidebar.selectbox(
        text("platform", lang),
        ["", *PLATFORMS],
        key="platform",
        format_func=lambda p: label(p) if p else text("all_platforms", lang),
    )
    return start, end, choice or None  # type: ignore[return-value]


def _comments_panel(
    client: ApiClient, ficha_id: int, base: CommentQuery, lang: Lang
) -> Callable[[str, Drill], None]:
    """What a section calls to list the comments behind one of its items."""

    def show(key: str, drill: Drill) -> None:
        page = client.comments(ficha_id, drill.query(base), limit=DRILL_PAGE)
        st.markdown(f"**{text('drill_title', lang, what=drill.label)}**")
        if not page.items:
            st.info(text("drill_empty", lang))
            return
        st.caption(text("drill_count", lang, shown=len(page.items), total=page.total))
        rows = [
            {
                text("col_text", lang): c.text,
                text("col_author", lang): f"@{c.author}",
                text("col_post", lang): c.post_url,
                text("col_date", lang): c.created_at.strftime("%Y-%m-%d %H:%M"),
                text("col_platform", lang): label(c.platform),
                text("col_sentiment", lang): label(c.annotation.sentiment),
                text("col_emotion", lang): label(c.annotation.dominant_emotion),
            }
            for c in page.items
        ]
        st.dataframe(pd.DataFrame(rows), hide_index=True, key=f"comments-{key}")

    return show


def _exports(view: exports.ExportView, lang: Lang) -> None:
    st.sidebar.header(text("exports", lang))
    st.sidebar.download_button(
        text("export_excel", lang),
        data=lambda: exports.to_excel(view),
        file_name=f"{view.stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        key="export-xlsx",
    )
    st.sidebar.download_button(
        text("export_csv", lang),
        data=lambda: exports.to_csv_zip(view),
        file_name=f"{view.stem}.zip",
        mime="application/zip",
        on_click="ignore",
        key="export-csv",
    )
    st.sidebar.download_button(
        text("export_pdf", lang),
        data=lambda: exports.to_pdf(view, _now()),
        file_name=f"{view.stem}.pdf",
        mime="application/pdf",
        on_click="ignore",
        key="export-pdf",
    )


def _dashboard(client: ApiClient, api_url: str, token: str, lang: Lang) -> None:
    st.sidebar.caption(text("signed_in_as", lang, email=st.session_state.get("email", "")))
    st.sidebar.button(text("logout_button", lang), on_click=_logout, key="logout")
    st.title(text("app_title", lang))
    fichas = {f.id: f for f in client.fichas() if f.active}
    if not fichas:
        st.info(text("no_fichas", lang))
        return
    ficha_id = st.selectbox(
        text("ficha", lang), list(fichas), key="ficha", format_func=lambda i: fichas[i].name
    )
    ficha = _freshness(fichas[ficha_id], client, lang)
    if ficha.last_analysis_timestamp is None:
        when = schedule(ficha.schedule_cron, ficha.schedule_timezone, lang)
        st.info(text("waiting_first", lang, schedule=when))
        return
    start, end, platform = _filters(ficha, lang)
    summary = _summary(api_url, token, ficha.id, start, end, platform)
    window = summary.window
    st.caption(
        text(
            "window_caption",
            lang,
            start=window.start_date,
            end=window.end_date,
            comments=summary.results.q10.num_comentarios,
            posts=summary.results.q10.num_publicaciones,
        )
    )
    _exports(exports.ExportView(ficha=ficha, summary=summary, lang=lang), lang)
    if not summary.results.q10.num_comentarios:
        st.info(text("empty_window", lang))
        return
    base = CommentQuery(start_date=window.start_date, end_date=window.end_date, platform=platform)
    show_comments = _comments_panel(client, ficha.id, base, lang)
    _sections(summary, lang, show_comments)


def _sections(
    summary: WindowSummary, lang: Lang, show_comments: Callable[[str, Drill], None]
) -> None:
    """One tab per module, Q10 first; only the open tab is drawn.

    A single page of every section drew 13 charts and 8 tables at once, which kept the
    browser busy for about 5 s after login (README, "Dashboard"); a viewer reads one
    section at a time, so the others run only when their tab is opened. The open tab is
    kept across reruns and across the language switch.
    """
    labels = [tab_label(spec, lang) for spec in ORDERED]
    open_label = st.session_state.get(SECTION_KEY)
    if open_label is not None and open_label not in labels:
        st.session_state[SECTION_KEY] = next(
            (tab_label(spec, lang) for spec in ORDERED if open_label in _labels(spec)),
            labels[0],
        )
    tabs = st.tabs(labels, key=SECTION_KEY, on_change="rerun")
    for spec, tab in zip(ORDERED, tabs, strict=True):
        if tab.open:
            with tab:
                st.subheader(title(spec, lang), anchor=spec.asset)
                VIEWS[spec.key].render(SectionContext(spec, summary, lang, show_comments))


def _labels(spec: ModuleSpec) -> set[str]:
    return {tab_label(spec, lang) for lang in LANGS}


def main() -> None:
    st.set_page_config(page_title="Pixely", page_icon="📊", layout="wide")
    lang = _language()
    api_url = ui_config().api_url
    token = st.session_state.get("token")
    if not token:
        _login(api_url, lang)
        return
    try:
        _dashboard(ApiClient(api_url, token), api_url, token, lang)
    except Unauthorized:
        _logout()
        st.session_state["notice"] = "session_expired"
        st.rerun()
    except ApiError as exc:
        st.error(text("api_unreachable", lang, detail=exc))


main()
