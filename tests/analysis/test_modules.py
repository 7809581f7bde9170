"""Q1–Q9 per partition: merges of days equal the analysis of the whole, odd input is fine,
and the texts are grounded in the partition's numbers and quotes."""

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pixely_api.insights import InsightResults, ModuleResults, Q5Result
from pixely_api.insights.labels import PLATFORMS
from pixely_api.insights.result import ModuleResult
from pixely_dagster.analysis import (
    q1_emociones,
    q2_personalidad,
    q3_topicos,
    q4_marcos_narrativos,
    q5_influenciadores,
    q6_oportunidades,
    q7_sentimiento_detallado,
    q8_temporal,
    q9_recomendaciones,
)
from pixely_dagster.analysis.annotation import AakerScores, Annotation, EmotionScores
from pixely_dagster.analysis.items import PartitionBatch
from pixely_dagster.analysis.modules import MODULES, analyze_partition
from tests.analysis.factories import (
    MONDAY,
    NEW_POST,
    POSTS,
    Draft,
    batch,
    daily_batches,
    drafts,
    said,
    whole_batch,
)
from tests.insights.equivalence import assert_equivalent, assert_same_result, dump
from tests.insights.recount import assert_texts_are_recounts

PROPERTY = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ALONE = [name for name, step in MODULES.items() if not step.depends_on]
MERGEABLE = [name for name in MODULES if name != "q10_resumen_ejecutivo"]
IG, FB = POSTS[0][0], POSTS[3][0]


def _analyze(name: str, partition: PartitionBatch) -> ModuleResult:
    return MODULES[name](partition, {})


def _result_type(name: str) -> type[ModuleResult]:
    return MODULES[name].result_type


def _moved(partition: PartitionBatch, by: timedelta) -> PartitionBatch:
    return replace(partition, partition_date=partition.partition_date + by)


@pytest.mark.parametrize("name", ALONE)
@PROPERTY
@given(items=drafts(days=2))
def test_merge_of_days_equals_analysis_of_the_whole(name: str, items: list[Draft]) -> None:
    """Counts, weighted means, per-post figures (one post spans both days), rankings,
    examples and texts: the same whether computed per day and merged, or at once."""
    days = [_analyze(name, b) for b in daily_batches(items, 2)]
    merged = _result_type(name).merge(days)
    assert_same_result(merged, _analyze(name, whole_batch(items)))
    spanning = next(p for p in merged.publicaciones if p.post_url == IG)
    assert spanning.num_comentarios == sum(1 for d in items if d.post == 0) >= 2


def _only(partition: PartitionBatch, platforms: set[str]) -> PartitionBatch:
    """The part of a partition written on some platforms."""
    kept = [
        (c, a)
        for c, a in zip(partition.comments, partition.annotations, strict=True)
        if c.platform in platforms
    ]
    return replace(
        partition,
        comments=tuple(c for c, _ in kept),
        annotations=tuple(a for _, a in kept),
        posts={u: p for u, p in partition.posts.items() if p.platform in platforms},
    )


@PROPERTY
@given(
    items=drafts(days=3, max_size=40),
    split=st.lists(st.sets(st.sampled_from(PLATFORMS)), min_size=3, max_size=3),
    order=st.randoms(use_true_random=False),
)
def test_any_grouping_of_days_and_platforms_merges_to_the_whole_window(
    items: list[Draft], split: list[set[str]], order: Any
) -> None:
    """Rows of any (day, platforms) grouping, merged in any order, give the whole window's
    Q1–Q10: every count, ranked list, opportunity, recommendation and text."""
    rows = []
    for day, chosen in zip(daily_batches(items, 3), split, strict=True):
        for part in (chosen, set(PLATFORMS) - chosen):
            if part:
                rows.append(analyze_partition(_only(day, part)))
    order.shuffle(rows)
    merged = InsightResults.merge(rows)
    whole = analyze_partition(whole_batch(items))
    for name in ModuleResults.mergeable():
        assert_same_result(getattr(merged, name), getattr(whole, name))
    assert_equivalent(dump(merged.q10), dump(whole.q10))


@PROPERTY
@given(items=drafts(days=3, max_size=40))
def test_every_number_in_the_texts_is_a_recount_of_the_window(items: list[Draft]) -> None:
    """Q6, Q9 and Q10 texts of merged days quote the whole window's recounts."""
    merged = InsightResults.merge(analyze_partition(b) for b in daily_batches(items, 3))
    assert_texts_are_recounts(merged, whole_batch(items))


