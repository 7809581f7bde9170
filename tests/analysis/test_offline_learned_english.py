"""The learned English models: what they decide, what they leave to the rules, what ships.

Sentences here are written for these tests; none comes from an evaluation file.
"""

from pathlib import Path

import pytest

from benchmarks import train_word_models
from pixely_api.insights.context import BrandContext
from pixely_api.insights.labels import EMOTIONS
from pixely_dagster.analysis.annotation import Annotation
from pixely_dagster.analysis.offline import OfflineAnnotator, learned
from pixely_dagster.analysis.offline.calibrate import FALLBACK_INTENSITY

CONTEXT = BrandContext(brand_name="Marca")
GOEMOTIONS = [
    "admiration", "amusement", "anger", "annoyance", "approval", "caring", "confusion",
    "curiosity", "desire", "disappointment", "disapproval", "disgust", "embarrassment",
    "excitement", "fear", "gratitude", "grief", "joy", "love", "nervousness", "optimism",
    "pride", "realization", "relief", "remorse", "sadness", "surprise", "neutral",
]  # fmt: skip


def _read(text: str, learned_english: bool = True) -> Annotation:
    return OfflineAnnotator(learned_english=learned_english).annotate([text], CONTEXT)[0]


def _emotion(text: str, learned_english: bool = True) -> str | None:
    return _read(text, learned_english).dominant_emotion


def test_the_shipped_tables_are_small_and_speak_the_products_labels() -> None:
    english = learned.load()
    for path, model, labels in (
        (learned.EMOTION_PATH, english.emotion_model, {*EMOTIONS, learned.NONE}),
        (learned.SENTIMENT_PATH, english.sentiment_model, {"positive", "negative", "neutral"}),
    ):
        assert path.stat().st_size < 1_000_000
        assert set(model.labels) == labels - {"confianza"}
        assert len(model.weights) > 1000
        assert all(len(row) == len(model.labels) for row in model.weights.values())


def test_a_table_with_a_label_the_product_lacks_is_refused(tmp_path: Path) -> None:
    table = tmp_path / "odd.tsv"
    table.write_text("word\tpositive\tawe\n<bias>\t0\t0\n", encoding="utf-8")
    with pytest.raises(ValueError, match="awe"):
        learned.read(table, learned.SENTIMENT_LABELS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I wish I could afford the bigger size", "anticipacion"),
        ("Oh man, the stairs in that building still give me nightmares", "miedo"),
        ("We finally got tickets for the show next month", "anticipacion"),
    ],
)
def test_an_english_comment_without_emotion_words_gets_the_models_emotion(
    text: str, expected: str
) -> None:
    assert _emotion(text, learned_english=False) is None
    assert _emotion(text) == expected


def test_the_model_replaces_the_guess_from_polarity_alone() -> None:
    text = "ugh, the app logged me out again"
    assert _emotion(text, learned_english=False) == "ira"
    assert _emotion(text) == "disgusto"


@pytest.mark.parametrize(
    "text",
    [
        "I love this",
        "Honestly I'm worried the battery will die again",
        "Lost my dog last week and this ad made me cry",
    ],
)
def test_an_emotion_word_keeps_the_rules_reading(text: str) -> None:
    assert _emotion(text) == _emotion(text, learned_english=False)


@pytest.mark.parametrize(
    "text", ["Do you deliver on Sundays?", "Which size fits a ten year old?", "Is it vegan?"]
)
def test_a_plain_question_shows_no_emotion(text: str) -> None:
    assert _emotion(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Ojalá pudiera comprar la talla grande",
        "Las escaleras de ese edificio todavía me dan pesadillas",
        "¿Hacen envíos los domingos?",
    ],
)
def test_spanish_comments_are_left_to_the_rules(text: str) -> None:
    assert _read(text) == _read(text, learned_english=False)


def _model(
    labels: tuple[str, ...], bias: tuple[float, ...], **weights: tuple[float, ...]
) -> learned.WordModel:
    return learned.WordModel(labels, bias, weights)


