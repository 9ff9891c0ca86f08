"""What the server asks of the engine. A thin layer: every validation, every verdict and
every drawing comes from the engine (``roomplanner.model``, ``solver``, ``compliance``,
``render``, ``printing``, ``pipeline``); this module only calls it, in memory, and shapes the
answer as JSON.

Nothing is kept: photos and uploaded packs live in a private temporary folder for the length
of one call and are removed before it returns (also on error).
"""

from __future__ import annotations

import datetime as _dt
import io
import json
import re
import tempfile
import zipfile
from pathlib import Path
from typing import Any, Optional

from ..errors import ContentError, InfeasibleError, PlanFileError, RenderError, SpecError
from ..i18n import norm_lang, tr
from .jobs import Job
from .sources import cite
from .uploads import Upload, UploadError, check_emblem, write_uploads, extract_pack

ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed ZIP timestamps: the same pack gives the same bytes


# ---------------------------------------------------------------------------- errors as JSON

def split_problem(text: str) -> dict:
    """``"room.height: message"`` → ``{"path": "room.height", "message": "message"}``."""
    path, sep, msg = str(text).partition(": ")
    if not sep or " " in path.strip():
        return {"path": "", "message": str(text)}
    return {"path": path.strip(), "message": msg.strip()}


def spec_error_details(exc: Exception) -> list[dict]:
    """One ``{"path", "message"}`` per problem: the engine's ``details`` when it gives them
    (messages in the requested language), else its ``problems`` split at the first ': '."""
    details = getattr(exc, "details", None)
    if details:
        out = []
        for d in details:
            if isinstance(d, dict):
                out.append({"path": str(d.get("path", "")), "message": str(d.get("message", ""))})
            else:
                out.append(split_problem(str(d)))
        return out
    problems = getattr(exc, "problems", None)
    if problems:
        return [split_problem(p) for p in problems]
    return [split_problem(str(exc))]


def infeasible_body(exc: InfeasibleError, lang: str) -> dict:
    """409: the explanation, the rule ids and the options; ``patch`` is a JSON merge patch of
    the spec for an option that is a setting (the solver's ``patches`` when it gives them)."""
    patches = getattr(exc, "patches", None)
    options = []
    for k, text in enumerate(exc.options):
        if isinstance(patches, list):
            patch = patches[k] if k < len(patches) else None
        else:
            patch = _patch_from_text(str(text))
        options.append({"text": str(text), "patch": patch if isinstance(patch, dict) else None})
    return {
        "error": "infeasible",
        "message": tr("无法布置：不能同时满足以下必需规则", "No layout satisfies the required rules", lang),
        "reason": str(exc.reason),
        "rules": list(exc.rules),
        "options": options,
        "details": [str(d) for d in getattr(exc, "details", [])],
    }


_MAIN_WALL_OPTION = re.compile(r"\bmain_wall:\s*(\d+)\b")
_FLAG_OPTION = re.compile(r"\bflag_size:\s*([1-5])\b")


def _patch_from_text(text: str) -> dict | None:
    """Fallback for an engine without ``InfeasibleError.patches``: the two settings its
    option texts name literally (``main_wall: 2``, ``options.flag_size: 3``). Any other
    option stays advice without a button."""
    m = _MAIN_WALL_OPTION.search(text)
    if m:
        return {"main_wall": int(m.group(1))}
    m = _FLAG_OPTION.search(text)
    if m:
        return {"options": {"flag_size": int(m.group(1))}}
    return None


# ---------------------------------------------------------------------------- the spec

def load_spec_data(data: Any, lang: str):
    """Validate a parsed spec (the engine's :func:`spec_from_data`)."""
    from ..model.spec import spec_from_data
    import inspect

    if "lang" in inspect.signature(spec_from_data).parameters:   # bilingual messages (i18n work)
        return spec_from_data(data, "spec", lang=lang)
    return spec_from_data(data, "spec")


