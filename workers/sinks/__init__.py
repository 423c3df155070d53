"""Where results go: event and enriched-article records, and dead letters."""
