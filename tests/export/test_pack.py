"""Every pack holds the exports: room.glb, floorplan.dxf, elevations.dxf, main-wall-3d.png."""

from __future__ import annotations

import io

import ezdxf
import pygltflib
from PIL import Image

from roomplanner.export import NAMES, render_exports
from roomplanner.output import OWN_ENTRIES
from roomplanner.pipeline import build_pack

from .conftest import solved


def test_build_pack_holds_the_exports():
    plan = solved("enterprise-9x6")
    pack = build_pack(plan, date="2026-01-02")
    for name in NAMES:
        assert name in pack.files and pack.files[name], name
        assert name in OWN_ENTRIES, name      # a later run may replace them
    # the glb's boards carry the pack's own board PDFs
    g = pygltflib.GLTF2.load_from_bytes(pack.files["room.glb"])
    assert {m.name for m in g.materials} >= {f"art:{it.id}" for it in plan.wall_items}
    assert Image.open(io.BytesIO(pack.files["main-wall-3d.png"])).format == "PNG"
    doc = ezdxf.read(io.StringIO(pack.files["floorplan.dxf"].decode("utf-8")))
    assert any(t.dxf.text == "2026-01-02" for t in doc.modelspace().query("TEXT"))   # the pack's date
    # the exports are the same bytes as render_exports gives for the pack's boards
    boards = {k: v for k, v in pack.files.items() if k.startswith("boards/") and k.endswith(".pdf")}
    again = render_exports(plan, boards, lang="zh", date="2026-01-02")
    assert all(again[n] == pack.files[n] for n in NAMES)


def test_render_exports_without_boards():
    """Without board PDFs (the printing stage not run) every file is still made."""
    out = render_exports(solved("bureau-l-shape"), {}, lang="en")
    assert sorted(out) == sorted(NAMES)


def test_an_unreadable_board_pdf_is_named():
    import pytest

    from roomplanner.errors import RenderError

    with pytest.raises(RenderError, match="boards/oath.pdf"):
        render_exports(solved("enterprise-9x6"), {"boards/oath.pdf": b"%PDF-1.7 not really"})


def test_render_exports_in_another_process_gives_the_same_bytes():
    """render_exports is a pure function of the plan and the board PDFs: run in a fresh
    process (as the pipeline may run it beside the other stages) it writes the same files."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    plan = solved("university-bay")
    here = render_exports(plan, {}, lang="zh", date="2026-01-02")
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        there = pool.submit(render_exports, plan, {}, "zh", "2026-01-02").result(timeout=600)
    assert sorted(there) == sorted(NAMES)
    assert all(there[n] == here[n] for n in NAMES)
