"""HTTP API of the web application (FastAPI TestClient): every endpoint, errors with field
paths, infeasible rooms with options, upload caps, zip-slip, hostile names."""

from __future__ import annotations

import copy
import io
import json
import zipfile

import pytest
import yaml

from tests.conftest import BASE, EXAMPLES

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from roomplanner.web import create_app  # noqa: E402
from roomplanner.web import uploads  # noqa: E402

HOSTILE = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(warm_up=False)) as c:
        yield c


@pytest.fixture
def spec():
    return copy.deepcopy(BASE)


def example(name: str) -> dict:
    return yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))


def test_healthz_profiles_schema(client):
    assert client.get("/healthz").json()["status"] == "ok"
    profiles = client.get("/api/profiles").json()
    ids = {p["id"] for p in profiles}
    assert {"enterprise", "organ", "general"} <= ids
    ent = next(p for p in profiles if p["id"] == "enterprise")
    assert ent["name"] == "非公有制企业党支部"
    assert any(b["role"] == "flag" for b in ent["boards"])
    schema = client.get("/api/schema/spec").json()
    assert "branch" in schema["required"]
    # room is required unless the branch has no room (venue: none gives venue_walls; issue 13)
    assert {"required": ["room"], "properties": {"venue": {"enum": ["dedicated", "shared"]}}} in schema["anyOf"]
    assert any(alt["required"] == ["venue", "venue_walls"] for alt in schema["anyOf"])


def test_pages_are_served_with_a_strict_policy(client):
    for path in ("/", "/review"):
        r = client.get(path)
        assert r.status_code == 200 and "<html" in r.text
        assert "script-src 'self'" in r.headers["content-security-policy"]
    assert client.get("/static/design.js").status_code == 200
    assert client.get("/fonts/page-sans.ttf").headers["content-type"] == "font/ttf"


def test_plan_returns_plan_report_and_drawings(client, spec):
    r = client.post("/api/plan", json=spec)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["plan"]["spec"]["branch"]["name"] == BASE["branch"]["name"]
    assert body["plan"]["main_wall"] in range(4)
    assert body["report"]["schema"] == "roomplanner-report/1"
    # the base spec gives no committee: the org chart would print 待填写, a required rule fails
    assert body["report"]["compliant"] is False
    content = next(f for f in body["report"]["findings"] if f["rule"] == "content.placeholder")
    assert content["status"] == "fail" and "org_chart" in content["items"]
    area = next(f for f in body["report"]["findings"] if f["rule"] == "area.minimum")
    assert area["title"] and area["citations"][0]["document"] == "关于加强非公有制企业党员活动室规范化建设的意见"
    assert area["citations"][0]["cite"] == "〔2〕第三部分（一）" and area["citations"][0]["key"] == 2
    assert body["drawings"]["floorplan"].lstrip().startswith("<?xml")
    walls = sorted(e["wall"] for e in body["drawings"]["elevations"] if e["face"] == "inside")
    assert walls == [0, 1, 2, 3]
    status = {b["id"]: b for b in body["boards"]}
    assert status["oath"]["status"] == "ok"
    # the base spec gives no committee: the org chart prints 待填写 and says what is missing
    assert status["org_chart"]["status"] == "placeholder"
    assert "content.committee" in status["org_chart"]["missing"]
    assert "svg" not in status["oath"]


def test_plan_live_request_leaves_out_elevations(client, spec):
    body = client.post("/api/plan?include=", json=spec).json()
    assert body["drawings"]["elevations"] is None and "<svg" in body["drawings"]["floorplan"]
    assert body["report"]["findings"] and body["boards"]


def test_plan_with_board_previews(client, spec):
    body = client.post("/api/plan?include=boards", json=spec).json()
    svgs = [b["svg"] for b in body["boards"]]
    assert all(s and "<svg" in s for s in svgs)


def test_422_one_error_per_problem_with_field_paths(client, spec):
    spec["room"]["height"] = -5
    spec["branch"]["members"] = "many"
    spec["room"]["openings"][1]["width"] = 9000
    r = client.post("/api/plan", json=spec)
    assert r.status_code == 422
    paths = [e["path"] for e in r.json()["errors"]]
    assert "room.height" in paths and "branch.members" in paths
    assert all(e["message"] for e in r.json()["errors"])
    assert r.json()["message"].startswith("房间规格有")
    r_en = client.post("/api/plan?lang=en", json=spec)
    assert r_en.json()["message"].startswith("the spec has")


