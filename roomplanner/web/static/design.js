// 设计 page: the editor state, the spec it makes, the live result.
// The server is the authority on every rule; the checks here are conveniences that catch a
// typing slip (a negative width) before asking it.

import { rectOutline, lOutline, turtleOutline, walls as wallsOf, area } from "./geometry.js";
import { RoomCanvas } from "./canvas.js";
import { t, el, getLang, setLang, applyWords } from "./i18n.js";
import { renderContent, renderBoardStatus } from "./content.js";
import { renderResult, renderProblem, showTab, currentTab } from "./result.js";
import { showModel } from "./view3d-tab.js";

const DRAFT_KEY = "roomplanner.draft.v1";

export function defaultState() {
  return {
    shape: "rect",
    rect: { length: 9000, width: 6000 },
    l: { length: 10000, width: 8000, corner: "ne", cutLength: 4000, cutWidth: 3000 },
    custom: { points: [[0, 0], [9000, 0], [9000, 6000], [0, 6000]], closed: true },
    turtle: [{ length: 9000, turn: "left" }, { length: 6000, turn: "left" }, { length: 9000, turn: "left" }, { length: 6000, turn: "left" }],
    height: 3000,
    openings: [{ kind: "door", wall: 0, offset: 7600, width: 1000, height: 2100 }],
    obstacles: [],
    branch: { name: "", type: "general", members: 20, full_members: null },
    main_wall: "auto",
    options: { flag_size: "auto", oath_position: "profile", passage_width: 900, behind_chair: 600, material: "KT板" },
    date: "",
    emblem: "", // "artwork/<name>": the official emblem artwork (the file itself is not kept in the draft)
    content: { committee: [], honors: [], members: [], rules: [], overview: "", activities: "", activity_day: null, plaque_text: "", boards: {} },
  };
}

let state = loadDraft() || defaultState();
let profiles = [];
let lastResult = null;
let lastPlanMainWall = null;
const photos = new Map(); // "photos/<name>" and "artwork/<name>" (the emblem) -> File (never stored in the draft)
let inflight = null;
let timer = null;

function loadDraft() {
  try {
    const raw = localStorage.getItem(DRAFT_KEY);
    if (!raw) return null;
    const d = JSON.parse(raw);
    return Object.assign(defaultState(), d);
  } catch { return null; }
}

function saveDraft() {
  try { localStorage.setItem(DRAFT_KEY, JSON.stringify(state)); } catch { /* quota: the draft is a convenience */ }
}

// ---------------------------------------------------------------------------- the spec
export function outline() {
  if (state.shape === "rect") return rectOutline(state.rect.length, state.rect.width);
  if (state.shape === "l") return lOutline(state.l.length, state.l.width, state.l.corner, state.l.cutLength, state.l.cutWidth);
  return state.custom.points;
}

// The outline the editor draws: the last one whose sizes make sense (a negative width being
// typed must not flip the drawing; the field shows the error instead).
let lastGoodOutline = null;
function shapeSizesOk() {
  const pos = (...v) => v.every((x) => typeof x === "number" && Number.isFinite(x) && x > 0);
  if (state.shape === "rect") return pos(state.rect.length, state.rect.width);
  if (state.shape === "l") return pos(state.l.length, state.l.width, state.l.cutLength, state.l.cutWidth) && state.l.cutLength < state.l.length && state.l.cutWidth < state.l.width;
  return true;
}
export function drawnOutline() {
  if (shapeSizesOk() || !lastGoodOutline) lastGoodOutline = outline();
  return lastGoodOutline;
}

// After the outline changed: drop items on walls that are gone, pull the others back onto
// their (maybe shorter) wall. Run when an edit is finished, never per keystroke.
function fitItems() {
  if (!shapeSizesOk() || (state.shape === "custom" && !state.custom.closed)) return;
  const ws = wallsOf(outline());
  const fit = (it) => {
    const w = ws[it.wall];
    if (!w) return false;
    const L = Math.floor(w.length);
    it.width = Math.min(it.width, Math.max(100, L - 100));
    it.offset = Math.max(0, Math.min(it.offset, L - it.width));
    return true;
  };
  state.openings = state.openings.filter(fit);
  state.obstacles = state.obstacles.filter(fit);
  if (typeof state.main_wall === "number" && state.main_wall >= ws.length) state.main_wall = "auto";
}

