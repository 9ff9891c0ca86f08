"""The package's layers read as the pipeline (docs/architecture.md): imports only go down,
no import cycles (lazy imports included), and the public API is what ``__all__`` says."""

from __future__ import annotations

import ast
from pathlib import Path

import roomplanner

PACKAGE = Path(roomplanner.__file__).resolve().parent


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports() -> dict[str, set[str]]:
    """Module -> the roomplanner modules it imports (at any depth of the file)."""
    mods = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    out: dict[str, set[str]] = {}
    for name, path in mods.items():
        is_pkg = path.name == "__init__.py"
        base = name.split(".") if is_pkg else name.split(".")[:-1]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    prefix = base[:len(base) - (node.level - 1)] if node.level > 1 else base
                    mod = ".".join(prefix + ([node.module] if node.module else []))
                else:
                    mod = node.module or ""
                subs = [f"{mod}.{a.name}" for a in node.names if f"{mod}.{a.name}" in mods]
                targets = subs or [mod]
            else:
                continue
            for t in targets:
                if t in mods and t != name:
                    found.add(t)
        out[name] = found
    return out


def layer(mod: str) -> str:
    parts = mod.split(".")
    return parts[1] if len(parts) > 1 else "roomplanner"


#: What each part may import (besides itself and the ground: errors, data, facts, rules,
#: documents, i18n, csvsafe). Nothing may import a part not listed for it.
GROUND = {"errors", "data", "facts", "rules", "documents", "i18n", "csvsafe", "version"}
ALLOWED = {
    "typeset": set(),
    "draw": {"typeset"},      # the drawing model and its backends, under drawings and boards
    "model": {"profiles"},
    "profiles": {"model"},
    "content": {"model", "profiles"},
    "solver": {"model", "profiles"},
    "compliance": {"model", "profiles", "content", "typeset", "draw"},
    "render": {"model", "profiles", "typeset", "draw"},
    "printing": {"model", "profiles", "content", "typeset", "draw"},
    "output": set(),
    "export": {"model", "profiles", "typeset"},
    "pack_index": {"model", "profiles", "content", "typeset"},
    "pipeline": {"model", "output", "compliance", "render", "printing", "typeset", "content", "profiles", "export",
                 "pack_index", "draw"},
    "spec_template": {"model", "profiles", "content", "compliance"},
    "web": {"roomplanner", "model", "profiles", "solver", "compliance", "content", "render", "printing", "export",
            "pipeline", "output", "typeset", "draw"},
}


def test_imports_only_go_down():
    bad = []
    for mod, targets in imports().items():
        part = layer(mod)
        if part not in ALLOWED:
            continue
        for t in targets:
            other = layer(t)
            if other != part and other not in GROUND and other not in ALLOWED[part]:
                bad.append(f"{mod} -> {t}")
    assert not bad, bad


def test_compliance_does_not_import_printing():
    assert not [(m, t) for m, ts in imports().items() for t in ts
                if m.startswith("roomplanner.compliance") and t.startswith("roomplanner.printing")]


def test_no_import_cycles():
    graph = imports()
    # a package's __init__ re-exporting its own modules is not a cycle of the design
    graph = {m: {t for t in ts if not m.startswith(t + ".")} for m, ts in graph.items()}
    seen: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def visit(m: str) -> None:
        seen[m] = 1
        stack.append(m)
        for t in sorted(graph.get(m, ())):
            if seen.get(t) == 1:
                cycles.append(stack[stack.index(t):] + [t])
            elif t not in seen:
                visit(t)
        stack.pop()
        seen[m] = 2

    for m in sorted(graph):
        if m not in seen:
            visit(m)
    assert not cycles, cycles


def test_public_api():
    assert roomplanner.__all__ == [
        "__version__", "Spec", "Plan", "load_spec", "loads_spec", "load_plan", "loads_plan", "solve", "check",
        "write_outputs", "build_pack", "known_types", "load_profile",
        "RoomPlannerError", "SpecError", "PlanFileError", "InfeasibleError", "RenderError", "FontCoverageError",
        "TextOverflowError", "ContentError",
    ]
    for name in roomplanner.__all__:
        assert getattr(roomplanner, name) is not None, name
    from roomplanner import pipeline
    assert set(pipeline.__all__) == {"Pack", "build_pack", "boards_lane", "drawings_lane", "pack_executor", "write_pack",
                                     "write_outputs", "bundle_photos"}


def test_no_module_is_much_over_600_lines():
    """Modules of this stage's own folders stay readable (the issue's limit: about 600 lines)."""
    long = {module_name(p) for p in PACKAGE.rglob("*.py")
            if len(p.read_text(encoding="utf-8").splitlines()) > 650
            and p.parent.name in ("typeset", "content", "printing", "render", "compliance")}
    assert not long, long


def test_every_package_ships_in_the_wheel():
    """pyproject.toml lists packages by hand: one left out would leave a stage out of the
    wheel (the bug issue #9's install check is there to catch)."""
    import tomllib

    listed = set(tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
                 ["tool"]["setuptools"]["packages"])
    found = {module_name(p.parent / "__init__.py") for p in PACKAGE.rglob("__init__.py")}
    assert found <= listed, found - listed


def test_ground_imports_nothing_above_it():
    """The ground (errors, data, facts, rules, documents, i18n …) stands under every stage: it
    imports only itself and the standard library and third-party packages."""
    graph = imports()
    def part(module: str) -> str:
        return module.split(".")[1] if "." in module else ""

    bad = [(m, t) for m, ts in graph.items() if part(m) in GROUND for t in ts if part(t) not in GROUND]
    assert not bad, bad
