"""Independence: origins collapse relays, chains follow publishers; time order of statements."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from dossier.extract import analysis
from dossier import cli
from dossier import pipeline
from dossier.io import store as records
from dossier.model import Actor, Alias, Claim, Evidence, Source

RELAYS = Path(__file__).resolve().parent / "fixtures" / "relays"


def src(sid, publisher=None, published=None):
    return Source(id=sid, path=f"content/sources/{sid}.txt", sha256="0" * 64, language="en", title=None,
                  publisher=publisher, author=None, published=published,
                  published_precision="day" if published else None, url=None)


def ev(source, attributed_to=None, value=None, stance="affirms", start=0):
    return Evidence(source=source, quote="q", start=start, end=start + 1, language="en",
                    attributed_to=attributed_to, stance=stance, value=value)


ACTORS = {
    "ledger": Actor(id="ledger", name="Daily Ledger", kind="outlet",
                    aliases=[Alias("Дейли Леджер", "ru", "Cyrl")]),
    "wire": Actor(id="wire", name="Wire Agency", kind="outlet"),
    "kyiv": Actor(id="kyiv", name="Kyiv", kind="place"),
}


def test_three_relays_of_one_newspaper_are_one_origin():
    claim = Claim(id="c", statement="s", evidence=[ev("a", "ledger"), ev("b", "ledger"), ev("c", "ledger")])
    sources = {s: src(s) for s in "abc"}
    got = analysis.origins(claim, sources, ACTORS)
    assert [(o.id, o.kind, o.via) for o in got] == [("ledger", "actor", ["a", "b", "c"])]
    assert got[0].chain == [["a", "ledger"], ["b", "ledger"], ["c", "ledger"]]
    claim.origins = got
    assert analysis.assess(claim) == "single-source"  # three articles, one origin


def test_own_report_adds_a_second_origin():
    claim = Claim(id="c", statement="s", evidence=[ev("a", "ledger"), ev("b", "ledger"), ev("d")])
    got = analysis.origins(claim, {s: src(s) for s in "abd"}, ACTORS)
    assert [(o.id, o.kind, o.via) for o in got] == [("ledger", "actor", ["a", "b"]), ("d", "source", ["d"])]
    claim.origins = got
    assert analysis.assess(claim) == "corroborated"


def test_unattributed_restatement_in_a_relaying_source_is_the_same_relay():
    claim = Claim(id="c", statement="s", evidence=[ev("a", "ledger"), ev("a", None, start=9), ev("b", "ledger")])
    got = analysis.origins(claim, {s: src(s) for s in "ab"}, ACTORS)
    assert [(o.id, o.via) for o in got] == [("ledger", ["a", "b"])]


def test_chain_follows_a_cited_outlet_that_publishes_a_source_in_the_dossier():
    # "a" relays the Daily Ledger; the Ledger's own article "l" (publisher spelled in
    # Cyrillic) relays the Wire Agency: one origin, the agency, reached through both.
    claim = Claim(id="c", statement="s", evidence=[ev("a", "ledger"), ev("l", "wire"), ev("w", "wire")])
    sources = {"a": src("a"), "l": src("l", publisher="Дейли Леджер"), "w": src("w")}
    got = analysis.origins(claim, sources, ACTORS)
    assert [(o.id, o.kind, o.via) for o in got] == [("wire", "actor", ["a", "l", "w"])]
    assert got[0].chain == [["a", "ledger", "l", "wire"], ["l", "wire"], ["w", "wire"]]


def test_chain_ends_at_the_publishing_source_reporting_on_its_own():
    claim = Claim(id="c", statement="s", evidence=[ev("a", "ledger"), ev("l")])
    sources = {"a": src("a"), "l": src("l", publisher="Daily Ledger")}
    got = analysis.origins(claim, sources, ACTORS)
    assert [(o.id, o.kind, o.via, o.chain) for o in got] == [("l", "source", ["a", "l"], [["a", "ledger", "l"], ["l"]])]


def test_chain_through_an_outlet_publishing_many_more_sources_than_the_claim_has():
    # The Ledger publishes 300 sources of the dossier, two of which state the claim: the
    # chains are those of a dossier holding only those two (whichever list is walked).
    many = {f"l{k:03d}": src(f"l{k:03d}", publisher="Daily Ledger") for k in range(300)}
    claim = Claim(id="c", statement="s", evidence=[ev("a", "ledger"), ev("l150", "wire"), ev("l007")])
    few = {"a": src("a"), "l007": many["l007"], "l150": many["l150"]}
    got = analysis.origins(claim, {"a": src("a"), **many}, ACTORS)
    assert got == analysis.origins(claim, few, ACTORS)
    assert [(o.id, o.kind, o.via) for o in got] == [("wire", "actor", ["a", "l150"]), ("l007", "source", ["a", "l007"])]
    assert got[0].chain == [["a", "ledger", "l150", "wire"], ["l150", "wire"]]


def test_places_and_own_publisher_are_not_origins():
    claim = Claim(id="c", statement="s", evidence=[ev("a", "kyiv"), ev("l", "ledger")])
    sources = {"a": src("a"), "l": src("l", publisher="Daily Ledger")}
    got = analysis.origins(claim, sources, ACTORS)
    assert [(o.id, o.kind) for o in got] == [("a", "source"), ("l", "source")]


def test_cite_graph():
    claims = [Claim(id="c", statement="s", evidence=[ev("a", "ledger"), ev("a", "wire"), ev("b")])]
    assert analysis.cite_graph(claims) == {"a": ["ledger", "wire"]}


def test_timeline_orders_by_publication_date_undated_last():
    claim = Claim(id="c", statement="s", evidence=[ev("x", value="38"), ev("b", value="29"), ev("a", value="29"),
                                                   ev("c", value="38")])
    sources = {"a": src("a", published="2024-12-26"), "b": src("b", published="2024-12-26"),
               "c": src("c", published="2025-01-10"), "x": src("x")}
    assert analysis.timeline(claim, sources) == [("2024-12-26", "29", ["a", "b"]), ("2025-01-10", "38", ["c"]),
                                                 (None, "38", ["x"])]


def test_changed_over_time_only_when_dates_separate_the_values():
    sources = {"a": src("a", published="2024-12-26"), "c": src("c", published="2025-01-10"),
               "d": src("d", published="2024-12-20")}
    grew = Claim(id="c", statement="s", evidence=[ev("a", value="29"), ev("c", value="38")])
    assert analysis.changed_over_time(grew, sources)
    assert analysis.assess(grew) == "contested"  # still surfaced; the page shows it in time order
    overlapping = Claim(id="c", statement="s", evidence=[ev("a", value="29"), ev("c", value="38"),
                                                         ev("d", value="38")])
    assert not analysis.changed_over_time(overlapping, sources)
    denial = Claim(id="c", statement="s", evidence=[ev("a", value="29"), ev("c", value="38", stance="denies")])
    assert not analysis.changed_over_time(denial, sources)


def test_pipeline_collapses_relays_of_one_newspaper(tmp_path):
    """Three documents relaying one newspaper and one reporting on its own: two origins."""
    (tmp_path / "content" / "sources").mkdir(parents=True)
    for path in sorted(RELAYS.iterdir()):
        shutil.copyfile(path, tmp_path / "content" / "sources" / path.name)
    pipeline.extract(tmp_path)
    recs = records.load_records(tmp_path / "content")
    arrests = [c for c in recs.claims.values() if len({e.source for e in c.evidence}) == 4
               and all(e.attributed_to is None for e in c.evidence if e.source == "d-own")
               and any(e.attributed_to for e in c.evidence)]
    assert len(arrests) == 1, sorted(recs.claims)
    claim = arrests[0]
    ledger = recs.actors[claim.origins[0].id]
    assert ledger.name == "Daily Ledger"
    assert [(o.kind, o.via) for o in claim.origins] == [("actor", ["a-relay", "b-relay", "c-relay"]),
                                                        ("source", ["d-own"])]
    assert claim.status == "corroborated"
    for sid in ("a-relay", "b-relay", "c-relay"):
        assert recs.sources[sid].cites == [ledger.id]
    # `dossier report --json` shows the origins per claim
    result = CliRunner().invoke(cli.main, ["report", "--root", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    row = next(c for c in data["per_claim"] if c["id"] == claim.id)
    assert row["sources"] == 4 and [o["id"] for o in row["origins"]] == [ledger.id, "d-own"]
    assert row["origins"][0]["via"] == ["a-relay", "b-relay", "c-relay"]
    text = CliRunner().invoke(cli.main, ["report", "--root", str(tmp_path)]).output
    assert f"[{ledger.id}, d-own]" in text


def test_publishers_match_names_prefixes_and_scripts():
    actors = {"novaya": Actor(id="novaya", name="Novaya", kind="outlet",
                              aliases=[Alias("نوفايا غازيتا", "ar", "Arab")]),
              "daily-ledger": ACTORS["ledger"], "kyiv": ACTORS["kyiv"]}
    sources = {"n1": src("n1", publisher="Novaya Gazeta"), "n2": src("n2", publisher="نوفايا غازيتا"),
               "l1": src("l1", publisher="Daily Ledger"), "x": src("x", publisher="Daily Sabah"),
               "k": src("k", publisher="Kyiv"), "none": src("none")}
    assert analysis.publishers(sources, actors) == {"daily-ledger": ["l1"], "novaya": ["n1", "n2"]}
