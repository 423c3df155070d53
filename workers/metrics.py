"""Prometheus metrics and the health endpoints, served together on one port."""

from __future__ import annotations

import platform
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.metadata import version

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)

from workers import __version__

# `_created` series double the scrape size and no dashboard here uses them.
disable_created_metrics()  # type: ignore[no-untyped-call]  # prometheus-client leaves it unannotated

# Enrichment takes milliseconds; end-to-end includes queueing, so it reaches minutes.
_PROCESSING_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900)
_BATCH_BUCKETS = (1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500)


class Metrics:
    """Every metric the worker exports; one registry per worker so tests can run several."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        r = self.registry
        self.messages_consumed = Counter(
            "event_worker_messages_consumed",
            "Input messages fully handled, by outcome (enriched or dead_lettered)",
            ["topic", "outcome"],
            registry=r,
        )
        self.messages_produced = Counter(
            "event_worker_messages_produced",
            "Output records the broker answered for, by outcome (acked or failed)",
            ["topic", "outcome"],
            registry=r,
        )
        self.dead_letters = Counter(
            "event_worker_dead_letters",
            "Input messages routed to the DLQ, by source topic and error class",
            ["topic", "error_class"],
            registry=r,
        )
        self.events_extracted = Counter(
            "event_worker_events_extracted",
            "Event records extracted, by event type",
            ["event_type"],
            registry=r,
        )
        self.processing_seconds = Histogram(
            "event_worker_processing_seconds",
            "Time to decode and enrich one message",
            buckets=_PROCESSING_BUCKETS,
            registry=r,
        )
        self.end_to_end_latency_seconds = Histogram(
            "event_worker_end_to_end_latency_seconds",
            "From the input record's timestamp to the broker acknowledging all its outputs",
            buckets=_LATENCY_BUCKETS,
            registry=r,
        )
        self.batch_size = Histogram(
            "event_worker_batch_size", "Messages per consumed batch", buckets=_BATCH_BUCKETS, registry=r
        )
        self.consumer_lag = Gauge(
            "event_worker_consumer_lag",
            "Messages between the partition's high watermark and the next offset to consume",
            ["topic", "partition"],
            registry=r,
        )
        self.assigned_partitions = Gauge(
            "event_worker_assigned_partitions", "Partitions currently assigned to this worker", registry=r
        )
        self.rebalances = Counter(
            "event_worker_rebalances",
            "Rebalance callbacks, by kind (assigned, revoked, lost)",
            ["kind"],
            registry=r,
        )
        self.commits = Counter(
            "event_worker_offset_commits", "Offset commits, by outcome", ["outcome"], registry=r
        )
        self.build_info = Gauge(
            "event_worker_build_info",
            "Always 1; labels say which build runs",
            ["version", "python_version", "kafka_python_version"],
            registry=r,
        )
        self.build_info.labels(
            version=__version__,
            python_version=platform.python_version(),
            kafka_python_version=version("kafka-python"),
        ).set(1)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


@dataclass
class HealthState:
    """Written by the worker loop, read by the HTTP thread; plain attribute writes are atomic."""

    assigned: bool = False
    broker_reachable: bool = False
    last_loop_monotonic: float = 0.0
    stale_after_s: float = 60.0

    def is_ready(self) -> tuple[bool, str]:
        if time.monotonic() - self.last_loop_monotonic > self.stale_after_s:
            return False, "worker loop is not running"
        if not self.broker_reachable:
            return False, "broker unreachable"
        if not self.assigned:
            return False, "no partitions assigned"
        return True, "ready"


class MetricsServer:
    """`/metrics`, `/healthz` (process alive) and `/readyz` (assigned and broker reachable)."""

    def __init__(self, metrics: Metrics, health: HealthState, host: str, port: int) -> None:
        handler = _handler_for(metrics, health)
        self._server = ThreadingHTTPServer((host, port), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="metrics-http", daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def _handler_for(metrics: Metrics, health: HealthState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path == "/metrics":
                self._reply(200, metrics.exposition(), CONTENT_TYPE_LATEST)
            elif path == "/healthz":
                self._reply(200, b"ok\n", "text/plain")
            elif path == "/readyz":
                ready, reason = health.is_ready()
                self._reply(200 if ready else 503, f"{reason}\n".encode(), "text/plain")
            else:
                self._reply(404, b"not found\n", "text/plain")

        def _reply(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Scrapes every few seconds would flood the logs."""

    return Handler