function clean(obj) {
  const out = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === null || v === undefined || v === "") continue;
    if (Array.isArray(v) && !v.length) continue;
    out[k] = v;
  }
  return out;
}

export function buildSpec() {
  const c = state.content;
  const content = clean({
    committee: c.committee.filter((r) => r.name || r.role),
    honors: c.honors.filter((h) => h.name || h.honour).map((h) => clean(h)),
    members: c.members.filter((m) => m.name).map((m) => clean(m)),
    rules: c.rules.filter((r) => r.trim()),
    overview: c.overview, activities: c.activities, plaque_text: c.plaque_text,
    activity_day: c.activity_day,
    boards: Object.fromEntries(Object.entries(c.boards || {}).filter(([, b]) => b && (b.text || b.title)).map(([k, b]) => [k, clean(b)])),
  });
  if (content.boards && !Object.keys(content.boards).length) delete content.boards;
  const spec = {
    branch: clean({ name: state.branch.name.trim() || t("placeholder_name"), type: state.branch.type, members: state.branch.members, full_members: state.branch.full_members }),
    room: { outline: outline(), height: state.height, openings: state.openings.map((o) => clean(o)), obstacles: state.obstacles.map((o) => clean(o)) },
    main_wall: state.main_wall,
    options: clean({ ...state.options, lang: getLang() }),
  };
  if (Object.keys(content).length) spec.content = content;
  if (state.date) spec.date = state.date;
  if (state.emblem) spec.emblem = state.emblem;
  return spec;
}

// ---------------------------------------------------------------------------- form checks
const NUMBER_FIELDS = [
  // id, getter, setter, {min, max, integer}
  ["rect-length", () => state.rect.length, (v) => (state.rect.length = v), { min: 300, max: 100000 }],
  ["rect-width", () => state.rect.width, (v) => (state.rect.width = v), { min: 300, max: 100000 }],
  ["l-length", () => state.l.length, (v) => (state.l.length = v), { min: 600, max: 100000 }],
  ["l-width", () => state.l.width, (v) => (state.l.width = v), { min: 600, max: 100000 }],
  ["l-cut-length", () => state.l.cutLength, (v) => (state.l.cutLength = v), { min: 300, max: 100000 }],
  ["l-cut-width", () => state.l.cutWidth, (v) => (state.l.cutWidth = v), { min: 300, max: 100000 }],
  ["room-height", () => state.height, (v) => (state.height = v), { min: 2000, max: 20000 }],
  ["branch-members", () => state.branch.members, (v) => (state.branch.members = v), { min: 1, max: 10000, integer: true }],
  ["branch-full", () => state.branch.full_members, (v) => (state.branch.full_members = v), { min: 0, max: 10000, integer: true, optional: true }],
  ["opt-passage", () => state.options.passage_width, (v) => (state.options.passage_width = v), { min: 600, max: 3000 }],
  ["opt-behind", () => state.options.behind_chair, (v) => (state.options.behind_chair = v), { min: 300, max: 2000 }],
];

function fieldError(input, message) {
  let slot = input.closest("label")?.nextElementSibling;
  if (!slot || !slot.classList.contains("field-error")) {
    slot = el("div", { class: "field-error", role: "alert" });
    (input.closest("label") || input).after(slot);
  }
  slot.textContent = message;
  slot.hidden = !message;
  input.classList.toggle("invalid", !!message);
  input.setAttribute("aria-invalid", message ? "true" : "false");
}

function clearErrors() {
  for (const e of document.querySelectorAll(".field-error.server")) e.remove();
  for (const i of document.querySelectorAll("input.server-invalid, select.server-invalid")) i.classList.remove("server-invalid");
  const g = document.getElementById("general-errors");
  g.hidden = true; g.textContent = "";
}

