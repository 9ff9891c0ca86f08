"""``main-wall-3d.png``: a perspective of the main wall, rendered from the 3D scene itself.

The camera stands in the room facing the main wall square on, at eye height (1.6 m), as far
back as the room allows (up to the distance at which a 60° view takes in the whole wall; in
a shallow room the view widens, up to 100°). The gaze is horizontal, so verticals stay
vertical as in an architectural perspective.

A small z-buffer rasteriser in numpy draws the scene's triangles (the same meshes and board
textures as ``room.glb``): perspective-correct texture coordinates, near-plane clipping,
flat Lambert shading, glass blended over what is behind it. Rendered at twice the size and
downsampled (anti-aliasing). Only numpy and Pillow; no GPU, no browser.
"""

from __future__ import annotations

import io
import math

import numpy as np
from PIL import Image, ImageDraw, ImageFont
from shapely.geometry import LineString, Point, Polygon

from ..data import data_dir
from ..i18n import tr
from ..model.geometry import walls_of
from ..model.plan import Plan
from .scene import Scene

WIDTH, HEIGHT = 1200, 750
SS = 1                 # supersampling factor
EYE = 1600.0           # mm
NEAR = 0.05            # m
BACKGROUND = (233, 238, 242)
LIGHT = np.array([0.35, 0.8, 0.5])
LIGHT = LIGHT / np.linalg.norm(LIGHT)


class Camera:
    """Plan-based camera: position (plan mm), forward (plan unit vector), horizontal fov."""

    def __init__(self, pos, forward, hfov_deg: float, width: int, height: int):
        self.pos = np.array([pos[0] * 0.001, EYE * 0.001, -pos[1] * 0.001])
        fx, fy = forward
        self.fwd = np.array([fx, 0.0, -fy])           # world
        self.right = np.array([fy, 0.0, fx])          # world: plan (fy, -fx) → (fy, 0, fx)
        self.up = np.array([0.0, 1.0, 0.0])
        self.hfov = hfov_deg
        self.w, self.h = width, height
        self.f = (width / 2) / math.tan(math.radians(hfov_deg) / 2)

    def to_camera(self, p: np.ndarray) -> np.ndarray:
        d = p - self.pos
        return np.stack([d @ self.right, d @ self.up, d @ self.fwd], axis=-1)

    def project(self, c: np.ndarray) -> np.ndarray:
        """Camera coordinates → screen (x, y) in pixels, y down."""
        z = c[..., 2]
        return np.stack([self.w / 2 + self.f * c[..., 0] / z, self.h / 2 - self.f * c[..., 1] / z], axis=-1)


def main_wall_camera(plan: Plan, width: int, height: int) -> Camera:
    outline = plan.spec.outline
    walls = walls_of(outline)
    w = walls[plan.main_wall]
    L = w.length
    nx, ny = w.inward_normal
    mid = w.point_at(L / 2, 1.0)
    room = Polygon(outline)
    ray = LineString([mid, (mid[0] + nx * 1e6, mid[1] + ny * 1e6)])
    hit = room.exterior.intersection(ray)
    far = min((Point(mid).distance(g) for g in getattr(hit, "geoms", [hit]) if not g.is_empty), default=3000.0)
    far = max(far, 600.0)
    need = (L / 2 + 300.0) / math.tan(math.radians(30))
    dist = min(need, far - 300.0)
    dist = max(dist, 300.0)
    hfov = min(100.0, max(60.0, 2 * math.degrees(math.atan((L / 2 + 300.0) / dist))))
    # keep floor-to-ceiling in view where the room allows
    H = float(plan.spec.room.height)
    vneed = max(EYE, H - EYE) + 150.0
    vfov_tan = vneed / dist
    hfov = min(100.0, max(hfov, 2 * math.degrees(math.atan(vfov_tan * width / height))))
    pos = w.point_at(L / 2, dist)
    return Camera(pos, (-nx, -ny), hfov, width, height)


def _node_matrix(node) -> tuple[np.ndarray, np.ndarray]:
    x, y, z, w = node.rotation
    R = np.array([[1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)],
                  [2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)],
                  [2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)]])
    return R, np.array(node.translation)


