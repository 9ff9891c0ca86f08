// 3D view of a room (room.glb from the pack): orbit, "stand at the door", click to identify.
//
//   import { mountViewer } from "./viewer3d.js";
//   const viewer = await mountViewer(container, glbArrayBuffer, { lang: "zh", onPick });
//
// No build step and no CDN: three.js r170 and its addons are vendored under vendor/three/
// (MIT, see vendor/three/LICENSE). Every plan item is a glTF node named by its plan id with
// `extras` {id, kind, title, size, …}; clicking one shows its name and size and calls
// onPick(extras). The model is in metres, Y up; its root node's extras carry
// door_view {eye, target} (standing inside the entrance).

import * as THREE from "./vendor/three/three.module.min.js";
import { GLTFLoader } from "./vendor/three/addons/loaders/GLTFLoader.js";
import { OrbitControls } from "./vendor/three/addons/controls/OrbitControls.js";

const WORDS = {
  zh: { door: "站在门口", overview: "俯视全景", size: "尺寸", hint: "拖动旋转 · 滚轮缩放 · 点击图板查看名称和尺寸",
        nothing: "未选中", loading: "正在载入三维模型…", failed: "三维模型无法显示：" },
  en: { door: "Stand at the door", overview: "Overview", size: "Size",
        hint: "Drag to orbit · wheel to zoom · click a board for its name and size",
        nothing: "Nothing selected", loading: "Loading the 3D model…", failed: "The 3D model cannot be shown: " },
};

function words(lang) {
  return WORDS[lang === "en" ? "en" : "zh"];
}

function pickable(obj) {
  for (let o = obj; o; o = o.parent) {
    if (o.userData && o.userData.id) return o;
  }
  return null;
}

