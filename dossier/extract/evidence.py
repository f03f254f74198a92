"""Evidence: the clauses of one document that state a fact, and the roles its sources give actors.

`find_evidence` keeps prose sentences, splits a sentence where two separate facts are joined,
and reads from the cues (`dossier.extract.cues`) who each clause is attributed to, whether it
is denied, which event it states, what numbers it gives and when. It reads one document
(and which of its mentions share an actor) only, so its result can be kept per document.
`role_claims` turns the titles sources give actors into evidence for "X was <role>" claims.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Optional

from dossier.extract import tenure
from dossier.extract.cues import (TOKEN_RX, attribution, detect_events, event_info, event_spans, extract_counts,
                                  extract_manner, find_cues, is_negated, languages_for, main_event, number_words,
                                  numbers_in, opens_relative, reporting_spans, split_clauses)
from dossier.extract.dates import find_dates, unresolved
from dossier.extract.hedges import hedged_text
from dossier.extract.gazetteer import role_key
from dossier.extract.units import area_of, magnitudes_of, term_of
from dossier.text.fold import fold, fold_case, fold_str
from dossier.text.lexicon import load_lexicon
from dossier.model import Actor, Document, EvidenceCandidate, MentionCandidate, Sentence
from dossier.text import script_of


# ---------------------------------------------------------------------------------------
# Finding evidence
# ---------------------------------------------------------------------------------------

def _is_question(text: str) -> bool:
    return text.rstrip(" \"'”»)").endswith(("?", "؟"))


def _values(quote: str, language: Optional[str], script: str, main: str, events: list[str]) -> dict[str, str]:
    """The clause's slots: its figures, how parties communicated, a term of custody."""
    values = extract_counts(quote, language, script)
    values.update(_counted_noun(quote, language, script, main, values))
    if _communicates(events):
        manner = extract_manner(quote, language, script)
        if manner:
            values["manner"] = manner
    if "magnitude" in events:
        folded = fold_str(quote)
        magnitudes = magnitudes_of(folded, event_spans(folded, languages_for(language, script), "magnitude"))
        if magnitudes:
            values["magnitude"] = magnitudes[0][1]  # "a 7.8-magnitude tremor": a measure with its decimal
    if any((event_info().get(e) or {}).get("measure") == "area" for e in events):
        area = area_of(fold_str(quote))
        if area:
            values["area"] = area[0]  # "600 km2 were flooded": square kilometres, not 600 homes
            values = {k: v for k, v in values.items() if k == "area" or not v.isdigit() or float(v) != area[1]}
    if any((event_info().get(e) or {}).get("term") for e in events):
        term = term_of(fold_str(quote), number_words(languages_for(language, script)))
        if term:
            values["term"] = term  # "placed in pre-trial detention for two months"
    return values


def _communicates(events: list[str]) -> bool:
    info = event_info()
    return any(info[e].get("class") == "communicate" for e in events)


def _reported_part(text: str, language: Optional[str], script: str) -> str:
    """The reported content of "X reported on Thursday that ...": the date of the report is
    not the date of the event it reports."""
    folded, index = fold(text)
    langs = languages_for(language, script)
    comps = reporting_spans("complementizers", folded, langs)
    for _s, e in reporting_spans("verbs", folded, langs):
        for cs, ce in comps:
            if cs >= e and len(TOKEN_RX.findall(folded[e:cs])) <= 3:
                return text[index[ce - 1] + 1:] if ce - 1 < len(index) else text
    return text


def _date_of(text: str, language: Optional[str], reference: Optional[str]) -> Optional[str]:
    try:
        found = find_dates(text, language, reference)
    except Exception:  # a date we cannot read never stops extraction
        return None
    return found[0][2] if found else None


def _referents(folded: str) -> list[tuple[str, int]]:
    """(referent noun class, position) for every "newspaper"/"agency"/... noun in folded text."""
    lex = load_lexicon("reporting").get("referents") or {}
    return sorted(((noun, s) for noun in sorted(lex) for s, _ in find_cues(lex[noun] or [], folded)),
                  key=lambda x: x[1])


def _referent_near(text: str, sent: Sentence, m: MentionCandidate) -> Optional[str]:
    """The kind of outlet a mention names, from the noun right next to it ("Agentur APA")."""
    lo = max(sent.start, m.start - 40)
    hi = min(sent.end, m.end + 25)
    folded, _ = fold(text[lo:hi])
    anchor = m.start - lo
    found = _referents(folded)
    if not found:
        return None
    return min(found, key=lambda x: (abs(x[1] - anchor), x[0]))[0]


