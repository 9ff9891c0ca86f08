// The content forms (图板内容): what only the branch can provide, and which boards still
// print 待填写. The status list comes from the server (the board composer's own reading).

import { t, el } from "./i18n.js";

let lastBoards = [];

export function renderBoardStatus(boards) {
  lastBoards = boards || [];
  const ul = document.getElementById("board-status");
  if (!lastBoards.length) { ul.replaceChildren(el("li", { class: "hint", text: t("no_boards_yet") })); return; }
  ul.replaceChildren(...lastBoards.map((b) => {
    const cls = b.status === "placeholder" ? "todo" : b.status === "unverified" ? "check" : b.status === "ok" ? "ok" : "error";
    const badge = t(b.status === "placeholder" ? "board_placeholder" : b.status === "unverified" ? "board_unverified" : "board_ok");
    const missing = (b.missing || []).map((k) => fieldName(k));
    return el("li", { class: `board ${cls}`, "data-board": b.id },
      el("span", { class: "badge", text: badge }), " ", el("strong", { text: b.title }),
      missing.length ? el("span", { class: "hint", text: " · " + t("board_missing", { what: missing.join("、") }) }) : null);
  }));
  // board text areas for boards that need free text
  renderBoardTexts();
}

const FIELD_NAMES = {
  "content.committee": "c_committee", "content.honors": "c_honors", "content.members": "c_members",
  "content.rules": "c_rules", "content.overview": "c_overview", "content.activities": "c_activities",
  "content.activity_day": "c_activity_day", "content.plaque_text": "c_plaque",
};

function fieldName(key) {
  if (FIELD_NAMES[key]) return t(FIELD_NAMES[key]);
  const m = /^content\.boards\.([^.]+)\.text$/.exec(key);
  if (m) {
    const b = lastBoards.find((x) => x.id === m[1]);
    return t("c_board_text", { title: b ? b.title : m[1] });
  }
  return key;
}

let ctx = null; // {state, photos, schedule}

export function renderContent(state, photos, schedule) {
  ctx = { state, photos, schedule };
  const c = state.content;
  const box = document.getElementById("content-forms");
  const changed = () => schedule();
  box.replaceChildren(
    section("c_emblem", "c_emblem_hint", "emblem", emblemControl()),
    section("c_committee", "c_committee_hint", "content.committee",
      table(c.committee, [["name", "c_name", 20], ["role", "c_role", 20]], () => ({ name: "", role: "" }), "content.committee")),
    section("c_honors", "c_honors_hint", "content.honors",
      table(c.honors, [["name", "c_name", 40], ["honour", "c_honour", 60], ["year", "c_year", "year"], ["kind", "c_kind", "kind"], ["photo", "c_photo", "photo"]],
        () => ({ name: "", honour: "", year: new Date().getFullYear(), kind: "member" }), "content.honors")),
    section("c_members", "c_members_hint", "content.members",
      table(c.members, [["name", "c_name", 20], ["role", "c_role", 20], ["bio", "c_bio", 200], ["photo", "c_photo", "photo"]],
        () => ({ name: "", role: "", bio: "" }), "content.members")),
    section("c_rules", "c_rules_hint", "content.rules",
      el("textarea", { rows: 4, "data-path": "content.rules", oninput: (e) => { c.rules = e.target.value.split("\n").map((x) => x.trim()).filter(Boolean); changed(); } }, c.rules.join("\n"))),
    section("c_overview", null, "content.overview",
      el("textarea", { rows: 3, maxlength: 2000, "data-path": "content.overview", oninput: (e) => { c.overview = e.target.value; changed(); } }, c.overview || "")),
    section("c_activities", null, "content.activities",
      el("textarea", { rows: 3, maxlength: 2000, "data-path": "content.activities", oninput: (e) => { c.activities = e.target.value; changed(); } }, c.activities || "")),
    section("c_activity_day", null, "content.activity_day", activityDay(c, changed)),
    section("c_plaque", "c_plaque_hint", "content.plaque_text",
      el("input", { type: "text", maxlength: 40, value: c.plaque_text || "", "data-path": "content.plaque_text", oninput: (e) => { c.plaque_text = e.target.value; changed(); } })),
    el("div", { id: "board-texts" }),
  );
  renderBoardTexts();
}

