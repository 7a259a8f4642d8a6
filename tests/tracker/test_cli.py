"""shishi-cli: exit codes, Chinese messages, and JSON that agrees with the database."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from tests.conftest import TODAY
from tests.tracker.damage import corrupt
from tracker.cli import main
from tracker.db import open_database


@pytest.fixture
def demo_file(db_path):
    """A closed demo ledger file as of the fixed test date."""
    from tracker.demo import generate_demo

    with open_database(str(db_path)) as db, db.sessions.begin() as s:
        generate_demo(s, 400, seed=5, today=TODAY)
    return db_path


def test_init_creates_the_ledger(cli, db_path):
    code, out, _ = cli("init")
    assert code == 0 and "台账已就绪" in out and db_path.exists()


def test_demo_then_refuses_a_second_demo(cli):
    code, out, _ = cli("demo", "--items", "150", "--seed", "2")
    assert code == 0 and "150 个事项" in out
    code, _, err = cli("demo", "--items", "10")
    assert code == 2 and "已有 150 个事项" in err and "Traceback" not in err
    code, out, _ = cli("demo", "--if-empty")
    assert code == 0 and "跳过" in out


def _overdue_by_sql(path, as_of):
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            # 逾期未办结 under the fair clock: 待交办 items and closure requests made by
            # the deadline wait on the supervisors, they are not the unit's overdue.
            "SELECT code FROM item WHERE deadline_date < ? AND (status IN "
            "('assigned','in_progress') OR (status = 'closure_requested' AND "
            "(requested_on IS NULL OR requested_on > deadline_date))) ORDER BY list_id, code",
            (as_of.isoformat(),),
        ).fetchall()
    conn.close()
    return [r[0] for r in rows]


def test_list_overdue_json_matches_plain_sql(cli, demo_file):
    import datetime as dt

    code, out, _ = cli("list", "--overdue", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [r["code"] for r in rows] == _overdue_by_sql(demo_file, dt.date.today())
    assert rows and all(r["overdue_days"] > 0 for r in rows)
    assert {r["status_label"] for r in rows} <= {"待签收", "办理中", "待审核"}


def test_list_filters_by_status_label_and_unit(cli, demo_file):
    code, out, _ = cli("list", "--status", "已销号", "--unit", "县教育局", "--json")
    assert code == 0
    rows = json.loads(out)
    with sqlite3.connect(demo_file) as conn:
        expected = conn.execute(
            "SELECT count(*) FROM item WHERE status='closed' AND (lead_unit_id=(SELECT id FROM unit "
            "WHERE name='县教育局') OR id IN (SELECT item_id FROM item_co_unit WHERE unit_id="
            "(SELECT id FROM unit WHERE name='县教育局')))"
        ).fetchone()[0]
    conn.close()
    assert len(rows) == expected > 0
    assert all(r["status"] == "closed" for r in rows)


def test_list_table_output_is_aligned_chinese(cli, demo_file):
    code, out, _ = cli("list", "--limit", "3")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("编号") and len(lines) == 5
    assert lines[-1] == "共 400 项，显示前 3 项"


def test_show_json_includes_history(cli, demo_file):
    with sqlite3.connect(demo_file) as conn:
        code_, title = conn.execute(
            "SELECT code, title FROM item WHERE status='closed' AND id IN "
            "(SELECT item_id FROM satisfaction_survey) ORDER BY id LIMIT 1"
        ).fetchone()
    conn.close()
    code, out, _ = cli("show", code_, "--json")
    assert code == 0
    detail = json.loads(out)
    assert detail["title"] == title and detail["status_label"] == "已销号"
    kinds = [e["kind"] for e in detail["history"]]
    assert {"进展", "申请销号", "审核", "回访"} <= set(kinds)
    times = [e["at"] for e in detail["history"]]
    assert times == sorted(times)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("show", "没有这个编号"), "没有编号为“没有这个编号”的事项"),
        (("list", "--status", "完成了"), "不是可用的取值"),
        (("list", "--unit", "火星局"), "没有名为“火星局”的单位"),
        (("demo",), "已有 400 个事项"),
    ],
)
def test_user_errors_exit_2_with_one_chinese_line(cli, demo_file, args, message):
    code, _, err = cli(*args)
    assert code == 2 and message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [(("list", "--limit", "0"), "必须是正整数"), (("frobnicate",), "命令行参数有误")],
)
def test_argparse_errors_exit_2(db_path, capsys, args, message):
    with pytest.raises(SystemExit) as caught:
        main(["--db", str(db_path), *args])
    assert caught.value.code == 2 and message in capsys.readouterr().err


def test_list_on_missing_ledger_says_how_to_create_it(cli):
    code, _, err = cli("list")
    assert code == 2 and "shishi-cli init" in err


def test_backup_and_restore_round_trip(cli, demo_file, tmp_path):
    target = tmp_path / "copy.db"
    code, out, _ = cli("backup", "--to", str(target))
    assert code == 0 and str(target) in out
    with sqlite3.connect(demo_file) as conn:
        conn.execute("DELETE FROM item_co_unit")
    conn.close()
    code, out, _ = cli("restore", str(target))
    assert code == 0 and "原台账文件已另存为" in out
    with sqlite3.connect(demo_file) as conn:
        assert conn.execute("SELECT count(*) FROM item_co_unit").fetchone()[0] > 0
    conn.close()


def test_module_entry_point_runs_in_a_fresh_process(db_path):
    done = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(db_path), "show", "X"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 2 and done.stderr.startswith("错误：")


def test_light_and_deadline_range_filters(cli, demo_file):
    _, red, _ = cli("list", "--light", "红", "--json")
    _, overdue, _ = cli("list", "--overdue", "--json")
    assert [r["code"] for r in json.loads(red)] == [r["code"] for r in json.loads(overdue)]
    code, out, _ = cli("list", "--from", "2026-05-01", "--to", "2026-05-31", "--json")
    days = [r["deadline_date"] for r in json.loads(out)]
    assert code == 0 and days and all("2026-05-01" <= d <= "2026-05-31" for d in days)
    code, _, err = cli("list", "--light", "紫")
    assert code == 2 and "不是预警颜色" in err


def test_corrupt_ledger_is_restored_from_a_listed_backup(cli, demo_file):
    code, out, _ = cli("backup")
    assert code == 0
    backup = out.strip().removeprefix("已备份到：")
    corrupt(demo_file)
    code, _, err = cli("list")
    assert code == 2 and "已损坏" in err and backup in err
    code, out, _ = cli("backup", "--list")
    assert code == 0 and backup in out
    code, out, _ = cli("restore", backup)
    assert code == 0 and "damaged" in out
    code, out, _ = cli("list", "--limit", "1")
    assert code == 0 and out.splitlines()[-1] == "共 400 项，显示前 1 项"
