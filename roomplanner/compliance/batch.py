"""Batch checking (批量检查): many plan files in a process pool, one outcome each.

``check_many(paths, jobs)`` expands folders, checks every file (in worker processes when
there is more than one file and more than one job) and returns one :class:`Outcome` per
file, in input order. A file that cannot be checked gives an outcome with ``errors`` instead
of a report; the batch goes on.

Folders: a folder holding ``plan.json`` stands for that file (the output folder of
``roomplanner plan``); otherwise every ``*.json`` directly inside it (except ``report.json``)
and every ``*/plan.json`` one level down, sorted.
"""

from __future__ import annotations

import csv
import io
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

from .. import csvsafe
from ..errors import PlanFileError
from ..i18n import tr
from ..model.plan import Plan
from .findings import Report

MAX_BATCH_FILES = 100_000


@dataclass
class Outcome:
    """The result of checking one plan file: its report, or the errors that stopped the check."""
    path: str
    report: Optional[Report] = None
    errors: list[str] = field(default_factory=list)
    plan: Optional[Plan] = None
    internal: bool = False        # the checker itself failed (a bug), not the input
    lang: Optional[str] = None    # language of ``errors`` (and of the summary line)

    @property
    def valid(self) -> bool:
        return self.report is not None

    @property
    def status(self) -> str:
        if self.report is None:
            return "error"
        return "ok" if self.report.compliant else "fail"


def expand_paths(paths: Iterable[str | Path]) -> list[str]:
    """Files to check, in the order given; folders expanded as described above. A path that
    does not exist is kept (its outcome says so)."""
    out: list[str] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            if (p / "plan.json").is_file():
                out.append(str(p / "plan.json"))
                continue
            found = sorted(str(f) for f in p.glob("*.json") if f.is_file() and f.name != "report.json")
            found += sorted(str(f) for f in p.glob("*/plan.json") if f.is_file())
            out.extend(found)
        else:
            out.append(str(p))
        if len(out) > MAX_BATCH_FILES:
            raise PlanFileError([f"batch: more than {MAX_BATCH_FILES} files"], "batch")
    return out


def check_one(path: str, keep_plan: bool = False, lang: Optional[str] = None) -> Outcome:
    """Check one file; never raises for bad input."""
    from .checks import check
    from .safety import load_plan_for_check
    try:
        plan, base = load_plan_for_check(path, lang)
        report = check(plan, base_dir=base, source=display_name(path), lang=lang)
        return Outcome(path, report=report, plan=plan if keep_plan else None)
    except PlanFileError as exc:
        return Outcome(path, errors=list(exc.problems), lang=lang)
    except RecursionError:
        return Outcome(path, errors=[tr("plan: 嵌套层数太多", "plan: nested too deeply", lang)], lang=lang)
    except MemoryError:
        return Outcome(path, errors=[tr("plan: 文件太大，无法检查", "plan: too large to check", lang)], lang=lang)
    except Exception as exc:  # a bug in the checker: report it and go on with the batch
        return Outcome(path, errors=[f"internal error while checking ({type(exc).__name__}: {exc}); please report it"],
                       internal=True)


def display_name(path: str) -> str:
    """The name a report carries: the path as given, with forward slashes."""
    return str(path).replace(os.sep, "/")


def _worker(args: tuple[str, bool, Optional[str]]) -> Outcome:
    return check_one(*args)


def check_many(paths: Iterable[str | Path], jobs: Optional[int] = None,
               progress: Optional[Callable[[int, int], None]] = None, keep_plans: bool = False,
               lang: Optional[str] = None) -> list[Outcome]:
    """Check every plan file; ``jobs`` worker processes (default: all cores)."""
    files = expand_paths(paths)
    n = len(files)
    jobs = max(1, jobs or os.cpu_count() or 1)
    out: list[Outcome] = []
    if n <= 1 or jobs == 1:
        for i, f in enumerate(files):
            out.append(check_one(f, keep_plans, lang))
            if progress:
                progress(i + 1, n)
        return out
    chunk = max(1, min(32, n // (jobs * 8) or 1))
    with ProcessPoolExecutor(max_workers=min(jobs, n)) as ex:
        for i, o in enumerate(ex.map(_worker, [(f, keep_plans, lang) for f in files], chunksize=chunk)):
            out.append(o)
            if progress:
                progress(i + 1, n)
    return out


class ProgressBar:
    """The batch's progress bar (tqdm) on ``stream``, drawn only when that is a terminal and
    there is more than one plan; call it with (done, total)."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.enabled = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._bar = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 1:
            return
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(total=total, desc="检查 check", file=self.stream, unit="plan", leave=True,
                             dynamic_ncols=True)
        self._bar.update(done - self._bar.n)
        if done == total:
            self._bar.close()


# ---------------------------------------------------------------- summaries

def summary_line(o: Outcome) -> str:
    """One line per plan: ``OK``, ``FAIL`` or ``ERROR``, the path, then the gist in the
    plan's language (Chinese by default)."""
    if o.report is None:
        first = o.errors[0] if o.errors else "invalid"
        more = f" (+{len(o.errors) - 1})" if len(o.errors) > 1 else ""
        return f"ERROR\t{o.path}\t" + tr("无效方案：", "invalid plan: ", o.lang) + f"{first}{more}"
    r = o.report
    c = r.counts()
    en = r.lang == "en"
    failed = [f.rule for f in r.findings if f.blocking]
    review = [f.rule for f in r.findings if f.status == "review"]      # named, not only counted
    named = (f" ({', '.join(review)})" if en else f"（{'、'.join(review)}）") if review else ""
    if r.compliant:
        gist = (f"compliant; {c['fail_recommended']} recommended rule(s) fail, {c['review']} to review{named}" if en else
                f"合规；建议性规则不通过 {c['fail_recommended']} 项，需复核 {c['review']} 项{named}")
        return f"OK\t{o.path}\t{gist}"
    gist = (f"not compliant: {len(failed)} required rule(s) fail ({', '.join(failed)})" if en else
            f"不合规：必须规则不通过 {len(failed)} 项（{'、'.join(failed)}）")
    return f"FAIL\t{o.path}\t{gist}"


CSV_COLUMNS = ["plan", "status", "compliant", "profile", "members", "fail_required", "fail_recommended",
               "review", "pass", "not_applicable", "failed_rules", "error"]


def csv_text(outcomes: list[Outcome]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for o in outcomes:
        if o.report is None:
            w.writerow(csvsafe.row([o.path, "error", "", "", "", "", "", "", "", "", "", " | ".join(o.errors)]))
            continue
        r = o.report
        c = r.counts()
        w.writerow(csvsafe.row([o.path, o.status, "true" if r.compliant else "false", r.profile, r.members,
                                c["fail_required"], c["fail_recommended"], c["review"], c["pass"], c["not_applicable"],
                                ";".join(f.rule for f in r.findings if f.status == "fail"), ""]))
    return buf.getvalue()


def write_csv(outcomes: list[Outcome], path: str | Path) -> None:
    """The CSV summary, UTF-8 with a byte-order mark so that spreadsheet programs read the
    Chinese correctly."""
    Path(path).write_bytes(csv_text(outcomes).encode("utf-8-sig"))
