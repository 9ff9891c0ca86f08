"""``roomplanner init``: a commented template that loads and plans as it is, for every branch
type and size; uncommenting its content lines gives a valid spec too."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml

from roomplanner.cli import main
from roomplanner.model.spec import load_spec, loads_spec
from roomplanner.spec_template import spec_template
from roomplanner.profiles import known_types
from roomplanner.solver import solve
from tests.cli.langscan import english_words
from tests.conftest import ROOT


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "roomplanner", *args], capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize("t", known_types())
@pytest.mark.parametrize("members", [1, 25, 120])
def test_template_loads_and_solves(t, members):
    for lang in ("zh", "en"):
        spec = loads_spec(spec_template(t, members, lang))
        assert spec.branch.type == t and spec.branch.members == members
        plan = solve(spec)
        assert plan.seating is not None and plan.seating.seats >= members


def uncomment(text: str) -> str:
    """What a user does: delete '# ' at the start of every content line."""
    out, in_content = [], False
    for line in text.splitlines():
        if line.startswith("content:"):
            in_content = True
        elif in_content and re.match(r"^  # [a-z]", line) and not re.match(r"^  # [a-z][a-z ]+[a-z][;,.]", line):
            line = "  " + line[4:]
        elif in_content and line.startswith("  #   ") or in_content and line.startswith("  #  "):
            line = "  " + line[4:]
        out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("t", ["general", "enterprise", "bureau", "village"])
def test_uncommented_content_is_a_valid_spec(t):
    text = uncomment(spec_template(t, 20))
    data = yaml.safe_load(text)
    assert data["content"], text
    spec = loads_spec(text)
    solve(spec)


def test_chinese_template_is_chinese():
    text = spec_template("enterprise", 25)
    comments = "\n".join(line.split("#", 1)[1] for line in text.splitlines() if "#" in line)
    # the comments are for a branch secretary: no English apart from the (commented) YAML itself
    prose = re.sub(r"\{[^}]*\}|\b[a-z_]+:|\[[^\]]*\]|\S+\.(?:md|jpg)\b", " ", comments)
    words = [w for w in english_words(prose) if w not in {"boards", "rules", "day", "wall", "offset"}]
    assert not words, words
    assert "type: 非公有制企业党支部" in text and "kind: 门" in text


def test_init_command_writes_a_file_and_never_replaces_one(tmp_path):
    target = tmp_path / "我的活动室.yaml"
    r = run("init", "--type", "企业", "--members", "30", "-o", str(target))
    assert r.returncode == 0, r.stderr
    assert "已写出" in r.stdout
    spec = load_spec(target)
    assert spec.branch.type == "enterprise" and spec.branch.members == 30
    before = target.read_bytes()
    r = run("init", "-o", str(target))
    assert r.returncode == 2 and "已经存在，不会覆盖它" in r.stderr
    assert target.read_bytes() == before
    # and the template plans through the real command
    out = tmp_path / "out"
    r = run("plan", str(target), "-o", str(out))
    assert r.returncode in (0, 1), r.stderr
    assert (out / "plan.json").is_file() and (out / "index.html").is_file()


def test_init_errors(capsys):
    assert main(["init", "--type", "企业支部"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("--type: 未知的支部类型 '企业支部'（是不是 “企业党支部”")
    assert main(["init", "--members", "0", "--lang", "en"]) == 2
    assert "--members: got 0, expected 1 to" in capsys.readouterr().err


def test_init_prints_to_stdout(capsys):
    assert main(["init", "--type", "school", "--members", "12", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Party activity room spec (roomplanner).")
    assert loads_spec(out).branch.type == "school"
