"""Writes a ficha's source workbook (sheets ``Posts`` and ``Comments``, README.md "Source contract")
from plain Python rows, with openpyxl, so tests own every cell they read back.

Dates are written as the ISO 8601 text given (naive = the ficha's timezone, or with an
offset / ``Z``), exactly as a person would type them into the sheet.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

POST_HEADER = (
    "post_url",
    "platform",
    "created_at",
    "content",
    "likes",
    "comments_count",
    "shares",
    "views",
)
COMMENT_HEADER = ("post_url", "comment_text", "ownerUsername", "created_at")


@dataclass(frozen=True)
class PostRow:
    post_url: str
    platform: str
    created_at: str
    content: str = ""
    likes: int = 0
    comments_count: int = 0
    shares: int = 0
    views: int | None = None

    def cells(self) -> tuple[object, ...]:
        return (
            self.post_url,
            self.platform,
            self.created_at,
            self.content,
            self.likes,
            self.comments_count,
            self.shares,
            self.views,
        )


@dataclass(frozen=True)
class CommentRow:
    post_url: str
    comment_text: str
    owner_username: str
    created_at: str

    def cells(self) -> tuple[object, ...]:
        return (self.post_url, self.comment_text, self.owner_username, self.created_at)


def write_workbook(
    path: Path,
    posts: Iterable[PostRow | tuple[object, ...]],
    comments: Iterable[CommentRow | tuple[object, ...]],
) -> Path:
    """Write (or overwrite) ``path`` with both sheets; rows are dataclasses or raw cell
    tuples in header order. Returns ``path``."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Posts"
    sheet.append(POST_HEADER)
    for row in posts:
        sheet.append(row.cells() if isinstance(row, PostRow) else tuple(row))
    comment_sheet = workbook.create_sheet("Comments")
    comment_sheet.append(COMMENT_HEADER)
    for row in comments:
        comment_sheet.append(row.cells() if isinstance(row, CommentRow) else tuple(row))
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path