def date_notes(doc: Document, found: list[EvidenceCandidate]) -> list[str]:
    """Notes for `Source.notes`: relative dates in evidence that the document's stated
    publication date cannot resolve ("on Thursday" with no date, or only a year)."""
    why = "the document states no publication date" if not doc.source.published else \
        f"the publication date is stated only as {doc.source.published}"
    spans: dict[tuple[int, int], str] = {}
    for c in found:
        try:
            for s, e, surface in unresolved(c.quote, c.language, doc.source.published):
                spans[(c.start + s, c.start + e)] = surface
        except Exception:  # a date we cannot read never stops extraction
            continue
    return [f'date "{surface}" at {s}-{e} left unresolved: {why}'
            for (s, e), surface in sorted(spans.items())]


def find_evidence(doc: Document, mentions: list[tuple[MentionCandidate, str]]) -> list[EvidenceCandidate]:
    """The clauses of `doc` that state an event or a state, as evidence candidates.

    `mentions` are the document's name mentions paired with their resolved actor ids.
    """
    ms = sorted(mentions, key=lambda ma: (ma[0].start, ma[0].end, ma[1]))
    text = doc.text
    seen_lines = Counter(s.text for s in doc.sentences)
    out: list[EvidenceCandidate] = []
    last_source: Optional[str] = None  # for "according to the report"
    last_by_noun: dict[str, str] = {}  # for "the newspaper said": referent noun -> actor id
    last_people: list[str] = []  # the people the last sentence naming any named, for "He was detained"
    for sent in sorted(doc.sentences, key=lambda s: (s.start, s.end)):
        inside = [(m, a) for m, a in ms if m.start >= sent.start and m.end <= sent.end]
        named_before = last_people
        last_people = [a for m, a in inside if m.kind == "person"] or last_people
        # Remember the last outlet named, even in sentences that state nothing, also by
        # what it is ("the newspaper said" refers to the last newspaper, not an agency).
        for m, a in inside:
            if m.kind == "outlet":
                last_source = a
                noun = _referent_near(text, sent, m)
                if noun:
                    last_by_noun[noun] = a
        if sent.boilerplate or sent.heading or _is_question(sent.text):
            continue
        if seen_lines[sent.text] > 1:  # repeated lines are captions and teasers
            continue
        stext = text[sent.start:sent.end]
        script = sent.script or script_of(stext)
        attributed, anaphoric = attribution(stext, sent.start, sent.language, script, inside)
        if anaphoric:
            nouns = {n for n, _ in _referents(fold(stext)[0])}
            attributed = last_by_noun.get(nouns.pop()) if len(nouns) == 1 else None
            attributed = attributed or last_source
        elif attributed is not None:
            kinds = {m.kind for m, a in inside if a == attributed}
            if kinds & {"outlet", "organization"}:
                last_source = attributed
        prev_actors: list[str] = []
        prev_people: list[str] = []
        pronoun = _pronoun_at(stext, sent.language, script) if named_before else None
        if pronoun is not None and any(m.kind == "person" and m.start - sent.start < pronoun for m, _a in inside):
            pronoun = None  # "Ana Silva said she ...": the sentence names its person
        for cs, ce in split_clauses(stext, sent.language, script):
            start, end = sent.start + cs, sent.start + ce
            quote = text[start:end]
            events = detect_events(quote, sent.language, script)
            if not events and tenure.told(quote, sent.language, script):
                events = [tenure.EVENT]  # "X was head of the office from 1995 to 2019"
            if not events:
                continue
            main = main_event(quote, sent.language, script) or events[0]
            events = [main] + [e for e in events if e != main]
            actors: list[str] = []
            for m, a in inside:
                if m.start >= start and m.end <= end and a not in actors:
                    actors.append(a)
            own = [(m, a) for m, a in inside if start <= m.start and m.end <= end]
            actors = _carried(actors, prev_actors, prev_people, attributed, quote, cs > 0, sent, script, main,
                              own, [m.start - start for m, _a in own])
            if pronoun is not None and cs <= pronoun < ce and not any(m.kind == "person" for m, _a in own) \
                    and named_before[0] not in actors:
                actors = actors + [named_before[0]]  # "Am Dienstag war er festgenommen worden": the one named before
            prev_actors = actors
            prev_people = [a for m, a in inside if m.kind == "person" and a in actors]
            values = _values(quote, sent.language, script, main, events)
            out.append(EvidenceCandidate(
                source=doc.source.id, sentence=sent, start=start, end=end, quote=quote,
                language=sent.language, actors=actors, attributed_to=attributed,
                stance="denies" if is_negated(quote, sent.language, script, events[0]) else "affirms",
                values=values, date=_date_of(_reported_part(quote, sent.language, script), sent.language,
                                             doc.source.published),
                event=events[0], events=events, hedged=hedged_text(quote, sent.language, script)))
    return out


