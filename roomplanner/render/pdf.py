"""The PDF backend lives in :mod:`roomplanner.draw.pdf` (one backend for drawings and boards);
this name stays for the drawing code: :func:`pdf_bytes` writes drawing pages."""

from ..draw.pdf import PdfBackend, pdf_bytes  # noqa: F401
