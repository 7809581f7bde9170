"""Behaviour of the offline annotator: each test names a rule and can fail if it breaks."""

import logging
from pathlib import Path

import pytest
from openpyxl import load_workbook

from benchmarks.scoring import read_rows
from pixely_api.insights.context import BrandContext
from pixely_dagster.analysis.annotation import Annotation
from pixely_dagster.analysis.offline import VERSION, OfflineAnnotator
from pixely_dagster.analysis.offline.cues import CueSet, gate
from pixely_dagster.analysis.offline.lexicon import load
from pixely_dagster.analysis.offline.normalize import normalise
from pixely_dagster.demo import DEMO_CATALOG

PROJECT_SET = Path(__file__).resolve().parents[1] / "data" / "labelled_comments.tsv"
CONTEXT = BrandContext(
    brand_name="Café Aroma",
    competitors=("Starbucks",),
    brand_handles=("cafearoma",),
)


@pytest.fixture(scope="module")
def annotator() -> OfflineAnnotator:
    return OfflineAnnotator()


def one(annotator: OfflineAnnotator, text: str) -> Annotation:
    return annotator.annotate([text], CONTEXT)[0]


def test_follows_the_annotator_protocol(annotator: OfflineAnnotator) -> None:
    assert (annotator.name, annotator.model, annotator.version) == (
        "offline",
        "rules+learned-emotion-en",
        VERSION,
    )
    result = annotator.annotate(["Me encanta", "Odio esto", ""], CONTEXT)
    assert [type(a) for a in result] == [Annotation] * 3


@pytest.mark.parametrize(
    ("plain", "negated"),
    [
        ("Me gusta el nuevo sabor", "No me gusta el nuevo sabor"),
        ("Es bueno", "Nada bueno que decir"),
        ("I like the new flavor", "I don't like the new flavor"),
        ("It was good", "It was not good at all"),
    ],
)
def test_negation_flips_praise(annotator: OfflineAnnotator, plain: str, negated: str) -> None:
    assert one(annotator, plain).sentiment == "positive"
    assert one(annotator, negated).sentiment == "negative"


def test_negated_criticism_reads_as_praise(annotator: OfflineAnnotator) -> None:
    assert one(annotator, "No está nada mal, me gustó").sentiment == "positive"
    trusted = one(annotator, "Llevo años con ellos y nunca me han fallado")
    assert trusted.sentiment == "positive"
    assert trusted.dominant_emotion == "confianza"
    assert one(annotator, "Sin duda el mejor postre").sentiment == "positive"


def test_negation_scope_ends_at_punctuation(annotator: OfflineAnnotator) -> None:
    assert one(annotator, "No. Me encanta este lugar").sentiment == "positive"


def test_clause_after_pero_weighs_more(annotator: OfflineAnnotator) -> None:
    assert one(annotator, "Es caro, pero me encanta").sentiment == "positive"
    assert one(annotator, "Bonito, pero se rompió y llegó tarde").polarity < 0
    assert one(annotator, "Nice shoes but they broke after a week").polarity < 0
    rich_then_dear = one(annotator, "Rico pero caro").polarity
    dear_then_rich = one(annotator, "Caro pero rico").polarity
    assert rich_then_dear < 0 < dear_then_rich


def test_real_positive_and_negative_content_is_mixed(annotator: OfflineAnnotator) -> None:
    assert one(annotator, "Rápido el delivery, pero llegó frío").sentiment == "mixed"
    assert one(annotator, "Love the brand, but this product didn't work for me").sentiment == (
        "mixed"
    )


def test_intensifiers_and_diminishers_scale(annotator: OfflineAnnotator) -> None:
    plain = one(annotator, "Es bueno").polarity
    assert one(annotator, "Es muy bueno").polarity > plain
    assert one(annotator, "Es un poco bueno").polarity < plain


def test_elongation_and_superlatives(annotator: OfflineAnnotator) -> None:
    stretched = one(annotator, "buenísimooo")
    assert stretched.sentiment == "positive"
    assert stretched.polarity > one(annotator, "bueno").polarity
    assert one(annotator, "siii me encantaaaa").sentiment == "positive"
    assert one(annotator, "soooo goooood").sentiment == "positive"


def test_accents_are_optional(annotator: OfflineAnnotator) -> None:
    accented = one(annotator, "Increíble atención")
    assert one(annotator, "increible atencion") == accented
    assert one(annotator, "Increi\u0301ble atencio\u0301n") == accented


