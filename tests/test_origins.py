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


# --- copies count once --------------------------------------------------------------------

COPIES = Path(__file__).resolve().parent / "fixtures" / "copies"


def _mirror(text: str, banner: str, trim: bool) -> str:
    """A mirror site's copy: its own banner and footer, the body as is (or its last sentence cut)."""
    body = text.rstrip()
    if trim:
        body = body[: body.rstrip(".").rfind(".") + 1]
    return f"{banner}\n\n{body}\n\nAll rights reserved. Share this article.\n"


def _origins_by_evidence(root: Path, skip: set[str]) -> dict[frozenset, int]:
    recs = records.load_records(root / "content")
    out = {}
    for c in recs.claims.values():
        key = frozenset((e.source, e.start) for e in c.evidence if e.source not in skip)
        if key:
            out[key] = len(c.origins)
    return out, recs


def test_a_mirror_or_wire_copy_adds_no_origin_in_three_languages(tmp_path):
    before, after = tmp_path / "before", tmp_path / "after"
    for root in (before, after):
        (root / "content" / "sources").mkdir(parents=True)
        for path in sorted(COPIES.iterdir()):
            shutil.copyfile(path, root / "content" / "sources" / path.name)
    mirrors = {"en-wire": ("zz-en-mirror.txt", "Daily Mirror Online", False),
               "ru-wire": ("zz-ru-copy.txt", "Зеркало новостей", True),
               "ar-wire": ("zz-ar-mirror.txt", "موقع المرآة", False)}
    for original, (name, banner, trim) in mirrors.items():
        text = (COPIES / f"{original}.txt").read_text(encoding="utf-8")
        (after / "content" / "sources" / name).write_text(_mirror(text, banner, trim), encoding="utf-8")
    pipeline.extract(before)
    pipeline.extract(after)
    copies = {Path(n).stem.replace("_", "-"): o for o, (n, _b, _t) in mirrors.items()}
    base, _ = _origins_by_evidence(before, set())
    grown, recs = _origins_by_evidence(after, set(copies))
    for copy, original in copies.items():
        assert recs.sources[copy].derived_from == original
    assert not any(recs.sources[s].derived_from for s in recs.sources if s not in copies)
    with_copy = [c for c in recs.claims.values() if any(e.source in copies for e in c.evidence)]
    assert {e.language for c in with_copy for e in c.evidence if e.source in copies} == {"en", "ru", "ar"}
    for claim in with_copy:
        assert not any(o.kind == "source" and o.id in copies for o in claim.origins), claim.id
        key = frozenset((e.source, e.start) for e in claim.evidence if e.source not in copies)
        if key in base:
            assert len(claim.origins) == base[key], claim.id
    assert sum(1 for k in grown if k in base and grown[k] == base[k]) >= len(with_copy) // 2
    assert all(base[k] == n for k, n in grown.items() if k in base)


def test_a_sidecar_marks_a_translation_by_file_name():
    claim = Claim(id="c", statement="s", evidence=[ev("a"), ev("t"), ev("b")])
    sources = {"a": src("a"), "b": src("b"), "t": src("t")}
    sources["t"].translation_of = "a"
    got = analysis.origins(claim, sources, ACTORS)
    assert [(o.id, o.kind, o.via) for o in got] == [("a", "source", ["a", "t"]), ("b", "source", ["b"])]
    assert got[0].chain == [["a"], ["t", "a"]]
    # a copy of a copy is one origin with its original, even when the original does not state it
    sources["b"].derived_from = "t"
    only_copies = Claim(id="c", statement="s", evidence=[ev("t"), ev("b")])
    assert [(o.id, o.via) for o in analysis.origins(only_copies, sources, ACTORS)] == [("a", ["b", "t"])]


