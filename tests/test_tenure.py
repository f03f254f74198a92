"""A title is a claim when it carries a time (issue 17): "deputy governor since 2019", "с 2019
года", "seit 2018", "from 1995 to 2019"; sources giving different years meet in one claim."""
from __future__ import annotations

from dossier.model import Role
from tests.claims_on_names import Names

NAMES = {"ana": ("Ana Silva", "person"), "bo": ("Bo Lee", "person"), "silva": ("Silva", "person"),
         "rui": ("Rui Silva", "person")}
SURFACES = {"Ana Silva": "ana", "Ана Силва": "ana", "آنا سيلفا": "ana", "Bo Lee": "bo", "Rui Silva": "rui", "Silva": "silva"}
claims = Names(NAMES, SURFACES).claims


def _tenures(result):
    return [c for c in result if c.frame.slot == "date"]


def test_a_title_with_a_time_is_a_tenure_sources_contest():
    result = claims(("a", "Ana Silva, who has been deputy governor since 2019, was detained on Tuesday.", "en"),
                    ("b", "Ана Силва занимала пост вице-губернатора с 2019 года.", "ru"),
                    ("c", "Ana Silva ist seit 2018 Vizegouverneurin der Region.", "de"),
                    ("d", "Ana Silva, vice-gouverneure depuis 2019, a été arrêtée mardi.", "fr"))
    held = _tenures(result)
    assert [(c.statement, c.frame.subject, c.frame.role) for c in held] == [
        ("Tenure of Ana Silva as deputy governor", "ana", "deputy governor")]
    assert {e.source: e.value for e in held[0].evidence} == {"a": "since 2019", "b": "since 2019", "c": "since 2018",
                                                             "d": "since 2019"}
    # the clause's other fact is still read
    assert any(c.frame.predicate == "arrested" and {e.source for e in c.evidence} >= {"a"} for c in result)


def test_the_years_an_office_spanned():
    result = claims(("a", "Bo Lee was head of the presidential administration from 1995 to 2019.", "en"),
                    ("b", "وبقي بو لي رئيس إدارة الرئاسة لسنوات طويلة، منذ عام 1995 إلى 2019.", "ar"))
    held = _tenures(result)
    assert [e.value for c in held for e in c.evidence] == ["1995–2019"]  # "بو لي" is no name the test marks


def test_a_title_with_no_time_is_no_tenure():
    result = claims(("a", "Deputy governor Ana Silva was detained on Tuesday.", "en"),
                    ("b", "Governor Bo Lee said in 2019 that roads would be repaired.", "en"))
    assert _tenures(result) == []


def test_a_surname_is_the_one_person_of_that_name_with_the_title():
    result = claims(("a", "Silva, deputy governor since 2019, denied the charges.", "en"),
                    ("b", "Rui Silva, a businessman, was questioned.", "en"),
                    roles={"ana": [Role(source="x", text="deputy governor")]})
    assert [c.frame.subject for c in _tenures(result)] == ["ana"]


def test_a_tenure_joins_the_claim_on_the_office_sources_contest():
    """One source calls her the current head, another the former; a third says she held the
    office until 2019: one claim, the third on the "former" side."""
    result = claims(("a", "Head of the presidential administration Ana Silva spoke.", "en"),
                    ("b", "Former head of the presidential administration Ana Silva spoke.", "en"),
                    ("c", "Ana Silva was head of the presidential administration from 1995 to 2019.", "en"),
                    roles={"ana": [Role(source="a", text="Head of the presidential administration"),
                                   Role(source="b", text="Former head of the presidential administration", former=True)]},
                    role_evidence=True)
    assert _tenures(result) == []
    office = [c for c in result if c.frame.slot == "role"]
    assert [{e.source: e.value for e in c.evidence} for c in office] == [{"a": "current", "b": "former", "c": "former"}]
