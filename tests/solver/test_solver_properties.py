"""Property: for random valid rooms, every solved plan passes the checker's independent
geometric and placement rules, or the solver raises InfeasibleError naming rules."""

from hypothesis import HealthCheck, given, settings, strategies as st

from roomplanner.compliance import check
from roomplanner.errors import InfeasibleError, SpecError
from roomplanner.model.spec import spec_from_data
from roomplanner.profiles import known_types
from roomplanner.solver import solve
from roomplanner.solver.rules import RULES as SOLVER_RULES

# Rules about what the solver decides. Area, committee, honours and board content depend on
# the user's room and content, not on the layout, so they are findings, not solver errors.
LAYOUT_RULES = {
    "flag.on_main_wall", "flag.centred", "flag.standard_size", "oath.below_flag", "oath.beside_flag",
    "charters.flank_flag", "boards.required_present", "seats.for_members", "items.no_overlap",
    "items.within_wall", "items.clear_of_openings", "furniture.inside_room", "furniture.required",
    "passage.width", "door_sign.present",
}


@st.composite
def rooms(draw):
    w = draw(st.integers(50, 140)) * 100
    d = draw(st.integers(40, 100)) * 100
    if draw(st.booleans()):
        cx = draw(st.integers(20, w // 100 - 15)) * 100
        cy = draw(st.integers(20, d // 100 - 15)) * 100
        outline = [[0, 0], [w, 0], [w, cy], [cx, cy], [cx, d], [0, d]]
    else:
        outline = [[0, 0], [w, 0], [w, d], [0, d]]
    if draw(st.booleans()):
        outline = outline[::-1]
        door_wall = len(outline) - 1            # the same segment as wall 0 of the other orientation
    else:
        door_wall = 0
    openings = [{"kind": "door", "wall": door_wall, "offset": draw(st.integers(3, w // 100 - 13)) * 100,
                 "width": draw(st.sampled_from([900, 1000, 1500])), "height": 2100}]
    return {"branch": {"name": "测试党支部", "type": draw(st.sampled_from(known_types())),
                       "members": draw(st.integers(3, 50))},
            "room": {"outline": outline, "height": draw(st.sampled_from([2700, 3000, 3300, 3600])),
                     "openings": openings},
            "date": "2026-11-22"}


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rooms())
def test_solved_plans_pass_layout_rules_or_infeasibility_names_rules(data):
    try:
        spec = spec_from_data(data)
    except SpecError:
        return
    try:
        plan = solve(spec)
    except InfeasibleError as exc:
        assert exc.rules and set(exc.rules) <= set(SOLVER_RULES), exc.rules
        assert str(exc).startswith("infeasible: ")
        return
    report = check(plan)
    failing = [f for f in report.findings if f.status == "fail" and f.rule in LAYOUT_RULES]
    assert not failing, [(f.rule, f.message) for f in failing]
