"""Branch-type profiles (layouts/*.yaml): they load, cite their sources, and encode the
documents' figures (areas, oath positions, boards) as read in docs/profiles.md."""

from __future__ import annotations

import re

import pytest

from roomplanner.profiles import Profile, all_profiles, known_types, load_profile, roles

EXPECTED_TYPES = {"general", "enterprise", "bureau", "rural-committee", "village",
                  "community", "organ", "university", "school"}

# A source names a seed file by its number (docs/sources.md): 000 … 004.
SEED_REF = re.compile(r"(?<!\d)00[0-4](?!\d)")


def _sources(p: Profile) -> list[tuple[str, str]]:
    """Every (where, source) pair a profile carries."""
    out = [("oath_position_source", p.oath_position_source),
           ("area.source", p.area.source),
           ("side_walls.source", p.side_walls.source),
           ("room_sign_source", p.room_sign_source)]
    out += [(f"board {b.id}", b.source) for b in p.boards]
    out += [(f"furniture {f.kind}", f.source) for f in p.furniture]
    return out


@pytest.fixture(scope="module", params=sorted(EXPECTED_TYPES))
def profile(request) -> Profile:
    return load_profile(request.param)


def test_expected_profiles_exist():
    assert EXPECTED_TYPES <= set(known_types())


def test_all_profiles_load():
    from roomplanner.profiles import known_profiles
    loaded = all_profiles()           # the branch types and their shared-room variants (issue 13)
    assert set(known_types()) <= {p.id for p in loaded} <= set(known_profiles())


def test_every_rule_cites_a_seed(profile):
    for where, src in _sources(profile):
        assert SEED_REF.search(src), f"{profile.id}: {where} cites no seed file: {src!r}"


def test_documents_name_a_seed(profile):
    assert profile.documents
    for doc in profile.documents:
        assert SEED_REF.match(doc), f"{profile.id}: document {doc!r} does not start with a seed number"


def test_board_roles_exist(profile):
    known = roles()
    for b in profile.boards:
        assert b.role in known, f"{profile.id}: board {b.id} has unknown role {b.role!r}"


def test_board_ids_are_snake_case_and_unique(profile):
    ids = [b.id for b in profile.boards]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i) for i in ids)


def test_flag_and_oath_on_main_wall_and_never_movable(profile):
    for role in ("flag", "oath"):
        boards = [b for b in profile.boards if b.role == role]
        assert boards, f"{profile.id}: no {role}"
        for b in boards:
            assert b.placement == "main" and b.required and not b.movable
            assert b.id not in profile.overflow_order


def test_overflow_order_lists_exactly_the_movable_boards(profile):
    movable = {b.id for b in profile.boards if b.movable}
    assert set(profile.overflow_order) == movable
    assert len(profile.overflow_order) == len(set(profile.overflow_order))


def test_main_wall_is_realistic(profile):
    """Flag + oath + at most four charters on the main wall of a normal room."""
    others = [b for b in profile.boards if b.placement == "main" and b.role not in ("flag", "oath")]
    assert len(others) <= 4, f"{profile.id}: {len(others)} charters on the main wall"


def test_beside_profiles_keep_nature_on_main_wall(profile):
    if profile.oath_position == "beside":
        nature = [b for b in profile.boards if b.role == "nature"]
        assert nature and all(b.placement == "main" and not b.movable for b in nature)


def test_door_boards_are_signs(profile):
    for b in profile.boards:
        if b.placement == "door":
            assert roles()[b.role]["kind"] == "sign", f"{profile.id}: door board {b.id} is not a sign"
        else:
            assert roles()[b.role]["kind"] != "sign", f"{profile.id}: sign {b.id} not at the door"


def test_rights_duties_parts():
    p = load_profile("rural-committee")
    parts = {b.part for b in p.boards if b.role == "rights_duties"}
    assert parts == {"rights", "duties"}


@pytest.mark.parametrize("branch_type, position", [
    ("general", "below"),
    ("enterprise", "beside"),
    ("bureau", "beside"),
    ("rural-committee", "below"),
    ("village", "below"),
    ("community", "below"),
    ("organ", "below"),
    ("university", "below"),
    ("school", "below"),
])
def test_oath_position(branch_type, position):
    assert load_profile(branch_type).oath_position == position


