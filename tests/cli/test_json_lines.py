"""``pixely annotate``'s JSON lines are what the json module writes for a dumped model."""

import json

import pytest

from pixely_api.insights.context import BrandContext
from pixely_dagster.analysis.annotation import AakerScores, Annotation, EmotionScores
from pixely_dagster.analysis.offline import OfflineAnnotator
from pixely_dagster.cli.json_lines import line

TEXTS = [
    "Me encanta este café 😍",
    "pésimo servicio, nunca más @cafearoma",
    'dijo "hola"\t y se fue \\ ✨',
    "",
    "¿precio? ¿hacen envíos?",
    "The coffee is amazing but delivery was a disaster",
]
MADE = [
    Annotation(),
    Annotation(polarity=-0.0, stance=-0.0, topics=('entrega "rápida"', "ñandú"), mentions=("a_b",)),
    Annotation(
        language="en",
        sentiment="mixed",
        polarity=0.12345,
        emotions=EmotionScores(alegria=1.0, ira=0.5),
        aaker=AakerScores(rudeza=0.25),
        dominant_emotion="alegria",
        dominant_aaker="rudeza",
        frame="aspiracional",
        is_request=True,
        annotator="offline-fallback",
    ),
]


def _expected(text: str, annotation: Annotation) -> str:
    record = {"text": text, **annotation.model_dump(mode="json")}
    return json.dumps(record, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("text", TEXTS)
def test_a_line_of_the_offline_annotator_is_the_json_modules_line(text: str) -> None:
    annotation = OfflineAnnotator().annotate([text], BrandContext(brand_name="Café Aroma"))[0]
    assert line(text, annotation) == _expected(text, annotation)


@pytest.mark.parametrize("annotation", MADE)
def test_a_line_of_any_annotation_is_the_json_modules_line(annotation: Annotation) -> None:
    """Labels and topics recur and are written once; a line written a second time, and a
    negative zero beside a zero, still come out as the json module writes them."""
    for _ in range(2):
        assert line("texto", annotation) == _expected("texto", annotation)
    assert line("texto", Annotation(polarity=0.0)) == _expected("texto", Annotation())
