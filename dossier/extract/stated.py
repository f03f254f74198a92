"""Stated facts: check-worthy clauses no predicate of the lexicon fits, grouped across sources.

Many facts a story's reports share have no frame ("the plant employs about 640 people", "the
blast happened in a storage tank for acrylonitrile"). A clause that got no proposition, is
declarative and unhedged, joins the clauses of other documents of its story that share its
anchors: the same figure, the same rare word (compared across scripts and spellings by a
consonant key: acrylonitrile = Acrylnitril = акрилонитрил = akrilonitril), the same
participants. A group that two or more documents state is one claim; its statement is one
source's quote with every figure blanked out (`statement_from: quote`), and each item carries
the figure its source gives as its value. A clause only one document states stays text.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Optional

from dossier.extract import vectors
from dossier.extract.analysis import original_of
from dossier.extract.cues import (TOKEN_RX, attribution, detect_events, event_info, extract_counts, find_cues,
                                  languages_for, number_words, numbers_in, split_clauses)
from dossier.extract.hedges import hedged_text
from dossier.extract.reuse import Reuse
from dossier.extract.statements import strip_attribution
from dossier.extract.stories import OCCURRED
from dossier.extract.units import plain_figures
from dossier.model import Actor, Claim, Document, Evidence, MentionCandidate
from dossier.model.records import Frame
from dossier.text import script_of, scripts_in, to_latin
from dossier.text.fold import fold_str
from dossier.text.lexicon import load_lexicon

#: The predicate of a claim made here: the quote states it, no frame does.
PREDICATE = "stated"
#: A clause's anchors must weigh this much, shared with another document's clause, to join it.
JOIN = 1.5
#: Weights of a shared anchor: a figure of 10 or more, a smaller figure (2 km, two citizens,
#: two died in hospital: alone it ties nothing), a rare word, a participant (which only adds to
#: the others). A word two languages share weighs no more than another: general loanwords
#: (expert, director, contract) tie different facts as often as a technical term ties one.
STRONG_FIGURE, SMALL_FIGURE, WORD, ACTOR = 2.0, 0.5, 1.0, 0.5
#: Two clauses that are each other's closest in their two documents by sentence vector say
#: the same in other words or another language: at SAME_SENSE_COSINE that alone joins them,
#: at CLOSE_COSINE it weighs as a rare word does (one more anchor is needed).
SAME_SENSE_COSINE, CLOSE_COSINE = 0.6, 0.45
#: ... and only when each is closer to the other than to any other clause of its document by
#: this much (among clauses all alike, a formula or a list, the closest is chance).
LEAD = 0.08
#: ... and far ahead of the next (this much, both ways), closeness alone joins them. Their
#: common participants then add to the tie as well.
CLEAR_LEAD = 0.2
SAME_SENSE, CLOSE_SENSE = 1.5, 1.0
#: An anchor more clauses share than this ties nothing (and would cost pairs by the million).
CROWDED = 400
#: A word is no anchor when more than this share of its language's sentences hold it ("people",
#: "Menschen"), nor a participant half of its story's documents name in such clauses.
COMMON_WORD, COMMON_ACTOR = 0.05, 0.5
#: A word the clauses of more than this share of a dossier's stories use ties none of them.
STORY_SPREAD = 0.2
#: Words that end a declarative sentence (a heading or caption has none).
_FINAL = (".", "!", "»", '"', "”", "“", "'", ")", "…", "。")


@dataclass
class Stated:
    """One clause of one document, with its anchors."""
    source: str
    start: int
    end: int
    quote: str
    language: Optional[str]
    figures: frozenset[int]
    words: frozenset[str]
    actors: frozenset[str]
    events: tuple[str, ...] = ()
    story: int = -1
    vector: bytes = b""  # the clause's sentence vector (`vectors.encode`)
    alone: bool = False  # joined its group by sense alone (`_join_alone`): never its statement


@dataclass
class Read:
    """What one document gives on its own (kept per document by the incremental layer): its
    clauses that may state a fact, and how often its sentences use each word key."""
    clauses: list[Stated]
    sentences: Counter  # language -> sentences
    df: Counter  # (language, word key) -> sentences holding it
    uses: Counter  # word key -> sentences of this document holding it


@lru_cache(maxsize=65536)
def word_key(token: str) -> Optional[str]:
    """A consonant key of a content word that holds across scripts and spellings, the word's
    first five consonants in broad classes (an ending varies by case and language); None for a
    word too short to tell apart. Of a word with apostrophes its longest part counts: an
    elided article ("d'acrylonitrile") or a case ending ("Türkiye'ye") is no part of it."""
    token = max(re.split(r"['’]", token), key=len)
    latin = re.sub(r"[^a-z]", "", to_latin(token).lower())
    for a, b in (("sch", "s"), ("ph", "f"), ("th", "t"), ("kh", "h"), ("ch", "k"), ("ck", "k"), ("sh", "s"),
                 ("qu", "k"), ("c", "k"), ("q", "k"), ("w", "v"), ("z", "s"), ("x", "ks"), ("y", "i"),
                 ("j", "i"), ("g", "k"), ("d", "t"), ("b", "p")):
        latin = latin.replace(a, b)
    cons = re.sub(r"[aeiouh]", "", latin)
    cons = re.sub(r"(.)\1+", r"\1", cons)
    return cons[:5] if len(cons) >= 4 else None


def _number_words(language: Optional[str], script: str) -> frozenset[str]:
    return frozenset(number_words(languages_for(language, script)))


def read(doc: Document, spans: list[tuple[int, int, str]]) -> Read:
    """The document's declarative, unhedged clauses in one script, and its word counts;
    `spans`: its mentions of participants (start, end, actor id)."""
    sentences: Counter = Counter()
    df: Counter = Counter()
    uses: Counter = Counter()
    for sent in doc.sentences:
        if sent.boilerplate:
            continue
        sentences[sent.language] += 1
        keys = {k for w in TOKEN_RX.findall(fold_str(sent.text)) if len(w) >= 5 and not w[:1].isdigit()
                for k in [word_key(w)] if k}
        df.update((sent.language, k) for k in keys)
        uses.update(keys)
    vecs = doc.clause_vectors if doc.clause_vectors is not None else clause_vectors(doc)
    out = []
    for start, end, language, script in _with_sentence(doc, list(vecs)):
        found = _anchors(doc.source.id, start, end, doc.text[start:end], language, script, spans)
        found.events = tuple(detect_events(found.quote, language, script))
        found.vector = vecs.get((start, end), b"")
        out.append(found)
    return Read(out, sentences, df, uses)


def quotable_clauses(doc: Document) -> list[tuple[int, int, Optional[str], str]]:
    """(start, end, language, script) of the document's clauses a stated fact may quote:
    declarative, unhedged, in one script, no belief, commentary or speech (the document
    alone decides; who is named in them does not)."""
    seen = Counter(s.text for s in doc.sentences)
    out = []
    for sent in doc.sentences:
        if sent.boilerplate or sent.heading or seen[sent.text] > 1 or not sent.text.rstrip().endswith(_FINAL):
            continue
        script = sent.script or script_of(sent.text)
        stext = doc.text[sent.start:sent.end]
        for cs, ce in split_clauses(stext, sent.language, script):
            start, end = sent.start + cs, sent.start + ce
            if _quotable(doc.text[start:end], sent.language, script):
                out.append((start, end, sent.language, script))
    return out


def _with_sentence(doc: Document, spans: list[tuple[int, int]]) -> list[tuple[int, int, Optional[str], str]]:
    """(start, end, language, script) of clauses, from the sentence each lies in."""
    out = []
    for start, end in spans:
        sent = next(t for t in doc.sentences if t.start <= start < t.end)
        out.append((start, end, sent.language, sent.script or script_of(sent.text)))
    return out


def clause_vectors(doc: Document) -> dict[tuple[int, int], bytes]:
    """(start, end) -> sentence vector of each quotable clause, the document's clauses encoded
    as one batch (so the bytes depend on the document alone, wherever they are computed)."""
    spans = [(start, end) for start, end, _l, _s in quotable_clauses(doc)]
    return dict(zip(spans, vectors.encode([doc.text[a:b] for a, b in spans])))


def _untaken(found: list[Stated], taken: list[tuple[int, int]], framed: frozenset[str],
             values: frozenset[int] = frozenset(), counted: frozenset[str] = frozenset(),
             told: Optional[dict[str, set]] = None) -> list[Stated]:
    """The clauses no claim holds (in part), and none with a figure of an event whose frame
    made a claim in the story (`framed`): quoted, it would split the fact that frame gathers
    from the other documents. One with no figure, of an event the story's claims only count,
    tells something else of it ("several survivors were treated in hospital for
    hypothermia"); of one they also state of someone it names (`told`: predicate -> the
    subjects of its claims, "Whether X was killed"), it is that fact, which the frame missed.
    A clause that gives a figure no frame of the story gives (`values`) states a
    fact of its own all the same ("the company, which employs 640 people, declined to
    comment"), unless it tells of an event whose figure a frame counts (`counted`: a toll the
    frame missed is still the toll) and gives no figure a frame took (then the other is a
    fact apart: "2,750 tonnes of ammonium nitrate exploded, killing 135"); a year is no such
    figure."""
    return [s for s in found
            if (_own_figure(s, values) and (not counted.intersection(s.events)
                                            or values.intersection(s.figures) and not _counts_own(s, values, counted)))
            or (not any(a < s.end and s.start < b for a, b in taken)
                and not (framed.intersection(s.events) if s.figures or told is None
                         else any(told[e] & (set(s.actors) | {None}) for e in s.events if e in told)))]


def _counts_own(s: Stated, values: frozenset[int], counted: frozenset[str]) -> bool:
    """Whether a figure of the clause no frame took may be a count all the same: it is one
    ("another 80,000 injured"), or a counted event the clause tells of has no figure read
    ("the death toll from the quakes that hit the region stood at 28,191")."""
    counts = extract_counts(s.quote, s.language, script_of(s.quote))
    info = event_info()
    if any((info.get(e) or {}).get("count") not in counts for e in counted.intersection(s.events)):
        return True
    return any(v.isdigit() and int(v) in s.figures and int(v) not in values for v in counts.values())


def _own_figure(s: Stated, values: frozenset[int]) -> bool:
    return any(f >= 10 and not YEARS[0] <= f <= YEARS[1] and f not in values for f in s.figures)


#: Figures read as years, not counts.
YEARS = (1800, 2100)


def _figure_of(value: Optional[str]) -> Optional[int]:
    """The whole number a value starts with ("72", "2 km", "48000000"), if any."""
    m = re.match(r"\s*(\d+)(?![\d.,]\d)", value or "")
    return int(m.group(1)) if m else None


#: hedges.yml kinds that make a clause no fact of its own here: belief, feelings and questions,
#: and background over years (`unknowns` hedge every clause).
_NOT_FACTS = ("belief", "moods", "background")


def _quotable(quote: str, language: Optional[str], script: str) -> bool:
    words = TOKEN_RX.findall(fold_str(quote))
    return 6 <= len(words) <= 60 and len(scripts_in(quote)) == 1 and not hedged_text(quote, language, script) \
        and not any(_believed(quote, language, script, kind) for kind in _NOT_FACTS) \
        and not _commentary(quote, language, script) and not _commentary(quote, language, script, "echoes") \
        and not _SPEECH.search(quote)


def _anchors(source: str, start: int, end: int, quote: str, language: Optional[str], script: str,
             spans: list[tuple[int, int, str]]) -> Stated:
    words = TOKEN_RX.findall(fold_str(quote))
    folded = plain_figures(fold_str(quote))
    # "one" is mostly an article ("ein", "bir", "un"): no figure
    figures = frozenset(v for _i, v, _p in numbers_in(folded, languages_for(language, script)) if v > 1)
    numbers = _number_words(language, script)
    inside = [(s, e, a) for s, e, a in spans if start <= s and e <= end]
    names = {k for s, e, _a in inside for w in TOKEN_RX.findall(fold_str(quote[s - start:e - start]))
             for k in [word_key(w)] if k}  # a name is a participant, not a word
    keys = frozenset(k for w in words if not w[:1].isdigit() and w not in numbers and len(w) >= 5
                     for k in [word_key(w)] if k and k not in names)
    named = frozenset(a for _s, _e, a in inside)
    return Stated(source, start, end, quote, language, figures, keys, named)


def _believed(quote: str, language: Optional[str], script: str, kind: str = "belief") -> bool:
    """Someone's belief, not a fact: a verb of belief in the third person (hedges.yml `belief`),
    or a feeling or an open question (`moods`), or background over years (`background`)."""
    folded = fold_str(quote)
    lex = load_lexicon("hedges")
    return any(find_cues((lex.get(lang) or {}).get(kind) or [], folded) for lang in languages_for(language, script))


def _commentary(quote: str, language: Optional[str], script: str, kind: str = "commentators") -> bool:
    """An unnamed group's view, told by a clause that opens with the group ("analysts say",
    "Anwohner meinen", "gözlemcilere göre"; hedges.yml `commentators`): commentary, not a fact;
    or (`echoes`) a clause that only says who said the clause before ("Об этом заявил X")."""
    folded = fold_str(quote)
    lex = load_lexicon("hedges")
    return any(s <= _OPENING for lang in languages_for(language, script)
               for s, _e in find_cues((lex.get(lang) or {}).get(kind) or [], folded))


#: How far into a clause its subject opens it (characters): "Several diplomats say", "ويؤكد محللون".
_OPENING = 12


#: Someone's own words in quotation marks (three words or more): what they said, which a frame
#: of saying or denying reads, not a fact to quote as the dossier's.
_SPEECH = re.compile(r'["“„«‚‘]\s*[^"“”„«»‚‘’]*?\w+\W+\w+\W+\w+[^"“”„«»‚‘’]*["”“»‘’]')




def _score(a: Stated, b: Stated, rare_words: set[str], rare_actors: set[str],
           topic: frozenset = frozenset(), close: tuple[float, float] = (0.0, 0.0)) -> float:
    cosine, lead = close
    sense = SAME_SENSE if cosine >= SAME_SENSE_COSINE or (cosine >= CLOSE_COSINE and lead >= CLEAR_LEAD) \
        else CLOSE_SENSE if cosine >= CLOSE_COSINE else 0.0
    said = (sum(STRONG_FIGURE if f >= 10 else SMALL_FIGURE for f in a.figures & b.figures)
            + sum(WORD / (2 if (a.story, w) in topic else 1) for w in a.words & b.words & rare_words) + sense)
    if sense == SAME_SENSE:  # the same participants, in clauses of one sense
        said += ACTOR * len(a.actors & b.actors & rare_actors)
    if said < JOIN:
        # the same people say nothing of what is stated about them, nor do they make two
        # clauses only loosely alike in sense one fact: they only add
        return 0.0
    return said + ACTOR * len(a.actors & b.actors & rare_actors)


def group(found: list[Stated], common: set[str], topic: frozenset = frozenset(),
          memo: Optional[Reuse] = None, when: Optional[dict[str, str]] = None) -> list[list[Stated]]:
    """Clauses of one story that state the same thing, in two or more documents: the pairs
    that share most are joined first, and two groups join only when their clauses share
    enough on average (no chain A-B-C) and no document is in both. Sorted, so the result does
    not depend on the order documents were read in."""
    story_docs: dict[int, set[str]] = {}
    named: dict[tuple[int, str], set[str]] = {}
    for s in found:
        story_docs.setdefault(s.story, set()).add(s.source)
        for a in s.actors:
            named.setdefault((s.story, a), set()).add(s.source)
    rare_words = {w for s in found for w in s.words} - common
    rare_actors = {a for (story, a), srcs in named.items()
                   if 2 <= len(srcs) <= max(2, COMMON_ACTOR * len(story_docs[story]))}
    ordered = sorted(found, key=lambda s: (s.story, s.source, s.start, s.end))
    index: dict[tuple, list[int]] = {}
    for i, s in enumerate(ordered):
        for k in ([("f", s.story, f) for f in s.figures] + [("w", s.story, w) for w in s.words & rare_words]
                  + [("a", s.story, a) for a in s.actors & rare_actors]):
            index.setdefault(k, []).append(i)
    # a clause of common words only ("relations have been tense for months") is stock, in any words
    close = {(i, j): c for (i, j), c in closest_pairs(ordered, memo, when).items()
             if ordered[i].words & rare_words and ordered[j].words & rare_words}
    scores: dict[tuple[int, int], float] = {}
    for members in index.values():
        if len(members) > CROWDED:
            continue
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if (i, j) not in scores and ordered[i].source != ordered[j].source:
                    scores[(i, j)] = _score(ordered[i], ordered[j], rare_words, rare_actors, topic, close.get((i, j), (0.0, 0.0)))
    for (i, j), near in sorted(close.items()):
        if (i, j) not in scores:
            scores[(i, j)] = _score(ordered[i], ordered[j], rare_words, rare_actors, topic, near)
    owner = list(range(len(ordered)))
    groups: dict[int, list[int]] = {i: [i] for i in range(len(ordered))}
    # the closer in sense first among pairs that share as much
    for (i, j), score in sorted(scores.items(), key=lambda p: (-p[1], -close.get(p[0], (0.0, 0.0))[0], p[0])):
        a, b = owner[i], owner[j]
        if score < JOIN or a == b:
            continue
        ga, gb = groups[a], groups[b]
        if {ordered[m].source for m in ga} & {ordered[m].source for m in gb}:
            continue
        mean = sum(scores.get((min(m, n), max(m, n)), 0.0) for m in ga for n in gb) / (len(ga) * len(gb))
        if mean < JOIN:
            continue
        ga.extend(gb)
        for m in gb:
            owner[m] = a
        del groups[b]
    kept = _alike_groups([[ordered[m] for m in sorted(g)] for _k, g in sorted(groups.items()) if len(g) >= 2])
    return _join_alone(kept, [ordered[g[0]] for _k, g in sorted(groups.items()) if len(g) == 1])


#: Two groups of one story whose mean sentence vectors are this close, each the other's
#: closest, that tell of one event and share no document, state one fact: a fact told in
#: four languages falls in two groups when each pair of clauses is only loosely alike.
ALIKE_GROUPS = 0.56


def _alike_groups(groups: list[list[Stated]]) -> list[list[Stated]]:
    """The groups, with each two that `ALIKE_GROUPS` finds alike made one (one round: no chains)."""
    import numpy as np  # deferred: heavy

    stories: dict[int, list[int]] = {}
    for i, g in enumerate(groups):
        if any(s.vector for s in g):
            stories.setdefault(g[0].story, []).append(i)
    joined: dict[int, int] = {}
    for idx in stories.values():
        means = _unit_means(groups, idx)
        near = np.round(means @ means.T, 4)
        np.fill_diagonal(near, -1.0)
        docs = [{s.source for s in groups[i]} for i in idx]
        best: dict[int, int] = {}
        for a in range(len(idx)):  # each group's closest that shares no document with it
            for b in np.argsort(-near[a], kind="stable"):
                if near[a, b] < ALIKE_GROUPS:
                    break
                if not docs[a] & docs[int(b)]:
                    best[a] = int(b)
                    break
        for a, b in sorted(best.items()):
            events = {e for s in groups[idx[a]] for e in s.events} & {e for s in groups[idx[b]] for e in s.events}
            if a < b and best.get(b) == a and events:
                joined[idx[b]] = idx[a]
    into: dict[int, list[Stated]] = {}
    for k, i in joined.items():
        into.setdefault(i, []).extend(groups[k])
    return [sorted(g + into.get(i, []), key=lambda s: (s.source, s.start, s.end))
            for i, g in enumerate(groups) if i not in joined]


def _unit_means(groups: list[list[Stated]], idx: list[int]):
    """The mean sentence vector of each group `idx` names, scaled to length one (rows)."""
    import numpy as np  # deferred: heavy

    means = np.stack([vectors.matrix([s.vector for s in groups[i] if s.vector]).mean(axis=0) for i in idx])
    return means / np.maximum(np.linalg.norm(means, axis=1, keepdims=True), 1e-9)


#: A clause no other document's clause joined joins the group of its story whose mean sentence
#: vector is this close to its own, and closer by ALONE_LEAD than the next group: the same
#: fact, told in a sentence no single clause of the others matches closely.
ALONE, ALONE_LEAD = 0.5, 0.14


def _join_alone(groups: list[list[Stated]], alone: list[Stated]) -> list[list[Stated]]:
    """The groups, each with the lone clauses `ALONE` finds it holds (one per document)."""
    import numpy as np  # deferred: heavy

    stories: dict[int, list[int]] = {}
    for i, g in enumerate(groups):
        if any(s.vector for s in g):
            stories.setdefault(g[0].story, []).append(i)
    taken: dict[tuple[int, str], tuple[float, Stated]] = {}
    for story, idx in sorted(stories.items()):
        lone = [s for s in alone if s.story == story and s.vector]
        if not lone:
            continue
        own = vectors.matrix([s.vector for s in lone])
        own /= np.maximum(np.linalg.norm(own, axis=1, keepdims=True), 1e-9)
        near = np.round(own @ _unit_means(groups, idx).T, 4)
        for k, s in enumerate(lone):
            order = np.argsort(-near[k], kind="stable")
            best = int(order[0])
            second = float(near[k, order[1]]) if len(order) > 1 else 0.0
            if near[k, best] < ALONE or near[k, best] - second < ALONE_LEAD:
                continue
            group = groups[idx[best]]
            if s.source in {t.source for t in group} or \
                    any(f >= 10 for f in s.figures - {f for t in group for f in t.figures}):
                continue  # one of its documents, or a figure the group does not give: another fact
            key = (idx[best], s.source)
            if key not in taken or taken[key][0] < near[k, best]:
                taken[key] = (float(near[k, best]), replace(s, alone=True))
    extra: dict[int, list[Stated]] = {}
    for (i, _source), (_c, s) in sorted(taken.items(), key=lambda t: (t[0][0], t[0][1])):
        extra.setdefault(i, []).append(s)
    return [sorted(g + extra.get(i, []), key=lambda s: (s.source, s.start, s.end)) for i, g in enumerate(groups)]


def closest_pairs(ordered: list[Stated], memo: Optional[Reuse] = None,
                  when: Optional[dict[str, str]] = None) -> dict[tuple[int, int], tuple[float, float]]:
    """(i, j) -> (cosine, lead), i < j, for two clauses of one story in two documents that are each
    other's closest in the other document (sentence vectors), clearly (LEAD) and at
    CLOSE_COSINE or more: the same statement in other words or another language. `ordered` is
    sorted by story, source; `when`: each source's publication date, which orders a story's
    documents (each is compared with the WINDOW documents after it); `memo` keeps each
    story's pairs (adding a document redoes its own)."""
    when = when or {}
    out: dict[tuple[int, int], tuple[float, float]] = {}
    stories: dict[int, list[int]] = {}
    for i, s in enumerate(ordered):
        if s.vector:
            stories.setdefault(s.story, []).append(i)
    for idx in stories.values():
        owners = [ordered[i].source for i in idx]
        if len(set(owners)) < 2:
            continue  # one document
        vecs = [ordered[i].vector for i in idx]
        dates = [when.get(o) or "" for o in dict.fromkeys(owners)]
        key = memo.key("closest", CLOSE_COSINE, LEAD, WINDOW, owners, dates,
                       hashlib.sha256(b"".join(vecs)).hexdigest()) if memo is not None else None
        found = memo.get(key) if key is not None else None
        if found is None:
            found = _story_pairs(vecs, owners, dates)
            if key is not None:
                memo.put(key, found)
        for k, j, c, a in found:
            out[(idx[k], idx[j])] = (c, a)
    return out