function checkNumber(input, v, rule) {
  if (input.value.trim() === "" || Number.isNaN(v)) return rule.optional && input.value.trim() === "" ? "" : t("err_required");
  if (rule.min > 0 && v <= 0) return t("err_positive");
  if (rule.integer && !Number.isInteger(v)) return t("err_integer");
  if (v < rule.min) return t("err_min", { min: rule.min });
  if (v > rule.max) return t("err_max", { max: rule.max });
  return "";
}

function localProblems() {
  let n = 0;
  for (const [id, , , rule] of NUMBER_FIELDS) {
    const input = document.getElementById(id);
    if (!input || input.closest("[hidden]")) continue;
    const msg = checkNumber(input, input.valueAsNumber, rule);
    fieldError(input, msg);
    if (msg) n++;
  }
  if (state.shape === "l") {
    const bad = state.l.cutLength >= state.l.length || state.l.cutWidth >= state.l.width;
    fieldError(document.getElementById("l-cut-width"), bad ? t("err_cut") : "");
    if (bad) n++;
  }
  const full = document.getElementById("branch-full");
  if (state.branch.full_members != null && state.branch.full_members > state.branch.members) {
    fieldError(full, t("err_full_members")); n++;
  }
  const outlineSlot = document.querySelector('[data-path="room.outline"]');
  const open = state.shape === "custom" && !state.custom.closed;
  outlineSlot.replaceChildren(...(open ? [el("div", { class: "field-error", text: t("err_custom_open") })] : []));
  if (open) n++;
  return n;
}

// ---------------------------------------------------------------------------- server errors
function showServerErrors(errors) {
  const general = document.getElementById("general-errors");
  const unplaced = [];
  for (const e of errors) {
    const target = findField(e.path);
    if (target) {
      const slot = el("div", { class: "field-error server", role: "alert", text: e.message, "data-error-path": e.path });
      if (target.matches("input, select, textarea")) { target.classList.add("server-invalid"); (target.closest("label") || target).after(slot); }
      else target.append(slot);
    } else unplaced.push(e);
  }
  if (unplaced.length) {
    general.hidden = false;
    general.replaceChildren(...unplaced.map((e) => el("div", { class: "field-error server", "data-error-path": e.path },
      e.path ? el("code", { text: e.path }) : null, e.path ? " " : null, e.message)));
  }
}

function findField(path) {
  if (!path) return null;
  let p = path;
  while (p) {
    const f = document.querySelector(`[data-path="${CSS.escape(p)}"]`);
    if (f && !f.closest("[hidden]")) return f;
    const cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
    if (cut <= 0) break;
    p = p.slice(0, cut);
  }
  if (path.startsWith("room.outline")) return document.querySelector('[data-path="room.outline"]');
  return null;
}

// ---------------------------------------------------------------------------- requests
function setVerdict(kind, text) {
  // an older result stays visible but greyed while the input is wrong or being recomputed
  document.querySelector(".result").classList.toggle("stale", kind !== "pass" && kind !== "fail");
  const v = document.getElementById("verdict");
  v.dataset.state = kind;
  document.getElementById("verdict-text").textContent = text;
}

function formWithSpec(spec) {
  const fd = new FormData();
  fd.append("spec", new Blob([JSON.stringify(spec)], { type: "application/json" }), "spec.json");
  for (const [path, file] of photos) if (path.startsWith("photos/") && JSON.stringify(spec.content || {}).includes(JSON.stringify(path))) fd.append("photos", file, path.slice("photos/".length));
  if (spec.emblem && photos.has(spec.emblem)) fd.append("emblem", photos.get(spec.emblem), spec.emblem.slice("artwork/".length));
  return fd;
}

export function schedule(delay = 450) {
  saveDraft();
  clearTimeout(timer);
  timer = setTimeout(refresh, delay);
}

let doneCount = 0;
function done() { document.body.dataset.done = String(++doneCount); } // for tests and screen readers: a result is shown

export async function refresh() {
  try { await refreshInner(); } finally { done(); }
}

