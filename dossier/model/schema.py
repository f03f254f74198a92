"""JSON Schemas (draft 2020-12) generated from the record and overlay classes.

A field's schema comes from its type (`str`, `int`, `bool`, a class, `list[...]`,
`Optional[...]`: null accepted) and its metadata (see `records.attr`). The layout is that
of the hand-written schemas these replaced (published under `site/data/schemas/`):

* record schemas spell every field out where it stands, with the field's own description;
* editor-facing schemas (curation files, sidecars) name a shared form or class once under
  `$defs`, and a form's description says what a field of that form expects. A validation
  message quotes that description when a value does not match (`dossier.io.validate`).
"""
from __future__ import annotations

import json
from dataclasses import MISSING, fields
from typing import Any, Optional

from dossier.model.overlay import OVERLAY_TYPES
from dossier.model.records import RECORD_TYPES, Form, field_types, list_of, optional_of

DRAFT = "https://json-schema.org/draft/2020-12/schema"

#: Every kind with a schema: the record kinds, then the editor's files.
SCHEMA_TYPES: dict[str, type] = {**RECORD_TYPES, **OVERLAY_TYPES}
SCHEMA_KINDS = tuple(SCHEMA_TYPES)

_SCALARS = {str: "string", int: "integer", bool: "boolean"}

# Metadata key -> JSON Schema keyword, in the order the keywords are written.
_KEYWORDS = (("min_length", "minLength"), ("pattern", "pattern"), ("max_length", "maxLength"),
             ("minimum", "minimum"), ("format", "format"))


def json_schema(kind: str) -> dict:
    """The JSON Schema of one record kind or editor file kind (e.g. "claims", "source-meta")."""
    cls = SCHEMA_TYPES[kind]
    builder = _Builder(editor=kind in OVERLAY_TYPES)
    out = {"$schema": DRAFT, "$id": f"https://dossier.invalid/schemas/{kind}.schema.json",
           "title": getattr(cls, "schema_title", cls.__name__)}
    out.update(builder.object(cls))
    if builder.defs:
        out["$defs"] = builder.defs
    return out


def json_text(kind: str) -> str:
    """`json_schema(kind)` as the file `<kind>.schema.json` holds it."""
    return json.dumps(json_schema(kind), indent=2) + "\n"


class _Builder:
    def __init__(self, editor: bool):
        self.editor = editor
        self.defs: dict[str, dict] = {}

    def object(self, cls: type) -> dict:
        out: dict[str, Any] = {"type": "object"}
        if getattr(cls, "schema_description", None):
            out["description"] = cls.schema_description
        types = field_types(cls)
        out["properties"] = {f.name: self.field(types[f.name], f.metadata) for f in fields(cls)}
        required = [f.name for f in fields(cls) if f.default is MISSING and f.default_factory is MISSING]
        if required:
            out["required"] = required
        out["additionalProperties"] = False
        return out

    def field(self, tp: Any, meta: Any) -> dict:
        inner = optional_of(tp)
        out = self.value(tp if inner is None else inner, meta)
        if inner is not None:
            form = meta.get("form")
            out = _nullable(out, shared=form is not None and form.name is not None)
        description = meta.get("description")
        if description is None:
            return out
        if out.get("type") == "object" or _is_inline_object(out.get("items")):  # described before its parts
            return {"type": out["type"], "description": description,
                    **{k: v for k, v in out.items() if k != "description"}}
        return {**out, "description": description}

    def value(self, tp: Any, meta: Any) -> dict:
        item = list_of(tp)
        if item is not None:
            own = ("description", "item_description", "min_items")
            out: dict[str, Any] = {"type": "array",
                                   "items": self.value(item, {k: v for k, v in meta.items() if k not in own})}
            if "item_description" in meta:
                out["items"]["description"] = meta["item_description"]
            if "min_items" in meta:
                out["minItems"] = meta["min_items"]
            return out
        if hasattr(tp, "__dataclass_fields__"):
            name = getattr(tp, "schema_name", None)
            return self.ref(name, lambda: self.object(tp)) if self.editor and name else self.object(tp)
        return self.scalar(tp, meta)

    def scalar(self, tp: Any, meta: Any) -> dict:
        if "enum" in meta:
            return {"enum": list(meta["enum"])}
        form: Optional[Form] = meta.get("form")
        if form is not None and form.name is not None and self.editor:
            return self.ref(form.name, lambda: self.spelled_out(tp, {"form": form}))
        return self.spelled_out(tp, meta)

    def spelled_out(self, tp: Any, meta: Any) -> dict:
        form: Optional[Form] = meta.get("form")
        out = {"type": _SCALARS[tp]}
        given = {**({"pattern": form.pattern, "max_length": form.max_length} if form is not None else {}), **meta}
        for key, keyword in _KEYWORDS:
            if given.get(key) is not None:
                out[keyword] = given[key]
        if form is not None and self.editor:  # says what it expects
            out["description"] = form.description
        return out

    def ref(self, name: str, build: Any) -> dict:
        if name not in self.defs:
            self.defs[name] = {}  # claimed first: `$defs` list in order of first use
            self.defs[name] = build()
        return {"$ref": f"#/$defs/{name}"}


def _nullable(out: dict, shared: bool) -> dict:
    """`out` or null: a plain string takes a second type; a shared form (an id, a URL) is its own
    branch, after null when referenced and before it when spelled out; so is a class."""
    if "enum" in out:
        return {"enum": out["enum"] + [None]}
    if out.get("type") == "string" and not shared:
        return {**out, "type": ["string", "null"]}
    if "$ref" in out or out.get("type") == "object":
        return {"anyOf": [{"type": "null"}, out]}
    return {"anyOf": [out, {"type": "null"}]}


def _is_inline_object(items: Any) -> bool:
    return isinstance(items, dict) and items.get("type") == "object"
