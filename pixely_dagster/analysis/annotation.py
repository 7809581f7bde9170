"""The per-comment annotation: the one reading of a comment that every module uses.

An annotator (offline rules or an LLM) turns each comment into an :class:`Annotation`
once per partition; Q1–Q9 read annotations only, never the raw text through a second
model call.
"""

from collections.abc import Sequence
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field

from pixely_api.insights.context import BrandContext
from pixely_api.insights.labels import (
    AakerDimension,
    Emotion,
    Language,
    NarrativeFrame,
    Sentiment,
)

Unit = Field(default=0.0, ge=0.0, le=1.0)


class EmotionScores(BaseModel):
    """Plutchik's eight emotions, each an intensity in 0..1 (0 = not expressed)."""

    model_config = ConfigDict(frozen=True)

    alegria: float = Unit
    confianza: float = Unit
    sorpresa: float = Unit
    anticipacion: float = Unit
    miedo: float = Unit
    disgusto: float = Unit
    ira: float = Unit
    tristeza: float = Unit


class AakerScores(BaseModel):
    """Cues of Aaker's brand-personality dimensions in the comment, each 0..1."""

    model_config = ConfigDict(frozen=True)

    sinceridad: float = Unit
    emocion: float = Unit
    competencia: float = Unit
    sofisticacion: float = Unit
    rudeza: float = Unit


class Annotation(BaseModel):
    """How one comment reads. Deterministic for the offline annotator."""

    model_config = ConfigDict(frozen=True)

    language: Language = "und"
    sentiment: Sentiment = "neutral"
    polarity: float = Field(default=0.0, ge=-1.0, le=1.0, description="-1 negative .. 1 positive")
    subjectivity: float = Unit
    emotions: EmotionScores = EmotionScores()
    dominant_emotion: Emotion | None = None
    aaker: AakerScores = AakerScores()
    topics: tuple[str, ...] = Field(
        default=(), description="Aspects the comment is about, as named for display (accents kept)."
    )
    frame: NarrativeFrame | None = None
    stance: float = Field(
        default=0.0, ge=-1.0, le=1.0, description="Toward the brand: -1 detractor .. 1 promoter"
    )
    expertise: float = Unit
    mentions: tuple[str, ...] = Field(
        default=(), description="@usernames the comment mentions (lowercase, no '@')."
    )
    is_request: bool = False
    is_complaint: bool = False
    purchase_intent: bool = False
    crisis: bool = False
    sarcasm: bool = False
    churn_risk: bool = Field(
        default=False, description="The author says they are leaving (a detractor's evidence)."
    )
    dominant_aaker: AakerDimension | None = None
    annotator: str = Field(
        default="", description="Who read it when it differs by comment (e.g. offline-fallback)."
    )


class Annotator(Protocol):
    """Turns comments into annotations; one call per partition batch."""

    name: str
    model: str
    version: str

    def annotate(self, texts: Sequence[str], context: BrandContext) -> list[Annotation]:
        """One annotation per text, in order. Never raises on odd text."""
        ...
