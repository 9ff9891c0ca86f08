"""room.glb: valid glTF 2.0 (Khronos glTF-Validator), every plan item a named node whose size
and position match plan.json within 1 mm, real artwork on the boards, deterministic bytes."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pygltflib
import pytest
from PIL import Image

from roomplanner.export import render_glb
from roomplanner.export.textures import PX_PER_MM

from .conftest import ROOT, solved
from .helpers import quat_rotate, wall_frame

TOL = 1.0   # mm

VALIDATE_JS = r"""
import fs from 'fs';
import { createRequire } from 'module';
const require = createRequire(import.meta.url);
const validator = require(process.argv[1]);
const data = new Uint8Array(fs.readFileSync(process.argv[2]));
const report = await validator.validateBytes(data, { maxIssues: 500 });
process.stdout.write(JSON.stringify(report.issues));
"""


def find_validator() -> str | None:
    """The gltf-validator npm package folder: $GLTF_VALIDATOR, or a node_modules beside the
    repository (``npm install --prefix . gltf-validator``)."""
    env = os.environ.get("GLTF_VALIDATOR")
    candidates = [Path(env)] if env else []
    candidates += [ROOT / "node_modules" / "gltf-validator", Path.home() / ".cache" / "roomplanner" /
                   "node_modules" / "gltf-validator"]
    for c in candidates:
        if (c / "index.js").is_file():
            return str(c.resolve())
    return None


def load(glb: bytes) -> pygltflib.GLTF2:
    return pygltflib.GLTF2.load_from_bytes(glb)


def node_bounds(g: pygltflib.GLTF2, node) -> tuple[list[float], list[float]]:
    lo, hi = [float("inf")] * 3, [float("-inf")] * 3
    for prim in g.meshes[node.mesh].primitives:
        acc = g.accessors[prim.attributes.POSITION]
        lo = [min(a, b) for a, b in zip(lo, acc.min)]
        hi = [max(a, b) for a, b in zip(hi, acc.max)]
    return lo, hi


def world_point(node, p):
    q = node.rotation or [0, 0, 0, 1]
    t = node.translation or [0, 0, 0]
    r = quat_rotate(q, p)
    return [r[k] + t[k] for k in range(3)]


@pytest.fixture(scope="module")
def glb_9x6():
    return render_glb(solved("enterprise-9x6"))


def test_validator_reports_no_errors(plan, tmp_path):
    validator = find_validator()
    node = shutil.which("node")
    if validator is None or node is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install the npm package gltf-validator (see .ci/run) and node")
        pytest.skip("gltf-validator not installed (npm install --prefix . gltf-validator)")
    path = tmp_path / "room.glb"
    path.write_bytes(render_glb(plan))
    out = subprocess.run([node, "--input-type=module", "-e", VALIDATE_JS, validator, str(path)],
                         capture_output=True, text=True, timeout=120, check=True)
    issues = json.loads(out.stdout)
    errors = [m for m in issues["messages"] if m["severity"] == 0]
    warnings = [m for m in issues["messages"] if m["severity"] == 1]
    assert issues["numErrors"] == 0, errors[:5]
    assert issues["numWarnings"] == 0, warnings[:5]


def test_one_named_node_per_plan_item(plan):
    g = load(render_glb(plan))
    names = [n.name for n in g.nodes]
    for it in [*plan.wall_items, *plan.floor_items]:
        assert names.count(it.id) == 1, it.id
        node = g.nodes[names.index(it.id)]
        assert node.extras["id"] == it.id
        assert node.extras["size"].endswith("mm")
    root = g.nodes[g.scenes[g.scene].nodes[0]]
    assert root.extras["units"] == "m" and root.extras["up"] == "Y"
    assert len(root.children) == len(g.nodes) - 1


def test_wall_items_match_plan(plan):
    g = load(render_glb(plan))
    by_name = {n.name: n for n in g.nodes}
    outline = [(float(x), float(y)) for x, y in plan.spec.room.outline]
    T = float(plan.spec.room.wall_thickness)
    for it in plan.wall_items:
        node = by_name[it.id]
        lo, hi = node_bounds(g, node)
        w_m, h_m, d_m = (hi[k] - lo[k] for k in range(3))
        assert abs(w_m * 1000 - it.width) <= TOL, (it.id, w_m)
        assert abs(h_m * 1000 - it.height) <= TOL, (it.id, h_m)
        assert 0 < d_m * 1000 <= 30, (it.id, d_m)
        (sx, sy), (dx, dy), (nx, ny), L = wall_frame(outline, it.wall)
        # every corner of the panel, back to plan coordinates, along and across the wall
        along, across, heights = [], [], []
        for x in (lo[0], hi[0]):
            for y in (lo[1], hi[1]):
                for z in (lo[2], hi[2]):
                    X, Y, Z = world_point(node, (x, y, z))
                    px, py = X * 1000 - sx, -Z * 1000 - sy
                    along.append(px * dx + py * dy)
                    across.append(px * nx + py * ny)
                    heights.append(Y * 1000)
        assert abs(min(along) - it.offset) <= TOL and abs(max(along) - (it.offset + it.width)) <= TOL, it.id
        assert abs(min(heights) - it.bottom) <= TOL and abs(max(heights) - it.top) <= TOL, it.id
        if it.face == "inside":      # on the inner face, standing into the room
            assert abs(min(across)) <= TOL and max(across) > 0, it.id
        else:                        # on the outer face
            assert abs(max(across) + T) <= TOL and min(across) < -T, it.id
        # the artwork faces away from the wall
        front = quat_rotate(node.rotation or [0, 0, 0, 1], (0, 0, 1))
        sign = 1 if it.face == "inside" else -1
        assert abs(front[0] - sign * nx) < 1e-4 and abs(-front[2] - sign * ny) < 1e-4, it.id


def _bottom(plan, f, by_id):
    if f.mount == "on":
        base = by_id[f.on]
        return _bottom(plan, base, by_id) + float(base.height)
    if f.mount == "wall":
        return float(f.bottom or 0)
    return 0.0


def test_floor_items_match_plan(plan):
    g = load(render_glb(plan))
    by_name = {n.name: n for n in g.nodes}
    by_id = {f.id: f for f in plan.floor_items}
    H = float(plan.spec.room.height)
    for f in plan.floor_items:
        node = by_name[f.id]
        assert not node.rotation, f.id
        lo, hi = node_bounds(g, node)
        t = node.translation or [0, 0, 0]
        xs = [float(p[0]) for p in f.footprint]
        ys = [float(p[1]) for p in f.footprint]
        assert abs((t[0] + lo[0]) * 1000 - min(xs)) <= TOL and abs((t[0] + hi[0]) * 1000 - max(xs)) <= TOL, f.id
        assert abs(-(t[2] + hi[2]) * 1000 - min(ys)) <= TOL and abs(-(t[2] + lo[2]) * 1000 - max(ys)) <= TOL, f.id
        y0, y1 = (t[1] + lo[1]) * 1000, (t[1] + hi[1]) * 1000
        if f.mount == "ceiling":
            assert abs(y1 - H) <= TOL and y0 < y1, f.id
        else:
            assert abs(y0 - _bottom(plan, f, by_id)) <= TOL, f.id
            assert abs((y1 - y0) - max(float(f.height), 10.0)) <= TOL, f.id


def test_walls_cut_at_every_opening(plan):
    g = load(render_glb(plan))
    names = [n.name for n in g.nodes]
    n = len(plan.spec.room.outline)
    assert all(f"wall-{i}" in names for i in range(n))
    for k, o in enumerate(plan.spec.room.openings):
        assert (f"door-{k}" if o.kind == "door" else f"window-{k}") in names


def _image(g: pygltflib.GLTF2, material_name: str) -> Image.Image:
    mat = next(m for m in g.materials if m.name == material_name)
    tex = g.textures[mat.pbrMetallicRoughness.baseColorTexture.index]
    img = g.images[tex.source]
    view = g.bufferViews[img.bufferView]
    data = g.binary_blob()[view.byteOffset:view.byteOffset + view.byteLength]
    return Image.open(io.BytesIO(data)).convert("RGB")


def test_board_textures_are_the_board_pdfs(tmp_path):
    """With the pack's board PDFs, each board's front shows that PDF (4 px per cm)."""
    from roomplanner.printing.boards import render_boards

    plan = solved("enterprise-9x6")
    render_boards(plan, tmp_path)
    files = {f"boards/{p.name}": p.read_bytes() for p in tmp_path.glob("*.pdf")}
    g = load(render_glb(plan, files))
    oath = plan.item("oath")
    img = _image(g, "art:oath")
    assert abs(img.width - oath.width * PX_PER_MM) <= 1 and abs(img.height - oath.height * PX_PER_MM) <= 1
    # the oath board is printed on red: most of its pixels are red, unlike a placeholder
    px = np.asarray(img).reshape(-1, 3).astype(int)
    red = ((px[:, 0] > 150) & (px[:, 1] < 90) & (px[:, 2] < 90)).sum()
    assert red > 0.3 * len(px)
    plain = _image(load(render_glb(plan)), "art:oath")
    assert plain.tobytes() != img.tobytes()


def test_flag_texture_is_red_with_the_emblem_position_marked(glb_9x6):
    g = load(glb_9x6)
    img = _image(g, "art:flag")
    w, h = img.size
    r, gg, b = img.getpixel((int(w * 0.75), int(h * 0.7)))        # the fly half: plain red
    assert r > 200 and gg < 70 and b < 50
    # the gold square's left edge: 4 cells of L/36 from the hoist, 3 cells from the top
    cell = w / 36
    col = [img.getpixel((round(4 * cell), round(3 * cell + k))) for k in range(int(8 * cell))]
    assert sum(1 for r, gg, b in col if r > 200 and gg > 170 and b < 120) > 0.6 * len(col)


def test_same_plan_same_bytes(glb_9x6):
    assert render_glb(solved("enterprise-9x6")) == glb_9x6


def test_door_view_stands_inside_the_entrance(glb_9x6):
    g = load(glb_9x6)
    root = g.nodes[g.scenes[0].nodes[0]]
    eye = root.extras["door_view"]["eye"]
    from shapely.geometry import Point, Polygon
    plan = solved("enterprise-9x6")
    assert Polygon(plan.spec.outline).contains(Point(eye[0] * 1000, -eye[2] * 1000))
    assert abs(eye[1] - 1.6) < 1e-6
