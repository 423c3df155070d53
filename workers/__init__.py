"""Event worker: Kafka ingestion and enrichment of news articles into event records."""

__version__ = "0.1.0"
