"""Analysis: a claim's status, its independent origins, who-cites-whom and time order."""
from __future__ import annotations

from bisect import bisect_left
from typing import Optional

from dossier.model import Actor, Claim, EvidenceCandidate, Origin, Source
from dossier.text.names import name_key, normalize_surface, same_name


def assess(claim: Claim, sources: Optional[dict[str, Source]] = None) -> str:
    """The claim's status (one of CLAIM_STATUSES).

    "contested" when sources disagree: different values for the claim's slot (12 vs 15
    killed, current vs former), or some items affirm while others deny; "updated" when the
    figures only rise with the reports' dates (a toll revised upwards is news, not a
    contradiction); "corroborated" when two or more independent origins agree (once
    `claim.origins` is computed; before that, two or more sources); else "single-source".
    A count's figure per source is the highest it gives: a report that also quotes an
    earlier, lower toll does not contradict itself.
    """
    values = set(figures(claim).values())
    stances = {e.stance for e in claim.evidence}
    if len(values) > 1 or len(stances) > 1:
        if len(stances) == 1 and sources is not None and rising(claim, sources):
            return "updated"
        return "contested"
    independent = len(claim.origins) if claim.origins else len({e.source for e in claim.evidence})
    if independent >= 2:
        return "corroborated"
    return "single-source"


#: The value of an act told as still to come ("will visit"): it never disagrees with the act told as done.
PLANNED = "planned"


def _is_count(claim: Claim) -> bool:
    return claim.frame is not None and claim.frame.slot == "count"


def figures(claim: Claim) -> dict[tuple[str, int], str]:
    """The value each evidence item stands for: for a count, its source's highest figure;
    for a yes-no claim whose sources tell how ("phone call"), the details only."""
    top: dict[str, int] = {}
    if _is_count(claim):
        for e in claim.evidence:
            if e.value is not None and e.value.isdigit():
                top[e.source] = max(top.get(e.source, 0), int(e.value))
    detailed = claim.frame is not None and claim.frame.slot == "yes-no" and any(
        e.value not in (None, "yes", "no", PLANNED) for e in claim.evidence)
    acted = any(e.value not in (None, PLANNED) for e in claim.evidence)
    out = {}
    for i, e in enumerate(claim.evidence):
        if e.value is None or detailed and e.value == "yes" or acted and e.value == PLANNED:
            continue  # a plain "yes" agrees with any detail of how it happened; a plan, with the act
        out[(e.source, i)] = str(top[e.source]) if e.source in top else e.value
    return out


def reported_on(e, sources: dict[str, Source]) -> Optional[str]:
    """When a value was given: the date its report was published (else the date it states)."""
    src = sources.get(e.source)
    return (src.published if src is not None and src.published else None) or e.date


def rising(claim: Claim, sources: dict[str, Source]) -> bool:
    """Every figure is a number with a report date, and a later report never gives less."""
    if not _is_count(claim):
        return False
    per_source: dict[str, tuple[Optional[str], int]] = {}
    for e in claim.evidence:
        if e.value is None or not e.value.isdigit():
            return False
        prev = per_source.get(e.source)
        per_source[e.source] = (reported_on(e, sources), max(int(e.value), prev[1] if prev else 0))
    dated = sorted((w, v) for w, v in per_source.values() if w is not None)
    # an undated report can be placed only if a dated one gives its very figure
    if any(w is None and v not in {dv for _w, dv in dated} for w, v in per_source.values()):
        return False
    # two figures on one day are a disagreement, not an update
    by_day: dict[str, set[int]] = {}
    for when, v in dated:
        by_day.setdefault(when, set()).add(v)
    if any(len(v) > 1 for v in by_day.values()):
        return False
    return all(a[1] <= b[1] for a, b in zip(dated, dated[1:]))


def disagreements(claim: Claim) -> dict[str, list[str]]:
    """Who says what: value (or stance) -> sorted source ids, when the claim is contested."""
    out: dict[str, set[str]] = {}
    given = figures(claim)
    if len(set(given.values())) > 1:
        for (source, _i), value in given.items():
            out.setdefault(value, set()).add(source)
    if len({e.stance for e in claim.evidence}) > 1:
        for e in claim.evidence:
            out.setdefault(e.stance, set()).add(e.source)
    return {k: sorted(v) for k, v in sorted(out.items())}


def cites(candidates: list[EvidenceCandidate]) -> list[str]:
    """Sorted unique actor ids a document attributes information to."""
    return sorted({c.attributed_to for c in candidates if c.attributed_to})


