"""What the modules analyse: a partition's audience comments with their posts."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict

from pixely_api.insights.context import BrandContext
from pixely_api.insights.engagement import PostMetrics
from pixely_api.insights.labels import Platform
from pixely_dagster.analysis.annotation import Annotation


class PostItem(PostMetrics):
    """A post with its latest metrics (refreshed at every source read) and its text."""

    content: str = ""


class CommentItem(BaseModel):
    """An audience comment (brand replies never reach the modules)."""

    model_config = ConfigDict(frozen=True)

    comment_id: str
    post_url: str
    platform: Platform
    author: str
    text: str
    created_at: datetime


@dataclass(frozen=True)
class PartitionBatch:
    """Everything one (ficha, day) analysis needs.

    ``annotations[i]`` is the reading of ``comments[i]``. ``posts`` holds every post
    the batch covers: the posts of its comments and the partition's new posts, which
    appear in per-post parts even with zero comments.
    """

    context: BrandContext
    partition_date: date
    comments: tuple[CommentItem, ...]
    annotations: tuple[Annotation, ...]
    posts: Mapping[str, PostItem] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if len(self.comments) != len(self.annotations):
            raise ValueError(
                f"{len(self.comments)} comments but {len(self.annotations)} annotations"
            )
