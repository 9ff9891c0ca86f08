"""Exports for other tools and for looking at the room: ``room.glb`` (glTF 2.0, the room in
3D with the real board artwork), ``floorplan.dxf`` and ``elevations.dxf`` (for CAD), and
``main-wall-3d.png`` (a perspective of the main wall). See docs/export.md.

``render_exports(plan, files, lang)`` takes the pack's files so far (the board PDFs in
``boards/`` become the textures) and returns the new files, name → bytes. Same plan, same
files, same language → same bytes.
"""

from __future__ import annotations

from ..i18n import norm_lang
from ..model.plan import Plan
from .prepare import prepare_model_lane  # noqa: F401  (light: its imports are inside the function)

GLB_NAME = "room.glb"
FLOORPLAN_DXF = "floorplan.dxf"
ELEVATIONS_DXF = "elevations.dxf"
PERSPECTIVE_PNG = "main-wall-3d.png"
NAMES = (GLB_NAME, FLOORPLAN_DXF, ELEVATIONS_DXF, PERSPECTIVE_PNG)


def render_glb(plan: Plan, files: dict[str, bytes] | None = None, lang: str = "zh") -> bytes:
    from .gltf import scene_to_glb
    from .scene import build_scene

    scene = build_scene(plan, files, lang)
    return scene_to_glb(scene, _root_extras(plan, scene))


def _root_extras(plan: Plan, scene) -> dict:
    ex = {"generator": "roomplanner", "units": "m", "up": "Y", "branch": plan.spec.branch.name,
          "main_wall": plan.main_wall}
    if scene.camera_door is not None:
        eye, target = scene.camera_door
        ex["door_view"] = {"eye": [round(v, 4) for v in eye], "target": [round(v, 4) for v in target]}
    return ex


def render_exports(plan: Plan, files: dict[str, bytes] | None = None, lang: str = "zh",
                   date: str | None = None) -> dict[str, bytes]:
    """The export files for ``plan``: ``room.glb``, ``floorplan.dxf``, ``elevations.dxf``,
    ``main-wall-3d.png`` (name → bytes). ``files`` are the pack's files so far: each board's
    ``boards/<id>.pdf`` becomes its texture (a board without one gets the drawings' board
    symbol). ``date`` goes into the DXF title blocks (default: the spec's date).
    ``build_pack`` calls its two halves apart: :func:`render_model_files` (needs the boards)
    and :func:`render_cad_files` (needs only the plan, so it runs in the drawings' lane)."""
    out = render_model_files(plan, files, lang)
    out.update(render_cad_files(plan, lang, date))
    return dict(sorted(out.items()))


def render_model_files(plan: Plan, files: dict[str, bytes] | None = None, lang: str = "zh") -> dict[str, bytes]:
    """The exports that need the board artwork: ``room.glb`` and ``main-wall-3d.png``."""
    from .gltf import scene_to_glb
    from .perspective import render_perspective_png
    from .scene import build_scene

    lang = norm_lang(lang)
    scene = build_scene(plan, files or {}, lang)
    return {GLB_NAME: scene_to_glb(scene, _root_extras(plan, scene)),
            PERSPECTIVE_PNG: render_perspective_png(plan, scene, lang)}


def render_cad_files(plan: Plan, lang: str = "zh", date: str | None = None) -> dict[str, bytes]:
    """The exports that need only the plan: ``floorplan.dxf`` and ``elevations.dxf``."""
    from .dxf_elevations import elevations_dxf
    from .dxf_floorplan import floorplan_dxf

    lang = norm_lang(lang)
    return {FLOORPLAN_DXF: floorplan_dxf(plan, lang, date), ELEVATIONS_DXF: elevations_dxf(plan, lang, date)}