async function refreshInner() {
  clearTimeout(timer);
  if (inflight) inflight.abort(); // a newer edit cancels the older request
  clearErrors();
  const n = localProblems();
  if (n) { setVerdict("invalid", t("verdict_invalid", { n })); return; }
  const spec = buildSpec();
  const ctrl = new AbortController();
  inflight = ctrl;
  setVerdict("working", t("working"));
  const tab = currentTab();
  const include = tab === "boards" ? "boards" : tab === "elevations" ? "elevations" : "";
  let res, body;
  try {
    res = await fetch(`/api/plan?lang=${getLang()}&include=${include}`, { method: "POST", body: formWithSpec(spec), signal: ctrl.signal });
    body = await res.json();
  } catch (err) {
    if (ctrl.signal.aborted) return;
    setVerdict("error", t("verdict_offline"));
    return;
  }
  if (inflight !== ctrl) return;
  inflight = null;
  document.body.dataset.result = String(res.status);
  if (res.status === 200) {
    lastResult = body;
    lastPlanMainWall = body.plan.main_wall;
    const rep = body.report;
    const failReq = rep.counts.fail_required;
    let text = failReq ? t("verdict_fail", { n: failReq }) : t("verdict_pass");
    if (rep.counts.review) text += t("verdict_review", { n: rep.counts.review });
    setVerdict(failReq ? "fail" : "pass", text);
    renderResult(body);
    if (tab === "view3d") showModel(formWithSpec(spec), getLang());
    renderBoardStatus(body.boards);
    canvas.render();
    fillMainWallSelect();
  } else if (res.status === 422) {
    setVerdict("invalid", t("verdict_invalid", { n: (body.errors || []).length }));
    showServerErrors(body.errors || [{ path: "", message: body.message }]);
  } else if (res.status === 409) {
    setVerdict("infeasible", t("verdict_infeasible"));
    renderProblem(body, applyPatch);
  } else if (res.status !== 499) {
    setVerdict("error", t("verdict_error", { msg: body.message || res.status }));
  }
}

function applyPatch(patch) {
  if ("main_wall" in patch) state.main_wall = patch.main_wall;
  if (patch.options) Object.assign(state.options, patch.options);
  if (patch.branch) Object.assign(state.branch, patch.branch);
  if (patch.room && patch.room.height) state.height = patch.room.height;
  fillForms();
  refresh();
}

// ---------------------------------------------------------------------------- forms
const canvas = new RoomCanvas(document.getElementById("room-canvas"), document.getElementById("drag-readout"), {
  state: () => state,
  outline: drawnOutline,
  mainWall: () => (state.main_wall === "auto" ? lastPlanMainWall : state.main_wall),
  onSelect: (sel) => renderItemPanel(sel),
  onEdit: (what, dragging) => {
    if (what === "outline") { lastPlanMainWall = null; if (!dragging) fitItems(); fillForms(); }
    if (what === "main_wall") { fillMainWallSelect(); canvas.setTool("select"); markTool(); }
    if (what === "items") { renderItemList(); if (!dragging) { canvas.setTool("select"); markTool(); } renderItemPanel(canvas.selected); }
    canvas.render();
    schedule(dragging ? 700 : 350);
  },
});

function bindNumber(id, get, set) {
  const input = document.getElementById(id);
  input.value = get() ?? "";
  if (/^(rect|l)-/.test(id)) input.addEventListener("change", () => { fitItems(); renderItemList(); canvas.render(); schedule(); });
  input.addEventListener("input", () => {
    if (/^(rect|l)-/.test(id)) lastPlanMainWall = null;   // the old main wall may not exist any more
    const v = input.value.trim() === "" ? null : input.valueAsNumber;
    set(Number.isNaN(v) ? null : v);
    canvas.render(); roomStats(); fillMainWallSelect();
    schedule();
  });
}

function fillForms() {
  for (const [id, get] of NUMBER_FIELDS) { const i = document.getElementById(id); if (i && document.activeElement !== i) i.value = get() ?? ""; }
  document.getElementById("l-corner").value = state.l.corner;
  document.getElementById("branch-name").value = state.branch.name;
  document.getElementById("branch-type").value = state.branch.type;
  document.getElementById("flag-size").value = String(state.options.flag_size);
  document.getElementById("oath-position").value = state.options.oath_position;
  document.getElementById("opt-material").value = state.options.material || "";
  document.getElementById("spec-date").value = state.date || "";
  for (const b of document.querySelectorAll(".shape-tabs .tab")) b.classList.toggle("active", b.dataset.shape === state.shape);
  for (const f of document.querySelectorAll(".shape-form")) f.hidden = f.dataset.for !== state.shape;
  fillMainWallSelect();
  roomStats();
  renderTurtle();
  renderItemList();
  renderProfileInfo();
  renderContent(state, photos, schedule);
  canvas.render();
}

