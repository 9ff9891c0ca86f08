"""``index.html`` at the top of the pack: every file linked, every link followed, nothing
fetched from outside the folder, user strings escaped; shown in real Chromium."""

from __future__ import annotations

import html.parser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from roomplanner.cli import main
from tests.cli.langscan import cjk_runs, english_words


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[tuple[str, str]] = []
        self.text: list[str] = []
        self._skip = 0
        self._skipping: list[str] = []
        self._zh = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("href", "src"):
            if key in a:
                self.refs.append((tag, a[key]))
        if tag in ("style", "code", "title") or a.get("class") == "msg":     # the checker's own words
            self._skip += 1
            self._skipping.append(tag)
        if a.get("lang") == "zh":
            self._zh += 1

    def handle_endtag(self, tag):
        if self._skipping and tag == self._skipping[-1]:
            self._skipping.pop()
            self._skip -= 1
        if tag == "span" and self._zh:
            self._zh -= 1

    def handle_data(self, data):
        if not self._skip and not self._zh:
            self.text.append(data)


def parse(path: Path) -> _Links:
    p = _Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


@pytest.fixture(scope="module")
def packs(tmp_path_factory):
    base = tmp_path_factory.mktemp("packs")
    zh, en = base / "zh", base / "en"
    assert main(["demo", "-o", str(zh)]) == 0
    assert main(["demo", "-o", str(en), "--lang", "en"]) == 0
    return zh, en


@pytest.mark.parametrize("which", [0, 1])
def test_index_links_every_file_and_every_link_resolves(packs, which):
    out = packs[which]
    index = out / "index.html"
    refs = parse(index).refs
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} - {"index.html"}
    targets = set()
    for tag, ref in refs:
        u = urlparse(ref)
        if ref.startswith("data:"):
            continue
        assert not u.scheme and not u.netloc and not ref.startswith("/"), f"not relative: {ref}"
        target = (out / unquote(u.path)).resolve()
        assert target.is_file(), f"{tag} {ref} does not resolve"
        assert out.resolve() in target.parents
        targets.add(target.relative_to(out.resolve()).as_posix())
    assert files <= targets, f"not linked: {sorted(files - targets)}"
    assert any(r == "floorplan.svg" for t, r in refs if t == "img")
    assert any(r.startswith("boards/") and r.endswith(".svg") for t, r in refs if t == "img")


def test_index_language(packs):
    zh, en = (parse(p / "index.html") for p in packs)
    zh_text = " ".join(zh.text)
    assert "印刷厂" in zh_text and "施工" in zh_text and "审查" in zh_text and "合规" in zh_text
    words = [w for w in english_words(zh_text) if w not in {"SVG", "PDF", "CSV", "CMYK", "Excel"}]
    assert not words, words
    en_text = " ".join(en.text)
    assert "Print shop" in en_text and "Fitters" in en_text and "Inspectors" in en_text
    assert not cjk_runs(en_text), cjk_runs(en_text)


def test_index_escapes_user_strings(tmp_path):
    from roomplanner.model.spec import load_spec
    from roomplanner.pack_index import render_index
    from roomplanner.solver import solve
    from tests.conftest import EXAMPLES

    spec = load_spec(EXAMPLES / "school-small.yaml")
    evil = '<script>alert(1)</script>&"党支部'
    spec = spec.model_copy(update={"branch": spec.branch.model_copy(update={"name": evil})})
    plan = solve(spec)
    plan = plan.model_copy(update={"wall_items": [it.model_copy(update={"title": "<img src=x onerror=1>"})
                                                  if it.id == "oath" else it for it in plan.wall_items]})
    files = {"boards/oath.pdf": b"%PDF", "boards/oath.svg": b"<svg/>", "plan.json": b"{}",
             "boards/<b>.pdf": b"%PDF"}
    for lang in ("zh", "en"):
        page = render_index(plan, None, files, lang).decode("utf-8")
        assert "<script>" not in page and "<img src=x" not in page and "<b>" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;党支部" in page
        assert 'href="boards/%3Cb%3E.pdf"' in page
        assert render_index(plan, None, files, lang) == render_index(plan, None, files, lang)   # no clock


def test_index_in_chromium(packs, tmp_path):
    """Real Chromium from the folder (file://): every image loads, nothing is requested from
    outside the folder, the page has its sections; a screenshot for a person to look at."""
    from playwright.sync_api import sync_playwright

    out = packs[0]
    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync"])
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.on("request", lambda r: requests.append(r.url))
            page.goto((out / "index.html").as_uri())
            page.wait_for_load_state("load")
            broken = page.evaluate("[...document.images].filter(i => !i.complete || i.naturalWidth === 0)"
                                   ".map(i => i.getAttribute('src'))")
            heads = page.evaluate("[...document.querySelectorAll('h2')].map(h => h.textContent)")
            verdict = page.evaluate("document.querySelector('.verdict').textContent")
            page.evaluate("document.fonts.ready.then(() => true)")
            fonts = page.evaluate("[...document.fonts].map(f => f.family + ':' + f.status)")
            page.screenshot(path=str(tmp_path / "index.png"), full_page=True)
        finally:
            browser.close()
    assert broken == []
    assert heads == ["房间一览", "检查结论", "印刷厂", "施工", "审查"]
    assert verdict in ("合规", "存在不合规项")
    assert fonts == ["RPSans:loaded"]          # the embedded font subset is a font Chromium accepts
    assert all(u.startswith(("file://", "data:")) for u in requests), [u for u in requests if not u.startswith("file")]
    assert (tmp_path / "index.png").stat().st_size > 50_000


def test_index_warns_the_print_shop_about_placeholder_boards(packs):
    from roomplanner.model.spec import load_spec
    from roomplanner.pack_index import render_index
    from roomplanner.content.boards import board_content_status
    from roomplanner.solver import solve
    from tests.conftest import EXAMPLES

    assert 'class="badge placeholder"' not in (packs[0] / "index.html").read_text(encoding="utf-8")
    plan = solve(load_spec(EXAMPLES / "school-small.yaml"))          # no content at all
    boards = [it.id for it in plan.wall_items if it.kind != "flag"]
    files = {f"boards/{b}.pdf": b"%PDF" for b in boards}
    page = render_index(plan, None, files, "zh").decode("utf-8")
    missing = [b for b in boards if board_content_status(plan, b) == "placeholder"]
    assert missing and page.count('<span class="badge placeholder">内容待填写，暂勿印制</span>') == len(missing)
