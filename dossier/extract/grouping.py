"""Grouping: merge the evidence that sources (in several languages) give of one fact into one claim.

Candidate pairs (`_blocks`) are scored (`dossier.extract.features.pair_score`), clustered by
average linkage (`_cluster`) and cleaned up (`dossier.extract.refine`); each group then becomes
a claim (`dossier.extract.statements`). Invariants:

- every evidence span (source, start, end) ends up in exactly one claim, and the members of a
  fact claim share its event frame (main event and main actor);
- role evidence is not clustered: it forms one claim per (actor, role);
- each connected part of the score graph (pairs scoring at least PART_SCORE) is grouped on its
  own, and each core of a part (pairs scoring at least CORE_SCORE) clustered and settled on its
  own: no step joins two items except through such a pair (see `_parts`);
- so a part's result depends only on its items (their features and vectors) and on which pairs
  were compared: with a `Reuse`, a part (or core) whose items and pairs are those of an earlier
  run takes that run's result, the same as grouping from scratch.
"""
from __future__ import annotations

import hashlib
import heapq
from typing import Optional

from dossier.extract.features import THRESHOLD, Feat, feat_signature, pair_score
from dossier.extract.refine import settle, tidy
from dossier.extract.reuse import Reuse
from dossier.extract.statements import assign_ids, make_claim, span_key
from dossier.extract.vectors import embed
from dossier.model import Actor, Claim, EvidenceCandidate

#: An event block up to this size is compared all pairs with all (small dossiers: exact).
BLOCK_ALL = 150
#: In larger blocks, items sharing an anchor are compared all with all up to this many ...
ANCHOR_ALL = 40
#: ... and beyond, each item is compared with its nearest neighbours by wording.
NEIGHBOURS = 12

#: Grouping works on the parts linked by pairs scoring at least this (see `_parts`).
PART_SCORE = THRESHOLD - 0.1

#: Within a part, `_cluster` and `settle` work on the components of the pairs scoring at
#: least this, the cores (see `settle`).
CORE_SCORE = THRESHOLD

#: The memo entries holding the last run's pair scores and large blocks' pairs (see `_group_facts`).
_PAIRS = "pair-scores"
_BLOCKS = "block-pairs"


def group(candidates: list[EvidenceCandidate], existing: list[Claim], actors: dict[str, Actor],
          vectors: Optional[dict] = None, memo: Optional[Reuse] = None) -> list[Claim]:
    """Merge evidence candidates that state the same fact into claims (sorted by id).

    `vectors` maps (source, start, end) to a quote's sentence vector computed beforehand
    (see `dossier.extract.vectors.quote_vectors`); the others are encoded here. `memo`
    keeps, across runs, the clustering of each connected part of the evidence and each
    claim made from a group: only the parts a new or changed document touches are
    clustered again (see `_group_facts`), with the same result as from scratch.

    Each span (source, start, end) ends up in exactly one claim; role evidence forms one
    claim per (actor, role).
    """
    cands = sorted(candidates, key=lambda c: (c.source, c.start, c.end, c.event or ""))
    # Drop exact duplicates (the same span found twice).
    unique: list[EvidenceCandidate] = []
    seen: set[tuple] = set()
    for c in cands:
        key = (c.source, c.start, c.end, c.event if (c.event or "").startswith("role:") else "")
        if key not in seen:
            seen.add(key)
            unique.append(c)
    roles = [c for c in unique if (c.event or "").startswith("role:")]
    facts = [c for c in unique if not (c.event or "").startswith("role:")]

    groups: list[list[EvidenceCandidate]] = []
    by_role: dict[tuple[str, str], list[EvidenceCandidate]] = {}
    for c in roles:
        by_role.setdefault((c.actors[0] if c.actors else "", c.event or ""), []).append(c)
    groups.extend(by_role[k] for k in sorted(by_role))
    central: dict[tuple[str, int, int], float] = {}
    groups.extend(_group_facts(facts, {a.id: a.kind for a in actors.values()}, central, vectors, memo))

    view = _ActorView(actors, candidates) if memo is not None else None
    claims = []
    for members in filter(None, groups):
        key = made = None
        if view is not None:
            key = memo.key("claim", members, [central.get(span_key(c)) for c in members], view.of(members))
            made = memo.get(key)
        if made is None:
            made = make_claim(members, actors, central)
            if key is not None:
                memo.put(key, made)
        claims.append(made)
    assign_ids(claims, existing)
    return sorted(claims, key=lambda c: c.id)


