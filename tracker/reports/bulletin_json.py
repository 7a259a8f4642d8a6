"""The data behind a bulletin as JSON: every printed figure and list, for checking by hand.

A supervisor who doubts a number, or an office that feeds its own spreadsheet, reads the
same ``BulletinData`` the PDF and XLSX print, with the lists as item codes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tracker.metrics import Rates
from tracker.reports import reconcile
from tracker.reports.bulletin_data import BulletinData, ItemLine


def document(d: BulletinData) -> dict[str, Any]:
    """The JSON object of ``d`` (checked first, like every bulletin document)."""
    reconcile.check(d)
    figures = {
        **_figures(d.kpi),
        "new_in_period": d.new_in_period,
        "done_in_period": d.done_in_period,
        "review_backlog": d.review_backlog_total,
        "assign_backlog": d.assign_backlog_total,
        "escalated": d.escalated_total,
        "cancelled": d.cancelled_total,
        "needs": d.needs_total,
    }
    lists = {
        "red": d.warnings.get("red", []),
        "orange": d.warnings.get("orange", []),
        "yellow": d.warnings.get("yellow", []),
        "escalated": d.escalated,
        "review_backlog": d.review_backlog,
        "assign_backlog": d.assign_backlog,
    }
    return {
        "title": d.title,
        "scope": d.scope_label,
        "period": d.period.label,
        "as_of": d.as_of.isoformat(),
        "fair_clock": d.fair_clock,
        "figures": figures,
        "previous": _figures(d.previous),
        "status_counts": dict(d.status_counts),
        "satisfaction": dict(d.satisfaction),
        "done_by_month": dict(d.done_by_month),
        "overdue_days": dict(d.overdue_buckets),
        # ranks only where there is more than one unit to rank (a unit's own report)
        "units": [
            _row("unit", rank if len(d.units) > 1 else None, u) for rank, u in enumerate(d.units, 1)
        ],
        "categories": [_row("category", None, c) for c in d.categories],
        "lists": {name: [x.code for x in lines] for name, lines in lists.items()},
        "list_items": {name: [_line(x) for x in lines] for name, lines in lists.items()},
        "needs": [{**n.__dict__, "reported_on": n.reported_on.isoformat()} for n in d.needs],
        "audit_head": d.audit_head,
    }


def _figures(k: Rates) -> dict[str, Any]:
    """The headline figures of one ``Rates`` (this period's or the previous one's)."""
    return {
        "total": k.counted,
        "completed": k.done,
        "completion_rate": k.completion_rate,
        "due": k.due,
        "on_time": k.on_time,
        "on_time_rate": k.on_time_rate,
        "overdue_open": k.overdue_open,
        "overdue_done": k.overdue_done,
        "surveyed": k.surveyed,
        "satisfaction_rate": k.satisfaction_rate,
        "response_rate": k.response_rate,
        "solve_rate": k.solve_rate,
        "progress_rate": k.progress_rate,
        "urges": k.urges,
    }


def write_json(d: BulletinData, path: Path) -> Path:
    text = json.dumps(document(d), ensure_ascii=False, indent=1)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _row(key: str, rank: int | None, u: Rates) -> dict[str, Any]:
    return {
        key: u.label,
        "rank": rank if u.score is not None else None,
        "total": u.counted,
        "completed": u.done,
        "completion_rate": u.completion_rate,
        "on_time_rate": u.on_time_rate,
        "overdue_open": u.overdue_open,
        "satisfaction_rate": u.satisfaction_rate,
        "progress_rate": u.progress_rate,
        "urges": u.urges,
        "score": u.score,
    }


def _line(x: ItemLine) -> dict[str, Any]:
    return {"code": x.code, "title": x.title, "unit": x.unit, "deadline": x.deadline}
