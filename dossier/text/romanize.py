"""Romanized readings of Arabic-script names, for search.

A reader types a name the way the Latin press writes it. An Arabic spelling that differs
from the Latin ones in its consonants (an Arabic ه where the Latin spellings write kh) is another
reading of the name: it is romanized with the vowels of the matching Latin spelling, so the
spelling a reader derives from the Arabic finds the name too.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Optional

from dossier.text import to_latin
from dossier.text.names import name_key


_LATIN_DIGRAPHS = ("kh", "sh", "ch", "zh", "gh", "th", "dh", "ts")
#: Latin consonants the Arabic alphabet has no letter for: the Latin spelling's letter is kept.
_NOT_IN_ARABIC = frozenset({"v", "p", "g", "ch", "zh", "ts", "c", "x", "o", "e"})
_GLIDES = frozenset({"w", "y"})


def _units(word: str) -> list[str]:
    """A lowercase ASCII word cut into vowel runs and consonant units (digraphs whole)."""
    out, i = [], 0
    while i < len(word):
        if word[i] in "aeiou":
            j = i
            while j < len(word) and word[j] in "aeiou":
                j += 1
            out.append(word[i:j])
            i = j
        elif word[i:i + 2] in _LATIN_DIGRAPHS:
            out.append(word[i:i + 2])
            i += 2
        else:
            out.append(word[i])
            i += 1
    return out


def _sound(unit: str) -> str:
    return unit if unit in _GLIDES else (name_key(unit) or unit)


def _align(latin: list[str], arabic: list[str]) -> Optional[list[Optional[str]]]:
    """For each Latin consonant, the Arabic consonant heard there (None: not written).

    Arabic w/y may be long vowels (skipped); a Latin y may be unwritten. None if the two
    consonant skeletons cannot be matched sound for sound.
    """
    @lru_cache(maxsize=None)
    def go(i: int, j: int) -> Optional[tuple]:
        if i == len(latin):
            return () if all(c in _GLIDES for c in arabic[j:]) else None
        if j < len(arabic) and (_sound(latin[i]) == _sound(arabic[j])
                                or (latin[i] == "v" and arabic[j] == "w")):
            rest = go(i + 1, j + 1)
            if rest is not None:
                return (arabic[j],) + rest
        if j < len(arabic) and arabic[j] in _GLIDES:
            rest = go(i, j + 1)
            if rest is not None:
                return rest
        if latin[i] in _GLIDES:
            rest = go(i + 1, j)
            if rest is not None:
                return (None,) + rest
        return None

    found = go(0, 0)
    return list(found) if found is not None else None


def _romanize_word(arabic_word: str, latin_word: str) -> Optional[str]:
    ar = re.sub(r"[^a-z]", "", to_latin(arabic_word).lower())
    lat = re.sub(r"[^a-z]", "", to_latin(latin_word).lower())
    if not ar or not lat:
        return None
    ar_cons = []
    for u in _units(ar):
        if u[0] not in "aeiou" and (not ar_cons or ar_cons[-1] != u):
            ar_cons.append(u)
    units = _units(lat)
    cons = [u for u in units if u[0] not in "aeiou"]
    matched = _align(cons, ar_cons)
    if matched is None:
        return None
    picks = iter(matched)
    out = []
    for u in units:
        if u[0] in "aeiou":
            out.append(u)
            continue
        heard = next(picks)
        out.append(u if heard is None or u in _NOT_IN_ARABIC or heard in _GLIDES else heard)
    word = "".join(out)
    return word[:1].upper() + word[1:] if latin_word[:1].isupper() else word


def romanized_readings(arabic_names: Iterable[str], latin_names: Iterable[str]) -> list[str]:
    """Romanized readings of the Arabic-script names that none of the Latin names spells already.

    Both come cleaned of control characters; each Arabic name is read word by word against
    each Latin name of as many words (or its last word), whose words have the same name keys.
    """
    latin = sorted(set(latin_names))
    known = {f(n).casefold() for n in latin for f in (str, to_latin)}
    known |= {f(w).casefold() for n in latin for w in n.split() for f in (str, to_latin)}
    out = set()
    for arabic in arabic_names:
        ar_words = arabic.split()
        for lat in latin:
            lat_words = lat.split()
            for cand in (lat_words, lat_words[-1:]):
                if len(cand) != len(ar_words) or any(name_key(a) != name_key(b) or not name_key(a)
                                                     for a, b in zip(ar_words, cand)):
                    continue
                words = [_romanize_word(a, b) for a, b in zip(ar_words, cand)]
                if all(words):
                    name = " ".join(words)
                    if name.casefold() not in known:
                        out.add(name)
    return sorted(out, key=lambda n: (n.casefold(), n))


# A name read from its Arabic letters alone, for the English statements of names no source
# writes in Latin: the long vowels (ا و ي) are read as vowels, so "فولوديمير" is "Fuludimir"
# and not ICU's consonant string "fwlwdymyr". Short vowels are not written in Arabic; a
# name's first two consonants get an "a" between them, as readers say it.
_AR_CONSONANTS = {
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r",
    "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "'", "غ": "gh",
    "ف": "f", "ق": "q", "ك": "k", "ک": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "پ": "p",
    "چ": "ch", "ژ": "zh", "گ": "g", "ڤ": "v", "ء": "'", "ؤ": "'",
}
_AR_VOWELS = {"ا": "a", "أ": "a", "آ": "a", "ٱ": "a", "إ": "i", "ى": "a", "ة": "a", "ئ": "a"}
_AR_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u0640]")


def _arabic_word(word: str) -> str:
    units: list[tuple[str, bool]] = []  # (Latin, is a vowel)
    letters = _AR_MARKS.sub("", word)
    for i, ch in enumerate(letters):
        after_vowel = not units or units[-1][1]
        before_alef = letters[i + 1:i + 2] in ("ا", "أ", "آ")
        if ch in "وي" + "ی":
            glide = after_vowel or before_alef
            units.append(("w" if ch == "و" else "y", False) if glide else ("u" if ch == "و" else "i", True))
        elif ch in _AR_VOWELS:
            units.append((_AR_VOWELS[ch], True))
        elif ch in _AR_CONSONANTS:
            units.append((_AR_CONSONANTS[ch], False))
        else:
            units.append((to_latin(ch), False))
    if len(units) >= 2 and not units[0][1] and not units[1][1]:
        units.insert(1, ("a", True))
    return "".join(latin for latin, _ in units).replace("'", "")


def arabic_name_in_latin(name: str) -> str:
    """An Arabic-script name in Latin letters, capitalised, read with its long vowels."""
    words = [_arabic_word(w) for w in name.split()]
    return " ".join(w[:1].upper() + w[1:] for w in words if w)
