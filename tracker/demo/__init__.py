"""A realistic Chinese demo ledger, deterministic by seed (``shishi-cli demo``)."""

from tracker.demo.generator import DemoSummary, generate_demo

__all__ = ["DemoSummary", "generate_demo"]
