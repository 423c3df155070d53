"""Idempotent kafka-python producer behind the pipeline's RecordProducer interface."""

from __future__ import annotations

from typing import Any

from kafka import KafkaProducer

from workers.pipeline.messages import OutgoingRecord
from workers.settings import WorkerSettings


class KafkaDelivery:
    def __init__(self, future: Any) -> None:
        self._future = future

    def is_done(self) -> bool:
        return bool(self._future.is_done)

    def failure(self) -> BaseException | None:
        if self._future.failed():
            exception: BaseException = self._future.exception
            return exception
        return None


class KafkaRecordProducer:
    def __init__(self, settings: WorkerSettings, **overrides: Any) -> None:
        config: dict[str, Any] = {
            **settings.kafka_common_config(),
            # acks=all with idempotence: an acked output survives a broker failover and is never duplicated
            # by producer retries; duplicates then only come from re-consuming after a crash (at-least-once).
            "acks": "all",
            "enable_idempotence": True,
            "linger_ms": 5,
            "compression_type": None,
            "max_request_size": max(settings.max_message_bytes * 4, 1024 * 1024),
            "delivery_timeout_ms": int(settings.produce_timeout_s * 1000),
            # kafka-python requires delivery_timeout_ms > linger_ms + request_timeout_ms.
            "request_timeout_ms": min(int(settings.produce_timeout_s * 1000) // 2, 30_000),
        }
        config.update(overrides)
        self._producer = KafkaProducer(**config)

    def send(self, record: OutgoingRecord) -> KafkaDelivery:
        future = self._producer.send(
            record.topic, value=record.value, key=record.key, headers=list(record.headers)
        )
        return KafkaDelivery(future)

    def flush(self, timeout_s: float) -> None:
        self._producer.flush(timeout=timeout_s)

    def close(self, timeout_s: float = 10.0) -> None:
        self._producer.close(timeout=timeout_s)
