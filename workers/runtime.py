"""Process-level tuning for a long-running worker, applied once its extractors are loaded."""

from __future__ import annotations

import gc

# Enriching an article allocates tens of thousands of short-lived objects and leaves no reference
# cycles behind (checked with gc.DEBUG_SAVEALL), so frequent young-generation collections find
# nothing and only cost time; collecting every 20,000 net allocations instead of 700 saves it.
YOUNG_GENERATION_THRESHOLD = 20_000


def settle_after_startup() -> None:
    """Freeze the start-up objects (gazetteer, models) out of every later collection and collect
    the young generation less often. Call once, after the enricher is built."""
    gc.collect()
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_GENERATION_THRESHOLD, middle, oldest)
