"""Dossier records -> Markdown pages for the MkDocs site.

Pure functions: no disk access, no MkDocs imports (the plugin in `plugin.py` does both).
Every string that comes from a document or a record (quotes, names, titles, statements) goes
through `esc`, which turns it into inert text: HTML-escaped, Markdown/Jinja punctuation as
numeric entities, bidi controls removed. Links between pages are relative Markdown links
(`../actors/x.md`) so MkDocs checks and rewrites them; raw HTML blocks use `markdown="span"`
cells (md_in_html) so their links are Markdown links too.
"""
from __future__ import annotations

import json
import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterable, Optional

from .errors import RecordError
from .model import ACTOR_KINDS, CLAIM_STATUSES, Actor, Claim, Evidence, Source
from .names import name_key
from .text import is_rtl, script_of, slugify, to_latin, unique_slug

# ---------------------------------------------------------------------------------------
# Escaping
# ---------------------------------------------------------------------------------------

#: Bidi embedding/override/isolate controls: they could reorder the text around them.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

# Removed outright: bidi controls and C0/C1 controls other than tab and newline.
_DROP = {ord(c): None for c in BIDI_CONTROLS}
_DROP.update({c: None for c in range(0x00, 0x20) if c not in (0x09, 0x0A)})
_DROP.update({c: None for c in range(0x7F, 0xA0)})

# HTML-significant plus Markdown/Jinja-significant characters, written as numeric entities
# so neither Markdown, attr_list, Jinja nor an HTML parser can read them as syntax.
_ENTITIES = {ord(c): f"&#{ord(c)};" for c in "&<>\"'\\`*_{}[]()#|!~^"}


# The same sets as patterns: most text has none of them, and a search is cheaper than a
# translation that changes nothing.
_HAS_DROP = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_DROP)) + "]")
_HAS_ENTITY = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_ENTITIES)) + "]")


def clean(text: Optional[str]) -> str:
    """`text` without bidi and other control characters (tab and newline kept)."""
    text = text or ""
    return text.translate(_DROP) if _HAS_DROP.search(text) else text


@lru_cache(maxsize=1 << 16)
def esc(text: Optional[str]) -> str:
    """Inert inline text: safe in Markdown, in raw HTML and in attribute values; one line."""
    flat = " ".join(clean(text).replace("\r", "\n").split())
    return flat.translate(_ENTITIES) if _HAS_ENTITY.search(flat) else flat


_SPACES = re.compile(r"[ \t\f\v\u00a0]+")


