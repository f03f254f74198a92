"""The accuracy benchmark (dossier/evaluate.py): each number moves the way it should."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import yaml

from dossier import evaluate
from dossier.model.errors import DossierError

REPO = Path(__file__).resolve().parent.parent

DOCS = {
    "a.txt": "Officials said 12 people were killed in the flood. Maria Lopez was arrested on Monday.\n"
             "Analysts think the river may rise again.\n",
    "b.txt": "Погибли 14 человек при наводнении. Марию Лопес задержали в понедельник. Juan Lopez denied it.\n",
    "c.txt": "قال مسؤولون إن 12 شخصا لقوا حتفهم. واعتقلت ماريا لوبيز يوم الاثنين. وقال محللون إن النهر قد يرتفع.\n"
             "Maria Lopez'in avukatı konuştu. ولوبيز هادئة.\n",
}

GOLD = """\
corpus: test
actors:
  - id: maria-lopez
    kind: person
    names: [Maria Lopez, Марию Лопес, ماريا لوبيز, لوبيز]
  - id: juan-lopez        # her brother: must stay apart
    kind: person
    names: [Juan Lopez]
claims:
  - id: toll
    predicate: killed
    slot: count
    contested: true
    evidence:
      - doc: a.txt
        cue: 12 people were killed
        value: "12"
      - doc: b.txt
        cue: Погибли 14 человек
        value: "14"
      - doc: c.txt
        cue: 12 شخصا لقوا حتفهم
        value: "12"
  - id: arrest
    predicate: arrested
    evidence:
      - doc: a.txt
        cue: Maria Lopez was arrested
      - doc: b.txt
        cue: Марию Лопес задержали
      - doc: c.txt
        cue: واعتقلت ماريا لوبيز
  - id: denial
    predicate: denied
    evidence:
      - doc: b.txt
        cue: Juan Lopez denied it
junk_cues:
  - doc: a.txt
    cue: may rise again
