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

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Optional

from dossier.extract import facts_memo, figures, gathering, parties, predicate_lexicon, stated, tenure
from dossier.extract.analysis import PLANNED
from dossier.extract.cues import event_info, event_spans, find_cues, is_negated, languages_for, opens_relative, \
    words_between
from dossier.extract.hedges import backshifted, hedged_text, planned, promised
from dossier.extract.reuse import Reuse
from dossier.extract.stories import (OCCURRED, Story, clause_incident, clear_caches, coming_day, incident_nouns, latin_name,  # noqa: F401
                                     noun_class, own_incident, relative_dated, stories, tells_incident, undated_day)
from dossier.extract.gathering import majority as _majority
from dossier.extract.parties import demonym_owner, in_order, state_of
from dossier.extract.statements import (AND_WORDS, assign_ids, clause_events, clause_frame, conjoined_acts, each_cue_subject,
                                        included, nominal_patient, participle_doer, passive_doer, relative_subject,
                                        state_as_patient)
from dossier.model import Actor, Claim, Document, Evidence, EvidenceCandidate
from dossier.model.records import Frame
from dossier.text import script_of, scripts_in
from dossier.text.fold import fold, fold_str
from dossier.text.lexicon import load_lexicon

@lru_cache(maxsize=None)
def _lexicon() -> dict:
    return predicate_lexicon.lexicon()


def use_project(content_dir: Optional[Path]) -> None:
    """Use the project's own predicates (content/predicates.yml) over the package's."""
    if predicate_lexicon.use_project(content_dir):
        for cached in (_lexicon, _count_events):
            cached.cache_clear()
        clear_caches()


def predicates() -> dict[str, dict]:
    return _lexicon().get("predicates") or {}


@lru_cache(maxsize=None)
def _count_events() -> dict[str, str]:
    """Counted slot (counts.yml; or a measure's, events.yml `measure`) -> the predicate it counts."""
    out = {}
    for ev, info in event_info().items():
        if info.get("count") or info.get("measure"):
            out.setdefault(info.get("count") or info["measure"], ev)
    return out


def hedged(c: EvidenceCandidate) -> bool:
    """The clause speculates or gives an opinion ("may have", "возможно", "ربما"): as found
    when it was read, else found now; an open question does not hedge an event that is one."""
    if (event_info().get(c.event or "") or {}).get("unknown"):
        return hedged_text(c.quote, c.language, c.sentence.script if c.sentence and c.sentence.script else None,
                           unknowns=False)
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
    for intent in irrealis & found - set((event_info().get(event) or {}).get("real") or ()):
        for s, e in event_spans(folded, langs, intent):
            if any(0 <= (words_between(folded, e, os_) or 0) <= 0 and os_ >= e for os_, _oe in others):
                continue  # "a planned coup": the plan is the other event's, not this one's
            # a threat or a demand reaches the event it names further on ("threatened them with up to 30 years")
            reach = (event_info().get(intent) or {}).get("reach") or 1
            for ms, me in mains:
                if s <= ms and me <= e:
                    return True  # the event named inside the demand's own words ("den Rücktritt ... gefordert")
                gap = words_between(folded, e, ms) if e <= ms else words_between(folded, me, s)
                ahead = e <= ms and c.language not in ("tr", "az")
                if gap is not None and gap <= (reach if ahead else 1):
                    return True
                if c.language == "de" and reach > 1 and me <= s and len(re.findall(r"\w+", folded[me:s])) <= 3 * reach \
                        and not re.search(r"[.;:!?]", folded[me:s]):
                    return True  # a German verb at the clause's end: "den Rücktritt des Ministers gefordert"
    return False


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
    listed: bool = False  # one of the people a list names ("X and Y were killed")


def _templates(spec, slot: str) -> list[str]:
    t = (spec or {}).get(slot)
    return [t] if isinstance(t, str) else list(t or [])


def _sole(c: EvidenceCandidate, kinds: list[str], actors: dict[str, Actor]) -> Optional[str]:
    fit = sorted({a for a in c.actors if a != c.attributed_to and a in actors and actors[a].kind in kinds})
    return fit[0] if len(fit) == 1 else None


