"""The entities both DXF files write as tags (roomplanner/export/dxf_tags.py) are the tags
ezdxf writes for the same entities: same group codes in the same order, same values, only
the handles differ. And the dimensions measure what they say."""

from __future__ import annotations

import io
import math

import ezdxf
import pytest
from ezdxf.enums import TextEntityAlignment
from ezdxf.lldxf.tagwriter import TagWriter

from roomplanner.export.dxf_common import ANSI31_OFFSET, DIM_STYLE, TEXT_STYLE, Drawing, new_document
from roomplanner.export.dxf_tags import Handles, Sketch


def tags(text: str) -> list[tuple[int, str]]:
    lines = text.split("\n")
    return [(int(lines[k]), lines[k + 1]) for k in range(0, len(lines) - 1, 2)]


def exported(entity) -> list[tuple[int, str]]:
    buf = io.StringIO()
    entity.export_dxf(TagWriter(buf, dxfversion=entity.doc.dxfversion))
    return tags(buf.getvalue())


def same_but_handles(ours, theirs) -> None:
    """Equal tag lists, where handles (5) and owners (330) may differ but each of ours
    points where ezdxf's points: the same owner handle is the same owner."""
    assert [c for c, _ in ours] == [c for c, _ in theirs]
    for (c, a), (_, b) in zip(ours, theirs):
        if c not in (5, 330):
            assert a == b, (c, a, b)


@pytest.fixture
def drawing():
    return Drawing(50)


@pytest.fixture
def doc():
    """An ezdxf document set up as ours, to make the same entities with ezdxf."""
    return new_document(50)


def sketch_for(doc) -> Sketch:
    return Sketch(Handles(0x1000), doc.modelspace().block_record_handle)


def test_plain_entities_are_ezdxf_s_tags(doc):
    msp = doc.modelspace()
    cases = [
        (lambda s: s.line((1.5, 2), (3, -4.25), "墙体", color=1, lineweight=35, true_color=0xDE2910, linetype="DASHED"),
         lambda: msp.add_line((1.5, 2), (3, -4.25), dxfattribs={"layer": "墙体", "color": 1, "lineweight": 35,
                                                                "true_color": 0xDE2910, "linetype": "DASHED"})),
        (lambda s: s.lwpolyline([(0, 0), (10, 0), (10, 5.5)], "家具", True),
         lambda: msp.add_lwpolyline([(0, 0), (10, 0), (10, 5.5)], close=True, dxfattribs={"layer": "家具"})),
        (lambda s: s.lwpolyline([(0, 0), (10, 0)], "家具", False, linetype="DASHED"),
         lambda: msp.add_lwpolyline([(0, 0), (10, 0)], close=False, dxfattribs={"layer": "家具", "linetype": "DASHED"})),
        (lambda s: s.circle((1, 2), 3.5, "党旗", true_color=0xFFDE00),
         lambda: msp.add_circle((1, 2), 3.5, dxfattribs={"layer": "党旗", "true_color": 0xFFDE00})),
        (lambda s: s.arc((1, 2), 900, 90, 180.5, "门窗"),
         lambda: msp.add_arc((1, 2), 900, 90, 180.5, dxfattribs={"layer": "门窗"})),
    ]
    for align, rotation in (("LEFT", 0.0), ("MIDDLE_CENTER", 90.0), ("MIDDLE_LEFT", 0.0), ("BOTTOM_CENTER", 270.0)):
        def ours(s, align=align, rotation=rotation):
            s.text("入党誓词 800×1200", (12.5, -3), 125.0, "文字", TEXT_STYLE, align=align, rotation=rotation, color=1)

        def theirs(align=align, rotation=rotation):
            t = msp.add_text("入党誓词 800×1200", dxfattribs={"layer": "文字", "style": TEXT_STYLE, "height": 125.0,
                                                          "rotation": rotation, "color": 1})
            return t.set_placement((12.5, -3), align=getattr(TextEntityAlignment, align))
        cases.append((ours, theirs))
    def ezdxf_hatch(pattern: bool):
        h = msp.add_hatch(color=8, dxfattribs={"layer": "墙体"})
        if pattern:
            h.set_pattern_fill("ANSI31", color=8, scale=25)
        h.paths.add_polyline_path([(0, 0), (240, 0), (240, 3000), (0, 3000)], is_closed=True)
        return h
    cases += [
        (lambda s: s.hatch([(0, 0), (240, 0), (240, 3000), (0, 3000)], "墙体", color=8), lambda: ezdxf_hatch(False)),
        (lambda s: s.hatch([(0, 0), (240, 0), (240, 3000), (0, 3000)], "墙体", pattern=("ANSI31", 25, ANSI31_OFFSET),
                           color=8), lambda: ezdxf_hatch(True)),
    ]
    for ours, theirs in cases:
        sketch = sketch_for(doc)
        ours(sketch)
        same_but_handles(tags(sketch.text_chunk()), exported(theirs()))


