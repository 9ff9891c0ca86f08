"""A user cache of glyph path strings, filled on first use.

Decoding a glyph from the ``glyf`` table and writing it as a path costs about a millisecond
in Python, and a board set uses several hundred glyphs. The SVG path data of every glyph
drawn is therefore kept in a small file per font in the user's cache folder and read by the
next process in a few milliseconds. The cache is only a cache: a missing, unreadable or
unwritable folder changes nothing but speed, and its entries are keyed by the font file's
SHA-256, so a changed font never meets stale outlines.

Folder: :func:`roomplanner.data.cache_dir` (``$ROOMPLANNER_CACHE_DIR`` if set, empty: no
cache; else ``$XDG_CACHE_HOME/roomplanner`` or ``~/.cache/roomplanner``). Files are replaced atomically;
two processes writing at once lose at most some entries, never correctness.
"""

from __future__ import annotations

import marshal
import threading
from pathlib import Path

from ..data import cache_dir, write_cache_file

FORMAT = 1


class GlyphStrings:
    """``gid -> str`` (or ``bytes``, for ``value_type=bytes``) for one font and one path
    language, backed by a cache file."""

    def __init__(self, font_sha256: str, kind: str, value_type: type = str):
        self.name = f"glyphs-{font_sha256[:20]}-{kind}-v{FORMAT}.marshal"
        self._type = value_type
        self._lock = threading.Lock()
        self._entries: dict[int, str] | None = None
        self._dirty = False

    def _path(self) -> Path | None:
        folder = cache_dir()
        return folder / self.name if folder is not None else None

    def _load(self) -> dict[int, str]:
        entries: dict[int, str] = {}
        path = self._path()
        if path is not None:
            try:
                data = marshal.loads(path.read_bytes())
                if isinstance(data, dict):
                    entries = {k: v for k, v in data.items() if isinstance(k, int) and isinstance(v, self._type)}
            except (OSError, ValueError, EOFError, TypeError):
                pass
        return entries

    def get(self, gid: int) -> str | bytes | None:
        entries = self._entries
        if entries is None:
            with self._lock:
                if self._entries is None:
                    self._entries = self._load()
                entries = self._entries
        return entries.get(gid)

    def put(self, gid: int, value: str | bytes) -> None:
        with self._lock:
            if self._entries is None:
                self._entries = self._load()
            self._entries[gid] = value
            self._dirty = True

    def flush(self) -> None:
        """Write new entries to the cache file (merged with what another process wrote)."""
        with self._lock:
            if not self._dirty or self._entries is None:
                return
            path = self._path()
            self._dirty = False
            if path is None:
                return
            merged = self._load()
            merged.update(self._entries)
            self._entries = merged
            write_cache_file(path, marshal.dumps(dict(sorted(merged.items()))), prefix=".glyphs-")
