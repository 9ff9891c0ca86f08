"""Hostile and absurd input: exit code 2, a clear message, nothing read outside the folder."""

from __future__ import annotations

import builtins
import io
import json
import os
from pathlib import Path

import pytest

from roomplanner.compliance.command import run_check_command
from roomplanner.compliance.safety import (MAX_PHOTO_PIXELS, load_plan_for_check, loads_plan_for_check,
                                           unsafe_path_reason)
from roomplanner.errors import PlanFileError

from .factories import general_plan, png_header_only, rect, tiny_png
from .helpers import write_plan


def run(paths, **kw):
    # the messages these tests read are the English ones (`--lang en`); Chinese is the default
    # and is tested in tests/cli/test_language.py
    kw.setdefault("lang", "en")
    out, err = io.StringIO(), io.StringIO()
    rc = run_check_command([str(p) for p in paths], stdout=out, stderr=err, **kw)
    return rc, out.getvalue(), err.getvalue()


def expect_invalid(path: Path, *words: str):
    rc, out, err = run([path])
    assert rc == 2, (out, err)
    assert "ERROR" in out
    text = out + err
    for w in words:
        assert w in text, text
    assert "Traceback" not in text
    return text


def test_not_json(tmp_path):
    p = tmp_path / "plan.json"
    p.write_text("{this is not json", encoding="utf-8")
    expect_invalid(p, "not valid JSON")


def test_binary_garbage(tmp_path):
    p = tmp_path / "plan.json"
    p.write_bytes(bytes(range(256)) * 10)
    expect_invalid(p)


def test_wrong_types(tmp_path):
    data = general_plan()
    data["wall_items"][0]["offset"] = "middle"
    data["spec"]["branch"]["members"] = 12.5
    text = expect_invalid(write_plan(tmp_path, data), "wall_items[0].offset", "spec.branch.members")


def test_missing_file(tmp_path):
    expect_invalid(tmp_path / "nope.json", "not found")


def test_one_km_room(tmp_path):
    data = general_plan()
    data["spec"]["room"]["outline"] = rect(0, 0, 1_000_000, 6000)
    expect_invalid(write_plan(tmp_path, data), "outline")


def test_room_wider_than_100m(tmp_path):
    # 150 m across: within the 200 m coordinate limit, beyond the 100 m room limit that specs
    # and plans share
    data = general_plan()
    data["spec"]["room"]["outline"] = rect(-75_000, 0, 75_000, 6000)
    expect_invalid(write_plan(tmp_path, data), "100 m")


def test_a_million_items(tmp_path):
    data = general_plan()
    data["floor_items"] = [data["floor_items"][0]] * 1_000_000
    p = tmp_path / "plan.json"
    p.write_text(json.dumps(data), encoding="utf-8")
    expect_invalid(p)      # too large a file (8 MiB cap) or too many items


def test_many_items_small_file(tmp_path):
    data = general_plan()
    data["floor_items"] = [{}] * 1_000_000
    p = tmp_path / "plan.json"
    p.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    expect_invalid(p, "floor_items")


def test_deep_nesting(tmp_path):
    p = tmp_path / "plan.json"
    p.write_text('{"spec": ' + "[" * 5000 + "]" * 5000 + "}", encoding="utf-8")
    expect_invalid(p, "nested too deeply")


def test_huge_integer(tmp_path):
    data = general_plan()
    data["spec"]["room"]["outline"][1][0] = 10 ** 400
    p = write_plan(tmp_path, data)
    expect_invalid(p, "too large")


def test_nan(tmp_path):
    p = tmp_path / "plan.json"
    p.write_text(json.dumps(general_plan()).replace('"offset": 6500', '"offset": NaN'), encoding="utf-8")
    expect_invalid(p)


def test_self_crossing_footprint(tmp_path):
    data = general_plan()
    data["floor_items"][0]["footprint"] = [[0, 0], [1000, 1000], [1000, 0], [0, 1000]]
    expect_invalid(write_plan(tmp_path, data), "crosses itself")


def test_stands_on_nothing(tmp_path):
    data = general_plan()
    data["floor_items"][0].update(mount="on", on="ghost")
    expect_invalid(write_plan(tmp_path, data), "ghost")


def test_stands_on_itself_in_a_cycle(tmp_path):
    data = general_plan()
    data["floor_items"][0].update(mount="on", on="chair-1")
    data["floor_items"][1].update(mount="on", on="table-1")
    expect_invalid(write_plan(tmp_path, data), "cycle")


