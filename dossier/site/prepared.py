"""The prepared site: records plus the cross-references every page needs, and the links
and labels of records that pages share."""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

from dossier.model import Actor, Claim, Evidence, Source
from dossier.model.errors import RecordError
from dossier.site.common import KIND_DIRS, RECORD_ID, badge, bidi, clean, counted, esc, link, page_path, rel_url
from dossier.text import script_of


def statement_lang(claim: Claim) -> Optional[str]:
    """The language a claim's statement is written in (ISO 639-1), None if unknown.

    Statements are canonical English, except when extraction fell back to a verbatim
    quote: then the statement is found inside (or is) a quote, or shares its script.
    """
    statement = " ".join(clean(claim.statement).split()).casefold().rstrip(".!?。؟")
    script = script_of(statement)
    same_script = sorted((ev.language for ev in claim.evidence
                          if ev.language and script_of(ev.quote) == script))
    # a quote whose figures were blanked ("… people"): its pieces, in order, in one quote
    pieces = [p.strip() for p in statement.split("…") if p.strip()] or [statement]
    for ev in sorted(claim.evidence, key=lambda e: (e.source, e.start, e.end)):
        if ev.language and statement and _in_order(pieces, " ".join(clean(ev.quote).split()).casefold()):
            return ev.language
    if script == "Latn":
        return "en"
    if not same_script:
        return None
    return max(sorted(set(same_script)), key=same_script.count)


def _in_order(pieces: list[str], text: str) -> bool:
    at = 0
    for piece in pieces:
        at = text.find(piece, at)
        if at < 0:
            return False
        at += len(piece)
    return True


@dataclass
class Site:
    """Records, source texts and precomputed cross-references (built once by `prepare`)."""
    sources: dict[str, Source]
    actors: dict[str, Actor]
    claims: dict[str, Claim]
    texts: dict[str, str] = field(default_factory=dict)
    site_name: str = "Dossier"
    intro: Optional[str] = None
    site_url: Optional[str] = None  # the published site's address (mkdocs.yml site_url), for JSON-LD
    # source id -> [(evidence, claim)] sorted by offsets then claim id
    evidence_by_source: dict[str, list[tuple[Evidence, Claim]]] = field(default_factory=dict)
    # actor id -> claims that name the actor
    claims_by_actor: dict[str, list[Claim]] = field(default_factory=dict)
    # actor id -> [(claim, evidence)] where a source attributes the claim to the actor
    attributed_to: dict[str, list[tuple[Claim, Evidence]]] = field(default_factory=dict)
    # source id -> actor ids that source cites
    cited_by: dict[str, list[str]] = field(default_factory=dict)
    # source id -> short link label (publisher, disambiguated by date when shared)
    short_labels: dict[str, str] = field(default_factory=dict)
    # claim id -> language of its statement (memo of `statement_lang`)
    statement_langs: dict[str, Optional[str]] = field(default_factory=dict)
    timeline_entries: Optional[list] = None  # `timeline(site)`, computed once per build
    # claims an editor rejected: kept for their tombstone pages, out of every listing
    rejected: dict[str, Claim] = field(default_factory=dict)
    # folders searched for page templates before the package's (a theme's custom_dir/dossier)
    templates: tuple[str, ...] = ()
    memo: dict[str, Any] = field(default_factory=dict)  # what a page kind computes once per build

    def sorted_sources(self) -> list[Source]:
        """Sources by published date (undated last), then id."""
        return sorted(self.sources.values(), key=lambda s: (s.published is None, s.published or "", s.id))

    def sorted_claims(self) -> list[Claim]:
        return [self.claims[k] for k in sorted(self.claims)]

    def sorted_actors(self) -> list[Actor]:
        return sorted(self.actors.values(), key=lambda a: (clean(a.name).casefold(), a.id))


def _check_ids(kind: str, ids: Iterable[str]) -> None:
    for record_id in ids:
        if not isinstance(record_id, str) or not RECORD_ID.match(record_id):
            raise RecordError(f"content/records/{kind}/{record_id}.yml",
                              f"id {record_id!r} cannot name a page", hint="ids are lowercase a-z, 0-9 and '-'")


