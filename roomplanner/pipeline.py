"""The last stage: everything for a solved plan, built in memory and written atomically.

``build_pack(plan)`` checks and renders a plan into a :class:`Pack` — relative path ->
bytes — without touching the disk (besides reading the spec's photos and palette):

==========================  ==============================================================
``plan.json``               the plan (deterministic), photo paths pointing into ``photos/``
``report.json``, ``.pdf``   the compliance report (:mod:`roomplanner.compliance`)
``floorplan.svg``, ``.pdf`` the drawings (:mod:`roomplanner.render`): plan view,
``elevations.pdf``          elevations and the installation schedule,
``elevations/wall-*.svg``   one SVG per elevation,
``installation.csv``        the installation list
``boards/``                 the print-ready boards (:mod:`roomplanner.printing`)
``photos/``                 copies of the photos the content names
``artwork/emblem.svg|pdf``  the official emblem artwork of ``emblem:`` (when given)
``room.glb``                the room in 3D with the real board artwork (:mod:`roomplanner.export`)
``floorplan.dxf``, ``elevations.dxf``  the drawings for CAD; ``main-wall-3d.png`` a perspective
``index.html``              which file is whose: print shop, fitters, inspectors
==========================  ==============================================================

Every stage is part of the package: a stage that cannot be imported is an error, never a
silently smaller pack. ``build_pack`` keeps no state between calls and changes no
process-wide setting, so several threads may build packs at once.
``write_outputs`` / ``write_pack`` write a pack into a folder atomically.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
from concurrent.futures import Executor
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import RoomPlannerError
from .output import check_target, staged_dir

if TYPE_CHECKING:
    from .model.plan import Plan

__all__ = ["Pack", "build_pack", "boards_lane", "drawings_lane", "pack_executor", "write_pack", "write_outputs",
           "bundle_photos"]


class Pack:
    """A whole output pack in memory: ``files`` maps each relative path (``plan.json``,
    ``boards/oath.pdf`` …, always with ``/``) to its bytes, in sorted order; ``report`` is the
    compliance report; ``plan`` the plan as written to ``plan.json``."""

    __slots__ = ("files", "report", "plan")

    def __init__(self, files: dict[str, bytes], report, plan: Plan):
        self.files = files
        self.report = report
        self.plan = plan


def build_pack(plan: Plan, lang: str | None = None, outline_text: bool = False, date: str | None = None,
               spec_dir: Path | None = None, crop_marks: bool = False, executor: Executor | None = None) -> Pack:
    """Solve-free half of ``roomplanner plan``: check and render ``plan`` into memory.

    ``spec_dir`` is the spec's folder: the photos the content names are read from it (and
    copied into ``photos/``), and a ``palette.yaml`` there recolours the boards.

    ``executor`` (optional, e.g. a process pool): the boards and the 3D model, whose textures
    are the board PDFs (:func:`boards_lane`), are built there, while this thread draws the
    drawings and the CAD files (:func:`drawings_lane`), checks the plan and writes the report,
    then the index. On two cores a pack then takes about half the time; the files are the same
    bytes either way."""
    from .pack_index import render_index
    from .profiles import load_profile
    from .typeset.outline import flush_glyph_cache

    lang = lang or plan.spec.options.lang
    date = date or plan.spec.date or _dt.date.today().isoformat()
    spec_dir = Path(spec_dir) if spec_dir is not None else None
    palette = spec_dir / "palette.yaml" if spec_dir is not None and (spec_dir / "palette.yaml").is_file() else None
    room = plan.spec.venue != "none"   # a class-3 venue (issue 13) has no room: desk cards instead
    bundled, photos = bundle_photos(plan, spec_dir, lang=lang)
    board_args = (bundled, photos, lang, outline_text, spec_dir, palette, crop_marks, load_profile(plan.profile))
    lane = _submit(executor, _quietly, boards_lane, *board_args)

    files = {"plan.json": bundled.to_json().encode("utf-8")}
    files.update(photos)
    try:
        files.update(drawings_lane(bundled, lang, outline_text, date))
    except RoomPlannerError:
        # content the drawings cannot set (a character missing from the fonts …) the boards
        # meet too, and their error names the spec's field: that one is raised first
        _lane_result(lane) or boards_lane(*board_args)
        raise
    if room:    # a room's check needs nothing of the pack
        report, report_files = check_and_report(plan, bundled, spec_dir, lang)
    boards = _lane_result(lane) or boards_lane(*board_args)
    files.update(boards)
    if not room:   # a class-3 venue's check reads the desk cards back
        report, report_files = check_and_report(plan, bundled, spec_dir, lang,
                                                 {p: b for p, b in boards.items() if p.startswith("boards/")})
    files.update(report_files)
    files["index.html"] = render_index(bundled, report, dict(sorted(files.items())), lang)
    flush_glyph_cache()
    return Pack(dict(sorted(files.items())), report, bundled)


def boards_lane(plan: Plan, photos: dict[str, bytes], lang: str, outline_text: bool, spec_dir: Path | None,
                palette: Path | None, crop_marks: bool, profile=None) -> dict[str, bytes]:
    """The print files (``boards/…``: every board, the production list, the proof sheet, a
    class-3 venue's desk cards) and, for a room, the 3D model (``room.glb``,
    ``main-wall-3d.png``, issue #12), whose textures are the board PDFs. A top-level function
    of picklable arguments, so :func:`build_pack` can run it in another process. ``profile``:
    the plan's profile as the caller loaded it (a worker then need not validate it again)."""
    from .export import render_model_files
    from .printing.boards import board_files
    from .printing.desk_cards import desk_card_files
    from .profiles import adopt_profile
    from .typeset.outline import flush_glyph_cache

    if profile is not None:
        adopt_profile(profile)

    boards = board_files(plan, lang=lang, outline_text=outline_text, spec_dir=spec_dir, palette=palette,
                         crop_marks=crop_marks, photos=photos)
    boards.update(desk_card_files(plan, lang=lang, palette=palette))
    files = {f"boards/{name}": data for name, data in boards.items()}
    if plan.spec.venue != "none":
        files.update(render_model_files(plan, files, lang=lang))
    flush_glyph_cache()
    return files


def drawings_lane(plan: Plan, lang: str, outline_text: bool, date: str) -> dict[str, bytes]:
    """The part of a pack that needs nothing but the plan: the drawings (SVG, PDF, the
    installation list) and the CAD files (``floorplan.dxf``, ``elevations.dxf``). A top-level
    function of picklable arguments, so :func:`build_pack` can run it in another process."""
    from .export import render_cad_files
    from .render.drawing import drawing_files
    from .render.venue import venue_drawing_files
    from .typeset.outline import flush_glyph_cache

    if plan.spec.venue == "none":     # no room to draw: the venue walls' elevations instead
        files = venue_drawing_files(plan, lang=lang, outline_text=outline_text, date=date)
    else:
        files = drawing_files(plan, lang=lang, outline_text=outline_text, date=date)
        files.update(render_cad_files(plan, lang=lang, date=date))
    flush_glyph_cache()
    return files


def check_and_report(plan: Plan, bundled: Plan, spec_dir: Path | None, lang: str,
                     boards: dict[str, bytes] | None = None):
    """The compliance report of ``plan`` and its files (``report.json``, ``report.pdf``).
    The checker inspects the photos where the spec names them (``plan``, in ``spec_dir``);
    the report PDF shows the pack's own (``bundled``, with the copies in ``photos/``), so the
    pack is self-contained. ``boards``: the board files, which a class-3 venue's check reads."""
    from .compliance import check
    from .compliance.report import report_pdf

    report = check(plan, base_dir=spec_dir, source="plan.json", lang=lang, files=boards)
    return report, {"report.json": report.to_json().encode("utf-8"),
                    "report.pdf": report_pdf(report, bundled, lang=lang)}


class _LaneError:
    """The error a worker's lane met in the user's content (a :class:`RoomPlannerError` that
    survives pickling), sent back to be raised in this process as it is."""

    def __init__(self, error: RoomPlannerError):
        self.error = error


def _quietly(fn, *args):
    """``fn(*args)`` in a worker. Bad content (a :class:`RoomPlannerError`) comes back as a
    :class:`_LaneError`, raised by :func:`_lane_result`; any other failure as ``None``: the
    caller then runs the lane again in its own process (an exception need not survive
    pickling, and a worker that died must not lose the pack)."""
    try:
        return fn(*args)
    except RoomPlannerError as exc:
        import pickle

        try:
            pickle.loads(pickle.dumps(exc))
        except Exception:
            return None
        return _LaneError(exc)
    except Exception:
        return None


def _submit(executor: Executor | None, fn, *args):
    if executor is None:
        return None
    try:
        return executor.submit(fn, *args)
    except Exception:   # a broken or shut-down pool: this process does the work
        return None


def _lane_result(lane) -> dict[str, bytes] | None:
    """The lane's files, ``None`` where this process must build them itself; the lane's
    content error is raised here."""
    if lane is None:
        return None
    try:
        result = lane.result()
    except Exception:   # the worker died (BrokenProcessPool) or could not be reached
        return None
    if isinstance(result, _LaneError):
        raise result.error
    return result


def _warm_worker() -> None:
    """Make ready what :func:`boards_lane` needs, in a worker, while this process reads the
    spec and solves: its modules, and the 3D model's first-use costs (``prepare_model_lane``).
    (The branch profile the boards read comes with the plan, loaded by this process: the
    worker builds no pydantic validator.)"""
    import gc

    import roomplanner.printing.boards  # noqa: F401
    import roomplanner.printing.desk_cards  # noqa: F401
    import roomplanner.profiles  # noqa: F401
    from roomplanner.export import prepare_model_lane

    prepare_model_lane()   # the 3D model's modules, encoders and first calls, on a room of its own
    # what the worker holds now (modules, models) lives as long as it does: the collector's
    # full passes need not walk it again (each costs some 25-35 ms on a lane otherwise)
    gc.freeze()


@contextlib.contextmanager
def pack_executor(workers: int | None = None):
    """A one-worker process pool for :func:`build_pack` in a command-line run, or ``None``
    where it would not help: one core, or no ``fork`` (a forked worker starts with every
    module the parent has imported; a freshly spawned one would import them all again).
    ``ROOMPLANNER_WORKERS=1`` turns it off."""
    import multiprocessing
    import os

    env = os.environ.get("ROOMPLANNER_WORKERS", "").strip()
    if workers is None:
        workers = int(env) if env.isdigit() else (os.cpu_count() or 1)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield None
        return
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    pool.submit(_warm_worker)   # the worker makes its lane ready while this process solves
    try:
        yield pool
    except BaseException:
        # a bad spec or output folder: nothing waits for the worker's warm-up. (Python 3.14
        # has ``terminate_workers()`` for this; before it, the pool's own list of processes.)
        workers = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in workers:
            proc.terminate()
        raise
    pool.shutdown(wait=True, cancel_futures=True)


def write_pack(pack: Pack, out_dir, lang: str | None = None) -> None:
    """Write ``pack`` into ``out_dir`` atomically (a temporary folder moved into place)."""
    out_dir = Path(out_dir)
    lang = lang or pack.plan.spec.options.lang
    check_target(out_dir, lang)
    with staged_dir(out_dir, lang) as tmp:
        for rel, data in pack.files.items():
            target = tmp / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


def write_outputs(plan: Plan, out_dir, lang: str | None = None, outline_text: bool = False,
                  date: str | None = None, spec_dir: Path | None = None, crop_marks: bool = False,
                  executor: Executor | None = None):
    """Build the pack in memory (``build_pack``) and write it into ``out_dir`` atomically.
    Returns the compliance report."""
    check_target(Path(out_dir), lang or plan.spec.options.lang)
    pack = build_pack(plan, lang=lang, outline_text=outline_text, date=date, spec_dir=spec_dir,
                      crop_marks=crop_marks, executor=executor)
    write_pack(pack, out_dir, lang)
    return pack.report


def bundle_photos(plan: Plan, spec_dir: Path | None, lang: str | None = None) -> tuple[Plan, dict[str, bytes]]:
    """Read every photo the content names (paths relative to the spec, never outside its
    folder) and return the plan with the paths rewritten to ``photos/<honor|member>-<n>.<ext>``
    together with those files' bytes — and the official emblem artwork (``emblem:``, checked)
    as ``artwork/emblem.<svg|pdf>`` — so that the output folder is self-contained:
    ``roomplanner check DIR/plan.json`` finds the same photos. Raises ContentError naming
    the field, in ``lang`` (default Chinese)."""
    from .errors import ContentError
    from .i18n import Text
    from .model.paths import contained_path

    no_folder = Text("{p} 是相对于规格文件的路径，但没有规格文件所在的文件夹",
                     "{p} is relative to the spec file, but there is no spec folder")
    missing = Text("{p} 在规格文件所在的文件夹里不存在", "{p} does not exist in the spec's folder")
    content = plan.spec.content
    photos: dict[str, bytes] = {}
    if plan.spec.emblem is not None:   # the official emblem artwork, checked, into artwork/
        from .printing.emblem import bundled_emblem_name, load_emblem

        art = load_emblem(spec_dir, plan.spec.emblem, lang=lang)
        photos[bundled_emblem_name(art.source)] = art.data
        plan = plan.model_copy(update={"spec": plan.spec.model_copy(
            update={"emblem": bundled_emblem_name(art.source)})})
    if not any(h.photo for h in content.honors) and not any(m.photo for m in content.members):
        return plan, photos

    def copy(p: str, name: str, where: str) -> str:
        if spec_dir is None:
            raise ContentError(f"{where}: " + no_folder(lang, p=repr(p)))
        try:
            real = contained_path(spec_dir, p, lang=lang or "zh")
        except ValueError as exc:
            raise ContentError(f"{where}: {exc}") from None
        if not real.is_file():
            raise ContentError(f"{where}: " + missing(lang, p=repr(p)))
        target = f"photos/{name}{real.suffix.lower()}"
        photos[target] = real.read_bytes()
        return target

    honors = [h.model_copy(update={"photo": copy(h.photo, f"honor-{k + 1}", f"content.honors[{k}].photo")})
              if h.photo else h for k, h in enumerate(content.honors)]
    members = [m.model_copy(update={"photo": copy(m.photo, f"member-{k + 1}", f"content.members[{k}].photo")})
               if m.photo else m for k, m in enumerate(content.members)]
    spec = plan.spec.model_copy(update={"content": content.model_copy(update={"honors": honors, "members": members})})
    return plan.model_copy(update={"spec": spec}), photos
