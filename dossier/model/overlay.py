"""What an editor may write: the curation files and the sidecar metadata of a document.

    content/curation/claims/<claim-id>.yml   ClaimCuration
    content/curation/actors/<actor-id>.yml   ActorCuration
    content/sources/<file>.meta.yml          SourceMeta

These classes declare the files (their JSON Schemas are generated from them); the code that
applies them reads the validated YAML as plain data. A field with a default may be left
out; its annotation is what it holds when written, so only `Optional` ones accept null.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, ClassVar, Optional

from dossier.model.records import ACTOR_KINDS, DATE, DAY, HTTP_URL, ID, LANGUAGE, STANCES, VERDICT_RATINGS, attr


def optional(description: Optional[str] = None, **schema: Any) -> Any:
    """A field the editor may leave out."""
    return attr(description, default=None, **schema)


# ---------------------------------------------------------------------------------------
# content/curation/actors/<actor-id>.yml
# ---------------------------------------------------------------------------------------

@dataclass(kw_only=True)
class ActorSplit:
    """A new actor taken out of the curated one: the mentions spelled one of `spellings`."""
    id: str = attr(form=ID)
    name: str = attr(min_length=1)
    kind: str = optional(enum=ACTOR_KINDS)
    description: str = optional(min_length=1)
    spellings: list[str] = attr(min_length=1, min_items=1)


@dataclass(kw_only=True)
class ActorCuration:
    schema_title: ClassVar[str] = "Actor curation"
    schema_description: ClassVar[str] = ("An editor's decisions about one actor, as "
                                         "content/curation/actors/<actor-id>.yml. Never written by the tool.")
    name: str = optional("The canonical name the site shows.", min_length=1)
    kind: str = optional(enum=ACTOR_KINDS)
    description: str = optional("A short description shown on the actor page.", min_length=1)
    merge: list[str] = optional("Actor ids folded into this one (they become its former_ids).", form=ID)
    aliases: list[str] = optional("Pinned spellings: every mention written this way belongs to this actor.",
                                  min_length=1)
    split: list[ActorSplit] = optional("New actors taken out of this one by spelling.")


# ---------------------------------------------------------------------------------------
# content/curation/claims/<claim-id>.yml
# ---------------------------------------------------------------------------------------

@dataclass(kw_only=True)
class VerdictEntry:
    """The verdict as the editor writes it; it becomes the claim's `Verdict`."""
    rating: str = attr(enum=VERDICT_RATINGS)
    rationale: str = attr(min_length=1)
    reviewer: str = attr(min_length=1)
    date: str = attr(form=DAY)
    url: Optional[str] = optional(form=HTTP_URL)


@dataclass(kw_only=True)
class QuoteRef:
    """Evidence named by its source and quote (the quote is found in the document)."""
    schema_name: ClassVar[str] = "quote_ref"  # shared under `$defs`
    source: str = attr(form=ID)
    quote: str = attr(min_length=1)


@dataclass(kw_only=True)
class EvidenceAddition:
    """Evidence added by hand; `occurrence` or `prefix` picks one of several equal quotes."""
    source: str = attr(form=ID)
    quote: str = attr(min_length=1)
    occurrence: int = optional(minimum=1)
    prefix: str = optional(min_length=1)
    language: str = optional(form=LANGUAGE)
    attributed_to: Optional[str] = optional(form=ID)
    stance: str = optional(enum=STANCES)
    value: Optional[str] = optional()
    date: Optional[str] = optional(form=DATE)
    added_by: str = attr("Who added it (required: the site credits the editor).", min_length=1)
    translation: str = optional("Your translation of the quote, shown beside the original.", min_length=1)
    translated_by: str = optional("Who translated it (required with translation).", min_length=1)


@dataclass(kw_only=True)
class QuoteTranslation:
    """An editor's translation of one evidence quote, named by its source and quote."""
    source: str = attr(form=ID)
    quote: str = attr(min_length=1)
    translation: str = attr(min_length=1)
    translated_by: str = attr(min_length=1)


@dataclass(kw_only=True)
class ClaimCuration:
    schema_title: ClassVar[str] = "Claim curation"
    schema_description: ClassVar[str] = ("An editor's decisions about one claim, as "
                                         "content/curation/claims/<claim-id>.yml. Never written by the tool.")
    add: bool = optional("true: this file adds a claim the extractor missed (needs statement and add_evidence).")
    statement: str = optional("The corrected (or, with add, the new) statement.", min_length=1)
    actors: list[str] = optional("Replaces the claim's actor ids.", form=ID)
    verdict: VerdictEntry = optional("The editor's verdict (schema.org ClaimReview).")
    translation: str = optional("Your translation of the statement, shown beside it and marked as yours.",
                                min_length=1)
    translated_by: str = optional("Who translated the statement (required with translation).", min_length=1)
    reject: bool = optional("true: a wrong extraction; the claim leaves every listing but keeps its page, "
                            "marked rejected with the reason.")
    reason: str = optional("Why the claim is rejected (required with reject).", min_length=1)
    rejected_by: str = optional("Who rejected it.", min_length=1)
    rejected_on: str = optional("When it was rejected.", form=DAY)
    merge: list[str] = optional("Claim ids folded into this one: their evidence joins it and their pages "
                                "redirect here.", form=ID)
    match: list[QuoteRef] = optional("Quotes that identify the claim if its id ever changes.")
    reject_evidence: list[QuoteRef] = optional("Evidence items to drop from the claim (a wrong quote).")
    add_evidence: list[EvidenceAddition] = optional(
        "Evidence added by hand: the tool finds the quote in the document and computes the offsets.")
    translate_evidence: list[QuoteTranslation] = optional("Your translations of the claim's quotes.")


# ---------------------------------------------------------------------------------------
# content/sources/<file>.meta.yml
# ---------------------------------------------------------------------------------------

@dataclass(kw_only=True)
class SourceMeta:
    """A sidecar's fields override what the document states (same names as `Source`'s)."""
    schema_title: ClassVar[str] = "Source sidecar"
    schema_description: ClassVar[str] = (
        "Metadata an editor adds to a document the text does not state: content/sources/<file>.meta.yml "
        "next to it. Overrides what extraction found.")
    title: str = optional(min_length=1)
    publisher: str = optional(min_length=1)
    author: str = optional(min_length=1)
    published: str = optional(form=DATE)
    url: str = optional(form=HTTP_URL)
    archived_url: str = optional(form=HTTP_URL)
    retrieved: str = optional("When the document was retrieved (YYYY-MM-DD).", form=DATE)
    language: str = optional(form=LANGUAGE)
    derived_from: str = optional("The document this one copies or mirrors: its file name in content/sources/ "
                                 "or its source id. It then adds no independent origin.", min_length=1)
    translation_of: str = optional("The document this one translates: its file name or source id.", min_length=1)


#: Each editor file kind (the name of its schema) and its class.
OVERLAY_TYPES = {"curation-actor": ActorCuration, "curation-claim": ClaimCuration, "source-meta": SourceMeta}

#: Source fields a sidecar may set; it overrides what the document states.
SIDECAR_FIELDS = tuple(f.name for f in fields(SourceMeta))