function roomStats() {
  const pts = outline();
  const box = document.getElementById("room-stats");
  if (!pts || pts.length < 3 || (state.shape === "custom" && !state.custom.closed)) { box.textContent = ""; return; }
  box.textContent = t("room_stats", { area: area(pts).toFixed(2), n: pts.length });
}

function fillMainWallSelect() {
  const sel = document.getElementById("main-wall");
  const pts = outline();
  const ws = pts && pts.length >= 3 ? wallsOf(pts) : [];
  sel.replaceChildren(el("option", { value: "auto", text: t("main_auto") + (lastPlanMainWall != null && state.main_wall === "auto" ? ` → ${t("on_wall", { n: lastPlanMainWall })}` : "") }),
    ...ws.map((w) => el("option", { value: String(w.index), text: t("wall_n", { n: w.index, len: Math.round(w.length) }) })));
  sel.value = String(state.main_wall);
}

function renderTurtle() {
  const body = document.getElementById("turtle-rows");
  body.replaceChildren(...state.turtle.map((row, i) => el("tr", {},
    el("td", { text: `${i}` }),
    el("td", {}, el("input", { type: "number", step: "100", value: row.length, "aria-label": t("f_length"), oninput: (e) => { row.length = e.target.valueAsNumber; saveDraft(); } }), " mm"),
    el("td", {}, (() => {
      const s = el("select", { onchange: (e) => { row.turn = e.target.value; saveDraft(); } },
        el("option", { value: "left", text: t("turn_left") }), el("option", { value: "right", text: t("turn_right") }));
      s.value = row.turn; return s;
    })()),
    el("td", {}, el("button", { class: "btn small", text: t("c_remove"), onclick: () => { state.turtle.splice(i, 1); renderTurtle(); } })))));
}

function itemName(list, it) {
  if (list === "obstacles") return it.label;
  return t(it.kind === "door" ? "item_door" : "item_window");
}

function renderItemList() {
  const ul = document.getElementById("item-list");
  const rows = [];
  state.openings.forEach((o, i) => rows.push(["openings", i, o]));
  state.obstacles.forEach((o, i) => rows.push(["obstacles", i, o]));
  ul.replaceChildren(...rows.map(([list, i, it]) => el("li", { class: canvas.selected && canvas.selected.list === list && canvas.selected.index === i ? "selected" : "" },
    el("button", { class: "linklike", "data-path": `room.${list}[${i}]`, onclick: () => canvas.select({ list, index: i }) },
      `${itemName(list, it)} · ${t("on_wall", { n: it.wall })} · ${Math.round(it.offset)}–${Math.round(it.offset + it.width)} mm`))));
}

