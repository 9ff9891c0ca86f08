"""``main-wall-3d.png``: a perspective of the main wall, rendered from the 3D scene itself.

The camera stands in the room facing the main wall square on, at eye height (1.6 m), as far
back as the room allows (up to the distance at which a 60° view takes in the whole wall; in
a shallow room the view widens, up to 100°). The gaze is horizontal, so verticals stay
vertical as in an architectural perspective.

A small z-buffer rasteriser in numpy draws the scene's triangles (the same meshes and board
textures as ``room.glb``): each opaque triangle fills a buffer of 1/z and one of triangle
numbers, row spans bounded by its edges; then every pixel is shaded once (flat Lambert
colour, or its texture with perspective-correct coordinates); glass is blended last over
what is behind it. Near-plane clipping. Only numpy and Pillow; no GPU, no browser.
"""

from __future__ import annotations

import io
import math
from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFont
from shapely.geometry import LineString, Point, Polygon

from ..data import data_dir
from ..i18n import tr
from ..model.geometry import walls_of
from ..model.plan import Plan
from .scene import Scene

WIDTH, HEIGHT = 960, 600
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


def _clip_near(poly: np.ndarray, uv: np.ndarray):
    """Clip one camera-space convex polygon against z = NEAR; returns (polygon, uvs) or None."""
    pts, uvs = [], []
    n = len(poly)
    for i in range(n):
        a, b = poly[i], poly[(i + 1) % n]
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


def _quads(idx: np.ndarray) -> np.ndarray:
    """Pairs of consecutive triangles (a, b, c), (a, c, d) — the two halves of one planar quad
    as :meth:`Part.quad` writes them — joined into (a, b, c, d); other triangles become
    (a, b, c, c). Half as many primitives to fill, each with a tighter bounding box.
    Triangles pair greedily from the first: in a fan (every triangle joining the one before)
    the first and second make a quad, then the third and fourth, and so on."""
    n = len(idx)
    if n == 0:
        return np.zeros((0, 4), dtype=np.int64)
    joins = np.zeros(n, dtype=bool)            # triangle k and k + 1 form a quad
    joins[:-1] = (idx[1:, 0] == idx[:-1, 0]) & (idx[1:, 1] == idx[:-1, 2])
    k = np.arange(n)
    run_start = joins & ~np.concatenate(([False], joins[:-1]))
    first = np.maximum.accumulate(np.where(run_start, k, 0))
    pair = joins & ((k - first) % 2 == 0)
    second = np.concatenate(([False], pair[:-1]))   # taken by the quad before it
    keep = ~second
    out = np.empty((int(keep.sum()), 4), dtype=np.int64)
    out[:, :3] = idx[keep]
    nxt = idx[np.minimum(k + 1, n - 1), 2]
    out[:, 3] = np.where(pair, nxt, idx[:, 2])[keep]
    return out


