"""Topics are aspects: grouped, phrases kept whole, typos merged, fillers and verbs left out."""

from datetime import UTC, date, datetime

import pytest

from pixely_api.insights.context import BrandContext
from pixely_dagster.analysis import q3_topicos
from pixely_dagster.analysis.items import CommentItem, PartitionBatch
from pixely_dagster.analysis.offline import OfflineAnnotator

BRAND = BrandContext(brand_name="Café Aurora", competitors=("Tostadores del Sur",))


@pytest.fixture(scope="module")
def annotator() -> OfflineAnnotator:
    return OfflineAnnotator()


def topics(annotator: OfflineAnnotator, text: str) -> tuple[str, ...]:
    return annotator.annotate([text], BRAND)[0].topics


@pytest.mark.parametrize(
    ("text", "aspect"),
    [
        ("Subida de precio sin avisar, mala onda", "precio"),
        ("a 45 soles ya no, está carísimo", "precio"),
        ("Mi pedido lleva 10 días de demora", "entrega"),
        ("El envío express tardó dos semanas", "entrega"),
        ("Cuánto está el preico?", "precio"),
        ("Llevo 10 dias esperando mi peddio", "entrega"),
        ("Love the new colour", "diseño"),
        ("Pedí un frape de vainilla", "bebidas"),
        ("El mesero nos atendió rapidísimo", "atención"),
        ("Sin señal en todo Miraflores", "conexión"),
        ("The food was cold", "comida"),
        ("Me cancelaron el vuelo", "vuelo"),
    ],
)
def test_related_words_and_misspellings_are_one_aspect(
    annotator: OfflineAnnotator, text: str, aspect: str
) -> None:
    assert aspect in topics(annotator, text)


@pytest.mark.parametrize("text", ["Buen producto, lo recomiendo", "El producto llegó bien"])
def test_a_noun_of_its_own_is_not_a_misspelling_of_an_aspect(
    annotator: OfflineAnnotator, text: str
) -> None:
    """*Producto* is one letter short of *productor*, but it is a word of its own: the
    coffee growers are not what a comment about the product is about."""
    assert "productores" not in topics(annotator, text)


def test_a_noun_phrase_is_one_aspect_with_its_accents(annotator: OfflineAnnotator) -> None:
    found = topics(annotator, "El cold brew y la prensa francesa, lo mejor del café")
    assert found == ("cold brew", "prensa francesa", "café")


@pytest.mark.parametrize(
    "text",
    [
        "Nomás digo, en serio, jajsjsj",
        "Neta ándale, me late, qué perro",
        "Ya me cansé, me provoca, qué pinta",
        "Los voy a esperar en breve",
    ],
)
def test_fillers_slang_interjections_and_verbs_are_never_topics(
    annotator: OfflineAnnotator, text: str
) -> None:
    assert topics(annotator, text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "Ya voy por mi tercera bolsa de este tueste",
        "Me llevé 2 bolsas para la oficina",
        "Otra caja de cápsulas para la casa",
        "ordering another bag of the house blend",
    ],
)
def test_a_counted_bag_or_box_is_a_purchase_not_the_packaging(
    annotator: OfflineAnnotator, text: str
) -> None:
    assert "empaque" not in topics(annotator, text)


@pytest.mark.parametrize(
    "text",
    ["Compré 2 bolsas y llegaron rotas", "I ordered two bags and both arrived torn"],
)
def test_counted_bags_that_came_damaged_are_the_packaging(
    annotator: OfflineAnnotator, text: str
) -> None:
    assert "empaque" in topics(annotator, text)


def test_a_counted_bag_beside_a_noun_phrase_keeps_the_phrase(annotator: OfflineAnnotator) -> None:
    assert topics(annotator, "Ya es mi tercera bolsa de cold brew este mes") == ("cold brew",)


@pytest.mark.parametrize(
    "text",
    [
        "La bolsa llegó rota",
        "una bolsa rota, qué pena",
        "the bag was torn open",
        "Cajas aplastadas",
    ],
)
def test_a_bag_or_box_spoken_of_is_the_packaging(annotator: OfflineAnnotator, text: str) -> None:
    assert "empaque" in topics(annotator, text)


def test_places_are_named_as_places(annotator: OfflineAnnotator) -> None:
    assert topics(annotator, "Hacen envíos a Arequipa? y a Villa Rica?") == (
        "entrega",
        "Arequipa",
        "Villa Rica",
    )


def test_competitor_words_are_not_generic_topics(annotator: OfflineAnnotator) -> None:
    assert "Tostadores del Sur" not in topics(annotator, "En Tostadores del Sur es más barato")


def test_the_fichas_competitors_are_recognised_as_competitors() -> None:
    """Named in full or by a distinctive word, with or without accents; a word they share
    with the product («café» in «Qosqo Café») never stands for them."""
    context = BrandContext(
        brand_name="Café Andino",
        competitors=("Vértice Athletics", "Qosqo Café", "Tostadores del Sur"),
    )
    annotator = OfflineAnnotator()
    texts = [
        "En vertice los tenis están más baratos",
        "Prefiero el café de aquí",
        "En Tostadores del Sur la bolsa sigue a 38",
        "QOSQO CAFÉ tiene mejor precio",
    ]
    found = q3_topicos.analyze(batch_of(context, texts, annotator)).temas
    kinds = {t.tema: (t.clase, t.menciones) for t in found}
    assert kinds["Vértice Athletics"] == ("competidor", 1)
    assert kinds["Tostadores del Sur"] == ("competidor", 1)
    assert kinds["Qosqo Café"] == ("competidor", 1)
    assert kinds["café"] == ("aspecto", 2)
    assert kinds["precio"][0] == "aspecto"


def batch_of(
    context: BrandContext, texts: list[str], annotator: OfflineAnnotator
) -> PartitionBatch:
    comments = tuple(
        CommentItem(
            comment_id=f"c{i}",
            post_url="https://instagram.com/p/x",
            platform="instagram",
            author=f"user{i}",
            text=text,
            created_at=datetime(2025, 1, 6, 12, tzinfo=UTC),
        )
        for i, text in enumerate(texts)
    )
    return PartitionBatch(
        context=context,
        partition_date=date(2025, 1, 6),
        comments=comments,
        annotations=tuple(annotator.annotate(texts, context)),
    )
