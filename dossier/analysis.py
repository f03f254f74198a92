"""Analysis: a claim's status from its evidence, and whom a document cites."""
from __future__ import annotations

from .model import Claim, EvidenceCandidate


def assess(claim: Claim) -> str:
    """The claim's status (one of CLAIM_STATUSES).

    "contested" when its evidence disagrees: different values for the claim's slot
    (29 vs 38 killed, phone call vs meeting, current vs former), or some items affirm
    while others deny; "corroborated" when two or more sources agree; else "single-source".
    """
    values = {e.value for e in claim.evidence if e.value is not None}
    stances = {e.stance for e in claim.evidence}
    if len(values) > 1 or len(stances) > 1:
        return "contested"
    if len({e.source for e in claim.evidence}) >= 2:
        return "corroborated"
    return "single-source"


def disagreements(claim: Claim) -> dict[str, list[str]]:
    """Who says what: value (or stance) -> sorted source ids, when the claim is contested."""
    out: dict[str, set[str]] = {}
    values = {e.value for e in claim.evidence if e.value is not None}
    if len(values) > 1:
        for e in claim.evidence:
            if e.value is not None:
                out.setdefault(e.value, set()).add(e.source)
    if len({e.stance for e in claim.evidence}) > 1:
        for e in claim.evidence:
            out.setdefault(e.stance, set()).add(e.source)
    return {k: sorted(v) for k, v in sorted(out.items())}


def cites(candidates: list[EvidenceCandidate]) -> list[str]:
    """Sorted unique actor ids a document attributes information to."""
    return sorted({c.attributed_to for c in candidates if c.attributed_to})
