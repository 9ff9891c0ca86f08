"""What boards say: official, branch content, placeholders, flags (no rendering to files)."""

from __future__ import annotations

import pytest

from roomplanner.errors import ContentError
from roomplanner.model.plan import Plan
from roomplanner.printing.boards import compose_boards
from roomplanner.content.boards import (PLACEHOLDER, board_content_status, board_notes, printable_items,
                                          resolve_content)


def _with_content(plan: Plan, **content) -> Plan:
    c = plan.spec.content.model_copy(update=content)
    spec = plan.spec.model_copy(update={"content": c})
    return plan.model_copy(update={"spec": spec})


def _with_branch(plan: Plan, **branch) -> Plan:
    br = plan.spec.branch.model_copy(update=branch)
    return plan.model_copy(update={"spec": plan.spec.model_copy(update={"branch": br})})


def _item(plan, board_id):
    return next(it for it in printable_items(plan) if it.id == board_id)


def test_status_of_the_demo_room(example_plans):
    plan = example_plans["enterprise-9x6"]
    status = {it.id: board_content_status(plan, it.id) for it in printable_items(plan)}
    # (the demo's rights and duties hang as a mirrored pair 权利 | 义务 either side of the flag)
    assert status["oath"] == "ok" and status["nature"] == "ok" and status["rights"] == "ok" and status["duties"] == "ok"
    assert status["org_chart"] == "ok"          # the demo lists its committee
    assert status["member_style"] == "placeholder"  # no content.members
    assert status["rules"] == "placeholder"     # no content.rules
    assert status["door_sign"] == "ok" and status["branch_plaque"] == "ok"
    with pytest.raises(KeyError):
        board_content_status(plan, "flag")       # the flag is not printed


def test_sanhuiyike_board_is_flagged_unverified(example_plans):
    plan = example_plans["organ-windows"]
    assert board_content_status(plan, "rules_sanhuiyike") == "unverified"
    notes = board_notes(plan, "rules_sanhuiyike")
    assert any(n.code == "text.unverified" for n in notes)


def test_placeholders_are_printed_and_marked(example_plans, tmp_path):
    plan = example_plans["enterprise-9x6"]
    art = next(a for a in compose_boards(plan, tmp_path) if a.id == "member_style")
    assert art.status == "placeholder"
    assert any(PLACEHOLDER in r.text for r in art.texts())
    assert any(n.code == "content.placeholder" and "content.members" in n.en for n in art.notes)


def test_organ_nature_board_carries_purpose_and_ideology(example_plans):
    plan = example_plans["organ-windows"]
    bc = resolve_content(plan, _item(plan, "nature"))
    assert [s.official.key for s in bc.sections] == ["purpose", "ideology"]


def test_rights_duties_parts_and_order(example_plans):
    rural = example_plans["rural-committee-large"]
    assert [s.official.key for s in resolve_content(rural, _item(rural, "rights")).sections] == ["rights"]
    assert [s.official.key for s in resolve_content(rural, _item(rural, "duties")).sections] == ["duties"]
    school = example_plans["school-small"]  # 党员义务与权利: duties first
    assert [s.official.key for s in resolve_content(school, _item(school, "rights_duties")).sections] == \
        ["duties", "rights"]
    organ = example_plans["organ-windows"]  # 党员的权利和义务: rights first
    assert [s.official.key for s in resolve_content(organ, _item(organ, "rights_duties")).sections] == \
        ["rights", "duties"]
    ent = example_plans["enterprise-9x6"]  # split into a mirrored pair: one part each
    assert [s.official.key for s in resolve_content(ent, _item(ent, "rights")).sections] == ["rights"]
    assert [s.official.key for s in resolve_content(ent, _item(ent, "duties")).sections] == ["duties"]


def test_official_text_cannot_be_replaced(example_plans):
    from roomplanner.model.spec import BoardText

    plan = _with_content(example_plans["enterprise-9x6"], boards={"oath": BoardText(text="我志愿……")})
    with pytest.raises(ContentError, match="official text"):
        resolve_content(plan, _item(plan, "oath"))


