"""Venue profiles (layouts/*-shared.yaml, layouts/organ-no-room.yaml), the profile lookup by
type and venue, the class-3 solver and the class-3 drawings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from roomplanner.errors import InfeasibleError, SpecError
from roomplanner.model.spec import load_spec, loads_spec
from roomplanner.model.venue import VenueProfile
from roomplanner.profiles import (Profile, all_profiles, known_profiles, known_types, load_profile, profile_id_for,
                                  venue_profiles, venue_variants)
from roomplanner.solver import solve
from roomplanner.solver.venue import place_on_wall

ROOT = Path(__file__).resolve().parents[2]
SEED_REF = re.compile(r"(?<!\d)00[0-4](?!\d)")
SHARED = ["organ-shared", "bureau-shared", "general-shared", "enterprise-shared", "university-shared"]


def test_venue_variants_are_not_branch_types():
    assert set(SHARED) | {"organ-no-room"} <= set(known_profiles())
    assert not (set(SHARED) | {"organ-no-room"}) & set(known_types())
    assert {p.id for p in venue_profiles()} == set(SHARED) | {"organ-no-room"}
    assert set(SHARED) <= {p.id for p in all_profiles()}          # shared rooms are room profiles
    assert "organ-no-room" not in {p.id for p in all_profiles()}  # class 3 has no room


@pytest.mark.parametrize("pid", SHARED)
def test_shared_variants_cite_the_clause_that_allows_them(pid):
    p = load_profile(pid)
    assert isinstance(p, Profile) and p.venue == "shared"
    assert SEED_REF.search(p.venue_source)
    assert p.notes and any("Reading" in n or "read" in n for n in p.notes), "each states its reading"
    for b in p.boards:
        assert SEED_REF.search(b.source), (pid, b.id)
    for f in p.furniture:
        assert SEED_REF.search(f.source), (pid, f.kind)
    assert profile_id_for(p.type, "shared") == pid


def test_extends_keeps_the_base_rules():
    base, shared = load_profile("bureau"), load_profile("bureau-shared")
    assert shared.boards == base.boards and shared.furniture == base.furniture and shared.area == base.area
    assert shared.oath_position == base.oath_position and shared.notes != base.notes


def test_class2_board_set_is_001_and_no_furniture():
    p = load_profile("organ-shared")
    required = {b.role for b in p.boards if b.required}
    assert required == {"flag", "oath", "rights_duties", "publicity"}
    assert p.furniture == []
    assert any("001 §2(二)3" in b.source for b in p.boards if b.role == "oath")
    assert any("001 §2(二)5" in b.source for b in p.boards if b.role == "publicity")


def test_class3_profile():
    p = load_profile("organ-no-room")
    assert isinstance(p, VenueProfile) and p.venue == "none"
    assert {b.wall for b in p.boards} == {"corridor", "secretary_office"}
    assert all(b.source.startswith("001 §2(三)1") for b in p.boards)
    assert p.desk_cards.texts == ["oath", "rights", "duties"] and p.desk_cards.source.startswith("001 §2(三)1")
    assert venue_variants("organ") == {"dedicated": "organ", "shared": "organ-shared", "none": "organ-no-room"}


def test_a_type_without_the_venue_is_refused():
    with pytest.raises(KeyError, match="venue"):
        profile_id_for("village", "shared")
    spec = yaml.safe_load((ROOT / "examples" / "general-8x5.yaml").read_text(encoding="utf-8"))
    spec["branch"]["type"] = "village"
    spec["venue"] = "shared"
    with pytest.raises(SpecError, match=r"venue: .*village"):
        loads_spec(yaml.safe_dump(spec, allow_unicode=True))


def test_a_shared_bureau_room_is_planned_as_a_bureau_room():
    spec = yaml.safe_load((ROOT / "examples" / "bureau-l-shape.yaml").read_text(encoding="utf-8"))
    dedicated = solve(loads_spec(yaml.safe_dump(spec, allow_unicode=True)))
    spec["venue"] = "shared"
    shared = solve(loads_spec(yaml.safe_dump(spec, allow_unicode=True)))
    assert dedicated.profile == "bureau" and shared.profile == "bureau-shared"
    assert [w.model_dump() for w in shared.wall_items] == [w.model_dump() for w in dedicated.wall_items]


def test_the_shared_room_furniture_is_kept_clear_of():
    spec = load_spec(ROOT / "examples" / "organ-shared.yaml")
    plan = solve(spec)
    assert plan.floor_items == [] and plan.seating is None
    for ob in spec.room.obstacles:
        for w in plan.wall_items:
            if w.wall == ob.wall and w.face == "inside":
                assert (w.right <= ob.offset or w.offset >= ob.offset + ob.width or w.bottom >= ob.top), w.id


def test_venue_placement_centres_avoids_and_shrinks():
    spec = load_spec(ROOT / "examples" / "organ-no-room.yaml")
    clear = spec.venue_walls.secretary_office.model_copy(update={"openings": [], "obstacles": []})
    off, bottom, w, h = place_on_wall(spec, clear, [(1200.0, 800.0)])
    assert off + w / 2 == pytest.approx(float(clear.length) / 2) and bottom + h / 2 == pytest.approx(1550)
    # a door in the middle: the board moves beside it, 100 mm clear
    from roomplanner.model.venue import VenueOpening
    door = VenueOpening(kind="door", offset=1600, width=1000, height=2100)
    walled = clear.model_copy(update={"openings": [door]})
    off, bottom, w, h = place_on_wall(spec, walled, [(1200.0, 800.0)])
    assert off + w <= 1500 + 1e-6 or off >= 2700 - 1e-6
    # too short for the first size: the next one that fits
    short = clear.model_copy(update={"length": 1000})
    got = place_on_wall(spec, short, [(1200.0, 800.0), (600.0, 900.0)])
    assert got is not None and got[2] == 600.0
    assert place_on_wall(spec, short, [(1200.0, 800.0)]) is None


def test_class3_plan_is_deterministic_and_solver_rejects_a_full_wall():
    spec = load_spec(ROOT / "examples" / "organ-no-room.yaml")
    assert solve(spec).to_json() == solve(spec).to_json()
    data = yaml.safe_load((ROOT / "examples" / "organ-no-room.yaml").read_text(encoding="utf-8"))
    data["venue_walls"]["secretary_office"]["obstacles"] = [
        {"offset": 0, "width": 4200, "bottom": 0, "top": 2900, "label": "书柜"}]
    with pytest.raises(InfeasibleError, match="secretary_office"):
        solve(loads_spec(yaml.safe_dump(data, allow_unicode=True)))


def test_class3_drawings(tmp_path):
    from pypdf import PdfReader

    from roomplanner.render.venue import render_venue_drawings

    plan = solve(load_spec(ROOT / "examples" / "organ-no-room.yaml"))
    written = render_venue_drawings(plan, tmp_path, date="2026-11-22")
    assert len(PdfReader(str(tmp_path / "elevations.pdf")).pages) == 2
    svg = (tmp_path / "elevations" / "venue-corridor.svg").read_text(encoding="utf-8")
    assert "publicity_window" in svg and "消火栓箱" in svg
    rows = (tmp_path / "installation.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[1].startswith("publicity_window,党建工作宣传窗,board,publicity,0,inside,2600,1150,1950,1200,800")
    assert len(written) == 4