function renderItemPanel(sel) {
  const panel = document.getElementById("item-panel");
  renderItemList();
  if (!sel || !state[sel.list][sel.index]) { panel.hidden = true; panel.replaceChildren(); return; }
  const it = state[sel.list][sel.index];
  const base = `room.${sel.list}[${sel.index}]`;
  const pts = outline();
  const ws = wallsOf(pts);
  const num = (key, label, opts = {}) => el("label", {}, el("span", { text: t(label) }), " ",
    el("input", { type: "number", step: opts.step || 10, value: it[key] ?? "", "data-path": `${base}.${key}`, "data-field": key,
      oninput: (e) => { const v = e.target.valueAsNumber; if (Number.isNaN(v)) { if (opts.optional) delete it[key]; } else it[key] = v; canvas.render(); renderItemList(); schedule(); } }), " mm");
  const wallSel = el("select", { "data-path": `${base}.wall`, onchange: (e) => { it.wall = +e.target.value; it.offset = Math.min(it.offset, Math.max(0, ws[it.wall].length - it.width)); renderItemPanel(sel); canvas.render(); schedule(); } },
    ...ws.map((w) => el("option", { value: w.index, text: t("wall_n", { n: w.index, len: Math.round(w.length) }) })));
  wallSel.value = String(it.wall);
  const fields = [el("label", {}, el("span", { text: t("f_wall") }), " ", wallSel), num("offset", "f_offset"), num("width", "f_item_width")];
  if (sel.list === "openings") {
    fields.push(num("height", "f_item_height"));
    if (it.kind === "window") fields.push(num("sill", "f_sill", { optional: true }));
    else {
      const sw = el("select", { "data-path": `${base}.swing`, onchange: (e) => { it.swing = e.target.value; schedule(); } },
        el("option", { value: "in", text: t("swing_in") }), el("option", { value: "out", text: t("swing_out") }));
      sw.value = it.swing || "in";
      fields.push(el("label", {}, el("span", { text: t("f_swing") }), " ", sw));
      fields.push(el("label", { class: "check" }, el("input", { type: "checkbox", checked: it.entrance ? true : null, "data-path": `${base}.entrance`,
        onchange: (e) => { for (const o of state.openings) delete o.entrance; if (e.target.checked) it.entrance = true; schedule(); } }), " ", t("f_entrance")));
    }
  } else {
    fields.push(num("bottom", "f_bottom"), num("top", "f_top"), num("depth", "f_depth"));
    fields.push(el("label", {}, el("span", { text: t("f_label") }), " ", el("input", { type: "text", maxlength: 40, value: it.label, "data-path": `${base}.label`,
      oninput: (e) => { it.label = e.target.value; canvas.render(); renderItemList(); schedule(); } })));
  }
  const w = ws[it.wall];
  const dist = w ? t("dist_ends", { a: Math.round(it.offset), b: Math.round(w.length - it.offset - it.width) }) : "";
  panel.replaceChildren(
    el("div", { class: "item-head" }, el("strong", { text: `${itemName(sel.list, it)} · ${t("on_wall", { n: it.wall })}` }), " ", el("span", { class: "hint", text: dist }),
      el("button", { class: "btn small danger", text: t("delete"), onclick: () => { state[sel.list].splice(sel.index, 1); canvas.select(null); renderItemList(); schedule(); } })),
    el("p", { class: "hint", text: t("selected_hint") }),
    el("div", { class: "fields", "data-path": base }, ...fields));
  panel.hidden = false;
}

function renderProfileInfo() {
  const box = document.getElementById("profile-info");
  const p = profiles.find((x) => x.id === state.branch.type);
  if (!p) { box.replaceChildren(); return; }
  const en = getLang() === "en";
  const a = p.area;
  let areaText;
  if (a.kind === "tiered") areaText = a.tiers.map((tr) => t(tr.max_members ? "area_tier" : "area_tier_open", { min: tr.min_members, max: tr.max_members, area: tr.min_area })).join(en ? "; " : "；");
  else if (a.kind === "per_member") areaText = t("area_per_member", { a: a.per_member }) + (a.minimum ? `, ${t("area_minimum", { a: a.minimum })}` : "");
  else if (a.kind === "minimum") areaText = t("area_minimum", { a: a.minimum });
  else areaText = t("area_none");
  const pos = t(p.oath_position === "below" ? "oath_below_w" : "oath_beside_w");
  // the profile's default, shown in the choice itself
  const opt = document.querySelector('#oath-position option[value="profile"]');
  if (opt) opt.textContent = `${t("oath_profile")}（${t(p.oath_position === "below" ? "oath_below" : "oath_beside")}）`;
  box.replaceChildren(
    el("div", { text: t("profile_area", { text: areaText }) }),
    el("div", { text: t("profile_oath", { pos }) }),
    el("div", { class: "docs", text: t("profile_docs", { docs: p.documents.map((d) => d.split(": ").slice(1).join(": ") || d).join("；") }) }));
}

function markTool() {
  for (const b of document.querySelectorAll("#toolbar .tool")) b.classList.toggle("active", b.dataset.tool === canvas.tool);
}

