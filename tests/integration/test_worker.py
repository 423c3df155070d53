"""The worker against a real Kafka broker: seed to gold, DLQ, restarts, consumer-group scaling."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from typing import Any

from schemas import EnrichedArticle, EventRecord
from tests.conftest import SEED, SEED_PUBLISHED_AT
from tests.integration.conftest import EVENT_WORKER, KafkaTopics, WorkerProcess, article_json
from workers.evaluate.seed_gold import check_gold
from workers.sinks import dlq

ENGLISH_ARTICLE = (
    "Ukraine's military said on Tuesday that at least 12 soldiers were killed and 30 wounded "
    "in a Russian missile strike on a training ground near Dnipro, according to officials."
)


def headers_of(record: Any) -> dict[str, bytes]:
    return {name: value for name, value in record.headers}


def test_seed_published_to_kafka_comes_out_as_events_and_enriched_article_meeting_gold(
    kafka_topics: Callable[..., KafkaTopics],
    start_worker: Callable[..., WorkerProcess],
    seed_gold: dict[str, Any],
) -> None:
    topics = kafka_topics()
    produced = subprocess.run(
        [str(EVENT_WORKER), "produce", "--published-at", SEED_PUBLISHED_AT, str(SEED)],
        env={**topics.env(), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert produced.returncode == 0, produced.stderr
    worker = start_worker(topics)

    enriched_records = topics.read(topics.enriched, expected=1)
    assert len(enriched_records) == 1, worker.tail()
    enriched = EnrichedArticle.model_validate_json(enriched_records[0].value)
    assert enriched_records[0].key == SEED.stem.encode()
    assert enriched.article_id == SEED.stem
    assert enriched.language == "ar"

    failures = [item for item in check_gold(enriched, seed_gold, {"must"}) if not item.passed]
    assert not failures, "\n".join(f"{item.description}: {item.reason}" for item in failures)

    event_records = topics.read(topics.output, expected=len(enriched.events))
    events = [EventRecord.model_validate_json(record.value) for record in event_records]
    assert [record.key.decode() for record in event_records] == [event.event_id for event in events]
    assert sorted(events, key=lambda e: e.event_id) == sorted(enriched.events, key=lambda e: e.event_id)

    worker.wait_for(lambda: worker.http_get("/readyz")[0] == 200, 30, "readiness")
    assert worker.http_get("/healthz")[0] == 200
    worker.wait_for(
        lambda: worker.metric("event_worker_messages_consumed_total", outcome="enriched") == 1, 30, "metrics"
    )
    assert worker.metric("event_worker_messages_produced_total", topic=topics.output, outcome="acked") == len(
        events
    )
    assert worker.metric("event_worker_assigned_partitions") == topics.partitions

    assert worker.stop() == 0
    assert sum(topics.committed().values()) == 1


def test_malformed_messages_land_in_dlq_with_headers_while_good_ones_flow(
    kafka_topics: Callable[..., KafkaTopics], start_worker: Callable[..., WorkerProcess]
) -> None:
    topics = kafka_topics()
    bad_values: dict[str, bytes | None] = {
        "UndecodableMessage:utf8": b"\xff\xfe not utf-8 \xc3\x28",
        "UndecodableMessage:json": b'{"id": "x", "text": ',
        "UndecodableMessage:tombstone": None,
        "UndecodableMessage:oversize": article_json("big", "x" * 5000),
        "InvalidArticle:array": b'["id", "text"]',
        "InvalidArticle:missing-text": b'{"id": "no-text"}',
        "InvalidArticle:blank-text": b'{"id": "blank", "text": "   "}',
        "InvalidArticle:bad-date": article_json("date", "some text", published_at="yesterday-ish"),
    }
    good = {
        f"good-{n}": article_json(f"good-{n}", ENGLISH_ARTICLE, published_at="2025-03-04") for n in range(3)
    }
    values: list[tuple[bytes | None, bytes | None]] = [
        (name.encode(), value) for name, value in bad_values.items()
    ]
    values[1:1] = [(name.encode(), value) for name, value in good.items()]
    metadata = {record.topic_partition: record for record in topics.produce(values)}
    assert metadata
    worker = start_worker(topics, max_message_bytes="4096")

    dead = topics.read(topics.dlq, expected=len(bad_values))
    assert len(dead) == len(bad_values), worker.tail()
    for record in dead:
        name = record.key.decode()
        headers = headers_of(record)
        expected_class = name.split(":")[0]
        assert headers[dlq.HEADER_ERROR_CLASS].decode() == expected_class, (name, headers)
        assert headers[dlq.HEADER_ERROR_REASON], name
        assert headers[dlq.HEADER_ORIGINAL_TOPIC].decode() == topics.input
        assert int(headers[dlq.HEADER_ORIGINAL_PARTITION]) in range(topics.partitions)
        assert int(headers[dlq.HEADER_ORIGINAL_OFFSET]) >= 0
        assert headers[dlq.HEADER_WORKER_VERSION]
        assert record.value == (bad_values[name] or b""), name

    enriched = topics.read(topics.enriched, expected=len(good))
    assert sorted(record.key.decode() for record in enriched) == sorted(good)

    worker.wait_for(
        lambda: worker.metric("event_worker_dead_letters_total") == len(bad_values), 30, "dead-letter metric"
    )
    assert worker.process.poll() is None, "the worker must keep running after bad input"
    assert worker.stop() == 0
    assert sum(topics.committed().values()) == len(bad_values) + len(good)


def test_worker_restarted_mid_stream_loses_no_input_and_resumes_from_committed_offsets(
    kafka_topics: Callable[..., KafkaTopics], start_worker: Callable[..., WorkerProcess]
) -> None:
    topics = kafka_topics()
    total = 120
    articles = [
        (f"a-{n:03d}".encode(), article_json(f"a-{n:03d}", f"{ENGLISH_ARTICLE} Report number {n}."))
        for n in range(total)
    ]
    topics.produce(articles)

    # Small batches so that the stop lands mid-stream.
    first = start_worker(topics, max_batch_size="5")
    first.wait_for(
        lambda: first.metric("event_worker_messages_consumed_total") >= 20,
        60,
        "the first worker to get going",
    )
    assert first.stop() == 0
    committed = topics.committed()
    assert 0 < sum(committed.values()) < total, committed
    outputs_before_restart = topics.end_offsets(topics.enriched)

    second = start_worker(topics)
    second.wait_for(lambda: sum(topics.committed().values()) == total, 90, "all input to be committed")
    assert second.stop() == 0

    enriched = topics.read(topics.enriched, expected=total)
    assert {record.key for record in enriched} == {key for key, _ in articles}, "no article may be lost"
    after_restart = [r for r in enriched if r.offset >= outputs_before_restart[r.partition]]
    for record in after_restart:
        headers = headers_of(record)
        source_partition = int(headers["source-partition"])
        assert int(headers["source-offset"]) >= committed.get(source_partition, 0), (
            "the restarted worker re-read input below the committed offset"
        )
    inputs_with_output = {
        (headers_of(r)["source-partition"], headers_of(r)["source-offset"]) for r in enriched
    }
    assert len(inputs_with_output) == total


def test_two_workers_in_one_group_split_the_partitions(
    kafka_topics: Callable[..., KafkaTopics], start_worker: Callable[..., WorkerProcess]
) -> None:
    topics = kafka_topics(partitions=6)
    workers = [start_worker(topics), start_worker(topics)]
    for worker in workers:
        worker.wait_for(
            lambda w=worker: w.metric("event_worker_assigned_partitions") > 0, 60, "an assignment"
        )

    def split_between_both() -> bool:
        # Eager rebalances pass through states such as [0, 6] while one member rejoins; wait for the end.
        counts = [w.metric("event_worker_assigned_partitions") for w in workers]
        return sum(counts) == topics.partitions and all(count >= 1 for count in counts)

    workers[0].wait_for(split_between_both, 90, "the partitions to be split across the two workers")

    total = 60
    topics.produce([(f"s-{n}".encode(), article_json(f"s-{n}", ENGLISH_ARTICLE)) for n in range(total)])
    workers[0].wait_for(lambda: sum(topics.committed().values()) == total, 90, "all input to be committed")
    consumed = [worker.metric("event_worker_messages_consumed_total") for worker in workers]
    assert all(count > 0 for count in consumed), consumed
    assert sum(consumed) == total
    for worker in workers:
        assert worker.stop() == 0
    enriched = topics.read(topics.enriched, expected=total)
    assert len({record.key for record in enriched}) == total


def test_worker_started_before_its_input_topic_exists_consumes_once_the_topic_is_created(
    kafka_topics: Callable[..., KafkaTopics], start_worker: Callable[..., WorkerProcess]
) -> None:
    topics = kafka_topics(partitions=3, create_on_broker=False)
    worker = start_worker(topics)
    worker.wait_for(
        lambda: any(line.get("event") == "waiting_for_input_topic" for line in worker.log_lines),
        60,
        "the waiting log line",
    )
    assert worker.http_get("/readyz")[0] == 503

    topics.create_on_broker()
    worker.wait_for(lambda: worker.http_get("/readyz")[0] == 200, 90, "readiness once the topic exists")
    topics.produce([(b"late", article_json("late", ENGLISH_ARTICLE, published_at="2025-03-04"))])

    enriched = topics.read(topics.enriched, expected=1, timeout_s=90)
    assert [record.key for record in enriched] == [b"late"], worker.tail()
    assert worker.stop() == 0