def test_422_geometry_problem_names_the_opening(client, spec):
    spec["room"]["openings"][1]["offset"] = 5000   # runs past the end of wall 1 (6000 mm)
    r = client.post("/api/plan", json=spec)
    assert r.status_code == 422
    assert [e["path"] for e in r.json()["errors"]] == ["room.openings[1]"]


def test_plan_accepts_yaml_like_the_command_line(client):
    raw = (EXAMPLES / "enterprise-9x6.yaml").read_bytes()
    r = client.post("/api/plan?include=", content=raw, headers={"content-type": "application/yaml"})
    assert r.status_code == 200 and r.json()["plan"]["spec"]["branch"]["type"] == "enterprise"


def test_422_for_malformed_json_and_non_mapping(client):
    r = client.post("/api/plan", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and r.json()["errors"][0]["path"] == "spec"
    r = client.post("/api/plan", json=[1, 2])
    assert r.status_code == 422


def test_409_infeasible_with_options_and_one_click_patch(client):
    spec = example("general-narrow-main-wall.yaml")
    r = client.post("/api/plan", json=spec)
    assert r.status_code == 409
    body = r.json()
    assert body["reason"] and body["rules"]
    assert "flag.centred" in body["rules"]
    patches = [o["patch"] for o in body["options"] if o["patch"]]
    assert patches, body["options"]
    fixed = {**spec, **patches[0]}
    assert client.post("/api/plan", json=fixed).status_code == 200


def test_too_small_room_gets_best_plan_with_shortfall(client):
    # issue 10: a room that cannot seat every member still gets the best plan it allows; the
    # report fails the seating rule (not a 409)
    r = client.post("/api/plan", json=example("enterprise-too-small.yaml"))
    assert r.status_code == 200
    seats = [f for f in r.json()["report"]["findings"] if f["rule"] == "seats.for_members"]
    assert seats and seats[0]["status"] == "fail"


def test_pack_zip_is_exactly_the_plan_folder(client, spec, tmp_path):
    from roomplanner.pipeline import write_outputs

    spec["date"] = "2026-11-22"
    r = client.post("/api/pack", json=spec)
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    zf = zipfile.ZipFile(io.BytesIO(r.content))
    names = set(zf.namelist())
    assert {"plan.json", "report.json", "report.pdf", "floorplan.svg", "floorplan.pdf", "installation.csv"} <= names
    assert any(n.startswith("boards/") and n.endswith(".pdf") for n in names)
    # same files, same bytes as `roomplanner plan -o`
    from roomplanner.model.spec import spec_from_data
    from roomplanner.solver import solve
    write_outputs(solve(spec_from_data(spec)), tmp_path / "out")
    on_disk = {p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert names == on_disk
    assert zf.read("plan.json") == (tmp_path / "out" / "plan.json").read_bytes()
    # deterministic: the same spec gives the same ZIP
    assert client.post("/api/pack", json=spec).content == r.content


def test_pack_multipart_with_photos(client):
    spec = example("general-full-content.yaml")
    files = [("spec", ("spec.json", json.dumps(spec, ensure_ascii=False).encode(), "application/json"))]
    for name in ("wang.jpg", "li.jpg", "zhang.jpg"):
        files.append(("photos", (name, (EXAMPLES / "photos" / name).read_bytes(), "image/jpeg")))
    r = client.post("/api/pack", files=files)
    assert r.status_code == 200, r.text[:500]
    names = zipfile.ZipFile(io.BytesIO(r.content)).namelist()
    n_photo_fields = sum(1 for e in spec["content"]["honors"] + spec["content"]["members"] if e.get("photo"))
    assert sum(1 for n in names if n.startswith("photos/")) == n_photo_fields == 5


def test_missing_photo_is_a_content_error_naming_the_field(client):
    spec = example("general-full-content.yaml")
    r = client.post("/api/pack", files=[("spec", ("spec.json", json.dumps(spec).encode(), "application/json"))])
    assert r.status_code == 422
    assert r.json()["errors"][0]["path"].startswith("content.")


def test_oversized_uploads_refused(client, spec):
    big = b"{" + b" " * (uploads.MAX_SPEC_BYTES + 10) + b"}"
    r = client.post("/api/plan", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413
    photo = b"\xff\xd8\xff" + b"\0" * (uploads.MAX_PHOTO_BYTES + 1)
    r = client.post("/api/plan", files=[("spec", ("s.json", json.dumps(spec).encode())), ("photos", ("big.jpg", photo))])
    assert r.status_code == 413
    assert "MiB" in r.json()["message"]


def test_decompression_bomb_photo_refused(client, spec):
    from PIL import Image
    buf = io.BytesIO()
    Image.new("1", (10000, 5000)).save(buf, "PNG")   # 50 Mpx in a few kB
    spec["content"] = {"honors": [{"name": "王", "honour": "优秀共产党员", "year": 2025, "photo": "photos/bomb.png"}]}
    r = client.post("/api/plan", files=[("spec", ("s.json", json.dumps(spec).encode())), ("photos", ("bomb.png", buf.getvalue()))])
    assert r.status_code == 422
    assert "像素" in r.json()["message"]


def _pack_zip(client, spec) -> bytes:
    spec = copy.deepcopy(spec)
    spec["date"] = "2026-11-22"
    return client.post("/api/pack", json=spec).content


def test_check_plans_and_zips_in_upload_order(client, spec):
    z = _pack_zip(client, spec)
    plan = json.loads(zipfile.ZipFile(io.BytesIO(z)).read("plan.json"))
    moved = copy.deepcopy(plan)
    flag = next(i for i in moved["wall_items"] if i["role"] == "flag")
    flag["offset"] += 400                      # the flag moved by hand: no longer centred
    r = client.post("/api/check", files=[("files", ("pack.zip", z)), ("files", ("moved.json", json.dumps(moved).encode())),
                                         ("files", ("junk.json", b"[1,2"))])
    assert r.status_code == 200
    res = r.json()
    assert [x["file"] for x in res] == ["pack.zip", "moved.json", "junk.json"]
    # the base spec fills in no content: its only failing rule is that boards would print 待填写
    assert res[0]["status"] == "fail" and res[0]["branch"] == BASE["branch"]["name"] and res[0]["members"] == 25
    assert res[0]["failing"] == ["content.placeholder"]
    assert res[1]["status"] == "fail" and "flag.centred" in res[1]["failing"]
    assert res[2]["status"] == "refused" and res[2]["errors"]
    rules = {f["rule"]: f["status"] for f in res[1]["report"]["findings"]}
    assert rules["flag.centred"] == "fail"


def test_check_csv_and_report_pdf(client, spec):
    z = _pack_zip(client, spec)
    r = client.post("/api/check/csv", files=[("files", ("a.zip", z))])
    assert r.status_code == 200 and "合规" in r.content.decode("utf-8-sig")
    r = client.post("/api/check/report", files=[("files", ("a.zip", z))])
    assert r.status_code == 200 and r.content.startswith(b"%PDF")


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for k, v in entries.items():
            zf.writestr(k, v)
    return buf.getvalue()


def test_zip_slip_refused(client, spec):
    z = _pack_zip(client, spec)
    plan = zipfile.ZipFile(io.BytesIO(z)).read("plan.json")
    evil = _zip({"plan.json": plan, "../../etc/evil.txt": b"x"})
    res = client.post("/api/check", files=[("files", ("evil.zip", evil))]).json()
    assert res[0]["status"] == "refused"
    assert "../../etc/evil.txt" in res[0]["errors"][0]["message"]
    abs_zip = _zip({"plan.json": plan, "/tmp/evil.txt": b"x"})
    assert client.post("/api/check", files=[("files", ("abs.zip", abs_zip))]).json()[0]["status"] == "refused"


def test_zip_caps(client, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_ZIP_ENTRIES", 5)
    many = _zip({f"f{i}.txt": b"x" for i in range(6)} | {"plan.json": b"{}"})
    res = client.post("/api/check", files=[("files", ("many.zip", many))]).json()
    assert res[0]["status"] == "refused" and "5" in res[0]["errors"][0]["message"]
    monkeypatch.setattr(uploads, "MAX_ZIP_ENTRY", 1000)
    bomb = _zip({"plan.json": b" " * 5000})
    res = client.post("/api/check", files=[("files", ("bomb.zip", bomb))]).json()
    assert res[0]["status"] == "refused" and "MiB" in res[0]["errors"][0]["message"] or "解压" in res[0]["errors"][0]["message"]


def test_hostile_branch_name_is_escaped_everywhere(client, spec):
    spec["branch"]["name"] = HOSTILE
    body = client.post("/api/plan?include=elevations,boards", json=spec).json()
    for svg in [body["drawings"]["floorplan"]] + [e["svg"] for e in body["drawings"]["elevations"]] + [b["svg"] for b in body["boards"]]:
        assert "<script" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body["drawings"]["floorplan"]
    z = _pack_zip(client, spec)
    zf = zipfile.ZipFile(io.BytesIO(z))
    for n in zf.namelist():
        if n.endswith(".svg"):
            assert b"<script" not in zf.read(n), n
    res = client.post("/api/check", files=[("files", ("x.zip", z))]).json()[0]
    assert res["branch"] == HOSTILE          # JSON carries the text; the pages set it as text
    csv_text = client.post("/api/check/csv", files=[("files", ("x.zip", z))]).content.decode("utf-8-sig")
    assert HOSTILE in csv_text
    pdf = client.post("/api/check/report", files=[("files", ("x.zip", z))]).content
    from pypdf import PdfReader
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert HOSTILE in text.replace("\n", "")    # printed as text, not taken as markup
    # the report inside the pack, too
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(zf.read("report.pdf"))).pages)
    assert HOSTILE in text.replace("\n", "")


def test_open_spec_plan_and_pack(client, spec):
    r = client.post("/api/open", files=[("file", ("s.yaml", (EXAMPLES / "enterprise-9x6.yaml").read_bytes()))])
    assert r.status_code == 200 and r.json()["spec"]["branch"]["type"] == "enterprise"
    z = _pack_zip(client, spec)
    body = client.post("/api/open", files=[("file", ("p.zip", z))]).json()
    assert body["kind"] == "pack" and body["spec"]["branch"]["members"] == 25
    r = client.post("/api/open", files=[("file", ("bad.yaml", b"a: [1, 2"))])
    assert r.status_code == 422


def test_time_limit_gives_a_clear_error(spec, monkeypatch):
    import time as _time
    from roomplanner.web import engine

    def slow(job, *a, **k):
        while True:
            _time.sleep(0.05)
            job.checkpoint()

    monkeypatch.setattr(engine, "plan_result", slow)
    with TestClient(create_app(time_limit=0.3, warm_up=False)) as c:
        r = c.post("/api/plan", json=spec)
    assert r.status_code == 504
    assert "时间限制" in r.json()["message"]


def test_busy_pool_answers_503(spec):
    from roomplanner.web.jobs import Runner
    import asyncio

    runner = Runner(workers=1, max_waiting=0)
    assert runner.slots.acquire(blocking=False)   # the only slot is taken

    async def go():
        return await runner.run(lambda job: 1)

    from roomplanner.web.jobs import Busy
    from tests.web.test_jobs import run_async
    with pytest.raises(Busy):
        run_async(go)
    runner.shutdown()


def test_serve_binds_localhost_by_default(monkeypatch, capsys):
    import uvicorn

    from roomplanner.cli import main

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw))
    assert main(["serve", "--port", "8123"]) == 0
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8123 and seen["access_log"] is False
    assert "http://127.0.0.1:8123/" in capsys.readouterr().out


def test_model_is_the_packs_room_glb(client, spec):
    # the 三维 tab's model is byte for byte the room.glb of the pack, with every plan item named
    import struct

    spec["date"] = "2026-11-22"
    r = client.post("/api/model", json=spec)
    assert r.status_code == 200 and r.headers["content-type"] == "model/gltf-binary"
    glb = r.content
    assert glb[:4] == b"glTF"
    zf = zipfile.ZipFile(io.BytesIO(client.post("/api/pack", json=spec).content))
    assert zf.read("room.glb") == glb
    n = struct.unpack_from("<I", glb, 12)[0]
    doc = json.loads(glb[20:20 + n])
    names = {node.get("name") for node in doc["nodes"]}
    plan = client.post("/api/plan", json=spec).json()["plan"]
    assert {i["id"] for i in plan["wall_items"]} <= names


def test_model_bad_spec_is_422(client, spec):
    spec["branch"]["members"] = 0
    r = client.post("/api/model", json=spec)
    assert r.status_code == 422 and any(e["path"] == "branch.members" for e in r.json()["errors"])
