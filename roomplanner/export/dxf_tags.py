"""The bulk of both DXF files written straight as DXF tags, beside ezdxf.

ezdxf builds each document — header, classes, tables (layers, linetypes, the CJK text
style, the dimension style), objects, the hatches — and writes it. Everything else goes
through a :class:`Sketch`: LINE, LWPOLYLINE, TEXT, CIRCLE, ARC, the blocks per board kind
with their ATTDEFs, the board INSERTs with their ATTRIBs, and the DIMENSION entities with
their anonymous ``*D`` geometry blocks. ezdxf's generic exporter and its attribute checks
cost about 0.1 ms per entity, and its dimension renderer about 1.5 ms per dimension; the two
made almost all of these files' time, while these tags are a few string formats. They are
the tags ezdxf writes for the same entities (``tests/export/test_dxf_tags.py`` compares
them tag by tag), with handles from the document's own handle generator (so ``$HANDSEED``
stays right). :func:`write` splices them into ezdxf's output: model space entities at the
end of the ENTITIES section (so they are drawn over the hatches), block records into the
BLOCK_RECORD table (its count adjusted), block definitions at the end of BLOCKS. The tests
read every file back with ezdxf and audit it.

Dimensions are drawn the way CAD draws a linear dimension with architectural ticks
(``DIMTSZ``, the oblique stroke of Chinese practice): two extension lines, the dimension
line, a tick at each end and the measurement centred above the line; the DIMENSION entity
refers to that block, so CAD shows it as it is and redraws it from the style when edited.
"""

from __future__ import annotations

import io
import math
import threading

_write_lock = threading.Lock()


def _f(v: float) -> str:
    return repr(float(v))


def _clean(s: str) -> str:
    return str(s).replace("\r", " ").replace("\n", " ")


#: TEXT alignments as ezdxf names them → (group 72, group 73); LEFT writes neither.
ALIGN = {"LEFT": (0, 0), "CENTER": (1, 0), "RIGHT": (2, 0), "BOTTOM_LEFT": (0, 1), "BOTTOM_CENTER": (1, 1),
         "BOTTOM_RIGHT": (2, 1), "MIDDLE_LEFT": (0, 2), "MIDDLE_CENTER": (1, 2), "MIDDLE_RIGHT": (2, 2),
         "TOP_LEFT": (0, 3), "TOP_CENTER": (1, 3), "TOP_RIGHT": (2, 3)}


class Handles:
    """Entity handles (upper-case hex, as ezdxf writes them) counted on from ``seed``."""

    def __init__(self, seed: int):
        self.seed = seed

    def next(self) -> str:
        h = self.seed
        self.seed += 1
        return f"{h:X}"


