"""Which party a clause means: the state a ministry acts for, a state named by its adjective,
the organisation "the company" refers back to."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

from dossier.extract.cues import TOKEN_RX, event_spans, find_cues, languages_for, numbers_in, reporting_spans, words_between
from dossier.extract.gazetteer import ICU_LANGUAGES, city_of, gazetteer, is_title_word, role_key, title_lexicon
from dossier.extract.units import besides_figures
from dossier.model import Actor, Document, EvidenceCandidate
from dossier.text import script_of, to_latin
from dossier.text.fold import fold, fold_case, fold_str
from dossier.text.lexicon import load_lexicon
from dossier.text.morph import lemmas


def clear() -> None:
    """Forget the tables of an earlier actor table (another run may reuse its id)."""
    _TABLES.clear()


def state_of(actor_id: Optional[str], actors: dict[str, Actor]) -> Optional[str]:
    """The state an organisation acts for: its recorded state, else a state whose one-word
    name opens the organisation's ("Ruritania Dışişleri Bakanlığı" is Ruritania's); the
    state a city stands for ("Minsk ordered the closure"), the one city of its time zones."""
    actor = actors.get(actor_id or "")
    if actor is not None and actor.kind == "place":
        return _city_state(actor.name, actors)
    if actor is None or actor.kind != "organization":
        return None
    if actor.state in actors:
        return actor.state
    words = fold_str(actor.name).split()
    return _tables(actors).by_word.get(words[0]) if len(words) > 1 else None


def _city_state(name: str, actors: dict[str, Actor]) -> Optional[str]:
    """The state whose only time zone is named for this city (Warsaw, Minsk, Tehran), among
    the actors: a city that shares its state with others (Moscow, New York) speaks for none."""
    zone = city_of(name)
    region = _sole_zone_region(zone) if zone else None
    english = gazetteer().english.get(region) if region else None
    return _tables(actors).by_english.get(english) if english else None


@lru_cache(maxsize=None)
def _sole_zone_region(zone: str) -> Optional[str]:
    import icu  # deferred: heavy, loaded with the gazetteer anyway

    region = icu.TimeZone.getRegion(zone)
    zones = {icu.TimeZone.getIanaID(z) or z for z in icu.TimeZone.createEnumeration(region)}
    return region if len({z for z in zones if "/" in z}) == 1 else None


#: Letters an adjective of a state shares with the state's name ("biélorusses", Biélorussie).
DEMONYM_STEM = 6


def demonym_owner(c: EvidenceCandidate, words: dict, actors: dict[str, Actor]) -> Optional[str]:
    """The state whose name an adjective right next to one of `words` starts like, when no
    mention names it ("quatre diplomates biélorusses", "diplomáticos bielorrusos")."""
    script = c.sentence.script if c.sentence and c.sentence.script else script_of(c.quote)
    folded = fold_str(c.quote)
    for lang in languages_for(c.language, script):
        for s, e in find_cues(words.get(lang) or [], folded):
            near = TOKEN_RX.findall(folded[e:])[:1] + TOKEN_RX.findall(folded[:s])[-1:]
            found = {demonym_state(w, actors) for w in near} - {None}
            if len(found) == 1:
                return found.pop()
    return None


#: Letters an adjective must share with a state's name, and at most how many of the name's
#: last letters it may change: Polish/Poland, польская/Польша, iranien/Iran, البيلاروسية/بيلاروسيا.
DEMONYM_SHARED, DEMONYM_CHANGED = 4, 3


def demonym_state(word: str, actors: dict[str, Actor]) -> Optional[str]:
    """The one state a folded adjective is made from: it starts like a one-word name of the
    state and changes at most its last DEMONYM_CHANGED letters (the Arabic article dropped)."""
    word = word[2:] if word.startswith("ال") and len(word) > 4 else word
    if len(word) < DEMONYM_SHARED + 1:
        return None
    stems = _tables(actors).by_stem
    if len(word) > DEMONYM_STEM and stems.get(word[:DEMONYM_STEM]):
        return stems[word[:DEMONYM_STEM]]
    found = set()
    bones = _consonants(word)
    for name, state in _tables(actors).by_word.items():
        shared = len(_common_prefix(word, name))
        if word != name and (shared >= len(name) - DEMONYM_CHANGED and shared >= DEMONYM_SHARED
                             or shared == len(name) >= 3
                             or len(_consonants(name)) >= 4 and bones.startswith(_consonants(name))):
            found.add(state)
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=4096)
def _consonants(word: str) -> str:
    """The consonants of a word in Latin letters: белорусская -> blrssk, Беларусь -> blrs."""
    return re.sub(r"[^bcdfghjklmnpqrstvwxz]", "", to_latin(word).lower())


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


@dataclass
class _States:
    """The states of one actor table, looked up by what names them."""
    by_word: dict[str, str]  # folded one-word name ("ruritania") -> state
    by_stem: dict[str, Optional[str]]  # first DEMONYM_STEM letters of a name -> state, None when two share them
    by_english: dict[str, str]  # canonical (English) name -> state


def _tables(actors: dict[str, Actor]) -> _States:
    """The state tables of this actor table, made once (one table kept at a time)."""
    key = (id(actors), len(actors))
    if key not in _TABLES:
        tables = _States({}, {}, {})
        for a in sorted((a for a in actors.values() if a.kind == "state"), key=lambda a: a.id):
            tables.by_english.setdefault(a.name, a.id)
            for n in [a.name] + [al.name for al in a.aliases] + _cldr_names(a.name):
                folded = fold_str(n)
                words = folded.split()
                if len(words) == 1 and len(words[0]) >= 4:
                    tables.by_word.setdefault(words[0], a.id)
                if len(folded) >= DEMONYM_STEM:
                    stem = folded[:DEMONYM_STEM]
                    tables.by_stem[stem] = a.id if tables.by_stem.get(stem, a.id) == a.id else None
        _TABLES.clear()
        _TABLES[key] = tables
    return _TABLES[key]


def namesakes(person: Optional[str], actors: dict[str, Actor]) -> list[str]:
    """The people named in full whose surname is the one word a person is named by ("Belyaev":
    Arkady Belyaev, Mikhail Belyaev); none for a person named in full."""
    actor = actors.get(person or "")
    if actor is None or actor.kind != "person" or len(actor.name.split()) != 1:
        return []
    surname = fold_str(actor.name)
    return sorted(a.id for a in actors.values() if a.kind == "person" and len(a.name.split()) > 1
                  and fold_str(a.name).split()[-1] == surname)


#: Titles of who speaks and acts for a state ("Belarusian President X": Belarus mediated).
HEAD_ROLES = frozenset({"president", "prime minister", "king", "chancellor"})


#: Titles of who speaks for a state's government ("Polish Foreign Ministry spokesman X").
SPEAKER_ROLES = frozenset({"spokesperson"})


def led_state(person: Optional[str], actors: dict[str, Actor], roles: frozenset = HEAD_ROLES) -> Optional[str]:
    """The one state a person heads in the documents: the state their current head-of-state
    or government titles name ("Belarusian President", "президент Беларуси"), by its name or
    adjective; None when the titles name none, or two. `roles`: SPEAKER_ROLES for the state
    a person speaks for."""
    actor = actors.get(person or "")
    if actor is None or actor.kind != "person":
        return None
    found = Counter()
    for role in actor.roles:
        if not role.former and role_key(role.text, None) in roles:
            states = {demonym_state(w, actors) or _tables(actors).by_word.get(w) for w in fold_str(role.text).split()}
            found.update(states - {None})
    return found.most_common(1)[0][0] if len(found) == 1 else None


@lru_cache(maxsize=1024)
def _cldr_names(english: str) -> list[str]:
    """A state's one-word names in every language ICU names it in (Syria: Siria, Syrie,
    Сирия, Suriye, سوريا), from its English name; none for a name ICU does not know."""
    import icu  # deferred: heavy (PyICU), loaded by the gazetteer already

    code = next((c for c, name in gazetteer().english.items() if name == english), None)
    if code is None:
        return []
    names = {re.sub(r"\s*\(.*?\)", "", icu.Locale("", code).getDisplayCountry(icu.Locale(lang))).strip()
             for lang in ICU_LANGUAGES}  # names only: "Polish" is no name, and "police" is not Polish
    return sorted(n for n in names if n and n != code and len(n.split()) == 1)


#: (id of an actor table, its size) -> its state tables (one table at a time).
_TABLES: dict[tuple[int, int], _States] = {}


# ---------------------------------------------------------------------------------------
# "The company", "the government": an organisation the story names, referred to by a noun
# ---------------------------------------------------------------------------------------

def _classes() -> dict:
    return {k: v for k, v in load_lexicon("referring").items() if isinstance(v, dict)}


def _nouns_at(folded: str, langs: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """(start, end, class) of every referring noun in folded text."""
    return sorted((s, e, cls) for cls, per_lang in _classes().items()
                  for lang in langs for s, e in find_cues(per_lang.get(lang) or [], folded))


#: Words a referring noun may stand from the name it introduces ("a private company, X").
NEXT_TO_NAME = 3


def referents(docs: list[Document], story_of: dict, actors: dict[str, Actor]) -> None:
    """Give each story the means to find, when first asked, the one organisation its documents
    call by a noun class: named right next to the noun, or with the noun in its own name."""
    texts = {d.source.id: d for d in docs}
    members: dict[int, list[str]] = {}

    def find(number: int) -> dict[str, str]:
        if not members:  # the organisations and people each story's documents name, made on the first question
            for a in sorted(actors.values(), key=lambda a: a.id):
                if a.kind in ("organization", "other", "person"):  # a name no cue typed yet may be the company
                    for n in sorted({story_of[m.source].number for m in a.mentions if m.source in story_of}):
                        members.setdefault(n, []).append(a.id)
            members.setdefault(-2, [])  # made, even when no story names anyone
        found: dict[str, set[str]] = {}
        for a in members.get(number, ()):
            if actors[a].kind != "person":
                for cls in _called(actors[a], number, texts, story_of):
                    found.setdefault(cls, set()).add(a)
        out = {cls: next(iter(ids)) for cls, ids in sorted(found.items()) if len(ids) == 1}
        out.update(_role_holders([actors[a] for a in members.get(number, ()) if actors[a].kind == "person"],
                                 number, texts, story_of))
        return out

    for story in {id(s): s for s in story_of.values()}.values():
        story.referents, story.find_referents = None, find


#: A title is one person's in a story when its documents give it to that person this many
#: times as often as to anyone else ("the president": the one whose crash the story tells).
TITLE_LEAD = 3


def _role_holders(people: list[Actor], number: int, texts: dict[str, Document], story_of: dict) -> dict[str, str]:
    """"role:<role>" -> the person the story's documents give that title (now held), by the
    number of documents, when one leads all others TITLE_LEAD to one and two documents say so."""
    given: dict[str, Counter] = {}
    for person in sorted(people, key=lambda a: a.id):
        for role in person.roles:
            story, doc = story_of.get(role.source), texts.get(role.source)
            if role.former or story is None or story.number != number or doc is None:
                continue
            key = role_key(role.text, doc.source.language)
            if key:
                given.setdefault(key, Counter())[(person.id, role.source)] = 1
    out = {}
    for key, pairs in sorted(given.items()):
        docs = Counter(a for a, _src in pairs)
        ranked = sorted(docs.items(), key=lambda x: (-x[1], x[0]))
        second = ranked[1][1] if len(ranked) > 1 else 0
        if ranked[0][1] >= 2 and ranked[0][1] >= TITLE_LEAD * second:
            out["role:" + key] = ranked[0][0]
    return out


def titled(c: EvidenceCandidate, story: Any, named: list[tuple[int, int]], events: list[tuple[int, int]],
           agent: bool) -> Optional[str]:
    """The person a title without a name in the clause means ("أعلنت إيران وفاة الرئيس": the
    story's president), if the story gives that title to one person; `named`: the clause's
    mentions of people (start, end in the document); `events`: the event's cues (offsets in
    the clause). The doer's title stands shortly before its verb; the one it happens to right
    next to the event ("the death of the president", "the minister was killed")."""
    regexes, role_of, _former = title_lexicon()
    script = c.sentence.script if c.sentence and c.sentence.script else script_of(c.quote)
    folded = fold_case(c.quote)
    for lang in languages_for(c.language, script):
        rx = regexes.get(lang)
        for m in rx.finditer(folded) if rx is not None else ():
            start, end = m.span("t")
            if not any(_close(c.quote, end, es, TITLE_TO_VERB) if agent else
                       _close(c.quote, end, es, 0) or _close(c.quote, ee, start, 0) for es, ee in events):
                continue
            if any(0 <= s - (c.start + end) <= NAME_GAP or s <= c.start + start < e for s, e in named):
                continue  # "President Silva": the title of a name the clause gives
            if TOKEN_RX.findall(folded[:start])[-1:] and TOKEN_RX.findall(folded[:start])[-1] in _INDEFINITE:
                continue  # "a minister was killed": not the story's minister
            if _kin(lang) & set(TOKEN_RX.findall(folded[:start])[-KIN_REACH:]):
                continue  # "the brother of the detained governor": his relative, not the governor
            role = role_of.get(re.sub(r"\s+", " ", m.group("t")))
            found = story.referent("role:" + role) if role else None
            if found:
                return found
    return None


@lru_cache(maxsize=None)
def _kin(lang: str) -> frozenset[str]:
    """Kinship words (titles.yml `kinship`): "brother", "брат", "شقيق"."""
    return frozenset(fold_case(str(w)) for w in (load_lexicon("titles").get("kinship") or {}).get(lang) or [])


#: Words a kinship word may stand before a title it makes someone's relative ("брат задержанного вице-губернатора").
KIN_REACH = 4
#: Indefinite articles: "a minister" is someone, not the story's minister.
_INDEFINITE = frozenset({"a", "an", "one", "un", "une", "una", "uno", "ein", "eine", "einen", "einem", "einer", "bir"})
#: Words between a doer's title and its verb ("The Iranian president on Monday warned").
TITLE_TO_VERB = 3
def _close(text: str, a: int, b: int, words: int) -> bool:
    """Between a and b, no punctuation, at most `words` words and otherwise only short ones
    ("the death of the president": "of", "the")."""
    gap = words_between(text, a, b)
    between = TOKEN_RX.findall(text[a:b]) if a <= b else []
    return gap is not None and gap <= words + 3 and sum(1 for w in between if len(w) > 3) <= words


#: Characters between a title and a name it introduces ("the Ruritanian president, Ana Silva").
NAME_GAP = 25


def _called(actor: Actor, number: int, texts: dict[str, Document], story_of: dict) -> set[str]:
    """The noun classes the story's documents call the organisation by."""
    every = tuple(sorted({lang for per_lang in _classes().values() for lang in per_lang if isinstance(per_lang[lang], list)}))
    out = {c for _s, _e, c in _nouns_at(fold_str(actor.name), every)}  # a name is matched in any language
    for m in actor.mentions:
        doc = texts.get(m.source)
        story = story_of.get(m.source)
        if doc is None or story is None or story.number != number:
            continue
        langs = languages_for(doc.source.language, script_of(m.text))
        before = fold_str(doc.text[max(0, m.start - 40):m.start])
        after = fold_str(doc.text[m.end:m.end + 30])
        out.update(c for _s, e, c in _nouns_at(before, langs)
                   if len(TOKEN_RX.findall(before[e:])) <= NEXT_TO_NAME and "." not in before[e:])
        out.update(c for s, _e, c in _nouns_at(after, langs) if not TOKEN_RX.findall(after[:s]) and "." not in after[:s])
    return out


