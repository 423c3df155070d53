"""The mypyc builds of the rule extractors (`make compile`): current, and the ones Python runs."""

from __future__ import annotations

import importlib

from workers.extract.compiled import COMPILED_MODULES, built_modules, compiled_modules, stale_builds


def test_no_compiled_extractor_is_older_than_its_source() -> None:
    assert stale_builds() == [], "an extractor changed after its build: run `make compile`"


def test_a_module_with_a_build_runs_compiled() -> None:
    for name in COMPILED_MODULES:
        importlib.import_module(f"workers.extract.{name}")
    assert compiled_modules() == built_modules()
