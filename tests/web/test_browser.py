"""Real-browser tests (Playwright + Debian's Chromium): the scenario of issue #14 as a new
user would do it, with a screenshot of every step under tests/results/web/."""

from __future__ import annotations

import copy
import io
import json
import zipfile

import pytest

from tests.conftest import BASE

HOSTILE = "<script>alert(1)</script>"
FINAL = "() => { const s = document.getElementById('verdict').dataset.state; return s && s !== 'working' && s !== 'idle'; }"


def done_count(page) -> int:
    return int(page.evaluate("document.body.dataset.done || '0'"))


def wait_result(page, before: int, timeout: float = 60_000) -> str:
    """Wait until a newer result than ``before`` is shown; return the verdict state."""
    page.wait_for_function(f"() => (+document.body.dataset.done || 0) > {before} && ({FINAL})()", timeout=timeout)
    return page.get_attribute("#verdict", "data-state")


def wait_until(page, js: str, timeout: float = 60_000) -> None:
    """Wait until ``js`` (an expression) holds: for results that must reflect the last edit,
    whatever earlier (debounced) requests finished in between."""
    page.wait_for_function(f"() => ({FINAL})() && ({js})", timeout=timeout)


def click_wall(page, wall: int, frac: float = 0.5) -> None:
    """Click on wall ``wall`` of the editor at ``frac`` of its drawn length."""
    line = page.locator(f'line.wall-hit[data-wall="{wall}"]')
    x1, y1, x2, y2 = (float(line.get_attribute(a)) for a in ("x1", "y1", "x2", "y2"))
    pt = page.evaluate("""([x, y]) => { const svg = document.getElementById('room-canvas');
        const p = svg.createSVGPoint(); p.x = x; p.y = y; const q = p.matrixTransform(svg.getScreenCTM());
        return [q.x, q.y]; }""", [x1 + (x2 - x1) * frac, y1 + (y2 - y1) * frac])
    page.mouse.click(pt[0], pt[1])


def open_design(page) -> None:
    page.goto(page.base + "/")
    wait_result(page, 0)