@PROPERTY
@given(items=drafts(days=3, max_size=40))
def test_counts_never_shrink_when_the_window_grows(items: list[Draft]) -> None:
    rows = [analyze_partition(b) for b in daily_batches(items, 3)]
    windows = [InsightResults.merge(rows[:n]) for n in (1, 2, 3)]
    for small, large in zip(windows, windows[1:], strict=False):
        topics = {t.tema: t.menciones for t in large.q3.temas}
        assert all(topics[t.tema] >= t.menciones for t in small.q3.temas)
        authors = {a.autor: a for a in large.q5.autores}
        for a in small.q5.autores:
            bigger = authors[a.autor]
            assert bigger.num_comentarios >= a.num_comentarios
            assert bigger.detractores >= a.detractores and bigger.promotores >= a.promotores
        demand = {(d.tema): d for d in large.q6.aspectos}
        for d in small.q6.aspectos:
            assert demand[d.tema].menciones >= d.menciones
            assert set(d.autores) <= set(demand[d.tema].autores)
            for kind, count in d.demanda.items():
                assert demand[d.tema].demanda[kind] >= count


@PROPERTY
@given(items=drafts(days=3), gap=st.sampled_from([1, 7]))
def test_merge_is_associative_and_order_free(items: list[Draft], gap: int) -> None:
    """(a+b)+c = a+(b+c) = c+a+b for every module, days in one week or in three weeks."""
    batches = [
        _moved(b, timedelta(days=(gap - 1) * i)) for i, b in enumerate(daily_batches(items, 3))
    ]
    rows = [analyze_partition(b) for b in batches]
    for name in MERGEABLE:
        a, b, c = (getattr(row, MODULES[name].spec.key) for row in rows)
        kind = _result_type(name)
        flat = kind.merge([a, b, c])
        assert_same_result(kind.merge([kind.merge([a, b]), c]), flat)
        assert_same_result(kind.merge([a, kind.merge([b, c])]), flat)
        assert_same_result(kind.merge([c, a, b]), flat)
        assert_same_result(kind.merge([flat]), flat)
    weeks = {w.semana for w in InsightResults.merge(rows).q8.serie_semanal}
    assert len(weeks) == (1 if gap == 1 else 3)


@PROPERTY
@given(items=drafts(days=2), platform=st.sampled_from(PLATFORMS))
def test_restricting_commutes_with_merging(items: list[Draft], platform: str) -> None:
    """Filtering merged rows by platform = merging rows filtered by platform, for every
    module; nothing of another platform is left."""
    rows = [analyze_partition(b) for b in daily_batches(items, 2)]
    expected = sum(1 for d in items if POSTS[d.post][1] == platform)
    for name in MERGEABLE:
        parts = [getattr(row, MODULES[name].spec.key) for row in rows]
        kind = _result_type(name)
        restricted = kind.merge(parts).restrict(platform)
        assert_same_result(restricted, kind.merge(r.restrict(platform) for r in parts))
        assert all(p.platform == platform for p in restricted.publicaciones)
        assert restricted.num_comentarios == expected


def test_post_spanning_two_days_reweights_by_comment_count() -> None:
    """2 comments on Monday (ira 0.5, 1.0) + 1 on Tuesday (ira 0.0): mean 0.5, not (0.75+0)/2."""
    angry = [Annotation(emotions=EmotionScores(ira=v), sentiment="negative") for v in (0.5, 1.0)]
    calm = Annotation(sentiment="positive")
    items = [
        Draft(0, 0, "ana", "Qué rabia", angry[0]),
        Draft(0, 0, "luis", "Indignante", angry[1]),
        Draft(1, 0, "marta", "A mí me gustó", calm),
    ]
    monday, tuesday = daily_batches(items, 2)
    merged = InsightResults.merge([analyze_partition(monday), analyze_partition(tuesday)])
    post = next(p for p in merged.q1.publicaciones if p.post_url == IG)
    assert post.num_comentarios == 3
    assert post.intensidades["ira"] == pytest.approx(0.5)
    q7_post = next(p for p in merged.q7.publicaciones if p.post_url == IG)
    assert q7_post.sentimientos == {"positive": 1, "negative": 2, "neutral": 0, "mixed": 0}
    assert merged.q8.serie_semanal[0].num_comentarios == 3
    assert [w.semana for w in merged.q8.serie_semanal] == ["2025-W02"]