def _story_pairs(vecs: list[bytes], owners: list[str], dates: Optional[list[str]] = None
                 ) -> list[tuple[int, int, float, float]]:
    """`closest_pairs` within one story: (k, j, cosine, lead) by position in `vecs`, whose
    clauses are grouped by document (`owners`; `dates`: each document's date, in that order).
    Each document is compared with the WINDOW documents after it by date: time and memory
    grow with the story's clauses, not with their square."""
    import numpy as np  # deferred: heavy

    cuts = [k for k in range(len(owners)) if k == 0 or owners[k] != owners[k - 1]] + [len(owners)]
    docs = len(cuts) - 1
    dates = dates if dates is not None and len(dates) == docs else [""] * docs
    rank = sorted(range(docs), key=lambda d: (dates[d], owners[cuts[d]]))
    matrix = vectors.matrix(vecs)
    out: list[tuple[int, int, float, float]] = []
    for at, a in enumerate(rank):
        partners = rank[at + 1:at + 1 + WINDOW]
        if not partners:
            continue
        sizes = np.array([cuts[b + 1] - cuts[b] for b in partners])
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        cols = np.concatenate([np.arange(cuts[b], cuts[b + 1]) for b in partners])
        block = vectors.cosines(matrix[cuts[a]:cuts[a + 1]], matrix[cols])
        # each clause of `a`: its closest in each partner, and the lead over that partner's next
        top = np.maximum.reduceat(block, starts, axis=1)
        seg = np.repeat(np.arange(len(partners)), sizes)
        at_top = np.where(block == top[:, seg], np.arange(block.shape[1]), block.shape[1])
        best = np.minimum.reduceat(at_top, starts, axis=1)  # the first closest, as argmax takes it
        rest = block.copy()
        rest[np.arange(block.shape[0])[:, None], best] = -np.inf
        lead = np.where(sizes > 1, top - np.maximum.reduceat(rest, starts, axis=1), np.float32(1.0))
        # each clause of a partner: its closest in `a`, and the lead over the next
        back, back_top = block.argmax(axis=0), block.max(axis=0)
        back_lead = back_top - np.partition(block, -2, axis=0)[-2] if block.shape[0] > 1 else np.ones_like(back_top)
        rows, parts = np.nonzero((top >= CLOSE_COSINE) & (lead >= LEAD))
        found = best[rows, parts]
        mutual = (back[found] == rows) & (back_top[found] >= CLOSE_COSINE) & (back_lead[found] >= LEAD)
        for i, p, j in zip(rows[mutual].tolist(), parts[mutual].tolist(), found[mutual].tolist()):
            x, y = cuts[a] + i, int(cols[j])
            out.append((min(x, y), max(x, y), float(top[i, p]), float(min(lead[i, p], back_lead[j]))))
    return sorted(out)


