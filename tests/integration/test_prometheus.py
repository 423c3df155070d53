"""A real Prometheus scrapes the worker, and promtool accepts its exposition."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.integration.conftest import KafkaTopics, WorkerProcess, article_json, free_port

pytestmark = pytest.mark.prometheus


@pytest.fixture
def prometheus(tmp_path: Path) -> Iterator[Callable[[int], str]]:
    """Factory: a Prometheus on loopback scraping the given metrics port every second."""
    binary = shutil.which("prometheus")
    if binary is None:
        pytest.fail("prometheus is not installed: run `make install`")
    processes: list[subprocess.Popen[bytes]] = []

    def start(target_port: int) -> str:
        config = tmp_path / "prometheus.yml"
        config.write_text(
            "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n"
            "scrape_configs:\n  - job_name: event-worker\n"
            f"    static_configs:\n      - targets: ['127.0.0.1:{target_port}']\n",
            encoding="utf-8",
        )
        port = free_port()
        processes.append(
            subprocess.Popen(
                [
                    binary,
                    f"--config.file={config}",
                    f"--storage.tsdb.path={tmp_path / 'data'}",
                    f"--web.listen-address=127.0.0.1:{port}",
                ],
                stdout=subprocess.DEVNULL,
                stderr=(tmp_path / "prometheus.log").open("wb"),
            )
        )
        return f"http://127.0.0.1:{port}"

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=30)


def query(base_url: str, promql: str) -> float | None:
    url = f"{base_url}/api/v1/query?{urllib.parse.urlencode({'query': promql})}"
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 -- loopback Prometheus
            body = json.load(response)
    except OSError:
        return None
    results = body["data"]["result"]
    return float(results[0]["value"][1]) if results else None


def test_prometheus_scrapes_worker_counters_and_histograms(
    kafka_topics: Callable[..., KafkaTopics],
    start_worker: Callable[..., WorkerProcess],
    prometheus: Callable[[int], str],
) -> None:
    topics = kafka_topics()
    worker = start_worker(topics)
    worker.wait_for(lambda: worker.http_get("/healthz")[0] == 200, 60, "the metrics endpoint")
    base_url = prometheus(worker.metrics_port)
    topics.produce(
        [(b"p1", article_json("p1", "Five people were killed in Kabul on Sunday.")), (b"p2", b"not json")]
    )

    expectations = {
        'up{job="event-worker"}': 1.0,
        'sum(event_worker_messages_consumed_total{outcome="enriched"})': 1.0,
        'sum(event_worker_dead_letters_total{error_class="UndecodableMessage"})': 1.0,
        "sum(event_worker_processing_seconds_count)": 2.0,
        "event_worker_assigned_partitions": float(topics.partitions),
        "count(event_worker_build_info)": 1.0,
    }
    deadline = time.monotonic() + 60
    seen: dict[str, float | None] = {}
    while time.monotonic() < deadline:
        seen = {promql: query(base_url, promql) for promql in expectations}
        if seen == expectations:
            break
        time.sleep(1)
    assert seen == expectations, worker.tail()
    assert worker.stop() == 0


def test_promtool_accepts_the_exposition_format(
    kafka_topics: Callable[..., KafkaTopics], start_worker: Callable[..., WorkerProcess]
) -> None:
    promtool = shutil.which("promtool")
    if promtool is None:
        pytest.fail("promtool is not installed: run `make install`")
    worker = start_worker(kafka_topics())
    worker.wait_for(lambda: worker.http_get("/metrics")[0] == 200, 30, "the metrics endpoint")
    _, exposition = worker.http_get("/metrics")
    linted = subprocess.run(
        [promtool, "check", "metrics"],
        input=exposition,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert linted.returncode == 0, linted.stdout + linted.stderr
    assert worker.stop() == 0
