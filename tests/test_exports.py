"""dossier.exports: the data files under site/data/, validated by the libraries that read them."""
from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from dossier import exports
from dossier.extract.ingest import load_document
from dossier.io.store import load_records
from dossier.io.validate import schema
from dossier.model.schema import SCHEMA_KINDS

from conftest import shuffled

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "site"


@pytest.fixture(scope="module", params=["fixture", "sample"])
def dossier(request):
    """(records, texts) of the fixture dossier (hostile text, verdict, origins) and of the sample."""
    if request.param == "fixture":
        recs = load_records(FIXTURE / "content")
        texts = {s.id: (FIXTURE / s.path).read_text(encoding="utf-8") for s in recs.sources.values()}
    else:
        recs = load_records(REPO / "content")
        texts = {s.id: load_document(REPO / s.path, REPO).text for s in recs.sources.values()}
    return recs, texts


@pytest.fixture(scope="module")
def files(dossier):
    recs, texts = dossier
    return exports.exports(recs, texts, site_url="https://dossier.example.org/")


def test_the_files(files):
    names = {f"data/{n}" for n in exports.FILES}
    names |= {f"data/schemas/{kind}.schema.json" for kind in SCHEMA_KINDS} | {"data/schemas/claimreview.schema.json"}
    assert set(files) == names
    assert sorted(exports.paths()) == sorted(names)
    assert {f"data/schemas/{k}.schema.json" for k in ("sources", "actors", "claims")} <= names


def test_records_jsonl_holds_every_record_valid_against_its_schema(files, dossier):
    recs, _ = dossier
    lines = files["data/records.jsonl"].decode("utf-8").splitlines()
    seen = {"source": set(), "actor": set(), "claim": set()}
    for line in lines:
        item = json.loads(line)
        kind = item["type"]
        errors = list(Draft202012Validator(schema(kind + "s")).iter_errors(item["record"]))
        assert not errors, (item["record"]["id"], errors[0].message)
        seen[kind].add(item["record"]["id"])
    assert seen == {"source": set(recs.sources), "actor": set(recs.actors), "claim": set(recs.claims)}
    # The published schemas are the package's own.
    published = json.loads(files["data/schemas/claims.schema.json"])
    assert published == schema("claims")


def test_csv_files_parse_and_keep_exact_quotes(files, dossier):
    recs, texts = dossier
    claims = list(csv.DictReader(io.StringIO(files["data/claims.csv"].decode("utf-8"), newline="")))
    assert [r["id"] for r in claims] == sorted(recs.claims)
    assert tuple(claims[0]) == exports.CLAIM_COLUMNS
    for row in claims:
        claim = recs.claims[row["id"]]
        assert row["statement"] == claim.statement and row["status"] == claim.status
        assert int(row["origins"]) <= int(row["sources"]) or claim.origins
    citations = list(csv.DictReader(io.StringIO(files["data/citations.csv"].decode("utf-8"), newline="")))
    assert len(citations) == sum(len(c.evidence) for c in recs.claims.values())
    for row in citations:
        text = texts[row["source"]]
        assert text[int(row["start"]):int(row["end"])] == row["quote"]  # quotes survive CSV exactly


def test_ftm_entities_are_valid_followthemoney(files, dossier):
    from followthemoney import model

    recs, _ = dossier
    entities = [json.loads(line) for line in files["data/ftm.json"].decode("utf-8").splitlines()]
    ids = [e["id"] for e in entities]
    assert len(ids) == len(set(ids))
    by_id = {}
    for data in entities:
        schema_ = model.get(data["schema"])
        assert schema_ is not None, data["schema"]
        proxy = model.get_proxy(data, cleaned=False)
        # followthemoney keeps every value: nothing was invalid for its property type.
        assert {k: sorted(v) for k, v in proxy.to_dict()["properties"].items()} == data["properties"], data["id"]
        by_id[data["id"]] = proxy
    schemata = {e["schema"] for e in entities}
    assert {"Article", "Mention", "Event", "Documentation"} <= schemata
    assert schemata & {"Person", "Organization", "PublicBody"}
    # Every entity reference points at an entity of the file, of an allowed schema.
    for proxy in by_id.values():
        for prop, value in proxy.itervalues():
            if prop.type.name == "entity":
                assert value in by_id, (proxy.id, prop.name, value)
                assert by_id[value].schema.is_a(prop.range), (proxy.id, prop.name, by_id[value].schema.name)
    # One Article per source, one actor entity per actor, one Event per claim.
    assert sum(1 for e in entities if e["schema"] == "Article") == len(recs.sources)
    assert sum(1 for e in entities if e["schema"] == "Event") == len(recs.claims)
    assert all(exports.ftm_id("actor", a) in by_id for a in recs.actors)