def _settings(c: EvidenceCandidate, kinds: dict, actors: dict[str, Actor]) -> tuple[set[str], set[str]]:
    """States and places the clause names as where it happens ("in southern Ruritania",
    "nach Schweden"): never the doer; and those that are where someone goes ("will move to
    Sweden", "уедет в Швецию") or whose something is told ("Ruritania's invasion"): never the
    other party either, unless that party is a place (visited, took control of)."""
    lex = _lexicon().get("settings") or {}
    script = c.sentence.script if c.sentence and c.sentence.script else script_of(c.quote)
    folded, index = fold(c.quote)
    at: list[tuple[int, int]] = []
    to: list[tuple[int, int]] = []
    post: list[tuple[int, int]] = []
    cases: list[str] = []
    for lang in languages_for(c.language, script):
        words = lex.get(lang) or {}
        cases += [re.escape(w) for w in words.get("cases") or []]
        at += [(index[s], index[e - 1] + 1) for s, e in find_cues(words.get("at") or [], folded)]
        to += [(index[s], index[e - 1] + 1) for s, e in find_cues(words.get("to") or [], folded)]
        post += [(index[s], index[e - 1] + 1) for s, e in find_cues(words.get("after") or [], folded)]
    where: set[str] = set()
    elsewhere: set[str] = set()
    goes = "person" in (kinds.get("object") or ["person"])
    for a in c.actors:
        actor = actors.get(a)
        if actor is None or actor.kind not in ("state", "place", "other"):
            continue
        for m in actor.mentions:
            ms, me = m.start - c.start, m.end - c.start
            if m.source != c.source or not 0 <= ms < len(c.quote):
                continue
            if any(e <= ms and words_between(c.quote, e, ms) in (0, 1) for _s, e in at) \
                    or any(me <= s and words_between(c.quote, me, s) == 0 for s, _e in post) \
                    or bool(cases) and re.match(r"['’](?:%s)\b" % "|".join(cases), c.quote[me:]) is not None:
                where.add(a)
            if goes and (any(e <= ms and words_between(c.quote, e, ms) == 0 for _s, e in to)
                         or c.quote[me:me + 2] in ("'s", "’s") or c.quote[ms:me].endswith(("'s", "’s"))):
                elsewhere.add(a)
    return where, elsewhere


def _joined(c: EvidenceCandidate, first: str, second: str, actors: dict[str, Actor]) -> bool:
    """`first` is named right before `second`, joined to it by "and" ("A и B договорились")."""
    ends = [m.end - c.start for m in actors[first].mentions if m.source == c.source and c.start <= m.start < c.end]
    starts = [m.start - c.start for m in actors[second].mentions if m.source == c.source and c.start <= m.start < c.end]
    return any(0 <= s - e <= 6 and c.quote[e:s].strip().lower() in AND_WORDS for e in ends for s in starts)


def _next_to_cue(c: EvidenceCandidate, event: str, actor_id: str, actors: dict[str, Actor]) -> bool:
    """The actor is named within four words after the event's words (before them where the
    verb comes last): what "took control of" took, not a place the clause names elsewhere."""
    script = c.sentence.script if c.sentence and c.sentence.script else script_of(c.quote)
    folded, index = fold(c.quote)
    spans = [(index[s], index[e - 1] + 1) for s, e in event_spans(folded, languages_for(c.language, script), event)]
    last = c.language in ("de", "tr", "az")
    for m in actors[actor_id].mentions:
        ms, me = m.start - c.start, m.end - c.start
        if m.source == c.source and 0 <= ms < len(c.quote):
            for s, e in spans:
                gap = words_between(c.quote, me, s) if last and me <= s else (
                    words_between(c.quote, e, ms) if not last and e <= ms else None)
                if gap is not None and gap <= 4:
                    return True
    return False


def _in_cue(c: EvidenceCandidate, event: str, kinds: list[str], actors: dict[str, Actor], before: bool = True,
            inside: bool = True) -> Optional[str]:
    """The one participant of the given kinds named inside the words of the event's cue, else
    right before them (not in Arabic: verb first): the doer, even when the cue's verb made it
    the clause's source ("X claimed responsibility": "claimed" also reports)."""
    script = c.sentence.script if c.sentence and c.sentence.script else script_of(c.quote)
    folded, index = fold(c.quote)
    spans = [(index[s], index[e - 1] + 1) for s, e in event_spans(folded, languages_for(c.language, script), event)]
    found: dict[str, int] = {}
    for a in c.actors:
        if a not in actors or actors[a].kind not in kinds:
            continue
        for m in actors[a].mentions:
            ms, me = m.start - c.start, m.end - c.start
            if m.source != c.source or not 0 <= ms < len(c.quote):
                continue
            for s, e in spans:
                if inside and s <= ms and me <= e:
                    gap: Optional[int] = -1  # inside beats right before
                else:
                    gap = words_between(c.quote, me, s) if before and me <= s and c.language != "ar" else None
                if gap is not None and gap <= 3:
                    found[a] = min(found.get(a, gap), gap)
    best = sorted(found.items(), key=lambda t: (t[1], t[0]))
    return best[0][0] if best and (len(best) == 1 or best[1][1] > best[0][1]) else None


