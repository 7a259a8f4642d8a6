"""实事台账 desktop GUI (PySide6). Talks to the core only through ``tracker.services``."""
