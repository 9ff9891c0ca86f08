"""Every validation error: one test each, asserting the message names the field and value.

The tests below ask for English (``lang="en"``) and assert the exact English wording; the
Chinese default is asserted in tests/model/test_spec_chinese.py."""

import copy
import json

import pytest

from roomplanner.errors import SpecError
from roomplanner.model.spec import MAX_OUTLINE_POINTS, loads_spec
from roomplanner.model.safeload import MAX_DOCUMENT_BYTES
from tests.conftest import dump


def problems(data=None, text=None, json_first=False, lang="en"):
    with pytest.raises(SpecError) as ei:
        loads_spec(text if text is not None else dump(data), json_first=json_first, lang=lang)
    return ei.value.problems


def test_valid_base_loads(base_spec):
    spec = loads_spec(dump(base_spec))
    assert spec.branch.members == 25
    assert [round(w.length) for w in spec.walls()] == [9000, 6000, 9000, 6000]


def test_unknown_branch_type_lists_known(base_spec):
    base_spec["branch"]["type"] = "enterprize"
    [msg] = problems(base_spec)
    assert msg.startswith("branch.type: unknown branch type 'enterprize'")
    assert "did you mean 'enterprise'" in msg
    for t in ("general", "bureau", "rural-committee", "village", "community", "organ", "university", "school"):
        assert t in msg


def test_members_below_one(base_spec):
    base_spec["branch"]["members"] = 0
    [msg] = problems(base_spec)
    assert msg == "branch.members: got 0, expected a value at least 1"


def test_outline_fewer_than_three_points(base_spec):
    base_spec["room"]["outline"] = [[0, 0], [9000, 0]]
    [msg] = problems(base_spec)
    assert msg == "room.outline: has 2 entries, expected at least 3"


def test_outline_more_than_64_points(base_spec):
    import math
    n = MAX_OUTLINE_POINTS + 1
    base_spec["room"]["outline"] = [[round(5000 + 4000 * math.cos(2 * math.pi * k / n)),
                                     round(5000 + 4000 * math.sin(2 * math.pi * k / n))] for k in range(n)]
    [msg] = problems(base_spec)
    assert msg == f"room.outline: has {n} entries, expected at most 64"


def test_self_intersecting_outline_says_where(base_spec):
    base_spec["room"]["outline"] = [[0, 0], [9000, 6000], [9000, 0], [0, 6000]]
    [msg] = problems(base_spec)
    assert msg.startswith("room.outline: the outline crosses itself near (4500, 3000)")


def test_zero_area_outline(base_spec):
    base_spec["room"]["outline"] = [[0, 0], [4000, 0], [9000, 0]]
    [msg] = problems(base_spec)
    assert msg.startswith("room.outline: the outline has zero area")


def test_duplicate_points(base_spec):
    base_spec["room"]["outline"] = [[0, 0], [9000, 0], [9000, 6000], [9000, 6000], [0, 6000]]
    [msg] = problems(base_spec)
    assert msg == "room.outline[3]: duplicate point (9000, 6000), same as room.outline[2]"


def test_short_wall(base_spec):
    base_spec["room"]["outline"] = [[0, 0], [9000, 0], [9000, 6000], [200, 6000], [0, 6000]]
    msgs = problems(base_spec)
    assert any(m.startswith("room.outline: wall 3 (from point 3 to point 4) is 200 mm long, shorter than the 300 mm")
               for m in msgs)


def test_opening_runs_past_wall(base_spec):
    base_spec["room"]["openings"][1]["offset"] = 8200
    [msg] = problems(base_spec)
    assert msg == "room.openings[1]: window (offset 8200 + width 3000) runs past the end of wall 1 (length 6000)"


def test_opening_on_missing_wall(base_spec):
    base_spec["room"]["openings"][1]["wall"] = 7
    [msg] = problems(base_spec)
    assert msg == "room.openings[1].wall: wall 7 does not exist; the outline has walls 0 to 3"