@pytest.mark.parametrize("photo,word", [
    ("../../etc/passwd", "'..'"),
    ("/etc/passwd", "absolute"),
    ("C:\\Windows\\win.ini", "absolute"),
    ("photos/../../secret.png", "'..'"),
    ("~/x.png", "absolute"),
])
def test_photo_paths_outside_the_folder(tmp_path, photo, word):
    data = general_plan()
    data["spec"]["content"]["honors"][1]["photo"] = photo
    expect_invalid(write_plan(tmp_path, data), word)


def test_photo_symlink_out_of_the_folder(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.png").write_bytes(tiny_png())
    folder = tmp_path / "plan"
    data = general_plan()
    data["spec"]["content"]["honors"][1]["photo"] = "photos/link.png"
    p = write_plan(folder, data)
    os.symlink(outside / "secret.png", folder / "photos" / "link.png")
    expect_invalid(p, "outside the plan's folder")


def test_photo_folder_symlink_out(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "zhangsan.png").write_bytes(tiny_png())
    folder = tmp_path / "plan"
    folder.mkdir()
    os.symlink(outside, folder / "photos")
    data = general_plan()
    p = folder / "plan.json"
    p.write_text(json.dumps(data), encoding="utf-8")
    expect_invalid(p, "outside the plan's folder")


def test_photo_symlink_inside_the_folder_is_fine(tmp_path):
    folder = tmp_path / "plan"
    data = general_plan()
    data["spec"]["content"]["honors"][1]["photo"] = "photos/alias.png"
    p = write_plan(folder, data)
    os.symlink(folder / "photos" / "zhangsan.png", folder / "photos" / "alias.png")
    rc, out, err = run([p])
    assert rc == 0, out + err


def test_image_bomb_is_refused_from_its_header(tmp_path, monkeypatch):
    folder = tmp_path / "plan"
    data = general_plan()
    p = write_plan(folder, data)
    (folder / "photos" / "zhangsan.png").write_bytes(png_header_only(100_000, 100_000))
    # the header is enough: no pixel data may be decoded
    from PIL import ImageFile
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: pytest.fail("decoded an image"))
    expect_invalid(p, "pixels")


def test_image_just_over_the_limit(tmp_path):
    folder = tmp_path / "plan"
    p = write_plan(folder, general_plan())
    side = int(MAX_PHOTO_PIXELS ** 0.5) + 1
    (folder / "photos" / "zhangsan.png").write_bytes(png_header_only(side, side))
    expect_invalid(p, "pixels")


def test_photo_that_is_not_an_image(tmp_path):
    folder = tmp_path / "plan"
    p = write_plan(folder, general_plan())
    (folder / "photos" / "zhangsan.png").write_text("#!/bin/sh\necho hi\n")
    expect_invalid(p, "not a JPEG or PNG")


def test_nothing_outside_the_folder_is_opened(tmp_path, monkeypatch):
    folder = tmp_path / "plan"
    data = general_plan()
    data["spec"]["content"]["honors"][1]["photo"] = "../outside.png"
    (tmp_path / "outside.png").write_bytes(tiny_png())
    p = write_plan(folder, data)
    opened = []
    real_open = builtins.open

    def spy(file, *a, **k):
        opened.append(os.path.realpath(str(file)) if isinstance(file, (str, os.PathLike)) else file)
        return real_open(file, *a, **k)

    monkeypatch.setattr(builtins, "open", spy)
    with pytest.raises(PlanFileError):
        load_plan_for_check(p)
    assert str(tmp_path / "outside.png") not in opened


def test_unsafe_path_reason():
    assert unsafe_path_reason("photos/a.png") is None
    assert unsafe_path_reason("a b/照片.jpg") is None
    for bad in ("", "/a", "..", "a/../../b", "\\\\server\\share\\a.png", "C:/a.png", "a\x00b"):
        assert unsafe_path_reason(bad), bad


def test_loads_without_folder_reads_no_photo():
    data = general_plan()
    data["spec"]["content"]["honors"][1]["photo"] = "photos/does-not-matter.png"
    plan = loads_plan_for_check(json.dumps(data))
    from roomplanner.compliance import check
    r = check(plan)
    assert r.status("honor.photos") == "pass"
    assert "未核对" in r.finding("honor.photos").message


def test_an_invalid_plan_in_a_batch_does_not_stop_it(tmp_path):
    good = write_plan(tmp_path / "a", general_plan())
    bad = tmp_path / "b.json"
    bad.write_text("[]", encoding="utf-8")
    rc, out, err = run([good, bad])
    assert rc == 2
    assert out.count("\n") >= 3 and "OK" in out and "ERROR" in out


def test_invalid_plan_is_reported_in_chinese_by_default(tmp_path):
    p = tmp_path / "plan.json"
    p.write_text("{this is not json", encoding="utf-8")
    rc, out, err = run([p], lang=None)
    assert rc == 2
    assert "无效方案：" in out and "不是有效的 JSON" in out and "invalid plan" not in out
