"""The extraction pipeline: documents in content/sources/ -> records in content/records/.

`run` is the whole of it, stage by stage. Each stage is a pure function from data to data in
`dossier.extract`; a `Layer` decides how they are run: `Direct` calls them one after the other,
`dossier.incremental.Layer` keeps their results across runs and runs documents in parallel.
Both give the same records, byte for byte.
"""
from __future__ import annotations

import gc
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Optional, Protocol

from dossier import incremental
from dossier.extract import linking as actors_stage
from dossier.extract import analysis
from dossier.extract import copies
from dossier.extract import evidence as evidence_stage
from dossier.extract import facts
from dossier.extract import kinds
from dossier.extract import curation
from dossier.extract import document
from dossier.extract import ingest
from dossier.extract import selectors
from dossier.extract.document import Prepared
from dossier.extract.reuse import Reuse
from dossier.io import store as records
from dossier.model import Actor, Claim, Document, EvidenceCandidate, MentionCandidate
from dossier.model.errors import DossierError
from dossier.text import unique_slug

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
    unread: int = 0  # documents and sidecars that could not be read: the command exits with status 1


class Layer(Protocol):
    """How the stages are run (see `Direct` and `dossier.incremental.Layer`)."""

    memory: records.Memory

    def start(self, paths: list[Path], seen: dict) -> Any: ...  # has .results(progress) and .cancel()
    def last_run(self, seen: dict) -> Optional[ExtractReport]: ...
    def reuse(self, kind: str) -> Optional[Reuse]: ...
    def evidence(self, doc: Document, mentions: list[tuple[MentionCandidate, str]]
                 ) -> tuple[list[EvidenceCandidate], list[str]]: ...
    def remember_run(self, report: ExtractReport, seen: dict, pending: Any) -> None: ...
    def end_run(self) -> None: ...


class _Prepared:
    """Documents prepared one after the other, when asked for."""

    def __init__(self, paths: list[Path], root: Path):
        self.paths, self.root = paths, root

    def results(self, progress: Optional[Progress] = None) -> list[Prepared]:
        out = []
        for i, path in enumerate(self.paths):
            if progress:
                progress(f"reading {path.name}", i, len(self.paths))
            out.append(document.prepare_one(path, self.root))
        return out

    def cancel(self) -> None:
        pass


class Direct:
    """The stages as they are: no cache, no worker processes."""

    memory = records.NO_MEMORY

    def __init__(self, root: Path):
        self.root = Path(root)

    def start(self, paths: list[Path], seen: dict) -> _Prepared:
        return _Prepared(paths, self.root)

    def last_run(self, seen: dict) -> Optional[ExtractReport]:
        return None

    def reuse(self, kind: str) -> Optional[Reuse]:
        return None

    def evidence(self, doc: Document, mentions: list[tuple[MentionCandidate, str]]
                 ) -> tuple[list[EvidenceCandidate], list[str]]:
        found = evidence_stage.find_evidence(doc, mentions)
        return found, evidence_stage.date_notes(doc, found)

    def remember_run(self, report: ExtractReport, seen: dict, pending: Any) -> None:
        pass

    def end_run(self) -> None:
        pass


def extract(root: Path, progress: Optional[Progress] = None, layer: Optional[Layer] = None) -> ExtractReport:
    """Run the whole extraction for the dossier at `root` and write its records (through the
    incremental layer unless `layer` says otherwise)."""
    root = Path(root)
    layer = layer or incremental.Layer(root)
    collecting = gc.isenabled()
    try:
        return run(root, layer, progress)
    finally:
        layer.end_run()
        if collecting:
            gc.enable()


def read_documents(pending: Any, progress: Optional[Progress] = None
                   ) -> tuple[list[Document], list[list[MentionCandidate]], dict, list[str]]:
    """Every document's own results, in order: documents, their mentions, the incidents each
    names by source id, and a warning per document that could not be read."""
    docs: list[Document] = []
    found: list[list[MentionCandidate]] = []
    incidents: dict = {}
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
        if prepared.incidents is not None:
            incidents[doc.source.id] = prepared.incidents
    if progress:
        progress("documents read", len(pending.paths), len(pending.paths))
    return docs, found, incidents, warnings