def test_empty_partition_gives_valid_empty_results() -> None:
    """No comments at all, only a new post: zero counts everywhere, no exception."""
    results = analyze_partition(batch([], new_posts=[NEW_POST]))
    for name in MERGEABLE:
        result = getattr(results, MODULES[name].spec.key)
        assert result.num_comentarios == 0
        assert [p.post_url for p in result.publicaciones] == [NEW_POST[0]]
        assert type(result).model_validate(dump(result)) == result
    assert results.q1.emocion_dominante is None
    assert results.q7.general.porcentajes == {
        "positive": 0,
        "negative": 0,
        "neutral": 0,
        "mixed": 0,
    }
    assert results.q6.oportunidades == [] and results.q9.recomendaciones == []
    assert results.q10.num_comentarios == 0
    assert results.q10.hallazgos_clave == [
        "No hay comentarios de la audiencia en el periodo seleccionado."
    ]


def test_partition_without_posts_or_comments() -> None:
    results = analyze_partition(batch([]))
    assert results.q1.num_publicaciones == 0
    assert results.q3.temas_principales == []
    assert results.q8.serie_semanal == []
    assert results.q10.alerta_prioritaria.nivel == "ninguna"


def test_all_neutral_comments_give_zero_signals_and_full_kpis() -> None:
    neutral = Annotation()
    items = [Draft(0, i % len(POSTS), "ana", "ok", neutral) for i in range(6)]
    results = analyze_partition(batch(items))
    assert results.q1.emocion_dominante is None
    assert "no expresan emociones marcadas" in results.q1.resumen
    assert results.q2.dimensiones_dominantes == []
    assert results.q7.general.porcentajes["neutral"] == 100
    assert results.q6.num_criticas == 0 and results.q6.oportunidades == []
    assert results.q9.recomendaciones == []
    measured = {kpi.campo: kpi for kpi in results.q10.kpis}
    trend = measured.pop("q8.tendencia")
    assert all(kpi.valor is not None for kpi in measured.values())
    assert trend.valor is None and trend.texto == "Sin datos"  # one day: no two weeks to compare
    assert 5 <= len(results.q10.hallazgos_clave) <= 7


def test_registry_names_order_and_dependencies() -> None:
    assert list(MODULES) == [
        "q1_emociones",
        "q2_personalidad",
        "q3_topicos",
        "q4_marcos_narrativos",
        "q5_influenciadores",
        "q6_oportunidades",
        "q7_sentimiento_detallado",
        "q8_temporal",
        "q9_recomendaciones",
        "q10_resumen_ejecutivo",
    ]
    assert MODULES["q9_recomendaciones"].depends_on == tuple(list(MODULES)[:8])
    assert MODULES["q10_resumen_ejecutivo"].depends_on == tuple(list(MODULES)[:9])
    assert [step.spec.column for step in MODULES.values()] == [f"q{i}_result" for i in range(1, 11)]
    results = analyze_partition(batch([Draft(0, 0, "ana", "hola", Annotation())]))
    for name, step in MODULES.items():
        assert isinstance(getattr(results, MODULES[name].spec.key), step.result_type)


def test_q1_examples_are_the_most_intense_comments_per_emotion() -> None:
    items = [
        Draft(0, 0, "ana", f"comentario {v}", Annotation(emotions=EmotionScores(alegria=v)))
        for v in (0.25, 1.0, 0.5, 0.75)
    ]
    result = q1_emociones.analyze(batch(items))
    assert [e.puntuacion for e in result.ejemplos] == [1.0, 0.75, 0.5]
    assert result.ejemplos[0].texto == "comentario 1.0"
    assert result.emocion_dominante == "alegria"
    assert result.resumen.startswith("En 4 comentarios de 1 publicación predomina la alegría")


