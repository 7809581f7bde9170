"""What the model is told and the shape it must answer in.

The instructions and label definitions come first and never change between batches,
the ficha's brand context next, the comments last: a stable prefix is what the
provider's prompt cache reuses. Changing any text here is a new :data:`PROMPT_VERSION`,
so cached answers of the old prompt are never served for the new one.
"""

import json
import math
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from pixely_api.insights.context import BrandContext
from pixely_api.insights.labels import Language, NarrativeFrame, Sentiment

PROMPT_VERSION = "prompt-1"

HEADER = (
    "You annotate social-media comments written by a brand's audience (mostly Spanish, "
    "some English). Read each comment on its own, as its author meant it, including "
    "slang, emojis and sarcasm. Answer with exactly one item per comment, with the "
    "comment's id, and nothing else. Scores are decimals with at most two digits."
)

LABEL_DEFINITIONS: dict[str, str] = {
    "sentiment": (
        "language: es, en, or und when unclear. sentiment: positive, negative, neutral "
        "(no opinion) or mixed (clear praise and clear criticism together). polarity: "
        "-1 very negative .. 1 very positive. subjectivity: 0 factual .. 1 pure opinion. "
        "sarcasm: true when the literal words say the opposite of what is meant."
    ),
    "emotions": (
        "emotions: Plutchik's eight, each an intensity 0..1, 0 when not expressed: alegria "
        "(joy), confianza (trust), sorpresa (surprise), anticipacion (anticipation, looking "
        "forward), miedo (fear, worry), disgusto (disgust), ira (anger), tristeza (sadness)."
    ),
    "aaker": (
        "aaker: cues of how the author perceives the brand's personality, each 0..1: "
        "sinceridad (honest, down-to-earth), emocion (exciting, daring), competencia "
        "(reliable, capable), sofisticacion (upper-class, charming), rudeza (rugged, tough)."
    ),
    "topics": (
        "topics: up to five things the comment is about, as lowercase singular nouns "
        "without accents (precio, envio, atencion); never the brand's or competitors' names."
    ),
    "frame": (
        "frame: positivo (praise, satisfaction), negativo (complaint, criticism), "
        "aspiracional (desire, wish, want to have or be) or null when none applies."
    ),
    "stance": (
        "stance: toward the brand, -1 detractor .. 1 promoter (praising a competitor "
        "against the brand is negative). expertise: 0..1, how much the author shows "
        "knowledge of the product or the field."
    ),
    "flags": (
        "is_request: asks the brand for something (information, price, help). "
        "is_complaint: reports a problem with the brand or its service. purchase_intent: "
        "wants or plans to buy. crisis: reports something that could hurt the brand "
        "publicly (health, safety, fraud, legal, discrimination)."
    ),
}

# Which definitions each module needs when the model is asked once per module per
# comment, the design this pass replaces (the cost benchmark measures it).
MODULE_DEFINITIONS: dict[str, tuple[str, ...]] = {
    "q1_emociones": ("emotions",),
    "q2_personalidad": ("aaker",),
    "q3_topicos": ("topics", "sentiment"),
    "q4_marcos_narrativos": ("frame",),
    "q5_influenciadores": ("stance",),
    "q6_oportunidades": ("flags", "topics"),
    "q7_sentimiento_detallado": ("sentiment",),
    "q8_temporal": ("sentiment", "topics"),
    "q9_recomendaciones": ("flags", "sentiment", "topics"),
    "q10_resumen_ejecutivo": ("sentiment", "flags", "stance"),
}

Score = Field(ge=0.0, le=1.0)
Signed = Field(ge=-1.0, le=1.0)


class EmotionReading(BaseModel):
    """Plutchik's eight intensities as the model reads them."""

    model_config = ConfigDict(extra="forbid")

    alegria: float = Score
    confianza: float = Score
    sorpresa: float = Score
    anticipacion: float = Score
    miedo: float = Score
    disgusto: float = Score
    ira: float = Score
    tristeza: float = Score


class AakerReading(BaseModel):
    """Aaker's five dimensions as the model reads them."""

    model_config = ConfigDict(extra="forbid")

    sinceridad: float = Score
    emocion: float = Score
    competencia: float = Score
    sofisticacion: float = Score
    rudeza: float = Score


class CommentReading(BaseModel):
    """One comment's answer; ``id`` is the comment's number in the batch."""

    model_config = ConfigDict(extra="forbid")

    id: int
    language: Language
    sentiment: Sentiment
    polarity: float = Signed
    subjectivity: float = Score
    emotions: EmotionReading
    aaker: AakerReading
    topics: list[str]
    frame: NarrativeFrame | None
    stance: float = Signed
    expertise: float = Score
    is_request: bool
    is_complaint: bool
    purchase_intent: bool
    crisis: bool
    sarcasm: bool


class BatchReading(BaseModel):
    """The structured answer to one batch (``response_format`` of the request)."""

    model_config = ConfigDict(extra="forbid")

    items: list[CommentReading]


Role = Literal["system", "user"]


def brand_block(context: BrandContext) -> str:
    """The ficha's brand context as the model sees it (empty fields left out)."""
    fields = {
        "brand": context.brand_name,
        "industry": context.industry,
        "archetype": context.archetype,
        "tone of voice": context.tone_of_voice,
        "target audience": context.target_audience,
        "competitors": ", ".join(context.competitors),
        "brand accounts": ", ".join(f"@{h}" for h in context.brand_handles),
    }
    lines = [f"{name}: {value}" for name, value in fields.items() if value]
    return "Brand context:\n" + ("\n".join(lines) if lines else "(none given)")


def system_prompt(context: BrandContext, sections: Sequence[str] | None = None) -> str:
    """Header, the label definitions (all, or the named ``sections``), brand context."""
    names = list(LABEL_DEFINITIONS) if sections is None else list(sections)
    definitions = "\n".join(f"- {LABEL_DEFINITIONS[name]}" for name in names)
    return f"{HEADER}\n\nLabels:\n{definitions}\n\n{brand_block(context)}"


def comments_block(texts: Sequence[str]) -> str:
    """One JSON object per line, numbered from 1, so each answer names its comment."""
    return "\n".join(
        json.dumps({"id": number, "text": text}, ensure_ascii=False)
        for number, text in enumerate(texts, start=1)
    )


def messages(context: BrandContext, texts: Sequence[str]) -> list[dict[str, str]]:
    """The chat messages of one batch request."""
    return [
        {"role": "system", "content": system_prompt(context)},
        {"role": "user", "content": f"Comments:\n{comments_block(texts)}"},
    ]


def estimate_tokens(text: str) -> int:
    """A provider-independent token estimate: about four characters per token.

    Used to size batches and to stop a run before it overspends; the bill itself is
    counted from the ``usage`` the API returns.
    """
    return math.ceil(len(text) / 4) if text else 0


SCHEMA_TOKENS = estimate_tokens(json.dumps(BatchReading.model_json_schema()))
# A reading is 110-140 tokens of JSON; the request's answer limit leaves as much again
# for a reasoning model's thinking (see ``max_completion_tokens`` in the annotator).
COMPLETION_TOKENS_PER_COMMENT = 150
