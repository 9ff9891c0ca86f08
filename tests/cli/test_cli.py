"""The command: exit codes, nothing written on bad input, deterministic plan.json."""

import json
import os
import subprocess
import sys

import pytest

from roomplanner.cli import main
from tests.conftest import EXAMPLES, ROOT


def run(*args):
    return subprocess.run([sys.executable, "-m", "roomplanner", *args], capture_output=True, text=True, cwd=ROOT)


def test_plan_writes_plan_json(tmp_path):
    out = tmp_path / "out"
    rc = main(["plan", str(EXAMPLES / "enterprise-9x6.yaml"), "-o", str(out)])
    assert rc == 1      # three of its boards would print 待填写: content.placeholder fails (issue 11)
    plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    assert plan["schema_version"] == "1.0" and plan["profile"] == "enterprise"
    assert {i["role"] for i in plan["wall_items"]} >= {"flag", "oath", "nature", "door_sign", "branch_plaque"}
    assert not list(tmp_path.glob(".out.tmp-*"))


def test_plan_is_byte_identical(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    main(["plan", str(EXAMPLES / "bureau-l-shape.yaml"), "-o", str(a)])
    main(["plan", str(EXAMPLES / "bureau-l-shape.yaml"), "-o", str(b)])
    assert (a / "plan.json").read_bytes() == (b / "plan.json").read_bytes()


def test_bad_spec_exit_2_writes_nothing(tmp_path):
    spec = tmp_path / "bad.yaml"
    spec.write_text("branch: {name: x, type: nope, members: 0}\nroom: {outline: [[0,0]], height: 3000}\n",
                    encoding="utf-8")
    out = tmp_path / "out"
    r = run("plan", str(spec), "-o", str(out))
    assert r.returncode == 2
    assert "branch.members: 得到 0，应不小于 1" in r.stderr and "房间规格有" in r.stderr
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["bad.yaml"]


def test_infeasible_exit_3_names_rules(tmp_path):
    # exit 3 only when no main wall can take the flag and the oath (here the user's wall has a
    # window across its centre)
    out = tmp_path / "out"
    r = run("plan", str(EXAMPLES / "general-narrow-main-wall.yaml"), "-o", str(out))
    assert r.returncode == 3
    assert r.stderr.startswith("无法布置：") and "冲突的规则：" in r.stderr and "flag.centred" in r.stderr
    assert not out.exists()
    r = run("plan", str(EXAMPLES / "general-narrow-main-wall.yaml"), "-o", str(out), "--lang", "en")
    assert r.returncode == 3
    assert r.stderr.startswith("infeasible: ") and "rules in conflict: " in r.stderr and "flag.centred" in r.stderr
    assert not out.exists()


def test_too_small_room_exit_1_with_every_file(tmp_path):
    # a room that cannot seat every member gets the best plan it allows; the report fails the rule
    out = tmp_path / "out"
    r = run("plan", str(EXAMPLES / "enterprise-too-small.yaml"), "-o", str(out))
    assert r.returncode == 1, r.stderr
    assert "seats.for_members" in r.stdout
    assert (out / "plan.json").is_file() and (out / "report.json").is_file() and (out / "elevations.pdf").is_file()


def test_refuses_foreign_non_empty_folder(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    r = run("plan", str(EXAMPLES / "school-small.yaml"), "-o", str(tmp_path))
    assert r.returncode == 2 and "不是 roomplanner 写出的文件（keep.txt）" in r.stderr
    assert (tmp_path / "keep.txt").read_text() == "mine"


def test_never_replaces_a_folder_holding_the_users_files(tmp_path):
    """A folder that once held our output, now also holding the spec and a note, is refused."""
    import shutil
    out = tmp_path / "out"
    assert main(["plan", str(EXAMPLES / "general-full-content.yaml"), "-o", str(out)]) == 0
    shutil.copy(EXAMPLES / "general-full-content.yaml", out / "spec.yaml")
    shutil.copytree(EXAMPLES / "photos", out / "photos", dirs_exist_ok=True)
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    r = run("plan", str(out / "spec.yaml"), "-o", str(out))
    assert r.returncode == 2 and "（notes.txt, spec.yaml）" in r.stderr
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine" and (out / "spec.yaml").exists()


def test_rerun_replaces_own_output(tmp_path):
    out = tmp_path / "out"
    # a spec with complete content (exit 0); school-small's boards would print 待填写 (exit 1)
    assert main(["plan", str(EXAMPLES / "general-full-content.yaml"), "-o", str(out)]) == 0
    first = (out / "plan.json").read_bytes()
    assert main(["plan", str(EXAMPLES / "general-full-content.yaml"), "-o", str(out)]) == 0
    assert (out / "plan.json").read_bytes() == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]     # no leftovers


@pytest.mark.parametrize("target", ["file", "under-a-file"])
def test_unwritable_target_exit_2_without_leftovers(tmp_path, target):
    f = tmp_path / "a-file"
    f.write_text("x")
    out = f if target == "file" else f / "sub"
    r = run("plan", str(EXAMPLES / "school-small.yaml"), "-o", str(out))
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr and r.stderr.startswith("-o: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_demo(tmp_path):
    out = tmp_path / "demo"
    assert main(["demo", "-o", str(out)]) == 0
    plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    assert plan["spec"]["branch"]["type"] == "enterprise"          # typed as 企业 in the example
    assert plan["spec"]["branch"]["name"] == "示例科技有限公司党支部"


def test_profiles_lists_types_and_sources(capsys):
    assert main(["profiles"]) == 0
    out = capsys.readouterr().out
    for t in ("general", "enterprise", "bureau", "rural-committee", "village", "community", "organ",
              "university", "school"):
        assert t in out
    assert "依据：000 doc1" in out and "企业党支部" in out


def test_schema(capsys):
    assert main(["schema"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "branch" in data["spec"]["properties"] and "wall_items" in data["plan"]["properties"]


def test_usage_error_exit_2():
    r = run("plan")
    assert r.returncode == 2


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_every_example_is_a_valid_spec(name):
    from roomplanner.model.spec import load_spec
    load_spec(EXAMPLES / name)


def test_examples_cover_every_profile():
    import yaml
    from roomplanner.profiles import known_types
    types = {yaml.safe_load((p).read_text(encoding="utf-8"))["branch"]["type"] for p in EXAMPLES.glob("*.yaml")}
    assert types >= set(known_types())


def test_api_all():
    import roomplanner
    for name in roomplanner.__all__:
        assert hasattr(roomplanner, name), name


def test_plan_exit_1_when_findings_fail_and_files_still_written(tmp_path):
    out = tmp_path / "out"
    r = run("plan", str(EXAMPLES / "enterprise-under-area.yaml"), "-o", str(out))
    assert r.returncode == 1, r.stderr
    assert "area.minimum" in r.stdout
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["compliant"] is False
    for name in ("plan.json", "report.pdf", "floorplan.pdf", "elevations.pdf", "installation.csv"):
        assert (out / name).stat().st_size > 0, name


def test_check_exit_codes_on_real_outputs(tmp_path):
    good, bad = tmp_path / "good", tmp_path / "bad"
    assert main(["plan", str(EXAMPLES / "general-full-content.yaml"), "-o", str(good)]) == 0
    r = run("check", str(good / "plan.json"), "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["compliant"] is True
    # move the flag off centre by hand: the checker recomputes and fails it
    plan = json.loads((good / "plan.json").read_text(encoding="utf-8"))
    for item in plan["wall_items"]:
        if item["role"] in ("flag", "oath"):           # the oath stays on the flag's axis
            item["offset"] += 6
    bad.mkdir()
    import shutil
    shutil.copytree(good / "photos", bad / "photos")          # the honours' photos travel with the plan
    (bad / "plan.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    r = run("check", str(bad / "plan.json"), "--json")
    assert r.returncode == 1
    failing = [f["rule"] for f in json.loads(r.stdout)["findings"] if f["status"] == "fail"]
    assert failing == ["flag.centred"]
    (bad / "plan.json").write_text("{not json", encoding="utf-8")
    r = run("check", str(bad / "plan.json"))
    assert r.returncode == 2 and "不是有效的 JSON" in r.stderr


def test_photos_are_bundled_and_the_output_checks_on_its_own(tmp_path):
    out = tmp_path / "out"
    assert main(["plan", str(EXAMPLES / "general-full-content.yaml"), "-o", str(out)]) == 0
    plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    photos = [h["photo"] for h in plan["spec"]["content"]["honors"] if h["photo"]]
    assert photos == ["photos/honor-2.jpg", "photos/honor-3.jpg"]
    for p in photos:
        assert (out / p).read_bytes() == (EXAMPLES / "photos" / ("wang.jpg" if p.endswith("2.jpg") else "li.jpg")).read_bytes()
    # the folder can be moved and checked on its own
    moved = tmp_path / "elsewhere"
    out.rename(moved)
    r = run("check", str(moved / "plan.json"), "--json")
    assert r.returncode == 0, r.stderr
    statuses = {f["rule"]: f["status"] for f in json.loads(r.stdout)["findings"]}
    assert statuses["honor.photos"] == "pass"


def test_photo_outside_the_spec_folder_is_refused(tmp_path):
    import yaml
    data = yaml.safe_load((EXAMPLES / "general-full-content.yaml").read_text(encoding="utf-8"))
    data["content"]["honors"][1]["photo"] = "../../etc/passwd"
    spec = tmp_path / "spec.yaml"
    spec.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out"
    r = run("plan", str(spec), "-o", str(out))
    assert r.returncode == 2
    assert "content.honors[1].photo" in r.stderr and "向上跳出了文件夹" in r.stderr
    assert not out.exists()
    r = run("plan", str(spec), "-o", str(out), "--lang", "en")
    assert r.returncode == 2
    assert "content.honors[1].photo" in r.stderr and "goes up a folder" in r.stderr
    assert not out.exists()


def test_csv_cells_are_not_formulas(tmp_path):
    import csv
    import yaml
    data = yaml.safe_load((EXAMPLES / "enterprise-9x6.yaml").read_text(encoding="utf-8"))
    data["branch"]["name"] = "=HYPERLINK(\"http://x\",\"支部\")"
    spec = tmp_path / "spec.yaml"
    spec.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["plan", str(spec), "-o", str(out)]) == 1     # enterprise-9x6: boards print 待填写
    for name in ("installation.csv", "boards/production.csv"):
        text = (out / name).read_text(encoding="utf-8-sig")
        cells = [c for row in csv.reader(text.splitlines()) for c in row]
        assert not any(c.startswith(("=", "+", "@")) for c in cells), name
        assert any(c.startswith("'=HYPERLINK") for c in cells), name


def test_demo_example_has_complete_content():
    """The demo spec fills every board of its profile: no board prints a 待填写 placeholder."""
    from roomplanner.model.spec import load_spec
    from roomplanner.content.boards import printable_items, resolve_content
    from roomplanner.solver import solve
    from roomplanner.cli import DEMO_SPEC

    plan = solve(load_spec(EXAMPLES / DEMO_SPEC))
    statuses = {it.id: resolve_content(plan, it).status for it in printable_items(plan)}
    assert len(statuses) >= 10
    assert all(s != "placeholder" for s in statuses.values()), statuses
    text = (EXAMPLES / DEMO_SPEC).read_text(encoding="utf-8")
    assert "虚构" in text.splitlines()[1]       # says so at the top: the branch and people are fictional


def test_lang_is_honoured_before_the_spec_is_read(tmp_path):
    r = run("plan", str(tmp_path / "missing.yaml"), "-o", str(tmp_path / "out"))
    assert r.returncode == 2 and "找不到文件" in r.stderr
    r = run("--lang", "en", "plan", str(tmp_path / "missing.yaml"), "-o", str(tmp_path / "out"))
    assert r.returncode == 2 and "file not found" in r.stderr


def test_the_script_tunes_only_one_shot_commands():
    """``run()`` (the ``roomplanner`` script) leaves a long-lived ``serve`` as a plain process;
    it finds the sub-command past the global ``--lang`` and its value."""
    from roomplanner.cli import ONE_SHOT, _command_of

    assert _command_of(["plan", "room.yaml", "-o", "out"]) == "plan"
    assert _command_of(["--lang", "en", "serve", "--port", "8000"]) == "serve"
    assert _command_of(["--lang", "plan", "serve"]) == "serve"    # "plan" is --lang's (bad) value here
    assert _command_of(["--lang=en", "check", "plan.json"]) == "check"
    assert _command_of(["--help"]) is None
    assert "serve" not in ONE_SHOT and {"plan", "demo", "check"} <= set(ONE_SHOT)


@pytest.mark.parametrize("command, user, expected", [
    ("plan", None, ["__all__", "1"]), ("plan", "4", ["__all__", "4"]), ("serve", None, [None, None])])
def test_the_script_runs_numpy_on_one_thread_unless_the_user_chose(command, user, expected):
    """For a one-shot command, ``run()`` switches pydantic's plugin look-up off and keeps
    OpenBLAS to one thread, unless the user set the variable himself; ``serve`` is left alone."""
    probe = ("import json, os, sys\nimport roomplanner.cli as cli\n"
             "def main():\n"
             "    print(json.dumps([os.environ.get('PYDANTIC_DISABLE_PLUGINS'), os.environ.get('OPENBLAS_NUM_THREADS')]))\n"
             "    return 0\n"
             f"cli.main = main\nsys.argv = ['roomplanner', {command!r}]\ncli.run()")
    env = {k: v for k, v in os.environ.items() if k not in ("PYDANTIC_DISABLE_PLUGINS", "OPENBLAS_NUM_THREADS")}
    if user is not None:
        env["OPENBLAS_NUM_THREADS"] = user
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT,
                       env=dict(env, PYTHONPATH=str(ROOT)))
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == expected


def test_plan_leaves_a_callers_frozen_objects_frozen(tmp_path):
    """``main`` freezes what exists once the plan is solved and unfreezes it afterwards; a
    program that froze objects of its own before calling it finds them still frozen (out of
    the collector's generations), and without one nothing stays frozen."""
    probe = ("import gc, contextlib, io, json\nfrom roomplanner.cli import main\n"
             "def frozen(objs):\n"
             "    seen = {id(o) for o in gc.get_objects()}\n"
             "    return all(gc.is_tracked(o) and id(o) not in seen for o in objs)\n"
             "keep = [[] for _ in range(100)]\ngc.freeze()\nbefore = frozen(keep)\n"
             "with contextlib.redirect_stdout(io.StringIO()):\n"
             f"    rc = main(['plan', {str(EXAMPLES / 'enterprise-9x6.yaml')!r}, '-o', {str(tmp_path / 'a')!r}])\n"
             "after = frozen(keep)\ngc.unfreeze()\n"
             "with contextlib.redirect_stdout(io.StringIO()):\n"
             f"    main(['plan', {str(EXAMPLES / 'enterprise-9x6.yaml')!r}, '-o', {str(tmp_path / 'b')!r}])\n"
             "print(json.dumps([rc, before, after, gc.get_freeze_count()]))")
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT,
                       env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout.strip().splitlines()[-1]) == [1, True, True, 0]
