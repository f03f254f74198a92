"""The records: what `content/records/<kind>/<id>.yml` holds, declared once.

Field order in the dataclasses is the key order in the YAML files. Each field's metadata
(`attr`) carries what the JSON Schema says about it (`dossier.model.schema` generates the
schemas from it) and which record kind it refers to (`dossier.model.references`).

Offsets (`start`, `end`) are always code-point offsets into the decoded document text
(W3C TextPositionSelector semantics), so `text[start:end] == quote`.
"""
from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from types import UnionType
from typing import Any, ClassVar, Optional, Union, get_args, get_origin, get_type_hints

# ---------------------------------------------------------------------------------------
# Vocabularies
# ---------------------------------------------------------------------------------------

RECORD_KINDS = ("sources", "actors", "claims")

ACTOR_KINDS = ("person", "organization", "outlet", "state", "place", "other")

#: A claim's status, computed by analysis (an editor's verdict is a separate matter).
CLAIM_STATUSES = ("single-source", "corroborated", "contested", "updated")
#: What a claim's values answer (see dossier/lexicons/predicates.yml).
FRAME_SLOTS = ("count", "who", "yes-no", "date", "role")

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
# Forms: constrained strings several fields share
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Form:
    """A string of a fixed shape. The description is what the editor-facing schemas say
    (and a validation message repeats) when a value does not have that shape."""
    pattern: str
    description: str
    max_length: Optional[int] = None
    name: Optional[str] = None  # its `$defs` name in the editor-facing schemas, if shared there


#: A record id; also a safe file name (no dots, slashes, upper case).
ID = Form(r"^[a-z0-9][a-z0-9-]*$", "an id: lowercase a-z, 0-9 and '-' (the record's file name without .yml)",
          max_length=200, name="id")
