"""Enrichment speed on one core: start-up cost and per-article time on the seed articles.

Run with `make bench`. Prints one line per measure; the README quotes them.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from schemas import RawArticle
from workers.extract import ArticleEnricher
from workers.extract.compiled import COMPILED_MODULES, compiled_modules
from workers.runtime import settle_after_startup

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
WARMUP_ROUNDS = 20
ROUNDS = 200


def main() -> int:
    started = time.perf_counter()
    enricher = ArticleEnricher()
    settle_after_startup()  # as the worker does
    startup_s = time.perf_counter() - started
    articles = [
        RawArticle(
            id=path.stem,
            text=path.read_text(encoding="utf-8"),
            published_at=datetime(2025, 4, 30, tzinfo=UTC),
        )
        for path in sorted(SEEDS.glob("*.txt"))
    ]
    now = datetime.now(UTC)
    # The first article also fills the per-word tables (features, NER weights): the cost a
    # worker pays for the words it has not seen since it started.
    begin = time.perf_counter()
    enricher.enrich(articles[0], processed_at=now)
    first_ms = (time.perf_counter() - begin) * 1000
    for _ in range(WARMUP_ROUNDS):
        for article in articles:
            enricher.enrich(article, processed_at=now)
    timings_ms = []
    for _ in range(ROUNDS):
        for article in articles:
            begin = time.perf_counter()
            enricher.enrich(article, processed_at=now)
            timings_ms.append((time.perf_counter() - begin) * 1000)
    timings_ms.sort()
    chars = sum(len(article.text) for article in articles) / len(articles)
    print(f"compiled extractors (mypyc): {len(compiled_modules())} of {len(COMPILED_MODULES)} modules")
    print(f"enricher start-up: {startup_s:.2f} s")
    print(f"first article after start-up: {first_ms:.2f} ms")
    print(f"seed articles: {len(articles)}, mean length {chars:.0f} characters, {len(timings_ms)} timed runs")
    print(
        f"enrich per article: median {statistics.median(timings_ms):.2f} ms, "
        f"p95 {timings_ms[int(len(timings_ms) * 0.95) - 1]:.2f} ms, max {timings_ms[-1]:.2f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