export async function mountViewer(container, glbArrayBuffer, { lang = "zh", onPick = null } = {}) {
  const w = words(lang);
  if (!document.getElementById("rp3d-style")) {
    // the viewer's own stylesheet beside this module (a file, so a page's CSP needs no inline styles)
    const st = document.createElement("link");
    st.id = "rp3d-style";
    st.rel = "stylesheet";
    st.href = new URL("./viewer3d.css", import.meta.url).href;
    const loaded = new Promise((resolve) => { st.onload = st.onerror = resolve; });
    document.head.appendChild(st);
    await loaded;   // sized by its stylesheet before the renderer measures the container
  }
  const root = document.createElement("div");
  root.className = "rp3d";
  root.setAttribute("role", "application");
  root.setAttribute("aria-label", lang === "en" ? "3D view of the room" : "活动室三维视图");
  const bar = document.createElement("div");
  bar.className = "rp3d-bar";
  const doorBtn = document.createElement("button");
  doorBtn.type = "button";
  doorBtn.textContent = w.door;
  doorBtn.dataset.action = "door";
  const overBtn = document.createElement("button");
  overBtn.type = "button";
  overBtn.textContent = w.overview;
  overBtn.dataset.action = "overview";
  bar.append(doorBtn, overBtn);
  const info = document.createElement("div");
  info.className = "rp3d-info";
  info.setAttribute("aria-live", "polite");
  info.textContent = w.loading;
  const hint = document.createElement("div");
  hint.className = "rp3d-hint";
  hint.textContent = w.hint;
  container.replaceChildren(root);

  const renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
  renderer.setPixelRatio(Math.min(window.devicePixelRatio || 1, 2));
  renderer.outputColorSpace = THREE.SRGBColorSpace;
  root.append(renderer.domElement, bar, info, hint);

  const scene = new THREE.Scene();
  scene.background = new THREE.Color(0xe9eef2);
  scene.add(new THREE.HemisphereLight(0xffffff, 0xd8d2c8, 2.4));
  const sun = new THREE.DirectionalLight(0xffffff, 1.4);
  sun.position.set(0.4, 1.0, 0.6);
  scene.add(sun);
  const camera = new THREE.PerspectiveCamera(55, 1, 0.05, 500);
  const controls = new OrbitControls(camera, renderer.domElement);
  controls.enableDamping = false;

  let gltf;
  try {
    gltf = await new GLTFLoader().parseAsync(glbArrayBuffer, "");
  } catch (err) {
    info.textContent = w.failed + (err && err.message ? err.message : String(err));
    throw err;
  }
  const model = gltf.scene;
  scene.add(model);
  const roomNode = model.getObjectByName("room") || model;
  const meta = roomNode.userData || {};
  const bounds = new THREE.Box3().setFromObject(model);
  const centre = bounds.getCenter(new THREE.Vector3());
  const span = bounds.getSize(new THREE.Vector3());

  function overview() {
    const r = Math.max(span.x, span.z) * 0.8 + 1.5;
    camera.fov = 50;
    camera.position.set(centre.x + r * 0.45, centre.y + r * 0.95, centre.z + r * 0.75);
    controls.target.copy(centre);
    camera.updateProjectionMatrix();
    controls.update();
    render();
  }

  function doorView() {
    const dv = meta.door_view;
    if (!dv) return overview();
    camera.fov = 70;
    camera.position.fromArray(dv.eye);
    controls.target.fromArray(dv.target);
    camera.updateProjectionMatrix();
    controls.update();
    render();
  }

  function resize() {
    const width = root.clientWidth || 640;
    const height = root.clientHeight || 420;
    renderer.setSize(width, height, false);
    camera.aspect = width / height;
    camera.updateProjectionMatrix();
    render();
  }

  function render() {
    renderer.render(scene, camera);
  }

  function show(obj) {
    info.hidden = false;
    if (!obj) {
      info.textContent = w.nothing;
      return null;
    }
    const ex = obj.userData;
    info.replaceChildren();
    const name = document.createElement("b");
    name.textContent = ex.title || ex.id;
    const size = document.createElement("span");
    size.textContent = `${w.size} ${ex.size || ""}`;
    info.append(name, size);
    if (onPick) onPick(ex);
    return ex;
  }

  const raycaster = new THREE.Raycaster();
  function pickAt(clientX, clientY) {
    const rect = renderer.domElement.getBoundingClientRect();
    const ndc = new THREE.Vector2(((clientX - rect.left) / rect.width) * 2 - 1,
                                  -((clientY - rect.top) / rect.height) * 2 + 1);
    raycaster.setFromCamera(ndc, camera);
    for (const hit of raycaster.intersectObject(model, true)) {
      const node = pickable(hit.object);
      if (node) return show(node);
      const kind = hit.object.parent && hit.object.parent.userData && hit.object.parent.userData.kind;
      if (kind === "wall" || kind === "floor" || kind === "ceiling" || !kind) break;
    }
    return show(null);
  }

  let down = null;
  renderer.domElement.addEventListener("pointerdown", (e) => { down = [e.clientX, e.clientY]; });
  renderer.domElement.addEventListener("pointerup", (e) => {
    if (down && Math.hypot(e.clientX - down[0], e.clientY - down[1]) < 5) pickAt(e.clientX, e.clientY);
    down = null;
  });
  controls.addEventListener("change", render);
  doorBtn.addEventListener("click", doorView);
  overBtn.addEventListener("click", overview);
  const ro = new ResizeObserver(resize);
  ro.observe(root);

  resize();
  overview();
  info.hidden = true;     // until something is clicked (the hint says what to do)

  /** Screen position (client px) of a node's centre, for tests and tours. */
  function screenPoint(id) {
    const node = model.getObjectByName(id);
    if (!node) return null;
    const v = new THREE.Box3().setFromObject(node).getCenter(new THREE.Vector3()).project(camera);
    const rect = renderer.domElement.getBoundingClientRect();
    return [rect.left + (v.x + 1) / 2 * rect.width, rect.top + (1 - v.y) / 2 * rect.height];
  }

  return {
    doorView, overview, pickAt, screenPoint, render,
    dispose() {
      ro.disconnect();
      controls.dispose();
      renderer.dispose();
      root.remove();
    },
  };
}
