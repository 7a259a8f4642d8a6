"""Reproducible performance runs on generated data (``python -m benchmarks``)."""
