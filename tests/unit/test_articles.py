"""Decoding and dead-lettering: every kind of bad input becomes a typed error and one DLQ record."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from schemas import EnrichedArticle, RawArticle
from workers.pipeline.articles import ArticleProcessor, decode_article
from workers.pipeline.errors import EnrichmentFailed, InvalidArticle, InvalidMessage, UndecodableMessage
from workers.pipeline.messages import Message
from workers.sinks import dlq
from workers.sinks.dlq import DeadLetterPolicy
from workers.sinks.events import EventRecordSink


@pytest.mark.parametrize(
    ("value", "error", "reason_part"),
    [
        (None, UndecodableMessage, "tombstone"),
        (b"\xff\xfe", UndecodableMessage, "not UTF-8"),
        (b"{not json", UndecodableMessage, "not JSON"),
        (b"x" * 2000, UndecodableMessage, "over the 1024 byte limit"),
        (b"[1, 2]", InvalidArticle, "JSON object"),
        (b'{"id": "a"}', InvalidArticle, "text"),
        (b'{"id": "", "text": "t"}', InvalidArticle, "id"),
        (b'{"id": "a", "text": " \\n "}', InvalidArticle, "blank"),
        (b'{"id": "a", "text": "t", "published_at": "soon"}', InvalidArticle, "published_at"),
    ],
)
def test_bad_values_raise_a_typed_error_that_says_why(
    value: bytes | None, error: type[InvalidMessage], reason_part: str
) -> None:
    with pytest.raises(error) as caught:
        decode_article(value, max_bytes=1024)
    assert reason_part in caught.value.reason


def test_a_valid_value_decodes_with_naive_dates_taken_as_utc() -> None:
    article = decode_article(b'{"id": "a", "text": "t", "published_at": "2025-04-30", "extra": 1}', 1024)
    assert article.published_at is not None
    assert article.published_at.isoformat() == "2025-04-30T00:00:00+00:00"


def test_dead_letter_keeps_original_bytes_key_and_headers_and_adds_error_headers() -> None:
    message = Message("articles.raw", 4, 17, key=b"k1", value=b"\xff", headers=(("trace", b"t1"),))
    record = DeadLetterPolicy("articles.dlq")(message, UndecodableMessage("value is not UTF-8"))
    headers = dict(record.headers)
    assert (record.topic, record.key, record.value) == ("articles.dlq", b"k1", b"\xff")
    assert headers["trace"] == b"t1"
    assert headers[dlq.HEADER_ERROR_CLASS] == b"UndecodableMessage"
    assert headers[dlq.HEADER_ERROR_STAGE] == b"decode"
    assert headers[dlq.HEADER_ERROR_REASON] == b"value is not UTF-8"
    assert headers[dlq.HEADER_ORIGINAL_TOPIC] == b"articles.raw"
    assert headers[dlq.HEADER_ORIGINAL_PARTITION] == b"4"
    assert headers[dlq.HEADER_ORIGINAL_OFFSET] == b"17"
    assert dlq.HEADER_WORKER_VERSION in headers


class ExplodingEnricher:
    name = "exploding"
    version = "0"

    def enrich(self, article: RawArticle, *, processed_at: datetime) -> EnrichedArticle:
        raise ZeroDivisionError("a bug in an extractor")


class RecordingObserver:
    def __init__(self) -> None:
        self.invalid_errors: list[InvalidMessage] = []

    def enriched(self, message: Message, article: EnrichedArticle) -> None:
        raise AssertionError("not expected")

    def invalid(self, message: Message, error: InvalidMessage) -> None:
        self.invalid_errors.append(error)


def test_an_extractor_crash_dead_letters_the_message_instead_of_stopping_the_worker() -> None:
    observer = RecordingObserver()
    processor = ArticleProcessor(
        ExplodingEnricher(),  # type: ignore[arg-type] -- stands in for ArticleEnricher's enrich()
        build_outputs=EventRecordSink("events", "enriched"),
        dead_letter=DeadLetterPolicy("dlq"),
        max_message_bytes=1024,
        observer=observer,
    )
    value = json.dumps({"id": "a1", "text": "some text"}).encode()
    processed = processor(Message("raw", 0, 3, key=b"a1", value=value))
    assert processed.dead_lettered
    assert [record.topic for record in processed.records] == ["dlq"]
    assert processed.records[0].value == value
    assert isinstance(observer.invalid_errors[0], EnrichmentFailed)
    assert "ZeroDivisionError" in observer.invalid_errors[0].reason