def test_the_best_label_sums_the_weights_of_distinct_words() -> None:
    model = _model(
        ("none", "alegria", "ira"), (0.5, 0.0, 0.0), great=(0, 0.4, 0), awful=(0, 0, 0.6)
    )
    assert model.best([]) == "none"
    assert model.best(["great", "great", "great"]) == "none"
    assert model.best(["awful"]) == "ira"
    assert model.best(["great", "awful", "unknown"]) == "ira"


def test_the_polarity_guess_stands_when_the_model_sees_no_emotion() -> None:
    calm = _model(("none", "miedo"), (1.0, 0.0))
    scared = _model(("none", "miedo"), (0.0, 1.0))
    sentiment = _model(("negative", "neutral", "positive"), (0.0, 1.0, 0.0))
    scores = [0.0] * len(EMOTIONS)
    scores[EMOTIONS.index("ira")] = FALLBACK_INTENSITY
    assert learned.English(calm, sentiment).emotion(["late"], scores, "ira") == (scores, "ira")
    settled, dominant = learned.English(scared, sentiment).emotion(["late"], scores, "ira")
    assert dominant == "miedo"
    assert settled[EMOTIONS.index("miedo")] == FALLBACK_INTENSITY
    assert scores[EMOTIONS.index("miedo")] == 0.0


def test_only_a_neutral_rule_reading_is_handed_to_the_sentiment_model() -> None:
    gloomy = _model(("negative", "neutral", "positive"), (1.0, 0.0, 0.0))
    english = learned.English(_model(("none",), (0.0,)), gloomy)
    assert english.sentiment(["fine"], "neutral") == "negative"
    for label in ("positive", "mixed", "negative"):
        assert english.sentiment(["fine"], label) == label


@pytest.mark.parametrize(
    "text", ["lol my cat knocked the whole display over", "I wish I could afford the bigger size"]
)
def test_an_english_comment_the_rules_call_neutral_gets_the_models_sentiment(text: str) -> None:
    assert _read(text, learned_english=False).sentiment == "neutral"
    assert _read(text).sentiment == "positive"


@pytest.mark.parametrize(
    "text",
    ["Do you ship to Canada?", "The store opens at nine on Sundays", "My order number is 4471"],
)
def test_plain_questions_and_facts_stay_neutral(text: str) -> None:
    assert _read(text).sentiment == "neutral"


def test_every_goemotions_label_maps_to_a_product_label() -> None:
    assert set(train_word_models.PLUTCHIK) == set(GOEMOTIONS)
    assert set(train_word_models.PLUTCHIK.values()) <= {*EMOTIONS, learned.NONE}
    assert train_word_models.PLUTCHIK["curiosity"] == learned.NONE


def test_training_learns_and_writes_a_table_the_annotator_can_load(tmp_path: Path) -> None:
    data = tmp_path / "toy.tsv"
    lines = ["text\tgoemotions\tekman\tsentiment_group\tsource"]
    for i in range(30):
        lines.append(f"so happy today number {i}\tjoy\tjoy\tpositive\tx")
        lines.append(f"this makes me furious {i}\tanger\tanger\tnegative\tx")
        lines.append(f"the store opens at {i}\tneutral\tneutral\tneutral\tx")
        lines.append(f"so happy and furious {i}\tjoy,anger\tjoy,anger\tambiguous\tx")
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "table.tsv"
    assert train_word_models.main(["--data", str(data), "--out", str(out)]) == 0
    model = learned.read(out, learned.EMOTION_LABELS)
    assert model.labels == ("alegria", "ira", "none")
    assert model.best(["so", "happy"]) == "alegria"
    assert model.best(["furious"]) == "ira"
    assert model.best(["the", "store", "opens"]) == "none"
    assert (
        train_word_models.main(["--task", "sentiment", "--data", str(data), "--out", str(out)]) == 0
    )
    model = learned.read(out, learned.SENTIMENT_LABELS)
    assert model.labels == ("negative", "neutral", "positive")
    assert model.best(["so", "happy"]) == "positive"
    assert model.best(["furious"]) == "negative"
