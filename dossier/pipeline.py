"""The extraction pipeline: documents in content/sources/ -> records in content/records/.

Each stage is a function from data to data (see the modules named after them); this module
only strings them together, keeps going past a bad document, and hands the result to
`records.write_records`, which writes atomically.
"""
from __future__ import annotations

import gc
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Optional

from . import actors as actors_stage
from . import analysis, cache, claims, curation, ingest, records
from .errors import DossierError
from .model import Actor, Claim, Document, MentionCandidate
from .text import unique_slug

Progress = Callable[[str, int, int], None]

#: Actor kinds that can be a document's origin of information in `Source.cites`.
CITABLE_KINDS = ("outlet", "organization")


@dataclass
class ExtractReport:
    """What one extraction run did, for the CLI summary and `dossier report`."""
    documents: int = 0
    actors: int = 0
    mentions: int = 0
    claims: int = 0
    multi_source: int = 0
    contested: int = 0
    languages: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    written: int = 0
    unchanged: int = 0
    removed: int = 0


def read_documents(root: Path, progress: Optional[Progress] = None) -> tuple[list[Document], list[str]]:
    """Load and segment every document under content/sources/; bad ones become warnings."""
    docs, _mentions, _vectors, warnings = prepare_documents(root, progress)
    return docs, warnings


def prepare_documents(root: Path, progress: Optional[Progress] = None
                      ) -> tuple[list[Document], list[list[MentionCandidate]], dict, list[str]]:
    """Every document's own results (segmented text, mentions, quote vectors): cached, in parallel.

    See `dossier.cache`: an unchanged document comes from the cache, the others are
    processed on every core. Returns documents, their mentions (same order), the quote
    vectors by (source id, start, end) and warnings.
    """
    return finish_documents(cache.start(ingest.discover(root / "content" / "sources"), root), progress)


def finish_documents(pending: cache.Pending, progress: Optional[Progress] = None
                     ) -> tuple[list[Document], list[list[MentionCandidate]], dict, list[str]]:
    """`prepare_documents` once its documents have been started (`cache.start`)."""
    paths = pending.paths
    docs: list[Document] = []
    found: list[list[MentionCandidate]] = []
    vectors: dict = {}
    warnings: list[str] = []
    taken: set[str] = set()
    for prepared in pending.results(progress):
        if prepared.error is not None:
            warnings.append(prepared.error)
            continue
        doc, mentions = prepared.document, prepared.mentions or []
        if doc.source.id in taken:
            new_id = unique_slug(doc.source.id, taken)
            warnings.append(
                f"{doc.source.path}: another document already has the id '{doc.source.id}'; "
                f"this one is '{new_id}' (rename one of the files to choose ids yourself)"
            )
            doc.source.id = new_id
            for m in mentions:
                m.source = new_id
        else:
            taken.add(doc.source.id)
        docs.append(doc)
        found.append(mentions)
        for (start, end), vec in (prepared.vectors or {}).items():
            vectors[(doc.source.id, start, end)] = vec
    if progress:
        progress("documents read", len(paths), len(paths))
    return docs, found, vectors, warnings


def extract(root: Path, progress: Optional[Progress] = None) -> ExtractReport:
    """Run the whole extraction for the dossier at `root` and write its records."""
    collecting = gc.isenabled()
    try:
        return _extract(Path(root), progress)
    finally:
        cache.end_run()
        if collecting:
            gc.enable()


def _extract(root: Path, progress: Optional[Progress]) -> ExtractReport:
    content = root / "content"
    seen: dict = {}  # file digests, computed once for the cache keys and the fingerprint
    # new and changed documents go to worker processes first: the rest overlaps with them
    pending = cache.start(ingest.discover(content / "sources"), root, seen=seen)
    # This process builds few reference cycles but holds millions of objects (every document's
    # cached results): the cyclic collector's full passes over them cost a tenth of adding a
    # document, for next to nothing freed. Off until the run ends (`extract`); the worker
    # processes, forked by now, keep collecting.
    gc.disable()
    with records.reading(content):
        fingerprint = cache.content_fingerprint(root, seen)
    replay = cache.last_run(root, fingerprint)  # nothing changed since the last run: its records stand
    if replay is not None:
        pending.cancel()
        if progress:
            progress("nothing changed since the last extraction", replay.documents, replay.documents)
        return replay
    try:
        existing, broken = records.load_existing(content, seen)  # a record edited into a bad shape: warned, rewritten
    except BaseException:
        pending.cancel()
        raise
    docs, per_doc_mentions, vectors, warnings = finish_documents(pending, progress)

    step = lambda label: progress(label, len(docs), len(docs)) if progress else None  # noqa: E731
    step("finding actors")
    mentions: list[MentionCandidate] = [m for found in per_doc_mentions for m in found]
    pins = actors_stage.load_pins(content)
    actor_list, mapping = actors_stage.resolve(docs, mentions, list(existing.actors.values()), pins,
                                               memo=cache.memo(root, "actors"))
    actor_by_id: dict[str, Actor] = {a.id: a for a in actor_list}

    step("finding claims")
    by_source: dict[str, list[tuple[MentionCandidate, str]]] = {}
    for m in mentions:
        actor_id = mapping.get((m.source, m.start, m.end))
        if actor_id is not None:
            by_source.setdefault(m.source, []).append((m, actor_id))
    candidates = []
    for doc in docs:
        found, notes = cache.evidence(doc, by_source.get(doc.source.id, []), root)
        # `cites` names the outlets and agencies a document relays, not every speaker it quotes.
        doc.source.cites = [a for a in analysis.cites(found) if a in actor_by_id and actor_by_id[a].kind in CITABLE_KINDS]
        candidates.extend(found)
        doc.source.notes = doc.source.notes + [n for n in notes if n not in doc.source.notes]
    candidates.extend(claims.role_claims(actor_by_id, {d.source.id: d for d in docs}))

    step("grouping claims across sources")
    claim_list: list[Claim] = claims.group(candidates, list(existing.claims.values()), actor_by_id, vectors,
                                           memo=cache.memo(root, "groups"))
    curated = curation.apply(content, docs, actor_by_id, claim_list)  # the editor's overlay: decisions win
    claim_list, warnings = curated.claims, broken + warnings + curated.warnings
    source_by_id = {d.source.id: d.source for d in docs}
    published_by = analysis.publishers(source_by_id, actor_by_id)
    for claim in claim_list:
        claim.origins = analysis.origins(claim, source_by_id, actor_by_id, published_by)
        claim.status = analysis.assess(claim)

    step("writing records")
    result = records.Records(
        sources={d.source.id: d.source for d in docs},
        actors=actor_by_id,
        claims={c.id: c for c in claim_list},
        orphans=curation.orphans_data(curated.orphans),
    )
    written = records.write_records(content, result, previous=existing, seen=seen)

    report = ExtractReport(
        documents=len(docs),
        actors=len(actor_by_id),
        mentions=sum(len(a.mentions) for a in actor_list),
        claims=len(claim_list),
        multi_source=sum(1 for c in claim_list if len({e.source for e in c.evidence}) > 1),
        contested=sum(1 for c in claim_list if c.status == "contested"),
        languages=sorted({lang for d in docs for lang in d.source.languages}),
        warnings=warnings,
        written=written.written,
        unchanged=written.unchanged,
        removed=written.removed,
    )
    if not broken:  # a run over these records again would write nothing and warn the same
        cache.remember_run(root, replace(report, written=0, unchanged=report.written + report.unchanged, removed=0),
                           seen, tuple(pending.keys))
    return report


__all__ = ["ExtractReport", "extract", "read_documents", "DossierError"]
