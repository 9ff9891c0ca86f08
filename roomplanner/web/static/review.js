// 审查 page: upload plan.json files and pack ZIPs, one row per file; a row opens the full
// findings; the CSV of the table and the report PDFs come from the server (same files sent
// again: the server keeps nothing between requests).

import { t, el, getLang, setLang, applyWords } from "./i18n.js";

let files = [];
let results = [];
let profiles = [];

function typeName(id) {
  const p = profiles.find((x) => x.id === id);
  return p ? (getLang() === "en" ? p.name_en : p.name) : id || "";
}

async function post(path, list) {
  const fd = new FormData();
  for (const f of list) fd.append("files", f, f.name);
  return fetch(`${path}?lang=${getLang()}`, { method: "POST", body: fd });
}

async function check(list) {
  files = list;
  const status = document.getElementById("review-status");
  status.textContent = t("r_checking", { n: list.length });
  const res = await post("/api/check", list);
  const body = await res.json();
  if (!res.ok) { status.textContent = body.message || String(res.status); results = []; render(); return; }
  results = body;
  status.textContent = "";
  render();
}

function verdictText(r) { return t(r.status === "pass" ? "r_pass" : r.status === "fail" ? "r_fail" : "r_refused"); }

function render() {
  const table = document.getElementById("review-table");
  const tbody = document.getElementById("review-rows");
  table.hidden = !results.length;
  document.getElementById("btn-csv").disabled = !results.length;
  document.getElementById("btn-pdf").disabled = !results.some((r) => r.status !== "refused");
  tbody.replaceChildren(...results.flatMap((r, i) => {
    const row = el("tr", { class: `row-item ${r.status}`, "data-index": i, onclick: () => toggle(i) },
      el("td", { text: String(i + 1) }), el("td", { text: r.file }), el("td", { text: r.branch || "" }), el("td", { text: typeName(r.type) }),
      el("td", { text: r.area_m2 ?? "" }), el("td", { text: r.members ?? "" }),
      el("td", { class: "verdict-cell", text: verdictText(r) }),
      el("td", {}, ...(r.status === "refused" ? (r.errors || []).map((e) => el("div", { text: (e.path ? e.path + ": " : "") + e.message }))
        : (r.report ? r.report.findings.filter((f) => f.status === "fail") : []).map((f) => el("div", {}, f.title, " ", el("code", { class: "rule-id", text: f.rule }))))),
      el("td", {}, r.status === "refused" ? null : el("button", { class: "btn small", text: t("r_pdf"), onclick: (e) => { e.stopPropagation(); pdf([files[i]], r.file); } })));
    const detail = el("tr", { class: "report-detail", hidden: true, "data-detail": i }, el("td", { colspan: 9 }, r.report ? findings(r.report) : null));
    return [row, detail];
  }));
}

function findings(report) {
  return el("table", { class: "findings" },
    el("thead", {}, el("tr", {}, ...["col_verdict", "col_rule", "col_finding", "col_source"].map((k) => el("th", { text: t(k) })))),
    el("tbody", {}, ...report.findings.map((f) => el("tr", { class: `finding ${f.status}` },
      el("td", {}, el("span", { class: `badge ${f.status}`, text: t(`status_${f.status}`) })),
      el("td", {}, el("strong", { text: f.title }), el("div", { class: "rule-id", text: f.rule })),
      el("td", { text: f.message }),
      el("td", { class: "source" }, ...(f.citations || []).map((c) => el("div", {},
        c.document ? el("span", { class: "doc", text: `《${c.document}》` }) : null, el("span", { class: "cite", text: c.cite }))))))));
}

function toggle(i) {
  const d = document.querySelector(`tr[data-detail="${i}"]`);
  if (d) d.hidden = !d.hidden;
}

function save(blob, name) {
  const a = el("a", { href: URL.createObjectURL(blob), download: name });
  document.body.append(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

async function pdf(list, name) {
  const res = await post("/api/check/report", list);
  if (res.ok) save(await res.blob(), name ? `report-${name.replace(/\.[^.]+$/, "")}.pdf` : "report.pdf");
}

async function init() {
  applyWords(document);
  try { profiles = await (await fetch("/api/profiles")).json(); } catch { profiles = []; }
  const input = document.getElementById("files");
  input.addEventListener("change", () => { if (input.files.length) check([...input.files]); input.value = ""; });
  const drop = document.getElementById("drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => { e.preventDefault(); drop.classList.remove("over"); if (e.dataTransfer.files.length) check([...e.dataTransfer.files]); });
  document.getElementById("btn-csv").addEventListener("click", async () => {
    const res = await post("/api/check/csv", files);
    if (res.ok) save(await res.blob(), "roomplanner-check.csv");
  });
  document.getElementById("btn-pdf").addEventListener("click", () => pdf(files.filter((_, i) => results[i] && results[i].status !== "refused")));
  document.getElementById("btn-lang").addEventListener("click", () => { setLang(getLang() === "en" ? "zh" : "en"); render(); });
  document.getElementById("review-status").textContent = t("r_none");
}

init();
