"""Deeply nested YAML never crashes the process: libyaml composes nested collections by
recursion in C without a limit, so the data-file reader (``data.load_yaml``, also a user's
``palette.yaml``) gives it only documents that cannot nest deep enough to overflow its stack;
the spec reader uses the pure-Python parser and refuses deep nesting with its message."""

import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLES, ROOT


def test_deep_documents_do_not_crash_libyaml():
    """libyaml recurses in C without a limit: a document nested 100,000 deep would kill the
    process. The spec reader and the data-file reader (a user's palette.yaml) refuse it."""
    code = ("from roomplanner.model.spec import loads_spec\n"
            "from roomplanner.data import load_yaml\n"
            "from roomplanner.errors import SpecError\n"
            "t = 'a: ' + '[' * 100000 + ']' * 100000\n"
            "try:\n    loads_spec(t, lang='en')\nexcept SpecError as e:\n    print(e.problems[0])\n"
            "try:\n    load_yaml(t)\nexcept RecursionError:\n    print('RecursionError')\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                       env={"PYTHONPATH": str(ROOT), "ROOMPLANNER_CACHE_DIR": "", "PATH": "/usr/bin:/bin"})
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.splitlines() == ["spec: nested too deeply (limit 32 levels)", "RecursionError"]


def test_libyaml_limit_is_far_above_real_documents():
    from roomplanner.data import LIBYAML_MAX_MARKS, data_dir, shallow_for_libyaml

    files = [*EXAMPLES.glob("*.yaml"), *data_dir("layouts").glob("*.yaml"), *data_dir("boards").rglob("*.yaml")]
    assert files and all(shallow_for_libyaml(Path(f).read_text(encoding="utf-8")) for f in files)
    assert not shallow_for_libyaml("[" * (LIBYAML_MAX_MARKS + 1))


def test_deep_palette_is_a_content_error(tmp_path):
    """A user's palette.yaml nested thousands deep is refused as bad content naming the file,
    not an internal error."""
    import pytest

    from roomplanner.errors import ContentError
    from roomplanner.printing.templates import load_palette

    palette = tmp_path / "palette.yaml"
    palette.write_text("red: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(ContentError, match="palette.yaml: 无法读取调色板文件（嵌套层数过多）"):
        load_palette(palette)
    with pytest.raises(ContentError, match=r"palette.yaml: cannot read the palette \(nested too deeply\)"):
        load_palette(palette, lang="en")