def test_new_user_designs_a_room(page, shots, tmp_path):
    open_design(page)
    # the page starts with a ready 9 × 6 m room and shows a result at once
    assert page.get_attribute("#verdict", "data-state") in ("pass", "fail")
    assert page.locator("#panel-plan svg.floorplan").count() == 1
    shots(page, "01-start")

    # a 9 × 6 m rectangle, typed in
    before = done_count(page)
    page.click('.shape-tabs .tab[data-shape="rect"]')
    page.fill("#rect-length", "9000")
    page.fill("#rect-width", "6000")
    # remove the sample door: the room then has no door and the page says so
    page.click("#item-list button")
    page.click("#item-panel .btn.danger")
    wait_result(page, before)
    wait_until(page, "document.getElementById('verdict').dataset.state === 'invalid'")
    # the engine's message for room.openings, shown beside the doors-and-windows editor
    err = page.locator('[data-path="room.openings"] [data-error-path="room.openings"]')
    assert err.count() == 1 and err.inner_text().strip()
    shots(page, "02-no-door")

    # a door on wall 3 and a window on wall 1, by clicking
    page.click('#toolbar .tool[data-tool="door"]')
    click_wall(page, 3, 0.3)
    page.click('#toolbar .tool[data-tool="window"]')
    click_wall(page, 1, 0.5)
    items = page.inner_text("#item-list")
    assert "门 · 第 3 面墙" in items and "窗 · 第 1 面墙" in items

    # branch: 企业党支部, 25 members
    page.fill("#branch-name", "星火科技有限公司党支部")
    page.select_option("#branch-type", "enterprise")
    assert "非公有制企业党支部" in page.inner_text("#branch-type option:checked")
    before = done_count(page)
    page.fill("#branch-members", "25")
    wait_result(page, before)
    wait_until(page, "(document.querySelector('#panel-plan .summary') || {}).textContent?.includes('座位 25 个')")
    assert page.get_attribute("#verdict", "data-state") in ("pass", "fail"), page.inner_text("#verdict")
    verdict = page.inner_text("#verdict")
    assert ("合规" in verdict) or ("不合规" in verdict)
    assert "座位 25 个" in page.inner_text("#panel-plan .summary")
    assert "星火科技有限公司党支部" in page.locator("#panel-plan svg title").first.text_content()
    shots(page, "03-result")

    # drag the door along its wall: the distances to both corners are shown while dragging
    door = page.locator('.item.door line.item-body').first
    box = door.bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    before_text = page.inner_text("#item-list")
    page.mouse.move(cx, cy)
    page.mouse.down()
    page.mouse.move(cx, cy - 40, steps=5)
    readout = page.inner_text("#drag-readout")
    assert "距两端" in readout and "mm" in readout
    shots(page, "04-dragging")
    before = done_count(page)
    page.mouse.up()
    assert page.inner_text("#item-list") != before_text
    wait_result(page, before)

    # the compliance list: verdict, clause and document title
    page.click('.rtab[data-tab="check"]')
    first = page.locator("#panel-check tr.finding").first
    assert first.locator(".badge").inner_text() in ("通过", "不通过", "需复核", "不适用")
    assert "《" in page.inner_text("#panel-check")
    shots(page, "05-compliance")
    before = done_count(page)
    page.click('.rtab[data-tab="elevations"]')     # elevations are fetched when their tab opens
    wait_result(page, before)
    assert page.locator("#panel-elevations svg.elevation").count() >= 4
    shots(page, "06-elevations")
    before = done_count(page)
    page.click('.rtab[data-tab="boards"]')
    wait_result(page, before)
    page.wait_for_selector("#panel-boards .board-card img")
    assert page.locator("#panel-boards .board-card").count() >= 8
    shots(page, "07-boards")
    # the content card says which boards still print 待填写
    assert "待填写" in page.inner_text("#board-status")

    # download the ZIP and look inside
    with page.expect_download(timeout=120_000) as dl:
        page.click("#btn-zip")
    path = tmp_path / "pack.zip"
    dl.value.save_as(path)
    zf = zipfile.ZipFile(path)
    names = set(zf.namelist())
    assert {"plan.json", "floorplan.svg", "floorplan.pdf", "elevations.pdf", "report.pdf"} <= names
    assert any(n.startswith("elevations/wall-") for n in names)
    assert sum(1 for n in names if n.startswith("boards/") and n.endswith(".pdf")) >= 8
    plan = json.loads(zf.read("plan.json"))
    spec = plan["spec"]
    assert {k: spec["branch"][k] for k in ("name", "type", "members")} == {
        "name": "星火科技有限公司党支部", "type": "enterprise", "members": 25}
    kinds = {(o["kind"], o["wall"]) for o in spec["room"]["openings"]}
    assert kinds == {("door", 3), ("window", 1)}
    assert spec["room"]["outline"] == [[0, 0], [9000, 0], [9000, 6000], [0, 6000]]

    # 打开方案: a fresh browser opens the downloaded ZIP and gets the same room back
    ctx2 = page.context.browser.new_context(viewport={"width": 1400, "height": 950})
    other = ctx2.new_page()
    other.goto(page.base + "/")
    wait_result(other, 0)
    before = done_count(other)
    other.set_input_files("#open-file", str(path))
    wait_result(other, before)
    assert other.input_value("#branch-name") == "星火科技有限公司党支部"
    assert other.input_value("#branch-type") == "enterprise"
    assert "窗 · 第 1 面墙" in other.inner_text("#item-list")
    shots(other, "08a-opened-zip")
    ctx2.close()

    # reloading keeps the draft
    page.reload()
    wait_result(page, 0)
    assert page.input_value("#branch-name") == "星火科技有限公司党支部"
    assert page.input_value("#branch-members") == "25"
    assert "窗 · 第 1 面墙" in page.inner_text("#item-list")
    shots(page, "08-reloaded")

    # a negative width: a Chinese error beside the field, nothing sent
    before = done_count(page)
    page.fill("#rect-width", "-6000")
    wait_result(page, before)
    err = page.locator("#rect-width").locator("xpath=ancestor::label/following-sibling::div[contains(@class,'field-error')]")
    assert err.inner_text() == "必须大于 0"
    assert page.get_attribute("#verdict", "data-state") == "invalid"
    shots(page, "09-negative-width")
    assert not page.errors, page.errors


