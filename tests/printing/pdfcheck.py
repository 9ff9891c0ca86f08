"""Helpers that inspect PDFs with pypdf (page boxes, colour operators, fonts, images)."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ContentStream

PT_PER_MM = 72.0 / 25.4

#: Colour-setting operators that are not CMYK: RGB (rg/RG), grey (g/G), and the generic
#: colour-space operators (cs/CS/sc/SC/scn/SCN), which could select an RGB space.
NON_CMYK_OPERATORS = {b"rg", b"RG", b"g", b"G", b"cs", b"CS", b"sc", b"SC", b"scn", b"SCN"}


def box(page, name: str) -> tuple[float, float, float, float]:
    return tuple(float(v) for v in page[name])  # type: ignore[return-value]


def mm_box(x0, y0, x1, y1) -> tuple[float, float, float, float]:
    return (x0 * PT_PER_MM, y0 * PT_PER_MM, x1 * PT_PER_MM, y1 * PT_PER_MM)


def close(a, b, tol: float = 0.01) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= tol for x, y in zip(a, b))


def _xobjects(resources):
    xo = resources.get("/XObject") if resources else None
    if not xo:
        return []
    xo = xo.get_object()
    return [xo[k].get_object() for k in xo]


def content_streams(reader: PdfReader):
    """(stream owner, ContentStream) for every page and every form XObject, recursively."""
    seen = set()
    out = []

    def visit_resources(resources):
        for x in _xobjects(resources):
            if x.get("/Subtype") == "/Form" and id(x) not in seen:
                seen.add(id(x))
                out.append(("form", ContentStream(x, reader)))
                visit_resources(x.get("/Resources"))

    for page in reader.pages:
        out.append(("page", ContentStream(page.get_contents(), reader)))
        visit_resources(page.get("/Resources"))
    return out


def colour_operators(reader: PdfReader) -> dict[bytes, int]:
    """Count of every colour-setting operator in all content streams."""
    counts: dict[bytes, int] = {}
    for _owner, cs in content_streams(reader):
        for operands, op in cs.operations:
            if op in NON_CMYK_OPERATORS or op in (b"k", b"K"):
                counts[op] = counts.get(op, 0) + 1
    return counts


def rgb_operations(reader: PdfReader) -> list:
    """Every ``rg``/``RG`` (3 operands) and other non-CMYK colour operation."""
    bad = []
    for owner, cs in content_streams(reader):
        for operands, op in cs.operations:
            if op in NON_CMYK_OPERATORS:
                bad.append((owner, op, operands))
    return bad


def fonts(reader: PdfReader) -> list[dict]:
    """Every font dictionary in page or form resources (descendants resolved)."""
    found = {}

    def visit(resources):
        if not resources:
            return
        resources = resources.get_object()
        fdict = resources.get("/Font")
        if fdict:
            fdict = fdict.get_object()
            for k in fdict:
                f = fdict[k].get_object()
                found[id(f)] = f
        for x in _xobjects(resources):
            if x.get("/Subtype") == "/Form":
                visit(x.get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    return list(found.values())


def font_embedded(font) -> bool:
    fonts_ = [font]
    if "/DescendantFonts" in font:
        fonts_ = [d.get_object() for d in font["/DescendantFonts"]]
    for f in fonts_:
        desc = f.get("/FontDescriptor")
        if desc is None:
            return False
        desc = desc.get_object()
        if not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            return False
    return True


def images(reader: PdfReader) -> list:
    out = []
    for page in reader.pages:
        for x in _xobjects(page.get("/Resources")):
            if x.get("/Subtype") == "/Image":
                out.append(x)
    return out


def read(path: Path) -> PdfReader:
    return PdfReader(str(path))
