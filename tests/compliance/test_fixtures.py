"""The conformance suite: every fixture in tests/fixtures/check/ through the real command.

A fixture ``<status>-<rule>[-<what>].json`` must give ``status`` for ``rule`` (``na`` is
``not_applicable``); see make_fixtures.py."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from roomplanner.compliance import RULES
from roomplanner.compliance.command import run_check_command

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "check"
STATUS = {"pass": "pass", "fail": "fail", "review": "review", "na": "not_applicable"}


def parse_name(name: str) -> tuple[str, str]:
    status, rest = name.split("-", 1)
    rule = rest.split("-", 1)[0]
    return STATUS[status], rule


FILES = sorted(FIXTURES.glob("*.json"))


def _make_fixtures_module():
    spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def run_json(path: Path) -> tuple[int, dict, str]:
    out, err = io.StringIO(), io.StringIO()
    rc = run_check_command([str(path)], json_out=True, stdout=out, stderr=err)
    return rc, json.loads(out.getvalue()), err.getvalue()


def test_there_are_fixtures():
    assert len(FILES) > 100


@pytest.mark.parametrize("path", FILES, ids=[f.stem for f in FILES])
def test_fixture(path: Path):
    want, rule = parse_name(path.stem)
    assert rule in RULES, f"{path.name} names unknown rule {rule}"
    rc, report, err = run_json(path)
    statuses = {f["rule"]: f for f in report["findings"]}
    assert set(statuses) == set(RULES), "every rule reports for every plan"
    got = statuses[rule]
    assert got["status"] == want, f"{rule}: {got['status']} ({got['message']})"
    # the exit code agrees with the report
    assert rc == (0 if report["compliant"] else 1)
    assert report["compliant"] == (not any(f["status"] == "fail" and f["severity"] == "required"
                                           for f in report["findings"]))


def test_every_rule_has_a_fixture_for_each_outcome():
    have: dict[str, set[str]] = {}
    for f in FILES:
        st, rule = parse_name(f.stem)
        have.setdefault(rule, set()).add(st)
    for rid, r in RULES.items():
        for outcome in r.outcomes:
            assert outcome in have.get(rid, set()), f"no {outcome}- fixture for {rid}"


def test_fixture_names_are_unique_per_rule_and_known():
    for f in FILES:
        st, rule = parse_name(f.stem)
        assert rule in RULES


def test_committed_fixtures_equal_generated():
    mod = _make_fixtures_module()
    gen = mod.fixtures()
    assert sorted(gen) == sorted(f.stem for f in FILES), "run tests/fixtures/check/make_fixtures.py"
    for name, plan in gen.items():
        text = json.dumps(plan, ensure_ascii=False, indent=2) + "\n"
        assert (FIXTURES / f"{name}.json").read_text(encoding="utf-8") == text, name
    assert (FIXTURES / "photos" / "zhangsan.png").read_bytes() == mod.tiny_png()


BOUNDARY = [
    ("pass-area.minimum-exactly-30.00m2-19-members", "area.minimum", "pass", 30.0),
    ("fail-area.minimum-29.99m2-19-members", "area.minimum", "fail", 29.99),
    ("pass-area.minimum-40m2-19-members", "area.minimum", "pass", 40.0),
    ("fail-area.minimum-40m2-20-members", "area.minimum", "fail", 40.0),
    ("fail-flag.centred-plus6mm", "flag.centred", "fail", 6.0),
    ("pass-flag.centred-plus4mm", "flag.centred", "pass", 4.0),
    ("pass-flag.centred-minus5mm", "flag.centred", "pass", 5.0),
]


@pytest.mark.parametrize("name,rule,status,measured", BOUNDARY)
def test_boundaries(name, rule, status, measured):
    _, report, _ = run_json(FIXTURES / f"{name}.json")
    f = next(f for f in report["findings"] if f["rule"] == rule)
    assert f["status"] == status
    assert f["measured"] == pytest.approx(measured, abs=1e-6)


def _cli_available() -> bool:
    return (ROOT / "roomplanner" / "__main__.py").is_file() and (ROOT / "roomplanner" / "cli.py").is_file()


@pytest.mark.skipif(not _cli_available(), reason="the CLI is not there yet")
@pytest.mark.parametrize("name", ["fail-flag.centred-plus6mm", "pass-flag.centred-plus4mm",
                                  "fail-passage.width-750mm-gap", "review-committee.size-6"])
def test_fixture_through_python_m_roomplanner(name):
    want, rule = parse_name(name)
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run([sys.executable, "-m", "roomplanner", "check", str(FIXTURES / f"{name}.json"), "--json"],
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=str(ROOT), timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    report = json.loads(proc.stdout)
    assert next(f for f in report["findings"] if f["rule"] == rule)["status"] == want