def _clip_near(tri: np.ndarray, uv: np.ndarray):
    """Clip one camera-space triangle against z = NEAR; returns (polygon, uvs) or None."""
    pts, uvs = [], []
    n = 3
    for i in range(n):
        a, b = tri[i], tri[(i + 1) % n]
        ua, ub = uv[i], uv[(i + 1) % n]
        ina, inb = a[2] >= NEAR, b[2] >= NEAR
        if ina:
            pts.append(a)
            uvs.append(ua)
        if ina != inb:
            t = (NEAR - a[2]) / (b[2] - a[2])
            pts.append(a + (b - a) * t)
            uvs.append(ua + (ub - ua) * t)
    if len(pts) < 3:
        return None
    return np.array(pts), np.array(uvs)


class Raster:
    def __init__(self, w: int, h: int):
        self.w, self.h = w, h
        self.color = np.empty((h, w, 3), dtype=np.float32)
        self.color[:] = BACKGROUND
        self.depth = np.full((h, w), np.inf, dtype=np.float32)

    def triangle(self, s: np.ndarray, z: np.ndarray, uv: np.ndarray, colour: np.ndarray,
                 tex: np.ndarray | None, alpha: float) -> None:
        """Fill one screen triangle (edge functions over its bounding box), depth-tested,
        shaded or textured (perspective-correct)."""
        (ax, ay), (bx, by), (cx, cy) = s.tolist()
        x0 = max(int(math.floor(min(ax, bx, cx))), 0)
        x1 = min(int(math.ceil(max(ax, bx, cx))), self.w - 1)
        y0 = max(int(math.floor(min(ay, by, cy))), 0)
        y1 = min(int(math.ceil(max(ay, by, cy))), self.h - 1)
        if x1 < x0 or y1 < y0:
            return
        area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
        if abs(area) < 1e-9:
            return
        px = np.arange(x0, x1 + 1, dtype=np.float32) + 0.5
        py = np.arange(y0, y1 + 1, dtype=np.float32)[:, None] + 0.5
        w0 = ((bx - px) * (cy - py) - (by - py) * (cx - px)) * (1.0 / area)
        w1 = ((cx - px) * (ay - py) - (cy - py) * (ax - px)) * (1.0 / area)
        w2 = 1.0 - w0 - w1
        inside = (w0 >= -1e-6) & (w1 >= -1e-6) & (w2 >= -1e-6)
        if not inside.any():
            return
        z0, z1, z2 = (1.0 / float(v) for v in z)
        depth = 1.0 / np.maximum(w0 * z0 + w1 * z1 + w2 * z2, 1e-9)
        region = self.depth[y0:y1 + 1, x0:x1 + 1]
        mask = inside & (depth < region)
        if not mask.any():
            return
        if tex is not None:
            d = depth[mask]
            a0, a1, a2 = w0[mask] * z0, w1[mask] * z1, w2[mask] * z2
            u = (a0 * uv[0, 0] + a1 * uv[1, 0] + a2 * uv[2, 0]) * d
            v = (a0 * uv[0, 1] + a1 * uv[1, 1] + a2 * uv[2, 1]) * d
            th, tw = tex.shape[:2]
            ti = np.clip((v * th).astype(np.int32), 0, th - 1)
            tj = np.clip((u * tw).astype(np.int32), 0, tw - 1)
            src = tex[ti, tj] * colour
        else:
            src = colour
        cbuf = self.color[y0:y1 + 1, x0:x1 + 1]
        if alpha < 1.0:
            cbuf[mask] = cbuf[mask] * (1 - alpha) + src * alpha
        else:
            cbuf[mask] = src
            region[mask] = depth[mask]


def render_scene(scene: Scene, cam: Camera) -> np.ndarray:
    ras = Raster(cam.w, cam.h)
    transparent = []
    textures: dict[str, np.ndarray] = {}
    for node in scene.nodes:
        R, t = _node_matrix(node)
        for part in node.parts:
            img = scene.materials[part.material].image
            if img is not None and part.material not in textures:
                textures[part.material] = _prefiltered(img, node, cam)
        for part in node.parts:
            if not part.indices:
                continue
            mat = scene.materials[part.material]
            if mat.alpha < 1.0:
                transparent.append((node, part, R, t))
                continue
            _draw_part(ras, cam, part, mat, R, t, textures.get(part.material))
    for node, part, R, t in transparent:
        _draw_part(ras, cam, part, scene.materials[part.material], R, t, None)
    return ras.color


