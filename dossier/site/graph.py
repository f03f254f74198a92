"""The actor graph: who does what to whom across the whole dossier, and each actor's
neighbours, drawn at build time as inline SVG (no script, nothing fetched: it shows offline).

Edges come from the claims. A claim with a frame (predicate and participants) gives a typed,
directed edge from its subject to its other participant (`arrested`, `warned`...); evidence
attributed to an actor gives `says` edges from the speaker to the claim's other actors;
any other pair of actors named in one claim is `named with` (undirected).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Optional

from dossier.model import Claim
from dossier.site.common import clean, counted, titled
from dossier.site.prepared import Site, actor_ref, claim_ref, frame, prepare
from dossier.site.templates import markup, render as render_template

GRAPH_PAGE = "graph.md"
#: The frame's participants an edge joins: from its subject to its other participant.
AGENT_SLOTS = ("subject",)
PATIENT_SLOTS = ("object",)
SAYS, NAMED_WITH = "says", "named with"
#: Bounds of a drawing and of the edge table (a page stays small at any size).
NODES_DRAWN = 30
EDGES_DRAWN = 90
EDGES_LISTED = 75  # rows of up to ~0.75 KB: 100 of them made graph.html 98 KB at 10,000 documents
CLAIMS_PER_EDGE = 3
#: Edge colours by type (the first types by count); the rest share the last.
PALETTE = ("#c0392b", "#2471a3", "#1e8449", "#7d3c98", "#b9770e", "#117a65", "#566573")


@dataclass
class Edge:
    source: str
    target: str
    kind: str
    directed: bool
    claims: list[Claim] = field(default_factory=list)


def _slot(slots: dict, names: tuple[str, ...], site: Site) -> Optional[str]:
    for name in names:
        value = slots.get(name)
        if isinstance(value, str) and value in site.actors:
            return value
    return None


def claim_edges(site: Site, claim: Claim) -> list[tuple[str, str, str, bool]]:
    """(from, to, type, directed) for one claim."""
    actors = sorted({a for a in claim.actors if a in site.actors})
    fr = frame(claim)
    if fr:
        agent, patient = _slot(fr["slots"], AGENT_SLOTS, site), _slot(fr["slots"], PATIENT_SLOTS, site)
        if agent and patient and agent != patient:
            return [(agent, patient, clean(fr["predicate"]).replace("_", " "), True)]
    out: list[tuple[str, str, str, bool]] = []
    speakers = sorted({ev.attributed_to for ev in claim.evidence if ev.attributed_to in site.actors})
    for speaker in speakers:
        out += [(speaker, other, SAYS, True) for other in actors if other != speaker]
    said = {(a, b) for a, b, _, _ in out} | {(b, a) for a, b, _, _ in out}
    for i, a in enumerate(actors):
        out += [(a, b, NAMED_WITH, False) for b in actors[i + 1:] if (a, b) not in said]
    return out


def edges(site: Site) -> list[Edge]:
    """Every edge of the dossier, typed edges and the most claims first (once per build)."""
    if "graph.edges" not in site.memo:
        site.memo["graph.edges"] = _edges(site)
    return site.memo["graph.edges"]


def edges_of(site: Site, actor_id: str) -> list[Edge]:
    """The edges touching one actor, in the order of `edges`."""
    if "graph.by_actor" not in site.memo:
        by_actor: dict[str, list[Edge]] = {}
        for e in edges(site):
            by_actor.setdefault(e.source, []).append(e)
            if e.target != e.source:
                by_actor.setdefault(e.target, []).append(e)
        site.memo["graph.by_actor"] = by_actor
    return site.memo["graph.by_actor"].get(actor_id, [])


def _edges(site: Site) -> list[Edge]:
    found: dict[tuple[str, str, str], Edge] = {}
    for claim in site.sorted_claims():
        for a, b, kind, directed in claim_edges(site, claim):
            edge = found.setdefault((a, b, kind), Edge(a, b, kind, directed))
            edge.claims.append(claim)
    return sorted(found.values(), key=lambda e: (e.kind == NAMED_WITH, -len(e.claims), e.kind, e.source, e.target))


def _colours(items: list[Edge]) -> dict[str, str]:
    counts: dict[str, int] = {}
    for e in items:
        counts[e.kind] = counts.get(e.kind, 0) + len(e.claims)
    kinds = sorted(counts, key=lambda k: (k == NAMED_WITH, -counts[k], k))
    return {k: ("#8c8c8c" if k == NAMED_WITH else PALETTE[min(i, len(PALETTE) - 1)]) for i, k in enumerate(kinds)}


def drawing(site: Site, items: list[Edge], centre: Optional[str] = None, label: str = "") -> dict:
    """Nodes on a circle (the `centre` actor in the middle), edges between them: the
    template `_graph.html` draws it. Deterministic: the same records give the same SVG."""
    weight: dict[str, int] = {}
    for e in items:
        for a in (e.source, e.target):
            weight[a] = weight.get(a, 0) + len(e.claims)
    ring = sorted((a for a in weight if a != centre),
                  key=lambda a: (-weight[a], clean(site.actors[a].name).casefold(), a))
    ring = ring[:NODES_DRAWN - (1 if centre else 0)]
    ring.sort(key=lambda a: (clean(site.actors[a].name).casefold(), a))
    size, radius = 640, 230
    pos: dict[str, tuple[float, float]] = {}
    if centre:
        pos[centre] = (size / 2, size / 2)
    for i, a in enumerate(ring):
        angle = 2 * math.pi * i / max(1, len(ring)) - math.pi / 2
        pos[a] = (round(size / 2 + radius * math.cos(angle), 1), round(size / 2 + radius * math.sin(angle), 1))
    colours = _colours(items)
    drawn = [e for e in items if e.source in pos and e.target in pos][:EDGES_DRAWN]
    nodes = []
    for a, (x, y) in pos.items():
        anchor = "middle" if a == centre or abs(x - size / 2) < 20 else ("start" if x > size / 2 else "end")
        dx = 0 if anchor == "middle" else (9 if anchor == "start" else -9)
        nodes.append({"x": x, "y": y, "tx": round(x + dx, 1), "ty": round(y + (-12 if anchor == "middle" else 4), 1),
                      "anchor": anchor, "name": clean(site.actors[a].name), "centre": a == centre})
    lines = []
    for e in drawn:
        (x1, y1), (x2, y2) = pos[e.source], pos[e.target]
        length = math.hypot(x2 - x1, y2 - y1) or 1
        cut = 8 / length  # stop at the node's edge, so an arrow head shows
        lines.append({"x1": x1, "y1": y1, "x2": round(x2 - (x2 - x1) * cut, 1), "y2": round(y2 - (y2 - y1) * cut, 1),
                      "colour": colours[e.kind], "directed": e.directed, "width": min(1 + len(e.claims) // 2, 5),
                      "title": f"{clean(site.actors[e.source].name)} {'→' if e.directed else '—'} {e.kind} "
                               f"{'→' if e.directed else '—'} {clean(site.actors[e.target].name)} "
                               f"({counted(len(e.claims), 'claim')})"})
    gid = f"g-{centre or 'dossier'}"
    markers = {c: f"{gid}-arrow-{i}" for i, c in enumerate(sorted({ln["colour"] for ln in lines if ln["directed"]}))}
    for ln in lines:
        ln["marker"] = markers.get(ln["colour"]) if ln["directed"] else None
    for ln in lines:
        ln["colour"] = markup(ln["colour"])  # one of PALETTE: "#" must stay as it is in an attribute
    return {"size": size, "nodes": nodes, "lines": lines, "label": label, "id": gid,
            "legend": [{"kind": k, "colour": markup(c)} for k, c in colours.items() if any(e.kind == k for e in drawn)],
            "markers": [{"id": i, "colour": markup(c)} for c, i in markers.items()]}


def edge_rows(site: Site, items: list[Edge], here: str, limit: int = EDGES_LISTED) -> list[dict]:
    """The edges as text: who, what, whom, and the claims that say so (a few per edge)."""
    rows = []
    for e in items[:limit]:
        shown = e.claims[:CLAIMS_PER_EDGE]
        claims = "; ".join(claim_ref(site, c, here) for c in shown)
        if len(e.claims) > len(shown):
            claims += f" <small>and {len(e.claims) - len(shown)} more</small>"
        rows.append({"source": markup(actor_ref(site, e.source, here)), "kind": e.kind, "directed": e.directed,
                     "target": markup(actor_ref(site, e.target, here)), "claims": markup(claims)})
    return rows


def render_graph(records: Any) -> str:
    """The whole-dossier graph page (template graph.html)."""
    site = prepare(records)
    here = GRAPH_PAGE
    items = edges(site)
    typed = [e for e in items if e.kind != NAMED_WITH]
    # The drawing favours typed edges: co-occurrence fills what room is left.
    picture = drawing(site, typed + [e for e in items if e.kind == NAMED_WITH],
                      label="Actors of the dossier and what the claims say they did to each other")
    page = render_template(site.templates, "graph.html", graph=picture, rows=edge_rows(site, items, here),
                           total=len(items), typed=len(typed), listed=min(len(items), EDGES_LISTED))
    return titled(page)


def graph_pages(records: Any) -> dict[str, str]:
    """graph.md, when at least two actors are linked by a claim."""
    site = prepare(records)
    return {GRAPH_PAGE: render_graph(site)} if site.actors and edges(site) else {}


def actor_drawing(site: Site, actor_id: str, limit: int) -> Optional[dict]:
    """An actor and the `limit` actors most linked to it: the actor page's small graph."""
    mine = edges_of(site, actor_id)
    if not mine:
        return None
    others: dict[str, int] = {}
    for e in mine:
        other = e.target if e.source == actor_id else e.source
        others[other] = others.get(other, 0) + len(e.claims)
    keep = set(sorted(others, key=lambda a: (-others[a], a))[:limit])
    mine = [e for e in mine if (e.target if e.source == actor_id else e.source) in keep]
    return drawing(site, mine, centre=actor_id,
                   label=f"Actors the claims link to {clean(site.actors[actor_id].name)}")
