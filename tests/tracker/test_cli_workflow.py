"""End-to-end from the command line: one item through every path, refusals, verify, stats."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from tests.conftest import TODAY
from tracker.db import open_database
from tracker.demo import generate_demo

LIST = "2026年重点民生实事清单"


@pytest.fixture
def county(cli):
    for args in (
        ("init",),
        ("admin", "add-unit", "县教育局", "--as", "admin"),
        ("admin", "add-unit", "县民政局", "--as", "admin"),
        ("admin", "add-user", "dc", "--name", "督查室", "--role", "督查人员", "--as", "admin"),
        (
            "admin",
            "add-user",
            "jy",
            "--name",
            "教育局录入员",
            "--role",
            "承办单位",
            "--unit",
            "县教育局",
            "--as",
            "admin",
        ),
        (
            "admin",
            "add-user",
            "mz",
            "--name",
            "民政局录入员",
            "--role",
            "承办单位",
            "--unit",
            "县民政局",
            "--as",
            "admin",
        ),
        ("admin", "add-list", LIST, "--year", "2026", "--as", "admin"),
    ):
        code, _, err = cli(*args)
        assert code == 0, err
    return cli


def _add(cli, code, *extra):
    return _ok(
        cli,
        "item",
        "add",
        "--list",
        LIST,
        "--code",
        code,
        "--title",
        f"事项{code}",
        "--as",
        "dc",
        *extra,
    )


def _ok(cli, *args):
    code, out, err = cli(*args)
    assert code == 0, err
    return out


def test_one_item_through_every_path(county, tmp_path):
    cli = county
    photo = tmp_path / "完工照片.jpg"
    photo.write_bytes(b"\xff\xd8\xff photo")
    _add(cli, "A1", "--unit", "县教育局", "--deadline", "2099-12-31")
    steps = [
        ("submit", "dc"),
        ("send_back", "dc", "--reason", "材料不全"),
        ("submit", "dc"),
        ("assign", "dc"),
        ("hand_back", "jy", "--reason", "需与民政局共同办理"),
        ("assign", "dc"),
        ("sign", "jy"),
        ("suspend", "dc", "--reason", "等待资金"),
        ("resume", "dc"),
        ("request_closure", "jy", "--reason", "已完工"),
        ("supplement", "dc", "--reason", "补照片"),
        ("request_closure", "jy", "--reason", "已补"),
        ("reject", "dc", "--reason", "未验收"),
        ("request_closure", "jy", "--reason", "已验收"),
        ("approve", "dc", "--reason", "材料齐全，同意办结"),
        ("close", "dc"),
        ("reopen", "dc", "--reason", "群众反映仍漏水"),
    ]
    for action, who, *rest in steps:
        if action == "request_closure":  # each request brings its own (new) evidence
            _ok(cli, "item", "attach", "A1", str(photo), "--as", "jy")
        out = _ok(cli, "item", action, "A1", "--as", who, *rest)
        assert out.startswith("已完成：A1")
        if action == "sign":
            _ok(cli, "item", "progress", "A1", "--text", "已开工", "--percent", "40", "--as", "jy")
            _ok(cli, "item", "progress", "A1", "--text", "已完工", "--percent", "100", "--as", "jy")
            _ok(cli, "item", "urge", "A1", "--note", "请加快", "--as", "dc")
            _ok(
                cli,
                "item",
                "escalate",
                "A1",
                "--level",
                "重点督办",
                "--reason",
                "进度慢",
                "--as",
                "dc",
            )
            _ok(cli, "item", "extend", "A1", "--to", "2100-06-30", "--reason", "资金", "--as", "jy")
            _ok(cli, "item", "approve-extension", "A1", "--as", "dc")
        if action == "approve":
            _ok(
                cli,
                "item",
                "visit",
                "A1",
                "--rating",
                "基本满意",
                "--comment",
                "漏水",
                "--as",
                "dc",
            )
    detail = json.loads(_ok(cli, "show", "A1", "--json"))
    assert detail["status_label"] == "办理中" and detail["rework_count"] == 1
    assert detail["original_deadline_date"] == "2099-12-31"
    texts = [f"{e['kind']}:{e['text']}" for e in detail["history"]]
    for expected in (
        "办理:驳回立项：材料不全",
        "办理:退办：需与民政局共同办理",
        "办理:暂缓：等待资金",
        "办理:恢复办理",
        "审核:补充办理：补照片",
        "审核:不同意办结：未验收",
        "审核:同意办结",
        "办理:销号",
        "办理:回头看：群众反映仍漏水",
        "催办:",
        "申请延期:",
        "延期审批:已批准",
        "回访:",
    ):
        assert any(t.startswith(expected) for t in texts), expected
    # cancel: a second item, 终止 with a reason
    _add(cli, "A2")
    _ok(cli, "item", "cancel", "A2", "--reason", "上级政策调整", "--as", "dc")
    assert _ok(cli, "verify").startswith("审计日志完整")


def test_clerk_of_another_unit_is_refused_with_exit_2(county):
    cli = county
    _add(cli, "B1", "--unit", "县教育局")
    _ok(cli, "item", "submit", "B1", "--as", "dc")
    _ok(cli, "item", "assign", "B1", "--as", "dc")
    code, out, err = cli("item", "sign", "B1", "--as", "mz")
    assert code == 2 and out == ""
    assert (
        err.strip()
        == "错误：民政局录入员（承办单位，县民政局）无权对“县教育局”牵头的事项“B1”执行“签收”。"
    )
    code, _, err = cli("item", "request_closure", "B1", "--as", "jy")
    assert code == 2 and "不能执行" in err


def test_editing_an_audit_row_makes_verify_fail_naming_it(county, db_path):
    cli = county
    _add(cli, "C1")
    _ok(cli, "item", "submit", "C1", "--as", "dc")
    with sqlite3.connect(db_path) as conn:
        victim = conn.execute("SELECT id FROM audit_entry WHERE action='submit'").fetchone()[0]
        conn.execute("UPDATE audit_entry SET actor='someone' WHERE id=?", (victim,))
    conn.close()
    code, _, err = cli("verify")
    assert code == 3 and f"审计记录编号 {victim}" in err


def _plain_python_recount(path, as_of: dt.date) -> dict[str, int]:
    """The definitions of tracker/metrics.py, recomputed row by row in Python."""
    end = (as_of + dt.timedelta(days=1)).isoformat()
    day_of = as_of.isoformat()
    conn = sqlite3.connect(path)
    originals = dict(conn.execute("SELECT id, original_deadline_date FROM item"))
    # Each item's state at the end of the day: its latest history row before then.
    states: dict[int, tuple] = {}
    for row in conn.execute(
        "SELECT item_id, at, status, deadline_date, requested_on, done_on FROM item_history "
        "WHERE at < ? ORDER BY at, id",
        (end,),
    ):
        states[row[0]] = row[2:]
    conn.close()
    n = dict.fromkeys(
        (
            "counted",
            "done",
            "due",
            "on_time",
            "overdue_open",
            "overdue_done",
            "due_original",
            "on_time_original",
        ),
        0,
    )
    for item_id, (status, deadline, requested, done_on) in states.items():
        if status in ("draft", "cancelled"):
            continue
        n["counted"] += 1
        done = status in ("completed", "closed")
        day = (requested or done_on) if done else None  # the fair clock's day
        passed = not done and deadline is not None and deadline < day_of
        backlog = passed and (
            status == "registered"
            or (status == "closure_requested" and requested is not None and requested <= deadline)
        )
        original = originals[item_id] or deadline
        n["done"] += done
        if deadline and (done or (passed and not backlog)):
            n["due"] += 1
            n["on_time"] += bool(done and day <= deadline)
        if original and (done or (not done and original < day_of and not backlog)):
            n["due_original"] += 1
            n["on_time_original"] += bool(done and day <= original)
        n["overdue_open"] += bool(passed and status != "suspended" and not backlog)
        n["overdue_done"] += bool(done and deadline and day > deadline)
    return n


@pytest.mark.parametrize("as_of", ["2026-06-30", TODAY.isoformat()])
def test_stats_json_on_demo_agrees_with_a_plain_python_recount(cli, db_path, as_of):
    with open_database(str(db_path)) as db, db.sessions.begin() as s:
        generate_demo(s, 1500, seed=11, today=TODAY)
    code, out, _ = cli("stats", "--as-of", as_of, "--json")
    assert code == 0
    row = json.loads(out)["rows"][0]
    expected = _plain_python_recount(db_path, dt.date.fromisoformat(as_of))
    assert {k: row[k] for k in expected} == expected
    assert row["completion_rate"] == pytest.approx(expected["done"] / expected["counted"])
    assert 0 <= row["score"] <= 100


def test_stats_for_one_unit_and_unknown_unit(cli, db_path):
    with open_database(str(db_path)) as db, db.sessions.begin() as s:
        generate_demo(s, 400, seed=2, today=TODAY)
    code, out, _ = cli("stats", "--unit", "县教育局", "--as-of", TODAY.isoformat())
    assert code == 0 and "县教育局" in out and "考核得分" in out
    code, _, err = cli("stats", "--unit", "火星局")
    assert code == 2 and "没有名为“火星局”的单位" in err


def test_the_closure_gate_from_the_command_line(county, tmp_path):
    cli = county
    _add(cli, "G1", "--unit", "县教育局", "--deadline", "2099-12-31")
    for action, who in (("submit", "dc"), ("assign", "dc"), ("sign", "jy")):
        _ok(cli, "item", action, "G1", "--as", who)
    _ok(cli, "item", "progress", "G1", "--text", "已完工", "--percent", "100", "--as", "jy")
    code, out, err = cli("item", "request_closure", "G1", "--reason", "已完工", "--as", "jy")
    assert code == 2 and out == "" and "还没有佐证材料" in err
    code, _, err = cli("item", "progress", "G1", "--text", "复核", "--percent", "80", "--as", "jy")
    assert code == 2 and "须写明降低的原因" in err
    scan = tmp_path / "验收单.pdf"
    scan.write_bytes(b"%PDF-1.4")
    _ok(cli, "item", "attach", "G1", str(scan), "--as", "jy")
    _ok(cli, "item", "request_closure", "G1", "--reason", "已完工", "--as", "jy")
    code, _, err = cli("item", "approve", "G1", "--as", "dc")
    assert code == 2 and "执行“同意办结”必须填写审核意见" in err
    assert "已办结" in _ok(cli, "item", "approve", "G1", "--reason", "同意", "--as", "dc")