#: How far into a clause its doer's noun may stand ("Feribotu işleten şirketten ...").
OPENING_WORDS = 4


def referred(c: EvidenceCandidate, event_at: int, story: Any, named: list[tuple[int, int]],
             actors: Optional[dict[str, Actor]] = None) -> Optional[str]:
    """The organisation a noun among the clause's first words names, before its event at
    `event_at` (an offset in the clause): "The company denied ..." -> the story's company;
    the state whose adjective stands by a noun of a `by_adjective` class ("the Polish
    authorities", "белорусская сторона", "les autorités polonaises"). A noun a name follows
    ("the government of X") is that name's, not a reference; `named`: the clause's mentions
    (start, end in the document)."""
    script = c.sentence.script if c.sentence and c.sentence.script else script_of(c.quote)
    folded, index = fold(c.quote)
    tokens = list(TOKEN_RX.finditer(folded))
    if not tokens:
        return None
    langs = languages_for(c.language, script)
    first = _reported_from(folded, tokens, langs)
    opening = index[tokens[min(first + OPENING_WORDS, len(tokens)) - 1].end() - 1] + 1
    for s, e, cls in _nouns_at(folded, langs):
        start, end = index[s], index[e - 1] + 1
        if start >= min(opening, event_at):
            break
        if actors is not None and _classes()[cls].get("by_adjective"):
            near = TOKEN_RX.findall(folded[e:])[:1] + TOKEN_RX.findall(folded[:s])[-1:]
            states = {demonym_state(w, actors) for w in near} - {None}
            if len(states) == 1:
                return states.pop()
        if any(0 <= ms - (c.start + end) <= NAME_GAP for ms, _me in named):
            continue
        return story.referent(cls)
    return None