class _ActorView:
    """What making a claim reads of the actors its evidence names: their names, kinds,
    alias names and mentions inside the quotes (the key of a remembered claim)."""

    def __init__(self, actors: dict[str, Actor], candidates: list[EvidenceCandidate]):
        self.actors = actors
        wanted = {a for c in candidates for a in c.actors}
        self.spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for a in sorted(wanted):
            actor = actors.get(a)
            for m in actor.mentions if actor is not None else ():
                self.spans.setdefault((a, m.source), []).append((m.start, m.end))

    def of(self, cands: list[EvidenceCandidate]) -> list[tuple]:
        out = []
        for a in sorted({a for c in cands for a in c.actors} | {c.attributed_to for c in cands if c.attributed_to}):
            actor = self.actors.get(a)
            if actor is None:
                out.append((a, None))
                continue
            inside = sorted({(c.source, s, e) for c in cands for s, e in self.spans.get((a, c.source), ())
                             if s >= c.start and e <= c.end})
            # its spellings are only read for a quote naming it without a recorded mention
            unmarked = any(a in c.actors and not any(src == c.source and s >= c.start and e <= c.end
                                                     for src, s, e in inside) for c in cands)
            out.append((a, actor.name, actor.kind, [al.name for al in actor.aliases] if unmarked else None, inside))
        return out


# Long: reuse of pair scores, blocks, parts and cores is threaded through one pass over the score graph.
def _group_facts(facts: list[EvidenceCandidate], kinds: dict[str, str],
                 central: Optional[dict] = None, vectors: Optional[dict] = None,
                 memo: Optional[Reuse] = None) -> list[list[EvidenceCandidate]]:
    """The members of each fact claim: every evidence span in exactly one claim.

    Average-linkage clustering over blocked pair scores, then three clean-up passes (see
    `dossier.extract.refine`): members that do not share their claim's event frame are
    split off, each span moves to the claim it scores best with, and claims stating the
    same frame merge.

    Every step only follows scored pairs, so each connected part of the score graph is
    clustered on its own, from what grouping reads of its items and pairs alone. That is
    what makes grouping incremental: with a `memo`, a part whose items and pairs are the
    ones of an earlier run takes that run's clusters.
    """
    if not facts:
        return []
    feats = [Feat(c, kinds) for c in facts]
    vectors = vectors or {}
    emb = embed([c.quote for c in facts], [vectors.get((c.source, c.start, c.end)) for c in facts])
    scores: dict[tuple[int, int], float] = {}
    cosines: dict[tuple[int, int], float] = {}
    # (cosine, score) of a pair depends on its two items alone: kept from the last run by
    # a digest of each item's features and vector
    digests = _item_digests(feats, emb)
    known = {} if memo is None else memo.get(_PAIRS) or {}
    fresh: dict[tuple[bytes, bytes], tuple[float, Optional[float]]] = {}
    blocks = None if memo is None else memo.get(_BLOCKS) or {}
    remembered = dict(blocks or {})
    for i, j in _blocks(feats, emb, digests, blocks):
        pair = (digests[i], digests[j])
        hit = known.get(pair)
        if hit is None:
            cos = round(float(emb[i] @ emb[j]), 6)  # rounded: stable across BLAS builds
            s = pair_score(feats[i], feats[j], cos)
            hit = (cos, round(s, 6) if s > 0 else None)
        fresh[pair] = hit
        cosines[(i, j)] = hit[0]
        if hit[1] is not None:
            scores[(i, j)] = hit[1]
    if memo is not None and fresh.keys() != known.keys():
        memo.put(_PAIRS, fresh)
    if memo is not None and blocks.keys() != remembered.keys():
        memo.put(_BLOCKS, blocks)
    clusters: list[list[int]] = []
    typical: dict[int, float] = {}  # item -> how typical it is of its claim (see below)
    for part, part_scores, part_cosines in _parts(len(facts), scores, cosines):
        if len(part) == 1:
            clusters.append(part)
            typical[part[0]] = 0.0
            continue
        found = None
        if memo is not None:
            # the items (features and vectors) and which pairs were compared determine the rest
            key = memo.key("part", b"".join(digests[i] for i in part), sorted(part_cosines))
            found = memo.get(key)
        if found is None:
            local = [feats[i] for i in part]
            # clustered and settled by cores (see `settle`), remembered each: a new document
            # joining a large part mostly leaves all but one of its cores as they were
            settled: list[list[int]] = []
            core_keys: list[str] = []  # kept with the part: a hit on it keeps its cores' entries too
            for core, core_scores, core_cosines in _parts(len(part), part_scores, part_cosines, CORE_SCORE):
                got = None
                if memo is not None and len(core) > 1:
                    core_key = memo.key("core", b"".join(digests[part[k]] for k in core), sorted(core_cosines))
                    core_keys.append(core_key)
                    got = memo.get(core_key)
                if got is None:
                    got = settle(_cluster(len(core), core_scores, THRESHOLD), [local[k] for k in core],
                                 core_scores, core_cosines)
                    if memo is not None and len(core) > 1:
                        memo.put(core_key, got)
                settled.extend([core[k] for k in cl] for cl in got)
            grouped = tidy(sorted(settled), local, part_scores, part_cosines)
            found = (grouped, _typicality(grouped, [emb[i] for i in part]), core_keys)
            if memo is not None:
                memo.put(key, found)
        else:  # the part as it was: its cores' entries stay for when a new item joins it
            for core_key in found[2]:
                memo.keep(core_key)
        grouped, values, _cores = found
        clusters.extend([part[i] for i in cl] for cl in grouped)
        typical.update((part[k], v) for k, v in enumerate(values))
    clusters.sort()
    if central is not None:
        # how typical each member is of its claim: the statement quotes the most typical one
        for i, value in typical.items():
            central[span_key(facts[i])] = value
    return [[facts[i] for i in cl] for cl in clusters]


