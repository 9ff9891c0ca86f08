"""Unit tests of individual checks beyond the fixture suite."""

from __future__ import annotations

import datetime as dt

import pytest

from roomplanner.compliance import RULES, check
from roomplanner.model.plan import plan_from_data

from .factories import clone, drop, enterprise_plan, floor_item, general_plan, item, rect
from .helpers import plan_of, report_of, statuses


def test_baselines_pass_every_rule():
    for data in (general_plan(), enterprise_plan()):
        r = report_of(data)
        assert r.compliant
        assert all(s in ("pass", "not_applicable") for s in statuses(r).values()), statuses(r)
        assert [f.rule for f in r.findings] == list(RULES)


def test_recommended_failure_keeps_a_plan_compliant():
    # general: the area tier is a recommendation (profile area.severity)
    r = report_of(general_plan(W=8000, D=5000, members=20))
    f = r.finding("area.minimum")
    assert f.status == "fail" and f.severity == "recommended"
    assert r.compliant


def test_required_failure_makes_a_plan_non_compliant():
    r = report_of(enterprise_plan(W=6000, D=5000, members=20))
    assert r.finding("area.minimum").severity == "required"
    assert r.finding("area.minimum").status == "fail"
    assert not r.compliant


def test_area_source_is_the_profiles_clause():
    r = report_of(enterprise_plan())
    assert r.finding("area.minimum").source.startswith("000 doc2 §3(一)")


def test_solver_verdict_fields_are_ignored():
    data = general_plan()
    base = statuses(report_of(data))
    d2 = clone(data)
    d2["notes"] = ["all rules pass", "flag centred"]
    d2["seating"] = {"mode": "rows", "seats": 999, "tables": 50}
    d2["flag_size"] = 1
    for w in d2["wall_items"]:
        w["required"] = False
        w["source"] = "whatever"
        w["placement"] = "door"
    assert statuses(report_of(d2)) == base
    # ...and a real defect is found even if the plan says otherwise
    d3 = clone(d2)
    item(d3, "flag")["offset"] += 50
    d3["notes"] = ["flag.centred: pass"]
    assert report_of(d3).status("flag.centred") == "fail"


def test_profile_is_taken_from_the_branch_type():
    data = enterprise_plan()
    data["profile"] = "general"
    r = report_of(data)
    assert r.profile == "enterprise"
    assert r.notes


def test_english_messages():
    data = general_plan()
    data["spec"]["options"]["lang"] = "en"
    item(data, "flag")["offset"] += 6
    f = report_of(data).finding("flag.centred")
    assert "from the middle of the main wall" in f.message


def test_chinese_messages_by_default():
    data = general_plan()
    item(data, "flag")["offset"] += 6
    assert "党旗中心" in report_of(data).finding("flag.centred").message


def test_reference_date_defaults_to_today():
    data = general_plan()
    del data["spec"]["date"]
    data["spec"]["content"]["honors"][0]["year"] = 2020
    plan = plan_of(data)
    r = check(plan, today=dt.date(2021, 3, 1))
    assert r.date == "2021-03-01"
    assert r.finding("honor.recent").status == "fail"   # 2025 is after 2021
    r = check(plan, today=dt.date(2025, 1, 1))
    assert r.finding("honor.recent").status == "fail"   # 2020 is five years old
    r = check(plan, today=dt.date(2022, 1, 1))
    assert r.finding("honor.recent").status == "fail"   # 2025 is in the future


def test_oath_position_option_overrides_profile():
    data = enterprise_plan()
    data["spec"]["options"]["oath_position"] = "below"
    s = statuses(report_of(data))
    assert s["oath.beside_flag"] == "not_applicable"
    assert s["oath.below_flag"] == "fail"