def test_q3_topic_relevance_sentiment_and_examples() -> None:
    items = [
        said("ana", "El envío tardó", topics=("envio",), polarity=-0.5, sentiment="negative"),
        said("luis", "Envío rapidísimo", topics=("envio", "cafe"), polarity=1.0),
        said("marta", "Sin tema", post=1),
        said("pepe", "El envío fatal", post=1, topics=("envio",), polarity=-1.0),
    ]
    result = q3_topicos.analyze(batch(items))
    top = result.temas_principales[0]
    assert (top.tema, top.menciones, top.relevancia) == ("envio", 3, 75.0)
    assert top.sentimiento == pytest.approx(-0.5 / 3)
    envio = result.temas[0]
    assert envio.ejemplo_negativo.texto == "El envío fatal"
    assert envio.ejemplo_positivo.texto == "Envío rapidísimo"
    assert result.tema_mas_negativo is None  # one negative comment is no verdict
    negative = [
        said(who, "El envío fatal", topics=("envio",), polarity=-0.5, sentiment="negative")
        for who in ("ana", "luis", "marta")
    ]
    worst = q3_topicos.analyze(batch([*items, *negative])).tema_mas_negativo
    assert worst is not None and (worst.tema, worst.negativos) == ("envio", 4)


def test_q5_counts_mentions_and_replies_but_not_the_brand_or_oneself() -> None:
    items = [
        Draft(0, 0, "ana", "Me encanta", Annotation(stance=1.0, expertise=0.5)),
        Draft(0, 0, "luis", "@ana totalmente", Annotation(mentions=("ana",), stance=0.5)),
        said("marta", "@ana @cafeaurora mira esto", mentions=("ana", "cafeaurora")),
        Draft(0, 0, "pepe", "yo @pepe opino", Annotation(mentions=("pepe",), stance=-1.0)),
    ]
    result = q5_influenciadores.analyze(batch(items))
    post = result.publicaciones[0]
    assert (post.menciones, post.respuestas, post.promotores, post.detractores) == (2, 2, 2, 1)
    authors = {a.autor: a for a in result.autores}
    assert "cafeaurora" not in authors
    assert (authors["ana"].menciones_recibidas, authors["ana"].respuestas_recibidas) == (2, 2)
    assert authors["pepe"].menciones_hechas == 0
    top = result.voces_clave[0]
    assert (top.autor, top.polaridad, top.afinidad) == ("ana", "Promotor", 100.0)
    assert top.autoridad == pytest.approx(100 * (0.45 + 0.30 * 0.5 + 0.25))
    assert result.voces_por_polaridad == {"Detractor": 1, "Neutral": 1, "Promotor": 2}


def test_q5_authority_is_recomputed_from_merged_counts() -> None:
    """Authority is relative to the voices in scope, so a merge changes it: it is derived,
    never stored."""
    first = q5_influenciadores.analyze(
        batch([said("ana", "hola"), said("luis", "@ana sí", mentions=("ana",))])
    )
    fans = [said(who, "@marta sí", mentions=("marta",)) for who in ("ana", "luis", "pepe")]
    second = q5_influenciadores.analyze(batch([said("marta", "hola"), *fans]))
    before = {v.autor: v.autoridad for v in first.voces_clave}
    assert before["ana"] > before["luis"]
    merged = Q5Result.merge([first, second])
    after = {v.autor: v.autoridad for v in merged.voces_clave}
    assert after["marta"] > after["ana"]
    stored = dump(first)["autores_por_plataforma"]["instagram"][0]
    assert "autoridad" not in stored and "centralidad" not in stored


def test_q6_opportunity_needs_evidence_and_quotes_its_counts() -> None:
    complaint = Annotation(
        topics=("entrega",), is_complaint=True, polarity=-1.0, sentiment="negative"
    )
    items = [
        Draft(0, 0, "ana", "El envío tardó dos semanas", complaint),
        Draft(0, 0, "luis", "Mi envío nunca llegó", complaint),
        Draft(0, 1, "marta", "Qué buen envío", Annotation(topics=("entrega",), polarity=0.5)),
        Draft(0, 1, "pepe", "Ya pedí el pack", Annotation(topics=("pack",), purchase_intent=True)),
    ]
    two = q6_oportunidades.analyze(batch(items))
    assert two.oportunidades == []  # two people are not evidence
    third = Draft(0, 1, "sofia", "Mi pedido no llega", complaint)
    result = q6_oportunidades.analyze(batch([*items, third]))
    queja = result.oportunidades[0]
    assert queja.titulo == "Resolver las quejas sobre «entrega»"
    assert (queja.demanda, queja.menciones, queja.personas) == (3, 4, 3)
    assert queja.competencia_score == 100.0 and queja.gap_score == 75.0
    assert queja.detalle.startswith(
        "3 de 4 comentarios sobre «entrega» (75%) son quejas, de 3 personas distintas"
    )
    assert not queja.es_critica  # three people are not a critical mass
    assert result.intencion_compra == 0  # someone who already bought is not a sale to close


