"""Small text helpers shared by every stage: scripts, transliteration, slugs."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# ISO 15924 codes for the Unicode script names that unicodedata.name() starts with.
_SCRIPT_PREFIXES = (
    ("LATIN", "Latn"),
    ("ARABIC", "Arab"),
    ("CYRILLIC", "Cyrl"),
    ("GREEK", "Grek"),
    ("HEBREW", "Hebr"),
    ("ARMENIAN", "Armn"),
    ("GEORGIAN", "Geor"),
    ("DEVANAGARI", "Deva"),
    ("CJK", "Hani"),
    ("HIRAGANA", "Hira"),
    ("KATAKANA", "Kana"),
    ("HANGUL", "Hang"),
    ("THAI", "Thai"),
)

#: Scripts written right to left.
RTL_SCRIPTS = frozenset({"Arab", "Hebr", "Syrc", "Thaa"})


@lru_cache(maxsize=4096)
def char_script(ch: str) -> str:
    """ISO 15924 code of one character's script ('Zyyy' for common/unknown)."""
    if not ch.isalpha():
        return "Zyyy"
    name = unicodedata.name(ch, "")
    for prefix, code in _SCRIPT_PREFIXES:
        if name.startswith(prefix):
            return code
    return "Zyyy"


@lru_cache(maxsize=65536)
def script_of(text: str) -> str:
    """Dominant ISO 15924 script of `text` by letter count ('Zyyy' if it has no letters)."""
    counts: dict[str, int] = {}
    for ch in text:
        code = char_script(ch)
        if code != "Zyyy":
            counts[code] = counts.get(code, 0) + 1
    if not counts:
        return "Zyyy"
    return max(sorted(counts), key=lambda c: counts[c])


def scripts_in(text: str) -> set[str]:
    """The scripts of a text's words of two letters or more (Latin, Cyrillic, Arabic ...)."""
    return {script_of(w) for w in re.findall(r"[^\W\d_]{2,}", text)}


def load_package_yaml(text):
    """Parse one of the package's own YAML files (lexicons): with libyaml when PyYAML has
    it (ten times faster than the pure-Python parser), the same safe schema either way."""
    import yaml  # deferred: only the lexicon loader needs it

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def is_rtl(text: str) -> bool:
    """True when the dominant script of `text` is written right to left."""
    return script_of(text) in RTL_SCRIPTS


@lru_cache(maxsize=1)
def _transliterator():
    import icu  # deferred: heavy (PyICU, from the pyicu-wheels package)

    return icu.Transliterator.createInstance("Any-Latin; Latin-ASCII")


@lru_cache(maxsize=65536)
def to_latin(text: str) -> str:
    """Transliterate any script to plain ASCII Latin with ICU (`Any-Latin; Latin-ASCII`)."""
    out = _transliterator().transliterate(text)
    # ICU keeps a few modifier letters (ʿ ʾ) that Latin-ASCII does not fold.
    return unicodedata.normalize("NFKD", out).encode("ascii", "ignore").decode("ascii")


def slugify(text: str, max_length: int = 60) -> str:
    """A lowercase ASCII slug (a-z, 0-9, '-') for ids and URLs; transliterates first."""
    ascii_text = to_latin(text).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug.strip("-")


def unique_slug(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`, ... whichever is not in `taken` (which is updated)."""
    base = base or "item"
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    taken.add(candidate)
    return candidate
