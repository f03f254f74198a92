"""Analysis: claim status, who-says-what, cited sources, role claims."""
from __future__ import annotations

from dossier.extract import analysis
from dossier.extract import evidence, grouping
from dossier.model import Actor, Claim, Document, Evidence, EvidenceCandidate, Mention, Role, Sentence, Source


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
    grouped = grouping.group(found, [], {"ana": actor})
    assert len(grouped) == 1
    claim = grouped[0]
    assert claim.statement == "Ana Silva was minister of defence."
    assert [e.value for e in claim.evidence] == ["current", "former"]
    assert analysis.assess(claim) == "contested"
