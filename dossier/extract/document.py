"""What one document yields on its own: the first stages of the pipeline, in order.

Decoded and segmented text and the actor mentions found in it depend on no other document, so the incremental layer may keep them by the
document's bytes and compute them in parallel."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from dossier.extract import facts
from dossier.extract import mentions as actors_stage
from dossier.extract import ingest
from dossier.extract import segment
from dossier.extract import stated
from dossier.model import Document, MentionCandidate
from dossier.model.errors import InputError


@dataclass
class Prepared:
    """One document's own results, or the reason it could not be read."""
    path: Path
    document: Optional[Document] = None
    mentions: Optional[list[MentionCandidate]] = None
    incidents: Optional[Counter] = None  # incident noun -> how often the document names it
    error: Optional[str] = None
    cached: bool = False


def prepare_one(path: Path, root: Path) -> Prepared:
    """Decode, segment and find the actor mentions and incidents of one document (no cache)."""
    return complete(prepare_text(path, root))


def prepare_text(path: Path, root: Path) -> Prepared:
    """The decoded, segmented document only (`mentions` and `incidents` stay None)."""
    try:
        doc = ingest.load_document(path, root)
        segment.segment(doc)
    except InputError as err:
        return Prepared(path=path, error=str(err))
    return Prepared(path=path, document=doc)


def complete(prepared: Prepared) -> Prepared:
    """Find the actor mentions, the incidents named and the clause vectors of a document
    `prepare_text` read."""
    if prepared.document is not None and prepared.mentions is None:
        prepared.mentions = actors_stage.find_mentions(prepared.document)
    if prepared.document is not None and prepared.incidents is None:
        prepared.incidents = facts.incident_nouns(prepared.document)
    if prepared.document is not None and prepared.document.clause_vectors is None:
        prepared.document.clause_vectors = stated.clause_vectors(prepared.document)
    return prepared
