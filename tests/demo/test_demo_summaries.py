"""What the demo's summaries say, read the way the dashboard builds them (one row per day,
windows merged): each brand's defining problem is named, an ordinary day raises no alarm,
and every number quoted in Q6, Q9 and Q10 texts is a recount of the window's comments."""

from collections import Counter

import pytest

from pixely_api.insights.bundle import InsightResults
from pixely_api.insights.q5_influenciadores import STANCE_THRESHOLD
from pixely_dagster.analysis.q5_influenciadores import leaving
from pixely_dagster.analysis.shared import username
from pixely_dagster.demo.generate_workbooks import SCRIPTS
from tests.demo.windows import WINDOW_DAYS, demo_days, window, window_batch
from tests.insights.recount import assert_texts_are_recounts

DEFINING = {"cafe-andino": "precio", "norte-sport": "entrega"}
WINDOWS = [WINDOW_DAYS, None]


@pytest.mark.parametrize(("slug", "aspect"), DEFINING.items())
def test_the_30_day_summary_names_the_brand_defining_problem(slug: str, aspect: str) -> None:
    q10 = window(slug, WINDOW_DAYS).q10
    named = f"«{aspect}»"
    assert named in q10.alerta_prioritaria.titulo or named in q10.hallazgos_clave[0]
    assert q10.alerta_prioritaria.nivel in ("alta", "critica")


@pytest.mark.parametrize("slug", DEFINING)
def test_an_ordinary_day_raises_no_alert(slug: str) -> None:
    """Every day before the brand's problem starts, read alone, has no alert."""
    start = SCRIPTS[slug].issue.start
    ordinary = [d for d in demo_days(slug) if d.day < start]
    assert len(ordinary) >= 10
    for day in ordinary:
        alert = InsightResults.merge([day.row]).q10.alerta_prioritaria
        assert alert.nivel == "ninguna", (day.day, alert.titulo)


@pytest.mark.parametrize("slug", DEFINING)
def test_critical_and_48_hour_items_stay_a_handful(slug: str) -> None:
    for days in WINDOWS:
        result = window(slug, days)
        assert result.q6.num_criticas <= 3
        assert result.q9.por_urgencia["48 horas"] <= 3
        assert all(
            r.personas >= 3 or r.tipo == "plataforma_negativa" for r in result.q9.recomendaciones
        )


@pytest.mark.parametrize("slug", DEFINING)
def test_the_loudest_critics_are_the_first_critical_voices(slug: str) -> None:
    batch = window_batch(slug, None)
    against = Counter(
        username(c.author)
        for c, a in zip(batch.comments, batch.annotations, strict=True)
        if a.stance <= -STANCE_THRESHOLD or leaving(a)
    )
    loudest = [author for author, _ in against.most_common(2)]
    critics = window(slug, None).q5.voces_criticas
    assert [v.autor for v in critics[:2]] == loudest
    assert [v.detractores for v in critics[:2]] == [against[a] for a in loudest]


@pytest.mark.parametrize("slug", DEFINING)
def test_counts_never_shrink_from_30_days_to_the_whole_history(slug: str) -> None:
    recent, whole = window(slug, WINDOW_DAYS), window(slug, None)
    topics = {t.tema: t.menciones for t in whole.q3.temas}
    assert all(topics[t.tema] >= t.menciones for t in recent.q3.temas)
    authors = {a.autor: a.num_comentarios for a in whole.q5.autores}
    assert all(authors[a.autor] >= a.num_comentarios for a in recent.q5.autores)


@pytest.mark.parametrize("slug", DEFINING)
@pytest.mark.parametrize("days", WINDOWS)
def test_every_number_in_q6_q9_q10_texts_is_a_recount(slug: str, days: int | None) -> None:
    assert_texts_are_recounts(window(slug, days), window_batch(slug, days))
