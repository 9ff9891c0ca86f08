"""A reader that goes away (``roomplanner plan … | head -1``) ends the command quietly with
the status of a program cut off by SIGPIPE, not an "internal error"; the pack is still written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_into_closed_pipe(args: list[str]) -> subprocess.CompletedProcess:
    r, w = os.pipe()
    os.close(r)                       # nobody will ever read: the first write fails with EPIPE
    try:
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        return subprocess.run([sys.executable, "-m", "roomplanner", *args], stdout=w, stderr=subprocess.PIPE,
                              cwd=ROOT, env=env, timeout=300)
    finally:
        os.close(w)


def test_profiles_into_a_closed_pipe():
    p = run_into_closed_pipe(["profiles"])
    assert p.returncode == 141, p.stderr.decode()
    assert p.stderr == b""


def test_plan_into_a_closed_pipe_still_writes_the_pack(tmp_path):
    out = tmp_path / "pack"
    p = run_into_closed_pipe(["plan", str(ROOT / "examples" / "enterprise-9x6.yaml"), "-o", str(out)])
    assert p.returncode == 141, p.stderr.decode()
    assert "内部错误" not in p.stderr.decode() and "Traceback" not in p.stderr.decode()
    assert (out / "plan.json").is_file() and (out / "report.pdf").is_file()
