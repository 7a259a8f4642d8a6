"""The fixed vocabularies of the ledger, with the Chinese words users see.

Values are stored in the database as the English ``value`` of each member; the Chinese
``label`` is what every screen, report and export shows. ``parse`` accepts either, so a
clerk can type “办理中” on the command line or in a workbook.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class LabelledEnum(StrEnum):
    """A string enum whose members carry a Chinese label."""

    label: str

    def __new__(cls, value: str, label: str = "") -> Self:
        # ``label`` defaults only so that type checkers accept the value look-up ``Status(v)``,
        # which Enum routes past ``__new__``; every member is declared with its label.

        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def parse(cls, text: str) -> Self:
        """Find the member whose value or Chinese label is ``text``.

        Raises:
            ValueError: no member matches; the message lists the accepted words.
        """
        wanted = text.strip()
        for member in cls:
            if wanted in (member.value, member.label):
                return member
        accepted = "、".join(m.label for m in cls)
        raise ValueError(f"“{wanted}”不是可用的取值，可用：{accepted}")


class UnitKind(LabelledEnum):
    COUNTY = "county", "县级"
    DEPARTMENT = "department", "县直部门"
    TOWNSHIP = "township", "乡镇（街道）"
    VILLAGE = "village", "村（社区）"
    OTHER = "other", "其他"


class ListKind(LabelledEnum):
    KEY_LIVELIHOOD = "key_livelihood", "重点民生实事"
    MICRO_WISH = "micro_wish", "微心愿"
    COMMITMENT = "commitment", "承诺事项"
    HOTLINE = "hotline", "接诉即办"
    OTHER = "other", "其他"


class Status(LabelledEnum):
    DRAFT = "draft", "草稿"
    REGISTERED = "registered", "待交办"
    ASSIGNED = "assigned", "待签收"
    IN_PROGRESS = "in_progress", "办理中"
    CLOSURE_REQUESTED = "closure_requested", "待审核"
    COMPLETED = "completed", "已办结"
    CLOSED = "closed", "已销号"
    SUSPENDED = "suspended", "暂缓"
    CANCELLED = "cancelled", "已终止"


#: States in which an item still needs work (overdue and warnings apply).
OPEN_STATUSES = frozenset(
    {
        Status.DRAFT,
        Status.REGISTERED,
        Status.ASSIGNED,
        Status.IN_PROGRESS,
        Status.CLOSURE_REQUESTED,
        Status.SUSPENDED,
    }
)
#: States in which the clock runs: an item here past its deadline is 逾期未办结. Drafts are
#: not yet official and suspended (暂缓) items are officially paused.
ACTIVE_STATUSES = frozenset(
    {Status.REGISTERED, Status.ASSIGNED, Status.IN_PROGRESS, Status.CLOSURE_REQUESTED}
)
#: States in which the work is done (counted as 办结).
DONE_STATUSES = frozenset({Status.COMPLETED, Status.CLOSED})


class DeadlinePrecision(LabelledEnum):
    DAY = "day", "日"
    MONTH = "month", "月"
    QUARTER = "quarter", "季度"
    YEAR = "year", "年"
    NONE = "none", "无"


class DeadlineKind(LabelledEnum):
    FIXED = "fixed", "限期完成"
    ONGOING = "ongoing", "长期坚持"


class Escalation(LabelledEnum):
    NORMAL = "normal", "常规"
    KEY = "key", "重点督办"
    LISTED = "listed", "挂牌督办"
    ELEVATED = "elevated", "提级督办"


class Urgency(LabelledEnum):
    NORMAL = "normal", "一般"
    URGENT = "urgent", "急办"
    CRITICAL = "critical", "特急"


class Rating(LabelledEnum):
    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    DISSATISFIED = "dissatisfied", "不满意"


class Role(LabelledEnum):
    ADMIN = "admin", "管理员"
    SUPERVISOR = "supervisor", "督查人员"
    CLERK = "clerk", "承办单位"
    VIEWER = "viewer", "只读"


#: The role sets the services check, each spelled once.
ADMINS: frozenset[Role] = frozenset({Role.ADMIN})
SUPERVISORS: frozenset[Role] = frozenset({Role.ADMIN, Role.SUPERVISOR})


class ReviewOutcome(LabelledEnum):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "同意办结"
    SUPPLEMENT = "supplement", "补充办理"
    RECTIFY = "rectify", "需要整改"
    REJECTED = "rejected", "不同意办结"


class Decision(LabelledEnum):
    PENDING = "pending", "待审批"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "不批准"
