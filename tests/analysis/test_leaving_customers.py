"""A customer who says they are leaving is read as leaving by the offline annotator and
counts as a detractor in Q5 and never as competence or sophistication in Q2, even when
the same comment says something kind."""

from pixely_api.insights.context import BrandContext
from pixely_dagster.analysis import q2_personalidad, q5_influenciadores
from pixely_dagster.analysis.offline import OfflineAnnotator
from tests.analysis.factories import Draft, batch

LEAVING = "Lo siento pero a 45 soles ya no, era mi café favorito 😭"
PRAISE = "Qué buen café, súper recomendado"


def _drafts(texts: list[tuple[str, str]]) -> list[Draft]:
    annotations = OfflineAnnotator().annotate([t for _, t in texts], BrandContext(brand_name=""))
    return [
        Draft(0, 0, author, text, a) for (author, text), a in zip(texts, annotations, strict=True)
    ]


def test_a_customer_leaving_is_a_detractor_and_their_quote_is_no_praise() -> None:
    items = _drafts([("marta", LEAVING), ("luis", PRAISE)])
    assert items[0].annotation.churn_risk and items[0].annotation.sentiment == "negative"

    q5 = q5_influenciadores.analyze(batch(items))
    sides = {author.autor: author.polaridad for author in q5.autores}
    assert sides == {"marta": "Detractor", "luis": "Promotor"}
    assert q5.voces_por_polaridad["Detractor"] == 1
    critics = [voice.autor for voice in q5.voces_criticas]
    assert critics == ["marta"]


def test_a_leaving_comment_adds_nothing_to_the_brand_personality() -> None:
    leaving_only = q2_personalidad.analyze(batch(_drafts([("marta", LEAVING)])))
    assert leaving_only.num_comentarios == 1
    assert leaving_only.comentarios_con_senal == 0
    assert all(value == 0 for value in leaving_only.suma_dimensiones.values())
