"""Curation: the editor's decisions, kept in overlay files extraction never writes.

    content/curation/claims/<claim-id>.yml   correct, judge, reject, add or drop evidence, add a claim
    content/curation/actors/<actor-id>.yml   name, kind, description, merge, pin aliases, split
    content/sources/<file>.meta.yml          source metadata the text does not state (see ingest)

`dossier extract` builds the records from the documents, then `apply`s the overlay, so the
records (and the site) always show the editor's decisions. A decision that no longer finds
what it is about (its claim, quote or actor vanished after a document changed) is an
**orphan**: it is listed in `content/records/orphans.yml`, printed as a warning and reported
by `dossier check`, never dropped silently. A malformed overlay file stops extraction with
file:line (the previous records stay), because ignoring it would undo a decision.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from dossier.extract import ingest, selectors, sidecar
from dossier.model.errors import Problem, RecordError
from dossier.model import Actor, Alias, Claim, Document, Evidence, Mention, Rejection, Role, Source, Verdict
from dossier.io.safe_yaml import display_path, line_of, load_yaml, load_yaml_lines
from dossier.io.store import ORPHANS_FILE, curation_dir
from dossier.io.validate import ID_PATTERN, validate

#: Characters an editor cannot see or copy reliably: ignored when finding a quote.
INVISIBLE = frozenset("\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                      "\u2060\u2066\u2067\u2068\u2069\ufeff")

_HINT = "see README, 'Curating a dossier'"


# ---------------------------------------------------------------------------------------
# Quote anchoring
# ---------------------------------------------------------------------------------------

class AnchorError(ValueError):
    """A quote that is not in the document, or is there more than once without a choice."""


def _normalized(text: str) -> tuple[str, list[int]]:
    """`text` with invisible marks dropped and white-space runs as one space, plus, for each
    character kept, its index in `text`."""
    out: list[str] = []
    where: list[int] = []
    space = False
    for i, ch in enumerate(text):
        if ch in INVISIBLE:
            continue
        if ch.isspace():
            if space:
                continue
            out.append(" ")
            space = True
        else:
            out.append(ch)
            space = False
        where.append(i)
    return "".join(out), where


def normalize(text: str) -> str:
    """How quotes compare: invisible marks dropped, white space collapsed, ends trimmed."""
    return _normalized(text)[0].strip()


def _all(haystack: str, needle: str) -> list[int]:
    found, pos = [], haystack.find(needle)
    while pos != -1:
        found.append(pos)
        pos = haystack.find(needle, pos + 1)
    return found


def anchor(text: str, quote: str, occurrence: Optional[int] = None, prefix: Optional[str] = None) -> tuple[int, int]:
    """Code-point (start, end) of `quote` in `text`; `text[start:end]` is the quote as written.

    An exact match wins; otherwise the quote is looked up ignoring invisible marks and
    differences in white space (a quote copied from the site). When it occurs several times,
    `occurrence` (1-based) or `prefix` (text just before it) chooses; else AnchorError.
    """
    spans = [(s, s + len(quote)) for s in _all(text, quote)] if quote else []
    if not spans:
        nq = normalize(quote)
        if not nq:
            raise AnchorError("the quote is empty (only white space or invisible characters)")
        nt, where = _normalized(text)
        spans = [(where[s], where[s + len(nq) - 1] + 1) for s in _all(nt, nq)]
    if not spans:
        raise AnchorError("the quote is not in the document (copy it exactly from the source text)")
    if prefix is not None:
        np = normalize(prefix)
        spans = [sp for sp in spans if normalize(text[:sp[0]]).endswith(np)]
        if not spans:
            raise AnchorError(f"no occurrence of the quote follows the prefix {prefix!r}")
    if occurrence is not None:
        if occurrence > len(spans):
            raise AnchorError(f"occurrence {occurrence} asked, but the quote occurs {len(spans)} time(s)")
        return spans[occurrence - 1]
    if len(spans) > 1:
        raise AnchorError(f"the quote occurs {len(spans)} times; add 'occurrence: 1' … '{len(spans)}' "
                          f"or a 'prefix:' (the text just before it) to choose")
    return spans[0]


# ---------------------------------------------------------------------------------------
# The overlay
# ---------------------------------------------------------------------------------------

#: A curation problem at file:line (`orphan`: a decision that no longer applies).
Issue = Problem


@dataclass
class Entry:
    """One overlay file: its target id, data and line map."""
    kind: str  # "claims" or "actors"
    target: str  # the claim or actor id (the file name)
    path: str  # display path
    data: dict
    lines: dict[tuple, int]

    def line(self, *where: Any) -> Optional[int]:
        return line_of(self.lines, where)

    def issue(self, message: str, *where: Any, orphan: bool = False) -> Issue:
        return Issue(self.path, self.line(*where), message, orphan)


@dataclass
class Overlay:
    claims: list[Entry] = field(default_factory=list)
    actors: list[Entry] = field(default_factory=list)


_SCHEMA = {"claims": "curation-claim", "actors": "curation-actor"}


def load(content_dir: Path, root: Optional[Path] = None) -> tuple[Overlay, list[Issue]]:
    """Read and validate every overlay file; malformed files become Issues (file:line)."""
    content_dir = Path(content_dir)
    root = Path(root) if root is not None else content_dir.parent
    overlay, issues = Overlay(), []
    base = curation_dir(content_dir)
    inside = base.resolve()
    for kind in ("claims", "actors"):
        directory = base / kind
        if not directory.is_dir():
            continue
        for path in sorted(directory.iterdir()):
            name = display_path(path, root)
            if path.name.startswith(".") or path.is_dir():
                continue
            if path.suffix != ".yml":
                issues.append(Issue(name, None, "ignored: curation files end in .yml"))
                continue
            if not ID_PATTERN.match(path.stem) or len(path.stem) > 200:
                issues.append(Issue(name, None, f"the file name must be the {kind[:-1]} id "
                                                "(lowercase a-z, 0-9 and '-', then .yml)"))
                continue
            try:
                if not path.resolve().is_relative_to(inside):
                    issues.append(Issue(name, None, "links outside content/curation/ are not followed"))
                    continue
                data, lines = load_yaml_lines(path, root)
            except (RecordError, OSError) as err:
                issues.append(Issue(name, getattr(err, "line", None), getattr(err, "message", str(err))))
                continue
            if data is None:
                data = {}
            if not isinstance(data, dict):
                issues.append(Issue(name, 1, f"must be a mapping of fields ({_HINT})"))
                continue
            verdict = data.get("verdict")
            if isinstance(verdict, dict) and isinstance(verdict.get("rating"), bool):
                verdict["rating"] = "true" if verdict["rating"] else "false"  # `rating: false` unquoted
            found = validate(_SCHEMA[kind], data, lines)
            entry = Entry(kind, path.stem, name, data, lines)
            found += _rules(entry)
            if found:
                issues.extend(Issue(name, line, f"{msg} ({_HINT})") for line, msg in found)
                continue
            getattr(overlay, kind).append(entry)
    bad = merge_cycles(overlay.claims)
    issues.extend(Issue(e.path, e.line("merge"), f"{msg} ({_HINT})") for e, msg in bad)
    broken = {id(e) for e, _msg in bad}
    overlay.claims = [e for e in overlay.claims if id(e) not in broken]
    return overlay, issues


def merge_cycles(entries: list[Entry]) -> list[tuple[Entry, str]]:
    """Claim files whose `merge:` chains lead back to themselves (a into b into a)."""
    into = {e.target: [m for m in e.data.get("merge") or [] if m != e.target] for e in entries}
    out = []
    for e in entries:
        path, todo, seen = {e.target: [e.target]}, [e.target], {e.target}
        while todo:
            here = todo.pop()
            for nxt in into.get(here, []):
                if nxt == e.target:
                    chain = " -> ".join(path[here] + [e.target])
                    out.append((e, f"merge cycle: {chain} (each claim merges the next; keep one direction)"))
                    todo = []
                    break
                if nxt not in seen:
                    seen.add(nxt)
                    path[nxt] = path[here] + [nxt]
                    todo.append(nxt)
    return out


def _rules(entry: Entry) -> list[tuple[Optional[int], str]]:
    """What the schema cannot say."""
    d = entry.data
    out = []
    if entry.kind == "claims":
        if d.get("reject") and not d.get("reason"):
            out.append((entry.line("reject"), "reject: true needs a 'reason:' (why the extraction is wrong)"))
        if d.get("reject") and d.get("add"):
            out.append((entry.line("add"), "a file cannot both add and reject a claim"))
        if d.get("add") and (not d.get("statement") or not d.get("add_evidence")):
            out.append((entry.line("add"), "add: true needs a 'statement:' and at least one 'add_evidence:' item"))
        if entry.target in (d.get("merge") or []):
            out.append((entry.line("merge"), "a claim cannot be merged into itself"))
        if d.get("reject") and d.get("merge"):
            out.append((entry.line("merge"), "a rejected claim cannot take in other claims (merge them elsewhere)"))
        if d.get("translation") and not d.get("translated_by"):
            out.append((entry.line("translation"), "translation: needs 'translated_by:' (who translated it)"))
        for i, item in enumerate(d.get("add_evidence") or []):
            if isinstance(item, dict) and item.get("translation") and not item.get("translated_by"):
                out.append((entry.line("add_evidence", i, "translation"),
                            "translation: needs 'translated_by:' (who translated it)"))
    else:
        for i, sp in enumerate(d.get("split") or []):
            if isinstance(sp, dict) and sp.get("id") == entry.target:
                out.append((entry.line("split", i, "id"), "a split needs a new id, not the actor's own"))
        if entry.target in (d.get("merge") or []):
            out.append((entry.line("merge"), "an actor cannot be merged into itself"))
    return out


def load_or_raise(content_dir: Path, root: Optional[Path] = None) -> Overlay:
    """`load`, raising one RecordError listing every malformed overlay file."""
    overlay, issues = load(content_dir, root)
    if issues:
        raise RecordError(None, f"{len(issues)} problem(s) in the curation files:\n" + "\n".join(map(str, issues)),
                          hint="fix them; extraction stops so that no editor decision is lost")
    return overlay


# ---------------------------------------------------------------------------------------
# Applying it
# ---------------------------------------------------------------------------------------

@dataclass
class Result:
    """What `apply` did: the curated claims, plus orphans and other warnings."""
    claims: list[Claim]
    orphans: list[Issue] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)  # sidecars that could not be read (also in warnings)


def _suffix_ok(rest: str) -> bool:
    """A mention like "Lavrov'un" is the spelling "Lavrov" plus a suffix after an apostrophe."""
    return rest == "" or rest[0] in "'’ʼ`-"


def _spelled(mention_text: str, spellings: set[str]) -> bool:
    text = normalize(mention_text).casefold()
    return any(text.startswith(sp) and _suffix_ok(text[len(sp):]) for sp in spellings)


def _inside(m: Mention, e: Evidence) -> bool:
    return m.source == e.source and e.start <= m.start and m.end <= e.end


def _rename(sources: dict[str, Source], actors: dict[str, Actor], claims: list[Claim], old: str, new: str) -> None:
    """Every reference to actor `old` now points at `new`."""
    for s in sources.values():
        if old in s.cites:
            s.cites = sorted({new if a == old else a for a in s.cites})
    for c in claims:
        if old in c.actors:
            c.actors = sorted({new if a == old else a for a in c.actors})
        for e in c.evidence:
            if e.attributed_to == old:
                e.attributed_to = new


def _absorb(keep: Actor, gone: Actor) -> None:
    keep.mentions = [Mention(*t) for t in sorted({(m.source, m.start, m.end, m.text) for m in keep.mentions + gone.mentions})]
    aliases = {(a.name, a.language, a.script) for a in keep.aliases + gone.aliases}
    keep.aliases = [Alias(n, lang, s) for n, lang, s in sorted(aliases, key=lambda a: (a[2], a[1] or "", a[0]))]
    roles = {(r.source, r.text, r.former) for r in keep.roles + gone.roles}
    keep.roles = [Role(*r) for r in sorted(roles)]
    keep.former_ids = sorted(set(keep.former_ids) | {gone.id} | set(gone.former_ids))


def _move(sources, actors: dict[str, Actor], claims: list[Claim], src: Actor, dst: Actor, spellings: set[str]) -> int:
    """Move `src`'s mentions written as one of `spellings` to `dst`; fix claim references."""
    moved = [m for m in src.mentions if _spelled(m.text, spellings)]
    if not moved:
        return 0
    if len(moved) == len(src.mentions):
        _absorb(dst, src)
        del actors[src.id]
        _rename(sources, actors, claims, src.id, dst.id)
        return len(moved)
    src.mentions = [m for m in src.mentions if m not in moved]
    dst.mentions = [Mention(*t) for t in sorted({(m.source, m.start, m.end, m.text) for m in dst.mentions + moved})]
    keep_alias = [a for a in src.aliases if not _spelled(a.name, spellings)]
    gone_alias = [a for a in src.aliases if _spelled(a.name, spellings)]
    src.aliases = keep_alias
    aliases = {(a.name, a.language, a.script) for a in dst.aliases + gone_alias}
    dst.aliases = [Alias(n, lang, s) for n, lang, s in sorted(aliases, key=lambda a: (a[2], a[1] or "", a[0]))]
    for c in claims:
        hit_new = [e for e in c.evidence if any(_inside(m, e) for m in moved)]
        if not hit_new:
            continue
        still_src = any(_inside(m, e) for e in c.evidence for m in src.mentions)
        acts = set(c.actors) | {dst.id}
        if src.id in acts and not still_src:
            acts.discard(src.id)
        c.actors = sorted(acts)
        for e in hit_new:
            if e.attributed_to == src.id and not any(_inside(m, e) for m in src.mentions):
                e.attributed_to = dst.id
    return len(moved)


