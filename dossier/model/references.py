"""Which field of which record kind holds ids of which kind, and the inverse (backlinks).

Read off the record classes' field metadata (`references=...`), so a new reference field
is declared in one place. As with FollowTheMoney's reverse properties, every reference
read backwards is a backlink: an actor is cited by sources, named in claims, and so on.
"""
from __future__ import annotations

from typing import Any, Iterator, NamedTuple

from dossier.model.records import RECORD_KINDS, RECORD_TYPES, field_types, list_of, optional_of


class Reference(NamedTuple):
    kind: str  # the record kind holding the field
    path: tuple  # from the record to the value; "*" walks every item of a list
    target: str  # the record kind whose ids the field holds


def _references(kind: str, cls: type, prefix: tuple = ()) -> Iterator[Reference]:
    for f_name, tp in field_types(cls).items():
        path = prefix + (f_name,)
        inner = optional_of(tp) or tp
        while list_of(inner) is not None:
            inner, path = list_of(inner), path + ("*",)
        target = cls.__dataclass_fields__[f_name].metadata.get("references")
        if target is not None:
            yield Reference(kind, path, target)
        elif hasattr(inner, "__dataclass_fields__"):
            yield from _references(kind, inner, path)


#: Every reference, per record kind in field order.
REFERENCES: tuple[Reference, ...] = tuple(ref for kind in RECORD_KINDS
                                          for ref in _references(kind, RECORD_TYPES[kind]))

#: Per record kind, the references that point at it.
BACKLINKS: dict[str, tuple[Reference, ...]] = {
    kind: tuple(ref for ref in REFERENCES if ref.target == kind) for kind in RECORD_KINDS}


def walk(data: Any, path: tuple, where: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """Yield (location, value) for every value `path` reaches in plain data ('*' = every list item)."""
    if not path:
        yield where, data
        return
    head, rest = path[0], path[1:]
    if head == "*":
        for i, item in enumerate(data or []):
            yield from walk(item, rest, where + (i,))
    elif isinstance(data, dict) and head in data:
        yield from walk(data[head], rest, where + (head,))
