"""What the demo's summaries say, read the way the dashboard builds them (one row per day,
windows merged): each brand's defining problem is named, an ordinary day raises no alarm,
and every number quoted in Q6, Q9 and Q10 texts is a recount of the window's comments."""

import re
from collections import Counter, defaultdict
from datetime import date, timedelta

import pytest

from pixely_api.insights.bundle import InsightResults
from pixely_api.insights.q5_influenciadores import STANCE_THRESHOLD, stance_side
from pixely_api.insights.text import plural, share
from pixely_api.insights.umbrales import RECENT_DAYS
from pixely_dagster.analysis.items import PartitionBatch
from pixely_dagster.analysis.q5_influenciadores import leaving
from pixely_dagster.analysis.q6_oportunidades import wants_to_buy
from pixely_dagster.analysis.shared import Aspects, username
from pixely_dagster.demo.generate_workbooks import SCRIPTS
from tests.demo.windows import WINDOW_DAYS, demo_days, window, window_batch

DEFINING = {"cafe-andino": "precio", "norte-sport": "entrega"}
WINDOWS = [WINDOW_DAYS, None]
PAIR = re.compile(r"(\d+) de (\d+)")


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


class Recount:
    """A window's figures counted again, comment by comment."""

    def __init__(self, batch: PartitionBatch) -> None:
        self.batch = batch
        reader = Aspects(batch.context)
        rows = list(zip(batch.comments, batch.annotations, strict=True))
        self.rows = [(c, a, reader.of(c, a)) for c, a in rows]
        end = max(c.created_at.date() for c in batch.comments)
        self.first_recent: date = end - timedelta(days=RECENT_DAYS - 1)

    def demand(self, tipo: str, aspect: str) -> tuple[int, int, int, int]:
        """(demand, mentions, people, recent) of one opportunity type on one aspect."""
        about = [(c, a) for c, a, found in self.rows if aspect in found]
        asked = [
            c
            for c, a in about
            if {
                "queja": a.is_complaint,
                "solicitud": a.is_request,
                "intencion_compra": wants_to_buy(c, a),
                "competencia": True,
            }[tipo]
        ]
        recent = sum(1 for c in asked if c.created_at.date() >= self.first_recent)
        people = len({username(c.author) for c in asked})
        return len(asked), len(about), people, recent

    def authors(self) -> dict[str, dict[str, float]]:
        """Per author: comments, stance sum, comments for and against, leaving."""
        found: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for c, a, _ in self.rows:
            tally = found[username(c.author)]
            stance = min(a.stance, -STANCE_THRESHOLD) if leaving(a) else a.stance
            tally["comments"] += 1
            tally["stance"] += stance
            tally["for"] += stance >= STANCE_THRESHOLD
            tally["against"] += stance <= -STANCE_THRESHOLD
            tally["leaving"] += leaving(a)
        return found

    def polarities(self) -> Counter[str]:
        result: Counter[str] = Counter()
        for tally in self.authors().values():
            side = stance_side(int(tally["for"]), int(tally["against"]), int(tally["leaving"]))
            result[side] += 1
        return result


def _comments(count: int) -> str:
    return plural(count, "comentario", "comentarios")


def _pairs(text: str) -> set[tuple[int, int]]:
    return {(int(a), int(b)) for a, b in PAIR.findall(text)}


@pytest.mark.parametrize("slug", DEFINING)
@pytest.mark.parametrize("days", WINDOWS)
def test_every_number_in_q6_q9_q10_texts_is_a_recount(slug: str, days: int | None) -> None:
    result = window(slug, days)
    count = Recount(window_batch(slug, days))
    total = len(count.rows)
    assert result.q7.num_comentarios == total
    quoted: dict[str, tuple[int, int, int, int]] = {}
    for o in result.q6.oportunidades:
        demand, mentions, people, recent = count.demand(o.tipo, o.tema)
        assert (o.demanda, o.menciones, o.personas, o.recientes) == (
            demand,
            mentions,
            people,
            recent,
        )
        assert o.detalle.startswith(
            f"{demand} de {mentions} comentarios sobre «{o.tema}» ({share(demand, mentions)})"
        )
        assert f"de {people} personas distintas; {_comments(recent)} en" in o.detalle
        assert _pairs(o.detalle) == {(demand, mentions)}
        quoted[o.titulo] = (demand, mentions, people, recent)
    platforms: dict[str, Counter[str]] = defaultdict(Counter)
    for c, a, _ in count.rows:
        platforms[c.platform]["all"] += 1
        platforms[c.platform]["negative"] += a.sentiment == "negative"
    polarities = count.polarities()
    for rec in result.q9.recomendaciones:
        pairs = _pairs(rec.descripcion)
        if rec.tipo in ("queja", "solicitud", "compra", "competencia"):
            demand, mentions, people, recent = count.demand(
                {"compra": "intencion_compra"}.get(rec.tipo, rec.tipo), rec.foco or ""
            )
            assert pairs == {(demand, mentions)}
            assert f"de {people} personas distintas; {_comments(recent)} en" in rec.descripcion
        elif rec.tipo == "plataforma_negativa":
            mine = platforms[rec.foco or ""]
            rest_neg = sum(p["negative"] for p in platforms.values()) - mine["negative"]
            rest_all = total - mine["all"]
            assert pairs == {(mine["negative"], mine["all"]), (rest_neg, rest_all)}
        elif rec.tipo in ("detractores", "promotores"):
            side = "Detractor" if rec.tipo == "detractores" else "Promotor"
            assert rec.descripcion.startswith(f"{polarities[side]} personas son")
    q10 = result.q10
    alert = q10.alerta_prioritaria
    if alert.modulo == "Q6":
        assert any(
            alert.detalle.startswith(f"{d} de {m} comentarios") for d, m, *_ in quoted.values()
        )
    sentiments = Counter(a.sentiment for _, a, _ in count.rows)
    expected = ", ".join(
        f"{round(100 * sentiments[s] / total)}% {name}"
        for s, name in (("positive", "positivo"), ("negative", "negativo"))
    )
    assert q10.hallazgos_clave[0].startswith(f"Sentimiento: {expected}")
    assert f"en {total} comentarios" in q10.hallazgos_clave[0]
    voices = next(h for h in q10.hallazgos_clave if h.startswith("Voces"))
    authors = count.authors()
    for name, said, of in re.findall(r"@([\w.]+) \((\d+) de (\d+)", voices):
        tally = authors[name]
        assert int(of) == tally["comments"]
        assert int(said) in (tally["for"], tally["against"])
    assert voices.endswith(
        f"{polarities['Promotor']} promotores y {polarities['Detractor']} detractores entre "
        f"{len(authors)} personas que comentan."
    )
