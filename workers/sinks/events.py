"""Serializes an EnrichedArticle into its output records: one per event plus the article itself."""

from __future__ import annotations

from schemas import SCHEMA_VERSION, EnrichedArticle
from workers.pipeline.messages import Headers, Message, OutgoingRecord


class EventRecordSink:
    def __init__(self, events_topic: str, enriched_topic: str) -> None:
        self._events_topic = events_topic
        self._enriched_topic = enriched_topic

    def __call__(self, source: Message, enriched: EnrichedArticle) -> tuple[OutgoingRecord, ...]:
        # Lineage: every output names the input record it came from.
        headers: Headers = (
            ("content-type", b"application/json"),
            ("schema-version", SCHEMA_VERSION.encode()),
            ("article-id", enriched.article_id.encode("utf-8")),
            ("source-topic", source.topic.encode("utf-8")),
            ("source-partition", str(source.partition).encode()),
            ("source-offset", str(source.offset).encode()),
        )
        records = [
            OutgoingRecord(
                topic=self._events_topic,
                key=event.event_id.encode("utf-8"),
                value=event.model_dump_json().encode("utf-8"),
                headers=(*headers, ("event-type", event.event_type.encode())),
            )
            for event in enriched.events
        ]
        records.append(
            OutgoingRecord(
                topic=self._enriched_topic,
                key=enriched.article_id.encode("utf-8"),
                value=enriched.model_dump_json().encode("utf-8"),
                headers=headers,
            )
        )
        return tuple(records)
