"""Per-document steps that need more than the document: the decoded texts of sources (for
exports and checks) and the evidence found with the document's resolved actors."""
from __future__ import annotations

import os
from dataclasses import fields
from operator import attrgetter
from pathlib import Path
from typing import Any, Optional

from dossier.extract import evidence as evidence_stage
from dossier.extract import ingest
from dossier.io.files import file_digest
from dossier.incremental.documents import document_key
from dossier.incremental import store as cache_store
from dossier.incremental.store import DocumentCache, Memo, store_for
from dossier.model import Document, EvidenceCandidate, MentionCandidate, Sentence
from dossier.model.errors import DossierError

def source_texts(root: Path, sources: dict[str, Any], read: Optional[dict] = None
                 ) -> tuple[dict[str, str], list[str], list[str]]:
    """The decoded text of each source's document, as extraction decoded it (from the cache
    when it holds the document as it is now, else read again): (texts by source id, problems
    of documents missing or unreadable, paths of documents changed since extraction).

    `read`, a dict kept by the caller across calls (a serve session's rebuilds), remembers
    the documents read again, by key, and the file digests (only those of this call's
    documents stay)."""
    root = Path(root)
    base = root.resolve()
    listing: dict = {}
    memo = {} if read is None else read
    seen: dict = memo.setdefault("digests", {})
    again: dict = memo.setdefault("texts", {})
    wanted: set[str] = set()  # keys of this call's documents: the texts of others are dropped
    store = DocumentCache(root) if cache_store.enabled() else None
    texts: dict[str, str] = {}
    problems: list[str] = []
    changed: list[str] = []
    for source_id in sorted(sources):
        source = sources[source_id]
        path = root / source.path
        if not ingest.in_sources(root, source.path):  # only content/ is ever read as content
            problems.append(f"records/sources/{source.id}.yml: path '{source.path}' points outside content/sources/")
            continue
        if not path.is_file():
            problems.append(f"{source.path}: document not found (records/sources/{source.id}.yml points at it)")
            continue
        text = key = None
        try:
            key = document_key(path, root, base, listing, seen)
        except (OSError, ValueError):
            pass
        if key is not None:
            wanted.add(key)
        if key is not None and key in again:
            text = again[key]
        elif key is not None and store is not None:  # extraction's own result: no decoding again
            hit = store.get(key)
            text = hit.document.text if hit is not None and hit.document is not None else None
        try:
            if text is None:
                text = ingest.load_document(path, root).text
                if key is not None:
                    again[key] = text
            now = file_digest(path, seen).hex()
        except DossierError as err:
            problems.append(str(err))
            continue
        except OSError as err:
            problems.append(f"{source.path}: cannot read: {err}")
            continue
        texts[source_id] = text
        if source.sha256 and now != source.sha256:
            changed.append(source.path)
    for stale in again.keys() - wanted:
        del again[stale]
    return texts, problems, changed


_SENTENCE = attrgetter(*(f.name for f in fields(Sentence)))
_MENTION = attrgetter(*(f.name for f in fields(MentionCandidate)))


def evidence(doc: Document, mentions: list[tuple[MentionCandidate, str]], root: Path
             ) -> tuple[list[EvidenceCandidate], list[str]]:
    """`evidence_stage.find_evidence` and the document's `evidence_stage.date_notes` on that evidence, cached
    together."""
    if not cache_store.enabled():
        found = evidence_stage.find_evidence(doc, mentions)
        return found, evidence_stage.date_notes(doc, found)
    # Actor ids are opaque to find_evidence (only which mentions share an actor matters), so
    # the key numbers them in order of appearance: a document whose names now resolve to
    # a renamed actor reuses its evidence with the new ids.
    order = sorted(mentions, key=lambda ma: (ma[0].start, ma[0].end, ma[1]))
    number: dict[str, int] = {}
    for _m, a in order:
        number.setdefault(a, len(number))
    ids = list(number)
    # not pickle: equal content gives equal bytes whether the objects were just made or read
    # back from the cache (pickle's bytes depend on which objects are shared)
    # (fields as tuples, the source as its repr: plain data, which `Memo.key` keys quickest,
    # and every document is keyed)
    key = Memo.key("evidence-3", repr(doc.source), doc.text, [_SENTENCE(s) for s in doc.sentences],
                   [(_MENTION(m), number[a]) for m, a in order])
    store = store_for(os.fspath(root), cache_store.extractor_version(), "evidence")
    hit = store.get(key, expect=tuple)
    if hit is not None and len(hit) == 3 and len(hit[2]) == len(ids):
        found, notes, then = hit
        rename = dict(zip(then, ids))
        if any(old != new for old, new in rename.items()):
            for c in found:
                c.actors = [rename.get(a, a) for a in c.actors]
                c.attributed_to = rename.get(c.attributed_to, c.attributed_to) if c.attributed_to else None
        return found, notes
    found = evidence_stage.find_evidence(doc, mentions)
    notes = evidence_stage.date_notes(doc, found)
    store.put(key, (found, notes, ids))
    return found, notes
