"""One action on many selected items: each item in its own transaction, so one refusal
(an item already closed, another unit's item) does not undo the others — and the clerk is
told exactly which were done and why the rest were not."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from tracker.errors import Cancelled, TrackerError, ValidationError
from tracker.tasks import Progress

#: A batch beyond this is a filter's job (导出当前筛选), not a selection's.
MAX_ITEMS = 5000
SHOWN_REFUSALS = 10


def check_size(count: int) -> None:
    """Refuse a selection too large to handle item by item, before anything is done."""
    if count > MAX_ITEMS:
        raise ValidationError(
            "ids",
            f"一次最多批量处理 {MAX_ITEMS} 项（选中了 {count} 项），请先用筛选缩小范围；"
            "要导出全部筛选结果请用“导出台账”。",
        )


@dataclass
class BatchOutcome:
    label: str
    done: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    stopped: bool = False

    def summary(self) -> str:
        """“已催办 48 项；2 项未催办：…” in the words of the action."""
        lines = [f"已{self.label} {len(self.done)} 项。"]
        if self.stopped:
            lines.append("已按要求停止，其余事项未处理。")
        if self.refused:
            lines.append(f"{len(self.refused)} 项未{self.label}：")
            lines += [f"{code}：{why}" for code, why in self.refused[:SHOWN_REFUSALS]]
            if len(self.refused) > SHOWN_REFUSALS:
                lines.append(f"……另有 {len(self.refused) - SHOWN_REFUSALS} 项")
        return "\n".join(lines)


def run_each(
    label: str,
    item_ids: Sequence[int],
    codes: Mapping[int, str],
    act: Callable[[int], object],
    progress: Progress | None = None,
) -> BatchOutcome:
    """Apply ``act`` (one transaction) to each item; refusals are collected, not raised."""
    outcome = BatchOutcome(label)
    for n, item_id in enumerate(item_ids):
        try:
            if progress is not None:
                progress(n, len(item_ids))
        except Cancelled:
            outcome.stopped = True
            break
        code = codes.get(item_id, str(item_id))
        try:
            act(item_id)
        except TrackerError as exc:
            outcome.refused.append((code, str(exc)))
        else:
            outcome.done.append(code)
    return outcome
