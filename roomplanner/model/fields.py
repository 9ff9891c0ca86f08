"""Field types of the models given by their pydantic-core schema.

pydantic makes a model's validator from its annotations in Python, on the model's first use:
every ``Annotated`` constraint, every member of a union and every ``Optional`` goes through
its generic schema machinery (type inspection, metadata expansion, ``isinstance`` checks
against runtime protocols). The spec is validated before anything else of a run can start, so
that cost counts in full: building the spec's validator took about 46 ms with the annotations
written out, 18 ms with these types (CPU time, fresh process). The types here hand pydantic
the finished core schema of a field instead — the schema the annotation noted at each would
make, so validation, error types and locations (and thus every message of
model/validation.py) and the JSON schema are the same; tests/model/test_field_schemas.py
compares them with the annotations written out.
"""

import copy
from typing import Annotated, Any, Literal, Optional, Union

from pydantic_core import core_schema as cs


class CoreSchema:
    """``Annotated`` metadata that is the field's whole core schema."""

    __slots__ = ("schema",)

    def __init__(self, schema: cs.CoreSchema):
        self.schema = schema

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> cs.CoreSchema:
        return copy.deepcopy(self.schema)   # one field's own: pydantic may add keys (metadata) to it

    def __repr__(self) -> str:
        return f"CoreSchema({self.schema!r})"


def number(**bounds: float) -> Any:
    """A number: an int or a float, never a string or a bool, never NaN or infinite; ``bounds``
    are pydantic's gt/ge/lt/le. The schema of ``Union[Annotated[int, Field(strict=True,
    **bounds)], Annotated[float, Field(strict=True, allow_inf_nan=False, **bounds)]]``."""
    return Annotated[Union[int, float], CoreSchema(cs.union_schema(
        [cs.int_schema(strict=True, **bounds), cs.float_schema(strict=True, allow_inf_nan=False, **bounds)]))]


def whole(**bounds: int) -> Any:
    """A whole number, never a float, a string or a bool; ``bounds`` are gt/ge/lt/le. The schema
    of ``Annotated[int, Field(strict=True, **bounds)]``."""
    return Annotated[int, CoreSchema(cs.int_schema(strict=True, **bounds))]


def string(**constraints: Any) -> Any:
    """Text; ``constraints`` are min_length/max_length/pattern. The schema of
    ``Annotated[str, Field(**constraints)]``."""
    return Annotated[str, CoreSchema(cs.str_schema(**constraints))]


def line(**constraints: Any) -> Any:
    """Text on one line (a name, a title, a role): :func:`string` that refuses a line break,
    which a label, a card or a board title cannot set (a YAML ``|`` block ends with one). The
    JSON schema is that of :func:`string`."""
    return Annotated[str, CoreSchema(cs.no_info_after_validator_function(_one_line, cs.str_schema(**constraints)))]


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        from pydantic_core import PydanticCustomError

        raise PydanticCustomError("one_line", "expected one line, without a line break", {"got": repr(value)})
    return value


def _to_value(table: dict[str, str]):
    """Accept the Chinese names a user types (门, 内开 …) for the values they stand for."""
    def to_value(v):
        if isinstance(v, str):
            return table.get(v.strip(), v)
        return v
    return to_value


def choice(*values: str, names: dict[str, str]) -> Any:
    """One of ``values``, or a name in ``names`` that stands for one. The schema of
    ``Annotated[Literal[values], BeforeValidator(to_value)]``."""
    return Annotated[Literal[values], CoreSchema(cs.no_info_before_validator_function(
        _to_value(names), cs.literal_schema(list(values))))]


def auto_or(whole_number: Any, names: dict[str, str]) -> Any:
    """``"auto"`` (or a name in ``names`` that stands for it) or a :func:`whole` number. The
    schema of ``Annotated[Union[Literal["auto"], whole_number], BeforeValidator(to_value)]``."""
    return Annotated[Union[Literal["auto"], int], CoreSchema(cs.no_info_before_validator_function(
        _to_value(names), cs.union_schema([cs.literal_schema(["auto"]), whole_number.__metadata__[0].schema])))]


def one_of(*values: str) -> Any:
    """One of ``values``. The schema of ``Literal[values]``."""
    return Annotated[Literal[values], CoreSchema(cs.literal_schema(list(values)))]


_PLAIN = {str: cs.str_schema, int: cs.int_schema, float: cs.float_schema, bool: cs.bool_schema}


def optional(kind: Any) -> Any:
    """``kind`` or None. The schema of ``Optional[kind]``; ``kind`` is a type made here, or
    str, int, float or bool."""
    if kind in _PLAIN:
        python_type, inner = kind, _PLAIN[kind]()
    else:
        python_type, inner = kind.__origin__, kind.__metadata__[0].schema
    return Annotated[Optional[python_type], CoreSchema(cs.nullable_schema(inner))]


# --------------------------------------------------------------------------- shared field types
# used by more than one model module (the plan, the venue and the branch profiles): defined once

BoardId = string(pattern=r"^[a-z][a-z0-9_]*$")
"""A board's id in the catalog (``oath``, ``rights_duties`` …)."""
ProfileId = string(pattern=r"^[a-z][a-z-]*$")
"""A branch profile's id (``enterprise``, ``general`` …)."""
BoardPart = one_of("rights", "duties", "both")
"""Which half of the rights-and-duties text a board shows."""
