"""main-wall-3d.png: the main wall in perspective, with the flag where the camera projects it."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from roomplanner.export.perspective import HEIGHT, WIDTH, main_wall_camera, render_perspective_png
from roomplanner.export.scene import build_scene

from .conftest import solved
from .helpers import wall_frame


def _png(plan, lang="zh"):
    return render_perspective_png(plan, build_scene(plan), lang)


def _project(plan, cam, u, h, depth=5.0):
    """Screen pixel of the point ``u`` mm along the main wall, ``h`` mm high, on its face."""
    outline = [(float(x), float(y)) for x, y in plan.spec.room.outline]
    (sx, sy), (dx, dy), (nx, ny), L = wall_frame(outline, plan.main_wall)
    px, py = sx + dx * u + nx * depth, sy + dy * u + ny * depth
    world = np.array([px / 1000, h / 1000, -py / 1000])
    c = cam.to_camera(world)
    x, y = cam.project(c)
    return int(x), int(y)


def test_flag_red_at_its_projected_centre(plan):
    img = Image.open(io.BytesIO(_png(plan))).convert("RGB")
    assert img.size == (WIDTH, HEIGHT)
    cam = main_wall_camera(plan, WIDTH, HEIGHT)
    flag = next(it for it in plan.wall_items if it.kind == "flag")
    assert flag.wall == plan.main_wall
    # the fly half of the flag (right of the emblem quarter seen from the front) is plain red
    u = flag.offset + flag.width * (0.75 if _viewer_left_is_start(plan) else 0.25)
    x, y = _project(plan, cam, u, flag.bottom + flag.height * 0.3)
    assert 0 <= x < WIDTH and 0 <= y < HEIGHT
    r, g, b = img.getpixel((x, y))
    assert r > 170 and g < 80 and b < 70, (x, y, (r, g, b))
    # beside the flag, above the boards: the wall, not red
    x2, y2 = _project(plan, cam, flag.offset + flag.width / 2, min(flag.top + 250, plan.spec.room.height - 100))
    r2, g2, b2 = img.getpixel((x2, y2))
    assert min(r2, g2, b2) > 150, (x2, y2, (r2, g2, b2))


def _viewer_left_is_start(plan):
    outline = [(float(x), float(y)) for x, y in plan.spec.room.outline]
    n = len(outline)
    area = sum(outline[k][0] * outline[(k + 1) % n][1] - outline[(k + 1) % n][0] * outline[k][1] for k in range(n))
    return area < 0   # clockwise: the wall's start is on the viewer's left


def test_same_plan_same_bytes():
    plan = solved("enterprise-9x6")
    assert _png(plan) == _png(plan)


def test_caption_in_the_chosen_language():
    plan = solved("enterprise-9x6")
    assert _png(plan, "zh") != _png(plan, "en")


def _quads_one_by_one(idx):
    """The pairing rule of ``_quads`` written as the plain loop it replaces."""
    out, k, n = [], 0, len(idx)
    while k < n:
        t = idx[k]
        if k + 1 < n and idx[k + 1][0] == t[0] and idx[k + 1][1] == t[2]:
            out.append((t[0], t[1], t[2], idx[k + 1][2]))
            k += 2
        else:
            out.append((t[0], t[1], t[2], t[2]))
            k += 1
    return out


def test_quads_pair_triangles_as_the_loop_does():
    from roomplanner.export.perspective import _quads
    rng = np.random.default_rng(7)
    for _ in range(500):
        tris = []
        for _ in range(int(rng.integers(0, 14))):
            if tris and rng.random() < 0.6:      # continues a fan: shares the previous a and c
                a, _, c = tris[-1]
                tris.append((a, c, int(rng.integers(0, 6))))
            else:
                tris.append(tuple(int(v) for v in rng.integers(0, 6, 3)))
        idx = np.array(tris, dtype=np.int64).reshape(-1, 3)
        assert _quads(idx).tolist() == [list(q) for q in _quads_one_by_one(tris)], tris
    # a fan of five triangles: two quads and a lone triangle
    fan = np.array([(0, k, k + 1) for k in range(1, 6)])
    assert _quads(fan).tolist() == [[0, 1, 2, 3], [0, 3, 4, 5], [0, 5, 6, 6]]


def test_thin_faces_drawn_together_as_one_by_one(plan, monkeypatch):
    """Faces of at most THIN pixels are drawn together as fragments; the pixels are those of
    drawing every face one by one (nearest first, of equal depths the first face), whichever
    faces go which way."""
    from roomplanner.export import perspective

    scene = build_scene(plan)
    cam = main_wall_camera(plan, WIDTH, HEIGHT)
    drawn = {}
    for thin in (0, perspective.THIN, 10**9):          # none, some, all of them together
        monkeypatch.setattr(perspective, "THIN", thin)
        drawn[thin] = perspective._rasterise(scene, cam)[:, :, :3]
    assert np.array_equal(drawn[0], drawn[perspective.THIN])
    assert np.array_equal(drawn[0], drawn[10**9])


def test_an_empty_scene_gives_the_background_with_its_caption():
    """Nothing in front of the camera (no part at all): the picture is the background with the
    caption, at the picture's size (this branch failed before: a float array given to Pillow)."""
    from roomplanner.export.perspective import BACKGROUND, render_scene
    from roomplanner.export.scene import Scene

    plan = solved("enterprise-9x6")
    empty = Scene([], {})
    img = Image.open(io.BytesIO(render_perspective_png(plan, empty, "zh")))
    assert img.size == (WIDTH, HEIGHT)
    assert img.getpixel((WIDTH // 2, HEIGHT // 2)) == BACKGROUND
    pixels = render_scene(empty, main_wall_camera(plan, 64, 48))
    assert pixels.dtype == np.uint8 and pixels.shape == (48, 64, 3) and (pixels == BACKGROUND).all()
