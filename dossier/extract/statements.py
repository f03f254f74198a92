"""Statements: who fills a clause's frame (`clause_frame`, read by dossier.extract.facts), the
stable ids of claims (`assign_ids`), and a quote-based statement for a clause (`statement_for`).
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Optional

from dossier.extract.cues import (TOKEN_RX, attributive, detect_events, event_info, event_order, event_spans,
                                  find_cues, languages_for, opens_relative, words_between)
from dossier.extract.patterns import PHRASE_BREAK
from dossier.text.lexicon import load_lexicon
from dossier.text.fold import fold, fold_str
from dossier.model import Actor, Claim, EvidenceCandidate
from dossier.text import script_of, slugify, unique_slug


# ---------------------------------------------------------------------------------------
# Claims and their ids
# ---------------------------------------------------------------------------------------

def clause_events(c: EvidenceCandidate, script: Optional[str] = None) -> list[str]:
    """Every event a clause tells of: as found when it was read (`events`), else found again."""
    return list(c.events) if c.events else detect_events(c.quote, c.language, script)


def assign_ids(claims: list[Claim], existing: list[Claim]) -> None:
    owner: dict[tuple[str, int, int], list[str]] = {}  # a span may sit in several claims
    for old in sorted(existing, key=lambda c: c.id):
        for e in old.evidence:
            owner.setdefault((e.source, e.start, e.end), []).append(old.id)
    taken: set[str] = set()
    order = sorted(range(len(claims)), key=lambda i: (-len(claims[i].evidence),
                                                     [(e.source, e.start) for e in claims[i].evidence]))
    # Greedy over (new claim, old claim) pairs by shared evidence, largest overlap first,
    # so that a clause shared by two claims does not steal one claim's old id.
    pairs = []
    for rank, i in enumerate(order):
        votes = Counter(o for e in claims[i].evidence for o in owner.get((e.source, e.start, e.end), []))
        pairs.extend((-n, rank, old_id, i) for old_id, n in votes.items())
    for _n, _rank, old_id, i in sorted(pairs):
        if not claims[i].id and old_id not in taken:
            claims[i].id = old_id
            taken.add(old_id)
    for i in order:
        if not claims[i].id:
            claims[i].id = unique_slug(slugify(claims[i].statement) or "claim", taken)


# ---------------------------------------------------------------------------------------
# Statements
# ---------------------------------------------------------------------------------------

def _strip_frame(text: str) -> str:
    """Drop a leading discourse frame ("Within days,", "In what is seen as ...,")."""
    lex = load_lexicon("reporting").get("en") or {}
    words = "|".join(sorted((re.escape(w) for w in lex.get("frames") or []), key=len, reverse=True))
    if not words:
        return text
    m = re.match(rf"(?i)^(?:{words})\b[^,.;:]{{0,90}},\s+", text)
    if m and len(text[m.end():].split()) >= 3:
        return text[m.end():]
    return text


def strip_attribution(quote: str, language: Optional[str]) -> str:
    """An English quote without "according to X," / ", X reported." / hedges / frames."""
    text = quote.strip()
    lex = load_lexicon("reporting").get("en") or {}
    for hedge in sorted(lex.get("hedges") or [], key=len, reverse=True):
        text = re.sub(rf"(?i)^{re.escape(hedge)}\s*,?\s*", "", text)
        text = re.sub(rf"(?i),?\s*\b{re.escape(hedge)}\b\s*,?", " ", text)
    # "According to X, ..." at the start
    m = re.match(r"(?i)^(?:according to|as reported by|citing)\b[^,]{0,80},\s*", text)
    if m:
        text = text[m.end():]
    # "..., X reported on Thursday." / "..., according to X." at the end
    verbs = "|".join(sorted((re.escape(v) for v in lex.get("verbs") or []), key=len, reverse=True))
    m = re.search(rf"(?i),\s*(?:[^,]{{0,80}}\b(?:{verbs})\b[^,]{{0,40}}|according to [^,]{{0,80}})[.!]?$", text)
    if m:
        text = text[:m.start()]
    # "X said (that) ..." at the start
    # "said (on Thursday | in a statement | reporters) that": not "said the tank that exploded"
    between = r"(?:\s+(?:on|in|at|last|this|earlier|later|yesterday|today|reporters|journalists)(?:\s+[^\s,]+){0,2}?)?"
    m = (re.match(rf"(?i)^[^,]{{0,60}}\b(?:{verbs})\b{between}\s+that\s+", text)
         or re.match(rf"(?i)^[^,]{{0,60}}\b(?:{verbs})\b\s+", text))
    if m and len(text) - m.end() > 20:
        text = text[m.end():]
    text = re.sub(r"^(?:and|but|while|whereas)\s+", "", text, flags=re.I)
    for _ in range(2):  # "Within days, it has emerged that ..." peels twice
        text = _strip_frame(text)
        for hedge in sorted(lex.get("hedges") or [], key=len, reverse=True):
            text = re.sub(rf"(?i)^{re.escape(hedge)}\s*,?\s*", "", text)
    text = re.sub(r"\s{2,}", " ", text).strip(" ,;:")
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    if not text.endswith((".", "!", "\"", "”")):
        text += "."
    return text


_FRAGMENT_START = re.compile(r"(?i)^(?:and|but|or|which|who|whom|whose|that|while|whereas|as|after|when|because)\b")


def _is_fragment(c: EvidenceCandidate) -> bool:
    """An English clause that cannot stand alone: it starts mid-sentence without a subject."""
    quote = c.quote.strip()
    if not quote:
        return True
    if _FRAGMENT_START.match(quote) or quote[0].islower():
        return True
    return False


def statement_for(cands: list[EvidenceCandidate], actors: dict[str, Actor]) -> str:
    """One canonical English sentence for a group of evidence.

    In order: the cleanest complete English quote stating the claim's main event
    (attribution and discourse frames removed); an English template from the main event's
    frame when the clause syntax fills every slot with an actor of an allowed kind; an
    English fragment widened to its sentence; else the best evidence quote verbatim.
    """
    return _statement(cands, actors)[0]


def _main_event(cands: list[EvidenceCandidate]) -> Optional[str]:
    events = Counter(c.event for c in cands if c.event)
    if not events:
        return None
    return sorted(events, key=lambda e: (-events[e], event_order().get(e, 999), e))[0]


def span_key(c: EvidenceCandidate) -> tuple[str, int, int]:
    return (c.source, c.start, c.end)


def _statement(cands: list[EvidenceCandidate], actors: dict[str, Actor],
               central: Optional[dict] = None) -> tuple[str, list[str]]:
    """(statement, actor ids filling its frame's slots)."""
    if cands and (cands[0].event or "").startswith("role:"):
        role = (cands[0].event or "")[5:]
        name = _name(cands[0].actors[0], actors) if cands[0].actors else "Someone"
        former = any(c.values.get("role") == "former" for c in cands)
        return f"{name} {'was' if former else 'is'} {role}.", list(cands[0].actors[:1])
    main = _main_event(cands)
    fillers = _frame_fillers(cands, main, actors) if main else {}
    english, fragments = [], []
    for c in cands:
        if (c.language or "") != "en":
            continue
        clean = _focus(strip_attribution(c.quote, c.language), main)
        if len(clean.split()) < 3 or (main and main not in detect_events(clean, "en", "Latn")):
            continue
        rank = (c.stance != "affirms", not 40 <= len(clean) <= 240, len(clean), c.source, c.start, clean)
        if _is_fragment(c):
            fragments.append(c)
        else:
            english.append(rank)
    ids = sorted(set(fillers.values()))
    if english:
        return sorted(english)[0][-1], ids
    filled = _fill_template(cands, main, fillers, actors) if main else None
    if filled:
        return filled, ids
    for c in sorted(fragments, key=lambda c: (c.stance != "affirms", c.source, c.start)):
        sent = c.sentence
        if sent is None or not (sent.start <= c.start and c.end <= sent.end):
            continue
        wide = strip_attribution(sent.text[: c.end - sent.start], "en")
        if 4 <= len(wide.split()) and len(wide) <= 300 and not wide[:1].islower():
            return wide, ids
    return _verbatim(cands, main, central or {}), ids


def _verbatim(cands: list[EvidenceCandidate], main: Optional[str], central: dict) -> str:
    """The best evidence quote as written: states the main event, affirms, readable length."""
    def key(c: EvidenceCandidate):
        n = len(c.quote.strip())
        return (c.event != main, c.stance != "affirms", _is_fragment(c) if c.language == "en" else False,
                not 30 <= n <= 240, -central.get(span_key(c), 0.0), n, c.source, c.start)
    best = sorted(cands, key=key)[0] if cands else None
    return best.quote.strip() if best else ""


def _focus(text: str, event: Optional[str]) -> str:
    """A long English sentence cut down to the part that states `event`.

    "The cooperation is evidence of ... tension that began when air defences shot down a
    plane" -> "Air defences shot down a plane": cut at the last subordinator before the cue.
    """
    if len(text) <= 160 or not event:
        return text
    cues = (event_info().get(event, {}).get("cues") or {}).get("en") or []
    found = find_cues(cues, fold_str(text))
    if not found:
        return text
    pos = found[0][0]
    cuts = [m.end() for m in re.finditer(r"\b(?:when|that|after|because|since|as|while)\s+", text[:pos])]
    if not cuts or len(text) - cuts[-1] < 30:
        return text
    rest = text[cuts[-1]:]
    return rest[0].upper() + rest[1:]


def _name(actor_id: str, actors: dict[str, Actor]) -> str:
    actor = actors.get(actor_id)
    return actor.name if actor else actor_id


# ---------------------------------------------------------------------------------------
# Frames: who fills the subject and object of the main event
# ---------------------------------------------------------------------------------------

#: Passive auxiliaries: "X was arrested" (the patient precedes), "was warned by X".
_PASSIVE = {  # or the victim of it ("victime d'une cyberattaque")
    "en": r"\b(?:was|were|been|being|is|are|be|got|get)\s+(?:\w+ly\s+)?$|\bvictims?\s+of\s+(?:an?\s+|the\s+)?$",
    "de": r"\b(?:wurde|wurden|worden|ist|sind|war|waren)\b",
    "ru": r"\b(?:был|была|были|было)\s+$",
    "fr": r"\b(?:été|est|sont|était|étaient|fut|furent)\s+(?:\w+ment\s+)?$"
          r"|\bvictimes?\s+(?:de\s+|d['’]|du\s+|des\s+)(?:une?\s+|la\s+|l['’])?$",
    "es": r"\b(?:fue|fueron|sido|es|son|era|eran|está|están|estaba)\s+(?:\w+mente\s+)?$"
          r"|\bvíctimas?\s+de\s+(?:una?\s+|la\s+|el\s+)?$",
}
#: Turkish/Azerbaijani case endings after a name: accusative/dative mark the object.
_TR_OBJECT = re.compile(r"^['’]?(?:y?[ıiuüə]|y?[ae]|n[ıiuü])$")


#: A Turkish or Azerbaijani passive verb: "imzalandı", "imzalanacak", "düzenlendi", "vuruldu".
#: A Turkish or Azerbaijani subject participle ending a cue ("ölen", "hayatını kaybeden", "yaralanan",
#: "həyatını itirən"): the one it tells of is the noun after it.
_TR_PARTICIPLE = re.compile(r"\w{2,}(?:[ae]n|ən)$")
_TR_PASSIVE = re.compile(r"^\w+(?:[ıiuü]l|[aeə]n|[ıiuü]n)(?:d[ıiuü]|t[ıiuü]|[aeə]c[aeə][kq]|m[ıiuü]ş|[ıiuü]yor|m[ıiuü]r|ır|ir|ur|ür|d[ıiuü]ğ|[ıiuü]b)", re.I)


#: A relative clause right after a name: "X, who visited ...", "X, qui s'est rendu ...".
_RELATIVE = re.compile(r"^['’]?\w{0,3}\s*,\s*(?:who|qui|quien|que|который|которая|которые|الذي|التي|der|die)"
                       r"(?:\s+[^\W\d_][\w'’-]*){0,2}\s+$", re.I)


def relative_subject(c: EvidenceCandidate, event: str, actors: dict[str, Actor]) -> Optional[str]:
    """The name a relative clause telling `event` hangs on ("X, who visited the site, ..."):
    the doer of an event its sentence tells only in passing."""
    if (event_info().get(event) or {}).get("frame") != "agent":
        return None
    script = c.sentence.script if c.sentence else script_of(c.quote)
    folded, index = fold(c.quote)
    spans = event_spans(folded, languages_for(c.language, script), event)
    if not spans:
        return None
    cs = index[spans[0][0]]
    kinds = (event_info().get(event) or {}).get("slots", {}).get("subject") or []
    for s, e, a in _quote_mentions(c, actors):
        if e <= cs and a != c.attributed_to and actors[a].kind in kinds and _RELATIVE.match(c.quote[e:cs]):
            return a
    return None


#: Words joining two acts or two names ("X and Y").
AND_WORDS = frozenset({"and", "и", "و", "ve", "və", "und", "et", "y", "ile"})


def conjoined_acts(c: EvidenceCandidate, event: str, others: set[str]) -> bool:
    """The event and one of `others` are told as two acts joined by "and" ("postponed hundreds of
    operations and moved 27 patients"), not one inside the other ("expelled 3 diplomats on
    charges of spying")."""
    script = c.sentence.script if c.sentence and c.sentence.script else script_of(c.quote)
    folded = fold_str(c.quote)
    langs = languages_for(c.language, script)
    mine = event_spans(folded, langs, event)
    theirs = [sp for ev in sorted(others) for sp in event_spans(folded, langs, ev)]
    for a, b in mine:
        for x, y in theirs:
            between = TOKEN_RX.findall(folded[min(b, y):max(a, x)])
            if any(w in AND_WORDS or w.startswith("و") and len(w) > 3 for w in between):
                return True
    return False


def participle_doer(c: EvidenceCandidate, event: str, actors: dict[str, Actor]) -> Optional[str]:
    """The doer a participle names after a noun ("a deal brokered by X"): the doer of an event
    its sentence tells only in passing."""
    script = c.sentence.script if c.sentence else script_of(c.quote)
    folded, index = fold(c.quote)
    langs = languages_for(c.language, script)
    spans = event_spans(folded, langs, event)
    rules = load_lexicon("events").get("attributive") or {}
    agents = {w for lang in langs for w in (rules.get(lang) or {}).get("agent") or ()}
    for a, b in attributive(folded, langs):
        if not any(s <= a < e or a <= s < b for s, e in spans):
            continue
        by = re.match(r"\s+([^\W\d_]+)\s", folded[b:])  # the agent word ("by", "par", "por")
        by = by if by and by.group(1) in agents else None
        done = index[min(b + by.end(), len(folded)) - 1] + 1 if by else None
        for s, _e, who in _quote_mentions(c, actors) if done is not None else ():
            if s >= done and who != c.attributed_to and _within(words_between(c.quote, done, s), BY_REACH):
                return who
    return None


def _within(gap: Optional[int], most: int) -> bool:
    return gap is not None and gap <= most


#: The passive's doer: "by X", "von X", "par X", "por X", "X tarafından", "من قبل X".
_AGENT = {"en": r"\bby\s+(?:the\s+)?$", "de": r"\b(?:von|vom|durch)\s+(?:der|dem|den|des)?\s*$",
          "fr": r"\bpar\s+(?:l[ae]\s+|les\s+|l')?$", "es": r"\bpor\s+(?:el\s+|la\s+|los\s+|las\s+)?$",
          "ar": r"من\s+قبل\s+$"}
#: "by X" right after an event's words ("brokered by X", "négocié par X", "mediado por X").
_BY_NEXT = {"en": r"^\s+by\s", "fr": r"^\s+par\s", "es": r"^\s+por\s", "de": r"^\s+(?:von|vom|durch)\s"}
#: Words (a title, an article) between "by" and the doer's name: "by Belarusian President X".
BY_REACH = 5
#: A German passive: werden, not sein ("ist angekommen" is a perfect).
_DE_PASSIVE = r"\b(?:wurde|wurden|worden|wird|werden)\b"


def passive_doer(c: EvidenceCandidate, event: str, actors: dict[str, Actor]) -> tuple[bool, Optional[str]]:
    """(the clause tells `event` in the passive, its doer when an agent phrase names one):
    in "X was accused" or "Ihm wird vorgeworfen" the first name given is no doer."""
    script = c.sentence.script if c.sentence else script_of(c.quote)
    lang = languages_for(c.language, script)[0]
    rx = _DE_PASSIVE if lang == "de" else _PASSIVE.get(lang)
    if not rx:
        return False, None
    folded, index = fold(c.quote)
    spans = event_spans(folded, languages_for(c.language, script), event)
    if not spans:
        return False, None
    head = c.quote[:index[spans[0][0]]]
    done = index[spans[0][1] - 1] + 1
    if lang in _BY_NEXT and re.match(_BY_NEXT[lang], c.quote[done:], re.I):
        # "a deal brokered by X", "mediation by X": the doer follows the event, with or
        # without an auxiliary before it
        for s, _e, a in _quote_mentions(c, actors):
            if s >= done and a != c.attributed_to and _within(words_between(c.quote, done, s), BY_REACH):
                return True, a
    if lang == "de":
        # the auxiliary of this verb: within its phrase ("wurde von X vermittelt", "vermittelt
        # wurde"), not of another ("bekannt gegeben wurde, dass ... vermittelt")
        cs, ce = spans[0]
        if not any(_within(words_between(folded, e, cs), 6) or _within(words_between(folded, ce, s), 1)
                   for s, e in ((m.start(), m.end()) for m in re.finditer(rx, folded))):
            return False, None
    elif not re.search(rx, head[-40:], re.I):
        return False, None
    for s, e, a in _quote_mentions(c, actors):
        if a == c.attributed_to:
            continue
        if lang == "tr" and re.match(r"['’]?\w*\s+tarafından\b", c.quote[e:]):
            return True, a
        if lang in _AGENT and re.search(_AGENT[lang], c.quote[max(0, s - 30):s], re.I):
            return True, a
    return True, None


def _quote_mentions(c: EvidenceCandidate, actors: dict[str, Actor]) -> list[tuple[int, int, str]]:
    """(start, end, actor id) of actor mentions inside the quote, offsets relative to it."""
    out: set[tuple[int, int, str]] = set()
    for a in c.actors:
        actor = actors.get(a)
        if actor is None:
            continue
        found = False
        for m in actor.mentions:
            if m.source == c.source and m.start >= c.start and m.end <= c.end:
                out.add((m.start - c.start, m.end - c.start, a))
                found = True
        if not found:  # mentions not recorded (e.g. hand-built actors): look for the names
            names = sorted({actor.name} | {al.name for al in actor.aliases}, key=len, reverse=True)
            for name in names:
                for m in re.finditer(re.escape(name), c.quote):
                    out.add((m.start(), m.end(), a))
    # drop mentions nested in longer ones
    spans = sorted(out, key=lambda t: (t[0], -t[1], t[2]))
    kept: list[tuple[int, int, str]] = []
    for t in spans:
        if kept and t[0] < kept[-1][1]:
            continue
        kept.append(t)
    return kept


def _suffix(quote: str, end: int, mention_text: str) -> str:
    """A Turkish-style case ending right after (or at the end of) a mention."""
    m = re.match(r"['’][^\W\d_]{1,4}", quote[end:])
    if m:
        return m.group(0)
    m = re.search(r"['’][^\W\d_]{1,4}$", mention_text)
    return m.group(0) if m else ""


#: French and Spanish verbs that take no object, their cue last: the one they tell of stands before them.
_NO_OBJECT = re.compile(r"(?<!\w)(?:murió|murieron|falleció|fallecieron|resultó\s+\w+|resultaron\s+\w+|perdió\s+la\s+vida|"
                        r"perdieron\s+la\s+vida|est\s+morte?|sont\s+mort(?:e|s|es)?|est\s+décédée?|sont\s+décédé(?:e|s|es)?|"
                        r"a\s+péri|ont\s+péri|a\s+succombé|ont\s+succombé)$", re.I)
#: Words naming one of several ("others, including X, died"), then up to three words (a title).
_INCLUDING = re.compile(r"(?<!\w)(?:including|among them|в том числе|включая|بينهم|بمن فيهم|darunter|unter ihnen|"
                        r"dont|parmi eux|entre ellos|incluido|incluida)\s+(?:\S+\s+){0,3}$", re.I)
#: A German finite auxiliary opening the verb's bracket, then up to three words (a title) before
#: a name: the name is the subject the participle at the bracket's end tells of.
_DE_BRACKET = re.compile(r"(?<!\w)(?:ist|sind|war|waren|wurde|wurden)\s+(?:\S+\s+){0,3}$", re.I)


#: The same auxiliary right after a name opening the clause: "X ist am Sonntag ... ums Leben gekommen".
_DE_V2 = re.compile(r"\s+(?:ist|sind|war|waren|wurde|wurden)\s", re.I)


def _opens_clause(quote: str, m: tuple[int, int, str], ments: list[tuple[int, int, str]]) -> bool:
    """The name opens the clause (four words at most before it), or closes a list that does:
    "Der Präsident X und sein Außenminister Y sind ... ums Leben gekommen"."""
    if len(TOKEN_RX.findall(quote[:m[0]])) <= 4:
        return True
    return any(len(TOKEN_RX.findall(quote[:o[0]])) <= 4 and o[1] <= m[0]
               and any(w.lower() in AND_WORDS for w in TOKEN_RX.findall(quote[o[1]:m[0]]))
               and len(TOKEN_RX.findall(quote[o[1]:m[0]])) <= 4 for o in ments if o is not m)


#: "Among the dead", "среди погибших", "unter den Toten": who is named next is one of them.
_AMONG = re.compile(r"(?<!\w)(?:among|amongst|среди|серед|unter|parmi|entre)\s+(?:(?:the|those|den|les|los|las)\s+)?$",
                    re.I)
#: What may stand between the cue and that name: a dash or colon, a verb, a title.
_AMONG_GAP = re.compile(r"\s*(?:[—–:-]\s*)?(?:[^\W\d_]+\s+){0,7}", re.I)
#: Kin named before a name are the ones counted, not the name ("the wife and daughter of X").
_KIN = re.compile(r"(?<!\w)(?:wife|husband|son|daughter|family|brother|sister|mother|father|children|жена|муж|сын|дочь|"
                  r"семья|брат|сестра|мать|отец|дети|дружина|чоловік|син|дочка|донька|сім'я|мати|батько|діти|frau|sohn|"
                  r"tochter|familie|bruder|schwester|mutter|vater|kinder|femme|mari|fils|fille|famille|frère|sœur|mère|"
                  r"père|enfants|esposa|esposo|hijo|hija|familia|hermano|hermana|madre|padre|hijos)(?!\w)", re.I)


def _among(quote: str, cs: int, ce: int, ments: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The name right after "among the dead" (the cue from `cs` to `ce`), if any."""
    if not _AMONG.search(quote[:cs]):
        return []
    after = min((m for m in ments if m[0] >= ce), default=None)
    gap = quote[ce:after[0]] if after else ""
    return [after] if after and _AMONG_GAP.fullmatch(gap) and not _KIN.search(gap) else []


#: "And" (then an auxiliary or an adverb) right before the verb: it shares the subject that
#: opens the clause ("X boarded the helicopter and died", "X befand sich an Bord und kam ums Leben").
_AND_BEFORE = re.compile(r"(?<!\w)(?:and|und|и|і|та|et|y|və)\s+(?:(?:was|were|has|have|had|then|later|also|"
                         r"kam|kamen|ist|sind|wurde|wurden|war|waren|dann|später|ebenfalls|был|была|были|затем|"
                         r"позже|вскоре|также|тоже|також|потім|a|ont|est|sont|été|puis|fue|fueron|ha|han|luego|"
                         r"también)\s+){0,2}$", re.I)
#: Verbs of dying, which take no object ("and killed three people" names the killer first).
_DIED = re.compile(r"(?:died|dies|perished|drowned|lost\s|ums\s+leben|starb|verstarb|verstorb|gestorb|umgekommen|"
                   r"ertrunk|ertrank|vefat|погиб|скончал|утонул|загину|помер|murió|murieron|falleci|perdi|mort|"
                   r"décéd|péri|succomb|noy|ahogad)", re.I)


def _and_subject(quote: str, cs: int, ments: list[tuple[int, int, str]]) -> Optional[tuple[int, int, str]]:
    """The name opening the clause (after at most four words, a title) when the verb at `cs`
    follows "and": the subject of both verbs."""
    first = min(ments, default=None)
    if first is None or first[1] > cs or not _AND_BEFORE.search(quote[:cs]):
        return None
    return first if len(TOKEN_RX.findall(quote[:first[0]])) <= 4 else None


#: An apposition right after a name: ", the president of Y," (at most eight words, no other break).
_APPOSITION = re.compile(r"\s*[,،]\s*([^,;:،؛()\[\]\"“”«»—–]{1,80}?)\s*[,،]\s*")
#: A comma after a name: it closes an apposition the name is ("the president of Y, X, died"),
#: or sets off a Turkish or Azerbaijani subject ("X, dün ... hayatını kaybetti").
_COMMA = re.compile(r"\s*[,،]\s*")
_TITLE_BEFORE = re.compile(r"([^,;:،؛()\[\]\"“”«»—–]*?)\s*[,،]\s*", re.S)


#: How far into a clause (characters) a name set off by an apposition may start.
_APPOSED_REACH = 120


def _apposed(quote: str, cs: int, ments: list[tuple[int, int, str]], lang: str) -> Optional[tuple[int, int, str]]:
    """The name an apposition sets off as the subject of the verb at `cs`: it opens the clause
    (a title of at most four words before it) and the verb follows within a few words."""
    for m in sorted(ments):
        if m[1] > cs or m[0] > _APPOSED_REACH:
            break  # the name opens the clause: a title of a few words at most before it
        head, between = quote[:m[0]], quote[m[1]:cs]
        opens = len(TOKEN_RX.findall(head)) <= 4 and not PHRASE_BREAK.search(head)
        app, comma, title = _APPOSITION.match(between), _COMMA.match(between), _TITLE_BEFORE.fullmatch(head)
        if opens and app and len(TOKEN_RX.findall(app.group(1))) <= (14 if opens_relative(app.group(1), lang) else 8):
            rest = m[1] + app.end()
        elif comma and (title and 0 < len(TOKEN_RX.findall(title.group(1))) <= 6 or opens and lang in ("tr", "az")):
            rest = m[1] + comma.end()
        else:
            continue
        if _within(words_between(quote, rest, cs), 8 if lang in ("tr", "az") else 3) \
                and not any(rest <= o[0] < cs for o in ments):
            return m
    return None


def nominal_patient(c: EvidenceCandidate, nouns: dict, kinds: list[str], actors: dict[str, Actor]) -> Optional[str]:
    """Who a noun of an event names right after it ("the death of President X", "гибели X",
    "وفاة الرئيس X"): a title of at most four words between, no phrase break."""
    script = c.sentence.script if c.sentence else script_of(c.quote)
    folded, index = fold(c.quote)
    ments = [m for m in _quote_mentions(c, actors) if m[2] != c.attributed_to and actors[m[2]].kind in kinds]
    for lang in languages_for(c.language, script):
        for _s, e in find_cues(nouns.get(lang) or [], folded):
            end = index[e - 1] + 1
            after = [m for m in ments if m[0] >= end and _within(words_between(c.quote, end, m[0]), 4)]
            if after:
                return min(after)[2]
    return None


def opener_spans(info: dict, langs: tuple[str, ...], folded: str) -> list[tuple[int, int]]:
    """Where an event's openers (events.yml `openers`: "opened", "أمر") stand in a folded clause."""
    openers = info.get("openers") or {}
    return find_cues([w for lg in langs for w in openers.get(lg) or []], folded) if openers else []


#: Words an opener ("opened", "أمر") may stand before its cue: a verb-first language names the
#: one who opens the investigation between them ("أمر رئيس الأركان اللواء X تحقيقاً").
_OPENER_REACH = {"ar": 7}


# Long: one branch per word order (English, German, Turkic, Arabic, others) over shared helpers.
def clause_frame(c: EvidenceCandidate, event: str, actors: dict[str, Actor], at: int = 0,
                 alone: bool = False) -> dict[str, str]:
    """Slot -> actor id for `event` in one evidence clause, read from word order.

    Only mentions of the kinds events.yml allows for a slot, close to the event cue and
    not across a phrase break, fill a slot; speakers (attributed_to) and outlets never do.
    The event's first cue is read first, then the next ("died in the crash that killed X").
    """
    info = event_info().get(event) or {}
    frame, kinds = info.get("frame"), info.get("slots") or {}
    if frame not in ("agent", "patient") or "subject" not in kinds:
        return {}
    quote = c.quote
    script = c.sentence.script if c.sentence else script_of(quote)
    langs = languages_for(c.language, script)
    lang = langs[0]
    folded, index = fold(quote)
    spans = event_spans(folded, langs, event)
    if len(spans) <= at:
        return {}
    cs, ce = index[spans[at][0]], index[spans[at][1] - 1] + 1
    ments = [m for m in _quote_mentions(c, actors)
             if m[2] != c.attributed_to and actors[m[2]].kind != "outlet"]

    def gap(a: int, b: int) -> Optional[int]:
        return words_between(quote, a, b) if a <= b else None

    def near_before(limit: int, pool=None) -> list[tuple[int, int, str]]:
        pool = ments if pool is None else pool
        found = [m for m in pool if m[1] <= cs and (gap(m[1], cs) or 0) <= limit and gap(m[1], cs) is not None]
        return sorted(found, key=lambda m: -m[1])

    def near_after(limit: int, pos: int = ce, pool=None) -> list[tuple[int, int, str]]:
        pool = ments if pool is None else pool
        found = [m for m in pool if m[0] >= pos and gap(pos, m[0]) is not None and gap(pos, m[0]) <= limit]
        return sorted(found, key=lambda m: m[0])

    def allowed(slot: str, m) -> bool:
        return m is not None and actors[m[2]].kind in (kinds.get(slot) or [])

    subj = obj = None
    head = quote[:cs]
    passive = bool(_PASSIVE.get(lang) and re.search(_PASSIVE[lang], head[-40:] if lang != "de" else quote, re.I))
    opened = [(s, e) for s, e in opener_spans(info, langs, folded)
              if _within(words_between(folded, e, spans[at][0]), info.get("opener_reach") or _OPENER_REACH.get(lang, 3))
              or _within(words_between(folded, spans[at][1], s), 3)]
    if frame == "agent" and opened:  # "X called Y's revolt treason": the doer is named before the verb of naming
        cs, ce = index[opened[0][0]], index[opened[0][1] - 1] + 1
    if frame == "patient" and opened:
        # "X opened an investigation into Y": the one it happens to is named after the cue
        pool = near_after(3) if lang not in ("tr", "az", "de", "fa") else []
        subj = next((m for m in pool if allowed("subject", m)), None)
    elif frame == "patient":
        if lang == "en":
            # "killed X" names the patient after the verb, "X died" before it
            pool = near_before(3) if passive else near_after(3) + near_before(2)
        elif lang in ("tr", "az") and _TR_PARTICIPLE.search(quote[cs:ce] + re.match(r"\w*", quote[ce:]).group(0)):
            pool = near_after(3)  # "kazada hayatını kaybeden Bakan X": the participle's noun comes after it
        elif lang in ("tr", "az", "de", "fa"):
            pool = near_before(6 if lang == "fa" else 4)
            if lang == "fa":  # verb-final: or the first named after "که" ("که X، ...، و Y ... جان باختند")
                opens = quote.rfind(" که ", 0, cs)
                pool += [m for m in ments if opens < m[0] and m[1] <= cs and allowed("subject", m)
                         and not re.match(r"\s*را(?!\w)", quote[m[1]:])][:1]
            if lang == "de":  # the verb's bracket: "ist Irans Präsident X bei einem Absturz ums Leben gekommen"
                pool += [m for m in near_before(12) if _DE_BRACKET.search(quote[:m[0]])
                         or _DE_V2.match(quote[m[1]:]) and _opens_clause(quote, m, ments)]
        elif lang == "ar":
            pool = near_after(3) or near_before(1)
        elif lang in ("fr", "es"):
            # "X a été limogé" names the patient before the verb, "a limogé X" after it; a verb
            # with no object tells of the one before it ("X murió", "X resultó herida")
            alone_verb = bool(_NO_OBJECT.search(quote[:ce]))
            pool = near_before(3) if passive or alone_verb else near_after(3)
            if alone_verb and not passive:  # or after it: "murió el ministro X", "perdió la vida su ministro de Y, X"
                pool += near_after(3) + [m for m in ments if ce <= m[0] <= ce + _APPOSED_REACH
                                         and _TITLE_BEFORE.fullmatch(quote[ce:m[0]])
                                         and len(TOKEN_RX.findall(quote[ce:m[0]])) <= 7]
        else:
            # a name right after the verb or its noun is what it happens to ("уволил Беляева",
            # "об освобождении Беляева"), whoever is named before it
            pool = near_after(0) + near_before(3) + near_after(3)
        # a name inside the verb's own phrase ("освободил Беляева от должности") is its patient,
        # as is one a subject names among others right before the verb ("others, including X, died")
        pool = [m for m in ments if cs <= m[0] and m[1] <= ce] + _among(quote, cs, ce, ments) + pool + [
            m for m in ments if m[1] <= cs and re.fullmatch(r"\s*[,،]\s*", quote[m[1]:cs]) and _INCLUDING.search(quote[:m[0]])]
        subj = next((m for m in pool if allowed("subject", m)), None)
        if subj is None and lang not in ("tr", "az", "ar") and (passive or _DIED.match(quote[cs:ce])):
            subj = _and_subject(quote, cs, [m for m in ments if allowed("subject", m)])
    elif lang in ("tr", "az"):
        before = near_before(3)
        obj = next((m for m in before if _TR_OBJECT.match(_suffix(quote, m[1], quote[m[0]:m[1]]))), None)
        rest = [m for m in ments if m[1] <= (obj[0] if obj else cs) and m != obj
                and not _TR_OBJECT.match(_suffix(quote, m[1], quote[m[0]:m[1]]))]
        subj = rest[0] if rest else None
        if _TR_PASSIVE.match(re.match(r"\w*", quote[cs:]).group(0)):
            # "anlaşmalar ... imzalanacak": a passive verb names its doer only with "tarafından"
            by = re.search(r"\s+(?:tarafından|tərəfindən)\b", quote[:cs])
            subj = next((m for m in reversed(ments) if by and m[1] <= by.start() and (gap(m[1], by.start()) or 0) == 0), None)
    elif lang == "fa":
        # verb-final: the doer first, the object before the verb marked by "را" ("X Y را متهم کرد")
        before = [m for m in ments if m[1] <= cs]
        obj = next((m for m in reversed(before) if re.match(r"\s*را(?!\w)", quote[m[1]:])), None)
        subj = next((m for m in before if m != obj), None)
    elif lang == "ar":
        pre = near_before(1)
        # a topicalised subject opening the clause ("لافروف ، في الوقت نفسه ، انتقد واشنطن"):
        # the clause's first mention, with no other mention before the verb
        lead = [m for m in ments if m[1] <= cs]
        topic = lead[0] if len(lead) == 1 and not re.search(r"[^\W\d_]", quote[:lead[0][0]].replace("و", "", 1)) else None
        if pre or topic:
            subj = pre[0] if pre else topic
            obj = next(iter(near_after(3)), None)
        else:
            post = near_after(2)
            subj = post[0] if post else None
            obj = next(iter(near_after(3, subj[1]) if subj else []), None)
    elif passive and lang == "en":
        m = re.match(r"\s+by\s+", quote[ce:])
        subj = next(iter(near_after(0, ce + m.end())), None) if m else None
    else:
        pre = near_before(3)
        subj = pre[0] if pre else None
        obj = next(iter(near_after(3)), None)
    if subj is None and (not passive if frame == "agent" else passive or lang in ("tr", "az") or bool(
            _DIED.match(quote[cs:ce]) or _NO_OBJECT.search(quote[:ce]))):
        # "X, the president of Y, died", "the president of Y, X, died": past an apposition
        subj = _apposed(quote, cs, [m for m in ments if allowed("subject", m)], lang)
        if subj is not None and frame == "agent" and obj is None:
            obj = next(iter(near_after(3)), None)
    if subj is None and frame == "agent":
        subj = next((m for m in ments if m[1] <= cs and _RELATIVE.match(quote[m[1]:cs])), None)
    out = {}
    if allowed("subject", subj):
        out["subject"] = subj[2]
        if obj is not None and obj[2] != subj[2] and allowed("object", obj):
            out["object"] = obj[2]
    return out or (clause_frame(c, event, actors, at + 1) if not alone and at + 1 < min(len(spans), 3) else {})


def each_cue_subject(c: EvidenceCandidate, event: str, actors: dict[str, Actor]) -> list[str]:
    """The subject word order gives at each of the event's cues in the clause after the first
    (up to three): "X died in the crash that killed Y" tells of Y too."""
    script = c.sentence.script if c.sentence else script_of(c.quote)
    cues = len(event_spans(fold(c.quote)[0], languages_for(c.language, script), event))
    out = []
    for at in range(1, min(cues, 3)):  # most clauses tell their event once: nothing more to read
        found = clause_frame(c, event, actors, at, alone=True).get("subject")
        if found and found not in out:
            out.append(found)
    return out


def _frame_fillers(cands: list[EvidenceCandidate], main: str, actors: dict[str, Actor]) -> dict[str, str]:
    """The slot fillers most evidence items of the main event agree on."""
    subjects: Counter = Counter()
    pairs: Counter = Counter()
    for c in cands:
        if c.event != main:
            continue
        frame = clause_frame(c, main, actors)
        if "subject" in frame:
            subjects[frame["subject"]] += 1
            if "object" in frame:
                pairs[(frame["subject"], frame["object"])] += 1
    if not subjects:
        return _sole_patient(cands, main, actors)
    subject = sorted(subjects, key=lambda a: (-subjects[a], a))[0]
    out = {"subject": subject}
    objects = sorted(((n, o) for (s_, o), n in pairs.items() if s_ == subject), key=lambda t: (-t[0], t[1]))
    if objects:
        out["object"] = objects[0][1]
    return out


def _sole_patient(cands: list[EvidenceCandidate], main: str, actors: dict[str, Actor]) -> dict[str, str]:
    """The subject of a patient event ("X was charged") when word order names none (a
    pronoun clause, a phrase break) but every item stating it names the same single actor
    of an allowed kind, and nobody else of that kind."""
    info = event_info().get(main) or {}
    kinds = (info.get("slots") or {}).get("subject") or []
    if info.get("frame") != "patient" or not kinds:
        return {}
    found: set[str] = set()
    stating = [c for c in cands if c.event == main and c.stance == "affirms"]
    for c in stating:
        fit = {a for a in c.actors if a != c.attributed_to and a in actors and actors[a].kind in kinds}
        if len(fit) != 1:
            return {}
        found |= fit
    return {"subject": found.pop()} if len(found) == 1 and len(stating) >= 2 else {}


_SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve"]


def _fill_template(cands: list[EvidenceCandidate], main: str, fillers: dict[str, str],
                   actors: dict[str, Actor]) -> Optional[str]:
    info = event_info().get(main) or {}
    slots = {k: _name(v, actors) for k, v in fillers.items()}
    count_slot = info.get("count")
    if count_slot:
        counts = Counter(c.values[count_slot] for c in cands if c.event == main and count_slot in c.values
                         and c.stance == "affirms")
        if counts:
            n = int(sorted(counts, key=lambda v: (-counts[v], int(v)))[0])
            if n > 1:
                slots["count"] = _SMALL[n] if n < len(_SMALL) else str(n)
    topic = _topic(cands, main)
    if topic:
        slots["topic"] = topic
    for template in info.get("templates") or []:
        needed = re.findall(r"{(\w+)}", template)
        if needed and all(slots.get(n) for n in needed):
            text = template.format(**{n: slots[n] for n in needed})
            return text[0].upper() + text[1:]
    return None


def _topic(cands: list[EvidenceCandidate], main: str) -> Optional[str]:
    """What the main event was about, as an English noun phrase ("a coup attempt" for a
    foiled coup), when most affirming items of the main event name the same topic event."""
    stating = [c for c in cands if c.event == main and c.stance == "affirms"]
    if not stating:
        return None
    seen: Counter = Counter()
    for c in stating:
        script = c.sentence.script if c.sentence else None
        for ev in sorted(set(clause_events(c, script)) - {main}):
            if event_info()[ev].get("noun"):
                seen[ev] += 1
    if not seen:
        return None
    best = sorted(seen, key=lambda e: (-seen[e], event_order().get(e, 999), e))[0]
    return event_info()[best]["noun"] if 2 * seen[best] > len(stating) else None


def state_as_patient(c: EvidenceCandidate, event: str, actors: dict[str, Actor]) -> bool:
    """A clause that tells what happened to a state and no person ("Ruritania was detained"):
    a misreading, not a fact of the story."""
    info = event_info().get(event) or {}
    if info.get("frame") != "patient":
        return False
    script = c.sentence.script if c.sentence and c.sentence.script else script_of(c.quote)
    if opener_spans(info, languages_for(c.language, script), fold_str(c.quote)):
        return False  # "Swedish police opened an investigation": the state's police open it
    inside, kinds = [], set()
    for a in c.actors:
        if a not in actors or a == c.attributed_to:
            continue
        here = [(m.start, m.end, actors[a].kind) for m in actors[a].mentions
                if m.source == c.source and c.start <= m.start < c.end]
        inside += here
        if not here:
            kinds.add(actors[a].kind)  # carried from the clause before
    inside.sort()
    # a state named after a body as whose it is ("ФСБ России") is not what it happens to
    kinds |= {k for i, (s, _e, k) in enumerate(inside)
              if not (k == "state" and i and inside[i - 1][2] == "organization" and inside[i - 1][1] + 1 >= s)}
    return "state" in kinds and "person" not in kinds


def included(c: EvidenceCandidate, first: str, actors: dict[str, Actor]) -> list[str]:
    """The people named after "including" or "among them" (a title between) once `first` is
    named: "the death of X and six others, among them Minister Y" tells of Y too."""
    ments = _quote_mentions(c, actors)
    start = min((m[0] for m in ments if m[2] == first), default=None)
    if start is None:
        return []
    end = min(e for s, e, a in ments if a == first and s == start)
    out = []
    for s, _e, a in ments:
        lead = _INCLUDING.search(c.quote[:s]) if s > start and a != first and actors[a].kind == "person" else None
        # the words between: the rest of the list ("and seven others,", "وثمانية آخرين"), no break
        if lead and lead.start() >= end and len(TOKEN_RX.findall(c.quote[end:lead.start()])) <= 5 \
                and not re.search(r"[;:.!?()]", c.quote[end:lead.start()]):
            out.append(a)
    return out

