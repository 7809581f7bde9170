"""A failed run reaches people: ``run_failure_alert`` posts it to the webhook."""

import dagster as dg
import pytest

from pixely_dagster.defs.automation import run_failure_alert
from tests.pipeline.conftest import Pipeline, pipeline_assets, standard_dataset


def test_a_failed_snapshot_run_is_alerted(
    pipeline: Pipeline,
    webhook: tuple[str, list[dict[str, str]]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url, received = webhook
    monkeypatch.setenv("PIXELY_ALERT_WEBHOOK", url)
    pipeline.create_ficha("acme", standard_dataset())
    pipeline.workbook("acme").unlink()
    result = dg.materialize(
        pipeline_assets(),
        selection=["sheet_posts"],
        instance=pipeline.instance,
        partition_key="acme",
        resources=pipeline.resources,
        raise_on_error=False,
    )
    assert not result.success
    failure = result.get_run_failure_event()
    context = dg.build_run_status_sensor_context(
        sensor_name=run_failure_alert.name,
        dagster_instance=pipeline.instance,
        dagster_run=result.dagster_run,
        dagster_event=failure,
    ).for_run_failure()
    run_failure_alert(context)
    assert len(received) == 1
    text = received[0]["text"]
    assert result.run_id in text and "acme" in text and "failed" in text
