"""The bulletin's written paragraphs, generated from its figures.

Leaders read the words before the tables, so each paragraph states the figure, its change
since the previous period and what is asked of the units, in the register of an official
通报. Empty denominators say so instead of printing 0%.
"""

from __future__ import annotations

from tracker.deadlines import format_deadline
from tracker.metrics import pct
from tracker.reports.bulletin_data import BulletinData


def change(now: float | None, before: float | None) -> str:
    """“比上期提高2.3个百分点” style wording; empty when either side is missing."""
    if now is None or before is None:
        return ""
    diff = (now - before) * 100
    if abs(diff) < 0.05:
        return "，与上期持平"
    word = "提高" if diff > 0 else "下降"
    return f"，比上期{word}{abs(diff):.1f}个百分点"


def paragraphs(d: BulletinData) -> list[str]:
    """The summary paragraphs in reading order."""
    k, p = d.kpi, d.previous
    out = [
        f"截至{format_deadline(d.as_of)}，{d.scope_label}共有“我为群众办实事”事项{k.counted}项，"
        f"已办结{k.done}项，办结率{pct(k.completion_rate)}{change(k.completion_rate, p.completion_rate)}；"
        f"按期办结率{pct(k.on_time_rate)}{change(k.on_time_rate, p.on_time_rate)}；"
        f"逾期未办结{k.overdue_open}项。",
        f"{d.period.label}新增事项{d.new_in_period}项，办结{d.done_in_period}项。",
    ]
    if k.surveyed:
        out.append(
            f"已回访评价{k.surveyed}项，其中满意{k.satisfied}项、基本满意{k.basic}项、"
            f"不满意{k.dissatisfied}项，群众满意率{pct(k.satisfaction_rate)}"
            f"{change(k.satisfaction_rate, p.satisfaction_rate)}。"
        )
    else:
        out.append("本期尚无回访评价记录。")
    ranked = [u for u in d.units if u.score is not None]
    if len(ranked) >= 2 and len(d.units) > 1:
        top = "、".join(f"{u.label}（{u.score:.1f}分）" for u in ranked[:3])
        out.append(f"考核得分居前的单位：{top}。")
    laggards = sorted((u for u in d.units if u.overdue_open), key=lambda u: -u.overdue_open)[:3]
    if laggards and len(d.units) > 1:  # a unit's own report does not compare it with itself
        names = "、".join(f"{u.label}（{u.overdue_open}项）" for u in laggards)
        out.append(f"逾期未办结事项较多的单位：{names}，请抓紧办理，按时报送进展。")
    t = d.warning_totals
    out.append(
        f"截至{format_deadline(d.as_of)}，红灯（逾期）事项{t.get('red', 0)}项、"
        f"橙灯（进度滞后）{t.get('orange', 0)}项、黄灯（临期）{t.get('yellow', 0)}项，"
        f"挂牌、提级等督办中事项{d.escalated_total}项，名单附后。"
    )
    backlog = backlog_text(d)
    if backlog:
        out.append(backlog)
    needs = needs_text(d)
    if needs:
        out.append(needs)
    return out


def needs_text(d: BulletinData) -> str:
    """How many open 需协调事项 the units have raised (``tracker.coordination``)."""
    if not d.needs_total:
        return ""
    units = len({n.unit for n in d.needs})
    many = f"（涉及{units}个单位）" if units > 1 and len(d.needs) == d.needs_total else ""
    return f"承办单位提请协调、尚未解决的需协调事项{d.needs_total}条{many}，请督查室及时协调。"


def backlog_text(d: BulletinData) -> str:
    """The supervisors' own backlog and the items left out, said in one sentence."""
    parts = []
    if d.review_backlog_total:
        parts.append(f"在时限前已申请销号、正等待督查室审核的{d.review_backlog_total}项")
    if d.assign_backlog_total:
        parts.append(f"尚未交办的{d.assign_backlog_total}项")
    text = ""
    if parts:
        text = (
            f"另有已过完成时限、{'，以及'.join(parts)}，属督查室待办，"
            "不计入承办单位逾期，请及时办理。"
        )
    if d.cancelled_total:
        text += f"已终止的{d.cancelled_total}项不计入以上各项数字。"
    return text


def score_formula(d: BulletinData) -> str:
    """How the assessment score is computed, printed under the ranking table."""
    w = d.weights
    return (
        f"考核得分 =（按期办结率×{w.get('on_time', 0):g} + 满意率×{w.get('satisfaction', 0):g}"
        f" + 按时报送率×{w.get('progress', 0):g}）÷ 权重之和 × 100；"
        f"某项无数据时不计入，其余权重按比例折算。满意率 =（满意 + {d.basic_weight:g}×基本满意）÷ 已评价。"
    )