def prepare(records: Any, texts: Optional[dict[str, str]] = None, site_name: str = "Dossier",
            intro: Optional[str] = None, site_url: Optional[str] = None,
            templates: tuple[str, ...] = ()) -> Site:
    """Index `records` (anything with sources/actors/claims dicts) for rendering."""
    if isinstance(records, Site):
        return records
    claims = dict(records.claims)
    rejected = {cid: c for cid, c in claims.items() if rejection(c) is not None}
    live = {cid: c for cid, c in claims.items() if cid not in rejected}
    site = Site(dict(records.sources), dict(records.actors), live,
                dict(texts or {}), site_name, intro, site_url, rejected=rejected, templates=tuple(templates))
    for kind in KIND_DIRS:
        _check_ids(kind, getattr(site, kind))
    _check_ids("claims", rejected)
    for claim in site.sorted_claims():
        for ev in claim.evidence:
            site.evidence_by_source.setdefault(ev.source, []).append((ev, claim))
            if ev.attributed_to:
                site.attributed_to.setdefault(ev.attributed_to, []).append((claim, ev))
        for actor_id in sorted(set(claim.actors)):
            site.claims_by_actor.setdefault(actor_id, []).append(claim)
    for items in site.evidence_by_source.values():
        items.sort(key=lambda p: (p[0].start, p[0].end, p[1].id))
    for source in site.sources.values():
        for actor_id in sorted(set(source.cites)):
            site.cited_by.setdefault(actor_id, []).append(source.id)
    for ids in site.cited_by.values():
        ids.sort()
    site.short_labels = _short_labels(site.sources)
    return site


def _short_labels(sources: dict[str, Source]) -> dict[str, str]:
    """Publisher (or a shortened title) per source; shared labels get the date or id added."""
    base = {}
    for sid, source in sources.items():
        label = clean(source.publisher).strip() or _shorten(clean(source.title).strip()) or file_name(source)
        base[sid] = label
    counts: dict[str, int] = {}
    for label in base.values():
        counts[label] = counts.get(label, 0) + 1
    out = {}
    for sid, label in sorted(base.items()):
        if counts[label] > 1:
            label = f"{label}, {sources[sid].published or sid}"
        out[sid] = label
    return out


def _shorten(text: str, limit: int = 36) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut + "…"


def file_name(source: Source) -> str:
    """The document's file name: what the editor dropped into content/sources/."""
    return posixpath.basename(clean(source.path).strip()) or source.id


def source_count(claim: Claim) -> int:
    return len({ev.source for ev in claim.evidence})


def origin_count(claim: Claim) -> int:
    """Independent origins of a claim; its distinct sources while origins are not computed."""
    return len({(o.kind, o.id) for o in claim.origins}) or source_count(claim)


def support(claim: Claim) -> str:
    """'3 sources', or '2 independent origins, 3 sources' once origins are known."""
    n = source_count(claim)
    if not claim.origins or n == 1:
        return counted(n, "source")
    if origin_count(claim) == n:
        return f"{n} independent sources"
    return f"{counted(origin_count(claim), 'independent origin')}, {counted(n, 'source')}"


def claim_languages(claim: Claim) -> list[str]:
    return sorted({ev.language for ev in claim.evidence if ev.language})


def actor_ref(site: Site, actor_id: Optional[str], from_page: str) -> str:
    if not actor_id:
        return "—"
    actor = site.actors.get(actor_id)
    if actor is None:  # a dangling reference: show it, but never as a broken link
        return f'<span class="dossier-missing" title="no such actor record">{esc(actor_id)}</span>'
    return link(bidi(actor.name, actor_lang(actor)), from_page, page_path("actors", actor_id))


def shown_value(site: Site, claim: Any, value: str, here: str) -> str:
    """A value as the page shows it: for "who did it", the actor's name linked to its page; a
    large figure with its thousands grouped ("5,000,000,000"; the record keeps the digits)."""
    if claim.frame is not None and claim.frame.slot == "who" and value in site.actors:
        return actor_ref(site, value, here)
    if claim.frame is not None and claim.frame.slot == "count" and value.isascii() and value.isdigit() \
            and len(value) >= 5:
        return f"{int(value):,}"
    return esc(value)


def actor_lang(actor: Actor) -> Optional[str]:
    """The language of an actor's display name: that of an alias spelled the same way."""
    langs = sorted(a.language for a in actor.aliases if a.language and clean(a.name) == clean(actor.name))
    if "en" in langs or not langs:
        return "en" if langs else None
    return langs[0]


