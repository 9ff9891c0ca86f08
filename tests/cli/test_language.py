"""Every word of the command in the user's language, through the real command: Chinese by
default, English with ``--lang en``, and no fragment of the other language (issue 11)."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from tests.conftest import EXAMPLES, ROOT
from tests.cli.langscan import cjk_runs, english_words

COMMANDS = ["plan", "check", "demo", "init", "profiles", "schema"]


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "roomplanner", *args], capture_output=True, text=True, cwd=cwd)


def zh_clean(text: str):
    words = english_words(text)
    assert not words, f"English in Chinese output: {words}\n{text}"


def en_clean(text: str, allowed=()):
    runs = cjk_runs(text, allowed)
    assert not runs, f"Chinese in English output: {runs}\n{text}"


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_zh_and_en(command):
    args = [command] if command else []
    zh = run(*args, "-h")
    assert zh.returncode == 0, zh.stderr
    assert zh.stdout.startswith("用法：roomplanner") and "显示本帮助并退出" in zh.stdout
    zh_clean(zh.stdout)
    en = run("--lang", "en", *args, "-h")
    assert en.returncode == 0 and en.stdout.startswith("usage: roomplanner")
    en_clean(en.stdout)
    assert zh.stdout != en.stdout


def test_usage_errors_speak_the_language_asked_for():
    r = run("plan")
    assert r.returncode == 2 and "缺少必需的参数" in r.stderr
    zh_clean(r.stderr)
    r = run("plan", "--lang", "en")
    assert r.returncode == 2 and "the following arguments are required" in r.stderr
    en_clean(r.stderr)
    r = run("bogus")
    assert r.returncode == 2 and "无效的选择 'bogus'" in r.stderr
    zh_clean(r.stderr)


BAD = """\
branch: {name: 测试党支部, type: 企业党支, members: 0}
room:
  outline: [[0,0],[9000,0],[9000,6000],[0,6000]]
  heigth: 3000
  openings:
    - {kind: 们, wall: 0, offset: 100, width: 1000, height: 2100}
