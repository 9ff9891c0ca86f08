"""The documents every citation rests on (依据文件), defined once, and the citations resolved.

A rule's source (``roomplanner.rules``) and a profile's clauses (``layouts/*.yaml``) cite a
document by its project id and a clause: ``000 doc2 §3(一) (党员在20人以下的…)``. An inspector
cannot look that up; :data:`DOCUMENTS` gives each id a short key (``[2]``), the document's
title, its issuing body and its date — each only where the document itself gives it (a seed
that names no date has none here) — and :func:`resolve` turns a citation into parts the report
prints: ``〔2〕三（一）：“党员在20人以下的…”`` in Chinese, ``[2] §3(1)`` in English. The report
PDF lists the cited documents under 依据文件, ``report.json`` carries them as ``sources``,
docs/sources.md lists them all (a test keeps it equal to :func:`sources_markdown`).

Clause numbers follow each document's own headings (docs/sources.md): ``§4(二)1`` is part 四,
item （二）, point 1; the annexes of 002 number 大项 and 小项 (``§3.2``); the Xi'an annexes
number articles straight through (``§21``); regulations number articles (``Art. 3``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

__all__ = ["Document", "DOCUMENTS", "Citation", "resolve", "document", "render", "cited_documents",
           "document_line", "sources_markdown"]


@dataclass(frozen=True)
class Document:
    key: int
    """The short key a report prints (〔2〕 / [2]); fixed, never reused."""
    id: str
    """How citations name it (``000 doc2``)."""
    title: str
    """The title as the document gives it; where it has none, a description in 〔〕."""
    title_en: str
    issuer: Optional[str]
    """The issuing body as the document names it; None where it names none."""
    issuer_en: Optional[str]
    date: Optional[str]
    """``YYYY-MM-DD`` or ``YYYY`` as the document gives it; None where it gives none."""
    origin: str
    """Where the text is: a seed file of the project (``000 doc2``) or a published document."""
    origin_en: str
    style: str = "outline"
    """How its clauses are numbered: outline (一、（一）1.), annex (大项.小项), article, standard."""
    aliases: tuple[str, ...] = ()
    """Other ways citations write the id."""
    practice: bool = False
    """Not a document: the tool's own design parameters (``ergonomics``)."""
    parent: Optional[str] = None
    """The document an annex belongs to (listed with it wherever the annex is cited)."""


def _seed(n: str, part: str = "") -> tuple[str, str]:
    """Where a seed document is: ``000 号文件中的第2篇`` / ``project seed 000, document 2``."""
    if not part:
        return f"项目资料 {n} 号文件", f"project seed {n}"
    en = re.sub(r"第(\d)篇", r"document \1", part)
    en = re.sub(r"附件?(\d)", r", annex \1", en).strip(", ")
    return f"项目资料 {n} 号文件中的{part}", f"project seed {n}, {en}"