"""

SENTENCES = {
    "toll": [("a.txt", "Officials said 12 people were killed in the flood.", "12"),
             ("b.txt", "Погибли 14 человек при наводнении.", "14"),
             ("c.txt", "قال مسؤولون إن 12 شخصا لقوا حتفهم.", "12")],
    "arrest": [("a.txt", "Maria Lopez was arrested on Monday.", None),
               ("b.txt", "Марию Лопес задержали в понедельник.", None),
               ("c.txt", "واعتقلت ماريا لوبيز يوم الاثنين.", None)],
    "denial": [("b.txt", "Juan Lopez denied it.", None)],
}
NAMES = {"maria": [("a.txt", "Maria Lopez"), ("b.txt", "Марию Лопес"), ("c.txt", "ماريا لوبيز"),
                   ("c.txt", "Maria Lopez'in"), ("c.txt", "ولوبيز")],
         "juan": [("b.txt", "Juan Lopez")]}


def sid(doc: str) -> str:
    return doc.split(".")[0]


def evidence(doc: str, quote: str, value=None) -> dict:
    start = DOCS[doc].index(quote)
    return {"source": sid(doc), "quote": quote, "start": start, "end": start + len(quote), "value": value}


def origin_of(evs: list[dict]) -> list[dict]:
    return [{"id": s, "kind": "source", "via": [s], "chain": [[s]]} for s in sorted({e["source"] for e in evs})]


def perfect() -> dict:
    """Records exactly as the gold says: one claim per fact, one actor per person."""
    claims = {}
    for cid, items in SENTENCES.items():
        evs = [evidence(d, q, v) for d, q, v in items]
        status = "contested" if cid == "toll" else "corroborated" if len(items) > 1 else "single-source"
        claims[cid] = {"id": cid, "statement": cid, "status": status, "evidence": evs, "origins": origin_of(evs)}
    actors = {}
    for aid, names in NAMES.items():
        mentions = []
        for doc, text in names:
            start = DOCS[doc].index(text)
            mentions.append({"source": sid(doc), "start": start, "end": start + len(text), "text": text})
        actors[aid] = {"id": aid, "name": aid, "kind": "person", "mentions": mentions}
    sources = {sid(d): {"id": sid(d), "path": f"content/sources/{d}", "boilerplate": []} for d in DOCS}
    return {"sources": sources, "actors": actors, "claims": claims}


def write(tmp: Path, records: dict, gold: str = GOLD, docs: dict = DOCS) -> Path:
    """A project in tmp: content/sources, content/records, gold.yml."""
    content = tmp / "content"
    for name, text in docs.items():
        (content / "sources").mkdir(parents=True, exist_ok=True)
        (content / "sources" / name).write_text(text, encoding="utf-8")
    for kind, recs in records.items():
        (content / "records" / kind).mkdir(parents=True, exist_ok=True)
        for rid, rec in recs.items():
            (content / "records" / kind / f"{rid}.yml").write_text(yaml.safe_dump(rec, allow_unicode=True),
                                                                   encoding="utf-8")
    (tmp / "gold.yml").write_text(gold, encoding="utf-8")
    return tmp


def scored(tmp: Path, records: dict, gold: str = GOLD) -> dict:
    write(tmp, records, gold)
    texts = evaluate.read_texts(tmp / "content" / "sources", sorted(DOCS))
    g = evaluate.load_gold(tmp / "gold.yml", texts)
    assert not g.problems, g.problems
    return evaluate.score(g, evaluate.load_predicted(tmp / "content" / "records", g.docs()), texts)


def test_a_perfect_prediction_scores_one(tmp_path):
    r = scored(tmp_path, perfect())
    c, a = r["claims"], r["actors"]
    assert c["pairs"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert c["found"] == c["items"] == 7
    assert c["key_in_one_record"]["rate"] == 1.0 and c["key_in_one_record"]["total"] == 2
    assert c["contested_found"] == {"hit": 1, "total": 1, "rate": 1.0}
    assert c["invented"] == [] and c["junk"]["hit"] == 0
    assert a["b3"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    # Turkish suffix and Arabic proclitic forms are occurrences of the name too.
    assert a["occurrences"] == 6 and a["covered"] == 6
    assert a["multi_document_in_one_record"]["rate"] == 1.0 and a["wrong_merges"] == []


def test_a_split_claim_lowers_pair_recall_and_key_facts(tmp_path):
    recs = perfect()
    arrest = recs["claims"]["arrest"]
    moved = copy.deepcopy(arrest)
    moved.update(id="arrest-ar", evidence=arrest["evidence"][2:])
    arrest["evidence"] = arrest["evidence"][:2]
    recs["claims"]["arrest-ar"] = moved
    c = scored(tmp_path, recs)["claims"]
    assert c["pairs"]["precision"] == 1.0 and c["pairs"]["recall"] < 1.0
    assert c["key_in_one_record"]["hit"] == 1
    # Split so that no record holds two documents: the key fact is not gathered at all.
    moved2 = copy.deepcopy(arrest)
    moved2.update(id="arrest-ru", evidence=arrest["evidence"][1:])
    arrest["evidence"] = arrest["evidence"][:1]
    recs["claims"]["arrest-ru"] = moved2
    c2 = scored(tmp_path / "2", recs)["claims"]
    assert c2["pairs"]["recall"] < c["pairs"]["recall"]


def test_a_wrong_merge_of_claims_lowers_precision(tmp_path):
    recs = perfect()
    recs["claims"]["arrest"]["evidence"] += recs["claims"].pop("denial")["evidence"]
    c = scored(tmp_path, recs)["claims"]
    assert c["pairs"]["recall"] == 1.0 and c["pairs"]["precision"] < 1.0


def test_an_invented_contest_is_counted_and_a_missed_one_too(tmp_path):
    recs = perfect()
    recs["claims"]["arrest"]["status"] = "contested"
    recs["claims"]["toll"]["status"] = "corroborated"
    c = scored(tmp_path, recs)["claims"]
    assert c["invented"] == ["arrest"]
    assert c["contested_found"]["hit"] == 0


def test_junk_claims_and_junk_cues_are_counted(tmp_path):
    recs = perfect()
    junk = [evidence("a.txt", "Analysts think the river may rise again.")]
    recs["claims"]["river"] = {"id": "river", "statement": "x", "status": "single-source", "evidence": junk,
                               "origins": origin_of(junk)}
    c = scored(tmp_path, recs)["claims"]
    assert c["junk"] == {"hit": 1, "total": 4, "rate": 0.25}
    assert c["junk_claims"] == ["river"]
    assert c["junk_cues_in_claims"]["hit"] == 1 and c["junk_cue_hits"][0]["claims"] == ["river"]


def test_the_shortest_quote_holding_the_cue_wins(tmp_path):
    recs = perfect()
    long = [evidence("a.txt", DOCS["a.txt"].split("\n")[0])]  # both sentences of a.txt in one quote
    recs["claims"]["aaa-long"] = {"id": "aaa-long", "statement": "x", "status": "single-source",
                                  "evidence": long, "origins": origin_of(long)}
    c = scored(tmp_path, recs)["claims"]
    assert c["pairs"]["f1"] == 1.0 and c["junk_claims"] == ["aaa-long"]


def test_one_quote_in_two_claims_goes_to_the_claim_of_the_gold_predicate(tmp_path):
    recs = perfect()
    same = copy.deepcopy(recs["claims"]["denial"])
    same.update(id="aaa-said", frame={"predicate": "said"})
    recs["claims"]["aaa-said"] = same
    recs["claims"]["denial"]["frame"] = {"predicate": "denied"}
    c = scored(tmp_path, recs)["claims"]
    assert next(x for x in c["per_claim"] if x["id"] == "denial")["main"] == "denial"
    assert c["junk_claims"] == ["aaa-said"]


def test_one_quote_in_two_claims_goes_to_the_claim_about_the_one_the_cue_names(tmp_path):
    """"Juan Lopez denied it" is evidence of two claims, one about Juan, one about Maria: the
    gold item whose cue names Juan belongs to Juan's claim, whatever the ids sort like."""
    recs = perfect()
    other = copy.deepcopy(recs["claims"]["denial"])
    other.update(id="aaa-maria", frame={"predicate": "denied", "subject": "maria"})
    recs["claims"]["aaa-maria"] = other
    recs["claims"]["denial"]["frame"] = {"predicate": "denied", "subject": "juan"}
    recs["actors"]["juan"]["aliases"] = [{"name": "Juan Lopez"}]
    c = scored(tmp_path, recs)["claims"]
    assert next(x for x in c["per_claim"] if x["id"] == "denial")["main"] == "denial"
    assert c["junk_claims"] == ["aaa-maria"]


