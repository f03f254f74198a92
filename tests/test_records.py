"""io.store and model: YAML dump/load safety and round trips, generated schemas and validation, atomic writes."""
from __future__ import annotations

import json
import os
from dataclasses import MISSING, fields
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from dossier.io import store as rec
from dossier.io.validate import ID_PATTERN, validate
from dossier.model.errors import RecordError
from dossier.model import RECORD_KINDS, RECORD_TYPES
from dossier.model.overlay import OVERLAY_TYPES, SIDECAR_FIELDS
from dossier.model.records import ID, Source, field_types, list_of, optional_of
from dossier.model.schema import SCHEMA_KINDS, json_schema, json_text
from dossier.io.safe_yaml import dump_yaml, load_yaml, load_yaml_text
from dossier.io.store import Records, load_records, write_records

from conftest import make_records


def roundtrip(data, tmp_path: Path):
    path = tmp_path / "x.yml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    return load_yaml(path)


# --- dump_yaml ---------------------------------------------------------------------------

TRICKY = [
    "", " ", "  lead", "trail  ", "yes", "No", "on", "null", "~", "1e5", "0x1F", "1_000", "12:30",
    "2025-10-01", "3.14", ".inf", "<<", "=", "- dash", "#hash", "a: b", "'q'", '"dq"', "multi\nline",
    "ends\n", "two\n\n", "\n", "\n lead", "tab\tin", "cr\rlf\r\n", "nel\x85x", "ls\u2028ps\u2029",
    "bom\ufeff", "rtl \u200fمرحبا\u202e end", "ﷺ", "bell\x07", "del\x7f", "Azərbaycan Respublikası",
    "Путин сказал", "x" * 500 + " " + "y" * 500, "   \n   ", "|", ">", "@at", "`tick", "%pct", "!bang",
    "&amp", "*star", "?q", "{a}", "[b]", ",c",
]


@pytest.mark.parametrize("value", TRICKY)
def test_tricky_strings_roundtrip(value, tmp_path):
    data = {"id": "x", "value": value, "list": [value]}
    assert roundtrip(data, tmp_path) == data


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")))
def test_any_unicode_text_roundtrips(value):
    data = {"quote": value, "items": [value, {"k": value}]}
    text = dump_yaml(data)
    assert load_yaml_text(text, "prop.yml") == data
    assert text.endswith("\n")


@pytest.mark.parametrize("value", TRICKY + ["Ramiz " * 40, "a: b " * 30, "'" + "q " * 60 + "'"])
def test_fast_dump_writes_the_bytes_of_the_python_emitter(value):
    """libyaml's emitter is used only where it writes what PyYAML's (and our escapes) would."""
    data = {"id": "x", value: [value, {"k": value, "n": None, "i": 3, "f": 0.5, "b": True}], "v": value}
    assert dump_yaml(data) == dump_yaml(data, fast=False)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")))
def test_fast_dump_matches_the_python_emitter_on_any_text(value):
    data = {"quote": value, "items": [value, {"k": value}]}
    assert dump_yaml(data) == dump_yaml(data, fast=False)


def test_dump_is_block_style_in_field_order_and_never_folds():
    long_quote = "word " * 200
    text = dump_yaml({"id": "a", "zeta": 1, "alpha": [long_quote.strip()], "none": None})
    lines = text.splitlines()
    assert lines[0] == "id: a" and lines[1] == "zeta: 1" and lines[2] == "alpha:"
    assert len(lines) == 5  # the 1000-character quote stays on one line
    assert "none: null" in text and "{" not in text


def test_dump_quotes_strings_that_look_typed():
    text = dump_yaml({"a": "2025-10-01", "b": "yes", "c": "1e3", "d": "plain"})
    assert "a: '2025-10-01'" in text and "b: 'yes'" in text and "c: '1e3'" in text
    assert "d: plain" in text


def test_dump_never_writes_anchors():
    shared = {"x": 1}
    text = dump_yaml({"a": shared, "b": shared})
    assert "&" not in text and "*" not in text


def test_dump_is_deterministic():
    data = make_records().claims["ana-silva-arrested"]
    from dossier.model import to_dict
    assert dump_yaml(to_dict(data)) == dump_yaml(to_dict(data))


# --- load_yaml safety --------------------------------------------------------------------