// ---------------------------------------------------------------------------- state from a spec
export function stateFromSpec(spec) {
  const s = defaultState();
  const pts = (spec.room && spec.room.outline) || s.custom.points;
  const r = pts.length === 4 && pts[0][0] === 0 && pts[0][1] === 0 && pts[1][1] === 0 && pts[2][0] === pts[1][0] && pts[3][0] === 0 && pts[3][1] === pts[2][1];
  if (r) { s.shape = "rect"; s.rect = { length: pts[1][0], width: pts[2][1] }; }
  else { s.shape = "custom"; s.custom = { points: pts.map((p) => [p[0], p[1]]), closed: true }; }
  s.height = spec.room?.height ?? s.height;
  s.openings = (spec.room?.openings || []).map((o) => ({ ...o }));
  s.obstacles = (spec.room?.obstacles || []).map((o) => ({ ...o }));
  s.branch = { name: spec.branch?.name || "", type: spec.branch?.type || "general", members: spec.branch?.members ?? 20, full_members: spec.branch?.full_members ?? null };
  s.main_wall = spec.main_wall ?? "auto";
  s.options = { ...s.options, ...(spec.options || {}) };
  delete s.options.lang;
  s.date = spec.date || "";
  s.emblem = typeof spec.emblem === "string" ? spec.emblem : "";
  const c = spec.content || {};
  s.content = { ...s.content, ...c, committee: c.committee || [], honors: c.honors || [], members: c.members || [], rules: c.rules || [], boards: c.boards || {} };
  return s;
}

async function openFile(file) {
  const fd = new FormData();
  fd.append("file", file, file.name);
  const res = await fetch(`/api/open?lang=${getLang()}`, { method: "POST", body: fd });
  const body = await res.json();
  if (!res.ok) { clearErrors(); showServerErrors(body.errors || [{ path: "", message: body.message }]); setVerdict("invalid", body.message || ""); return; }
  state = stateFromSpec(body.spec);
  photos.clear();
  for (const [path, url] of Object.entries(body.photos || {})) {
    const blob = await (await fetch(url)).blob();
    photos.set(path, new File([blob], path.slice("photos/".length), { type: blob.type }));
  }
  if (body.emblem) { // a pack's artwork/emblem.<ext>, which its plan.json names
    const blob = await (await fetch(body.emblem.data)).blob();
    photos.set(body.emblem.path, new File([blob], body.emblem.path.slice("artwork/".length), { type: blob.type }));
  }
  canvas.select(null, true);
  fillForms();
  refresh();
}

async function downloadZip() {
  if (localProblems()) return;
  const btn = document.getElementById("btn-zip");
  btn.disabled = true;
  setVerdict("working", t("downloading"));
  try {
    const res = await fetch(`/api/pack?lang=${getLang()}`, { method: "POST", body: formWithSpec(buildSpec()) });
    if (!res.ok) { const body = await res.json(); setVerdict("error", t("verdict_error", { msg: body.message })); if (body.errors) showServerErrors(body.errors); return; }
    save(await res.blob(), "roomplanner-pack.zip");
    refresh();
  } finally { btn.disabled = false; }
}

