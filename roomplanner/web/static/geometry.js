// Room geometry for the editor: outlines from the shape forms, walls, projections.
// Units: millimetres, y up (as in the drawings: wall 0 of a rectangle is the bottom wall).

export const SNAP = 100; // grid for custom outlines

export function rectOutline(length, width) {
  return [[0, 0], [length, 0], [length, width], [0, width]];
}

// L shape: the overall rectangle minus a cut-out at one corner (ne, nw, se, sw).
export function lOutline(length, width, corner, cutLength, cutWidth) {
  const L = length, W = width, a = cutLength, b = cutWidth;
  switch (corner) {
    case "sw": return [[a, 0], [L, 0], [L, W], [0, W], [0, b], [a, b]];
    case "se": return [[0, 0], [L - a, 0], [L - a, b], [L, b], [L, W], [0, W]];
    case "nw": return [[0, 0], [L, 0], [L, W], [a, W], [a, W - b], [0, W - b]];
    default: return [[0, 0], [L, 0], [L, W - b], [L - a, W - b], [L - a, W], [0, W]]; // ne
  }
}

// Walls from typed lengths and turns ("9000 左" …): start at the origin heading east.
// Returns {points, error}; the last wall must come back to the start.
export function turtleOutline(lines) {
  let x = 0, y = 0, dir = 0; // degrees, 0 = east
  const pts = [[0, 0]];
  for (let i = 0; i < lines.length; i++) {
    const { length, turn } = lines[i];
    if (!(length > 0)) return { points: null, error: { index: i, key: "err_wall_length" } };
    const r = (dir * Math.PI) / 180;
    x = Math.round(x + length * Math.cos(r));
    y = Math.round(y + length * Math.sin(r));
    pts.push([x, y]);
    dir = (dir + (turn === "right" ? -90 : 90) + 360) % 360;
  }
  const last = pts.pop();
  if (Math.hypot(last[0], last[1]) > 1) return { points: null, error: { index: lines.length - 1, key: "err_not_closed", gap: [last[0], last[1]] } };
  return { points: pts, error: null };
}

export function signedArea(pts) {
  let s = 0;
  for (let i = 0; i < pts.length; i++) {
    const [x1, y1] = pts[i], [x2, y2] = pts[(i + 1) % pts.length];
    s += x1 * y2 - x2 * y1;
  }
  return s / 2;
}

export function walls(pts) {
  const ccw = signedArea(pts) > 0;
  return pts.map((a, i) => {
    const b = pts[(i + 1) % pts.length];
    const dx = b[0] - a[0], dy = b[1] - a[1];
    const len = Math.hypot(dx, dy) || 1;
    const ux = dx / len, uy = dy / len;
    // outward normal: right of the direction for a counter-clockwise outline
    const nx = ccw ? uy : -uy, ny = ccw ? -ux : ux;
    return { index: i, a, b, length: Math.hypot(dx, dy), ux, uy, nx, ny };
  });
}

export function pointAt(w, t) {
  return [w.a[0] + w.ux * t, w.a[1] + w.uy * t];
}

// Distance along wall w of the projection of point p, and the distance from the wall.
export function project(w, p) {
  const t = (p[0] - w.a[0]) * w.ux + (p[1] - w.a[1]) * w.uy;
  const d = Math.abs((p[0] - w.a[0]) * w.uy - (p[1] - w.a[1]) * w.ux);
  return { t, d };
}

export function nearestWall(ws, p) {
  let best = null;
  for (const w of ws) {
    const { t, d } = project(w, p);
    if (t < -200 || t > w.length + 200) continue;
    if (!best || d < best.d) best = { wall: w, t: Math.min(Math.max(t, 0), w.length), d };
  }
  return best;
}

export function area(pts) {
  return Math.abs(signedArea(pts)) / 1e6;
}

export function snap(v, step = SNAP) {
  return Math.round(v / step) * step;
}

export function bbox(pts) {
  const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
  return { minx: Math.min(...xs), miny: Math.min(...ys), maxx: Math.max(...xs), maxy: Math.max(...ys) };
}

// Does the outline match our rectangle form? Returns {length, width} or null.
export function asRect(pts) {
  if (pts.length !== 4) return null;
  const [p0, p1, p2, p3] = pts;
  if (p0[0] === 0 && p0[1] === 0 && p1[1] === 0 && p2[0] === p1[0] && p3[0] === 0 && p3[1] === p2[1] && p1[0] > 0 && p2[1] > 0) {
    return { length: p1[0], width: p2[1] };
  }
  return null;
}
