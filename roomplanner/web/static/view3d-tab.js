// The 三维 (3D) tab: asks the server for room.glb of the current spec and shows it with the
// vendored three.js viewer (viewer3d.js). The model is fetched only while the tab is open;
// a newer request cancels an older one, as for the live result.

import { t, el } from "./i18n.js";
import { mountViewer } from "./viewer3d.js";

let viewer = null;
let inflight = null;

export async function showModel(form, lang) {
  const panel = document.getElementById("panel-view3d");
  if (inflight) inflight.abort();
  const ctrl = new AbortController();
  inflight = ctrl;
  if (!viewer) panel.replaceChildren(el("p", { class: "hint", text: t("model_loading") }));
  let res;
  try {
    res = await fetch(`/api/model?lang=${lang}`, { method: "POST", body: form, signal: ctrl.signal });
  } catch (err) {
    if (!ctrl.signal.aborted) panel.replaceChildren(el("p", { class: "error", text: t("verdict_offline") }));
    return;
  }
  if (inflight !== ctrl) return;
  inflight = null;
  if (res.status !== 200) {
    let msg = String(res.status);
    try { msg = (await res.json()).message || msg; } catch (e) { /* not JSON */ }
    if (viewer) { viewer.dispose(); viewer = null; }
    panel.replaceChildren(el("p", { class: "error", text: t("model_failed", { msg }) }));
    return;
  }
  const buf = await res.arrayBuffer();
  if (viewer) { viewer.dispose(); viewer = null; }
  const box = el("div", { class: "view3d-box" });
  panel.replaceChildren(box);
  viewer = await mountViewer(box, buf, { lang });
  document.body.dataset.model = String((Number(document.body.dataset.model) || 0) + 1); // for tests
}