def _reported_from(folded: str, tokens: list, langs: tuple[str, ...]) -> int:
    """The token the reported words start at when the clause opens by saying who speaks
    ("Plant manager X told reporters the company would ...", "X sagte, das Unternehmen werde"):
    after the verb of saying (and "reporters", "that"), else 0."""
    found = reporting_spans("verbs", folded, langs)
    if not found or found[0][0] > tokens[min(REPORTED_WITHIN, len(tokens)) - 1].start():
        return 0
    after = next((k for k, t in enumerate(tokens) if t.start() >= found[0][1]), len(tokens))
    while after < len(tokens) and tokens[after].group(0) in _SAID_TO:
        after += 1
    return after


#: A verb of saying this far into a clause opens it with its speaker; the words it may take
#: before what is said.
REPORTED_WITHIN = 6
_SAID_TO = frozenset({"reporters", "journalists", "that", "dass", "que", "что", "ki", "أن", "ان"})


# ---------------------------------------------------------------------------------------
# "X and Y were killed": every person a patient's event is told of
# ---------------------------------------------------------------------------------------

#: Words that join two names in a list ("X and Y", "X и Y", "X ve Y", Arabic و written onto the next word).
LIST_AND = frozenset({"and", "и", "і", "й", "та", "ve", "və", "und", "et", "y", "e", "و"})
#: An "and" right after the last name of a list: "X, Y and three others", "X, Y et d'autres".
_LIST_END = re.compile(r"\s*,?\s*(?:and|и|і|та|ve|və|und|et|y|e)\s|\s*,?\s*و", re.I)
#: A gap that opens with the one comma it holds: "X, Y" (then only titles).
_ONE_COMMA = re.compile(r"\s*[,،][^,،]*$")
#: Words a title phrase between two joined names may hold ("the", "of", "'s").
_TITLE_GLUE = frozenset({"the", "of", "s", "der", "des", "dem", "den", "die", "de", "du", "la", "le", "les", "del",
                         "el", "los", "las", "al",
                         # a possessive before a title: "X and his foreign minister Y"
                         "his", "her", "its", "their", "sein", "seine", "ihr", "ihre", "son", "sa", "ses", "su", "sus",
                         "его", "ее", "её", "их"})
