"""The user glyph cache (and the font facts' uncompressed arrays beside it): only a cache —
the same bytes with it, without it, and with a damaged one — and it is filled by the first
process and read by the next."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEXT = "党员活动室设计文件 · 印刷厂 施工 审查 0123456789"

SCRIPT = f"""
import sys
from roomplanner.pack_index import webfont
from roomplanner.typeset.outline import flush_glyph_cache, text_path_d
sys.stdout.buffer.write(webfont({TEXT!r}) + text_path_d({TEXT!r}, 'sans', 5, 0, 0).encode())
flush_glyph_cache()
"""


def _run(cache: str) -> bytes:
    env = dict(os.environ, ROOMPLANNER_CACHE_DIR=cache, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, check=True)
    return proc.stdout


def test_same_bytes_with_a_cold_a_warm_a_damaged_and_no_cache(tmp_path):
    folder = tmp_path / "cache"
    none = _run("")
    cold = _run(str(folder))
    files = sorted(folder.iterdir())
    kinds = sorted(f.name.split("-")[2] for f in files if f.name.startswith("glyphs-"))
    assert kinds == ["ttf"]
    # the font facts' arrays, uncompressed (fontdata), for the one font used
    assert len([f for f in files if f.name.startswith("fontfacts-")]) == 1
    ttf = next(f for f in files if "-ttf-" in f.name)
    entries = marshal.loads(ttf.read_bytes())
    assert len(entries) >= len(set(TEXT) - {" "}) - 1 and all(isinstance(v, bytes) for v in entries.values())
    warm = _run(str(folder))
    for f in files:                              # damaged: cut in half
        f.write_bytes(f.read_bytes()[: f.stat().st_size // 2])
    damaged = _run(str(folder))
    assert none == cold == warm == damaged


def test_a_damaged_font_facts_copy_of_the_same_length_is_not_used(tmp_path, monkeypatch):
    """The uncompressed font facts kept in the user cache are checked on every read: a copy
    with one byte changed (same length) is ignored and replaced, never read as facts."""
    import zlib

    from roomplanner.data import data_dir
    from roomplanner.typeset import fontdata

    monkeypatch.setenv("ROOMPLANNER_CACHE_DIR", str(tmp_path))
    facts_file = sorted(data_dir("fonts").glob("*.facts"))[0]
    data = facts_file.read_bytes()
    start = data.index(b"\n", len(fontdata.MAGIC)) + 1
    truth = zlib.decompress(data[start:])
    assert fontdata._arrays_body(data, start, len(truth)) == truth       # fills the cache
    [kept] = tmp_path.glob("fontfacts-*.raw")
    damaged = bytearray(kept.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    kept.write_bytes(bytes(damaged))
    assert fontdata._arrays_body(data, start, len(truth)) == truth
    assert kept.read_bytes() != bytes(damaged)                           # replaced by a good copy
