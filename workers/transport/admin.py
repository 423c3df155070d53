"""Topic creation for local runs and tests; production clusters usually manage topics themselves."""

from __future__ import annotations

import contextlib

from kafka import KafkaAdminClient
from kafka.admin import NewTopic
from kafka.errors import TopicAlreadyExistsError

from workers.settings import WorkerSettings


def ensure_topics(settings: WorkerSettings, partitions: int, replication_factor: int = 1) -> list[str]:
    """Create the worker's topics that are missing; returns the names it created."""
    admin = KafkaAdminClient(**settings.kafka_common_config())
    try:
        wanted = [settings.input_topic, settings.output_topic, settings.enriched_topic, settings.dlq_topic]
        existing = set(admin.list_topics())
        missing = [name for name in wanted if name not in existing]
        if missing:
            # Another worker may create them between the listing and the request.
            with contextlib.suppress(TopicAlreadyExistsError):
                admin.create_topics(
                    [NewTopic(name, partitions, replication_factor) for name in missing], timeout_ms=30_000
                )
        return missing
    finally:
        admin.close()
