"""Claim pages: statement, verdict, origins, evidence (and its own pages), who says what, JSON-LD."""
from __future__ import annotations

import json
import re
from typing import Any, Optional

from dossier.model import Claim, Evidence
from dossier.site.actors import claim_spellings
from dossier.site.citations import citation_page
from dossier.site.common import (
    badge, bidi, citation_anchor, clean, counted, dir_attrs, esc, esc_keep_lines, evidence_anchor,
    evidence_page, heading, lang_label, link, page_path, permalink, published_label, quote_anchor,
    relpath, stance_badge, titled, url_link)
from dossier.site.prepared import (
    Site, actor_ref, cached_statement_lang, claim_languages, frame, origin_count, prepare, rating_badge, rating_label,
    shown_value, source_count, source_ref, support, translation)
from dossier.site.sources import quote_page
from dossier.site.templates import markup, render as render_template


def _evidence_sorted(site: Site, claim: Claim) -> list[Evidence]:
    def key(ev: Evidence):
        src = site.sources.get(ev.source)
        published = src.published if src and src.published else None
        return (published is None, published or "", ev.source, ev.start, ev.end)
    return sorted(claim.evidence, key=key)


_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")


def _value_key(value: str) -> tuple:
    """Numbers in numeric order (9 before 12), then other values alphabetically."""
    if _NUMBER.fullmatch(value.strip()):
        return (0, float(value.strip().replace(",", ".")), value)
    return (1, 0.0, clean(value).casefold(), value)


def _positions(site: Site, claim: Claim) -> list[tuple[str, Optional[str], list[Evidence]]]:
    """(stance, value, evidence in date order) per position a source takes; affirming first."""
    groups: dict[tuple[str, Optional[str]], list[Evidence]] = {}
    for ev in _evidence_sorted(site, claim):
        groups.setdefault((ev.stance or "", ev.value or None), []).append(ev)

    def key(item):
        (stance, value), _ = item
        return (stance != "affirms", stance, value is None, _value_key(value) if value else ())
    return [(stance, value, evs) for (stance, value), evs in sorted(groups.items(), key=key)]


#: Page-weight bounds of a claim page (issue 6): a claim quoted by thousands of documents
#: keeps a page of a few dozen KB; everything else is on its evidence pages.
CLAIM_EVIDENCE_SHOWN = 20  # evidence rows on the claim page itself
EVIDENCE_PAGE_SIZE = 50  # evidence rows per "all evidence" page
WSW_QUOTES = 16  # quotes in who-says-what, shared among the sides (at least one each)
WSW_QUOTES_PER_SIDE = 6
WSW_MAX_SIDES = 24  # sides drawn; more (only with many distinct values) are counted
ORIGINS_SHOWN = 10  # independent origins listed, and per origin:
VIA_SHOWN = 5  # relaying sources named
CHAINS_SHOWN = 3  # citation chains drawn
JSONLD_APPEARANCES = 20  # schema.org appearances (the earliest sources), and authors


def _spread(items: list[Evidence], limit: int) -> list[Evidence]:
    """At most `limit` of `items` (in date order), one per source before a second from any."""
    if len(items) <= limit:
        return list(items)
    seen: set[str] = set()
    first = [ev for ev in items if not (ev.source in seen or seen.add(ev.source))]
    picked = first[:limit]
    if len(picked) < limit:
        chosen = {id(ev) for ev in picked}
        picked += [ev for ev in items if id(ev) not in chosen][:limit - len(picked)]
    chosen = {id(ev) for ev in picked}
    return [ev for ev in items if id(ev) in chosen]


def _evidence_shown(site: Site, claim: Claim, limit: int = CLAIM_EVIDENCE_SHOWN) -> list[Evidence]:
    """The evidence a claim page shows (all when few): every side of a disagreement first,
    then as many different sources as fit, round by round; in date order."""
    evidence = _evidence_sorted(site, claim)
    if len(evidence) <= limit:
        return evidence
    queues = [_spread(evs, len(evs)) for _, _, evs in _positions(site, claim)]
    picked: list[Evidence] = []
    chosen: set[int] = set()
    sources: set[str] = set()
    for new_sources_only in (True, False):
        rank = 0
        while len(picked) < limit and any(rank < len(q) for q in queues):
            for q in queues:
                if rank < len(q) and len(picked) < limit and id(q[rank]) not in chosen \
                        and not (new_sources_only and q[rank].source in sources):
                    picked.append(q[rank])
                    chosen.add(id(q[rank]))
                    sources.add(q[rank].source)
            rank += 1
    return [ev for ev in evidence if id(ev) in chosen]


