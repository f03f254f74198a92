"""Validating loaded YAML against the JSON Schemas the model generates (`dossier.model.schema`).

Problems come back as (line, message): each message names the field and says what it should
be, in the words of the schema, not jsonschema's dump of the whole value.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any, Optional

from dossier.io.safe_yaml import line_of
from dossier.model.records import DATE, DAY, ID
from dossier.model.schema import json_schema

#: What a record id may look like: also a safe file name (no dots, slashes, upper case).
ID_PATTERN = re.compile(ID.pattern)


@lru_cache(maxsize=None)
def schema(kind: str) -> dict:
    """The JSON Schema (draft 2020-12) of one record kind or editor file kind."""
    return json_schema(kind)


_DATE_PATTERNS = (DATE.pattern, DAY.pattern)
_NOT_A_DATE = "is not a date on the calendar"


def real_date(value: str) -> bool:
    """Whether a YYYY, YYYY-MM or YYYY-MM-DD string names a month and day that exist."""
    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return parts[0] > 0


@lru_cache(maxsize=None)
def _validator(kind: str):
    from jsonschema import Draft202012Validator, ValidationError, validators  # deferred: heavy (80 ms)

    plain = Draft202012Validator.VALIDATORS["pattern"]

    def pattern(validator, value, instance, sub):  # the form of a date, then the calendar (2025-13-45)
        errors = list(plain(validator, value, instance, sub))
        yield from errors
        if not errors and value in _DATE_PATTERNS and isinstance(instance, str) and not real_date(instance):
            yield ValidationError(f"{instance!r} {_NOT_A_DATE} (months run 01-12, days as the month has)")

    return validators.extend(Draft202012Validator, {"pattern": pattern})(schema(kind))


def validate(kind: str, data: Any, lines: Optional[dict[tuple, int]] = None) -> list[tuple[Optional[int], str]]:
    """Schema problems of one record as (line, message), in document order."""
    problems = []
    for err in _validator(kind).iter_errors(data):
        where = list(err.absolute_path)
        line = line_of(lines or {}, where)
        field_name = ".".join(str(p) for p in where) or "record"
        problems.append((line, f"{field_name}: {_schema_message(err)}"))
    return sorted(problems, key=lambda p: (p[0] or 0, p[1]))


def _short_repr(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _schema_message(err) -> str:
    """jsonschema's message, made shorter where it would dump a whole record."""
    if err.validator == "additionalProperties":
        return err.message.replace("Additional properties are not allowed", "unknown field(s)")
    if err.validator == "pattern" and _NOT_A_DATE in err.message:
        return err.message
    if err.validator == "pattern":  # the regex itself helps nobody: say what the value should be
        what = err.schema.get("description") or f"the pattern {err.validator_value}"
        return f"{_short_repr(err.instance)} does not match the required form: {what}"
    if err.validator in ("type", "enum", "required", "minimum", "const") or len(err.message) < 200:
        return err.message
    return f"fails the '{err.validator}' rule of the {err.schema_path[0] if err.schema_path else ''} schema"