def test_rules_board_takes_branch_text_and_official_sanhuiyike(full):
    plan, _ = full
    bc = resolve_content(plan, _item(plan, "rules"))
    by_heading = {s.heading: s for s in bc.sections}
    assert by_heading["党支部工作职责"].origin == "user"
    assert by_heading["发展党员制度"].origin == "user"
    assert by_heading["“三会一课”制度"].origin == "official"
    assert bc.status == "unverified"  # the 党课 line of the official text is UNVERIFIED


def test_rules_placeholder_names_the_missing_rule(example_plans):
    plan = example_plans["bureau-l-shape"]
    bc = resolve_content(plan, _item(plan, "rules_duties"))
    assert [s.heading for s in bc.sections] == ["党支部工作职责", "党支部书记职责", "党支部换届选举制度"]
    assert bc.status == "placeholder"


def test_title_override_for_boards_only(example_plans):
    from roomplanner.model.spec import BoardText

    plan = _with_content(example_plans["enterprise-9x6"],
                         boards={"honor": BoardText(title="光荣榜"), "door_sign": BoardText(title="别的")})
    assert resolve_content(plan, _item(plan, "honor")).title == "光荣榜"
    assert resolve_content(plan, _item(plan, "door_sign")).title == "党员（电教）活动室"


def test_honor_entries_older_than_two_years_are_flagged(full):
    plan, _ = full
    notes = board_notes(plan, "honor")
    old = [n for n in notes if n.code == "honor.old_entry"]
    assert old and "欧阳晓东" in old[0].zh and "2021" in old[0].zh
    assert "星火科技" not in old[0].zh


def test_member_honour_needs_a_photo(full):
    plan, _ = full
    assert board_content_status(plan, "honor") == "placeholder"  # 欧阳晓东 has no photo
    assert any(n.code == "photo.missing" and "欧阳晓东" in n.zh for n in board_notes(plan, "honor"))
    from roomplanner.model.spec import HonorEntry

    orgs_only = _with_content(plan, honors=[HonorEntry(name="某党支部", honour="先进基层党组织", year=2026,
                                                       kind="organisation")])
    assert board_content_status(orgs_only, "honor") == "ok"


@pytest.mark.parametrize("full_members, committee, problem", [
    (25, ["书记", "组织委员", "宣传委员"], False),
    (25, ["书记", "副书记", "组织委员", "宣传委员", "纪检委员"], False),
    (25, ["书记", "组织委员"], True),                     # 7+ full members: 3–5
    (25, ["书记"] + ["委员"] * 7, True),                   # more than 7
    (5, ["书记", "副书记"], False),                        # fewer than 7: secretary (+ deputy)
    (5, ["书记", "组织委员", "宣传委员"], True),            # no committee below 7 full members
    (25, ["副书记", "组织委员", "宣传委员"], True),          # no secretary
])
def test_committee_size_against_membership(example_plans, full_members, committee, problem):
    from roomplanner.model.spec import CommitteeMember

    plan = _with_branch(example_plans["enterprise-9x6"], full_members=full_members)
    plan = _with_content(plan, committee=[CommitteeMember(name=f"委员{k}", role=r) for k, r in enumerate(committee)])
    flagged = any(n.code == "committee.size" for n in board_notes(plan, "org_chart"))
    assert flagged is problem


def test_calendar_dates_and_placeholder(full, example_plans):
    plan, _ = full
    bc = resolve_content(plan, _item(plan, "activity_calendar"))
    assert bc.status == "ok" and len(bc.extra["dates"]) == 12 and all(d.weekday() == 4 for d in bc.extra["dates"])
    from .fixtures import with_all_roles

    bare = with_all_roles(example_plans["enterprise-9x6"])
    assert board_content_status(bare, "activity_calendar") == "placeholder"


def test_templates_flagged_for_checking(full):
    plan, _ = full
    assert board_content_status(plan, "development_flow") == "unverified"
    assert board_content_status(plan, "work_chart") == "unverified"
    assert board_content_status(plan, "basic_tasks") == "placeholder"


def test_every_role_has_a_template():
    from roomplanner.model.plan import WALL_ROLES
    from roomplanner.content.texts import template_roles

    assert set(WALL_ROLES) - {"flag"} == set(template_roles())
