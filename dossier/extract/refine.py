"""The clean-up passes after clustering, so that a reader sees each fact, and each disagreement, once.

`settle` splits off the members that do not share their claim's event frame and moves each
item to the claim it scores best with; `tidy` merges claims that state one frame and lets a
clause witness a second fact (see `refine`). Each joins items only through scored pairs,
which is what lets grouping refine each part of the score graph on its own.
"""
from __future__ import annotations

import heapq
from collections import Counter
from typing import Optional

from dossier.extract.cues import event_info, event_order
from dossier.extract.features import THRESHOLD, Feat, event_sim
from dossier.text.lexicon import load_lexicon

#: An encoder match this close ties two items to one claim even without a shared frame.
STRONG_COSINE = 0.8
#: Two claims with the same frame merge when their members' average pair score reaches this.
MERGE_SCORE = THRESHOLD - 0.1
#: How far (in characters) a pronoun clause may be from the clause naming its antecedent.
PRONOUN_REACH = 400


def _pair(d: dict[tuple[int, int], float], i: int, j: int) -> float:
    return d.get((i, j) if i < j else (j, i), 0.0)


def _frame_of(cl: list[int], feats: list[Feat]) -> tuple[Optional[str], list[str]]:
    """(main event, frame actors) of a cluster: the commonest main event, and the actors
    that hold it together: the person or organisation named in at least half of its
    members, and, for an event that happens to things rather than people (a plane shot
    down, a coup foiled), also the state named in at least half."""
    events = Counter(feats[i].events[0] for i in cl if feats[i].events)
    main = sorted(events, key=lambda e: (-events[e], event_order().get(e, 999), e))[0] if events else None
    slots = (event_info().get(main or "", {}).get("slots") or {}).get("subject") or []
    pools = [lambda f: f.key_actors] + ([] if "person" in slots else [lambda f: f.actors - f.key_actors])
    out: list[str] = []
    for pool in pools:
        who = Counter(a for i in cl for a in sorted(pool(feats[i])))
        if who:
            top = sorted(who, key=lambda a: (-who[a], a))[0]
            if 2 * who[top] >= len(cl):
                out.append(top)
    return main, out


def _fits(i: int, cl: list[int], feats: list[Feat], cosines: dict, relaxed: bool = False,
          frame: Optional[tuple] = None) -> bool:
    """Whether item i shares the event frame of cluster `cl` (i may or may not be in it).

    The frame is the cluster's main event (or, for exchanges, the same exchange told another
    way) and its frame actors; an item naming no one fits when it is a pronoun clause next
    to a member of its own source. Without frame actors the item must match a member by
    wording, count or date; a very close encoder match always fits. `relaxed`: the item may
    state the main event in passing (it is not its own main event). `frame`: the cluster's
    `_frame_of`, when the caller has it and i is not a member.
    """
    others = [j for j in cl if j != i]
    if not others:
        return True
    if any(_pair(cosines, i, j) >= STRONG_COSINE for j in others):
        return True
    main, actors = frame if frame is not None and len(others) == len(cl) else _frame_of(others, feats)
    f = feats[i]
    if main is None or not f.events:
        return False
    # its own main event, not one it mentions in passing ("discussed when they met" is
    # not a meeting claim), or the same exchange told another way
    same_event = f.events[0] == main or (relaxed and main in f.events) or any(
        event_sim(f, feats[j]) >= 0.8 for j in others if feats[j].events[:1] == [main])
    if not same_event:
        return False
    close = (STRONG_COSINE + THRESHOLD) / 2
    if event_info().get(main, {}).get("weak"):
        # a vague predicate (relations, plans) is no frame: only close wording ties items
        return any(_pair(cosines, i, j) >= close for j in others)
    if actors:
        if any(a in f.actors for a in actors):
            return True
        # naming nobody ("his arrest was confirmed"): a pronoun for the actor when the same
        # source names the actor in this claim, or when the wording is close
        # (a clause counting people, "50 were arrested", speaks of others, not of the actor)
        if f.key_actors or any(k in f.values for k in load_lexicon("counts")):
            return False
        return any(_near(f, feats[j]) or _pair(cosines, i, j) >= close for j in others)
    # nobody holds the claim together: the wording, a shared count or a shared date has to
    for j in others:
        g = feats[j]
        if _pair(cosines, i, j) >= close:
            return True
        if any(f.values.get(k) == v for k, v in g.values.items() if k != "manner"):
            return True
        if f.date and f.date == g.date and len(f.date) >= 7:
            return True
    return False


def _near(f: Feat, g: Feat) -> bool:
    """Whether two items are close in one document (a pronoun can point from one to the other)."""
    return f.source == g.source and f.start is not None and g.start is not None and abs(f.start - g.start) <= PRONOUN_REACH


