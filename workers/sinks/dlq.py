"""Dead-letter records: the original bytes, with headers that say what went wrong and where."""

from __future__ import annotations

from workers import __version__
from workers.pipeline.errors import InvalidMessage
from workers.pipeline.messages import Message, OutgoingRecord

# Header names are part of the DLQ contract (see README); replay tooling reads them.
HEADER_ERROR_CLASS = "dlq.error.class"
HEADER_ERROR_STAGE = "dlq.error.stage"
HEADER_ERROR_REASON = "dlq.error.reason"
HEADER_ORIGINAL_TOPIC = "dlq.original.topic"
HEADER_ORIGINAL_PARTITION = "dlq.original.partition"
HEADER_ORIGINAL_OFFSET = "dlq.original.offset"
HEADER_WORKER_VERSION = "dlq.worker.version"

_MAX_REASON_CHARS = 1024


class DeadLetterPolicy:
    """Routes a poison message to the DLQ topic. Limits (max rate, stop after N) slot in here."""

    def __init__(self, dlq_topic: str) -> None:
        self._dlq_topic = dlq_topic

    def __call__(self, message: Message, error: InvalidMessage) -> OutgoingRecord:
        reason = error.reason[:_MAX_REASON_CHARS].encode("utf-8")
        headers = (
            *message.headers,
            (HEADER_ERROR_CLASS, type(error).__name__.encode()),
            (HEADER_ERROR_STAGE, error.stage.encode()),
            (HEADER_ERROR_REASON, reason),
            (HEADER_ORIGINAL_TOPIC, message.topic.encode("utf-8")),
            (HEADER_ORIGINAL_PARTITION, str(message.partition).encode()),
            (HEADER_ORIGINAL_OFFSET, str(message.offset).encode()),
            (HEADER_WORKER_VERSION, __version__.encode()),
        )
        # Keep the original key so the DLQ preserves per-key order for replay.
        key = message.key if message.key is not None else f"{message.topic}:{message.partition}".encode()
        return OutgoingRecord(topic=self._dlq_topic, key=key, value=message.value or b"", headers=headers)