def test_infeasible_room_offers_one_click_options(page, shots):
    open_design(page)
    page.click('#toolbar .tool[data-tool="window"]')
    click_wall(page, 1, 0.5)          # a window across the middle of wall 1
    before = done_count(page)
    page.select_option("#main-wall", "1")
    wait_result(page, before)
    wait_until(page, "document.getElementById('verdict').dataset.state === 'infeasible'")
    problem = page.inner_text("#panel-problem")
    assert "flag.centred" in problem
    shots(page, "10-infeasible")
    before = done_count(page)
    page.locator("#panel-problem button.apply").first.click()
    assert wait_result(page, before) in ("pass", "fail")
    assert page.input_value("#main-wall") != "1"
    shots(page, "11-option-applied")
    assert not page.errors, page.errors


def test_l_shape_and_typed_walls(page, shots):
    open_design(page)
    before = done_count(page)
    page.click('.shape-tabs .tab[data-shape="l"]')
    wait_result(page, before)
    wait_until(page, "(document.querySelector('#panel-plan .summary') || {}).textContent?.includes('面积 68.00 m²')")
    assert page.get_attribute("#verdict", "data-state") in ("pass", "fail"), page.inner_text("#verdict")
    assert "6 面墙" in page.inner_text("#room-stats")
    assert page.locator("line.wall-hit").count() == 6
    shots(page, "15-l-shape")
    # custom: type four walls of 8 m and 5 m with left turns
    page.click('.shape-tabs .tab[data-shape="custom"]')
    page.click("#turtle summary")
    rows = page.locator("#turtle-rows tr")
    for i, length in enumerate(["8000", "5000", "8000", "5000"]):
        rows.nth(i).locator("input").fill(length)
    while rows.count() > 4:
        rows.nth(4).locator("button").click()
    before = done_count(page)
    page.click("#turtle-apply")
    wait_result(page, before)
    assert "面积 40.00 m²" in page.inner_text("#room-stats")
    wait_until(page, "(document.querySelector('#panel-plan .summary') || {}).textContent?.includes('面积 40.00 m²')")
    assert page.get_attribute("#verdict", "data-state") in ("pass", "fail"), page.inner_text("#verdict")
    # a wall that does not come back to the start is named
    rows.nth(3).locator("input").fill("4000")
    page.click("#turtle-apply")
    assert "没有回到起点" in page.inner_text("#turtle-error")
    shots(page, "16-typed-walls")
    assert not page.errors, page.errors


def test_honour_with_photo_and_main_wall_by_click(page, shots):
    from tests.conftest import EXAMPLES

    open_design(page)
    # 点选主墙面, then click wall 3
    before = done_count(page)
    page.click('#toolbar .tool[data-tool="mainwall"]')
    click_wall(page, 3, 0.5)
    assert wait_result(page, before) in ("pass", "fail")
    assert page.input_value("#main-wall") == "3"
    assert "主墙面：第 3 面墙" in page.inner_text("#panel-plan .summary")
    # an honour with a photo
    section = page.locator('.content-section[data-path="content.honors"]')
    section.locator("button", has_text="添加一行").click()
    section.locator('input[data-path="content.honors[0].name"]').fill("王建国")
    section.locator('input[data-path="content.honors[0].honour"]').fill("优秀共产党员")
    before = done_count(page)
    section.locator('input[type=file]').set_input_files(str(EXAMPLES / "photos" / "wang.jpg"))
    wait_result(page, before)
    assert "wang.jpg" in section.inner_text()
    before = done_count(page)
    page.click('.rtab[data-tab="boards"]')
    assert wait_result(page, before) in ("pass", "fail")
    page.wait_for_selector('#panel-boards .board-card[data-board="honor"] img')
    honour = [b for b in page.evaluate("Array.from(document.querySelectorAll('#board-status li')).map(li => li.dataset.board + ':' + li.className)") if b.startswith("honor:")]
    assert honour and "ok" in honour[0], honour
    shots(page, "17-honour-photo")
    assert not page.errors, page.errors