def parse_spec_bytes(raw: bytes, lang: str, json_first: bool = True):
    """Parse and validate spec text (JSON or YAML) with the engine's safe reader."""
    from ..model.safeload import parse_document
    data = parse_document(raw, "spec", "spec", SpecError, json_first=json_first)
    return load_spec_data(data, lang), data


# ---------------------------------------------------------------------------- plan (live preview)

def _report_json(report) -> dict:
    from ..compliance.catalog import RULES

    d = report.to_dict()
    lang = norm_lang(d.get("lang"))
    for f in d["findings"]:
        rule = RULES.get(f["rule"])
        f["title"] = (rule.title_en if lang == "en" else rule.title_zh) if rule else f["rule"]
        f["citations"] = cite(f.get("source", ""), lang)
    return d


def board_status(plan, lang: str) -> list[dict]:
    """Per printed board: its content status and what is still missing (待填写), from the
    board composer's own resolution (no rendering)."""
    from ..content.boards import printable_items, resolve_content

    out = []
    for item in printable_items(plan):
        try:
            bc = resolve_content(plan, item)
        except (ContentError, KeyError, ValueError) as exc:
            out.append({"id": item.id, "role": item.role, "title": item.title, "wall": item.wall,
                        "status": "error", "missing": [], "notes": [str(exc)]})
            continue
        missing = sorted({_content_path(part) for s in bc.sections if s.origin == "placeholder" and s.key
                          for part in re.split(r"\s*\+\s*", s.key) if part.strip()})
        out.append({"id": item.id, "role": item.role, "title": bc.title, "wall": item.wall,
                    "width": item.width, "height": item.height, "status": bc.status, "missing": missing,
                    "placeholders": list(bc.placeholders),
                    "notes": [n.text(lang) for n in bc.notes]})
    return out


def _content_path(key: str) -> str:
    """``"content.boards.x.text 【名】"`` → ``content.boards.x.text``; ``"committee"`` →
    ``content.committee`` (the composer's section keys name the field first)."""
    path = key.strip().split()[0]
    return path if path.startswith("content.") else f"content.{path}"


def board_svgs(plan, spec_dir: Optional[Path], job: Job) -> dict[str, str]:
    from ..printing.boards import compose_boards
    from ..printing.svg import board_svg

    arts = compose_boards(plan, spec_dir)
    job.checkpoint()
    return {a.id: board_svg(a) for a in arts}


def plan_result(job: Job, data: Any, photos: list[Upload], lang: str, include_boards: bool = False,
                include_elevations: bool = True,
                emblem: Upload | None = None) -> dict:
    """The live preview: plan, report, floor plan, board status; the elevations and the board
    SVGs on request. ``drawings.elevations`` is None when they were not asked for.

    The floor plan starts in a worker process right after solving (when the server has
    worker processes); the check, the plan's JSON, the board status and the elevations are
    made in this thread meanwhile."""
    from ..compliance import check
    from . import stages

    with job.engine():
        spec, plan = _solved(job, data, lang, emblem)
        date = spec.date or _dt.date.today().isoformat()
        floorplan = job.offload(stages.floorplan_svg, plan, lang, date)
        elevations = job.offload(stages.elevation_svgs, plan, lang, date) if include_elevations else None
        try:
            with tempfile.TemporaryDirectory(prefix="roomplanner-web-") as tmp:
                spec_dir = write_uploads(Path(tmp), photos, emblem)
                report = check(plan, base_dir=spec_dir, source="plan.json", lang=lang)
                job.checkpoint()
                result = {
                    "plan": json.loads(plan.to_json()),
                    "report": _report_json(report),
                    "drawings": {"floorplan": None, "elevations": None},
                    "boards": board_status(plan, lang),
                }
                if include_boards:
                    job.checkpoint()
                    svgs = board_svgs(plan, spec_dir, job)
                    for b in result["boards"]:
                        b["svg"] = svgs.get(b["id"])
            if elevations is not None:
                result["drawings"]["elevations"] = elevations.result()
            result["drawings"]["floorplan"] = floorplan.result()
        except BaseException:
            floorplan.cancel()
            if elevations is not None:
                elevations.cancel()
            raise
    return result


