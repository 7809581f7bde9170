"""The dashboard's plain parts: humanised times, the schedule, periods, configuration."""

from datetime import UTC, date, datetime, timedelta

import pytest

from pixely_api.insights.periods import HISTORY_START, resolve, today_in
from pixely_ui.client import CommentQuery
from pixely_ui.config import ConfigError, ui_config
from pixely_ui.humanize import ago, schedule
from pixely_ui.sections.base import Drill, week_days

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("elapsed", "spanish", "english"),
    [
        (timedelta(seconds=45), "hace un momento", "just now"),
        (timedelta(minutes=1), "hace 1 minuto", "1 minute ago"),
        (timedelta(minutes=59, seconds=59), "hace 59 minutos", "59 minutes ago"),
        (timedelta(hours=2), "hace 2 horas", "2 hours ago"),
        (timedelta(hours=1, minutes=30), "hace 1 hora", "1 hour ago"),
        (timedelta(hours=25), "hace 1 día", "1 day ago"),
        (timedelta(days=3, hours=23), "hace 3 días", "3 days ago"),
    ],
)
def test_ago_names_the_largest_whole_unit(elapsed: timedelta, spanish: str, english: str) -> None:
    assert ago(NOW - elapsed, NOW, "es") == spanish
    assert ago(NOW - elapsed, NOW, "en") == english


def test_ago_reads_naive_times_as_utc_and_never_goes_negative() -> None:
    assert ago(datetime(2026, 3, 10, 10, 0), NOW, "es") == "hace 2 horas"
    assert ago(NOW + timedelta(minutes=5), NOW, "es") == "hace un momento"


def test_schedule_reads_a_daily_cron_and_shows_any_other_as_it_is() -> None:
    assert schedule("0 6 * * *", "America/Lima", "es") == "cada día a las 06:00"
    assert schedule("30 7 * * *", "America/Lima", "en") == "every day at 07:30"
    assert schedule("0 6 * * 1", "UTC", "es") == "según «0 6 * * 1» (UTC)"


def test_periods_include_both_ends() -> None:
    today = date(2026, 3, 10)
    assert resolve("last_7", today) == (date(2026, 3, 4), today)
    assert resolve("last_30", today) == (date(2026, 2, 9), today)
    assert resolve("all_time", today) == (HISTORY_START, today)
    assert resolve("custom", today, (date(2026, 3, 5), date(2026, 3, 1))) == (
        date(2026, 3, 1),
        date(2026, 3, 5),
    )
    with pytest.raises(ValueError, match="two dates"):
        resolve("custom", today)


def test_today_is_the_fichas_own_calendar_day() -> None:
    late_evening_in_lima = datetime(2026, 3, 11, 2, 30, tzinfo=UTC)
    assert today_in("America/Lima", late_evening_in_lima) == date(2026, 3, 10)
    assert today_in("UTC", late_evening_in_lima) == date(2026, 3, 11)


def test_a_week_drill_down_is_clipped_to_the_window() -> None:
    assert week_days("2026-W02") == (date(2026, 1, 5), date(2026, 1, 11))
    window = CommentQuery(start_date=date(2026, 1, 7), end_date=date(2026, 2, 1), platform="tiktok")
    narrowed = Drill(label="2026-W02", week="2026-W02").query(window)
    assert (narrowed.start_date, narrowed.end_date) == (date(2026, 1, 7), date(2026, 1, 11))
    assert narrowed.params() == {
        "start_date": "2026-01-07",
        "end_date": "2026-01-11",
        "platform": "tiktok",
    }


def test_config_defaults_and_one_line_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PIXELY_API_URL", raising=False)
    monkeypatch.setenv("UI_PORT", "")
    assert ui_config().api_url == "http://127.0.0.1:8000"
    assert ui_config().ui_port == 8501
    monkeypatch.setenv("PIXELY_API_URL", "localhost:8000")
    with pytest.raises(ConfigError, match="^PIXELY_API_URL 'localhost:8000' is not an http"):
        ui_config()
    monkeypatch.setenv("PIXELY_API_URL", "http://api:8000/")
    monkeypatch.setenv("UI_PORT", "70000")
    with pytest.raises(ConfigError, match="^UI_PORT '70000' is not a port number"):
        ui_config()
    monkeypatch.setenv("UI_PORT", "9000")
    assert ui_config().api_url == "http://api:8000" and ui_config().ui_port == 9000


def test_kpi_tiles_show_a_short_headline_and_a_delta_in_the_kpis_unit() -> None:
    from pixely_api.schemas import KpiDelta
    from pixely_ui.sections.q10_resumen_ejecutivo import delta_text, kpi_headline

    assert kpi_headline("Alegría (0,27)") == "Alegría"
    assert kpi_headline("6,12% de interacciones por vista") == "6,12%"
    assert kpi_headline("908") == "908"
    changed = KpiDelta(nombre="x", unidad="comentarios", actual=908, anterior=600, delta=308)
    assert delta_text(changed, "es") == "+308 comentarios"
    assert delta_text(changed, "en") == "+308 comments"
    one = KpiDelta(nombre="x", unidad="voces", actual=4, anterior=5, delta=-1)
    assert (delta_text(one, "es"), delta_text(one, "en")) == ("-1 voz", "-1 voice")
    scale = KpiDelta(nombre="x", unidad="0..1", actual=0.25, anterior=0.27, delta=-0.02)
    assert delta_text(scale, "es") == "-0.02"
    share = KpiDelta(nombre="x", unidad="%", actual=40.0, anterior=36.3, delta=3.7)
    assert delta_text(share, "es") == "+3.7 p. p."
    assert delta_text(share, "en") == "+3.7 pp"
    rate = KpiDelta(nombre="x", unidad="tasa", actual=0.0615, anterior=0.0730, delta=-0.0115)
    assert delta_text(rate, "es") == "-1.1 p. p.", "a rate of 0..1 changes in points of %"
    trend = KpiDelta(nombre="x", unidad="puntos", actual=10.0, anterior=-3.5, delta=13.5)
    assert delta_text(trend, "en") == "+13.5 points"
    for tiny in (0.0, 0.04, -0.04):
        same = KpiDelta(nombre="x", unidad="%", actual=40.0, anterior=40.0, delta=tiny)
        assert delta_text(same, "es") == "0", "no change is grey, without an arrow"
    unknown = KpiDelta(nombre="x", unidad="%", actual=1, anterior=None, delta=None)
    assert delta_text(unknown, "es") is None


def test_an_anomaly_says_its_change_in_its_own_unit() -> None:
    from pixely_ui.sections.q8_temporal import change_text

    assert change_text("sentimiento_neto", -31.6, "es") == "-32 puntos"
    assert change_text("sentimiento_neto", 27.0, "en") == "+27 points"
    assert change_text("volumen", 150.0, "es") == "+150 %"
