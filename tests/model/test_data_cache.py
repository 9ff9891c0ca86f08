"""``data.load_yaml``: the data files' parsed copies in the user cache give the same data as
PyYAML, are only a cache (corrupt, missing or switched off: the same data) and never serve a
changed file's old data."""

import datetime

import pytest
import yaml

from roomplanner import data
from tests.conftest import ROOT


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ROOMPLANNER_CACHE_DIR", str(tmp_path / "cache"))
    data._yaml_memo.clear()
    yield tmp_path / "cache" / "data"
    data._yaml_memo.clear()


def bundled_files():
    return sorted([*(ROOT / "layouts").glob("*.yaml"), *(ROOT / "boards").rglob("*.yaml")])


def load(path):
    with open(path, encoding="utf-8") as fh:
        return data.load_yaml(fh)


def test_every_bundled_file_same_data_from_the_cache(cache):
    files = bundled_files()
    assert len(files) > 30
    expected = {p: yaml.safe_load(p.read_text(encoding="utf-8")) for p in files}
    assert {p: load(p) for p in files} == expected          # parsed, and written to the cache
    assert len(list(cache.glob("yaml-*.marshal"))) == len({p.read_bytes() for p in files})
    data._yaml_memo.clear()                                    # a new process: read from the files
    assert {p: load(p) for p in files} == expected
    assert {p: load(p) for p in files} == expected             # from this process's memo


def test_each_load_is_a_fresh_object(cache):
    path = ROOT / "boards" / "sizes.yaml"
    first = load(path)
    first.clear()
    assert load(path) == yaml.safe_load(path.read_text(encoding="utf-8")) != {}


def test_a_changed_file_is_parsed_again(cache, tmp_path):
    f = tmp_path / "palette.yaml"
    f.write_text("red: [0, 100, 100, 0]\n", encoding="utf-8")
    assert load(f) == {"red": [0, 100, 100, 0]}
    f.write_text("red: [0, 90, 100, 0]\n", encoding="utf-8")
    assert load(f) == {"red": [0, 90, 100, 0]}


def test_a_corrupt_cache_file_is_only_slower(cache):
    path = ROOT / "boards" / "roles.yaml"
    expected = load(path)
    for entry in cache.glob("yaml-*.marshal"):
        entry.write_bytes(b"\x00garbage")
    data._yaml_memo.clear()
    assert load(path) == expected


def test_switched_off_or_unwritable(monkeypatch, tmp_path):
    path = ROOT / "boards" / "sizes.yaml"
    expected = yaml.safe_load(path.read_text(encoding="utf-8"))
    monkeypatch.setenv("ROOMPLANNER_CACHE_DIR", "")                       # off
    data._yaml_memo.clear()
    assert load(path) == expected
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("ROOMPLANNER_CACHE_DIR", str(blocker))            # cannot be created
    data._yaml_memo.clear()
    assert load(path) == expected
    data._yaml_memo.clear()


def test_values_marshal_cannot_hold_are_not_cached(cache):
    assert data.load_yaml("day: 2026-11-22\n") == {"day": datetime.date(2026, 11, 22)}
    assert not list(cache.glob("yaml-*.marshal"))
    assert data.load_yaml("day: 2026-11-22\n") == {"day": datetime.date(2026, 11, 22)}


def test_yaml_errors_still_raise(cache):
    with pytest.raises(yaml.YAMLError):
        data.load_yaml("a: [1, 2\n")


def test_a_cache_file_of_another_text_is_not_used(cache):
    sizes, roles = ROOT / "boards" / "sizes.yaml", ROOT / "boards" / "roles.yaml"
    expected = load(sizes)
    load(roles)
    files = {p.read_bytes() for p in cache.glob("yaml-*.marshal")}
    assert len(files) == 2
    a, b = sorted(cache.glob("yaml-*.marshal"))
    blob_a, blob_b = a.read_bytes(), b.read_bytes()
    a.write_bytes(blob_b)                 # each file now holds the other text's data
    b.write_bytes(blob_a)
    data._yaml_memo.clear()
    assert load(sizes) == expected