"""


def test_bad_spec_zh_and_en(tmp_path):
    spec = tmp_path / "bad.yaml"
    spec.write_text(BAD, encoding="utf-8")
    r = run("plan", str(spec), "-o", str(tmp_path / "out"))
    assert r.returncode == 2
    lines = r.stderr.splitlines()
    assert lines[0].endswith("房间规格有 4 处问题：")
    assert "  branch.members: 得到 0，应不小于 1" in lines
    assert "  room.heigth: 未知的键 'heigth'（是不是 'height'？）" in lines
    assert "  room.height: 缺少必填项" in lines
    assert any(l.startswith("  room.openings[0].kind: 得到 '们'，应为 'door'（门）或 'window'（窗）") for l in lines)
    zh_clean(r.stderr)
    r = run("plan", str(spec), "-o", str(tmp_path / "out"), "--lang", "en")
    assert r.returncode == 2
    assert "  branch.members: got 0, expected a value at least 1" in r.stderr.splitlines()
    en_clean(r.stderr, allowed=("们",))
    assert not (tmp_path / "out").exists()


def test_unknown_type_did_you_mean_in_chinese(tmp_path):
    data = yaml.safe_load((EXAMPLES / "school-small.yaml").read_text(encoding="utf-8"))
    data["branch"]["type"] = "企业支部"
    spec = tmp_path / "s.yaml"
    spec.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    r = run("plan", str(spec), "-o", str(tmp_path / "out"))
    assert r.returncode == 2
    assert "branch.type: 未知的支部类型 '企业支部'（是不是 “企业党支部”（enterprise，非公有制企业党支部）？）" in r.stderr
    zh_clean(r.stderr)


def test_full_width_colon_names_its_line_and_column(tmp_path):
    text = (EXAMPLES / "school-small.yaml").read_text(encoding="utf-8").replace("\nroom:", "\nroom：", 1)
    line = text.splitlines().index("room：") + 1
    spec = tmp_path / "fw.yaml"
    spec.write_text(text, encoding="utf-8")
    r = run("plan", str(spec), "-o", str(tmp_path / "out"))
    assert r.returncode == 2
    assert f"spec: 不是有效的 YAML：第 {line} 行第 5 列用了全角冒号“：”，要改用半角“:”，后面加一个空格（例如 room: ）" in r.stderr
    zh_clean(r.stderr)
    r = run("plan", str(spec), "-o", str(tmp_path / "out"), "--lang", "en")
    assert f"a full-width colon '：' at line {line} column 5; use an ASCII ':' followed by a space" in r.stderr
    en_clean(r.stderr)


def test_yaml_error_without_full_width_punctuation(tmp_path):
    spec = tmp_path / "s.yaml"
    spec.write_text("branch:\n  name: x\n\ttype: general\n", encoding="utf-8")
    r = run("plan", str(spec), "-o", str(tmp_path / "out"))
    assert "spec: 不是有效的 YAML：第 3 行第 1 列用了 Tab 键缩进；缩进只能用半角空格" in r.stderr
    spec.write_text("branch: {name: x, type: general\nroom: 1\n", encoding="utf-8")
    r = run("plan", str(spec), "-o", str(tmp_path / "out"))
    assert "spec: 不是有效的 YAML：第 2 行第 5 列：花括号 {…} 里的各项之间要用半角逗号“,”隔开" in r.stderr
    zh_clean(r.stderr)


def test_output_folder_errors(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    r = run("plan", str(EXAMPLES / "school-small.yaml"), "-o", str(tmp_path))
    assert r.returncode == 2 and "不是 roomplanner 写出的文件（keep.txt）" in r.stderr
    zh_clean(r.stderr)
    r = run("plan", str(EXAMPLES / "school-small.yaml"), "-o", str(tmp_path), "--lang", "en")
    assert r.returncode == 2 and "holds files roomplanner did not write (keep.txt)" in r.stderr
    en_clean(r.stderr)


def test_plan_file_errors(tmp_path):
    p = tmp_path / "plan.json"
    p.write_text('{"schema_version": "1.0", "spec": 3}', encoding="utf-8")
    from roomplanner.errors import PlanFileError
    from roomplanner.model.plan import load_plan
    with pytest.raises(PlanFileError) as ei:
        load_plan(p)
    text = str(ei.value)
    assert "方案文件有" in text and "spec: 得到 3（整数），应为键值映射" in text
    zh_clean(text)
    with pytest.raises(PlanFileError) as ei:
        load_plan(p, lang="en")
    assert "spec: got 3 (int), expected a mapping of keys" in str(ei.value)
    en_clean(str(ei.value))
    assert {"path": "spec", "message": "got 3 (int), expected a mapping of keys"} in ei.value.details


def test_content_error_from_a_photo(tmp_path):
    import shutil
    shutil.copytree(EXAMPLES / "photos", tmp_path / "photos")
    data = yaml.safe_load((EXAMPLES / "general-full-content.yaml").read_text(encoding="utf-8"))
    data["content"]["members"][0]["photo"] = "photos/nobody.jpg"
    spec = tmp_path / "spec.yaml"
    spec.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    r = run("plan", str(spec), "-o", str(tmp_path / "out"))
    assert r.returncode == 2
    assert "内容无法使用：content.members[0].photo: 'photos/nobody.jpg' 在规格文件所在的文件夹里不存在" in r.stderr
    zh_clean(r.stderr)
    r = run("plan", str(spec), "-o", str(tmp_path / "out"), "--lang", "en")
    assert "invalid content: content.members[0].photo: 'photos/nobody.jpg' does not exist in the spec's folder" in r.stderr
    en_clean(r.stderr)


def test_summary_line_and_chinese_type_name(tmp_path):
    data = yaml.safe_load((EXAMPLES / "enterprise-9x6.yaml").read_text(encoding="utf-8"))
    data["branch"]["type"] = "企业"
    spec = tmp_path / "spec.yaml"
    spec.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    r = run("plan", str(spec), "-o", str(tmp_path / "zh"))
    assert r.returncode in (0, 1), r.stderr
    first = r.stdout.splitlines()[0]
    assert "星火科技有限公司党支部 — 主墙面为第" in first and first.endswith(("— 合规", "— 存在不合规项"))
    zh_clean(first)
    import json
    assert json.loads((tmp_path / "zh" / "plan.json").read_text(encoding="utf-8"))["spec"]["branch"]["type"] == \
        "enterprise"
    r = run("plan", str(spec), "-o", str(tmp_path / "en"), "--lang", "en")
    first = r.stdout.splitlines()[0]
    assert " — main wall " in first and first.endswith(("— compliant", "— findings fail"))
    en_clean(first, allowed=("星火科技有限公司党支部",))
    # the labels of every further line are in the language asked for
    for line in r.stdout.splitlines()[1:]:
        assert line.startswith(("  note: ", "  fail [", "  to review ")), line


def test_infeasible_error_renders_bilingual_messages():
    from roomplanner.errors import InfeasibleError
    from roomplanner.i18n import Text
    e = InfeasibleError(Text("房间太小，坐不下 28 名党员", "the room cannot seat 28 members"), ["seats.for_members"],
                        [Text("换一间更大的房间", "use a larger room")])
    assert e.message() == "无法布置：房间太小，坐不下 28 名党员\n冲突的规则：seats.for_members\n可以这样改：\n- 换一间更大的房间"
    assert e.message("en") == ("infeasible: the room cannot seat 28 members\nrules in conflict: seats.for_members\n"
                               "options:\n- use a larger room")
    assert str(e) == "infeasible: the room cannot seat 28 members [rules: seats.for_members]; options: use a larger room"
