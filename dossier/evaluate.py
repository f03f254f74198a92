"""The accuracy benchmark: score records against a gold file a person wrote from the documents.

Every change to extraction is judged by these numbers, not by one example (trafilatura keeps
its evaluation beside its code the same way). The gold format and each number are described
in docs/evaluation.md; `scripts/evaluate` runs `main`. Scoring reads records and documents
and never writes into the content it scores.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from dossier.extract.ingest import discover, load_document
from dossier.io.safe_yaml import display_path, line_of, load_yaml, load_yaml_lines
from dossier.model.errors import DossierError, Problem
from dossier.text.fold import fold

GOLD_KINDS = ("person", "organization", "outlet", "state", "place")
SLOTS = ("count", "measure", "person", "date", "role", "yes-no", "place")
_TOP_KEYS = {"corpus", "actors", "claims", "junk_cues", "copies"}
_ACTOR_KEYS = {"id", "kind", "names"}
_CLAIM_KEYS = {"id", "predicate", "slot", "key", "contested", "evidence", "note"}
_ITEM_KEYS = {"doc", "cue", "value", "note"}
# Arabic proclitics (wa-, fa-, bi-, li-, ka-, al-) may be written onto a name: "وبوتين" is "بوتين".
_PROCLITICS = re.compile(r"^[وفبلك]{0,2}(ال)?$")
_APOSTROPHES = "'’ʼ"


class GoldError(DossierError):
    """The gold file is malformed or points at text the documents do not have."""


# ---------------------------------------------------------------------------------------
# Folding shared by cues, quotes and names
# ---------------------------------------------------------------------------------------

def norm(text: str) -> str:
    """Case- and Unicode-folded, whitespace collapsed: how cues are compared with quotes."""
    return re.sub(r"\s+", " ", fold(text)[0]).strip()


def _folded_map(text: str) -> tuple[str, list[int]]:
    """`norm` of a whole document, with each folded character's offset in `text`."""
    folded, index = fold(text)
    out, where, space = [], [], False
    for ch, i in zip(folded, index):
        if ch.isspace():
            space = True
            continue
        if space and out:
            out.append(" ")
            where.append(i)
        space = False
        out.append(ch)
        where.append(i)
    return "".join(out), where


def name_spans(folded: str, name: str) -> list[tuple[int, int]]:
    """Where `name` (normed) occurs in `folded` as a word: an Arabic proclitic may precede it,
    and an apostrophe suffix (Turkish "Putin'in") may follow it, but no other letter."""
    spans, start = [], 0
    while name:
        i = folded.find(name, start)
        if i < 0:
            break
        start = i + 1
        j = i + len(name)
        k = i
        while k > 0 and folded[k - 1].isalpha():
            k -= 1
        if not _PROCLITICS.match(folded[k:i]):
            continue
        if j < len(folded) and folded[j].isalpha() and folded[j] not in _APOSTROPHES:
            continue
        spans.append((i, j))
    return spans


# ---------------------------------------------------------------------------------------
# The gold file
# ---------------------------------------------------------------------------------------

@dataclass
class GoldItem:
    claim: str
    doc: str
    cue: str
    value: Optional[str]
    line: Optional[int]  # of its cue
    doc_line: Optional[int] = None


@dataclass
class GoldClaim:
    id: str
    predicate: Optional[str]
    slot: Optional[str]
    key: bool
    contested: bool
    items: list[GoldItem]
    line: Optional[int]


@dataclass
class GoldActor:
    id: str
    kind: str
    names: list[str]
    line: Optional[int]