def _language_at(doc: Optional[Document], pos: int) -> Optional[str]:
    if doc is None:
        return None
    for s in doc.sentences:
        if s.start <= pos < s.end:
            return s.language or doc.source.language
    return doc.source.language


def _quote_hits(entry: Entry, key: str, i: int, claim: Claim) -> list[int]:
    ref = entry.data[key][i]
    nq = normalize(ref["quote"])
    return [j for j, e in enumerate(claim.evidence) if e.source == ref["source"] and nq in normalize(e.quote)]


def apply(content_dir: Path, docs: list[Document], actors: dict[str, Actor], claims: list[Claim],
          overlay: Optional[Overlay] = None) -> Result:
    """Apply the editor's overlay to freshly extracted records (in place); see the module doc.

    `actors` is the id -> Actor dict (merges delete from it); sources are `docs[i].source`.
    Raises RecordError when an overlay file is malformed.
    """
    content_dir = Path(content_dir)
    root = content_dir.parent
    overlay = overlay if overlay is not None else load_or_raise(content_dir, root)
    result = Result(claims=list(claims))
    sources = {d.source.id: d.source for d in docs}
    by_doc = {d.source.id: d for d in docs}

    # Sidecars (again: a cached document may predate its sidecar; segmentation sets language).
    for doc in docs:
        try:
            sidecar.apply_sidecar(doc.source, sidecar.read_sidecar(root / doc.source.path, root))
        except RecordError as err:
            result.warnings.append(f"{err} (the document still builds, without the sidecar's metadata)")
            result.unread.append(str(err))

    renamed: dict[str, str] = {}
    for entry in overlay.actors:
        _apply_actor(entry, sources, actors, result, renamed)
    claims_by_id = {c.id: c for c in result.claims}
    for entry in overlay.claims:  # merges first: the other decisions apply to the merged claim
        _merge_claims(entry, claims_by_id, result)
    for entry in overlay.claims:
        _apply_claim(entry, claims_by_id, result, sources, by_doc, actors, renamed)
    result.claims = sorted(claims_by_id.values(), key=lambda c: c.id)
    for issue in sorted(result.orphans):
        result.warnings.append(str(issue))
    return result


