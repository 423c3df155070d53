"""Contracts: the committed JSON Schemas match the models, and the example messages conform."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest

from schemas import Counts, EventRecord, Evidence, Quantity
from schemas.generate import CONTRACTS, SCHEMA_DIR, render_schema, write_schemas
from schemas.models import EventContent

NOW = datetime(2025, 4, 30, tzinfo=UTC)


@pytest.mark.parametrize("name", sorted(CONTRACTS))
def test_committed_json_schema_is_up_to_date(name: str) -> None:
    committed = (SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == render_schema(name), "stale schema: run `make schemas` and commit"


@pytest.mark.parametrize("name", sorted(CONTRACTS))
def test_example_message_validates_against_model_and_json_schema(name: str) -> None:
    example_path = SCHEMA_DIR / "examples" / f"{name}.json"
    example = json.loads(example_path.read_text(encoding="utf-8"))
    CONTRACTS[name].model_validate(example)
    schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(example, schema)


def test_event_id_is_a_hash_of_article_id_and_canonical_content() -> None:
    evidence = Evidence(sentence="Three were killed.", start=10, end=28)
    content: EventContent = {
        "event_type": "casualties",
        "actors": (),
        "counts": Counts(killed=Quantity(value=3)),
        "money": None,
        "location": None,
        "time": None,
        "cumulative": False,
        "claimant": None,
        "modality": "asserted",
        "negated": False,
        "name": None,
        "evidence": evidence,
    }
    first = EventRecord.content_id("article-1", content)
    again = EventRecord.content_id("article-1", content.copy())
    other = EventRecord.content_id("article-1", {**content, "counts": Counts(killed=Quantity(value=4))})
    elsewhere = EventRecord.content_id("article-2", content)
    assert first == again
    assert len({first, other, elsewhere}) == 3
    # The hash of the JSON array [article_id, content], fields in schema order: ids stay stable.
    record = EventRecord(
        event_id=first, article_id="article-1", language="en", processed_at=NOW, confidence=0.5, **content
    )
    fields = record.model_dump(mode="json", include=set(content))
    canonical = json.dumps(["article-1", fields], ensure_ascii=False, separators=(",", ":"))
    assert first == hashlib.sha256(canonical.encode()).hexdigest()[:32]


def test_quantity_needs_a_number_and_an_ordered_range() -> None:
    with pytest.raises(ValueError, match="needs a value"):
        Quantity(approx="about")
    with pytest.raises(ValueError, match="min must not exceed max"):
        Quantity(min=5, max=2)
    assert Quantity(min=10000, max=12000).low == 10000


def test_schema_files_exist_for_every_contract(tmp_path: Path) -> None:
    written = write_schemas(tmp_path)
    assert sorted(path.name for path in written) == sorted(f"{name}.schema.json" for name in CONTRACTS)
