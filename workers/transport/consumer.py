"""kafka-python consumer in a group: polling, synchronous commits and rebalance bookkeeping."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from kafka import KafkaConsumer, TopicPartition
from kafka.consumer.subscription_state import ConsumerRebalanceListener
from kafka.errors import KafkaError
from kafka.structs import OffsetAndMetadata

from workers.logging import get_logger
from workers.metrics import Metrics
from workers.pipeline.messages import Message
from workers.settings import WorkerSettings

PartitionKey = tuple[str, int]


class _RebalanceListener(ConsumerRebalanceListener):  # type: ignore[misc]  # kafka-python ships no types
    """Runs on kafka-python's IO loop: it must return promptly and make no blocking consumer calls."""

    def __init__(self, source: KafkaSource) -> None:
        self._source = source

    def on_partitions_revoked(self, revoked: Any) -> None:
        self._source.handle_revoked({(tp.topic, tp.partition) for tp in revoked}, kind="revoked")

    def on_partitions_lost(self, lost: Any) -> None:
        # Membership is gone: a commit would be rejected, so drop the pending offsets.
        self._source.handle_revoked({(tp.topic, tp.partition) for tp in lost}, kind="lost")

    def on_partitions_assigned(self, assigned: Any) -> None:
        self._source.handle_assigned({(tp.topic, tp.partition) for tp in assigned})


class KafkaSource:
    """The worker's view of the input topic: batches of Messages, commits, lag and assignment."""

    def __init__(self, settings: WorkerSettings, metrics: Metrics, **overrides: Any) -> None:
        self._metrics = metrics
        self._log = get_logger(component="consumer")
        self._next_offsets: dict[PartitionKey, int] = {}
        self._assigned: set[PartitionKey] = set()
        self._lag_reported: set[PartitionKey] = set()
        self._take_ready_on_revoke: Callable[[set[PartitionKey]], dict[PartitionKey, int]] | None = None
        config: dict[str, Any] = {
            **settings.kafka_common_config(),
            "group_id": settings.group_id,
            "enable_auto_commit": False,
            "auto_offset_reset": settings.auto_offset_reset,
            "max_poll_records": settings.max_batch_size,
            "max_poll_interval_ms": settings.max_poll_interval_ms,
            "session_timeout_ms": settings.session_timeout_ms,
            "fetch_max_bytes": max(52_428_800, settings.max_message_bytes * 2),
            "max_partition_fetch_bytes": max(1_048_576, settings.max_message_bytes + 1024),
        }
        config.update(overrides)
        self._input_topic = settings.input_topic
        self._consumer = KafkaConsumer(**config)

    def subscribe_once_topic_exists(self, stop: threading.Event, recheck_s: float = 1.0) -> bool:
        """Join the group only after the input topic's partitions are in our metadata.

        A leader that assigns before it has seen the topic hands out nothing, and kafka-python may not
        notice the topic until its next periodic metadata refresh (minutes), so the worker would sit idle.
        Returns False if `stop` was set while waiting."""
        waiting_logged = False
        while not stop.is_set():
            try:
                partitions = self._consumer.partitions_for_topic(self._input_topic)
            except KafkaError as error:
                # Broker briefly unreachable: keep waiting (and honouring stop) rather than crash.
                self._log.warning("metadata_unavailable", topic=self._input_topic, error=repr(error))
                partitions = set()
            if partitions:
                self._consumer.subscribe([self._input_topic], listener=_RebalanceListener(self))
                return True
            if not waiting_logged:
                self._log.warning("waiting_for_input_topic", topic=self._input_topic)
                waiting_logged = True
            stop.wait(recheck_s)
        return False

    def on_revoke_commit(self, take_ready: Callable[[set[PartitionKey]], dict[PartitionKey, int]]) -> None:
        """Where to find finished-but-uncommitted offsets when partitions are revoked."""
        self._take_ready_on_revoke = take_ready

    @property
    def assigned(self) -> frozenset[PartitionKey]:
        return frozenset(self._assigned)

    def poll(self, timeout_ms: int) -> list[Message]:
        batches = self._consumer.poll(timeout_ms=timeout_ms)
        messages = [
            Message(
                topic=record.topic,
                partition=record.partition,
                offset=record.offset,
                key=record.key,
                value=record.value,
                headers=tuple((name, value or b"") for name, value in (record.headers or [])),
                timestamp_ms=record.timestamp if record.timestamp and record.timestamp > 0 else None,
            )
            for records in batches.values()
            for record in records
        ]
        for message in messages:
            self._next_offsets[message.partition_key] = message.offset + 1
        return messages

    def commit(self, next_offsets: dict[PartitionKey, int]) -> None:
        """Synchronous commit from the main loop (never from a rebalance callback)."""
        try:
            self._consumer.commit(offsets=self._as_kafka_offsets(next_offsets))
        except Exception:
            self._metrics.commits.labels(outcome="failed").inc()
            raise
        self._metrics.commits.labels(outcome="ok").inc()

    def handle_revoked(self, partitions: set[PartitionKey], kind: str) -> None:
        self._metrics.rebalances.labels(kind=kind).inc()
        ready = self._take_ready_on_revoke(partitions) if self._take_ready_on_revoke else {}
        if ready and kind == "revoked":
            # commit_async only queues the request on the IO loop, so the callback stays non-blocking.
            self._consumer.commit_async(
                offsets=self._as_kafka_offsets(ready), callback=self._on_revoke_commit
            )
        self._assigned -= partitions
        for key in partitions:
            self._next_offsets.pop(key, None)
            if key in self._lag_reported:
                self._lag_reported.discard(key)
                self._metrics.consumer_lag.remove(key[0], str(key[1]))
        self._metrics.assigned_partitions.set(len(self._assigned))
        if partitions:
            self._log.info(
                "partitions_" + kind, partitions=sorted(partitions), committed=sorted(ready.items())
            )

    def handle_assigned(self, partitions: set[PartitionKey]) -> None:
        self._metrics.rebalances.labels(kind="assigned").inc()
        self._assigned |= partitions
        self._metrics.assigned_partitions.set(len(self._assigned))
        if partitions:
            self._log.info("partitions_assigned", partitions=sorted(partitions))

    def _on_revoke_commit(self, offsets: Any, response: Any) -> None:
        outcome = "failed" if isinstance(response, Exception) else "ok"
        self._metrics.commits.labels(outcome=outcome).inc()

    def update_lag(self) -> None:
        """Lag from the last fetched high watermark; both values are local, so this never blocks."""
        for topic, partition in self._assigned:
            highwater = self._consumer.highwater(TopicPartition(topic, partition))
            next_offset = self._next_offsets.get((topic, partition))
            if highwater is None or next_offset is None:
                continue
            self._metrics.consumer_lag.labels(topic=topic, partition=str(partition)).set(
                max(0, highwater - next_offset)
            )
            self._lag_reported.add((topic, partition))

    def broker_reachable(self) -> bool:
        """True while at least one broker connection is up (for /readyz)."""
        client = self._consumer._client  # noqa: SLF001 -- kafka-python exposes connection state only here
        return any(client.connected(broker.node_id) for broker in client.cluster.brokers())

    def close(self) -> None:
        # autocommit is off, so close() commits nothing behind our back.
        self._consumer.close(autocommit=False)

    @staticmethod
    def _as_kafka_offsets(next_offsets: dict[PartitionKey, int]) -> dict[Any, Any]:
        return {
            TopicPartition(topic, partition): OffsetAndMetadata(offset, "", -1)
            for (topic, partition), offset in next_offsets.items()
        }