def _typicality(clusters: list[list[int]], vectors: list) -> list[float]:
    """For each item, its average cosine with the other members of its cluster (0.0 alone)."""
    out = [0.0] * len(vectors)
    for cl in clusters:
        for i in cl:
            others = [float(vectors[i] @ vectors[j]) for j in cl if j != i]
            out[i] = round(sum(others) / len(others), 6) if others else 0.0
    return out


def _item_digests(feats: list[Feat], emb) -> list[bytes]:
    """A digest of what a pair score reads of each item: its features and its vector."""
    return [hashlib.blake2b(repr(feat_signature(f)).encode("utf-8", "surrogatepass") + emb[k].tobytes(),
                            digest_size=16).digest() for k, f in enumerate(feats)]


def _parts(n: int, scores: dict[tuple[int, int], float], cosines: dict[tuple[int, int], float],
           at: Optional[float] = None) -> list[tuple[list[int], dict, dict]]:
    """The parts of items 0..n-1 that grouping treats independently, in order of their first
    item: (items, the pair scores and cosines inside the part, numbered within it).

    A part is a connected component of the pairs scoring at least `at` (PART_SCORE). Every
    step of `_cluster` and `refine` that joins two items needs an average over pairs of at
    least THRESHOLD or MERGE_SCORE, hence one such pair: a claim never spans two parts, and
    pairs between parts (all weaker) can only ever be rejected, so leaving them out changes
    nothing. With `at` CORE_SCORE, the same holds for `_cluster` and `settle` (the cores).
    """
    at = PART_SCORE if at is None else at
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for (i, j), s in scores.items():
        if s >= at:
            a, b = find(i), find(j)
            if a != b:
                parent[max(a, b)] = min(a, b)
    roots = [find(i) for i in range(n)]
    members: dict[int, list[int]] = {}
    for i in range(n):
        members.setdefault(roots[i], []).append(i)
    if len(members) == 1:  # one part: numbered as it is
        return [(list(range(n)), dict(scores), dict(cosines))]
    place = [0] * n
    for items in members.values():
        for k, i in enumerate(items):
            place[i] = k
    part_scores: dict[int, dict] = {r: {} for r, items in members.items() if len(items) > 1}
    part_cosines: dict[int, dict] = {r: {} for r in part_scores}
    for (i, j), s in scores.items():
        r = roots[i]
        if r == roots[j]:
            part_scores[r][place[i], place[j]] = s
    for (i, j), c in cosines.items():
        r = roots[i]
        if r == roots[j]:
            part_cosines[r][place[i], place[j]] = c
    return [(members[r], part_scores.get(r, {}), part_cosines.get(r, {})) for r in sorted(members)]


# ---------------------------------------------------------------------------------------
# Candidate pairs and clustering
# ---------------------------------------------------------------------------------------

def _anchors(f: Feat) -> set[str]:
    """What two items of one event must share to be compared in a large dossier."""
    keys = {f"a:{a}" for a in f.actors}
    keys |= {f"v:{k}={v}" for k, v in f.values.items()}
    if f.date:
        keys.add(f"d:{f.date}")
    return keys


def _nearest(rows: list[int], pool: list[int], emb, k: int) -> set[tuple[int, int]]:
    """Pairs of each item in `rows` with its k most similar items in `pool` (ties: lower index)."""
    import numpy as np  # deferred: heavy

    pairs: set[tuple[int, int]] = set()
    if len(pool) < 2 or emb is None:
        return pairs
    pool_arr = np.asarray(sorted(pool))
    pool_vecs = emb[pool_arr]
    for at in range(0, len(rows), 256):
        chunk = rows[at:at + 256]
        sims = np.round(emb[np.asarray(chunk)] @ pool_vecs.T, 6)
        # most similar first, ties by lower index: the pool is sorted and the sort stable
        order = np.argsort(-sims, axis=1, kind="stable")[:, :k + 1]
        for r, i in enumerate(chunk):
            picked = 0
            for j in pool_arr[order[r]].tolist():
                if j == i:
                    continue
                pairs.add((min(i, j), max(i, j)))
                picked += 1
                if picked >= k:
                    break
    return pairs