def _whose(c: EvidenceCandidate, info: dict, kinds: dict, where: set[str], subject: Optional[str],
           obj: Optional[str], actors: dict[str, Actor]) -> tuple[Optional[str], Optional[str]]:
    """"Belarusian diplomats", "diplomats of Belarus": whose they are is the other party, and
    the doer is the next participant named (events.yml `owner`); "to leave Poland": the state
    left is the doer (`host`), as is, with no doer named, the state of the one city named."""
    host = parties.named_after(c, info["host"], (kinds.get("subject") or []) + ["place"], actors) if info.get("host") else None
    host = state_of(host, actors) if host and actors[host].kind == "place" else host
    if host:
        subject, obj = host, (None if obj == host else obj)
    subject, obj = _owned(c, info, kinds, where, subject, obj, actors)
    if subject is None and info.get("host"):  # "según Varsovia, los diplomáticos disponían de 72 horas"
        hosts = {state_of(a, actors) for a in c.actors if a in actors and actors[a].kind == "place"} - {None, obj}
        subject = hosts.pop() if len(hosts) == 1 else None
    return subject, obj


def _owned(c: EvidenceCandidate, info: dict, kinds: dict, where: set[str], subject: Optional[str],
           obj: Optional[str], actors: dict[str, Actor]) -> tuple[Optional[str], Optional[str]]:
    owner = parties.owner_named(c, info.get("owner") or {}, kinds.get("object") or [], actors)
    if owner is None:
        return subject, obj
    if subject == owner or subject is None:
        # the doer: the next participant named, or a city standing for its state ("Minsk ordered ...")
        doers = kinds.get("subject") or []
        rest = [d for a in in_order(c, doers + (["place"] if "state" in doers else []), actors) if a not in where
                for d in [state_of(a, actors) if actors[a].kind == "place" else a] if d and d != owner]
        subject = rest[0] if rest else None
    return subject, owner


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
    if _intended(c):
        return []
    if hedged(c) and not promised(c):
        # hedged only by what someone said would happen ("said she would resign"): a plan, told
        # as such, of the speaker or of one the clause names; any other hedge states nothing
        # what a participle tells in passing is done, whatever the clause says will be ("a deal,
        # brokered by X, would see ..."): X mediated
        found = _read_events(c, story, actors)
        done = [i for i in found if i.slot == "yes-no" and i.value == "yes" and i.subject is not None
                and i.subject == participle_doer(c, i.predicate, actors)]
        return done + ([i for i in found if i.value == PLANNED
                        and (i.subject is None or i.subject == c.attributed_to or i.subject in c.actors)]
                       if backshifted(c) else [])
    held = [Item(("date", tenure.EVENT, person, role), c, tenure.EVENT, "date", value, subject=person, role=role,
                 story=story) for person, role, value in tenure.tenures(c, actors)]
    if held:  # "Belyaev, deputy governor since 2019, was detained": the tenure, and what else the clause tells
        found = held + _dated(c, story) + [i for i in _read_events(c, story, actors) if i.slot != "quote"]
    else:
        found = _dated(c, story) + _read_events(c, story, actors)
    return found + _nominal(c, story, actors, found)


def _nominal(c: EvidenceCandidate, story: Story, actors: dict[str, Actor], found: list[Item]) -> list[Item]:
    """What the clause takes as given of someone it names after a noun of an event ("mourning
    after the death of X": X died; predicates.yml `nominal`), beside what it states."""
    if c.stance != "affirms":
        return []
    out: list[Item] = []
    for event, spec in sorted(predicates().items()):
        if not spec.get("nominal"):
            continue
        kinds = ((event_info().get(event) or {}).get("slots") or {}).get("subject") or ["person"]
        who = nominal_patient(c, spec["nominal"], kinds, actors)
        if who is None or any(i.predicate == event and who in (i.subject, i.value) for i in found):
            continue
        out += [replace(i, value="yes") for i in _proposition(c, event, story, actors, [], True, who)
                if i.slot == "yes-no" and (i.subject == who or i.listed)]
    return out