@pytest.mark.parametrize(
    ("text", "sentiment", "emotion"),
    [
        ("😍😍", "positive", "alegria"),
        ("😡", "negative", "ira"),
        ("🤢🤮", "negative", "disgusto"),
        ("😢", "negative", "tristeza"),
        ("el café <3", "positive", "alegria"),
    ],
)
def test_emojis_carry_sentiment_and_emotion(
    annotator: OfflineAnnotator, text: str, sentiment: str, emotion: str
) -> None:
    result = one(annotator, text)
    assert (result.sentiment, result.dominant_emotion) == (sentiment, emotion)


def test_emoji_only_comment_has_no_language(annotator: OfflineAnnotator) -> None:
    assert one(annotator, "😍😍😍").language == "und"


@pytest.mark.parametrize(
    "text",
    [
        "Gracias por nada, otra vez me cobraron doble",
        "Genial, otra vez sin señal en todo el distrito… 🙃",
        "Qué buen servicio, solo 2 horas para que me contesten 🙄",
        "Thanks for nothing",
        "Oh great, another update that breaks the app",
    ],
)
def test_sarcasm_turns_praise_negative(annotator: OfflineAnnotator, text: str) -> None:
    result = one(annotator, text)
    assert result.sarcasm
    assert result.sentiment == "negative"


def test_sincere_praise_is_not_sarcasm(annotator: OfflineAnnotator) -> None:
    result = one(annotator, "Genial el servicio, gracias!")
    assert not result.sarcasm
    assert result.sentiment == "positive"


@pytest.mark.parametrize(
    "text", ["Qué chévere", "Bacán la promo", "Padrísimo!!!", "Está chido", "Re copado el local"]
)
def test_latin_american_praise(annotator: OfflineAnnotator, text: str) -> None:
    assert one(annotator, text).sentiment == "positive"


def test_latin_american_disgust_and_resignation(annotator: OfflineAnnotator) -> None:
    disgust = one(annotator, "Qué asco de comida")
    assert (disgust.sentiment, disgust.dominant_emotion) == ("negative", "disgusto")
    assert one(annotator, "Ni modo, será otro día").sentiment == "neutral"


def test_hashtags_are_split_into_words(annotator: OfflineAnnotator) -> None:
    assert normalise("#NoLesCompren").tokens == ["|", "no", "les", "compren", "|"]
    boycott = one(annotator, "#NoLesCompren")
    assert boycott.sentiment == "negative"
    assert boycott.crisis
    assert one(annotator, "#LunesDeCafé").sentiment == "neutral"


def test_mentions_are_collected_not_read(annotator: OfflineAnnotator) -> None:
    result = one(annotator, "@Maria_P @pesimo.servicio mira esto")
    assert result.mentions == ("maria_p", "pesimo.servicio")
    assert result.sentiment == "neutral"


def test_urls_placeholders_and_entities_are_cleaned(annotator: OfflineAnnotator) -> None:
    assert one(annotator, "https://malo.example.com/horrible").sentiment == "neutral"
    assert one(annotator, "Gracias [NAME] &amp; equipo, me encantó").sentiment == "positive"


@pytest.mark.parametrize(
    "text",
    ["¿Tienen delivery a Surco?", "Precio?", "Info por favor", "Do you ship to Canada?"],
)
def test_requests(annotator: OfflineAnnotator, text: str) -> None:
    result = one(annotator, text)
    assert result.is_request
    assert result.sentiment == "neutral"


@pytest.mark.parametrize(
    "text", ["Lo quiero!!! ¿dónde compro?", "Necesito esas zapatillas", "Where can I buy it?"]
)
def test_purchase_intent(annotator: OfflineAnnotator, text: str) -> None:
    assert one(annotator, text).purchase_intent


def test_rejection_is_not_purchase_intent(annotator: OfflineAnnotator) -> None:
    assert not one(annotator, "No lo quiero, gracias").purchase_intent


def test_complaints(annotator: OfflineAnnotator) -> None:
    assert one(annotator, "Sigo esperando mi reembolso, nadie responde").is_complaint
    assert one(annotator, "Still waiting for my refund").is_complaint
    assert not one(annotator, "Me encanta el café").is_complaint


@pytest.mark.parametrize(
    "text",
    [
        "Mi hijo tuvo intoxicación después de comer ahí",
        "Son unos estafadores, los voy a denunciar",
        "Les voy a poner una demanda por el producto vencido",
        "Boycott this brand, they are a scam",
    ],
)
def test_crisis(annotator: OfflineAnnotator, text: str) -> None:
    assert one(annotator, text).crisis