#: At most this many words between two joined names ("and Iran's Foreign Minister").
LIST_GAP = 8
#: Phrases that join names as "and" does: "X, along with Y, were killed".
_WITH = re.compile(r"(?<!\w)(?:along\s+with|together\s+with|as\s+well\s+as|alongside|вместе\s+с|а\s+также|"
                   r"sowie|zusammen\s+mit|gemeinsam\s+mit|ainsi\s+que|junto\s+(?:con|a)|así\s+como|"
                   r"ile\s+birlikte|برفقة|إلى\s+جانب|بالإضافة\s+إلى|همراه\s+با)(?!\w)", re.I)


def conjoined(c: EvidenceCandidate, first: str, actors: dict[str, Actor]) -> list[str]:
    """The people named in a list with `first` ("President X and Foreign Minister Y"): a
    patient's event ("were killed") is told of each of them."""
    spans = _spans(c, actors)
    people = _people(spans, c, actors)
    at = next((i for i, (_s, _e, a) in enumerate(people) if a == first), None)
    if at is None:
        return []
    def joined(i: int, comma: bool = False) -> bool:  # people[i] and people[i + 1] stand in one list
        (_s, pe, _a), (ns, _e, _b) = people[i], people[i + 1]
        return _list_gap(c.quote[pe:ns], [(s - pe, e - pe) for s, e, _a in spans if pe <= s and e <= ns], comma)

    def widen(lo: int, hi: int, comma: bool) -> tuple[int, int]:
        while lo > 0 and joined(lo - 1, comma):
            lo -= 1
        while hi + 1 < len(people) and joined(hi, comma):
            hi += 1
        return lo, hi

    lo, hi = widen(at, at, False)
    # "X, Y and Z", "X, Y and three others": commas join names of a list an "and" closes
    clo, chi = widen(lo, hi, True)
    if (clo, chi) != (lo, hi) and (any(joined(i) for i in range(clo, chi)) or _LIST_END.match(c.quote[people[chi][1]:])):
        lo, hi = clo, chi
    out: list[str] = []
    for _s, _e, a in people[lo:hi + 1]:
        if a != first and a not in out:
            out.append(a)
    return out


