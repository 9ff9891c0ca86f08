"""The SVG backend lives in :mod:`roomplanner.draw.svg` (one backend for drawings and boards);
this name stays for the drawing code: :func:`svg_string` writes a drawing page."""

from ..draw.svg import SvgBackend, num, svg_string  # noqa: F401
