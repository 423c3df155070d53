"""Compile the rule-based extractors to C extensions with mypyc (`make compile`).

The extractors are strictly typed pure Python; mypyc turns them into extension modules that
Python imports in place of the `.py` files beside them. Nothing changes in behaviour, but the
many small calls of the rules run faster. `workers.extract.compiled.stale_builds` names a
compiled module older than its source (a unit test fails on one, the worker logs them), so an edit
does not run stale code unnoticed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mypyc.build import mypycify
from setuptools import setup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from workers.extract.compiled import COMPILED_MODULES, built_files  # noqa: E402  # needs ROOT on the path first


def main() -> None:
    os.chdir(ROOT)
    sources = [f"workers/extract/{name}.py" for name in COMPILED_MODULES]
    # One extension per module, so that `build_ext -j` compiles them on every core.
    extensions = mypycify(sources, opt_level="3", debug_level="0", separate=True)
    setup(
        name="event-worker-compiled-extractors",
        ext_modules=extensions,
        script_args=["-q", "build_ext", "--inplace", "--parallel", str(os.cpu_count() or 1)],
    )
    # An extension whose C code did not change keeps its old time stamp; it is current all the
    # same, and `stale_builds` compares time stamps.
    for path in built_files():
        path.touch()


if __name__ == "__main__":
    main()