def _dated(c: EvidenceCandidate, story: Story) -> list[Item]:
    """The day the story's incident happened, from a clause whose main event is the incident
    itself and that gives a day ("the attack began early on Monday"; predicates.yml `dated`):
    not from a toll's clause, whose day is as often the report's ("rose to 13, police said on
    Monday"), nor from one telling of another event ("an inquiry into the blast opened on Tuesday")."""
    dated = set(_lexicon().get("dated") or ())
    told = set(c.events or [c.event or ""])
    main = c.event in dated and all(e in dated or (event_info().get(e) or {}).get("attach") for e in told)
    if not main and not relative_dated(c, dated):  # "the attack, which began early on Monday, forced ..."
        return []
    if coming_day(c.quote):
        return []  # "elections on 28 June next, after the crash": a day still to come dates no incident
    day = c.date or (undated_day(c, story) if story is not None else None)  # "19 мая", undated
    if story is None or not day or len(day) != 10 or c.stance != "affirms" or not tells_incident(c, story):
        return []  # "opened an investigation into the explosion on Tuesday": the day of another event
    return [Item(("date", OCCURRED, story.number), c, OCCURRED, "date", day, story=story)]


def _read_events(c: EvidenceCandidate, story: Story, actors: dict[str, Actor]) -> list[Item]:
    found = _events_read(c, story, actors)
    if not c.values.get("term"):
        return found
    # an event of a term given one is a fact beside the main one ("declared persona non grata
    # and given 72 hours to leave": the expulsion, and the time to leave)
    made = {i.predicate for i in found}
    for ev in _clause_events(c)[1:]:
        if ev not in made and (event_info().get(ev) or {}).get("term"):
            found = found + _proposition(c, ev, story, actors, found)
    return found


def _events_read(c: EvidenceCandidate, story: Story, actors: dict[str, Actor]) -> list[Item]:
    # "killed X, Y and four others": the figure counts the named too, and each one named underwent it
    told = {slot: parties.with_listed(c, value, actors) for slot, value in c.values.items()}
    out = _counts(c, story, actors, told)
    grown = {slot for slot, value in told.items() if value != c.values[slot]}
    out += [i for ev in sorted({i.predicate for i in out}) if (event_info().get(ev) or {}).get("count") in grown
            for i in _proposition(c, ev, story, actors, []) if i.slot == "yes-no"]
    if any(i.predicate == c.event or c.event in ((predicates().get(i.predicate) or {}).get("measures") or ())
           for i in out):
        # the clause's figure is its fact ("charged with taking a bribe of 48 million": the
        # sum): its other events, and a plain yes of its own, are background; but another
        # event a figure could count, told with none, is a fact beside it ("postponed hundreds
        # of operations and moved 27 patients")
        counted = {i.predicate for i in out}
        return out + [item for ev in _clause_events(c)[1:] if ev not in counted and ev != c.event
                      and _templates(predicates().get(ev), "count") and conjoined_acts(c, ev, counted)
                      for item in _proposition(c, ev, story, actors, out)]
    # an event other than the main one speaks only of a named participant when the main event
    # makes a proposition of its own ("declined to comment on the arrest" tells of no arrest);
    # one only a figure states, told with none, makes none ("the search for the missing goes on")
    named_only = any(_templates(predicates().get(c.event or ""), slot) for slot in ("yes-no", "who"))
    denied = predicates().get("denied") or {}
    if c.stance == "denies" and ((event_info().get(c.event or "") or {}).get("class") == "blame"
                                 or (c.event or "") in (denied.get("answers") or ())) \
            and _denial_verb(c) and denied:
        # "X rejected the accusations": a denial by X, not a "no" to an accusation by X
        found = _proposition(c, "denied", story, actors, out)
        if found:
            return out + found
    events = _clause_events(c)
    for k, ev in enumerate(events):
        beside = (predicates().get(ev) or {}).get("beside")
        found = _proposition(c, ev, story, actors, out, named_only and ev != c.event and not beside)
        # whom a participle names as its doer ("the deal brokered by X") did that, not this
        if found and not (found[0].subject and any(found[0].subject == participle_doer(c, e, actors)
                                                   for e in events[k + 1:])):
            if beside:
                found += next((more for e in events[k + 1:] for more in [_proposition(c, e, story, actors, out + found)]
                               if more), [])
            return out + found + _in_passing(c, events[k + 1:], found[0], story, actors)
    return out or _quoted(c, actors)


