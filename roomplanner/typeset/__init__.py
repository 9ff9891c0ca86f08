"""Typesetting base: the bundled fonts (coverage, advances, vertical metrics), CJK line
breaking and glyph outlines. Everything that draws text — drawings, boards, reports —
stands on this package; it imports nothing of roomplanner but ``errors`` and ``data``."""
