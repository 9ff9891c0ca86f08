"""The documents a finding's citation names, for the page: clause *and* document title.

A thin view of :mod:`roomplanner.documents` (the one table of documents: key, title, issuing
body, date — each only where the document gives it): one entry per document cited, with the
clause as a reader of the page's language writes it. A citation of no known document keeps no
title: the page then shows the citation alone, never a guessed title."""

from __future__ import annotations

from ..documents import clause_text, document_line, key_text, resolve


def cite(source: str, lang: str = "zh") -> list[dict]:
    """One entry per document cited in ``source``: ``{"cite", "document", "key", "issuer",
    "date", "line"}`` — ``cite`` the key and clauses (``〔2〕第三部分（一）``), ``document`` its
    title, ``line`` the whole 依据文件 line."""
    out = []
    for c in resolve(str(source or "")):
        sep = "、" if lang != "en" else ", "
        clauses = sep.join(clause_text(c.doc, x, lang) for x in c.clauses)
        out.append({"cite": key_text(c.doc, lang) + (" " if lang == "en" and clauses else "") + clauses,
                    "document": c.doc.title_en if lang == "en" else c.doc.title, "key": c.doc.key,
                    "issuer": c.doc.issuer_en if lang == "en" else c.doc.issuer, "date": c.doc.date,
                    "line": document_line(c.doc, lang)})
    if not out and str(source or "").strip():
        out.append({"cite": str(source).strip(), "document": None, "key": None, "issuer": None, "date": None,
                    "line": None})
    return out
