"""Processing steps: each takes work with submit(), advances with poll(), drains with join().

A step hands its result to the next one, so the pipeline is a chain built in `factory.py`.
Steps never talk to Kafka directly; they get a producer and a committer as narrow interfaces,
which keeps them testable without a broker and lets a transactional mode swap those in later.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, Protocol, TypeVar

from workers.metrics import Metrics
from workers.pipeline.errors import MessageRejected, OutputNotAcknowledged
from workers.pipeline.messages import Message, OutgoingRecord, Processed

T_contra = TypeVar("T_contra", contravariant=True)
_BACKPRESSURE_PAUSE_S = 0.002


class ProcessingStep(Protocol, Generic[T_contra]):
    def submit(self, item: T_contra) -> None:
        """Take one item, or raise MessageRejected when full."""

    def poll(self) -> None:
        """Do any work that is ready without blocking."""

    def join(self, timeout_s: float) -> None:
        """Finish all submitted work, waiting at most timeout_s."""

    def close(self) -> None:
        """Release resources; no submit() after this."""


class Delivery(Protocol):
    """The broker's answer to one produced record."""

    def is_done(self) -> bool: ...

    def failure(self) -> BaseException | None: ...


class RecordProducer(Protocol):
    def send(self, record: OutgoingRecord) -> Delivery: ...

    def flush(self, timeout_s: float) -> None: ...


class OffsetCommitter(Protocol):
    def commit(self, next_offsets: dict[tuple[str, int], int]) -> None:
        """Commit, for each (topic, partition), the offset of the next message to read."""


class EnrichArticles:
    """Turns each message into its output records (or its DLQ record) and passes them on."""

    def __init__(
        self, process: Callable[[Message], Processed], next_step: ProcessingStep[Processed], metrics: Metrics
    ) -> None:
        self._process = process
        self._next_step = next_step
        self._metrics = metrics
        self._carried: Processed | None = None

    def submit(self, item: Message) -> None:
        if self._carried is not None:
            # The previous result is still waiting for room downstream.
            self._forward_carried()
            if self._carried is not None:
                raise MessageRejected
        started = time.perf_counter()
        processed = self._process(item)
        self._metrics.processing_seconds.observe(time.perf_counter() - started)
        self._carried = processed
        self._forward_carried()

    def _forward_carried(self) -> None:
        if self._carried is None:
            return
        try:
            self._next_step.submit(self._carried)
        except MessageRejected:
            return
        self._carried = None

    def poll(self) -> None:
        self._forward_carried()
        self._next_step.poll()

    def join(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        if self._carried is not None:
            # Drain downstream to make room for the held result, then drain again with it.
            self._next_step.join(timeout_s)
            self._forward_carried()
            if self._carried is not None:
                raise OutputNotAcknowledged("no room downstream even after draining it")
        self._next_step.join(max(0.0, deadline - time.monotonic()))

    def close(self) -> None:
        self._next_step.close()


@dataclass
class _InFlight:
    processed: Processed
    deliveries: list[Delivery] = field(default_factory=list)


class ProduceOutputs:
    """Sends each message's records; forwards the message only once all of them are acked, in order."""

    def __init__(
        self,
        producer: RecordProducer,
        next_step: ProcessingStep[Message],
        metrics: Metrics,
        max_pending_records: int,
    ) -> None:
        self._producer = producer
        self._next_step = next_step
        self._metrics = metrics
        self._max_pending_records = max_pending_records
        self._queue: deque[_InFlight] = deque()
        self._pending_records = 0

    def submit(self, item: Processed) -> None:
        if self._pending_records >= self._max_pending_records:
            raise MessageRejected
        in_flight = _InFlight(item, [self._producer.send(record) for record in item.records])
        self._pending_records += len(in_flight.deliveries)
        self._queue.append(in_flight)

    def poll(self) -> None:
        # In order: a later message never commits before an earlier one of its partition.
        while self._queue and all(delivery.is_done() for delivery in self._queue[0].deliveries):
            in_flight = self._queue.popleft()
            self._pending_records -= len(in_flight.deliveries)
            self._complete(in_flight)
        self._next_step.poll()

    def _complete(self, in_flight: _InFlight) -> None:
        processed = in_flight.processed
        for record, delivery in zip(processed.records, in_flight.deliveries, strict=True):
            failure = delivery.failure()
            self._metrics.messages_produced.labels(
                topic=record.topic, outcome="failed" if failure else "acked"
            ).inc()
            if failure is not None:
                raise OutputNotAcknowledged(
                    f"{record.topic} did not acknowledge output of "
                    f"{processed.message.topic}[{processed.message.partition}]@{processed.message.offset}: "
                    f"{failure!r}"
                ) from failure
        message = processed.message
        self._metrics.messages_consumed.labels(
            topic=message.topic, outcome="dead_lettered" if processed.dead_lettered else "enriched"
        ).inc()
        if message.timestamp_ms is not None:
            latency = max(0.0, time.time() - message.timestamp_ms / 1000)
            self._metrics.end_to_end_latency_seconds.observe(latency)
        self._next_step.submit(message)

    def join(self, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        if self._queue:
            self._producer.flush(timeout_s)
        self.poll()
        if self._queue:
            raise OutputNotAcknowledged(
                f"{self._pending_records} output records were not acknowledged within {timeout_s:.1f}s"
            )
        self._next_step.join(max(0.0, deadline - time.monotonic()))

    def close(self) -> None:
        self._next_step.close()


class CommitOffsets:
    """Collects finished offsets per partition and commits them on join()."""

    def __init__(self, committer: OffsetCommitter) -> None:
        self._committer = committer
        self._next_offsets: dict[tuple[str, int], int] = {}

    def submit(self, item: Message) -> None:
        self._next_offsets[item.partition_key] = item.offset + 1

    def poll(self) -> None:
        """Commits wait for join(): one commit per batch keeps broker load low."""

    def join(self, timeout_s: float) -> None:
        del timeout_s  # the committer applies its own request timeout
        if self._next_offsets:
            self._committer.commit(self._next_offsets)
            self._next_offsets = {}

    def take_ready(self, partitions: set[tuple[str, int]]) -> dict[tuple[str, int], int]:
        """Hand over finished, uncommitted offsets of the given partitions (used on revocation)."""
        ready = {tp: offset for tp, offset in self._next_offsets.items() if tp in partitions}
        for tp in ready:
            del self._next_offsets[tp]
        return ready

    def close(self) -> None:
        """Nothing to release: the consumer owns the commit channel."""


def submit_with_backpressure(
    submit: Callable[[Message], None], poll: Callable[[], None], message: Message
) -> None:
    """Retry a rejected submit after letting the pipeline make progress; failures surface from poll()."""
    while True:
        try:
            submit(message)
        except MessageRejected:
            poll()
            time.sleep(_BACKPRESSURE_PAUSE_S)
        else:
            return
