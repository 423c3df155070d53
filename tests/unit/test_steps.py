"""Pipeline steps without a broker: commit only after acks, in order, with backpressure."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from workers.metrics import Metrics
from workers.pipeline.errors import MessageRejected, OutputNotAcknowledged
from workers.pipeline.messages import Message, OutgoingRecord, Processed
from workers.pipeline.steps import CommitOffsets, EnrichArticles, ProduceOutputs, submit_with_backpressure


@dataclass
class ManualDelivery:
    done: bool = False
    error: BaseException | None = None

    def is_done(self) -> bool:
        return self.done

    def failure(self) -> BaseException | None:
        return self.error


@dataclass
class InMemoryProducer:
    """Keeps deliveries pending until the test acknowledges them."""

    sent: list[tuple[OutgoingRecord, ManualDelivery]] = field(default_factory=list)
    ack_on_flush: bool = True

    def send(self, record: OutgoingRecord) -> ManualDelivery:
        delivery = ManualDelivery()
        self.sent.append((record, delivery))
        return delivery

    def flush(self, timeout_s: float) -> None:
        if self.ack_on_flush:
            self.ack_all()

    def ack_all(self) -> None:
        for _, delivery in self.sent:
            delivery.done = True


@dataclass
class RecordingCommitter:
    commits: list[dict[tuple[str, int], int]] = field(default_factory=list)

    def commit(self, next_offsets: dict[tuple[str, int], int]) -> None:
        self.commits.append(dict(next_offsets))


def message(partition: int, offset: int) -> Message:
    return Message("in", partition, offset, key=b"k", value=b"v", timestamp_ms=None)


def outputs(item: Message, count: int = 2) -> Processed:
    records = tuple(OutgoingRecord("out", b"k", f"{item.offset}-{n}".encode()) for n in range(count))
    return Processed(item, records)


def chain(
    producer: InMemoryProducer, committer: RecordingCommitter, max_pending: int = 100
) -> tuple[EnrichArticles, CommitOffsets]:
    metrics = Metrics()
    commit = CommitOffsets(committer)
    produce = ProduceOutputs(producer, next_step=commit, metrics=metrics, max_pending_records=max_pending)
    return EnrichArticles(outputs, next_step=produce, metrics=metrics), commit


def test_offsets_are_committed_only_after_every_output_is_acknowledged() -> None:
    producer, committer = InMemoryProducer(ack_on_flush=False), RecordingCommitter()
    head, _ = chain(producer, committer)
    head.submit(message(0, 0))
    head.poll()
    with pytest.raises(OutputNotAcknowledged):
        head.join(timeout_s=0.05)
    assert committer.commits == []
    producer.ack_all()
    head.join(timeout_s=1)
    assert committer.commits == [{("in", 0): 1}]


def test_commit_stops_at_the_first_unacknowledged_message_of_the_stream() -> None:
    producer, committer = InMemoryProducer(ack_on_flush=False), RecordingCommitter()
    head, commit = chain(producer, committer)
    for offset in range(3):
        head.submit(message(0, offset))
    producer.sent[0][1].done = producer.sent[1][1].done = True  # message 0 done
    producer.sent[4][1].done = producer.sent[5][1].done = True  # message 2 done, message 1 still pending
    head.poll()
    assert commit.take_ready({("in", 0)}) == {("in", 0): 1}


def test_a_failed_delivery_stops_the_pipeline_without_committing() -> None:
    producer, committer = InMemoryProducer(ack_on_flush=False), RecordingCommitter()
    head, _ = chain(producer, committer)
    head.submit(message(3, 7))
    producer.sent[0][1].done = True
    producer.sent[1][1].done = True
    producer.sent[1][1].error = TimeoutError("broker gone")
    with pytest.raises(OutputNotAcknowledged, match="broker gone"):
        head.poll()
    assert committer.commits == []


def test_full_producer_signals_backpressure_and_the_message_is_retried_after_poll() -> None:
    producer, committer = InMemoryProducer(ack_on_flush=False), RecordingCommitter()
    head, _ = chain(producer, committer, max_pending=2)
    head.submit(message(0, 0))
    head.submit(message(0, 1))  # processed, and held until the producer has room
    assert len(producer.sent) == 2
    with pytest.raises(MessageRejected):
        head.submit(message(0, 2))
    polls = []

    def poll_and_ack() -> None:
        polls.append(1)
        producer.ack_all()
        head.poll()

    submit_with_backpressure(head.submit, poll_and_ack, message(0, 2))
    assert polls, "the rejected submit must have waited for poll()"
    producer.ack_on_flush = True
    head.join(timeout_s=1)
    sent_values = [record.value for record, _ in producer.sent]
    assert sent_values == [b"0-0", b"0-1", b"1-0", b"1-1", b"2-0", b"2-1"]
    assert committer.commits[-1] == {("in", 0): 3}


def test_revocation_hands_over_only_the_revoked_partitions_offsets() -> None:
    committer = RecordingCommitter()
    commit = CommitOffsets(committer)
    for partition, offset in [(0, 4), (1, 9), (2, 1)]:
        commit.submit(message(partition, offset))
    assert commit.take_ready({("in", 1), ("in", 5)}) == {("in", 1): 10}
    commit.join(timeout_s=1)
    assert committer.commits == [{("in", 0): 5, ("in", 2): 2}]
