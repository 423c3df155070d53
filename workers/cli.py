"""`event-worker`: one command per job (run, enrich, produce, show, create-topics, schemas)."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError

from workers import __version__
from workers.extract.compiled import compiled_modules, stale_builds
from workers.logging import configure_logging, get_logger
from workers.runtime import settle_after_startup
from workers.settings import InvalidSettings, WorkerSettings, load_settings

EXIT_OK = 0
EXIT_FAILURES = 1
EXIT_CONFIG = 2


def _settings_flags(parser: argparse.ArgumentParser) -> None:
    """One flag per settings field, so flags and EVENT_WORKER_* variables never drift apart."""
    group = parser.add_argument_group("settings (flags override EVENT_WORKER_* environment variables)")
    for name, field in WorkerSettings.model_fields.items():
        env = f"EVENT_WORKER_{name.upper()}"
        default = "unset" if field.default is None else field.default
        help_text = f"{field.description + '. ' if field.description else ''}env {env}, default {default}"
        group.add_argument(
            f"--{name.replace('_', '-')}", dest=f"setting_{name}", default=None, help=help_text
        )


def _settings_from(args: argparse.Namespace) -> WorkerSettings:
    overrides = {
        key.removeprefix("setting_"): value for key, value in vars(args).items() if key.startswith("setting_")
    }
    return load_settings(**overrides)


def _parse_published_at(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date or datetime: {value!r}") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="event-worker",
        description="Enrich news articles (Arabic, English) into entities and event records, "
        "from Kafka or from files.",
    )
    parser.add_argument("--version", action="version", version=f"event-worker {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser(
        "run",
        help="consume articles from Kafka, publish events and enriched articles",
        description="Consume RawArticle messages in a consumer group, publish EventRecords and "
        "EnrichedArticles, send bad input to the DLQ. Commits offsets only after every output is "
        "acknowledged (at-least-once). SIGTERM/SIGINT finish the batch, commit and exit 0.",
    )
    run.add_argument(
        "--exit-when-idle",
        type=float,
        metavar="SECONDS",
        help="stop once assigned and no message arrived for this long (demos, batch jobs)",
    )
    run.add_argument("--create-topics", action="store_true", help="create missing topics before consuming")
    run.add_argument("--partitions", type=int, default=6, help="partitions for created topics (default 6)")
    _settings_flags(run)

    enrich = commands.add_parser(
        "enrich",
        help="enrich files or stdin offline, no broker",
        description="Run the same pipeline without Kafka. Reads .txt files (one article each, id = file "
        "stem) and .jsonl files (one RawArticle per line), or stdin ('-' or no FILES; JSON lines, or one "
        "plain-text article). Writes one EnrichedArticle JSON line per input to stdout. Bad inputs get an "
        "error line on stderr and the rest go on; the exit status is 1 if any failed.",
    )
    enrich.add_argument("files", nargs="*", metavar="FILES", help=".txt or .jsonl files; '-' for stdin")
    enrich.add_argument(
        "--published-at",
        type=_parse_published_at,
        help="publication date for inputs that lack one (ISO, e.g. 2025-04-30); resolves relative dates",
    )
    enrich.add_argument("--language", help="language hint (ar, en) for inputs that lack one")
    enrich.add_argument("--pretty", action="store_true", help="indent the JSON output")

    produce = commands.add_parser(
        "produce",
        help="publish article files to the input topic",
        description="Publish .txt files (one article each, id = file stem) and .jsonl files (one "
        "RawArticle per line) to the input topic, keyed by article id. Invalid lines are reported "
        "and skipped; the exit status is 1 if any were.",
    )
    produce.add_argument("files", nargs="+", metavar="FILES")
    produce.add_argument("--published-at", type=_parse_published_at, help="for inputs that lack one")
    produce.add_argument("--language", help="language hint for inputs that lack one")
    _settings_flags(produce)

    show = commands.add_parser(
        "show",
        help="print the events topic readably",
        description="Read EventRecords from the events topic from the beginning (no consumer group, "
        "nothing committed) and print one readable block per event until the topic is idle.",
    )
    show.add_argument("--idle", type=float, default=3.0, help="stop after this many idle seconds")
    show.add_argument("--article-id", help="only events of this article")
    _settings_flags(show)

    topics = commands.add_parser("create-topics", help="create the worker's topics if missing")
    topics.add_argument("--partitions", type=int, default=6)
    topics.add_argument("--replication-factor", type=int, default=1)
    _settings_flags(topics)

    schemas = commands.add_parser(
        "schemas", help="write the JSON Schemas of the message contracts", description="Write JSON Schemas."
    )
    schemas.add_argument("--out", type=Path, default=None, help="directory (default: the schemas package)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handlers = {
        "run": _cmd_run,
        "enrich": _cmd_enrich,
        "produce": _cmd_produce,
        "show": _cmd_show,
        "create-topics": _cmd_create_topics,
        "schemas": _cmd_schemas,
    }
    try:
        return handlers[args.command](args)
    except InvalidSettings as error:
        print(f"event-worker: {error}", file=sys.stderr)
        return EXIT_CONFIG


def _cmd_run(args: argparse.Namespace) -> int:
    settings = _settings_from(args)
    configure_logging(settings.log_level, settings.log_format)
    # Imported here so that `enrich` and `schemas` start without loading the Kafka client.
    from workers.extract import ArticleEnricher
    from workers.metrics import HealthState, Metrics, MetricsServer
    from workers.pipeline.errors import OutputNotAcknowledged
    from workers.pipeline.factory import build_pipeline
    from workers.processor import StreamProcessor
    from workers.transport.admin import ensure_topics
    from workers.transport.consumer import KafkaSource
    from workers.transport.producer import KafkaRecordProducer

    log = get_logger(component="cli")
    # Handlers first: a SIGTERM during start-up must also end in a clean exit 0.
    stop = threading.Event()

    def _on_signal(signum: int, _frame: object) -> None:
        log.info("signal_received", signal=signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    log.info("starting", version=__version__, settings=settings.model_dump(mode="json"))
    if args.create_topics:
        created = ensure_topics(settings, args.partitions)
        log.info("topics_ready", created=created)

    metrics = Metrics()
    health = HealthState(stale_after_s=max(60.0, settings.max_batch_time_ms / 1000 * 3))
    server = MetricsServer(metrics, health, settings.metrics_host, settings.metrics_port)
    server.start()
    host = "127.0.0.1" if settings.metrics_host in ("0.0.0.0", "") else settings.metrics_host  # noqa: S104 -- compares, binds nothing
    log.info("metrics_listening", url=f"http://{host}:{server.port}/metrics")

    enricher = ArticleEnricher()
    log.info("extractors_loaded", compiled=compiled_modules(), stale_builds=stale_builds())
    producer = KafkaRecordProducer(settings)
    source = KafkaSource(settings, metrics)
    pipeline = build_pipeline(settings, enricher, producer, source, metrics)
    settle_after_startup()
    processor = StreamProcessor(
        source,
        pipeline,
        metrics,
        health,
        poll_timeout_ms=settings.max_batch_time_ms,
        drain_timeout_s=settings.produce_timeout_s,
        stop=stop,
    )

    status = EXIT_OK
    try:
        processor.run(idle_exit_s=args.exit_when_idle)
    except OutputNotAcknowledged as error:
        # Uncommitted input is consumed again after restart: at-least-once, nothing lost.
        log.error("outputs_not_acknowledged", error=str(error))
        status = EXIT_FAILURES
    finally:
        processor.close()
        producer.close()
        server.stop()
    log.info("stopped", exit_status=status)
    return status


def _read_inputs(
    files: Sequence[str], published_at: datetime | None, language: str | None
) -> Iterator[tuple[str, dict[str, Any] | None, str | None]]:
    """Yield (where, article fields, error) for every input: a .txt file, a .jsonl line, or stdin."""
    defaults: dict[str, Any] = {}
    if published_at is not None:
        defaults["published_at"] = published_at.isoformat()
    if language is not None:
        defaults["language"] = language
    for name in files or ["-"]:
        if name == "-":
            content = sys.stdin.read()
            stripped = content.lstrip()
            if stripped.startswith("{"):
                yield from _jsonl_articles("<stdin>", content, defaults)
            else:
                yield "<stdin>", {**defaults, "id": "stdin", "text": content}, None
            continue
        path = Path(name)
        try:
            content = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            yield name, None, f"cannot read: {error}"
            continue
        if path.suffix == ".jsonl":
            yield from _jsonl_articles(name, content, defaults)
        else:
            yield name, {**defaults, "id": path.stem, "text": content}, None


def _jsonl_articles(
    where: str, content: str, defaults: dict[str, Any]
) -> Iterator[tuple[str, dict[str, Any] | None, str | None]]:
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        place = f"{where}:{number}"
        try:
            fields = json.loads(line)
        except json.JSONDecodeError as error:
            yield place, None, f"not JSON: {error.msg} at column {error.colno}"
            continue
        if not isinstance(fields, dict):
            yield place, None, f"a line must be a JSON object, got {type(fields).__name__}"
            continue
        yield place, {**defaults, **fields}, None


def _cmd_enrich(args: argparse.Namespace) -> int:
    configure_logging("WARNING", "console")
    from workers.extract import ArticleEnricher
    from workers.pipeline.articles import decode_article, enrich_article
    from workers.pipeline.errors import InvalidMessage

    enricher = ArticleEnricher()
    settle_after_startup()
    failures = 0
    out: TextIO = sys.stdout
    for where, fields, read_error in _read_inputs(args.files, args.published_at, args.language):
        problem = read_error
        if fields is not None:
            try:
                # Same decode → validate → enrich path as a Kafka message value.
                raw = json.dumps(fields, ensure_ascii=False).encode("utf-8")
                article = decode_article(raw, max_bytes=len(raw))
                enriched = enrich_article(enricher, article)
            except InvalidMessage as invalid:
                problem = f"{type(invalid).__name__}: {invalid.reason}"
            else:
                out.write(enriched.model_dump_json(indent=2 if args.pretty else None) + "\n")
                continue
        failures += 1
        print(f"event-worker enrich: {where}: {problem}", file=sys.stderr)
    out.flush()
    return EXIT_FAILURES if failures else EXIT_OK


def _cmd_produce(args: argparse.Namespace) -> int:
    settings = _settings_from(args)
    configure_logging(settings.log_level, settings.log_format)
    from schemas import RawArticle
    from workers.pipeline.messages import OutgoingRecord
    from workers.transport.producer import KafkaRecordProducer

    producer = KafkaRecordProducer(settings)
    failures = 0
    sent = []
    try:
        for where, fields, read_error in _read_inputs(args.files, args.published_at, args.language):
            problem = read_error
            if fields is not None:
                try:
                    article = RawArticle.model_validate(fields)
                except ValidationError as invalid:
                    problem = f"invalid article: {invalid.errors()[0]['msg']}"
                else:
                    record = OutgoingRecord(
                        topic=settings.input_topic,
                        key=article.id.encode("utf-8"),
                        value=article.model_dump_json(exclude_none=True).encode("utf-8"),
                    )
                    sent.append((where, article.id, producer.send(record)))
                    continue
            failures += 1
            print(f"event-worker produce: {where}: {problem}", file=sys.stderr)
        producer.flush(settings.produce_timeout_s)
        for where, article_id, delivery in sent:
            failure = delivery.failure() if delivery.is_done() else TimeoutError("not acknowledged")
            if failure is not None:
                failures += 1
                print(f"event-worker produce: {where}: not delivered: {failure!r}", file=sys.stderr)
            else:
                print(f"produced {article_id} to {settings.input_topic}")
    finally:
        producer.close()
    return EXIT_FAILURES if failures else EXIT_OK


def _cmd_show(args: argparse.Namespace) -> int:
    settings = _settings_from(args)
    configure_logging(settings.log_level, settings.log_format)
    from kafka import KafkaConsumer

    from schemas import EventRecord
    from workers.render import render_event

    consumer = KafkaConsumer(
        settings.output_topic,
        **settings.kafka_common_config(),
        group_id=None,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    # Replays give identical event ids, so the latest record per id is the event (as in a compacted topic).
    events: dict[str, EventRecord] = {}
    last_record = time.monotonic()
    try:
        while time.monotonic() - last_record < args.idle:
            for records in consumer.poll(timeout_ms=500).values():
                for record in records:
                    last_record = time.monotonic()
                    event = EventRecord.model_validate_json(record.value)
                    if args.article_id is None or event.article_id == args.article_id:
                        events[event.event_id] = event
    finally:
        consumer.close()
    # Show each article's latest processing only: older extractor versions may have left other events.
    latest: dict[str, datetime] = {}
    for event in events.values():
        latest[event.article_id] = max(latest.get(event.article_id, event.processed_at), event.processed_at)
    current = [event for event in events.values() if event.processed_at == latest[event.article_id]]
    for index, event in enumerate(current, start=1):
        print(render_event(event, index=index))
    print(f"{len(current)} event record(s) from the latest processing on {settings.output_topic}")
    return EXIT_OK


def _cmd_create_topics(args: argparse.Namespace) -> int:
    settings = _settings_from(args)
    configure_logging(settings.log_level, settings.log_format)
    from workers.transport.admin import ensure_topics

    created = ensure_topics(settings, args.partitions, args.replication_factor)
    print(f"created: {', '.join(created) if created else 'none (all exist)'}")
    return EXIT_OK


def _cmd_schemas(args: argparse.Namespace) -> int:
    from schemas.generate import write_schemas

    for path in write_schemas(args.out):
        print(path)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