def test_one_quote_in_two_claims_goes_to_the_claim_the_facts_other_items_are_in(tmp_path):
    """"Maria Lopez was arrested on Monday" is evidence of the arrest and of a claim on the day
    (sorting first by id): the gold item goes with the arrest's other items."""
    recs = perfect()
    day = [evidence("a.txt", "Maria Lopez was arrested on Monday.")]
    recs["claims"]["aaa-day"] = {"id": "aaa-day", "statement": "x", "status": "single-source",
                                 "evidence": day, "origins": origin_of(day)}
    c = scored(tmp_path, recs)["claims"]
    arrest = next(x for x in c["per_claim"] if x["id"] == "arrest")
    assert arrest["main"] == "arrest" and arrest["in_one_record"], arrest


def test_actor_merges_splits_and_misses(tmp_path):
    recs = perfect()
    recs["actors"]["maria"]["mentions"] += recs["actors"].pop("juan")["mentions"]  # brother merged into her
    a = scored(tmp_path, recs)["actors"]
    assert a["b3"]["precision"] < 1.0 and a["b3"]["recall"] == 1.0
    assert a["wrong_merges"] == [{"record": "maria", "gold": {"juan-lopez": 1, "maria-lopez": 5}}]

    recs = perfect()
    maria = recs["actors"]["maria"]
    recs["actors"]["maria-ar"] = {**maria, "id": "maria-ar", "mentions": maria["mentions"][2:3]}
    maria["mentions"] = maria["mentions"][:2] + maria["mentions"][3:]
    a = scored(tmp_path / "split", recs)["actors"]
    assert a["b3"]["precision"] == 1.0 and a["b3"]["recall"] < 1.0
    assert a["multi_document_in_one_record"]["hit"] == 0

    recs = perfect()
    recs["actors"]["maria"]["mentions"] = recs["actors"]["maria"]["mentions"][:1]  # names never linked
    a = scored(tmp_path / "miss", recs)["actors"]
    assert a["covered"] == 2 and a["b3"]["recall"] < 0.5
    missed = next(x for x in a["per_actor"] if x["id"] == "maria-lopez")["missed"]
    assert f"b.txt@{DOCS['b.txt'].index('Марию')}: Марию Лопес" in missed


def test_copies_count_once_only_when_they_add_no_origin(tmp_path):
    gold = GOLD + "copies:\n  - doc: c.txt\n    of: a.txt\n"
    recs = perfect()
    r = scored(tmp_path, recs, gold)["copies"]
    assert r[0]["one_origin"]["hit"] == 0 and r[0]["one_origin"]["total"] == 2  # its own source origin
    for claim in recs["claims"].values():
        claim["origins"] = [o for o in claim["origins"] if o["id"] != "c"]
        for o in claim["origins"]:
            if o["id"] == "a":
                o["via"] = ["a", "c"]
    r = scored(tmp_path / "2", recs, gold)["copies"]
    assert r[0]["one_origin"] == {"hit": 2, "total": 2, "rate": 1.0} and r[0]["grew"] == []


