"""The editors' review queue: what extraction could not decide, each with the file to edit.

Likely duplicate claims (same actors and predicate, close statements) and actors (names with
the same cross-script key), curation decisions that no longer apply, dates left unresolved.
`dossier review` prints it; the site has it as one page kept out of search (readers do not
need it, editors do).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Optional

from dossier.site.common import esc, link, page_path, titled
from dossier.text.names import key_strength, name_key

REVIEW_PAGE = "review.md"

#: How alike two statements must be (shared words / all words) to be listed as duplicates.
SIMILAR = 0.6

#: Claims compared pairwise within one (actors, predicate) group at most: bounded at any size.
GROUP_LIMIT = 200
#: Items shown per section on the page (it stays small at any dossier size; the command lists all).
PAGE_ITEMS = 100  # 150 made review.html 103 KB at 10,000 generated documents

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Item:
    """One thing to review: what it is, the file to edit, and what to write there."""
    section: str
    what: str
    file: str
    action: str
    pages: tuple[tuple[str, str], ...] = ()  # (label, docs path) of the pages concerned
    line: Optional[int] = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.what} ({self.action})"


SECTIONS = ("Likely duplicate claims", "Likely duplicate actors", "Orphaned curation", "Unresolved dates")


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def _similarity(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _predicate(claim: Any) -> Optional[str]:
    frame = getattr(claim, "frame", None)
    value = frame.get("predicate") if isinstance(frame, dict) else getattr(frame, "predicate", None)
    return value or getattr(claim, "predicate", None)


def duplicate_claims(claims: dict[str, Any]) -> list[Item]:
    """Pairs of live claims with the same actors and predicate whose statements are close."""
    groups: dict[tuple, list[Any]] = {}
    for claim_id in sorted(claims):
        claim = claims[claim_id]
        if getattr(claim, "rejected", None) is None and claim.actors:
            groups.setdefault((tuple(sorted(set(claim.actors))), _predicate(claim)), []).append(claim)
    out = []
    for members in groups.values():
        members = members[:GROUP_LIMIT]
        words = [_words(c.statement) for c in members]
        for i, a in enumerate(members):
            for j in range(i + 1, len(members)):
                b = members[j]
                if _similarity(words[i], words[j]) >= SIMILAR:
                    out.append(Item(SECTIONS[0], f"'{b.statement}' may be the same claim as '{a.statement}'",
                                    f"content/curation/claims/{a.id}.yml", f"to merge them, write: merge: [{b.id}]",
                                    ((a.id, page_path("claims", a.id)), (b.id, page_path("claims", b.id)))))
    return out


def duplicate_actors(actors: dict[str, Any]) -> list[Item]:
    """Actors whose names (or a spelling of one and the name of the other) share a name key."""
    by_key: dict[str, list[str]] = {}
    for actor_id in sorted(actors):
        actor = actors[actor_id]
        spellings = {actor.name} | {al.name for al in getattr(actor, "aliases", [])}
        for key in sorted({name_key(s) for s in spellings}):
            if key and key_strength(key) >= 3 and actor_id not in by_key.get(key, []):
                by_key.setdefault(key, []).append(actor_id)
    pairs = sorted({(ids[0], other) for ids in by_key.values() for other in ids[1:]})
    return [Item(SECTIONS[1], f"'{actors[b].name}' may be the same as '{actors[a].name}'",
                 f"content/curation/actors/{a}.yml", f"to merge them, write: merge: [{b}]",
                 ((a, page_path("actors", a)), (b, page_path("actors", b))))
            for a, b in pairs]


def orphaned(orphans: Iterable[dict]) -> list[Item]:
    """The decisions the last extraction could not apply (content/records/orphans.yml)."""
    return [Item(SECTIONS[2], str(o.get("message", "")), str(o.get("file", "")),
                 "fix the decision or delete it", line=o.get("line") if isinstance(o.get("line"), int) else None)
            for o in orphans if isinstance(o, dict)]


_DATE_NOTE = re.compile(r'date "(.*)" at \d+-\d+ left unresolved: (.*)', re.S)


def date_notes(notes: Iterable[str]) -> dict[str, list[str]]:
    """A source's notes of unresolved dates: why -> the dates, as written, in order."""
    out: dict[str, list[str]] = {}
    for note in notes:
        found = _DATE_NOTE.fullmatch(note)
        if found:
            out.setdefault(found.group(2), []).append(found.group(1))
    return out


def unresolved_dates(sources: dict[str, Any]) -> list[Item]:
    """Relative dates no stated publication date resolves, per document."""
    out = []
    for source_id in sorted(sources):
        s = sources[source_id]
        for why, surfaces in date_notes(getattr(s, "notes", [])).items():
            fix = "give the date it was published as 'published: YYYY-MM-DD'" if not s.published \
                else "check the dates in the document"
            out.append(Item(SECTIONS[3], f"{len(surfaces)} date(s) left unresolved in {s.path} "
                            f"({', '.join(map(repr, surfaces))}): {why}", f"{s.path}.meta.yml", fix,
                            ((source_id, page_path("sources", source_id)),)))
    return out


def review_items(records: Any, orphans: Iterable[dict] = ()) -> list[Item]:
    """Everything to review, section by section, each in a fixed order."""
    return (duplicate_claims(records.claims) + duplicate_actors(records.actors) + orphaned(orphans)
            + unresolved_dates(records.sources))


def render_review(records: Any, orphans: Optional[Iterable[dict]] = None) -> str:
    """The editors' page: each item with its file and what to write there; out of search."""
    items = review_items(records, orphans if orphans is not None else getattr(records, "orphans", []) or [])
    out = ["# Review queue", "",
           "For editors: what extraction could not decide. Each item names the file to edit "
           "(see the curation guide); run `dossier extract` after editing. `dossier review` prints the same list.", ""]
    for section in SECTIONS:
        mine = [i for i in items if i.section == section]
        out += [f"## {section} ({len(mine)})", ""]
        if not mine:
            out += ["Nothing to review.", ""]
            continue
        for item in mine[:PAGE_ITEMS]:
            where = f"{item.file}:{item.line}" if item.line else item.file
            pages = ", ".join(link(esc(label), REVIEW_PAGE, path) for label, path in item.pages)
            out.append(f"- {esc(item.what)}{' (' + pages + ')' if pages else ''}. "
                       f"Edit <code>{esc(where)}</code>: {esc(item.action)}.")
        if len(mine) > PAGE_ITEMS:
            out.append(f"- … and {len(mine) - PAGE_ITEMS} more: `dossier review` lists them all.")
        out.append("")
    return titled("\n".join(out), search_exclude=True)


def review_pages(site: Any, orphans: Optional[Iterable[dict]] = None) -> dict[str, str]:
    """The review page, for the site's page list."""
    return {REVIEW_PAGE: render_review(site, orphans)}


__all__ = ["GROUP_LIMIT", "Item", "REVIEW_PAGE", "SECTIONS", "SIMILAR", "date_notes", "duplicate_actors",
           "duplicate_claims",
           "orphaned", "render_review", "review_items", "review_pages", "unresolved_dates"]
