"""Citations an inspector can follow (issue 11, point 4): every citation resolves to a document
of the one table (roomplanner.documents), the report PDF names the title of every document it
cites, report.json carries the same, docs/sources.md lists them, and neither language's report
carries a fragment of the other."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from roomplanner import documents as D
from roomplanner import rules
from tests.cli.langscan import cjk_runs, english_words
from tests.conftest import EXAMPLES, ROOT

PACKAGE = ROOT / "roomplanner"


def _profile_sources() -> list[str]:
    out: list[str] = []

    def walk(o):
        if isinstance(o, dict):
            for k, v in o.items():
                if k.endswith("source") and isinstance(v, str):
                    out.append(v)
                else:
                    walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)
    for f in sorted((ROOT / "layouts").glob("*.yaml")):
        walk(yaml.safe_load(f.read_text(encoding="utf-8")))
    return out


def test_every_citation_resolves_to_a_document():
    for s in [r.source for r in rules.RULES.values()] + _profile_sources():
        cites = D.resolve(s)
        assert cites, s
        assert D.unresolved(s) == "", s
    # clauses are parsed off (an inspector gets the clause, not the raw string)
    c = D.resolve("000 doc2 §3(一); 004 附件1 §6 (七人以上)")
    assert [(x.doc.key, x.clauses, x.quotes) for x in c] == [(2, ("§3(一)",), ()), (16, ("§6",), ("七人以上",))]


def test_the_table_is_one_definition():
    keys = [d.key for d in D.DOCUMENTS]
    names = [n for d in D.DOCUMENTS for n in (d.id, *d.aliases)]
    assert len(set(keys)) == len(keys) and len(set(names)) == len(names)
    for d in D.DOCUMENTS:
        assert d.date is None or re.fullmatch(r"\d{4}(-\d{2}-\d{2})?", d.date), d
    # a seed document's title is written in roomplanner/documents.py only
    texts = {p: p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py")}
    for d in D.DOCUMENTS:
        if d.title.startswith("〔") or not d.origin.startswith("项目资料"):
            continue
        where = [p.relative_to(PACKAGE).as_posix() for p, t in texts.items() if d.title in t]
        assert where == ["documents.py"], (d.title, where)


def test_dates_and_issuers_come_from_the_documents():
    """Only the seeds that give them have an issuer and a date (001, 004); the others none."""
    assert D.document("001").date == "2015-12-07" and D.document("001").issuer == "中共金华市直属机关工作委员会"
    assert D.document("004 附件1").date == "2020-07-15" and D.document("004").issuer == "中共西安市委组织部"
    for i in ("000 doc2", "000 doc3", "000 doc4", "000 doc5", "002 附4", "003"):
        assert D.document(i).date is None and D.document(i).issuer is None, i
    assert "未载明日期" in D.document_line(D.document("000 doc2"))


def test_docs_sources_md_lists_every_document():
    page = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    assert D.sources_markdown() in page, "update the table in docs/sources.md from documents.sources_markdown()"


def test_clauses_read_as_the_documents_number_them():
    assert D.render("000 doc2 §3(一) (党员在20人以下的…不少于30平方米)") == "〔2〕第三部分（一）：“党员在20人以下的…不少于30平方米”"
    assert D.render("002 附4 §3.2") == "〔12〕第三大项第2小项"
    assert D.render("004 附件1 §6") == "〔16〕第6条"
    assert D.render("1996 党旗党徽制作和使用的若干规定 Art. 3") == "〔18〕第三条"
    assert D.render("000 doc2 §3(一) (党员在20人以下的)", "en") == "[2] §3(1)"


# ---------------------------------------------------------------- through the real command

def run(*args):
    return subprocess.run([sys.executable, "-m", "roomplanner", *args], capture_output=True, text=True, cwd=ROOT)


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture(scope="module")
def packs(tmp_path_factory):
    base = tmp_path_factory.mktemp("docs")
    out = {}
    for lang in ("zh", "en"):
        r = run("plan", str(EXAMPLES / "enterprise-9x6.yaml"), "-o", str(base / lang), "--lang", lang)
        assert r.returncode in (0, 1), r.stderr
        out[lang] = base / lang
    return out


def test_report_pdf_names_the_title_of_every_document_it_cites(packs):
    for lang, out in packs.items():
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        text = re.sub(r"\s+", "", pdf_text(out / "report.pdf"))
        cited = {c["source"] for f in report["findings"] for c in f["citations"]}
        listed = {s["key"] for s in report["sources"]}
        parents = {D.document(D.document(k).parent).key for k in cited if D.document(k).parent}
        assert cited and listed == cited | parents        # an annex is listed with its document
        for s in report["sources"]:
            doc = D.document(s["key"])
            title = doc.title if lang == "zh" or doc.title.startswith("〔") else doc.title_en
            if lang == "en" and doc.title.startswith("〔"):
                title = doc.title_en
            assert re.sub(r"\s+", "", title) in text, (lang, title)
            if doc.date and lang == "zh":
                assert D._zh_date(doc.date) in text
        assert ("依据文件" if lang == "zh" else "Documentscited") in text
        assert "000doc" not in text and "002附" not in text      # no raw project ids left


def test_report_json_carries_sources_and_citations(packs):
    report = json.loads((packs["zh"] / "report.json").read_text(encoding="utf-8"))
    src = {s["key"]: s for s in report["sources"]}
    assert src[2]["title"] == "关于加强非公有制企业党员活动室规范化建设的意见" and src[2]["date"] is None
    assert src[16]["issuer"] == "中共西安市委组织部" and src[16]["date"] == "2020-07-15"
    f = next(f for f in report["findings"] if f["rule"] == "flag.centred")
    assert f["citations"][0] == {"source": 2, "document": "000 doc2", "clauses": ["§3(二)"], "quotes": []}
    # the rules that rest on the profile's lists cite the profile's own clauses
    f = next(f for f in report["findings"] if f["rule"] == "boards.required_present")
    assert f["source"] == "000 doc2 §3(二), §3(三)1; 002 附4 §3.2"


def _lines(text: str) -> str:
    return " ".join(text.split())


def test_no_fragment_of_the_other_language_in_the_report(packs):
    # Chinese needs no spaces: join the lines as they were before the PDF wrapped them
    zh = "".join(pdf_text(packs["zh"] / "report.pdf").split())
    zh = re.sub(r"(GB|JGJ)(/T)?\d+-\d{4}|(?<=\d)(mm|m²)", " ", zh)
    words = english_words(zh)
    assert not words, words
    en = _lines(pdf_text(packs["en"] / "report.pdf"))
    en = re.sub(r"《[^》]*》", " ", en)       # a document's own title beside its English title
    en = en.replace("'", " ")                # apostrophes (members') are not quotes here
    runs = cjk_runs(en.replace("°", " "), allowed=("星火科技有限公司党支部",))
    assert not runs, runs
