"""Places named with the kind of place they are ("Dnipro River", "Dnipro Nehri", "نهر دنيبرو"):
one place in every language, its own name and its kind the same (kinds.yml `feature_kinds`)."""
from __future__ import annotations

from functools import lru_cache
from typing import Callable, Optional

from dossier.text.fold import fold_str
from dossier.text.lexicon import load_lexicon
from dossier.text.names import key_strength, name_key, name_keys, same_name


@lru_cache(maxsize=1)
def _kind_of_word() -> dict[str, str]:
    """Folded feature noun -> the kind of place it names."""
    lex = load_lexicon("kinds").get("feature_kinds") or {}
    return {fold_str(str(w)): kind for kind, words in sorted(lex.items()) for w in (words or [])}


def feature_split(name: str) -> Optional[tuple[str, str]]:
    """(kind of place, the name without its feature noun) when the name opens or ends with
    one ("X River", "نهر X", "X Nehri"), else None."""
    words = name.split()
    if len(words) < 2:
        return None
    kinds = _kind_of_word()
    for size in (2, 1):  # "baraj gölü" before "gölü"
        for head, rest in ((words[-size:], words[:-size]), (words[:size], words[size:])):
            kind = kinds.get(fold_str(" ".join(head)))
            if kind and rest:
                return kind, " ".join(rest)
    return None


def same_feature_places(names: dict[str, str], union: Callable[[str, str], None]) -> None:
    """Join the labels (label -> name) of places of one kind whose own names are one name in
    any script; a name of fewer than three consonants is too weak to join by."""
    by_key: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for label, name in sorted(names.items()):
        split = feature_split(name)
        if split is None or key_strength(name_key(split[1])) < 3:
            continue
        for key in name_keys(split[1]):
            by_key.setdefault((split[0], key), []).append((label, split[1]))
    for group in by_key.values():
        first_label, first = group[0]
        for label, bare in group[1:]:
            if label != first_label and same_name(first, bare):
                union(first_label, label)
