"""The learned English emotion: what it decides, what it leaves to the rules, what ships.

Sentences here are written for these tests; none comes from an evaluation file.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import train_emotion_model
from pixely_api.insights.context import BrandContext
from pixely_api.insights.labels import EMOTIONS
from pixely_dagster.analysis.offline import OfflineAnnotator, learned
from pixely_dagster.analysis.offline.calibrate import EMOTION_FLOOR, FALLBACK_INTENSITY

CONTEXT = BrandContext(brand_name="Marca")
GOEMOTIONS = [
    "admiration", "amusement", "anger", "annoyance", "approval", "caring", "confusion",
    "curiosity", "desire", "disappointment", "disapproval", "disgust", "embarrassment",
    "excitement", "fear", "gratitude", "grief", "joy", "love", "nervousness", "optimism",
    "pride", "realization", "relief", "remorse", "sadness", "surprise", "neutral",
]  # fmt: skip


def _emotion(text: str, learned_emotion: bool = True) -> str | None:
    """The dominant emotion with the model switched on (or, when asked, off)."""
    annotator = OfflineAnnotator(learned_emotion=learned_emotion)
    return annotator.annotate([text], CONTEXT)[0].dominant_emotion


def test_the_model_reads_english_emotion_unless_switched_off() -> None:
    text = "I wish I could afford the bigger size"
    assert OfflineAnnotator().annotate([text], CONTEXT)[0].dominant_emotion == "anticipacion"
    assert _emotion(text, learned_emotion=False) is None
    assert OfflineAnnotator(learned_emotion=False).model == "rules"


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
    assert _emotion(text, learned_emotion=False) is None
    assert _emotion(text) == expected


def test_the_model_replaces_the_guess_from_polarity_alone() -> None:
    text = "ugh, the app logged me out again"
    assert _emotion(text, learned_emotion=False) == "ira"
    assert _emotion(text) == "disgusto"


def test_the_model_overrules_an_emotion_word_of_the_rules() -> None:
    text = "Thank you so much for the quick reply"
    assert _emotion(text, learned_emotion=False) == "confianza"
    assert _emotion(text) == "alegria"


@pytest.mark.parametrize(
    "text",
    [
        "I love this",
        "Honestly I'm worried the battery will die again",
        "Lost my dog last week and this ad made me cry",
    ],
)
def test_plain_emotion_words_are_read_alike_by_both(text: str) -> None:
    assert _emotion(text) == _emotion(text, learned_emotion=False) is not None


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
    assert _emotion(text) == _emotion(text, learned_emotion=False)


def test_predict_sums_the_weights_of_distinct_words() -> None:
    model = learned.EmotionModel(
        labels=("none", "alegria", "ira"),
        bias=(0.5, 0.0, 0.0),
        weights={"great": (0.0, 0.4, 0.0), "awful": (0.0, 0.0, 0.6)},
    )
    assert model.predict([]) is None
    assert model.predict(["great", "great", "great"]) is None
    assert model.predict(["awful"]) == "ira"
    assert model.predict(["great", "awful", "unknown"]) == "ira"


def test_settle_lets_the_model_decide_and_the_rules_speak_only_from_an_emotion_word() -> None:
    blind = learned.EmotionModel(labels=("none", "miedo"), bias=(1.0, 0.0), weights={})
    guess = [0.0] * len(EMOTIONS)
    guess[EMOTIONS.index("ira")] = FALLBACK_INTENSITY
    assert learned.settle(blind, ["late"], guess, "ira") == (guess, None), "a polarity guess"
    word = [0.0] * len(EMOTIONS)
    word[EMOTIONS.index("ira")] = EMOTION_FLOOR + 0.2
    assert learned.settle(blind, ["furious"], word, "ira") == (word, "ira")

    scared = learned.EmotionModel(labels=("none", "miedo"), bias=(0.0, 1.0), weights={})
    settled, dominant = learned.settle(scared, ["furious"], word, "ira")
    assert dominant == "miedo"
    assert settled[EMOTIONS.index("miedo")] == max(settled) == EMOTION_FLOOR + 0.2
    assert word[EMOTIONS.index("miedo")] == 0.0, "the caller's scores are not changed"
    settled, _ = learned.settle(scared, ["late"], [0.0] * len(EMOTIONS), None)
    assert settled[EMOTIONS.index("miedo")] == FALLBACK_INTENSITY


def test_a_sarcastic_comment_is_left_to_the_rules() -> None:
    literal = "Great delivery, it arrived in 3 days"
    sarcastic = "Great delivery, only took 3 weeks"
    assert _emotion(literal) == "alegria"
    assert _emotion(sarcastic) == _emotion(sarcastic, learned_emotion=False) != "alegria"


def test_every_goemotions_label_maps_to_a_product_label() -> None:
    assert set(train_emotion_model.PLUTCHIK) == set(GOEMOTIONS)
    assert set(train_emotion_model.PLUTCHIK.values()) <= {*EMOTIONS, learned.NONE}
    assert train_emotion_model.PLUTCHIK["curiosity"] == learned.NONE


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
    assert train_emotion_model.main(["--data", str(data), "--out", str(out)]) == 0
    model = learned.load(out)
    assert model.labels == ("alegria", "ira", "none")
    assert model.predict(["so", "happy"]) == "alegria"
    assert model.predict(["furious"]) == "ira"
    assert model.predict(["the", "store", "opens"]) is None


def test_the_model_names_the_same_emotion_whatever_the_process_hashing() -> None:
    """A comment whose top two sums differ only by rounding: summed in set order, it read
    as disgust in some processes and as no emotion in others."""
    script = (
        "from pixely_api.insights.context import BrandContext\n"
        "from pixely_dagster.analysis.offline import OfflineAnnotator\n"
        "text = 'Ugh, the box comes with twelve pods because the #MondayCoffee'\n"
        "print(OfflineAnnotator().annotate([text], BrandContext(brand_name='Marca'))[0]"
        ".model_dump_json())\n"
    )
    readings = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("6", "9")
    }
    assert len(readings) == 1, readings
