"""Evaluation helpers: compare enriched output with hand-checked gold facts."""

from workers.evaluate.seed_gold import GoldItemResult, check_gold

__all__ = ["GoldItemResult", "check_gold"]
