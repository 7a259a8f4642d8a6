"""实事台账 core: storage, domain model, workflow, Excel and reports — no Qt."""

__version__ = "0.1.0"
