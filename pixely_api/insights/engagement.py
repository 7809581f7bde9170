"""Engagement from the posts' latest metrics, computed when a window is read.

Likes and views keep growing after a post's first day, so engagement is never stored
in insight rows: the reader passes each post's current metrics (the ``posts`` table)
and gets figures that are true today.
"""

from collections.abc import Iterable
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from pixely_api.insights.labels import Platform
from pixely_api.insights.merging import ratio

TipoEngagement = Literal["tasa", "interacciones_por_post"]


class PostMetrics(BaseModel):
    """A post's latest public metrics (refreshed at every source read)."""

    model_config = ConfigDict(frozen=True)

    post_url: str = Field(description="URL normalizada de la publicación.")
    platform: Platform = Field(description="Red social.")
    created_at: datetime = Field(description="Publicación del post (decide su semana ISO).")
    likes: int = Field(default=0, ge=0, description="Me gusta.")
    comments_count: int = Field(default=0, ge=0, description="Comentarios según la red social.")
    shares: int = Field(default=0, ge=0, description="Veces compartido.")
    views: int | None = Field(default=None, ge=0, description="Visualizaciones, si la red las da.")

    @property
    def interactions(self) -> int:
        """Likes + comments + shares."""
        return self.likes + self.comments_count + self.shares


class Engagement(BaseModel):
    """Engagement of a group of posts."""

    model_config = ConfigDict(frozen=True)

    tipo: TipoEngagement = Field(
        description="tasa (interacciones / vistas), o interacciones_por_post sin vistas."
    )
    valor: float = Field(ge=0, description="Tasa (fracción, 0,05 = 5 %) o interacciones por post.")
    interacciones: int = Field(ge=0, description="Likes + comentarios + compartidos del grupo.")
    vistas: int = Field(ge=0, description="Visualizaciones de los posts con vistas > 0.")
    num_posts: int = Field(ge=0, description="Posts del grupo con métricas.")


def engagement(posts: Iterable[PostMetrics]) -> Engagement:
    """(likes + comments_count + shares) / views over the posts that have views > 0;
    interactions per post when none of them has views. Zero posts gives zero."""
    posts = list(posts)
    interactions = sum(post.interactions for post in posts)
    viewed = [post for post in posts if post.views]
    views = sum(post.views or 0 for post in viewed)
    if viewed:
        value = ratio(sum(post.interactions for post in viewed), views)
        return Engagement(
            tipo="tasa", valor=value, interacciones=interactions, vistas=views, num_posts=len(posts)
        )
    return Engagement(
        tipo="interacciones_por_post",
        valor=ratio(interactions, len(posts)),
        interacciones=interactions,
        vistas=0,
        num_posts=len(posts),
    )
