"""The title of the document a finding's citation names (``000 doc2 §3(一)`` → 关于加强非公有
制企业党员活动室规范化建设的意见), so the page can show clause *and* document title.

Titles come from the profiles' ``documents`` lists (``"000 doc2: <title>"``, data in
``layouts/``); :data:`EXTRA_TITLES` adds the two documents cited by rules but not listed by a
profile (see docs/sources.md). A citation whose document is unknown keeps no title: the page
then shows the citation alone, never a guessed title."""

from __future__ import annotations

import re
from functools import lru_cache

EXTRA_TITLES = {
    "004": "西安市委组织部 关于推进全市党支部标准化规范化建设的指导意见",
    "GB 50016-2014": "建筑设计防火规范",
}


@lru_cache(maxsize=1)
def document_titles() -> dict[str, str]:
    from ..profiles import all_profiles

    out = dict(EXTRA_TITLES)
    for prof in all_profiles():
        for doc in prof.documents:
            key, sep, title = doc.partition(": ")
            if sep and key.strip() and title.strip():
                out.setdefault(key.strip(), title.strip())
    return out


def cite(source: str) -> list[dict]:
    """One entry per citation in ``source`` (split at ``;``): ``{"cite", "document"}`` where
    ``document`` is the title or None."""
    titles = document_titles()
    keys = sorted(titles, key=len, reverse=True)
    out = []
    for part in (p.strip() for p in str(source or "").split(";")):
        if not part:
            continue
        doc = None
        for k in keys:
            if part == k or re.match(re.escape(k) + r"(\s|§|$)", part):
                doc = titles[k]
                break
        out.append({"cite": part, "document": doc})
    return out
