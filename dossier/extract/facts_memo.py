"""Clause readings (`facts.read`) kept per document through the `Reuse` seam.

Reading every clause again is most of what grouping costs when one document is added, and
almost every document reads as before. A document's readings are kept under a key made of
everything `facts.read` looks at for its clauses: the clauses themselves, the story they
are read in (its number, incident and place; what it asked of the story's counts is kept
with the readings and asked again on a hit), each named actor as
the clause sees it (its fields, its mentions in this document only, and whether two
documents name it), the table of
states (an organisation's state is found by name), and the predicate and event lexicons in
use (the project's content/predicates.yml included). The package's code and lexicons
version the memo itself. Equal keys, equal readings: a hit is the reading made again.
"""
from __future__ import annotations

from dataclasses import fields, replace
from operator import attrgetter
from typing import Any, Callable, Optional

from dossier.extract import predicate_lexicon
from dossier.extract.cues import event_info
from dossier.extract.reuse import Reuse
from dossier.model import Actor, EvidenceCandidate, Sentence

#: Bump when what a reading depends on changes in a way the key above does not show.
_FORMAT = "read-8"

_ACTOR_FIELDS = tuple(f.name for f in fields(Actor) if f.name not in ("mentions", "roles"))


def _lexicons() -> str:
    """The predicate and event lexicons in use, package and project merged."""
    return repr((predicate_lexicon.lexicon(), event_info()))


def _states(actors: dict[str, Actor]) -> list:
    """Every state as a reading may look it up (by its one-word name, or as a party's state)."""
    return [_actor(a) for _id, a in sorted(actors.items()) if a.kind == "state"]


def _actor(actor: Actor) -> tuple:
    """What a reading may see of an actor but its mentions: all but its roles."""
    return tuple(getattr(actor, f) for f in _ACTOR_FIELDS)


def _mentions(actors: dict[str, Actor]) -> dict[tuple[str, str], list[tuple[int, int, str]]]:
    """(source id, actor id) -> the actor's mentions in that document (a reading looks at
    those of its own document only): made once, a popular actor has thousands."""
    out: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
    for a, actor in actors.items():
        for m in actor.mentions:
            out.setdefault((m.source, a), []).append((m.start, m.end, m.text))
    return out


def _seen(c: EvidenceCandidate, story: Any, actors: dict[str, Actor], mentions: dict, known: dict,
          key: Callable[..., str]) -> list:
    """The actors one clause's reading may look at, as it sees them (None: not an actor);
    `known`: the key of each actor's fields but its mentions (and of its state's), made once."""
    ids = set(c.actors) | {c.attributed_to, story.place}
    out = []
    for a in sorted(i for i in ids if i):
        actor = actors.get(a)
        if actor is None:
            out.append((a, None))
            continue
        if a not in known:
            state = actors.get(actor.state) if actor.state else None
            # whether two documents name it: an unsure name one document writes is no doer (facts.read)
            named_twice = len({m.source for m in actor.mentions}) >= 2
            known[a] = key(_actor(actor), None if state is None else _actor(state), named_twice)
        out.append((a, known[a], mentions.get((c.source, a))))
    return out


class _Watched:
    """A story as one document's reading sees it: its number, incident and place (in the
    key), and the answers `minor_place`, `most_named_state`, `common_noun`, `referent` and `shared_year` gave
    (checked again on a hit: a document added to a large story changes its counts, seldom
    these answers). Anything else read of it makes the reading one not to keep."""

    _KEYED = ("number", "incident", "place")

    def __init__(self, story: Any):
        self._story, self.asked, self.opaque = story, [], False

    def __getattr__(self, name: str) -> Any:
        if name not in self._KEYED:
            self.opaque = True
        return getattr(self._story, name)

    def shared_year(self, _unused: None = None) -> Any:
        answer = self._story.shared_year()
        self.asked.append(("shared_year", None, answer))
        return answer

    def minor_place(self, place: str) -> bool:
        answer = self._story.minor_place(place)
        self.asked.append(("minor_place", place, answer))
        return answer

    def most_named_state(self, _unused: None = None) -> Any:
        answer = self._story.most_named_state()
        self.asked.append(("most_named_state", None, answer))
        return answer

    def common_noun(self, noun: str) -> bool:
        answer = self._story.common_noun(noun)
        self.asked.append(("common_noun", noun, answer))
        return answer

    def referent(self, noun_class: str) -> Optional[str]:
        answer = self._story.referent(noun_class)
        self.asked.append(("referent", noun_class, answer))
        return answer


def _clause(c: EvidenceCandidate) -> tuple:
    """Every field of a clause (its sentence's too), as plain data: quicker to key than its repr."""
    return tuple(_sentence(v) if f == "sentence" else v for f, v in zip(_CANDIDATE_FIELDS, _values(c)))


_CANDIDATE_FIELDS = tuple(f.name for f in fields(EvidenceCandidate))
_values = attrgetter(*_CANDIDATE_FIELDS)
_SENTENCE_FIELDS = tuple(f.name for f in fields(Sentence))
_sentence_values = attrgetter(*_SENTENCE_FIELDS)


def _sentence(s: Optional[Sentence]) -> Optional[tuple]:
    return None if s is None else _sentence_values(s)


def readings(cands: list[EvidenceCandidate], story_of: dict, fallback: Any, actors: dict[str, Actor],
             read: Callable[[EvidenceCandidate, Any, dict], list], memo: Optional[Reuse]) -> list[list]:
    """`read(c, story, actors)` for every candidate, in order (candidates of one document
    together); each document's readings from `memo` when it was read before alike."""
    if memo is None:
        return [read(c, story_of.get(c.source, fallback), actors) for c in cands]
    common = memo.key(_FORMAT, _lexicons(), _states(actors))
    mentions = _mentions(actors)
    known: dict[str, tuple] = {}
    out: list[list] = []
    start = 0
    while start < len(cands):
        source = cands[start].source
        end = start
        while end < len(cands) and cands[end].source == source:
            end += 1
        out.extend(_document(cands[start:end], story_of.get(source, fallback), actors, read, memo, common,
                             (mentions, known, memo.key)))
        start = end
    return out


def _document(cands: list[EvidenceCandidate], story: Any, actors: dict[str, Actor], read: Callable,
              memo: Reuse, common: str, seen: tuple) -> list[list]:
    """One document's readings, kept without their clause and story (given back as the
    objects of this run) and with the questions they asked of the story."""
    key = memo.key(_FORMAT, common, (story.number, story.incident, story.place),
                   [(_clause(c), _seen(c, story, actors, *seen)) for c in cands])
    kept = memo.get(key)
    if kept is not None and len(kept) == 2 and len(kept[1]) == len(cands) \
            and all(getattr(story, ask)(arg) == answer for ask, arg, answer in kept[0]):
        return [[replace(item, cand=c, story=story if told else None) for item, told in found]
                for c, found in zip(cands, kept[1])]
    watched = _Watched(story)
    out = [read(c, watched, actors) for c in cands]
    if watched.opaque or any(item.cand is not c or item.story not in (None, watched)
                             for c, found in zip(cands, out) for item in found):
        return [[replace(item, story=story) if item.story is watched else item for item in found] for found in out]
    memo.put(key, (watched.asked, [[(replace(item, cand=None, story=None), item.story is not None) for item in found]
                                   for found in out]))
    return [[replace(item, story=story) if item.story is not None else item for item in found] for found in out]