#: "With" between the last name of a list and the figure of the others, as "and" (`_LIST_END`)
#: stands there ("X avec trois autres"); then perhaps one word ("X y otras tres personas",
#: "X ve beraberindeki 3 kişi"). Arabic writes و onto the figure.
_WITH_OTHERS = re.compile(r"\s*,?\s*(?:with|avec|con|mit|ile|along\s+with|together\s+with|junto\s+con|вместе\s+с)\s",
                          re.I)
_ONE_WORD = re.compile(r"\s*(?:[^\W\d_]+\s+)?$")


def with_listed(c: EvidenceCandidate, value: str, actors: dict[str, Actor]) -> str:
    """A figure of people besides those a list names ("X, Y and four others", counts.yml
    `besides`) counts the named too: "6"."""
    if not value.isdigit():
        return value
    folded = fold_str(c.quote)
    langs = languages_for(c.language, script_of(c.quote))
    tokens = list(TOKEN_RX.finditer(folded))
    numbers = [n for n in numbers_in(folded, langs) if n[1] == int(value)]
    for ti in sorted(besides_figures(tokens, numbers, langs)):
        at = tokens[ti].start()
        people = [p for p in _people(_spans(c, actors), c, actors) if p[1] <= at]
        gap = c.quote[people[-1][1]:at] + ("و" if folded[at] == "و" else "") if people else ""
        joined = _LIST_END.match(gap) or _WITH_OTHERS.match(gap)
        if joined and _ONE_WORD.match(gap, joined.end()):
            return str(int(value) + 1 + len(conjoined(c, people[-1][2], actors)))
    return value


