"""``python -m pixely_ui``: serve the dashboard with Streamlit on ``UI_PORT`` (8501)."""

import sys
from pathlib import Path

from streamlit.web import cli as streamlit_cli

from pixely_ui.config import ConfigError, ui_config


def main() -> None:
    try:
        port = ui_config().ui_port
    except ConfigError as exc:
        sys.exit(f"error: {exc}")
    app = Path(__file__).resolve().parent / "app.py"
    sys.argv = [
        "streamlit",
        "run",
        str(app),
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "viewer",
        *sys.argv[1:],
    ]
    sys.exit(streamlit_cli.main())


if __name__ == "__main__":
    main()
