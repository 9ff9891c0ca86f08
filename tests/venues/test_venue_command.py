"""Venues through the real command (issue 13): a class-3 branch (no room) gets its two
boards and one desk card per member with the exact official texts; a class-2 shared room
passes its rules and fails when the oath is removed."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from tests.printing.pdfcheck import PT_PER_MM, box, close, font_embedded, fonts, rgb_operations

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
OFFICIAL = ROOT / "boards" / "official"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "roomplanner", *args], cwd=cwd or ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


def official(key: str) -> list[str]:
    return yaml.safe_load((OFFICIAL / f"{key}.yaml").read_text(encoding="utf-8"))["paragraphs"]


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def pdftotext_pages(pdf: Path, pages: int) -> list[str]:
    """pdftotext -raw (content order: the upside-down face reads in its own order) per page."""
    out = []
    for k in range(1, pages + 1):
        r = subprocess.run(["pdftotext", "-raw", "-f", str(k), "-l", str(k), str(pdf), "-"],
                           capture_output=True, text=True, check=True)
        out.append(r.stdout)
    return out


@pytest.fixture(scope="module")
def no_room_pack(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("class3") / "pack"
    r = run("plan", str(EXAMPLES / "organ-no-room.yaml"), "-o", str(out))
    assert r.returncode == 0, r.stderr + r.stdout
    return out


@pytest.fixture(scope="module")
def shared_pack(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("class2") / "pack"
    r = run("plan", str(EXAMPLES / "organ-shared.yaml"), "-o", str(out))
    assert r.returncode == 0, r.stderr + r.stdout
    return out


def spec_of(name: str) -> dict:
    return yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))


# ------------------------------------------------------------------ class 3

def test_class3_desk_cards_one_per_member_with_the_exact_texts(no_room_pack):
    spec = spec_of("organ-no-room.yaml")
    members = spec["branch"]["members"]
    names = [m["name"] for m in spec["content"]["members"]]
    pdf = no_room_pack / "boards" / "desk-cards.pdf"
    assert len(PdfReader(str(pdf)).pages) == members
    texts = pdftotext_pages(pdf, members)
    for k, text in enumerate(texts):
        flat = squash(text)
        for key in ("oath", "rights", "duties"):
            for para in official(key):
                assert squash(para) in flat, f"card {k + 1}: {key} paragraph missing or altered: {para[:20]}"
        # a name only where the spec gives one, and never someone else's
        if k < len(names):
            assert squash(f"共产党员{names[k]}") in flat
        for j, n in enumerate(names):
            if j != k:
                assert n not in flat
    # the oath face is one block in reading order (not split or reordered)
    assert squash("".join(official("oath"))) in squash(texts[0])


def test_class3_desk_card_boxes_bleed_marks_cmyk_fonts(no_room_pack):
    pdf = no_room_pack / "boards" / "desk-cards.pdf"
    reader = PdfReader(str(pdf))
    b = 3.0                      # options.bleed default
    for page in reader.pages:
        trim, bleed, media = box(page, "/TrimBox"), box(page, "/BleedBox"), box(page, "/MediaBox")
        assert close((trim[2] - trim[0], trim[3] - trim[1]), (297 * PT_PER_MM, 210 * PT_PER_MM))
        assert close(bleed, (trim[0] - b * PT_PER_MM, trim[1] - b * PT_PER_MM,
                             trim[2] + b * PT_PER_MM, trim[3] + b * PT_PER_MM))
        # a slug around the bleed holds the crop and fold marks
        assert media[0] < bleed[0] - 5 * PT_PER_MM and media[2] > bleed[2] + 5 * PT_PER_MM
    assert rgb_operations(reader) == []
    fs = fonts(reader)
    assert fs and all(font_embedded(f) for f in fs)
    # fold marks: dashed strokes at the fold (the trim's middle), outside the bleed
    content = reader.pages[0].get_contents().get_data().decode("latin-1")
    assert re.search(r"\[[\d.]+ [\d.]+\] 0 d", content), "no dashed (fold) marks"


def test_class3_production_list_and_boards(no_room_pack):
    spec = spec_of("organ-no-room.yaml")
    from roomplanner.printing.production import COLUMNS
    with open(no_room_pack / "boards" / "production.csv", encoding="utf-8-sig") as fh:
        rows = [dict(zip(COLUMNS, r)) for r in list(csv.reader(fh))[1:]]   # Chinese headers: by position
    cards = [r for r in rows if r["id"] == "desk_cards"]
    assert len(cards) == 1
    assert cards[0]["quantity"] == str(spec["branch"]["members"])
    assert cards[0]["file"] == "desk-cards.pdf" and cards[0]["kind"] == "桌牌"
    assert (cards[0]["width_mm"], cards[0]["height_mm"], cards[0]["bleed_mm"]) == ("297", "210", "3")
    ids = {r["id"] for r in rows}
    assert {"publicity_window", "party_affairs_column"} <= ids
    for bid in ("publicity_window", "party_affairs_column"):
        assert (no_room_pack / "boards" / f"{bid}.pdf").is_file()
    prod = subprocess.run(["pdftotext", str(no_room_pack / "boards" / "production.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "桌牌" in prod


def test_class3_plan_and_report(no_room_pack):
    plan = json.loads((no_room_pack / "plan.json").read_text(encoding="utf-8"))
    assert plan["profile"] == "organ-no-room"
    assert "room" not in plan["spec"] and plan["spec"]["venue"] == "none"
    walls = {w["id"]: w for w in plan["wall_items"]}
    assert walls["publicity_window"]["wall"] == 0 and walls["party_affairs_column"]["wall"] == 1
    spec = spec_of("organ-no-room.yaml")
    corridor = spec["venue_walls"]["corridor"]
    w = walls["publicity_window"]
    for o in corridor["openings"] + corridor["obstacles"]:      # clear of the doors and the hydrant box
        assert w["offset"] + w["width"] + 100 <= o["offset"] or w["offset"] >= o["offset"] + o["width"] + 100 \
            or ("bottom" in o and w["bottom"] >= o["top"] + 100)
    report = json.loads((no_room_pack / "report.json").read_text(encoding="utf-8"))
    st = {f["rule"]: f for f in report["findings"]}
    for rid in ("venue.corridor_window", "venue.office_column", "venue.desk_cards"):
        assert st[rid]["status"] == "pass", st[rid]
        assert st[rid]["source"].startswith("001 §2(三)1")
    assert st["venue.on_site"]["status"] == "review"
    # not told it lacks a room: every room rule is not applicable, none fails
    for rid in ("flag.on_main_wall", "area.per_member", "seats.for_members", "boards.required_present",
                "furniture.required", "door_sign.present", "passage.width"):
        assert st[rid]["status"] == "not_applicable", st[rid]
    assert not [f for f in report["findings"] if f["status"] == "fail"]
    # the checker reads the cards back: the same verdicts through `check`
    r = run("check", str(no_room_pack / "plan.json"), "--json")
    assert r.returncode == 0, r.stderr
    assert {f["rule"]: f["status"] for f in json.loads(r.stdout)["findings"]}["venue.desk_cards"] == "pass"


def test_class3_check_fails_when_the_desk_cards_do_not_match(no_room_pack, tmp_path):
    d = tmp_path / "copy"
    shutil.copytree(no_room_pack, d)
    plan = json.loads((d / "plan.json").read_text(encoding="utf-8"))
    plan["spec"]["branch"]["members"] += 1               # one member more than there are cards
    (d / "plan.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    r = run("check", str(d / "plan.json"), "--json")
    assert r.returncode == 1
    f = {f["rule"]: f for f in json.loads(r.stdout)["findings"]}["venue.desk_cards"]
    assert f["status"] == "fail" and f["measured"] == plan["spec"]["branch"]["members"] - 1
    (d / "boards" / "desk-cards.pdf").unlink()           # and none at all
    r = run("check", str(d / "plan.json"), "--json")
    assert r.returncode == 1
    assert {f["rule"]: f["status"] for f in json.loads(r.stdout)["findings"]}["venue.desk_cards"] == "fail"


def test_class3_pack_is_deterministic(no_room_pack, tmp_path):
    out = tmp_path / "again"
    r = run("plan", str(EXAMPLES / "organ-no-room.yaml"), "-o", str(out))
    assert r.returncode == 0, r.stderr
    for rel in ("plan.json", "boards/desk-cards.pdf", "boards/production.csv", "report.json"):
        assert (out / rel).read_bytes() == (no_room_pack / rel).read_bytes(), rel


# ------------------------------------------------------------------ class 2

def test_class2_shared_room_passes_its_rules(shared_pack):
    plan = json.loads((shared_pack / "plan.json").read_text(encoding="utf-8"))
    assert plan["profile"] == "organ-shared" and plan["floor_items"] == []     # no furniture added
    report = json.loads((shared_pack / "report.json").read_text(encoding="utf-8"))
    st = {f["rule"]: f for f in report["findings"]}
    assert report["compliant"] is True
    assert st["venue.shared_walls"]["status"] == "pass"
    assert st["venue.shared_walls"]["source"].startswith("001 §2(二)3")
    assert st["venue.publicity_window"]["status"] == "pass"
    for rid in ("venue.corridor_window", "venue.office_column", "venue.desk_cards"):
        assert st[rid]["status"] == "not_applicable"
    assert not (shared_pack / "boards" / "desk-cards.pdf").exists()
    # boards keep clear of the office's own furniture (obstacles with depth)
    spec = spec_of("organ-shared.yaml")
    for ob in spec["room"]["obstacles"]:
        for w in plan["wall_items"]:
            if w["wall"] == ob["wall"] and w["face"] == "inside":
                apart = (w["offset"] + w["width"] <= ob["offset"] or w["offset"] >= ob["offset"] + ob["width"]
                         or w["bottom"] >= ob["top"])
                assert apart, (w["id"], ob["label"])


def test_class2_fails_without_the_oath(shared_pack, tmp_path):
    d = tmp_path / "no-oath"
    d.mkdir()
    plan = json.loads((shared_pack / "plan.json").read_text(encoding="utf-8"))
    plan["wall_items"] = [w for w in plan["wall_items"] if w["role"] != "oath"]
    (d / "plan.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    r = run("check", str(d / "plan.json"), "--json")
    assert r.returncode == 1, r.stdout + r.stderr
    f = {f["rule"]: f for f in json.loads(r.stdout)["findings"]}["venue.shared_walls"]
    assert f["status"] == "fail" and f["severity"] == "required"
    assert "入党誓词" in f["message"] and f["source"].startswith("001 §2(二)3")


def test_class2_pack_passes_the_check_command(shared_pack):
    r = run("check", str(shared_pack / "plan.json"))
    assert r.returncode == 0, r.stdout + r.stderr


# ------------------------------------------------------------------ bad input

@pytest.mark.parametrize("change, field", [
    (lambda s: s.update(room={"outline": [[0, 0], [4000, 0], [4000, 3000], [0, 3000]], "height": 3000,
                               "openings": [{"kind": "door", "wall": 0, "offset": 100, "width": 900, "height": 2100}]}),
     "room"),
    (lambda s: s.pop("venue_walls"), "venue_walls"),
    (lambda s: s["venue_walls"]["corridor"]["openings"].append({"kind": "door", "offset": 7000, "width": 900,
                                                               "height": 2100}),
     "venue_walls.corridor.openings[2]"),
    (lambda s: s["branch"].update(type="village"), "venue"),
    (lambda s: s.update(venue="rooftop"), "venue"),
    (lambda s: s.update(main_wall=1), "main_wall"),
    (lambda s: s["content"]["members"].extend({"name": f"党员{k}"} for k in range(5)), "content.members"),
])
def test_bad_venue_specs_name_the_field(tmp_path, change, field):
    spec = spec_of("organ-no-room.yaml")
    change(spec)
    p = tmp_path / "spec.yaml"
    p.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out"
    r = run("plan", str(p), "-o", str(out))
    assert r.returncode == 2, r.stdout + r.stderr
    assert field in r.stderr
    assert not out.exists()


def test_a_corridor_without_clear_wall_is_infeasible(tmp_path):
    spec = spec_of("organ-no-room.yaml")
    spec["venue_walls"]["corridor"] = {"length": 1200, "height": 3000,
                                       "openings": [{"kind": "door", "offset": 100, "width": 1000, "height": 2100}]}
    p = tmp_path / "spec.yaml"
    p.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    r = run("plan", str(p), "-o", str(tmp_path / "out"))
    assert r.returncode == 3, r.stdout + r.stderr
    assert "venue_walls.corridor" in r.stderr
    assert not (tmp_path / "out").exists()


def test_class3_outline_text_and_english_pack_still_passes(tmp_path):
    """--outline-text outlines the boards and drawings; the desk cards keep live text (embedded
    subsets) so that the checker can read the official texts back."""
    out = tmp_path / "en"
    r = run("plan", str(EXAMPLES / "organ-no-room.yaml"), "-o", str(out), "--lang", "en", "--outline-text")
    assert r.returncode == 0, r.stdout + r.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    st = {f["rule"]: f for f in report["findings"]}
    assert st["venue.desk_cards"]["status"] == "pass" and report["lang"] == "en"
    assert "desk cards" in st["venue.desk_cards"]["message"]
    assert fonts(PdfReader(str(out / "boards" / "publicity_window.pdf"))) == []      # outlined
    assert all(font_embedded(f) for f in fonts(PdfReader(str(out / "boards" / "desk-cards.pdf"))))


def test_class3_desk_card_looks_like_a_tent_card(no_room_pack, tmp_path):
    """Rendered at 40 dpi: the red bands run along both outer (desk) edges of the sheet, the
    fold in the middle is paper, and both halves carry text (dark pixels)."""
    from PIL import Image

    pdf = no_room_pack / "boards" / "desk-cards.pdf"
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", "-cropbox", str(pdf), str(tmp_path / "c")],
                   check=True)
    png = next(tmp_path.glob("c*.png"))
    img = Image.open(png).convert("RGB")
    reader = PdfReader(str(pdf))
    media, trim = box(reader.pages[0], "/MediaBox"), box(reader.pages[0], "/TrimBox")
    sx = img.width / (media[2] - media[0])

    def px(x_mm_from_trim_left, y_mm_from_trim_top):
        x = (trim[0] - media[0]) * sx + x_mm_from_trim_left * PT_PER_MM * sx
        y = (media[3] - trim[3]) * sx + y_mm_from_trim_top * PT_PER_MM * sx
        return img.getpixel((int(x), int(y)))

    def red(c):
        return c[0] > 180 and c[1] < 90 and c[2] < 90

    assert red(px(148, 5)) and red(px(148, 205))          # bands at both outer edges
    assert not red(px(148, 105))                           # the fold is paper
    for top, bottom in ((20, 90), (120, 190)):             # text on both faces
        dark = sum(1 for y in range(top, bottom, 2) for x in range(20, 277, 3)
                   if sum(px(x, y)) < 500 and not red(px(x, y)))
        assert dark > 20, (top, bottom, dark)
