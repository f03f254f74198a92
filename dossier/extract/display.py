"""The name an actor is shown under, and so the id a new actor gets: the best-attested
English or Latin full form, never a function word or title glued on, English spellings
before other Latin conventions (German "Andrej Schukowin" is shown as English writes it)."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from dossier.extract.gazetteer import is_stop, is_title_word
from dossier.model import MentionCandidate
from dossier.text import script_of
from dossier.text.fold import fold_case as fold
from dossier.text.names import name_key, tidy_name

# Russian letters as English newspapers write them (Sergei, Andrei, Yevgeny, Zhukov).
_RU = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z", "и": "i",
       "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
       "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
       "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g"}


def english_romanization(word: str) -> str:
    """A Cyrillic word as English writes it: -ий/-ый are -y, й after a vowel is i, е opens as ye."""
    w = word.lower()
    w = re.sub("[иы]й$", "y", w)
    out = []
    for n, ch in enumerate(w):
        prev = w[n - 1] if n else ""
        if ch == "й" and prev in "аеёиоуыэюя":
            out.append("i")
        elif ch == "е" and (not prev or prev in "аеёиоуыэюяьъ"):
            out.append("ye")
        else:
            out.append(_RU.get(ch, ch))
    s = "".join(out)
    return s[:1].upper() + s[1:] if word[:1].isupper() else s


def _glued(name: str) -> bool:
    """A function word or a title opening a multi-word name ("Ardından X", "Seyyed X")."""
    words = name.split()
    return len(words) > 1 and (is_stop(words[0]) or is_title_word(words[0]))


def _best(pool: list[str]) -> str:
    counts = Counter(tidy_name(n) for n in pool)
    best = max(counts.values())
    longest = max(len(n.split()) for n, c in counts.items() if c == best)
    return sorted(n for n, c in counts.items() if c == best and len(n.split()) == longest)[0]


def display_name(mentions: list[MentionCandidate]) -> str:
    """The name an actor is shown under.

    A Latin form wins when there is one (English documents first; multi-word forms before
    single words, but English's acronym before another language's spelled-out name; then the
    most frequent; ties alphabetical), without a function word or a title glued on. When
    English writes only the surname and other languages spell the full name their own way,
    the full name is spelled as English would (from Cyrillic when a document gives it and
    English writes the surname so, else the form with English's surname). An actor seen only
    in another script keeps its most frequent fullest original spelling (تاس, not a
    vowel-less transliteration); its id is still an ASCII slug.
    """
    names = [m.name for m in mentions]
    english = [m.name for m in mentions if m.language == "en"]
    clean = [n for n in names if not _glued(n)] or names
    clean_en = [n for n in english if not _glued(n)] or english
    en_multi = [n for n in clean_en if script_of(n) == "Latn" and len(n.split()) > 1]
    if en_multi:
        return _best(en_multi)
    en_acronyms = [n for n in clean_en if n.isupper() and 2 <= len(n) <= 6 and n.isalpha()]
    if en_acronyms:  # "ANSSI" as English writes it, not another language's spelled-out name
        return _best(en_acronyms)
    latin_multi = [n for n in clean if script_of(n) == "Latn" and len(n.split()) > 1]
    en_words = {fold(n) for n in clean_en if script_of(n) == "Latn" and len(n.split()) == 1}
    if latin_multi and en_words:
        cyr = [n for n in clean if script_of(n) == "Cyrl" and len(n.split()) > 1]
        spelled = [" ".join(english_romanization(w) for w in n.split()) for n in cyr]
        spelled = [n for n in spelled if fold(n.split()[-1]) in en_words]
        if spelled:
            return _best(spelled)
        agreeing = [n for n in latin_multi if fold(n.split()[-1]) in en_words]
        if agreeing:
            return _best(agreeing)
    for pool in (latin_multi,
                 [n for n in clean_en if script_of(n) == "Latn"],
                 [n for n in clean if script_of(n) == "Latn"],
                 [n for n in clean if len(n.split()) > 1],
                 clean):
        if pool:
            return _best(pool)
    return ""


def split_genitives(ordered: list[MentionCandidate]
                    ) -> tuple[list[MentionCandidate], dict[tuple[str, int, int], MentionCandidate]]:
    """German "Pläne Talgins" (the plans of Talgin): two capitalised words whose
    second is a name the dossier knows plus a genitive -s, and whose first opens no name
    anywhere, are a noun and that name. Returns the mentions and, per cut span, the
    mention of the name it stands for."""
    known: set[str] = set()
    openers: set[str] = set()
    for m in ordered:
        words = m.name.split()
        if len(words) > 1:
            openers.add(fold(words[0]))
        if m.kind != "state" and (len(words) == 1 or m.kind == "person"):
            known.add(fold(words[-1]))
    out: list[MentionCandidate] = []
    cut: dict[tuple[str, int, int], MentionCandidate] = {}
    for m in ordered:
        words = m.text.split(" ")
        if m.language == "de" and len(words) == 2 and words[1].endswith("s") and fold(words[1][:-1]) in known \
                and fold(words[0]) not in known and fold(words[0]) not in openers - {fold(m.name.split()[0])}:
            start = m.start + len(words[0]) + 1
            name = words[1][:-1]
            new = replace(m, start=start, text=words[1], name=name, kind="person", key=name_key(name))
            out.append(new)
            cut[(m.source, m.start, m.end)] = new
        else:
            out.append(m)
    return out, cut