def _prefiltered(img: Image.Image, node, cam: Camera) -> np.ndarray:
    """The texture reduced to about the size it covers on screen (a one-level mipmap), so
    nearest-texel sampling shows the board's art without aliasing."""
    z = float((np.array(node.translation) - cam.pos) @ cam.fwd)
    width_m = float(node.extras.get("width_mm", 1000.0)) * 0.001
    if z > NEAR:
        on_screen = cam.f * width_m / z
        if on_screen < img.width:
            w = max(4, int(round(on_screen * 1.5)))
            img = img.resize((w, max(4, round(img.height * w / img.width))), Image.BILINEAR, reducing_gap=2.0)
    return np.asarray(img.convert("RGB"), dtype=np.float32) / 255.0


def _draw_part(ras: Raster, cam: Camera, part, mat, R, t, tex) -> None:
    pos = np.asarray(part.positions, dtype=np.float64) @ R.T + t
    nrm = np.asarray(part.normals, dtype=np.float64) @ R.T
    uvs = np.asarray(part.uvs, dtype=np.float64)
    idx = np.asarray(part.indices, dtype=np.int64).reshape(-1, 3)
    tri_c = cam.to_camera(pos)[idx]                      # (n, 3, 3) camera coordinates
    zs = tri_c[:, :, 2]
    keep = ~(zs < NEAR).all(axis=1)
    n = nrm[idx[:, 0]]
    if mat.alpha >= 1.0:   # back faces (seen from behind) are skipped unless transparent
        keep &= ((cam.pos - pos[idx].mean(axis=1)) * n).sum(axis=1) > 0
    if not keep.any():
        return
    lam = 0.5 + 0.5 * (n @ LIGHT)
    shade = (0.85 + 0.15 * lam) if tex is not None else (0.78 + 0.22 * lam)
    base = np.full(3, 255.0) if tex is not None else np.array(mat.colour, dtype=np.float64)
    front = (zs >= NEAR).all(axis=1)
    scr = np.where(front[:, None, None], cam.project(np.where(zs[..., None] >= NEAR, tri_c, 1.0)), 0.0)
    # triangles wholly off screen
    off = front & ((scr[:, :, 0] < 0).all(1) | (scr[:, :, 0] > ras.w).all(1) |
                   (scr[:, :, 1] < 0).all(1) | (scr[:, :, 1] > ras.h).all(1))
    keep &= ~off
    for k in np.flatnonzero(keep):
        colour = base * shade[k]
        uv = uvs[idx[k]]
        if not front[k]:
            clipped = _clip_near(tri_c[k], uv)
            if clipped is None:
                continue
            poly, puv = clipped
            for j in range(1, len(poly) - 1):
                sub = poly[[0, j, j + 1]]
                ras.triangle(cam.project(sub), sub[:, 2], puv[[0, j, j + 1]], colour, tex, mat.alpha)
            continue
        ras.triangle(scr[k], zs[k], uv, colour, tex, mat.alpha)


def render_perspective_png(plan: Plan, scene: Scene, lang: str = "zh") -> bytes:
    cam = main_wall_camera(plan, WIDTH * SS, HEIGHT * SS)
    rgb = render_scene(scene, cam)
    img = Image.fromarray(np.clip(rgb + 0.5, 0, 255).astype(np.uint8), "RGB")
    img = img.reduce(SS)
    _caption(img, plan, lang)
    buf = io.BytesIO()
    img.save(buf, format="PNG", compress_level=3)
    return buf.getvalue()


def _caption(img: Image.Image, plan: Plan, lang: str) -> None:
    d = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(data_dir("fonts") / "wqy-microhei.ttf"), 15)
    txt = tr(f"主墙面（墙 {plan.main_wall}）透视示意 · 党旗为外购标准党旗，金色方框仅示党徽位置",
             f"Main wall (wall {plan.main_wall}), perspective · the flag is a bought standard flag; "
             "the gold square only marks the emblem's position", lang)
    x0, y0, x1, y1 = d.textbbox((0, 0), txt, font=font)
    pad = 6
    d.rectangle((8, img.height - (y1 - y0) - 3 * pad - 4, 8 + (x1 - x0) + 2 * pad, img.height - 8),
                fill=(255, 255, 255))
    d.text((8 + pad, img.height - (y1 - y0) - 2 * pad - 4 - y0), txt, font=font, fill=(60, 60, 60))
