"""Fixtures for the web tests: a live server (uvicorn on 127.0.0.1, a free port, in a thread)
and a Chromium page driven by Playwright. Chromium is Debian's (/usr/bin/chromium or
$ROOMPLANNER_CHROMIUM); nothing downloads a browser. Screenshots go to tests/results/
(git-ignored)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

RESULTS = Path(__file__).resolve().parent.parent / "results" / "web"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    for p in (os.environ.get("ROOMPLANNER_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
              shutil.which("chromium-browser")):
        if p and Path(p).exists():
            return p
    return None


@pytest.fixture(scope="session")
def live_server():
    import uvicorn

    from roomplanner.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    th = threading.Thread(target=server.run, daemon=True)
    th.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the web server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    th.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    exe = chromium_path()
    if exe is None:  # CI installs Debian's chromium (.ci/run); without it these tests cannot run
        pytest.fail("Chromium not found: install Debian's chromium (apt-get install chromium) "
                    "or set ROOMPLANNER_CHROMIUM")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, live_server):
    ctx = browser.new_context(viewport={"width": 1400, "height": 950}, accept_downloads=True, locale="zh-CN")
    pg = ctx.new_page()
    pg.errors = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("dialog", lambda d: (pg.errors.append(f"dialog: {d.message}"), d.dismiss()))
    pg.base = live_server
    yield pg
    ctx.close()


@pytest.fixture(scope="session")
def shots():
    RESULTS.mkdir(parents=True, exist_ok=True)

    def shot(page, name: str, full: bool = False) -> Path:
        p = RESULTS / f"{name}.png"
        page.screenshot(path=str(p), full_page=full)
        return p
    return shot