def test_wall_item_hidden_by_tv_standing_on_cabinet():
    data = general_plan()
    data["floor_items"].append(floor_item("equipment_cabinet-1", "equipment_cabinet",
                                          rect(0, 4300, 400, 5200), 600, wall=3))
    assert report_of(data).status("items.no_overlap") == "pass"      # 600 mm: below the board (1100)
    data["floor_items"].append(floor_item("tv-2", "tv", rect(20, 4400, 300, 5100), 700, mount="on",
                                          on="equipment_cabinet-1"))
    f = report_of(data).finding("items.no_overlap")
    assert f.status == "fail" and "tv-2" in f.items and "rules" in f.items


def test_ceiling_projector_is_not_an_obstacle():
    data = general_plan()
    data["floor_items"].append(floor_item("projector-1", "projector", rect(3800, 2800, 4200, 3200), 300,
                                          mount="ceiling"))
    s = statuses(report_of(data))
    assert s["items.no_overlap"] == "pass" and s["passage.width"] == "pass"


def test_table_blocks_passage_but_chairs_do_not():
    data = general_plan()
    # a row of chairs across the room does not block the walk
    for i in range(13):
        x = 1000 + i * 500
        data["floor_items"].append(floor_item(f"chair-x{i}", "chair", rect(x, 1400, x + 450, 1850), 850))
    assert report_of(data).status("passage.width") == "pass"
    data = general_plan()
    data["floor_items"].append(floor_item("table-2", "table", rect(0, 1400, 8000, 1850), 750))
    assert report_of(data).status("passage.width") == "fail"


def test_obstacle_column_blocks_passage():
    data = general_plan()
    # a deep built-in cupboard along the right wall closes the gap at the table's end
    data["spec"]["room"]["obstacles"].append({"wall": 1, "offset": 2000, "width": 2000, "bottom": 0, "top": 3000,
                                              "depth": 1500, "label": "壁柜"})
    data["floor_items"].append(floor_item("equipment_cabinet-1", "equipment_cabinet", rect(0, 2400, 1750, 3600), 750))
    f = report_of(data).finding("passage.width")
    assert f.status == "fail"


def test_every_finding_has_the_catalog_shape():
    r = report_of(general_plan())
    for f in r.to_dict()["findings"]:
        assert list(f) == ["rule", "status", "severity", "source", "citations", "measured", "required", "unit", "items",
                           "message"]
        assert f["status"] in ("pass", "fail", "not_applicable", "review")
        assert f["severity"] in ("required", "recommended")
        assert f["message"]


def test_plans_made_by_the_solver_can_be_checked():
    pytest.importorskip("roomplanner.solver")
    from pathlib import Path

    from roomplanner.errors import InfeasibleError
    from roomplanner.model.spec import load_spec
    from roomplanner.solver import solve
    examples = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))
    checked = 0
    for ex in examples:
        try:
            plan = solve(load_spec(ex))
        except InfeasibleError:
            continue
        except Exception:
            pytest.skip("the solver is still being written")
        r = check(plan)
        assert [f.rule for f in r.findings] == list(RULES)
        checked += 1
    assert checked or not examples


def test_check_accepts_a_plan_object_from_the_model():
    plan = plan_from_data(general_plan())
    assert check(plan).compliant


def test_a_chair_counts_as_reached_only_when_the_walker_covers_its_centre():
    # a 600 mm niche between two cabinets at the left wall: too narrow for the 900 mm passage
    def niche(chair_x0):
        data = general_plan()
        data["floor_items"] += [
            floor_item("equipment_cabinet-1", "equipment_cabinet", rect(0, 4200, 1200, 4700), 750),
            floor_item("equipment_cabinet-2", "equipment_cabinet", rect(0, 5300, 1200, 5800), 750),
            floor_item("chair-n", "chair", rect(chair_x0, 4775, chair_x0 + 450, 5225), 850),
        ]
        return report_of(data).finding("passage.width")
    # walker centres stay 445 mm off the cabinets' ends (x ≥ 1645): a chair centre 320 mm
    # away is covered, one 720 mm away is not
    assert niche(1100).status == "pass"
    f = niche(700)
    assert f.status == "fail" and f.items == ("chair-n",)
