"""The field types of model/fields.py hand pydantic a finished core schema; each must behave as
the annotation it stands for (written out here): the same core schema, the same JSON schema,
the same value or the same errors (types, locations, context) for every input."""

from typing import Annotated, Literal, Optional, Union

import pytest
from pydantic import BaseModel, BeforeValidator, Field, ValidationError

from roomplanner.model.fields import _to_value, auto_or, choice, number, one_of, optional, string, whole

NAMES = {"门": "door", "窗户": "window"}
AUTO = {"自动": "auto"}


def _written_out_names(table):
    return BeforeValidator(_to_value(table))


NUM = Union[Annotated[int, Field(strict=True)], Annotated[float, Field(strict=True, allow_inf_nan=False)]]
CASES = [
    (number(), Union[Annotated[int, Field(strict=True)], Annotated[float, Field(strict=True, allow_inf_nan=False)]]),
    (number(gt=0), Union[Annotated[int, Field(strict=True, gt=0)],
                         Annotated[float, Field(strict=True, allow_inf_nan=False, gt=0)]]),
    (number(ge=600, le=3000), Union[Annotated[int, Field(strict=True, ge=600, le=3000)],
                                    Annotated[float, Field(strict=True, allow_inf_nan=False, ge=600, le=3000)]]),
    (whole(ge=0), Annotated[int, Field(strict=True, ge=0)]),
    (whole(ge=1921, le=2100), Annotated[int, Field(strict=True, ge=1921, le=2100)]),
    (string(min_length=1, max_length=20), Annotated[str, Field(min_length=1, max_length=20)]),
    (string(pattern=r"^\d{4}-\d{2}-\d{2}$"), Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$")]),
    (choice("door", "window", names=NAMES), Annotated[Literal["door", "window"], _written_out_names(NAMES)]),
    (auto_or(whole(ge=1, le=5), names=AUTO),
     Annotated[Union[Literal["auto"], Annotated[int, Field(strict=True, ge=1, le=5)]], _written_out_names(AUTO)]),
    (string(max_length=40) | None, Annotated[str, Field(max_length=40)] | None),
    (list[tuple[number(), number()]], list[tuple[NUM, NUM]]),
    (one_of("door", "window"), Literal["door", "window"]),
    (optional(one_of("door", "window")), Optional[Literal["door", "window"]]),
    (optional(string(max_length=40)), Optional[Annotated[str, Field(max_length=40)]]),
    (optional(whole(ge=1, le=28)), Optional[Annotated[int, Field(strict=True, ge=1, le=28)]]),
    (optional(number(ge=0)), Optional[Union[Annotated[int, Field(strict=True, ge=0)],
                                            Annotated[float, Field(strict=True, allow_inf_nan=False, ge=0)]]]),
    (optional(str), Optional[str]),
    (optional(int), Optional[int]),
    (optional(float), Optional[float]),
    (optional(bool), Optional[bool]),
]

INPUTS = [0, 1, 5, 6, -1, 2.0, "1", "1.5", "true", "yes", 600, 2000, 3000.0, 3000.5, 1e308, float("nan"), float("inf"), True, None, "", "x",
          "3", " 门 ", "门", "窗户", "door", "window", "auto", "自动", "2026-11-22", "2026-1-2", "a" * 41,
          [1, 2], [[1, 2], [3, 4.5]], [[1, "2"]], (1, 2), {"a": 1}]


def model(annotation):
    return type("M", (BaseModel,), {"__annotations__": {"f": annotation}})


def outcome(m, value):
    try:
        return "ok", m.model_validate({"f": value}).f
    except ValidationError as exc:
        return "errors", [(e["type"], e["loc"], e.get("ctx"), e["msg"]) for e in exc.errors(include_url=False)]


def normalise(schema):
    """The core schema with validator functions by name and empty metadata left out."""
    if isinstance(schema, dict):
        return {k: normalise(v) for k, v in schema.items()
                if not (k == "metadata" and not v) and k not in ("ref", "cls")}
    if isinstance(schema, list):
        return [normalise(v) for v in schema]
    if callable(schema):
        return getattr(schema, "__qualname__", repr(schema))
    return schema


@pytest.mark.parametrize("ours,written", CASES, ids=range(len(CASES)))
def test_same_as_the_annotation_written_out(ours, written):
    a, b = model(ours), model(written)
    assert normalise(a.__pydantic_core_schema__["schema"]) == normalise(b.__pydantic_core_schema__["schema"])
    assert a.model_json_schema() == b.model_json_schema()
    for value in INPUTS:
        assert repr(outcome(a, value)) == repr(outcome(b, value)), value


def test_one_line_text_is_a_string_that_refuses_line_breaks():
    """``line()``: the JSON schema of :func:`string` (forms built from the schema are the same),
    the same values and errors for one-line text, and an error naming the value for a line
    break (a YAML ``|`` block ends with one)."""
    from roomplanner.model.fields import line

    a, b = model(line(min_length=1, max_length=20)), model(string(min_length=1, max_length=20))
    assert a.model_json_schema() == b.model_json_schema()
    for value in [v for v in INPUTS if not (isinstance(v, str) and ("\n" in v or "\r" in v))]:
        assert repr(outcome(a, value)) == repr(outcome(b, value)), value
    for value in ("党建工作制度\n", "张\r\n三", "\n"):
        kind, errors = outcome(a, value)
        assert kind == "errors" and errors[0][0] == "one_line" and errors[0][2] == {"got": repr(value)}