function renderBoardTexts() {
  const host = document.getElementById("board-texts");
  if (!host || !ctx) return;
  const c = ctx.state.content;
  const need = lastBoards.filter((b) => (b.missing || []).some((k) => k === `content.boards.${b.id}.text`) || (c.boards[b.id] && c.boards[b.id].text));
  host.replaceChildren(...need.map((b) => section(null, "c_board_text_hint", `content.boards.${b.id}.text`,
    el("textarea", { rows: 4, maxlength: 4000, "data-path": `content.boards.${b.id}.text`,
      oninput: (e) => { c.boards[b.id] = { ...(c.boards[b.id] || {}), text: e.target.value }; ctx.schedule(); } }, (c.boards[b.id] && c.boards[b.id].text) || ""),
    t("c_board_text", { title: b.title }))));
}

function section(titleKey, hintKey, path, body, title) {
  return el("div", { class: "content-section", "data-path": path },
    el("h4", { text: title || t(titleKey) }), hintKey ? el("p", { class: "hint", text: t(hintKey) }) : null, body);
}

function activityDay(c, changed) {
  const d = c.activity_day || null;
  const on = el("input", { type: "checkbox", checked: d ? true : null, onchange: (e) => {
    c.activity_day = e.target.checked ? { year: new Date().getFullYear(), rule: "first_friday" } : null; renderContent(ctx.state, ctx.photos, ctx.schedule); changed();
  } });
  const parts = [el("label", { class: "check" }, on, " ", t("c_activity_day"))];
  if (d) {
    const rule = el("select", { "data-path": "content.activity_day.rule", onchange: (e) => { d.rule = e.target.value; if (d.rule === "fixed_day") d.day = d.day || 1; else delete d.day; renderContent(ctx.state, ctx.photos, ctx.schedule); changed(); } },
      el("option", { value: "first_friday", text: t("c_rule_first_friday") }), el("option", { value: "fixed_day", text: t("c_rule_fixed") }));
    rule.value = d.rule;
    parts.push(el("label", {}, t("c_year"), " ", el("input", { type: "number", value: d.year, min: 2000, max: 2100, "data-path": "content.activity_day.year", oninput: (e) => { d.year = e.target.valueAsNumber; changed(); } })), rule);
    if (d.rule === "fixed_day") parts.push(el("label", {}, t("c_day"), " ", el("input", { type: "number", value: d.day, min: 1, max: 28, "data-path": "content.activity_day.day", oninput: (e) => { d.day = e.target.valueAsNumber; changed(); } })));
  }
  return el("div", { class: "row" }, ...parts);
}

function table(rows, cols, blank, path) {
  const body = el("tbody");
  const draw = () => body.replaceChildren(...rows.map((r, i) => el("tr", {},
    ...cols.map(([key, label, kind]) => el("td", {}, cell(r, key, label, kind, `${path}[${i}].${key}`))),
    el("td", {}, el("button", { class: "btn small", title: t("delete"), text: t("c_remove"), onclick: () => { rows.splice(i, 1); draw(); ctx.schedule(); } })))));
  draw();
  return el("div", {},
    el("table", { class: "content-table" }, el("thead", {}, el("tr", {}, ...cols.map(([, label]) => el("th", { text: t(label) })), el("th"))), body),
    el("button", { class: "btn small", text: t("c_add"), onclick: () => { rows.push(blank()); draw(); } }));
}