def test_q7_mixed_example_is_balanced_and_opinionated() -> None:
    items = [
        said("ana", "Rico pero caro", sentiment="mixed", subjectivity=1.0),
        said(
            "luis", "Bueno, aunque lento", post=2, sentiment="mixed", subjectivity=1.0, polarity=0.5
        ),
        said("marta", "Genial", post=2, sentiment="positive", subjectivity=1.0, polarity=1.0),
    ]
    result = q7_sentimiento_detallado.analyze(batch(items))
    assert result.ejemplo_mixto.texto == "Rico pero caro"
    assert [c.texto for c in result.ejemplos_mixtos] == ["Rico pero caro", "Bueno, aunque lento"]
    assert result.por_plataforma["tiktok"].porcentajes["mixed"] == 50
    assert result.general.subjetividad_media == 1.0


def test_q8_uses_the_partition_week_and_never_stores_engagement() -> None:
    sunday = MONDAY + timedelta(days=6)
    result = q8_temporal.analyze(batch([said("ana", "hola", sentiment="positive")], sunday))
    assert [w.semana for w in result.serie_semanal] == ["2025-W02"]
    assert result.serie_semanal[0].porcentaje_positivo == 100
    assert result.engagement is None


def test_q9_recommendations_name_the_complaint_the_platform_and_the_voices() -> None:
    complaint = Annotation(
        topics=("entrega",), is_complaint=True, polarity=-1.0, sentiment="negative", stance=-1.0
    )
    happy = Annotation(sentiment="positive", polarity=1.0, stance=1.0, topics=("café",))
    items = [
        *(
            Draft(0, 3, who, f"El envío no llega, {who}", complaint)
            for who in ("ana", "luis", "marta")
        ),
        Draft(0, 3, "pepe", "Bueno", happy),
        *(Draft(0, 0, who, "Me encanta", happy) for who in ("pepe", "sofia", "luis", "ana")),
    ]
    results = analyze_partition(batch(items))
    recs = {r.titulo: r for r in results.q9.recomendaciones}
    queja = recs["Resolver las quejas sobre «entrega»"]
    assert queja.area == "Operaciones"
    assert queja.descripcion.startswith(
        "3 de 3 comentarios sobre «entrega» (100%) son quejas, de 3 personas distintas"
    )
    assert queja.evidencia and queja.evidencia[0].texto.startswith("El envío no llega")
    caida = recs["Recuperar la conversación en Facebook"]
    assert "3 de 4 comentarios (75%) son negativos, frente a 0 de 4 (0%)" in caida.descripcion
    facebook_only = results.q9.restrict("facebook").recomendaciones
    assert "Recuperar la conversación en Facebook" not in {r.titulo for r in facebook_only}
    post = next(p for p in results.q9.publicaciones if p.post_url == FB)
    assert post.comentarios_por_area["Operaciones"] == 3 and post.area_principal == "Operaciones"


def test_q9_crisis_from_several_people_goes_first_within_48_hours() -> None:
    crisis = Annotation(crisis=True, polarity=-1.0, sentiment="negative", topics=("atención",))
    alone = analyze_partition(
        batch([Draft(0, 0, "ana", "Los voy a denunciar", crisis), said("luis", "ok")])
    )
    assert alone.q9.recomendaciones == [] and alone.q10.alerta_prioritaria.nivel != "critica"
    results = analyze_partition(
        batch(
            [
                *(Draft(0, 0, who, "Los voy a denunciar", crisis) for who in ("ana", "pepe")),
                Draft(0, 0, "marta", "Esto es una estafa", crisis),
                said("luis", "ok"),
            ]
        )
    )
    first = results.q9.recomendaciones[0]
    assert (first.titulo, first.urgencia) == ("Activar el protocolo de crisis", "48 horas")
    assert first.descripcion.startswith("3 de 4 comentarios (75%), de 3 personas")
    assert results.q10.alerta_prioritaria.nivel == "critica"
    assert results.q10.hoja_de_ruta[0].acciones[0].titulo == "Activar el protocolo de crisis"


