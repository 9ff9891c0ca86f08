"""Honest content through the real command (issue 11, point 3): a required board that would
print 待填写 fails a required rule and is named, with the missing content in words; the demo
passes with complete content; no default is stated as a fact (``branch.full_members``)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import EXAMPLES, ROOT

FULL_COUNT = re.compile(r"正式党员\s*\d+|其中正式党员|\d+\s*full members")


def run(*args):
    return subprocess.run([sys.executable, "-m", "roomplanner", *args], capture_output=True, text=True, cwd=ROOT)


def pdf_text(path: Path) -> str:
    r = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True)
    return r.stdout


@pytest.fixture(scope="module")
def partial(tmp_path_factory):
    """enterprise-9x6: committee and honours given, no rules, no member profiles, no
    full_members (the partly filled-in example)."""
    out = tmp_path_factory.mktemp("partial") / "out"
    r = run("plan", str(EXAMPLES / "enterprise-9x6.yaml"), "-o", str(out))
    return r, out


def test_a_placeholder_fails_the_verdict_and_names_each_board(partial):
    r, out = partial
    assert r.returncode == 1, r.stdout + r.stderr
    first, *rest = r.stdout.splitlines()
    assert first.endswith("— 存在不合规项")
    line = next(l for l in rest if "content.placeholder" in l)
    assert line.startswith("  不合规（必须）content.placeholder：")
    # each board by its Chinese name, the missing content in words first, the field after
    for words in ("（1）党建工作制度——未选定上墙的制度，也未填写制度条文（content.rules、content.boards.rules.text）",
                  "（2）党员风貌栏——未填写党员照片及简介（content.members）",
                  "（3）党费收缴情况——未填写党员名单，表中无法列出姓名（content.members）"):
        assert words in line, line
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["compliant"] is False
    f = next(f for f in report["findings"] if f["rule"] == "content.placeholder")
    assert (f["status"], f["severity"], f["items"]) == ("fail", "required", ["member_style", "party_fee", "rules"])
    text = pdf_text(out / "report.pdf").replace("\n", "")
    assert "结论：不合规" in text
    for name in ("党建工作制度", "党员风貌栏", "党费收缴情况"):
        assert name in text
    assert "未填写党员照片及简介（content.members）" in text


def test_english_names_the_boards_in_english(tmp_path):
    r = run("plan", str(EXAMPLES / "enterprise-9x6.yaml"), "-o", str(tmp_path / "en"), "--lang", "en")
    assert r.returncode == 1
    line = next(l for l in r.stdout.splitlines() if "content.placeholder" in l)
    assert line.startswith("  fail [required] content.placeholder: 3 required board(s) would print a placeholder")
    assert "(2) Members' profiles board (member_style): no members listed with a photo and a short bio (content.members)" \
        in line
    assert not re.search(r"[\u3000-\u9fff\uff00-\uffef]", line), line


def test_the_demo_passes_with_complete_content(tmp_path):
    r = run("demo", "-o", str(tmp_path / "demo"))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines()[0].endswith("— 合规")
    report = json.loads((tmp_path / "demo" / "report.json").read_text(encoding="utf-8"))
    statuses = {f["rule"]: f["status"] for f in report["findings"]}
    assert statuses["content.placeholder"] == "pass"
    assert statuses["content.optional_placeholder"] in ("pass", "not_applicable")


def test_filling_in_the_content_makes_the_same_room_pass(tmp_path):
    """The same room as enterprise-9x6 with the three boards filled in: the verdict turns."""
    data = yaml.safe_load((EXAMPLES / "enterprise-9x6.yaml").read_text(encoding="utf-8"))
    c = data["content"]
    c["rules"] = ["“三会一课”制度", "发展党员制度"]
    c["boards"] = {"rules": {"text": "【发展党员制度】\n按照发展党员工作程序，做好培养、教育和考察（示例）。"}}
    c["members"] = [{"name": "王建国", "role": "书记", "bio": "示例人物。", "photo": "zhang.jpg"}]
    (tmp_path / "zhang.jpg").write_bytes((EXAMPLES / "photos" / "zhang.jpg").read_bytes())
    spec = tmp_path / "spec.yaml"
    spec.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    r = run("plan", str(spec), "-o", str(tmp_path / "out"))
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    f = next(f for f in report["findings"] if f["rule"] == "content.placeholder")
    assert f["status"] == "pass", f["message"]
    assert r.returncode == 0, r.stdout


def _svg_texts(folder: Path) -> str:
    return "\n".join(m for p in sorted(folder.rglob("*.svg"))
                     for m in re.findall(r'data-text="([^"]*)"', p.read_text(encoding="utf-8")))


def _pack_text(out: Path) -> str:
    """Every word of the pack a reader can see: the text of every PDF (boards, proof,
    production list, report, drawings), the SVGs' text, index.html, report.json, the CSVs."""
    parts = [pdf_text(p) for p in sorted(out.rglob("*.pdf"))]
    parts.append(_svg_texts(out))
    for name in ("index.html", "report.json", "installation.csv", "boards/production.csv"):
        if (out / name).exists():
            parts.append((out / name).read_text(encoding="utf-8-sig"))
    return "\n".join(parts)


def test_no_full_member_count_unless_given(partial, tmp_path):
    """enterprise-9x6 gives 25 members and no full_members: no full-member count anywhere. The
    same spec with full_members: 23 prints it (so the search would find it)."""
    _r, out = partial
    board_pdf = pdf_text(out / "boards" / "org_chart.pdf")
    assert "党支部现有党员25名" in board_pdf.replace("\n", "")      # the board PDF is searchable text
    text = _pack_text(out)
    assert not FULL_COUNT.search(text), FULL_COUNT.search(text)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    committee = next(f for f in report["findings"] if f["rule"] == "committee.size")
    assert "未填写正式党员人数" in committee["message"]        # the rule says it assumed

    data = yaml.safe_load((EXAMPLES / "enterprise-9x6.yaml").read_text(encoding="utf-8"))
    data["branch"]["full_members"] = 23
    spec = tmp_path / "spec.yaml"
    spec.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    run("plan", str(spec), "-o", str(tmp_path / "given"))
    given = _pack_text(tmp_path / "given")
    assert "其中正式党员23名" in pdf_text(tmp_path / "given" / "boards" / "org_chart.pdf").replace("\n", "")
    assert FULL_COUNT.search(given)
