"""What both DXF files share: document set-up (millimetres, layers, the CJK text style,
the dimension style), blocks per board kind, the title block, deterministic bytes.

Model space is drawn 1 : 1 in millimetres (``$INSUNITS`` = 4). Texts, arrows and the title
block are sized for printing at the drawing's scale (``DIMSCALE`` = the scale, texts
``paper mm × scale``), the way Chinese practice draws in model space with a scaled frame.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from ..i18n import tr
from ..model.plan import Plan
from .dxf_tags import Blocks, Dimensions, Handles, Skeleton, Sketch, write

#: Layers as Chinese CAD practice names them, with their ACI colours and line weights
#: (1/100 mm).
LAYERS = {
    "墙体": (8, 50), "门窗": (4, 25), "党旗": (1, 35), "图板": (6, 25), "家具": (3, 18),
    "尺寸标注": (7, 13), "文字": (7, 18), "图框": (7, 50),
}
TEXT_STYLE = "HZ"
#: 黑体 (simhei.ttf) ships with every Chinese Windows, where AutoCAD and 天正 run; CAD
#: programs elsewhere substitute their own CJK font for it (see docs/export.md).
TEXT_FONT = "simhei.ttf"
DIM_STYLE = "RP"
RED = 1
GOLD_TRUE = (0xFF, 0xDE, 0x00)
FLAG_TRUE = (0xDE, 0x29, 0x10)
GRID_TRUE = (0xEE, 0x7B, 0x66)
#: ANSI31's line spacing along its normal, per unit of pattern scale (3.175 mm / √2 per axis)
ANSI31_OFFSET = 2.2450640303

def new_document(scale: float):
    """The empty ezdxf document of a drawing at ``scale``: units, layers, the text and
    dimension styles."""
    import ezdxf

    doc = ezdxf.new("R2013", setup=["linetypes"], units=4)   # only what we use: DASHED
    doc.header["$INSUNITS"] = 4
    doc.ezdxf_metadata()["CREATED_BY_EZDXF"] = f"ezdxf {ezdxf.__version__}"   # no timestamp
    doc.header["$MEASUREMENT"] = 1
    doc.header["$LUNITS"] = 2
    doc.header["$DIMSCALE"] = scale
    doc.header["$LTSCALE"] = scale / 2
    for name, (colour, lw) in LAYERS.items():
        doc.layers.add(name, color=colour, lineweight=lw)
    doc.styles.add(TEXT_STYLE, font=TEXT_FONT)
    ds = doc.dimstyles.new(DIM_STYLE)
    ds.dxf.dimtxsty = TEXT_STYLE
    ds.dxf.dimscale = scale
    ds.dxf.dimtxt = 2.5        # paper mm
    ds.dxf.dimasz = 1.5
    ds.dxf.dimtsz = 1.5        # oblique ticks (建筑标记) instead of arrowheads
    ds.dxf.dimexo = 2.0
    ds.dxf.dimexe = 1.5
    ds.dxf.dimgap = 0.8
    ds.dxf.dimdec = 0
    ds.dxf.dimrnd = 1.0
    ds.dxf.dimtad = 1
    ds.dxf.dimtih = 0
    ds.dxf.dimtoh = 0
    ds.dxf.dimclrd = 7
    ds.dxf.dimclre = 7
    ds.dxf.dimlunit = 2
    ds.dxf.dimzin = 8
    return doc


def choose_scale(span_mm: float) -> int:
    """The largest usual scale at which ``span_mm`` fits about 330 mm of A3 paper."""
    for s in (20, 25, 50, 75, 100, 150, 200, 250, 500, 1000):
        if span_mm / s <= 330:
            return s
    return 1000


SKELETON_FORMAT = 1


@lru_cache(maxsize=16)
def skeleton(scale: float) -> Skeleton:
    """The empty document of a drawing at ``scale``, into which every entity of a file is
    spliced. ezdxf makes and writes it once; it is kept in the user cache (the glyph
    cache's folder) keyed by the source of this module and of dxf_tags, the installed ezdxf
    and the scale, so a later process neither imports ezdxf (0.3 s) nor sets a document up.
    The cache is only a cache: missing, unreadable or unwritable, it changes nothing but
    speed."""
    from ..data import cache_dir

    folder = cache_dir()
    path = folder / f"dxf-skeleton-{_skeleton_key(scale)}.marshal" if folder is not None else None
    if path is not None:
        try:
            state = marshal.loads(path.read_bytes())
            if isinstance(state, tuple) and len(state) == 4 and isinstance(state[0], str):
                return Skeleton(*state)
        except (OSError, ValueError, EOFError, TypeError):
            pass
    sk = Skeleton.of(new_document(scale))
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".dxf-skeleton-")
            with os.fdopen(fd, "wb") as f:
                f.write(marshal.dumps(sk.state()))
            os.replace(tmp, path)
        except OSError:
            pass
    return sk


def _skeleton_key(scale: float) -> str:
    """What the skeleton depends on: the source of this module (the set-up) and of dxf_tags
    (how it is written), ezdxf's version, the scale."""
    h = hashlib.sha256(f"{SKELETON_FORMAT} {float(scale)!r}".encode())
    here = Path(__file__).parent
    h.update((here / "dxf_common.py").read_bytes())
    h.update((here / "dxf_tags.py").read_bytes())
    spec = find_spec("ezdxf")
    if spec is not None and spec.origin:
        try:
            h.update((Path(spec.origin).parent / "version.py").read_bytes())
        except OSError:
            h.update(spec.origin.encode())
    return h.hexdigest()[:24]


class Drawing:
    """One DXF file being drawn: the model space :class:`Sketch`, the blocks, the
    dimensions, all spliced into the :func:`skeleton` of its scale when written."""

    def __init__(self, scale: float):
        self.skeleton = skeleton(float(scale))
        self.handles = Handles(self.skeleton.seed)
        self.msp = Sketch(self.handles, self.skeleton.modelspace)
        self.blocks = Blocks(self.handles)
        self.dims = Dimensions(self.msp, self.blocks, "尺寸标注", DIM_STYLE, TEXT_STYLE, scale)

    def to_bytes(self) -> bytes:
        return write(self.skeleton, self.handles, self.msp, self.blocks)

    def board_insert(self, name: str, at, it, scale: float, rotation: float = 0.0) -> None:
        """A board's block reference with its ID and TITLE (see :func:`add_attdefs`)."""
        h = 2.0 * scale
        self.msp.insert(name, at, "图板", rotation, [("ID", it.id, (0.0, -2.5 * scale), h, 1),
                                                    ("TITLE", it.title, (0.0, -2.5 * scale - 1.5 * h), h, 1)],
                        style=TEXT_STYLE)


def text(msp: Sketch, s: str, at, height_paper: float, scale: float, layer: str = "文字", align="LEFT",
         rotation: float = 0.0, colour: int | None = None) -> None:
    msp.text(s, at, height_paper * scale, layer, TEXT_STYLE, align=align, rotation=rotation, color=colour)


def rect(target, x0: float, y0: float, x1: float, y1: float, layer: str, **attribs):
    """A closed rectangle."""
    target.rect(x0, y0, x1, y1, layer, **attribs)


def board_block_name(it, prefix: str) -> str:
    kind = {"sign": "标牌"}.get(it.kind, "图板")
    return f"{kind}-{it.role}-{prefix}{_n(it.width)}x{_n(it.height)}"


def _n(v: float) -> str:
    return f"{float(v):g}".replace(".", "_")


def add_attdefs(block: Sketch, x: float, y: float, h: float) -> None:
    """ID and TITLE attributes, invisible in the drawing, for counting with EATTEXT/数据提取
    (:meth:`Drawing.board_insert` fills them at the same places)."""
    block.attdef("ID", (x, y), h, "图板", TEXT_STYLE)
    block.attdef("TITLE", (x, y - 1.5 * h), h, "图板", TEXT_STYLE)


def title_block(msp: Sketch, plan: Plan, x1: float, y0: float, scale: float, lang: str, title: str, sheet_no: str,
                date: str | None) -> None:
    """The title block as in the PDF (74 × 58 mm on paper), its lower-right corner at (x1, y0)."""
    s = scale
    w, h = 74.0 * s, 58.0 * s
    x0 = x1 - w
    msp.rect(x0, y0, x1, y0 + h, "图框", lineweight=50)
    th = 11.0 * s
    msp.line((x0, y0 + h - th), (x1, y0 + h - th), "图框")
    text(msp, title, (x0 + 3 * s, y0 + h - 6.8 * s), 4.2, s, "文字", colour=RED)
    rows = [(tr("党支部", "Branch", lang), plan.spec.branch.name),
            (tr("类型", "Type", lang), _branch_type(plan, lang)),
            (tr("党员人数", "Members", lang), str(plan.spec.branch.members)),
            (tr("面积", "Area", lang), _area(plan)),
            (tr("比例", "Scale", lang), f"1:{scale:g}"),
            (tr("单位", "Units", lang), tr("毫米", "mm", lang)),
            (tr("日期", "Date", lang), date or plan.spec.date or "—"),
            (tr("图号", "Sheet no.", lang), sheet_no)]
    rh = (h - th) / len(rows)
    lw = 19.0 * s
    msp.line((x0 + lw, y0), (x0 + lw, y0 + h - th), "图框")
    for k, (lab, val) in enumerate(rows):
        ytop = y0 + h - th - rh * k
        if k:
            msp.line((x0, ytop), (x1, ytop), "图框")
        text(msp, lab, (x0 + 1.5 * s, ytop - rh / 2), 2.2, s, "文字", align="MIDDLE_LEFT")
        text(msp, val, (x0 + lw + 1.5 * s, ytop - rh / 2), 2.9 if k == 4 else 2.4, s, "文字",
             align="MIDDLE_LEFT", colour=RED if k == 4 else None)


def _branch_type(plan: Plan, lang: str) -> str:
    return _profile_name(plan.profile, lang)


@lru_cache(maxsize=64)
def _profile_name(profile: str, lang: str) -> str:
    """The branch type's name (read once: the profiles are YAML files)."""
    try:
        from ..profiles import load_profile
        prof = load_profile(profile)
        return prof.name_en if lang == "en" else prof.name
    except Exception:   # an unknown profile in a hand-edited plan: show its id
        return profile


def _area(plan: Plan) -> str:
    from shapely.geometry import Polygon
    return f"{Polygon(plan.spec.outline).area / 1e6:.2f} m²"