def test_openings_overlap(base_spec):
    base_spec["room"]["openings"].append({"kind": "window", "wall": 0, "offset": 7000, "width": 1000,
                                          "height": 1500})
    [msg] = problems(base_spec)
    assert msg == "room.openings[0]: door at offset 7600 overlaps room.openings[2] (window, offset 7000 to 8000) on wall 0"


def test_window_above_ceiling(base_spec):
    base_spec["room"]["openings"][1]["height"] = 2500
    [msg] = problems(base_spec)
    assert msg == "room.openings[1]: window sill 900 + height 2500 = 3400 is above the ceiling (3000)"


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), float("-inf")])
def test_nan_inf(base_spec, bad):
    base_spec["room"]["height"] = bad
    [msg] = problems(base_spec)
    assert msg.startswith("room.height: got ") and "finite number" in msg


def test_nan_in_json_text():
    text = json.dumps({"branch": {"name": "x", "type": "general", "members": 3},
                       "room": {"outline": [[0, 0], [5000, 0], [5000, 5000]], "height": "NaNx"}})
    text = text.replace('"NaNx"', "NaN")
    [msg] = problems(text=text, json_first=True)
    assert msg.startswith("room.height: got nan")


def test_negative_number(base_spec):
    base_spec["room"]["openings"][0]["width"] = -1000
    [msg] = problems(base_spec)
    assert msg == "room.openings[0].width: got -1000, expected a value greater than 0"


def test_string_where_number_belongs(base_spec):
    base_spec["room"]["height"] = "3000"
    [msg] = problems(base_spec)
    assert msg == "room.height: got '3000' (str), expected a number"


def test_bool_where_number_belongs(base_spec):
    base_spec["branch"]["members"] = True
    [msg] = problems(base_spec)
    assert msg.startswith("branch.members: got True")


def test_unknown_key_did_you_mean(base_spec):
    base_spec["room"]["heigth"] = base_spec["room"].pop("height")
    msgs = problems(base_spec)
    assert "room.heigth: unknown key 'heigth' (did you mean 'height'?)" in msgs
    assert "room.height: required field is missing" in msgs


def test_unknown_key_nested(base_spec):
    base_spec["room"]["openings"][0]["widht"] = 1
    msgs = problems(base_spec)
    assert "room.openings[0].widht: unknown key 'widht' (did you mean 'width'?)" in msgs


def test_not_yaml():
    [msg] = problems(text="branch: {name: x\n  room: [")
    assert msg == ("spec: not valid YAML: items inside {…} must be separated by ',' and closed by '}' "
                   "at line 2 column 7")


def test_not_json():
    [msg] = problems(text="{branch: 1", json_first=True)
    assert msg.startswith("spec: not valid JSON")


def test_top_level_not_mapping():
    [msg] = problems(text="- 1\n- 2\n")
    assert msg == "spec: expected a mapping of keys (like 'branch:' and 'room:') at the top level, got list"


def test_empty_file():
    [msg] = problems(text="   \n")
    assert msg == "spec: the file is empty; expected a YAML or JSON mapping"


def test_huge_file():
    [msg] = problems(text="#" * (MAX_DOCUMENT_BYTES + 10))
    assert "larger than the 1048576-byte limit" in msg


def test_yaml_alias_rejected():
    [msg] = problems(text="a: &x [1, 2]\nb: *x\n")
    assert "aliases" in msg


def test_duplicate_key_rejected():
    [msg] = problems(text="branch: 1\nbranch: 2\n")
    assert "duplicate key 'branch'" in msg


def test_deep_nesting_rejected():
    [msg] = problems(text="a: " + "[" * 200 + "]" * 200)
    assert "nested too deeply" in msg


def test_missing_door(base_spec):
    del base_spec["room"]["openings"][0]
    [msg] = problems(base_spec)
    assert msg.startswith("room.openings: the room has no door")