def _esc_keep_lines(text: str) -> str:
    """Like `esc`, but keeps line breaks (as `<br>`) and spacing inside a line."""
    lines = clean(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # Runs of spaces collapse to one, but edge spaces stay: pieces are joined back together.
    return "<br>\n".join(_SPACES.sub(" ", line).translate(_ENTITIES) for line in lines)


# ---------------------------------------------------------------------------------------
# Paths and links
# ---------------------------------------------------------------------------------------

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")

KIND_DIRS = ("claims", "actors", "sources")


def page_path(kind: str, record_id: str) -> str:
    """Docs-relative path of a record's page, e.g. 'claims/<id>.md'."""
    # A record called 'index' must not replace the section index page ('_' is never in ids).
    stem = "_index" if record_id == "index" else record_id
    return f"{kind}/{stem}.md"


def relpath(to_page: str, from_page: str) -> str:
    """`to_page` relative to the folder of `from_page` (both docs-relative, normalised).

    What `posixpath.relpath(to_page, dirname(from_page))` gives, without its trips through
    the current directory: a site links tens of thousands of times.
    """
    here = from_page.split("/")[:-1]
    there = to_page.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def _rel(from_page: str, to_page: str, anchor: Optional[str] = None) -> str:
    """Relative URL from one docs page to another (MkDocs rewrites .md to the final URL)."""
    href = relpath(to_page, from_page)
    return f"{href}#{anchor}" if anchor else href


def _link(text: str, from_page: str, to_page: str, anchor: Optional[str] = None) -> str:
    return f"[{text}]({_rel(from_page, to_page, anchor)})"


def citation_anchor(ev: Evidence) -> str:
    """Anchor id of an evidence item on its source's citations page."""
    return f"c-{ev.source}-{ev.start}-{ev.end}"


def citations_page(source_id: str) -> str:
    """Docs path of one source's citations page: 'citations/<source id>.md'.

    One page per source keeps every citation anchor on the same page however many
    documents the dossier gains, and each page as long as one document's quotes.
    """
    return page_path("citations", source_id)


def evidence_page(claim_id: str, number: int) -> str:
    """Docs path of page `number` (from 1) of a claim's full evidence list.

    In a folder named after the claim, so no claim id can collide with it.
    """
    stem = page_path("claims", claim_id)[:-3]
    return f"{stem}/evidence-{number}.md"


def quote_anchor(ev: Evidence) -> str:
    """Anchor id of a quoted passage on its source page."""
    return f"q-{ev.start}-{ev.end}"


def evidence_anchor(ev: Evidence) -> str:
    """Anchor id of an evidence row on its claim page."""
    return f"e-{ev.source}-{ev.start}-{ev.end}"


# ---------------------------------------------------------------------------------------
# Display helpers
# ---------------------------------------------------------------------------------------

@lru_cache(maxsize=256)
def language_name(code: Optional[str]) -> str:
    """English name of an ISO 639-1 code via ICU ('Turkish'), the code itself if unknown."""
    if not code:
        return "unknown"
    try:
        import icu

        name = icu.Locale(code).getDisplayLanguage(icu.Locale("en"))
    except Exception:  # ICU missing or odd code: the code is still informative
        name = code
    return name if name and name != code else code


def _lang_label(code: Optional[str]) -> str:
    name = language_name(code)
    return esc(name if not code or name == code else f"{name} ({code})")


def direction(text: str) -> str:
    """'rtl' or 'ltr' by the first strong character, as the Unicode bidi algorithm (and
    HTML's dir="auto") decides a paragraph's direction; the dominant script if none."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "rtl" if is_rtl(text) else "ltr"


def _dir_attrs(text: str, lang: Optional[str]) -> str:
    """`dir="rtl|ltr" lang=".."` attributes for a piece of original-language text."""
    attrs = f'dir="{direction(text)}"'
    if lang and re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", lang):
        attrs += f' lang="{lang}"'
    return attrs


def _quote_html(text: str, lang: Optional[str], tag: str = "span") -> str:
    return f'<{tag} class="dossier-quote" {_dir_attrs(text, lang)}>{esc(text)}</{tag}>'


def _plain(text: str, lang: Optional[str]) -> bool:
    """True for left-to-right text in English or of unknown language: needs no markup."""
    return direction(text) == "ltr" and not is_rtl(text) and (not lang or lang == "en")


def _bidi(text: Optional[str], lang: Optional[str] = None) -> str:
    """Escaped inline text, isolated in `<bdi dir lang>` when it is RTL or not English.

    The isolation keeps an Arabic statement's punctuation where it belongs inside an
    English sentence or list, and tells browsers and screen readers its language.
    """
    text = text or ""
    if _plain(text, lang):
        return esc(text)
    return f"<bdi {_dir_attrs(text, lang)}>{esc(text)}</bdi>"


def _heading(level: int, text: str, lang: Optional[str]) -> str:
    """A Markdown heading; non-English text gets its own dir/lang (attr_list syntax)."""
    head = f"{'#' * level} {esc(text)}"
    return head if _plain(text, lang) else f"{head} {{: {_dir_attrs(text, lang)} }}"


def statement_lang(claim: Claim) -> Optional[str]:
    """The language a claim's statement is written in (ISO 639-1), None if unknown.

    Statements are canonical English, except when extraction fell back to a verbatim
    quote: then the statement is found inside (or is) a quote, or shares its script.
    """
    statement = " ".join(clean(claim.statement).split()).casefold().rstrip(".!?。؟")
    script = script_of(statement)
    same_script = sorted((ev.language for ev in claim.evidence
                          if ev.language and script_of(ev.quote) == script))
    for ev in sorted(claim.evidence, key=lambda e: (e.source, e.start, e.end)):
        if ev.language and statement and statement in " ".join(clean(ev.quote).split()).casefold():
            return ev.language
    if script == "Latn":
        return "en"
    if not same_script:
        return None
    return max(sorted(set(same_script)), key=same_script.count)


def _badge(status: str) -> str:
    cls = re.sub(r"[^a-z-]", "", status or "")
    return f'<span class="dossier-badge dossier-badge--{cls}" lang="en">{esc(status)}</span>'


def _published(source: Optional[Source]) -> str:
    if source is None or not source.published:
        return "undated"
    return esc(source.published)


def _titled(markdown: str, tags: Optional[list[str]] = None, search_exclude: bool = False) -> str:
    """Prefix a page with front matter whose title is its (already escaped) H1.

    MkDocs/Material print `page.title` into <title> and the header without escaping, and
    a title taken from the H1 would have its entities decoded: the front-matter title keeps
    them, so source text can never become markup there. `tags` (an actor's spellings) go
    to Material's search index, whose tag field outranks all text: searching any spelling
    of a name finds the actor's page first. No theme template shows them without the tags
    plugin; they are stripped of markup characters all the same. `search_exclude` keeps a
    page that only repeats quotes out of Material's search index (`search: exclude: true`).
    """
    first = markdown.split("\n", 1)[0]
    if not first.startswith("# "):
        return markdown
    title = first[2:].split(" {: ", 1)[0]  # escaped text never holds "{": this is attr_list
    meta = f"title: {json.dumps(title, ensure_ascii=False)}\n"
    names = sorted({n for n in (_search_term(t) for t in tags or []) if n}, key=lambda n: (n.casefold(), n))
    if names:
        meta += f"tags: {json.dumps(names, ensure_ascii=False)}\n"  # JSON is YAML
    if search_exclude:
        meta += "search:\n  exclude: true\n"
    return f"---\n{meta}---\n\n{markdown}"


_MARKUP_CHARS = re.compile("[" + re.escape("&<>\"'\\`*_{}[]()#|!~^") + "]")


def _search_term(name: str) -> str:
    """A name as plain words for the search index: markup characters become spaces."""
    return " ".join(_MARKUP_CHARS.sub(" ", clean(name)).split())


def _plural(n: int, word: str, plural: Optional[str] = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _table(headers: list[str], rows: list[list[str]], cls: str = "dossier-table",
           row_ids: Optional[list[Optional[str]]] = None, cell_attrs: Optional[list[list[str]]] = None) -> str:
    """A raw HTML table whose cells are Markdown spans (so links inside are checked)."""
    out = ['<div class="dossier-scroll" markdown="1">', f'<table class="{cls}" markdown="1">',
           '<thead markdown="1">', '<tr markdown="1">']
    out += [f"<th>{h}</th>" for h in headers]
    out += ["</tr>", "</thead>", '<tbody markdown="1">']
    for i, row in enumerate(rows):
        rid = row_ids[i] if row_ids else None
        out.append(f'<tr id="{rid}" markdown="1">' if rid else '<tr markdown="1">')
        for j, cell in enumerate(row):
            extra = cell_attrs[i][j] if cell_attrs and cell_attrs[i][j] else ""
            label = f' data-label="{esc(re.sub("<[^>]+>", "", headers[j]))}"' if j < len(headers) else ""
            out.append(f'<td{" " + extra if extra else ""}{label} markdown="span">{cell}</td>')
        out.append("</tr>")
    out += ["</tbody>", "</table>", "</div>"]
    return "\n".join(out)


# ---------------------------------------------------------------------------------------
# The prepared site: records plus the cross-references every page needs
# ---------------------------------------------------------------------------------------

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

    def sorted_sources(self) -> list[Source]:
        """Sources by published date (undated last), then id."""
        return sorted(self.sources.values(), key=lambda s: (s.published is None, s.published or "", s.id))

    def sorted_claims(self) -> list[Claim]:
        return [self.claims[k] for k in sorted(self.claims)]

    def sorted_actors(self) -> list[Actor]:
        return sorted(self.actors.values(), key=lambda a: (clean(a.name).casefold(), a.id))


def _check_ids(kind: str, ids: Iterable[str]) -> None:
    for record_id in ids:
        if not isinstance(record_id, str) or not _ID.match(record_id):
            raise RecordError(f"content/records/{kind}/{record_id}.yml",
                              f"id {record_id!r} cannot name a page", hint="ids are lowercase a-z, 0-9 and '-'")


def prepare(records: Any, texts: Optional[dict[str, str]] = None, site_name: str = "Dossier",
            intro: Optional[str] = None, site_url: Optional[str] = None) -> Site:
    """Index `records` (anything with sources/actors/claims dicts) for rendering."""
    if isinstance(records, Site):
        return records
    site = Site(dict(records.sources), dict(records.actors), dict(records.claims),
                dict(texts or {}), site_name, intro, site_url)
    for kind in KIND_DIRS:
        _check_ids(kind, getattr(site, kind))
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
        label = clean(source.publisher).strip() or _shorten(clean(source.title).strip()) or _file_name(source)
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


def _file_name(source: Source) -> str:
    """The document's file name: what the editor dropped into content/sources/."""
    return posixpath.basename(clean(source.path).strip()) or source.id


def _source_count(claim: Claim) -> int:
    return len({ev.source for ev in claim.evidence})


def origin_count(claim: Claim) -> int:
    """Independent origins of a claim; its distinct sources while origins are not computed."""
    return len({(o.kind, o.id) for o in claim.origins}) or _source_count(claim)


def _support(claim: Claim) -> str:
    """'3 sources', or '2 independent origins, 3 sources' once origins are known."""
    n = _source_count(claim)
    if not claim.origins or n == 1:
        return _plural(n, "source")
    if origin_count(claim) == n:
        return f"{n} independent sources"
    return f"{_plural(origin_count(claim), 'independent origin')}, {_plural(n, 'source')}"


def _claim_languages(claim: Claim) -> list[str]:
    return sorted({ev.language for ev in claim.evidence if ev.language})


def _actor_ref(site: Site, actor_id: Optional[str], from_page: str) -> str:
    if not actor_id:
        return "—"
    actor = site.actors.get(actor_id)
    if actor is None:  # a dangling reference: show it, but never as a broken link
        return f'<span class="dossier-missing" title="no such actor record">{esc(actor_id)}</span>'
    return _link(_bidi(actor.name, actor_lang(actor)), from_page, page_path("actors", actor_id))


def actor_lang(actor: Actor) -> Optional[str]:
    """The language of an actor's display name: that of an alias spelled the same way."""
    langs = sorted(a.language for a in actor.aliases if a.language and clean(a.name) == clean(actor.name))
    if "en" in langs or not langs:
        return "en" if langs else None
    return langs[0]


def _source_ref(site: Site, source_id: str, from_page: str, anchor: Optional[str] = None) -> str:
    """A link to a source page, labelled short (publisher), the full label as its tooltip."""
    source = site.sources.get(source_id)
    if source is None:
        return f'<span class="dossier-missing" title="no such source record">{esc(source_id)}</span>'
    href = _rel(from_page, page_path("sources", source_id), anchor)
    short = site.short_labels.get(source_id) or _source_label(source)
    return f'[<bdi>{esc(short)}</bdi>]({href} "{esc(_source_label(source))}")'


def _source_label(source: Source) -> str:
    """A short human name for a source: publisher — title, or its id."""
    title = clean(source.title).strip()
    publisher = clean(source.publisher).strip()
    if title and publisher:
        return f"{publisher}: {title}"
    return title or publisher or _file_name(source)


def _claim_ref(site: Site, claim: Claim, from_page: str) -> str:
    return _link(_bidi(claim.statement, _statement_lang(site, claim)), from_page, page_path("claims", claim.id))


def _statement_lang(site: Site, claim: Claim) -> Optional[str]:
    """`statement_lang`, computed once per claim and build: it reads every quote of the claim,
    and a claim quoted by thousands of documents is linked from each of their pages."""
    if claim.id not in site.statement_langs:
        site.statement_langs[claim.id] = statement_lang(claim)
    return site.statement_langs[claim.id]


def _claim_item(site: Site, claim: Claim, from_page: str) -> str:
    langs = ", ".join(esc(code) for code in _claim_languages(claim))
    return (f"- {_badge(claim.status)} {_claim_ref(site, claim, from_page)} "
            f"<small>({_support(claim)}{'; ' + langs if langs else ''})</small>")


# ---------------------------------------------------------------------------------------
# Claim pages
# ---------------------------------------------------------------------------------------

def _evidence_sorted(site: Site, claim: Claim) -> list[Evidence]:
    def key(ev: Evidence):
        src = site.sources.get(ev.source)
        published = src.published if src and src.published else None
        return (published is None, published or "", ev.source, ev.start, ev.end)
    return sorted(claim.evidence, key=key)


def _stance(ev: Evidence) -> str:
    cls = re.sub(r"[^a-z-]", "", ev.stance or "")
    return f'<span class="dossier-stance dossier-stance--{cls}">{esc(ev.stance)}</span>'


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
ORIGINS_SHOWN = 30  # independent origins listed, and per origin:
VIA_SHOWN = 10  # relaying sources named
CHAINS_SHOWN = 5  # citation chains drawn
JSONLD_APPEARANCES = 20  # schema.org appearances (the earliest sources)


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
    return _link("cite", from_page, citations_page(ev.source), citation_anchor(ev))


def evidence_pages(claim: Claim) -> int:
    """How many "all evidence" pages a claim has (0: its page shows every quote)."""
    n = len(claim.evidence)
    return 0 if n <= CLAIM_EVIDENCE_SHOWN else -(-n // EVIDENCE_PAGE_SIZE)


def _who_says_what(site: Site, claim: Claim, from_page: str) -> str:
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
            figure = f'<span class="dossier-value">{esc(value)}</span> '
        elif any_value and stance == "affirms":  # a denial needs no figure
            figure = '<span class="dossier-value dossier-value--none">no value given</span> '
        else:
            figure = ""
        n = _plural(len({e.source for e in items}), "source")
        out += [f'<div class="dossier-position dossier-position--{cls}" markdown="1">',
                f'<p class="dossier-position-head" markdown="span">{figure}'
                f'<span class="dossier-stance dossier-stance--{cls}">{esc(stance)}</span> · {n}</p>']
        for ev in items:
            who = (f" · <small>attributed to</small> {_actor_ref(site, ev.attributed_to, from_page)}"
                   if ev.attributed_to else "")
            out += ['<div class="dossier-wsw-item" markdown="1">',
                    f'<p class="dossier-wsw-source" data-search-exclude markdown="span">'
                    f'{_source_ref(site, ev.source, from_page)} <small>{_published(site.sources.get(ev.source))} · '
                    f'{_cite(site, ev, from_page)}</small>{who}</p>',
                    f'<blockquote class="dossier-quote" {_dir_attrs(ev.quote, ev.language)} '
                    f'data-search-exclude markdown="span">{esc(ev.quote)}</blockquote>',
                    "</div>"]
        if len(items) < len(all_items):
            label = f"{_plural(len(all_items) - len(items), 'more quote')} on this side"
            out.append(f'<p class="dossier-wsw-more" markdown="span">{_link(label, from_page, *more)}</p>')
        out.append("</div>")
    out.append("</div>")
    if hidden_sides:
        out += ["", f'<p class="dossier-wsw-more" markdown="span">{_plural(hidden_sides, "other side")} '
                f'(values given by fewer sources): {_link("all evidence", from_page, *more)}</p>']
    return "\n".join(out)


#: schema.org `reviewRating.ratingValue` per verdict (1 worst .. 5 best); 'unproven' has none.
RATING_VALUES = {"true": 5, "mostly-true": 4, "mixed": 3, "misleading": 2, "mostly-false": 2, "false": 1}


def _rating_label(rating: str) -> str:
    return clean(rating).replace("-", " ").capitalize()


def _verdict(site: Site, claim: Claim) -> list[str]:
    """The editor's verdict box: rating, rationale, reviewer and date, published fact-check."""
    v = claim.verdict
    if v is None:
        return []
    cls = re.sub(r"[^a-z-]", "", v.rating or "")
    by = f"Reviewed by {esc(v.reviewer)}" + (f" on {esc(v.date)}" if v.date else "")
    if v.url:
        by += f" · published fact-check: {_url(v.url)}"
    return [f'<section class="dossier-verdict dossier-verdict--{cls}" aria-label="Editor\'s verdict" markdown="1">',
            f'<p class="dossier-verdict-head" markdown="span"><strong>Editor\'s verdict:</strong> '
            f'<span class="dossier-rating dossier-rating--{cls}" lang="en">{esc(_rating_label(v.rating))}</span></p>',
            f'<p markdown="span">{_esc_keep_lines(v.rationale.strip())}</p>',
            f'<p markdown="span"><small>{by}</small></p>',
            "</section>", ""]


def _node(site: Site, node_id: str, from_page: str) -> str:
    """One step of an origin chain: a source or an actor, whichever record has that id."""
    if node_id in site.sources:
        return _source_ref(site, node_id, from_page)
    return _actor_ref(site, node_id, from_page)


def _origins(site: Site, claim: Claim, from_page: str) -> list[str]:
    """Where the claim comes from: each independent origin with the sources relaying it."""
    if not claim.origins:
        return []
    out = ["## Where it comes from", "",
           f"{_plural(origin_count(claim), 'independent origin')}: sources relaying the same origin "
           f"count once.", ""]
    # The origins relayed most widely first when not all fit (a page's weight is bounded).
    origins = sorted(claim.origins, key=lambda o: (o.kind, o.id))
    if len(origins) > ORIGINS_SHOWN:
        keep = sorted(origins, key=lambda o: (-len(set(o.via)), o.kind, o.id))[:ORIGINS_SHOWN]
        origins = [o for o in origins if o in keep]
    for o in origins:
        if o.kind == "source":
            line = f"- {_source_ref(site, o.id, from_page)}, on its own authority"
        else:
            relays = sorted(set(o.via))
            via = ", ".join(_source_ref(site, s, from_page) for s in relays[:VIA_SHOWN])
            if len(relays) > VIA_SHOWN:
                via += f" and {len(relays) - VIA_SHOWN} more"
            line = f"- {_actor_ref(site, o.id, from_page)}" + (f", relayed by {via}" if via else "")
        out.append(line)
        chains = [chain for chain in sorted(o.chain) if len(chain) > 1]
        for chain in chains[:CHAINS_SHOWN]:
            out.append("    - " + " → ".join(_node(site, n, from_page) for n in chain))
        if len(chains) > CHAINS_SHOWN:
            out.append(f"    - <small>{_plural(len(chains) - CHAINS_SHOWN, 'more chain')}</small>")
    if len(claim.origins) > len(origins):
        out.append(f"- <small>{_plural(len(claim.origins) - len(origins), 'more origin')}, "
                   f"each relayed by fewer sources</small>")
    out.append("")
    return out


def _permalink(anchor: str, label: str) -> str:
    return f'<a class="dossier-permalink" href="#{anchor}" title="Permalink to this {label}">¶</a>'


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
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": _rating_label(v.rating)}
    if v.rating in RATING_VALUES:
        rating.update(ratingValue=RATING_VALUES[v.rating], bestRating=5, worstRating=1)
    review = {"@context": "https://schema.org", "@type": "ClaimReview", "url": url,
              "claimReviewed": statement, "datePublished": v.date,
              "author": {"@type": "Person", "name": clean(v.reviewer)},
              "reviewRating": rating, "reviewBody": clean(v.rationale), "itemReviewed": item}
    if v.url and re.fullmatch(r"https?://\S+", v.url):
        review["sameAs"] = clean(v.url)  # the same review, published as a fact-check article
    return review


def render_claim(claim: Claim, records: Any) -> str:
    """The page of one claim: statement, status, verdict, origins, evidence, who says what."""
    site = prepare(records)
    here = page_path("claims", claim.id)
    evidence = _evidence_sorted(site, claim)
    langs = _claim_languages(claim)
    out = [_heading(1, claim.statement, _statement_lang(site, claim)), ""]
    out.append(f"{_badge(claim.status)} {_support(claim)} · "
               f"{_plural(len(evidence), 'quote')} · languages: "
               f"{', '.join(_lang_label(c) for c in langs) or 'unknown'}")
    out.append("")
    if claim.actors:
        refs = [_actor_ref(site, a, here) for a in sorted(set(claim.actors))]
        out += [f"**Actors:** {', '.join(refs)}", ""]
    out += _verdict(site, claim)
    out += _origins(site, claim, here)
    out += ["## Evidence", ""]
    if not evidence:
        out += ["No source quotes this claim.", ""]
    else:
        n_pages = evidence_pages(claim)
        if n_pages:
            shown = _evidence_shown(site, claim)
            out += [f"{len(shown)} of {_plural(len(evidence), 'quote')}: every side first, then as many "
                    f"different sources as fit. All of them, in date order: "
                    f"{_evidence_page_links(claim, here, n_pages)}.", ""]
            evidence = shown
        out += [_evidence_table(site, evidence, here), ""]
    if claim.status == "contested" or len({(e.stance, e.value) for e in claim.evidence}) > 1:
        out += ["## Who says what", "", _who_says_what(site, claim, here), ""]
    out += ['<script type="application/ld+json">', _script_json(claim_jsonld(claim, site)), "</script>", ""]
    return _titled("\n".join(out))


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
        out.append(f"<strong>{label}</strong>" if k == current else _link(label, from_page, evidence_page(claim.id, k)))
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
           f"{_link('Back to the claim', here, page_path('claims', claim.id))} · "
           f"{_plural(len(evidence), 'quote')} from {_plural(_source_count(claim), 'source')}, in date order.", "",
           f"Pages: {_evidence_page_links(claim, here, n_pages, number)}", "",
           _evidence_table(site, rows, here), ""]
    return _titled("\n".join(out), search_exclude=True)


def _evidence_table(site: Site, evidence: list[Evidence], here: str) -> str:
    """Evidence rows: where (source, date, language, citation), what it says, the quote."""
    rows, ids, attrs = [], [], []
    for ev in evidence:
        src = site.sources.get(ev.source)
        where = (f'{_source_ref(site, ev.source, here, quote_anchor(ev))} '
                 f'{_permalink(evidence_anchor(ev), "quote")}<br>'
                 f'<small class="dossier-nowrap">{_published(src)} · {esc(ev.language or "?")} · '
                 f'{_cite(site, ev, here)}</small>')
        says = _stance(ev)
        if ev.value:
            says += f"<br>value: <strong>{esc(ev.value)}</strong>"
        if ev.date:
            says += f"<br><small>event date {esc(ev.date)}</small>"
        if ev.attributed_to:
            says += f"<br><small>attributed to</small> {_actor_ref(site, ev.attributed_to, here)}"
        if ev.added_by:  # curation: evidence an editor added by hand
            says += f'<br><small class="dossier-added-by">added by {esc(ev.added_by)}</small>'
        rows.append([where, says, esc(ev.quote)])
        ids.append(evidence_anchor(ev))
        # Search indexes the claim's statement, not each row's quote, source and stance.
        attrs.append(['class="dossier-where" data-search-exclude', 'class="dossier-says" data-search-exclude',
                      f'class="dossier-quote" {_dir_attrs(ev.quote, ev.language)} data-search-exclude'])
    return _table(["Source", "Says", "Quote (original language)"], rows,
                  "dossier-table dossier-evidence", ids, attrs)


# ---------------------------------------------------------------------------------------
# Actor pages
# ---------------------------------------------------------------------------------------

def _spellings(actor: Actor) -> dict[str, Optional[str]]:
    """An actor's other spellings (name -> language), by script then alphabetically."""
    own = " ".join(clean(actor.name).split())
    out: dict[str, Optional[str]] = {}
    for alias in sorted(actor.aliases, key=lambda a: (a.script or "", clean(a.name).casefold(), a.name,
                                                      a.language or "")):
        name = " ".join(clean(alias.name).split())
        if name and name != own and name not in out:
            out[name] = alias.language
    return out


#: How many co-actors an actor page draws (the most frequent; the rest are listed).
CO_ACTORS_DRAWN = 8


def co_actors(site: Site, actor_id: str) -> list[tuple[str, int]]:
    """(actor id, claims shared) for actors named in the same claims, most shared first."""
    counts: dict[str, int] = {}
    for claim in site.claims_by_actor.get(actor_id, []):
        for other in set(claim.actors):
            if other != actor_id and other in site.actors:
                counts[other] = counts.get(other, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], clean(site.actors[kv[0]].name).casefold(), kv[0]))