def _in_passing(c: EvidenceCandidate, events: list[str], first: Item, story: Story, actors: dict[str, Actor]
                ) -> list[Item]:
    """What a relative clause or a participle tells of someone in passing ("X, who visited the
    site on Tuesday, promised an inquiry", "under a deal brokered by X"): a fact of its own
    about X, beside the clause's main one."""
    out: list[Item] = []
    for ev in events:
        who = relative_subject(c, ev, actors)
        doer = participle_doer(c, ev, actors) if who is None else None
        who = who or doer
        if who is None or who in (first.subject, first.object) or ev == first.predicate:
            continue
        found = _proposition(c, ev, story, actors, [first] + out, True, doer)
        out.extend(i for i in found if i.subject == who)
    return out


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
    if _DIGIT.search(quote) or c.values or not 30 <= len(quote) <= 240 or len(scripts_in(quote)) != 1:
        return []
    subject = clause_frame(c, event, actors).get("subject")  # word order, not only the first name
    if subject is None or subject in _settings(c, (event_info().get(event) or {}).get("slots") or {}, actors)[0]:
        return []
    value = "no" if c.stance == "denies" and not spec.get("negative") else "yes"
    if value == "yes" and _told_ahead(c, event):
        value = PLANNED
    return [Item(("quote", c.source, c.start, c.end), c, event, "quote", value, subject=subject)]


def _told_ahead(c: EvidenceCandidate, event: str) -> bool:
    """The clause tells `event` as still to come ("will visit", "посетит"): a plan."""
    return planned(c.quote, c.language, c.sentence.script if c.sentence else None, event)


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
                 counted: list[Item], named_only: bool = False, doer: Optional[str] = None) -> list[Item]:
    """The clause read as a proposition of `event` (a "who" or a "yes-no"), if a template fits;
    `doer`: its subject, known already."""
    preds = predicates()
    spec = preds.get(event)
    if spec is None or any(i.predicate == event for i in counted):
        return []
    subject, obj = _participants(c, event, spec, actors)
    if subject is None and obj is None and _speakers_own(c, event, actors):
        subject = c.attributed_to  # "X announced her resignation", "أعلنت X استقالتها"
    if doer is not None:
        subject, obj = doer, (None if obj == doer else obj)
    if subject is None:
        subject = _referred(c, event, story, actors)
    if subject is None and (event_info().get(event) or {}).get("frame") == "patient":
        subject = parties.whole_list(c, actors)  # "وفاة X ووزير الخارجية Y": each of them
    told = event  # the event whose cue the clause has
    if spec.get("same_as"):
        event = spec["same_as"]
        spec = preds.get(event) or {}
    if _templates(spec, "who"):
        if subject and c.stance == "affirms":
            return [Item(("who", event, story.number), c, event, "who", subject, story=story)]
        if subject or c.stance != "denies":
            return []  # "no group has claimed it" is a fact of its own: whether anyone did
    for template in _templates(spec, "yes-no"):
        if "{subject}" in template and not subject or "{object}" in template and not obj:
            continue
        if "{subject}" not in template and (subject is None and "{incident}" not in template or named_only
                                            or state_as_patient(c, event, actors)):
            continue
        s = subject if "{subject}" in template else None
        o = obj if "{object}" in template else None
        if spec.get("symmetric") and s and o and o < s:
            s, o = o, s
        story_key = story.number if "{incident}" in template else None
        own = own_incident(c, event, story) if story_key is not None else None
        # a denial predicate carries its negation in its own cue: stating it is a "yes"
        # the clause's stance is its main event's: another event not itself negated is a yes ("kaza değil, kasıtlı")
        denies = c.stance == "denies" and (told == c.event or is_negated(c.quote, c.language, c.sentence.script
                                                                          if c.sentence else None, told))
        value = "yes" if spec.get("negative") else ("no" if denies else "yes")
        term = c.values.get("term") if (event_info().get(event) or {}).get("term") else None
        if value == "yes" and not term and _told_ahead(c, told):
            value = PLANNED  # "will visit", "посетит": told as still to come, not done
        elif value == "yes" and (how := _manner(c, told) or term):
            value = how  # how: "phone call"; how long: "2 months" (its own event's)
        key = ("yes-no", event, s, o, story_key) + ((noun_class(own),) if own else ())
        listed = parties.conjoined(c, s, actors) + [a for a in each_cue_subject(c, event, actors) if a != s] \
            + included(c, s, actors) if s and o is None and (event_info().get(event) or {}).get("frame") == "patient" else []
        listed = list(dict.fromkeys(listed))  # "X and Y were killed"; "X died in the crash that killed Y"
        # "Ruritania and Sweden accused each other": each of the other
        mutual = [Item(key[:2] + (o, s) + key[4:], c, event, "yes-no", value, subject=o, object=s, story=story,
                       incident=own)] if s and o and not spec.get("symmetric") and parties.reciprocal(c) else []
        return [Item(key[:2] + (p,) + key[3:], c, event, "yes-no", value, subject=p, object=o, story=story,
                     incident=own, listed=bool(listed)) for p in [s] + listed] + mutual
    return []


