"""The solver's named rules: every constraint has an id and a source, so an infeasible room
is explained by rule ids (``infeasible: … [rules: flag.centred, charters.flank_flag]``)."""

from __future__ import annotations

RULES: dict[str, str] = {
    "main_wall.choice": "000 doc1 §4(二)1 (党员活动室应设主墙面); auto choice: no door, longest clear span, facing the entrance, fewest windows",
    "flag.centred": "000 doc2 §3(二); 000 doc4 §3(二) (正面墙中央悬挂党旗)",
    "flag.standard_size": "中国共产党党旗党徽制作和使用的若干规定 (1996) Art. 3–4; 中国共产党党徽党旗条例 (2021): five standard sizes; others need approval",
    "oath.below_flag": "000 doc1 §4(二)1 (入党誓词在党旗的下方)",
    "oath.beside_flag": "000 doc2 §3(二); 000 doc4 §3(二) (左右两边分别配入党誓词和党的性质文字图板)",
    "charters.flank_flag": "000 doc1 §4(二)1 (在党旗和誓词的左右相邻位置)",
    "side_walls.boards": "000 doc1 §4(二)2 (活动室面积允许的，可设侧墙面)",
    "items.height": "ergonomics: centres at eye level (options.eye_level), bottoms ≥ options.min_board_bottom, tops ≤ ceiling − options.ceiling_margin",
    "items.clear_of_openings": "ergonomics: options.opening_clearance from doors, windows and obstacles; never behind a door swing",
    "items.within_wall": "ergonomics: within the wall, options.corner_margin from corners",
    "boards.legible": "ergonomics: body text ≥ legibility.body_char_mm (boards/sizes.yaml)",
    "door_sign.present": "000 doc1 §3(一)1; 000 doc2 §3(三)1; 000 doc4 §3(三)1 (挂在活动室门上角)",
    "plaque.beside_door": "000 doc2 §3(三)1; 000 doc4 §3(三)1 (字体为红色，挂在门口)",
    "seats.for_members": "001 §2(一)1 (有与党员人数相匹配的桌椅)",
    "passage.width": "ergonomics; GB 50016-2014 §5.5.15 (doors ≥ 0.9 m): options.passage_width from the door to every seat",
    "passage.behind_chair": "ergonomics: options.behind_chair behind every chair",
    "door.swing_clear": "ergonomics: the door swing stays clear of furniture",
    "furniture.required": "the profile's furniture list (each item cites its clause)",
    "furniture.not_before_boards": "000 doc1 §2(一) (布置要整齐，摆设要规范): furniture taller than a board's lower edge never stands in front of it",
    "screen.visible": "ergonomics: the screen faces the seats",
}


SOLVER_ONLY = frozenset({"main_wall.choice", "side_walls.boards", "boards.legible", "plaque.beside_door",
                         "passage.behind_chair", "door.swing_clear", "furniture.not_before_boards",
                         "screen.visible"})


def source(rule: str) -> str:
    return RULES[rule]
