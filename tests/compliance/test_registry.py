"""One definition of each fact and one rule registry (roomplanner.facts, roomplanner.rules)."""

from __future__ import annotations

import re
from pathlib import Path

from roomplanner import facts, rules
from roomplanner.compliance import RULES as CHECKER
from roomplanner.solver.rules import RULES as SOLVER

PACKAGE = Path(__file__).resolve().parents[2] / "roomplanner"


def sources() -> dict[Path, str]:
    """Every module's text, adjacent string literals joined ("a "\n "b" -> "a b")."""
    join = re.compile(r'"\s*\n\s*f?"')
    return {p: join.sub("", p.read_text(encoding="utf-8")) for p in sorted(PACKAGE.rglob("*.py"))}


def test_each_flag_size_is_defined_once():
    """Every standard flag size (mm or cm, any separator) is written in roomplanner/facts.py only."""
    for w, h in facts.FLAG_SIZES_MM.values():
        for a, b in ((w, h), (w // 10, h // 10)):
            pattern = re.compile(rf"(?<![\d.]){a}(?:\.0)?\s*[,×x*]\s*\(?{b}(?:\.0)?(?![\d.])")
            where = [p.relative_to(PACKAGE).as_posix() for p, text in sources().items() if pattern.search(text)]
            assert where == (["facts.py"] if (a, b) == (w, h) else []), (a, b, where)


def test_each_rule_citation_is_defined_once():
    """A rule's source text is written once, in roomplanner/rules.py; nothing else maps a rule id
    to a string of its own."""
    texts = sources()
    for rule in rules.RULES.values():
        where = [p.relative_to(PACKAGE).as_posix() for p, text in texts.items() if rule.source in text]
        assert where == ["rules.py"], (rule.id, where)
        mapping = re.compile(rf'"{re.escape(rule.id)}"\s*:\s*"')
        where = [p.relative_to(PACKAGE).as_posix() for p, text in texts.items() if mapping.search(text)]
        assert where == [], (rule.id, where)


def test_solver_and_checker_read_the_registry():
    assert {rid: SOLVER[rid] for rid in rules.RULES} == {r.id: r.source for r in rules.RULES.values()}
    for rid, rule in CHECKER.items():
        d = rules.RULES[rid]
        assert (rule.source, rule.severity, rule.title_zh, rule.title_en) == (d.source, d.severity, d.title_zh, d.title_en)
    assert set(CHECKER) == {r.id for r in rules.RULES.values() if r.checked}
    assert rules.SOLVER_ONLY == {r.id for r in rules.RULES.values() if not r.checked}


def test_the_citations_that_disagreed():
    """Issue #9: solver and checker cited these differently; the registry's words are the ones
    the source digest gives."""
    assert "有与党员人数相匹配的桌椅" in rules.source("seats.for_members")
    assert rules.source("charters.flank_flag").startswith("000 doc1 §4(二)1 (在党旗和誓词的左右相邻位置)")
    assert "000 doc2 §3(二)" in rules.source("charters.flank_flag")
    assert all(c in rules.source("door_sign.present")
               for c in ("000 doc1 §3(一)1", "000 doc2 §3(三)1", "000 doc4 §3(三)1", "000 doc3 §2.3", "002 附1 §3.3"))