def _apply_actor(entry: Entry, sources, actors: dict[str, Actor], result: Result, renamed: dict[str, str]) -> None:
    d = entry.data
    target = actors.get(entry.target)
    if target is None:
        entry_id = renamed.get(entry.target)
        target = actors.get(entry_id) if entry_id else None
    if target is None:
        result.orphans.append(entry.issue(f"no actor '{entry.target}' was extracted (its documents changed or "
                                          "it was merged); rename or delete this file", orphan=True))
        return
    for i, other in enumerate(d.get("merge") or []):
        gone = actors.get(other)
        if gone is None:
            if other not in target.former_ids:
                result.orphans.append(entry.issue(f"merge: no actor '{other}' to merge into '{target.id}'",
                                                  "merge", i, orphan=True))
            continue
        if gone is target:
            continue
        _absorb(target, gone)
        del actors[other]
        renamed[other] = target.id
        _rename(sources, actors, result.claims, other, target.id)
    pinned = {normalize(a).casefold() for a in d.get("aliases") or []}
    if pinned:
        for other in sorted(actors):
            if other != target.id and other in actors:
                before = actors[other]
                if _move(sources, actors, result.claims, before, target, pinned) and other not in actors:
                    renamed[other] = target.id
    for i, sp in enumerate(d.get("split") or []):
        spellings = {normalize(s).casefold() for s in sp["spellings"]}
        new = actors.get(sp["id"]) or Actor(id=sp["id"], name=sp["name"], kind=sp.get("kind") or target.kind)
        new.name = sp["name"]
        if sp.get("kind"):
            new.kind = sp["kind"]
        if sp.get("description"):
            new.description = sp["description"]
        if sp["id"] not in actors:
            actors[sp["id"]] = new
        if _move(sources, actors, result.claims, target, new, spellings) == 0 and not new.mentions:
            del actors[sp["id"]]
            result.orphans.append(entry.issue(f"split: no mention of '{target.id}' is spelled "
                                              f"{', '.join(sorted(sp['spellings']))}", "split", i, orphan=True))
        if target.id not in actors:  # every mention moved out: the split took the whole actor
            result.warnings.append(f"{entry.path}: the split moved every mention of '{entry.target}'")
            return
    for key in ("name", "kind", "description"):
        if d.get(key):
            setattr(target, key, d[key])