#: Each document of a story is compared by sentence vector with this many documents after it
#: in date order (and so with as many before it).
WINDOW = 40


def blank(quote: str, language: Optional[str]) -> str:
    """The quote with every figure (digits or number words) replaced by an ellipsis."""
    numbers = _number_words(language, script_of(quote)) - {"bir"}  # Turkic "bir" is mostly "a"

    def sub(m: re.Match) -> str:
        w = m.group(0)
        return "…" if any(ch.isdigit() for ch in w) or fold_str(w) in numbers else w
    out = re.sub(r"\d[\d.,\u00a0\u202f]*\d|\d|[^\W\d_][\w'’-]*", sub, quote.strip())
    out = re.sub(r"…(?:[\s.,]*…)+", "…", out)
    return out


_PRONOUN = re.compile(r"(?i)(?:it|he|she|they|we|i|this|these|those)\b")


def make_claim(items: list[Stated], said_by: Optional[dict[tuple[str, int], str]] = None,
               taken: frozenset[int] = frozenset()) -> Claim:
    """One claim of a group: its statement the quote of an English source if one states it,
    else of the first source; the shared figure as each item's value, one no frame gives
    (`taken`) first; `said_by`: who each item is attributed to, by (source, start)."""
    said_by = said_by or {}
    items = sorted(items, key=lambda s: (s.source, s.start, s.end))
    common = Counter(f for s in items for f in s.figures)
    shared = sorted((f for f, n in common.items() if n >= 2), key=lambda f: (f in taken, -common[f], f))
    figure = shared[0] if shared else None
    first = min(items, key=lambda s: (s.alone, s.language != "en", s.source, s.start))
    evidence = [Evidence(source=s.source, quote=s.quote, start=s.start, end=s.end, language=s.language,
                         attributed_to=said_by.get((s.source, s.start)), stance="affirms",
                         value=str(figure) if figure is not None and figure in s.figures else
                         (None if figure is not None else "yes"))
                for s in items]
    named = Counter(a for s in items for a in s.actors)
    # an English quote without its "X said" / "according to X": who said it is the evidence's attribution
    quote = strip_attribution(first.quote, "en") if first.language == "en" else first.quote
    if not quote or _PRONOUN.match(quote):
        quote = first.quote  # "The group said it had …": without the speaker, "it" names no one
    return Claim(id="", statement=blank(quote, first.language), statement_from="quote",
                 frame=Frame(predicate=PREDICATE, slot="count" if figure is not None else "yes-no"),
                 actors=sorted(a for a, n in named.items() if n >= 2), evidence=evidence)