class Sketch:
    """Entities of one layout (model space, or one block) as DXF tag text."""

    def __init__(self, handles: Handles, owner: str):
        self.handles = handles
        self.owner = owner
        self.parts: list[str] = []

    def _head(self, kind: str, layer: str, color: int | None = None, true_color: int | None = None,
              linetype: str | None = None, lineweight: int | None = None) -> list[str]:
        h = self.handles.next()
        out = ["  0\n", kind, "\n  5\n", h, "\n330\n", self.owner, "\n100\nAcDbEntity\n  8\n", layer, "\n"]
        if linetype is not None:
            out += ["  6\n", linetype, "\n"]
        if color is not None:
            out += [" 62\n", str(int(color)), "\n"]
        if lineweight is not None:
            out += ["370\n", str(int(lineweight)), "\n"]
        if true_color is not None:
            out += ["420\n", str(int(true_color)), "\n"]
        return out

    def line(self, p1, p2, layer: str, **attribs) -> None:
        out = self._head("LINE", layer, **attribs)
        out += ["100\nAcDbLine\n 10\n", _f(p1[0]), "\n 20\n", _f(p1[1]), "\n 30\n0.0\n 11\n", _f(p2[0]),
                "\n 21\n", _f(p2[1]), "\n 31\n0.0\n"]
        self.parts.append("".join(out))

    def lwpolyline(self, points, layer: str, closed: bool = True, **attribs) -> None:
        out = self._head("LWPOLYLINE", layer, **attribs)
        out += ["100\nAcDbPolyline\n 90\n", str(len(points)), "\n 70\n", "1" if closed else "0", "\n"]
        for x, y in points:
            out += [" 10\n", _f(x), "\n 20\n", _f(y), "\n"]
        self.parts.append("".join(out))

    def rect(self, x0: float, y0: float, x1: float, y1: float, layer: str, **attribs) -> None:
        self.lwpolyline([(x0, y0), (x1, y0), (x1, y1), (x0, y1)], layer, True, **attribs)

    def circle(self, centre, radius: float, layer: str, **attribs) -> None:
        out = self._head("CIRCLE", layer, **attribs)
        out += ["100\nAcDbCircle\n 10\n", _f(centre[0]), "\n 20\n", _f(centre[1]), "\n 30\n0.0\n 40\n",
                _f(radius), "\n"]
        self.parts.append("".join(out))

    def arc(self, centre, radius: float, start: float, end: float, layer: str, **attribs) -> None:
        out = self._head("ARC", layer, **attribs)
        out += ["100\nAcDbCircle\n 10\n", _f(centre[0]), "\n 20\n", _f(centre[1]), "\n 30\n0.0\n 40\n",
                _f(radius), "\n100\nAcDbArc\n 50\n", _f(start), "\n 51\n", _f(end), "\n"]
        self.parts.append("".join(out))

    def text(self, s: str, at, height: float, layer: str, style: str, align: str = "LEFT",
             rotation: float = 0.0, **attribs) -> None:
        """A single-line TEXT placed like ezdxf's ``set_placement(at, align)``."""
        h72, v73 = ALIGN[align]
        out = self._head("TEXT", layer, **attribs)
        out += ["100\nAcDbText\n 10\n", _f(at[0]), "\n 20\n", _f(at[1]), "\n 30\n0.0\n 40\n", _f(height),
                "\n  1\n", _clean(s), "\n"]
        if rotation:
            out += [" 50\n", _f(rotation), "\n"]
        if style != "Standard":
            out += ["  7\n", style, "\n"]
        if h72:
            out += [" 72\n", str(h72), "\n"]
        out += [" 11\n", _f(at[0]), "\n 21\n", _f(at[1]), "\n 31\n0.0\n"]
        out.append("100\nAcDbText\n")
        if v73:
            out += [" 73\n", str(v73), "\n"]
        self.parts.append("".join(out))

    def attdef(self, tag: str, at, height: float, layer: str, style: str, flags: int = 1) -> None:
        """An attribute definition (flags 1: invisible) with an empty default."""
        out = self._head("ATTDEF", layer)
        out += ["100\nAcDbText\n 10\n", _f(at[0]), "\n 20\n", _f(at[1]), "\n 30\n0.0\n 40\n", _f(height),
                "\n  1\n\n  7\n", style, "\n100\nAcDbAttributeDefinition\n  3\n\n  2\n", tag, "\n 70\n",
                str(flags), "\n"]
        self.parts.append("".join(out))

    def insert(self, block: str, at, layer: str, rotation: float = 0.0, attribs=(), style: str = "Standard") -> None:
        """A block reference with its attributes ``(tag, value, (x, y) in the block, height,
        flags)``, placed as the block's attribute definitions are, turned with the block."""
        head = self._head("INSERT", layer)
        handle = head[3]
        out = head + ["100\nAcDbBlockReference\n"]
        if attribs:
            out.append(" 66\n1\n")
        out += ["  2\n", block, "\n 10\n", _f(at[0]), "\n 20\n", _f(at[1]), "\n 30\n0.0\n"]
        if rotation:
            out += [" 50\n", _f(rotation), "\n"]
        c, s = math.cos(math.radians(rotation)), math.sin(math.radians(rotation))
        for tag, value, (x, y), height, flags in attribs:
            px, py = at[0] + c * x - s * y, at[1] + s * x + c * y
            out += self._head("ATTRIB", layer)
            out += ["100\nAcDbText\n 10\n", _f(px), "\n 20\n", _f(py), "\n 30\n0.0\n 40\n", _f(height),
                    "\n  1\n", _clean(value), "\n"]
            if rotation:
                out += [" 50\n", _f(rotation), "\n"]
            out += ["  7\n", style, "\n 11\n", _f(px), "\n 21\n", _f(py), "\n 31\n0.0\n100\nAcDbAttribute\n"
                    "  2\n", tag, "\n 70\n", str(flags), "\n"]
        if attribs:
            out += ["  0\nSEQEND\n  5\n", self.handles.next(), "\n330\n", handle,
                    "\n100\nAcDbEntity\n  8\n", layer, "\n"]
        self.parts.append("".join(out))

    def hatch(self, points, layer: str, pattern: tuple[str, float, float] | None = None, **attribs) -> None:
        """A hatch over one closed polyline path: solid, or ``pattern`` = (name, scale,
        offset) of a one-line pattern at 45° (ANSI31: offset 2.2450640303 per unit of scale)."""
        out = self._head("HATCH", layer, **attribs)
        name, solid = (pattern[0], "0") if pattern else ("SOLID", "1")
        out += ["100\nAcDbHatch\n 10\n0.0\n 20\n0.0\n 30\n0.0\n210\n0.0\n220\n0.0\n230\n1.0\n  2\n", name,
                "\n 70\n", solid, "\n 71\n0\n 91\n1\n 92\n3\n 72\n0\n 73\n1\n 93\n", str(len(points)), "\n"]
        for x, y in points:
            out += [" 10\n", _f(x), "\n 20\n", _f(y), "\n"]
        out.append(" 97\n0\n")
        if pattern:
            d = pattern[2] * pattern[1]
            out += [" 75\n1\n 76\n1\n 52\n0.0\n 41\n", _f(pattern[1]), "\n 77\n0\n 78\n1\n 53\n45.0\n 43\n0.0\n"
                    " 44\n0.0\n 45\n", _f(-d), "\n 46\n", _f(d), "\n 79\n0\n"]
        else:
            out.append(" 75\n0\n 76\n1\n")
        out.append(" 98\n0\n")
        self.parts.append("".join(out))

    def text_chunk(self) -> str:
        return "".join(self.parts)