@pytest.mark.parametrize("branch_type, members, area", [
    # “20人以下…30平方米；20人以上…50平方米”, read as 20 or more → 50 (000 doc2 §3(一), doc4 §3(一)).
    ("general", 1, 30), ("general", 19, 30), ("general", 20, 50), ("general", 200, 50),
    ("enterprise", 1, 30), ("enterprise", 19, 30), ("enterprise", 20, 50), ("enterprise", 51, 50),
    ("bureau", 19, 30), ("bureau", 20, 50),
    # 党委（总支）一般不少于100平方米, whatever the member count (000 doc3 §2.1).
    ("rural-committee", 3, 100), ("rural-committee", 20, 100), ("rural-committee", 300, 100),
    # 一名党员1㎡左右 with 20 % tolerance for 左右 (002 附1 §3.3, 附3 §3.3).
    ("village", 40, 32), ("village", 100, 80),
    ("community", 40, 32), ("community", 10, 8),
    # No figure in 001 §2(一)1; 2.0 m² per member recommended (JGJ/T 67-2019 §4.3.2).
    ("organ", 25, 50),
])
def test_required_area(branch_type, members, area):
    assert load_profile(branch_type).area.required_area(members) == pytest.approx(area)


def test_per_member_rules_use_one_square_metre():
    for t in ("village", "community"):
        a = load_profile(t).area
        assert a.kind == "per_member" and a.per_member == 1.0 and 0 < a.tolerance < 0.5
        assert a.required_area(40) == pytest.approx(40 * a.per_member * (1 - a.tolerance))
        assert a.reading and "左右" in a.reading


@pytest.mark.parametrize("branch_type", ["school", "university"])
def test_no_area_figure(branch_type):
    a = load_profile(branch_type).area
    assert a.kind == "none" and a.required_area(30) is None and a.reading


def test_organ_area_is_only_recommended():
    assert load_profile("organ").area.severity == "recommended"


def test_enterprise():
    p = load_profile("enterprise")
    assert p.room_sign == "党员（电教）活动室"
    tv = next(f for f in p.furniture if f.kind == "tv")
    assert tv.required and tv.min_size_inch == 29
    assert {f.kind for f in p.furniture if f.required} >= {"seating", "tv", "dvd", "disc_cabinet"}
    roles_ = {b.role for b in p.boards}
    assert {"org_chart", "rights_duties", "member_style", "honor", "party_fee", "rules",
            "branch_plaque", "door_sign"} <= roles_
    assert p.board("branch_plaque").placement == "door"
    assert p.area.reading and "20" in p.area.reading


def test_bureau_rules_and_optional_equipment():
    p = load_profile("bureau")
    rules = [b for b in p.boards if b.role == "rules"]
    named = [b for b in rules if b.required]
    # nine rules named (doc4 §3(二) says 十项 but lists nine), grouped on the required boards
    assert sum(len(b.title.split("、")) for b in named) == 9
    assert any(not b.required for b in rules)
    assert all(not f.required for f in p.furniture if f.kind in ("tv", "dvd", "archive_cabinet"))
    assert p.room_sign == "党员（电教）活动室"
    assert any("nine" in n for n in p.notes)


def test_two_door_signs():
    for t, second in (("rural-committee", "党员电教室"), ("village", "远程教育终端站点")):
        p = load_profile(t)
        titles = {b.title for b in p.boards if b.role == "door_sign"}
        assert {"党员活动室", second} <= titles


def test_school_eight_boards_and_one_post():
    p = load_profile("school")
    eight = [b for b in p.boards if b.role in ("oath", "rights_duties", "org_chart", "rules")]
    assert len(eight) == 8 and all(b.required for b in eight)
    assert p.board("supervision").role == "supervision"


def test_university_conspicuous_boards():
    p = load_profile("university")
    main = {b.role for b in p.boards if b.placement == "main"}
    assert {"flag", "oath", "work_chart", "development_flow"} <= main
    assert all(not f.required for f in p.furniture)


def test_organ_merge():
    p = load_profile("organ")
    req = {b.role for b in p.boards if b.required}
    assert {"flag", "oath", "nature", "rights_duties", "member_style", "publicity", "rules",
            "standards", "work_chart", "development_flow"} <= req
    assert p.board("nature").title == "党的宗旨、指导思想"
    rules_titles = "、".join(b.title for b in p.boards if b.role == "rules" and b.required)
    for rule in ("发展党员", "民主评议党员", "三会一课", "组织生活会", "党费收缴使用管理", "党员学习", "党风廉政建设"):
        assert rule in rules_titles
    kinds = {f.kind for f in p.furniture if f.required}
    assert {"newspaper_rack", "bookcase", "computer", "seating"} <= kinds


def test_role_sizes_come_from_the_catalog():
    from roomplanner.profiles import roles, size_catalog
    catalog = {tuple(s) for s in size_catalog()["boards"]}
    for role, r in roles().items():
        for key in ("sizes", "sizes_beside"):
            for size in r.get(key, []):
                assert tuple(size) in catalog, (role, key, size)


def test_every_board_of_every_profile_has_a_legible_size():
    from roomplanner.profiles import all_profiles, roles
    from roomplanner.solver.walls import board_sizes
    for p in all_profiles():
        for b in p.boards:
            if roles()[b.role]["kind"] == "board":
                assert board_sizes(b), (p.id, b.id)
