"""The emblem artwork upload (multipart field ``emblem``) of /api/plan, /api/pack, /api/model.

The artwork used here is a neutral test pattern — a plain coloured rectangle — standing in for
the official file a user supplies; nothing emblem-like is ever drawn by the project."""

from __future__ import annotations

import copy
import io
import json
import zipfile

import pytest

from tests.conftest import BASE

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from roomplanner.web import create_app  # noqa: E402

#: a neutral test pattern (a plain red rectangle), NOT an emblem
TEST_PATTERN = (b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100">'
                b'<rect x="0" y="0" width="100" height="100" fill="#c00000"/></svg>')


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(warm_up=False)) as c:
        yield c


def _spec(emblem: str | None) -> bytes:
    spec = copy.deepcopy(BASE)
    spec["date"] = "2026-11-22"
    if emblem:
        spec["emblem"] = emblem
    return json.dumps(spec).encode()


def _pack(client, emblem_path, upload=None, lang=None):
    files = [("spec", ("spec.json", _spec(emblem_path)))]
    if upload is not None:
        files.append(("emblem", upload))
    return client.post("/api/pack" + (f"?lang={lang}" if lang else ""), files=files)


def test_pack_with_emblem_bundles_the_artwork_and_changes_the_boards(client):
    with_art = _pack(client, "artwork/pattern.svg", ("pattern.svg", TEST_PATTERN, "image/svg+xml"))
    assert with_art.status_code == 200, with_art.text
    without = _pack(client, None)
    assert without.status_code == 200
    za, zb = zipfile.ZipFile(io.BytesIO(with_art.content)), zipfile.ZipFile(io.BytesIO(without.content))
    # exactly as `roomplanner plan -o` writes it: the artwork under artwork/emblem.svg,
    # plan.json pointing at that copy
    assert za.read("artwork/emblem.svg") == TEST_PATTERN
    assert "artwork/emblem.svg" not in zb.namelist()
    assert "artwork/pattern.svg" not in za.namelist()
    assert json.loads(za.read("plan.json"))["spec"]["emblem"] == "artwork/emblem.svg"
    boards = sorted(n for n in za.namelist() if n.startswith("boards/") and n.endswith(".pdf"))
    assert boards and boards == sorted(n for n in zb.namelist() if n.startswith("boards/") and n.endswith(".pdf"))
    differ = [n for n in boards if za.read(n) != zb.read(n)]
    assert differ, "no board PDF shows the artwork"
    # the same request twice gives the same bytes (deterministic)
    again = _pack(client, "artwork/pattern.svg", ("pattern.svg", TEST_PATTERN, "image/svg+xml"))
    assert again.content == with_art.content


def test_plan_and_model_accept_the_emblem(client):
    files = [("spec", ("spec.json", _spec("artwork/pattern.svg"))), ("emblem", ("pattern.svg", TEST_PATTERN))]
    r = client.post("/api/plan?include=boards", files=files)
    assert r.status_code == 200, r.text
    assert any("data:image/svg+xml" in (b.get("svg") or "") for b in r.json()["boards"])
    r = client.post("/api/model", files=files)
    assert r.status_code == 200 and r.content[:4] == b"glTF"


def test_spec_naming_an_emblem_that_was_not_uploaded_is_refused(client):
    r = _pack(client, "artwork/pattern.svg")
    assert r.status_code == 422
    assert [e["path"] for e in r.json()["errors"]] == ["emblem"]
    assert "没有上传" in r.json()["errors"][0]["message"]


@pytest.mark.parametrize("upload, zh, en", [
    (("big.svg", TEST_PATTERN[:-6] + b"<!--" + b"x" * (5 << 20) + b"--></svg>"), "5 MiB", "5 MiB"),
    (("pattern.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64), "不是 SVG 或 PDF", "not an SVG or PDF"),
    (("fake.pdf", b"not a pdf at all"), "SVG 或 PDF", "SVG or PDF"),
    (("script.svg", b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
                    b'<script>alert(1)</script><rect width="10" height="10"/></svg>'), "含有", "contains"),
])
def test_a_bad_emblem_file_is_refused_with_path_emblem(client, upload, zh, en):
    name = upload[0]
    for lang, word in ((None, zh), ("en", en)):
        r = _pack(client, f"artwork/{name}" if name.endswith((".svg", ".pdf")) else "artwork/x.svg", upload, lang)
        assert r.status_code == 422, r.text
        errs = r.json()["errors"]
        assert [e["path"] for e in errs] == ["emblem"]
        assert word in errs[0]["message"], errs[0]["message"]
        if lang is None:
            assert any("\u4e00" <= ch <= "\u9fff" for ch in errs[0]["message"])
        else:
            assert not any("\u4e00" <= ch <= "\u9fff" for ch in r.json()["message"] + errs[0]["message"])


def test_two_emblem_files_are_refused(client):
    files = [("spec", ("spec.json", _spec("artwork/a.svg"))), ("emblem", ("a.svg", TEST_PATTERN)),
             ("emblem", ("b.svg", TEST_PATTERN))]
    r = client.post("/api/pack", files=files)
    assert r.status_code == 422 and r.json()["errors"][0]["path"] == "emblem"


def test_opening_a_pack_returns_its_emblem(client):
    z = _pack(client, "artwork/pattern.svg", ("pattern.svg", TEST_PATTERN)).content
    r = client.post("/api/open", files=[("file", ("pack.zip", z))])
    assert r.status_code == 200
    body = r.json()
    assert body["spec"]["emblem"] == "artwork/emblem.svg"
    assert body["emblem"]["path"] == "artwork/emblem.svg" and body["emblem"]["data"].startswith("data:image/svg+xml;base64,")
