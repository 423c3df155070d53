"""Which extractor modules `make compile` builds with mypyc, and whether the built ones are current.

Python imports an extension module in place of the `.py` file beside it, so a module edited
after its last build would run its old code; `stale_builds` names those (the test suite fails
on them, and the worker logs them at start).
"""

from __future__ import annotations

import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

# The modules where most time goes to many small Python calls; compiled, the seed article's
# gazetteer takes ~40% less time, events, numbers and dates 10-20%, mentions, organisations,
# people and normalization 5-15%. Not the NER (numba compiles its kernels from Python bytecode).
COMPILED_MODULES = (
    "attribution",
    "casualties",
    "dates",
    "entities",
    "events",
    "gazetteer",
    "normalize",
    "number_words",
    "numbers",
    "organizations",
    "people",
)

_PACKAGE_DIR = Path(__file__).resolve().parent


def built_files() -> list[Path]:
    """Every extension file of the compiled extractors."""
    return [path for name in COMPILED_MODULES for path in _builds(name)]


def _builds(name: str) -> list[Path]:
    """The module's extension files: a small loader (`name`), rebuilt only when missing, and the
    compiled code (`name__mypyc`), rebuilt whenever the source changed."""
    return [
        path
        for stem in (name, f"{name}__mypyc")
        for suffix in EXTENSION_SUFFIXES
        if (path := _PACKAGE_DIR / f"{stem}{suffix}").exists()
    ]


def built_modules() -> list[str]:
    """The extractor modules with a compiled build beside their source."""
    return [name for name in COMPILED_MODULES if _builds(name)]


def compiled_modules() -> list[str]:
    """The extractor modules this process runs compiled (imported from an extension module)."""
    return [
        name
        for name in COMPILED_MODULES
        if (module := sys.modules.get(f"workers.extract.{name}")) is not None
        and not str(getattr(module, "__file__", "")).endswith(".py")
    ]


def stale_builds() -> list[str]:
    """Modules whose newest build is older than their source: run `make compile`."""
    return [
        name
        for name in COMPILED_MODULES
        if (builds := _builds(name))
        and max(build.stat().st_mtime for build in builds) < (_PACKAGE_DIR / f"{name}.py").stat().st_mtime
    ]
