"""The rule catalog and its generated page."""

from __future__ import annotations

import re
from pathlib import Path

from roomplanner.compliance import RULES
from roomplanner.compliance.catalog import catalog_markdown, severity_for
from roomplanner.compliance.checks import CHECKS
from roomplanner.profiles import all_profiles, load_profile

ROOT = Path(__file__).resolve().parents[2]

REQUIRED_IDS = [
    "area.minimum", "area.per_member", "flag.on_main_wall", "flag.centred", "flag.standard_size",
    "oath.below_flag", "oath.beside_flag", "charters.flank_flag", "boards.required_present",
    "honor.on_side_wall", "honor.recent", "seats.for_members", "items.no_overlap", "items.within_wall",
    "items.clear_of_openings", "items.height", "furniture.inside_room", "furniture.required",
    "passage.width", "door_sign.present", "committee.size", "content.placeholder",
]


def test_catalog_has_the_rules_of_the_issue():
    for rid in REQUIRED_IDS:
        assert rid in RULES


def test_every_rule_is_well_formed():
    for rid, r in RULES.items():
        assert rid == r.id
        assert re.fullmatch(r"[a-z_]+\.[a-z_]+", rid), rid
        assert r.severity in ("required", "recommended")
        assert r.source.strip() and r.method.strip()
        assert re.search(r"[\u4e00-\u9fff]", r.title_zh), rid
        assert "\n" not in r.title_zh and "\n" not in r.title_en
        assert rid in CHECKS, f"no check for {rid}"
        assert set(r.outcomes) <= {"pass", "fail", "review"}


def test_area_rules_start_with_area():
    area_like = [rid for rid, r in RULES.items() if "面积" in r.title_zh]
    assert area_like and all(rid.startswith("area.") for rid in area_like)


def test_sources_cite_seeds_or_general_standards():
    for r in RULES.values():
        assert re.search(r"\b00[0-4]\b|ergonomics|GB \d|JGJ|profile|条例|规定", r.source), r.id


def test_area_severity_follows_the_profile():
    general, bureau = load_profile("general"), load_profile("bureau")
    assert severity_for(RULES["area.minimum"], general) == general.area.severity == "recommended"
    assert severity_for(RULES["area.minimum"], bureau) == "required"
    assert severity_for(RULES["honor.recent"], general) == "required"
    assert severity_for(RULES["honor.recent"], load_profile("enterprise")) == "recommended"


def test_applicability_names_real_profiles():
    from roomplanner.profiles import known_profiles
    ids = set(known_profiles())       # venue variants included (issue 13)
    for r in RULES.values():
        assert set(r.applies_to()) <= ids


def test_docs_rules_page_is_generated_from_the_catalog():
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page == catalog_markdown(), "regenerate: python -m roomplanner.compliance > docs/rules.md"
    for rid in RULES:
        assert f"`{rid}`" in page
