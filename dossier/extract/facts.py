"""Facts: evidence grouped by what it asserts, not by how it is worded.

A claim is a proposition with one open slot (dossier/lexicons/predicates.yml): the death
toll of a story's incident, whether a person was detained, who claimed responsibility. Each
evidence clause is read into such a proposition and the value it gives; clauses with the
same proposition are one claim, whatever their language, wording, spelling or value, so a
disagreement between sources shows as different values on one claim.

Only check-worthy clauses become evidence: a predicate of the lexicon with a participant
or a story to be about, and no hedge (speculation, opinion). The rest stays readable in the
source's text. Grouping is by key, so the number of claims follows the number of facts,
not of documents.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

from dossier.extract import predicate_lexicon, stated
from dossier.extract.cues import (detect_events, event_info, event_spans, find_cues, languages_for,
                                  words_between)
from dossier.extract.hedges import hedged_text
from dossier.extract.reuse import Reuse
from dossier.extract.statements import assign_ids, clause_events, clause_frame
from dossier.model import Actor, Claim, Document, Evidence, EvidenceCandidate
from dossier.model.records import Frame
from dossier.text import script_of, to_latin
from dossier.text.romanize import arabic_name_in_latin
from dossier.text.fold import fold_str
from dossier.text.languages import LEXICON_SCRIPTS
from dossier.text.lexicon import load_lexicon

#: Actor kinds that can be where something happened.
PLACE_KINDS = ("place", "state")
#: How alike a document must be to a story (cosine of weighted actors and incident noun) to join it.
STORY_JOIN = 0.15


@lru_cache(maxsize=None)
def _lexicon() -> dict:
    return predicate_lexicon.lexicon()


def use_project(content_dir: Optional[Path]) -> None:
    """Use the project's own predicates (content/predicates.yml) over the package's."""
    if predicate_lexicon.use_project(content_dir):
        for cached in (_lexicon, _incident_cues, _noun_class, _weak_nouns, _count_events):
            cached.cache_clear()


def predicates() -> dict[str, dict]:
    return _lexicon().get("predicates") or {}


@lru_cache(maxsize=None)
def _count_events() -> dict[str, str]:
    """Counted slot (counts.yml) -> the predicate it counts."""
    out = {}
    for ev, info in event_info().items():
        if info.get("count"):
            out.setdefault(info["count"], ev)
    return out


def hedged(c: EvidenceCandidate) -> bool:
    """The clause speculates or gives an opinion ("may have", "возможно", "ربما"): as found
    when it was read, else found now."""
    if c.hedged is not None:
        return c.hedged
    return hedged_text(c.quote, c.language, c.sentence.script if c.sentence and c.sentence.script else None)


def _intended(c: EvidenceCandidate) -> bool:
    """The clause tells of an intention, not a fact: an intention word right next to the
    predicate ("planned to arrest 40 people", "tutuklamayı planladı")."""
    irrealis = set(_lexicon().get("irrealis") or ())
    event = c.event or ""
    if not irrealis or event in irrealis:
        return False
    script = c.sentence.script if c.sentence and c.sentence.script else script_of(c.quote)
    langs = languages_for(c.language, script)
    folded = fold_str(c.quote)
    if not any(event_spans(folded, langs, intent) for intent in sorted(irrealis)):
        return False  # no intention word at all (the common case: the checks below cost more)
    mains = event_spans(folded, langs, event)
    found = set(clause_events(c, script))
    others = [sp for ev in found - irrealis - {event} for sp in event_spans(folded, langs, ev)]
    for intent in irrealis & found:
        for s, e in event_spans(folded, langs, intent):
            if any(0 <= (words_between(folded, e, os_) or 0) <= 0 and os_ >= e for os_, _oe in others):
                continue  # "a planned coup": the plan is the other event's, not this one's
            for ms, me in mains:
                gap = words_between(folded, e, ms) if e <= ms else words_between(folded, me, s)
                if gap is not None and gap <= 1:
                    return True
    return False


# ---------------------------------------------------------------------------------------
# Stories: which documents tell of the same incident
# ---------------------------------------------------------------------------------------

@dataclass
class Story:
    number: int
    features: Counter = field(default_factory=Counter)
    nouns: Counter = field(default_factory=Counter)  # each document's main incident
    told: Counter = field(default_factory=Counter)  # every incident its documents name

    def norm(self) -> float:
        return math.sqrt(sum(v * v for v in self.features.values())) or 1.0
    places: Counter = field(default_factory=Counter)
    incident: str = "the incident"
    place: Optional[str] = None


@lru_cache(maxsize=None)
def _incident_cues(script: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    langs = set(LEXICON_SCRIPTS.get(script, ())) | ({"uk"} if script == "Cyrl" else set())
    out = []
    for entry in _lexicon().get("incidents") or []:
        cues = tuple(c for lang, cs in (entry.get("cues") or {}).items() if lang in langs for c in cs)
        out.append((entry["noun"], cues))
    return tuple(out)


@lru_cache(maxsize=None)
def _noun_class(noun: str) -> str:
    for entry in _lexicon().get("incidents") or []:
        if entry["noun"] == noun:
            return entry.get("class") or noun
    return noun


def incident_nouns(doc: Document) -> Counter:
    """How often a document names each kind of incident (its title counts thrice)."""
    return _nouns(doc.text[:20000], doc.source.title or "")


def _nouns(text: str, title: str = "") -> Counter:
    folded, title = fold_str(text), fold_str(title)
    out: Counter = Counter()
    for noun, cues in _incident_cues(script_of(text)):
        n = len(find_cues(cues, folded)) + 2 * len(find_cues(cues, title))
        if n:
            out[noun] = n
    return out


@lru_cache(maxsize=None)
def _weak_nouns() -> frozenset[str]:
    return frozenset(e["noun"] for e in _lexicon().get("incidents") or [] if e.get("weak"))


def _top(counts: Counter) -> Optional[str]:
    """The commonest, a weak noun only when there is no other; on a tie, the one listed
    first (the more specific)."""
    order = {noun: i for i, (noun, _c) in enumerate(_incident_cues("Latn"))}
    weak = _weak_nouns()
    return min(counts, key=lambda k: (k in weak, -counts[k], order.get(k, 99), k)) if counts else None


def _noun(text: str) -> Optional[str]:
    return _top(_nouns(text))


def clause_incident(c: EvidenceCandidate, story: Story, place: Optional[str]) -> str:
    """The incident a figure belongs to: the story's, unless its sentence names another
    incident that few of the story's documents tell of ("38 died when the plane was shot
    down", in a story about a coup)."""
    noun = _noun(c.sentence.text if c.sentence else c.quote)
    common = max(2, sum(story.nouns.values()) // 4)
    if noun is None or noun in story.incident or story.nouns.get(noun, 0) >= common:
        return story.incident.split(" in ")[0] if place != story.place else story.incident
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
    df: Counter = Counter(a for c in named.values() for a in c)
    n = max(1, len(docs))
    out: dict[str, Story] = {}
    found: list[Story] = []
    for doc in sorted(docs, key=lambda d: d.source.id):
        named_here = told.get(doc.source.id) if told else None
        named_here = incident_nouns(doc) if named_here is None else named_here
        noun = _top(named_here)
        counts = named[doc.source.id]
        places = {a for a in counts if actors[a].kind in PLACE_KINDS}
        vec = {a: (1 + math.log(k)) * math.log(1 + n / df[a]) for a, k in counts.items()}
        if noun:
            vec[f"noun:{_noun_class(noun)}"] = sum(vec.values()) / len(vec) if vec else 1.0
        story = _closest(noun, vec, found)
        if story is None:
            story = Story(number=len(found))
            found.append(story)
        story.features.update(vec)
        story.told.update(named_here)
        if noun:
            story.nouns[noun] += 1
        for a in places:
            story.places[a] += 1
        out[doc.source.id] = story
    for story in found:
        story.incident, story.place = _incident(story, actors)
    # stories told of one kind of incident in one place are one story: the greedy pass met
    # their first documents before the documents that tie them together
    first: dict[tuple, Story] = {}
    merged: dict[int, Story] = {}
    for story in found:
        noun = _top(story.nouns)
        if noun is None or story.place is None or noun in _weak_nouns():
            continue
        key = (_noun_class(noun), story.place)
        into = first.setdefault(key, story)
        if into is not story:
            into.features.update(story.features)
            into.nouns.update(story.nouns)
            into.told.update(story.told)
            into.places.update(story.places)
            merged[story.number] = into
    if merged:
        for sid, story in out.items():
            out[sid] = merged.get(story.number, story)
        for story in {id(s): s for s in out.values()}.values():
            story.incident, story.place = _incident(story, actors)
    return out


def _closest(noun: Optional[str], vec: dict[str, float], found: list[Story]) -> Optional[Story]:
    """The story most alike (cosine of weighted participants, places and incident noun),
    if alike enough; a story whose documents never name the document's incident counts half."""
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    best, best_score = None, STORY_JOIN
    for story in found:
        feats = story.features
        dot = sum(v * feats.get(f, 0.0) for f, v in vec.items())
        if not dot:
            continue
        score = dot / (norm * story.norm())
        if noun and story.told and not any(_noun_class(k) == _noun_class(noun) for k in story.told):
            score /= 2
        if score > best_score:
            best, best_score = story, score
    return best


def _incident(story: Story, actors: dict[str, Actor]) -> tuple[str, Optional[str]]:
    noun = sorted(story.nouns, key=lambda k: (-story.nouns[k], k))[0] if story.nouns else "the incident"
    ranked = sorted(story.places, key=lambda a: (-story.places[a], actors[a].kind != "place", a))
    # a city named in most of the story's documents says more than its country
    cities = [a for a in ranked if actors[a].kind == "place" and 3 * story.places[a] >= story.places[ranked[0]]]
    place = cities[0] if cities else (ranked[0] if ranked else None)
    return (f"{noun} in {latin_name(actors[place])}" if place else noun), place


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


# ---------------------------------------------------------------------------------------
# Reading a clause as propositions
# ---------------------------------------------------------------------------------------

@dataclass
class Item:
    """One clause read as one proposition, with the value it gives."""
    key: tuple
    cand: EvidenceCandidate
    predicate: str
    slot: str
    value: Optional[str]
    subject: Optional[str] = None
    object: Optional[str] = None
    place: Optional[str] = None
    story: Optional[Story] = None
    role: Optional[str] = None
    incident: Optional[str] = None  # a figure's own incident noun phrase


def _templates(spec, slot: str) -> list[str]:
    t = (spec or {}).get(slot)
    return [t] if isinstance(t, str) else list(t or [])


def _sole(c: EvidenceCandidate, kinds: list[str], actors: dict[str, Actor]) -> Optional[str]:
    fit = sorted({a for a in c.actors if a != c.attributed_to and a in actors and actors[a].kind in kinds})
    return fit[0] if len(fit) == 1 else None


def _place(c: EvidenceCandidate, story: Story, actors: dict[str, Actor]) -> Optional[str]:
    """Where a figure was counted: the story's place, unless the clause names a city few of
    the story's documents name (a second blast elsewhere). Countries named in a clause are
    mostly nationalities and origins ("an Azerbaijani plane"), so they never split a story."""
    most = max(story.places.values()) if story.places else 0
    here = sorted(a for a in c.actors if a in actors and actors[a].kind == "place" and a != c.attributed_to
                  and a != story.place and 4 * story.places.get(a, 0) < most)
    return here[0] if here else story.place


def _in_order(c: EvidenceCandidate, kinds: list[str], actors: dict[str, Actor]) -> list[str]:
    """The clause's participants of the given kinds in the order it names them; people a
    clause carries over from the one before ("..., but did not admit it") come first."""
    pos: dict[str, int] = {}
    for a in c.actors:
        actor = actors.get(a)
        if actor is None or a == c.attributed_to or actor.kind not in kinds:
            continue
        inside = [m.start for m in actor.mentions if m.source == c.source and c.start <= m.start < c.end]
        pos[a] = min(inside) if inside else -1
    listed = {a: i for i, a in enumerate(c.actors)}  # carried-over people keep the order they were named in
    return sorted(pos, key=lambda a: (pos[a], listed[a]))


def _person_after(c: EvidenceCandidate, obj: Optional[str], kinds: list[str], actors: dict[str, Actor]
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


def read(c: EvidenceCandidate, story: Story, actors: dict[str, Actor]) -> list[Item]:
    """The propositions a check-worthy clause states (none for a hedged or weak one): its
    figures, and one proposition of its main event, else of the first other event it states
    that makes one ("opened an investigation into the sinking": the sinking is its topic)."""
    event = c.event or ""
    if event.startswith("role:"):
        subject = c.actors[0] if c.actors else None
        if subject is None:
            return []
        return [Item(("role", event, subject), c, "role", "role", c.values.get("role"), subject=subject,
                     role=event[5:])]
    if hedged(c) or _intended(c):
        return []
    out = _counts(c, story, actors)
    # an event other than the main one speaks only of a named participant when the main event
    # has a predicate ("declined to comment on the arrest" tells of no arrest of its own)
    named_only = (c.event or "") in predicates()
    if c.stance == "denies" and (event_info().get(c.event or "") or {}).get("class") == "blame" \
            and _denial_verb(c) and "denied" in predicates():
        # "X rejected the accusations": a denial by X, not a "no" to an accusation by X
        found = _proposition(c, "denied", story, actors, out)
        if found:
            return out + found
    for ev in _clause_events(c):
        found = _proposition(c, ev, story, actors, out, named_only and ev != c.event)
        if found:
            return out + found
    return out or _quoted(c, actors)


#: Digits or a number word: a statement quoted from a source must not carry a value.
_DIGIT = re.compile(r"\d")


def _quoted(c: EvidenceCandidate, actors: dict[str, Actor]) -> list[Item]:
    """A check-worthy clause no statement of the lexicon fits: a factual predicate (the main
    event has one) with a participant doing it. Its statement is the quote itself, in one
    script and with no figure in it; a clause that makes any other claim never gets one."""
    event = c.event or ""
    spec = predicates().get(event)
    if spec is None or spec.get("same_as") or (event_info().get(event) or {}).get("weak") \
            or c.attributed_to is None and c.stance != "affirms":
        return []
    quote = c.quote.strip()
    if _DIGIT.search(quote) or c.values or not 30 <= len(quote) <= 240 or len(_scripts(quote)) != 1:
        return []
    subject = clause_frame(c, event, actors).get("subject")  # word order, not only the first name
    if subject is None:
        return []
    value = "no" if c.stance == "denies" and not spec.get("negative") else "yes"
    return [Item(("quote", c.source, c.start, c.end), c, event, "quote", value, subject=subject)]


def _scripts(text: str) -> set[str]:
    """The scripts of a text's letters (Latin, Cyrillic, Arabic ...)."""
    return {script_of(w) for w in re.findall(r"[^\W\d_]{2,}", text)}


def _denial_verb(c: EvidenceCandidate) -> bool:
    """The clause is negated by a verb of denial (negation.yml `denial`), not by a plain "not"."""
    script = c.sentence.script if c.sentence and c.sentence.script else script_of(c.quote)
    folded = fold_str(c.quote)
    return any(find_cues((load_lexicon("negation").get(lang) or {}).get("denial") or [], folded)
               for lang in languages_for(c.language, script))


def _clause_events(c: EvidenceCandidate) -> list[str]:
    """The clause's events that may make a proposition, its main event first, then the
    others in lexicon order; vague ones (relations, plans) never do."""
    skip = set(_lexicon().get("irrealis") or ())
    script = c.sentence.script if c.sentence and c.sentence.script else script_of(c.quote)
    found = [c.event or ""] + [e for e in clause_events(c, script) if e != c.event]
    return [e for e in found if e in predicates() and e not in skip and not (event_info().get(e) or {}).get("weak")]


def _proposition(c: EvidenceCandidate, event: str, story: Story, actors: dict[str, Actor],
                 counted: list[Item], named_only: bool = False) -> list[Item]:
    """The clause read as a proposition of `event` (a "who" or a "yes-no"), if a template fits."""
    preds = predicates()
    spec = preds.get(event)
    if spec is None or any(i.predicate == event for i in counted):
        return []
    subject, obj = _participants(c, event, spec, actors)
    if spec.get("same_as"):
        event = spec["same_as"]
        spec = preds.get(event) or {}
    if _templates(spec, "who"):
        if subject and c.stance == "affirms":
            return [Item(("who", event, story.number), c, event, "who", subject, story=story)]
        return []
    for template in _templates(spec, "yes-no"):
        if "{subject}" in template and not subject or "{object}" in template and not obj:
            continue
        if "{subject}" not in template and (subject is None and "{incident}" not in template or named_only
                                            or _state_as_patient(c, event, actors)):
            continue
        s = subject if "{subject}" in template else None
        o = obj if "{object}" in template else None
        if spec.get("symmetric") and s and o and o < s:
            s, o = o, s
        story_key = story.number if "{incident}" in template else None
        # a denial predicate carries its negation in its own cue: stating it is a "yes"
        value = "yes" if spec.get("negative") else ("no" if c.stance == "denies" else "yes")
        if value == "yes" and c.values.get("manner"):
            value = c.values["manner"]  # how: "phone call", "meeting" (a detail of the yes)
        return [Item(("yes-no", event, s, o, story_key), c, event, "yes-no", value, subject=s, object=o,
                     story=story)]
    return []


def _state_as_patient(c: EvidenceCandidate, event: str, actors: dict[str, Actor]) -> bool:
    """A clause that tells what happened to a state and no person ("Ruritania was detained"):
    a misreading, not a fact of the story."""
    if (event_info().get(event) or {}).get("frame") != "patient":
        return False
    kinds = {actors[a].kind for a in c.actors if a in actors and a != c.attributed_to}
    return "state" in kinds and "person" not in kinds


def _counts(c: EvidenceCandidate, story: Story, actors: dict[str, Actor]) -> list[Item]:
    """The figures a clause gives, one proposition each ("2 killed and 5 injured")."""
    out = []
    counted = _count_events()
    for slot, value in sorted(c.values.items()):
        pred = counted.get(slot)
        if pred is None or not _templates(predicates().get(pred), "count") or c.stance != "affirms":
            continue
        place = _place(c, story, actors)
        noun = clause_incident(c, story, place)
        # an incident of its own within the story: its places are told loosely ("an
        # Azerbaijani plane", "in Kazakhstan"), its kind of event is not
        own = " in " not in noun and noun != story.incident.split(" in ")[0]
        key = ("count", pred, story.number, None if own else place, _noun_class(noun) if own else noun)
        out.append(Item(key, c, pred, "count", value, place=key[3], story=story, incident=noun))
    return out


def _participants(c: EvidenceCandidate, event: str, spec: dict, actors: dict[str, Actor]
                  ) -> tuple[Optional[str], Optional[str]]:
    """Who does it and to whom: from word order, else from the order names come in."""
    info = event_info().get(event) or {}
    kinds = info.get("slots") or {}
    frame = clause_frame(c, event, actors)
    subject, obj = frame.get("subject"), frame.get("object")
    who = _templates(predicates().get(spec.get("same_as") or event), "who")
    if subject is None and spec.get("sole") is not False:
        if info.get("frame") == "agent":
            # word order found no subject near the verb: the first participant named is the
            # doer in every language but Arabic (verb first), the next one the other party
            order = _in_order(c, kinds.get("subject") or ["person"], actors)
            carried = [a for a in order if not any(m.source == c.source and c.start <= m.start < c.end
                                                   for m in actors[a].mentions)]
            if order and (c.language != "ar" or len(order) == 1):
                subject = order[0]
            elif carried:
                subject = carried[0]  # "لكنه ..." (but he ...): the doer of the clause before
        elif info.get("frame") == "patient":
            subject = _sole(c, kinds.get("subject") or ["person"], actors)
            if subject is None and "person" in (kinds.get("subject") or ["person"]):
                # a name no lexicon or title says is a person ("Ana Silva was arrested")
                subject = _sole(c, ["person", "other"], actors)
    if subject is not None and obj is None and info.get("frame") == "agent":
        # the other party further from the verb than word order looks ("signed a trade
        # agreement with Sweden"): the next participant named after the subject
        rest = [a for a in _in_order(c, kinds.get("object") or [], actors) if a != subject]
        obj = rest[0] if rest else None
    if subject is None and who:
        # the claimer is often a group no lexicon knows (its kind unknown): still the answer
        named = _in_order(c, (kinds.get("subject") or []) + ["other"], actors)
        subject = named[0] if named else None
    if subject is None and who and c.attributed_to in actors \
            and actors[c.attributed_to].kind in (kinds.get("subject") or ["organization"]):
        subject = c.attributed_to  # "X claimed responsibility": the claimer is the answer, not a relay
    subject = _person_after(c, subject, kinds.get("subject") or [], actors)
    obj = _person_after(c, obj, kinds.get("object") or [], actors)
    if obj is not None and subject is not None and obj in actors and subject in actors and (
            getattr(actors[subject], "state", None) == obj or getattr(actors[obj], "state", None) == subject):
        obj = None  # an organisation and its own state are one party ("the Kremlin" and Russia)
    return subject, (None if obj == subject else obj)


# ---------------------------------------------------------------------------------------
# Claims
# ---------------------------------------------------------------------------------------

def group(candidates: list[EvidenceCandidate], existing: list[Claim], actors: dict[str, Actor],
          docs: list[Document], told: Optional[dict[str, Counter]] = None, memo: Optional[Reuse] = None
          ) -> list[Claim]:
    """Claims from evidence candidates, one per proposition (sorted by id); `told`: each
    document's `incident_nouns`, when already counted; `memo`: where stated facts keep each
    document's reading."""
    story_of = stories(docs, actors, told)
    fallback = Story(number=-1)
    groups: dict[tuple, list[Item]] = {}
    seen: set[tuple] = set()
    for c in sorted(candidates, key=lambda c: (c.source, c.start, c.end, c.event or "")):
        for item in read(c, story_of.get(c.source, fallback), actors):
            span = (c.source, c.start, c.end, item.key)
            if span not in seen:
                seen.add(span)
                groups.setdefault(item.key, []).append(item)
    _absorb(groups)
    _absorb_unnamed(groups)
    claims = []
    for key in sorted(groups, key=repr):
        items = groups[key]
        if key[0] == "role" and len({i.value for i in items}) < 2:
            continue  # an uncontested title is not a fact worth a claim
        claims.append(make_claim(items, actors))
    # facts no frame fits that two documents of a story state: quoted, with figures blanked
    claims.extend(stated.claims(docs, actors, story_of, claims, memo))
    assign_ids(claims, existing)
    old = {c.id: c for c in existing}
    stated.keep_statements(claims, old)
    for claim in claims:
        prev = old.get(claim.id)
        # a statement, once written, stays: adding a document never rewords a claim
        if prev is not None and prev.frame is not None and claim.frame is not None \
                and (prev.frame.predicate, prev.frame.slot) == (claim.frame.predicate, claim.frame.slot) \
                and prev.statement_from == "template":
            claim.statement = prev.statement
    return sorted(claims, key=lambda c: c.id)


def _absorb(groups: dict[tuple, list[Item]]) -> None:
    """Fold a yes-no group into a larger one of the same predicate when every one of its
    clauses names that group's participants too: word order picked the wrong one of the
    actors a clause names ("warned Azerbaijan" in "warned the president of Azerbaijan, Aliyev")."""
    by_event: dict[tuple, list[tuple]] = {}
    for key in groups:
        if key[0] == "yes-no":
            by_event.setdefault(key[1], []).append(key)
    for keys in by_event.values():
        keys.sort(key=lambda k: (-len(groups[k]), repr(k)))
        for small in reversed(keys):
            for big in keys:
                if big == small or big not in groups or small not in groups or big[2] is None \
                        or len(groups[big]) < len(groups[small]) or (len(groups[big]), repr(big)) == (len(groups[small]), repr(small)):
                    continue
                need = {a for a in big[2:4] if a}
                if all(need <= set(it.cand.actors) for it in groups[small]):
                    groups[big].extend(groups.pop(small))
                    break


def _absorb_unnamed(groups: dict[tuple, list[Item]]) -> None:
    """Fold a story's yes-no group that names no participant ("an investigation was opened
    into the sinking") into the one group of that predicate and story that does: the
    clause's participant went unnamed (a pronoun, a title), the fact is the same."""
    named: dict[tuple, list[tuple]] = {}
    for key, items in groups.items():
        if key[0] == "yes-no" and key[2] is not None:
            for story in {key[4]} if key[4] is not None else {i.story.number for i in items if i.story}:
                named.setdefault((key[1], story), []).append(key)
    for key in sorted((k for k in groups if k[0] == "yes-no" and k[4] is not None and k[2] is None), key=repr):
        into = named.get((key[1], key[4])) or []
        if len(into) == 1:
            groups[into[0]].extend(groups.pop(key))


def _majority(values: list[Optional[str]]) -> Optional[str]:
    seen = Counter(v for v in values if v)
    return sorted(seen, key=lambda v: (-seen[v], v))[0] if seen else None


def make_claim(items: list[Item], actors: dict[str, Actor]) -> Claim:
    first = items[0]
    subject = _majority([i.subject for i in items])
    obj = _majority([i.object for i in items])
    place = _majority([i.place for i in items])
    story = first.story
    names = {"subject": subject, "object": obj}
    slots = {k: latin_name(actors[v]) for k, v in names.items() if v and v in actors}
    slots["incident"] = first.incident or (story.incident if story else "the incident")
    if first.incident and " in " not in first.incident and place and place in actors:
        slots["incident"] = f"{first.incident} in {latin_name(actors[place])}"
    if first.role:
        slots["role"] = first.role
    spec = predicates().get(first.predicate) or {}
    if first.slot == "quote":
        return _quote_claim(first, actors)
    templates = (_templates(_lexicon().get("roles"), "role") if first.slot == "role"
                 else _templates(spec, first.slot))
    chosen = next((t for t in templates
                   if all(f"{{{k}}}" not in t or slots.get(k) for k in ("subject", "object", "role"))), None)
    statement = chosen.format(**slots) if chosen else first.predicate
    # a denial predicate's cue is itself negative: its sources affirm that the denial was made
    negative = bool(spec.get("negative")) and first.slot == "yes-no"
    evidence = [Evidence(source=i.cand.source, quote=i.cand.quote, start=i.cand.start, end=i.cand.end,
                         language=i.cand.language, attributed_to=i.cand.attributed_to,
                         stance="affirms" if negative else i.cand.stance,
                         value=i.value, date=i.cand.date)
                for i in sorted(items, key=lambda i: (i.cand.source, i.cand.start, i.cand.end))]
    who = {i.value for i in items if i.slot == "who" and i.value in actors}
    taking_part = sorted({a for a in (subject, obj, place) if a} | who)
    frame = Frame(predicate=first.predicate, slot=first.slot, subject=subject, object=obj, place=place,
                  incident=slots["incident"] if chosen and "{incident}" in chosen else None,
                  role=first.role)
    return Claim(id="", statement=statement[0].upper() + statement[1:], frame=frame, actors=taking_part,
                 evidence=evidence)


def _quote_claim(item: Item, actors: dict[str, Actor]) -> Claim:
    """A claim whose statement is its one clause as the source wrote it (`statement_from: quote`)."""
    c = item.cand
    evidence = [Evidence(source=c.source, quote=c.quote, start=c.start, end=c.end, language=c.language,
                         attributed_to=c.attributed_to, stance=c.stance, value=item.value, date=c.date)]
    frame = Frame(predicate=item.predicate, slot="yes-no", subject=item.subject)
    return Claim(id="", statement=c.quote.strip(), statement_from="quote", frame=frame,
                 actors=[item.subject] if item.subject else [], evidence=evidence)