# ---------------------------------------------------------------------------------------
# Independence: who-cites-whom and a claim's independent origins
# ---------------------------------------------------------------------------------------

#: Actor kinds that can be where a relayed piece of information comes from.
ORIGIN_ACTOR_KINDS = ("outlet", "organization", "person", "state")


def publishers(sources: dict[str, Source], actors: dict[str, Actor]) -> dict[str, list[str]]:
    """Actor id -> sorted ids of the sources in the dossier that actor publishes.

    A source's stated `publisher` (a name, any script) is matched to an outlet or
    organization by its name or one of its aliases, spelling-insensitively.
    """
    # index every word-prefix of every outlet's name key, so each publisher is compared
    # only with the few actors it could be (linear in sources and actors, not their product)
    index: dict[str, set[str]] = {}
    for aid, actor in actors.items():
        if actor.kind in ("outlet", "organization"):
            for name in [actor.name, *(a.name for a in actor.aliases)]:
                for key in _prefix_keys(name):
                    index.setdefault(key, set()).add(aid)
    out: dict[str, list[str]] = {}
    for sid in sorted(sources):
        publisher = sources[sid].publisher
        if not publisher:
            continue
        candidates = set().union(*(index.get(k, set()) for k in _prefix_keys(publisher)))
        for aid in sorted(candidates):
            actor = actors[aid]
            if any(_same_publisher(publisher, n) for n in [actor.name, *(a.name for a in actor.aliases)]):
                out.setdefault(aid, []).append(sid)
    return out


def _prefix_keys(name: str) -> list[str]:
    words = name_key(name).split()
    return [" ".join(words[:k]) for k in range(1, len(words) + 1)]


def _same_publisher(publisher: str, name: str) -> bool:
    a, b = normalize_surface(publisher), normalize_surface(name)
    if a == b:
        return True
    # "Kommersant" names "Kommersant Daily": a stated publisher may be the actor's full name.
    if a.startswith(b + " ") or b.startswith(a + " "):
        return True
    return same_name(publisher, name)


def cite_graph(claims: list[Claim]) -> dict[str, list[str]]:
    """Who cites whom: source id -> sorted actor ids its evidence is attributed to."""
    out: dict[str, set[str]] = {}
    for claim in claims:
        for e in claim.evidence:
            if e.attributed_to:
                out.setdefault(e.source, set()).add(e.attributed_to)
    return {k: sorted(v) for k, v in sorted(out.items())}


def origins(claim: Claim, sources: dict[str, Source], actors: dict[str, Actor],
            published_by: Optional[dict[str, list[str]]] = None) -> list[Origin]:
    """A claim's independent origins, each with the sources that relay it and the chain.

    Per source, the origin of its evidence is the actor the evidence is attributed to (an
    outlet, organization, person or state); a source that attributes the claim somewhere
    counts its unattributed restatements of it as the same relay. When that actor
    publishes another source in the dossier that states the claim, the chain goes on
    through that source (and its own attributions). Otherwise the source is its own
    origin. Sources relaying one origin count once: four articles relaying one newspaper
    are one origin. Each relaying source keeps its shortest chain to each origin. Ordering
    is deterministic (by kind, then id).
    """
    if published_by is None:
        published_by = publishers(sources, actors)
    # A copy or translation relays its original: its evidence counts as the original's.
    copied = {s: original_of(s, sources) for s in sorted({e.source for e in claim.evidence})}
    by_source: dict[str, set[str]] = {}
    for e in claim.evidence:
        targets = by_source.setdefault(copied[e.source], set())
        actor = actors.get(e.attributed_to) if e.attributed_to else None
        if actor is not None and actor.kind in ORIGIN_ACTOR_KINDS and not _publishes(actor.id, e.source, published_by):
            targets.add(actor.id)
    ordered = sorted(by_source)

    def trace(start: str) -> list[list[str]]:
        """The shortest chain from `start` to each origin its evidence comes from, breadth
        first: every path would be exponential in relays that cite each other."""
        chains, frontier, reached = [], [[start]], {start}
        while frontier:
            later = []
            for path in frontier:
                source_id = path[-1]
                actors_ = sorted(by_source.get(source_id, ()))
                if not actors_:
                    chains.append(path)
                for actor_id in actors_:
                    published = published_by.get(actor_id, [])  # sorted, as `ordered`: walk the shorter
                    if len(published) <= len(ordered):
                        relayed = [s for s in published if s in by_source and s not in path]
                    else:
                        relayed = [s for s in ordered if s not in path and _listed(published, s)]
                    if not relayed:
                        chains.append(path + [actor_id])
                    for other in relayed:
                        if other not in reached:  # reached already by a chain as short: its origins are found there
                            reached.add(other)
                            later.append(path + [actor_id, other])
            frontier = later
        return chains

    stating = set(copied.values()) & set(copied)
    copies_of: dict[str, list[str]] = {}
    for copy, original in copied.items():
        if copy != original:
            copies_of.setdefault(original, []).append(copy)
    found: dict[tuple[str, str], tuple[set[str], set[tuple[str, ...]]]] = {}  # -> (via, chains)
    for source_id in ordered:
        for chain in trace(source_id):
            kind = "source" if len(chain) % 2 else "actor"  # chains alternate source, actor, source, ...
            via, chains = found.setdefault((kind, chain[-1]), (set(), set()))
            if source_id in stating:
                via.add(source_id)
                chains.add(tuple(chain))
            for copy in copies_of.get(source_id, []):
                via.add(copy)
                chains.add((copy, *chain))
    return [Origin(id=key[1], kind=key[0], via=sorted(found[key][0]), chain=[list(c) for c in sorted(found[key][1])])
            for key in sorted(found, key=lambda k: (k[0] != "actor", k[1]))]


