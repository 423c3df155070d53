"""From raw bytes to an EnrichedArticle: decode, validate, enrich. Shared by Kafka and offline modes."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Protocol

from pydantic import ValidationError

from schemas import EnrichedArticle, RawArticle
from workers.logging import bound_context
from workers.pipeline.errors import EnrichmentFailed, InvalidArticle, InvalidMessage, UndecodableMessage
from workers.pipeline.messages import Message, OutgoingRecord, Processed


class Enricher(Protocol):
    """What the pipeline needs from the extractors (workers.extract.ArticleEnricher)."""

    name: str
    version: str

    def enrich(self, article: RawArticle, *, processed_at: datetime) -> EnrichedArticle: ...


def decode_article(value: bytes | None, max_bytes: int) -> RawArticle:
    """Parse one message value into a RawArticle, or raise the InvalidMessage that says why not."""
    if value is None:
        raise UndecodableMessage("message has no value (tombstone)")
    if len(value) > max_bytes:
        raise UndecodableMessage(f"message value is {len(value)} bytes, over the {max_bytes} byte limit")
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UndecodableMessage(f"value is not UTF-8: {error.reason} at byte {error.start}") from None
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as error:
        raise UndecodableMessage(f"value is not JSON: {error.msg} at line {error.lineno}") from None
    if not isinstance(payload, dict):
        raise InvalidArticle(f"value must be a JSON object, got {type(payload).__name__}")
    try:
        return RawArticle.model_validate(payload)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in issue['loc']) or 'article'}: {issue['msg']}"
            for issue in error.errors()
        )
        raise InvalidArticle(problems) from None


def enrich_article(
    enricher: Enricher, article: RawArticle, now: Callable[[], datetime] = lambda: datetime.now(UTC)
) -> EnrichedArticle:
    """Run the extractors; any failure inside them is the article's problem, not the worker's."""
    try:
        return enricher.enrich(article, processed_at=now())
    except Exception as error:
        raise EnrichmentFailed(f"{type(error).__name__}: {error}") from error


class ProcessingObserver(Protocol):
    def enriched(self, message: Message, article: EnrichedArticle) -> None: ...

    def invalid(self, message: Message, error: InvalidMessage) -> None: ...


class ArticleProcessor:
    """Message in, Processed out: output records for a good article, one DLQ record for a bad one."""

    def __init__(
        self,
        enricher: Enricher,
        build_outputs: Callable[[Message, EnrichedArticle], tuple[OutgoingRecord, ...]],
        dead_letter: Callable[[Message, InvalidMessage], OutgoingRecord],
        max_message_bytes: int,
        observer: ProcessingObserver,
    ) -> None:
        self._enricher = enricher
        self._build_outputs = build_outputs
        self._dead_letter = dead_letter
        self._max_message_bytes = max_message_bytes
        self._observer = observer

    def __call__(self, message: Message) -> Processed:
        with bound_context(topic=message.topic, partition=message.partition, offset=message.offset):
            try:
                article = decode_article(message.value, self._max_message_bytes)
                with bound_context(article_id=article.id):
                    enriched = enrich_article(self._enricher, article)
                    self._observer.enriched(message, enriched)
            except InvalidMessage as error:
                self._observer.invalid(message, error)
                return Processed(message, (self._dead_letter(message, error),), dead_lettered=True)
            return Processed(message, self._build_outputs(message, enriched))
