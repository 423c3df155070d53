from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from workers.runtime import YOUNG_GENERATION_THRESHOLD, settle_after_startup


@pytest.fixture
def restored_gc() -> Iterator[None]:
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


@pytest.mark.usefixtures("restored_gc")
def test_settling_freezes_start_up_objects_and_collects_young_objects_less_often() -> None:
    settle_after_startup()
    assert gc.get_freeze_count() > 0
    assert gc.get_threshold()[0] == YOUNG_GENERATION_THRESHOLD
    assert gc.isenabled()
