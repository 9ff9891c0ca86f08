"""Hand-built venue plans (plan.json dicts) for the checker's tests and the conformance
fixtures, independent of the solver.

``shared_plan()``: an organ branch in a shared room (class 2, 001 §2(二)): a 6 × 4.5 m room,
the entrance on wall 0, the main wall 2 with flag, oath and rights and duties, the publicity
window on wall 1. ``no_room_plan()``: an organ branch without a room (class 3, 001 §2(三)):
the publicity window on the corridor wall (venue wall 0), the party-affairs column on the
secretary's office wall (venue wall 1). Both pass every required rule.
"""

from __future__ import annotations

from tests.compliance.factories import DATE, rect, wall_item

CONTENT = {"overview": "支部现有党员，学习、会议与党务公开办公室共用一室。",
           "activities": "每月第一个星期五开展主题党日活动。", "honors": []}


def shared_plan(W: int = 6000, D: int = 4500, members: int = 9) -> dict:
    committee = [{"name": "陈志强", "role": "书记"}, {"name": "刘芳", "role": "组织委员"},
                 {"name": "杨帆", "role": "宣传委员"}]
    spec = {"branch": {"name": "市档案馆机关党支部", "type": "organ", "members": members},
            "venue": "shared",
            "room": {"outline": rect(0, 0, W, D), "height": 3000,
                     "openings": [{"kind": "door", "wall": 0, "offset": 500, "width": 1000, "height": 2100}],
                     "obstacles": [{"wall": 3, "offset": 300, "width": 1800, "bottom": 0, "top": 2000, "depth": 450,
                                    "label": "文件柜"}]},
            "main_wall": 2, "date": DATE,
            "content": dict(CONTENT, committee=committee)}
    fx = (W - 1440) / 2
    items = [
        wall_item("flag", "flag", 2, fx, 1700, 1440, 960, kind="flag", title="中国共产党党旗", flag_size=4),
        wall_item("oath", "oath", 2, (W - 1200) / 2, 850, 1200, 800, title="入党誓词"),
        wall_item("rights_duties", "rights_duties", 2, fx + 1440 + 250, 900, 800, 1200, title="党员的权利和义务"),
        wall_item("publicity_window", "publicity", 1, (D - 1200) / 2, 1150, 1200, 800, title="党务公开宣传窗",
                  placement="side"),
    ]
    return {"schema_version": "1.0", "generator": "roomplanner", "spec": spec, "profile": "organ-shared",
            "main_wall": 2, "flag_size": 4, "oath_position": "below", "wall_items": items, "floor_items": [],
            "seating": None, "notes": []}


def no_room_plan(members: int = 3) -> dict:
    spec = {"branch": {"name": "市统计局机关第一党支部", "type": "organ", "members": members},
            "venue": "none",
            "venue_walls": {
                "corridor": {"length": 6000, "height": 3000, "label": "三楼走廊",
                             "openings": [{"kind": "door", "offset": 500, "width": 1000, "height": 2100}],
                             "obstacles": [{"offset": 4200, "width": 700, "bottom": 1100, "top": 1900,
                                            "label": "消火栓箱"}]},
                "secretary_office": {"length": 4000, "height": 2900, "label": "书记办公室",
                                     "openings": [{"kind": "door", "offset": 3000, "width": 900, "height": 2100}]}},
            "date": DATE,
            "content": dict(CONTENT, committee=[{"name": "周明", "role": "书记"}])}
    items = [
        wall_item("publicity_window", "publicity", 0, 2400, 1150, 1200, 800, title="党建工作宣传窗"),
        wall_item("party_affairs_column", "publicity", 1, 1000, 1150, 1200, 800, title="党务公开栏"),
    ]
    return {"schema_version": "1.0", "generator": "roomplanner", "spec": spec, "profile": "organ-no-room",
            "main_wall": 0, "flag_size": None, "oath_position": "below", "wall_items": items, "floor_items": [],
            "seating": None, "notes": []}


def venue_fixtures(G) -> dict[str, dict]:
    """The conformance fixtures of the venue rules (``G`` makes the general room plan)."""
    from tests.compliance.factories import drop, item

    S, N = shared_plan, no_room_plan
    out: dict[str, dict] = {}
    out["pass-venue.shared_walls"] = S()
    out["fail-venue.shared_walls-no-oath"] = drop(S(), "oath")
    out["fail-venue.shared_walls-no-rights-duties"] = drop(S(), "rights_duties")
    out["na-venue.shared_walls-general"] = G()
    out["pass-venue.publicity_window"] = S()
    out["fail-venue.publicity_window-none"] = drop(S(), "publicity_window")
    out["na-venue.publicity_window-no-room"] = N()
    out["pass-venue.corridor_window"] = N()
    p = N()
    item(p, "publicity_window")["offset"] = 1200      # 300 mm over the door (500–1500)
    out["fail-venue.corridor_window-over-door"] = p
    p = N()
    item(p, "publicity_window")["offset"] = 3200      # 200 mm over the hydrant box (4200–4900), clearance 100
    out["fail-venue.corridor_window-hydrant"] = p
    out["fail-venue.corridor_window-missing"] = drop(N(), "publicity_window")
    out["na-venue.corridor_window-shared"] = S()
    out["pass-venue.office_column"] = N()
    p = N()
    item(p, "party_affairs_column")["offset"] = 3300  # runs past the 4000 mm wall
    out["fail-venue.office_column-past-wall-end"] = p
    out["fail-venue.office_column-missing"] = drop(N(), "party_affairs_column")
    out["na-venue.office_column-general"] = G()
    out["pass-venue.desk_cards-3-members"] = N(members=3)
    out["fail-venue.desk_cards-4-members-3-cards"] = N(members=4)
    out["na-venue.desk_cards-shared"] = S()
    out["review-venue.on_site-no-room"] = N()
    out["review-venue.on_site-shared"] = S()
    out["na-venue.on_site-general"] = G()
    # a class-3 branch is not told it lacks a room
    out["na-flag.on_main_wall-no-room"] = N()
    out["na-area.minimum-no-room"] = N()
    out["na-seats.for_members-no-room"] = N()
    out["na-boards.required_present-no-room"] = N()
    return out


def write_desk_cards(folder) -> None:
    """boards/desk-cards.pdf beside the fixtures: the cards of ``no_room_plan(3)``."""
    from pathlib import Path

    from roomplanner.model.plan import plan_from_data
    from roomplanner.printing.desk_cards import render_desk_cards

    render_desk_cards(plan_from_data(no_room_plan(3)), Path(folder) / "boards")