def test_expertise(annotator: OfflineAnnotator) -> None:
    barista = one(annotator, "Como barista: buena extracción y tueste parejo")
    assert barista.expertise >= 0.5
    assert one(annotator, "Qué rico el café").expertise == 0.0


def test_stance_toward_the_brand(annotator: OfflineAnnotator) -> None:
    assert one(annotator, "Los amo, el mejor café").stance > 0.5
    assert one(annotator, "Mejor me voy a Starbucks, es más rico").stance < 0
    assert one(annotator, "Estafadores, exijo mi reembolso").stance <= -0.7


def test_frame_and_brand_personality(annotator: OfflineAnnotator) -> None:
    dream = one(annotator, "Algún día quiero correr una maratón con estas zapatillas, es mi sueño")
    assert dream.frame == "aspiracional"
    assert one(annotator, "Pésima atención").frame == "negativo"
    assert one(annotator, "Muy elegante, de lujo").dominant_aaker == "sofisticacion"
    assert one(annotator, "Resistentes, aguantan todo en la montaña").dominant_aaker == "rudeza"
    assert one(annotator, "Hola").dominant_aaker is None


def test_topics_are_aspects_with_accents(annotator: OfflineAnnotator) -> None:
    result = one(annotator, "Los precios de las zapatillas y la atención en Café Aroma")
    assert result.topics[:3] == ("precio", "tenis", "atención")
    assert "aroma" not in result.topics


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Me encanta este lugar", "es"),
        ("increible, volvere", "es"),
        ("I love this place", "en"),
        ("jajaja", "es"),
        ("", "und"),
        ("12345", "und"),
        ("https://example.com", "und"),
        ("😂😂", "und"),
    ],
)
def test_language(annotator: OfflineAnnotator, text: str, language: str) -> None:
    assert one(annotator, text).language == language


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "😂🙏😡",
        "https://example.com/x?y=1",
        "12345",
        "x" * 10_000,
        "buen " * 3_000,
        "Привет мир 你好 مرحبا שלום",
        "\x00\x01\x1b[31mhola\x7f\u200b",
        "&lt;&gt;&amp;&#9999999999;",
        "#",
        "@",
        "[NAME]",
        "\ud800",
    ],
)
def test_odd_input_gives_a_valid_annotation(annotator: OfflineAnnotator, text: str) -> None:
    result = one(annotator, text)
    assert Annotation.model_validate(result.model_dump()) == result
    assert result.dominant_emotion is None or result.emotions.model_dump()[result.dominant_emotion]


@pytest.mark.parametrize("text", ["", "😂", "12345", "https://example.com", "\x00\x01"])
def test_unreadable_input_is_neutral_and_undetermined(
    annotator: OfflineAnnotator, text: str
) -> None:
    result = one(annotator, text)
    assert (result.language, result.sentiment, result.dominant_emotion) == ("und", "neutral", None)


def test_non_string_input_does_not_raise(annotator: OfflineAnnotator) -> None:
    result = annotator.annotate([None, 42, 3.5], CONTEXT)  # type: ignore[list-item]
    assert [a.language for a in result] == ["und", "und", "und"]


def test_deterministic_and_order_independent() -> None:
    texts = ["Me encanta 😍", "Pésimo servicio", "¿Precio?", "Genial, otra vez 🙃"] * 3
    first = OfflineAnnotator().annotate(texts, CONTEXT)
    second = OfflineAnnotator().annotate(list(reversed(texts)), CONTEXT)
    assert first == list(reversed(second))
    assert [a.model_dump_json() for a in first] == [
        a.model_dump_json() for a in OfflineAnnotator().annotate(texts, CONTEXT)
    ]


def test_cue_gates_name_the_words_a_letter_choice_or_optional_letter_allows() -> None:
    """``a[ñn]os`` and ``mis?`` gate on the words they spell, so that every word starting
    ``a`` or ``mi`` does not try the pattern."""
    assert gate(r"\b(a[ñn]os|mucha) de experiencia\b") == ({"años", "anos", "mucha"}, set())
    assert gate(r"\bmis? metas?\b") == ({"mi", "mis"}, set())
    assert gate(r"\bi'?ll stick (to|with)\b") == ({"i'll", "ill"}, set())
    assert gate(r"\b[a-z]+ito\b") is None
    assert gate(r"\bestaf\w*") == (set(), {"est"})