def mermaid_label(text: str) -> str:
    """A Mermaid node label: characters Mermaid reads as syntax become `#NNN;` entity codes."""
    out = []
    for ch in " ".join(clean(text).split()):
        out.append(ch if ch.isalnum() or ch in " .,'-’" else f"#{ord(ch)};")
    return '"' + "".join(out) + '"'


def _co_actors(site: Site, actor: Actor, here: str) -> list[str]:
    """A small Mermaid network of the actors most often named with this one, and a list."""
    pairs = co_actors(site, actor.id)
    if not pairs:
        return []
    drawn = pairs[:CO_ACTORS_DRAWN]
    lines = ["graph LR", f"  a0[{mermaid_label(actor.name)}]"]
    for i, (other, n) in enumerate(drawn, 1):
        lines.append(f"  a0 ---|{n}| a{i}[{mermaid_label(site.actors[other].name)}]")
    lines.append("  classDef me font-weight:bold")
    lines.append("  class a0 me")
    # Material renders <pre class="mermaid"> with Mermaid; without it the list below says it all.
    graph = "\n".join(line.translate(_ENTITIES) for line in lines)
    # Material's script swaps the <pre> for the drawn diagram; while it cannot (no script,
    # offline) the <pre> stays hidden (dossier.css) and the list below says the same.
    out = ["## Named together with", "",
           f"Actors named in the same claims as {_bidi(actor.name, actor_lang(actor))}, most often first "
           f"(the diagram draws the first {len(drawn)}; a line's number counts the shared claims).", "",
           f'<pre class="mermaid dossier-graph" aria-hidden="true"><code>{graph}</code></pre>', ""]
    out += [f"- {_actor_ref(site, other, here)} <small>({_plural(n, 'shared claim')})</small>" for other, n in pairs]
    out.append("")
    return out