class Primitives:
    """All faces of the scene in camera space, one convex planar polygon of 4 corners per row
    (a triangle repeats its last corner): corners (n, 4, 3), texture coordinates (n, 4, 2),
    flat colour (n, 3), texture index (-1: none), opacity."""

    def __init__(self, cam: Camera):
        self.cam = cam
        self.cs: list[np.ndarray] = []
        self.uv: list[np.ndarray] = []
        self.colour: list[np.ndarray] = []
        self.tex: list[np.ndarray] = []
        self.alpha: list[np.ndarray] = []

    def build(self, arrays, looks: list[tuple], matrices: list[tuple[np.ndarray, np.ndarray]]) -> None:
        """Every part's faces at once (``arrays``: the scene's :class:`~.scene.MeshArrays`;
        per part, its look (flat colour, opacity, texture index) and its node's rotation
        and translation): placed by their node, in camera space, back faces and faces behind
        the camera dropped, shaded; faces crossing the near plane clipped."""
        if not arrays.parts:
            return
        cam = self.cam
        offsets = arrays.offsets
        nverts = np.diff(offsets)
        quads = [np.asarray(part.indices, dtype=np.int64) + offsets[k] for k, (_, part) in enumerate(arrays.parts)]
        idx = _quads(np.concatenate(quads).reshape(-1, 3))
        # faces per part: a quad belongs to the part of its first corner
        fpart = np.searchsorted(offsets, idx[:, 0], side="right") - 1
        base = [(255.0, 255.0, 255.0) if tex_index >= 0 else colour for colour, _, tex_index in looks]
        alpha = [a for _, a, _ in looks]
        tex = [t for _, _, t in looks]
        textured = [t >= 0 for t in tex]
        vpart = np.repeat(np.arange(len(nverts)), nverts)
        R = np.asarray([m[0] for m in matrices], dtype=np.float64)[vpart]
        pos = np.einsum("vij,vj->vi", R, arrays.positions) + np.asarray([m[1] for m in matrices])[vpart]
        nrm = np.einsum("vij,vj->vi", R, arrays.normals)
        uv = arrays.uvs
        alpha_f = np.asarray(alpha)[fpart]
        textured_f = np.asarray(textured)[fpart]
        poly_c = cam.to_camera(pos)[idx]                     # (n, 4, 3) camera coordinates
        zs = poly_c[:, :, 2]
        keep = ~(zs < NEAR).all(axis=1)
        n = nrm[idx[:, 0]]
        facing = ((cam.pos - pos[idx[:, :3]].mean(axis=1)) * n).sum(axis=1) > 0
        keep &= facing | (alpha_f < 1.0)     # back faces (seen from behind) only when transparent
        lam = 0.5 + 0.5 * (n @ LIGHT)
        shade = np.where(textured_f, 0.85 + 0.15 * lam, 0.78 + 0.22 * lam)
        colour = np.asarray(base, dtype=np.float64)[fpart] * shade[:, None]
        puv = np.where(textured_f[:, None, None], uv[idx], 0.0)
        tex_f = np.asarray(tex, dtype=np.int32)[fpart]
        front = (zs >= NEAR).all(axis=1)
        # the few faces crossing the near plane are clipped, then split into a fan
        for k in np.flatnonzero(keep & ~front).tolist():
            corners = 4 if idx[k, 3] != idx[k, 2] else 3
            clipped = _clip_near(poly_c[k, :corners], puv[k, :corners])
            if clipped is None:
                continue
            poly, cuv = clipped
            fan = [[0, j, j + 1, j + 1] for j in range(1, len(poly) - 1)]
            self._add(poly[fan], cuv[fan], np.tile(colour[k], (len(fan), 1)), tex_f[k], alpha_f[k])
        keep &= front
        self.cs.insert(0, poly_c[keep])
        self.uv.insert(0, puv[keep])
        self.colour.insert(0, colour[keep])
        self.tex.insert(0, tex_f[keep])
        self.alpha.insert(0, alpha_f[keep])

    def _add(self, cs, uv, colour, tex_index, alpha) -> None:
        self.cs.append(cs)
        self.uv.append(uv)
        self.colour.append(colour)
        self.tex.append(np.full(len(cs), tex_index, dtype=np.int32))
        self.alpha.append(np.full(len(cs), alpha))

    def screen(self):
        """Screen corners and, per face, the planes ``f = a x + b y + c`` on screen of 1/z,
        u/z and v/z (which are affine in screen space: perspective-correct), from its first
        three corners."""
        cs = np.concatenate(self.cs)
        uv = np.concatenate(self.uv)
        s = self.cam.project(cs)
        iz = 1.0 / cs[:, :, 2]
        f = np.stack([iz, uv[:, :, 0] * iz, uv[:, :, 1] * iz], axis=-1)       # (n, 4, 3)
        x, y = s[:, :, 0], s[:, :, 1]
        dx1, dy1 = x[:, 1] - x[:, 0], y[:, 1] - y[:, 0]
        dx2, dy2 = x[:, 2] - x[:, 0], y[:, 2] - y[:, 0]
        det = dx1 * dy2 - dx2 * dy1
        ok = np.abs(det) > 1e-9
        det = np.where(ok, det, 1.0)
        df1, df2 = f[:, 1] - f[:, 0], f[:, 2] - f[:, 0]
        a = (df1 * dy2[:, None] - df2 * dy1[:, None]) / det[:, None]
        b = (dx1[:, None] * df2 - dx2[:, None] * df1) / det[:, None]
        c = f[:, 0] - a * x[:, 0, None] - b * y[:, 0, None]
        return s, ok, np.stack([a, b, c], axis=1)             # planes: (n, 3 coeffs, 3 values)


