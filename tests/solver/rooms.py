"""Rooms generated the way real offices are, and the layout-quality measures of issue 10.

Shared by the property tests (tests/solver/test_layout_quality.py) and the benchmark
(benchmarks/bench_layout.py).

``realistic_room(rnd)``: a rectangle or an L-shape, corner columns, one door, 0–3 windows,
at least 1.8 m² per member, and always one clean wall of at least 4 m (no door, no window)
— a room a person lays out without trouble. ``hard_room(rnd)``: the same, harder — narrow
rooms, the door in a short notch wall, many windows, crowded rooms (down to 0.7 m² per
member), radiators and wall units, low ceilings.

Measures (each returns a list of problems, empty when the plan is fine):

* ``balance_problems`` — item 1: when anything hangs beside the flag, boards hang on both
  sides and the distances from the flag's axis to the outer edges of the left and right
  groups differ by at most 10 % of the composition's width;
* ``alignment_problems`` — item 2: boards beside the flag share one centre line (±2 mm);
  boards on each side wall share one top line (±2 mm) with equal gaps within each row; the
  oath hangs on the flag's axis;
* ``grid_problems`` — item 4: every offset and bottom of a wall item is a multiple of 5 mm
  and the flag's centre is within 5 mm of the wall's middle.
"""

from __future__ import annotations

import random

from roomplanner.profiles import known_types

GRID = 5.0
TOL = 2.0


# ---------------------------------------------------------------- generators

def _openings_on(wall_len: float, rnd: random.Random, n: int, taken: list[tuple[float, float]]):
    out = []
    for _ in range(n):
        w = rnd.choice([900, 1200, 1500, 1800, 2400])
        if wall_len < w + 1000:
            continue
        for _try in range(10):
            off = rnd.randrange(500, int(wall_len - w - 499), 100) if wall_len - w - 499 > 500 else 500
            if all(off + w + 300 <= a or off >= b + 300 for a, b in taken):
                taken.append((off, off + w))
                out.append((off, w))
                break
    return out


