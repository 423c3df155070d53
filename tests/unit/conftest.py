from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True)
def _clean_worker_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unit tests see the documented defaults, whatever the caller's shell exports."""
    for name in list(os.environ):
        if name.startswith("EVENT_WORKER_") and name != "EVENT_WORKER_SHARED_DIR":
            monkeypatch.delenv(name)