// The official emblem artwork (党徽图稿): an SVG or PDF the user supplies, never drawn by us.
// The spec names it "artwork/<name>"; the file rides in ctx.photos under that key.
function emblemControl() {
  const st = ctx.state;
  const input = el("input", { type: "file", accept: ".svg,.pdf,image/svg+xml,application/pdf", id: "emblem-file",
    "aria-label": t("c_emblem"), "data-path": "emblem", onchange: (e) => {
      const f = e.target.files[0];
      if (!f) return;
      // a plain file name (the server accepts letters, digits, - _ . only); a wrong type keeps
      // its extension, so the server says why it is refused
      const dot = f.name.lastIndexOf(".");
      const ext = dot > 0 ? f.name.slice(dot).toLowerCase().replace(/[^\w.]/g, "_") : "";
      const stem = (dot > 0 ? f.name.slice(0, dot) : f.name).replace(/[^\w\-]/g, "_").replace(/^_+/, "").slice(0, 40) || "emblem";
      if (st.emblem) ctx.photos.delete(st.emblem);
      st.emblem = `artwork/${stem}${ext}`;
      ctx.photos.set(st.emblem, new File([f], st.emblem.slice("artwork/".length), { type: f.type }));
      renderContent(ctx.state, ctx.photos, ctx.schedule);
      ctx.schedule();
    } });
  const wrap = el("div", { class: "photo-cell emblem-cell" }, input);
  if (st.emblem) {
    const name = st.emblem.slice("artwork/".length);
    const have = ctx.photos.has(st.emblem);
    wrap.append(el("span", { id: "emblem-status", class: have ? "hint" : "field-error",
      text: have ? t("c_emblem_have", { name }) : t("c_emblem_again", { name }) }),
    el("button", { class: "btn small", id: "emblem-remove", text: t("c_emblem_remove"), onclick: () => {
      ctx.photos.delete(st.emblem); st.emblem = ""; renderContent(ctx.state, ctx.photos, ctx.schedule); ctx.schedule();
    } }));
  } else {
    wrap.append(el("span", { id: "emblem-status", class: "hint", text: t("c_emblem_none") }));
  }
  return wrap;
}

function cell(r, key, label, kind, path) {
  const changed = () => ctx.schedule();
  if (kind === "year") return el("input", { type: "number", min: 1921, max: 2100, value: r[key], "aria-label": t(label), "data-path": path, oninput: (e) => { r[key] = e.target.valueAsNumber; changed(); } });
  if (kind === "kind") {
    const s = el("select", { "data-path": path, "aria-label": t(label), onchange: (e) => { r[key] = e.target.value; changed(); } },
      el("option", { value: "member", text: t("c_kind_member") }), el("option", { value: "organisation", text: t("c_kind_org") }));
    s.value = r[key] || "member";
    return s;
  }
  if (kind === "photo") {
    const input = el("input", { type: "file", accept: "image/jpeg,image/png", "aria-label": t(label), "data-path": path, onchange: (e) => {
      const f = e.target.files[0];
      if (!f) return;
      // a plain, unique file name (the server accepts letters, digits, - _ . only)
      const ext = (/\.(jpe?g|png)$/i.exec(f.name) || [".jpg"])[0].toLowerCase();
      const stem = f.name.slice(0, f.name.length - ext.length).replace(/[^\w\-]/g, "_").replace(/^_+/, "").slice(0, 40) || "photo";
      let k = 1, name = `${stem}${ext}`;
      while (ctx.photos.has(`photos/${name}`)) name = `${stem}-${++k}${ext}`;
      const p = `photos/${name}`;
      ctx.photos.set(p, new File([f], name, { type: f.type }));
      r.photo = p;
      renderContent(ctx.state, ctx.photos, ctx.schedule);
      changed();
    } });
    const wrap = el("div", { class: "photo-cell" }, input);
    if (r.photo) {
      const have = ctx.photos.has(r.photo);
      wrap.append(el("span", { class: have ? "hint" : "field-error", text: have ? r.photo.slice(7) : t("c_photo_again", { name: r.photo.slice(7) }) }),
        el("button", { class: "btn small", text: t("c_remove"), onclick: () => { delete r.photo; renderContent(ctx.state, ctx.photos, ctx.schedule); changed(); } }));
    }
    return wrap;
  }
  return el("input", { type: "text", maxlength: kind, value: r[key] || "", "aria-label": t(label), "data-path": path, oninput: (e) => { r[key] = e.target.value; changed(); } });
}
