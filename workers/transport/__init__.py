"""kafka-python adapters: consuming with group rebalances, producing, committing, admin."""