def test_cue_gates_read_a_word_a_group_opens_and_a_letter_class_goes_on_with() -> None:
    """``(distint|diferent)\\w*`` must gate on beginnings: as whole words, *distinto* would
    never try the pattern and the cue could not fire."""
    assert gate(r"\b(distint|diferent)\w* de") == (set(), {"dis", "dif"})
    assert gate(r"\b(dist|dif)\S+ de") == (set(), {"dis", "dif"})
    assert gate(r"\b(distinto|diferente) de") == ({"distinto", "diferente"}, set())


def test_cue_gates_never_hide_a_match() -> None:
    """The word index is an optimisation: with or without it the same cues fire."""
    lexicons = load()
    samples = [
        "¿Tienen delivery a Surco?",
        "lo quiero ya, ¿dónde lo compro?",
        "Como barista: extracción y tueste",
        "me cobraron doble, arreglen eso",
        "gracias por nada",
        "algún día lo lograré, mi meta",
        "vi una rata en la cocina",
        "con retinoide y spf",
        "I want it, take my money",
        "as a dermatologist: spf 50",
        "rats everywhere, expired milk",
        "10 años de experiencia, anos de practica, mis metas y mi meta",
        "el viaje soñado, sueños y suenos, productos caducados",
        "i'll stick to my old brand, ill stick with it",
        "thanks for the info, thank you for your help",
        "retinoids that oxidizes, no comedogenica",
    ]
    rows = read_rows(PROJECT_SET)
    for lang in ("es", "en"):
        cues = CueSet(lexicons.cues, lang)
        for text in samples + [row["text"] for row in rows]:
            tokens = normalise(text).tokens
            joined = " ".join(tokens)
            indexed = set(cues._matches(joined, tokens))
            everything = {
                kind
                for (kind, code), patterns in lexicons.cues.items()
                if code == lang
                for pattern in patterns
                if pattern.search(joined)
            }
            assert indexed == everything, (lang, text)
    assert all(
        gate(pattern.pattern) is not None
        for patterns in lexicons.cues.values()
        for pattern in patterns
    )


def test_annotations_built_without_validation_equal_their_validated_copies(
    annotator: OfflineAnnotator,
) -> None:
    """The rules build each annotation without validating it again; every one of a varied
    corpus must be what validation of the same fields gives, with every field present in
    the model's order (the order ``model_dump`` and the JSON lines follow)."""
    texts = [row["text"] for row in read_rows(PROJECT_SET)]
    texts += [
        "",
        "   ",
        "@cafearoma @amiga mira 👀",
        "NO NO NO 😡😡😡 nunca más!!!",
        'el "mejor" servicio 🙃',
        "El café is amazing pero el delivery was a disaster",
        "Starbucks es mejor, me cambio",
        "¿precio? ¿hacen envíos a Arequipa?",
        "como barista te digo que el tueste es perfecto",
    ]
    annotations = annotator.annotate(texts, CONTEXT)
    for text, annotation in zip(texts, annotations, strict=True):
        validated = Annotation.model_validate(annotation.model_dump())
        assert annotation == validated, text
        assert annotation.model_fields_set == set(Annotation.model_fields), text
        for scores in (annotation.emotions, annotation.aaker):
            given = {name: score for name, score in scores if score}
            assert scores == type(scores)(**given), text
            assert scores.model_fields_set == set(given), text
            assert list(scores.__dict__) == list(type(scores).model_fields), text
        assert list(annotation.__dict__) == list(Annotation.model_fields), text
        assert annotation.model_dump_json() == validated.model_dump_json(), text
    with pytest.raises(ValueError, match="frozen"):
        annotations[0].sentiment = "mixed"  # type: ignore[misc]


def test_no_rule_fails_on_the_demo_or_the_labelled_comments(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A rule that raises is caught and the comment read as neutral, so only the log shows
    it: every demo comment and every labelled comment must be read without that fallback."""
    texts = [row["text"] for row in read_rows(PROJECT_SET)]
    for ficha in DEMO_CATALOG.fichas:
        workbook = load_workbook(ficha.workbook_path, read_only=True)
        try:
            header, *rows = workbook["Comments"].iter_rows(values_only=True)
        finally:
            workbook.close()
        column = header.index("comment_text")
        texts.extend(str(row[column]) for row in rows if row[column])
    assert len(texts) > 1000
    with caplog.at_level(logging.ERROR, logger="pixely_dagster.analysis.offline.annotator"):
        OfflineAnnotator().annotate(texts, CONTEXT)
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