def write(tmp_path: Path, text: str, name: str = "bad.yml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_rejects_python_object_tag(tmp_path):
    path = write(tmp_path, "id: a\nx: !!python/object/apply:os.system ['echo hi']\n")
    with pytest.raises(RecordError) as err:
        load_yaml(path)
    assert err.value.line == 2 and "bad.yml:2:" in str(err.value) and "tag" in str(err.value)


def test_rejects_any_explicit_tag(tmp_path):
    with pytest.raises(RecordError, match="tag"):
        load_yaml(write(tmp_path, "a: !!str 1\n"))


def test_rejects_alias_bomb(tmp_path):
    bomb = 'a: &a ["lol","lol"]\nb: &b [*a,*a,*a]\nc: [*b,*b,*b]\n'
    with pytest.raises(RecordError) as err:
        load_yaml(write(tmp_path, bomb))
    assert err.value.line == 1 and "anchor" in err.value.message


def test_rejects_alias_without_anchor_use(tmp_path):
    with pytest.raises(RecordError, match="alias"):
        load_yaml(write(tmp_path, "a: 1\nb: *x\n"))


def test_rejects_merge_key(tmp_path):
    with pytest.raises(RecordError, match="merge"):
        load_yaml(write(tmp_path, "a: 1\n<<: {b: 2}\n"))


def test_rejects_duplicate_keys_with_line(tmp_path):
    with pytest.raises(RecordError) as err:
        load_yaml(write(tmp_path, "id: a\nname: x\nkind: person\nname: y\n"))
    assert err.value.line == 4 and "duplicate key 'name'" in err.value.message and "line 2" in err.value.message


def test_syntax_error_names_file_and_line(tmp_path):
    with pytest.raises(RecordError) as err:
        load_yaml(write(tmp_path, "id: a\nname: [unclosed\nkind: x\n"))
    assert "bad.yml:" in str(err.value) and err.value.line is not None


def test_unquoted_date_stays_a_string(tmp_path):
    assert load_yaml(write(tmp_path, "published: 2025-10-01\n")) == {"published": "2025-10-01"}


def test_invalid_utf8_is_reported(tmp_path):
    path = tmp_path / "bad.yml"
    path.write_bytes(b"id: \xff\n")
    with pytest.raises(RecordError, match="UTF-8"):
        load_yaml(path)


# --- schemas -----------------------------------------------------------------------------

SOURCE = {"id": "doc", "path": "content/sources/doc.txt", "sha256": "0" * 64, "language": "en", "title": None,
          "publisher": None, "author": None, "published": None, "published_precision": None, "url": None}
ACTOR = {"id": "ana", "name": "Ana", "kind": "person"}
CLAIM = {"id": "c", "statement": "Something happened."}
EVIDENCE = {"source": "doc", "quote": "q", "start": 0, "end": 1, "language": "en", "attributed_to": None}
VERDICT = {"rating": "false", "rationale": "r", "reviewer": "ed", "date": "2025-01-02"}

# Each broken value with the messages the hand-written schemas gave (they were compared when
# the schemas became generated; the messages quote their descriptions).
BROKEN = [
    ("sources", {**SOURCE, "id": "Bad_Id"},
     ["id: 'Bad_Id' does not match the required form: Record id; equals the file name without .yml."]),
    ("sources", {**SOURCE, "path": "/etc/passwd"},
     ["path: '/etc/passwd' does not match the required form: The document's path relative to the repository root, forward slashes (e.g. content/sources/x.txt)."]),
    ("sources", {**SOURCE, "path": "content/../../x"},
     ["path: 'content/../../x' does not match the required form: The document's path relative to the repository root, forward slashes (e.g. content/sources/x.txt)."]),
    ("sources", {**SOURCE, "sha256": "xyz"},
     ["sha256: 'xyz' does not match the required form: SHA-256 of the document file's bytes, lowercase hex."]),
    ("sources", {**SOURCE, "language": "english"},
     ["language: 'english' does not match the required form: ISO 639-1 code of the document as a whole, or null."]),
    ("sources", {**SOURCE, "language": 5},
     ["language: 5 is not of type 'string', 'null'"]),
    ("sources", {**SOURCE, "published": "May 2025", "published_precision": "week"},
     ["published: 'May 2025' does not match the required form: Publication date, ISO 8601: YYYY-MM-DD, YYYY-MM or YYYY; null when unknown.",
      "published_precision: 'week' is not one of ['day', 'month', 'year', None]"]),
    ("sources", {**SOURCE, "languages": ["EN"], "cites": ["Bad"]},
     ["cites.0: 'Bad' does not match the required form: An actor id.",
      "languages.0: 'EN' does not match the required form: the pattern ^[a-z]{2,3}$"]),
    ("sources", {**SOURCE, "boilerplate": [{"start": -1, "end": 2, "kind": "ad"}], "notes": [1]},
     ["boilerplate.0.kind: 'ad' is not one of ['caption', 'read-also', 'most-read', 'tags', 'share', 'footer', 'header', 'other']",
      'boilerplate.0.start: -1 is less than the minimum of 0',
      "notes.0: 1 is not of type 'string'"]),
    ("sources", {k: v for k, v in SOURCE.items() if k != "url"},
     ["record: 'url' is a required property"]),
    ("actors", {**ACTOR, "kind": "robot", "aliases": [{"name": "", "language": None, "script": "latin"}]},
     ["aliases.0.name: '' should be non-empty",
      "aliases.0.script: 'latin' does not match the required form: ISO 15924 script code: Latn, Arab, Cyrl, ...",
      "kind: 'robot' is not one of ['person', 'organization', 'outlet', 'state', 'place', 'other']"]),
    ("actors", {**ACTOR, "roles": [{"source": "doc", "text": "t", "former": "yes"}], "bogus": 1},
     ["record: unknown field(s) ('bogus' was unexpected)",
      "roles.0.former: 'yes' is not of type 'boolean'"]),
    ("actors", {**ACTOR, "mentions": [{"source": "doc", "start": 0, "end": "1", "text": "Ana"}], "former_ids": ["A"]},
     ["former_ids.0: 'A' does not match the required form: An earlier id.",
      "mentions.0.end: '1' is not of type 'integer'"]),
    ("actors", {**ACTOR, "description": 3, "name": None},
     ["description: 3 is not of type 'string', 'null'",
      "name: None is not of type 'string'"]),
    ("claims", {**CLAIM, "evidence": [{**EVIDENCE, "attributed_to": "Bad Id"}, {**EVIDENCE, "date": "2025/01/01"}]},
     ["evidence.0.attributed_to: 'Bad Id' is not valid under any of the given schemas",
      "evidence.1.date: '2025/01/01' does not match the required form: ISO date the quote states for the event, or null."]),
    ("claims", {**CLAIM, "verdict": {**VERDICT, "rating": "maybe", "date": "1 May"}},
     ["verdict: {'rating': 'maybe', 'rationale': 'r', 'reviewer': 'ed', 'date': '1 May'} is not valid under any of the given schemas"]),
    ("claims", {**CLAIM, "verdict": {**VERDICT, "url": 5}, "status": "unknown", "actors": ["X"]},
     ["actors.0: 'X' does not match the required form: An actor id.",
      "status: 'unknown' is not one of ['single-source', 'corroborated', 'contested', 'updated']",
      "verdict: {'rating': 'false', 'rationale': 'r', 'reviewer': 'ed', 'date': '2025-01-02', 'url': 5} is not valid under any of the given schemas"]),
    ("claims", {**CLAIM, "origins": [{"id": "x", "kind": "actor", "chain": [["Bad"]], "via": ["doc", "B"]}]},
     ["origins.0.chain.0.0: 'Bad' does not match the required form: the pattern ^[a-z0-9][a-z0-9-]*$",
      "origins.0.via.1: 'B' does not match the required form: the pattern ^[a-z0-9][a-z0-9-]*$"]),
    ("claims", {**CLAIM, "statement": "", "evidence": [{**EVIDENCE, "stance": "maybe", "value": 1, "added_by": 2}]},
     ["evidence.0.added_by: 2 is not of type 'string', 'null'",
      "evidence.0.stance: 'maybe' is not one of ['affirms', 'denies']",
      "evidence.0.value: 1 is not of type 'string', 'null'",
      "statement: '' should be non-empty"]),
    ("claims", {"statement": "x", "former_ids": "c"},
     ["former_ids: 'c' is not of type 'array'",
      "record: 'id' is a required property"]),
    ("curation-claim", {"actors": ["Bad"], "statment": "typo", "add": "yes"},
     ["actors.0: 'Bad' does not match the required form: an id: lowercase a-z, 0-9 and '-' (the record's file name without .yml)",
      "add: 'yes' is not of type 'boolean'",
      "record: unknown field(s) ('statment' was unexpected)"]),
    ("curation-claim", {"verdict": {**VERDICT, "url": "ftp://x", "date": "2025-1-1"}},
     ["verdict.date: '2025-1-1' does not match the required form: a date written YYYY-MM-DD",
      "verdict.url: 'ftp://x' is not valid under any of the given schemas"]),
    ("curation-claim", {"verdict": {"rating": "maybe"}, "reject": True, "reason": ""},
     ["reason: '' should be non-empty",
      "verdict.rating: 'maybe' is not one of ['true', 'mostly-true', 'mixed', 'misleading', 'mostly-false', 'false', 'unproven']",
      "verdict: 'date' is a required property",
      "verdict: 'rationale' is a required property",
      "verdict: 'reviewer' is a required property"]),
    ("curation-claim", {"add_evidence": [{"source": "doc", "quote": "q", "occurrence": 0, "language": "english"},
                                         {"source": "doc", "quote": "q", "added_by": "ed", "attributed_to": "X",
                                          "date": "2025/1", "stance": "no"}]},
     ["add_evidence.0.language: 'english' does not match the required form: an ISO 639-1 language code such as en, ar, tr",
      'add_evidence.0.occurrence: 0 is less than the minimum of 1',
      "add_evidence.0: 'added_by' is a required property",
      "add_evidence.1.attributed_to: 'X' is not valid under any of the given schemas",
      "add_evidence.1.date: '2025/1' does not match the required form: a date written YYYY-MM-DD, YYYY-MM or YYYY",
      "add_evidence.1.stance: 'no' is not one of ['affirms', 'denies']"]),
    ("curation-claim", {"match": [{"source": "doc"}], "reject_evidence": [{"source": "D", "quote": ""}]},
     ["match.0: 'quote' is a required property",
      "reject_evidence.0.quote: '' should be non-empty",
      "reject_evidence.0.source: 'D' does not match the required form: an id: lowercase a-z, 0-9 and '-' (the record's file name without .yml)"]),
    ("curation-actor", {"split": [{"id": "x", "name": "n", "spellings": []}], "merge": ["X"], "kind": "robot"},
     ["kind: 'robot' is not one of ['person', 'organization', 'outlet', 'state', 'place', 'other']",
      "merge.0: 'X' does not match the required form: an id: lowercase a-z, 0-9 and '-' (the record's file name without .yml)",
      'split.0.spellings: [] should be non-empty']),
    ("curation-actor", {"split": [{"id": "Y", "spellings": ["a", ""], "kind": None}], "aliases": [""], "name": 1},
     ["aliases.0: '' should be non-empty",
      "name: 1 is not of type 'string'",
      "split.0.id: 'Y' does not match the required form: an id: lowercase a-z, 0-9 and '-' (the record's file name without .yml)",
      "split.0.kind: None is not one of ['person', 'organization', 'outlet', 'state', 'place', 'other']",
      "split.0.spellings.1: '' should be non-empty",
      "split.0: 'name' is a required property"]),
    ("source-meta", {"url": "javascript:alert(1)", "published": "May 2025", "language": "EN", "title": None},
     ["language: 'EN' does not match the required form: an ISO 639-1 language code such as en, ar, tr",
      "published: 'May 2025' does not match the required form: a date written YYYY-MM-DD, YYYY-MM or YYYY",
      "title: None is not of type 'string'",
      "url: 'javascript:alert(1)' does not match the required form: an http:// or https:// URL"]),
    ("source-meta", {"archived_url": "https://x y", "publisher": "", "author": 1, "extra": 2},
     ["archived_url: 'https://x y' does not match the required form: an http:// or https:// URL",
      "author: 1 is not of type 'string'",
      "publisher: '' should be non-empty",
      "record: unknown field(s) ('extra' was unexpected)"]),
]


@pytest.mark.parametrize("kind, data, expected", BROKEN)
def test_broken_values_are_rejected_with_the_messages_of_the_hand_written_schemas(kind, data, expected):
    assert [message for _line, message in validate(kind, data)] == expected


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_generated_schemas_are_valid_json_schema(kind):
    schema = json_schema(kind)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"].endswith("2020-12/schema") and schema["$id"].endswith(f"/{kind}.schema.json")
    assert json.loads(json_text(kind)) == schema and json_text(kind).endswith("}\n")


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_schemas_match_the_model(kind):
    """Every field is a property, in field order, nested parts too; required = no default."""
    def check(schema: dict, cls: type) -> None:
        schema = defs.get(schema.get("$ref", "").rpartition("/")[2], schema)
        assert list(schema["properties"]) == [f.name for f in fields(cls)]
        required = [f.name for f in fields(cls) if f.default is MISSING and f.default_factory is MISSING]
        assert schema.get("required", []) == required
        for name, tp in field_types(cls).items():
            inner, prop = optional_of(tp) or tp, schema["properties"][name]
            if list_of(inner) is not None:
                inner, prop = list_of(inner), prop["items"]
            if hasattr(inner, "__dataclass_fields__"):
                check(prop.get("anyOf", [prop])[-1], inner)

    top = json_schema(kind)
    defs = top.get("$defs", {})
    check(top, {**RECORD_TYPES, **OVERLAY_TYPES}[kind])


def test_every_record_of_the_sample_and_the_site_fixture_validates():
    repo = Path(__file__).resolve().parent.parent
    for content in (repo / "content", Path(__file__).parent / "fixtures" / "site" / "content"):
        count = 0
        for kind in RECORD_KINDS:
            for path in sorted((content / "records" / kind).glob("*.yml")):
                assert validate(kind, load_yaml(path)) == [], path
                count += 1
        assert count >= 10, content


def test_records_from_the_fixture_validate():
    from dossier.model import to_dict
    r = make_records()
    for kind in RECORD_TYPES:
        for record in r.of(kind).values():
            assert validate(kind, to_dict(record)) == []


def test_the_id_pattern_and_sidecar_fields_come_from_the_model():
    assert ID_PATTERN.pattern == ID.pattern == json_schema("actors")["properties"]["id"]["pattern"]
    assert SIDECAR_FIELDS == tuple(json_schema("source-meta")["properties"])
    assert set(SIDECAR_FIELDS) <= {f.name for f in fields(Source)}  # a sidecar overrides Source fields


# --- load_records / write_records --------------------------------------------------------

def test_write_then_load_roundtrips(tmp_path):
    content = tmp_path / "content"
    original = make_records()
    report = write_records(content, original)
    assert report.written == 4 and report.written_names == ["actors/ana-silva", "actors/reuters", "claims/ana-silva-arrested", "sources/doc"]
    assert load_records(content) == original


def test_write_is_byte_identical_and_keeps_unchanged_files(tmp_path):
    content = tmp_path / "content"
    write_records(content, make_records())
    path = content / "records" / "actors" / "reuters.yml"
    before = {p: p.read_bytes() for p in (content / "records").rglob("*.yml")}
    os.utime(path, (1_000_000, 1_000_000))
    report = write_records(content, make_records())
    assert report.written == 0 and report.removed == 0 and report.unchanged == 4
    assert report.written_names == [] and len(report.unchanged_names) == 4
    assert {p: p.read_bytes() for p in (content / "records").rglob("*.yml")} == before
    assert path.stat().st_mtime == 1_000_000


def test_changed_record_rewritten_others_keep_mtime(tmp_path):
    content = tmp_path / "content"
    write_records(content, make_records())
    keep = content / "records" / "actors" / "reuters.yml"
    os.utime(keep, (1_000_000, 1_000_000))
    changed = make_records()
    changed.actors["ana-silva"].name = "Ana M. Silva"
    report = write_records(content, changed)
    assert report.written == 1 and report.written_names == ["actors/ana-silva"]
    assert keep.stat().st_mtime == 1_000_000
    assert "name: Ana M. Silva" in (content / "records" / "actors" / "ana-silva.yml").read_text(encoding="utf-8")
    assert not [p for p in content.iterdir() if p.name.startswith(".records")]


def test_stale_records_removed_other_files_kept(tmp_path):
    content = tmp_path / "content"
    write_records(content, make_records())
    (content / "records" / "claims" / ".gitkeep").write_text("")
    fewer = make_records()
    del fewer.actors["reuters"]
    report = write_records(content, fewer)
    assert report.removed == 1 and report.removed_names == ["actors/reuters"]
    assert not (content / "records" / "actors" / "reuters.yml").exists()
    assert (content / "records" / "claims" / ".gitkeep").exists()


def test_crash_mid_write_leaves_old_tree_intact(tmp_path, monkeypatch):
    content = tmp_path / "content"
    write_records(content, make_records())
    before = {p.relative_to(content): p.read_bytes() for p in (content / "records").rglob("*.yml")}
    changed = make_records()
    changed.claims["ana-silva-arrested"].statement = "Changed."
    changed.actors["ana-silva"].name = "Changed"
    calls = []

    def failing_write(path, data):
        calls.append(path)
        if len(calls) == 2:
            raise OSError("disk full")
        Path(path).write_bytes(data)

    monkeypatch.setattr(rec, "write_file", failing_write)
    with pytest.raises(OSError):
        write_records(content, changed)
    after = {p.relative_to(content): p.read_bytes() for p in (content / "records").rglob("*.yml")}
    assert after == before
    assert [p.name for p in content.iterdir()] == ["records"]


def test_crash_between_renames_is_recovered(tmp_path):
    content = tmp_path / "content"
    write_records(content, make_records())
    (content / "records").rename(content / ".records.old-abc")  # as if killed mid-swap
    (content / ".records.tmp-xyz").mkdir()  # and an abandoned half-built tree
    assert load_records(content) == make_records()  # the first reader puts the old tree back...
    assert sorted(p.name for p in content.iterdir()) == ["records"]  # ...and drops the temp tree
    (content / "records").rename(content / ".records.old-abc")
    report = write_records(content, make_records())  # a writer restores it too
    assert report.written == 0 and report.unchanged == 4
    assert sorted(p.name for p in content.iterdir()) == ["records"]


def test_write_refuses_bad_ids(tmp_path):
    bad = make_records()
    actor = bad.actors.pop("reuters")
    actor.id = "../evil"
    bad.actors["../evil"] = actor
    with pytest.raises(RecordError, match="evil"):
        write_records(tmp_path / "content", bad)
    assert not (tmp_path / "evil.yml").exists()


def test_load_records_collects_every_problem_with_lines(tmp_path):
    content = tmp_path / "content"
    write_records(content, make_records())
    actors = content / "records" / "actors"
    (actors / "reuters.yml").write_text("id: reuters\nname: Reuters\nkind: robot\n", encoding="utf-8")
    (actors / "other.yml").write_text("id: someone-else\nname: X\nkind: person\n", encoding="utf-8")
    (actors / "broken.yml").write_text("id: broken\nname: [\n", encoding="utf-8")
    with pytest.raises(RecordError) as err:
        load_records(content)
    problems = err.value.problems
    assert len(problems) == 3
    text = str(err.value)
    assert "content/records/actors/reuters.yml:3: kind:" in text
    assert "content/records/actors/other.yml:1: id 'someone-else' does not match" in text
    assert "content/records/actors/broken.yml:" in text


def test_load_records_reports_missing_field_and_unknown_field(tmp_path):
    content = tmp_path / "content"
    (content / "records" / "claims").mkdir(parents=True)
    (content / "records" / "claims" / "c.yml").write_text("id: c\nactors: []\nbogus: 1\n", encoding="utf-8")
    with pytest.raises(RecordError) as err:
        load_records(content)
    text = str(err.value)
    assert "'statement' is a required property" in text and "unknown field(s)" in text and "bogus" in text


def test_load_records_empty_tree(tmp_path):
    assert load_records(tmp_path / "content") == Records()


def test_invisible_characters_are_escaped_visibly(tmp_path):
    value = "\u200fقال\u202e x"
    text = dump_yaml({"quote": value})
    assert text == 'quote: "\\u200Fقال\\u202E x"\n'
    assert roundtrip({"quote": value}, tmp_path) == {"quote": value}


def test_arabic_and_cyrillic_stay_readable():
    text = dump_yaml({"a": "قال الوزير", "b": "Путин сказал"})
    assert text == "a: قال الوزير\nb: Путин сказал\n"


def test_readers_never_see_a_half_swapped_tree(tmp_path):
    import copy
    import threading

    content = tmp_path / "content"
    base = make_records()
    write_records(content, base)
    errors, stop = [], threading.Event()

    def reader():
        while not stop.is_set():
            try:
                assert load_records(content).count() == 4
            except Exception as err:  # noqa: BLE001 - collected and asserted below
                errors.append(err)

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for i in range(15):
            changed = copy.deepcopy(base)
            changed.claims["ana-silva-arrested"].statement = f"Version {i}."
            write_records(content, changed)
    finally:
        stop.set()
        thread.join()
    assert errors == []


def test_record_folders_follow_the_umask(tmp_path):
    """The records tree (and the site, built the same way) is readable by others when the
    umask says so: a tree built beside its target with mkdtemp alone would be mode 0700."""
    from dossier.io.files import build_dir

    old = os.umask(0o022)
    try:
        write_records(tmp_path / "content", make_records())
        made = build_dir(".site.tmp-", tmp_path)
    finally:
        os.umask(old)
    assert (tmp_path / "content" / "records").stat().st_mode & 0o777 == 0o755
    assert made.stat().st_mode & 0o777 == 0o755