class Blocks:
    """Block definitions written as tags: ``(name, BLOCK_RECORD handle, block-type flags,
    contents)`` (flags 1: anonymous, 2: has attribute definitions)."""

    def __init__(self, handles: Handles):
        self.handles = handles
        self.items: list[tuple[str, str, int, Sketch]] = []
        self.names: set[str] = set()

    def new(self, name: str, flags: int = 0) -> Sketch:
        sketch = Sketch(self.handles, self.handles.next())
        self.items.append((name, sketch.owner, flags, sketch))
        self.names.add(name)
        return sketch

    def __contains__(self, name: str) -> bool:
        return name in self.names


class Dimensions:
    """Linear dimensions (DIMENSION entities, rotated type) with their geometry blocks.

    ``scale`` is the drawing's scale (``DIMSCALE``); sizes below are paper millimetres as in
    the dimension style: text 2.5, gap 0.8, ticks 1.5 (half length of the oblique stroke
    ``DIMTSZ``), extension lines 2.0 off the measured points and 1.5 beyond the line."""

    def __init__(self, msp: Sketch, blocks: Blocks, layer: str, style: str, text_style: str, scale: float,
                 txt: float = 2.5, gap: float = 0.8, tick: float = 1.5, exo: float = 2.0, exe: float = 1.5):
        self.msp, self.layer, self.style, self.text_style = msp, layer, style, text_style
        self.block_defs = blocks
        self.count = 0
        self.s = scale
        self.txt, self.gap, self.tick, self.exo, self.exe = txt, gap, tick, exo, exe

    def linear(self, p1, p2, base, angle: float, text: str | None = None) -> None:
        """The distance from ``p1`` to ``p2`` measured along ``angle`` (degrees), the dimension
        line through ``base``; ``text`` may hold ``<>`` for the measurement."""
        s = self.s
        a = math.radians(angle)
        ux, uy = math.cos(a), math.sin(a)          # along the dimension line
        nx, ny = -uy, ux                           # its normal
        # the dimension line's ends: p1 and p2 projected onto the line through base
        def on_line(p):
            t = (p[0] - base[0]) * ux + (p[1] - base[1]) * uy
            return (base[0] + t * ux, base[1] + t * uy)
        d1, d2 = on_line(p1), on_line(p2)
        measured = abs((p2[0] - p1[0]) * ux + (p2[1] - p1[1]) * uy)
        value = f"{measured:.0f}"
        label = value if not text else text.replace("<>", value)
        self.count += 1
        name = f"*D{self.count}"
        g = self.block_defs.new(name, flags=1)
        for p, d in ((p1, d1), (p2, d2)):          # extension lines, from exo off the point to exe beyond
            ex, ey = d[0] - p[0], d[1] - p[1]
            L = math.hypot(ex, ey)
            if L > 1e-9:
                ex, ey = ex / L, ey / L
                g.line((p[0] + ex * self.exo * s, p[1] + ey * self.exo * s),
                       (d[0] + ex * self.exe * s, d[1] + ey * self.exe * s), self.layer)
        g.line(d1, d2, self.layer)
        t = self.tick * s * math.sqrt(0.5)           # the 45° stroke through each end
        for d in (d1, d2):
            g.line((d[0] - t * (ux + nx), d[1] - t * (uy + ny)), (d[0] + t * (ux + nx), d[1] + t * (uy + ny)),
                   self.layer, lineweight=35)
        mid = ((d1[0] + d2[0]) / 2, (d1[1] + d2[1]) / 2)
        # the text reads left to right or upwards: above the line on that side
        rot = angle % 360.0
        if 90.0 < rot <= 270.0:
            rot -= 180.0
        r = math.radians(rot)
        upx, upy = -math.sin(r), math.cos(r)
        at = (mid[0] + upx * self.gap * s, mid[1] + upy * self.gap * s)
        g.text(label, at, self.txt * s, self.layer, self.text_style, align="BOTTOM_CENTER", rotation=rot % 360.0)
        # the DIMENSION entity (as ezdxf writes a rotated linear dimension)
        out = self.msp._head("DIMENSION", self.layer)
        out += ["100\nAcDbDimension\n280\n0\n  2\n", name, "\n  3\n", self.style, "\n 10\n", _f(d2[0]),
                "\n 20\n", _f(d2[1]), "\n 30\n0.0\n 11\n", _f(at[0]), "\n 21\n", _f(at[1]), "\n 31\n0.0\n",
                " 70\n32\n 71\n5\n"]
        if text:
            out += ["  1\n", _clean(text), "\n"]
        out += ["100\nAcDbAlignedDimension\n 13\n", _f(p1[0]), "\n 23\n", _f(p1[1]), "\n 33\n0.0\n 14\n",
                _f(p2[0]), "\n 24\n", _f(p2[1]), "\n 34\n0.0\n 50\n", _f(angle),
                "\n100\nAcDbRotatedDimension\n"]
        self.msp.parts.append("".join(out))