def test_find_copies_is_deterministic_and_finds_only_planted_copies():
    import random
    from dossier.extract import copies

    rng = random.Random(7)
    vocab = [f"w{k}" for k in range(3000)]
    texts = {f"d{k:04d}": " ".join(rng.choice(vocab) for _ in range(120)) + "." for k in range(400)}
    texts["d9001"] = "Mirror banner. " + texts["d0010"]  # a mirror
    texts["d9002"] = " ".join(texts["d0020"].split()[:70])  # a trimmed wire copy
    texts["d9003"] = texts["d0030"][: len(texts["d0030"]) // 5] + " " + texts["d0031"]  # quotes a little of one
    sources = [src(sid, published="2024-01-02" if sid == "d9002" else None) for sid in texts]
    sources[list(texts).index("d0020")].published = "2024-01-05"  # the copy is dated earlier: it counts as first
    found = copies.find_copies(sources, texts)
    assert found == {"d9001": "d0010", "d0020": "d9002", "d9003": "d0031"}
    assert copies.find_copies(list(reversed(sources)), texts) == found
    marked = copies.mark(sources, texts)
    assert marked["d9001"].derived_from == "d0010" and marked["d0010"].derived_from is None


def test_sidecar_derived_from_and_translation_of_name_a_document(tmp_path):
    from dossier.extract import ingest
    folder = tmp_path / "content" / "sources"
    folder.mkdir(parents=True)
    (folder / "07 mirror.txt").write_text("A copied article about the harbour fire and its nine victims.\n")
    (folder / "07 mirror.txt.meta.yml").write_text("derived_from: 01_Wire Story.txt\ntranslation_of: 02-en\n")
    source = ingest.load_document(folder / "07 mirror.txt", tmp_path).source
    assert (source.derived_from, source.translation_of) == ("01-wire-story", "02-en")
    assert source.derived_from == ingest.source_id(Path("01_Wire Story.txt"))


def test_a_translation_that_says_so_names_its_original():
    from dossier.extract import copies
    original = src("tr-post", publisher="Çanakkale Postası", published="2026-07-18")
    other = src("tr-post-2", publisher="Çanakkale Postası", published="2026-07-20")
    translation = src("de-bote")
    texts = {"tr-post": "Feribot battı.", "tr-post-2": "Liman kapandı.",
             "de-bote": "Fähre gesunken\n\nÜbersetzung aus dem Türkischen. Original: Çanakkale Postası, 18. Juli 2026\n\n"
                        "Die Fähre ist gesunken."}
    assert copies.find_translations([original, other, translation], texts) == {"de-bote": "tr-post"}
    marked = copies.mark([original, other, translation], texts)
    assert marked["de-bote"].translation_of == "tr-post" and marked["de-bote"].derived_from is None
    texts["de-bote"] = "Die Fähre ist gesunken. Das Original war kurz."  # no statement: nothing is guessed
    assert copies.find_translations([original, other, translation], texts) == {}


def test_copies_kept_across_runs_give_the_same_answer(monkeypatch):
    import random
    from dossier.extract import copies

    class Kept:
        def __init__(self):
            self.data, self.reads = {}, 0

        def key(self, *parts):
            return repr(parts)

        def get(self, key):
            self.reads += key in self.data
            return self.data.get(key)

        def put(self, key, value):
            self.data[key] = value

    rng = random.Random(3)
    texts = {f"d{k}": " ".join(f"w{rng.randrange(900)}" for _ in range(80)) for k in range(30)}
    texts["m"] = "Banner. " + texts["d3"]
    sources = [src(s) for s in texts]
    kept = Kept()
    first = copies.find_copies(sources, texts, kept)
    assert first == copies.find_copies(sources, texts) == {"m": "d3"}
    compared: list[int] = []
    real = copies._same_text
    monkeypatch.setattr(copies, "_same_text", lambda a, b: compared.append(1) or real(a, b))
    # again: every signature, and with it every pair's verdict, is kept (one read a document)
    assert copies.find_copies(sources, texts, kept) == first and kept.reads == len(texts) and not compared
    texts["n"] = "Another banner. " + texts["d7"]  # one added: only its own pairs are compared
    sources.append(src("n"))
    assert copies.find_copies(sources, texts, kept) == {"m": "d3", "n": "d7"}
    with_memo = len(compared)
    compared.clear()
    assert copies.find_copies(sources, texts) == {"m": "d3", "n": "d7"}
    assert 1 <= with_memo < len(compared), (with_memo, len(compared))
    # one whose id sorts first: the documents after it that have it as a candidate compare
    # only with it (their other verdicts are kept)
    texts["a"] = "A third banner. " + texts["d5"]
    sources.append(src("a"))
    compared.clear()
    assert copies.find_copies(sources, texts, kept) == {"d5": "a", "m": "d3", "n": "d7"}
    with_memo = len(compared)
    compared.clear()
    assert copies.find_copies(sources, texts) == {"d5": "a", "m": "d3", "n": "d7"}
    assert 1 <= with_memo < len(compared), (with_memo, len(compared))


def test_outlets_that_cite_each_other_keep_one_shortest_chain_per_relay():
    """Sixteen outlets, each citing all the others for one figure, and one that reports it on
    its own authority: the paths through them number in the trillions; each relaying source
    keeps its shortest chains only."""
    words = ("Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel India Juliett Kilo Lima Mike November "
             "Oscar Papa").split()
    names = [f"outlet{k:02d}" for k in range(16)]
    actors = {n: Actor(id=n, name=f"{words[k]} Post", kind="outlet") for k, n in enumerate(names)}
    sources = {f"s{k:02d}": src(f"s{k:02d}", publisher=f"{words[k]} Post") for k in range(16)}
    sources["own"] = src("own", publisher="Alpha Post")
    evidence = [ev(f"s{k:02d}", other, start=j) for k in range(16) for j, other in enumerate(names) if j != k]
    claim = Claim(id="c", statement="s", evidence=evidence + [ev("own")])
    got = analysis.origins(claim, sources, actors)
    own = next(o for o in got if o.id == "own")
    assert own.kind == "source" and own.via == sorted(sources)  # every relay reaches the own report
    assert ["s05", "outlet00", "own"] in own.chain
    chains = [c for o in got for c in o.chain]
    # one shortest chain per relaying source and first actor it cites, at most
    assert len(chains) <= len(sources) * len(names) and max(len(c) for c in chains) <= 5
    assert all(len(set(c[0::2])) == len(c[0::2]) for c in chains)  # no source twice in a chain
