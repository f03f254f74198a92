"""Features: what grouping compares about one evidence item, and how well two items agree.

The regex work on a quote (`quote_features`) depends on its text and language only, so it is
done once per quote, and can be handed back from an earlier run (`add_quote_features`).
`pair_score` weighs the cosine of two quotes' sentence vectors with their shared events,
actors, numbers and dates.
"""
from __future__ import annotations

from typing import Optional

from dossier.extract.cues import SUBJECT_FIRST, detect_events, event_info, event_positions, languages_for
from dossier.text.fold import fold_str
from dossier.model import EvidenceCandidate
from dossier.text import script_of

#: A pair of evidence items from different sources is the same claim at or above this.
THRESHOLD = 0.55

#: (quote, language, sentence script) -> what `Feat` reads of a quote's wording; filled
#: by `quote_features` and, across runs, by `add_quote_features`.
_QUOTE_FEATURES: dict[tuple, tuple] = {}


def add_quote_features(found: dict[tuple, tuple]) -> None:
    """Take quote features (`quote_features` items) kept from an earlier run."""
    _QUOTE_FEATURES.update(found)


def quote_features(cand: EvidenceCandidate) -> tuple[tuple, tuple]:
    """(key, (events detected in the quote, event positions or None)) of a candidate:
    the regex work of grouping, which depends on the quote's text and language only."""
    script = cand.sentence.script if cand.sentence else None
    key = (cand.quote, cand.language, script)
    hit = _QUOTE_FEATURES.get(key)
    if hit is None:
        langs = languages_for(cand.language, script if cand.sentence else script_of(cand.quote))
        positions = None if langs[0] in SUBJECT_FIRST else tuple(event_positions(fold_str(cand.quote), langs))
        hit = _QUOTE_FEATURES[key] = (tuple(detect_events(cand.quote, cand.language, script)), positions)
    return key, hit


class Feat:
    """What grouping compares about one candidate."""

    __slots__ = ("events", "actors", "key_actors", "values", "date", "source", "start", "cls", "weak",
                 "leading")

    def __init__(self, cand: EvidenceCandidate, kinds: Optional[dict[str, str]] = None):
        self.source = cand.source
        self.start = cand.start
        _key, (detected, positions) = quote_features(cand)
        events = list(detected)
        if cand.event and cand.event not in events:
            events = [cand.event] + events
        if cand.event and events and events[0] != cand.event:
            events = [cand.event] + [e for e in events if e != cand.event]
        self.events = events
        self.actors = frozenset(a for a in cand.actors if a != cand.attributed_to)
        # people and organisations say more about which fact this is than countries do
        kinds = kinds or {}
        self.key_actors = frozenset(a for a in self.actors if kinds.get(a, "person") in ("person", "organization"))
        self.values = dict(cand.values)
        self.date = cand.date
        info = event_info()
        self.cls = info.get(events[0], {}).get("class") if events else None
        self.weak = bool(info.get(events[0], {}).get("weak")) if events else False
        # events told before the main predicate, in a language that puts its subject first
        # and its topic after the verb: a nominal subject ("the warning foiled the plot")
        self.leading: frozenset = frozenset()
        if events and positions is not None:
            pos = positions
            main_at = min((p for p, ev in pos if ev == events[0]), default=None)
            if main_at is not None:
                self.leading = frozenset(ev for p, ev in pos if p < main_at and ev != events[0])


def feat_signature(f: Feat) -> tuple:
    """Everything grouping reads of one item, in a canonical form (sets sorted)."""
    return (tuple(f.events), tuple(sorted(f.actors)), tuple(sorted(f.key_actors)), tuple(sorted(f.values.items())),
            f.date, f.source, f.start, f.cls, f.weak, tuple(sorted(f.leading)))


def event_sim(a: Feat, b: Feat) -> float:
    """How far two items state the same event, in [0, 1] (0: never the same claim)."""
    if not a.events or not b.events:
        return 0.0
    if a.events[0] == b.events[0]:
        return 1.0
    if a.events[0] in b.events or b.events[0] in a.events:
        info = event_info()
        if bool(info[a.events[0]].get("attach")) != bool(info[b.events[0]].get("attach")):
            # casualties of one incident against another incident's main event: deaths are
            # mentioned with many incidents, so this alone says little
            return 0.4
        return 0.7
    if a.cls is not None and a.cls == b.cls:
        if a.cls == "communicate":
            # two exchanges between the same parties about the same topic ("warned of a coup"
            # / "discussed the coup when they met") are one claim told two ways
            info = event_info()
            topic_a = {e for e in a.events if info[e].get("class") != "communicate"}
            topic_b = {e for e in b.events if info[e].get("class") != "communicate"}
            if topic_a & topic_b:
                return 0.8
        return 0.45
    if set(a.events) & set(b.events):
        return 0.25
    return 0.0


def _actor_sim(a: Feat, b: Feat) -> float:
    x, y = (a.key_actors, b.key_actors) if a.key_actors and b.key_actors else (a.actors, b.actors)
    if not x or not y:
        return 0.15  # unknown: weakly against, so nameless clauses need a closer match
    shared = len(x & y)
    return 0.5 * shared / len(x | y) + 0.5 * shared / min(len(x), len(y))


def pair_score(a: Feat, b: Feat, cosine: float) -> float:
    """How likely two evidence items state the same claim, in [0, 1]."""
    ev = event_sim(a, b)
    if ev == 0.0:
        return 0.0  # never on wording alone
    if a.weak or b.weak:
        ev *= 0.6
    cos = min(1.0, max(0.0, (cosine - 0.15) / 0.5))
    score = 0.3 * cos + 0.4 * ev + 0.3 * _actor_sim(a, b)
    shared = set(a.values) & set(b.values)
    if any(a.values[k] == b.values[k] for k in shared):
        score += 0.08
    if a.date and b.date:
        if a.date == b.date:
            score += 0.05
        elif len(a.date) == 10 and len(b.date) == 10:
            score -= 0.15  # two different days: two different events
    if a.source == b.source:
        score *= 0.9  # a source repeating itself needs a closer match
    return max(0.0, min(1.0, score))
