"""Where the data folders are: inside the installed package (a wheel maps layouts/,
boards/, fonts/ and examples/ into ``roomplanner/``) or beside it in a source checkout; and
the user cache folder (:func:`cache_dir`) that the prepared font facts, the glyph cache, the
parsed data files and the DXF skeletons share."""

from __future__ import annotations

import marshal
from functools import lru_cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent


def cache_dir() -> Path | None:
    """The user cache folder, or None when caching is switched off:
    ``$ROOMPLANNER_CACHE_DIR`` if set (empty: no cache), else ``$XDG_CACHE_HOME/roomplanner``
    or ``~/.cache/roomplanner``."""
    import os

    env = os.environ.get("ROOMPLANNER_CACHE_DIR")
    if env is not None:
        return Path(env) if env else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "roomplanner"


@lru_cache(maxsize=None)
def data_dir(name: str) -> Path:
    """Path of the data folder ``name`` (layouts, boards, fonts, examples)."""
    inside = _PKG / name
    if inside.is_dir():
        return inside
    beside = _PKG.parent / name
    if beside.is_dir():
        return beside
    raise FileNotFoundError(f"data folder {name!r} not found next to the roomplanner package")


def load_yaml(stream):
    """``yaml.safe_load`` of a data file (profiles, board templates, texts, a palette) with
    libyaml's C parser when PyYAML has it and the document cannot nest deep enough to overflow
    its C stack (:func:`shallow_for_libyaml`; otherwise the pure-Python parser, which raises
    ``RecursionError`` for a document nested too deep), and the result kept in the user cache keyed by the
    text's SHA-256: a run reads some forty of these files, and building their data in Python
    costs about 60 ms of every cold start, a cached copy (``marshal``) a few. The cache is
    only a cache: the same data either way, and a missing or unwritable folder changes nothing
    but speed. ``stream``: a file object or the text itself."""
    text = stream.read() if hasattr(stream, "read") else stream
    raw = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    key = _yaml_key(raw)
    blob = _yaml_memo.get(key)
    path = _yaml_cache_path(key)
    if blob is None and path is not None:
        try:
            blob = path.read_bytes()
        except OSError:
            blob = None
    if blob is not None:
        try:
            stored_key, data = marshal.loads(blob)     # the key inside: a swapped file is not used
            if stored_key == key:
                _yaml_memo[key] = blob
                return data
        except (ValueError, EOFError, TypeError):
            pass
    data = _parse_yaml(text)
    try:
        blob = marshal.dumps((key, data))
    except ValueError:        # a value marshal cannot hold (a YAML date): not cached
        return data
    _yaml_memo[key] = blob
    if path is not None:
        write_cache_file(path, blob, prefix=".yaml-")
    return data


#: Bump when what the cache holds for a text changes.
YAML_CACHE_FORMAT = 2
_yaml_memo: dict[str, bytes] = {}


def _parse_yaml(text):
    import yaml

    fast = getattr(yaml, "CSafeLoader", None)
    return yaml.load(text, Loader=fast if fast is not None and shallow_for_libyaml(text) else yaml.SafeLoader)


#: libyaml composes nested collections by recursion in C, unchecked: a document nested some
#: thousands deep overflows the C stack and kills the process (a user's ``palette.yaml`` could
#: be one). Every level of nesting needs one of these characters, so a document with at most
#: ``LIBYAML_MAX_MARKS`` of them is safe for it (500 levels pass even in a thread with a
#: 256 KiB stack); a spec has about a hundred, the largest data file (roles.yaml) 241.
_NESTING_MARKS = ("[", "{", "-", ":", "?")
LIBYAML_MAX_MARKS = 500


def shallow_for_libyaml(text: str | bytes) -> bool:
    """Whether libyaml can read ``text`` without the risk of overflowing the C stack; else
    the pure-Python parser reads it (and a document nested too deep is a RecursionError)."""
    if isinstance(text, bytes):
        return sum(text.count(m.encode()) for m in _NESTING_MARKS) <= LIBYAML_MAX_MARKS
    return sum(text.count(m) for m in _NESTING_MARKS) <= LIBYAML_MAX_MARKS


@lru_cache(maxsize=None)
def _yaml_version() -> str:
    """PyYAML's version without importing it (its import alone costs 20 ms)."""
    from importlib.util import find_spec

    spec = find_spec("yaml")
    if spec is None or not spec.origin:
        return "?"
    try:
        with open(spec.origin, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return spec.origin
    for line in head.splitlines():
        if line.startswith(b"__version__"):
            return line.decode("ascii", "replace")
    return spec.origin


def _yaml_key(raw: bytes) -> str:
    import hashlib

    h = hashlib.sha256(f"{YAML_CACHE_FORMAT} {_yaml_version()}\n".encode())
    h.update(raw)
    return h.hexdigest()[:32]


def _yaml_cache_path(key: str) -> Path | None:
    import os

    folder = _yaml_cache_folder(os.environ.get("ROOMPLANNER_CACHE_DIR"), os.environ.get("XDG_CACHE_HOME"),
                                os.environ.get("HOME"))
    return folder / f"yaml-{key}.marshal" if folder is not None else None


@lru_cache(maxsize=8)
def _yaml_cache_folder(*environment) -> Path | None:
    """The cache's ``data`` folder, for these environment values."""
    folder = cache_dir()
    return folder / "data" if folder is not None else None


def write_cache_file(path: Path, blob: bytes, prefix: str = ".cache-") -> None:
    """Write ``blob`` to ``path`` in the user cache atomically: a temporary file (named
    ``prefix``…) in the same folder, then renamed over ``path``, so a reader never sees half a
    file. A cache that cannot be written is no error: nothing is raised for it."""
    import os
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=prefix)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass  # only a cache
