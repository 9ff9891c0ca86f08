// The result area: floor plan, elevations, board previews, compliance list, and the
// explanation of an infeasible room. Every SVG from the server is shown as an <img> of a
// blob (an image never runs script); every text is set as text.

import { t, el } from "./i18n.js";

let urls = [];
let tab = "plan";

export function currentTab() { return tab; }

export function showTab(name) {
  tab = name;
  for (const b of document.querySelectorAll(".result-tabs .rtab")) b.classList.toggle("active", b.dataset.tab === name);
  for (const p of document.querySelectorAll(".result .panel")) p.hidden = p.id !== `panel-${name}`;
}

function svgImg(svg, alt, cls) {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  urls.push(url);
  return el("a", { href: url, target: "_blank", rel: "noopener", class: "svg-link", title: alt }, el("img", { src: url, alt, class: cls || "drawing" }));
}

// A drawing with live text is shown inline so the page's bundled font applies to it. It is
// parsed as XML (user text stays text) and anything active is dropped on the way in.
function svgInline(svg, alt, cls) {
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  const root = doc.documentElement;
  if (!root || root.nodeName !== "svg") return svgImg(svg, alt, cls);
  for (const bad of root.querySelectorAll("script, foreignObject, iframe, object, embed")) bad.remove();
  for (const node of [root, ...root.querySelectorAll("*")]) {
    for (const a of [...node.attributes]) {
      if (/^on/i.test(a.name) || (/href$/i.test(a.name) && !/^#/.test(a.value))) node.removeAttribute(a.name);
    }
  }
  root.removeAttribute("width");
  root.removeAttribute("height");
  root.setAttribute("class", cls || "drawing");
  root.setAttribute("role", "img");
  root.setAttribute("aria-label", alt);
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  urls.push(url);
  return el("a", { href: url, target: "_blank", rel: "noopener", class: "svg-link", title: alt }, document.importNode(root, true));
}

function releaseUrls() {
  for (const u of urls) URL.revokeObjectURL(u);
  urls = [];
}

function summary(plan, report) {
  const seats = plan.seating ? plan.seating.seats : 0;
  const pts = plan.spec.room.outline;
  let a = 0;
  for (let i = 0; i < pts.length; i++) { const p = pts[i], q = pts[(i + 1) % pts.length]; a += p[0] * q[1] - q[0] * p[1]; }
  return t("summary", { wall: plan.main_wall, flag: plan.flag_size, oath: t(plan.oath_position === "below" ? "oath_below_w" : "oath_beside_w"), seats, area: (Math.abs(a) / 2e6).toFixed(2) });
}

export function renderResult(res) {
  releaseUrls();
  showTab(tab);
  const name = res.plan.spec.branch.name;
  document.getElementById("panel-plan").replaceChildren(
    el("p", { class: "summary", text: summary(res.plan, res.report) }),
    svgInline(res.drawings.floorplan, `${name} · ${t("tab_plan")}`, "drawing floorplan"));
  const ep = document.getElementById("panel-elevations");
  if (res.drawings.elevations) {
    ep.replaceChildren(...res.drawings.elevations.map((e) => el("figure", {},
      el("figcaption", { text: e.face === "outside" ? t("elevation_outside", { n: e.wall }) : t("elevation_of", { n: e.wall }) }),
      svgInline(e.svg, e.name, "drawing elevation"))));
  } else {
    ep.replaceChildren(el("p", { class: "hint", text: t("working") }));
  }
  const bp = document.getElementById("panel-boards");
  if (res.boards.some((b) => b.svg)) {
    bp.replaceChildren(el("div", { class: "board-grid" }, ...res.boards.map((b) => el("figure", { class: `board-card ${b.status}`, "data-board": b.id },
      b.svg ? svgImg(b.svg, b.title, "board-img") : null,
      el("figcaption", {}, el("strong", { text: b.title }), " ",
        el("span", { class: "hint", text: `${Math.round(b.width)}×${Math.round(b.height)} mm · ${t("on_wall", { n: b.wall })}` }),
        b.status === "placeholder" ? el("span", { class: "badge todo", text: t("board_placeholder") }) : null)))));
  } else {
    bp.replaceChildren(el("p", { class: "hint", text: t("boards_loading") }));
  }
  renderChecks(res.report);
}

const ORDER = { fail: 0, review: 1, pass: 2, not_applicable: 3 };

function renderChecks(report) {
  const rows = [...report.findings].sort((a, b) => (ORDER[a.status] - ORDER[b.status]) || 0);
  const tbody = el("tbody", {}, ...rows.map((f) => el("tr", { class: `finding ${f.status}`, "data-rule": f.rule },
    el("td", {}, el("span", { class: `badge ${f.status}`, text: t(`status_${f.status}`) }), el("div", { class: "sev", text: t(`sev_${f.severity}`) })),
    el("td", {}, el("strong", { text: f.title }), el("div", { class: "rule-id", text: f.rule })),
    el("td", { text: f.message }),
    el("td", { class: "source" }, ...(f.citations || []).map((c) => el("div", {},
      c.document ? el("span", { class: "doc", text: `《${c.document}》` }) : null, el("span", { class: "cite", text: c.cite })))))));
  document.getElementById("panel-check").replaceChildren(
    el("table", { class: "findings" },
      el("thead", {}, el("tr", {}, ...["col_verdict", "col_rule", "col_finding", "col_source"].map((k) => el("th", { text: t(k) })))), tbody));
}

export function renderProblem(body, applyPatch) {
  const p = document.getElementById("panel-problem");
  p.replaceChildren(
    el("h3", { text: body.message }),
    el("h4", { text: t("infeasible_reason") }), el("p", { class: "reason", text: body.reason }),
    el("h4", { text: t("infeasible_rules") }), el("ul", {}, ...body.rules.map((r) => el("li", {}, el("code", { text: r })))),
    el("h4", { text: t("infeasible_options") }),
    el("ol", { class: "options" }, ...body.options.map((o) => el("li", {}, el("span", { text: o.text }), " ",
      o.patch ? el("button", { class: "btn small primary apply", text: t("apply"), onclick: () => applyPatch(o.patch) }) : null))));
  for (const q of document.querySelectorAll(".result .panel")) q.hidden = q !== p;
  for (const b of document.querySelectorAll(".result-tabs .rtab")) b.classList.remove("active");
}
