"""The dossier's data model: what everything else agrees on. Imports nothing else of dossier.

* `records`: the records (`Source`, `Actor`, `Claim` and their parts), the public contract:
  what `content/records/<kind>/<id>.yml` holds and the site renders; vocabularies; plain data.
* `overlay`: what an editor may write (curation files, sidecar metadata).
* `schema`: the JSON Schemas of both, generated from the classes.
* `references`: which fields hold ids of which kind, and the backlinks.
* `pipeline_values`: what one extraction stage hands the next (`Document`, `Sentence`, ...).
"""
from dossier.model.pipeline_values import Document, EvidenceCandidate, MentionCandidate, Sentence
from dossier.model.records import (
    ACTOR_KINDS,
    BOILERPLATE_KINDS,
    CLAIM_STATUSES,
    OMIT_WHEN_EMPTY,
    ORIGIN_KINDS,
    PRECISIONS,
    RECORD_KINDS,
    RECORD_TYPES,
    STANCES,
    VERDICT_RATINGS,
    Actor,
    Alias,
    Claim,
    Evidence,
    Mention,
    Origin,
    Rejection,
    Role,
    Source,
    Span,
    Verdict,
    from_dict,
    to_dict,
)

__all__ = [
    "ACTOR_KINDS", "BOILERPLATE_KINDS", "CLAIM_STATUSES", "OMIT_WHEN_EMPTY", "ORIGIN_KINDS", "PRECISIONS",
    "RECORD_KINDS", "RECORD_TYPES", "STANCES", "VERDICT_RATINGS",
    "Actor", "Alias", "Claim", "Evidence", "Mention", "Origin", "Rejection", "Role", "Source", "Span", "Verdict",
    "from_dict", "to_dict",
    "Document", "EvidenceCandidate", "MentionCandidate", "Sentence",
]
