"""Figures: where a figure was counted, and which incident a measure is of."""
from __future__ import annotations

import re
from typing import Optional

from dossier.extract.cues import TOKEN_RX, event_info, event_spans, find_cues, languages_for, numbers_in, words_between
from dossier.extract.kinds import said_where
from dossier.extract.parties import LIST_AND, state_of
from dossier.extract.stories import Story
from dossier.extract.units import magnitudes_of
from dossier.model import Actor, EvidenceCandidate
from dossier.text import script_of
from dossier.text.fold import fold, fold_str


def place(c: EvidenceCandidate, story: Story, actors: dict[str, Actor], value: Optional[str] = None) -> Optional[str]:
    """Where a figure was counted: the story's place, unless the clause names a city few of
    the story's documents name (a second blast elsewhere), or names another state than the
    story's as where it was counted ("in Syria"); a state named otherwise is mostly a
    nationality or an origin ("an Azerbaijani plane") and never splits a story."""
    here = sorted(a for a in c.actors if a in actors and actors[a].kind == "place" and a != c.attributed_to
                  and a != story.place and story.minor_place(a) and said_where(c, actors[a]))
    if here:
        return here[0]
    # a figure counted in another state than the story's ("En Syrie, 810 personnes ont été tuées",
    # "в Турции погибли"): a disaster across a border has a toll per state
    home = _home(story, actors)
    abroad = sorted(a for a in c.actors if home and a in actors and actors[a].kind == "state" and a != home
                    and a != c.attributed_to and said_where(c, actors[a]) and _counted_at(c, actors[a], value))
    return abroad[0] if len(abroad) == 1 else story.place


def _home(story: Story, actors: dict[str, Actor]) -> Optional[str]:
    """The story's state: its place's, else (a city the gazetteer places in no state) the state
    most of its documents name."""
    if story.place in actors and actors[story.place].kind == "state":
        return story.place
    return state_of(story.place, actors) or story.most_named_state()


def placed(c: EvidenceCandidate, story: Story, actors: dict[str, Actor], value: str) -> list[tuple[str, Optional[str]]]:
    """(figure, where it was counted) of a clause's figure: the one figure at its `place`, or,
    where the clause gives one figure per state it names and this is one of them ("3,549 in
    Turkey and 1,602 in Syria", "в Турции – 1014, в Сирии – 403"), each figure at its state's
    (the story's own state's at the story's place). A measure ("7.8") is never split."""
    split = _per_state(c, story, actors)
    if not any(v == value for v, _p in split):
        return [(value, place(c, story, actors, value))]
    return split


#: What may stand between a state and its figure: up to six words, a dash or a colon, no comma
#: and no "and" (the figure after "and" is the next state's: "3,549 in Turkey and 1,602 in Syria").
_STATE_GAP = re.compile(r"[,;.()\[\]\"،؛]")
#: A figure's next part ("1 014", "3 bin 381", "5 тыс.", "4 آلاف") or its previous one.
_IN_PARTS = re.compile(r"[\s\u00a0\u202f]+(?:\d{3}(?!\d)|(?:bin|тыс|тысяч|тисяч|млн|mil|mille|thousand|tausend|"
                       r"million|milyon|ألف|آلاف|الف|مليون)\w*)", re.I)
_IN_PARTS_BEFORE = re.compile(r"\d[\s\u00a0\u202f]+$")
_GAP_AND = LIST_AND | {"while", "whereas", "а"}