def test_exports_are_deterministic(dossier, files):
    recs, texts = dossier
    mixed = shuffled(recs, 3)
    again = exports.exports(mixed, dict(reversed(list(texts.items()))), site_url="https://dossier.example.org/")
    assert again == files
    # Evidence order inside a record shows in records.jsonl (it is the record), nowhere else.
    rng = random.Random(3)
    for claim in mixed.claims.values():
        rng.shuffle(claim.evidence)
    again = exports.exports(mixed, texts, site_url="https://dossier.example.org/")
    assert {k: v for k, v in again.items() if k != "data/records.jsonl"} == \
        {k: v for k, v in files.items() if k != "data/records.jsonl"}


def test_page_addresses_follow_the_url_style(dossier):
    recs, texts = dossier
    flat = exports.exports(recs, texts)["data/claims.csv"].decode("utf-8")
    nested = exports.exports(recs, texts, directory_urls=True)["data/claims.csv"].decode("utf-8")
    first = sorted(recs.claims)[0]
    assert f"claims/{first}.html" in flat and f"claims/{first}/" in nested


def test_write_puts_the_files_in_a_folder(tmp_path, dossier, files):
    written = exports.write(tmp_path / "out", files)
    assert sorted(p.relative_to(tmp_path / "out").as_posix() for p in written) == \
        sorted(path[len("data/"):] for path in files)
    for path, data in files.items():
        assert (tmp_path / "out" / path[len("data/"):]).read_bytes() == data


def test_claimreview_feed_validates(files, dossier):
    recs, _ = dossier
    feed = json.loads(files["data/claimreview.json"])
    published = json.loads(files["data/schemas/claimreview.schema.json"])
    assert published == exports.CLAIMREVIEW_SCHEMA
    Draft202012Validator.check_schema(published)
    errors = list(Draft202012Validator(published, format_checker=FormatChecker()).iter_errors(feed))
    assert not errors, errors[0].message
    reviewed = sorted(c.id for c in recs.claims.values() if c.verdict is not None)
    assert [r["url"].rsplit("/", 1)[-1] for r in feed["dataFeedElement"]] == [f"{c}.html" for c in reviewed]
    for review in feed["dataFeedElement"]:
        assert review["url"].startswith("https://dossier.example.org/claims/")
        assert review["reviewRating"]["alternateName"] and review["claimReviewed"]
        assert all(a["url"].startswith("http") for a in review["itemReviewed"]["appearance"])


def test_claimreview_feed_rejects_what_aggregators_cannot_read():
    """The schema is a real check: a relative url, a missing rating name, no appearance fail."""
    validator = Draft202012Validator(exports.CLAIMREVIEW_SCHEMA, format_checker=FormatChecker())
    good = {"@type": "ClaimReview", "url": "https://x.example.org/claims/a.html", "claimReviewed": "A.",
            "datePublished": "2025-10-21", "author": {"@type": "Person", "name": "E"},
            "reviewRating": {"@type": "Rating", "alternateName": "False"},
            "itemReviewed": {"@type": "Claim", "appearance": [{"@type": "CreativeWork", "url": "https://n.example/1"}]}}
    feed = {"@context": "https://schema.org", "@type": "DataFeed", "dataFeedElement": [good]}
    assert not list(validator.iter_errors(feed))
    for broken in ({**good, "url": "claims/a.html"},
                   {**good, "reviewRating": {"@type": "Rating"}},
                   {**good, "itemReviewed": {"@type": "Claim", "appearance": []}}):
        assert list(validator.iter_errors({**feed, "dataFeedElement": [broken]}))


def test_claimreview_feed_without_site_url_lists_only_absolute_addresses(dossier):
    recs, texts = dossier
    feed = json.loads(exports.exports(recs, texts)["data/claimreview.json"])
    for review in feed["dataFeedElement"]:  # only reviews published elsewhere, with their own url
        assert review["url"].startswith("http")
        assert all(a["url"].startswith("http") for a in review["itemReviewed"]["appearance"])


def test_w3c_annotations_carry_quote_selectors(files, dossier):
    recs, texts = dossier
    collection = json.loads(files["data/annotations.jsonld"])
    items = collection["first"]["items"]
    assert collection["total"] == len(items) == sum(len(c.evidence) for c in recs.claims.values())
    assert len({a["id"] for a in items}) == len(items)
    for a in items:
        quote, position = a["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
        source_id = next(s for s in recs.sources if a["target"]["source"].endswith(f"sources/{s}.html")
                         or a["target"]["source"] == recs.sources[s].url)
        text = texts[source_id]
        assert text[position["start"]:position["end"]] == quote["exact"]
        if "prefix" in quote:
            assert text[:position["start"]].endswith(quote["prefix"])
        if "suffix" in quote:
            assert text[position["end"]:].startswith(quote["suffix"])
