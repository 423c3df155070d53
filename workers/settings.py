"""The worker's one settings object: environment variables `EVENT_WORKER_*` or matching CLI flags."""

from __future__ import annotations

import ssl
from typing import Any, Literal

from pydantic import Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

SecurityProtocol = Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"]
SaslMechanism = Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"]
LogFormat = Literal["auto", "json", "console"]


class InvalidSettings(Exception):
    """Raised with one readable line when the configuration cannot work."""


class WorkerSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EVENT_WORKER_", frozen=True, extra="forbid")

    bootstrap_servers: str = Field(default="127.0.0.1:9092", min_length=1)
    group_id: str = Field(default="event-worker", min_length=1)
    client_id: str = Field(default="event-worker", min_length=1)

    input_topic: str = Field(default="articles.raw", min_length=1)
    output_topic: str = Field(default="events.normalized", min_length=1)
    enriched_topic: str = Field(default="articles.enriched", min_length=1)
    dlq_topic: str = Field(default="articles.dlq", min_length=1)

    metrics_host: str = "0.0.0.0"  # noqa: S104 -- Prometheus scrapes the pod from outside; set 127.0.0.1 locally
    metrics_port: int = Field(default=9108, ge=0, le=65535)

    security_protocol: SecurityProtocol = "PLAINTEXT"
    sasl_mechanism: SaslMechanism | None = None
    sasl_username: str | None = None
    sasl_password: SecretStr | None = None
    ssl_cafile: str | None = None
    ssl_certfile: str | None = None
    ssl_keyfile: str | None = None
    ssl_password: SecretStr | None = None
    ssl_check_hostname: bool = True

    max_batch_size: int = Field(default=500, ge=1, le=100_000, description="Records per poll")
    max_batch_time_ms: int = Field(default=1000, ge=1, le=60_000, description="Longest wait for a poll")
    max_message_bytes: int = Field(
        default=4 * 1024 * 1024, ge=1024, description="Larger input values go to the DLQ unread"
    )
    max_pending_outputs: int = Field(
        default=10_000, ge=1, description="Unacknowledged produced records before the worker waits"
    )
    produce_timeout_s: float = Field(default=30.0, ge=1, description="Deadline for the broker to ack outputs")
    session_timeout_ms: int = Field(default=45_000, ge=6_000)
    max_poll_interval_ms: int = Field(default=300_000, ge=10_000)
    auto_offset_reset: Literal["earliest", "latest"] = "earliest"

    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: LogFormat = "auto"

    @model_validator(mode="after")
    def _security_is_complete(self) -> WorkerSettings:
        sasl_complete = self.sasl_mechanism and self.sasl_username and self.sasl_password
        if self.security_protocol.startswith("SASL_") and not sasl_complete:
            raise ValueError(
                f"security_protocol {self.security_protocol} needs sasl_mechanism, "
                "sasl_username and sasl_password"
            )
        topics = [self.input_topic, self.output_topic, self.enriched_topic, self.dlq_topic]
        if len(set(topics)) != len(topics):
            raise ValueError("input, output, enriched and DLQ topics must all differ")
        return self

    def kafka_common_config(self) -> dict[str, Any]:
        """Connection settings shared by consumer, producer and admin client."""
        config: dict[str, Any] = {
            "bootstrap_servers": [s.strip() for s in self.bootstrap_servers.split(",") if s.strip()],
            "client_id": self.client_id,
            "security_protocol": self.security_protocol,
        }
        if self.security_protocol.startswith("SASL_"):
            config["sasl_mechanism"] = self.sasl_mechanism
            config["sasl_plain_username"] = self.sasl_username
            config["sasl_plain_password"] = (
                self.sasl_password.get_secret_value() if self.sasl_password else None
            )
        if self.security_protocol in ("SSL", "SASL_SSL"):
            config["ssl_cafile"] = self.ssl_cafile
            config["ssl_certfile"] = self.ssl_certfile
            config["ssl_keyfile"] = self.ssl_keyfile
            config["ssl_check_hostname"] = self.ssl_check_hostname
            if self.ssl_password:
                config["ssl_password"] = self.ssl_password.get_secret_value()
            if self.ssl_cafile is None:
                config["ssl_context"] = ssl.create_default_context()
        return config


def _env_name(location: tuple[int | str, ...]) -> str:
    if not location:
        return "settings"
    return "EVENT_WORKER_" + "_".join(str(part) for part in location).upper()


def load_settings(**overrides: Any) -> WorkerSettings:
    """Validate settings from the environment plus explicit overrides, or fail with one clear line."""
    given = {key: value for key, value in overrides.items() if value is not None}
    try:
        return WorkerSettings(**given)
    except ValidationError as error:
        problems = "; ".join(f"{_env_name(issue['loc'])}: {issue['msg']}" for issue in error.errors())
        raise InvalidSettings(f"invalid configuration: {problems}") from None