def _manner(c: EvidenceCandidate, event: str) -> Optional[str]:
    """How parties communicated ("phone call"), for an event of communication only: an
    emergency meeting is held, not told by way of a meeting."""
    return c.values.get("manner") if (event_info().get(event) or {}).get("class") == "communicate" else None


def _referred(c: EvidenceCandidate, event: str, story: Story, actors: dict[str, Actor]) -> Optional[str]:
    """A participant a noun refers to, unnamed: "The company denied ..." (the story's company),
    "the death of the president" (the one person the story calls its president)."""
    info = event_info().get(event) or {}
    doers, frame = (info.get("slots") or {}).get("subject") or ["person"], info.get("frame")
    script = c.sentence.script if c.sentence and c.sentence.script else script_of(c.quote)
    folded, index = fold(c.quote)
    spans = event_spans(folded, languages_for(c.language, script), event)
    if not spans or frame not in ("agent", "patient"):
        return None
    inside = [(m.start, m.end, actors[a].kind) for a in c.actors if a in actors
              for m in actors[a].mentions if m.source == c.source and c.start <= m.start < c.end]
    found = parties.referred(c, index[spans[0][0]], story, [(s, e) for s, e, _k in inside], actors) \
        if frame == "agent" and "organization" in doers else None
    if found is None and "person" in doers:
        named = [(s, e) for s, e, kind in inside if kind == "person"]
        found = parties.titled(c, story, named, [(index[s], index[e - 1] + 1) for s, e in spans], frame == "agent")
    return found if found in actors else None


def _counts(c: EvidenceCandidate, story: Story, actors: dict[str, Actor], told: dict[str, str]) -> list[Item]:
    """The figures a clause gives (`told`: its values, a list's named counted in), one
    proposition each ("2 killed and 5 injured")."""
    out = []
    shares: set[tuple] = set()  # (predicate, figure) a share of it was read from
    counted = _count_events()
    read = [(k, v, late) for k, value in sorted(told.items())
            for v, late in figures.measures(c, _count_events().get(k), value)]  # a later quake's magnitude too
    read = [(k, v2, late, where) for k, v, late in read for v2, where in figures.placed(c, story, actors, v)]
    for slot, value, later, place in read:
        pred = counted.get(slot)
        if pred is None or not _templates(predicates().get(pred), "count") or c.stance != "affirms":
            continue
        noun = clause_incident(c, story, place)
        # an incident of its own within the story: its places are told loosely ("an
        # Azerbaijani plane", "in Kazakhstan"), its kind of event is not
        own = " in " not in noun and noun != story.incident.split(" in ")[0]
        key = ("count", pred, story.number, None if own else place, noun_class(noun) if own else noun)
        if later and not own:  # "ein weiteres Beben der Stärke 7,5": a later quake's measure
            bare = noun.split(" in ")[0]
            noun = "a later " + (bare[4:] if bare.startswith("the ") else bare)
            key = ("count", pred, story.number, place, noun)
        if (event_info().get(pred) or {}).get("shares"):
            share = _share(c, pred, value, key, noun, story, actors)
            if share is not None:
                out.append(share)
                info = event_info()[pred]
                shares.update((whole, value) for whole in [info.get("of"), *(info.get("among") or {})])
            continue
        spec = predicates().get(pred) or {}
        doer, whose = _participants(c, pred, spec, actors) if spec.get("count_by") == "subject" else (None, None)
        owner = (event_info().get(pred) or {}).get("owner")
        if doer is None and owner:  # whose diplomats they are, from the words next to them
            whose = parties.owner_named(c, owner, (event_info()[pred].get("slots") or {}).get("object") or ["state"], actors) \
                or demonym_owner(c, owner, actors) or whose
        if doer is not None:
            # a figure of what one party did (diplomats it expelled): the other party's
            # answer in kind is another fact of the same story
            key = ("count", pred, story.number, None, None, doer)
        out.append(Item(key, c, pred, "count", value, subject=doer, object=whose, place=key[3], story=story,
                        incident=None if doer else noun))
    # "four Syrian citizens were killed": the figure is the share, not the toll
    return [i for i in out if (i.predicate, i.value) not in shares]


