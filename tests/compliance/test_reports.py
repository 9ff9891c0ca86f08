"""Report writers: JSON, SARIF 2.1.0, PDF (parsed back with pypdf)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from roomplanner.compliance import RULES
from roomplanner.compliance.batch import check_many
from roomplanner.compliance.command import run_check_command
from roomplanner.compliance.report import sarif_log, write_report_json, write_report_pdf

from .factories import general_plan, item
from .helpers import FIXTURES, plan_of, report_of, write_plan

pypdf = pytest.importorskip("pypdf")


def test_json_is_deterministic_and_complete(tmp_path):
    r1, r2 = report_of(general_plan()), report_of(general_plan())
    assert r1.to_json() == r2.to_json()
    d = json.loads(r1.to_json())
    assert d["compliant"] is True
    assert [f["rule"] for f in d["findings"]] == list(RULES)
    write_report_json(r1, tmp_path / "report.json")
    assert (tmp_path / "report.json").read_text(encoding="utf-8") == r1.to_json()


def test_json_output_of_several_plans(tmp_path):
    a = FIXTURES / "pass-flag.centred-exact.json"
    b = FIXTURES / "fail-flag.centred-plus6mm.json"
    out, err = io.StringIO(), io.StringIO()
    rc = run_check_command([str(a), str(b)], json_out=True, stdout=out, stderr=err, jobs=1)
    doc = json.loads(out.getvalue())
    assert rc == 1 and len(doc["reports"]) == 2
    assert "FAIL" in err.getvalue()      # summary lines go to stderr with --json


def _sarif(paths):
    return sarif_log(check_many(paths, jobs=1))


def test_sarif_shape():
    paths = [str(FIXTURES / "fail-flag.centred-plus6mm.json"), str(FIXTURES / "review-committee.size-6.json"),
             str(FIXTURES / "missing.json")]
    log = _sarif(paths)
    assert log["version"] == "2.1.0" and "sarif-2.1.0" in log["$schema"]
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    for r in rules:
        assert r["shortDescription"]["text"] and r["properties"]["source"]
        assert r["defaultConfiguration"]["level"] in ("error", "warning")
    kinds = {(res["ruleId"], res["kind"], res["level"]) for res in run["results"]}
    assert ("flag.centred", "fail", "error") in kinds
    assert ("committee.size", "review", "none") in kinds
    for res in run["results"]:
        assert res["kind"] in ("pass", "fail", "notApplicable", "review")
        assert (res["level"] == "none") == (res["kind"] != "fail")
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        assert res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    inv = run["invocations"][0]
    assert inv["executionSuccessful"] is False
    assert inv["toolExecutionNotifications"][0]["level"] == "error"
    assert len(run["artifacts"]) == 3
    # the results of the two valid plans: one per rule each
    assert len(run["results"]) == 2 * len(RULES)


def test_sarif_file_is_deterministic(tmp_path):
    p = FIXTURES / "fail-items.no_overlap-hides-board.json"
    for name in ("a.sarif", "b.sarif"):
        run_check_command([str(p)], sarif=str(tmp_path / name), stdout=io.StringIO(), stderr=io.StringIO())
    assert (tmp_path / "a.sarif").read_bytes() == (tmp_path / "b.sarif").read_bytes()
    log = json.loads((tmp_path / "a.sarif").read_text(encoding="utf-8"))
    res = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "items.no_overlap")
    names = {l["name"] for l in res["locations"][0]["logicalLocations"]}
    assert names == {"bookcase-1", "rules"}


def _pdf_text(path: Path) -> tuple[str, object]:
    reader = pypdf.PdfReader(str(path))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def test_pdf_report_chinese(tmp_path):
    data = general_plan()
    item(data, "flag")["offset"] += 6
    plan = plan_of(data)
    report = report_of(data)
    out = tmp_path / "report.pdf"
    write_report_pdf(report, plan, out)
    text, reader = _pdf_text(out)
    assert "不合规" in text and "flag.centred" in text
    # the flag's clause by its document key, and the key resolved under 依据文件 (issue 11)
    assert "〔2〕第三部分（二）" in text and "000 doc2" not in text
    assert "依据文件" in text and "〔2〕《关于加强非公有制企业党员活动室规范化建设的意见》" in text.replace("\n", "")
    assert "检查结果" in text
    # every font is embedded (bundled fonts only, no standard-14 fallback)
    for page in reader.pages:
        for f in page["/Resources"]["/Font"].values():
            fo = f.get_object()
            desc = fo.get("/FontDescriptor")
            if desc is None and "/DescendantFonts" in fo:
                desc = fo["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert desc is not None and any(k in desc.get_object() for k in ("/FontFile2", "/FontFile", "/FontFile3")), fo
    # reproducible
    out2 = tmp_path / "again.pdf"
    write_report_pdf(report, plan, out2)
    assert out.read_bytes() == out2.read_bytes()


def test_pdf_report_english_and_compliant(tmp_path):
    data = general_plan()
    data["spec"]["options"]["lang"] = "en"
    out = tmp_path / "report.pdf"
    write_report_pdf(report_of(data), plan_of(data), out)
    text, _ = _pdf_text(out)
    assert "COMPLIANT" in text and "NOT COMPLIANT" not in text
    assert "Findings" in text


def test_pdf_for_a_batch_lists_invalid_files(tmp_path):
    good = write_plan(tmp_path / "a", general_plan())
    bad = tmp_path / "bad.json"
    bad.write_text("nope", encoding="utf-8")
    out = tmp_path / "batch.pdf"
    rc = run_check_command([str(good), str(bad)], report_pdf=str(out), stdout=io.StringIO(), stderr=io.StringIO(),
                           jobs=1)
    assert rc == 2
    text, reader = _pdf_text(out)
    assert "无法检查的文件" in text and "bad.json" in text
    assert len(reader.pages) >= 2
