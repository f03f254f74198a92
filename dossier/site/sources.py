"""Source pages: a document's metadata, claims, and its text with quotes and boilerplate marked."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Optional

from dossier.model import Claim, Evidence, Source
from dossier.site.common import (
    clean, counted, dir_attrs, esc, esc_keep_lines, heading, html_table, lang_label, link, page_path, titled,
    url_link)
from dossier.site.prepared import Site, actor_ref, claim_item, prepare, source_label


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


def render_source(source: Source, text: Optional[str], records: Any) -> str:
    """The page of one document: metadata, claims it supports, and its marked-up text."""
    site = prepare(records)
    here = page_path("sources", source.id)
    out = [heading(1, source_label(source), source.language), ""]
    langs = source.languages or ([source.language] if source.language else [])
    cites = ", ".join(actor_ref(site, a, here) for a in sorted(set(source.cites))) or "—"
    meta = [
        ("Path", f"<code>{esc(source.path)}</code>"),
        ("SHA-256", f"<code>{esc(source.sha256)}</code>"),
        ("Language", lang_label(source.language)),
        ("Languages found", ", ".join(lang_label(c) for c in langs) or "—"),
        ("Title", esc(source.title) or "—"),
        ("Publisher", esc(source.publisher) or "—"),
        ("Author", esc(source.author) or "—"),
        ("Published", (f"{esc(source.published)} <small>(precision: {esc(source.published_precision or '?')})</small>"
                       if source.published else "unknown")),
        ("URL", url_link(source.url)),
        *([("Archived copy", url_link(source.archived_url))] if source.archived_url else []),  # curation sidecar
        ("Encoding", esc(source.encoding) or "—"),
        ("Cites", cites),
    ]
    # Checksum, path and encoding are not worth searching for: kept out of the index.
    attrs = [["", f'{dir_attrs(source.title or "", source.language)}' if k == "Title"
              else "data-search-exclude" if k in ("Path", "SHA-256", "Encoding") else ""] for k, _ in meta]
    out += [html_table(["Field", "Value"], [[k, v] for k, v in meta], "dossier-table dossier-meta",
                       cell_attrs=attrs), ""]

    claims: list[Claim] = []
    for _, claim in site.evidence_by_source.get(source.id, []):
        if claim not in claims:
            claims.append(claim)
    out += ["## Claims this source supports", ""]
    out += [claim_item(site, c, here) for c in sorted(claims, key=lambda c: c.id)] or ["None."]
    out.append("")

    out += ["## Text", ""]
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
