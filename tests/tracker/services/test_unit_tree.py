"""Units as a tree: the outline pickers show and the subtree a town filter covers."""

from __future__ import annotations

from tests.tracker.org import new_item
from tracker import query
from tracker.enums import UnitKind
from tracker.models import Unit
from tracker.query import ItemFilter
from tracker.services import registry


def _villages(s, org):
    registry.add_unit(s, org.admin, "城关镇东村", UnitKind.VILLAGE, parent="城关镇")
    registry.add_unit(s, org.admin, "城关镇西村", UnitKind.VILLAGE, parent="城关镇")
    registry.add_unit(s, org.admin, "东村三组", UnitKind.VILLAGE, parent="城关镇东村")


def test_outline_is_depth_first_and_survives_a_loop(db, org):
    with db.sessions.begin() as s:
        _villages(s, org)
        lines = query.outline(s)
        assert [(u.name, u.depth) for u in lines] == [
            ("县教育局", 0),
            ("县民政局", 0),
            ("城关镇", 0),
            ("城关镇东村", 1),
            ("东村三组", 2),
            ("城关镇西村", 1),
        ]
        assert [s.get(Unit, i).name for i in query.subtree_ids(s, "城关镇东村")] == [
            "城关镇东村",
            "东村三组",
        ]
        # a parent chain edited into a loop: both units still listed, nothing lost
        east = s.get(Unit, lines[3].id)
        s.get(Unit, lines[2].id).parent_id = east.id
        s.flush()
        names = [u.name for u in query.outline(s)]
        assert sorted(names) == sorted(u.name for u in lines)


def test_a_town_filter_covers_its_villages_only_when_asked(db, org):
    with db.sessions.begin() as s:
        _villages(s, org)
        town = new_item(s, org, "T1", unit="城关镇")
        village = new_item(s, org, "T2", unit="东村三组")
        new_item(s, org, "T3", unit="县教育局")
        co = new_item(s, org, "T4", unit="县民政局", co_units=("城关镇西村",))
        exact = query.item_ids(s, ItemFilter(unit="城关镇"))
        tree = query.item_ids(s, ItemFilter(unit="城关镇", with_subunits=True))
    assert exact == [town]
    assert sorted(tree) == sorted([town, village, co])
