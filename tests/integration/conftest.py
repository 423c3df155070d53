"""Real-broker fixtures: one Kafka per test session, fresh topics and group per test, workers as processes."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import NewTopic

from tests.conftest import REPO

BROKER_SCRIPT = REPO / "deploy" / "kafka" / "broker.sh"
EVENT_WORKER = Path(os.environ.get("EVENT_WORKER_BIN", REPO / ".venv" / "bin" / "event-worker"))
TEST_KAFKA_PORT = os.environ.get("EVENT_WORKER_TEST_KAFKA_PORT", "9092")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/integration" in str(item.fspath):
            item.add_marker(pytest.mark.kafka)


@pytest.fixture(scope="session")
def kafka_bootstrap() -> Iterator[str]:
    """Reuse a broker that answers (e.g. `make broker`), or start one for this session and stop it after."""
    explicit = os.environ.get("EVENT_WORKER_TEST_BOOTSTRAP")
    if explicit:
        yield explicit
        return
    env = {**os.environ, "KAFKA_PORT": TEST_KAFKA_PORT}
    already_up = subprocess.run([BROKER_SCRIPT, "status"], env=env, capture_output=True, check=False)
    started = subprocess.run([BROKER_SCRIPT, "start"], env=env, capture_output=True, text=True, check=False)
    if started.returncode != 0:
        pytest.fail(f"could not start the Kafka broker:\n{started.stderr[-4000:]}")
    yield started.stdout.strip().splitlines()[-1]
    if already_up.returncode != 0:
        subprocess.run([BROKER_SCRIPT, "stop"], env=env, capture_output=True, check=False)


@dataclass
class KafkaTopics:
    """Unique topic names and group for one test, so tests never see each other's records."""

    bootstrap: str
    input: str
    output: str
    enriched: str
    dlq: str
    group: str
    partitions: int

    def env(self) -> dict[str, str]:
        return {
            "EVENT_WORKER_BOOTSTRAP_SERVERS": self.bootstrap,
            "EVENT_WORKER_INPUT_TOPIC": self.input,
            "EVENT_WORKER_OUTPUT_TOPIC": self.output,
            "EVENT_WORKER_ENRICHED_TOPIC": self.enriched,
            "EVENT_WORKER_DLQ_TOPIC": self.dlq,
            "EVENT_WORKER_GROUP_ID": self.group,
        }

    def create_on_broker(self) -> None:
        admin = KafkaAdminClient(bootstrap_servers=self.bootstrap)
        try:
            admin.create_topics(
                [
                    NewTopic(name, self.partitions, 1)
                    for name in (self.input, self.output, self.enriched, self.dlq)
                ]
            )
        finally:
            admin.close()

    def produce(self, values: list[tuple[bytes | None, bytes | None]]) -> list[Any]:
        """Publish (key, value) pairs to the input topic; returns their record metadata in order."""
        producer = KafkaProducer(bootstrap_servers=self.bootstrap, acks="all")
        try:
            futures = [producer.send(self.input, key=key, value=value) for key, value in values]
            producer.flush(30)
            return [future.get(timeout=30) for future in futures]
        finally:
            producer.close()

    def read(self, topic: str, expected: int, timeout_s: float = 60.0) -> list[Any]:
        """Read a topic from the start (no group) until `expected` records or the timeout."""
        consumer = KafkaConsumer(
            bootstrap_servers=self.bootstrap,
            group_id=None,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
        )
        partitions = [TopicPartition(topic, p) for p in range(self.partitions)]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        records: list[Any] = []
        deadline = time.monotonic() + timeout_s
        try:
            while len(records) < expected and time.monotonic() < deadline:
                for batch in consumer.poll(timeout_ms=500).values():
                    records.extend(batch)
            # A short extra read catches records beyond `expected` (duplicates, strays).
            for batch in consumer.poll(timeout_ms=1000).values():
                records.extend(batch)
        finally:
            consumer.close()
        return records

    def committed(self) -> dict[int, int]:
        admin = KafkaAdminClient(bootstrap_servers=self.bootstrap)
        try:
            offsets = admin.list_group_offsets(self.group).get(self.group, {})
        finally:
            admin.close()
        return {tp.partition: meta.offset for tp, meta in offsets.items() if tp.topic == self.input}

    def end_offsets(self, topic: str) -> dict[int, int]:
        consumer = KafkaConsumer(bootstrap_servers=self.bootstrap, group_id=None)
        try:
            ends = consumer.end_offsets([TopicPartition(topic, p) for p in range(self.partitions)])
        finally:
            consumer.close()
        return {tp.partition: offset for tp, offset in ends.items()}


