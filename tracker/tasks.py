"""Long tasks (import, export, packs): how they report progress and how they are stopped.

A task takes a ``Progress`` callback and calls it now and then with (done, total). The GUI's
callback updates a progress bar and raises ``tracker.errors.Cancelled`` once the user has
clicked 取消; the task does not catch it, so the caller's transaction rolls back and files
being written are removed. The CLI passes no callback.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

Progress = Callable[[int, int], None]

T = TypeVar("T")


def ticking(items: Iterable[T], progress: Progress | None, total: int, every: int) -> Iterator[T]:
    """Yield ``items``, reporting (done, total) to ``progress`` every ``every`` items."""
    for n, item in enumerate(items):
        if progress is not None and n % every == 0:
            progress(n, total)
        yield item
    if progress is not None:
        progress(total, total)
