"""Alerts for people: always to the log, and to ``PIXELY_ALERT_WEBHOOK`` when set."""

import logging

import requests

from pixely_api.settings import get_settings

logger = logging.getLogger("pixely.alerts")
WEBHOOK_TIMEOUT_SECONDS = 5


def send_alert(message: str, webhook_url: str | None = None) -> bool:
    """Log ``message`` as an error and post it as JSON ``{"text": …}`` to the webhook.

    A webhook that cannot be reached is logged, never raised: an alert must not be the
    thing that breaks the orchestrator. Returns whether the webhook took it.
    """
    logger.error(message)
    url = webhook_url if webhook_url is not None else get_settings().alert_webhook
    if not url:
        return False
    try:
        response = requests.post(url, json={"text": message}, timeout=WEBHOOK_TIMEOUT_SECONDS)
        response.raise_for_status()
    except requests.RequestException as error:
        logger.error(f"alert webhook {url} failed: {error}")
        return False
    return True
