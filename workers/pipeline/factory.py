"""The pipeline, composed in one place: enrich → produce outputs → commit offsets."""

from __future__ import annotations

from dataclasses import dataclass

from schemas import EnrichedArticle
from workers.logging import get_logger
from workers.metrics import Metrics
from workers.pipeline.articles import ArticleProcessor, Enricher
from workers.pipeline.errors import InvalidMessage
from workers.pipeline.messages import Message
from workers.pipeline.steps import (
    CommitOffsets,
    EnrichArticles,
    OffsetCommitter,
    ProcessingStep,
    ProduceOutputs,
    RecordProducer,
)
from workers.settings import WorkerSettings
from workers.sinks.dlq import DeadLetterPolicy
from workers.sinks.events import EventRecordSink


@dataclass(frozen=True)
class Pipeline:
    head: ProcessingStep[Message]
    commit: CommitOffsets


class MetricsObserver:
    """Counts and logs what the processor decided about each message."""

    def __init__(self, metrics: Metrics) -> None:
        self._metrics = metrics
        self._log = get_logger(component="pipeline")

    def enriched(self, message: Message, article: EnrichedArticle) -> None:
        for event in article.events:
            self._metrics.events_extracted.labels(event_type=event.event_type).inc()
        self._log.debug("article_enriched", entities=len(article.entities), events=len(article.events))

    def invalid(self, message: Message, error: InvalidMessage) -> None:
        self._metrics.dead_letters.labels(topic=message.topic, error_class=type(error).__name__).inc()
        self._log.warning("message_dead_lettered", error_class=type(error).__name__, reason=error.reason)


def build_pipeline(
    settings: WorkerSettings,
    enricher: Enricher,
    producer: RecordProducer,
    committer: OffsetCommitter,
    metrics: Metrics,
) -> Pipeline:
    commit = CommitOffsets(committer)
    produce = ProduceOutputs(
        producer, next_step=commit, metrics=metrics, max_pending_records=settings.max_pending_outputs
    )
    process = ArticleProcessor(
        enricher,
        build_outputs=EventRecordSink(settings.output_topic, settings.enriched_topic),
        dead_letter=DeadLetterPolicy(settings.dlq_topic),
        max_message_bytes=settings.max_message_bytes,
        observer=MetricsObserver(metrics),
    )
    head = EnrichArticles(process, next_step=produce, metrics=metrics)
    return Pipeline(head=head, commit=commit)