ENTITIES_HEAD = "  0\nSECTION\n  2\nENTITIES\n"
BLOCKS_HEAD = "  0\nSECTION\n  2\nBLOCKS\n"
ENDSEC = "  0\nENDSEC\n"
RECORDS_HEAD = "  0\nTABLE\n  2\nBLOCK_RECORD\n"


def _block_definitions(table: str, handles: Handles, blocks: Blocks) -> tuple[str, str]:
    """The BLOCK_RECORD table entries and the BLOCK … ENDBLK definitions, as ezdxf writes them."""
    records, definitions = [], []
    for name, record, flags, sketch in blocks.items:
        records.append(f"  0\nBLOCK_RECORD\n  5\n{record}\n330\n{table}\n100\nAcDbSymbolTableRecord\n"
                       f"100\nAcDbBlockTableRecord\n  2\n{name}\n340\n0\n 70\n0\n280\n1\n281\n0\n")
        begin, end = handles.next(), handles.next()
        definitions.append(f"  0\nBLOCK\n  5\n{begin}\n330\n{record}\n100\nAcDbEntity\n  8\n0\n"
                           f"100\nAcDbBlockBegin\n  2\n{name}\n 70\n{flags}\n 10\n0.0\n 20\n0.0\n 30\n0.0\n"
                           f"  3\n{name}\n  1\n\n")
        definitions.append(sketch.text_chunk())
        definitions.append(f"  0\nENDBLK\n  5\n{end}\n330\n{record}\n100\nAcDbEntity\n  8\n0\n"
                           "100\nAcDbBlockEnd\n")
    return "".join(records), "".join(definitions)


