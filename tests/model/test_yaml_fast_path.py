"""A spec is read with libyaml's C parser where that gives what the pure-Python parser gives
(model/safeload.py ``_load_yaml``): the same data, and for a document with a mistake the
pure-Python parser's own message, line and column."""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from roomplanner.errors import SpecError
from roomplanner.model import safeload
from roomplanner.model.spec import loads_spec
from tests.conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.skipif(not getattr(yaml, "__with_libyaml__", False), reason="PyYAML without libyaml")


def pure(text: str):
    _yaml, _refused, loader, _fast = safeload._yaml()
    return yaml.load(text, Loader=loader)  # noqa: S506 (safe loader subclass)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_examples_read_by_libyaml_as_by_python(path, monkeypatch):
    text = path.read_text(encoding="utf-8")
    used = []
    fast = safeload._yaml()[3]
    monkeypatch.setattr(fast, "construct_document", lambda self, node: used.append(1) or
                        super(fast, self).construct_document(node), raising=False)
    data = safeload._load_yaml(text)
    assert used == [1]                    # libyaml read it
    assert data == pure(text)
    assert [type(v) for v in _leaves(data)] == [type(v) for v in _leaves(pure(text))]


def _leaves(obj):
    if isinstance(obj, dict):
        for v in obj.values():
            yield from _leaves(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _leaves(v)
    else:
        yield obj


def message(text: str) -> list[str]:
    with pytest.raises(SpecError) as ei:
        loads_spec(text, lang="en")
    return ei.value.problems


def pure_message(text: str, monkeypatch) -> list[str]:
    monkeypatch.setattr(safeload, "_load_yaml", pure)
    return message(text)


BASE = (EXAMPLES / "enterprise-9x6.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("text", [
    # libyaml reads these two (as other values); the pure-Python parser names the mistake
    BASE.replace("sill: 900,", "sill: 900\t,"),
    BASE.replace("width: 3000", "width: 3?000"),
    # refused constructs and plain syntax errors: the fallback says where
    BASE + "x: &a [1]\ny: *a\n",
    BASE + "branch: 1\n",
    BASE.replace("height: 3000", "height：3000"),
    BASE.replace("[9000,0]", "[9000，0]"),
], ids=["tab", "question-mark", "alias", "duplicate-key", "full-width-colon", "full-width-comma"])
def test_mistakes_keep_the_pure_python_message(text, monkeypatch):
    got = message(text)
    assert got == pure_message(text, monkeypatch)
    assert "line" in got[0]


def test_alias_still_refused_with_its_place():
    [msg] = message("a: 1\nb: &x [1, 2]\nc: *x\n")
    assert msg == "spec: not valid YAML: YAML aliases (*name) are not allowed at line 3 column 4"


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
