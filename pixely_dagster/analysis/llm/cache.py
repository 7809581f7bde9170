"""Answers kept per comment in ``llm_response_cache``, so no comment is paid for twice.

The key hashes the model, the prompt version, the brand context and the comment: a
retried or re-materialized partition, or the same comment on another day, is answered
from the table; a new model or prompt is a new key, so an upgrade re-reads everything.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from pixely_api.insights.context import BrandContext
from pixely_api.models import LlmCacheEntry


def cache_key(model: str, prompt_version: str, context: BrandContext, text: str) -> str:
    """SHA-256 hex of everything the answer depends on."""
    payload = json.dumps(
        [model, prompt_version, context.model_dump(mode="json"), text],
        ensure_ascii=False,
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class ResponseCache:
    """Reads and writes cached comment readings through an engine passed in."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def get_many(self, keys: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The stored readings of those keys that are present."""
        wanted = list(dict.fromkeys(keys))
        found: dict[str, dict[str, Any]] = {}
        with Session(self._engine) as session:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                rows = session.execute(
                    select(LlmCacheEntry.cache_key, LlmCacheEntry.response).where(
                        LlmCacheEntry.cache_key.in_(chunk)
                    )
                )
                found.update({key: response for key, response in rows})
        return found

    def put_many(
        self,
        model: str,
        entries: Mapping[str, dict[str, Any]],
        prompt_tokens: int,
        completion_tokens: int,
    ) -> None:
        """Store one batch's readings; the batch's tokens are shared out among them.

        A key already present (a racing run answered it first) is left as it is.
        """
        if not entries:
            return
        share = len(entries)
        with Session(self._engine) as session, session.begin():
            present = set(
                session.scalars(
                    select(LlmCacheEntry.cache_key).where(LlmCacheEntry.cache_key.in_(entries))
                )
            )
            session.add_all(
                LlmCacheEntry(
                    cache_key=key,
                    model=model,
                    response=response,
                    prompt_tokens=prompt_tokens // share,
                    completion_tokens=completion_tokens // share,
                )
                for key, response in entries.items()
                if key not in present
            )