DOCUMENTS: tuple[Document, ...] = (
    Document(1, "000 doc1", "党员活动室规范化建设实施意见", "Implementing opinions on standardising the party member "
             "activity room", None, None, "2024", *_seed("000", "第1篇"), aliases=()),
    Document(2, "000 doc2", "关于加强非公有制企业党员活动室规范化建设的意见", "Opinions on strengthening the "
             "standardisation of party member activity rooms in non-public enterprises",
             None, None, None, *_seed("000", "第2篇")),
    Document(3, "000 doc3", "党员活动室规范化设计", "Standardised design of the (rural) party member activity room",
             None, None, None, *_seed("000", "第3篇")),
    Document(4, "000 doc4", "关于规范党员活动室建设的意见", "Opinions on standardising the building of party member "
             "activity rooms (a bureau)", None, None, None, *_seed("000", "第4篇")),
    Document(5, "000 doc5", "〔原文无标题：区教育系统创建标准化党员活动室的实施意见，“六有八牌一岗”〕",
             "[untitled: a district education system's implementing opinion on standard party member activity rooms, "
             "'six haves, eight boards, one post']", None, None, None, *_seed("000", "第5篇")),
    Document(6, "001", "关于机关党建阵地建设“双推进”的意见", "Opinions on the 'dual advance' of party-building "
             "venues in government organs", "中共金华市直属机关工作委员会",
             "CPC Jinhua Municipal Organs Work Committee", "2015-12-07", *_seed("001")),
    Document(7, "002 part1", "〔原文标题为“基层党支部规范化建设实施方案”：某公安分局“四室”精细化管理方案〕",
             "[titled 'implementation plan for standardising grassroots branches': a police sub-bureau's "
             "fine management of four rooms]", None, None, None, *_seed("002", "第1篇")),
    Document(8, "002 part2", "基层党支部规范化建设实施方案（附村、机关、社区、非公企业党支部规范化建设标准）",
             "Implementation plan for standardising grassroots party branches (a county, with four annexed "
             "standards)", None, None, None, *_seed("002", "第2篇")),
    Document(9, "002 附1", "村党支部规范化建设标准", "Standard for village party branches (annex 1 of [8])",
             None, None, None, *_seed("002", "第2篇附1"), style="annex", parent="002 part2"),
    Document(10, "002 附2", "机关党支部规范化建设标准", "Standard for government organ party branches (annex 2 of [8])",
             None, None, None, *_seed("002", "第2篇附2"), style="annex", parent="002 part2"),
    Document(11, "002 附3", "社区党支部规范化建设标准", "Standard for community party branches (annex 3 of [8])",
             None, None, None, *_seed("002", "第2篇附3"), style="annex", parent="002 part2"),
    Document(12, "002 附4", "非公企业党支部规范化建设标准", "Standard for non-public enterprise party branches "
             "(annex 4 of [8])", None, None, None, *_seed("002", "第2篇附4"), style="annex", parent="002 part2"),
    Document(13, "002 part3", "基层党支部规范化建设实施方案（中共板桥镇舍邦歹完小党支部）",
             "Implementation plan for standardising the branch (a primary school branch)",
             "中共板桥镇舍邦歹完小党支部", "the party branch of a primary school", None, *_seed("002", "第3篇")),
    Document(14, "003", "学校党支部党员活动日制度", "School party branch: party member activity day system "
             "(two versions)", None, None, None, *_seed("003")),
    Document(15, "004", "关于推进党支部标准化规范化建设的指导意见（市组通字〔2020〕45号）",
             "Guiding opinions on standardising party branches (Xi'an, 2020 no. 45)", "中共西安市委组织部",
             "Organisation Department of the CPC Xi'an Municipal Committee", "2020-07-15", *_seed("004"),
             style="article"),
    Document(16, "004 附件1", "西安市市属高校党支部标准化规范化建设指导标准", "Guiding standard for party branches of "
             "Xi'an municipal universities (annex 1 of [15])", "中共西安市委组织部",
             "Organisation Department of the CPC Xi'an Municipal Committee", "2020-07-15",
             *_seed("004", "附件1"), style="article", parent="004"),
    Document(17, "004 附件2", "西安市机关党支部标准化规范化建设指导标准", "Guiding standard for party branches of "
             "Xi'an government organs (annex 2 of [15])", "中共西安市委组织部",
             "Organisation Department of the CPC Xi'an Municipal Committee", "2020-07-15",
             *_seed("004", "附件2"), style="article", parent="004"),
    Document(18, "1996 党旗党徽规定", "中国共产党党旗党徽制作和使用的若干规定", "Rules on making and using the party "
             "flag and emblem", "中共中央办公厅", "General Office of the CPC Central Committee", "1996",
             "公开发布的党内规定", "a published party regulation", style="article",
             aliases=("1996 党旗党徽制作和使用的若干规定",)),
    Document(19, "2021 党徽党旗条例", "中国共产党党徽党旗条例", "Regulations on the party emblem and flag",
             None, None, "2021", "公开发布的党内法规", "a published party regulation",
             style="article", aliases=("2021 中国共产党党徽党旗条例",)),
    Document(20, "GB 50016-2014", "建筑设计防火规范（GB 50016-2014）", "Code for fire protection design of "
             "buildings (GB 50016-2014)", None, None, "2014", "国家标准", "a national standard", style="standard"),
    Document(21, "JGJ/T 67-2019", "办公建筑设计标准（JGJ/T 67-2019）", "Standard for design of office buildings "
             "(JGJ/T 67-2019)", None, None, "2019", "行业标准", "an industry standard", style="standard"),
    Document(22, "ergonomics", "〔不是文件：人体工学尺度和本工具的可调设计参数（方案中可以修改的设置）〕",
             "[not a document: ergonomic measures and the tool's adjustable design parameters (the plan's "
             "options)]", None, None, None, "roomplanner 的默认值", "roomplanner's defaults",
             practice=True),
)

_BY_ID: dict[str, Document] = {}
for _d in DOCUMENTS:
    for _name in (_d.id, *_d.aliases):
        _BY_ID[_name] = _d
_BY_KEY = {d.key: d for d in DOCUMENTS}

# longest names first, so that "004 附件1" wins over "004"
_ID_RE = re.compile("(?<![\\w/])(" + "|".join(re.escape(n) for n in sorted(_BY_ID, key=len, reverse=True))
                    + ")(?![\\w/-])")


def document(key_or_id) -> Document:
    """A document by its key (int) or id (``000 doc2``); KeyError otherwise."""
    if isinstance(key_or_id, int):
        return _BY_KEY[key_or_id]
    return _BY_ID[key_or_id]