# --- Romanized spellings for search ---------------------------------------------------
# A reader types a name the way the Latin press writes it. An Arabic spelling that differs
# from the Latin ones in its consonants (an Arabic ه where the Latin spellings write kh) is another reading of
# the name: it is romanized with the vowels of the matching Latin spelling and goes into
# the search index, so the spelling a reader derives from the Arabic finds the actor too.

_LATIN_DIGRAPHS = ("kh", "sh", "ch", "zh", "gh", "th", "dh", "ts")
#: Latin consonants the Arabic alphabet has no letter for: the Latin spelling's letter is kept.
_NOT_IN_ARABIC = frozenset({"v", "p", "g", "ch", "zh", "ts", "c", "x", "o", "e"})
_GLIDES = frozenset({"w", "y"})


def _units(word: str) -> list[str]:
    """A lowercase ASCII word cut into vowel runs and consonant units (digraphs whole)."""
    out, i = [], 0
    while i < len(word):
        if word[i] in "aeiou":
            j = i
            while j < len(word) and word[j] in "aeiou":
                j += 1
            out.append(word[i:j])
            i = j
        elif word[i:i + 2] in _LATIN_DIGRAPHS:
            out.append(word[i:i + 2])
            i += 2
        else:
            out.append(word[i])
            i += 1
    return out


def _sound(unit: str) -> str:
    return unit if unit in _GLIDES else (name_key(unit) or unit)


def _align(latin: list[str], arabic: list[str]) -> Optional[list[Optional[str]]]:
    """For each Latin consonant, the Arabic consonant heard there (None: not written).

    Arabic w/y may be long vowels (skipped); a Latin y may be unwritten. None if the two
    consonant skeletons cannot be matched sound for sound.
    """
    @lru_cache(maxsize=None)
    def go(i: int, j: int) -> Optional[tuple]:
        if i == len(latin):
            return () if all(c in _GLIDES for c in arabic[j:]) else None
        if j < len(arabic) and (_sound(latin[i]) == _sound(arabic[j])
                                or (latin[i] == "v" and arabic[j] == "w")):
            rest = go(i + 1, j + 1)
            if rest is not None:
                return (arabic[j],) + rest
        if j < len(arabic) and arabic[j] in _GLIDES:
            rest = go(i, j + 1)
            if rest is not None:
                return rest
        if latin[i] in _GLIDES:
            rest = go(i + 1, j)
            if rest is not None:
                return (None,) + rest
        return None

    found = go(0, 0)
    return list(found) if found is not None else None


def _romanize_word(arabic_word: str, latin_word: str) -> Optional[str]:
    ar = re.sub(r"[^a-z]", "", to_latin(arabic_word).lower())
    lat = re.sub(r"[^a-z]", "", to_latin(latin_word).lower())
    if not ar or not lat:
        return None
    ar_cons = []
    for u in _units(ar):
        if u[0] not in "aeiou" and (not ar_cons or ar_cons[-1] != u):
            ar_cons.append(u)
    units = _units(lat)
    cons = [u for u in units if u[0] not in "aeiou"]
    matched = _align(cons, ar_cons)
    if matched is None:
        return None
    picks = iter(matched)
    out = []
    for u in units:
        if u[0] in "aeiou":
            out.append(u)
            continue
        heard = next(picks)
        out.append(u if heard is None or u in _NOT_IN_ARABIC or heard in _GLIDES else heard)
    word = "".join(out)
    return word[:1].upper() + word[1:] if latin_word[:1].isupper() else word


def search_spellings(actor: Actor) -> list[str]:
    """Romanized readings of an actor's Arabic-script spellings that no Latin alias has."""
    latin = sorted({clean(a.name) for a in actor.aliases if script_of(a.name) == "Latn"} | {clean(actor.name)})
    known = {f(n).casefold() for n in latin for f in (str, to_latin)}
    known |= {f(w).casefold() for n in latin for w in n.split() for f in (str, to_latin)}
    out = set()
    for alias in actor.aliases:
        if script_of(alias.name) != "Arab":
            continue
        ar_words = clean(alias.name).split()
        for lat in latin:
            lat_words = lat.split()
            # Word by word against each Latin spelling of the same words (or its last word).
            for cand in (lat_words, lat_words[-1:]):
                if len(cand) != len(ar_words) or any(name_key(a) != name_key(b) or not name_key(a)
                                                     for a, b in zip(ar_words, cand)):
                    continue
                words = [_romanize_word(a, b) for a, b in zip(ar_words, cand)]
                if all(words):
                    name = " ".join(words)
                    if name.casefold() not in known:
                        out.add(name)
    return sorted(out, key=lambda n: (n.casefold(), n))


