"""The brand context a ficha gives the analysis modules."""

from pydantic import BaseModel, ConfigDict, Field


class BrandContext(BaseModel):
    """What the modules know about the brand whose audience they read.

    Built from the ficha (``fichas_cliente`` row); post text and this context frame
    the comments, the comments are what is analysed.
    """

    model_config = ConfigDict(frozen=True)

    brand_name: str
    industry: str = ""
    archetype: str = ""
    tone_of_voice: str = ""
    target_audience: str = ""
    competitors: tuple[str, ...] = ()
    brand_handles: tuple[str, ...] = Field(
        default=(), description="The brand's own usernames (lowercase, no '@'), any platform."
    )
