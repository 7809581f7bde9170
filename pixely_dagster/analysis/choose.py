"""Which annotator reads the comments: the one place ``offline`` / ``openai`` is decided.

The Dagster resource, ``pixely annotate`` and the quality benchmark all build their
annotator here, so a missing key is refused with the same one line everywhere.
"""

from typing import Literal

from sqlalchemy import Engine

from pixely_api.settings import Settings
from pixely_dagster.analysis.annotation import Annotator

AnalyzerName = Literal["offline", "openai", "auto"]


class AnalyzerUnavailableError(ValueError):
    """The chosen analyzer cannot run here (e.g. openai without a key); one line."""


def make_annotator(
    analyzer: str,
    *,
    api_key: str = "",
    model: str = "gpt-5-nano",
    base_url: str = "",
    timeout_seconds: float = 120.0,
    max_tokens_per_run: int | None = None,
    engine: Engine | None = None,
) -> Annotator:
    """The annotator for ``analyzer`` (``auto``: openai when ``api_key`` is given)."""
    from pixely_dagster.analysis.offline import OfflineAnnotator

    if analyzer == "auto":
        analyzer = "openai" if api_key.strip() else "offline"
    if analyzer == "offline":
        return OfflineAnnotator()
    if analyzer != "openai":
        raise AnalyzerUnavailableError(
            f"unknown analyzer {analyzer!r}: use offline, openai or auto"
        )
    if not api_key.strip():
        raise AnalyzerUnavailableError(
            "the openai analyzer needs OPENAI_API_KEY; set it or use the offline analyzer"
        )
    from pixely_dagster.analysis.llm import OpenAIAnnotator

    return OpenAIAnnotator(
        api_key=api_key.strip(),
        fallback=OfflineAnnotator(),
        model=model,
        base_url=base_url or None,
        timeout_seconds=timeout_seconds,
        max_tokens_per_run=max_tokens_per_run,
        engine=engine,
    )


def annotator_from_settings(
    settings: Settings, analyzer: str | None = None, engine: Engine | None = None
) -> Annotator:
    """The annotator the settings ask for (``analyzer`` overrides ``PIXELY_ANALYZER``)."""
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else ""
    return make_annotator(
        analyzer or settings.analyzer,
        api_key=key,
        model=settings.openai_model,
        base_url=settings.openai_base_url or "",
        timeout_seconds=settings.openai_timeout_seconds,
        max_tokens_per_run=settings.max_tokens_per_run,
        engine=engine,
    )