def render_actor(actor: Actor, records: Any) -> str:
    """The page of one actor: names by language, roles per source, claims, mentioning sources."""
    site = prepare(records)
    here = page_path("actors", actor.id)
    n_sources = len({m.source for m in actor.mentions} | set(site.cited_by.get(actor.id, [])))
    n_claims = len(site.claims_by_actor.get(actor.id, []))
    out = [_heading(1, actor.name, actor_lang(actor)), "",
           f'<span class="dossier-kind">{esc(actor.kind)}</span> · {_plural(n_sources, "source")} · '
           f'{_plural(n_claims, "claim")}', ""]
    if actor.description:  # curation: the editor's description
        out += [f'<p class="dossier-description" markdown="span">{esc(actor.description)}</p>', ""]
    # Every spelling on the page's first section, so the search index finds the actor
    # by any of them (Arabic, Latin, Cyrillic ...) and ranks this page first.
    spellings = _spellings(actor)
    if spellings:
        names = " · ".join(_bidi(n, lang) for n, lang in spellings.items())
        out += [f'<p class="dossier-aka" markdown="span"><strong>Also written:</strong> {names}</p>', ""]
    readings = search_spellings(actor)
    if readings:
        out += [f'<p class="dossier-aka" markdown="span"><strong>Romanized from the Arabic spellings</strong> '
                f'(for search): {" · ".join(esc(n) for n in readings)}</p>', ""]

    groups: dict[tuple[str, str], list[str]] = {}
    for alias in actor.aliases:
        groups.setdefault((alias.language or "", alias.script or ""), []).append(alias.name)
    if groups:
        out += ["## Names and spellings", ""]
        rows, attrs = [], []
        for (lang, script), names in sorted(groups.items()):
            names = sorted(set(names), key=lambda n: (clean(n).casefold(), n))
            sample = " ".join(names)
            rows.append([_lang_label(lang or None), esc(script or "?"),
                         " · ".join(esc(n) for n in names)])
            attrs.append(["", "", f'class="dossier-quote" {_dir_attrs(sample, lang or None)}'])
        out += [_table(["Language", "Script", "Names"], rows, cell_attrs=attrs), ""]

    if actor.roles:
        out += ["## Roles, as each source states them", ""]
        rows, attrs = [], []
        for role in sorted(actor.roles, key=lambda r: (r.source, clean(r.text), r.former)):
            src = site.sources.get(role.source)
            rows.append([_source_ref(site, role.source, here), esc(role.text),
                         '<span class="dossier-former">former</span>' if role.former else "current"])
            attrs.append(["", f'class="dossier-quote" {_dir_attrs(role.text, src.language if src else None)}', ""])
        out += [_table(["Source", "Role as written", "Status"], rows, cell_attrs=attrs), ""]

    claims = site.claims_by_actor.get(actor.id, [])
    out += ["## Claims about this actor", ""]
    out += [_claim_item(site, c, here) for c in claims] or ["None."]
    out.append("")

    out += _co_actors(site, actor, here)

    attributed = site.attributed_to.get(actor.id, [])
    if attributed:
        out += ["## Claims attributed to this actor", ""]
        seen: dict[str, list[str]] = {}
        for claim, ev in attributed:
            seen.setdefault(claim.id, []).append(ev.source)
        for claim_id in sorted(seen):
            claim = site.claims[claim_id]
            via = ", ".join(_source_ref(site, s, here) for s in sorted(set(seen[claim_id])))
            out.append(f"- {_claim_ref(site, claim, here)} <small>(according to {via})</small>")
        out.append("")

    counts: dict[str, int] = {}
    for m in actor.mentions:
        counts[m.source] = counts.get(m.source, 0) + 1
    citing = set(site.cited_by.get(actor.id, []))
    if counts or citing:
        out += ["## Sources that mention this actor", ""]
        rows = []
        for source_id in sorted(set(counts) | citing,
                                key=lambda s: (-counts.get(s, 0), s)):
            rows.append([_source_ref(site, source_id, here), _published(site.sources.get(source_id)),
                         str(counts.get(source_id, 0)), "yes" if source_id in citing else ""])
        out += [_table(["Source", "Published", "Mentions", "Cited as a source"], rows), ""]
    return _titled("\n".join(out), tags=[actor.name] + [a.name for a in actor.aliases] + readings)