@dataclass(frozen=True)
class Citation:
    """One document cited, with its clauses, the document's words quoted (Chinese) and the
    project's remarks (English)."""

    doc: Document
    clauses: tuple[str, ...] = ()
    quotes: tuple[str, ...] = ()
    remarks: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"source": self.doc.key, "document": self.doc.id, "clauses": list(self.clauses),
                "quotes": list(self.quotes)}


_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
_LATIN = re.compile(r"[A-Za-z]{2,}")
_CLAUSE = re.compile(r"\s*(?:,\s*|and\s+)?((?:【\d】\s*)?(?:§|Art\.\s*)[0-9一二三四五六七八九十.()（）\-–、]+"
                     r"(?:\s*\(\d+\))?)")


def _parens(seg: str) -> tuple[list[str], str]:
    """The top-level parenthesised groups of ``seg`` and what is left outside them."""
    groups, outside, depth, cur = [], [], 0, []
    for ch in seg:
        if ch == "(":
            if depth:
                cur.append(ch)
            depth += 1
            continue
        if ch == ")" and depth:
            depth -= 1
            if depth:
                cur.append(ch)
            else:
                groups.append("".join(cur))
                cur = []
            continue
        (cur if depth else outside).append(ch)
    return groups, "".join(outside)


def _sort_words(pieces, quotes: list[str], remarks: list[str]) -> None:
    for p in pieces:
        p = p.strip(" ,;:：；，").strip()
        if not p:
            continue
        cjk, latin = bool(_CJK.search(p)), bool(_LATIN.search(p))
        if cjk and not latin:
            quotes.append(p)
        elif latin and not cjk:
            remarks.append(p)
        # mixed words (a remark quoting the document) are left to docs/rules.md


def resolve(source: str) -> list[Citation]:
    """The documents a source string cites, in order (one Citation per mention). Words that
    belong to no document (the project's remarks) are attached to the citation before them."""
    out: list[Citation] = []
    matches = list(_ID_RE.finditer(source))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(source)
        seg = source[m.end():end]
        clauses = []
        while True:
            c = _CLAUSE.match(seg)
            if not c:
                break
            clauses.append(c.group(1).strip())
            seg = seg[c.end():]
        groups, outside = _parens(seg)
        quotes: list[str] = []
        remarks: list[str] = []
        for g in groups:
            _sort_words(g.split(";"), quotes, remarks)
        _sort_words(outside.split(";"), quotes, remarks)
        out.append(Citation(document(m.group(1)), tuple(clauses), tuple(quotes), tuple(remarks)))
    return out


def unresolved(source: str) -> str:
    """What of ``source`` comes before its first document (should be nothing but space)."""
    m = _ID_RE.search(source)
    return source if m is None else source[:m.start()].strip(" ;,")


# ---------------------------------------------------------------- rendering

_ZH_NUM = "〇一二三四五六七八九十"
_NUM_ZH = {c: i for i, c in enumerate(_ZH_NUM)}