#: How many words into a sentence a pronoun may stand and still be its subject ("Am Dienstag war er ...").
PRONOUN_OPENS = 4


def _pronoun_at(text: str, language: Optional[str], script: str) -> Optional[int]:
    """Where a personal pronoun opening the sentence stands (reporting.yml `pronouns`), unless
    the sentence is impersonal ("il y a", "il faut"); None when there is none."""
    langs = languages_for(language, script)
    head = fold_case(text[:_PRONOUN_HEAD])  # one code point for one: offsets stay the text's
    words = _OPENING_WORD.findall(head)[:PRONOUN_OPENS]
    mine = _pronouns(langs)
    if not mine.intersection(words):
        return None  # most sentences: a check of their first words only
    impersonal = load_lexicon("reporting").get("impersonal") or {}
    if any(find_cues(impersonal.get(lang) or [], fold_str(head)) for lang in langs):
        return None
    return next(m.start() for m in _OPENING_WORD.finditer(head) if m.group(0) in mine)


#: How far into a sentence its opening words are looked for (characters).
_PRONOUN_HEAD = 80
_OPENING_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=64)
def _pronouns(langs: tuple[str, ...]) -> frozenset[str]:
    lex = load_lexicon("reporting").get("pronouns") or {}
    return frozenset(fold_case(str(w)) for lang in langs for w in lex.get(lang) or [])


#: How many words may stand between a figure and the noun it counts ("four Belarusian diplomats").
NOUN_REACH = 2


def _carried(actors: list[str], prev_actors: list[str], prev_people: list[str], attributed: Optional[str],
             quote: str, later: bool, sent: Sentence, script: str, main: str, own: list, named_at: list[int]
             ) -> list[str]:
    """The clause's participants, with those of the clause before that still act in it
    (`later`: not the sentence's first clause; `own`: its mentions, at `named_at` in `quote`)."""
    if not [a for a in actors if a != attributed] and prev_actors:
        # a clause with only a pronoun subject ("but he stopped short of ...")
        return actors + [a for a in prev_actors if a not in actors]
    if later and quote[:1].islower() and prev_people and not any(m.kind == "person" for m, _a in own):
        # a continuation with a dropped subject ("..., однако не признал
        # ответственность России"): the people of the clause before still act
        return actors + [a for a in prev_people if a not in actors]
    if later and prev_people and opens_relative(quote, sent.language, script):
        # "..., الذي أبلغ نظيره ...", "..., who warned ...": the one named last before acts
        return [prev_people[-1]] + [a for a in actors if a != prev_people[-1]]
    doers = [a for a in prev_actors if a != attributed]
    if later and quote[:1].islower() and doers and _verb_first(quote, sent.language, script, main, named_at):
        # "X expelled three diplomats and ordered the closure of Y's consulate": the verb
        # after "and" has the subject of the clause before
        return [doers[0]] + [a for a in actors if a != doers[0]]
    return actors


#: Words before the event of a coordinated clause whose subject is dropped ("and ordered the closure").
VERB_OPENS = 3


def _verb_first(quote: str, language: Optional[str], script: str, event: str, named_at: list[int]) -> bool:
    """Whether the clause opens with its event's verb, before any name: "y ordenó el cierre
    del consulado de Polonia" (a coordinated verb whose subject the clause before names)."""
    folded, index = fold(quote)
    spans = event_spans(folded, languages_for(language, script), event)
    if not spans:
        return False
    at = index[spans[0][0]]
    return len(TOKEN_RX.findall(folded[:spans[0][0]])) <= VERB_OPENS and all(p > at for p in named_at)


