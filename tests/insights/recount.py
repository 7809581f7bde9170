"""Figures of a window counted again, comment by comment, to check what texts quote."""

import re
from collections import Counter, defaultdict
from datetime import date, timedelta

from pixely_api.insights.bundle import InsightResults
from pixely_api.insights.q5_influenciadores import STANCE_THRESHOLD, stance_side
from pixely_api.insights.text import plural, share
from pixely_api.insights.umbrales import RECENT_DAYS
from pixely_dagster.analysis.items import PartitionBatch
from pixely_dagster.analysis.q5_influenciadores import leaving
from pixely_dagster.analysis.q6_oportunidades import wants_to_buy
from pixely_dagster.analysis.shared import Aspects, username

PAIR = re.compile(r"(\d+) de (\d+)")


class Recount:
    """A window's figures counted again, comment by comment."""

    def __init__(self, batch: PartitionBatch) -> None:
        self.batch = batch
        reader = Aspects(batch.context)
        rows = list(zip(batch.comments, batch.annotations, strict=True))
        self.rows = [(c, a, reader.of(c, a)) for c, a in rows]
        end = max((c.created_at.date() for c in batch.comments), default=date.min)
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


def assert_texts_are_recounts(result: InsightResults, batch: PartitionBatch) -> None:
    """Every «N de M», share and count in the Q6, Q9 and Q10 texts of ``result`` (a
    merged window) equals a recount of ``batch`` (the same window's comments)."""
    count = Recount(batch)
    total = len(count.rows)
    assert result.q7.num_comentarios == total
    if not total:
        return
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
    voices = next((h for h in q10.hallazgos_clave if h.startswith("Voces")), "")
    authors = count.authors()
    for name, said, of in re.findall(r"@([\w.]+) \((\d+) de (\d+)", voices):
        tally = authors[name]
        assert int(of) == tally["comments"]
        assert int(said) in (tally["for"], tally["against"])
    promoters = plural(polarities["Promotor"], "promotor", "promotores")
    detractors = plural(polarities["Detractor"], "detractor", "detractores")
    people = plural(len(authors), "persona", "personas")
    assert not voices or voices.endswith(f"{promoters} y {detractors} entre {people} que comentan.")