def test_complaints_about_operations_go_to_operaciones() -> None:
    assert q9_recomendaciones.complaint_area(("entrega",)) == "Operaciones"
    assert q9_recomendaciones.complaint_area(("sabor",)) == "Producto/Servicio"


def test_q2_complaints_and_sarcasm_are_no_trait_and_emojis_are_bounded() -> None:
    competent = AakerScores(competencia=0.75)
    items = [
        said(
            "ana",
            "Excelente servicio, dos semanas para un envío 🙃",
            aaker=competent,
            sentiment="negative",
            is_complaint=True,
            sarcasm=True,
        ),
        said("luis", "Qué lujo de atención", aaker=competent, sentiment="positive", sarcasm=True),
    ]
    assert q2_personalidad.analyze(batch(items)).comentarios_con_senal == 0
    fire = q2_personalidad.analyze(
        batch([said("pepe", "🔥🔥🔥", aaker=AakerScores(emocion=0.75), sentiment="positive")])
    )
    assert fire.comentarios_con_senal == 1
    assert fire.puntuaciones["emocion"] == pytest.approx(100 * 0.25 / 1.25)
    worded = q2_personalidad.analyze(
        batch([said("pepe", "Qué aventura", aaker=AakerScores(emocion=0.75))])
    )
    assert worded.puntuaciones["emocion"] == pytest.approx(75.0)


def test_q4_aspiration_comes_from_what_is_said_not_from_tone() -> None:
    items = [
        said("ana", "Ojalá algún día correr el maratón con ellos", sentiment="neutral"),
        said("luis", "Quiero el cold brew para mi papá", sentiment="positive", frame="positivo"),
        said(
            "marta",
            "Quiero mi reembolso ya",
            sentiment="negative",
            frame="negativo",
            is_complaint=True,
        ),
        said("pepe", "Rico", sentiment="positive", frame="positivo"),
    ]
    result = q4_marcos_narrativos.analyze(batch(items))
    assert result.marcos == {"positivo": 1, "negativo": 1, "aspiracional": 2}


def test_q5_quotes_each_voice_on_its_own_side_across_days() -> None:
    """A detractor who once praised the brand is quoted complaining, a promoter who once
    complained is quoted praising, across a merge of days; a neutral voice by their
    clearest comment; rows stored before per-side quotes keep their one quote."""
    day_one = q5_influenciadores.analyze(
        batch(
            [
                Draft(0, 0, "rosa", "¡Me encanta, lo mejor!", Annotation(stance=0.95)),
                Draft(0, 0, "tomas", "Pésimo, nunca llega", Annotation(stance=-0.9)),
                Draft(0, 0, "nico", "Rico el café", Annotation(stance=0.6)),
            ]
        )
    )
    day_two = q5_influenciadores.analyze(
        batch(
            [
                Draft(0, 0, "rosa", "Otra vez frío", Annotation(stance=-0.5)),
                Draft(0, 0, "rosa", "Llegó roto, qué mal", Annotation(stance=-0.6)),
                Draft(0, 0, "tomas", "Bueno, el barista es amable", Annotation(stance=0.3)),
                Draft(0, 0, "tomas", "Súper, me encantó", Annotation(stance=0.7)),
                Draft(0, 0, "nico", "Caro para lo que es", Annotation(stance=-0.8)),
            ]
        )
    )
    merged = Q5Result.merge([day_one, day_two])
    voices = {v.autor: v for v in merged.voces_clave}
    assert (voices["rosa"].polaridad, voices["rosa"].evidencia.texto) == (
        "Detractor",
        "Llegó roto, qué mal",
    )
    assert (voices["tomas"].polaridad, voices["tomas"].evidencia.texto) == (
        "Promotor",
        "Súper, me encantó",
    )
    assert voices["nico"].polaridad == "Neutral"
    assert voices["nico"].evidencia.texto == "Caro para lo que es", "the clearer of the two"

    old_row = dump(day_one)
    for author in old_row["autores_por_plataforma"]["instagram"]:
        quote = author.pop("evidencia_a_favor") or author.pop("evidencia_en_contra")
        author.pop("evidencia_en_contra", None)
        author["evidencia"] = quote
    stored_before = Q5Result.model_validate(old_row)
    assert {v.autor: v.evidencia.texto for v in stored_before.voces_clave} == {
        "rosa": "¡Me encanta, lo mejor!",
        "tomas": "Pésimo, nunca llega",
        "nico": "Rico el café",
    }