function save(blob, name) {
  const a = el("a", { href: URL.createObjectURL(blob), download: name });
  document.body.append(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

// ---------------------------------------------------------------------------- wiring
async function init() {
  applyWords(document);
  document.documentElement.lang = getLang() === "en" ? "en" : "zh-CN";
  try { profiles = await (await fetch(`/api/profiles?lang=${getLang()}`)).json(); } catch { profiles = []; }
  const typeSel = document.getElementById("branch-type");
  const names = () => profiles.map((p) => el("option", { value: p.id, text: getLang() === "en" ? p.name_en : p.name }));
  typeSel.replaceChildren(...names());
  for (const [id, get, set] of NUMBER_FIELDS) bindNumber(id, get, set);
  document.getElementById("l-corner").addEventListener("change", (e) => { state.l.corner = e.target.value; canvas.render(); schedule(); });
  document.getElementById("branch-name").addEventListener("input", (e) => { state.branch.name = e.target.value; schedule(); });
  typeSel.addEventListener("change", (e) => { state.branch.type = e.target.value; renderProfileInfo(); schedule(); });
  document.getElementById("main-wall").addEventListener("change", (e) => { state.main_wall = e.target.value === "auto" ? "auto" : +e.target.value; canvas.render(); schedule(); });
  document.getElementById("flag-size").addEventListener("change", (e) => { state.options.flag_size = e.target.value === "auto" ? "auto" : +e.target.value; schedule(); });
  document.getElementById("oath-position").addEventListener("change", (e) => { state.options.oath_position = e.target.value; schedule(); });
  document.getElementById("opt-material").addEventListener("input", (e) => { state.options.material = e.target.value; schedule(); });
  document.getElementById("spec-date").addEventListener("change", (e) => { state.date = e.target.value; schedule(); });
  for (const b of document.querySelectorAll(".shape-tabs .tab")) b.addEventListener("click", () => {
    if (b.dataset.shape === "custom" && state.shape !== "custom") state.custom = { points: outline().map((p) => [p[0], p[1]]), closed: true };
    state.shape = b.dataset.shape;
    lastPlanMainWall = null;
    fitItems();
    canvas.select(null, true);
    fillForms(); schedule(200);
  });
  document.getElementById("custom-redraw").addEventListener("click", () => { state.custom = { points: [], closed: false }; state.openings = []; state.obstacles = []; state.main_wall = "auto"; fillForms(); });
  document.getElementById("custom-undo").addEventListener("click", () => { state.custom.points.pop(); state.custom.closed = false; fillForms(); });
  document.getElementById("turtle-add").addEventListener("click", () => { state.turtle.push({ length: 3000, turn: "left" }); renderTurtle(); });
  document.getElementById("turtle-apply").addEventListener("click", () => {
    const { points, error } = turtleOutline(state.turtle);
    const box = document.getElementById("turtle-error");
    if (error) { box.hidden = false; box.textContent = error.key === "err_not_closed" ? t("err_not_closed", { x: error.gap[0], y: error.gap[1] }) : t(error.key, { n: error.index }); return; }
    box.hidden = true;
    state.custom = { points, closed: true };
    fitItems();
    fillForms(); schedule(200);
  });
  for (const b of document.querySelectorAll("#toolbar .tool")) b.addEventListener("click", () => { canvas.setTool(b.dataset.tool); markTool(); });
  for (const b of document.querySelectorAll(".result-tabs .rtab")) b.addEventListener("click", () => {
    showTab(b.dataset.tab);
    if (b.dataset.tab === "view3d") { showModel(formWithSpec(buildSpec()), getLang()); return; }
    if (!lastResult) return;
    if ((b.dataset.tab === "boards" && !lastResult.boards.some((x) => x.svg)) || (b.dataset.tab === "elevations" && !lastResult.drawings.elevations)) refresh();
  });
  document.getElementById("btn-lang").addEventListener("click", () => {
    setLang(getLang() === "en" ? "zh" : "en");
    typeSel.replaceChildren(...names());
    fillForms(); refresh();
  });
  document.getElementById("btn-new").addEventListener("click", () => {
    if (!confirm(t("confirm_new"))) return;
    state = defaultState(); photos.clear(); canvas.select(null, true); lastPlanMainWall = null; fillForms(); refresh();
  });
  document.getElementById("btn-spec").addEventListener("click", () => save(new Blob([JSON.stringify(buildSpec(), null, 2) + "\n"], { type: "application/json" }), "roomplanner-spec.json"));
  document.getElementById("btn-zip").addEventListener("click", downloadZip);
  document.getElementById("open-file").addEventListener("change", (e) => { const f = e.target.files[0]; if (f) openFile(f); e.target.value = ""; });
  window.addEventListener("resize", () => canvas.render());
  document.addEventListener("keydown", (e) => {
    if (e.target.closest && e.target.closest("input, textarea, select")) return;
    if (e.key === "Escape") { canvas.setTool("select"); markTool(); canvas.select(null); }
    if ((e.key === "Delete" || e.key === "Backspace") && canvas.selected) {
      state[canvas.selected.list].splice(canvas.selected.index, 1);
      canvas.select(null); renderItemList(); schedule();
      e.preventDefault();
    }
  });
  canvas.setTool("select"); markTool();
  fillForms();
  refresh();
}

init();