def _counted_noun(quote: str, language: Optional[str], script: str, event: str, values: dict[str, str]
                  ) -> dict[str, str]:
    """The count of a clause whose event counts what it is done to (events.yml `count` and
    `owner`) when no cue of counts.yml gave one: the first figure right before one of those
    nouns ("ordered four Belarusian diplomats to leave", "خمسة من موظفيها")."""
    info = event_info().get(event) or {}
    slot, owner = info.get("count"), info.get("owner") or {}
    if not slot or slot in values or not owner:
        return {}
    folded = fold_str(quote)
    langs = languages_for(language, script)
    tokens = [t.start() for t in TOKEN_RX.finditer(folded)]
    nouns = sorted(s for lang in langs for s, _e in find_cues(owner.get(lang) or [], folded))
    for _ti, value, pos in numbers_in(folded, langs):
        if any(0 < n - pos and sum(1 for t in tokens if pos < t < n) <= NOUN_REACH
               and not _PAUSE.search(folded[pos:n]) for n in nouns):
            return {slot: str(value)}
    return {}


#: Punctuation that ends the phrase a figure counts in.
_PAUSE = re.compile(r"[,،;:.()]")


# ---------------------------------------------------------------------------------------
# Role claims
# ---------------------------------------------------------------------------------------

def _role_key(title: str, language: Optional[str]) -> Optional[str]:
    try:
        return role_key(title, language)
    except Exception:  # an unreadable title is simply not a role claim
        return None


def role_claims(actors: dict[str, Actor], docs: dict[str, Document]) -> list[EvidenceCandidate]:
    """Evidence for "X was <role>" claims: one item per (actor, canonical role, source).

    The quote is the exact span covering the title and the name next to it; the value is
    "former" when the source qualifies the title as former, else "current".
    """
    out: list[EvidenceCandidate] = []
    for actor_id in sorted(actors):
        actor = actors[actor_id]
        chosen: dict[tuple[str, str], tuple[int, int, bool]] = {}
        for role in sorted(actor.roles, key=lambda r: (r.source, r.text, r.former)):
            doc = docs.get(role.source)
            if doc is None or not role.text:
                continue
            key = _role_key(role.text, doc.source.language)
            if not key:
                continue
            span = _role_span(doc.text, role.text, [m for m in actor.mentions if m.source == role.source])
            if span is None:
                continue
            prev = chosen.get((role.source, key))
            # A source that calls the actor "former" anywhere says so on purpose: keep it.
            if prev is None or (role.former and not prev[2]) or (role.former == prev[2] and span < prev[:2]):
                chosen[(role.source, key)] = (span[0], span[1], role.former)
        for (source, key), (start, end, former) in sorted(chosen.items()):
            doc = docs[source]
            sent = _sentence_at(doc, start)
            out.append(EvidenceCandidate(
                source=source, sentence=sent, start=start, end=end, quote=doc.text[start:end],
                language=sent.language or doc.source.language, actors=[actor_id], attributed_to=None,
                stance="affirms", values={"role": "former" if former else "current"},
                event=f"role:{key}"))
    return out


def _role_span(text: str, role_text: str, mentions: list) -> Optional[tuple[int, int]]:
    """The span of `role_text` joined to the nearest mention (within 60 characters)."""
    best = None
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        lo = max(0, m.start - len(role_text) - 60)
        pos = text.find(role_text, lo)
        while pos != -1 and pos <= m.end + 60:
            gap = m.start - (pos + len(role_text)) if pos < m.start else pos - m.end
            if gap <= 60 and "\n" not in text[min(pos, m.start):max(pos + len(role_text), m.end)]:
                span = (min(pos, m.start), max(pos + len(role_text), m.end))
                cand = (abs(gap), span)
                if best is None or cand < best:
                    best = cand
            pos = text.find(role_text, pos + 1)
    return best[1] if best else None


def _sentence_at(doc: Document, pos: int) -> Sentence:
    for s in doc.sentences:
        if s.start <= pos < s.end:
            return s
    line_start = doc.text.rfind("\n", 0, pos) + 1
    line_end = doc.text.find("\n", pos)
    line_end = len(doc.text) if line_end == -1 else line_end
    line = doc.text[line_start:line_end]
    return Sentence(start=line_start, end=line_end, text=line, language=doc.source.language,
                    script=script_of(line))