def _share(c: EvidenceCandidate, pred: str, value: str, key: tuple, noun: str, story: Story,
           actors: dict[str, Actor]) -> Optional[Item]:
    """A share of a figure by whose citizens they were ("two of the dead were Turkish
    citizens", "بين القتلى أربعة مواطنين سوريين"): one claim per state and story; of the
    injured when the clause counts them and not the dead (events.yml `among`)."""
    info = event_info().get(pred) or {}
    events = set(c.events or ())
    if info.get("of") not in events:
        pred = next((p for told, p in sorted((info.get("among") or {}).items()) if told in events), pred)
    words = info.get("owner") or {}
    whose = parties.owner_named(c, words, ["state"], actors) or demonym_owner(c, words, actors)
    if whose is None:
        return None  # "20 civilians", "мирных граждан": no one's citizens in particular
    return Item(("count", pred, *key[2:], whose), c, pred, "count", value, object=whose, place=key[3], story=story,
                incident=noun)


def _speakers_own(c: EvidenceCandidate, event: str, actors: dict[str, Actor]) -> bool:
    """The event is the speaker's own act, and the clause names no one else who could do it."""
    info = event_info().get(event) or {}
    kinds = (info.get("slots") or {}).get("subject") or ["person"]
    return c.attributed_to in actors and actors[c.attributed_to].kind in kinds \
        and not in_order(c, kinds, actors) and parties.own_act(c, event, info)


