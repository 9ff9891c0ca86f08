"""``index.html`` at the top of an output pack: what the pack is and which files are whose.

One self-contained page (inline CSS, no script, no external resource; every link relative)
that opens from the folder without a server: the room at a glance (floor plan and main wall),
the verdict of the check with what fails or needs review, then a section per reader —
印刷厂 (the board files, the proof, the production list), 施工 (elevations, the installation
list) and 审查 (the report and the plan file). Every file of the pack is linked exactly where
its reader looks for it; anything else lands under 其他文件, so nothing is unlisted.

Every string from the spec or the plan is escaped. The page is deterministic (no clock).
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from .i18n import Text, norm_lang

INDEX = "index.html"

W = {
    "title": Text("{branch} · 党员活动室设计文件", "{branch} · party activity room: design files"),
    "lead": Text("本文件夹是 roomplanner 为这间党员活动室生成的全部文件。下面先是房间一览和检查结论，"
                 "然后按读者分组：印刷厂、施工和审查各看自己的一节。",
                 "This folder holds every file roomplanner made for this party activity room. First the room at a "
                 "glance and the verdict of the check, then one section per reader: print shop, fitters, inspectors."),
    "facts": Text("{type}，党员 {members} 名，主墙面为第 {wall} 面墙，日期 {date}",
                  "{type}, {members} members, main wall: wall {wall}, date {date}"),
    "glance": Text("房间一览", "The room at a glance"),
    "floorplan": Text("平面布置图", "Floor plan"),
    "mainwall": Text("主墙面立面图（第 {wall} 面墙）", "Main wall elevation (wall {wall})"),
    "verdict": Text("检查结论", "Verdict"),
    "ok": Text("合规", "Compliant"),
    "fail": Text("存在不合规项", "Not compliant"),
    "unchecked": Text("未检查（本次没有合规检查）", "Not checked (no compliance check in this build)"),
    "counts": Text("必须规则不通过 {fr} 项，建议性规则不通过 {fo} 项，需复核 {rv} 项，通过 {ps} 项。",
                   "{fr} required rule(s) fail, {fo} recommended rule(s) fail, {rv} to review, {ps} pass."),
    "failing": Text("不通过的规则", "Rules that fail"),
    "review": Text("需要复核的项目", "Items to review"),
    "required": Text("必须", "required"), "recommended": Text("建议", "recommended"),
    "print": Text("印刷厂", "Print shop"),
    "print_lead": Text("每块图板一个 PDF（成品尺寸加出血，CMYK）和一个 SVG；boards.pdf 是带裁切线的校样；"
                       "制作清单写明尺寸、数量和材料。",
                       "One PDF per board (trim size plus bleed, CMYK) and one SVG; boards.pdf is the proof with "
                       "crop marks; the production list gives sizes, quantities and materials."),
    "proof": Text("校样（全部图板，带裁切线）", "Proof (all boards, with crop marks)"),
    "production": Text("制作清单", "Production list"),
    "boards": Text("图板文件", "Board files"),
    "size": Text("{w:g} × {h:g} 毫米", "{w:g} × {h:g} mm"),
    "main": Text("主墙面", "main wall"),
    "side": Text("第 {wall} 面墙", "wall {wall}"),
    "outside": Text("门外（第 {wall} 面墙外侧）", "outside, wall {wall}"),
    "pdf": Text("（PDF）", " (PDF)"),
    "csv": Text("（CSV，可用 Excel 打开）", " (CSV, opens in Excel)"),
    "st_placeholder": Text("内容待填写，暂勿印制", "content missing: do not print yet"),
    "st_unverified": Text("文字须核对后印制", "check the text before printing"),
    "fit": Text("施工", "Fitters"),
    "fit_lead": Text("平面图和各墙立面图按真实比例绘制（按 100% 打印）；安装尺寸表给出每件物品离墙左端和地面的距离（毫米）。",
                     "The floor plan and the wall elevations are true to scale (print at 100%); the installation "
                     "list gives each item's distance from the wall's left end and from the floor (mm)."),
    "elevations_pdf": Text("全部立面图（PDF）", "All elevations (PDF)"),
    "floorplan_pdf": Text("平面布置图（PDF）", "Floor plan (PDF)"),
    "installation": Text("安装尺寸表", "Installation list"),
    "dxf_floor": Text("平面布置图（DXF，可用 AutoCAD、天正打开）", "Floor plan (DXF for AutoCAD and other CAD)"),
    "dxf_elev": Text("各墙立面图（DXF）", "Wall elevations (DXF)"),
    "glb": Text("三维模型（glTF，可用网页版或三维软件查看）", "3D model (glTF: the web page or any 3D viewer)"),
    "persp": Text("主墙面效果图", "Main wall in perspective"),
    "wall": Text("第 {wall} 面墙", "Wall {wall}"),
    "wall_outside": Text("第 {wall} 面墙（门外一侧）", "Wall {wall} (outside face)"),
    "inspect": Text("审查", "Inspectors"),
    "inspect_lead": Text("合规报告逐条列出检查结论和依据条款；方案文件可以用 roomplanner check 重新检查。",
                         "The report lists every rule's verdict with its source clause; the plan file can be "
                         "checked again with roomplanner check."),
    "report_pdf": Text("合规报告", "Compliance report"),
    "report_json": Text("合规报告（机器可读）", "Compliance report (machine-readable)"),
    "plan_json": Text("方案文件", "Plan file"),
    "photos": Text("照片（图板所用原图）", "Photos (the originals the boards use)"),
    "other": Text("其他文件", "Other files"),
    "footer": Text("由 roomplanner 生成。本页不需要网络，所有链接都指向本文件夹里的文件。",
                   "Made by roomplanner. This page needs no network; every link points into this folder."),
    "open": Text("打开", "open"),
}

CSS = """
body{font-family:RPSans,"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;
margin:0;color:#222;background:#f6f4f1;line-height:1.6}
header{background:#c8161d;color:#fff;padding:18px 28px}
header h1{margin:0;font-size:24px}header p{margin:4px 0 0}
main{max-width:1100px;margin:0 auto;padding:12px 24px 40px}
section{background:#fff;border-radius:6px;padding:14px 20px;margin:16px 0;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h2{margin:0 0 8px;font-size:20px;border-left:5px solid #c8161d;padding-left:10px}
h3{font-size:16px;margin:14px 0 6px}
.glance{display:grid;grid-template-columns:1fr 1fr;gap:16px}
figure{margin:0}figure img{width:100%;height:260px;object-fit:contain;background:#fff;border:1px solid #ddd}
figcaption{font-size:14px}
.verdict{display:inline-block;font-weight:bold;font-size:18px;padding:2px 12px;border-radius:4px;color:#fff}
.verdict.ok{background:#2e7d32}.verdict.fail{background:#c62828}.verdict.none{background:#757575}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:12px}
.card{border:1px solid #ddd;border-radius:4px;padding:6px;font-size:13px;background:#fafafa}
.card img{width:100%;height:140px;object-fit:contain;background:#fff}
.card .t{font-weight:bold}
.badge{display:inline-block;font-size:12px;padding:0 6px;border-radius:3px;color:#fff;margin:2px 0}
.badge.placeholder{background:#c62828}.badge.unverified{background:#ef6c00}
ul.files{padding-left:20px}ul.files li{margin:2px 0}
code{font-size:13px;color:#555}
.rule{font-family:monospace;color:#555}
footer{color:#777;font-size:13px;text-align:center;padding:10px}
@media print{header{background:none;color:#000}section{box-shadow:none}}
"""


def _e(s) -> str:
    return html.escape(str(s), quote=True)


def _href(path: str) -> str:
    return _e(quote(path, safe="/"))


def _wall_key(path: str) -> tuple:
    m = re.match(r"elevations/wall-(\d+)(-outside)?\.svg$", path)
    return (int(m.group(1)), bool(m.group(2))) if m else (10 ** 6, False)


def render_index(plan, report, files: dict[str, bytes], lang: str | None = None) -> bytes:
    """The ``index.html`` of a pack whose other files are ``files`` (path → bytes)."""
    lang = norm_lang(lang or plan.spec.options.lang)
    en = lang == "en"
    t = {k: (lambda v: (lambda **f: _e(v(lang, **f))))(v) for k, v in W.items()}
    used: set[str] = set()

    def zh_span(s: str) -> str:
        """A string from the spec or a board title: Chinese text even on an English page."""
        return f'<span lang="zh">{_e(s)}</span>' if en else _e(s)

    def link(path: str, label: str, note: str = "") -> str:
        used.add(path)
        extra = f" <code>{_e(path)}</code>" if label else f"<code>{_e(path)}</code>"
        return f'<li><a href="{_href(path)}">{label}{extra}</a>{note}</li>'

    def have(path: str) -> bool:
        return path in files

    from .profiles import load_profile, known_types

    spec = plan.spec
    type_name = spec.branch.type
    if type_name in known_types():
        prof = load_profile(type_name)
        type_name = prof.name_en if en else prof.name
    out: list[str] = []
    a = out.append
    a("<!DOCTYPE html>")
    a(f'<html lang="{"en" if en else "zh-CN"}"><head><meta charset="utf-8">')
    a('<meta name="viewport" content="width=device-width, initial-scale=1">')
    a(f"<title>{_e(W['title'](lang, branch=spec.branch.name))}</title>")
    a("<style>@@FONT@@" + CSS + "</style></head><body>")
    h1 = zh_span(spec.branch.name) + " · party activity room: design files" if en else t["title"](branch=spec.branch.name)
    a(f"<header><h1>{h1}</h1>")
    a(f"<p>{t['facts'](type=type_name, members=spec.branch.members, wall=plan.main_wall, date=spec.date or '—')}</p></header>")
    a("<main>")
    a(f"<p>{t['lead']()}</p>")

    # -- the room at a glance
    a(f'<section id="glance"><h2>{t["glance"]()}</h2><div class="glance">')
    if have("floorplan.svg"):
        used.add("floorplan.svg")
        a(f'<figure><a href="floorplan.svg"><img src="floorplan.svg" alt="{t["floorplan"]()}"></a>'
          f'<figcaption>{t["floorplan"]()} · <a href="floorplan.svg">SVG</a>'
          + (' · <a href="floorplan.pdf">PDF</a>' if have("floorplan.pdf") else "") + "</figcaption></figure>")
    main_svg = f"elevations/wall-{plan.main_wall}.svg"
    if have(main_svg):
        a(f'<figure><a href="{_href(main_svg)}"><img src="{_href(main_svg)}" alt="{t["mainwall"](wall=plan.main_wall)}"></a>'
          f'<figcaption>{t["mainwall"](wall=plan.main_wall)} · <a href="{_href(main_svg)}">SVG</a>'
          + (' · <a href="elevations.pdf">PDF</a>' if have("elevations.pdf") else "") + "</figcaption></figure>")
    if have("main-wall-3d.png"):
        used.add("main-wall-3d.png")
        a(f'<figure><a href="main-wall-3d.png"><img src="main-wall-3d.png" alt="{t["persp"]()}"></a>'
          f'<figcaption>{t["persp"]()} · <a href="main-wall-3d.png">PNG</a></figcaption></figure>')
    a("</div></section>")

    # -- verdict
    a(f'<section id="verdict"><h2>{t["verdict"]()}</h2>')
    if report is None:
        a(f'<p><span class="verdict none">{t["unchecked"]()}</span></p>')
    else:
        ok = bool(report.compliant)
        a(f'<p><span class="verdict {"ok" if ok else "fail"}">{t["ok"]() if ok else t["fail"]()}</span></p>')
        c = report.counts()
        a(f"<p>{t['counts'](fr=c.get('fail_required', 0), fo=c.get('fail_recommended', 0), rv=c.get('review', 0), ps=c.get('pass', 0))}</p>")
        for status, head in (("fail", "failing"), ("review", "review")):
            items = [f for f in report.findings if f.status == status]
            if not items:
                continue
            a(f"<h3>{t[head]()}</h3><ul>")
            for f in items:
                sev = W.get(f.severity)
                sev_s = f"（{_e(sev(lang))}）" if (sev and status == "fail" and not en) else (
                    f" [{_e(sev(lang))}]" if sev and status == "fail" else "")
                a(f'<li><span class="rule">{_e(f.rule)}</span>{sev_s}{"" if en else "："}{": " if en else ""}'
                  f'<span class="msg">{_e(f.message)}</span></li>')
            a("</ul>")
        if have("report.pdf"):
            a(f'<p><a href="report.pdf">{t["report_pdf"]()}</a></p>')
    a("</section>")

    # -- print shop
    board_files = sorted(p for p in files if p.startswith("boards/"))
    if board_files:
        a(f'<section id="print"><h2>{t["print"]()}</h2><p>{t["print_lead"]()}</p><ul class="files">')
        if have("boards/boards.pdf"):
            a(link("boards/boards.pdf", t["proof"]()))
        for p, fmt in (("boards/production.pdf", "pdf"), ("boards/production.csv", "csv")):
            if have(p):
                a(link(p, t["production"]() + t[fmt]()))
        a(f"</ul><h3>{t['boards']()}</h3><div class=\"grid\">")
        items = {it.id: it for it in plan.wall_items}
        stems = sorted({p[len("boards/"):].rsplit(".", 1)[0] for p in board_files
                        if p.endswith((".pdf", ".svg")) and p.count("/") == 1}
                       - {"boards", "production"},
                       key=lambda s: ([it.id for it in plan.wall_items] + [s]).index(s))
        for stem in stems:
            pdf, svg = f"boards/{stem}.pdf", f"boards/{stem}.svg"
            it = items.get(stem)
            if it is not None:
                name = zh_span(it.title)
                if en:
                    from .profiles import role_title_en

                    name = _e(role_title_en(it.role)) + f" ({name})"
                where = (t["outside"](wall=it.wall) if it.face == "outside" else
                         t["main"]() if it.wall == plan.main_wall else t["side"](wall=it.wall))
                meta = f"{t['size'](w=float(it.width), h=float(it.height))} · {where}"
            else:
                name, meta = _e(stem), ""
            thumb = (f'<a href="{_href(svg)}"><img src="{_href(svg)}" alt="{_e(stem)}"></a>'
                     if have(svg) else "")
            status = _board_status(plan, stem) if it is not None else "ok"
            if status in ("placeholder", "unverified"):
                meta += f'<br><span class="badge {status}">{t["st_" + status]()}</span>'
            links = " · ".join(f'<a href="{_href(p)}">{p.rsplit(".", 1)[1].upper()}</a>'
                               for p in (pdf, svg) if have(p))
            used.update(p for p in (pdf, svg) if have(p))
            a(f'<div class="card">{thumb}<div class="t">{name}</div><div>{meta}</div><div>{links}</div></div>')
        a("</div></section>")

    # -- fitters
    walls = sorted((p for p in files if _wall_key(p)[0] < 10 ** 6), key=_wall_key)
    a(f'<section id="fit"><h2>{t["fit"]()}</h2><p>{t["fit_lead"]()}</p><ul class="files">')
    for p, label in (("installation.csv", t["installation"]() + t["csv"]()), ("elevations.pdf", t["elevations_pdf"]()),
                     ("floorplan.pdf", t["floorplan_pdf"]()), ("floorplan.svg", t["floorplan"]()),
                     ("floorplan.dxf", t["dxf_floor"]()), ("elevations.dxf", t["dxf_elev"]()),
                     ("room.glb", t["glb"]())):
        if have(p):
            a(link(p, label))
    a("</ul>")
    if walls:
        a('<div class="grid">')
        for p in walls:
            n, outside = _wall_key(p)
            label = t["wall_outside"](wall=n) if outside else t["wall"](wall=n)
            used.add(p)
            a(f'<div class="card"><a href="{_href(p)}"><img src="{_href(p)}" alt="{label}"></a>'
              f'<div class="t">{label}</div><div><a href="{_href(p)}">SVG</a></div></div>')
        a("</div>")
    a("</section>")

    # -- inspectors
    a(f'<section id="inspect"><h2>{t["inspect"]()}</h2><p>{t["inspect_lead"]()}</p><ul class="files">')
    for p, label in (("report.pdf", t["report_pdf"]()), ("report.json", t["report_json"]()),
                     ("plan.json", t["plan_json"]())):
        if have(p):
            a(link(p, label))
    a("</ul>")
    photos = sorted(p for p in files if p.startswith("photos/"))
    if photos:
        a(f"<h3>{t['photos']()}</h3><ul class=\"files\">")
        for p in photos:
            a(link(p, ""))
        a("</ul>")
    a("</section>")

    rest = sorted(p for p in files if p not in used and p != INDEX)
    if rest:
        a(f'<section id="other"><h2>{t["other"]()}</h2><ul class="files">')
        for p in rest:
            a(link(p, ""))
        a("</ul></section>")
    a(f"</main><footer>{t['footer']()}</footer></body></html>")
    page = "\n".join(out) + "\n"
    return page.replace("@@FONT@@", font_face(page)).encode("utf-8")


def _board_status(plan, board_id: str) -> str:
    """``ok``, ``placeholder`` or ``unverified`` (see printing.compose), or ``ok`` while the
    board composer is not part of the build."""
    try:
        from .content.boards import board_content_status
    except ImportError:
        return "ok"
    try:
        return board_content_status(plan, board_id)
    except (KeyError, ValueError):
        return "ok"


def font_face(text: str) -> str:
    """An ``@font-face`` with the bundled sans font cut down to the characters of ``text``
    (a few tens of kB, as a data URI): the page reads the same on a computer without Chinese
    fonts and needs no network. Empty when the font cannot be read."""
    import base64

    try:
        data = webfont("".join(sorted(set(text) - {"\n", "\r", "\t"})))
    except Exception:      # noqa: BLE001 - the page still works with the reader's own fonts
        return ""
    b64 = base64.b64encode(data).decode("ascii")
    return f"@font-face{{font-family:RPSans;src:url(data:font/woff;base64,{b64}) format('woff')}}"


def webfont(chars: str, family: str = "sans") -> bytes:
    """A small WOFF holding the glyphs of ``chars`` from a bundled font, named ``RPSans``.

    Assembled table by table from the font facts and the cached glyph data the typesetting
    base prepared (:func:`roomplanner.typeset.sfnt.web_font`), so no font table is decoded
    whole and no general subsetter runs (that costs about a second per page on the
    30 000-glyph font). Deterministic: no timestamps."""
    from .typeset.sfnt import web_font

    return web_font(chars, family, "RPSans")
