"""One exception tree for the whole program.

::

    RoomPlannerError
     ├── SpecError (ValueError)        a room spec is malformed; carries one message per problem
     ├── PlanFileError (ValueError)    a plan file (plan.json) is malformed or hostile
     ├── OutputError                   the output folder cannot be written (or holds the user's files)
     ├── InfeasibleError               no layout satisfies the required rules; names the rules
     ├── RenderError                   a drawing or board cannot be produced
     │    ├── FontCoverageError        a character is missing from the bundled fonts
     │    └── TextOverflowError        text does not fit the largest allowed board
     └── ContentError (ValueError)     user content (photos, names…) cannot be used

The command maps them to exit codes: SpecError / PlanFileError / ContentError / OutputError
→ 2, InfeasibleError → 3; anything else is a bug and exits 4 ("internal error"). Rule violations of a solvable room are *findings*, never exceptions.
"""

from __future__ import annotations

from .i18n import Text, norm_lang


class RoomPlannerError(Exception):
    """Base of every error this program raises on purpose."""


def _details_of(problems: list[str]) -> list[dict]:
    out = []
    for p in problems:
        path, sep, msg = p.partition(": ")
        if not sep or " " in path:
            path, msg = "", p
        out.append({"path": path, "message": msg})
    return out


class _DocumentError(RoomPlannerError, ValueError):
    _what = Text("文件有误", "invalid file")
    _fallback = "spec"

    def __init__(self, problems: list[str], source: str | None = None, details: list[dict] | None = None,
                 lang: str | None = None):
        self.problems = list(problems) or [f"{self._fallback}: " + Text("无效", "invalid")(lang)]
        self.details = [dict(d) for d in details] if details is not None else _details_of(self.problems)
        self.source = source
        self.lang = norm_lang(lang)
        head = f"{source}: " if source else ""
        super().__init__(head + self._what(lang, n=len(self.problems)) + "\n  " + "\n  ".join(self.problems))


class SpecError(_DocumentError):
    """A spec failed validation. ``problems`` holds one message per problem, each
    starting with the field path (``room.openings[1]: ...``), in the language asked for;
    ``details`` holds the same as ``{"path", "message"}`` dicts (YAML syntax errors add
    ``line`` and ``column``) for a form that shows each message beside its field."""

    _what = Text("房间规格有 {n} 处问题：", "invalid spec:")
    _fallback = "spec"


class PlanFileError(_DocumentError):
    """A plan file failed validation (same shape as SpecError)."""

    _what = Text("方案文件有 {n} 处问题：", "invalid plan file:")
    _fallback = "plan"


class ContentError(RoomPlannerError, ValueError):
    """User content (a photo path, an honor entry…) cannot be used."""


class OutputError(RoomPlannerError):
    """The output folder cannot be written, or holds files roomplanner did not write."""


class InfeasibleError(RoomPlannerError):
    """No layout satisfies the required rules.

    ``reason`` is a one-line summary, ``rules`` the ids of the rules in conflict, ``options``
    what the user could change and ``details`` the evidence. Each message may be a plain
    string or a bilingual :class:`~roomplanner.i18n.Text`; :meth:`message` renders them in
    a language (the command prints that). ``patches`` runs parallel to ``options``: for an
    option that is a setting, a JSON merge patch (RFC 7396) of the spec that applies it
    (``{"main_wall": 2}``, ``{"options": {"flag_size": 4}}``), else None."""

    def __init__(self, reason, rules: list[str], options: list | None = None,
                 details: list | None = None, lang: str | None = None,
                 patches: list[dict | None] | None = None):
        self.reason = reason
        self.rules = sorted(set(rules))
        self.options = list(options or [])
        self.details = list(details or [])
        self.patches = list(patches) if patches is not None else [None] * len(self.options)
        if len(self.patches) != len(self.options):
            raise ValueError("InfeasibleError: patches must run parallel to options")
        self.lang = lang
        super().__init__(self.message(lang) if lang else self._legacy())

    @staticmethod
    def _say(x, lang) -> str:
        return x(lang) if isinstance(x, Text) else str(x)

    def _legacy(self) -> str:
        text = f"infeasible: {self._say(self.reason, 'en')} [rules: {', '.join(self.rules)}]"
        if self.options:
            text += "; options: " + "; ".join(self._say(o, "en") for o in self.options)
        return text

    def message(self, lang: str | None = None) -> str:
        """Reason, rules and options in ``lang`` (default Chinese), one per line."""
        head = Text("无法布置：{reason}", "infeasible: {reason}")(lang, reason=self._say(self.reason, lang))
        lines = [head]
        if self.rules:
            lines.append(Text("冲突的规则：{r}", "rules in conflict: {r}")(lang, r=", ".join(self.rules)))
        if self.options:
            lines.append(Text("可以这样改：", "options:")(lang))
            lines += [f"- {self._say(o, lang)}" for o in self.options]
        return "\n".join(lines)


class RenderError(RoomPlannerError):
    """A drawing or a board cannot be produced."""


class FontCoverageError(RenderError):
    """A character is not in the bundled fonts (never print a tofu box)."""


class TextOverflowError(RenderError):
    """Text does not fit even the largest allowed board size."""
