"""``python -m tracker`` is ``shishi-cli``."""

from tracker.cli import main

raise SystemExit(main())