def test_obstacle_top_below_bottom(base_spec):
    base_spec["room"]["obstacles"][0]["top"] = 2000
    [msg] = problems(base_spec)
    assert msg == "room.obstacles[0]: top 2000 must be above bottom 2200"


def test_main_wall_out_of_range(base_spec):
    base_spec["main_wall"] = 9
    [msg] = problems(base_spec)
    assert msg == "main_wall: wall 9 does not exist; the outline has walls 0 to 3"


def test_flag_size_out_of_range(base_spec):
    base_spec["options"]["flag_size"] = 6
    msgs = problems(base_spec)
    assert any(m.startswith("options.flag_size:") for m in msgs)


def test_many_problems_reported_together(base_spec):
    base_spec["room"]["heigth"] = base_spec["room"].pop("height")
    base_spec["branch"]["members"] = "x"
    base_spec["room"]["openings"][0]["width"] = float("nan")
    msgs = problems(base_spec)
    assert len(msgs) == 4
    paths = [m.split(":")[0] for m in msgs]
    assert set(paths) == {"branch.members", "room.height", "room.openings[0].width", "room.heigth"}


def test_file_not_found(tmp_path):
    from roomplanner.model.spec import load_spec
    with pytest.raises(SpecError) as ei:
        load_spec(tmp_path / "nope.yaml", lang="en")
    assert "file not found" in ei.value.problems[0]


def test_either_orientation_same_walls(base_spec):
    a = loads_spec(dump(base_spec))
    b = copy.deepcopy(base_spec)
    b["room"]["outline"] = [[0, 0], [0, 6000], [9000, 6000], [9000, 0]]
    b["room"]["openings"] = [{"kind": "door", "wall": 3, "offset": 400, "width": 1000, "height": 2100}]
    b["room"]["obstacles"] = []
    sb = loads_spec(dump(b))
    assert a.walls()[0].ccw and not sb.walls()[0].ccw
    # the viewer's left end: offset 0 is on the left for a clockwise outline
    assert sb.walls()[0].viewer_left(0, 100) == 0
    assert a.walls()[0].viewer_left(0, 100) == 8900


def test_huge_integer_named_not_crash():
    text = ('{"branch": {"name": "x", "type": "general", "members": 3}, "room": {"outline": '
            '[[0, 0], [1' + "0" * 400 + ', 0], [5000, 5000]], "height": 3000}}')
    [msg] = problems(text=text, json_first=True)
    assert msg.startswith("room.outline[1][0]: a number with 401 digits is far too large")


def test_obstacle_inside_a_doorway(base_spec):
    base_spec["room"]["obstacles"] = [{"wall": 0, "offset": 7800, "width": 600, "bottom": 0, "top": 3000,
                                       "depth": 400, "label": "柱"}]
    [msg] = problems(base_spec)
    assert msg == ("room.obstacles[0]: 柱 (offset 7800–8400, height 0–3000) overlaps the door room.openings[0] "
                   "(offset 7600–8600) on wall 0")


def test_obstacle_beside_a_window_is_fine(base_spec):
    # an AC unit above the window's head on the same wall does not overlap it
    base_spec["room"]["obstacles"] = [{"wall": 1, "offset": 1500, "width": 800, "bottom": 2500, "top": 2900,
                                       "label": "空调"}]
    loads_spec(dump(base_spec))


def test_room_larger_than_the_limit(base_spec):
    base_spec["room"]["outline"] = [[0, 0], [190000, 0], [190000, 190000], [0, 190000]]
    [msg] = problems(base_spec)
    assert msg == "room.outline: the room is 190.0 m across, more than the 100 m limit; coordinates are millimetres"


def test_passage_width_has_a_floor(base_spec):
    base_spec["options"]["passage_width"] = 0
    [msg] = problems(base_spec)
    assert msg == "options.passage_width: got 0, expected a value at least 600"
