"""The human report (``report.pdf``): Chinese by default (English when the plan's
``options.lang`` is ``en`` or ``lang="en"`` is passed).

One section per plan: the verdict (合规 / 不合规) with counts, the failing and to-review
findings named, a floor-plan thumbnail with the items of failing findings in red
(:mod:`roomplanner.compliance.planview`), the table of all findings with their source clauses
(each document by its key, resolved under 依据文件 / Documents cited: title, issuing body,
date — ``roomplanner.documents``). Plans that could not be checked are listed at the end.

The report is a list of A4 pages of the one drawing model (:mod:`roomplanner.render.primitives`),
laid out by :mod:`roomplanner.compliance.pagelayout` on the typesetting base (bundled fonts, CJK
line breaking) and written by the common PDF backend (:func:`roomplanner.draw.pdf.pdf_bytes`):
the text stays text (searchable, in reading order), the file is reproducible (no dates).
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Sequence

from ..documents import document_line
from ..documents import render as render_source
from ..model.plan import Plan
from ..draw.primitives import Page
from .catalog import RULES
from .findings import Report
from .pagelayout import Cell, Flow, Table, TextStyle
from .planview import plan_view

RED = "#CC0D0D"
GREEN = "#0D8026"
AMBER = "#CC8000"
GREY = "#8C8C8C"
PALE_RED = "#FFD9D9"
PALE_AMBER = "#FFEDCC"
PALE_YELLOW = "#FFF5CC"
HEAD = "#595961"
WHITE = "#FFFFFF"
INK = "#000000"
TITLE_INK = "#404040"      # a rule's title under its id (the id stands out in black)

PAGE = (210.0, 297.0)      # A4 portrait, mm
MARGIN = 12.0
PLAN_VIEW_HEIGHT = 95.0    # mm

T = {
    "zh": {
        "title": "党员活动室方案合规检查报告", "plan": "方案文件", "branch": "党支部", "profile": "支部类型",
        "members": "党员人数", "date": "检查基准日", "verdict": "结论", "ok": "合规", "nok": "不合规",
        "counts": "通过 {pass} 项，不通过 {fail} 项（必须 {fail_required}、建议 {fail_recommended}），需复核 {review} 项，不适用 {not_applicable} 项",
        "rule": "规则", "status": "结果", "severity": "级别", "value": "实测 / 要求", "message": "说明", "source": "依据",
        "pass": "通过", "fail": "不通过", "not_applicable": "不适用", "review": "需复核",
        "required": "必须", "recommended": "建议", "plan_view": "平面示意图（红色为不通过项涉及的物品；主墙面以粗线标出）",
        "findings": "检查结果", "invalid": "无法检查的文件", "notes": "说明", "main": "主墙面",
        "rule_note": "合规的条件：没有“必须”级别的规则不通过。",
        "sources": "依据文件",
        "sources_note": "“依据”一栏以〔编号〕指下列文件，条款按原文的标题编号（如“第三部分（一）”即原文“三、”下的“（一）”；"
                        "附件标准按“大项、小项”，条例和标准按条）；引号内是原文用语。",
        "to_review": "需复核",
    },
    "en": {
        "title": "Compliance report for a party branch activity room", "plan": "Plan file", "branch": "Branch",
        "profile": "Profile", "members": "Members", "date": "Reference date", "verdict": "Verdict",
        "ok": "COMPLIANT", "nok": "NOT COMPLIANT",
        "counts": "{pass} pass, {fail} fail ({fail_required} required, {fail_recommended} recommended), {review} to review, {not_applicable} not applicable",
        "rule": "Rule", "status": "Status", "severity": "Severity", "value": "Measured / required", "message": "Message",
        "source": "Source", "pass": "pass", "fail": "FAIL", "not_applicable": "n/a", "review": "review",
        "required": "required", "recommended": "recommended",
        "plan_view": "Plan view (items of failing findings in red; the main wall drawn bold)",
        "findings": "Findings", "invalid": "Files that could not be checked", "notes": "Notes", "main": "main wall",
        "rule_note": "A plan is compliant when no required rule fails.",
        "sources": "Documents cited",
        "sources_note": "The Source column names these documents by [key]; clauses follow each document's own "
                        "headings (§3(1) is item (1) under part 3; annexes of [8] number main and sub-items, "
                        "regulations and standards number articles).",
        "to_review": "to review",
    },
}


#: The type scale (points): the report's paragraph styles.
STYLES = {
    "base": TextStyle(7.5, 9.5),
    "title": TextStyle(15, 19, space_after=4),
    "h2": TextStyle(10.5, 14, space_before=6, space_after=3),
    "info": TextStyle(9, 12),
    "verdict_ok": TextStyle(13, 17, GREEN),
    "verdict_nok": TextStyle(13, 17, RED),
    "cell": TextStyle(7, 8.8),
    "head": TextStyle(7.5, 9, WHITE),
    "footer": TextStyle(7, 9, GREY),
}

#: Column widths (mm) of the findings table: the longest rule id (content.optional_placeholder)
#: fits the first column on one line; English words do not wrap mid-word as Chinese does, so
#: 'recommended' gets its room.
WIDTHS = {"zh": (35, 13, 11, 22, 57, 48), "en": (35, 13, 20, 21, 52, 45)}

UNITS_ZH = {"boards": "块", "cards": "张", "chairs": "把", "doors": "个", "flags": "面", "items": "件", "kinds": "种",
            "overlaps": "处", "persons": "人", "photos": "张", "plan": "", "seats": "座", "signs": "块", "wall": "（墙号）",
            "years": "年"}
"""The units of the findings as the Chinese report writes them (mm and m² stay)."""


def _fmt_value(v) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:.2f}".rstrip("0").rstrip(".")
    return str(v)


def _status_cell(f, t: dict) -> Cell:
    if f.status == "fail":
        required = f.severity == "required"
        return Cell([(t[f.status], RED if required else AMBER)], PALE_RED if required else PALE_AMBER)
    if f.status == "review":
        return Cell([(t[f.status], INK)], PALE_YELLOW)
    return Cell([(t[f.status], GREEN if f.status == "pass" else INK)])


def findings_table(report: Report, lang: str) -> Table:
    """The table of all findings: rule (id and title), status, severity, measured / required,
    message, source."""
    t = T[lang]
    head = [Cell([(t[k], WHITE)]) for k in ("rule", "status", "severity", "value", "message", "source")]
    rows = []
    for f in report.findings:
        rule = RULES[f.rule]
        title = rule.title_zh if lang == "zh" else rule.title_en
        value = f"{_fmt_value(f.measured)} / {_fmt_value(f.required)}"
        unit = UNITS_ZH.get(f.unit, f.unit) if lang == "zh" else f.unit
        if unit and (f.measured is not None or f.required is not None):
            value += f" {unit}"
        rows.append([Cell([(f.rule, INK), (title, TITLE_INK)]), _status_cell(f, t), Cell([(t[f.severity], INK)]),
                     Cell([(value, INK)]), Cell([(f.message, INK)]), Cell([(render_source(f.source, lang), INK)])])
    return Table(WIDTHS[lang], head, rows, STYLES["cell"], STYLES["head"], HEAD, GREY,
                 refs=[f.rule for f in report.findings])


def _profile_name(report: Report, lang: str) -> str:
    from ..profiles import load_profile
    try:
        prof = load_profile(report.profile)
        return prof.name if lang == "zh" else prof.name_en
    except Exception:
        return report.profile


def _section(flow: Flow, report: Report, plan: Optional[Plan], lang: str) -> None:
    t, st = T[lang], STYLES
    flow.paragraph(t["title"], st["title"])
    pname = _profile_name(report, lang)
    if lang == "zh":
        info = [f"{t['plan']}：{report.plan}",
                # ASCII spaces between the fields: breakable, and text extraction keeps the line
                # whole (an ideographic space reads as a column gap)
                f"{t['branch']}：{report.branch}  {t['profile']}：{pname}（{report.profile}）  "
                f"{t['members']}：{report.members}  {t['date']}：{report.date}"]
    else:
        info = [f"{t['plan']}: {report.plan}",
                f"{t['branch']}: {report.branch}   {t['profile']}: {pname} ({report.profile})   "
                f"{t['members']}: {report.members}   {t['date']}: {report.date}"]
    for line in info:
        flow.paragraph(line, st["info"])
    c = report.counts()
    verdict = t["ok"] if report.compliant else t["nok"]
    sep = "：" if lang == "zh" else ": "
    flow.space(3.0)
    flow.paragraph(f"{t['verdict']}{sep}{verdict}", st["verdict_ok" if report.compliant else "verdict_nok"],
                   ref="verdict")
    flow.paragraph(t["counts"].format(**c) + ("。" if lang == "zh" else ".") + " " + t["rule_note"], st["info"])
    failing = [f for f in report.findings if f.status == "fail"]
    failing.sort(key=lambda f: (f.severity != "required", list(RULES).index(f.rule)))
    for f in failing:
        r = RULES[f.rule]
        title = r.title_zh if lang == "zh" else r.title_en
        flow.paragraph(f"• [{t[f.severity]}] {f.rule} {title}{sep}{f.message}", st["info"], ref="summary:" + f.rule)
    for f in report.findings:            # what needs review is named, not only counted
        if f.status == "review":
            r = RULES[f.rule]
            title = r.title_zh if lang == "zh" else r.title_en
            flow.paragraph(f"• [{t['to_review']}] {f.rule} {title}{sep}{f.message}", st["info"],
                           ref="summary:" + f.rule)
    for n in report.notes:
        flow.paragraph(n, st["info"])
    if plan is not None and plan.spec.room is not None:     # a class-3 venue has no room to show
        flow.paragraph(t["plan_view"], st["h2"], keep_with_next=PLAN_VIEW_HEIGHT)
        flow.add(plan_view(plan, report, flow.block(PLAN_VIEW_HEIGHT), lang))
    head_room = 3 * STYLES["cell"].leading_mm + 2 * STYLES["head"].leading_mm
    flow.paragraph(t["findings"], st["h2"], keep_with_next=head_room)
    flow.table(findings_table(report, lang))
    flow.paragraph(t["sources"], st["h2"], keep_with_next=2 * st["info"].leading_mm)
    flow.paragraph(t["sources_note"], st["info"])
    for doc in report.documents():
        flow.paragraph(document_line(doc, lang), st["info"])


def report_pages(items: Sequence[tuple[Report, Optional[Plan]]], lang: Optional[str] = None,
                 invalid: Sequence[tuple[str, list[str]]] = ()) -> list[Page]:
    """The report for one or more checked plans (and the files that failed) as A4 pages of
    primitives: a section per plan, each on new pages, the invalid files last, a numbered
    footer on every page."""
    flow = Flow(*PAGE, margin=MARGIN, name="report")
    for report, plan in items:
        lg = lang or report.lang or "zh"
        flow.page_break()
        _section(flow, report, plan, "en" if lg == "en" else "zh")
    lg = "en" if lang == "en" else "zh"
    if invalid:
        flow.page_break()
        flow.paragraph(T[lg]["invalid"], STYLES["title"])
        for p, errs in invalid:
            flow.paragraph(p, STYLES["h2"], keep_with_next=STYLES["base"].leading_mm)
            for e in errs:
                flow.paragraph("• " + e, STYLES["base"])
    if not items and not invalid:
        flow.paragraph(T[lg]["title"], STYLES["title"])
    return flow.finish(STYLES["footer"])


def pdf_of(pages: Sequence[Page]) -> bytes:
    from ..draw.pdf import pdf_bytes
    return pdf_bytes(pages, outline_text=False, title="党员活动室方案合规检查报告 / compliance report",
                     subject="compliance report")


def write_pdf(items: Sequence[tuple[Report, Optional[Plan]]], path, lang: Optional[str] = None,
              invalid: Sequence[tuple[str, list[str]]] = ()) -> None:
    """Write the report PDF for one or more checked plans (and the files that failed) to
    ``path`` (a file name or a binary file object)."""
    data = pdf_of(report_pages(items, lang, invalid))
    if hasattr(path, "write"):
        path.write(data)
    else:
        Path(path).write_bytes(data)
