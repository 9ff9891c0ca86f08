"""The human report (``report.pdf``): Chinese by default (English when the plan's
``options.lang`` is ``en`` or ``lang="en"`` is passed).

One section per plan: the verdict (合规 / 不合规) with counts, a floor-plan thumbnail with the
items of failing findings in red, the table of all findings with their source clauses (each document by its key, resolved under
依据文件 / Documents cited: title, issuing body, date — ``roomplanner.documents``).
Plans that could not be checked are listed at the end. Text uses the bundled fonts only
(``roomplanner.typeset.fonts``: RPSans); the file is reproducible (reportlab ``invariant``).
"""

from __future__ import annotations

from typing import Optional, Sequence
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Line, Polygon as RLPolygon, PolyLine, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

from ..documents import document_line
from ..documents import render as render_source
from ..model.plan import Plan
from .catalog import RULES
from .findings import Report
from .geometry import RoomGeometry

RED = colors.Color(0.80, 0.05, 0.05)
GREEN = colors.Color(0.05, 0.50, 0.15)
AMBER = colors.Color(0.80, 0.50, 0.00)
GREY = colors.Color(0.55, 0.55, 0.55)
LIGHT = colors.Color(0.93, 0.93, 0.93)
PALE_RED = colors.Color(1.0, 0.85, 0.85)
BOARD = colors.Color(0.25, 0.25, 0.30)
FLAG = colors.Color(0.85, 0.60, 0.00)   # gold: red marks failing items
WINDOW = colors.Color(0.25, 0.50, 0.85)

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


def _fonts() -> str:
    from ..typeset.fonts import reportlab_font
    return reportlab_font("sans")


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=font, fontSize=7.5, leading=9.5, wordWrap="CJK", alignment=TA_LEFT)
    return {
        "base": base,
        "title": ParagraphStyle("title", parent=base, fontSize=15, leading=19, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontSize=10.5, leading=14, spaceBefore=6, spaceAfter=3),
        "info": ParagraphStyle("info", parent=base, fontSize=9, leading=12),
        "verdict_ok": ParagraphStyle("vok", parent=base, fontSize=13, leading=17, textColor=GREEN),
        "verdict_nok": ParagraphStyle("vnok", parent=base, fontSize=13, leading=17, textColor=RED),
        "cell": ParagraphStyle("cell", parent=base, fontSize=7, leading=8.8),
        "head": ParagraphStyle("head", parent=base, fontSize=7.5, leading=9, textColor=colors.white),
    }


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


class _Para(Paragraph):
    """A Paragraph that remembers its last wrap: a table asks each cell for its size several
    times at the same width (measuring rows, splitting across pages, drawing), and breaking
    Chinese lines is most of the report's time. Same width, same lines."""

    _wrapped_at = None

    def wrap(self, availWidth, availHeight):
        if self._wrapped_at == availWidth:
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return size


def _p(text: str, style) -> Paragraph:
    return _Para(escape(text), style)


# ---------------------------------------------------------------- the plan view