def _find_claim(entry: Entry, claims_by_id: dict[str, Claim]) -> Optional[Claim]:
    """By id, by a former id, else by the quotes in `match:` / `reject_evidence:`."""
    if entry.target in claims_by_id:
        return claims_by_id[entry.target]
    for c in claims_by_id.values():
        if entry.target in c.former_ids:
            return c
    votes: dict[str, int] = {}
    for key in ("match", "reject_evidence"):
        for i, _ref in enumerate(entry.data.get(key) or []):
            for c in claims_by_id.values():
                if _quote_hits(entry, key, i, c):
                    votes[c.id] = votes.get(c.id, 0) + 1
    if not votes:
        return None
    best = max(votes.values())
    ids = sorted(k for k, v in votes.items() if v == best)
    return claims_by_id[ids[0]] if len(ids) == 1 else None


def _merge_claims(entry: Entry, claims_by_id: dict[str, Claim], result: Result) -> None:
    """Fold the claims in `merge:` into the entry's claim: evidence, actors, ids (pages redirect)."""
    keep = _find_claim(entry, claims_by_id) if entry.data.get("merge") else None
    if keep is None:
        return  # no claim to merge into: `_apply_claim` reports the file as an orphan
    for i, other in enumerate(entry.data["merge"]):
        gone = claims_by_id.get(other) or next((c for c in claims_by_id.values() if other in c.former_ids), None)
        if gone is keep:
            continue
        if gone is None:
            result.orphans.append(entry.issue(f"merge: no claim '{other}' to merge into '{keep.id}'",
                                              "merge", i, orphan=True))
            continue
        have = {(e.source, e.start, e.end) for e in keep.evidence}
        keep.evidence = sorted(keep.evidence + [e for e in gone.evidence if (e.source, e.start, e.end) not in have],
                               key=lambda e: (e.source, e.start, e.end))
        keep.actors = sorted(set(keep.actors) | set(gone.actors))
        keep.former_ids = sorted((set(keep.former_ids) | {gone.id} | set(gone.former_ids)) - {keep.id})
        keep.verdict = keep.verdict or gone.verdict
        del claims_by_id[gone.id]


