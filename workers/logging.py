"""structlog set-up: JSON lines by default, readable console output on a TTY."""

from __future__ import annotations

import logging
import sys
from collections.abc import MutableMapping
from typing import Any

import structlog

from workers.settings import LogFormat

_SECRET_KEYS = frozenset({"sasl_password", "ssl_password", "password"})


def _drop_secrets(_: Any, __: str, event_dict: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """Secrets never reach a log line, even if a caller binds one by mistake."""
    for key in _SECRET_KEYS.intersection(event_dict):
        event_dict[key] = "**********"
    return event_dict


def configure_logging(level: str = "INFO", log_format: LogFormat = "auto") -> None:
    use_console = log_format == "console" or (log_format == "auto" and sys.stderr.isatty())
    renderer: structlog.typing.Processor = (
        structlog.dev.ConsoleRenderer() if use_console else structlog.processors.JSONRenderer()
    )
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            _drop_secrets,
            *([] if use_console else [structlog.processors.dict_tracebacks]),
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level)),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=True,
    )
    # kafka-python logs through stdlib logging; keep its warnings, route them to stderr.
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(levelname)s %(name)s %(message)s")


bound_context = structlog.contextvars.bound_contextvars
"""Context manager: every log line inside carries these keys (topic, partition, offset, article_id)."""


def get_logger(**bound: Any) -> structlog.typing.FilteringBoundLogger:
    logger: structlog.typing.FilteringBoundLogger = structlog.get_logger("event_worker").bind(**bound)
    return logger