def whole_list(c: EvidenceCandidate, actors: dict[str, Actor]) -> Optional[str]:
    """The first of the people a clause names, when they all stand in one list: a patient's
    event with no one subject is told of each of them."""
    first_at: dict[str, int] = {}
    for s, _e, a in _people(_spans(c, actors), c, actors):
        first_at.setdefault(a, s)
    people = sorted(first_at, key=lambda a: (first_at[a], a))  # by first mention
    if len(people) < 2:
        return None
    return people[0] if set(conjoined(c, people[0], actors)) == set(people[1:]) else None


def _spans(c: EvidenceCandidate, actors: dict[str, Actor]) -> list[tuple[int, int, str]]:
    """(start, end, actor) of every mention in the clause, offsets in its quote, in order."""
    return sorted((m.start - c.start, m.end - c.start, a) for a in c.actors if a in actors
                  for m in actors[a].mentions if m.source == c.source and c.start <= m.start < c.end)


def _people(spans: list[tuple[int, int, str]], c: EvidenceCandidate, actors: dict[str, Actor]
            ) -> list[tuple[int, int, str]]:
    """The spans of people other than the clause's source."""
    return [(s, e, a) for s, e, a in spans if actors[a].kind == "person" and a != c.attributed_to]


def _list_gap(gap: str, named: list[tuple[int, int]], comma: bool = False) -> bool:
    """Whether the words between two names only join them: a conjunction, titles, other names
    (`comma`: or a comma, with titles only)."""
    gap = _WITH.sub(lambda m: "and".ljust(len(m.group(0))), gap)  # same length: `named` offsets hold
    words = [(m.start(), m.group(0)) for m in TOKEN_RX.finditer(gap)]
    if len(words) > LIST_GAP or "(" in gap or ";" in gap:
        return False
    joined, free = comma and _ONE_COMMA.match(gap) is not None, 0
    for at, w in words:
        low = fold_str(w)
        bare = low[1:] if low.startswith("و") and len(low) > 2 else low
        if low in LIST_AND:
            joined = True
        elif low.startswith("و") and bare != low and (is_title_word(bare) or any(s <= at < e for s, e in named)):
            joined, free = True, 3
        elif is_title_word(low) or is_title_word(bare.removeprefix("ال")) or _cyrillic_title(w):
            free = 3  # a title's own words follow it: "министр иностранных дел"
        elif free > 0 or any(s <= at < e for s, e in named) or low in _TITLE_GLUE or w[:1].isupper():
            free -= 1
        else:
            return False
    return joined


def _cyrillic_title(word: str) -> bool:
    """A title in a case form ("с министром"): its dictionary form is a title."""
    return script_of(word) == "Cyrl" and any(is_title_word(lemma) for lemma in lemmas(word.lower(), "ru"))


