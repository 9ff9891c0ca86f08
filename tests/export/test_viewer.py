"""The 3D viewer (roomplanner/web/static/viewer3d.js) in real Chromium: it loads room.glb,
orbits, stands at the door, and clicking a board shows its name and size.

The standalone page tests/export/viewer_demo.html is served through Playwright's request
routing (no server, no network). Set RP_SCREENSHOT_DIR to keep the screenshots (the README's
images in docs/images/ are made that way)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from roomplanner.export import render_glb

from .conftest import ROOT, solved

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--enable-unsafe-swiftshader"]
TYPES = {".js": "text/javascript", ".css": "text/css", ".html": "text/html", ".ttf": "font/ttf", ".glb": "model/gltf-binary"}


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium not installed")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def open_viewer(browser, glb: bytes, lang: str = "zh", size=(1000, 640)):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    def route(r):
        path = r.request.url.split("://", 1)[1].split("/", 1)[1].split("?")[0]
        if path.startswith("static/"):
            f = ROOT / "roomplanner" / "web" / path
        elif path.startswith("fonts/"):
            f = ROOT / path
        elif path == "room.glb":
            return r.fulfill(body=glb, content_type=TYPES[".glb"])
        else:
            f = ROOT / "tests" / "export" / "viewer_demo.html"
        if not f.is_file():
            return r.fulfill(status=404, body="not found")
        r.fulfill(body=f.read_bytes(), content_type=TYPES.get(f.suffix, "application/octet-stream"))

    page.route("http://roomplanner.test/**", route)
    page.goto(f"http://roomplanner.test/demo.html?lang={lang}")
    page.wait_for_function("window.viewerReady === true", timeout=90_000)
    page.evaluate("document.fonts.ready")
    assert not errors, errors
    return page


def shot(page, name: str, tmp_path: Path) -> np.ndarray:
    png = page.screenshot()
    keep = os.environ.get("RP_SCREENSHOT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        (Path(keep) / name).write_bytes(png)
    (tmp_path / name).write_bytes(png)
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def glb_with_artwork(plan, tmp_path) -> bytes:
    """room.glb with each board's own print PDF as its texture, as in a pack."""
    from roomplanner.printing.boards import render_boards

    render_boards(plan, tmp_path / "boards")
    return render_glb(plan, {f"boards/{p.name}": p.read_bytes() for p in (tmp_path / "boards").glob("*.pdf")})


@pytest.mark.parametrize("room", ["enterprise-9x6", "university-bay"])
def test_orbit_door_view_and_pick(browser, room, tmp_path):
    plan = solved(room)
    page = open_viewer(browser, glb_with_artwork(plan, tmp_path))
    over = shot(page, f"viewer3d-{room}-overview.png", tmp_path)
    # the model is drawn: the walls, the floor and the red flag are all on screen
    red = ((over[:, :, 0] > 170) & (over[:, :, 1] < 80) & (over[:, :, 2] < 70)).sum()
    assert red > 300, red
    assert len(np.unique(over.reshape(-1, 3) // 16, axis=0)) > 40

    page.click("button[data-action=door]")
    page.wait_for_timeout(200)
    door = shot(page, f"viewer3d-{room}-door.png", tmp_path)
    assert np.abs(door - over).mean() > 10      # the camera moved

    # click the oath board (or the first board) where the camera shows it
    board = next(it for it in plan.wall_items if it.kind == "board" and it.face == "inside"
                 and it.wall == plan.main_wall)
    page.click("button[data-action=overview]")
    page.wait_for_timeout(100)
    x, y = page.evaluate(f"window.viewer.screenPoint({board.id!r})")
    page.mouse.click(x, y)
    page.wait_for_function("window.picked !== null")
    picked = page.evaluate("window.picked")
    assert picked["id"] == board.id
    info = page.inner_text(".rp3d-info")
    assert board.title in info and f"{board.width:g} × {board.height:g} mm" in info
    shot(page, f"viewer3d-{room}-picked.png", tmp_path)
    page.close()


def test_english_labels(browser):
    page = open_viewer(browser, render_glb(solved("enterprise-9x6")), lang="en")
    assert page.inner_text("button[data-action=door]") == "Stand at the door"
    page.close()


def test_a_click_on_the_floor_selects_nothing(browser):
    plan = solved("enterprise-9x6")
    page = open_viewer(browser, render_glb(plan))
    page.click("button[data-action=door]")
    # straight down at the bottom edge of the view: the floor in front of the door
    page.mouse.click(500, 635)
    page.wait_for_timeout(100)
    assert page.evaluate("window.picked") is None
    assert page.inner_text(".rp3d-info") in ("未选中",)
    page.close()