@dataclass
class Gold:
    path: str
    corpus: str
    actors: list[GoldActor] = field(default_factory=list)
    claims: list[GoldClaim] = field(default_factory=list)
    junk_cues: list[GoldItem] = field(default_factory=list)
    copies: list[tuple[str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def docs(self) -> list[str]:
        """Every document the gold names, sorted."""
        found = {i.doc for c in self.claims for i in c.items} | {j.doc for j in self.junk_cues}
        found |= {d for pair in self.copies for d in pair}
        return sorted(found)


def load_gold(path: Path | str, texts: Optional[dict[str, str]] = None) -> Gold:
    """Read and check a gold file; every problem is kept in `gold.problems` (file:line: message).
    With `texts` (document name -> text), doc names and cues are checked against the documents."""
    data, lines = load_yaml_lines(path)
    reader = _GoldReader(Gold(path=display_path(path), corpus=""), lines)
    if not isinstance(data, dict):
        raise GoldError(reader.gold.path, "a gold file is a mapping with actors: and claims: "
                        "(see docs/evaluation.md)", line=1)
    reader.read(data)
    if texts is not None:
        reader.check_texts(texts)
    reader.gold.problems.sort()
    return reader.gold


class _GoldReader:
    """Builds a Gold from parsed YAML, noting each problem at its line."""

    def __init__(self, gold: Gold, lines: dict):
        self.gold, self.lines = gold, lines
        self.copy_lines: list[Optional[int]] = []

    def problem(self, where: tuple, message: str) -> None:
        self.gold.problems.append(Problem(self.gold.path, line_of(self.lines, where), message))

    def unknown(self, entry: dict, allowed: set, where: tuple, what: str) -> None:
        for key in sorted(set(entry) - allowed, key=str):
            self.problem(where + (key,), f"unknown key '{key}' in {what} (allowed: {', '.join(sorted(allowed))})")

    def entries(self, data: dict, key: str) -> list[tuple[tuple, Any]]:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem((key,), f"'{key}' must be a list")
            return []
        return [((key, n), entry) for n, entry in enumerate(value)]

    def read(self, data: dict) -> None:
        self.unknown(data, _TOP_KEYS, (), "the gold file")
        self.gold.corpus = str(data.get("corpus") or "")
        owner: dict[str, str] = {}
        for where, entry in self.entries(data, "actors"):
            self.actor(where, entry, owner)
        seen: set[str] = set()
        for where, entry in self.entries(data, "claims"):
            self.claim(where, entry, seen)
        for where, entry in self.entries(data, "junk_cues"):
            item = self.item(where, entry, "", {"doc", "cue", "note"})
            if item:
                self.gold.junk_cues.append(item)
        for where, entry in self.entries(data, "copies"):
            if not isinstance(entry, dict) or not isinstance(entry.get("doc"), str) \
                    or not isinstance(entry.get("of"), str):
                self.problem(where, "a copies entry needs doc: (the copy) and of: (the original), both file names")
                continue
            self.gold.copies.append((entry["doc"], entry["of"]))
            self.copy_lines.append(line_of(self.lines, where))

    def actor(self, where: tuple, entry: Any, owner: dict[str, str]) -> None:
        if not isinstance(entry, dict) or not entry.get("id"):
            self.problem(where, "an actor needs id:, kind: and names:")
            return
        aid = str(entry["id"])
        self.unknown(entry, _ACTOR_KEYS, where, f"actor {aid}")
        kind = entry.get("kind")
        if kind not in GOLD_KINDS:
            self.problem(where + ("kind",), f"actor {aid}: kind must be one of {', '.join(GOLD_KINDS)}")
        names = entry.get("names")
        if not isinstance(names, list) or not names or not all(isinstance(x, str) and norm(x) for x in names):
            self.problem(where + ("names",), f"actor {aid}: names must be a non-empty list of spellings")
            return
        for i, name in enumerate(names):
            other = owner.setdefault(norm(name), aid)
            if other != aid:
                self.problem(where + ("names", i), f"'{name}' is listed for both {other} and {aid}: "
                                                   "keep only spellings that name one actor")
        self.gold.actors.append(GoldActor(aid, str(kind), [str(x) for x in names], line_of(self.lines, where)))

    def claim(self, where: tuple, entry: Any, seen: set[str]) -> None:
        if not isinstance(entry, dict) or not entry.get("id"):
            self.problem(where, "a claim needs id: and evidence:")
            return
        cid = str(entry["id"])
        if cid in seen:
            self.problem(where + ("id",), f"claim id '{cid}' is used twice")
        seen.add(cid)
        self.unknown(entry, _CLAIM_KEYS, where, f"claim {cid}")
        if entry.get("slot") is not None and entry.get("slot") not in SLOTS:
            self.problem(where + ("slot",), f"claim {cid}: slot must be one of {', '.join(SLOTS)}")
        evidence = entry.get("evidence")
        if not isinstance(evidence, list) or not evidence:
            self.problem(where + ("evidence",), f"claim {cid} needs a list of evidence (doc:, cue:)")
            evidence = []
        items = [i for m, raw in enumerate(evidence)
                 if (i := self.item(where + ("evidence", m), raw, cid, _ITEM_KEYS))]
        docs = {i.doc for i in items}
        key = entry.get("key")
        if key is None:
            key = len(docs) >= 2  # a fact two documents state is key unless the gold says otherwise
        elif key and len(docs) < 2:
            self.problem(where + ("key",), f"claim {cid} is key: true but only {len(docs)} document states it")
        contested = bool(entry.get("contested"))
        if contested and len(docs) < 2:
            self.problem(where + ("contested",), f"claim {cid} is contested: true but one document states it")
        self.gold.claims.append(GoldClaim(cid, entry.get("predicate"), entry.get("slot"), bool(key), contested,
                                          items, line_of(self.lines, where)))

    def item(self, where: tuple, raw: Any, claim: str, allowed: set) -> Optional[GoldItem]:
        if not isinstance(raw, dict) or not isinstance(raw.get("doc"), str) \
                or not isinstance(raw.get("cue"), str) or not norm(raw["cue"]):
            self.problem(where, "an item needs doc: (a file name in sources/) and cue: (an exact fragment)")
            return None
        self.unknown(raw, allowed, where, "an item")
        value = raw.get("value")
        return GoldItem(claim, raw["doc"], raw["cue"], None if value is None else str(value),
                        line_of(self.lines, where + ("cue",)), line_of(self.lines, where + ("doc",)))

    def check_texts(self, texts: dict[str, str]) -> None:
        """Doc names that are no document, and cues or names no text holds, are gold errors:
        each would otherwise be a silent miss."""
        folded = {doc: _folded_map(text)[0] for doc, text in texts.items()}
        gold = self.gold
        for item in [i for c in gold.claims for i in c.items] + gold.junk_cues:
            if item.doc not in texts:
                gold.problems.append(Problem(gold.path, item.doc_line, f"'{item.doc}' is not a document in sources/"))
            elif norm(item.cue) not in folded[item.doc]:
                gold.problems.append(Problem(gold.path, item.line, f"cue '{item.cue}' does not occur in "
                                             f"{item.doc}: copy it exactly from the document"))
        for (copy, original), line in zip(gold.copies, self.copy_lines):
            for doc in (copy, original):
                if doc not in texts:
                    gold.problems.append(Problem(gold.path, line, f"'{doc}' is not a document in sources/"))
        for actor in gold.actors:
            for name in actor.names:
                if not any(name_spans(f, norm(name)) for f in folded.values()):
                    gold.problems.append(Problem(gold.path, actor.line, f"actor {actor.id}: '{name}' occurs "
                                                 "as a word in no document"))


# ---------------------------------------------------------------------------------------
# The records scored
# ---------------------------------------------------------------------------------------

@dataclass
class Predicted:
    """The records as plain data (read leniently: scoring must not depend on a schema
    version), and which source record each gold document name is."""
    sources: dict[str, dict]
    actors: dict[str, dict]
    claims: dict[str, dict]
    doc_source: dict[str, str]


def load_predicted(records_dir: Path | str, docs: list[str]) -> Predicted:
    """The records under `records_dir` (sources/, actors/, claims/); RecordError names a bad file."""
    kinds: dict[str, dict[str, dict]] = {}
    for kind in ("sources", "actors", "claims"):
        folder = Path(records_dir) / kind
        files = sorted(folder.glob("*.yml")) if folder.is_dir() else []
        kinds[kind] = {p.stem: d for p in files if isinstance(d := load_yaml(p), dict)}
    by_doc: dict[str, str] = {}
    for sid, source in sorted(kinds["sources"].items()):
        path = str(source.get("path") or "")
        for doc in docs:
            if (path == doc or path.endswith("/" + doc)) and doc not in by_doc:
                by_doc[doc] = sid
    return Predicted(kinds["sources"], kinds["actors"], kinds["claims"], by_doc)


def read_texts(sources_dir: Path | str, docs: Optional[list[str]] = None) -> dict[str, str]:
    """Document name (path inside `sources_dir`) -> the decoded text extraction reads (offsets in
    records point into it); every document there unless `docs` names some."""
    sources_dir = Path(sources_dir)
    root = sources_dir.parent.parent if sources_dir.parent.name == "content" else sources_dir.parent
    if docs is None:
        docs = [p.relative_to(sources_dir).as_posix() for p in discover(sources_dir)]
    texts = {}
    for doc in docs:
        path = sources_dir / doc
        if path.is_file():
            texts[doc] = load_document(path, root).text
    return texts


# ---------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------

def _prf(tp: float, predicted: float, gold: float) -> dict:
    p = tp / predicted if predicted else 1.0
    r = tp / gold if gold else 1.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}


def _share(hit: int, total: int) -> dict:
    return {"hit": hit, "total": total, "rate": round(hit / total, 4) if total else None}


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def _evidence(pred: Predicted) -> dict[str, list[tuple[str, str, Optional[str]]]]:
    """Source id -> (claim id, normed quote, value) of every evidence item."""
    out: dict[str, list] = defaultdict(list)
    for cid, claim in sorted(pred.claims.items()):
        for ev in claim.get("evidence") or []:
            if isinstance(ev, dict) and isinstance(ev.get("quote"), str):
                value = ev.get("value")
                out[str(ev.get("source"))].append((cid, norm(ev["quote"]), None if value is None else str(value)))
    return out


def find_item(item: GoldItem, pred: Predicted, evidence: dict, predicate: Optional[str] = None) -> Optional[str]:
    """The claim holding the shortest quote of the item's document that contains its cue (ties:
    the one giving the gold value, then the one about a participant the cue names, then the
    claim whose predicate is the gold's, then by id)."""
    tied = _candidates(item, pred, evidence, predicate)
    return tied[0] if tied else None


def _candidates(item: GoldItem, pred: Predicted, evidence: dict, predicate: Optional[str] = None) -> list[str]:
    """The claims `find_item` ranks first alike (one clause may be evidence of two claims), by id."""
    sid = pred.doc_source.get(item.doc)
    cue = norm(item.cue)
    ranks = {}
    for cid, quote, value in evidence.get(sid, []) if sid else []:
        if cue in quote:
            rank = (len(quote), value != item.value if item.value is not None else False,
                    not _names_participant(cue, pred.claims[cid], pred.actors),
                    predicate is not None and _predicate(pred.claims[cid]) != predicate)
            ranks[cid] = min(ranks.get(cid, rank), rank)
    best = min(ranks.values(), default=None)
    return sorted(cid for cid, rank in ranks.items() if rank == best)


def _found(items: list[tuple[GoldItem, Optional[str]]], pred: Predicted, evidence: dict) -> list[Optional[str]]:
    """The claim each gold item is found in; of the claims a clause is evidence of alike (its
    date and what else it tells), the one the gold claim's other items are found in most."""
    tied = [_candidates(i, pred, evidence, p) for i, p in items]
    out = []
    for k, ((item, _p), cands) in enumerate(zip(items, tied)):
        # counted over every claim the other items may be in, not only their first: a clause
        # telling two facts lands where the rest of its gold fact can be
        others = Counter(f for j, ((i, _q), fs) in enumerate(zip(items, tied)) if j != k and i.claim == item.claim
                         for f in fs)
        out.append(max(cands, key=lambda cid: (others[cid], -cands.index(cid))) if cands else None)
    return out


def _names_participant(cue: str, claim: dict, actors: dict[str, dict]) -> bool:
    """Whether the (normed) cue holds a name of the claim's subject or object: of a quote that
    is evidence of "X was killed" and "Y was killed", the cue naming Y is Y's."""
    frame = claim.get("frame") if isinstance(claim.get("frame"), dict) else {}
    for role in ("subject", "object"):
        actor = actors.get(str(frame.get(role)))
        if not isinstance(actor, dict):
            continue
        names = [actor.get("name")] + [a.get("name") for a in actor.get("aliases") or [] if isinstance(a, dict)]
        names += [m.get("text") for m in actor.get("mentions") or [] if isinstance(m, dict)]
        if any(isinstance(n, str) and len(n) > 2 and norm(n) in cue for n in names):
            return True
    return False


def _predicate(claim: dict) -> Optional[str]:
    """A record's predicate, where the record format keeps one (top level or in its frame)."""
    frame = claim.get("frame")
    return claim.get("predicate") or (frame.get("predicate") if isinstance(frame, dict) else None)


def score(gold: Gold, pred: Predicted, texts: Optional[dict[str, str]] = None) -> dict:
    """Every number of the benchmark, with the details `--verbose` prints, as plain data."""
    evidence = _evidence(pred)
    items = [(i, c.predicate) for c in gold.claims for i in c.items]
    found = _found(items, pred, evidence)
    items = [i for i, _ in items]
    report = {"gold": gold.path, "corpus": gold.corpus,
              "actors": score_actors(gold, pred, texts),
              "claims": score_claims(gold, pred, items, found, evidence),
              "copies": score_copies(gold, pred),
              "statements": {cid: c.get("statement") for cid, c in sorted(pred.claims.items())}}
    return report


def score_claims(gold: Gold, pred: Predicted, items: list[GoldItem], found: list[Optional[str]],
                 evidence: dict) -> dict:
    """Claim pairs, key facts in one record, contested found / invented, junk."""
    cells = Counter((i.claim, f) for i, f in zip(items, found) if f is not None)
    by_gold = Counter(i.claim for i in items)
    by_pred = Counter(f for f in found if f is not None)
    tp = sum(_pairs(n) for n in cells.values())
    pairs = _prf(tp, sum(_pairs(n) for n in by_pred.values()), sum(_pairs(n) for n in by_gold.values()))
    per_claim, key_hit, contested_hit = [], [], []
    for claim in gold.claims:
        landed = [(i, f) for i, f in zip(items, found) if i.claim == claim.id]
        records = Counter(f for _, f in landed if f is not None)
        docs_found = {i.doc for i, f in landed if f is not None}
        in_one = len(records) == 1 and len(docs_found) >= 2
        main = max(sorted(records), key=lambda r: (records[r], len({i.doc for i, f in landed if f == r})),
                   default=None)  # ties: the first id
        status = pred.claims[main].get("status") if main else None
        if claim.key:
            key_hit.append(in_one)
        if claim.contested:
            contested_hit.append(status == "contested")
        per_claim.append({"id": claim.id, "key": claim.key, "contested": claim.contested, "in_one_record": in_one,
                          "main": main, "main_status": status,
                          "items": [{"doc": i.doc, "cue": i.cue, "value": i.value, "line": i.line, "claim": f,
                                     "claim_value": _value_in(pred, f, i) if f else None,
                                     "why": None if f else _why_missed(pred, i)} for i, f in landed]})
    gold_of_pred: dict[str, set[str]] = defaultdict(set)
    for i, f in zip(items, found):
        if f is not None:
            gold_of_pred[f].add(i.claim)
    contested_gold = {c.id for c in gold.claims if c.contested}
    invented = sorted(cid for cid, c in pred.claims.items()
                      if c.get("status") == "contested" and not gold_of_pred.get(cid, set()) & contested_gold)
    junk = sorted(cid for cid in pred.claims if cid not in gold_of_pred)
    junk_hits = []
    for cue in gold.junk_cues:
        sid, text = pred.doc_source.get(cue.doc), norm(cue.cue)
        hit = sorted({cid for cid, quote, _ in evidence.get(sid, []) if text in quote}) if sid else []
        if hit:
            junk_hits.append({"doc": cue.doc, "cue": cue.cue, "line": cue.line, "claims": hit})
    return {"items": len(items), "found": sum(f is not None for f in found), "pairs": pairs,
            "key_in_one_record": _share(sum(key_hit), len(key_hit)),
            "contested_found": _share(sum(contested_hit), len(contested_hit)),
            "invented": invented,
            "junk": _share(len(junk), len(pred.claims)), "junk_claims": junk,
            "junk_cues_in_claims": _share(len(junk_hits), len(gold.junk_cues)), "junk_cue_hits": junk_hits,
            "per_claim": per_claim}


def _why_missed(pred: Predicted, item: GoldItem) -> str:
    if item.doc not in pred.doc_source:
        return "no source record has this document's path"
    return "no quote of the document contains the cue"


def _value_in(pred: Predicted, cid: str, item: GoldItem) -> Optional[str]:
    """The value the predicted claim gives for the item's quote (the shortest containing the cue)."""
    sid, cue = pred.doc_source.get(item.doc), norm(item.cue)
    quotes = sorted((len(norm(e["quote"])), str(e.get("value")) if e.get("value") is not None else None)
                    for e in pred.claims[cid].get("evidence") or []
                    if isinstance(e, dict) and e.get("source") == sid and cue in norm(str(e.get("quote"))))
    return quotes[0][1] if quotes else None


def actor_items(gold: Gold, pred: Predicted, texts: Optional[dict[str, str]]) -> list[dict]:
    """Each occurrence of a gold name: its document, place, gold actor and the actor record
    whose mention covers it (None: no record names it there).

    With the documents' texts, occurrences are found in the text (outside the boilerplate the
    source record sets aside), so a name extraction missed counts against recall; without them,
    only the records' mentions are looked at."""
    names = sorted(((norm(n), a.id) for a in gold.actors for n in a.names), key=lambda x: (-len(x[0]), x))
    mentions: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
    for aid, actor in sorted(pred.actors.items()):
        for m in actor.get("mentions") or []:
            if isinstance(m, dict) and isinstance(m.get("start"), int) and isinstance(m.get("end"), int):
                mentions[str(m.get("source"))].append((m["start"], m["end"], aid, str(m.get("text") or "")))
    items = []
    for doc, sid in sorted(pred.doc_source.items()):
        if texts is not None and doc in texts:
            text = texts[doc]
            skip = [(s.get("start", 0), s.get("end", 0)) for s in pred.sources[sid].get("boilerplate") or []
                    if isinstance(s, dict)]
            spans = _occurrences(*_folded_map(text), names, skip)
        else:
            spans = [(m[0], m[1], gold_id) for m in mentions.get(sid, [])
                     if (gold_id := _name_in(norm(m[3]), names))]
        for start, end, gold_id in spans:
            over = [(min(end, m[1]) - max(start, m[0]), m[2]) for m in mentions.get(sid, [])
                    if m[0] < end and start < m[1]]
            record = max(sorted(over, key=lambda x: x[1]), key=lambda x: x[0])[1] if over else None
            items.append({"doc": doc, "start": start, "end": end, "text": texts[doc][start:end] if texts and doc in
                          texts else None, "gold": gold_id, "record": record})
    return items


def _occurrences(folded: str, where: list[int], names: list[tuple[str, str]],
                 skip: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, gold actor) of every gold name in a folded text, longest names first, no overlaps."""
    taken: list[tuple[int, int]] = []
    out = []
    for name, gold_id in names:
        for i, j in name_spans(folded, name):
            if any(i < b and a < j for a, b in taken):
                continue
            taken.append((i, j))
            start, end = where[i], where[j - 1] + 1
            if not any(a <= start < b for a, b in skip):
                out.append((start, end, gold_id))
    return sorted(out)


def _name_in(mention: str, names: list[tuple[str, str]]) -> Optional[str]:
    """The gold actor of the longest gold name a mention's text is or contains."""
    for name, gold_id in names:
        if name_spans(mention, name):
            return gold_id
    return None


def score_actors(gold: Gold, pred: Predicted, texts: Optional[dict[str, str]]) -> dict:
    """Actor B³ over name occurrences, multi-document actors in one record, wrong merges."""
    items = actor_items(gold, pred, texts)
    # An occurrence no record covers is its own predicted cluster.
    cluster = [it["record"] if it["record"] else f"\0{n}" for n, it in enumerate(items)]
    cells = Counter((it["gold"], c) for it, c in zip(items, cluster))
    by_gold = Counter(it["gold"] for it in items)
    by_pred = Counter(cluster)
    p = sum(cells[(it["gold"], c)] / by_pred[c] for it, c in zip(items, cluster))
    r = sum(cells[(it["gold"], c)] / by_gold[it["gold"]] for it, c in zip(items, cluster))
    n = len(items)
    b3: dict = {"precision": None, "recall": None, "f1": None}
    if n:
        b3 = {"precision": round(p / n, 4), "recall": round(r / n, 4),
              "f1": round(2 * (p / n) * (r / n) / ((p + r) / n), 4) if p + r else 0.0}
    per_actor, multi = [], []
    for actor in gold.actors:
        mine = [it for it in items if it["gold"] == actor.id]
        docs = {it["doc"] for it in mine}
        records = Counter(it["record"] for it in mine if it["record"])
        found_docs = {it["doc"] for it in mine if it["record"]}
        if len(docs) >= 2:
            multi.append(len(records) == 1 and len(found_docs) >= 2)
        per_actor.append({"id": actor.id, "docs": len(docs), "occurrences": len(mine),
                          "records": dict(sorted(records.items())),
                          "missed": [f"{it['doc']}@{it['start']}: {it['text']}" for it in mine if not it["record"]]})
    merges = defaultdict(Counter)
    for it in items:
        if it["record"]:
            merges[it["record"]][it["gold"]] += 1
    wrong = [{"record": rec, "gold": dict(sorted(golds.items()))} for rec, golds in sorted(merges.items())
             if len(golds) > 1]
    return {"occurrences": n, "covered": sum(1 for it in items if it["record"]), "b3": b3,
            "multi_document_in_one_record": _share(sum(multi), len(multi)), "wrong_merges": wrong,
            "per_actor": per_actor, "from_text": texts is not None}


def score_copies(gold: Gold, pred: Predicted) -> list[dict]:
    """Per copy: the share of claims with the copy's evidence whose origins it did not add to.
    The copy adds an origin when an origin is reached only through the copy and is not the
    original document (nor what the original copies in turn)."""
    originals = dict(gold.copies)
    out = []
    for copy, original in gold.copies:
        copy_sid = pred.doc_source.get(copy)
        allowed, doc, hops = set(), original, 0
        while doc and hops < 50:
            if pred.doc_source.get(doc):
                allowed.add(pred.doc_source[doc])
            doc, hops = originals.get(doc), hops + 1
        claims, kept, grew = 0, 0, []
        for cid, claim in sorted(pred.claims.items()):
            if not copy_sid or not any(isinstance(e, dict) and e.get("source") == copy_sid
                                       for e in claim.get("evidence") or []):
                continue
            claims += 1
            added = [o for o in claim.get("origins") or [] if isinstance(o, dict) and o.get("via")
                     and set(o["via"]) <= {copy_sid} and o.get("id") not in allowed]
            if added:
                grew.append(cid)
            else:
                kept += 1
        out.append({"doc": copy, "of": original, "one_origin": _share(kept, claims), "grew": grew})
    return out


# ---------------------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------------------

def _pct(share: dict) -> str:
    if not share["total"]:
        return "n/a (none in the gold)"
    return f"{share['hit']}/{share['total']} ({100 * share['rate']:.0f}%)"


def _num(x: Optional[float]) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def render(report: dict, verbose: bool = False) -> str:
    """The report as text: the headline numbers, then (verbose) where each gold item landed."""
    a, c = report["actors"], report["claims"]
    b3, pairs = a["b3"], c["pairs"]
    lines = [f"{report['records']} scored against {report['gold']}"
             + (f" (corpus: {report['corpus']})" if report["corpus"] else ""),
             "Actors",
             f"  B3                  precision {_num(b3['precision'])}  recall {_num(b3['recall'])}  "
             f"F1 {_num(b3['f1'])}   ({a['covered']}/{a['occurrences']} name occurrences in a record"
             + ("" if a["from_text"] else "; mentions only, no documents") + ")",
             f"  multi-document names in one record  {_pct(a['multi_document_in_one_record'])}",
             f"  wrong merges        {len(a['wrong_merges'])}"
             + "".join(f"\n    {w['record']}: " + ", ".join(f"{g} x{n}" for g, n in w["gold"].items())
                       for w in a["wrong_merges"]),
             "Claims",
             f"  claim pairs         precision {_num(pairs['precision'])}  recall {_num(pairs['recall'])}  "
             f"F1 {_num(pairs['f1'])}   ({c['found']}/{c['items']} gold items found)",
             f"  key facts in one record  {_pct(c['key_in_one_record'])}",
             f"  contested found     {_pct(c['contested_found'])}",
             f"  invented contests   {len(c['invented'])}" + (": " + ", ".join(c["invented"]) if c["invented"] else ""),
             f"  junk claims         {_pct(c['junk'])}",
             f"  junk cues in claims {_pct(c['junk_cues_in_claims'])}"]
    copies = report["copies"]
    lines.append("Copies as one origin" + ("  n/a (no copies in the gold)" if not copies else ""))
    for cp in copies:
        lines.append(f"  {cp['doc']} (of {cp['of']})  {_pct(cp['one_origin'])}"
                     + (f"; grew: {', '.join(cp['grew'])}" if cp["grew"] else ""))
    if verbose:
        lines += _details(report)
    return "\n".join(lines) + "\n"


def _details(report: dict) -> list[str]:
    """Per gold claim and actor: where each item landed, and what was missed."""
    a, c = report["actors"], report["claims"]
    out = ["", "Per gold claim (item -> record [value given]; '!' marks a miss)"]
    for claim in c["per_claim"]:
        flags = " ".join(f for f, on in (("key", claim["key"]), ("contested", claim["contested"])) if on)
        verdict = "one record" if claim["in_one_record"] else "split/missing" if claim["key"] else ""
        out.append(f"  {claim['id']} {flags}  main: {claim['main'] or '-'} [{claim['main_status'] or '-'}] {verdict}")
        for it in claim["items"]:
            got = f"{it['claim']} [{it['claim_value']}]" if it["claim"] else f"! not found: {it['why']}"
            want = f" = {it['value']}" if it["value"] is not None else ""
            out.append(f"    line {it['line']}: {it['doc']} \"{it['cue']}\"{want} -> {got}")
    out += ["", "Per gold actor (records holding its name occurrences; missed occurrences)"]
    for actor in a["per_actor"]:
        recs = ", ".join(f"{r} x{n}" for r, n in actor["records"].items()) or "-"
        out.append(f"  {actor['id']} ({actor['docs']} docs, {actor['occurrences']} occurrences): {recs}")
        out += [f"    ! {m}" for m in actor["missed"]]
    out += ["", f"Junk claims ({len(c['junk_claims'])})"]
    out += [f"  {cid}: {str(report['statements'].get(cid) or '')[:100]}" for cid in c["junk_claims"]]
    for hit in c["junk_cue_hits"]:
        out.append(f"  junk cue line {hit['line']}: {hit['doc']} \"{hit['cue']}\" in {', '.join(hit['claims'])}")
    return out


# ---------------------------------------------------------------------------------------
# The command (scripts/evaluate)
# ---------------------------------------------------------------------------------------

def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scripts/evaluate", description="Score records against a gold file (docs/evaluation.md).")
    parser.add_argument("gold", help="a gold YAML file, or a corpus folder holding gold.yml and sources/")
    parser.add_argument("--project", type=Path, help="dossier folder with content/sources and content/records "
                        "(default: the nearest folder up from the gold file, else from here, that has content/)")
    parser.add_argument("--records", type=Path, help="records folder (holding sources/, actors/, claims/)")
    parser.add_argument("--sources", type=Path, help="documents folder the records were extracted from")
    parser.add_argument("--extract", action="store_true", help="extract the documents into a scratch project "
                        "first, then score those records (the content scored is never written)")
    parser.add_argument("--workdir", type=Path, help="with --extract: the scratch project folder to use and keep "
                        "(its cache makes the next run faster); default: a temporary folder")
    parser.add_argument("--lenient", action="store_true", help="score even when the gold file has problems")
    parser.add_argument("-v", "--verbose", action="store_true", help="where every gold item and name landed")
    parser.add_argument("--json", action="store_true", help="print the whole report as JSON")
    return parser


def _project(*starts: Path) -> Path:
    for start in starts:
        for folder in [start, *start.parents]:
            if (folder / "content").is_dir():
                return folder
    raise GoldError(None, "no dossier folder found (none of the folders up from the gold file or from here "
                    "has content/)",
                    hint="pass --project DIR, or --records and --sources")


def _where(args: argparse.Namespace) -> tuple[Path, Optional[Path], Path, Path]:
    """(gold file, records folder, sources folder, content folder to copy for --extract)."""
    gold = Path(args.gold)
    if not gold.exists():
        raise GoldError(display_path(gold), "no such gold file or corpus folder", hint="see docs/evaluation.md")
    if gold.is_dir():
        content = gold
        sources, records, gold = gold / "sources", gold / "records", gold / "gold.yml"
    else:
        content = (args.project or _project(gold.resolve().parent, Path.cwd())) / "content"
        sources, records = content / "sources", content / "records"
    records = args.records or records
    sources = args.sources or sources
    if not gold.is_file():
        raise GoldError(display_path(gold), "no gold file here", hint="write one: see docs/evaluation.md")
    return gold, (None if args.extract else records), sources, content


def extract_into(workdir: Path, sources: Path, content: Path) -> Path:
    """Copy the documents (and the aliases and curation beside them) into a scratch project,
    run `dossier extract` there, and return its records folder."""
    target = workdir / "content"
    if (target / "sources").exists():
        shutil.rmtree(target / "sources")
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(sources, target / "sources")
    for extra in ("aliases.yml", "predicates.yml", "curation"):
        src, dst = content / extra, target / extra
        if dst.is_dir():
            shutil.rmtree(dst)
        elif dst.exists():
            dst.unlink()
        if src.is_dir():
            shutil.copytree(src, dst)
        elif src.is_file():
            shutil.copy2(src, dst)
    done = subprocess.run([sys.executable, "-m", "dossier.cli", "extract", "--root", str(workdir)],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=os.environ.copy(),
                          text=True, encoding="utf-8", errors="replace")
    sys.stderr.write(done.stdout)  # stdout stays the report's (--json)
    if done.returncode != 0:
        raise GoldError(None, f"extraction of {display_path(sources)} failed (exit {done.returncode}); see above")
    return target / "records"


def run(args: argparse.Namespace) -> tuple[dict, list[Problem]]:
    """Load, check and score; returns the report and the gold file's problems."""
    gold_path, records, sources, content = _where(args)
    texts = read_texts(sources) if sources.is_dir() else None  # every document: names occur in all
    gold = load_gold(gold_path, texts)
    if gold.problems and not args.lenient:
        return {}, gold.problems
    with tempfile.TemporaryDirectory(prefix="dossier-evaluate-") as scratch:
        if records is None:
            if not sources.is_dir():
                raise GoldError(display_path(sources), "no documents folder to extract")
            records = extract_into(args.workdir or Path(scratch), sources, content)
        if not (records / "claims").is_dir():
            raise GoldError(display_path(records), "no records here (no claims/ folder)",
                            hint="run dossier extract, or pass --extract")
        report = score(gold, load_predicted(records, sorted(set(gold.docs()) | set(texts or {}))), texts)
    report["records"] = display_path(records)
    return report, gold.problems


def main(argv: Optional[list[str]] = None) -> int:
    args = _parser().parse_args(argv)
    try:
        report, problems = run(args)
    except DossierError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    for problem in problems:
        print(f"{'warning' if args.lenient else 'error'}: {problem}", file=sys.stderr)
    if not report:
        print(f"{len(problems)} problem(s) in the gold file: fix them, or pass --lenient to score anyway",
              file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        sys.stdout.write(render(report, args.verbose))
    return 0


if __name__ == "__main__":  # scripts/evaluate
    sys.exit(main())