def _apply_claim(entry: Entry, claims_by_id: dict[str, Claim], result: Result, sources, by_doc,
                 actors: dict[str, Actor], renamed: dict[str, str]) -> None:
    d = entry.data
    claim = _find_claim(entry, claims_by_id)
    if claim is None and not d.get("add"):
        what = "rejected claim" if d.get("reject") else "claim"
        result.orphans.append(entry.issue(
            f"the {what} '{entry.target}' was not extracted any more (a document changed?) and no "
            "'match:' quote finds it; check the decision, then fix or delete this file", orphan=True))
        return
    if claim is not None and claim.id != entry.target:
        # Found by its quotes under a new id: it keeps the id the editor (and readers) know.
        del claims_by_id[claim.id]
        claim.former_ids = sorted(set(claim.former_ids) | {claim.id})
        claim.id = entry.target
        claims_by_id[claim.id] = claim
    if d.get("reject"):  # out of every listing, but its record and page stay (a tombstone)
        claim.rejected = Rejection(reason=d["reason"], by=d.get("rejected_by"), date=d.get("rejected_on"))
        return
    if claim is None:
        claim = Claim(id=entry.target, statement=d["statement"])
        claims_by_id[claim.id] = claim
    for i, _ref in enumerate(d.get("reject_evidence") or []):
        hits = _quote_hits(entry, "reject_evidence", i, claim)
        if not hits:
            result.orphans.append(entry.issue(f"reject_evidence: the claim has no evidence from '{_ref['source']}' "
                                              "with this quote any more", "reject_evidence", i, orphan=True))
        claim.evidence = [e for j, e in enumerate(claim.evidence) if j not in hits]
    for i, item in enumerate(d.get("add_evidence") or []):
        ev = _added_evidence(entry, i, item, sources, by_doc, actors, renamed, result)
        if ev is None:
            continue
        if any((e.source, e.start, e.end) == (ev.source, ev.start, ev.end) for e in claim.evidence):
            continue  # extraction found it too
        claim.evidence.append(ev)
        claim.evidence.sort(key=lambda e: (e.source, e.start, e.end))
        if d.get("add") and "actors" not in d:
            found = {a.id for a in actors.values() for m in a.mentions if _inside(m, ev)}
            claim.actors = sorted(set(claim.actors) | found)
    if d.get("statement"):
        claim.statement = d["statement"]
    if d.get("translation"):
        claim.translation, claim.translated_by = d["translation"], d["translated_by"]
    for i, item in enumerate(d.get("translate_evidence") or []):
        hits = _quote_hits(entry, "translate_evidence", i, claim)
        if not hits:
            result.orphans.append(entry.issue(f"translate_evidence: the claim has no evidence from "
                                              f"'{item['source']}' with this quote", "translate_evidence", i,
                                              orphan=True))
        for j in hits:
            claim.evidence[j].translation = item["translation"]
            claim.evidence[j].translated_by = item["translated_by"]
    if "actors" in d:
        wanted = []
        for i, a in enumerate(d["actors"]):
            a = renamed.get(a, a)
            if a not in actors:
                result.orphans.append(entry.issue(f"actors: no actor '{a}'", "actors", i, orphan=True))
            else:
                wanted.append(a)
        claim.actors = sorted(set(wanted))
    if d.get("verdict"):
        v = d["verdict"]
        claim.verdict = Verdict(rating=v["rating"], rationale=v["rationale"], reviewer=v["reviewer"],
                                date=v["date"], url=v.get("url"))
    if not claim.evidence:
        del claims_by_id[claim.id]
        result.orphans.append(entry.issue(f"claim '{claim.id}' has no evidence left, so it is not published",
                                          orphan=True))