def _blocks(feats: list[Feat], emb=None, digests: Optional[list[bytes]] = None,
            known: Optional[dict] = None) -> list[tuple[int, int]]:
    """Candidate pairs sharing an event (never all pairs of a large dossier).

    A block of items sharing an event is compared all pairs with all while it is small.
    A larger one is split by anchor (a shared actor, value or date); an anchor block too
    large, and an item without anchors, are compared with their nearest neighbours by
    wording only, so the number of pairs grows linearly with the dossier.

    A large block's pairs depend on its members alone: with `digests` (see `_item_digests`)
    and `known`, a table kept from the last run, a block whose members are the same takes
    its pairs from the table. `known` is updated in place to hold this run's large blocks.
    """
    remembered = dict(known or {})
    if known is not None:
        known.clear()
    index: dict[str, list[int]] = {}
    for i, f in enumerate(feats):
        keys = {f"e:{e}" for e in f.events[:3]}
        if f.cls:
            keys.add(f"c:{f.cls}")
        for k in keys:
            index.setdefault(k, []).append(i)
    pairs: set[tuple[int, int]] = set()

    def all_pairs(members: list[int], into: set) -> None:
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                into.add((members[x], members[y]))

    for key in sorted(index):
        members = index[key]
        if len(members) <= BLOCK_ALL or emb is None:
            all_pairs(members, pairs)
            continue
        block = None
        if digests is not None and known is not None:
            block = hashlib.blake2b(key.encode("utf-8") + b"".join(digests[i] for i in members), digest_size=16).digest()
            local = remembered.get(block)
            if local is not None:
                known[block] = local
                pairs.update((members[x], members[y]) for x, y in local)
                continue
        mine: set[tuple[int, int]] = set()
        sub: dict[str, list[int]] = {}
        loose: list[int] = []
        for i in members:
            anchors = _anchors(feats[i])
            for a in anchors:
                sub.setdefault(a, []).append(i)
            if not anchors:
                loose.append(i)
        for a in sorted(sub):
            group = sub[a]
            if len(group) <= ANCHOR_ALL:
                all_pairs(group, mine)
            else:
                mine |= _nearest(group, group, emb, NEIGHBOURS)
        mine |= _nearest(loose, members, emb, NEIGHBOURS)
        pairs |= mine
        if block is not None:
            place = {i: k for k, i in enumerate(members)}
            known[block] = sorted((place[i], place[j]) for i, j in mine)
    return sorted(pairs)


def _cluster(n: int, scores: dict[tuple[int, int], float], threshold: float) -> list[list[int]]:
    """Average-linkage clustering over a sparse score graph (missing pairs score 0).

    Merges the pair of clusters with the highest average score (ties: lowest ids) until none
    reaches `threshold`. A heap of candidate merges, with stale entries skipped, keeps this
    near-linear in the number of scored pairs instead of rescanning every pair per merge.
    """
    clusters: dict[int, list[int]] = {i: [i] for i in range(n)}
    links: dict[int, dict[int, float]] = {}  # cluster -> neighbour cluster -> summed score
    for (i, j), s in scores.items():
        if s > 0:
            links.setdefault(i, {})[j] = s
            links.setdefault(j, {})[i] = s
    heap: list[tuple[float, int, int, int, int]] = []
    size = {i: 1 for i in range(n)}

    def push(a: int, b: int) -> None:
        a, b = min(a, b), max(a, b)
        avg = links[a][b] / (size[a] * size[b])
        if avg >= threshold:
            heap.append((-avg, a, b, size[a], size[b]))

    for a in sorted(links):
        for b in links[a]:
            if a < b:
                push(a, b)
    heapq.heapify(heap)
    while heap:
        _neg, i, j, si, sj = heapq.heappop(heap)
        if i not in clusters or j not in clusters or size[i] != si or size[j] != sj:
            continue  # stale: one side has merged since
        clusters[i] = sorted(clusters[i] + clusters.pop(j))
        size[i] += size.pop(j)
        merged = links.pop(j)
        merged.pop(i, None)
        mine = links.setdefault(i, {})
        mine.pop(j, None)
        for k, total in merged.items():
            other = links[k]
            other.pop(j, None)
            mine[k] = mine.get(k, 0.0) + total
            other[i] = mine[k]
        for k in mine:
            a, b = min(i, k), max(i, k)
            avg = mine[k] / (size[a] * size[b])
            if avg >= threshold:
                heapq.heappush(heap, (-avg, a, b, size[a], size[b]))
    return [clusters[k] for k in sorted(clusters)]