def run(root: Path, layer: Layer, progress: Optional[Progress] = None) -> ExtractReport:
    """The stages in order: documents, actors, evidence, claims, the editor's overlay, analysis."""
    content = root / "content"
    facts.use_project(content)  # content/predicates.yml, checked before any work starts
    seen: dict = {}  # file digests, taken once per run
    # new and changed documents are read first (in other processes): the rest overlaps with them
    pending = layer.start(ingest.discover(content / "sources"), seen)
    # This process builds few reference cycles but may hold millions of objects (every
    # document's results): the cyclic collector's full passes cost much and free next to nothing.
    gc.disable()
    with records.reading(content):
        replay = layer.last_run(seen)  # nothing changed since the last run: its records stand
    if replay is not None:
        pending.cancel()
        if progress:
            progress("nothing changed since the last extraction", replay.documents, replay.documents)
        return replay
    try:
        existing, broken = records.load_existing(content, seen, layer.memory)  # a bad record: warned, rewritten
    except BaseException:
        pending.cancel()
        raise
    docs, per_doc_mentions, incidents, warnings = read_documents(pending, progress)

    step = lambda label: progress(label, len(docs), len(docs)) if progress else None  # noqa: E731
    step("finding actors")
    mentions: list[MentionCandidate] = [m for found in per_doc_mentions for m in found]
    pins = actors_stage.load_pins(content)
    actor_list, mapping = actors_stage.resolve(docs, mentions, list(existing.actors.values()), pins,
                                               memo=layer.reuse("actors"))
    actor_list = kinds.refine(actor_list, {d.source.id: d.text for d in docs}, pins)  # a kind, and why
    actor_by_id: dict[str, Actor] = {a.id: a for a in actor_list}

    step("finding claims")
    candidates = _evidence(layer, docs, mentions, mapping, actor_by_id)

    step("grouping claims across sources")
    claim_list: list[Claim] = facts.group(candidates, list(existing.claims.values()), actor_by_id, docs, incidents,
                                          layer.reuse("stated"))
    curated = curation.apply(content, docs, actor_by_id, claim_list)  # the editor's overlay: decisions win
    unread = len(pending.paths) - len(docs) + len(curated.unread)  # documents that gave an error, bad sidecars
    claim_list, warnings = curated.claims, broken + warnings + curated.warnings
    selectors.annotate_claims(claim_list, {d.source.id: d.text for d in docs})  # quotes' prefix/suffix
    source_by_id = copies.mark([d.source for d in docs], {d.source.id: d.text for d in docs},  # copies count once
                               layer.reuse("copies"))
    published_by = analysis.publishers(source_by_id, actor_by_id)
    for claim in claim_list:
        claim.origins = analysis.origins(claim, source_by_id, actor_by_id, published_by)
        claim.status = analysis.assess(claim, source_by_id)

    step("writing records")
    result = records.Records(sources=source_by_id, actors=actor_by_id, claims={c.id: c for c in claim_list},
                             orphans=curation.orphans_data(curated.orphans))
    written = records.write_records(content, result, previous=existing, seen=seen, memory=layer.memory)
    report = replace(_report(docs, actor_by_id, claim_list, warnings, written), unread=unread)
    if not broken:  # a run over these records again would write nothing and warn the same
        layer.remember_run(replace(report, written=0, unchanged=report.written + report.unchanged, removed=0),
                           seen, pending)
    return report


def _evidence(layer: Layer, docs: list[Document], mentions: list[MentionCandidate],
              mapping: dict[tuple[str, int, int], str], actor_by_id: dict[str, Actor]) -> list[EvidenceCandidate]:
    """Every document's evidence (and its role claims), with the notes of dates left unresolved."""
    by_source: dict[str, list[tuple[MentionCandidate, str]]] = {}
    for m in mentions:
        actor_id = mapping.get((m.source, m.start, m.end))
        if actor_id is not None:
            by_source.setdefault(m.source, []).append((m, actor_id))
    candidates = []
    for doc in docs:
        found, notes = layer.evidence(doc, by_source.get(doc.source.id, []))
        # `cites` names the outlets and agencies a document relays, not every speaker it quotes.
        doc.source.cites = [a for a in analysis.cites(found) if a in actor_by_id and actor_by_id[a].kind in CITABLE_KINDS]
        candidates.extend(found)
        doc.source.notes = doc.source.notes + [n for n in notes if n not in doc.source.notes]
    candidates.extend(evidence_stage.role_claims(actor_by_id, {d.source.id: d for d in docs}))
    return candidates


def _report(docs: list[Document], actor_by_id: dict[str, Actor], claim_list: list[Claim], warnings: list[str],
            written: records.WriteReport) -> ExtractReport:
    counted = analysis.counts([d.source for d in docs], list(actor_by_id.values()), claim_list)
    counted.pop("multi_origin")
    return ExtractReport(**counted, warnings=warnings, written=written.written, unchanged=written.unchanged,
                         removed=written.removed)


__all__ = ["Direct", "ExtractReport", "Layer", "extract", "run", "DossierError"]
