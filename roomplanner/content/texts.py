"""Board texts as data: the official texts (``boards/official/``, verbatim, each with its source
and whether it is verified against the original) and the board templates
(``boards/templates/<role>.yaml``: layout, sections, which text fills each).

Nothing here draws: the printing stage typesets these texts, the checker asks whether a board's
content is complete (:mod:`roomplanner.content.boards`).
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import NamedTuple


from ..data import data_dir, load_yaml

# --------------------------------------------------------------------------- official texts

class OfficialText(NamedTuple):
    """One official text, verbatim (see the module docstring); immutable (a NamedTuple: cheaper
    to create at import than a frozen dataclass)."""

    key: str
    name: str
    heading: str  #: the section heading in official-texts.md
    source: str
    revision: str
    verified: bool
    paragraphs: tuple[str, ...]
    unverified_paragraphs: tuple[int, ...] = ()
    note: str = ""

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@lru_cache(maxsize=None)
def official_texts() -> dict[str, OfficialText]:
    """All shipped official texts by key."""
    out: dict[str, OfficialText] = {}
    for path in sorted((data_dir("boards") / "official").glob("*.yaml")):
        with open(path, encoding="utf-8") as fh:
            d = load_yaml(fh)
        key = d["key"]
        if key != path.stem:
            raise ValueError(f"boards/official/{path.name}: key {key!r} does not match the file name")
        paras = tuple(d.get("paragraphs") or ())
        unverified = tuple(d.get("unverified_paragraphs") or ())
        verified = bool(d["verified"])
        if verified == bool(unverified):
            raise ValueError(f"boards/official/{path.name}: verified must be false exactly when "
                             "unverified_paragraphs lists paragraphs")
        out[key] = OfficialText(key, d["name"], d["heading"], d["source"], d["revision"], verified,
                                paras, unverified, d.get("note", ""))
    return out


def official_text(key: str) -> OfficialText:
    texts = official_texts()
    if key not in texts:
        raise KeyError(f"no official text {key!r}; shipped: {', '.join(texts)}")
    return texts[key]


# --------------------------------------------------------------------------- templates and style

@lru_cache(maxsize=None)
def _template(role: str) -> dict:
    path = data_dir("boards") / "templates" / f"{role}.yaml"
    if not path.is_file():
        raise KeyError(f"no board template for role {role!r} (boards/templates/{role}.yaml)")
    with open(path, encoding="utf-8") as fh:
        data = load_yaml(fh)
    if data.get("role") != role:
        raise ValueError(f"boards/templates/{role}.yaml: role {data.get('role')!r} does not match the file name")
    return data


def template(role: str) -> dict:
    """The template of a board role (a deep copy: callers may change it)."""
    return copy.deepcopy(_template(role))


def template_roles() -> list[str]:
    """Roles that have a template."""
    return sorted(p.stem for p in (data_dir("boards") / "templates").glob("*.yaml")
                  if not p.stem.startswith("_"))