# ---------------------------------------------------------------------------------------
# Source pages
# ---------------------------------------------------------------------------------------

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
    out = [f'<div class="dossier-text" {_dir_attrs(text, lang)} data-search-exclude markdown="1">']
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
            piece = _esc_keep_lines(text[a:b])
            if active:
                q = active[-1]  # the innermost quote (latest start) decides the link
                ids = [f"q-{x.start}-{x.end}" for x in active if x.start == a]
                title = " / ".join(clean(c.statement) for x in active for c in x.claims)
                piece = _link(piece, here, page_path("claims", q.claims[0].id))
                extra = "".join(
                    f"<sup>{_link(str(i + 2), here, page_path('claims', c.id))}</sup>"
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
        out.append(f'<p {_dir_attrs(para, lang)} markdown="span">{"".join(pieces)}</p>')
    out.append("</div>")
    return "\n".join(out)


def _url(url: Optional[str]) -> str:
    """A clickable link for http(s) URLs only; anything else (javascript:, data:) stays text."""
    if not url:
        return "—"
    if re.fullmatch(r"https?://[^\s<>\"'`]+", url):
        return f'<a href="{esc(url)}" rel="nofollow noopener">{esc(url)}</a>'
    return f"<code>{esc(url)}</code>"


def render_source(source: Source, text: Optional[str], records: Any) -> str:
    """The page of one document: metadata, claims it supports, and its marked-up text."""
    site = prepare(records)
    here = page_path("sources", source.id)
    out = [_heading(1, _source_label(source), source.language), ""]
    langs = source.languages or ([source.language] if source.language else [])
    cites = ", ".join(_actor_ref(site, a, here) for a in sorted(set(source.cites))) or "—"
    meta = [
        ("Path", f"<code>{esc(source.path)}</code>"),
        ("SHA-256", f"<code>{esc(source.sha256)}</code>"),
        ("Language", _lang_label(source.language)),
        ("Languages found", ", ".join(_lang_label(c) for c in langs) or "—"),
        ("Title", esc(source.title) or "—"),
        ("Publisher", esc(source.publisher) or "—"),
        ("Author", esc(source.author) or "—"),
        ("Published", (f"{esc(source.published)} <small>(precision: {esc(source.published_precision or '?')})</small>"
                       if source.published else "unknown")),
        ("URL", _url(source.url)),
        *([("Archived copy", _url(source.archived_url))] if source.archived_url else []),  # curation sidecar
        ("Encoding", esc(source.encoding) or "—"),
        ("Cites", cites),
    ]
    # Checksum, path and encoding are not worth searching for: kept out of the index.
    attrs = [["", f'{_dir_attrs(source.title or "", source.language)}' if k == "Title"
              else "data-search-exclude" if k in ("Path", "SHA-256", "Encoding") else ""] for k, _ in meta]
    out += [_table(["Field", "Value"], [[k, v] for k, v in meta], "dossier-table dossier-meta", cell_attrs=attrs), ""]

    claims: list[Claim] = []
    for _, claim in site.evidence_by_source.get(source.id, []):
        if claim not in claims:
            claims.append(claim)
    out += ["## Claims this source supports", ""]
    out += [_claim_item(site, c, here) for c in sorted(claims, key=lambda c: c.id)] or ["None."]
    out.append("")

    out += ["## Text", ""]
    if text is None:
        out += ['!!! warning "Text unavailable"', "",
                f"    The document {esc(source.path)} could not be read when the site was built.", ""]
        return _titled("\n".join(out))
    _, stale = _text_quotes(site, source, text)
    if stale:
        out += ['!!! warning "Quotes out of date"', "",
                f"    {_plural(len(stale), 'quote')} no longer match this document's text "
                f"(the file changed since extraction). Run `dossier extract` again.", ""]
    if source.boilerplate:
        out += ['<p class="dossier-legend"><mark class="dossier-mark">quoted in a claim</mark> '
                '<span class="dossier-boilerplate">set aside as boilerplate</span></p>', ""]
    out += [_render_text(site, source, text, here), ""]
    return _titled("\n".join(out))


# ---------------------------------------------------------------------------------------
# Citations, contested, indexes, home
# ---------------------------------------------------------------------------------------

_CITATION_HEADERS = ['<span data-sort="text">Source</span>', '<span data-sort="date">Published</span>',
                     '<span data-sort="date">Event date</span>', "Quote (original language)", "Supports"]


def render_citations(records: Any) -> str:
    """The citations index: one row per quoting source (oldest first), sortable by date.

    Each source's passages are on its own page (`citations_page`), so a citation's anchor
    never moves and no page grows with the number of documents but this one, by one row.
    Without JavaScript the rows stay as written; `assets/dossier.js` turns the headers
    marked `data-sort` into sort buttons.
    """
    site = prepare(records)
    here = "citations.md"
    out = ["# Citations", "",
           "Every passage quoted as evidence, on one page per source. Each source's page links "
           "every passage to the claims it supports and to the passage in context; "
           "the date columns sort the tables.", ""]
    sources = _quoting_sources(site)
    total = sum(_passages(site, s.id) for s in sources)
    if not sources:
        return _titled("\n".join(out + ["No citations yet.", ""]))
    out += [f"{_plural(total, 'quoted passage')} from {_plural(len(sources), 'source')}.", ""]
    chunks = _citation_chunks(sources)
    if len(chunks) == 1:
        out += [_citation_index_table(site, sources, here), ""]
        return _titled("\n".join(out))
    # A large dossier: the sources in date order, CITATION_SOURCES_PER_PAGE to a list page.
    out += ["Sources in order of publication:", ""]
    for k, chunk in enumerate(chunks, 1):
        span = f"{_published(chunk[0])} to {_published(chunk[-1])}"
        out.append(f"- {_link(span, here, citations_list_page(k))} "
                   f"<small>({_plural(len(chunk), 'source')}, "
                   f"{_plural(sum(_passages(site, s.id) for s in chunk), 'passage')})</small>")
    out.append("")
    return _titled("\n".join(out))


#: Sources listed on one page of the citations index (a larger dossier gets list pages).
CITATION_SOURCES_PER_PAGE = 200


def citations_list_page(number: int) -> str:
    """Docs path of list page `number` (from 1) of the citations index ('_' is never in ids)."""
    return f"citations/_sources-{number}.md"


def _quoting_sources(site: Site) -> list[Source]:
    return [s for s in site.sorted_sources() if site.evidence_by_source.get(s.id)]


def _passages(site: Site, source_id: str) -> int:
    return len({(ev.start, ev.end) for ev, _ in site.evidence_by_source.get(source_id, [])})


def _citation_chunks(sources: list[Source]) -> list[list[Source]]:
    return _chunks(sources, CITATION_SOURCES_PER_PAGE)


def _citation_index_table(site: Site, sources: list[Source], here: str) -> str:
    """One row per source: its citations page, date, language and passage count; sortable."""
    headers = ['<span data-sort="text">Source</span>', '<span data-sort="date">Published</span>',
               "Language", '<span data-sort="number">Passages</span>']
    rows, attrs = [], []
    for source in sources:
        n = _passages(site, source.id)
        order = f"{source.published or '9999'}|{source.id}"
        label = site.short_labels.get(source.id) or _source_label(source)
        rows.append([_link(f"<bdi>{esc(label)}</bdi>", here, citations_page(source.id)),
                     _published(source), _lang_label(source.language), str(n)])
        attrs.append([f'data-value="{esc(label)}|{order}"', f'data-value="{order}"', "",
                      f'data-value="{n:09d}|{order}"'])
    return _table(headers, rows, "dossier-table dossier-citations dossier-sortable", cell_attrs=attrs)


def render_citations_list(records: Any, number: int) -> str:
    """List page `number` of a large citations index: its sources, sortable; not searched."""
    site = prepare(records)
    here = citations_list_page(number)
    chunks = _citation_chunks(_quoting_sources(site))
    chunk = chunks[number - 1]
    nav = [_link("All citations", here, "citations.md")]
    if number > 1:
        nav.append(_link("previous", here, citations_list_page(number - 1)))
    if number < len(chunks):
        nav.append(_link("next", here, citations_list_page(number + 1)))
    out = [f"# Citations: sources {number} of {len(chunks)}", "", " · ".join(nav), "",
           f"{_plural(len(chunk), 'source')} published {_published(chunk[0])} to {_published(chunk[-1])}.", "",
           _citation_index_table(site, chunk, here), ""]
    return _titled("\n".join(out), search_exclude=True)


def render_source_citations(source: Source, records: Any) -> str:
    """One source's quoted passages, in text order, each with the claims it supports.

    Kept out of the search index: the quotes are on the claim pages, the title on the source page.
    """
    site = prepare(records)
    here = citations_page(source.id)
    out = [_heading(1, f"Citations: {_source_label(source)}", source.language), "",
           f"{_link('All citations', here, 'citations.md')} · "
           f"{_source_ref(site, source.id, here)} "
           f"<small>{_published(source)} · {_lang_label(source.language)}</small>",
           ""]
    grouped: dict[tuple[int, int], list[tuple[Evidence, Claim]]] = {}
    for ev, claim in site.evidence_by_source.get(source.id, []):
        grouped.setdefault((ev.start, ev.end), []).append((ev, claim))
    rows, ids, attrs = [], [], []
    for (start, end), pairs in sorted(grouped.items()):
        ev0 = pairs[0][0]
        supports = []
        for ev, claim in pairs:
            who = f", attributed to {_actor_ref(site, ev.attributed_to, here)}" if ev.attributed_to else ""
            val = f", value {esc(ev.value)}" if ev.value else ""
            supports.append(f"{_claim_ref(site, claim, here)} <small>({_stance(ev)}{val}{who})</small>")
        dates = sorted({ev.date for ev, _ in pairs if ev.date})
        rows.append([f"{_source_ref(site, source.id, here)}<br><small>{_lang_label(source.language)}</small>",
                     _published(source), ", ".join(esc(d) for d in dates) or "—",
                     f'{esc(ev0.quote)} <small lang="en">{_permalink(citation_anchor(ev0), "citation")} '
                     f'{_link("in context", here, page_path("sources", source.id), quote_anchor(ev0))}</small>',
                     "<br>".join(supports)])
        ids.append(citation_anchor(ev0))
        order = f"{source.published or '9999'}|{source.id}|{start:09d}"
        attrs.append([f'data-value="{esc(site.short_labels.get(source.id, source.id))}|{order}"',
                      f'data-value="{order}"', f'data-value="{dates[0] if dates else "9999"}|{order}"',
                      f'class="dossier-quote" {_dir_attrs(ev0.quote, ev0.language)}', ""])
    if rows:
        out += [f"{_plural(len(rows), 'quoted passage')}.", "",
                _table(_CITATION_HEADERS, rows, "dossier-table dossier-citations dossier-sortable", ids, attrs), ""]
    else:
        out += ["No passage of this source is quoted.", ""]
    return _titled("\n".join(out), search_exclude=True)


def _contested(site: Site) -> list[Claim]:
    """Contested claims, the most widely reported first."""
    return sorted((c for c in site.claims.values() if c.status == "contested"),
                  key=lambda c: (-_source_count(c), c.id))


#: Contested claims shown in full on one page; more continue on `contested/page-<k>.html`.
CONTESTED_PER_PAGE = 10


def contested_page(number: int) -> str:
    """Docs path of page `number` (from 2; page 1 is contested.md) of the contested claims."""
    return "contested.md" if number == 1 else f"contested/page-{number}.md"


def render_contested(records: Any, number: int = 1) -> str:
    """Contested claims, each with who says what, the most widely reported first;
    CONTESTED_PER_PAGE to a page (the pages after the first are not searched)."""
    site = prepare(records)
    here = contested_page(number)
    chunks = _chunks(_contested(site), CONTESTED_PER_PAGE)
    if number == 1:
        out = ["# Contested claims", "",
               "Claims on which the sources disagree: they deny it, or give different values.", ""]
    else:
        out = [f"# Contested claims: page {number} of {len(chunks)}", ""]
    if len(chunks) > 1:
        out += [_pager(here, number, len(chunks), contested_page, "contested claims"), ""]
    if not chunks[0]:
        out += ["No contested claims.", ""]
    for claim in chunks[number - 1]:
        out += [_heading(2, claim.statement, _statement_lang(site, claim)), "",
                f"{_badge(claim.status)} {_plural(_source_count(claim), 'source')} · "
                f"{_link('claim page', here, page_path('claims', claim.id))}", "",
                _who_says_what(site, claim, here), ""]
    return _titled("\n".join(out), search_exclude=number > 1)


@dataclass
class TimelineEntry:
    date: Optional[str]  # ISO date (any precision), None when undated
    kind: str  # "event": a quote states the date; "reported": the source's publication date
    claim: Claim
    sources: list[str]  # the sources giving that date


def timeline(site: Site) -> list[TimelineEntry]:
    """Claims by date: under each event date a quote states, else under the date it was
    first reported; claims with neither come last (date None). Sorted by date, then claim."""
    entries = []
    for claim in site.sorted_claims():
        by_date: dict[str, set[str]] = {}
        for ev in claim.evidence:
            if ev.date:
                by_date.setdefault(ev.date, set()).add(ev.source)
        if by_date:
            entries += [TimelineEntry(d, "event", claim, sorted(srcs)) for d, srcs in by_date.items()]
            continue
        reported: dict[str, set[str]] = {}
        for ev in claim.evidence:
            src = site.sources.get(ev.source)
            if src and src.published:
                reported.setdefault(src.published, set()).add(src.id)
        if reported:
            first = min(reported)
            entries.append(TimelineEntry(first, "reported", claim, sorted(reported[first])))
        else:
            entries.append(TimelineEntry(None, "undated", claim, sorted({ev.source for ev in claim.evidence})))
    return sorted(entries, key=lambda e: (e.date is None, e.date or "", e.kind != "event", e.claim.id))


#: Timeline entries on one page: a longer timeline gets list pages, in date order.
TIMELINE_ENTRIES_PER_PAGE = 100
#: Sources named on one timeline entry (the claim's page lists them all).
TIMELINE_SOURCES_SHOWN = 5


def timeline_page(number: int) -> str:
    """Docs path of page `number` (from 1) of a long timeline."""
    return f"timeline/page-{number}.md"


def _timeline_chunks(site: Site) -> list[list[TimelineEntry]]:
    if site.timeline_entries is None:
        site.timeline_entries = timeline(site)
    return _chunks(site.timeline_entries, TIMELINE_ENTRIES_PER_PAGE)


def _timeline_lines(site: Site, entries: list[TimelineEntry], here: str) -> list[str]:
    """Entries under year headings, each with its date, status, claim and (some) sources."""
    out: list[str] = []
    year = ""
    for entry in entries:
        head = entry.date[:4] if entry.date else "Undated"
        if head != year:
            year = head
            out += ([""] if out and out[-1] else []) + [f"## {esc(head)}", ""]
            if head == "Undated":
                out += ["Claims no quote dates and no dated source reports.", ""]
        shown = entry.sources[:TIMELINE_SOURCES_SHOWN]
        srcs = ", ".join(_source_ref(site, s, here) for s in shown)
        if len(entry.sources) > len(shown):
            more = _plural(len(entry.sources) - len(shown), "more source")
            srcs += f", {_link(more, here, page_path('claims', entry.claim.id), 'evidence')}"
        when = f'<time datetime="{esc(entry.date)}">{esc(entry.date)}</time> · {esc(entry.kind)} · ' \
            if entry.date else ""
        out.append(f"- {when}{_badge(entry.claim.status)} {_claim_ref(site, entry.claim, here)} "
                   f"<small>({srcs})</small>")
    return out + [""]


def render_timeline(records: Any) -> str:
    """Events and claims by date (year sections), undated claims listed apart; a long
    timeline lists its pages (`render_timeline_page`) here instead."""
    site = prepare(records)
    here = "timeline.md"
    out = ["# Timeline", "",
           "Claims in date order. A claim stands under the date its quotes give for the event "
           "(<em>event</em>); when no quote dates it, under the day it was first reported "
           "(<em>reported</em>). A claim whose sources give different dates appears under each.", ""]
    chunks = _timeline_chunks(site)
    if not chunks[0]:
        return _titled("\n".join(out + ["No claims yet.", "", ""]))
    if len(chunks) == 1:
        return _titled("\n".join(out + _timeline_lines(site, chunks[0], here)))
    out += [f"{_plural(len(site.timeline_entries or []), 'entry', 'entries')} on {len(chunks)} pages:", ""]
    for k, chunk in enumerate(chunks, 1):
        span = f"{chunk[0].date or 'undated'} to {chunk[-1].date or 'undated'}"
        out.append(f"- {_link(esc(span), here, timeline_page(k))} <small>({_plural(len(chunk), 'entry', 'entries')})</small>")
    out.append("")
    return _titled("\n".join(out))


def render_timeline_page(records: Any, number: int) -> str:
    """Page `number` of a long timeline; not searched (the claims have their own pages)."""
    site = prepare(records)
    here = timeline_page(number)
    chunks = _timeline_chunks(site)
    nav = [_link("Timeline", here, "timeline.md")]
    if number > 1:
        nav.append(_link("previous", here, timeline_page(number - 1)))
    if number < len(chunks):
        nav.append(_link("next", here, timeline_page(number + 1)))
    out = [f"# Timeline: page {number} of {len(chunks)}", "", " · ".join(nav), ""]
    return _titled("\n".join(out + _timeline_lines(site, chunks[number - 1], here)), search_exclude=True)


def _pipe_table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return "\n".join(lines)


#: Rows of one table on an index page; a longer table continues on list pages of its own.
INDEX_ROWS_PER_PAGE = 200


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def list_page(folder: str, name: str, number: int) -> str:
    """Docs path of list page `number` (from 2) of the table `name` of `folder`'s index
    ('_' is never in record ids, so no record page can take it)."""
    return f"{folder}/_{name}-{number}.md"


def _pager(here: str, number: int, pages: int, page_of: Callable[[int], str], what: str) -> str:
    """'Page 2 of 7 of <what>: previous · next' links between the pages of one list."""
    nav = [_link("previous", here, page_of(number - 1))] if number > 1 else []
    nav += [_link("next", here, page_of(number + 1))] if number < pages else []
    return f"Page {number} of {pages} of {what}: " + " · ".join(nav)


@dataclass
class _Table:
    """One table of a section index: its rows are linked relative to the index's folder,
    which its list pages share."""
    name: str  # in list page paths
    title: str  # its heading
    headers: list[str]
    rows: list[list[str]]


def _index(folder: str, title: str, lead: list[str], tables: list[_Table], headed: bool = True) -> dict[str, str]:
    """`folder`/index.md with each table's first INDEX_ROWS_PER_PAGE rows, and the list pages
    (not searched) holding the rest of a longer table."""
    here = f"{folder}/index.md"
    out = [f"# {title}", ""] + lead
    pages: dict[str, str] = {}
    names: set[str] = set()
    for table in tables:
        if not table.rows:
            continue
        chunks = _chunks(table.rows, INDEX_ROWS_PER_PAGE)
        name = unique_slug(table.name, names)  # two headings may slug alike

        def page_of(k: int, name: str = name) -> str:
            return here if k == 1 else list_page(folder, name, k)

        out += ([f"## {esc(table.title)} ({len(table.rows)})", ""] if headed else [])
        out += [_pipe_table(table.headers, chunks[0]), ""]
        if len(chunks) > 1:
            out += [f"The first {len(chunks[0])} of {len(table.rows)}; "
                    f"{_pager(here, 1, len(chunks), page_of, esc(table.title.lower()))}", ""]
        for k in range(2, len(chunks) + 1):
            page = page_of(k)
            body = [f"# {esc(title)}: {esc(table.title.lower())}, page {k} of {len(chunks)}", "",
                    f"{_link(f'All {title.lower()}', page, here)} · "
                    f"{_pager(page, k, len(chunks), page_of, esc(table.title.lower()))}", "",
                    _pipe_table(table.headers, chunks[k - 1]), ""]
            pages[page] = _titled("\n".join(body), search_exclude=True)
    return {here: _titled("\n".join(out)), **pages}


def claims_index_pages(records: Any) -> dict[str, str]:
    """All claims, grouped by status (contested first): claims/index.md and its list pages."""
    site = prepare(records)
    here = "claims/index.md"
    order = ["contested", "corroborated", "single-source"] + [s for s in CLAIM_STATUSES if s not in
                                                              ("contested", "corroborated", "single-source")]
    statuses = order + sorted({c.status for c in site.claims.values()} - set(order))
    tables = []
    for status in statuses:
        claims = [c for c in site.sorted_claims() if c.status == status]
        claims.sort(key=lambda c: (-_source_count(c), clean(c.statement).casefold(), c.id))
        rows = [[_claim_ref(site, c, here), str(_source_count(c)),
                 ", ".join(esc(x) for x in _claim_languages(c)) or "—",
                 ", ".join(_actor_ref(site, a, here) for a in sorted(set(c.actors))) or "—"] for c in claims]
        tables.append(_Table(slugify(status), status.capitalize(), ["Claim", "Sources", "Languages", "Actors"], rows))
    lead = [f"{_plural(len(site.claims), 'claim')} extracted from {_plural(len(site.sources), 'document')}.", ""]
    return _index("claims", "Claims", lead, tables)


def render_claims_index(records: Any) -> str:
    """claims/index.md (see `claims_index_pages`)."""
    return claims_index_pages(records)["claims/index.md"]


def actors_index_pages(records: Any) -> dict[str, str]:
    """All actors, grouped by kind: actors/index.md and its list pages."""
    site = prepare(records)
    here = "actors/index.md"
    kinds = list(ACTOR_KINDS) + sorted({a.kind for a in site.actors.values()} - set(ACTOR_KINDS))
    tables = []
    for kind in kinds:
        rows = []
        for a in (a for a in site.sorted_actors() if a.kind == kind):
            langs = sorted({al.language for al in a.aliases if al.language})
            others = list(_spellings(a).items())
            shown = " · ".join(_bidi(n, lang) for n, lang in others[:4]) + (" …" if len(others) > 4 else "")
            rows.append([_link(_bidi(a.name, actor_lang(a)), here, page_path("actors", a.id)),
                         shown or "—", ", ".join(esc(x) for x in langs) or "—",
                         str(len(site.claims_by_actor.get(a.id, []))),
                         str(len({m.source for m in a.mentions}))])
        tables.append(_Table(slugify(kind), kind.capitalize(), ["Name", "Also written", "Languages", "Claims", "Sources"],
                             rows))
    return _index("actors", "Actors", [f"{_plural(len(site.actors), 'actor')} named in the documents.", ""], tables)


def render_actors_index(records: Any) -> str:
    """actors/index.md (see `actors_index_pages`)."""
    return actors_index_pages(records)["actors/index.md"]


def sources_index_pages(records: Any) -> dict[str, str]:
    """All documents, oldest first: sources/index.md and its list pages."""
    site = prepare(records)
    here = "sources/index.md"
    rows = []
    for s in site.sorted_sources():
        n_claims = len({c.id for _, c in site.evidence_by_source.get(s.id, [])})
        title = clean(s.title).strip()
        label = _bidi(title, s.language) if title else f"<code>{esc(_file_name(s))}</code>"
        publisher = clean(s.publisher).strip()
        rows.append([_link(label, here, page_path("sources", s.id)),
                     _bidi(publisher, s.language) if publisher else "—", _published(s),
                     _lang_label(s.language), str(n_claims)])
    table = _Table("documents", "Documents", ["Document", "Publisher", "Published", "Language", "Claims"], rows)
    return _index("sources", "Sources", [f"{_plural(len(site.sources), 'document')}, oldest first.", ""], [table],
                  headed=False)


def render_sources_index(records: Any) -> str:
    """sources/index.md (see `sources_index_pages`)."""
    return sources_index_pages(records)["sources/index.md"]


def render_home(records: Any) -> str:
    """The home page: what the dossier covers, counts, contested then best-corroborated claims."""
    site = prepare(records)
    here = "index.md"
    out = []
    intro = (site.intro or "").strip()
    if not intro.startswith("# "):
        out += [f"# {esc(site.site_name)}", ""]
    if intro:
        out += [intro, ""]  # the editor's own Markdown: trusted, inserted as written
    languages = sorted({lang for s in site.sources.values()
                        for lang in (s.languages or ([s.language] if s.language else []))})
    contested = _contested(site)
    stats = [("documents", len(site.sources), "sources/index.md"),
             ("actors", len(site.actors), "actors/index.md"),
             ("claims", len(site.claims), "claims/index.md"),
             ("contested", len(contested), "contested.md"),
             ("languages", len(languages), None)]
    out.append('<div class="dossier-stats" markdown="1">')
    for label, n, target in stats:
        inner = f"<strong>{n}</strong> {label}"
        cell = _link(inner, here, target) if target else inner
        out.append(f'<p class="dossier-stat" markdown="span">{cell}</p>')
    out += ["</div>", ""]
    if languages:
        out += ["**Languages:** " + ", ".join(_lang_label(c) for c in languages), ""]
    out += ["## Contested claims", ""]
    out += [_claim_item(site, c, here) for c in contested] or ["No contested claims."]
    out.append("")
    corroborated = sorted((c for c in site.claims.values() if _source_count(c) > 1 and c.status != "contested"),
                          key=lambda c: (-origin_count(c), -_source_count(c), c.id))[:15]
    out += ["## Most corroborated claims", ""]
    out += [_claim_item(site, c, here) for c in corroborated] or ["No claim is yet made by more than one source."]
    out.append("")
    out += ["## Browse", "",
            f"- {_link('All claims', here, 'claims/index.md')}, by status",
            f"- {_link('Contested claims', here, 'contested.md')}, with who says what",
            f"- {_link('Actors', here, 'actors/index.md')}: people, organisations, outlets, states",
            f"- {_link('Sources', here, 'sources/index.md')}: every document, with its marked-up text",
            f"- {_link('Citations', here, 'citations.md')}: every quoted passage, by source",
            f"- {_link('Timeline', here, 'timeline.md')}: claims by date", ""]
    out += ["## Data", "",
            "The whole dossier as files, for your own tools (UTF-8):", ""]
    out += [f"- {_link(name, here, f'data/{name}')}: {what}" for name, what in DATA_FILES]
    out += [f"- JSON Schemas of the records: "
            + ", ".join(_link(f"{k}.schema.json", here, f"data/schemas/{k}.schema.json") for k in KIND_DIRS), ""]
    return "\n".join(out)


# ---------------------------------------------------------------------------------------
# Everything
# ---------------------------------------------------------------------------------------

SECTION_PAGES = ("index.md", "claims/index.md", "contested.md", "actors/index.md",
                 "sources/index.md", "citations.md", "timeline.md")

#: The exports linked from the home page (written by `dossier.exports` into data/).
DATA_FILES = (("records.jsonl", "every record, one JSON object per line"),
              ("claims.csv", "one row per claim: status, sources, independent origins, verdict"),
              ("citations.csv", "one row per quote: source, offsets, exact text, stance, value"),
              ("ftm.json", "FollowTheMoney entities (people, organisations, articles, mentions), one per line"))


def pages(records: Any, texts: Optional[dict[str, str]] = None, site_name: str = "Dossier",
          intro: Optional[str] = None, site_url: Optional[str] = None) -> dict[str, str]:
    """Every page of the site: docs path -> Markdown, in a deterministic order.

    `texts` maps source id -> decoded document text (missing: the page says so).
    """
    site = prepare(records, texts, site_name, intro, site_url)
    claims_index, actors_index, sources_index = (claims_index_pages(site), actors_index_pages(site),
                                                 sources_index_pages(site))
    out = {
        "index.md": render_home(site),
        "claims/index.md": claims_index.pop("claims/index.md"),
        "contested.md": render_contested(site),
        "actors/index.md": actors_index.pop("actors/index.md"),
        "sources/index.md": sources_index.pop("sources/index.md"),
        "citations.md": render_citations(site),
        "timeline.md": render_timeline(site),
    }
    out.update(claims_index)  # list pages of long index tables
    out.update(actors_index)
    out.update(sources_index)
    for number in range(2, len(_chunks(_contested(site), CONTESTED_PER_PAGE)) + 1):
        out[contested_page(number)] = render_contested(site, number)
    for claim in site.sorted_claims():
        out[page_path("claims", claim.id)] = render_claim(claim, site)
    for actor_id in sorted(site.actors):
        out[page_path("actors", actor_id)] = render_actor(site.actors[actor_id], site)
    for claim in site.sorted_claims():
        for number in range(1, evidence_pages(claim) + 1):
            out[evidence_page(claim.id, number)] = render_evidence_page(claim, number, site)
    for source_id in sorted(site.sources):
        out[page_path("sources", source_id)] = render_source(site.sources[source_id],
                                                             site.texts.get(source_id), site)
    chunks = _citation_chunks(_quoting_sources(site))
    for number in range(1, len(chunks) + 1 if len(chunks) > 1 else 1):
        out[citations_list_page(number)] = render_citations_list(site, number)
    pages_of_timeline = len(_timeline_chunks(site))
    for number in range(1, pages_of_timeline + 1 if pages_of_timeline > 1 else 1):
        out[timeline_page(number)] = render_timeline_page(site, number)
    for source_id in sorted(site.evidence_by_source):
        if source_id in site.sources:
            out[citations_page(source_id)] = render_source_citations(site.sources[source_id], site)
    return out


def redirects(records: Any, directory_urls: bool = False) -> dict[str, str]:
    """A small HTML page at every former claim/actor id, pointing at the record's page now.

    Plain HTML (meta refresh, canonical link and a visible link), no JavaScript. An old id
    that is again a record's id, or claimed by two records, gets no redirect.
    """
    out: dict[str, str] = {}
    taken: dict[str, int] = {}
    for kind in ("claims", "actors"):
        items = getattr(records, kind)
        for rid in sorted(items):
            for old in items[rid].former_ids or []:
                taken[f"{kind}/{old}"] = taken.get(f"{kind}/{old}", 0) + 1
        for rid in sorted(items):
            for old in sorted(set(items[rid].former_ids or [])):
                if old in items or taken[f"{kind}/{old}"] > 1 or not _ID.match(old) or old == "index":
                    continue
                new_stem = page_path(kind, rid)[len(kind) + 1:-3]
                if directory_urls:
                    path, target = f"{kind}/{old}/index.html", f"../{new_stem}/"
                else:
                    path, target = f"{kind}/{old}.html", f"{new_stem}.html"
                out[path] = ("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                             f"<title>Moved: {esc(old)}</title>\n"
                             f"<link rel=\"canonical\" href=\"{target}\">\n"
                             f"<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n"
                             "<meta name=\"robots\" content=\"noindex\">\n</head>\n<body>\n"
                             f"<main><p>This page moved to <a href=\"{target}\">{target}</a>.</p></main>\n"
                             "</body>\n</html>\n")
    return dict(sorted(out.items()))


__all__ = ["BIDI_CONTROLS", "DATA_FILES", "SECTION_PAGES", "Site", "claim_jsonld", "co_actors", "origin_count",
           "redirects", "render_timeline", "render_timeline_page", "timeline", "timeline_page", "actors_index_pages",
           "claims_index_pages", "contested_page", "list_page", "sources_index_pages", "clean", "esc", "language_name", "page_path", "pages",
           "actor_lang", "citations_list_page", "citations_page", "evidence_page", "evidence_pages", "prepare",
           "render_actor", "render_actors_index", "render_citations", "render_citations_list", "render_claim",
           "render_evidence_page", "render_source_citations",
           "render_claims_index", "render_contested", "render_home", "render_source", "render_sources_index",
           "statement_lang"]
