"""Times as a reader says them: «hace 2 horas», «cada día a las 06:00»."""

from datetime import UTC, datetime

from pixely_ui.texts import Lang, text

_UNITS = (("day", 86400), ("hour", 3600), ("minute", 60))


def ago(then: datetime, now: datetime, lang: Lang) -> str:
    """«hace 1 día», «hace 3 horas», «hace 5 minutos», «hace un momento» (largest unit,
    rounded down, singular for one). Naive datetimes are taken as UTC."""
    then = then if then.tzinfo else then.replace(tzinfo=UTC)
    now = now if now.tzinfo else now.replace(tzinfo=UTC)
    seconds = max(0, int((now - then).total_seconds()))
    for unit, size in _UNITS:
        count = seconds // size
        if count >= 1:
            name = text(f"{unit}_one" if count == 1 else f"{unit}_many", lang)
            return text("ago", lang, amount=f"{count} {name}")
    return text("just_now", lang)


def schedule(cron: str, timezone: str, lang: Lang) -> str:
    """A daily cron («0 6 * * *») as «cada día a las 06:00»; anything else as the cron
    itself, so an unusual schedule is still shown truthfully."""
    fields = cron.split()
    daily = len(fields) == 5 and fields[2:] == ["*", "*", "*"]
    if daily and fields[0].isdigit() and fields[1].isdigit():
        clock = f"{int(fields[1]):02d}:{int(fields[0]):02d}"
        return text("schedule_daily", lang, clock=clock, timezone=timezone)
    return text("schedule_cron", lang, cron=cron, timezone=timezone)