def plan_view(plan: Plan, report: Report, width: float, height: float, font: str, lang: str) -> Drawing:
    """The floor plan scaled into ``width`` × ``height`` points; failing items in red."""
    room = RoomGeometry(plan)
    bad: set[str] = set()
    for f in report.findings:
        if f.status == "fail":
            bad.update(f.items)
    minx, miny, maxx, maxy = room.polygon.bounds
    margin = 900.0   # mm of plan around the room (outside signs, labels)
    sx = width / ((maxx - minx) + 2 * margin)
    sy = height / ((maxy - miny) + 2 * margin)
    s = min(sx, sy)
    ox = (width - (maxx - minx) * s) / 2 - minx * s
    oy = (height - (maxy - miny) * s) / 2 - miny * s

    def P(x, y):
        return (ox + x * s, oy + y * s)

    def flat(pts):
        out = []
        for x, y in pts:
            out.extend(P(x, y))
        return out

    d = Drawing(width, height, initialFontName=font, initialFontSize=6)
    d.add(RLPolygon(flat(room.polygon.exterior.coords[:-1]), fillColor=colors.white, strokeColor=colors.black,
                    strokeWidth=0.8))
    main = room.walls[plan.main_wall]
    d.add(Line(*P(*main.start), *P(*main.end), strokeColor=colors.black, strokeWidth=2.2))
    mx, my = main.point(main.length / 2, -450)
    lab = String(*P(mx, my), T[lang]["main"], fontName=font, fontSize=6, textAnchor="middle")
    d.add(lab)
    for k in range(len(plan.spec.room.obstacles)):
        box = room.obstacle_box(k)
        if box is not None:
            d.add(RLPolygon(flat(box.exterior.coords[:-1]), fillColor=GREY, strokeColor=GREY, strokeWidth=0.3))
    for o in plan.spec.room.openings:
        w = room.walls[o.wall]
        a, b = w.point(float(o.offset)), w.point(float(o.offset) + float(o.width))
        if o.kind == "window":
            d.add(Line(*P(*a), *P(*b), strokeColor=WINDOW, strokeWidth=2.0))
            continue
        d.add(Line(*P(*a), *P(*b), strokeColor=colors.white, strokeWidth=2.4))
        if o.swing == "in":
            sw = room.swing(o, steps=12)
            d.add(PolyLine(flat(sw.exterior.coords[1:-1]), strokeColor=GREY, strokeWidth=0.4))
            d.add(Line(*P(*sw.exterior.coords[0]), *P(*sw.exterior.coords[-2]), strokeColor=GREY, strokeWidth=0.6))
    for it in plan.floor_items:
        pts = [(float(x), float(y)) for x, y in it.footprint]
        is_bad = it.id in bad
        fill = PALE_RED if is_bad else (colors.white if it.mount == "ceiling" else LIGHT)
        d.add(RLPolygon(flat(pts), fillColor=fill, strokeColor=RED if is_bad else GREY,
                        strokeWidth=0.9 if is_bad else 0.3, strokeDashArray=[2, 1] if it.mount == "ceiling" else None))
    labels = []
    for it in plan.wall_items:
        w = room.walls[it.wall]
        depth = 110.0 if it.face == "inside" else -110.0
        a = w.point(float(it.offset), depth)
        b = w.point(float(it.offset) + float(it.width), depth)
        is_bad = it.id in bad
        col = RED if is_bad else (FLAG if it.role == "flag" else BOARD)
        d.add(Line(*P(*a), *P(*b), strokeColor=col, strokeWidth=2.6 if is_bad else 1.6))
        if is_bad:
            cx, cy = w.point(float(it.offset) + float(it.width) / 2, depth * 3.2)
            labels.append((cx, cy, it.id))
    for it in plan.floor_items:
        if it.id in bad:
            xs = [float(p[0]) for p in it.footprint]
            ys = [float(p[1]) for p in it.footprint]
            labels.append((sum(xs) / len(xs), sum(ys) / len(ys), it.id))
    for x, y, text in sorted(labels)[:40]:
        d.add(String(*P(x, y), text, fontName=font, fontSize=5, fillColor=RED, textAnchor="middle"))
    # scale bar: 1 m
    x0, y0 = 6, 4
    d.add(Line(x0, y0, x0 + 1000 * s, y0, strokeColor=colors.black, strokeWidth=0.8))
    d.add(String(x0 + 1000 * s + 3, y0 - 2, "1 m", fontName=font, fontSize=5.5))
    return d


# ---------------------------------------------------------------- the document