def city_doer(c: EvidenceCandidate, event: str, actors: dict[str, Actor], where: set[str]) -> Optional[str]:
    """The state a city acts for, named right before the event's verb ("Varsovie accuse"), or
    right after it in Arabic ("وتتهم وارسو"): a capital that is its state's one time zone."""
    if c.language == "ar":
        return _city_at(c, event, actors, where, lambda ms, me, s, e: e <= ms and words_between(c.quote, e, ms) == 0)
    return _city_at(c, event, actors, where, lambda ms, me, s, e: me <= s and _adverb_at_most(c.quote[me:s]))


def city_object(c: EvidenceCandidate, event: str, actors: dict[str, Actor], where: set[str]) -> Optional[str]:
    """The state a capital stands for as the other party, named right after the event's verb
    ("accused Stockholm of ...", "обвинила Стокгольм"); not in verb-last or verb-first languages."""
    if c.language in ("ar", "fa", "tr", "az", "de"):
        return None
    return _city_at(c, event, actors, where, lambda ms, me, s, e: e <= ms and not c.quote[e:ms].strip())


def _city_at(c: EvidenceCandidate, event: str, actors: dict[str, Actor], where: set[str], fits) -> Optional[str]:
    """The state of the first city (not a setting) whose mention `fits(start, end, cue start,
    cue end)` one of the event's cues, offsets in the quote."""
    script = c.sentence.script if c.sentence and c.sentence.script else script_of(c.quote)
    folded, index = fold(c.quote)
    spans = [(index[s], index[e - 1] + 1) for s, e in event_spans(folded, languages_for(c.language, script), event)]
    for a in c.actors:
        if a in where or a not in actors or actors[a].kind != "place":
            continue
        for m in actors[a].mentions:
            ms, me = m.start - c.start, m.end - c.start
            if m.source == c.source and 0 <= ms < len(c.quote) and any(fits(ms, me, s, e) for s, e in spans):
                return state_of(a, actors)
    return None


def _adverb_at_most(gap: str) -> bool:
    """Nothing, or one lowercase word, between a city and its verb ("Moscow reportedly passed")."""
    words = gap.split()
    return not re.search(r"[,;:.!?()]", gap) and (not words or len(words) == 1 and words[0][:1].islower())


def named_after(c: EvidenceCandidate, words: dict, kinds: list[str], actors: dict[str, Actor]) -> Optional[str]:
    """The participant right after one of `words` (before it in Turkish and Azerbaijani): who
    a case is against ("against", "в отношении", "ضد", "hakkında"), not who drops it; the
    state the expelled must leave ("to leave Poland"). No such word with a name: no one."""
    best: dict[tuple[str, int, int], tuple[int, str]] = {}  # the first cue that names one wins
    for lang, cs, ce, a, m in named_by_cues(c, words, kinds, actors):
        gap = (words_between(c.quote, m.end - c.start, cs - c.start) if lang in ("tr", "az")
               else words_between(c.quote, ce - c.start, m.start - c.start))
        if gap is not None and gap <= 3 and ((lang, cs, ce) not in best or gap < best[(lang, cs, ce)][0]):
            best[(lang, cs, ce)] = (gap, a)
    return next(iter(best.values()))[1] if best else None


def owner_named(c: EvidenceCandidate, words: dict, kinds: list[str], actors: dict[str, Actor]) -> Optional[str]:
    """The participant named right next to one of `words` (events.yml `owner`): "Belarusian
    diplomats", "diplomats of Belarus", "دبلوماسيين بولنديين", "сотрудников посольства Польши"."""
    best = None
    for _lang, cs, ce, a, m in named_by_cues(c, words, kinds, actors):
        before = words_between(c.quote, m.end - c.start, cs - c.start)
        after = words_between(c.quote, ce - c.start, m.start - c.start)
        gap = before if before == 0 else after if after is not None and after <= 1 else None
        if gap is not None and (best is None or (gap, m.start) < best[:2]):
            best = (gap, m.start, a)
    return best[2] if best else None


