"""Batch checking: process pool, summary lines, CSV, exit codes, folders."""

from __future__ import annotations

import csv
import io
import shutil

from roomplanner.compliance.batch import ProgressBar, check_many, expand_paths
from roomplanner.compliance.command import run_check_command

from .factories import general_plan, item
from .helpers import FIXTURES, write_plan


def test_pool_gives_the_same_reports_as_one_process():
    files = sorted(str(p) for p in FIXTURES.glob("*.json"))[:30]
    one = check_many(files, jobs=1)
    two = check_many(files, jobs=2)
    assert [o.path for o in two] == files
    assert [o.report.to_json() for o in one] == [o.report.to_json() for o in two]


def test_summary_lines_csv_and_exit_codes(tmp_path):
    ok = write_plan(tmp_path / "ok", general_plan())
    bad_data = general_plan()
    item(bad_data, "flag")["offset"] += 100
    item(bad_data, "oath")["offset"] += 100          # the oath stays on the flag's axis
    bad = write_plan(tmp_path / "bad", bad_data)
    out, err = io.StringIO(), io.StringIO()
    assert run_check_command([str(ok)], stdout=out, stderr=err) == 0
    out, err = io.StringIO(), io.StringIO()
    rc = run_check_command([str(ok), str(bad)], csv=str(tmp_path / "s.csv"), stdout=out, stderr=err, jobs=2)
    assert rc == 1
    lines = out.getvalue().strip().splitlines()
    assert lines[0].startswith("OK\t") and lines[1].startswith("FAIL\t") and "flag.centred" in lines[1]
    assert len(lines) == 3       # one per plan and the total
    assert err.getvalue() == ""  # no progress bar when stderr is not a terminal
    raw = (tmp_path / "s.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["status"] for r in rows] == ["ok", "fail"]
    assert rows[1]["failed_rules"] == "flag.centred" and rows[1]["fail_required"] == "1"


def test_folders_expand(tmp_path):
    write_plan(tmp_path / "out1", general_plan())                   # a `roomplanner plan` output folder
    (tmp_path / "out1" / "report.json").write_text("{}", encoding="utf-8")
    write_plan(tmp_path / "many", general_plan(), name="a.json")
    write_plan(tmp_path / "many", general_plan(), name="b.json")
    (tmp_path / "many" / "report.json").write_text("{}", encoding="utf-8")
    files = expand_paths([tmp_path / "out1", tmp_path / "many"])
    assert [f.rsplit("/", 2)[-2:] for f in files] == [["out1", "plan.json"], ["many", "a.json"], ["many", "b.json"]]


def test_progress_bar_only_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self):
            return True
    s = io.StringIO()
    bar = ProgressBar(s)
    bar(1, 10)
    assert s.getvalue() == ""
    t = Tty()
    bar = ProgressBar(t)
    for i in range(1, 11):
        bar(i, 10)
    assert "10/10" in t.getvalue() and t.getvalue().endswith("\n")


def test_a_folder_of_fixtures(tmp_path):
    d = tmp_path / "fx"
    d.mkdir()
    for p in sorted(FIXTURES.glob("pass-flag*.json")):
        shutil.copy(p, d / p.name)
    shutil.copytree(FIXTURES / "photos", d / "photos")
    out, err = io.StringIO(), io.StringIO()
    rc = run_check_command([str(d)], stdout=out, stderr=err, jobs=2)
    assert rc == 0, out.getvalue()