def refine(clusters: list[list[int]], feats: list[Feat], scores: dict, cosines: dict) -> list[list[int]]:
    """Clean up clusters so that a reader sees each fact, and each disagreement, once.

    1. split off members that do not share the claim's event frame (catch-all groups);
    2. move each item to the claim it scores best with on average (a clause stating two
       facts sits in one claim only); between claims it fits about equally, prefer the one
       its source is not yet in (a second witness says more than a repetition);
    3. merge claims with the same event and main actor whose wording agrees;
    4. a clause whose source already witnesses its claim elsewhere may witness instead a
       second fact it states in passing, for a claim its source is not yet in.
    Deterministic: items and clusters are visited in index order. Steps 1-2 are `settle`,
    steps 3-4 `tidy`.
    """
    return tidy(settle(clusters, feats, scores, cosines), feats, scores, cosines)


def settle(clusters: list[list[int]], feats: list[Feat], scores: dict, cosines: dict) -> list[list[int]]:
    """Steps 1 and 2 of `refine` (with the split repeated after the moves).

    Like clustering, they only ever join an item to a claim it averages THRESHOLD with, hence
    through a pair scoring at least THRESHOLD: each component of the pairs scoring that much
    (a core, see `dossier.extract.grouping`) can be settled on its own, with the same result."""
    clusters = _split_misfits(sorted(sorted(cl) for cl in clusters), feats, scores, cosines)
    return _split_misfits(_reassign(clusters, feats, scores, cosines), feats, scores, cosines)


def tidy(clusters: list[list[int]], feats: list[Feat], scores: dict, cosines: dict) -> list[list[int]]:
    """Steps 3 and 4 of `refine` (with the split repeated after the merges)."""
    neighbours = _neighbours(scores)
    clusters = _split_misfits(_merge_frames(clusters, feats, scores, cosines, neighbours), feats, scores, cosines)
    return _second_witness(clusters, feats, scores, cosines, neighbours)


def _neighbours(scores: dict) -> dict[int, set[int]]:
    """Item -> the items it has a scored pair with."""
    neighbours: dict[int, set[int]] = {}
    for (i, j), _s in scores.items():
        neighbours.setdefault(i, set()).add(j)
        neighbours.setdefault(j, set()).add(i)
    return neighbours


def _split_misfits(cls: list[list[int]], feats: list[Feat], scores: dict, cosines: dict) -> list[list[int]]:
    """Step 1 of `refine`: members that do not share their claim's frame go on their own."""
    out: list[list[int]] = []
    for cl in cls:
        keep = list(cl)
        changed = True
        while changed and len(keep) > 1:
            changed = False
            bad = [i for i in keep if not _fits(i, keep, feats, cosines)]
            if bad:
                # drop the worst-linked misfit first: the frame may change without it
                worst = min(bad, key=lambda i: (sum(_pair(scores, i, j) for j in keep if j != i), -i))
                keep.remove(worst)
                out.append([worst])
                changed = True
        out.append(sorted(keep))
    return sorted(out)


def _reassign(cls: list[list[int]], feats: list[Feat], scores: dict, cosines: dict) -> list[list[int]]:
    """Step 2 of `refine`: each item moves to the claim it scores best with on average."""
    # each item's scored pairs, in member order
    near_scores = {i: [(j, scores[(i, j) if i < j else (j, i)]) for j in sorted(js)]
                   for i, js in _neighbours(scores).items()}
    owner = {i: ci for ci, cl in enumerate(cls) for i in cl}
    groups = [set(cl) for cl in cls]
    frames: dict[int, tuple] = {}  # cluster -> its _frame_of, until it changes

    def frame(ci: int) -> tuple:
        if ci not in frames:
            frames[ci] = _frame_of(sorted(groups[ci]), feats)
        return frames[ci]

    for _round in range(3):
        moved = False
        # items left on their own choose a home first: otherwise a member of a claim
        # can be drawn away by one strong pair with a loner, splitting the claim
        for i in sorted(owner, key=lambda i: (len(groups[owner[i]]) > 1, i)):
            own = owner[i]
            # i's summed score with each claim, over its scored pairs in member order
            # (the unscored members add 0.0: the same sums as over every member)
            summed: dict[int, float] = {}
            for j, s in near_scores.get(i, ()):
                o = owner[j]
                summed[o] = summed.get(o, 0) + s

            def link(ci: int) -> float:
                n = len(groups[ci]) - (1 if i in groups[ci] else 0)
                return summed.get(ci, 0) / n if n else 0.0

            def new_source(ci: int) -> bool:
                return all(feats[j].source != feats[i].source for j in groups[ci] if j != i)

            own_link = link(own)
            options = []
            for ci in sorted(summed.keys() - {own}):  # the claims of i's scored pairs
                lk = link(ci)
                if lk >= THRESHOLD and _fits(i, sorted(groups[ci]), feats, cosines, frame=frame(ci)):
                    options.append((lk + (0.05 if new_source(ci) else 0.0), ci))
            if not options:
                continue
            best_key, best = max(options, key=lambda t: (t[0], -t[1]))
            own_key = own_link + (0.05 if new_source(own) and len(groups[own]) > 1 else 0.0)
            if len(groups[own]) == 1 or best_key > own_key + 0.02:
                groups[own].discard(i)
                groups[best].add(i)
                owner[i] = best
                frames.pop(own, None)
                frames.pop(best, None)
                moved = True
        if not moved:
            break
    return sorted(sorted(g) for g in groups if g)