def named_by_cues(c: EvidenceCandidate, words: dict, kinds: list[str], actors: dict[str, Actor]):
    """(language, cue start, cue end, actor, mention) for each cue of `words` in the clause and
    each mention in it of a participant of `kinds`, cues in the order found."""
    if not words:
        return
    script = c.sentence.script if c.sentence and c.sentence.script else script_of(c.quote)
    folded, index = fold(c.quote)
    for lang in languages_for(c.language, script):
        for s, e in find_cues(words.get(lang) or [], folded):
            cs, ce = c.start + index[s], c.start + index[e - 1] + 1
            for a in c.actors:
                actor = actors.get(a)
                if actor is None or a == c.attributed_to or actor.kind not in kinds:
                    continue
                for m in actor.mentions:
                    if m.source == c.source and c.start <= m.start < c.end:
                        yield lang, cs, ce, a, m


def person_after(c: EvidenceCandidate, obj: Optional[str], kinds: list[str], actors: dict[str, Actor]
                 ) -> Optional[str]:
    """A state named just before a person is the person's title ("the President of
    Azerbaijan, Ilham Aliyev"): the person is the other party."""
    if obj is None or obj not in actors or actors[obj].kind != "state" or "person" not in kinds:
        return obj
    ends = [m.end for m in actors[obj].mentions if m.source == c.source and c.start <= m.start < c.end]
    for a in c.actors:
        actor = actors.get(a)
        if actor is None or actor.kind != "person" or a == c.attributed_to:
            continue
        if any(0 <= m.start - e <= 40 for m in actor.mentions if m.source == c.source for e in ends):
            return a
    return obj


def own_act(c: EvidenceCandidate, event: str, info: dict) -> bool:
    """A possessive or a pronoun makes the event the speaker's own act (events.yml `own`,
    `own_forms`, `own_not_after`): "X announced her resignation", "X istifasını açıkladı"."""
    if not info.get("own") and not info.get("own_forms"):
        return False
    script = c.sentence.script if c.sentence and c.sentence.script else script_of(c.quote)
    folded, index = fold(c.quote)
    for lang in languages_for(c.language, script):
        words = find_cues((info.get("own") or {}).get(lang) or [], folded)
        forms = [re.compile(rx) for rx in (info.get("own_forms") or {}).get(lang) or []]
        for s, _e in event_spans(folded, (lang,), event):
            if any((n := words_between(folded, we, s)) is not None and n <= 2 for _ws, we in words):
                return True
            word = re.match(r"\w+", folded[s:])
            if word and any(rx.fullmatch(word.group()) for rx in forms):
                before = re.search(r"(\w+)\W*$", c.quote[:index[s]])  # as written: letter case tells names
                return not (before and any(re.fullmatch(rx, before.group(1))
                                           for rx in (info.get("own_not_after") or {}).get(lang) or []))
    return False


#: A hyphen and a lower-case word right after a name: a compound adjective ("Iranian-backed").
_COMPOUND = re.compile(r"-[^\W\d_A-ZА-ЯЁ]")


def in_order(c: EvidenceCandidate, kinds: list[str], actors: dict[str, Actor]) -> list[str]:
    """The clause's participants of the given kinds in the order it names them; people a
    clause carries over from the one before ("..., but did not admit it") come first."""
    pos: dict[str, int] = {}
    for a in c.actors:
        actor = actors.get(a)
        if actor is None or a == c.attributed_to or actor.kind not in kinds:
            continue
        inside = [m for m in actor.mentions if m.source == c.source and c.start <= m.start < c.end]
        # "Ruritania-backed militia": a name inside a compound adjective takes no part
        if inside and all(_COMPOUND.match(c.quote, m.end - c.start) for m in inside):
            continue
        pos[a] = min(m.start for m in inside) if inside else -1
    listed = {a: i for i, a in enumerate(c.actors)}  # carried-over people keep the order they were named in
    return sorted(pos, key=lambda a: (pos[a], listed[a]))


#: Words that make an act mutual: "accused each other", "обвинили друг друга", "تبادلا الاتهامات".
_RECIPROCAL = re.compile(r"(?<!\w)(?:each\s+other|one\s+another|друг\s+друга|друг\s+другу|один\s+одного|одне\s+одного|"
                         r"einander|gegenseitig|mutuellement|l['’]un\s+l['’]autre|mutuamente|el\s+uno\s+al\s+otro|"
                         r"birbirin\w*|birbirler\w*|bir-birin\w*|بعضهما|بعضهم\s+البعض|تبادل\w*)(?!\w)", re.I)


def reciprocal(c: EvidenceCandidate) -> bool:
    """Whether the clause tells its act as mutual: each party did it to the other."""
    return _RECIPROCAL.search(c.quote) is not None

