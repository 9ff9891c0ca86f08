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


class RoomPlannerError(Exception):
    """Base of every error this program raises on purpose."""


class SpecError(RoomPlannerError, ValueError):
    """A spec failed validation. ``problems`` holds one message per problem, each
    starting with the field path (``room.openings[1]: ...``)."""

    def __init__(self, problems: list[str], source: str | None = None):
        self.problems = list(problems) or ["spec: invalid"]
        self.source = source
        head = f"{source}: " if source else ""
        super().__init__(head + "invalid spec:\n  " + "\n  ".join(self.problems))


class PlanFileError(RoomPlannerError, ValueError):
    """A plan file failed validation (same shape as SpecError)."""

    def __init__(self, problems: list[str], source: str | None = None):
        self.problems = list(problems) or ["plan: invalid"]
        self.source = source
        head = f"{source}: " if source else ""
        super().__init__(head + "invalid plan file:\n  " + "\n  ".join(self.problems))


class ContentError(RoomPlannerError, ValueError):
    """User content (a photo path, an honor entry…) cannot be used."""


class OutputError(RoomPlannerError):
    """The output folder cannot be written, or holds files roomplanner did not write."""


class InfeasibleError(RoomPlannerError):
    """No layout satisfies the required rules.

    ``reason`` is a one-line summary, ``rules`` the ids of the rules in conflict and
    ``options`` what the user could change. ``patches`` runs parallel to ``options``: for
    an option that is a setting, a JSON merge patch (RFC 7396) of the spec that applies it
    (``{"main_wall": 2}``, ``{"options": {"flag_size": 4}}``), else None."""

    def __init__(self, reason: str, rules: list[str], options: list[str] | None = None,
                 details: list[str] | None = None, patches: list[dict | None] | None = None):
        self.reason = reason
        self.rules = sorted(set(rules))
        self.options = list(options or [])
        self.details = list(details or [])
        self.patches = list(patches) if patches is not None else [None] * len(self.options)
        if len(self.patches) != len(self.options):
            raise ValueError("InfeasibleError: patches must run parallel to options")
        text = f"infeasible: {reason} [rules: {', '.join(self.rules)}]"
        if self.options:
            text += "; options: " + "; ".join(self.options)
        super().__init__(text)


class RenderError(RoomPlannerError):
    """A drawing or a board cannot be produced."""


class FontCoverageError(RenderError):
    """A character is not in the bundled fonts (never print a tofu box)."""


class TextOverflowError(RenderError):
    """Text does not fit even the largest allowed board size."""
