"""Where the dashboard finds the API and which port it serves on.

The dashboard is deployed on its own and reaches the product over HTTP only, so it
reads its two variables here rather than through the API package's settings (which
bring the database layer with them). The rules match ``.env.example``.
"""

import os
from dataclasses import dataclass
from urllib.parse import urlsplit

DEFAULT_API_URL = "http://127.0.0.1:8000"
DEFAULT_UI_PORT = 8501


class ConfigError(ValueError):
    """A dashboard variable is not usable; the message is one line."""


@dataclass(frozen=True)
class UiConfig:
    api_url: str
    ui_port: int


def ui_config() -> UiConfig:
    """``PIXELY_API_URL`` (an http(s) URL) and ``UI_PORT`` (1..65535); empty means default."""
    api_url = os.environ.get("PIXELY_API_URL", "").strip() or DEFAULT_API_URL
    parts = urlsplit(api_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"PIXELY_API_URL {api_url!r} is not an http(s) URL")
    port_text = os.environ.get("UI_PORT", "").strip() or str(DEFAULT_UI_PORT)
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ConfigError(f"UI_PORT {port_text!r} is not a port number (1..65535)")
    return UiConfig(api_url=api_url.rstrip("/"), ui_port=int(port_text))