class _RowBounds:
    """For convex screen polygons (n, 4 corners, xy): for pixel rows, the x range inside each
    (lo, hi; an empty row has lo > hi). Each edge bounds x from one side, by a bound affine in
    the row's y (float32, as the buffers are); a horizontal edge bounds the rows instead. The
    edges' coefficients are worked out for all polygons at once, the rows only where asked."""

    def __init__(self, scr: np.ndarray):
        xs, ys = scr[:, :, 0], scr[:, :, 1]                                  # (n, 4)
        xb, yb = np.roll(xs, -1, axis=1), np.roll(ys, -1, axis=1)
        ex, ey = xb - xs, yb - ys
        sign = np.where((xs * yb - xb * ys).sum(axis=1) > 0, 1.0, -1.0)[:, None]
        # inside: sign (ex (y - ay) - ey (x - ax)) >= -eps for every edge: A x + S y + C >= -eps
        A, S = -sign * ey, sign * ex
        C = sign * (ey * xs - ex * ys)
        eps = 1e-6 * (np.abs(ex) + np.abs(ey))
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            Q, P = -S / A, -(C + eps) / A                                    # x bound = P + Q y
            lower, upper = A > 0, A < 0
            # kept edge by edge, (4, n): a row's bound is then elementwise over whole rows
            self.lo_p = np.where(lower, P, -np.inf).astype(np.float32).T.copy()
            self.lo_q = np.where(lower, Q, 0.0).astype(np.float32).T.copy()
            self.hi_p = np.where(upper, P, np.inf).astype(np.float32).T.copy()
            self.hi_q = np.where(upper, Q, 0.0).astype(np.float32).T.copy()
        # a horizontal edge (A = 0) bounds the rows: S y + C + eps >= 0
        self.flat = (A == 0).T.copy()
        self.S, self.C = S.T.copy(), (C + eps).T.copy()

    def rows_of(self, faces: np.ndarray, py: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(lo, hi), each (r,), for rows given one by one: of polygon ``faces[i]`` the row
        whose centre is ``py[i]`` (float32)."""
        return self._rows(faces, py)

    def rows_many(self, faces: np.ndarray, py: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(lo, hi), each (m, r), of polygons ``faces`` (m) for their rows ``py`` (m, r)."""
        return self._rows(faces[:, None], py)

    def _rows(self, faces: np.ndarray, py: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        def edges(coeffs):                      # (4, *faces.shape), one row per edge
            return coeffs.take(faces, axis=1)

        lo = _edges_max(edges(self.lo_p) + edges(self.lo_q) * py)
        hi = _edges_min(edges(self.hi_p) + edges(self.hi_q) * py)
        flat = edges(self.flat)
        if flat.any():
            out = flat & (edges(self.S) * py + edges(self.C) < 0)
            hi[out[0] | out[1] | out[2] | out[3]] = -np.inf
        return lo, hi


# numpy's max/min over a first axis of 4 loops slowly; pairwise, they run over whole rows
def _edges_max(v: np.ndarray) -> np.ndarray:
    return np.maximum(np.maximum(v[0], v[1]), np.maximum(v[2], v[3]))


def _edges_min(v: np.ndarray) -> np.ndarray:
    return np.minimum(np.minimum(v[0], v[1]), np.minimum(v[2], v[3]))


#: Faces whose bounding box fits SMALL × SMALL pixels (chairs' sides, legs, far-off things:
#: most of a room's faces, few of its pixels) are filled together, not one by one.
SMALL = 48


def _small_faces(faces: np.ndarray, bx0, by0, bounds: _RowBounds, zp, inv_depth: np.ndarray, ids: np.ndarray) -> None:
    """Fill the small faces all at once: every pixel of every face's SMALL × SMALL box that
    the face covers is a fragment (pixel, 1/z, face); the depth buffer keeps the nearest
    fragment per pixel (``np.maximum.at``), and each pixel whose depth a fragment set takes
    that fragment's face (of equal depths, the later face, as the faces are ordered)."""
    if not len(faces):
        return
    H, W = inv_depth.shape
    x0 = np.asarray(bx0)[faces][:, None, None] + np.arange(SMALL)[None, None, :]
    y0 = np.asarray(by0)[faces][:, None, None] + np.arange(SMALL)[None, :, None]
    yy = np.minimum(y0, H - 1)
    inside = (x0 < W) & (y0 < H)
    cx = (x0 + 0.5).astype(np.float32)
    lo_r, hi_r = bounds.rows_many(faces, (yy[:, :, 0] + 0.5).astype(np.float32))
    lo_r, hi_r = lo_r[:, :, None], hi_r[:, :, None]
    inside &= (cx >= lo_r) & (cx <= hi_r)
    a, b, c = zp[faces, 0], zp[faces, 1], zp[faces, 2]
    iz = a[:, None, None] * cx + (b[:, None, None] * (yy + 0.5).astype(np.float32) + c[:, None, None])
    f_idx = np.broadcast_to(faces[:, None, None], inside.shape)[inside]
    pix = (yy * W + np.minimum(x0, W - 1))[inside]
    iz = iz[inside].astype(np.float32)
    flat_depth = inv_depth.reshape(-1)
    np.maximum.at(flat_depth, pix, iz)
    win = iz >= flat_depth[pix]
    ids.reshape(-1)[pix[win]] = f_idx[win]


_BYTES = np.arange(256, dtype=np.uint8)

#: Faces drawn one by one whose bounding box has at most THIN pixels (legs, rails, the sides
#: of things: many faces, few pixels) are drawn together, to the same pixels.
THIN = 600


def _thin_faces(faces: np.ndarray, x0: np.ndarray, y0: np.ndarray, w: np.ndarray, h: np.ndarray,
                rows: np.ndarray, row_lo: np.ndarray, row_hi: np.ndarray, zp: np.ndarray,
                inv_depth: np.ndarray, ids: np.ndarray) -> None:
    """Draw ``faces`` (bounding boxes from x0, y0, w × h pixels; their rows' x ranges from
    ``rows`` on in row_lo, row_hi) as drawing them one by one in their order would: a pixel
    takes the face of the largest 1/z above its own, and of equal ones the first face. All
    their covered pixels at once, as fragments (pixel, 1/z, face): the depth buffer keeps the
    largest 1/z (``np.fmax.at``), and a pixel whose 1/z a fragment reaches takes the least of
    those fragments' faces — or of them and its own face, where that was as near already."""
    if not len(faces):
        return
    H, W = inv_depth.shape
    # the faces' rows (r), then the pixels of their bounding boxes (p), row by row
    row_face = np.repeat(np.arange(len(faces)), h)
    dy = np.arange(len(row_face)) - (np.cumsum(h) - h)[row_face]
    row_w = w[row_face]
    p_row = np.repeat(np.arange(len(row_face)), row_w)
    x = x0[row_face][p_row] + (np.arange(len(p_row)) - (np.cumsum(row_w) - row_w)[p_row])
    cx = x.astype(np.float32) + np.float32(0.5)
    row = (rows[row_face] + dy)[p_row]
    inside = (cx >= row_lo[row]) & (cx <= row_hi[row])
    p_row, x, cx = p_row[inside], x[inside], cx[inside]
    face = faces[row_face][p_row]
    y = (y0[row_face] + dy)[p_row]
    iz = zp[face, 0] * cx + (zp[face, 1] * (y.astype(np.float32) + np.float32(0.5)) + zp[face, 2])
    pix = y * W + x
    depth, owner = inv_depth.reshape(-1), ids.reshape(-1)
    before = depth[pix]
    np.fmax.at(depth, pix, iz)
    after = depth[pix]
    reach = (iz == after) & (iz > 0)
    raised = reach & (after > before)
    owner[pix[raised]] = np.iinfo(owner.dtype).max
    np.minimum.at(owner, pix[reach], face[reach])


def render_scene(scene: Scene, cam: Camera) -> np.ndarray:
    """Rasterise the scene (an RGB uint8 array): every opaque face into a depth buffer (1/z)
    and a buffer of face numbers, then shade each pixel once (flat colour or texture,
    perspective-correct); glass last, blended over what is behind it."""
    rgbx = _rasterise(scene, cam)
    if rgbx is None:
        return np.full((cam.h, cam.w, 3), BACKGROUND, dtype=np.uint8)
    return rgbx[:, :, :3]


def _rasterise(scene: Scene, cam: Camera) -> np.ndarray | None:
    """:func:`render_scene`'s pixels, four bytes each (RGB and a pad byte: Pillow takes them
    as they are, where RGB alone would be copied byte by byte), or None for an empty scene."""
    tris = Primitives(cam)
    textures: list[np.ndarray] = []
    tex_of: dict[str, int] = {}
    arrays = scene.mesh_arrays()
    looks, matrices = [], []
    node_matrix: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for node, part in arrays.parts:
        if id(node) not in node_matrix:
            node_matrix[id(node)] = _node_matrix(node)
        mat = scene.materials[part.material]
        ti = -1
        if mat.image is not None and mat.alpha >= 1.0:
            if part.material not in tex_of:
                tex_of[part.material] = len(textures)
                textures.append(_prefiltered(mat.image, node, cam))
            ti = tex_of[part.material]
        looks.append((mat.colour, mat.alpha, ti))
        matrices.append(node_matrix[id(node)])
    tris.build(arrays, looks, matrices)
    W, H = cam.w, cam.h
    if not tris.cs:
        return None
    scr, ok, planes = tris.screen()
    colour = np.concatenate(tris.colour).astype(np.float32)
    tex = np.concatenate(tris.tex)
    alpha = np.concatenate(tris.alpha)
    # triangles wholly off screen, or degenerate
    ok &= ~((scr[:, :, 0] < 0).all(1) | (scr[:, :, 0] > W).all(1) | (scr[:, :, 1] < 0).all(1) |
            (scr[:, :, 1] > H).all(1))
    inv_depth = np.zeros((H, W), dtype=np.float32)          # 1/z; 0 = nothing (infinitely far)
    ids = np.full((H, W), -1, dtype=np.intp)                # numpy's index type: take() reads it as it is
    zp = planes[:, :, 0].astype(np.float32)                  # the plane of 1/z per face
    bounds = _RowBounds(scr)     # row bounds, of the faces drawn only (``ok``)
    # bounding boxes of pixel centres, clamped to the image
    bx0 = np.clip(np.ceil(scr[:, :, 0].min(1) - 0.5), 0, W).astype(int).tolist()
    bx1 = np.clip(np.floor(scr[:, :, 0].max(1) - 0.5), -1, W - 1).astype(int).tolist()
    by0 = np.clip(np.ceil(scr[:, :, 1].min(1) - 0.5), 0, H).astype(int).tolist()
    by1 = np.clip(np.floor(scr[:, :, 1].max(1) - 0.5), -1, H - 1).astype(int).tolist()
    centres_x = np.arange(W, dtype=np.float32) + 0.5
    centres_y = np.arange(H, dtype=np.float32) + 0.5

    def cover(k: int):
        """(region slices, the face's 1/z over them, pixels inside) or None."""
        x0, x1, y0, y1 = bx0[k], bx1[k] + 1, by0[k], by1[k] + 1
        if x1 <= x0 or y1 <= y0:
            return None
        cx = centres_x[x0:x1]
        r = row_start[k]
        lo, hi = row_lo[r:r + y1 - y0], row_hi[r:r + y1 - y0]
        mask = (cx >= lo[:, None]) & (cx <= hi[:, None])
        a, b, c = zp[k]
        iz = (a * cx)[None, :] + (b * centres_y[y0:y1] + c)[:, None]
        return (slice(y0, y1), slice(x0, x1)), iz, mask

    glass = np.flatnonzero(ok & (alpha < 1.0)).tolist()
    opaque = ok & (alpha >= 1.0)
    bw = np.asarray(bx1) - np.asarray(bx0) + 1
    bh = np.asarray(by1) - np.asarray(by0) + 1
    small = opaque & (bw > 0) & (bh > 0) & (bw <= SMALL) & (bh <= SMALL)
    # the row bounds of every face drawn one by one, all at once
    one_by_one = np.flatnonzero(ok & ~small & (bw > 0) & (bh > 0))
    heights = bh[one_by_one]
    row_face = np.repeat(one_by_one, heights)
    row_y = np.repeat(np.asarray(by0)[one_by_one], heights) + (
        np.arange(len(row_face)) - np.repeat(np.cumsum(heights) - heights, heights))
    row_lo, row_hi = bounds.rows_of(row_face, centres_y[row_y])
    first_row = np.cumsum(heights) - heights
    row_start = dict(zip(one_by_one.tolist(), first_row.tolist()))
    thin = opaque & ~small & (bw > 0) & (bh > 0) & (bw * bh <= THIN)
    for k in np.flatnonzero(opaque & ~small & ~thin).tolist():
        cov = cover(k)
        if cov is None:
            continue
        region, iz, mask = cov
        zreg = inv_depth[region]
        mask &= iz > zreg
        np.copyto(zreg, iz, where=mask)
        np.copyto(ids[region], k, where=mask)
    is_thin = thin[one_by_one]
    _thin_faces(one_by_one[is_thin], np.asarray(bx0)[one_by_one[is_thin]], np.asarray(by0)[one_by_one[is_thin]],
                bw[one_by_one[is_thin]], heights[is_thin], first_row[is_thin], row_lo, row_hi, zp, inv_depth, ids)
    _small_faces(np.flatnonzero(small), bx0, by0, bounds, zp, inv_depth, ids)
    # shade every covered pixel once: face number → colour (-1, nothing, → the background),
    # then the textured faces over their own pixels
    table = np.concatenate([colour, np.array([BACKGROUND], dtype=np.float32)])
    table = np.clip(table + 0.5, 0, 255).astype(np.uint8)
    # looked up as one 4-byte word per pixel (RGB and a pad byte): twice as fast as by rows
    words = np.zeros((len(table), 4), dtype=np.uint8)
    words[:, :3] = table
    pixels = np.take(words.view(np.uint32).ravel(), ids)          # (H, W) words
    rgbx = pixels.view(np.uint8).reshape(H, W, 4)
    image = rgbx[:, :, :3]
    for k in np.flatnonzero(ok & (tex >= 0) & (alpha >= 1.0)).tolist():
        x0, x1, y0, y1 = bx0[k], bx1[k] + 1, by0[k], by1[k] + 1
        if x1 <= x0 or y1 <= y0:
            continue
        mine = ids[y0:y1, x0:x1] == k
        if not mine.any():
            continue
        yy, xx = np.nonzero(mine)
        (a0, a1, a2), (b0, b1, b2), (c0, c1, c2) = planes[k].tolist()   # 1/z, u/z, v/z
        px, py = xx + (x0 + 0.5), yy + (y0 + 0.5)
        iz = px * a0 + py * b0 + c0
        u, v = (px * a1 + py * b1 + c1) / iz, (px * a2 + py * b2 + c2) / iz
        texels = textures[tex[k]]                                  # (th, tw) words
        th, tw = texels.shape
        ti = np.clip((v * th).astype(np.int32), 0, th - 1)
        tj = np.clip((u * tw).astype(np.int32), 0, tw - 1)
        # the face's shade, as a table of the 256 values of a texel's byte
        shade = np.clip(_BYTES * np.float32(colour[k, 0] / 255.0) + 0.5, 0, 255).astype(np.uint8)
        pixels[y0:y1, x0:x1][mine] = shade[texels.take(ti * tw + tj).view(np.uint8)].view(np.uint32)
    # glass over what is behind it (not over what is in front)
    for k in glass:
        cov = cover(k)
        if cov is None:
            continue
        region, iz, mask = cov
        mask &= iz > inv_depth[region]
        reg = image[region]
        blend = reg[mask] * np.float32(1 - alpha[k]) + colour[k] * np.float32(alpha[k])
        reg[mask] = np.clip(blend + 0.5, 0, 255).astype(np.uint8)
    return rgbx


def _prefiltered(img: Image.Image, node, cam: Camera) -> np.ndarray:
    """The texture reduced (box filter, a whole factor) to about the size it covers on screen
    (a one-level mipmap), so nearest-texel sampling shows the board's art without aliasing;
    one 4-byte word (RGB and a pad byte) per texel, as the rasteriser's pixels."""
    z = float((np.array(node.translation) - cam.pos) @ cam.fwd)
    width_m = float(node.extras.get("width_mm", 1000.0)) * 0.001
    if z > NEAR:
        factor = int(img.width / max(cam.f * width_m / z, 1.0))
        if factor >= 2:
            img = img.reduce(factor)
    return np.asarray(img if img.mode == "RGBX" else img.convert("RGBX")).view(np.uint32)[:, :, 0]


def render_perspective_png(plan: Plan, scene: Scene, lang: str = "zh") -> bytes:
    cam = main_wall_camera(plan, WIDTH * SS, HEIGHT * SS)
    rgbx = _rasterise(scene, cam)
    if rgbx is None:     # nothing in front of the camera: the background alone
        img = Image.new("RGB", (cam.w, cam.h), BACKGROUND)
    else:
        img = Image.frombytes("RGB", (cam.w, cam.h), rgbx, "raw", "RGBX", 0, 1)
    if SS > 1:
        img = img.reduce(SS)
    _caption(img, plan, lang)
    return encode_png(img)


def encode_png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format="PNG", compress_level=3)
    return buf.getvalue()


@lru_cache(maxsize=1)
def _caption_font() -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(data_dir("fonts") / "wqy-microhei.ttf"), 15)


def _caption(img: Image.Image, plan: Plan, lang: str) -> None:
    d = ImageDraw.Draw(img)
    font = _caption_font()
    txt = tr(f"主墙面（墙 {plan.main_wall}）透视示意 · 党旗为外购标准党旗，金色方框仅示党徽位置",
             f"Main wall (wall {plan.main_wall}), perspective · the flag is a bought standard flag; "
             "the gold square only marks the emblem's position", lang)
    x0, y0, x1, y1 = d.textbbox((0, 0), txt, font=font)
    pad = 6
    d.rectangle((8, img.height - (y1 - y0) - 3 * pad - 4, 8 + (x1 - x0) + 2 * pad, img.height - 8),
                fill=(255, 255, 255))
    d.text((8 + pad, img.height - (y1 - y0) - 2 * pad - 4 - y0), txt, font=font, fill=(60, 60, 60))
