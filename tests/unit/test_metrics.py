"""Metrics follow Prometheus naming; /healthz and /readyz answer as documented."""

from __future__ import annotations

import time
import urllib.error
import urllib.request

from prometheus_client.parser import text_string_to_metric_families

from workers.metrics import HealthState, Metrics, MetricsServer


def get(port: int, path: str) -> int:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_every_metric_has_the_prefix_and_counters_end_in_total() -> None:
    metrics = Metrics()
    metrics.messages_consumed.labels(topic="t", outcome="enriched").inc()
    families = list(text_string_to_metric_families(metrics.exposition().decode()))
    assert families
    for family in families:
        assert family.name.startswith("event_worker_"), family.name
        for sample in family.samples:
            if family.type == "counter" and not sample.name.endswith("_created"):
                assert sample.name.endswith("_total"), sample.name
    names = {family.name for family in families}
    assert {"event_worker_processing_seconds", "event_worker_end_to_end_latency_seconds"} <= names
    assert {"event_worker_consumer_lag", "event_worker_batch_size", "event_worker_build_info"} <= names


def test_readyz_is_ready_only_when_assigned_reachable_and_looping() -> None:
    health = HealthState()
    server = MetricsServer(Metrics(), health, "127.0.0.1", 0)
    server.start()
    try:
        assert get(server.port, "/healthz") == 200
        assert get(server.port, "/readyz") == 503
        health.last_loop_monotonic = time.monotonic()
        health.broker_reachable = True
        assert get(server.port, "/readyz") == 503
        health.assigned = True
        assert get(server.port, "/readyz") == 200
        health.broker_reachable = False
        assert get(server.port, "/readyz") == 503
        assert get(server.port, "/metrics") == 200
        assert get(server.port, "/nope") == 404
    finally:
        server.stop()
