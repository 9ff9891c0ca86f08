"""The last stage: write everything for a solved plan into a folder, atomically.

``write_outputs(plan, out_dir)`` writes, in a temporary folder moved into place at the end:
``plan.json`` (deterministic), then each output stage that is part of this build:
``report.json`` + ``report.pdf`` (compliance, issue #6), the drawings (``floorplan.svg/pdf``,
``elevations.pdf``, ``elevations/wall-<i>.svg``, ``installation.csv``; issue #4) and the
print-ready boards (``boards/``; issue #5). Returns the compliance report, or ``None`` while
the checker is not part of the build.
"""

from __future__ import annotations

import datetime as _dt
import importlib
from pathlib import Path

from .model.plan import Plan
from .output import check_target, staged_dir


def _stage(module: str, name: str):
    """The function ``name`` of an output stage, or None while that stage has not landed."""
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("roomplanner"):
            return None
        raise
    return getattr(mod, name, None)


class Pack:
    """A whole output pack in memory: ``files`` maps each relative path (``plan.json``,
    ``boards/oath.pdf`` …, always with ``/``) to its bytes, in sorted order; ``report`` is the
    compliance report (or None while the checker is not part of the build)."""

    __slots__ = ("files", "report", "plan")

    def __init__(self, files: dict[str, bytes], report, plan: Plan):
        self.files = files
        self.report = report
        self.plan = plan


def build_pack(plan: Plan, lang: str | None = None, outline_text: bool = False, date: str | None = None,
               spec_dir: Path | None = None, crop_marks: bool = False) -> Pack:
    """Solve-free half of ``roomplanner plan``: check and render ``plan`` into memory.

    Nothing is left on disk: the stages write into a private temporary folder that is read
    back and removed before this returns (also on error)."""
    import tempfile

    lang = lang or plan.spec.options.lang
    date = date or plan.spec.date or _dt.date.today().isoformat()
    check = _stage("roomplanner.compliance", "check")
    palette = spec_dir / "palette.yaml" if spec_dir is not None and (spec_dir / "palette.yaml").is_file() else None
    report = None
    with tempfile.TemporaryDirectory(prefix="roomplanner-pack-") as tmpname:
        tmp = Path(tmpname)
        plan = bundle_photos(plan, spec_dir, tmp)
        render_desk_cards = _stage("roomplanner.printing.desk_cards", "render_desk_cards")
        if render_desk_cards:            # class-3 venues only; before the check, which reads them
            render_desk_cards(plan, tmp / "boards", lang=lang, outline_text=outline_text, palette=palette)
        if check:
            report = check(plan, base_dir=tmp, source="plan.json", lang=lang)
        (tmp / "plan.json").write_text(plan.to_json(), encoding="utf-8")
        if report is not None:
            (tmp / "report.json").write_text(report.to_json(), encoding="utf-8")
            write_pdf = _stage("roomplanner.compliance.report", "write_report_pdf")
            if write_pdf:
                write_pdf(report, plan, tmp / "report.pdf", lang=lang)
        render_drawings = _stage("roomplanner.render.drawing", "render_drawings")
        if plan.spec.venue == "none":    # no room to draw: the venue walls' elevations instead
            render_drawings = _stage("roomplanner.render.venue", "render_venue_drawings")
        if render_drawings:
            render_drawings(plan, tmp, lang=lang, outline_text=outline_text, date=date)
        render_boards = _stage("roomplanner.printing.boards", "render_boards")
        if render_boards:
            render_boards(plan, tmp / "boards", lang=lang, outline_text=outline_text, spec_dir=tmp,
                          palette=palette, crop_marks=crop_marks)
        files = {p.relative_to(tmp).as_posix(): p.read_bytes()
                 for p in sorted(tmp.rglob("*")) if p.is_file()}
    return Pack(dict(sorted(files.items())), report, plan)


def write_pack(pack: Pack, out_dir) -> None:
    """Write ``pack`` into ``out_dir`` atomically (a temporary folder moved into place)."""
    out_dir = Path(out_dir)
    check_target(out_dir)
    with staged_dir(out_dir) as tmp:
        for rel, data in pack.files.items():
            target = tmp / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


def write_outputs(plan: Plan, out_dir, lang: str | None = None, outline_text: bool = False,
                  date: str | None = None, spec_dir: Path | None = None, crop_marks: bool = False):
    """Build the pack in memory (``build_pack``) and write it into ``out_dir`` atomically.
    Returns the compliance report."""
    check_target(Path(out_dir))
    pack = build_pack(plan, lang=lang, outline_text=outline_text, date=date, spec_dir=spec_dir,
                      crop_marks=crop_marks)
    write_pack(pack, out_dir)
    return pack.report


def bundle_photos(plan: Plan, spec_dir: Path | None, out: Path) -> Plan:
    """Copy every photo the content names (paths relative to the spec, never outside its
    folder) into ``out/photos/`` and return the plan with the paths rewritten, so the output
    folder is self-contained: ``roomplanner check DIR/plan.json`` finds the same photos."""
    import shutil

    from .errors import ContentError
    from .model.paths import contained_path

    content = plan.spec.content
    if not any(h.photo for h in content.honors) and not any(m.photo for m in content.members):
        return plan

    def copy(p: str, name: str, where: str) -> str:
        if spec_dir is None:
            raise ContentError(f"{where}: {p!r} is relative to the spec file, but there is no spec folder")
        try:
            real = contained_path(spec_dir, p)
        except ValueError as exc:
            raise ContentError(f"{where}: {exc}") from None
        if not real.is_file():
            raise ContentError(f"{where}: {p!r} does not exist in the spec's folder")
        target = f"photos/{name}{real.suffix.lower()}"
        (out / "photos").mkdir(exist_ok=True)
        shutil.copyfile(real, out / target)
        return target

    honors = [h.model_copy(update={"photo": copy(h.photo, f"honor-{k + 1}", f"content.honors[{k}].photo")})
              if h.photo else h for k, h in enumerate(content.honors)]
    members = [m.model_copy(update={"photo": copy(m.photo, f"member-{k + 1}", f"content.members[{k}].photo")})
               if m.photo else m for k, m in enumerate(content.members)]
    spec = plan.spec.model_copy(update={"content": content.model_copy(update={"honors": honors, "members": members})})
    return plan.model_copy(update={"spec": spec})
