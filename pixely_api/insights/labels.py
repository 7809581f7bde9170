"""Label vocabularies shared by the analyzers, the insight contract and the dashboard.

Values stored in data are ASCII (``alegria``, ``anticipacion``); the dashboard maps
them to their accented display names with :data:`DISPLAY_NAMES`.
"""

from typing import Literal, get_args

Platform = Literal["instagram", "tiktok", "facebook"]
PLATFORMS: tuple[Platform, ...] = get_args(Platform)

Emotion = Literal[
    "alegria", "confianza", "sorpresa", "anticipacion", "miedo", "disgusto", "ira", "tristeza"
]
EMOTIONS: tuple[Emotion, ...] = get_args(Emotion)

Sentiment = Literal["positive", "negative", "neutral", "mixed"]
SENTIMENTS: tuple[Sentiment, ...] = get_args(Sentiment)

AakerDimension = Literal["sinceridad", "emocion", "competencia", "sofisticacion", "rudeza"]
AAKER_DIMENSIONS: tuple[AakerDimension, ...] = get_args(AakerDimension)

NarrativeFrame = Literal["positivo", "negativo", "aspiracional"]
NARRATIVE_FRAMES: tuple[NarrativeFrame, ...] = get_args(NarrativeFrame)

Language = Literal["es", "en", "und"]

DISPLAY_NAMES: dict[str, str] = {
    "alegria": "Alegría",
    "confianza": "Confianza",
    "sorpresa": "Sorpresa",
    "anticipacion": "Anticipación",
    "miedo": "Miedo",
    "disgusto": "Disgusto",
    "ira": "Ira",
    "tristeza": "Tristeza",
    "positive": "Positivo",
    "negative": "Negativo",
    "neutral": "Neutral",
    "mixed": "Mixto",
    "sinceridad": "Sinceridad",
    "emocion": "Emoción",
    "competencia": "Competencia",
    "sofisticacion": "Sofisticación",
    "rudeza": "Rudeza",
    "positivo": "Positivo",
    "negativo": "Negativo",
    "aspiracional": "Aspiracional",
    "instagram": "Instagram",
    "tiktok": "TikTok",
    "facebook": "Facebook",
}

ClaseTema = Literal["aspecto", "lugar", "competidor"]
"""What a topic is: something about the brand, a place, or a competitor (ficha)."""