LANGUAGE = Form(r"^[a-z]{2,3}$", "an ISO 639-1 language code such as en, ar, tr")
DATE = Form(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$", "a date written YYYY-MM-DD, YYYY-MM or YYYY")
DAY = Form(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "a date written YYYY-MM-DD")
HTTP_URL = Form("^https?://[^\\s<>\"'`]+$", "an http:// or https:// URL", name="http_url")


def attr(description: Optional[str] = None, *, default: Any = MISSING, default_factory: Any = MISSING,
         **schema: Any) -> Any:
    """A dataclass field whose metadata says what its schema says.

    Keys: `description`; `enum`, `form`, `pattern`, `min_length`, `minimum`, `format` (the
    value, or each item of a list); `item_description`, `min_items` (a list's items); `references`
    (the record kind whose ids it holds); `omit_empty` (left out of the YAML while empty).
    """
    if description is not None:
        schema["description"] = description
    return field(default=default, default_factory=default_factory, metadata=schema)


_SOURCE_ID = dict(form=ID, references="sources")
_ACTOR_ID = dict(form=ID, references="actors")


# ---------------------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------------------

@dataclass
class Span:
    """A stretch of a document's text set aside as boilerplate."""
    schema_description: ClassVar[str] = \
        "A stretch of the document text (code-point offsets) set aside as boilerplate."
    start: int = attr("Code-point offset where the span starts.", minimum=0)
    end: int = attr("Code-point offset just after the span.", minimum=0)
    kind: str = attr("Why the span was set aside.", enum=BOILERPLATE_KINDS)


@dataclass
class Source:
    """One document in `content/sources/`. Unknown stays None: never guess."""
    schema_description: ClassVar[str] = ("One document in content/sources/, as content/records/sources/<id>.yml. "
                                         "Unknown metadata stays null: never guessed.")
    id: str = attr("Record id; equals the file name without .yml.", form=ID)
    path: str = attr("The document's path relative to the repository root, forward slashes "
                     "(e.g. content/sources/x.txt).", min_length=1, pattern=r"^(?!/)(?!.*(^|/)\.\.(/|$))[^\\]+$")
    sha256: str = attr("SHA-256 of the document file's bytes, lowercase hex.", pattern=r"^[0-9a-f]{64}$")
    language: Optional[str] = attr("ISO 639-1 code of the document as a whole, or null.", form=LANGUAGE)
    title: Optional[str] = attr("The document's title as it states it, or null.")
    publisher: Optional[str] = attr("The outlet as the document names it (a name, not an actor id), or null.")
    author: Optional[str] = attr("The author as the document names them, or null.")
    published: Optional[str] = attr("Publication date, ISO 8601: YYYY-MM-DD, YYYY-MM or YYYY; null when unknown.",
                                    form=DATE)
    published_precision: Optional[str] = attr("How precise `published` is; null when published is null.",
                                              enum=PRECISIONS)
    url: Optional[str] = attr("The document's original URL, or null.")
    cites: list[str] = attr("Actor ids the document attributes information to.", default_factory=list,
                            item_description="An actor id.", **_ACTOR_ID)
    encoding: Optional[str] = attr("How the file's bytes were decoded (e.g. utf-8), or null.", default=None)
    languages: list[str] = attr("Every language found in the document, sentence by sentence.",
                                default_factory=list, form=LANGUAGE)
    boilerplate: list[Span] = attr("Spans of the document text set aside before extraction.", default_factory=list)
    archived_url: Optional[str] = attr("An archived copy of the document (editor-supplied, e.g. from a sidecar file).",
                                       default=None, omit_empty=True)
    retrieved: Optional[str] = attr("When the document was retrieved (editor-supplied, e.g. from a sidecar file).",
                                    default=None, form=DATE, omit_empty=True)
    derived_from: Optional[str] = attr("The source this document copies or mirrors (found from the text, or "
                                       "stated in a sidecar): it adds no independent origin.", default=None,
                                       omit_empty=True, **_SOURCE_ID)
    translation_of: Optional[str] = attr("The source this document translates (stated in a sidecar): it adds no "
                                         "independent origin.", default=None, omit_empty=True, **_SOURCE_ID)
    notes: list[str] = attr("What extraction could not resolve, e.g. a relative date with no stated "
                            "publication date.", default_factory=list, omit_empty=True)


@dataclass
class Alias:
    schema_description: ClassVar[str] = "A name as seen in a source."
    name: str = attr("The name as written.", min_length=1)
    language: Optional[str] = attr("ISO 639-1 code of the document it was seen in, or null.", form=LANGUAGE)
    script: str = attr("ISO 15924 script code: Latn, Arab, Cyrl, ...", pattern=r"^[A-Z][a-z]{3}$")


@dataclass
class Mention:
    schema_description: ClassVar[str] = "One mention: document text[start:end] == text."
    source: str = attr("The source id.", **_SOURCE_ID)
    start: int = attr("Code-point offset where the mention starts.", minimum=0)
    end: int = attr("Code-point offset just after the mention.", minimum=0)
    text: str = attr("The mention exactly as written in the document.", min_length=1)


@dataclass
class Actor:
    schema_description: ClassVar[str] = ("A person, organization, outlet, state or place the sources mention, "
                                         "as content/records/actors/<id>.yml.")
    id: str = attr("Record id; equals the file name without .yml.", form=ID)
    name: str = attr("The canonical display name.", min_length=1)
    kind: str = attr("What sort of actor this is.", enum=ACTOR_KINDS)
    kind_reason: Optional[str] = attr("Why it is of that kind: the cue that decided it.", default=None,
                                      omit_empty=True)
    aliases: list[Alias] = attr("Other names the actor goes by in the sources.", default_factory=list)
    mentions: list[Mention] = attr("Every place a source names the actor.", default_factory=list)
    roles: list[Role] = attr("Titles the sources give the actor.", default_factory=list)
    description: Optional[str] = attr("A short description (editor-supplied).", default=None, omit_empty=True)
    former_ids: list[str] = attr("Ids merged into this actor; their old URLs redirect here.", default_factory=list,
                                 form=ID, item_description="An earlier id.", omit_empty=True)
    state: Optional[str] = attr("The state an organisation or outlet belongs to (the Kremlin -> Russia): a "
                                "relation, not a merge.", default=None, omit_empty=True, **_ACTOR_ID)


@dataclass
class Role:
    """A title a source gives an actor, e.g. "head of the Presidential Administration"."""
    schema_description: ClassVar[str] = "A title a source gives the actor."
    source: str = attr("The source id.", **_SOURCE_ID)
    text: str = attr("The title as written in the source.", min_length=1)
    former: bool = attr("The source says the actor held it formerly.", default=False)  # "eski", "السابق", ...


@dataclass
class Evidence:
    """One place where a source makes a claim."""
    schema_description: ClassVar[str] = \
        "One place where a source makes the claim: document text[start:end] == quote."
    source: str = attr("The source id.", **_SOURCE_ID)
    quote: str = attr("The exact quote, original language.", min_length=1)
    start: int = attr("Code-point offset where the quote starts.", minimum=0)
    end: int = attr("Code-point offset just after the quote.", minimum=0)
    language: Optional[str] = attr("ISO 639-1 code of the quote, or null.", form=LANGUAGE)
    attributed_to: Optional[str] = attr("Actor id the source says the information comes from, or null.",
                                        **_ACTOR_ID)
    stance: str = attr("Whether the quote affirms or denies the claim.", default="affirms", enum=STANCES)
    value: Optional[str] = attr("The number, date or answer the source gives, or null.", default=None)
    date: Optional[str] = attr("ISO date the quote states for the event, or null.", default=None, form=DATE)
    prefix: Optional[str] = attr("The document text just before the quote (W3C TextQuoteSelector prefix, up to "
                                 "32 code points); absent at the start of the document.", default=None, omit_empty=True)
    suffix: Optional[str] = attr("The document text just after the quote (W3C TextQuoteSelector suffix, up to "
                                 "32 code points); absent at the end of the document.", default=None, omit_empty=True)
    added_by: Optional[str] = attr("The editor who added this evidence by hand; absent when extracted.",
                                   default=None, omit_empty=True)
    translation: Optional[str] = attr("An editor's translation of the quote (from the curation overlay).",
                                      default=None, omit_empty=True)
    translated_by: Optional[str] = attr("Who translated the quote (required with translation).",
                                        default=None, omit_empty=True)


@dataclass
class Origin:
    """One independent origin of a claim: where the information ultimately comes from.

    Four articles that all relay the same newspaper are one origin (kind "actor", id the
    newspaper's actor id), with `via` listing the relaying sources and `chain` the path.
    A source reporting on its own authority is its own origin (kind "source").
    """
    id: str = attr("Actor id (kind actor) or source id (kind source).", form=ID)
    kind: str = attr("actor: the evidence is attributed to it; source: the source reports on its own authority.",
                     enum=ORIGIN_KINDS)
    via: list[str] = attr("Source ids whose evidence traces back to this origin.", default_factory=list, form=ID)
    chain: list[list[str]] = attr("Per relaying source, the shortest path [source, cited actor, ...] to the origin.",
                                  default_factory=list, form=ID)


@dataclass
class Verdict:
    """An editor's judgement of a claim (feeds the claim page and ClaimReview JSON-LD)."""
    schema_description: ClassVar[str] = "An editor's verdict (ClaimReview)."
    rating: str = attr(enum=VERDICT_RATINGS)
    rationale: str = attr(min_length=1)
    reviewer: str = attr(min_length=1)
    date: str = attr(form=DAY)  # of the review
    url: Optional[str] = attr(default=None)  # a published fact-check, if any


@dataclass
class Frame:
    """What a claim asserts: a predicate with one open slot that each evidence item's value fills."""
    schema_description: ClassVar[str] = ("What the claim asserts: a predicate about a story or a participant, "
                                         "with one open slot; each evidence item's value fills it.")
    predicate: str = attr("The predicate, e.g. killed, arrested, warned (dossier/lexicons/predicates.yml).",
                          min_length=1)
    slot: str = attr("What the values answer: count, who, yes-no, date or role.", enum=FRAME_SLOTS)
    subject: Optional[str] = attr("The actor the claim is about, or null.", default=None, **_ACTOR_ID, omit_empty=True)
    object: Optional[str] = attr("The other participant, or null.", default=None, **_ACTOR_ID, omit_empty=True)
    place: Optional[str] = attr("Where it happened (an actor id), or null.", default=None, **_ACTOR_ID, omit_empty=True)
    incident: Optional[str] = attr("The story's event as the statement names it, or null.", default=None,
                                    omit_empty=True)
    role: Optional[str] = attr("The office, for a role claim, or null.", default=None, omit_empty=True)


@dataclass
class Rejection:
    """Why an editor rejected a claim: its record (and page) stay, marked, like Wikidata's deprecated rank."""
    schema_description: ClassVar[str] = "An editor's rejection of a wrongly extracted claim (from the curation overlay)."
    reason: str = attr("Why the extraction is wrong.", min_length=1)
    by: Optional[str] = attr("The editor who rejected it.", default=None)
    date: Optional[str] = attr("When, YYYY-MM-DD.", default=None, form=DAY)


@dataclass
class Claim:
    schema_description: ClassVar[str] = ("One claim the sources make, with exact-quote evidence, "
                                         "as content/records/claims/<id>.yml.")
    id: str = attr("Record id; equals the file name without .yml.", form=ID)
    statement: str = attr("What the claim asserts, in English, never with a value in it (the values are "
                          "on the evidence).", min_length=1)
    statement_from: str = attr("Where the statement comes from: the frame's template, a quote, or the editor.",
                               default="template", enum=("template", "quote", "editor"))
    frame: Optional[Frame] = attr("The proposition: predicate, slot and participants.", default=None,
                                  omit_empty=True)
    actors: list[str] = attr("Actors the claim is about.", default_factory=list,
                             item_description="An actor id.", **_ACTOR_ID)
    status: str = attr("Computed by analysis: single-source, corroborated, contested, or updated (a figure "
                       "that only rises with the reports' dates).",
                       default="single-source", enum=CLAIM_STATUSES)
    evidence: list[Evidence] = attr("Every place a source makes the claim.", default_factory=list)
    origins: list[Origin] = attr("Computed: the claim's independent origins (four articles relaying one "
                                 "newspaper are one origin).", default_factory=list)
    verdict: Optional[Verdict] = attr("The editor's verdict, from the curation overlay; absent when none.",
                                      default=None, omit_empty=True)
    former_ids: list[str] = attr("Earlier ids of this claim; their old URLs redirect here.", default_factory=list,
                                 form=ID, item_description="An earlier id.", omit_empty=True)
    translation: Optional[str] = attr("An editor's translation of the statement (from the curation overlay).",
                                      default=None, omit_empty=True)
    translated_by: Optional[str] = attr("Who translated the statement (required with translation).",
                                        default=None, omit_empty=True)
    rejected: Optional[Rejection] = attr("Set when an editor rejected the claim: the record stays for its page, "
                                         "out of every listing.", default=None, omit_empty=True)


RECORD_TYPES = {"sources": Source, "actors": Actor, "claims": Claim}


# ---------------------------------------------------------------------------------------
# Types of fields
# ---------------------------------------------------------------------------------------

def field_types(cls: type) -> dict[str, Any]:
    """Each field's declared type, resolved (annotations are strings here), in field order."""
    hints = get_type_hints(cls)
    return {f.name: hints[f.name] for f in fields(cls)}


def optional_of(tp: Any) -> Optional[Any]:
    """X for Optional[X], else None."""
    args = get_args(tp)
    if get_origin(tp) in (Union, UnionType) and len(args) == 2 and type(None) in args:
        return args[0] if args[1] is type(None) else args[1]
    return None


def list_of(tp: Any) -> Optional[Any]:
    """X for list[X], else None."""
    return get_args(tp)[0] if get_origin(tp) is list else None


def _parts(cls: type, many: dict, one: dict) -> None:
    """Fill `many` / `one` with (class, field) -> the part class a list / single field holds."""
    for name, tp in field_types(cls).items():
        if is_dataclass(list_of(tp)):
            many[(cls, name)] = part = list_of(tp)
        elif is_dataclass(optional_of(tp) or tp):
            one[(cls, name)] = part = optional_of(tp) or tp
        else:
            continue
        _parts(part, many, one)


_NESTED: dict[tuple[type, str], type] = {}
_NESTED_ONE: dict[tuple[type, str], type] = {}
for _record in RECORD_TYPES.values():
    _parts(_record, _NESTED, _NESTED_ONE)

#: Every record class and record part class.
RECORD_CLASSES = tuple(RECORD_TYPES.values()) + tuple(dict.fromkeys([*_NESTED.values(), *_NESTED_ONE.values()]))

#: Editor-only or rarely-set fields left out of the YAML while they are empty, so a record
#: file shows what is there rather than a wall of nulls.
OMIT_WHEN_EMPTY = frozenset(f.name for cls in RECORD_CLASSES for f in fields(cls) if f.metadata.get("omit_empty"))


# ---------------------------------------------------------------------------------------
# Plain data
# ---------------------------------------------------------------------------------------

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
