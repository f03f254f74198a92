"""Dossier records -> the data files published under `site/data/`.

Pure functions of the records and the documents' texts (no MkDocs, no disk access but
`write`'s): `exports` returns file path -> bytes, and `write` puts them in a folder. How
they run (in process, in a second one) is the caller's choice. Every file is
deterministic: records in id order, keys in record order, ids derived from record ids only.

* `records.jsonl`: every record, one JSON object per line: `{"type": "claim", "record": {...}}`.
* `claims.csv`, `citations.csv`: one row per claim, one row per evidence item.
* `ftm.json`: FollowTheMoney entities, one per line (what the `ftm` tools and Aleph read).
* `claimreview.json`: a schema.org DataFeed of the reviewed claims' ClaimReviews (what fact-check
  aggregators read), the same JSON-LD as the claim pages, with absolute addresses.
* `annotations.jsonld`: every evidence item as a W3C Web Annotation (TextQuoteSelector with
  prefix/suffix, TextPositionSelector) on its source, its body the claim page.
* `schemas/<kind>.schema.json`: the JSON Schemas the records follow.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Iterable, Optional

from dossier.model import RECORD_KINDS, Actor, Claim, Source, to_dict
from dossier.model.schema import SCHEMA_KINDS, json_text
from dossier.site.claims import claim_jsonld
from dossier.site.prepared import prepare
from dossier.site.sources import quote_page

#: Where the files go, relative to the site root; and their names, in link order.
DATA_DIR = "data"
FILES = ("records.jsonl", "claims.csv", "citations.csv", "ftm.json", "claimreview.json", "annotations.jsonld")

#: The FollowTheMoney schema of each actor kind (a state is its government, a place an address).
FTM_SCHEMA = {
    "person": "Person",
    "organization": "Organization",
    "outlet": "Organization",
    "state": "PublicBody",
    "place": "Address",
    "other": "LegalEntity",
}

_SINGULAR = {"sources": "source", "actors": "actor", "claims": "claim"}

CLAIM_COLUMNS = ("id", "statement", "status", "sources", "origins", "languages", "actors",
                 "first_date", "verdict", "verdict_reviewer", "verdict_date", "page")
CITATION_COLUMNS = ("claim", "source", "publisher", "published", "language", "start", "end", "quote",
                    "stance", "value", "date", "attributed_to", "added_by", "claim_status", "page",
                    "prefix", "suffix", "translation", "translated_by")


def _default_page(kind: str, record_id: str) -> str:
    stem = "_index" if record_id == "index" else record_id
    return f"{kind}/{stem}.html"


# ---------------------------------------------------------------------------------------
# JSON Lines and CSV
# ---------------------------------------------------------------------------------------

def records_jsonl(records: Any) -> str:
    """Every record as one JSON line, sources then actors then claims, each by id."""
    lines = []
    for kind in RECORD_KINDS:
        items = records.of(kind) if hasattr(records, "of") else getattr(records, kind)
        for record_id in sorted(items):
            line = {"type": _SINGULAR[kind], "record": to_dict(items[record_id])}
            lines.append(json.dumps(line, ensure_ascii=False, sort_keys=False, separators=(",", ":")))
    return "".join(line + "\n" for line in lines)


def _csv(columns: Iterable[str], rows: Iterable[Iterable[Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")  # RFC 4180
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buf.getvalue()


def published_claims(records: Any) -> list[str]:
    """The claim ids the dossier publishes as claims, in order: not those an editor rejected
    (their records stay, in records.jsonl, for their pages)."""
    return [cid for cid in sorted(records.claims) if getattr(records.claims[cid], "rejected", None) is None]


def _independent(claim: Claim) -> int:
    """Independent origins; the distinct sources while origins are not computed yet."""
    return len({(o.kind, o.id) for o in claim.origins}) or len({ev.source for ev in claim.evidence})


def _first_date(claim: Claim, sources: dict[str, Source]) -> Optional[str]:
    dates = sorted(ev.date for ev in claim.evidence if ev.date)
    if dates:
        return dates[0]
    published = sorted(sources[ev.source].published for ev in claim.evidence
                       if ev.source in sources and sources[ev.source].published)
    return published[0] if published else None


def claims_csv(records: Any, page: Callable[[str, str], str] = _default_page) -> str:
    """One row per claim: statement, status, counts, actors (`;`-separated), verdict, page."""
    rows = []
    for claim_id in published_claims(records):
        c = records.claims[claim_id]
        v = c.verdict
        rows.append([c.id, c.statement, c.status, len({ev.source for ev in c.evidence}), _independent(c),
                     ";".join(sorted({ev.language for ev in c.evidence if ev.language})),
                     ";".join(sorted(set(c.actors))), _first_date(c, records.sources),
                     v.rating if v else None, v.reviewer if v else None, v.date if v else None,
                     page("claims", c.id)])
    return _csv(CLAIM_COLUMNS, rows)


def citations_csv(records: Any, page: Callable[[str, str], str] = _default_page,
                  texts: Optional[dict[str, str]] = None) -> str:
    """One row per evidence item: the exact quote with its offsets, source and claim, and
    the page of the source's text that holds it (a long document's text has several)."""
    site = prepare(records, texts)
    rows = []
    for claim_id in published_claims(records):
        c = records.claims[claim_id]
        for ev in sorted(c.evidence, key=lambda e: (e.source, e.start, e.end, e.stance, e.value or "")):
            src = records.sources.get(ev.source)
            rows.append([c.id, ev.source, src.publisher if src else None, src.published if src else None,
                         ev.language, ev.start, ev.end, ev.quote, ev.stance, ev.value, ev.date,
                         ev.attributed_to, ev.added_by, c.status,
                         page("sources", quote_page(site, ev.source, ev.start)[len("sources/"):-len(".md")])
                         + f"#q-{ev.start}-{ev.end}",
                         ev.prefix, ev.suffix, ev.translation, ev.translated_by])
    return _csv(CITATION_COLUMNS, rows)


# ---------------------------------------------------------------------------------------
# FollowTheMoney
# ---------------------------------------------------------------------------------------

def ftm_id(*parts: str) -> str:
    """A deterministic entity id: readable for records, a hash for their links."""
    if len(parts) == 2:
        return f"dossier-{parts[0]}-{parts[1]}"
    return "dossier-" + hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()


def _entity(model, schema: str, entity_id: str, props: dict[str, Iterable[Any]]):
    proxy = model.make_entity(schema)
    proxy.id = entity_id
    for prop, values in props.items():
        for value in values if isinstance(values, (list, tuple)) else [values]:
            if value not in (None, ""):
                proxy.add(prop, value)
    return proxy


def ftm_entities(records: Any, texts: Optional[dict[str, str]] = None,
                 page: Callable[[str, str], str] = _default_page, site_url: Optional[str] = None) -> list[dict]:
    """The dossier as FollowTheMoney entities (built by `followthemoney.model.make_entity`).

    Sources are `Article`s, actors `Person`/`Organization`/`PublicBody`/`Address`/
    `LegalEntity`, each mention a `Mention` (document -> resolved actor), each claim an
    `Event` (involved actors, proof articles) and each evidence item a `Documentation`
    linking the article to the claim, with the exact quote as its summary.
    """
    from followthemoney import model  # deferred: heavy (its model loads for about a second)

    texts = texts or {}
    base = (site_url or "").rstrip("/")

    def url(kind: str, record_id: str) -> Optional[str]:
        return f"{base}/{page(kind, record_id)}" if base else None

    out = []
    article = {sid: ftm_id("source", sid) for sid in records.sources}
    for sid in sorted(records.sources):
        s: Source = records.sources[sid]
        out.append(_entity(model, "Article", article[sid], {
            "title": s.title or s.path.rsplit("/", 1)[-1], "fileName": s.path.rsplit("/", 1)[-1],
            "language": sorted({x for x in (s.languages or []) + [s.language] if x}),
            "publisher": s.publisher, "author": s.author, "publishedAt": s.published,
            "sourceUrl": [s.url, s.archived_url], "encoding": s.encoding, "bodyText": texts.get(sid),
            "notes": s.notes,
        }))
    actor_ids = {aid: ftm_id("actor", aid) for aid in records.actors}
    for aid in sorted(records.actors):
        a: Actor = records.actors[aid]
        schema = FTM_SCHEMA.get(a.kind, "LegalEntity")
        props: dict[str, Any] = {
            "name": a.name, "full": a.name if schema == "Address" else None, "alias": sorted({al.name for al in a.aliases if al.name != a.name}),
            "description": a.description, "sourceUrl": url("actors", aid),
            "proof": sorted({article[m.source] for m in a.mentions if m.source in article}),
        }
        if schema == "Person":
            props["position"] = sorted({r.text for r in a.roles})
        out.append(_entity(model, schema, actor_ids[aid], props))
        seen = set()
        for m in sorted(a.mentions, key=lambda m: (m.source, m.start, m.end)):
            if m.source not in article or (m.source, m.text) in seen:
                continue
            seen.add((m.source, m.text))  # one Mention per spelling per document
            out.append(_entity(model, "Mention", ftm_id("mention", aid, m.source, m.text), {
                "document": article[m.source], "name": m.text, "detectedSchema": schema,
                # `resolved` must be a LegalEntity: a place (Address) is named, not linked.
                "resolved": actor_ids[aid] if schema != "Address" else None,
            }))
    for cid in published_claims(records):
        c: Claim = records.claims[cid]
        legal = [actor_ids[x] for x in sorted(set(c.actors))
                 if x in actor_ids and FTM_SCHEMA.get(records.actors[x].kind) != "Address"]
        places = [actor_ids[x] for x in sorted(set(c.actors))
                  if x in actor_ids and FTM_SCHEMA.get(records.actors[x].kind) == "Address"]
        claim_eid = ftm_id("claim", cid)
        out.append(_entity(model, "Event", claim_eid, {
            "name": c.statement, "summary": c.status, "date": sorted({ev.date for ev in c.evidence if ev.date}),
            "involved": legal, "addressEntity": places, "sourceUrl": url("claims", cid),
            "proof": sorted({article[ev.source] for ev in c.evidence if ev.source in article}),
            "description": (f"{c.verdict.rating}: {c.verdict.rationale}" if c.verdict else None),
        }))
        for ev in sorted(c.evidence, key=lambda e: (e.source, e.start, e.end, e.stance, e.value or "")):
            if ev.source not in article:
                continue
            role = ev.stance + (f" {ev.value}" if ev.value else "")
            attributed = records.actors.get(ev.attributed_to) if ev.attributed_to else None
            out.append(_entity(model, "Documentation",
                               ftm_id("evidence", cid, ev.source, str(ev.start), str(ev.end), ev.stance),
                               {"document": article[ev.source], "entity": claim_eid, "role": role,
                                "summary": ev.quote, "date": ev.date,
                                "description": f"attributed to {attributed.name}" if attributed else None}))
    return [proxy.to_dict() for proxy in out]


def ftm_json(records: Any, texts: Optional[dict[str, str]] = None,
             page: Callable[[str, str], str] = _default_page, site_url: Optional[str] = None) -> str:
    """FollowTheMoney entities as JSON lines, in a fixed order with sorted property values."""
    lines = []
    for entity in ftm_entities(records, texts, page, site_url):
        entity["properties"] = {k: sorted(v) for k, v in sorted(entity["properties"].items())}
        lines.append(json.dumps({"id": entity["id"], "schema": entity["schema"],
                                 "properties": entity["properties"]}, ensure_ascii=False, separators=(",", ":")))
    return "".join(line + "\n" for line in lines)


# ---------------------------------------------------------------------------------------
# ClaimReview feed, W3C annotations
# ---------------------------------------------------------------------------------------

_ABSOLUTE = re.compile(r"^https?://[^\s<>\"'`]+$")

#: The JSON Schema `claimreview.json` follows (published beside it as schemas/claimreview.schema.json).
CLAIMREVIEW_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "ClaimReview feed",
    "description": "A schema.org DataFeed of the dossier's reviewed claims, one ClaimReview each.",
    "type": "object",
    "required": ["@context", "@type", "dataFeedElement"],
    "properties": {
        "@context": {"const": "https://schema.org"},
        "@type": {"const": "DataFeed"},
        "dataFeedElement": {"type": "array", "items": {"$ref": "#/$defs/claim_review"}},
    },
    "$defs": {
        "absolute_url": {"type": "string", "pattern": _ABSOLUTE.pattern, "format": "uri"},
        "claim_review": {
            "type": "object",
            "required": ["@type", "url", "claimReviewed", "datePublished", "author", "reviewRating", "itemReviewed"],
            "properties": {
                "@type": {"const": "ClaimReview"},
                "url": {"$ref": "#/$defs/absolute_url"},
                "claimReviewed": {"type": "string", "minLength": 1},
                "datePublished": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
                "author": {"type": "object", "required": ["@type", "name"]},
                "reviewRating": {
                    "type": "object", "required": ["@type", "alternateName"],
                    "properties": {"@type": {"const": "Rating"}, "alternateName": {"type": "string", "minLength": 1},
                                   "ratingValue": {"type": "integer", "minimum": 1, "maximum": 5}},
                },
                "itemReviewed": {
                    "type": "object", "required": ["@type", "appearance"],
                    "properties": {
                        "@type": {"const": "Claim"},
                        "appearance": {"type": "array", "minItems": 1, "items": {
                            "type": "object", "required": ["@type", "url"],
                            "properties": {"url": {"$ref": "#/$defs/absolute_url"}}}},
                    },
                },
            },
        },
    },
}


def _absolute(value: Any) -> bool:
    return isinstance(value, str) and bool(_ABSOLUTE.match(value))


def claimreview_feed(records: Any, texts: Optional[dict[str, str]] = None,
                     page: Callable[[str, str], str] = _default_page, site_url: Optional[str] = None) -> str:
    """The reviewed claims' ClaimReviews as one schema.org DataFeed. Only absolute addresses
    go in a feed read elsewhere: without `site_url` a review is listed only when it has its
    own published `url`, and its appearances only the sources with an address of their own."""
    base = (site_url or "").rstrip("/")
    reviewed = [cid for cid in published_claims(records) if records.claims[cid].verdict is not None]
    site = prepare(records, texts, site_url=base or None) if reviewed else None  # indexing costs: only when needed
    items = []
    for claim_id in reviewed:
        claim = records.claims[claim_id]
        review = dict(claim_jsonld(claim, site))
        review.pop("@context", None)
        url = f"{base}/{page('claims', claim_id)}" if base else claim.verdict.url
        item = dict(review.get("itemReviewed") or {"@type": "Claim"})
        appearances = [a for a in item.get("appearance", []) if _absolute(a.get("url"))]
        if not _absolute(url) or not appearances:
            continue
        item["appearance"] = appearances
        if not _absolute((item.get("firstAppearance") or {}).get("url")):
            item["firstAppearance"] = appearances[0]
        review["url"], review["itemReviewed"] = url, item
        items.append(review)
    feed = {"@context": "https://schema.org", "@type": "DataFeed", "name": "Reviewed claims",
            "dataFeedElement": items}
    return json.dumps(feed, ensure_ascii=False, indent=1) + "\n"


def annotations(records: Any, page: Callable[[str, str], str] = _default_page,
                site_url: Optional[str] = None) -> str:
    """Every evidence item as a W3C Web Annotation (an AnnotationCollection, JSON-LD): the
    target is the source document (its own URL, else its page) with a TextQuoteSelector (exact,
    prefix, suffix) and a TextPositionSelector (code-point offsets); the body, the claim page."""
    base = (site_url or "").rstrip("/")
    here = lambda kind, rid: f"{base}/{page(kind, rid)}" if base else page(kind, rid)  # noqa: E731
    items = []
    for claim_id in published_claims(records):
        c = records.claims[claim_id]
        for ev in sorted(c.evidence, key=lambda e: (e.source, e.start, e.end, e.stance, e.value or "")):
            src = records.sources.get(ev.source)
            quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": ev.quote}
            if ev.prefix:
                quote["prefix"] = ev.prefix
            if ev.suffix:
                quote["suffix"] = ev.suffix
            target = {"source": src.url if src is not None and _absolute(src.url) else here("sources", ev.source),
                      "selector": [quote, {"type": "TextPositionSelector", "start": ev.start, "end": ev.end}]}
            if ev.language:
                target["language"] = ev.language
            body: list[dict[str, Any]] = [{"type": "SpecificResource", "source": here("claims", claim_id),
                                           "purpose": "classifying"},
                                          {"type": "TextualBody", "value": c.statement, "format": "text/plain",
                                           "language": "en", "purpose": "describing"}]
            if ev.translation:
                body.append({"type": "TextualBody", "value": ev.translation, "format": "text/plain",
                             "purpose": "commenting", "creator": ev.translated_by})
            items.append({"id": f"{here('claims', claim_id)}#ev-{ev.source}-{ev.start}-{ev.end}-{ev.stance}",
                          "type": "Annotation", "motivation": "describing" if ev.stance == "affirms" else "questioning",
                          "body": body, "target": target})
    collection = {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection",
                  "total": len(items), "first": {"type": "AnnotationPage", "items": items}}
    return json.dumps(collection, ensure_ascii=False, indent=1) + "\n"


# ---------------------------------------------------------------------------------------
# Everything
# ---------------------------------------------------------------------------------------

def exports(records: Any, texts: Optional[dict[str, str]] = None, site_url: Optional[str] = None,
            directory_urls: bool = False) -> dict[str, bytes]:
    """Every data file: path under the site root (`data/...`) -> UTF-8 bytes."""

    def page(kind: str, record_id: str) -> str:
        path = _default_page(kind, record_id)
        return path[:-len(".html")] + "/" if directory_urls else path

    files = {
        "records.jsonl": records_jsonl(records),
        "claims.csv": claims_csv(records, page),
        "citations.csv": citations_csv(records, page, texts),
        "ftm.json": ftm_json(records, texts, page, site_url),
        "claimreview.json": claimreview_feed(records, texts, page, site_url),
        "annotations.jsonld": annotations(records, page, site_url),
    }
    out = {f"{DATA_DIR}/{name}": text.encode("utf-8") for name, text in files.items()}
    for name, data in schemas().items():
        out[f"{DATA_DIR}/schemas/{name}"] = data
    return out


def schemas() -> dict[str, bytes]:
    """The JSON Schemas the records follow, by file name, as the model generates them."""
    out = {f"{kind}.schema.json": json_text(kind).encode("utf-8") for kind in sorted(SCHEMA_KINDS)}
    out["claimreview.schema.json"] = (json.dumps(CLAIMREVIEW_SCHEMA, indent=2) + "\n").encode("utf-8")
    return dict(sorted(out.items()))


def paths() -> list[str]:
    """The paths `exports` returns, known before it runs."""
    return [f"{DATA_DIR}/{name}" for name in FILES] + [f"{DATA_DIR}/schemas/{name}" for name in schemas()]


def write(folder: Path, files: dict[str, bytes]) -> list[Path]:
    """Write `files` (as `exports` returns them) into `folder`, the site's data/ folder or any
    other: `folder/records.jsonl`, `folder/schemas/...`. Returns the paths written."""
    written = []
    for path, data in files.items():
        target = folder / PurePosixPath(path).relative_to(DATA_DIR)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(target)
    return written


__all__ = ["CLAIMREVIEW_SCHEMA", "CITATION_COLUMNS", "CLAIM_COLUMNS", "annotations", "claimreview_feed", "DATA_DIR", "FILES", "FTM_SCHEMA", "citations_csv", "claims_csv",
           "exports", "ftm_entities", "ftm_id", "ftm_json", "paths", "records_jsonl", "schemas", "write"]
