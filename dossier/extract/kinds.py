"""Each actor's kind, with the reason for it: what all its names, and the words before them, say.

Mentions get a first guess one document at a time; an actor named in several documents is
decided here, once its names are linked. A kind the first guess left open ("other") is
settled by the first cue that fires:

1. the organisations lexicon or an institution noun in a name ("Ministry", "bakanlığı");
2. a place-feature noun in a name ("Nile River", "река Волга", "نهر …"; kinds.yml);
3. a country (CLDR) or a city (ICU's time-zone names) as a whole name;
4. a preposition of place before two mentions ("in X", "в X", "X'te");
5. a title word just before a mention ("Governor X", "министр X", "الوزير X");
6. a name a source also gives as its last word alone; a surname ending on a name of two or more words ("-ov", "-ский").

A kind the first guess already made keeps its reason where one of these cues agrees, and
otherwise says it came from the name's form. An editor's kind (content/aliases.yml, or the
curation overlay) always wins.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Iterable, Mapping, Optional

from dossier.extract.gazetteer import (caps_lexicon, cities, gazetteer, is_institution, is_title_word,
                                       org_lexicon, stop_lexicon)
from dossier.extract.linking import Pins
from dossier.model import Actor
from dossier.text import script_of
from dossier.text.fold import fold_case as fold
from dossier.text.languages import LEXICON_LANGUAGES as LANGUAGES
from dossier.text.names import strip_suffix
from dossier.text.lexicon import lexicon_words, load_lexicon

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_FORM = "from the form of the name where it was found (no confirming cue)"
_LEFT_OPEN = "left open (no title, institution, place noun or country beside any of its names)"


_LOCATIVE_SUFFIX = re.compile(r"['’](?:da|de|ta|te|dan|den|tan|ten|də|dən|tə|tən)$")


@lru_cache(maxsize=1)
def _locatives() -> frozenset:
    lex = load_lexicon("kinds").get("locative", {}) or {}
    return frozenset(fold(str(w)) for lang in LANGUAGES for w in (lex.get(lang) or []))


@lru_cache(maxsize=1)
def _place_features() -> tuple[frozenset, tuple[str, ...]]:
    """(folded place-feature nouns, folded multi-word ones)."""
    lex = load_lexicon("kinds").get("place_features", {}) or {}
    words = {fold(str(w)) for lang in LANGUAGES for w in (lex.get(lang) or [])}
    return frozenset(w for w in words if " " not in w), tuple(sorted(w for w in words if " " in w))


def _names(actor: Actor) -> list[str]:
    seen: dict[str, None] = {actor.name: None}
    for alias in actor.aliases:
        seen.setdefault(alias.name, None)
    return list(seen)


def _words(name: str) -> list[str]:
    return _WORD.findall(name)


def _institution(name: str) -> Optional[str]:
    heads = caps_lexicon()[2]
    for word in _words(name):
        w = fold(strip_suffix(word))
        if w in heads or is_institution(word):
            return word
    return None


def _lexicon_kind(name: str) -> Optional[str]:
    for regex, table, exact in org_lexicon()[2]:
        hit = regex.fullmatch(name if exact else fold(name))
        if hit:
            found = table.get(hit.group(0) if exact else re.sub(r"\s+", " ", hit.group(0)))
            if found:
                return found[1]
    return None


def _feature(name: str) -> Optional[str]:
    single, multi = _place_features()
    words = _words(name)
    if len(words) < 2:
        return None
    folded = fold(name)
    for phrase in multi:
        if phrase in folded:
            return phrase
    for word in words:
        if fold(word) in single:
            return word
    return None


def _title_before(text: str, start: int) -> Optional[str]:
    """A title word right before a mention, or one word (a nationality, an adjective) before it."""
    before = text[max(0, start - 60):start]
    if not before or not before[-1:].isspace():
        return None
    words = _words(before.replace("\n", " "))
    if before.rstrip() and not before.rstrip()[-1].isalpha():
        return None  # "X, the minister" or a quote mark: the word is not next to the name
    for back in (1, 2):
        if back == 2 and words and fold(words[-1]) in _OF:
            return None  # "the head of Kherson region": the title is of a place, not this name's
        if len(words) >= back and is_title_word(words[-back]):
            return words[-back]
    return None


def _person_verb_before(text: str, start: int, name: str) -> Optional[str]:
    """A verb only people undergo right before a name of two or three words ("to arrest X", "detuvo a X")."""
    if not 2 <= len(_words(name)) <= 3 or script_of(name) not in ("Latn", "Cyrl"):
        return None
    before = text[max(0, start - 40):start]
    words = _words(before.replace("\n", " "))
    if words and fold(words[-1]) in ("a", "al"):  # Spanish personal "a"
        words = words[:-1]
    verbs = lexicon_words("kinds", "person_verbs", fold, LANGUAGES)
    return words[-1] if words and fold(words[-1]) in verbs and before.rstrip()[-1:].isalpha() else None


#: Words that make the name after a title what the title is of, not who holds it.
_OF = frozenset({"of", "de", "du", "des", "del", "della", "di", "do", "da", "von", "vom", "der"})


def _surname_ending(name: str) -> Optional[str]:
    words = _words(name)
    script = script_of(name)
    if len(words) < 2 or script not in ("Cyrl", "Latn"):
        return None
    last = fold(words[-1])
    # Latin endings of two letters ("-in", "-ov") end too many other words ("Matin").
    return next((e for e in stop_lexicon()[2] if last.endswith(e) and len(last) > len(e) + 2
                 and (script == "Cyrl" or len(e) >= 3)), None)


#: "Tianjin, wo 2015 ...", "X, where": a relative adverb of place right after the name.
_WHERE_AFTER = re.compile(r",?\s*(?:where|wo|где|де|où|donde|حيث|burada)\b", re.I)


def _located(text: str, start: int, end: int) -> bool:
    """The mention says where something is: "in X", "в X", "X'te", "في X", "X, where"."""
    if _LOCATIVE_SUFFIX.search(text[start:end]) or _WHERE_AFTER.match(text[end:end + 12]):
        return True
    before = text[max(0, start - 12):start]
    if not before.endswith(" "):
        return False
    words = before.split()
    if not words:
        return False
    return fold(words[-1]) in _locatives() or len(words) >= 2 and fold(" ".join(words[-2:])) in _locatives()


def said_where(c, actor: Actor) -> bool:
    """A clause names the place as where something is ("in Oleshky", "в Олешках", "Oleşki'de"),
    not as a party ("Moscow said")."""
    if c.sentence is None:
        return False
    off = c.sentence.start
    return any(_located(c.sentence.text, m.start - off, m.end - off) for m in actor.mentions
               if m.source == c.source and c.start <= m.start < c.end)


def _said_by_last_name(actor: Actor, texts: Mapping[str, str]) -> Optional[str]:
    """A name of two or three words that a source also gives as its last word alone, the way
    news writes people ("Hasan Demir … Demir said"); organisations are shortened from the front.
    A word next to a place noun names the feature, not a person ("the Nowa reservoir",
    "réservoir de Nowa")."""
    words = _words(actor.name)
    if not 2 <= len(words) <= 3 or _institution(actor.name) or _feature(actor.name):
        return None
    last = fold(words[-1])
    for m in actor.mentions:
        if fold(strip_suffix(m.text)) != last or fold(m.text) == fold(actor.name):
            continue
        text = texts.get(m.source, "")
        if not _feature(" ".join(text[max(0, m.start - 30):m.start].split()[-2:] + [m.text]
                                 + text[m.end:m.end + 40].split()[:1])):
            return m.source
    return None


def _cues(actor: Actor, texts: Mapping[str, str]) -> Iterable[tuple[str, str]]:
    """(kind, reason) for every cue that fires, strongest first."""
    names = _names(actor)
    for name in names:
        kind = _lexicon_kind(name)
        if kind:
            yield kind, f"in the organisations lexicon ({name})"
    for name in names:
        word = _institution(name)
        if word and len(_words(name)) >= 2:
            yield "organization", f"institution noun '{word}' in the name '{name}'"
    for name in names:
        word = _feature(name)
        if word:
            yield "place", f"place noun '{word}' in the name '{name}'"
    gaz, towns = gazetteer(), cities()
    for name in names:
        folded = fold(name)
        if gaz.exact.get(folded) or gaz.multi_code.get(folded):
            yield "state", f"a country name in CLDR ({name})"
        elif towns.exact.get(script_of(name), {}).get(folded) or towns.multi_zone.get(folded):
            yield "place", f"a city in ICU's time-zone names ({name})"
    located = []
    for m in actor.mentions:
        if _located(texts.get(m.source, ""), m.start, m.end):
            located.append(m.source)
            if len(located) == 2:
                break
    if len(located) >= 2 or located and len(_words(actor.name)) == 1:
        yield "place", f"where something happens ('in …') in {located[0]}"
    for m in actor.mentions if not actor.name.isupper() else ():  # "head of the FSB" names no person
        word = _title_before(texts.get(m.source, ""), m.start)
        if word:
            yield "person", f"title '{word}' before the name in {m.source}"
    for m in actor.mentions if actor.kind == "other" else ():  # a cue to decide by, not one more reason
        verb = _person_verb_before(texts.get(m.source, ""), m.start, m.text)
        if verb:
            yield "person", f"'{verb}' before the name in {m.source}, as only people are"
            break
    alone = _said_by_last_name(actor, texts)
    if alone:
        yield "person", f"named by its last word alone in {alone}, as people are"
    for name in names:
        ending = _surname_ending(name)
        if ending:
            yield "person", f"surname ending '-{ending}' in '{name}'"


def decide(actor: Actor, texts: Mapping[str, str]) -> tuple[str, str]:
    """The actor's kind and the reason for it."""
    cues = _cues(actor, texts)
    if actor.kind != "other":
        agreeing = next((reason for kind, reason in cues if kind == actor.kind), None)
        return actor.kind, agreeing or _FORM
    first = next(iter(cues), None)
    return first if first else ("other", _LEFT_OPEN)


def refine(actors: list[Actor], texts: Mapping[str, str], pins: Pins) -> list[Actor]:
    """The actors with their kinds decided (texts: document text by source id)."""
    pinned = {fold(n): p.kind for p in pins.pins if p.kind for n in [p.name] + p.aliases}
    out = []
    for actor in actors:
        editor = next((pinned[fold(n)] for n in _names(actor) if fold(n) in pinned), None)
        if editor:
            out.append(replace(actor, kind=editor, kind_reason="set by the editor in content/aliases.yml"))
            continue
        kind, reason = decide(actor, texts)
        out.append(replace(actor, kind=kind, kind_reason=reason))
    return out
