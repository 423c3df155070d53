"""Writes the JSON Schema of each message contract next to the models."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from schemas.models import SCHEMA_VERSION, EnrichedArticle, EventRecord, RawArticle

CONTRACTS: dict[str, type[BaseModel]] = {
    "raw_article": RawArticle,
    "event_record": EventRecord,
    "enriched_article": EnrichedArticle,
}
SCHEMA_DIR = Path(__file__).resolve().parent


def render_schema(name: str) -> str:
    model = CONTRACTS[name]
    # Inputs are described as the worker validates them, outputs as it writes them.
    schema = model.model_json_schema(mode="validation" if model is RawArticle else "serialization")
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:event-worker:schema:{name}:{SCHEMA_VERSION}",
        **schema,
    }
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(directory: Path | None = None) -> list[Path]:
    target = directory or SCHEMA_DIR
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name in CONTRACTS:
        path = target / f"{name}.schema.json"
        path.write_text(render_schema(name), encoding="utf-8")
        written.append(path)
    return written