# ---------------------------------------------------------------------------- pack

def _solved(job: Job, data: Any, lang: str, emblem: Upload | None):
    """The spec of a request, validated, and its plan: a bad artwork file is refused before
    any work, and a spec must name the emblem that was uploaded (and only that)."""
    from ..solver import solve

    if emblem is not None:
        check_emblem(emblem)
    spec = load_spec_data(data, lang)
    emblem_matches(spec, emblem)
    job.checkpoint()
    plan = solve(spec)
    job.checkpoint()
    return spec, plan


def emblem_matches(spec, emblem: Upload | None) -> None:
    """The spec's ``emblem`` must name the uploaded artwork (``artwork/<file name>``), and an
    uploaded artwork must be named by the spec; EmblemUploadError (path ``emblem``) says which."""
    from .uploads import EmblemUploadError

    want = spec.emblem
    if want is None and emblem is None:
        return
    if emblem is None:
        raise EmblemUploadError(f"规格的 emblem 指定了党徽图稿 {want!r}，但没有上传这个文件（multipart 字段 emblem）",
                                f"the spec's emblem names the artwork {want!r}, but no such file was uploaded "
                                "(multipart field 'emblem')")
    if want is None:
        raise EmblemUploadError(f"上传了党徽图稿 {emblem.name!r}，但规格里没有 emblem: {emblem.spec_path!r}",
                                f"the emblem artwork {emblem.name!r} was uploaded, but the spec has no "
                                f"emblem: {emblem.spec_path!r}")
    if want != emblem.spec_path:
        raise EmblemUploadError(f"规格的 emblem 是 {want!r}，上传的党徽图稿应写作 {emblem.spec_path!r}",
                                f"the spec's emblem is {want!r}; the uploaded artwork is {emblem.spec_path!r}")


STORED_SUFFIXES = (".pdf", ".png", ".jpg", ".jpeg")
"""Already compressed (PDF streams are deflated, images are): stored as they are (deflating
them again saved 5 % of their size for a quarter of the ZIP's time)."""


def zip_bytes(files: dict[str, bytes]) -> bytes:
    """A deterministic ZIP of ``files`` (sorted, fixed timestamps). Text (SVG, DXF, JSON …)
    is deflated at level 1 (level 6 made the SVGs 9 % smaller in 5 times the time); PDFs
    and images are stored."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, ZIP_DATE)
            stored = name.lower().endswith(STORED_SUFFIXES)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, files[name], compresslevel=None if stored else 1)
    return buf.getvalue()


def pack_zip(job: Job, data: Any, photos: list[Upload], lang: str, emblem: Upload | None = None) -> tuple[bytes, dict]:
    """The complete pack (exactly the files ``roomplanner plan -o`` writes) as a ZIP."""
    from ..pipeline import build_pack

    with job.engine():
        spec, plan = _solved(job, data, lang, emblem)
        with tempfile.TemporaryDirectory(prefix="roomplanner-web-") as tmp:
            spec_dir = write_uploads(Path(tmp), photos, emblem)
            kwargs = {"lang": lang, "spec_dir": spec_dir, "date": spec.date or _dt.date.today().isoformat()}
            # THE call site for the worker processes: build_pack(..., executor=) builds the
            # boards and the 3D model in one of them while this thread draws the drawings and
            # the DXF files, checks the plan, writes the report and the index.
            if job.executor is not None:
                kwargs["executor"] = job.executor
            pack = build_pack(plan, **kwargs)
    job.checkpoint()
    summary = {"files": len(pack.files),
               "compliant": None if pack.report is None else bool(pack.report.compliant)}
    return zip_bytes(pack.files), summary


def model_glb(job: Job, data: Any, photos: list[Upload], lang: str, emblem: Upload | None = None) -> bytes:
    """``room.glb`` of the spec (the 三维 tab): the same bytes as the pack's, textured with the
    boards' own print PDFs, without the rest of the pack (no report, drawings or DXF)."""
    from ..export import render_glb
    from ..pipeline import bundle_photos
    from ..printing.boards import board_files

    with job.engine():
        spec, plan = _solved(job, data, lang, emblem)
        with tempfile.TemporaryDirectory(prefix="roomplanner-web-") as tmp:
            spec_dir = write_uploads(Path(tmp), photos, emblem)
            bundled, photo_bytes = bundle_photos(plan, spec_dir, lang=lang)
            # only the per-board PDFs (the textures): no SVGs, production list or proof sheet
            boards = board_files(bundled, lang=lang, spec_dir=spec_dir, photos=photo_bytes, pdfs_only=True)
        job.checkpoint()
        return render_glb(bundled, {f"boards/{k}": v for k, v in boards.items()}, lang)


