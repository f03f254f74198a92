"""Figures: where a figure was counted, and which incident a measure is of."""
from __future__ import annotations

from typing import Optional

from dossier.extract.cues import event_info, event_spans, find_cues, languages_for, numbers_in, words_between
from dossier.extract.kinds import said_where
from dossier.extract.parties import state_of
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
    home = story.place if story.place in actors and actors[story.place].kind == "state" else state_of(story.place, actors)
    abroad = sorted(a for a in c.actors if home and a in actors and actors[a].kind == "state" and a != home
                    and a != c.attributed_to and said_where(c, actors[a]) and _counted_at(c, actors[a], value))
    return abroad[0] if len(abroad) == 1 else story.place


def _counted_at(c: EvidenceCandidate, actor: Actor, value: Optional[str]) -> bool:
    """The place is named before the figure, or right after it ("810 morts en Syrie"), not
    further on about something else ("2.818 immeubles ..., aux centaines de morts en Syrie")."""
    script = c.sentence.script if c.sentence and c.sentence.script else script_of(c.quote)
    folded, index = fold(c.quote)
    at = [index[start] for _i, v, start in numbers_in(folded, languages_for(c.language, script))
          if value is not None and str(v) == value]
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
