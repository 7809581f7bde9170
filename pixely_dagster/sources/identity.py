"""Item identity for the analysed-items ledger (docs/architecture.md).

A post is its normalised ``post_url``; a comment is the SHA-256 of its post, author,
instant and text. Stable across sheet edits that do not change the item itself
(reordering rows, fixing another cell, re-sharing the sheet).
"""

import hashlib
import unicodedata
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit


def normalize_post_url(url: str) -> str:
    """Trimmed; scheme and host lowercased; query, fragment and trailing slash removed."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, "", ""))


def normalize_username(username: str) -> str:
    """Trimmed, lowercased, without a leading ``@``."""
    return username.strip().lower().lstrip("@")


def normalize_text(text: str) -> str:
    """Unicode NFC, trimmed."""
    return unicodedata.normalize("NFC", text).strip()


def comment_key(post_key: str, username: str, created_at: datetime, text: str) -> str:
    """The comment's ledger identity: two identical comments by one person in one second
    are one comment."""
    instant = created_at.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    material = "\x1f".join((post_key, normalize_username(username), instant, normalize_text(text)))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()