def _added_evidence(entry: Entry, i: int, item: dict, sources: dict[str, Source], by_doc, actors,
                    renamed: dict[str, str], result: Result) -> Optional[Evidence]:
    source = item["source"]
    doc = by_doc.get(source)
    if doc is None:
        result.orphans.append(entry.issue(f"add_evidence: no source '{source}' (expected a document whose "
                                          f"record is content/records/sources/{source}.yml)",
                                          "add_evidence", i, "source", orphan=True))
        return None
    try:
        start, end = anchor(doc.text, item["quote"], item.get("occurrence"), item.get("prefix"))
    except AnchorError as err:
        result.orphans.append(entry.issue(f"add_evidence: {err} ({source})", "add_evidence", i, "quote",
                                          orphan=True))
        return None
    attributed = item.get("attributed_to")
    if attributed is not None:
        attributed = renamed.get(attributed, attributed)
        if attributed not in actors:
            result.orphans.append(entry.issue(f"add_evidence: attributed_to: no actor '{attributed}'",
                                              "add_evidence", i, "attributed_to", orphan=True))
            attributed = None
    prefix, suffix = selectors.context(doc.text, start, end)
    return Evidence(source=source, quote=doc.text[start:end], start=start, end=end,
                    language=item.get("language") or _language_at(doc, start), attributed_to=attributed,
                    stance=item.get("stance") or "affirms", value=item.get("value"), date=item.get("date"),
                    prefix=prefix, suffix=suffix, added_by=item["added_by"],
                    translation=item.get("translation"), translated_by=item.get("translated_by"))


# ---------------------------------------------------------------------------------------
# Orphans on disk, and what `dossier check` proves
# ---------------------------------------------------------------------------------------

def orphans_data(orphans: list[Issue]) -> list[dict]:
    """The orphans as plain data for content/records/orphans.yml."""
    return [{"file": o.path, "line": o.line, "message": o.message} for o in sorted(orphans)]