# Long: word order first, then each fallback in the order it is tried, each needing the last's result.
def _participants(c: EvidenceCandidate, event: str, spec: dict, actors: dict[str, Actor]
                  ) -> tuple[Optional[str], Optional[str]]:
    """Who does it and to whom: from word order, else from the order names come in."""
    info = event_info().get(event) or {}
    kinds = info.get("slots") or {}
    frame = clause_frame(c, event, actors)
    where, elsewhere = _settings(c, kinds, actors)
    subject = None if frame.get("subject") in where else frame.get("subject")
    # "attacked the depot in Capitalia": where it happened is no other party, unless
    # the other party is a place one goes to or holds ("moved to Sweden", "visited Capitalia")
    destined = "place" in (kinds.get("object") or []) and "person" not in (kinds.get("object") or [])
    apart = elsewhere if destined else elsewhere | where
    obj = None if frame.get("object") in apart else frame.get("object")
    who, city = _templates(predicates().get(spec.get("same_as") or event), "who"), None
    if subject is None and info.get("frame") == "agent" and not passive_doer(c, event, actors)[0]:
        # the doer named inside the event's own words, often a group no lexicon knows: only for
        # who did it ("hat sich die Gruppe X bekannt"), elsewhere it is as often the other party
        # ("اتهم المعلقون X"); or right before them, where the doer comes first with no case ending
        before = bool(who) or c.language in ("en", "ru", "uk", "fr", "es")
        subject = _in_cue(c, event, (kinds.get("subject") or []) + ["other"], actors, before, bool(who))
        if subject is None and "state" in (kinds.get("subject") or []):
            subject = city = parties.city_doer(c, event, actors, where)
        if subject in where or not who and subject in actors and actors[subject].kind == "other" \
                and len({m.source for m in actors[subject].mentions}) < 2:
            subject = None  # a capitalised word one document writes ("the Executive") is no group to name
    if subject is None and spec.get("sole") is not False:
        if info.get("frame") == "agent":
            # word order found no subject near the verb: the first participant named is the
            # doer in every language but Arabic (verb first), the next one the other party;
            # for "who did it", a group no lexicon knows is a doer too
            every = in_order(c, (kinds.get("subject") or ["person"]) + (["other"] if who else []), actors)
            order = [a for a in every if a not in where]
            carried = [a for a in order if not any(m.source == c.source and c.start <= m.start < c.end
                                                   for m in actors[a].mentions)]
            passive, doer = passive_doer(c, event, actors)
            if passive:
                subject = doer if doer in order else None  # "X was accused by Y": Y, else no one
            elif order and (c.language != "ar" or len(every) == 1):
                subject = order[0]
            elif carried:
                subject = carried[0]  # "لكنه ..." (but he ...): the doer of the clause before
        elif info.get("frame") == "patient":
            subject = _sole(c, kinds.get("subject") or ["person"], actors)
            if subject is None and "person" in (kinds.get("subject") or ["person"]):
                # a name no lexicon or title says is a person ("Ana Silva was arrested"), written as
                # a person's is, in two words or more ("Polish authorities detained X" names no one)
                subject = _sole(c, ["person", "other"], actors)
                subject = subject if subject in actors and len(actors[subject].name.split()) > 1 else None
            subject = None if subject in where else subject  # "arrested in Białystok": where, not who
    carried = [a for a in c.actors if a in actors and actors[a].kind == "person"
               and not any(m.source == c.source and c.start <= m.start < c.end for m in actors[a].mentions)]
    if info.get("frame") == "agent" and carried and opens_relative(c.quote, c.language):
        subject, obj = carried[0], (obj if obj != carried[0] else None)  # "..., who warned X": the one before
    if subject is not None and obj is None and info.get("frame") == "agent" and frame.get("object") not in elsewhere:
        # the other party further from the verb than word order looks ("signed a trade
        # agreement with Sweden"): the next participant named after the subject
        named = (in_order(c, list(kinds.get("object") or []) + [actors[subject].kind], actors)
                 if subject in actors else [])
        at = named.index(subject) if subject in named else -1
        rest = [a for a in (named[at + 1:] if c.language != "ar" else named) if a not in apart and a != subject]
        joined = named[at - 1] if at > 0 and _joined(c, named[at - 1], subject, actors) else None
        obj = joined or (rest[0] if rest else None)
        if obj is None and "state" in (kinds.get("object") or []) and "place" not in (kinds.get("object") or []):
            obj = parties.city_object(c, event, actors, where)  # "accused Stockholm of ...": Sweden
    if subject is None and obj is None and info.get("frame") == "agent":
        # no doer named ("Veldra was taken"): the one party the event can be done to
        fit = [a for a in in_order(c, kinds.get("object") or [], actors) if a not in where | elsewhere]
        obj = fit[0] if len(fit) == 1 and _next_to_cue(c, event, fit[0], actors) else None
    if subject is None and who and spec.get("sole") is not False:
        # the claimer is often a group no lexicon knows (its kind unknown): still the answer
        named = in_order(c, (kinds.get("subject") or []) + ["other"], actors)
        subject = named[0] if named else None
    if subject is None and who and spec.get("sole") is not False and c.attributed_to in actors \
            and actors[c.attributed_to].kind in (kinds.get("subject") or ["organization"]):
        subject = c.attributed_to  # "X claimed responsibility": the claimer is the answer, not a relay
    if spec.get("against"):
        subject = parties.named_after(c, spec["against"], kinds.get("subject") or ["person"], actors)
    subject, obj = _whose(c, info, kinds, where, subject, obj, actors)
    subject = subject if city else parties.person_after(c, subject, kinds.get("subject") or [], actors)  # a city's state: no title
    obj = parties.person_after(c, obj, kinds.get("object") or [], actors)
    if "state" in (kinds.get("subject") or []):
        subject = state_of(subject, actors) or subject  # a ministry speaks for its state
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
    document's `incident_nouns`, when already counted; `memo`: where each document's clause
    readings and stated facts are kept."""
    story_of = stories(docs, actors, told)
    parties.referents(docs, story_of, actors)  # "the company" of each story
    parties.clear()  # a table of another run may have had this one's id
    fallback = Story(number=-1)
    groups: dict[tuple, list[Item]] = {}
    seen: set[tuple] = set()
    ordered = sorted(candidates, key=lambda c: (c.source, c.start, c.end, c.event or ""))
    for c, found in zip(ordered, facts_memo.readings(ordered, story_of, fallback, actors, read, memo)):
        for item in found:
            span = (c.source, c.start, c.end, item.key)
            if span not in seen:
                seen.add(span)
                groups.setdefault(item.key, []).append(item)
    gathering.absorb(groups, predicates(), actors)  # clauses of one fact read under two keys: one claim
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
                         stance="affirms" if negative or first.slot == "yes-no" and i.value != "no" else i.cand.stance,
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
