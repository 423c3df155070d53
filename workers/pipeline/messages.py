"""Values that flow between processing steps; independent of the Kafka client library."""

from __future__ import annotations

from dataclasses import dataclass

Headers = tuple[tuple[str, bytes], ...]


@dataclass(frozen=True, slots=True)
class Message:
    """One consumed record, as the pipeline sees it."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: Headers = ()
    timestamp_ms: int | None = None

    @property
    def partition_key(self) -> tuple[str, int]:
        return (self.topic, self.partition)


@dataclass(frozen=True, slots=True)
class OutgoingRecord:
    topic: str
    key: bytes
    value: bytes
    headers: Headers = ()


@dataclass(frozen=True, slots=True)
class Processed:
    """A consumed message and every record it produces; its offset commits once they are all acked."""

    message: Message
    records: tuple[OutgoingRecord, ...]
    dead_lettered: bool = False
