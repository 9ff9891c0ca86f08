"""Real-browser test (Playwright + Debian's Chromium): the emblem artwork upload on the 设计
page. The file uploaded is a neutral test pattern (a plain coloured rectangle) standing in for
the official artwork; nothing emblem-like is drawn. Screenshots under tests/results/web/."""

from __future__ import annotations

import json
import zipfile

from tests.web.test_api_emblem import TEST_PATTERN
from tests.web.test_browser import done_count, open_design, wait_result, wait_until


def test_emblem_artwork_upload_remove_and_bad_file(page, shots, tmp_path):
    pattern = tmp_path / "test-pattern.svg"
    pattern.write_bytes(TEST_PATTERN)
    open_design(page)
    section = page.locator('.content-section[data-path="emblem"]')
    assert "党徽图稿（官方 SVG 或 PDF，可选）" in section.inner_text()
    assert "不上传则不印党徽" in section.inner_text()
    assert "未上传" in page.inner_text("#emblem-status")

    # upload the test pattern: accepted, the boards are made with it, nothing refused
    before = done_count(page)
    page.set_input_files("#emblem-file", str(pattern))
    assert wait_result(page, before) in ("pass", "fail")
    assert page.inner_text("#emblem-status") == "已选择：test-pattern.svg"
    assert page.locator('[data-error-path="emblem"]').count() == 0
    # the draft keeps the spec's emblem (the file itself, like photos, is not stored)
    assert json.loads(page.evaluate("localStorage.getItem('roomplanner.draft.v1')"))["emblem"] == "artwork/test-pattern.svg"
    before = done_count(page)
    page.click('.rtab[data-tab="boards"]')
    assert wait_result(page, before) in ("pass", "fail")
    page.wait_for_selector("#panel-boards .board-card img")
    section.scroll_into_view_if_needed()
    shots(page, "30-emblem-uploaded")

    # the downloaded pack holds the artwork exactly as `roomplanner plan -o` writes it
    with page.expect_download(timeout=120_000) as dl:
        page.click("#btn-zip")
    path = tmp_path / "pack.zip"
    dl.value.save_as(path)
    zf = zipfile.ZipFile(path)
    assert zf.read("artwork/emblem.svg") == TEST_PATTERN
    assert json.loads(zf.read("plan.json"))["spec"]["emblem"] == "artwork/emblem.svg"

    # remove it: no emblem, no artwork in the request
    page.click("#emblem-remove")
    wait_until(page, "document.getElementById('emblem-status').textContent.includes('未上传') "
                     "&& ['pass', 'fail'].includes(document.getElementById('verdict').dataset.state)")
    assert json.loads(page.evaluate("localStorage.getItem('roomplanner.draft.v1')"))["emblem"] == ""

    # a file that is not SVG or PDF: a Chinese error beside the field
    bad = tmp_path / "not-artwork.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    page.set_input_files("#emblem-file", str(bad))
    wait_until(page, "document.querySelector('[data-error-path=\"emblem\"]') !== null")
    err = page.locator('[data-error-path="emblem"]')
    assert err.count() >= 1 and "SVG 或 PDF" in err.first.inner_text()
    section.scroll_into_view_if_needed()
    shots(page, "31-emblem-refused")
    assert not page.errors, page.errors
