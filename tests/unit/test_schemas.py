"""Contracts: the committed JSON Schemas match the models, and the example messages conform."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from schemas import EventRecord, Quantity
from schemas.generate import CONTRACTS, SCHEMA_DIR, render_schema, write_schemas


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


def test_event_id_depends_on_content_not_on_time() -> None:
    first = EventRecord.content_id("article-1", {"type": "casualties", "killed": 3, "start": 10})
    again = EventRecord.content_id("article-1", {"start": 10, "killed": 3, "type": "casualties"})
    other = EventRecord.content_id("article-1", {"type": "casualties", "killed": 4, "start": 10})
    assert first == again
    assert first != other


def test_quantity_needs_a_number_and_an_ordered_range() -> None:
    with pytest.raises(ValueError, match="needs a value"):
        Quantity(approx="about")
    with pytest.raises(ValueError, match="min must not exceed max"):
        Quantity(min=5, max=2)
    assert Quantity(min=10000, max=12000).low == 10000


def test_schema_files_exist_for_every_contract(tmp_path: Path) -> None:
    written = write_schemas(tmp_path)
    assert sorted(path.name for path in written) == sorted(f"{name}.schema.json" for name in CONTRACTS)