class Skeleton:
    """An empty document as ezdxf writes it (header, classes, tables, the model space block,
    objects), and what the entities spliced into it refer to: the first free handle, the
    BLOCK_RECORD table's handle and the model space block record's."""

    def __init__(self, text: str, seed: int, block_table: str, modelspace: str):
        self.text, self.seed, self.block_table, self.modelspace = text, seed, block_table, modelspace

    def state(self) -> tuple:
        return (self.text, self.seed, self.block_table, self.modelspace)

    @classmethod
    def of(cls, doc) -> "Skeleton":
        """The skeleton of the ezdxf document ``doc`` (written with fixed metadata)."""
        import ezdxf

        buf = io.StringIO()
        # ezdxf adds a CLASS per entity type in use in the order of a set, which changes with
        # the process's string hash seed: in sorted order, the bytes are the same every run
        in_use = doc.entitydb.dxf_types_in_use
        doc.entitydb.dxf_types_in_use = lambda: sorted(in_use())
        with _write_lock:
            old = ezdxf.options.write_fixed_meta_data_for_testing
            ezdxf.options.write_fixed_meta_data_for_testing = True   # no time stamps or GUIDs
            try:
                doc.write(buf)
            finally:
                ezdxf.options.write_fixed_meta_data_for_testing = old
        return cls(buf.getvalue(), int(str(doc.entitydb.handles), 16), doc.block_records.head.dxf.handle,
                   doc.modelspace().block_record_handle)


def write(skeleton: Skeleton, handles: Handles, msp: Sketch, blocks: Blocks) -> bytes:
    """The skeleton with the sketches spliced in — model space entities into ENTITIES; the
    blocks into the BLOCK_RECORD table (its entry count adjusted) and at the end of BLOCKS —
    and ``$HANDSEED`` set past the last handle, as DXF text in UTF-8."""
    records, definitions = _block_definitions(skeleton.block_table, handles, blocks)
    text = skeleton.text
    seed_at = text.index("  9\n$HANDSEED\n  5\n") + len("  9\n$HANDSEED\n  5\n")
    seed_end = text.index("\n", seed_at)
    # the BLOCK_RECORD table: its head holds the number of entries (group 70)
    head = text.index(RECORDS_HEAD)
    count_at = text.index(" 70\n", head) + 4
    count_end = text.index("\n", count_at)
    count = int(text[count_at:count_end]) + len(blocks.items)
    table_end = text.index("  0\nENDTAB\n", head)
    blocks_end = text.index(ENDSEC, text.index(BLOCKS_HEAD))
    entities_end = text.index(ENDSEC, text.index(ENTITIES_HEAD))
    return "".join((text[:seed_at], f"{handles.seed:X}", text[seed_end:count_at], str(count),
                    text[count_end:table_end], records, text[table_end:blocks_end], definitions,
                    text[blocks_end:entities_end], msp.text_chunk(), text[entities_end:])).encode("utf-8")
