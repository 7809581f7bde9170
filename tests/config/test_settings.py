"""One typed settings object: every variable of ``.env.example`` is read and validated,
a bad value is one line naming the variable, and an empty value means the default."""

import re
from pathlib import Path

import pytest

from pixely_api.settings import Settings, SettingsError, get_settings, valid_cron

ROOT = Path(__file__).resolve().parents[2]


COMPOSE_SECTION = "# --- docker-compose"
"""Below this line ``.env.example`` holds what only docker-compose reads."""


def _example_variables() -> set[str]:
    text = (ROOT / ".env.example").read_text(encoding="utf-8").split(COMPOSE_SECTION)[0]
    return set(re.findall(r"^([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))


def _settings_variables() -> set[str]:
    names: set[str] = set()
    for info in Settings.model_fields.values():
        choices = getattr(info.validation_alias, "choices", ())
        names |= {c for c in choices if isinstance(c, str)}
    return names


def test_every_documented_variable_is_a_setting_and_every_setting_is_documented() -> None:
    assert _example_variables() == _settings_variables()


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("PIXELY_TIMEZONE", "Mars/Olympus", "PIXELY_TIMEZONE 'Mars/Olympus' is not an IANA"),
        ("ORCHESTRATOR_SCHEDULE", "every day", "ORCHESTRATOR_SCHEDULE 'every day' is not a cron"),
        ("ORCHESTRATOR_SCHEDULE", "0 25 * * *", "ORCHESTRATOR_SCHEDULE '0 25 * * *' is not"),
        ("DAGSTER_HOME", "relative/dagster", "DAGSTER_HOME 'relative/dagster' must be an absolute"),
        ("PIXELY_START_DATE", "yesterday", "PIXELY_START_DATE 'yesterday' is not a date"),
        ("PIXELY_DATABASE_URL", "mysql://u:pw123secret@h/db", "is neither sqlite"),
        ("PIXELY_API_URL", "localhost:8000", "PIXELY_API_URL 'localhost:8000' is not an http"),
        ("PIXELY_ANALYZER", "magic", "PIXELY_ANALYZER 'magic'"),
        ("ACCESS_TOKEN_EXPIRE_MINUTES", "0", "ACCESS_TOKEN_EXPIRE_MINUTES '0'"),
        ("PIXELY_MAX_TOKENS_PER_RUN", "-5", "PIXELY_MAX_TOKENS_PER_RUN '-5'"),
        ("OPENAI_TIMEOUT_SECONDS", "soon", "OPENAI_TIMEOUT_SECONDS 'soon'"),
        ("OPENAI_BASE_URL", "localhost:11434", "OPENAI_BASE_URL 'localhost:11434' is not"),
    ],
)
def test_a_bad_value_is_one_line_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, message: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as raised:
        get_settings()
    text = str(raised.value)
    assert message in text
    assert "\n" not in text
    assert "pw123secret" not in text


def test_empty_values_mean_the_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for variable in _settings_variables():
        monkeypatch.setenv(variable, "")
    monkeypatch.setenv("PIXELY_HOME", str(tmp_path))
    settings = get_settings()
    assert settings.timezone == "America/Lima"
    assert settings.orchestrator_schedule == "0 6 * * *"
    assert settings.database_url == f"sqlite:///{tmp_path / 'pixely.db'}"
    assert settings.dagster_home_path == tmp_path / "dagster"
    assert settings.analyzer == "offline"


def test_the_settings_follow_the_environment_and_are_read_once_per_change(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PIXELY_TIMEZONE", "Europe/Madrid")
    first = get_settings()
    assert first is get_settings()
    monkeypatch.setenv("PIXELY_TIMEZONE", "America/Mexico_City")
    assert get_settings().timezone == "America/Mexico_City"


def test_the_home_does_not_depend_on_the_working_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("PIXELY_HOME", raising=False)
    monkeypatch.delenv("PIXELY_DATABASE_URL", raising=False)
    here = get_settings().database_url
    monkeypatch.chdir(tmp_path)
    assert get_settings().database_url == here
    assert here == f"sqlite:///{ROOT / '.pixely' / 'pixely.db'}"


@pytest.mark.parametrize(
    ("analyzer", "key", "chosen"),
    [
        ("auto", "sk-test", "openai"),
        ("auto", "", "offline"),
        ("auto", "   ", "offline"),
        ("offline", "sk-test", "offline"),
        ("openai", "", "openai"),
    ],
)
def test_auto_chooses_openai_only_with_a_key(
    monkeypatch: pytest.MonkeyPatch, analyzer: str, key: str, chosen: str
) -> None:
    monkeypatch.setenv("PIXELY_ANALYZER", analyzer)
    monkeypatch.setenv("OPENAI_API_KEY", key)
    assert get_settings().chosen_analyzer == chosen


def test_openai_settings_and_their_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("OPENAI_MODEL", "OPENAI_TIMEOUT_SECONDS", "PIXELY_MAX_TOKENS_PER_RUN"):
        monkeypatch.delenv(variable, raising=False)
    defaults = get_settings()
    assert (defaults.openai_model, defaults.openai_timeout_seconds) == ("gpt-5-nano", 120.0)
    assert defaults.max_tokens_per_run is None
    monkeypatch.setenv("OPENAI_MODEL", "gpt-4o-mini")
    monkeypatch.setenv("OPENAI_TIMEOUT_SECONDS", "30")
    monkeypatch.setenv("PIXELY_MAX_TOKENS_PER_RUN", "200000")
    settings = get_settings()
    assert (settings.openai_model, settings.openai_timeout_seconds) == ("gpt-4o-mini", 30.0)
    assert settings.max_tokens_per_run == 200_000


@pytest.mark.parametrize(
    ("expression", "valid"),
    [
        ("0 6 * * *", True),
        ("*/15 0-23 1,15 * 1-5", True),
        ("0 6 * *", False),
        ("61 6 * * *", False),
        ("0 6 * * mon", False),
    ],
)
def test_cron_expressions(expression: str, valid: bool) -> None:
    assert valid_cron(expression) is valid