def original_of(source_id: str, sources: dict[str, Source]) -> str:
    """The source a copy or translation ultimately reproduces (itself when it is none)."""
    seen = {source_id}
    while True:
        source = sources.get(source_id)
        up = source and (source.derived_from or source.translation_of)
        if not up or up not in sources or up in seen:
            return source_id
        seen.add(up)
        source_id = up


def _publishes(actor_id: str, source_id: str, published_by: dict[str, list[str]]) -> bool:
    """A source attributing to its own publisher ("we reported") relays no one else."""
    return _listed(published_by.get(actor_id, []), source_id)


def _listed(ids: list[str], wanted: str) -> bool:
    """`wanted in ids` for a sorted list (as `publishers` makes them), by bisection: an
    outlet may publish thousands of the dossier's sources."""
    k = bisect_left(ids, wanted)
    return k < len(ids) and ids[k] == wanted


# ---------------------------------------------------------------------------------------
# Time order
# ---------------------------------------------------------------------------------------

def timeline(claim: Claim, sources: dict[str, Source]) -> list[tuple[Optional[str], str, list[str]]]:
    """What the sources said when: (publication date, value or stance, [source ids]).

    Ordered by the sources' stated publication dates, undated last; one entry per date
    and value. Evidence that differs only because it was stated at different dates (a
    figure that grew, a role that changed) reads as a sequence rather than a flat list.
    """
    entries: dict[tuple[Optional[str], str], set[str]] = {}
    for e in claim.evidence:
        source = sources.get(e.source)
        date = source.published if source is not None else None
        said = e.value if e.value is not None else e.stance
        entries.setdefault((date, said), set()).add(e.source)
    ordered = sorted(entries, key=lambda k: (k[0] is None, k[0] or "", k[1]))
    return [(date, said, sorted(entries[(date, said)])) for date, said in ordered]


def changed_over_time(claim: Claim, sources: dict[str, Source]) -> bool:
    """True when the differing values follow the publication dates without overlap.

    Every value is stated only at dates before (or after) every date of the others and
    no source contradicts another's stance: the statements were true then and changed
    since, rather than disagreeing at one time.
    """
    if len({e.stance for e in claim.evidence}) > 1:
        return False
    spans: dict[str, list[str]] = {}
    for e in claim.evidence:
        if e.value is None:
            continue
        source = sources.get(e.source)
        if source is None or not source.published:
            return False
        spans.setdefault(e.value, []).append(source.published)
    if len(spans) < 2:
        return False
    ranges = sorted((min(d), max(d)) for d in spans.values())
    return all(a[1] < b[0] for a, b in zip(ranges, ranges[1:]))


def counts(sources: list[Source], actors: list[Actor], claims: list[Claim]) -> dict:
    """What a report counts of a dossier (the one place `dossier extract` and `dossier report` count)."""
    return {
        "documents": len(sources),
        "actors": len(actors),
        "mentions": sum(len(a.mentions) for a in actors),
        "claims": len(claims),
        "multi_source": sum(1 for c in claims if len({e.source for e in c.evidence}) > 1),
        "contested": sum(1 for c in claims if c.status == "contested"),
        "multi_origin": sum(1 for c in claims if len(c.origins) > 1),
        "languages": sorted({lang for s in sources for lang in (s.languages or [s.language]) if lang}),
    }