def source_ref(site: Site, source_id: str, from_page: str, anchor: Optional[str] = None,
               page: Optional[str] = None) -> str:
    """A link to a source page (or `page`, one of its text's), labelled short (publisher),
    the full label as its tooltip."""
    source = site.sources.get(source_id)
    if source is None:
        return f'<span class="dossier-missing" title="no such source record">{esc(source_id)}</span>'
    href = rel_url(from_page, page or page_path("sources", source_id), anchor)
    short = site.short_labels.get(source_id) or source_label(source)
    return f'[<bdi>{esc(short)}</bdi>]({href} "{esc(source_label(source))}")'


def source_label(source: Source) -> str:
    """A short human name for a source: publisher — title, or its id."""
    title = clean(source.title).strip()
    publisher = clean(source.publisher).strip()
    if title and publisher:
        return f"{publisher}: {title}"
    return title or publisher or file_name(source)


def claim_ref(site: Site, claim: Claim, from_page: str) -> str:
    return link(bidi(claim.statement, cached_statement_lang(site, claim)), from_page, page_path("claims", claim.id))


def cached_statement_lang(site: Site, claim: Claim) -> Optional[str]:
    """`statement_lang`, computed once per claim and build: it reads every quote of the claim,
    and a claim quoted by thousands of documents is linked from each of their pages."""
    if claim.id not in site.statement_langs:
        site.statement_langs[claim.id] = statement_lang(claim)
    return site.statement_langs[claim.id]


def claim_item(site: Site, claim: Claim, from_page: str) -> str:
    langs = ", ".join(esc(code) for code in claim_languages(claim))
    fr = frame(claim)
    made = ' <small class="dossier-frame-mark">template statement</small>' if fr and fr["template"] else ""
    return (f"- {badge(claim.status)} {rating_badge(claim)} {claim_ref(site, claim, from_page)}{made} "
            f"<small>({support(claim)}{'; ' + langs if langs else ''})</small>")


def _field(obj: Any, name: str) -> Any:
    """A field of a record part that may be a dataclass or a plain mapping."""
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


def rejection(claim: Claim) -> Optional[dict[str, Optional[str]]]:
    """{reason, by, date} when an editor rejected the claim (the record keeps it for its
    tombstone page), else None."""
    mark = getattr(claim, "rejected", None)
    if not mark and claim.status != "rejected":
        return None
    if mark is True or not mark:
        return {"reason": getattr(claim, "reason", None), "by": None, "date": None}
    return {"reason": _field(mark, "reason"), "by": _field(mark, "by") or _field(mark, "reviewer"),
            "date": _field(mark, "date")}


def translation(item: Any) -> Optional[tuple[str, Optional[str]]]:
    """(text, translator) of an editor's translation of a statement or a quote, if any."""
    value = getattr(item, "translation", None)
    if not value:
        return None
    if isinstance(value, str):
        return value, getattr(item, "translated_by", None)
    return _field(value, "text"), _field(value, "by") or getattr(item, "translated_by", None)


def frame(claim: Claim) -> Optional[dict[str, Any]]:
    """The claim's frame as pages use it: {predicate, slot, slots: role -> actor id,
    template: the statement was written from it}; None when extraction gave none."""
    value = getattr(claim, "frame", None)
    predicate = _field(value, "predicate") if value else None
    if not predicate:
        return None
    slots = {name: _field(value, name) for name in ("subject", "object", "place")}
    return {"predicate": str(predicate), "slot": _field(value, "slot"),
            "slots": {k: v for k, v in slots.items() if isinstance(v, str) and v},
            "template": getattr(claim, "statement_from", "template") == "template"}


#: Verdict ratings as readers see them; a claim without one is "not reviewed".
NOT_REVIEWED = "not reviewed"


def rating_label(rating: Optional[str]) -> str:
    return clean(rating).replace("-", " ").capitalize() if rating else NOT_REVIEWED


def rating_badge(claim: Claim) -> str:
    """The editor's rating as a badge, or "not reviewed": on every listing of claims."""
    rating = claim.verdict.rating if claim.verdict else None
    cls = re.sub(r"[^a-z-]", "", rating or "none")
    return f'<span class="dossier-rating dossier-rating--{cls}" lang="en">{esc(rating_label(rating))}</span>'