# ---------------------------------------------------------------------------- check (inspectors)

def _check_one(up: Upload, lang: Optional[str], keep_plan: bool = False) -> dict:
    from ..compliance import check
    from ..compliance.safety import loads_plan_for_check, load_plan_for_check

    out: dict[str, Any] = {"file": up.name, "size": len(up.data)}
    try:
        with tempfile.TemporaryDirectory(prefix="roomplanner-check-") as tmp:
            if up.is_zip:
                plan_path = extract_pack(up, Path(tmp))
                plan, base = load_plan_for_check(plan_path)
            else:
                plan, base = loads_plan_for_check(up.data, source=up.name), None
            report = check(plan, base_dir=base, source=up.name, lang=lang)
            out.update(_summary(plan, report))
            if keep_plan:
                out["_plan"], out["_report"] = plan, report
    except (PlanFileError, SpecError) as exc:
        out.update({"status": "refused", "errors": spec_error_details(exc)})
    except UploadError as exc:
        out.update({"status": "refused", "errors": [{"path": "", "message": exc.text(lang)}]})
    except ContentError as exc:
        out.update({"status": "refused", "errors": [split_problem(str(exc))]})
    except (RecursionError, MemoryError):
        out.update({"status": "refused", "errors": [{"path": "", "message": tr(
            "文件嵌套过深或过大，无法检查", "the file is nested too deeply or too large to check", lang)}]})
    except Exception as exc:  # a bug in the checker: this file fails, the batch goes on
        out.update({"status": "refused", "errors": [{"path": "", "message": tr(
            f"检查时发生内部错误（{type(exc).__name__}），请报告", f"internal error while checking ({type(exc).__name__}); "
            "please report it", lang)}]})
    return out


def _summary(plan, report) -> dict:
    from shapely.geometry import Polygon

    rep = _report_json(report)
    failing = [f["rule"] for f in rep["findings"] if f["status"] == "fail"]
    return {
        "status": "pass" if report.compliant else "fail",
        "branch": plan.spec.branch.name,
        "type": plan.profile,
        "members": plan.spec.branch.members,
        "area_m2": round(Polygon(plan.spec.outline).area / 1e6, 2),
        "failing": failing,
        "report": rep,
    }


def check_uploads(job: Job, uploads: list[Upload], lang: Optional[str]) -> list[dict]:
    out = []
    for up in uploads:
        job.checkpoint()
        with job.engine():
            out.append(_check_one(up, lang))
    return out


def report_pdf(job: Job, uploads: list[Upload], lang: Optional[str]) -> bytes:
    """One report PDF for the uploaded plans (one section each; refused files listed at the end)."""
    from ..compliance.pdf import write_pdf

    items, invalid = [], []
    for up in uploads:
        job.checkpoint()
        with job.engine():
            r = _check_one(up, lang, keep_plan=True)
        if r["status"] == "refused":
            invalid.append((up.name, [(e["path"] + ": " if e["path"] else "") + e["message"] for e in r["errors"]]))
        else:
            items.append((r["_report"], r["_plan"]))
    with job.engine(), tempfile.TemporaryDirectory(prefix="roomplanner-report-") as tmp:
        p = Path(tmp) / "report.pdf"
        write_pdf(items, p, lang=lang, invalid=invalid)
        return p.read_bytes()