def claims(docs: list[Document], actors: dict[str, Actor], story_of: dict, made: list[Claim],
           memo: Optional[Reuse] = None) -> list[Claim]:
    """Claims of the facts two or more documents of a story state that no frame fits (`made`:
    the claims the frames made); each document's own reading is kept in `memo`."""
    spans: dict[str, list[tuple[int, int]]] = {}
    framed: dict[int, set[str]] = {}
    values: dict[int, set[int]] = {}
    counted: dict[int, set[str]] = {}
    told: dict[int, dict[str, set]] = {}
    for claim in made:
        if claim.frame is not None and claim.frame.predicate == OCCURRED:
            continue  # the day is one fact of the clause; "the blast occurred in a storage tank" may be another
        for e in claim.evidence:
            spans.setdefault(e.source, []).append((e.start, e.end))
            story = story_of.get(e.source)
            figure = _figure_of(e.value)
            if figure is not None:
                values.setdefault(story.number if story is not None else -1, set()).add(figure)
            if claim.frame is not None and claim.frame.slot != "role":
                framed.setdefault(story.number if story is not None else -1, set()).add(claim.frame.predicate)
            if claim.frame is not None and claim.frame.slot == "count":
                counted.setdefault(story.number if story is not None else -1, set()).add(claim.frame.predicate)
            elif claim.frame is not None and claim.frame.slot != "role":
                told.setdefault(story.number if story is not None else -1, {}).setdefault(
                    claim.frame.predicate, set()).add(claim.frame.subject)
    named: dict[str, list[tuple[int, int, str]]] = {}
    for a in actors.values():
        if a.kind != "outlet":
            for m in a.mentions:
                named.setdefault(m.source, []).append((m.start, m.end, a.id))
    found: list[Stated] = []
    sentences: Counter = Counter()
    df: Counter = Counter()
    in_story: Counter = Counter()
    docs_in_story: Counter = Counter()
    for doc in sorted(docs, key=lambda d: d.source.id):
        story = story_of.get(doc.source.id)
        number = story.number if story is not None else -1
        got = _read_kept(doc, sorted(named.get(doc.source.id, [])), memo)
        found.extend(replace(s, story=number)
                     for s in _untaken(got.clauses, spans.get(doc.source.id, []), frozenset(framed.get(number, ())),
                                          frozenset(values.get(number, ())), frozenset(counted.get(number, ())),
                                          told.get(number, {})))
        sentences.update(got.sentences)
        df.update(got.df)
        in_story.update({(number, k): n for k, n in got.uses.items()})
        docs_in_story.update((number, k) for k in got.uses)
    # too common in their language to tie two clauses ("people", "Menschen"); a story's topic
    # words, which its documents repeat sentence after sentence, tie half as much ("the ferry")
    common = {k for (lang, k), n in df.items() if n > max(3, COMMON_WORD * sentences[lang])}
    topic = frozenset(sk for sk, n in in_story.items() if n >= 2 * docs_in_story[sk])
    # words the clauses of many stories use ("relations", "tense", "months") tell no story's
    # fact from another's: in a dossier of several stories they tie nothing
    stories_of: dict[str, set[int]] = {}
    for s in found:
        for w in s.words:
            stories_of.setdefault(w, set()).add(s.story)
    many = max(1, STORY_SPREAD * len({s.story for s in found}))
    common |= {w for w, seen in stories_of.items() if len(seen) > many}
    when = {d.source.id: d.source.published or "" for d in docs}
    sources = {d.source.id: d.source for d in docs}
    # a copy adds no document of its own: two that state a fact are two originals
    groups = [g for g in group(found, common, topic, memo, when)
              if len({original_of(s.source, sources) for s in g}) >= 2]
    said_by = _attributions([s for g in groups for s in g], docs, actors)
    return [make_claim(g, said_by, frozenset(values.get(g[0].story, ()))) for g in groups]


