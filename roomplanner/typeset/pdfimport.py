"""A page of another PDF as a Form XObject of a :class:`.pdfdoc.PdfDocument`.

pypdf reads the source file; its objects are written here, one by one: the page's content
stream (decoded, recompressed) becomes the form's stream, and every indirect object its
resources refer to (fonts, images, colour spaces, nested forms) is copied once, streams with
their encoded data unchanged. So an official artwork keeps its vectors and its colours.
"""

from __future__ import annotations

import io
from typing import Sequence

from .pdfdoc import PdfDocument, num

__all__ = ["copy_page_form"]


def _direct(obj) -> bytes:
    buf = io.BytesIO()
    obj.write_to_stream(buf)
    return buf.getvalue()


class _Copier:
    def __init__(self, doc: PdfDocument):
        self.doc = doc
        self.numbers: dict[tuple[int, int], int] = {}

    def value(self, obj) -> bytes:
        from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject

        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation)
            n = self.numbers.get(key)
            if n is None:
                n = self.numbers[key] = self.doc.reserve()
                self.doc.put(n, self.value(obj.get_object()))
            return b"%d 0 R" % n
        if isinstance(obj, StreamObject):
            items = b"".join(_direct(NameObject(k)) + b" " + self.value(v) for k, v in obj.items() if k != "/Length")
            data = obj._data
            return b"<<" + items + b" /Length %d>>\nstream\n" % len(data) + data + b"\nendstream"
        if isinstance(obj, DictionaryObject):
            return b"<<" + b"".join(_direct(NameObject(k)) + b" " + self.value(v) for k, v in obj.items()) + b">>"
        if isinstance(obj, ArrayObject):
            return b"[" + b" ".join(self.value(v) for v in obj) + b"]"
        return _direct(obj)


def copy_page_form(doc: PdfDocument, n: int, page, bbox: Sequence[float]) -> None:
    """Write page ``page`` (pypdf) as Form XObject number ``n`` of ``doc`` with box ``bbox``."""
    contents = page.get_contents()
    data = contents.get_data() if contents is not None else b""
    entries = b" /Type /XObject /Subtype /Form /BBox [" + " ".join(num(float(v)) for v in bbox).encode() + b"]"
    res = page.get("/Resources")
    if res is not None:
        entries += b" /Resources " + _Copier(doc).value(res)
    doc.put(n, doc.stream(entries, data, level=9))
