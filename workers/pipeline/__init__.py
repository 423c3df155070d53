"""Processing steps and the factory that chains them; no Kafka client code lives here."""
