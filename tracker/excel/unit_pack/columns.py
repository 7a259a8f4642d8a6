"""The columns of a unit fill-in pack (填报包), its sheets and the words printed on it.

Two sheets: 填报表 for the items the unit leads (every fill-in column), 配合事项 for the items
it co-organises (a report only: percent, closure and extension belong to the lead unit).
Locked columns show what the ledger holds; the yellow ones are for the unit to fill in.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """What a column holds, which decides its lock, validation and how it is read back."""

    LOCKED = "locked"
    TEXT = "text"
    PERCENT = "percent"
    DATE = "date"
    YES_NO = "yes_no"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float
    kind: Kind = Kind.LOCKED

    @property
    def editable(self) -> bool:
        return self.kind != Kind.LOCKED


CODE = Column("code", "编号", 13)
LIST = Column("list", "清单", 12)  # codes are unique only within a list
TITLE = Column("title", "事项名称", 18)
LEAD_UNIT = Column("lead_unit", "牵头单位", 12)
DEADLINE = Column("deadline", "完成时限", 11)
STATUS = Column("status", "当前状态", 7)
PERCENT_NOW = Column("percent_now", "当前进度", 6)
LAST_REPORT = Column("last_report", "上次报送", 10)
LAST_PROGRESS = Column("last_progress", "上次进展", 18)
REVIEW = Column("review", "审核意见", 10)
PROGRESS = Column("progress", "进展情况", 26, Kind.TEXT)
PERCENT = Column("percent", "完成百分比", 6, Kind.PERCENT)
DONE_ON = Column("done_on", "实际完成日期", 10, Kind.DATE)
PROBLEMS = Column("problems", "存在问题", 14, Kind.TEXT)
NEEDS = Column("needs", "需协调事项", 14, Kind.TEXT)
CLOSURE = Column("closure", "申请销号", 5, Kind.YES_NO)
SUMMARY = Column("summary", "完成情况", 14, Kind.TEXT)
EXTEND_TO = Column("extend_to", "申请延期至", 10, Kind.DATE)
EXTEND_REASON = Column("extend_reason", "延期理由", 12, Kind.TEXT)


@dataclass(frozen=True)
class SheetSpec:
    name: str
    tag: str  # the check sheet's name for it
    columns: tuple[Column, ...]
    title: str  # after the unit's name

    @property
    def locked(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if not c.editable)

    def index(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)


LEAD = SheetSpec(
    "填报表",
    "lead",
    (
        CODE,
        LIST,
        TITLE,
        DEADLINE,
        STATUS,
        PERCENT_NOW,
        LAST_REPORT,
        LAST_PROGRESS,
        REVIEW,
        PROGRESS,
        PERCENT,
        DONE_ON,
        PROBLEMS,
        NEEDS,
        CLOSURE,
        SUMMARY,
        EXTEND_TO,
        EXTEND_REASON,
    ),
    "牵头事项进展填报表",
)
CO = SheetSpec(
    "配合事项",
    "co",
    (
        CODE,
        LIST,
        TITLE,
        LEAD_UNIT,
        DEADLINE,
        STATUS,
        PERCENT_NOW,
        LAST_PROGRESS,
        PROGRESS,
        PROBLEMS,
        NEEDS,
    ),
    "配合事项进展填报表",
)
SHEETS = (LEAD, CO)
HELP = "填表说明"
META = "_校验"
FORMAT = "shishi-pack-2"
OLD_FORMAT = "shishi-pack-1"
HEADER_ROW = 3
#: The longest text a fill-in cell may hold: the validation and the reader say the same.
MAX_TEXT = 2000
FIRST_DATA_ROW = 4

#: The sign-off lines under the table; the reader stops at them.
SIGN_OFF = "填报人：　　　　　　审核人（单位负责人）：　　　　　　联系电话：　　　　　　单位盖章："
SIGN_OFF_DATE = "年　　月　　日"

INSTRUCTIONS = (
    "填表说明",
    "一、只填写黄色底色的列。白色列（编号、事项名称、完成时限、当前状态等）是台账中的内容，"
    "已锁定，改了也不会被采用。",
    "二、进展情况：写本期做了什么、到了哪一步。只有存在问题或需协调事项时，可以只填这两列。"
    "存在问题、需协调事项不填表示与上次相同（仍列入督办部门的需协调清单）；已经解决的请填“无”或“已解决”。",
    "三、完成百分比：填 0 到 100 的整数，如 90；写成 90% 也可以。比上次低时，须在进展情况中写明原因。",
    "四、实际完成日期、申请延期至：填日期，如 2026-10-20 或 2026年10月20日。",
    "五、申请销号：事项已全部完成、完成百分比为 100% 时选“是”，并在完成情况中写明完成了什么。"
    "佐证材料（照片、验收单等）须已上传到台账（本表不能附文件，请另行报送督办部门上传），"
    "否则申请销号不予采用。",
    "六、申请延期：在“申请延期至”填新的完成日期，并在“延期理由”写明原因，由督办部门审批；"
    "请不要直接修改完成时限。",
    "七、配合事项：本单位作为配合单位的事项在“配合事项”表中，填写本单位承担部分的进展；"
    "完成百分比、销号和延期由牵头单位填报。",
    "八、不需要填报的事项留空即可。请不要删除或插入行，不要把其他单位的表格内容复制进来。",
    "九、可以用 Excel、WPS 或 LibreOffice 填写，保存后把原文件发回（.xlsx、.xls、.ods 均可）。",
    "十、打印后手工填写的，请在表下方签字盖章。",
)
