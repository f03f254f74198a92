"""The day an incident happened is one claim (issue 17: a date slot): each source's day is its
value, so reports that date it differently meet in one contested claim; a day told of another
event of the clause (the investigation), or in a toll's clause (as often the report's day), is
no date of the incident."""
from __future__ import annotations

from tests.claims_on_names import Names

claims = Names({"capital": ("Capitalia", "place")}, {"Capitalia": "capital"}).claims


def _dates(result):
    return [c for c in result if c.frame.predicate == "occurred"]


def test_the_day_of_the_incident_is_one_claim_sources_contest():
    result = claims(("a", "The explosion in Capitalia occurred on 12 October.", "en"),
                    ("b", "Взрыв в Capitalia произошел 12 октября.", "ru"),
                    ("c", "La explosión en Capitalia ocurrió el 13 de octubre.", "es"),
                    ("d", "Prosecutors opened an investigation into the explosion in Capitalia on 14 October.", "en"),
                    ("e", "The death toll of the explosion in Capitalia rose to 12, police said on 15 October.", "en"))
    dated = _dates(result)
    assert [(c.statement, c.frame.slot) for c in dated] == [("Date of the explosion in Capitalia", "date")]
    assert {e.source: e.value for e in dated[0].evidence} == {"a": "2025-10-12", "b": "2025-10-12", "c": "2025-10-13"}
    assert any(c.frame.predicate == "killed" and c.frame.slot == "count" for c in result)  # the toll stays a toll


def test_a_day_of_another_kind_of_incident_is_no_date_of_this_one():
    result = claims(("a", "The explosion in Capitalia happened on 12 October. On 5 October a ferry sank off Capitalia.", "en"),
                    ("b", "Взрыв в Capitalia произошел 12 октября.", "ru"))
    assert [[(e.source, e.value) for e in c.evidence] for c in _dates(result)] == [[("a", "2025-10-12"), ("b", "2025-10-12")]]


def test_a_relative_clause_dates_the_incident_named_right_before_it():
    result = claims(("a", "Затопило территорию после разрушения плотины в Capitalia, которое произошло утром 6 июня.", "ru"),
                    ("b", "The dam in Capitalia collapsed on 6 June.", "en"))
    assert [sorted((e.source, e.value) for e in c.evidence) for c in _dates(result)] == [
        [("a", "2025-06-06"), ("b", "2025-06-06")]]


def test_a_relative_clause_of_the_incident_inside_another_clause_dates_it():
    result = claims(("a", "The attack in Capitalia, which began on 12 October, forced the hospital to postpone 300 operations.", "en"),
                    ("b", "The attack in Capitalia began on 12 October.", "en"))
    assert [sorted((e.source, e.value) for e in c.evidence) for c in _dates(result)] == [
        [("a", "2025-10-12"), ("b", "2025-10-12")]]


def test_the_victim_of_an_attack_is_not_its_doer():
    named = Names({"capital": ("Capitalia", "place"), "mercy": ("Mercy Hospital", "organization")},
                  {"Capitalia": "capital", "Mercy Hospital": "mercy"}).claims
    result = named(("a", "Mercy Hospital in Capitalia was the victim of a cyberattack on 12 October.", "en"),
                   ("b", "L'hôpital Mercy Hospital de Capitalia a été victime d'une cyberattaque le 12 octobre.", "fr"))
    assert not [c.statement for c in result if c.frame.predicate == "attacked" and c.frame.subject == "mercy"]


def test_an_undated_document_s_day_and_month_take_the_year_its_story_s_documents_share():
    from collections import Counter
    from types import SimpleNamespace

    from dossier.extract.stories import Story, undated_day

    story = Story(number=0, years=Counter({"2024": 3}))
    clause = SimpleNamespace(quote="19 мая вертолет президента разбился в районе деревни.", language="ru", date=None)
    assert undated_day(clause, story) == "2024-05-19"
    assert undated_day(SimpleNamespace(quote="Вертолет с Раиси разбился вечером 19 мая.", language="ru", date=None),
                       story) == "2024-05-19"  # the month word before the full stop
    # a weekday or "yesterday" needs the document's own date; two years leave the day unread
    assert undated_day(SimpleNamespace(quote="В воскресенье вертолет разбился.", language="ru", date=None), story) is None
    assert undated_day(clause, Story(number=0, years=Counter({"2023": 1, "2024": 2}))) is None


def test_a_day_still_to_come_dates_no_incident():
    """"Elections on 28 June next, after the death ... in the crash": the day is the elections'."""
    result = claims(("a", "The plane crashed in Capitalia on 19 May.", "en"),
                    ("b", "أعلنت السلطات يوم 12 يونيو/حزيران المقبل موعداً لإجراء انتخابات بعد تحطم الطائرة في Capitalia.", "ar"),
                    ("c", "Самолет разбился в Capitalia 19 мая.", "ru"))
    assert [sorted((e.source, e.value) for e in c.evidence) for c in _dates(result)] == [
        [("a", "2025-05-19"), ("c", "2025-05-19")]]
