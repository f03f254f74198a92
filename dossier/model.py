"""The dossier's data model, in one file.

Two layers live here:

* **Records** (`Source`, `Actor`, `Claim` and their parts) are the public contract: what
  `content/records/<kind>/<id>.yml` holds, what the JSON Schemas in `dossier/schemas/`
  describe, and what the site renders. Field order in the dataclasses is the key order in
  the YAML files.
* **Pipeline values** (`Document`, `Sentence`, `MentionCandidate`, `EvidenceCandidate`) are
  what one stage hands the next while extracting. They never reach the disk directly.

Offsets (`start`, `end`) are always code-point offsets into `Document.text`, the decoded
document text (W3C TextPositionSelector semantics), so `text[start:end] == quote`.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Optional

# ---------------------------------------------------------------------------------------
# Vocabularies
# ---------------------------------------------------------------------------------------

RECORD_KINDS = ("sources", "actors", "claims")

ACTOR_KINDS = ("person", "organization", "outlet", "state", "place", "other")

#: A claim's status, computed by analysis (an editor's verdict is a separate matter).
CLAIM_STATUSES = ("single-source", "corroborated", "contested")

STANCES = ("affirms", "denies")

#: An editor's verdict on a claim (schema.org ClaimReview `reviewRating.alternateName`).
VERDICT_RATINGS = ("true", "mostly-true", "mixed", "misleading", "mostly-false", "false", "unproven")

#: What a claim's independent origin is: an actor (outlet, agency, person) the evidence is
#: attributed to, or a source that reports it on its own authority.
ORIGIN_KINDS = ("actor", "source")

#: Date precision, as dateparser's DateDataParser reports it.
PRECISIONS = ("day", "month", "year")

#: Why a span of a document was set aside before extraction.
BOILERPLATE_KINDS = ("caption", "read-also", "most-read", "tags", "share", "footer", "header", "other")


# ---------------------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------------------

@dataclass
class Span:
    """A stretch of a document's text set aside as boilerplate."""
    start: int
    end: int
    kind: str  # one of BOILERPLATE_KINDS


@dataclass
class Source:
    """One document in `content/sources/`. Unknown stays None: never guess."""
    id: str
    path: str  # repo-relative, forward slashes
    sha256: str  # of the file's bytes
    language: Optional[str]  # ISO 639-1 of the document as a whole
    title: Optional[str]
    publisher: Optional[str]  # as the document states it (name, not id)
    author: Optional[str]
    published: Optional[str]  # ISO 8601: YYYY-MM-DD, YYYY-MM or YYYY
    published_precision: Optional[str]  # one of PRECISIONS, None when published is None
    url: Optional[str]
    cites: list[str] = field(default_factory=list)  # actor ids the document attributes to
    encoding: Optional[str] = None  # how the bytes were decoded
    languages: list[str] = field(default_factory=list)  # every language found, by sentence
    boilerplate: list[Span] = field(default_factory=list)
    archived_url: Optional[str] = None  # editor-supplied (sidecar), e.g. a web.archive.org copy
    notes: list[str] = field(default_factory=list)  # what could not be resolved, e.g. a relative date


@dataclass
class Alias:
    name: str
    language: Optional[str]  # ISO 639-1 of the document it was seen in
    script: str  # ISO 15924: Latn, Arab, Cyrl, ...


@dataclass
class Mention:
    source: str
    start: int
    end: int
    text: str


@dataclass
class Actor:
    id: str
    name: str
    kind: str  # one of ACTOR_KINDS
    aliases: list[Alias] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    description: Optional[str] = None  # editor-supplied
    former_ids: list[str] = field(default_factory=list)  # ids merged into this one: redirects


@dataclass
class Role:
    """A title a source gives an actor, e.g. "head of the Presidential Administration"."""
    source: str
    text: str  # as written in the source
    former: bool = False  # the source says "former", "eski", "السابق", ...


@dataclass
class Evidence:
    """One place where a source makes a claim."""
    source: str
    quote: str  # == document text[start:end], original language
    start: int
    end: int
    language: Optional[str]
    attributed_to: Optional[str]  # actor id the source says it comes from, or None
    stance: str = "affirms"  # one of STANCES
    value: Optional[str] = None  # the number, date or answer the source gives
    date: Optional[str] = None  # ISO date the quote states for the event, if any
    added_by: Optional[str] = None  # editor who added this evidence by hand (None: extracted)


@dataclass
class Origin:
    """One independent origin of a claim: where the information ultimately comes from.

    Four articles that all relay the same newspaper are one origin (kind "actor", id the
    newspaper's actor id), with `via` listing the relaying sources and `chain` the path.
    A source reporting on its own authority is its own origin (kind "source").
    """
    id: str  # actor id or source id
    kind: str  # one of ORIGIN_KINDS
    via: list[str] = field(default_factory=list)  # source ids whose evidence traces back here
    chain: list[list[str]] = field(default_factory=list)  # per relaying source: [source, actor, ...]