def _per_state(c: EvidenceCandidate, story: Story, actors: dict[str, Actor]) -> list[tuple[str, Optional[str]]]:
    """(figure, place) of each state the clause names where something is, paired with the
    nearest figure beside it; none unless two states or more each have a figure of their own."""
    states = sorted(a for a in set(c.actors) if a in actors and actors[a].kind == "state" and a != c.attributed_to
                    and said_where(c, actors[a]))
    if len(states) < 2:
        return []
    script = c.sentence.script if c.sentence and c.sentence.script else script_of(c.quote)
    folded, index = fold(c.quote)
    figures = []
    for _i, v, start in numbers_in(folded, languages_for(c.language, script)):
        tok = TOKEN_RX.match(folded, start)
        end = index[tok.end() - 1] + 1 if tok else index[start] + 1
        if _IN_PARTS.match(c.quote, end) or _IN_PARTS_BEFORE.search(c.quote[:index[start]]):
            return []  # a figure written in parts ("1 014", "3 bin 381"): read whole elsewhere
        figures.append((index[start], end, str(v)))
    pairs = []
    for a in states:
        for m in actors[a].mentions:
            ms, me = m.start - c.start, m.end - c.start
            if m.source != c.source or not 0 <= ms < len(c.quote):
                continue
            for k, (fs, fe, _v) in enumerate(figures):
                gap = c.quote[me:fs] if fs >= me else c.quote[fe:ms] if fe <= ms else None
                words = TOKEN_RX.findall(gap) if gap is not None else None
                if words is not None and len(words) <= 6 and not _STATE_GAP.search(gap) \
                        and not any(w.lower() in _GAP_AND for w in words):
                    pairs.append((len(words), k, a))
    taken: dict[str, int] = {}
    for _n, k, a in sorted(pairs):
        if a not in taken and k not in taken.values():
            taken[a] = k
    if len(taken) < 2 or len({figures[k][2] for k in taken.values()}) < 2:
        return []
    home = _home(story, actors)
    return [(figures[k][2], story.place if a == home else a) for a, k in sorted(taken.items(), key=lambda t: t[1])]


def _whole(quote: str, at: int) -> str:
    """The digits of a figure written in groups from `at` ("2 718", "4.062"): "2718"."""
    m = re.match(r"\d{1,3}(?:[\s\u00a0\u202f.,]\d{3})*(?!\d)", quote[at:])
    return re.sub(r"\D", "", m.group(0)) if m else ""


def _counted_at(c: EvidenceCandidate, actor: Actor, value: Optional[str]) -> bool:
    """The place is named before the figure, or right after it ("810 morts en Syrie"), not
    further on about something else ("2.818 immeubles ..., aux centaines de morts en Syrie")."""
    script = c.sentence.script if c.sentence and c.sentence.script else script_of(c.quote)
    folded, index = fold(c.quote)
    at = [index[start] for _i, v, start in numbers_in(folded, languages_for(c.language, script))
          if value is not None and (str(v) == value or _whole(c.quote, index[start]) == value)]
    if not at:
        return False
    for m in actor.mentions:
        ms = m.start - c.start
        if m.source == c.source and 0 <= ms < len(c.quote):
            if ms < at[0] or (n := words_between(c.quote, at[-1], ms)) is not None and n <= 4:
                return True
    return False


def measures(c: EvidenceCandidate, pred: Optional[str], value: str) -> list[tuple[str, bool]]:
    """The clause's figures of a measure whose event tells of later incidents (events.yml
    `later`: magnitudes), each with whether it is a later one's: every figure after the first,
    and the first after words of a later incident ("suivi d'un autre d'une magnitude de 7,6",
    "The magnitude 7.7 and 7.6 quakes"); else the one figure, the story's own."""
    later = (event_info().get(pred or "") or {}).get("later") or {}
    if not later:
        return [(value, False)]
    script = c.sentence.script if c.sentence and c.sentence.script else script_of(c.quote)
    langs = languages_for(c.language, script)
    folded = fold_str(c.quote)
    found = magnitudes_of(folded, event_spans(folded, langs, pred or ""))
    cues = [e for lang in langs for _s, e in find_cues(later.get(lang) or [], folded)]
    return [(v, k > 0 or any(e <= at for e in cues)) for k, (at, v) in enumerate(found)] or [(value, False)]