@pytest.fixture
def kafka_topics(kafka_bootstrap: str, request: pytest.FixtureRequest) -> Callable[..., KafkaTopics]:
    """Factory: creates the four topics with a unique suffix and returns their names."""

    def create(partitions: int = 6, *, create_on_broker: bool = True) -> KafkaTopics:
        suffix = f"{request.node.name[:40]}-{uuid.uuid4().hex[:8]}".replace("[", "-").replace("]", "")
        topics = KafkaTopics(
            bootstrap=kafka_bootstrap,
            input=f"articles.raw.{suffix}",
            output=f"events.normalized.{suffix}",
            enriched=f"articles.enriched.{suffix}",
            dlq=f"articles.dlq.{suffix}",
            group=f"event-worker-{suffix}",
            partitions=partitions,
        )
        if create_on_broker:
            topics.create_on_broker()
        return topics

    return create


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class WorkerProcess:
    """`event-worker run` as a child process with JSON logs collected from stderr."""

    process: subprocess.Popen[str]
    metrics_port: int
    log_lines: list[dict[str, Any]] = field(default_factory=list)
    raw_lines: list[str] = field(default_factory=list)

    def collect_logs(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.raw_lines.append(line)
            try:
                self.log_lines.append(json.loads(line))
            except json.JSONDecodeError:
                continue

    def http_get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.metrics_port}{path}", timeout=5) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def metric(self, name: str, **labels: str) -> float:
        """Sum of the samples of `name` whose labels include `labels`; 0 when absent."""
        _, body = self.http_get("/metrics")
        total = 0.0
        for line in body.splitlines():
            if not line.startswith(name):
                continue
            series, _, value = line.rpartition(" ")
            metric_name, _, label_text = series.partition("{")
            if metric_name != name:
                continue
            if all(f'{key}="{val}"' in label_text for key, val in labels.items()):
                total += float(value)
        return total

    def wait_for(self, condition: Callable[[], bool], timeout_s: float, what: str) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(
                    f"worker exited ({self.process.returncode}) while waiting for {what}:\n{self.tail()}"
                )
            try:
                if condition():
                    return
            except (urllib.error.URLError, ConnectionError):
                pass
            time.sleep(0.2)
        pytest.fail(f"timed out after {timeout_s}s waiting for {what}:\n{self.tail()}")

    def stop(self, sig: int = signal.SIGTERM, timeout_s: float = 60.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
            pytest.fail(f"worker did not stop within {timeout_s}s after {signal.Signals(sig).name}")

    def tail(self, lines: int = 40) -> str:
        return "".join(self.raw_lines[-lines:])


@pytest.fixture
def start_worker() -> Iterator[Callable[..., WorkerProcess]]:
    """Factory: starts workers for a KafkaTopics; any still running at teardown are killed."""
    started: list[WorkerProcess] = []

    def start(topics: KafkaTopics, **settings: str) -> WorkerProcess:
        port = free_port()
        env = {
            **os.environ,
            **topics.env(),
            "EVENT_WORKER_METRICS_HOST": "127.0.0.1",
            "EVENT_WORKER_METRICS_PORT": str(port),
            "EVENT_WORKER_LOG_FORMAT": "json",
            "EVENT_WORKER_MAX_BATCH_TIME_MS": "200",
            **{f"EVENT_WORKER_{key.upper()}": value for key, value in settings.items()},
        }
        process = subprocess.Popen(
            [str(EVENT_WORKER), "run"], env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
        )
        worker = WorkerProcess(process, port)
        threading.Thread(target=worker.collect_logs, daemon=True).start()
        started.append(worker)
        return worker

    yield start
    for worker in started:
        if worker.process.poll() is None:
            worker.process.kill()
            worker.process.wait(timeout=10)


def article_json(article_id: str, text: str, **fields: Any) -> bytes:
    return json.dumps({"id": article_id, "text": text, **fields}, ensure_ascii=False).encode("utf-8")