def test_a_bad_gold_file_names_file_and_line(tmp_path):
    bad = GOLD.replace("cue: Погибли 14 человек", "cue: Погибли 15 человек").replace(
        "- doc: b.txt\n        cue: Juan Lopez denied it", "- doc: z.txt\n        cue: Juan Lopez denied it")
    bad = bad.replace("names: [Juan Lopez]", "names: [Juan Lopez, Maria Lopez]").replace(
        "  - id: denial\n", "  - id: denial\n    key: true\n")
    write(tmp_path, perfect(), bad)
    texts = evaluate.read_texts(tmp_path / "content" / "sources", sorted(DOCS))
    problems = [str(p) for p in evaluate.load_gold(tmp_path / "gold.yml", texts).problems]
    lines = bad.splitlines()

    def line(text: str) -> int:
        return next(n for n, x in enumerate(lines, 1) if text in x)

    path = evaluate.load_gold(tmp_path / "gold.yml").path
    assert f"{path}:{line('Погибли 15')}: cue 'Погибли 15 человек' does not occur in b.txt" in "\n".join(problems)
    assert f"{path}:{line('z.txt')}: 'z.txt' is not a document in sources/" in problems
    assert any(p.startswith(f"{path}:{line('Juan Lopez, Maria')}:") and "both maria-lopez and juan-lopez" in p
               for p in problems)
    assert any(p.startswith(f"{path}:{line('key: true')}:") and "only 1 document" in p for p in problems)
    (tmp_path / "broken.yml").write_text("claims:\n  - id: x\n    evidence: [\n", encoding="utf-8")
    with pytest.raises(DossierError, match=r"broken\.yml:\d+"):
        evaluate.load_gold(tmp_path / "broken.yml")


def test_the_command_refuses_a_bad_gold_and_prints_json(tmp_path, capsys, monkeypatch):
    write(tmp_path, perfect())
    monkeypatch.chdir(tmp_path)
    assert evaluate.main(["gold.yml", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["claims"]["pairs"]["f1"] == 1.0
    (tmp_path / "gold.yml").write_text(GOLD.replace("may rise again", "may fall again"), encoding="utf-8")
    assert evaluate.main(["gold.yml"]) == 2
    err = capsys.readouterr().err
    assert "gold.yml:" in err and "may fall again" in err and "--lenient" in err
    assert evaluate.main(["gold.yml", "--lenient", "-v"]) == 0
    out = capsys.readouterr().out
    assert "Per gold claim" in out and "toll" in out


def test_scores_the_committed_sample_records():
    """The sample's gold against the committed records: it runs, finds its documents and
    reports every number (thresholds come once claims are rebuilt)."""
    gold_path = REPO / "eval" / "sample" / "gold.yml"
    texts = evaluate.read_texts(REPO / "content" / "sources", evaluate.load_gold(gold_path).docs())
    gold = evaluate.load_gold(gold_path, texts)
    assert gold.problems == []
    assert len(texts) == 5 and sum(c.contested for c in gold.claims) == 4
    report = evaluate.score(gold, evaluate.load_predicted(REPO / "content" / "records", gold.docs()), texts)
    report["records"] = "content/records"
    assert report["claims"]["found"] > 0 and report["actors"]["covered"] > 0
    text = evaluate.render(report, verbose=True)
    for line in ("B3", "claim pairs", "key facts in one record", "contested found", "junk claims"):
        assert line in text


@pytest.mark.slow
def test_extract_scores_a_corpus_folder_without_touching_it(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    (corpus / "sources").mkdir(parents=True)
    for name, text in DOCS.items():
        (corpus / "sources" / name).write_text(text, encoding="utf-8")
    (corpus / "gold.yml").write_text(GOLD, encoding="utf-8")
    assert evaluate.main(["--extract", str(corpus), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["claims"]["items"] == 7
    assert sorted(p.name for p in corpus.iterdir()) == ["gold.yml", "sources"]


def test_quotes_in_two_claims_go_where_all_of_the_facts_items_can_be(tmp_path):
    """Two of the arrest's three quotes are also evidence of a claim on the day (sorting first):
    they go with the one claim that holds all three, not with each other's first choice."""
    recs = perfect()
    day = [evidence(d, q) for d, q, _v in SENTENCES["arrest"][1:]]
    recs["claims"]["aaa-day"] = {"id": "aaa-day", "statement": "x", "status": "corroborated",
                                 "evidence": day, "origins": origin_of(day)}
    c = scored(tmp_path, recs)["claims"]
    arrest = next(x for x in c["per_claim"] if x["id"] == "arrest")
    assert arrest["main"] == "arrest" and arrest["in_one_record"], arrest
