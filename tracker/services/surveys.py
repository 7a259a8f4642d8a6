"""Follow-up visits (回访): the public's verdict, and for hotline items contact and solution."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from tracker.actors import Actor
from tracker.enums import Rating
from tracker.errors import ValidationError
from tracker.models import SatisfactionSurvey
from tracker.services.common import ItemState, now, permit, record, snapshot


@dataclass(frozen=True)
class Visit:
    """What the 回访 dialog collects (the keyword arguments of ``record_visit``)."""

    rating: Rating | None
    visited_on: dt.date | None = None
    contacted: bool | None = None
    solved: bool | None = None
    method: str | None = None
    respondent: str | None = None
    comment: str | None = None


def record_visit(
    s: Session,
    actor: Actor,
    item_id: int,
    *,
    rating: Rating | None,
    visited_on: dt.date | None = None,
    contacted: bool | None = None,
    solved: bool | None = None,
    method: str | None = None,
    respondent: str | None = None,
    comment: str | None = None,
    at: dt.datetime | None = None,
) -> ItemState:
    """Record one visit. A dissatisfied verdict does not reopen the item by itself:
    回头看 is a supervisor's decision, taken with ``move(..., "reopen")``."""
    item = permit(s, actor, item_id, "visit")
    stamp = now(at)
    day = visited_on or stamp.date()
    if day > stamp.date():
        raise ValidationError("visited_on", "回访日期不能晚于今天。")
    done = item.completed_at.date() if item.completed_at else None
    if done is not None and day < done:  # it would judge work not yet finished
        raise ValidationError("visited_on", f"回访日期不能早于办结日期（{done}）。")
    if rating is None and contacted is None:
        raise ValidationError("rating", "回访至少要记录满意度或是否联系上群众。")
    before = snapshot(item)
    s.add(
        SatisfactionSurvey(
            item_id=item.id,
            visited_on=day,
            rating=rating,
            contacted=contacted,
            solved=solved,
            method=method,
            respondent=respondent,
            comment=comment,
            user_id=actor.user_id,
            created_at=stamp,
        )
    )
    record(
        s, actor, item, "visit", before, stamp, rating=rating, contacted=contacted, solved=solved
    )
    return ItemState.of(item)
