"""Analysis: claim status, who-says-what, cited sources, role claims."""
from __future__ import annotations

from dossier.extract import analysis
from dossier.extract import evidence, facts
from dossier.model import Actor, Claim, Document, Evidence, EvidenceCandidate, Mention, Role, Sentence, Source
from dossier.model.records import Frame


def ev(source, value=None, stance="affirms", start=0):
    return Evidence(source=source, quote="q", start=start, end=start + 1, language="en", attributed_to=None,
                    stance=stance, value=value)


def test_single_source():
    assert analysis.assess(Claim(id="c", statement="s", evidence=[ev("a"), ev("a", start=5)])) == "single-source"


def test_corroborated_by_two_sources():
    assert analysis.assess(Claim(id="c", statement="s", evidence=[ev("a", "38"), ev("b", "38")])) == "corroborated"


def test_contested_by_values():
    claim = Claim(id="c", statement="s", evidence=[ev("a", "29"), ev("b", "38"), ev("c", "38")])
    assert analysis.assess(claim) == "contested"
    assert analysis.disagreements(claim) == {"29": ["a"], "38": ["b", "c"]}


def test_contested_by_stance():
    claim = Claim(id="c", statement="s", evidence=[ev("a"), ev("b", stance="denies")])
    assert analysis.assess(claim) == "contested"


def test_missing_values_do_not_contest():
    assert analysis.assess(Claim(id="c", statement="s", evidence=[ev("a", "phone call"), ev("b")])) == "corroborated"


def test_cites_sorted_unique():
    sent = Sentence(0, 1, "x", "en", "Latn")
    cands = [EvidenceCandidate(source="d", sentence=sent, start=0, end=1, quote="x", language="en", attributed_to=a)
             for a in ("reuters", None, "apa", "reuters")]
    assert analysis.cites(cands) == ["apa", "reuters"]


def _doc(sid, text, lang):
    src = Source(id=sid, path=f"content/sources/{sid}.txt", sha256="0" * 64, language=lang, title=None,
                 publisher=None, author=None, published=None, published_precision=None, url=None)
    return Document(src, text, [Sentence(0, len(text), text, lang, "Latn")])


def test_role_claims_current_vs_former(monkeypatch):
    monkeypatch.setattr(evidence, "_role_key", lambda title, lang: "minister of defence")
    a = _doc("a", "Defence Minister Ana Silva spoke.", "en")
    b = _doc("b", "Former defence minister Ana Silva spoke.", "en")
    actor = Actor(id="ana", name="Ana Silva", kind="person",
                  mentions=[Mention("a", 17, 26, "Ana Silva"), Mention("b", 24, 33, "Ana Silva")],
                  roles=[Role("a", "Defence Minister"), Role("b", "Former defence minister", former=True)])
    found = evidence.role_claims({"ana": actor}, {"a": a, "b": b})
    assert [(c.source, c.quote, c.values) for c in found] == [
        ("a", "Defence Minister Ana Silva", {"role": "current"}),
        ("b", "Former defence minister Ana Silva", {"role": "former"}),
    ]
    for c, doc in zip(found, (a, b)):
        assert doc.text[c.start:c.end] == c.quote
    grouped = facts.group(found, [], {"ana": actor}, [a, b])
    assert len(grouped) == 1
    claim = grouped[0]
    assert claim.statement == "Whether Ana Silva holds the office of minister of defence"
    assert (claim.frame.slot, claim.frame.subject) == ("role", "ana")
    assert [e.value for e in claim.evidence] == ["current", "former"]
    assert analysis.assess(claim) == "contested"


def test_an_uncontested_title_is_no_claim(monkeypatch):
    monkeypatch.setattr(evidence, "_role_key", lambda title, lang: "minister of defence")
    a = _doc("a", "Defence Minister Ana Silva spoke.", "en")
    actor = Actor(id="ana", name="Ana Silva", kind="person", mentions=[Mention("a", 17, 26, "Ana Silva")],
                  roles=[Role("a", "Defence Minister")])
    assert facts.group(evidence.role_claims({"ana": actor}, {"a": a}), [], {"ana": actor}, [a]) == []


def _dated(sid, day):
    return Source(id=sid, path=f"content/sources/{sid}.txt", sha256="0" * 64, language="en", title=None,
                  publisher=None, author=None, published=day, published_precision="day", url=None)


def _toll(*values):
    return Claim(id="c", statement="Death toll of the explosion", frame=Frame(predicate="killed", slot="count"),
                 evidence=[ev(s, v) for s, v in values])


def test_a_toll_that_only_rises_with_the_dates_is_updated_not_contested():
    sources = {"a": _dated("a", "2024-01-01"), "b": _dated("b", "2024-01-02"), "c": _dated("c", "2024-01-05")}
    assert analysis.assess(_toll(("a", "12"), ("b", "14"), ("c", "20")), sources) == "updated"
    assert analysis.assess(_toll(("a", "12"), ("b", "14"), ("c", "13")), sources) == "contested"
    sources["c"] = _dated("c", "2024-01-02")  # two figures on one day disagree
    assert analysis.assess(_toll(("a", "12"), ("b", "14"), ("c", "20")), sources) == "contested"
    assert analysis.assess(_toll(("a", "12"), ("b", "14"))) == "contested"  # no dates known: contested


def test_a_report_quoting_an_earlier_lower_toll_does_not_contest_itself():
    claim = _toll(("a", "70"), ("a", "100"), ("b", "100"))
    assert analysis.assess(claim) == "corroborated"
    assert analysis.disagreements(claim) == {}


def test_an_undated_report_of_a_figure_a_dated_one_gives_does_not_stop_an_update():
    sources = {"a": _dated("a", "2024-01-01"), "b": _dated("b", "2024-01-02"), "c": _dated("c", None)}
    assert analysis.assess(_toll(("a", "12"), ("b", "14"), ("c", "12")), sources) == "updated"
    assert analysis.assess(_toll(("a", "12"), ("b", "14"), ("c", "13")), sources) == "contested"


def test_a_plan_never_contests_the_act_but_a_denial_does():
    assert analysis.assess(Claim(id="c", statement="s", evidence=[ev("a", "planned"), ev("b", "yes")])) == "corroborated"
    assert analysis.assess(Claim(id="c", statement="s", evidence=[ev("a", "planned"), ev("b", "phone call")])) \
        == "corroborated"
    assert analysis.assess(Claim(id="c", statement="s",
                                 evidence=[ev("a", "planned"), ev("b", "no", stance="denies")])) == "contested"