def _attributions(items: list[Stated], docs: list[Document], actors: dict[str, Actor]
                  ) -> dict[tuple[str, int], str]:
    """Who each clause is attributed to ("according to X", "X said"), read in its sentence as
    the evidence stage reads it; an anaphoric "the report said" is left unattributed."""
    wanted: dict[str, list[Stated]] = {}
    for s in items:
        wanted.setdefault(s.source, []).append(s)
    by_source: dict[str, list[tuple[MentionCandidate, str]]] = {}
    for a in actors.values():
        for m in a.mentions:
            if m.source in wanted:
                by_source.setdefault(m.source, []).append(
                    (MentionCandidate(source=m.source, start=m.start, end=m.end, text=m.text, name=m.text,
                                      kind=a.kind, language=None, script=script_of(m.text)), a.id))
    out: dict[tuple[str, int], str] = {}
    for doc in docs:
        for s in wanted.get(doc.source.id, ()):
            sent = next((t for t in doc.sentences if t.start <= s.start < t.end), None)
            if sent is None:
                continue
            inside = sorted(((m, a) for m, a in by_source.get(s.source, ()) if sent.start <= m.start and m.end <= sent.end),
                            key=lambda ma: (ma[0].start, ma[0].end, ma[1]))
            stext = doc.text[sent.start:sent.end]
            who, anaphoric = attribution(stext, sent.start, sent.language, sent.script or script_of(stext), inside)
            if who is not None and not anaphoric:
                out[(s.source, s.start)] = who
    return out


def _read_kept(doc: Document, spans: list[tuple[int, int, str]], memo: Optional[Reuse]) -> Read:
    """`read`, or its result kept from an earlier run for the same text and mentions."""
    if memo is None:
        return read(doc, spans)
    key = memo.key("stated", doc.source.id, doc.text, [(s.start, s.end, s.language, s.script, s.boilerplate,
                                                       s.heading) for s in doc.sentences], spans)
    hit = memo.get(key)
    if hit is None:
        hit = read(doc, spans)
        memo.put(key, hit)
    return hit


def keep_statements(new: list[Claim], old: dict[str, Claim]) -> None:
    """A quoted statement, once written, stays: a document added later never rewords it."""
    for claim in new:
        prev = old.get(claim.id)
        if prev is not None and claim.frame is not None and claim.frame.predicate == PREDICATE \
                and prev.frame is not None and prev.frame.predicate == PREDICATE and prev.statement_from == "quote":
            claim.statement = prev.statement
