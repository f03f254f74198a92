"""Stories: which documents tell of the same incident, and which incident a clause tells of.

A story is the documents that name much the same people, organisations and places with
the same kind of incident noun (predicates.yml `incidents`): "the explosion in Veldra".
Its incident fills the {incident} of a claim's statement; a clause naming an incident of
its own ("38 died when the plane was shot down", in a story of a coup) keeps that one.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Optional

from dossier.extract import predicate_lexicon
from dossier.extract.cues import TOKEN_RX, cues_of, event_positions, event_spans, find_cues, languages_for
from dossier.extract.units import is_month
from dossier.model import Actor, Document, EvidenceCandidate
from dossier.text import script_of, to_latin
from dossier.text.fold import fold_str
from dossier.text.languages import LEXICON_SCRIPTS
from dossier.text.lexicon import lexicon_words
from dossier.text.romanize import arabic_name_in_latin

#: Actor kinds that can be where something happened.
PLACE_KINDS = ("place", "state")
#: How alike a document must be to a story (cosine of weighted actors and incident noun) to join it.
STORY_JOIN = 0.15


@lru_cache(maxsize=None)
def _lexicon() -> dict:
    return predicate_lexicon.lexicon()


def clear_caches() -> None:
    """Forget what was read of the lexicon (the project's predicates changed)."""
    for cached in (_lexicon, _incident_cues, noun_class, _weak_nouns, _act_nouns, _coming_words):
        cached.cache_clear()


@dataclass
class Story:
    number: int
    features: Counter = field(default_factory=Counter)
    nouns: Counter = field(default_factory=Counter)  # each document's main incident
    told: Counter = field(default_factory=Counter)  # every incident its documents name

    def norm(self) -> float:
        return math.sqrt(sum(v * v for v in self.features.values())) or 1.0

    def shared_year(self, _unused: None = None) -> Optional[str]:
        """The one year all the story's dated documents were published in, if they share one."""
        return next(iter(self.years)) if len(self.years) == 1 else None

    def minor_place(self, place: str) -> bool:
        """Few of the story's documents name this place (under a quarter as many as its most named)."""
        return 4 * self.places.get(place, 0) < (max(self.places.values()) if self.places else 0)

    def most_named_state(self, _unused: None = None) -> Optional[str]:
        """The state most of the story's documents name."""
        named = [(self.places[a], a) for a in self.states if self.places.get(a)]
        return max(named)[1] if named else None

    def common_noun(self, noun: str) -> bool:
        """Many of the story's documents name their incident with this noun."""
        return self.nouns.get(noun, 0) >= max(2, sum(self.nouns.values()) // 4)
    places: Counter = field(default_factory=Counter)  # documents naming each place
    place_mentions: Counter = field(default_factory=Counter)
    incident: str = "the incident"
    place: Optional[str] = None
    years: Counter = field(default_factory=Counter, compare=False)  # its dated documents' years
    states: frozenset = field(default_factory=frozenset, compare=False)  # which of its places are states
    referents: Optional[dict] = field(default=None, compare=False, repr=False)  # "company" -> the organisation meant
    find_referents: Optional[Callable[[int], dict]] = field(default=None, compare=False, repr=False)

    def take(self, noun: Optional[str], vec: dict, places: Counter, told: Counter) -> None:
        """Count one more document in: its weighted participants, incident nouns and places."""
        self.features.update(vec)
        self.told.update(told)
        if noun:
            self.nouns[noun] += 1
        for a, k in places.items():
            self.places[a] += 1
            self.place_mentions[a] += k

    def merge(self, other: "Story") -> None:
        """Count another story's documents in."""
        for mine, theirs in ((self.features, other.features), (self.nouns, other.nouns), (self.told, other.told),
                             (self.places, other.places), (self.place_mentions, other.place_mentions)):
            mine.update(theirs)

    def referent(self, noun_class: str) -> Optional[str]:
        """The one organisation the story's documents call by this noun ("the company"), if any."""
        if self.referents is None:
            self.referents = self.find_referents(self.number) if self.find_referents else {}
        return self.referents.get(noun_class)


@lru_cache(maxsize=None)
def _incident_cues(script: str, language: Optional[str] = None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each incident noun's cues for text in `language` (else every language of `script`):
    one language's word is another's everyday word (Turkish "sel*", flood; French "selon")."""
    if language:  # a relative's cue that is another word here is left out (`false_friends`)
        return tuple((entry["noun"], cues_of(entry, languages_for(language, script)))
                     for entry in _lexicon().get("incidents") or [])
    langs = set(LEXICON_SCRIPTS.get(script, ())) | ({"uk"} if script == "Cyrl" else set())
    return tuple((entry["noun"], tuple(c for lang, cs in (entry.get("cues") or {}).items() if lang in langs for c in cs))
                 for entry in _lexicon().get("incidents") or [])


@lru_cache(maxsize=None)
def noun_class(noun: str) -> str:
    for entry in _lexicon().get("incidents") or []:
        if entry["noun"] == noun:
            return entry.get("class") or noun
    return noun


def incident_nouns(doc: Document) -> Counter:
    """How often a document names each kind of incident (its title counts thrice)."""
    return nouns(doc.text[:20000], doc.source.title or "", _language(doc))


def _language(doc: Document) -> Optional[str]:
    """The language most of a document's text is in (None when no sentence says)."""
    seen: Counter = Counter()
    for s in doc.sentences:
        if s.language:
            seen[s.language] += s.end - s.start
    return sorted(seen, key=lambda k: (-seen[k], k))[0] if seen else None


def nouns(text: str, title: str = "", language: Optional[str] = None) -> Counter:
    out: Counter = Counter()
    cues = _incident_cues(script_of(text), language)
    for folded, weight in ((fold_str(text), 1), (fold_str(title), 2)):
        for noun in _longest(cues, folded):
            out[noun] += weight
    return out


#: A comparison names no incident: "with the force of an earthquake", "как землетрясение",
#: "comme un tremblement de terre", "مثل زلزال", "deprem gibi" (the words after, or before "gibi");
#: nor does the noun a denial stands before: "not an accident", "kaza değil".
_SIMILE = re.compile(r"(?<!\w)(?:like|as if|force of|comparable to|similar to|resembl\w*|как|будто|словно|подобно|як|"
                     r"comme|tel qu\w*|wie|gleich einem|como|parecido a|مثل|كأن\w*|أشبه ب\w*)(?:\W+\w+){1,4}"
                     r"|(?:\w+\W+){1,3}(?:gibi|kimi|benzer)(?!\w)"
                     # nor does a denial: "not an accident", "kein Unfall", "pas un accident", "kaza değil"
                     r"|(?<!\w)(?:not an?|no|kein\w*|pas une?|ni une?|no (?:fue|es|era) una?|не|ليس|ليست)\s+\w+"
                     r"|(?<!\w)\w+\s+(?:değil|deyil)(?!\w)")


def _longest(cues: tuple, folded: str) -> list[str]:
    """The noun of each incident word, where the cues of two nouns overlap the longer match
    only ("siber saldırı" is a cyberattack, not also an attack); none in a comparison."""
    folded = _SIMILE.sub(lambda m: " " * len(m.group(0)), folded)
    found = sorted(((s, e, noun) for noun, cs in cues for s, e in find_cues(cs, folded)),
                   key=lambda t: (t[0] - t[1], t[0], t[2]))
    kept: list[tuple[int, int, str]] = []
    for s, e, noun in found:
        if not any(s < ke and ks < e for ks, ke, _n in kept):
            kept.append((s, e, noun))
    return [noun for _s, _e, noun in kept]


@lru_cache(maxsize=None)
def _weak_nouns() -> frozenset[str]:
    return frozenset(e["noun"] for e in _lexicon().get("incidents") or [] if e.get("weak"))


@lru_cache(maxsize=None)
def _act_nouns() -> frozenset[str]:
    return frozenset(e["noun"] for e in _lexicon().get("incidents") or [] if e.get("act"))


def _top(counts: Counter) -> Optional[str]:
    """The commonest, a weak noun only when there is no other; on a tie, the one listed
    first (the more specific)."""
    order = {noun: i for i, (noun, _c) in enumerate(_incident_cues("Latn"))}
    weak = _weak_nouns()
    return min(counts, key=lambda k: (k in weak, -counts[k], order.get(k, 99), k)) if counts else None


def _noun(text: str, language: Optional[str] = None) -> Optional[str]:
    return _top(nouns(text, "", language))


def clause_incident(c: EvidenceCandidate, story: Story, place: Optional[str]) -> str:
    """The incident a figure belongs to: the story's, unless its sentence names another
    incident that few of the story's documents tell of ("38 died when the plane was shot
    down", in a story about a coup); a noun of an act (`act: true`) never ("the toll rose to
    11, the captain in custody": a toll of no arrests)."""
    # the clause's own incident word first: its sentence may tell of another incident too
    noun = _noun(c.quote, c.language) or _noun(c.sentence.text if c.sentence else c.quote, c.language)
    if noun is None or noun in story.incident or story.common_noun(noun) or noun in _act_nouns():
        return story.incident.split(" in ")[0] if place != story.place else story.incident
    return noun


#: Relative pronouns a clause about a thing opens with ("which", "которое", "qui", "الذي").
_RELATIVE_WORDS = ("which", "that", "котор", "яке", "який", "яка", "qui", "lequel", "laquelle", "que", "cual",
                   "welche", "الذي", "التي", "والذي", "والتي")


#: The predicate of the day the story's incident happened ("Date of the explosion in X").
OCCURRED = "occurred"


def opens_relative_clause(quote: str) -> bool:
    """The clause opens with a relative pronoun ("which", "которое", "الذي")."""
    first = fold_str(quote).split(maxsplit=1)[:1]
    return bool(first) and first[0].startswith(_RELATIVE_WORDS)


def relative_dated(c: EvidenceCandidate, dated: set[str]) -> bool:
    """A clause opening with a relative pronoun whose first event, before any comma, is the
    incident's happening ("which began early on Monday, forced ...")."""
    if not opens_relative_clause(c.quote):
        return False
    script = c.sentence.script if c.sentence and c.sentence.script else script_of(c.quote)
    folded = fold_str(c.quote)
    first = event_positions(folded, languages_for(c.language, script))[:1]
    return bool(first) and first[0][1] in dated and "," not in folded[:first[0][0]]


def tells_incident(c: EvidenceCandidate, story: Story) -> bool:
    """Whether the clause names the story's kind of incident ("the attack began ..."), itself or,
    opening with a relative pronoun, right before it ("the dam, which collapsed early Tuesday")."""
    text = c.quote
    if c.sentence is not None and opens_relative_clause(c.quote):
        text = c.sentence.text[:max(0, c.start - c.sentence.start)] + " " + c.quote
    noun = _noun(text, c.language)
    return noun is not None and noun_class(noun) == noun_class(story.incident.split(" in ")[0])


def own_incident(c: EvidenceCandidate, event: str, story: Story) -> Optional[str]:
    """The incident a clause names of its own, other than its story's ("Baku blamed Moscow for
    the crash" in a story of a coup), when its predicate's own word is not that name ("shot
    down" names a downing); None for the story's incident."""
    script = c.sentence.script if c.sentence and c.sentence.script else script_of(c.quote)
    cues = _incident_cues(script, c.language)
    folded = fold_str(c.quote)
    spans = event_spans(folded, languages_for(c.language, script), event)
    itself = {noun_class(n) for n in _longest(cues, "  ".join(folded[s:e] for s, e in spans))}
    for s, e in spans:
        folded = folded[:s] + " " * (e - s) + folded[e:]
    noun = _top(Counter(_longest(cues, folded)))
    if noun is None or noun in _weak_nouns() or noun_class(noun) in itself:
        return None
    main = story.incident.split(" in ")[0]
    if noun_class(noun) == noun_class(main) or story.common_noun(noun):
        return None
    return noun


def stories(docs: list[Document], actors: dict[str, Actor], told: Optional[dict[str, Counter]] = None
            ) -> dict[str, Story]:
    """Source id -> its story. Documents join the most alike story in id order (greedy, so
    each is compared with the stories, never with every other document): the same incident
    noun in an overlapping place, or much the same people and organisations."""
    named: dict[str, Counter] = {d.source.id: Counter() for d in docs}
    for a in actors.values():
        if a.kind == "outlet":
            continue
        for m in a.mentions:
            if m.source in named:
                named[m.source][a.id] += 1
    where = _free_place_mentions(actors, named)
    df: Counter = Counter(a for c in named.values() for a in c)
    n = max(1, len(docs))
    out: dict[str, Story] = {}
    found: list[Story] = []
    read: dict[str, tuple] = {}  # source id -> (noun, vector, places, nouns named)
    for doc in sorted(docs, key=lambda d: d.source.id):
        named_here = told.get(doc.source.id) if told else None
        named_here = incident_nouns(doc) if named_here is None else named_here
        noun = _top(named_here)
        counts = named[doc.source.id]
        places = where.get(doc.source.id, Counter())
        vec = {a: (1 + math.log(k)) * math.log(1 + n / df[a]) for a, k in counts.items()}
        if noun:
            vec[f"noun:{noun_class(noun)}"] = sum(vec.values()) / len(vec) if vec else 1.0
        story = _closest(noun, vec, found)
        if story is None:
            story = Story(number=len(found))
            found.append(story)
        read[doc.source.id] = (noun, vec, places, named_here)
        story.take(noun, vec, places, named_here)
        out[doc.source.id] = story
    for story in found:
        story.incident, story.place = _incident(story, actors)
    # stories told of one kind of incident in one place are one story: the greedy pass met
    # their first documents before the documents that tie them together. A story is found under
    # every incident its documents are mainly about ("the dam collapse", "the flood"), and a
    # place under its name without its division ("X Oblast" is X)
    first: dict[tuple, Story] = {}
    merged: dict[int, Story] = {}
    for story in found:
        noun = _top(story.nouns)
        if noun is None or story.place is None or noun in _weak_nouns():
            continue
        where = place_key(actors[story.place])
        into = first.get((noun_class(noun), where))
        if into is not None:
            into.merge(story)
            merged[story.number] = into
        for told in sorted(story.nouns):
            if told not in _weak_nouns():
                first.setdefault((noun_class(told), where), into or story)
    if merged:
        for sid, story in out.items():
            out[sid] = merged.get(story.number, story)
    if merged | _join_lone(out, read):
        for story in {id(s): s for s in out.values()}.values():
            story.incident, story.place = _incident(story, actors)
    for doc in docs:
        if doc.source.published:
            out[doc.source.id].years[doc.source.published[:4]] += 1
    for story in {id(s): s for s in out.values()}.values():
        story.states = frozenset(a for a in story.places if a in actors and actors[a].kind == "state")
    return out


@lru_cache(maxsize=1)
def _coming_words() -> frozenset[str]:
    return frozenset(fold_str(str(w)) for words in (_lexicon().get("coming") or {}).values() for w in words or [])


def coming_day(quote: str) -> bool:
    """Whether the clause gives a day still to come: a `coming` word two words or fewer from a
    month ("12 يونيو المقبل", "next June"; predicates.yml `coming`)."""
    words = TOKEN_RX.findall(fold_str(quote))
    coming = _coming_words()
    return any(is_month(w) and any(x in coming for x in words[max(0, k - 2):k + 3]) for k, w in enumerate(words))


def undated_day(c: EvidenceCandidate, story: Story) -> Optional[str]:
    """The day a clause whose date went unread (its document is undated) names by day and
    month alone ("19 мая", "في 19 ايار"), in the one year its story's dated documents all
    share; None for a weekday or "yesterday", which only the document's own date could place."""
    if c.date or not _day_and_month(c.quote):
        return None
    year = story.shared_year()
    if year is None:
        return None
    from dossier.extract.dates import find_dates  # deferred: dateparser is heavy

    try:
        found = find_dates(c.quote, c.language, f"{year}-12-31")
    except Exception:  # a date we cannot read never stops extraction
        return None
    return next((iso for start, end, iso, precision in found
                 if precision == "day" and iso.startswith(year) and _day_and_month(c.quote[start:end])), None)


def _day_and_month(text: str) -> bool:
    """The text writes a figure and a month's name ("19 мая", "19 May")."""
    words = TOKEN_RX.findall(fold_str(text))  # words without their punctuation ("мая.")
    return any(w[:1].isdigit() for w in words) and any(is_month(w) for w in words)


#: How alike a document that is a story of its own must be to a larger story that names its
#: place, to join it: a report telling the story from one side's officials names few of the
#: people the others name, and is no story of its own.
LONE_JOIN = STORY_JOIN / 2


def _join_lone(out: dict[str, Story], read: dict[str, tuple]) -> dict:
    """Move each document that is alone in its story into the most alike story of two or more
    documents that names one of its places (LONE_JOIN); {story number: story} of those moved."""
    docs_of: dict[int, list[str]] = {}
    for sid, story in out.items():
        docs_of.setdefault(id(story), []).append(sid)
    larger = [s for s in {id(s): s for s in out.values()}.values() if len(docs_of[id(s)]) >= 2]
    moved: dict = {}
    for sid in sorted(out):
        if len(docs_of[id(out[sid])]) != 1:
            continue
        noun, vec, places, named_here = read[sid]
        into = _closest(noun, vec, [s for s in larger if set(places) & set(s.places)], LONE_JOIN)
        if into is None:
            continue
        moved[out[sid].number] = into
        into.take(noun, vec, places, named_here)
        out[sid] = into
    return moved


def _free_place_mentions(actors: dict[str, Actor], named: dict[str, Counter]) -> dict[str, Counter]:
    """Source id -> place -> its mentions there that are not part of another name: the Essen
    of "Staatsanwaltschaft Essen" is the office's seat, not where the story happened."""
    names: dict[str, list[tuple[int, int]]] = {}
    for a in actors.values():
        if a.kind not in PLACE_KINDS:
            for m in a.mentions:
                if m.source in named:
                    names.setdefault(m.source, []).append((m.start, m.end))
    reach = {source: _reach(spans) for source, spans in names.items()}
    out: dict[str, Counter] = {}
    for a in actors.values():
        if a.kind in PLACE_KINDS:
            for m in a.mentions:
                if m.source in named and not _inside(reach.get(m.source), m.start, m.end):
                    out.setdefault(m.source, Counter())[a.id] += 1
    return out


def _reach(spans: list[tuple[int, int]]) -> tuple[list[int], list[int], dict[int, int]]:
    """Sorted starts, the furthest end of the spans up to each, and the furthest end per start."""
    spans = sorted(spans)
    furthest, ends, per_start = 0, [], {}
    for s, e in spans:
        furthest = max(furthest, e)
        ends.append(furthest)
        per_start[s] = max(per_start.get(s, 0), e)
    return [s for s, _e in spans], ends, per_start


def _inside(reach: Optional[tuple], start: int, end: int) -> bool:
    """Whether another (not the same) span holds start..end: one that opens before it and ends
    at or after its end, or opens with it and ends after it."""
    if reach is None:
        return False
    starts, ends, per_start = reach
    before = bisect_left(starts, start)
    return (before > 0 and ends[before - 1] >= end) or per_start.get(start, 0) > end


def _closest(noun: Optional[str], vec: dict[str, float], found: list[Story], least: float = STORY_JOIN
             ) -> Optional[Story]:
    """The story most alike (cosine of weighted participants, places and incident noun),
    if alike enough; a story whose documents never name the document's incident counts half."""
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    best, best_score = None, least
    for story in found:
        feats = story.features
        dot = sum(v * feats.get(f, 0.0) for f, v in vec.items())
        if not dot:
            continue
        score = dot / (norm * story.norm())
        if noun and story.told and not any(noun_class(k) == noun_class(noun) for k in story.told):
            score /= 2
        if score > best_score:
            best, best_score = story, score
    return best


def _incident(story: Story, actors: dict[str, Actor]) -> tuple[str, Optional[str]]:
    noun = sorted(story.nouns, key=lambda k: (-story.nouns[k], k))[0] if story.nouns else "the incident"
    ranked = sorted(story.places, key=lambda a: (-story.places[a], -story.place_mentions[a],
                                                 actors[a].kind != "place", a))
    # a city named in most of the story's documents says more than its country
    cities = [a for a in ranked if actors[a].kind == "place" and 2 * story.places[a] >= story.places[ranked[0]]]
    place = cities[0] if cities else (ranked[0] if ranked else None)
    return (f"{noun} in {latin_name(actors[place])}" if place else noun), place


def place_key(actor: Actor) -> str:
    """The place's Latin name, folded, without the words of its division ("Capitalia Oblast": "capitalia")."""
    words = fold_str(latin_name(actor)).split()
    divisions = lexicon_words("kinds", "divisions", fold_str)
    return " ".join(w for w in words if w not in divisions) or " ".join(words)


def latin_name(actor: Actor) -> str:
    """The actor's name in Latin letters: its own, a Latin alias the sources use, or a transliteration."""
    if script_of(actor.name) == "Latn":
        return actor.name
    latin = Counter(al.name for al in actor.aliases if script_of(al.name) == "Latn")
    if latin:
        return sorted(latin, key=lambda n: (-latin[n], n))[0]
    if script_of(actor.name) == "Arab":  # read with its long vowels, not as a consonant string
        return arabic_name_in_latin(actor.name) or actor.name
    latin = to_latin(actor.name).strip()
    # a transliteration has no capitals to keep: a name's words are capitalised
    return " ".join(w[:1].upper() + w[1:] for w in latin.split()) or actor.name