@dataclass
class Verdict:
    """An editor's judgement of a claim (feeds the claim page and ClaimReview JSON-LD)."""
    rating: str  # one of VERDICT_RATINGS
    rationale: str
    reviewer: str
    date: str  # ISO 8601 date of the review
    url: Optional[str] = None  # a published fact-check, if any


@dataclass
class Claim:
    id: str
    statement: str  # one canonical English sentence
    actors: list[str] = field(default_factory=list)  # actor ids
    status: str = "single-source"  # one of CLAIM_STATUSES
    evidence: list[Evidence] = field(default_factory=list)
    origins: list[Origin] = field(default_factory=list)  # computed: independent origins
    verdict: Optional[Verdict] = None  # editor-supplied (curation overlay)
    former_ids: list[str] = field(default_factory=list)  # earlier ids of this claim: redirects


RECORD_TYPES = {"sources": Source, "actors": Actor, "claims": Claim}


#: Editor-only or rarely-set fields left out of the YAML while they are empty, so a record
#: file shows what is there rather than a wall of nulls.
OMIT_WHEN_EMPTY = frozenset({"archived_url", "notes", "description", "former_ids", "verdict", "added_by"})


def to_dict(record: Any) -> dict:
    """A record as plain data, keys in declaration order (the YAML layout)."""
    return _plain(record)


def _plain(value: Any) -> Any:
    if hasattr(value, "__dataclass_fields__"):
        out = {}
        for f in fields(value):
            item = getattr(value, f.name)
            if f.name in OMIT_WHEN_EMPTY and (item is None or item == []):
                continue
            out[f.name] = _plain(item)
        return out
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


_NESTED = {
    (Source, "boilerplate"): Span,
    (Actor, "aliases"): Alias,
    (Actor, "mentions"): Mention,
    (Actor, "roles"): Role,
    (Claim, "evidence"): Evidence,
    (Claim, "origins"): Origin,
}

_NESTED_ONE = {
    (Claim, "verdict"): Verdict,
}


def from_dict(cls: type, data: dict) -> Any:
    """Build a record from plain data (already validated against its JSON Schema)."""
    kwargs = {}
    for f in fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        nested = _NESTED.get((cls, f.name))
        if nested is not None and value is not None:
            value = [from_dict(nested, item) for item in value]
        one = _NESTED_ONE.get((cls, f.name))
        if one is not None and value is not None:
            value = from_dict(one, value)
        kwargs[f.name] = value
    return cls(**kwargs)


# ---------------------------------------------------------------------------------------
# Pipeline values
# ---------------------------------------------------------------------------------------

@dataclass
class Sentence:
    start: int
    end: int
    text: str  # == document.text[start:end], stripped of surrounding white space
    language: Optional[str]  # ISO 639-1, detected per sentence (mixed documents)
    script: str  # dominant ISO 15924 script
    boilerplate: bool = False  # inside a boilerplate span: never a source of claims
    heading: bool = False  # a title, headline or subheading line rather than prose


@dataclass
class Document:
    """A decoded, cleaned, segmented document: what `ingest` + `segment` produce."""
    source: Source  # metadata; source.cites is filled later by the actor stage
    text: str  # the decoded document text all offsets point into
    sentences: list[Sentence] = field(default_factory=list)


@dataclass
class MentionCandidate:
    """A name found in a document, before actors are resolved across documents."""
    source: str
    start: int
    end: int
    text: str  # the surface form, as written (may carry a suffix such as Turkish 'in)
    name: str  # the bare name: suffixes and clitics removed
    kind: str  # best guess among ACTOR_KINDS
    language: Optional[str]
    script: str
    title: Optional[str] = None  # a title/role phrase next to it ("Türkiye Cumhurbaşkanı")
    former: bool = False  # the title is qualified as former
    key: str = ""  # cross-script matching key (see actors.name_key)


@dataclass
class EvidenceCandidate:
    """A sentence (or clause) that makes a claim, before claims are grouped across sources."""
    source: str
    sentence: Sentence
    start: int
    end: int
    quote: str
    language: Optional[str]
    actors: list[str] = field(default_factory=list)  # actor ids mentioned in the quote
    attributed_to: Optional[str] = None  # actor id
    stance: str = "affirms"
    values: dict[str, str] = field(default_factory=dict)  # slot -> value, e.g. {"killed": "12"}
    date: Optional[str] = None
    event: Optional[str] = None  # canonical English event predicate, e.g. "arrested"
