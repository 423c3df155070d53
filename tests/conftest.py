"""Fixtures shared by unit and integration tests."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_00ed3343057c9bc2.txt"
SEED_PUBLISHED_AT = "2025-04-30"


def shared_dir() -> Path:
    """../shared beside the repository (as on CI), or EVENT_WORKER_SHARED_DIR."""
    return Path(os.environ.get("EVENT_WORKER_SHARED_DIR", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def seed_gold() -> dict[str, Any]:
    path = shared_dir() / "gold" / "seed_000.json"
    if not path.is_file():
        pytest.fail(f"gold file missing: {path} (set EVENT_WORKER_SHARED_DIR to the shared data folder)")
    gold: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return gold
