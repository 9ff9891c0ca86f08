"""Every shipped official text equals official-texts.md character by character."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from roomplanner.content.boards import printable_items, resolve_content
from roomplanner.content.texts import official_texts, template, template_roles

from .fixtures import ROOT

HERE = Path(__file__).resolve().parent
#: A copy of shared/design/official-texts.md kept with the tests (the shared folder is outside
#: the repository); test_vendored_copy_matches_shared_original guards against drift.
VENDORED = HERE / "data" / "official-texts.md"
SHARED = ROOT.parent / "shared" / "design" / "official-texts.md"


def md_sections(text: str) -> dict[str, dict]:
    """``{heading: {"paragraphs": [...], "unverified": [...], "title": full heading}}``.

    The body of a section is every non-blank line up to the next ``## `` heading, except
    English notes in parentheses; list items lose their ``- `` and a trailing English
    annotation ``(…)``; an annotation mentioning UNVERIFIED marks that paragraph."""
    out: dict[str, dict] = {}
    cur = None
    for line in text.split("\n"):
        if line.startswith("## "):
            title = line[3:]
            cur = {"paragraphs": [], "unverified": [], "title": title}
            out[title.split(" (")[0].strip()] = cur
            continue
        if cur is None or not line.strip() or line.startswith("("):
            continue
        if line.startswith("- "):
            body = line[2:]
            m = re.search(r"\s+\(([^()]*)\)\.?$", body)
            if m:
                if "UNVERIFIED" in m.group(1):
                    cur["unverified"].append(len(cur["paragraphs"]))
                body = body[: m.start()]
            line = body
        cur["paragraphs"].append(line)
    return out


@pytest.fixture(scope="module")
def sections():
    return md_sections(VENDORED.read_text(encoding="utf-8"))


def first_difference(a: str, b: str) -> str:
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return (f"first difference at character {i}: shipped {x!r} (U+{ord(x):04X}) vs official "
                    f"{y!r} (U+{ord(y):04X}) in …{a[max(0, i - 10):i + 10]}…")
    return f"lengths differ: shipped {len(a)}, official {len(b)}"


def test_vendored_copy_matches_shared_original():
    if not SHARED.is_file():
        pytest.skip("shared/design/official-texts.md is not beside the repository")
    assert VENDORED.read_text(encoding="utf-8") == SHARED.read_text(encoding="utf-8"), \
        "tests/printing/data/official-texts.md is out of date: copy the shared file again and re-check the texts"


def test_there_are_official_texts():
    assert {"oath", "nature", "ideology", "basic_line", "purpose", "duties", "rights",
            "sanhuiyike"} <= set(official_texts())


@pytest.mark.parametrize("key", sorted(official_texts()))
def test_official_text_is_verbatim(key, sections):
    t = official_texts()[key]
    assert t.heading in sections, f"{key}: no section “## {t.heading}” in official-texts.md"
    official = sections[t.heading]["paragraphs"]
    assert len(t.paragraphs) == len(official), f"{key}: {len(t.paragraphs)} paragraphs, official has {len(official)}"
    for k, (mine, theirs) in enumerate(zip(t.paragraphs, official)):
        assert mine == theirs, f"{key} paragraph {k + 1}: {first_difference(mine, theirs)}"
    assert t.source and t.revision


@pytest.mark.parametrize("key", sorted(official_texts()))
def test_unverified_flags_follow_the_md(key, sections):
    t = official_texts()[key]
    sec = sections[t.heading]
    md_unverified = "UNVERIFIED" in sec["title"] or bool(sec["unverified"])
    assert t.verified is (not md_unverified)
    assert list(t.unverified_paragraphs) == sec["unverified"]


def test_texts_are_full_width_chinese_punctuation():
    for t in official_texts().values():
        for p in t.paragraphs:
            assert not re.search(r"[,;:!?()]", p), f"{t.key}: half-width punctuation in {p[:20]}…"
            assert unicodedata.normalize("NFC", p) == p


def test_unverified_md_sections_are_not_shipped_as_verified(sections):
    shipped = {t.heading: t for t in official_texts().values()}
    for heading, sec in sections.items():
        if "UNVERIFIED" in sec["title"] and heading in shipped:
            assert not shipped[heading].verified


def test_templates_name_only_shipped_official_texts():
    keys = set(official_texts())
    for role in template_roles():
        tpl = template(role)
        specs = list(tpl.get("sections", []))
        for lst in tpl.get("texts", {}).values():
            specs += lst
        for lst in tpl.get("parts", {}).values():
            specs += lst
        for s in specs:
            if "official" in s:
                assert s["official"] in keys, f"{role}: unknown official text {s['official']}"
        for key in tpl.get("official_rules", {}).values():
            assert key in keys


def _board_text(art, key):
    return "".join(r.text for r in art.texts() if r.where == f"official text {key}").replace("\u3000", "")


def test_boards_print_the_official_texts_verbatim(example_plans, tmp_path):
    """The composed boards carry each official paragraph exactly (lines joined, indent removed)."""
    from roomplanner.printing.boards import compose_boards

    checked = set()
    for name, plan in example_plans.items():
        arts = {a.id: a for a in compose_boards(plan, tmp_path)}
        for item in printable_items(plan):
            bc = resolve_content(plan, item)
            for s in bc.sections:
                if s.origin == "official":
                    expected = "".join(s.official.paragraphs)
                    assert _board_text(arts[item.id], s.official.key).find(expected) >= 0, \
                        f"{name}/{item.id}: {s.official.key} not printed verbatim"
                    checked.add(s.official.key)
    assert {"oath", "nature", "ideology", "basic_line", "purpose", "rights", "duties", "sanhuiyike"} <= checked
