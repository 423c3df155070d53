"""The worker loop: poll a batch, push it through the pipeline, wait for acks, commit, repeat."""

from __future__ import annotations

import threading
import time

from workers.logging import get_logger
from workers.metrics import HealthState, Metrics
from workers.pipeline.factory import Pipeline
from workers.pipeline.messages import Message
from workers.pipeline.steps import submit_with_backpressure
from workers.transport.consumer import KafkaSource


class StreamProcessor:
    """Owns the loop. A batch is finished (outputs acked, offsets committed) before the next poll,
    so a rebalance or a stop never finds half-done work that was not committed."""

    def __init__(
        self,
        source: KafkaSource,
        pipeline: Pipeline,
        metrics: Metrics,
        health: HealthState,
        *,
        poll_timeout_ms: int,
        drain_timeout_s: float,
        stop: threading.Event | None = None,
    ) -> None:
        self._source = source
        self._pipeline = pipeline
        self._metrics = metrics
        self._health = health
        self._poll_timeout_ms = poll_timeout_ms
        self._drain_timeout_s = drain_timeout_s
        self._stop = stop or threading.Event()
        self._log = get_logger(component="processor")
        source.on_revoke_commit(pipeline.commit.take_ready)

    def request_stop(self) -> None:
        """Safe from a signal handler: the loop finishes its batch, commits and returns."""
        self._stop.set()

    def run(self, idle_exit_s: float | None = None) -> None:
        """Run until request_stop(); with idle_exit_s, also return once caught up and idle that long."""
        if not self._source.subscribe_once_topic_exists(self._stop):
            self._log.info("stopping", reason="stop requested before the input topic existed")
            return
        idle_since = time.monotonic()
        while not self._stop.is_set():
            messages = self._source.poll(self._poll_timeout_ms)
            self._health.last_loop_monotonic = time.monotonic()
            self._health.assigned = bool(self._source.assigned)
            self._health.broker_reachable = self._source.broker_reachable()
            if messages:
                self._process_batch(messages)
                idle_since = time.monotonic()
            self._source.update_lag()
            if idle_exit_s is not None and self._caught_up_for(idle_since, idle_exit_s):
                self._log.info("idle_exit", idle_seconds=idle_exit_s)
                break
        self._log.info("stopping", reason="stop requested" if self._stop.is_set() else "idle")

    def _caught_up_for(self, idle_since: float, idle_exit_s: float) -> bool:
        return bool(self._source.assigned) and time.monotonic() - idle_since >= idle_exit_s

    def _process_batch(self, messages: list[Message]) -> None:
        self._metrics.batch_size.observe(len(messages))
        head = self._pipeline.head
        for message in messages:
            submit_with_backpressure(head.submit, head.poll, message)
            head.poll()
        head.join(self._drain_timeout_s)

    def close(self) -> None:
        self._health.assigned = False
        self._pipeline.head.close()
        self._source.close()
