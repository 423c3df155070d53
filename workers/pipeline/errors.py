"""Typed errors of the pipeline: poison input is routed to the DLQ, the rest stop the worker."""

from __future__ import annotations

from typing import ClassVar


class InvalidMessage(Exception):
    """The message itself is bad; retrying cannot help, so it goes to the dead-letter topic."""

    stage: ClassVar[str] = "process"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class UndecodableMessage(InvalidMessage):
    stage = "decode"


class InvalidArticle(InvalidMessage):
    stage = "validate"


class EnrichmentFailed(InvalidMessage):
    stage = "enrich"


class MessageRejected(Exception):
    """Backpressure: the next step is full; submit the same message again after poll()."""


class OutputNotAcknowledged(Exception):
    """The broker did not acknowledge an output in time; offsets stay uncommitted and the worker stops."""
