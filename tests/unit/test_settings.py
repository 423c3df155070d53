"""Settings: env vars and flags, validation in one line, secrets kept secret."""

from __future__ import annotations

import pytest

from workers.settings import InvalidSettings, load_settings


def test_defaults_name_the_documented_topics() -> None:
    settings = load_settings()
    assert (settings.input_topic, settings.output_topic, settings.enriched_topic, settings.dlq_topic) == (
        "articles.raw",
        "events.normalized",
        "articles.enriched",
        "articles.dlq",
    )


def test_environment_variables_configure_and_flags_override_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENT_WORKER_GROUP_ID", "from-env")
    monkeypatch.setenv("EVENT_WORKER_MAX_BATCH_SIZE", "42")
    settings = load_settings(group_id="from-flag")
    assert settings.group_id == "from-flag"
    assert settings.max_batch_size == 42


def test_invalid_value_fails_with_one_line_naming_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENT_WORKER_METRICS_PORT", "70000")
    with pytest.raises(InvalidSettings) as caught:
        load_settings()
    assert "\n" not in str(caught.value)
    assert "EVENT_WORKER_METRICS_PORT" in str(caught.value)


def test_sasl_without_credentials_is_rejected() -> None:
    with pytest.raises(InvalidSettings, match="sasl_username"):
        load_settings(security_protocol="SASL_SSL", sasl_mechanism="PLAIN")


def test_topics_must_differ() -> None:
    with pytest.raises(InvalidSettings, match="must all differ"):
        load_settings(output_topic="articles.raw")


def test_sasl_password_is_secret_in_dumps_and_repr_but_reaches_the_client_config() -> None:
    settings = load_settings(
        security_protocol="SASL_SSL",
        sasl_mechanism="SCRAM-SHA-512",
        sasl_username="u",
        sasl_password="hunter2",
    )
    assert "hunter2" not in repr(settings)
    assert "hunter2" not in str(settings.model_dump(mode="json"))
    assert settings.kafka_common_config()["sasl_plain_password"] == "hunter2"
