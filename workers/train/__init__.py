"""Training entry points for the statistical models shipped in workers/extract/models."""
