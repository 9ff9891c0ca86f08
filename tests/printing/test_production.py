"""production.csv / production.pdf: every item to make or buy."""

from __future__ import annotations

import csv
import io

from roomplanner.printing.production import COLUMNS

from . import pdfcheck as P


def _rows(out):
    raw = (out / "production.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV needs a UTF-8 byte-order mark for spreadsheet programs"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_csv_lists_every_wall_item_in_plan_order(full_rendered):
    plan, out, _ = full_rendered
    rows = _rows(out)
    assert list(rows[0].keys()) == COLUMNS
    assert [r["id"] for r in rows] == [it.id for it in plan.wall_items]


def test_flag_is_a_purchase_line_with_its_standard_size(full_rendered):
    plan, out, _ = full_rendered
    flag = next(r for r in _rows(out) if r["kind"] == "flag")
    item = next(it for it in plan.wall_items if it.kind == "flag")
    assert flag["action"] == "purchase" and flag["file"] == "" and flag["bleed_mm"] == ""
    n = item.flag_size or plan.flag_size
    assert f"{n}号" in flag["title"] and f"{item.width / 10:.0f}×{item.height / 10:.0f} cm" in flag["title"]
    assert "定点" in flag["material"] and "1996" in flag["notes"]


def test_board_rows(full_rendered):
    plan, out, _ = full_rendered
    b = plan.spec.options.bleed
    for r in _rows(out):
        if r["kind"] == "flag":
            continue
        it = next(i for i in plan.wall_items if i.id == r["id"])
        assert r["action"] == "print" and r["file"] == f"{it.id}.pdf" and (out / r["file"]).is_file()
        assert float(r["width_mm"]) == float(it.width) and float(r["height_mm"]) == float(it.height)
        assert float(r["bleed_mm"]) == b
        assert float(r["file_width_mm"]) == float(it.width) + 2 * b
        assert r["material"] == "KT板" and r["quantity"] == "1"
        assert r["status"] in ("ok", "placeholder", "unverified")
    honor = next(r for r in _rows(out) if r["id"] == "honor")
    assert "欧阳晓东" in honor["notes"]  # older than two years, and no photo


def test_production_pdf_is_cmyk_with_embedded_fonts(full_rendered):
    plan, out, _ = full_rendered
    r = P.read(out / "production.pdf")
    assert len(r.pages) >= 1
    assert P.rgb_operations(r) == []
    assert all(P.font_embedded(f) for f in P.fonts(r))
    text = "".join(p.extract_text() for p in r.pages)
    assert "制作清单" in text


def test_material_comes_from_the_spec(example_plans, tmp_path):
    from roomplanner.printing.boards import render_boards

    plan = example_plans["village-column"]
    spec = plan.spec.model_copy(update={"options": plan.spec.options.model_copy(update={"material": "PVC板"})})
    render_boards(plan.model_copy(update={"spec": spec}), tmp_path, lang="en")
    rows = _rows(tmp_path)
    assert {r["material"] for r in rows if r["kind"] != "flag"} == {"PVC板"}
    assert "designated manufacturer" in next(r for r in rows if r["kind"] == "flag")["notes"]