def _section(report: Report, plan: Optional[Plan], st: dict, font: str, lang: str) -> list:
    t = T[lang]
    flow: list = [_p(t["title"], st["title"])]
    from ..profiles import load_profile
    try:
        prof = load_profile(report.profile)
        pname = prof.name if lang == "zh" else prof.name_en
    except Exception:
        pname = report.profile
    info = [
        f"{t['plan']}：{report.plan}" if lang == "zh" else f"{t['plan']}: {report.plan}",
        (f"{t['branch']}：{report.branch}　{t['profile']}：{pname}（{report.profile}）　{t['members']}：{report.members}"
         f"　{t['date']}：{report.date}") if lang == "zh" else
        (f"{t['branch']}: {report.branch}   {t['profile']}: {pname} ({report.profile})   {t['members']}: {report.members}"
         f"   {t['date']}: {report.date}"),
    ]
    for line in info:
        flow.append(_p(line, st["info"]))
    c = report.counts()
    verdict = t["ok"] if report.compliant else t["nok"]
    sep = "：" if lang == "zh" else ": "
    flow.append(Spacer(1, 3 * mm))
    flow.append(_p(f"{t['verdict']}{sep}{verdict}", st["verdict_ok" if report.compliant else "verdict_nok"]))
    flow.append(_p(t["counts"].format(**c) + ("。" if lang == "zh" else ".") + " " + t["rule_note"], st["info"]))
    failing = [f for f in report.findings if f.status == "fail"]
    failing.sort(key=lambda f: (f.severity != "required", list(RULES).index(f.rule)))
    for f in failing:
        r = RULES[f.rule]
        title = r.title_zh if lang == "zh" else r.title_en
        flow.append(_p(f"• [{t[f.severity]}] {f.rule} {title}{sep}{f.message}", st["info"]))
    for f in report.findings:            # what needs review is named, not only counted
        if f.status == "review":
            r = RULES[f.rule]
            title = r.title_zh if lang == "zh" else r.title_en
            flow.append(_p(f"• [{t['to_review']}] {f.rule} {title}{sep}{f.message}", st["info"]))
    for n in report.notes:
        flow.append(_p(n, st["info"]))
    if plan is not None and plan.spec.room is not None:     # a class-3 venue has no room to show
        flow.append(_p(t["plan_view"], st["h2"]))
        flow.append(plan_view(plan, report, 170 * mm, 95 * mm, font, lang))
    flow.append(_p(t["findings"], st["h2"]))
    head = [_p(t[k], st["head"]) for k in ("rule", "status", "severity", "value", "message", "source")]
    rows = [head]
    styles = [
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.35, 0.35, 0.38)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 7),
        ("GRID", (0, 0), (-1, -1), 0.25, GREY),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5), ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    for i, f in enumerate(report.findings, start=1):
        rule = RULES[f.rule]
        title = rule.title_zh if lang == "zh" else rule.title_en
        value = f"{_fmt_value(f.measured)} / {_fmt_value(f.required)}"
        unit = UNITS_ZH.get(f.unit, f.unit) if lang == "zh" else f.unit
        if unit and (f.measured is not None or f.required is not None):
            value += f" {unit}"
        rows.append([
            _Para(f"<b>{escape(f.rule)}</b><br/>{escape(title)}", st["cell"]),
            _p(t[f.status], st["cell"]),
            _p(t[f.severity], st["cell"]),
            _p(value, st["cell"]),
            _p(f.message, st["cell"]),
            _p(render_source(f.source, lang), st["cell"]),
        ])
        if f.status == "fail":
            styles.append(("BACKGROUND", (1, i), (1, i), PALE_RED if f.severity == "required" else colors.Color(1, 0.93, 0.8)))
            styles.append(("TEXTCOLOR", (1, i), (1, i), RED if f.severity == "required" else AMBER))
        elif f.status == "review":
            styles.append(("BACKGROUND", (1, i), (1, i), colors.Color(1, 0.96, 0.8)))
        elif f.status == "pass":
            styles.append(("TEXTCOLOR", (1, i), (1, i), GREEN))
    # English words do not wrap mid-word as Chinese does: give 'recommended' its room
    widths = [x * mm for x in ((34, 13, 11, 22, 56, 46) if lang == "zh" else (32, 13, 20, 21, 52, 44))]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(styles))
    flow.append(table)
    flow.append(Paragraph(escape(t["sources"]), st["h2"]))
    flow.append(Paragraph(escape(t["sources_note"]), st["info"]))
    for doc in report.documents():
        flow.append(Paragraph(escape(document_line(doc, lang)), st["info"]))
    return flow


def write_pdf(items: Sequence[tuple[Report, Optional[Plan]]], path, lang: Optional[str] = None,
              invalid: Sequence[tuple[str, list[str]]] = ()) -> None:
    """Write the report PDF for one or more checked plans (and the files that failed) to
    ``path`` (a file name or a binary file object)."""
    font = _fonts()
    st = _styles(font)
    doc = SimpleDocTemplate(path if hasattr(path, "write") else str(path), pagesize=A4, leftMargin=12 * mm, rightMargin=12 * mm,
                            topMargin=12 * mm, bottomMargin=12 * mm, invariant=True, initialFontName=font,
                            title="党员活动室方案合规检查报告 / compliance report", author="roomplanner",
                            creator="roomplanner", subject="compliance report")
    flow: list = []
    for k, (report, plan) in enumerate(items):
        lg = lang or report.lang or "zh"
        if k:
            flow.append(PageBreak())
        flow.extend(_section(report, plan, st, font, "en" if lg == "en" else "zh"))
    if invalid:
        lg = "en" if lang == "en" else "zh"
        if flow:
            flow.append(PageBreak())
        flow.append(_p(T[lg]["invalid"], st["title"]))
        for p, errs in invalid:
            flow.append(_p(p, st["h2"]))
            for e in errs:
                flow.append(_p("• " + e, st["base"]))
    if not flow:
        flow.append(_p(T[lang or "zh"]["title"], st["title"]))

    def footer(canvas, doc_):
        canvas.saveState()
        canvas.setFont(font, 7)
        canvas.setFillColor(GREY)
        canvas.drawRightString(A4[0] - 12 * mm, 7 * mm, f"roomplanner · {doc_.page}")
        canvas.restoreState()

    doc.build(flow, onFirstPage=footer, onLaterPages=footer)
