// The room editor: an SVG plan (y up) with walls, live dimensions, doors, windows and
// obstacles. Click a wall to add the chosen item; drag an item along its wall, drag its ends
// to resize (the distances to both corners are shown while dragging); click corners to draw
// a custom outline (100 mm snap) and drag them to adjust.

import { walls as wallsOf, project, nearestWall, snap, bbox, SNAP } from "./geometry.js";
import { t } from "./i18n.js";

const NS = "http://www.w3.org/2000/svg";
const DEFAULT_WIDTH = { door: 1000, window: 1500, "空调": 800, "插座面板": 200, "暖气片": 1000, "柱": 500 };
const OBSTACLE_HEIGHTS = { "空调": [2200, 2800, 250], "插座面板": [300, 450, 0], "暖气片": [150, 750, 120], "柱": [0, null, 400] };

function s(tag, attrs, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

export class RoomCanvas {
  constructor(svg, readout, hooks) {
    this.svg = svg;
    this.readout = readout;
    this.hooks = hooks; // {state(), outline(), onEdit(kind), onSelect(sel), mainWall()}
    this.tool = "select";
    this.selected = null; // {list, index}
    this.drag = null;
    svg.addEventListener("pointerdown", (e) => this.down(e));
    svg.addEventListener("pointermove", (e) => this.move(e));
    svg.addEventListener("pointerup", (e) => this.up(e));
    svg.addEventListener("pointercancel", () => { this.drag = null; this.hideReadout(); });
  }

  setTool(tool) { this.tool = tool; this.svg.dataset.tool = tool; }

  toRoom(e) {
    const pt = this.svg.createSVGPoint();
    pt.x = e.clientX; pt.y = e.clientY;
    const p = pt.matrixTransform(this.svg.getScreenCTM().inverse());
    return [p.x, -p.y];
  }

  // ------------------------------------------------------------------ drawing
  render() {
    const st = this.hooks.state();
    const svg = this.svg;
    while (svg.firstChild) svg.firstChild.remove();
    const drawingCustom = st.shape === "custom" && !st.custom.closed;
    const pts = drawingCustom ? st.custom.points : this.hooks.outline();
    const box = pts && pts.length ? bbox(pts) : { minx: 0, miny: 0, maxx: 10000, maxy: 8000 };
    if (drawingCustom) { box.minx = Math.min(box.minx, 0); box.miny = Math.min(box.miny, 0); box.maxx = Math.max(box.maxx, 12000); box.maxy = Math.max(box.maxy, 9000); }
    const m = 1400;
    const vb = [box.minx - m, -box.maxy - m, box.maxx - box.minx + 2 * m, box.maxy - box.miny + 2 * m];
    svg.setAttribute("viewBox", vb.join(" "));
    this.scale = vb[2] / (svg.clientWidth || 600); // mm per screen pixel
    const k = this.scale;
    // grid
    const g = s("g", { class: "grid" });
    const step = st.shape === "custom" ? 500 : 1000;
    for (let x = Math.ceil(vb[0] / step) * step; x < vb[0] + vb[2]; x += step)
      g.append(s("line", { x1: x, y1: vb[1], x2: x, y2: vb[1] + vb[3], class: x % 1000 ? "minor" : "major" }));
    for (let y = Math.ceil(vb[1] / step) * step; y < vb[1] + vb[3]; y += step)
      g.append(s("line", { x1: vb[0], y1: y, x2: vb[0] + vb[2], y2: y, class: y % 1000 ? "minor" : "major" }));
    svg.append(g);
    if (drawingCustom) { this.renderDrawing(st.custom.points, k); return; }
    if (!pts || pts.length < 3) return;
    const ws = wallsOf(pts);
    this.walls = ws;
    svg.append(s("polygon", { points: pts.map((p) => `${p[0]},${-p[1]}`).join(" "), class: "floor" }));
    const main = this.hooks.mainWall();
    for (const w of ws) {
      const cls = "wall" + (main === w.index ? " main" : "") + (st.main_wall === w.index ? " chosen" : "");
      svg.append(s("line", { x1: w.a[0], y1: -w.a[1], x2: w.b[0], y2: -w.b[1], class: cls, "stroke-width": 160 }));
      svg.append(s("line", { x1: w.a[0], y1: -w.a[1], x2: w.b[0], y2: -w.b[1], class: "wall-hit", "stroke-width": Math.max(500, 24 * k), "data-wall": w.index }));
      // dimension label outside the wall, wall number inside
      const mx = (w.a[0] + w.b[0]) / 2, my = (w.a[1] + w.b[1]) / 2;
      const off = 520 + 6 * k;
      const fs = Math.max(260, 13 * k);
      let ang = (Math.atan2(-w.uy, w.ux) * 180) / Math.PI;
      if (ang > 90) ang -= 180;
      if (ang < -90) ang += 180;
      const lx = mx + w.nx * off, ly = -(my + w.ny * off);
      svg.append(s("text", { x: lx, y: ly, class: "dim", "font-size": fs, transform: `rotate(${ang} ${lx} ${ly})`, "dominant-baseline": "middle" }, `${Math.round(w.length)}`));
      const ix = mx - w.nx * (420 + 8 * k), iy = -(my - w.ny * (420 + 8 * k));
      svg.append(s("circle", { cx: ix, cy: iy, r: Math.max(200, 10 * k), class: "wall-no" + (main === w.index ? " main" : "") }));
      svg.append(s("text", { x: ix, y: iy, class: "wall-no-text", "font-size": Math.max(220, 11 * k), "dominant-baseline": "central" }, String(w.index)));
    }
    if (st.shape === "custom") {
      pts.forEach((p, i) => svg.append(s("circle", { cx: p[0], cy: -p[1], r: Math.max(120, 7 * k), class: "vertex", "data-vertex": i })));
    }
    // items
    const items = [...st.openings.map((o, i) => ["openings", i, o]), ...st.obstacles.map((o, i) => ["obstacles", i, o])];
    for (const [list, i, it] of items) {
      const w = ws[it.wall];
      if (!w) continue;
      const a = [w.a[0] + w.ux * it.offset, w.a[1] + w.uy * it.offset];
      const b = [a[0] + w.ux * it.width, a[1] + w.uy * it.width];
      const kind = list === "openings" ? it.kind : "obstacle";
      const sel = this.selected && this.selected.list === list && this.selected.index === i;
      const inset = kind === "obstacle" ? 220 : 0;
      const ox = -w.nx * inset, oy = -w.ny * inset;
      const grp = s("g", { class: `item ${kind}${sel ? " selected" : ""}` });
      grp.append(s("line", { x1: a[0] + ox, y1: -(a[1] + oy), x2: b[0] + ox, y2: -(b[1] + oy), class: "item-body", "stroke-width": kind === "obstacle" ? 260 : 200, "data-item": `${list}:${i}`, "data-handle": "body" }));
      if (kind === "door") {
        // leaf swing hint, inward
        const r = it.width;
        const hx = a[0], hy = a[1];
        const ex = hx - w.nx * r, ey = hy - w.ny * r;
        grp.append(s("path", { d: `M ${hx} ${-hy} L ${ex} ${-ey} A ${r} ${r} 0 0 ${w.nx * w.uy - w.ny * w.ux > 0 ? 0 : 1} ${b[0]} ${-b[1]}`, class: "swing" }));
      }
      const label = kind === "obstacle" ? it.label : t(kind === "door" ? "item_door" : "item_window");
      const tx = (a[0] + b[0]) / 2 - w.nx * (1250 + 8 * k), ty = -((a[1] + b[1]) / 2 - w.ny * (1250 + 8 * k));
      grp.append(s("text", { x: tx, y: ty, class: "item-label", "font-size": Math.max(220, 11 * k), "dominant-baseline": "middle" }, label));
      if (sel) {
        // distances to both corners, drawn along the wall inside the room
        const d = 380 + 4 * k, fs2 = Math.max(200, 10 * k);
        const pts2 = [[w.a, a, Math.round(it.offset)], [b, w.b, Math.round(w.length - it.offset - it.width)]];
        for (const [p0, p1, v] of pts2) {
          if (v <= 0) continue;
          const q0 = [p0[0] - w.nx * d, p0[1] - w.ny * d], q1 = [p1[0] - w.nx * d, p1[1] - w.ny * d];
          grp.append(s("line", { x1: q0[0], y1: -q0[1], x2: q1[0], y2: -q1[1], class: "sel-dim" }));
          const mx2 = (q0[0] + q1[0]) / 2 - w.nx * fs2 * 0.8, my2 = (q0[1] + q1[1]) / 2 - w.ny * fs2 * 0.8;
          grp.append(s("text", { x: mx2, y: -my2, class: "sel-dim-text", "font-size": fs2, "dominant-baseline": "middle" }, String(v)));
        }
      }
      for (const [h, p] of [["start", a], ["end", b]]) {
        grp.append(s("circle", { cx: p[0] + ox, cy: -(p[1] + oy), r: Math.max(110, 8 * k), class: "handle", "data-item": `${list}:${i}`, "data-handle": h }));
      }
      this.svg.append(grp);
    }
  }

  renderDrawing(points, k) {
    const svg = this.svg;
    if (points.length > 1)
      svg.append(s("polyline", { points: points.map((p) => `${p[0]},${-p[1]}`).join(" "), class: "draft" }));
    points.forEach((p, i) => {
      svg.append(s("circle", { cx: p[0], cy: -p[1], r: Math.max(120, 7 * k), class: "vertex" + (i === 0 ? " first" : ""), "data-vertex": i }));
      if (i > 0) {
        const q = points[i - 1];
        const len = Math.round(Math.hypot(p[0] - q[0], p[1] - q[1]));
        svg.append(s("text", { x: (p[0] + q[0]) / 2, y: -(p[1] + q[1]) / 2 - 200, class: "dim", "font-size": Math.max(260, 13 * k) }, String(len)));
      }
    });
    this.cursor = s("circle", { r: Math.max(80, 5 * k), class: "cursor", cx: -1e6, cy: -1e6 });
    svg.append(this.cursor);
  }

  // ------------------------------------------------------------------ interaction
  down(e) {
    const st = this.hooks.state();
    const p = this.toRoom(e);
    const target = e.target;
    if (st.shape === "custom" && !st.custom.closed) {
      const sp = [snap(p[0]), snap(p[1])];
      const pts = st.custom.points;
      if (pts.length >= 3 && Math.hypot(sp[0] - pts[0][0], sp[1] - pts[0][1]) < Math.max(SNAP * 2, 12 * this.scale)) {
        st.custom.closed = true;
      } else if (!pts.length || sp[0] !== pts[pts.length - 1][0] || sp[1] !== pts[pts.length - 1][1]) {
        pts.push(sp);
      }
      this.hooks.onEdit("outline");
      return;
    }
    if (target.dataset.vertex !== undefined && st.shape === "custom") {
      this.drag = { type: "vertex", index: +target.dataset.vertex };
      this.svg.setPointerCapture(e.pointerId);
      return;
    }
    if (target.dataset.item) {
      const [list, idx] = target.dataset.item.split(":");
      this.select({ list, index: +idx });
      const it = st[list][+idx];
      const w = this.walls[it.wall];
      const { t: at } = project(w, p);
      this.drag = { type: target.dataset.handle, list, index: +idx, grab: at - it.offset, moved: false };
      this.svg.setPointerCapture(e.pointerId);
      e.preventDefault();
      return;
    }
    const hit = this.walls ? nearestWall(this.walls, p) : null;
    const onWall = target.dataset.wall !== undefined || (hit && hit.d < Math.max(400, 20 * this.scale));
    if (!onWall || !hit) { this.select(null); return; }
    const w = target.dataset.wall !== undefined ? this.walls[+target.dataset.wall] : hit.wall;
    const at = project(w, p).t;
    if (this.tool === "mainwall") {
      st.main_wall = w.index;
      this.hooks.onEdit("main_wall");
      return;
    }
    if (this.tool === "select") return;
    this.addItem(w, at);
  }

  addItem(w, at) {
    const st = this.hooks.state();
    const [kind, label] = this.tool.split(":");
    const width = Math.min(DEFAULT_WIDTH[label || kind], Math.floor(w.length - 100));
    let offset = Math.round(Math.min(Math.max(at - width / 2, 0), w.length - width) / 10) * 10;
    if (kind === "door" || kind === "window") {
      const o = { kind, wall: w.index, offset, width, height: kind === "door" ? 2100 : 1500 };
      if (kind === "window") o.sill = 900;
      st.openings.push(o);
      this.select({ list: "openings", index: st.openings.length - 1 }, true);
    } else {
      const [bottom, top, depth] = OBSTACLE_HEIGHTS[label];
      st.obstacles.push({ wall: w.index, offset, width, bottom, top: top === null ? st.height : top, depth, label });
      this.select({ list: "obstacles", index: st.obstacles.length - 1 }, true);
    }
    this.hooks.onEdit("items");
  }

  select(sel, silent) {
    this.selected = sel;
    this.hooks.onSelect(sel);
    if (!silent) this.render();
  }

  move(e) {
    const st = this.hooks.state();
    const p = this.toRoom(e);
    if (st.shape === "custom" && !st.custom.closed && this.cursor) {
      this.cursor.setAttribute("cx", snap(p[0]));
      this.cursor.setAttribute("cy", -snap(p[1]));
      return;
    }
    if (!this.drag) return;
    if (this.drag.type === "vertex") {
      st.custom.points[this.drag.index] = [snap(p[0]), snap(p[1])];
      this.drag.moved = true;
      this.hooks.onEdit("outline", true);
      return;
    }
    const it = st[this.drag.list][this.drag.index];
    const w = this.walls[it.wall];
    const at = Math.min(Math.max(project(w, p).t, 0), w.length);
    const r10 = (v) => Math.round(v / 10) * 10;
    if (this.drag.type === "body") {
      it.offset = r10(Math.min(Math.max(at - this.drag.grab, 0), w.length - it.width));
    } else if (this.drag.type === "start") {
      const end = it.offset + it.width;
      const start = r10(Math.min(at, end - 100));
      it.offset = Math.max(0, start);
      it.width = end - it.offset;
    } else if (this.drag.type === "end") {
      it.width = Math.max(100, r10(Math.min(at, w.length) - it.offset));
    }
    this.drag.moved = true;
    this.showReadout(e, it, w);
    this.hooks.onEdit("items", true);
  }

  up(e) {
    if (!this.drag) return;
    const { moved, type } = this.drag;
    this.drag = null;
    this.hideReadout();
    if (moved) this.hooks.onEdit(type === "vertex" ? "outline" : "items");
  }

  showReadout(e, it, w) {
    const a = Math.round(it.offset), b = Math.round(w.length - it.offset - it.width);
    this.readout.textContent = t("dist_ends", { a, b }) + ` · ${t("f_item_width")} ${Math.round(it.width)} mm`;
    const r = this.svg.getBoundingClientRect();
    this.readout.style.left = `${Math.min(e.clientX - r.left + 14, r.width - 220)}px`;
    this.readout.style.top = `${e.clientY - r.top + 14}px`;
    this.readout.hidden = false;
  }

  hideReadout() { this.readout.hidden = true; }
}
