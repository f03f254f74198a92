"""dossier.exports: the data files under site/data/, validated by the libraries that read them."""
from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

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
    names |= {f"data/schemas/{kind}.schema.json" for kind in SCHEMA_KINDS}
    assert set(files) == names
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
