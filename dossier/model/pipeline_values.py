"""Pipeline values: what one extraction stage hands the next. They never reach the disk directly.

Offsets (`start`, `end`) are code-point offsets into `Document.text`, the decoded document
text, so `text[start:end] == quote`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from dossier.model.records import Source


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
    # (start, end) -> sentence vector of each clause stated facts may quote (extract.stated);
    # None: not computed yet (then computed where needed, to the same bytes)
    clause_vectors: Optional[dict[tuple[int, int], bytes]] = None


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
    key: str = ""  # cross-script matching key (see dossier.text.names.name_key)


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
    events: list[str] = field(default_factory=list)  # every event the clause tells of, `event` first
    hedged: Optional[bool] = None  # it speculates or gives an opinion (None: not yet looked at)