def test_hostile_branch_name_is_shown_as_text(page, shots):
    open_design(page)
    before = done_count(page)
    page.fill("#branch-name", HOSTILE)
    wait_result(page, before)
    wait_until(page, "(document.querySelector('#panel-plan svg title') || {}).textContent?.startsWith('<script>')")
    assert page.locator("#panel-plan svg title").first.text_content().startswith(HOSTILE)
    assert page.locator("#panel-plan script, #panel-elevations script").count() == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 1   # the page's own module
    shots(page, "12-hostile-name")
    assert not page.errors, page.errors   # no alert() dialog ran


def test_english_switch(page, shots):
    open_design(page)
    before = done_count(page)
    page.click("#btn-lang")
    wait_result(page, before)
    assert page.inner_text(".brand") .strip().endswith("Party activity room designer")
    assert "Main wall" in page.inner_text("#panel-plan .summary")
    shots(page, "13-english")
    page.click("#btn-lang")


def _plans(tmp_path):
    from roomplanner.model.spec import spec_from_data
    from roomplanner.solver import solve

    spec = copy.deepcopy(BASE)
    spec["date"] = "2026-11-22"
    # content for every required board (a fictional branch), so that the good plan passes: a
    # board that would print 待填写 fails the check (issue 11)
    spec["content"] = {
        "committee": [{"name": "张三", "role": "书记"}, {"name": "李四", "role": "组织委员"},
                      {"name": "王五", "role": "宣传委员"}],
        "honors": [{"name": "示例支部", "honour": "先进基层党组织", "year": 2025, "kind": "organisation"}],
        "members": [{"name": "张三", "role": "书记", "bio": "示例人物。", "photo": "photos/zhang.jpg"}],
        "rules": ["“三会一课”制度"]}
    plan = json.loads(solve(spec_from_data(spec)).to_json())
    good = tmp_path / "good" / "plan.json"
    good.parent.mkdir()
    good.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    moved = copy.deepcopy(plan)
    next(i for i in moved["wall_items"] if i["role"] == "flag")["offset"] += 500   # moved by hand
    bad = tmp_path / "moved" / "plan.json"
    bad.parent.mkdir()
    bad.write_text(json.dumps(moved, ensure_ascii=False), encoding="utf-8")
    return good, bad


def test_inspector_checks_two_plans(page, shots, tmp_path):
    good, bad = _plans(tmp_path)
    page.goto(page.base + "/review")
    page.set_input_files("#files", [str(good), str(bad)])
    page.wait_for_selector("#review-rows tr.row-item >> nth=1")
    rows = page.locator("#review-rows tr.row-item")
    assert rows.count() == 2
    assert "合规" == rows.nth(0).locator(".verdict-cell").inner_text()
    assert "不合规" == rows.nth(1).locator(".verdict-cell").inner_text()
    assert "flag.centred" in rows.nth(1).inner_text()
    rows.nth(1).click()                       # the row opens the full report
    detail = page.locator('tr[data-detail="1"]')
    assert detail.is_visible() and "党旗" in detail.inner_text()
    shots(page, "14-review", full=True)
    with page.expect_download() as dl:
        page.click("#btn-csv")
    csv_text = open(dl.value.path(), encoding="utf-8-sig").read()
    assert "flag.centred" in csv_text and csv_text.count("\n") == 3
    with page.expect_download() as dl:
        rows.nth(1).locator("button").click()
    assert open(dl.value.path(), "rb").read(4) == b"%PDF"
    assert not page.errors, page.errors


def test_3d_tab_shows_the_room_and_names_a_clicked_board(page, shots):
    open_design(page)
    page.click('.result-tabs .rtab[data-tab="view3d"]')
    page.wait_for_function("() => +(document.body.dataset.model || 0) >= 1", timeout=90_000)
    panel = page.locator("#panel-view3d")
    assert panel.locator("canvas").count() == 1
    assert "站在门口" in panel.inner_text()
    page.wait_for_timeout(500)
    shots(page, "20-3d-overview")
    panel.get_by_text("站在门口").click()
    page.wait_for_timeout(500)
    shots(page, "21-3d-door-view")
    assert not page.errors, page.errors