def _zh_numeral(n: int) -> str:
    if n <= 10:
        return _ZH_NUM[n]
    if n < 20:
        return "十" + _ZH_NUM[n - 10]
    return _ZH_NUM[n // 10] + "十" + (_ZH_NUM[n % 10] if n % 10 else "")


def _arabic(s: str) -> str:
    """Chinese numerals in brackets to Arabic: (二) → (2), 十一 → 11."""
    def num(m):
        t = m.group(0)
        if t == "十":
            return "10"
        if t.startswith("十"):
            return str(10 + _NUM_ZH[t[1]])
        if "十" in t:
            a, b = t.split("十")
            return str(_NUM_ZH[a] * 10 + (_NUM_ZH[b] if b else 0))
        return str(_NUM_ZH[t])
    return re.sub(r"[一二三四五六七八九十]+", num, s.replace("（", "(").replace("）", ")"))


def clause_text(doc: Document, clause: str, lang: str) -> str:
    """A clause as a reader of ``lang`` writes it."""
    clause = clause.strip()
    if lang == "en":
        c = _arabic(clause).replace("【", "version ").replace("】", " ")
        return re.sub(r"\s+", " ", c).replace("–", "–")
    m = re.fullmatch(r"Art\.\s*(\d+)", clause)
    if m:
        return f"第{_zh_numeral(int(m.group(1)))}条"
    ver = ""
    m = re.match(r"【(\d)】\s*", clause)
    if m:
        ver, clause = f"【{m.group(1)}】", clause[m.end():]
    body = clause.lstrip("§")
    if doc.style == "article" and re.fullmatch(r"\d+", body):
        return f"{ver}第{body}条"
    if doc.style == "standard":
        return f"{ver}第{body}条"
    m = re.fullmatch(r"(\d+)\.(\d+)(?:[–-](\d+))?", body)
    if m and doc.style == "annex":
        tail = f"至第{m.group(3)}" if m.group(3) else ""
        return f"{ver}第{_zh_numeral(int(m.group(1)))}大项第{m.group(2)}{tail}小项"
    m = re.fullmatch(r"(\d+)(.*)", body)
    if m:
        rest = m.group(2).replace("(", "（").replace(")", "）")
        rest = re.sub(r"^\.(\d+)", r"第\1项", rest)
        return f"{ver}第{_zh_numeral(int(m.group(1)))}部分{rest}"
    return ver + body


def key_text(doc: Document, lang: str) -> str:
    return f"[{doc.key}]" if lang == "en" else f"〔{doc.key}〕"


def render(source: str, lang: str = "zh") -> str:
    """A source string as a reader of ``lang`` can follow it: each document's key, its clauses
    and (Chinese) the document's words, or (English) the project's remarks."""
    parts = []
    for c in resolve(source):
        clauses = ("、" if lang != "en" else ", ").join(clause_text(c.doc, x, lang) for x in c.clauses)
        s = key_text(c.doc, lang) + (" " if lang == "en" and clauses else "") + clauses
        if lang == "en":
            if c.remarks:
                s += " (" + "; ".join(c.remarks) + ")"
        elif c.quotes:
            s += "：“" + "；".join(c.quotes) + "”"
        parts.append(s)
    if not parts:
        return source
    return ("；" if lang != "en" else "; ").join(parts)


def combine(sources) -> str:
    """One source string citing every clause of ``sources`` (strings), grouped by document in
    the order first cited, without the quoted words (``000 doc2 §3(二); 002 附4 §3.2``)."""
    order: dict[str, list[str]] = {}
    for s in sources:
        for c in resolve(s):
            got = order.setdefault(c.doc.id, [])
            for x in c.clauses:
                if x not in got:
                    got.append(x)
    return "; ".join(f"{i} {', '.join(cl)}".strip() for i, cl in order.items())


def cited_documents(sources) -> list[Document]:
    """The documents cited by any of ``sources`` (strings), by key."""
    keys = {c.doc.key for s in sources for c in resolve(s)}
    keys |= {document(d.parent).key for d in DOCUMENTS if d.key in keys and d.parent}   # an annex with its document
    return [d for d in DOCUMENTS if d.key in keys]


def document_line(doc: Document, lang: str = "zh") -> str:
    """``〔2〕《title》，issuer，date（where it is）`` — what is not given is said to be not given."""
    if lang == "en" and doc.practice:
        return f"[{doc.key}] {doc.title_en}"
    if lang == "en":
        bits = [f"[{doc.key}] {doc.title_en}"]
        if not doc.title.startswith("〔"):
            bits[0] += f" 《{doc.title}》"
        bits.append(f"issued by {doc.issuer_en}" if doc.issuer_en else "issuer not stated")
        bits.append(f"dated {doc.date}" if doc.date else "date not stated")
        bits.append(doc.origin_en)
        return "; ".join(bits)
    title = doc.title if doc.title.startswith("〔") else f"《{doc.title}》"
    if doc.practice:
        return f"〔{doc.key}〕{title}"
    bits = [f"〔{doc.key}〕{title}", doc.issuer or "未载明发文单位",
            _zh_date(doc.date) if doc.date else "未载明日期", doc.origin]
    return "，".join(bits)


def _zh_date(d: str) -> str:
    p = d.split("-")
    if len(p) == 3:
        return f"{int(p[0])}年{int(p[1])}月{int(p[2])}日"
    return f"{p[0]}年"


def to_dict(doc: Document) -> dict:
    return {"key": doc.key, "id": doc.id, "title": doc.title, "title_en": doc.title_en, "issuer": doc.issuer,
            "issuer_en": doc.issuer_en, "date": doc.date, "origin": doc.origin}


def sources_markdown() -> str:
    """The table of docs/sources.md (between its markers; ``python -m roomplanner.documents``
    rewrites it)."""
    lines = ["| key | cited as | title | issued by | date | where |", "|---|---|---|---|---|---|"]
    for d in DOCUMENTS:
        cited = " / ".join(f"`{n}`" for n in (d.id, *d.aliases))
        lines.append(f"| [{d.key}] | {cited} | {d.title}<br>{d.title_en} | {d.issuer or '—'} | {d.date or '—'} | "
                     f"{d.origin} |")
    return "\n".join(lines) + "\n"


def main() -> int:  # pragma: no cover - a maintenance command
    """Rewrite the documents table of docs/sources.md from :data:`DOCUMENTS`."""
    from pathlib import Path
    page = Path(__file__).resolve().parents[1] / "docs" / "sources.md"
    text = page.read_text(encoding="utf-8")
    start = text.index("-->\n", text.index("<!-- documents table")) + 4
    end = text.index("<!-- end of the documents table -->")
    page.write_text(text[:start] + sources_markdown() + text[end:], encoding="utf-8")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