def realistic_room(rnd: random.Random, branch_type: str | None = None, hard: bool = False) -> dict:
    """Spec data of one generated room (see the module docstring)."""
    btype = branch_type or rnd.choice(known_types())
    if hard:
        shape = rnd.choice(["rect", "L", "L", "narrow"])
    else:
        shape = rnd.choice(["rect", "rect", "rect", "L", "L"])
    if shape == "narrow":
        W, D = rnd.randrange(3000, 4001, 100), rnd.randrange(7000, 10001, 100)
    else:
        W, D = rnd.randrange(4200, 12001, 100), rnd.randrange(3600, 9001, 100)
    if shape == "L":
        W = max(W, 6000)
        D = max(D, 5000)
        cx = rnd.randrange(4000, W - 1199, 100)
        cy = rnd.randrange(max(2400, D // 3), D - 1199, 100)
        outline = [[0, 0], [W, 0], [W, cy], [cx, cy], [cx, D], [0, D]]
    else:
        outline = [[0, 0], [W, 0], [W, D], [0, D]]
    n = len(outline)
    lengths = [((outline[(i + 1) % n][0] - outline[i][0]) ** 2 + (outline[(i + 1) % n][1] - outline[i][1]) ** 2) ** 0.5
               for i in range(n)]
    clean = max((i for i in range(n) if lengths[i] >= 4000), key=lambda i: (lengths[i], -i), default=0)
    others = [i for i in range(n) if i != clean and lengths[i] >= 1500]
    taken: dict[int, list] = {i: [] for i in range(n)}
    height = rnd.choice([2800, 3000, 3000, 3200, 3600]) if not hard else rnd.choice([2600, 2700, 2800, 3000])
    obstacles = []
    for _ in range(rnd.randint(0, 2)):                          # corner columns (first: openings avoid them)
        wi = rnd.randrange(n)
        cw = rnd.choice([400, 500, 600])
        depth = rnd.choice([300, 400, 500])
        at_start = rnd.random() < 0.5
        off = 0 if at_start else lengths[wi] - cw
        if any(not (off + cw <= a or off >= b) for a, b in taken[wi]):
            continue
        taken[wi].append((off, off + cw))
        if at_start:            # the column also takes the end of the previous wall
            prev = (wi - 1) % n
            taken[prev].append((lengths[prev] - depth - 100, lengths[prev]))
        else:
            nxt = (wi + 1) % n
            taken[nxt].append((0, depth + 100))
        obstacles.append({"wall": wi, "offset": round(off, 1), "width": cw, "bottom": 0, "top": height,
                          "depth": depth, "label": "柱"})
    if hard and shape == "L" and rnd.random() < 0.5 and lengths[3] >= 1500:
        door_wall = 3                                           # the entrance in the notch wall
    else:
        door_wall = rnd.choice(others)
    dw = rnd.choice([900, 1000, 1000, 1200]) if not hard else rnd.choice([900, 1000, 1500])
    dw = min(dw, lengths[door_wall] - 400)
    spots = [o for o in range(200, int(lengths[door_wall] - dw - 199), 100)
             if all(o + dw + 100 <= a or o >= b + 100 for a, b in taken[door_wall])]
    if not spots:
        raise ValueError("no place for the door")        # valid_room draws again
    doff = rnd.choice(spots)
    taken[door_wall].append((doff, doff + dw))
    openings = [{"kind": "door", "wall": door_wall, "offset": doff, "width": dw, "height": 2100}]
    for _ in range(rnd.randint(0, 3 if not hard else 5)):
        wi = rnd.choice(others)
        for off, w in _openings_on(lengths[wi], rnd, 1, taken[wi]):
            openings.append({"kind": "window", "wall": wi, "offset": off, "width": w, "sill": 900, "height": 1500})
    if hard:
        for _ in range(rnd.randint(0, 2)):                      # radiators under windows, wall units
            wins = [o for o in openings if o["kind"] == "window"]
            if wins and rnd.random() < 0.5:
                o = rnd.choice(wins)
                obstacles.append({"wall": o["wall"], "offset": o["offset"], "width": o["width"], "bottom": 100,
                                  "top": 700, "depth": 120, "label": "暖气片"})
            else:
                wi = rnd.randrange(n)
                spots = [o for o in range(200, int(lengths[wi] - 1100), 100)
                         if all(o + 900 + 100 <= a or o >= b + 100 for a, b in taken[wi])]
                if spots:
                    off = rnd.choice(spots)
                    taken[wi].append((off, off + 900))
                    obstacles.append({"wall": wi, "offset": off, "width": 900, "bottom": 2200,
                                      "top": min(height - 100, 2600), "depth": 250, "label": "空调"})
    area = W * D / 1e6 if shape != "L" else (W * D - (W - cx) * (D - cy)) / 1e6
    per = 1.8 if not hard else rnd.choice([0.7, 1.0, 1.8])
    members = rnd.randint(3, max(3, min(80, int(area / per))))
    return {"branch": {"name": "测试党支部", "type": btype, "members": members},
            "room": {"outline": outline, "height": height, "openings": openings, "obstacles": obstacles},
            "date": "2026-11-22"}


def valid_room(rnd: random.Random, branch_type: str | None = None, hard: bool = False) -> dict:
    """A generated room the spec accepts (the generator draws again in the rare case it does not)."""
    from roomplanner.errors import SpecError
    from roomplanner.model.spec import spec_from_data
    while True:
        try:
            data = realistic_room(rnd, branch_type, hard)
            spec_from_data(data)
            return data
        except (SpecError, ValueError):
            continue


def rooms(n: int, seed: int, hard: bool = False, branch_type: str | None = None) -> list[dict]:
    rnd = random.Random(seed)
    return [valid_room(rnd, branch_type, hard) for _ in range(n)]


# ---------------------------------------------------------------- measures

def _view(plan, it):
    w = plan.spec.walls()[it.wall]
    a = w.viewer_left(float(it.offset), float(it.width))
    return a, a + float(it.width)


def beside_flag(plan) -> list:
    """Inside items on the main wall hung beside the flag (the oath too when it hangs beside)."""
    out = []
    for it in plan.wall_items:
        if it.wall != plan.main_wall or it.face != "inside" or it.role == "flag":
            continue
        if it.role == "oath" and plan.oath_position == "below":
            continue
        out.append(it)
    return out


def balance_problems(plan) -> list[str]:
    flag = next((i for i in plan.wall_items if i.role == "flag"), None)
    side = beside_flag(plan)
    if flag is None or not side:
        return []
    fa, fb = _view(plan, flag)
    axis = (fa + fb) / 2
    col = [flag] + [i for i in plan.wall_items if i.role == "oath" and i.wall == plan.main_wall
                    and plan.oath_position == "below"]
    left = [i for i in side if sum(_view(plan, i)) / 2 < axis]
    right = [i for i in side if sum(_view(plan, i)) / 2 > axis]
    if not left or not right:
        return [f"boards on one side of the flag only ({', '.join(i.id for i in side)})"]
    lext = axis - min([_view(plan, i)[0] for i in left + col])
    rext = max([_view(plan, i)[1] for i in right + col]) - axis
    if abs(lext - rext) > 0.10 * (lext + rext) + 1e-6:
        return [f"unbalanced main wall: {lext:.0f} mm left of the axis, {rext:.0f} mm right "
                f"(> 10 % of {lext + rext:.0f} mm)"]
    return []


def _rows(plan, items, wall_index):
    """Boards of one wall in viewer order, split into rows where an opening, obstacle or a
    gap wider than a board lies between neighbours."""
    spec = plan.spec
    w = spec.walls()[wall_index]
    stops = [w.viewer_left(float(o.offset), float(o.width)) for o in spec.room.openings if o.wall == wall_index]
    stops += [w.viewer_left(float(o.offset), float(o.width)) for o in spec.room.obstacles if o.wall == wall_index]
    seq = sorted(items, key=lambda i: _view(plan, i)[0])
    rows, cur = [], []
    for it in seq:
        if cur:
            a = _view(plan, cur[-1])[1]
            b = _view(plan, it)[0]
            if any(a - 1 <= s <= b + 1 for s in stops):
                rows.append(cur)
                cur = []
        cur.append(it)
    if cur:
        rows.append(cur)
    return rows


def alignment_problems(plan) -> list[str]:
    out = []
    side = beside_flag(plan)
    centres = {round(float(i.bottom) + float(i.height) / 2, 1) for i in side}
    if side and max(centres) - min(centres) > TOL:
        out.append(f"boards beside the flag on {len(centres)} centre lines: {sorted(centres)}")
    flag = next((i for i in plan.wall_items if i.role == "flag"), None)
    oath = next((i for i in plan.wall_items if i.role == "oath" and i.wall == plan.main_wall), None)
    if flag and oath and plan.oath_position == "below":
        if abs((float(oath.offset) + float(oath.width) / 2) - (float(flag.offset) + float(flag.width) / 2)) > GRID:
            out.append("the oath is off the flag's axis")
    by_wall: dict[int, list] = {}
    for it in plan.wall_items:
        if it.face == "inside" and it.wall != plan.main_wall:
            by_wall.setdefault(it.wall, []).append(it)
    gap = float(plan.spec.options.board_gap)
    for wi, items in sorted(by_wall.items()):
        tops = {round(i.top, 1) for i in items}
        if max(tops) - min(tops) > TOL:
            out.append(f"wall {wi}: boards at {len(tops)} top lines {sorted(tops)}")
        for row in _rows(plan, items, wi):
            gaps = [_view(plan, b)[0] - _view(plan, a)[1] for a, b in zip(row, row[1:])]
            if gaps and max(gaps) - min(gaps) > TOL + GRID:
                out.append(f"wall {wi}: uneven gaps {[round(g) for g in gaps]}")
            if gaps and max(gaps) > max(gap, 150) * 3:
                pass          # two groups in one stretch would be a different row; not generated
    return out


def grid_problems(plan) -> list[str]:
    out = []
    for it in plan.wall_items:
        for name in ("offset", "bottom"):
            v = float(getattr(it, name))
            if abs(v / GRID - round(v / GRID)) > 1e-6:
                out.append(f"{it.id}.{name} = {v} is not on the {GRID:g} mm grid")
    flag = next((i for i in plan.wall_items if i.role == "flag"), None)
    if flag is not None:
        L = plan.spec.walls()[flag.wall].length
        if abs(float(flag.offset) + float(flag.width) / 2 - L / 2) > GRID + 1e-6:
            out.append("the flag is more than 5 mm off the wall's middle")
    return out