def _second_witness(cls: list[list[int]], feats: list[Feat], scores: dict, cosines: dict,
                    neighbours: dict[int, set[int]]) -> list[list[int]]:
    """Step 4 of `refine`: a clause whose source already states its claim in another clause
    may instead witness a second fact it states in passing, for a claim its source is not yet in."""
    owner = {i: ci for ci, cl in enumerate(cls) for i in cl}
    groups = [set(cl) for cl in cls]
    for i in sorted(owner):
        own = owner[i]
        src = feats[i].source
        if not any(feats[j].source == src for j in groups[own] if j != i):
            continue
        options = []
        for ci in sorted({owner[j] for j in neighbours.get(i, ())} - {own}):
            if any(feats[j].source == src for j in groups[ci]):
                continue
            main, _actors = _frame_of(sorted(groups[ci]), feats)
            # only an action between parties (a frame in events.yml) that the clause leads
            # with as its nominal subject ("the warning foiled the plot"), not a topic
            info = event_info().get(main or "") or {}
            if main not in feats[i].leading or info.get("weak") or not info.get("frame"):
                continue
            lk = sum(_pair(scores, i, j) for j in sorted(groups[ci])) / len(groups[ci])
            if lk >= MERGE_SCORE and _fits(i, sorted(groups[ci]), feats, cosines, relaxed=True):
                options.append((lk, -ci))
        if options:
            _lk, neg = max(options)
            groups[own].discard(i)
            groups[-neg].add(i)
            owner[i] = -neg
    return sorted(sorted(g) for g in groups if g)


def _merge_frames(cls: list[list[int]], feats: list[Feat], scores: dict, cosines: dict,
                  adjacent: Optional[dict[int, set[int]]] = None) -> list[list[int]]:
    """Merge claims with one frame (same main event and actor), best pair first.

    Two claims merge when the smaller one's members all fit the larger, their values do not
    clash and their members score at least MERGE_SCORE on average. Claims with no scored
    pair between them average 0, so only claims linked in the score graph are candidates;
    after a merge only the pairs involving the new claim are evaluated again (a heap keeps
    the rest), so the cost follows the number of scored pairs, not claims squared. Ties go
    to the first pair in (event, claim, claim) order, claims compared by their members.
    """
    clusters: dict[tuple, tuple[Optional[str], list[str]]] = {}
    owner: dict[int, tuple] = {}
    for cl in cls:
        key = tuple(sorted(cl))
        clusters[key] = _frame_of(list(key), feats)
        for i in key:
            owner[i] = key
    if adjacent is None:  # item -> the items it has a scored pair with
        adjacent = {}
        for i, j in scores:
            adjacent.setdefault(i, set()).add(j)
            adjacent.setdefault(j, set()).add(i)

    def linked(key: tuple) -> set[tuple]:
        return {owner[j] for i in key for j in adjacent.get(i, ()) if owner[j] != key}

    heap: list[tuple] = []

    def consider(x: tuple, y: tuple) -> None:
        if y < x:
            x, y = y, x
        ev = clusters[x][0]
        if ev is None or ev != clusters[y][0]:
            return
        small, large = (x, y) if len(x) <= len(y) else (y, x)
        if not all(_fits(i, list(large), feats, cosines, frame=clusters[large]) for i in small):
            return
        if not _values_compatible(list(x), list(y), feats):
            return
        pairs = [_pair(scores, i, j) for i in x for j in y]
        avg = sum(pairs) / len(pairs)
        if avg >= MERGE_SCORE:
            heapq.heappush(heap, (-avg, ev, x, y))

    for x in sorted(clusters):
        for y in linked(x):
            if x < y:
                consider(x, y)
    while heap:
        _neg, _ev, x, y = heapq.heappop(heap)
        if x not in clusters or y not in clusters:
            continue  # one of them has merged since
        del clusters[x], clusters[y]
        merged = tuple(sorted(x + y))
        clusters[merged] = _frame_of(list(merged), feats)
        for i in merged:
            owner[i] = merged
        for other in sorted(linked(merged)):
            consider(merged, other)
    return sorted(list(k) for k in clusters)


def _values_compatible(x: list[int], y: list[int], feats: list[Feat]) -> bool:
    """False when two clusters give different counts for the same slot (two incidents)."""
    counts = load_lexicon("counts")
    for slot in counts:
        vx = {feats[i].values[slot] for i in x if slot in feats[i].values}
        vy = {feats[i].values[slot] for i in y if slot in feats[i].values}
        if vx and vy and not vx & vy:
            return False
    return True