def _cite(site: Site, ev: Evidence, from_page: str) -> str:
    """A 'cite' link to the passage on its source's citations page (none for a missing source)."""
    if ev.source not in site.sources:
        return "cite"
    return link("cite", from_page, citation_page(site, ev), citation_anchor(ev))


def evidence_pages(claim: Claim) -> int:
    """How many "all evidence" pages a claim has (0: its page shows every quote)."""
    n = len(claim.evidence)
    return 0 if n <= CLAIM_EVIDENCE_SHOWN else -(-n // EVIDENCE_PAGE_SIZE)


def who_says_what(site: Site, claim: Claim, from_page: str) -> str:
    """Each position (stance + value) as a column, its sources in date order beneath it.

    Every side is listed (up to WSW_MAX_SIDES, the most widely reported) with its source
    count; quotes are bounded per side, the rest are on the claim's evidence pages.
    """
    positions = _positions(site, claim)
    hidden_sides = 0
    if len(positions) > WSW_MAX_SIDES:
        keep = sorted(range(len(positions)), key=lambda i: (-len({e.source for e in positions[i][2]}), i))
        keep_set = set(keep[:WSW_MAX_SIDES])
        hidden_sides = len(positions) - WSW_MAX_SIDES
        positions = [p for i, p in enumerate(positions) if i in keep_set]
    per_side = max(1, min(WSW_QUOTES_PER_SIDE, WSW_QUOTES // max(1, len(positions))))
    # The rest: on the evidence pages, or in the claim page's own evidence table.
    more = (evidence_page(claim.id, 1), None) if evidence_pages(claim) else (page_path("claims", claim.id), "evidence")
    any_value = any(value for _, value, _ in positions)
    out = ['<div class="dossier-wsw" markdown="1">']
    for stance, value, all_items in positions:
        items = _spread(all_items, per_side)
        cls = re.sub(r"[^a-z-]", "", stance)
        if value:
            figure = f'<span class="dossier-value">{shown_value(site, claim, value, from_page)}</span> '
        elif any_value and stance == "affirms":  # a denial needs no figure
            figure = '<span class="dossier-value dossier-value--none">no value given</span> '
        else:
            figure = ""
        n = counted(len({e.source for e in items}), "source")
        out += [f'<div class="dossier-position dossier-position--{cls}" markdown="1">',
                f'<p class="dossier-position-head" markdown="span">{figure}'
                f'<span class="dossier-stance dossier-stance--{cls}">{esc(stance)}</span> · {n}</p>']
        for ev in items:
            who = (f" · <small>attributed to</small> {actor_ref(site, ev.attributed_to, from_page)}"
                   if ev.attributed_to else "")
            out += ['<div class="dossier-wsw-item" markdown="1">',
                    f'<p class="dossier-wsw-source" data-search-exclude markdown="span">'
                    f'{source_ref(site, ev.source, from_page)} '
                    f'<small>{published_label(site.sources.get(ev.source))} · '
                    f'{_cite(site, ev, from_page)}</small>{who}</p>',
                    f'<blockquote class="dossier-quote" {dir_attrs(ev.quote, ev.language)} '
                    f'data-search-exclude markdown="span">{esc(ev.quote)}</blockquote>',
                    "</div>"]
        if len(items) < len(all_items):
            label = f"{counted(len(all_items) - len(items), 'more quote')} on this side"
            out.append(f'<p class="dossier-wsw-more" markdown="span">{link(label, from_page, *more)}</p>')
        out.append("</div>")
    out.append("</div>")
    if hidden_sides:
        out += ["", f'<p class="dossier-wsw-more" markdown="span">{counted(hidden_sides, "other side")} '
                f'(values given by fewer sources): {link("all evidence", from_page, *more)}</p>']
    return "\n".join(out)


#: schema.org `reviewRating.ratingValue` per verdict (1 worst .. 5 best); 'unproven' has none.
RATING_VALUES = {"true": 5, "mostly-true": 4, "mixed": 3, "misleading": 2, "mostly-false": 2, "false": 1}


def _node(site: Site, node_id: str, from_page: str) -> str:
    """One step of an origin chain: a source or an actor, whichever record has that id."""
    if node_id in site.sources:
        return source_ref(site, node_id, from_page)
    return actor_ref(site, node_id, from_page)


def _origins(site: Site, claim: Claim, from_page: str) -> list[str]:
    """Where the claim comes from: each independent origin with the sources relaying it."""
    if not claim.origins:
        return []
    out = ["## Where it comes from {: data-search-exclude }", "",
           f"{counted(origin_count(claim), 'independent origin')}: sources relaying the same origin "
           f"count once.", ""]
    # The origins relayed most widely first when not all fit (a page's weight is bounded).
    origins = sorted(claim.origins, key=lambda o: (o.kind, o.id))
    if len(origins) > ORIGINS_SHOWN:
        keep = sorted(origins, key=lambda o: (-len(set(o.via)), o.kind, o.id))[:ORIGINS_SHOWN]
        origins = [o for o in origins if o in keep]
    for o in origins:
        if o.kind == "source":
            line = f"- {source_ref(site, o.id, from_page)}, on its own authority"
        else:
            relays = sorted(set(o.via))
            via = ", ".join(source_ref(site, s, from_page) for s in relays[:VIA_SHOWN])
            if len(relays) > VIA_SHOWN:
                via += f" and {len(relays) - VIA_SHOWN} more"
            line = f"- {actor_ref(site, o.id, from_page)}" + (f", relayed by {via}" if via else "")
        out.append(line)
        chains = [chain for chain in sorted(o.chain) if len(chain) > 1]
        for chain in chains[:CHAINS_SHOWN]:
            out.append("    - " + " → ".join(_node(site, n, from_page) for n in chain))
        if len(chains) > CHAINS_SHOWN:
            out.append(f"    - <small>{counted(len(chains) - CHAINS_SHOWN, 'more chain')}</small>")
    if len(claim.origins) > len(origins):
        out.append(f"- <small>{counted(len(claim.origins) - len(origins), 'more origin')}, "
                   f"each relayed by fewer sources</small>")
    out.append("")
    return out


def _script_json(data: Any) -> str:
    """JSON for a <script> element: `<`, `>` and `&` as \\u escapes, so no `</script>` or
    `<!--` inside a value can end or alter the element."""
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False)

    def inert(m: re.Match) -> str:  # inside JSON strings only; braces too (no Jinja-like {{ }})
        return re.sub(r"[<>&{}]", lambda c: f"\\u{ord(c.group()):04x}", m.group())
    text = re.sub(r'"(?:[^"\\]|\\.)*"', inert, text)
    return clean(text).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _page_url(site: Site, path: str, from_page: str) -> str:
    """The published address of a docs page; relative to `from_page` when site_url is unset."""
    html_path = path[:-3] + ".html" if path.endswith(".md") else path
    base = (site.site_url or "").rstrip("/")
    if base:
        return f"{base}/{html_path}"
    here = from_page[:-3] + ".html" if from_page.endswith(".md") else from_page
    return relpath(html_path, here)


def _appearance(site: Site, source_id: str, from_page: str) -> dict:
    src = site.sources.get(source_id)
    out: dict[str, Any] = {"@type": "NewsArticle" if src and src.publisher else "CreativeWork"}
    if src is None:
        return out
    url = src.url if src.url and re.fullmatch(r"https?://\S+", src.url) else _page_url(site, page_path("sources", src.id), from_page)
    out["url"] = url
    if src.title:
        out["headline"] = clean(src.title)
    if src.published:
        out["datePublished"] = src.published
    if src.publisher:
        out["publisher"] = {"@type": "Organization", "name": clean(src.publisher)}
    if src.language:
        out["inLanguage"] = src.language
    return out


def claim_jsonld(claim: Claim, records: Any) -> dict:
    """schema.org ClaimReview when an editor's verdict exists, else a schema.org Claim."""
    site = prepare(records)
    evidence = _evidence_sorted(site, claim)
    source_ids = list(dict.fromkeys(ev.source for ev in evidence))
    # The earliest JSONLD_APPEARANCES sources (date order): bounded like the page itself.
    appearances = [_appearance(site, s, page_path("claims", claim.id)) for s in source_ids[:JSONLD_APPEARANCES]]
    item: dict[str, Any] = {"@type": "Claim"}
    if appearances:
        item["appearance"] = appearances
        item["firstAppearance"] = appearances[0]
        dated = [site.sources[s].published for s in source_ids if s in site.sources and site.sources[s].published]
        if dated:
            item["datePublished"] = min(dated)
    authors = sorted({o.id for o in claim.origins if o.kind == "actor"} or
                     {ev.attributed_to for ev in claim.evidence if ev.attributed_to})
    if len(authors) > JSONLD_APPEARANCES:  # bounded too: the most relayed, in the same order
        relays = {o.id: len(set(o.via)) for o in claim.origins if o.kind == "actor"}
        keep = set(sorted(authors, key=lambda a: (-relays.get(a, 0), a))[:JSONLD_APPEARANCES])
        authors = [a for a in authors if a in keep]
    people = [site.actors[a] for a in authors if a in site.actors]
    if people:
        item["author"] = [{"@type": "Person" if a.kind == "person" else "Organization", "name": clean(a.name)}
                          for a in people]
    here = page_path("claims", claim.id)
    url = _page_url(site, here, here)
    statement = clean(claim.statement)
    v = claim.verdict
    if v is None:
        return {"@context": "https://schema.org", **item, "name": statement, "text": statement, "url": url}
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": rating_label(v.rating)}
    if v.rating in RATING_VALUES:
        rating.update(ratingValue=RATING_VALUES[v.rating], bestRating=5, worstRating=1)
    review = {"@context": "https://schema.org", "@type": "ClaimReview", "url": url,
              "claimReviewed": statement, "datePublished": v.date,
              "author": {"@type": "Person", "name": clean(v.reviewer)},
              "reviewRating": rating, "reviewBody": clean(v.rationale), "itemReviewed": item}
    if v.url and re.fullmatch(r"https?://\S+", v.url):
        review["sameAs"] = clean(v.url)  # the same review, published as a fact-check article
    return review


#: What a claim's status means, said to a reader beside the editor's verdict.
STATUS_TEXT = {
    "contested": "the sources disagree: some deny it or give different values (who says what, below).",
    "corroborated": "more than one source makes it, and none contradicts it.",
    "single-source": "one source makes it; no other source confirms or contradicts it yet.",
    "updated": "the sources give a figure that changed over time; the updates are listed in date order.",
}


def status_text(site: Site, claim: Claim) -> str:
    """`STATUS_TEXT` for the claim; for figures that differ, how many of their sources give no
    date (a toll that only rose cannot be told from one sources disagree on without them)."""
    text = STATUS_TEXT.get(claim.status, claim.status)
    if claim.status != "contested" or claim.frame is None or claim.frame.slot != "count" \
            or len({e.stance for e in claim.evidence}) > 1:
        return text
    given = sorted({e.source for e in claim.evidence if e.value})
    undated = [s for s in given if not getattr(site.sources.get(s), "published", None)
               and not any(e.date for e in claim.evidence if e.source == s)]
    if not undated:
        return text
    gives = "gives" if len(undated) == 1 else "give"
    return (f"{text} {len(undated)} of the {len(given)} sources giving a figure {gives} no date, so a figure that "
            "only rose over time cannot be told from a disagreement (a published: date in each document's "
            ".meta.yml sidecar lets the dossier tell).")


def _verdict_context(claim: Claim) -> Optional[dict]:
    v = claim.verdict
    if v is None:
        return None
    by = f"Reviewed by {esc(v.reviewer)}" + (f" on {esc(v.date)}" if v.date else "")
    if v.url:
        by += f" · published fact-check: {url_link(v.url)}"
    return {"rating_class": re.sub(r"[^a-z-]", "", v.rating or ""), "label": rating_label(v.rating),
            "rationale": markup(esc_keep_lines(v.rationale.strip())), "by": markup(by)}


#: Reports listed under "Updates" (a figure that changed over time), in date order.
UPDATES_SHOWN = 30


def _updates(site: Site, claim: Claim, here: str) -> list[dict]:
    """For a figure that changed over time: each value as its sources reported it, oldest first."""
    if claim.status != "updated" and not getattr(claim, "changed_over_time", None):
        return []
    rows: list[dict] = []
    for ev in _evidence_sorted(site, claim):
        if ev.value and not (rows and rows[-1]["raw"] == ev.value and rows[-1]["source_id"] == ev.source):
            rows.append({"date": published_label(site.sources.get(ev.source)), "raw": ev.value,
                         "value": shown_value(site, claim, ev.value, here),
                         "source_id": ev.source, "source": markup(source_ref(site, ev.source, here))})
    return rows[:UPDATES_SHOWN]


def _actor_with_spellings(site: Site, actor_id: str, here: str) -> str:
    """A link to the actor, its other spellings beside it (found by search in any script)."""
    names = claim_spellings(site, actor_id)
    aka = f' <small class="dossier-aka">({" · ".join(bidi(n) for n in names)})</small>' if names else ""
    return actor_ref(site, actor_id, here) + aka


def render_claim(claim: Claim, records: Any) -> str:
    """The page of one claim (template claim.html): statement, status and verdict together,
    origins, evidence, who says what, JSON-LD."""
    site = prepare(records)
    here = page_path("claims", claim.id)
    evidence = _evidence_sorted(site, claim)
    langs = claim_languages(claim)
    lang = cached_statement_lang(site, claim)
    title = heading(1, claim.statement, lang)
    note = ""
    if evidence and evidence_pages(claim):
        shown = _evidence_shown(site, claim)
        note = (f"{len(shown)} of {counted(len(evidence), 'quote')}: every side first, then as many "
                f"different sources as fit. All of them, in date order: "
                f"{_evidence_page_links(claim, here, evidence_pages(claim))}.")
        evidence = shown
    wsw = (who_says_what(site, claim, here)
           if claim.status == "contested" or len({(e.stance, e.value) for e in claim.evidence}) > 1 else "")
    tr = translation(claim)
    page = render_template(
        site.templates, "claim.html", claim=claim,
        title_attrs=markup(title.split(" {: ", 1)[1][:-2]) if " {: " in title else "",
        translation={"text": tr[0], "by": tr[1]} if tr else None, frame=frame(claim),
        quoted=markup(lang_label(lang) if lang else "unknown language")
        if getattr(claim, "statement_from", "template") == "quote" else None,
        status_badge=markup(badge(claim.status)), rating_badge=markup(rating_badge(claim)),
        support=markup(support(claim)), quotes=counted(len(claim.evidence), "quote"),
        languages=markup(", ".join(lang_label(c) for c in langs) or "unknown"),
        status_text=status_text(site, claim),
        verdict=_verdict_context(claim),
        actors=markup(", ".join(_actor_with_spellings(site, a, here) for a in sorted(set(claim.actors)))),
        origins=markup("\n".join(_origins(site, claim, here))),
        evidence={"note": markup(note), "headers": EVIDENCE_HEADERS,
                  "rows": _evidence_rows(site, evidence, here, claim)},
        updates=_updates(site, claim, here), who_says_what=markup(wsw),
        jsonld=markup(_script_json(claim_jsonld(claim, site))))
    return titled(page)


def _evidence_page_links(claim: Claim, from_page: str, n_pages: int, current: int = 0) -> str:
    """Links to a claim's evidence pages: all while few, else the first, last and neighbours."""
    numbers = list(range(1, n_pages + 1))
    if n_pages > 12:
        near = set(range(current - 2, current + 3)) if current else set()
        numbers = [k for k in numbers if k <= 5 or k > n_pages - 2 or k in near]
    out, last = [], 0
    for k in numbers:
        if k - last > 1:
            out.append("…")
        first_row = (k - 1) * EVIDENCE_PAGE_SIZE + 1
        label = f"{first_row}–{min(k * EVIDENCE_PAGE_SIZE, len(claim.evidence))}"
        out.append(f"<strong>{label}</strong>" if k == current else link(label, from_page, evidence_page(claim.id, k)))
        last = k
    return " · ".join(out)


def render_evidence_page(claim: Claim, number: int, records: Any) -> str:
    """Page `number` of a claim's full evidence list (date order); kept out of search."""
    site = prepare(records)
    here = evidence_page(claim.id, number)
    evidence = _evidence_sorted(site, claim)
    n_pages = evidence_pages(claim) or 1
    rows = evidence[(number - 1) * EVIDENCE_PAGE_SIZE:number * EVIDENCE_PAGE_SIZE]
    out = [f"# Evidence {number} of {n_pages}: {esc(claim.statement)}", "",
           f"{link('Back to the claim', here, page_path('claims', claim.id))} · "
           f"{counted(len(evidence), 'quote')} from {counted(source_count(claim), 'source')}, in date order.", "",
           f"Pages: {_evidence_page_links(claim, here, n_pages, number)}", "",
           _evidence_table(site, rows, here, claim), ""]
    return titled("\n".join(out), search_exclude=True)


EVIDENCE_HEADERS = ["Source", "Says", "Quote (original language)"]


def _evidence_rows(site: Site, evidence: list[Evidence], here: str, claim: Claim) -> list[dict]:
    """Evidence rows: where (source, date, language, citation), what it says, the quote
    (and an editor's translation beside it). Each cell: (its attributes, its Markdown)."""
    rows = []
    labels = [esc(h) for h in EVIDENCE_HEADERS]
    for ev in evidence:
        src = site.sources.get(ev.source)
        where = (f'{source_ref(site, ev.source, here, quote_anchor(ev), quote_page(site, ev.source, ev.start))} '
                 f'{permalink(evidence_anchor(ev), "quote")}<br>'
                 f'<small class="dossier-nowrap">{published_label(src)} · {esc(ev.language or "?")} · '
                 f'{_cite(site, ev, here)}</small>')
        says = stance_badge(ev)
        if ev.value:
            says += f"<br>value: <strong>{shown_value(site, claim, ev.value, here)}</strong>"
        if ev.date:
            says += f"<br><small>event date {esc(ev.date)}</small>"
        if ev.attributed_to:
            says += f"<br><small>attributed to</small> {actor_ref(site, ev.attributed_to, here)}"
        if ev.added_by:  # curation: evidence an editor added by hand
            says += f'<br><small class="dossier-added-by">added by {esc(ev.added_by)}</small>'
        quote = esc(ev.quote)
        tr = translation(ev)
        if tr:  # the editor's translation, beside the original and marked as theirs
            quote += (f'<span class="dossier-gloss" dir="ltr" lang="en">{esc(tr[0])} '
                      f'<small>(translation by {esc(tr[1] or "an editor")})</small></span>')
        # Search indexes the claim's statement, not each row's quote, source and stance.
        rows.append({"id": evidence_anchor(ev), "cells": [
            (markup(f'class="dossier-where" data-search-exclude data-label="{labels[0]}"'), markup(where)),
            (markup(f'class="dossier-says" data-search-exclude data-label="{labels[1]}"'), markup(says)),
            (markup(f'class="dossier-quote" {dir_attrs(ev.quote, ev.language)} data-search-exclude '
                    f'data-label="{labels[2]}"'), markup(quote))]})
    return rows


def _evidence_table(site: Site, evidence: list[Evidence], here: str, claim: Claim) -> str:
    """The evidence rows as a table (the claim template's macro, for the evidence pages)."""
    return render_template(site.templates, "evidence_table.html", headers=EVIDENCE_HEADERS,
                           rows=_evidence_rows(site, evidence, here, claim)).rstrip("\n")