def results_csv(results: list[dict], lang: str) -> str:
    """The inspectors' table as CSV (UTF-8 with BOM for spreadsheets; cells never formulas)."""
    import csv
    from .. import csvsafe

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([tr(z, e, lang) for z, e in (("文件", "file"), ("党支部", "branch"), ("支部类型", "type"),
                                            ("面积 m²", "area m²"), ("党员人数", "members"),
                                            ("结论", "verdict"), ("不合规项", "failing rules"),
                                            ("拒收原因", "refused because"))])
    verdict = {"pass": tr("合规", "compliant", lang), "fail": tr("不合规", "not compliant", lang),
               "refused": tr("无法检查", "refused", lang)}
    for r in results:
        errs = "; ".join((e["path"] + ": " if e["path"] else "") + e["message"] for e in r.get("errors", []))
        w.writerow(csvsafe.row([r.get("file", ""), r.get("branch", ""), r.get("type", ""), r.get("area_m2", ""),
                                r.get("members", ""), verdict.get(r.get("status"), r.get("status")),
                                " ".join(r.get("failing", [])), errs]))
    return "\ufeff" + buf.getvalue()


# ---------------------------------------------------------------------------- 打开方案

def open_file(job: Job, up: Upload, lang: str) -> dict:
    """A spec file (YAML/JSON), a plan.json or a pack ZIP → ``{"spec", "kind", "photos"}``:
    the spec as JSON for the editor, and a pack's photos (and its emblem artwork, ``emblem``:
    ``{"path", "data"}`` or None) as data URLs (so the editor can send them again). Only parsed here; the editor's next request validates it."""
    import base64
    from ..model.plan import MAX_PLAN_BYTES
    from ..model.safeload import parse_document

    job.checkpoint()
    photos: dict[str, str] = {}
    emblem: dict | None = None
    kind = "spec"
    with tempfile.TemporaryDirectory(prefix="roomplanner-open-") as tmp:
        if up.is_zip:
            plan_path = extract_pack(up, Path(tmp))
            raw = plan_path.read_bytes()
            kind = "pack"
            for p in sorted((plan_path.parent / "photos").glob("*")) if (plan_path.parent / "photos").is_dir() else []:
                mime = "image/png" if p.suffix.lower() == ".png" else "image/jpeg"
                photos[f"photos/{p.name}"] = f"data:{mime};base64," + base64.b64encode(p.read_bytes()).decode("ascii")
            for p in sorted((plan_path.parent / "artwork").glob("emblem.*")) if (plan_path.parent / "artwork").is_dir() else []:
                mime = "application/pdf" if p.suffix.lower() == ".pdf" else "image/svg+xml"
                emblem = {"path": f"artwork/{p.name}",
                          "data": f"data:{mime};base64," + base64.b64encode(p.read_bytes()).decode("ascii")}
        else:
            raw = up.data
        json_first = raw.lstrip()[:1] in (b"{", b"[") or up.name.lower().endswith(".json")
        data = parse_document(raw, up.name, "spec", SpecError, json_first=json_first, max_bytes=MAX_PLAN_BYTES)
    if isinstance(data, dict) and isinstance(data.get("spec"), dict) and "wall_items" in data:
        data, kind = data["spec"], ("pack" if kind == "pack" else "plan")
    if not isinstance(data, dict):
        raise SpecError([f"spec: expected a mapping of keys at the top level, got {type(data).__name__}"], up.name)
    return {"spec": data, "kind": kind, "photos": photos, "emblem": emblem}