def load_orphans(content_dir: Path) -> list[Issue]:
    """The orphans the last extraction found (content/records/orphans.yml)."""
    path = Path(content_dir) / "records" / ORPHANS_FILE
    if not path.is_file():
        return []
    data = load_yaml(path, Path(content_dir).parent) or []
    out = []
    for item in data if isinstance(data, list) else []:
        if isinstance(item, dict) and isinstance(item.get("file"), str) and isinstance(item.get("message"), str):
            line = item.get("line") if isinstance(item.get("line"), int) else None
            out.append(Issue(item["file"], line, item["message"], orphan=True))
    return out


def check(root: Path, content_dir: Path, claims: dict[str, dict], actors: dict[str, dict],
          sources: dict[str, dict]) -> list[Issue]:
    """Overlay problems, orphans, sidecar problems, and decisions the records do not show yet."""
    overlay, issues = load(content_dir, root)
    orphans = load_orphans(content_dir)
    issues += orphans
    reported = {o.path for o in orphans}
    stale = "not applied to the records yet: run `dossier extract`"
    for entry in overlay.claims:
        if entry.path in reported:
            continue
        d, rec = entry.data, claims.get(entry.target)
        if d.get("reject"):
            if rec is None:
                issues.append(entry.issue(f"no claim record '{entry.target}' (a rejected claim keeps its record); "
                                          f"{stale}", "reject"))
            elif not rec.get("rejected"):
                issues.append(entry.issue(f"the claim is rejected but its record is not marked so; {stale}", "reject"))
            continue
        if rec is None:
            issues.append(entry.issue(f"no claim record '{entry.target}'; {stale}"))
            continue
        if d.get("statement") and rec.get("statement") != d["statement"]:
            issues.append(entry.issue(f"statement differs from the record; {stale}", "statement"))
        if d.get("verdict") and (rec.get("verdict") or {}).get("rating") != d["verdict"]["rating"]:
            issues.append(entry.issue(f"verdict differs from the record; {stale}", "verdict"))
        if d.get("translation") and rec.get("translation") != d["translation"]:
            issues.append(entry.issue(f"translation differs from the record; {stale}", "translation"))
        for i, other in enumerate(d.get("merge") or []):
            if other in claims or other not in (rec.get("former_ids") or []):
                issues.append(entry.issue(f"merge: '{other}' is not merged in the records; {stale}", "merge", i))
        for i, item in enumerate(d.get("add_evidence") or []):
            nq = normalize(item["quote"])
            if not any(e["source"] == item["source"] and normalize(e["quote"]) == nq for e in rec.get("evidence", [])):
                issues.append(entry.issue(f"add_evidence: not in the record; {stale}", "add_evidence", i))
    for entry in overlay.actors:
        if entry.path in reported:
            continue
        rec = actors.get(entry.target)
        if rec is None:
            issues.append(entry.issue(f"no actor record '{entry.target}'; {stale}"))
            continue
        for i, other in enumerate(entry.data.get("merge") or []):
            if other in actors or other not in (rec.get("former_ids") or []):
                issues.append(entry.issue(f"merge: '{other}' is not merged in the records; {stale}", "merge", i))
        for key in ("name", "kind", "description"):
            if entry.data.get(key) and rec.get(key) != entry.data[key]:
                issues.append(entry.issue(f"{key} differs from the record; {stale}", key))
    issues += _sidecar_issues(root, content_dir, sources)
    return sorted(set(issues))


def _sidecar_issues(root: Path, content_dir: Path, sources: dict[str, dict]) -> list[Issue]:
    out = []
    src_dir = Path(content_dir) / "sources"
    if not src_dir.is_dir():
        return out
    docs = ingest.discover(src_dir)
    owned: set[Path] = set()
    for doc in docs:
        meta = sidecar.sidecar_path(doc)
        if meta is None:
            continue
        owned.add(meta)
        try:
            sidecar.read_sidecar(doc, root)
        except RecordError as err:
            out.append(Issue(err.path or display_path(meta, root), err.line, err.message))
    for meta in sorted(src_dir.rglob("*" + sidecar.SIDECAR_SUFFIX)):
        if meta not in owned:
            out.append(Issue(display_path(meta, root), None,
                             "no document for this sidecar (name it '<document file name>.meta.yml')"))
    return out


__all__ = ["AnchorError", "Issue", "Overlay", "Result", "anchor", "apply", "check", "load", "load_orphans",
           "normalize", "orphans_data"]