def test_board_block_and_insert_are_ezdxf_s_tags(doc):
    msp = doc.modelspace()
    blk = doc.blocks.new("图板-oath-E800x1200")
    blk.add_attdef("ID", (0, -125), dxfattribs={"layer": "图板", "height": 100, "style": TEXT_STYLE, "flags": 1})
    blk.add_attdef("TITLE", (0, -275), dxfattribs={"layer": "图板", "height": 100, "style": TEXT_STYLE, "flags": 1})
    sketch = sketch_for(doc)
    sketch.attdef("ID", (0, -125), 100, "图板", TEXT_STYLE)
    sketch.attdef("TITLE", (0, -275), 100, "图板", TEXT_STYLE)
    theirs = exported(blk[0]) + exported(blk[1])
    same_but_handles(tags(sketch.text_chunk()), theirs)

    for rotation in (0.0, 180.0, -90.0):
        ins = msp.add_blockref("图板-oath-E800x1200", (3390, 6000), dxfattribs={"layer": "图板", "rotation": rotation})
        ins.add_auto_attribs({"ID": "oath", "TITLE": "入党誓词"})
        sketch = sketch_for(doc)
        sketch.insert("图板-oath-E800x1200", (3390, 6000), "图板", rotation,
                      [("ID", "oath", (0, -125), 100, 1), ("TITLE", "入党誓词", (0, -275), 100, 1)], style=TEXT_STYLE)
        ours, theirs = tags(sketch.text_chunk()), exported(ins)
        assert [c for c, _ in ours] == [c for c, _ in theirs]
        for (c, a), (_, b) in zip(ours, theirs):
            if c in (10, 20, 11, 21):       # the attributes turned with the block (rounding aside)
                assert abs(float(a) - float(b)) < 1e-9, (c, a, b)
            elif c not in (5, 330):
                assert a == b, (c, a, b)


def test_dimension_entity_as_ezdxf_writes_a_rotated_linear_dimension(doc, drawing):
    msp = doc.modelspace()
    dim = msp.add_linear_dim(base=(0, -300), p1=(0, 0), p2=(2040, 0), angle=0, dimstyle=DIM_STYLE,
                             text="净高 <>", dxfattribs={"layer": "尺寸标注"})
    dim.render()
    theirs = exported(dim.dimension)
    sketch = drawing.msp
    drawing.dims.linear((0, 0), (2040, 0), (0, -300), 0, text="净高 <>")
    ours = tags(sketch.text_chunk())
    assert [c for c, _ in ours] == [c for c, _ in theirs]
    for (c, a), (_, b) in zip(ours, theirs):
        if c in (1, 3, 8, 13, 23, 14, 24, 50, 70, 71, 100, 280):
            assert a == b, (c, a, b)


@pytest.mark.parametrize("angle", [0.0, 90.0, 33.0, 180.0, 270.0])
def test_dimension_block_measures_the_distance(drawing, angle):
    """The geometry block: the dimension line from p1 to p2 projected on the line through
    base, the measurement above it, readable (rotation within (-90°, 90°])."""
    a = math.radians(angle)
    p1 = (100.0, 200.0)
    p2 = (p1[0] + 1234 * math.cos(a), p1[1] + 1234 * math.sin(a))
    base = (p1[0] - 500 * math.sin(a), p1[1] + 500 * math.cos(a))
    drawing.dims.linear(p1, p2, base, angle)
    data = drawing.to_bytes()
    doc = ezdxf.read(io.StringIO(data.decode("utf-8")))
    assert not doc.audit().has_errors
    dim = doc.modelspace().query("DIMENSION")[0]
    block = doc.blocks.get(dim.dxf.geometry)
    texts = block.query("TEXT")
    assert [t.dxf.text for t in texts] == ["1234"]
    rot = texts[0].dxf.rotation % 360
    assert rot <= 90 or rot > 270
    lengths = sorted(round(math.dist((ln.dxf.start.x, ln.dxf.start.y), (ln.dxf.end.x, ln.dxf.end.y)), 3) for ln in block.query("LINE"))
    assert 1234.0 in lengths                     # the dimension line
    assert dim.dxf.dimstyle == DIM_STYLE and dim.dxf.layer == "尺寸标注"


def test_skeleton_is_cached_for_the_next_process(tmp_path, monkeypatch):
    """The empty document goes to the user cache; read back it is the same text, and a
    damaged cache file is made anew."""
    from roomplanner.export import dxf_common

    monkeypatch.setenv("ROOMPLANNER_CACHE_DIR", str(tmp_path))
    dxf_common.skeleton.cache_clear()
    try:
        made = dxf_common.skeleton(75.0)
        files = list(tmp_path.glob("dxf-skeleton-*.marshal"))
        assert len(files) == 1
        dxf_common.skeleton.cache_clear()
        again = dxf_common.skeleton(75.0)
        assert again.state() == made.state()
        assert "$DIMSCALE" in again.text and again.seed > 0
        files[0].write_bytes(b"not marshal")
        dxf_common.skeleton.cache_clear()
        assert dxf_common.skeleton(75.0).state() == made.state()
        monkeypatch.setenv("ROOMPLANNER_CACHE_DIR", "")      # no cache at all
        dxf_common.skeleton.cache_clear()
        assert dxf_common.skeleton(75.0).state() == made.state()
    finally:
        dxf_common.skeleton.cache_clear()


def test_dxf_bytes_do_not_depend_on_the_hash_seed_or_the_cache(tmp_path):
    """Two fresh processes with different string hash seeds and empty caches (so each makes
    the empty document with ezdxf itself) write the same DXF bytes: ezdxf's CLASSES section
    follows a set's order unless we sort it."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    script = ("import sys, hashlib\n"
              "from roomplanner.model.spec import load_spec\n"
              "from roomplanner.solver import solve\n"
              "from roomplanner.export import render_cad_files\n"
              f"files = render_cad_files(solve(load_spec({str(root / 'examples' / 'enterprise-9x6.yaml')!r})), 'zh', '2026-01-01')\n"
              "print(*(hashlib.sha256(files[k]).hexdigest() for k in sorted(files)))\n")
    digests = []
    for seed in ("1", "5"):   # without the sorting, these two seeds give different orders
        env = dict(os.environ, PYTHONHASHSEED=seed, ROOMPLANNER_CACHE_DIR=str(tmp_path / f"cache{seed}"),
                   PYTHONPATH=str(root))
        digests.append(subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True,
                                      check=True).stdout)
    assert digests[0] == digests[1]
