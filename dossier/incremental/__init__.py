"""The optional performance layer: the stages of `dossier.extract`, their results kept.

`Layer` runs the stages for `dossier.pipeline`: per-document results by the document's bytes
(`documents`), in parallel; the cross-document steps through the `Reuse` seam (`store.Memo`);
the record files through the record store's `Memory` seam (`records`); a run that finds
nothing changed replays the last one (`runs`). Nothing below this layer imports it, and with
`DOSSIER_CACHE=0` (or `pipeline.Direct` instead of it) the records are the same, byte for byte.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from dossier.extract.document import Prepared
from dossier.extract.reuse import Reuse
from dossier.incremental import documents, runs, store, texts
from dossier.incremental.documents import Pending, document_key, workers
from dossier.incremental.records import RecordCache, record_memory
from dossier.incremental.runs import content_fingerprint, end_run, forget_unused, last_run, read_ahead, remember_run
from dossier.incremental.store import (CACHE_DIR, RUN, DocumentCache, Memo, code_version, enabled, extractor_version,
                                       memo, records_code_version, records_version)
from dossier.incremental.texts import evidence, source_texts
from dossier.io.files import file_digest
from dossier.io.store import Memory
from dossier.model import Document, EvidenceCandidate, MentionCandidate


class Layer:
    """The stages of one extraction run at `root`, their results kept (see the module)."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.memory: Memory = record_memory(self.root / "content")

    def start(self, paths: list[Path], seen: dict) -> Pending:
        return documents.start(paths, self.root, seen=seen)

    def last_run(self, seen: dict) -> Optional[Any]:
        return runs.last_run(self.root, runs.content_fingerprint(self.root, seen))

    def reuse(self, kind: str) -> Optional[Reuse]:
        return memo(self.root, kind)

    def evidence(self, doc: Document, mentions: list[tuple[MentionCandidate, str]]
                 ) -> tuple[list[EvidenceCandidate], list[str]]:
        return texts.evidence(doc, mentions, self.root)

    def remember_run(self, report: Any, seen: dict, pending: Pending) -> None:
        runs.remember_run(self.root, report, seen, tuple(pending.keys))

    def end_run(self) -> None:
        runs.end_run()


__all__ = ["documents", "runs", "store", "texts", "CACHE_DIR", "DocumentCache", "Layer", "Memo", "Pending", "Prepared", "RUN", "RecordCache",
           "code_version", "content_fingerprint", "document_key", "enabled", "end_run", "evidence",
           "extractor_version", "file_digest", "forget_unused", "last_run", "memo", "read_ahead",
           "record_memory", "records_code_version", "records_version", "remember_run", "source_texts", "workers"]
