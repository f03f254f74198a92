"""Source pages: a document's metadata, claims, and its text with quotes and boilerplate marked."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Optional

from dossier.model import Claim, Evidence, Source
from dossier.site.common import (
    citations_page, clean, counted, dir_attrs, esc, esc_keep_lines, heading, html_table, lang_label, link, page_path,
    titled, url_link)
from dossier.site.prepared import Site, actor_ref, claim_item, prepare, source_label, source_ref


_PARA_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE_BREAK = re.compile(r"\r?\n\s*|\r\s*")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, trimmed: stretches separated by blank lines.

    A document without any blank line (saved articles often put one paragraph per line)
    is split at every line break instead, so it does not render as one wall of text.
    """
    out, pos = [], 0
    breaks = _PARA_BREAK if _PARA_BREAK.search(text) else _LINE_BREAK
    for m in list(breaks.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        chunk = text[pos:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if trail > lead:
            out.append((pos + lead, pos + trail))
        if m:
            pos = m.end()
    return out


@dataclass
class _Quote:
    start: int
    end: int
    claims: list[Claim]


def _text_quotes(site: Site, source: Source, text: str) -> tuple[list[_Quote], list[Evidence]]:
    """Quotes whose offsets still match `text` (merged per span), and those that do not."""
    spans: dict[tuple[int, int], list[Claim]] = {}
    stale: list[Evidence] = []
    for ev, claim in site.evidence_by_source.get(source.id, []):
        if 0 <= ev.start < ev.end <= len(text) and text[ev.start:ev.end] == ev.quote:
            claims = spans.setdefault((ev.start, ev.end), [])
            if claim not in claims:
                claims.append(claim)
        else:
            stale.append(ev)
    return [_Quote(s, e, c) for (s, e), c in sorted(spans.items())], stale


def _render_text(site: Site, source: Source, text: str, here: str) -> str:
    """The document text as paragraphs, quotes marked and boilerplate muted, by offsets."""
    quotes, _ = _text_quotes(site, source, text)
    spans = sorted((b.start, b.end, b.kind) for b in source.boilerplate if 0 <= b.start < b.end <= len(text))
    lang = source.language
    # The full text stays out of the search index (the title and metadata are indexed):
    # its quotes are on the claim pages, and every document's text would outweigh them all.
    out = [f'<div class="dossier-text" {dir_attrs(text, lang)} data-search-exclude markdown="1">']
    for p_start, p_end in _paragraphs(text):
        cuts = {p_start, p_end}
        for q in quotes:
            cuts.update(x for x in (q.start, q.end) if p_start < x < p_end)
        for s, e, _ in spans:
            cuts.update(x for x in (s, e) if p_start < x < p_end)
        points = sorted(cuts)
        pieces = []
        for a, b in zip(points, points[1:]):
            active = [q for q in quotes if q.start <= a and b <= q.end]
            bp = [sp for sp in spans if sp[0] <= a and b <= sp[1]]
            piece = esc_keep_lines(text[a:b])
            if active:
                q = active[-1]  # the innermost quote (latest start) decides the link
                ids = [f"q-{x.start}-{x.end}" for x in active if x.start == a]
                title = " / ".join(clean(c.statement) for x in active for c in x.claims)
                piece = link(piece, here, page_path("claims", q.claims[0].id))
                extra = "".join(
                    f"<sup>{link(str(i + 2), here, page_path('claims', c.id))}</sup>"
                    for i, c in enumerate(q.claims[1:])) if b == q.end else ""
                first, rest = (ids[0], ids[1:]) if ids else (None, [])
                anchors = "".join(f'<span id="{i}"></span>' for i in rest)
                id_attr = f' id="{first}"' if first else ""
                piece = f'{anchors}<mark class="dossier-mark"{id_attr} title="{esc(title)}">{piece}</mark>{extra}'
            if bp:
                kind = bp[-1][2]
                label = f'<small class="dossier-bp-label" lang="en">{esc(kind)}</small>' if any(sp[0] == a for sp in bp) else ""
                piece = f'<span class="dossier-boilerplate" title="{esc(kind)}">{label}{piece}</span>'
            pieces.append(piece)
        para = text[p_start:p_end]
        out.append(f'<p {dir_attrs(para, lang)} markdown="span">{"".join(pieces)}</p>')
    out.append("</div>")
    return "\n".join(out)


#: The rows of a source's metadata the search index holds.
SEARCHED_FIELDS = ("Address", "Author")  # outlet and title are in the page's title
#: Claims listed on a source page; a longer list is on the source's citations page.
SOURCE_CLAIMS_SHOWN = 100


def _derivation(site: Site, source: Source, here: str) -> list[tuple[str, str]]:
    """'Translation of' / 'Derived from' rows when the record says the document is not an
    original (such a source never counts as an independent origin)."""
    out = []
    for field, label in (("translation_of", "Translation of"), ("derived_from", "Derived from")):
        value = getattr(source, field, None)
        ids = [value] if isinstance(value, str) else list(value or [])
        if ids:
            out.append((label, ", ".join(source_ref(site, i, here) for i in ids)))
    return out


def render_source(source: Source, text: Optional[str], records: Any) -> str:
    """The page of one document: metadata, claims it supports, and its marked-up text."""
    site = prepare(records)
    here = page_path("sources", source.id)
    out = [heading(1, source_label(source), source.language), ""]
    langs = source.languages or ([source.language] if source.language else [])
    cites = ", ".join(actor_ref(site, a, here) for a in sorted(set(source.cites))) or "—"
    # Provenance first: who published it, where, when, when it was retrieved, an archived
    # copy; then what it is; the file's path, checksum and encoding last.
    meta = [
        ("Outlet", esc(source.publisher) or "—"),
        ("Address", url_link(source.url)),
        ("Published", (f"{esc(source.published)} <small>(precision: {esc(source.published_precision or '?')})</small>"
                       if source.published else "unknown")),
        ("Retrieved", esc(getattr(source, "retrieved", None)) or "not recorded"),
        ("Archived copy", url_link(source.archived_url) if source.archived_url else "none recorded"),
        *_derivation(site, source, here),
        ("Title", esc(source.title) or "—"),
        ("Author", esc(source.author) or "—"),
        ("Language", lang_label(source.language)),
        ("Languages found", ", ".join(lang_label(c) for c in langs) or "—"),
        ("Cites", cites),
        ("Path", f"<code>{esc(source.path)}</code>"),
        ("SHA-256", f"<code>{esc(source.sha256)}</code>"),
        ("Encoding", esc(source.encoding) or "—"),
    ]
    # Checksum, path and encoding are not worth searching for: kept out of the index.
    # Only what a reader searches for (outlet, address, title, author) is indexed.
    attrs = [["data-search-exclude" if k not in SEARCHED_FIELDS else "",
              f'{dir_attrs(source.title or "", source.language)}' if k == "Title"
              else "data-search-exclude" if k not in SEARCHED_FIELDS else ""] for k, _ in meta]
    out += [html_table(["Field", "Value"], [[k, v] for k, v in meta], "dossier-table dossier-meta",
                       cell_attrs=attrs), ""]

    claims: list[Claim] = []
    for _, claim in site.evidence_by_source.get(source.id, []):
        if claim not in claims:
            claims.append(claim)
    # The list repeats claim pages' titles: out of the search index.
    out += ["## Claims this source supports {: data-search-exclude }", "", '<div class="dossier-list" data-search-exclude markdown="1">', ""]
    claims.sort(key=lambda c: c.id)
    out += [claim_item(site, c, here) for c in claims[:SOURCE_CLAIMS_SHOWN]] or ["None."]
    if len(claims) > SOURCE_CLAIMS_SHOWN:  # a long document: every passage is on its citations page
        out.append(f"- <small>and {len(claims) - SOURCE_CLAIMS_SHOWN} more, each with its passage: "
                   f"{link('the citations of this source', here, citations_page(source.id))}</small>")
    out += ["", "</div>", ""]

    out += ["## Text {: data-search-exclude }", ""]
    if text is None:
        out += ['!!! warning "Text unavailable"', "",
                f"    The document {esc(source.path)} could not be read when the site was built.", ""]
        return titled("\n".join(out))
    _, stale = _text_quotes(site, source, text)
    if stale:
        out += ['!!! warning "Quotes out of date"', "",
                f"    {counted(len(stale), 'quote')} no longer match this document's text "
                f"(the file changed since extraction). Run `dossier extract` again.", ""]
    if source.boilerplate:
        out += ['<p class="dossier-legend"><mark class="dossier-mark">quoted in a claim</mark> '
                '<span class="dossier-boilerplate">set aside as boilerplate</span></p>', ""]
    out += [_render_text(site, source, text, here), ""]
    return titled("\n".join(out))
