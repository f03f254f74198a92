"""Claims that read right on real articles (issue 17): the right predicate, subject and object
in every language. Each test is a general rule, on invented names and sentences."""
from __future__ import annotations

import re

import pytest

from dossier.extract import patterns
from dossier.extract.cues import extract_counts
from tests.claims_on_names import Names

#: actor id -> (name, kind)
NAMES = {
    "ana": ("Ana Silva", "person"), "bo": ("Bo Lee", "person"), "ruritania": ("Ruritania", "state"),
    "sweden": ("Sweden", "state"), "capital": ("Capitalia", "place"), "zorblat": ("Zorblat", "other"),
    "clinic": ("Saint-Anne Clinic", "organization"), "legion": ("Iron Legion", "organization"),
    "lines": ("Zorblat Lines", "other"), "service": ("Security Service", "organization"),
    "stockholm": ("Stockholm", "place"),
}
#: surface -> actor id, in every script the documents write
SURFACES = {
    "Ana Silva": "ana", "آنا سيلفا": "ana", "Ана Силва": "ana", "Ане Силва": "ana", "Ану Силву": "ana",
    "Ana Silva'nın": "ana", "Bo Lee": "bo", "بو لي": "bo", "Бо Ли": "bo", "Ruritania": "ruritania",
    "Руритания": "ruritania", "Руританию": "ruritania", "Руритании": "ruritania", "روريتانيا": "ruritania",
    "Sweden": "sweden", "Швеции": "sweden", "Capitalia": "capital", "Капиталии": "capital", "كابيتاليا": "capital",
    "Zorblat": "zorblat", "Zorblat Lines": "lines", "Saint-Anne Clinic": "clinic", "Iron Legion": "legion", "Железный легион": "legion",
    "СБ": "service", "Stockholm": "stockholm", "Стокгольм": "stockholm",
}


_NAMES = Names(NAMES, SURFACES)
_doc, claims = _NAMES.doc, _NAMES.claims


def framed(*specs):
    """(predicate, subject, object) of every claim a predicate frames (quoted facts left out)."""
    return {(c.frame.predicate, c.frame.subject, c.frame.object) for c in claims(*specs)
            if c.frame is not None and c.statement_from != "quote" and c.frame.predicate != "stated"}


def predicates_of(*specs):
    return {p for p, _s, _o in framed(*specs)}


def values_of(claim):
    return sorted(e.value for e in claim.evidence)


# --- a polysemous verb reads its object: charges are dropped, aircraft are shot down ----------

@pytest.mark.parametrize("lang,text", [
    ("en", "Prosecutors said the charges against Ana Silva had been dropped."),
    ("en", "The criminal case against Ana Silva that was opened last year was dropped on Monday."),
    ("ru", "Уголовное дело в отношении Ану Силву будет прекращено."),
    ("ru", "Бо Ли заявил, что уголовное дело против Ане Силва прекратят."),
    ("ar", "أسقط الرئيس بو لي جميع التهم ضد آنا سيلفا بعد الاتفاق."),
    ("ar", "قال بو لي إن الدعوى الجنائية ضد آنا سيلفا سيتم إسقاطها."),
    ("tr", "Ana Silva'nın hakkındaki dava düşürüldü."),
    ("de", "Das Verfahren gegen Ana Silva wurde eingestellt."),
    ("fr", "Les poursuites contre Ana Silva ont été abandonnées."),
    ("es", "La causa contra Ana Silva fue archivada."),
    ("uk", "СБ Руритании припинила кримінальну справу проти Ане Силва."),
    ("en", "The court dismissed the charges against Ana Silva on Monday."),
    ("en", "The criminal case against Ana Silva was dismissed."),
    ("de", "Das Strafverfahren gegen Ana Silva ist, wie angekündigt, beendet worden."),
    # the case far from its verb, a body and its state ("СБ Руритании") between them
    ("ru", "Расследование по делу о поджоге, возбуждённому СБ Руритании в марте, в пятницу прекращено."),
])
def test_dropped_charges_are_a_dropped_case_not_a_downing(lang, text):
    found = framed(("d1", text, lang))
    assert "shot down" not in {p for p, _s, _o in found}
    assert any(p == "case dropped" and s in ("ana", None) for p, s, _o in found), found


@pytest.mark.parametrize("lang,text", [
    ("en", "Ruritania and Sweden quickly blamed each other for the blast."),
    ("ru", "Руритания и Швеции обвинили друг друга во взрыве."),
])
def test_blame_told_as_mutual_is_each_of_the_other(lang, text):
    found = framed(("d1", text, lang))
    assert {("accused", "ruritania", "sweden"), ("accused", "sweden", "ruritania")} <= found, found


@pytest.mark.parametrize("lang,text", [
    ("en", "Ruritania's officials accused Stockholm of espionage."),
    ("ru", "Руритания обвинила Стокгольм в диверсии."),
])
def test_a_capital_accused_stands_for_its_state(lang, text):
    found = framed(("d1", text, lang))
    assert ("accused", "ruritania", "sweden") in found, found


def test_one_sided_blame_stays_one_sided():
    found = framed(("d1", "Ruritania blamed Sweden for the blast.", "en"))
    assert ("accused", "ruritania", "sweden") in found and ("accused", "sweden", "ruritania") not in found, found


def test_where_an_attack_happened_is_no_party_to_it():
    found = framed(("d1", "Ruritania attacked the depot in Capitalia, officials said.", "en"))
    assert not any(p == "attacked" and o == "capital" for p, _s, o in found), found


def test_a_state_in_a_compound_adjective_does_nothing():
    found = framed(("d1", "A night attack damaged a Ruritania-owned depot near Capitalia.", "en"))
    assert not any(p == "attacked" and s == "ruritania" for p, s, _o in found), found


def test_a_dismissed_case_is_no_dismissal_from_office():
    assert ("dismissed", "ana", None) not in framed(("d1", "The criminal case against Ana Silva was dismissed.", "en"))
    assert ("dismissed", "bo", None) in framed(("d1", "President Ana Silva dismissed the defence minister Bo Lee.", "en"))


def test_the_case_is_against_whom_the_words_name_not_who_drops_it():
    # verb first: the one named between "dropped" and "the charges" drops them
    found = framed(("d1", "أسقط الرئيس بو لي جميع التهم ضد آنا سيلفا.", "ar"))
    assert ("case dropped", "ana", None) in found
    found = framed(("d1", "أسقط الرئيس بو لي جميع التهم الموجهة إليه.", "ar"))
    assert not any(s == "bo" for _p, s, _o in found)


@pytest.mark.parametrize("lang,text", [
    ("en", "Ruritania shot down a drone over Capitalia."),
    ("ar", "أسقطت روريتانيا طائرة مسيرة فوق كابيتاليا."),
    ("ru", "Руритания сбила беспилотник над Капиталии."),
    ("en", "Militia fire brought down a cargo plane over Capitalia."),
])
def test_a_downed_aircraft_is_still_shot_down(lang, text):
    assert "shot down" in {c.frame.predicate for c in claims(("d1", text, lang)) if c.frame}


@pytest.mark.parametrize("lang,text", [
    ("en", "Bo Lee will serve as acting president until the vote."),
    ("ru", "Обязанности премьер-министра исполняет его заместитель Бо Ли."),
    ("ar", "يتولى وزير المالية بو لي إدارة الحكومة مؤقتا."),
    ("es", "El ministro Bo Lee asumió el poder de forma interina."),
])
def test_taking_over_as_acting_head_is_an_appointment(lang, text):
    assert ("appointed", "bo", None) in framed(("d1", text, lang))


def test_a_government_brought_down_is_no_downed_aircraft():
    assert "shot down" not in {c.frame.predicate for c in claims(
        ("d1", "The protests in Capitalia brought down the government of Ruritania.", "en")) if c.frame}


def test_a_dropped_case_is_no_downing_of_an_aircraft_as_the_story():
    found = claims(("d1", "قال بو لي إن الدعوى الجنائية ضد آنا سيلفا سيتم إسقاطها.", "ar"),
                   ("d2", "Prosecutors said the charges against Ana Silva had been dropped.", "en"))
    assert all("aircraft" not in c.statement for c in found), [c.statement for c in found]


# --- threats and demands are no facts of what they name ---------------------------------------

@pytest.mark.parametrize("lang,text", [
    ("en", "Bo Lee threatened the rebels with up to 30 years in prison."),
    ("de", "Bo Lee droht den Aufständischen mit bis zu 30 Jahren Haft."),
    ("ru", "Бо Ли пригрозил мятежникам приговором к 20 годам заключения."),
    ("fr", "Bo Lee a menacé les rebelles d'une condamnation à 30 ans de prison."),
])
def test_a_threatened_sentence_is_no_sentence(lang, text):
    assert "sentenced" not in predicates_of(("d1", text, lang))


def test_a_sentence_handed_down_is_still_one():
    assert ("sentenced", "ana", None) in framed(("d1", "Ana Silva was sentenced to 30 years in prison.", "en"))


@pytest.mark.parametrize("lang,text", [
    ("en", "Ana Silva demanded the resignation of the defence minister."),
    ("de", "Ana Silva soll den Rücktritt der Armeeführung, darunter des Ministers, gefordert haben."),
    ("ru", "Ана Силва настойчиво требовал отставки министра обороны."),
])
def test_a_demanded_resignation_is_no_resignation(lang, text):
    found = predicates_of(("d1", text, lang))
    assert not found & {"resigned", "dismissed"}, found


def test_a_resignation_is_still_one():
    assert ("resigned", "ana", None) in framed(("d1", "Ana Silva resigned on Monday.", "en"))


# --- a reporting verb informs no one; a destination is appointed to no one ---------------------

def test_reported_is_no_warning():
    found = predicates_of(("d1", "Как сообщил Бо Ли, все пассажиры вертолета Ану Силву погибли.", "ru"))
    assert "warned" not in found


@pytest.mark.parametrize("lang,text", [
    ("ru", "Два вертолета прибыли к месту назначения, третий с Ану Силву разбился."),
    ("ar", "تسلم بو لي المهام على أن يتم تنظيم انتخابات في غضون 50 يوما."),
])
def test_a_destination_or_an_election_to_come_is_no_appointment(lang, text):
    found = framed(("d1", text, lang))
    assert not any(p == "appointed" and s == "ana" for p, s, _o in found), found
    if lang == "ar":
        assert ("appointed", "bo", None) not in found or "انتخابات" not in text.split("على")[0]


def test_taking_over_duties_is_an_appointment():
    found = framed(("d1", "بينما تسلم نائب الرئيس آنا سيلفا مهام الرئاسة.", "ar"))
    assert ("appointed", "ana", None) in found


# --- talks take people; a state only as a party the clause names ------------------------------

def test_a_search_is_no_talks():
    found = framed(("d1", "شاركت طائرة من روريتانيا في البحث ، نيابة عن الرئيس بو لي.", "ar"))
    assert not {p for p, _s, _o in found} & {"met", "discussed"}, found


def test_a_state_holds_no_talks_with_a_person():
    found = framed(("d1", "There is growing discussion in Ruritania about the succession of Ana Silva.", "en"))
    assert not any(p == "met" and "ruritania" in (s, o) for p, s, o in found), found


# --- where is not who ------------------------------------------------------------------------

@pytest.mark.parametrize("lang,text", [
    ("en", "Ana Silva will move to Ruritania under a deal to end the mutiny."),
    ("de", "In dem Abkommen soll es heißen, dass Ana Silva nach Ruritania aufbricht."),
    ("ru", "По соглашению Ана Силва уедет в Руританию."),
])
def test_a_destination_is_no_party_to_an_agreement(lang, text):
    found = framed(("d1", text, lang))
    assert not any(p == "signed" and "ruritania" in (s, o) for p, s, o in found), found


def test_an_agreement_with_a_state_still_is_one():
    assert ("signed", "ana", "sweden") in framed(("d1", "Ana Silva signed an agreement with Sweden.", "en"))


@pytest.mark.parametrize("lang,text", [
    ("en", "The Iron Legion captured Capitalia in southern Ruritania."),
    ("ar", "بعد أن سيطرت على كابيتاليا في جنوب روريتانيا."),
    ("de", "Die Truppen überquerten die Grenze zurück nach Ruritania, wo sie die Stadt Capitalia einnahmen."),
])
def test_the_country_a_city_lies_in_did_not_take_it(lang, text):
    found = framed(("d1", text, lang))
    assert any(p == "seized control" and o == "capital" for p, _s, o in found), found
    assert not any(p == "seized control" and s == "ruritania" for p, s, _o in found), found


def test_a_possessor_is_not_the_other_party():
    found = framed(("d1", "Ana Silva openly criticized Ruritania's invasion of Sweden.", "en"))
    assert not any(p == "criticized" for p, _s, _o in found), found


def test_the_other_party_is_named_after_the_doer():
    found = framed(("d1", "During the war in Sweden, Ana Silva said her camps had been attacked by Ruritania.", "en"))
    assert not any(p == "attacked" and "sweden" in (s, o) for p, s, o in found), found


def test_a_passive_subject_did_not_do_it():
    found = framed(("d1", "Ruritania was informed about this information received from Sweden.", "en"))
    assert not any(s == "ruritania" for _p, s, _o in found), found


def test_a_turkish_postposition_makes_a_place_no_doer():
    found = framed(("d1", "Meteoroloji, bir gün önce Capitalia için fırtına uyarısı yapmıştı.", "tr"))
    assert not any(s == "capital" for _p, s, _o in found), found


# --- who claimed it: the group, not its target ------------------------------------------------

def test_who_claimed_is_the_group_not_its_target():
    found = claims(
        ("d1", "The ransomware group Zorblat has claimed responsibility for the cyberattack on the Saint-Anne Clinic.", "en"),
        ("d2", "Zu dem Cyberangriff auf die Saint-Anne Clinic in Capitalia hat sich die Hackergruppe Zorblat bekannt.", "de"),
        ("d3", "Zorblat a revendiqué la cyberattaque contre la Saint-Anne Clinic de Capitalia.", "fr"),
    )
    who = [c for c in found if c.frame and c.frame.slot == "who"]
    assert len(who) == 1 and values_of(who[0]) == ["zorblat"] * 3


# --- new predicates --------------------------------------------------------------------------

def test_a_ransom_is_one_figure_in_every_language():
    found = claims(
        ("d1", "After the cyberattack, Zorblat is demanding a ransom of $3 million from the clinic.", "en"),
        ("d2", "Nach dem Cyberangriff verlangen die Hacker ein Lösegeld in Höhe von drei Millionen Dollar.", "de"),
        ("d3", "Après la cyberattaque, les pirates réclament une rançon de 2 millions d'euros.", "fr"),
        ("d4", "Tras el ciberataque, los piratas exigen un rescate de 2 millones de euros.", "es"),
        ("d5", "Siber saldırının ardından grup, hastaneden 3 milyon dolar fidye talep etti.", "tr"),
    )
    ransom = [c for c in found if c.frame and c.frame.predicate == "ransom"]
    assert len(ransom) == 1 and "{" not in ransom[0].statement
    assert values_of(ransom[0]) == ["2000000", "2000000", "3000000", "3000000", "3000000"]


def test_a_rescue_team_is_no_ransom():
    assert "ransom" not in extract_counts("Llegaron 73 equipos de rescate.", "es")


@pytest.mark.parametrize("lang,text,value", [
    ("de", "Sie fordern drei Millionen Dollar Lösegeld.", "3000000"),
    ("en", "They demanded a ransom of three million dollars.", "3000000"),
])
def test_a_number_word_takes_its_scale(lang, text, value):
    assert extract_counts(text, lang)["ransom"] == value


@pytest.mark.parametrize("lang,text", [
    ("en", "Officials said the fighters of the Iron Legion will not be prosecuted."),
    ("ru", "Бо Ли пообещал, что власти не будут преследовать бойцов, участвовавших в мятеже."),
    ("ar", "وأضافت أن مقاتلي المجموعة سيكونون في مأمن من الملاحقة القضائية."),
    ("de", "Die Kämpfer sollen nicht strafrechtlich verfolgt werden."),
])
def test_immunity_from_prosecution_is_a_promise_made(lang, text):
    found = [c for c in claims(("d1", text, lang)) if c.frame and c.frame.predicate == "amnestied"]
    assert found and all(e.stance == "affirms" for c in found for e in c.evidence)


@pytest.mark.parametrize("lang,text", [
    ("en", "The fighters were promised security guarantees."),
    ("ar", "يشمل الاتفاق منح ضمانات أمنية للمقاتلين."),
    ("ru", "Бойцам предоставят гарантии безопасности."),
    ("tr", "Savaşçılara güvenlik garantisi verildi."),
])
def test_security_guarantees(lang, text):
    assert "security guarantees" in {c.frame.predicate for c in claims(("d1", text, lang)) if c.frame}


def test_a_long_gap_stays_inside_its_sentence():
    rx = re.compile(patterns.compile_cue("case* ~~ dropped"))
    assert rx.search("the case against the former minister for fraud was finally dropped")
    assert not rx.search("the case went on. it was dropped")


@pytest.mark.parametrize("lang,text", [
    ("de", "Ana Silva und Bo Lee einigten sich auf ein Abkommen."),
    ("ru", "В ходе беседы Ана Силва и Бо Ли договорились, что Руритания будет помогать."),
])
def test_two_doers_joined_by_and_are_the_two_parties(lang, text):
    assert ("signed", "ana", "bo") in framed(("d1", text, lang))


@pytest.mark.parametrize("lang,text", [
    ("de", "Erst vor einer Woche war in Capitalia ein Offizier des Grenzschutzes festgenommen worden."),
    ("fr", "Un officier des gardes-frontières avait été arrêté à Capitalia."),
    ("tr", "Polis, Capitalia kentinde bir sınır muhafız subayını gözaltına almıştı."),
])
def test_the_city_of_an_arrest_was_not_arrested(lang, text):
    found = framed(("d1", text, lang))
    assert not any(s == "capital" for _p, s, _o in found), found


def test_a_one_word_name_no_lexicon_knows_is_no_detained_person():
    NAMES["polish"] = ("Polish", "other")
    SURFACES["Polish"] = "polish"
    try:
        found = framed(("d1", "Polish authorities detained an officer of the border guard.", "en"))
    finally:
        del NAMES["polish"], SURFACES["Polish"]
    assert not any(s == "polish" for _p, s, _o in found), found


def test_a_turkish_case_ending_makes_a_country_the_scene():
    found = claims(("d1", "Ruritania'da son yıllarda bazı hastanelerin siber saldırıya uğradığı biliniyor.", "tr"))
    assert not any(c.frame and c.frame.subject == "ruritania" for c in found), [c.statement for c in found]


def test_a_turkish_claim_with_the_group_between_its_words():
    found = claims(("d1", "Capitalia'daki hastaneye yönelik siber saldırıyı Zorblat adlı fidye yazılımı grubu üstlendi.", "tr"))
    who = [c for c in found if c.frame and c.frame.slot == "who"]
    assert who and values_of(who[0]) == ["zorblat"]


# --- emergency plans and searches: facts of a story with no one named -------------------------

def _one_claim_of(predicate, *specs):
    found = [c for c in claims(*specs) if c.frame is not None and c.frame.predicate == predicate]
    assert len(found) == 1, [c.statement for c in found]
    return found[0]


def test_an_emergency_plan_is_one_fact_in_every_language():
    plan = _one_claim_of("emergency plan",
                         ("a", "After the explosion in Capitalia the hospital triggered its emergency plan on Monday.", "en"),
                         ("b", "Après l'explosion à Capitalia, la direction a déclenché le plan blanc.", "fr"),
                         ("c", "Capitalia'daki patlamanın ardından hastane yönetimi acil durum planını devreye aldı.", "tr"),
                         ("d", "Tras la explosión en Capitalia, el plan de emergencia sigue activado.", "es"))
    assert plan.statement == "Whether an emergency plan was activated after the explosion in Capitalia"
    assert {e.source for e in plan.evidence} == {"a", "b", "c", "d"}


def test_the_search_for_the_missing_is_one_fact_though_the_missing_are_not_counted():
    """"The search for the missing goes on": the missing are no figure, the search is the fact."""
    search = _one_claim_of("searched",
                           ("a", "После взрыва в Капиталии поиски пропавших продолжаются.", "ru"),
                           ("b", "Après l'explosion à Capitalia, les recherches se poursuivent pour retrouver les disparus.", "fr"),
                           ("c", "Tras la explosión en Capitalia, la búsqueda de los desaparecidos continúa.", "es"))
    assert {e.source for e in search.evidence} == {"a", "b", "c"}


def test_a_visit_to_the_search_is_a_visit():
    found = framed(("a", "Ana Silva visited Capitalia on Sunday to inspect the search operation after the explosion.", "en"))
    assert ("visited", "ana", "capital") in found or any(p == "visited" and s == "ana" for p, s, _o in found), found


# --- "the company": the one organisation the story's documents call so --------------------------

def test_the_company_is_the_organisation_the_story_calls_a_company():
    """"The company did not respond": the doer is the story's company, named beside the noun
    in any of its documents ("a private company, X", "la compagnie X")."""
    silent = _one_claim_of("declined comment",
                           ("a", "The ferry to Capitalia is run by a private company, Zorblat Lines. "
                                 "The company did not respond to requests for comment.", "en"),
                           ("b", "La compagnie Zorblat Lines assure la liaison avec Capitalia. La société n'a pas réagi.", "fr"),
                           ("c", "Capitalia feribotunu işleten şirketten henüz bir açıklama yapılmadı.", "tr"))
    assert silent.frame.subject == "lines" and {e.source for e in silent.evidence} == {"a", "b", "c"}


def test_two_companies_leave_the_company_unnamed():
    found = framed(("a", "The ferry to Capitalia is run by a private company, Zorblat Lines. "
                         "The company did not respond to requests for comment.", "en"),
                   ("b", "The company Iron Legion also sails to Capitalia.", "en"))
    assert not [f for f in found if f[0] == "declined comment"], found


def test_a_denial_of_no_named_event_is_the_denial():
    from dossier.extract.cues import detect_events
    assert detect_events("The company denied that it had breached safety rules.", "en", "Latn") == ["denied"]
    assert detect_events("The ministry denied that the minister was arrested.", "en", "Latn")[0] == "arrested"
    # an adverb between the verb and its "that"
    assert detect_events("Minsk negó además que su personal hubiera realizado actividades ilegales.", "es", "Latn") == ["denied"]
    assert detect_events("The company flatly denied that it had breached safety rules.", "en", "Latn") == ["denied"]


def test_the_president_is_the_one_person_the_story_calls_its_president():
    """"The death of the president was announced": the person two documents call president
    (and no other); "a minister" is no one in particular."""
    from dossier.model import Role
    texts = [("a", "President Ana Silva visited Capitalia.", "en"),
             ("b", "President Ana Silva met Bo Lee in Capitalia.", "en"),
             ("c", "Capitalia announced the death of the president on Monday.", "en"),
             ("d", "In Capitalia a minister was killed on Monday.", "en"),
             ("e", "In Capitalia the president visited the injured on Monday.", "en")]
    result = claims(*texts, roles={"ana": [Role(source="a", text="President"), Role(source="b", text="President")]})
    killed = [c for c in result if c.frame.predicate == "killed"]
    assert [(c.frame.subject, sorted(e.source for e in c.evidence)) for c in killed] == [("ana", ["c"])]
    assert not [c for c in result if c.frame.predicate == "injured" and c.frame.subject == "ana"]


def test_named_as_acting_is_an_appointment_beside_the_dismissal():
    found = framed(("a", "The governor dismissed Ana Silva on Monday and named Bo Lee, the head of the "
                         "tariff committee, as acting deputy governor.", "en"))
    assert ("appointed", "bo", None) in found and ("dismissed", "ana", None) in found, found


@pytest.mark.parametrize("lang,text", [
    ("en", "No group had claimed responsibility for the attack in Capitalia by Tuesday evening."),
    ("fr", "Aucune revendication n'avait été publiée lundi soir après l'attaque à Capitalia."),
    ("de", "Bislang hat sich niemand zu dem Angriff in Capitalia bekannt."),
    ("es", "Ningún grupo ha reivindicado el ataque en Capitalia."),
])
def test_no_claim_of_responsibility_is_a_no_to_whether_anyone_claimed_it(lang, text):
    result = [c for c in claims(("a", text, lang)) if c.frame.predicate == "claimed responsibility"]
    assert [(c.statement, [e.value for e in c.evidence]) for c in result] == \
        [("Whether anyone had claimed responsibility for the attack in Capitalia", ["no"])]



@pytest.mark.parametrize("lang,text", [
    ("en", "Ana Silva will move to Sweden under the deal."),
    ("ru", "Ана Силва уедет в Руританию, сообщили в Кремле."),
    ("ar", "وقال الكرملين إن آنا سيلفا سينتقل إلى روريتانيا."),
    ("de", "Es hieß, dass Ana Silva nach Sweden aufbricht."),
])
def test_going_into_exile_is_a_move_to_a_state(lang, text):
    found = framed(("a", text, lang))
    assert [(p, s) for p, s, _o in found if p == "relocated"] == [("relocated", "ana")], found


# --- a state closing its border crossings is a fact of its own ------------------------------

@pytest.mark.parametrize("lang,text", [
    ("en", "Ruritania has repeatedly closed border crossings with Sweden."),
    ("ru", "Руритания неоднократно закрывала пункты пропуска на границе со Швеции."),
    ("ar", "وأغلقت روريتانيا المعابر الحدودية مع السويد الأسبوع الماضي."),
    ("es", "Desde entonces, Ruritania ha cerrado varios pasos fronterizos."),
    ("de", "Ruritania schloss im Sommer mehrere Grenzübergänge."),
])
def test_closing_border_crossings_is_a_fact(lang, text):
    assert any(p == "closed border" and s == "ruritania" for p, s, _o in framed(("d1", text, lang))), framed(("d1", text, lang))


def test_closing_a_consulate_is_no_closed_border():
    assert "closed border" not in predicates_of(("d1", "Ruritania closed the consulate of Sweden in Capitalia.", "en"))


# --- a weather warning before a disaster is a fact, also told as given ("despite") ------------

@pytest.mark.parametrize("lang,text", [
    ("en", "The weather service had issued a storm warning for the coast of Ruritania the day before."),
    ("de", "Experten fragen, warum die Fahrt trotz der Sturmwarnung nicht abgesagt wurde."),
    ("tr", "Kaptanın, fırtına uyarısına rağmen limandan ayrıldığı belirtiliyor."),
    ("fr", "Le ferry avait quitté le port malgré un avis de tempête émis la veille."),
    ("es", "El servicio meteorológico había emitido un aviso de temporal el día anterior."),
    ("ru", "Несмотря на штормовое предупреждение, паром не отменил рейс."),
])
def test_a_weather_warning_is_a_fact_and_despite_takes_it_as_given(lang, text):
    found = [c for c in claims(("d1", text, lang)) if c.frame is not None and c.frame.predicate == "weather warning"]
    assert found and all(e.value == "yes" for c in found for e in c.evidence), found


def test_a_weather_warning_can_still_be_denied():
    found = [c for c in claims(("d1", "No storm warning had been issued for the coast of Ruritania.", "en"))
             if c.frame is not None and c.frame.predicate == "weather warning"]
    assert found and {e.value for c in found for e in c.evidence} == {"no"}, found


# --- the time the expelled are given to leave: a fact beside the expulsion ----------------------

@pytest.mark.parametrize("lang,text", [
    ("en", "The diplomats were declared persona non grata and given 72 hours to leave Ruritania."),
    ("ru", "Дипломатам предписано покинуть Руританию в течение 72 часов."),
    ("es", "Los diplomáticos disponían de 72 horas para abandonar Ruritania."),
])
def test_the_time_to_leave_is_a_fact_and_the_country_left_expels(lang, text):
    found = [c for c in claims(("d1", text, lang)) if c.frame is not None and c.frame.predicate == "deadline to leave"]
    assert [(c.frame.subject, [e.value for e in c.evidence]) for c in found] == [("ruritania", ["72 hours"])], found


def test_the_expulsion_told_with_the_time_to_leave_is_made_too_and_keeps_its_own_value():
    text = "Ruritania declared the diplomats of Sweden persona non grata and gave them 72 hours to leave."
    found = {c.frame.predicate: [e.value for e in c.evidence] for c in claims(("d1", text, "en")) if c.frame is not None}
    assert found.get("deadline to leave") == ["72 hours"] and found.get("expelled diplomats") == ["yes"], found


def test_a_time_to_leave_told_with_no_doer_is_no_ones_when_two_states_expelled():
    found = [c for c in claims(
        ("d1", "Ruritania expelled four diplomats of Sweden on Tuesday. The diplomats were given 72 hours to leave Ruritania.", "en"),
        ("d2", "Sweden expelled three diplomats of Ruritania in answer on Wednesday. The diplomats were given 72 hours "
               "to leave the country.", "en"),
        ("d3", "Ruritania expelled four diplomats of Sweden. They were given 72 hours to leave the country.", "en"))
        if c.frame is not None and c.frame.predicate == "deadline to leave"]
    by_subject = {c.frame.subject: sorted(e.source for e in c.evidence) for c in found}
    assert "d2" not in by_subject.get("ruritania", []), by_subject  # Sweden's answer is not Ruritania's deadline


# --- questioning someone is a fact apart from the investigation; an open question is none -----

@pytest.mark.parametrize("lang,text", [
    ("en", "Investigators have questioned Ana Silva as a witness in the case."),
    ("ru", "Следователи допросили Ану Силву в качестве свидетеля."),
    ("de", "Auch Ana Silva wurde von den Ermittlern befragt."),
])
def test_questioning_is_a_fact_apart_from_the_investigation(lang, text):
    found = framed(("d1", text, lang))
    assert ("questioned", "ana", None) in found and not any(p == "investigated" and s == "ana" for p, s, _o in found), found


@pytest.mark.parametrize("lang,text", [
    ("en", "It is not yet clear whether Ana Silva was arrested."),
    ("de", "Ob Ana Silva festgenommen wurde, ist noch unklar."),
])
def test_an_open_question_states_no_fact(lang, text):
    assert "arrested" not in predicates_of(("d1", text, lang))


def test_an_arrest_stated_plainly_is_still_one():
    assert "arrested" in predicates_of(("d1", "Ana Silva was arrested on Monday.", "en"))


def test_asked_by_a_newsroom_is_an_interview_not_a_questioning():
    text = "« C'est difficile », explique Ana Silva, une employée de l'Unicef interrogée par franceinfo."
    assert "questioned" not in predicates_of(("d1", text, "fr"))
    assert ("questioned", "ana", None) in framed(("d1", "Ana Silva a été interrogée par les enquêteurs mardi.", "fr"))


# --- who died: after a German auxiliary, among others, at a second cue; not the speaker -------

def test_a_german_subject_right_after_the_auxiliary_dies_at_the_end_of_the_bracket():
    text = ("Am Sonntagnachmittag ist Ruritanias Präsident Ana Silva bei einem Hubschrauberabsturz im "
            "Nordwesten des Landes ums Leben gekommen.")
    assert ("killed", "ana", None) in framed(("d1", text, "de"))


@pytest.mark.parametrize("lang,text", [
    ("en", "Eight others, including Foreign Minister Bo Lee, died in the helicopter crash that killed President Ana Silva, media reported."),
    ("ru", "Восемь человек, в том числе Бо Ли, погибли при крушении, в котором погибла и Ана Силва."),
])
def test_the_one_named_among_others_and_the_one_at_the_second_cue_both_died(lang, text):
    found = framed(("d1", text, lang))
    assert ("killed", "bo", None) in found and ("killed", "ana", None) in found, found


def test_a_name_before_another_subject_of_the_verb_of_saying_is_no_speaker():
    [claim] = [c for c in claims(("d1", "The crash killed President Ana Silva, Iranian media reported.", "en"))
               if c.frame is not None and c.frame.predicate == "killed"]
    assert claim.frame.subject == "ana" and all(e.attributed_to != "ana" for e in claim.evidence), claim


def test_a_groups_leak_site_is_no_leak_and_its_victims_no_toll():
    found = predicates_of(("d1", "Zorblat emerged in 2024 and has since listed more than 60 victims on its leak site.", "en"))
    assert not found & {"killed", "leaked"}, found


@pytest.mark.parametrize("lang,text", [
    ("fr", "Ana Silva nie les allégations selon lesquelles elle serait à l'origine du sabotage."),
    ("es", "Ruritania niega las alegaciones de que estaría detrás del ataque."),
])
def test_denying_the_allegations_is_a_denial(lang, text):
    assert "denied" in predicates_of(("d1", text, lang))


def test_a_german_according_to_phrase_ends_at_the_finite_verb():
    [claim] = [c for c in claims(("d1", "Nach Angaben der Polizei wurde Ana Silva am Dienstag festgenommen.", "de"))
               if c.frame is not None and c.frame.predicate == "arrested"]
    assert claim.frame.subject == "ana" and all(e.attributed_to != "ana" for e in claim.evidence), claim


# --- common phrasings: a feminine participle, a name inside "charged ... with", feminine Arabic ---

@pytest.mark.parametrize("lang,text,predicate", [
    ("es", "Ana Silva fue nombrada ministra de Exteriores el lunes.", "appointed"),
    ("es", "Ana Silva fue detenida el martes en Capitalia.", "arrested"),
    ("en", "Prosecutors charged Ana Silva with fraud on Monday.", "charged"),
    ("ar", "التقت آنا سيلفا مع بو لي يوم الأربعاء.", "met"),
    ("ru", "Ану Силву освободили под залог в пятницу.", "released"),
])
def test_common_phrasings_state_their_fact(lang, text, predicate):
    assert any(p == predicate and s == "ana" for p, s, _o in framed(("d1", text, lang))), framed(("d1", text, lang))


def test_a_spanish_noun_in_ado_is_no_verb_stem():
    import re
    rx = re.compile(patterns.compile_cue("traslado*"))
    assert rx.search("traslados") and not rx.search("se trasladará") and not rx.search("trasladan")


@pytest.mark.parametrize("lang,text,predicate", [
    ("es", "Ana Silva murió el lunes en el hospital.", "killed"),
    ("es", "Ana Silva resultó herida en el ataque.", "injured"),
    ("fr", "Ana Silva est morte lundi à l'hôpital.", "killed"),
])
def test_a_verb_with_no_object_tells_of_the_one_before_it(lang, text, predicate):
    assert (predicate, "ana", None) in framed(("d1", text, lang)), framed(("d1", text, lang))


# --- an act told as still to come is a plan: "planned", never "yes" ----------------------------

@pytest.mark.parametrize("lang,text,predicate,value", [
    ("en", "Ana Silva will visit Capitalia on Monday.", "visited", "planned"),
    ("en", "Ana Silva is due to meet Bo Lee on Monday.", "met", "planned"),
    ("ru", "Ана Силва посетит Капиталию в понедельник.", "visited", "planned"),
    ("ru", "Ана Силва подпишет соглашение на следующей неделе.", "signed", "planned"),
    ("tr", "Ana Silva pazartesi günü Capitalia'yı ziyaret edecek.", "visited", "planned"),
    ("tr", "Ana Silva, Bo Lee ile görüşecek.", "met", "planned"),
    ("ar", "سيزور آنا سيلفا كابيتاليا يوم الاثنين.", "visited", "planned"),
    ("ar", "من المقرر أن يلتقي آنا سيلفا بو لي يوم الاثنين.", "met", "planned"),
    ("es", "Ana Silva visitará Capitalia el lunes.", "visited", "planned"),
    ("fr", "Ana Silva se rendra à Capitalia lundi.", "visited", "planned"),
    ("fr", "Ana Silva rencontrera Bo Lee lundi.", "met", "planned"),
    ("en", "Ana Silva will move to Ruritania under the deal.", "relocated", "planned"),  # a cue written in the future
    ("ar", "آنا سيلفا سينتقل إلى روريتانيا.", "relocated", "planned"),
    ("ar", "وقالت إن آنا سيلفا وسيغادر إلى روريتانيا.", "relocated", "planned"),
    ("ar", "الدعوى الجنائية ضد آنا سيلفا سيتم إسقاطها.", "case dropped", "planned"),  # the auxiliary's future
    ("ar", "تم إسقاط الدعوى الجنائية ضد آنا سيلفا.", "case dropped", "yes"),
    ("en", "Ana Silva visited Capitalia on Monday.", "visited", "yes"),
    ("ru", "Ана Силва посетила Капиталию в понедельник.", "visited", "yes"),
    ("tr", "Ana Silva pazartesi günü Capitalia'yı ziyaret etti.", "visited", "yes"),
    ("ar", "زار آنا سيلفا كابيتاليا يوم الاثنين.", "visited", "yes"),
    ("es", "Ana Silva visitó Capitalia el lunes.", "visited", "yes"),
])
def test_an_act_told_as_still_to_come_is_planned_and_one_done_is_yes(lang, text, predicate, value):
    found = [c for c in claims(("d1", text, lang)) if c.frame is not None and c.frame.predicate == predicate]
    assert found and {e.value for c in found for e in c.evidence} == {value}, found


@pytest.mark.parametrize("lang,text,value", [
    ("en", "Ana Silva said she would resign.", "planned"),
    ("en", "Ana Silva announced her resignation on Monday.", "yes"),
    ("tr", "Ana Silva istifasını açıkladı.", "yes"),
    ("ar", "أعلنت آنا سيلفا استقالتها.", "yes"),
    ("ru", "Ана Силва объявила об отставке.", "yes"),
])
def test_who_announces_their_own_resignation_resigns(lang, text, value):
    found = {(c.frame.predicate, c.frame.subject): {e.value for e in c.evidence}
             for c in claims(("d1", text, lang)) if c.frame is not None}
    assert found.get(("resigned", "ana")) == {value}, found


@pytest.mark.parametrize("lang,text", [
    ("tr", "Ana Silva bakanın istifasını açıkladı."),
    ("ar", "أعلنت آنا سيلفا استقالة الوزير."),
])
def test_announcing_someone_elses_resignation_is_not_ones_own(lang, text):
    found = [(c.frame.predicate, c.frame.subject) for c in claims(("d1", text, lang)) if c.frame is not None]
    assert ("resigned", "ana") not in found, found


def test_a_magnitude_is_a_measure_and_a_later_quakes_is_a_fact_apart():
    """"7.8" and "7,7" for the story's quake are one contested claim; the second figure of a
    clause, or one after "another", is a later quake's."""
    found = {c.statement: sorted(e.value for e in c.evidence)
             for c in claims(("a", "A 7.8-magnitude earthquake struck Ruritania, followed by another of magnitude 7.5.", "en"),
                             ("b", "Землетрясение магнитудой 7,7 произошло в Руритании.", "ru"),
                             ("c", "Ruritania'da 7,8 büyüklüğündeki deprem meydana geldi.", "tr"),
                             ("d", "В Руритании были отмечены и другие толчки магнитудой 6,0.", "ru"))
             if c.frame is not None and c.frame.predicate == "magnitude"}
    assert found == {"Magnitude of the earthquake in Ruritania": ["7.7", "7.8", "7.8"],
                     "Magnitude of a later earthquake in Ruritania": ["6.0", "7.5"]}, found


def test_how_long_a_state_of_emergency_lasts_is_its_value():
    found = [c for c in claims(("a", "Ruritania declared a state of emergency for three months after the earthquake.", "en"),
                               ("b", "В Руритании ввели чрезвычайное положение на три месяца.", "ru"))
             if c.frame is not None and c.frame.predicate == "declared emergency"]
    assert {e.value for c in found for e in c.evidence} == {"3 months"}, found


def _read_as(text, lang, field):
    """(predicate, subject, each evidence item's `field`) of every framed claim of one document."""
    return [(c.frame.predicate, c.frame.subject, [getattr(e, field) for e in c.evidence])
            for c in claims(("d1", text, lang)) if c.frame is not None]


@pytest.mark.parametrize("lang,text", [
    ("en", "The authorities announced the death of Ana Silva in the attack."),
    ("ar", "أعلنت السلطات مقتل آنا سيلفا في الهجوم."),
    ("ar", "أعلنت السلطات استشهاد آنا سيلفا في الهجوم."),
])
def test_who_an_announcement_says_died_did_not_speak(lang, text):
    found = _read_as(text, lang, "attributed_to")
    assert found == [("killed", "ana", [None])], found


@pytest.mark.parametrize("lang,text", [
    ("en", "\"Bo Lee was arrested\", said Ana Silva."),
    ("fr", "« Bo Lee a été arrêté », a déclaré Ana Silva."),
    ("es", "«Bo Lee fue detenido», dijo Ana Silva."),
    ("en", "The arrest of Bo Lee was announced by Ana Silva."),
])
def test_after_a_quote_the_speaker_follows_the_verb(lang, text):
    found = _read_as(text, lang, "attributed_to")
    assert found == [("arrested", "bo", ["ana"])], found


@pytest.mark.parametrize("lang,text", [
    ("en", "A court fined Ana Silva 5,000 euros."),
    ("ru", "Суд оштрафовал Ану Силву на 5 тысяч рублей."),
    ("tr", "Ana Silva'ya 5 bin lira para cezası verildi."),
    ("de", "Ana Silva muss eine Geldstrafe von 5000 Euro zahlen."),
    ("fr", "Ana Silva a été condamnée à une amende de 5000 euros."),
    ("es", "Ana Silva fue multada con 5.000 euros."),
    ("ar", "فرضت المحكمة غرامة قدرها 5000 دولار على آنا سيلفا."),
])
def test_a_fine_is_its_sum_per_the_one_fined(lang, text):
    found = _read_as(text, lang, "value")
    assert found == [("fined", "ana", ["5000"])], found


def test_a_pledge_told_in_the_future_is_made():
    """"told reporters the company would cooperate": the pledge is the fact, a "yes"."""
    found = [c for c in claims(("d1", "Bo Lee told reporters the Saint-Anne Clinic would cooperate fully with the authorities.", "en"))
             if c.frame is not None and c.frame.predicate == "cooperating"]
    assert found and {e.value for c in found for e in c.evidence} == {"yes"}, found


@pytest.mark.parametrize("lang,text", [
    ("en", "Bo Lee boarded the helicopter and died."),
    ("en", "Bo Lee sat in the helicopter and was killed."),
    ("de", "Außenminister Bo Lee befand sich an Bord der Maschine und kam ums Leben."),
    ("ru", "Бо Ли сел в вертолет и погиб."),
    ("fr", "Bo Lee est monté à bord et est mort."),
    ("es", "Bo Lee subió al helicóptero y murió."),
])
def test_a_verb_after_and_shares_the_subject_that_opens_the_clause(lang, text):
    assert _read_as(text, lang, "value") == [("killed", "bo", ["yes"])]


@pytest.mark.parametrize("lang,text", [
    ("en", "Bo Lee attacked the convoy and killed three people."),  # the killer, not one killed
    ("en", "The truck hit Bo Lee's car and three people died."),
])
def test_and_before_a_verb_with_its_own_subject_or_object_shares_nothing(lang, text):
    assert ("killed", "bo", ["yes"]) not in _read_as(text, lang, "value")


@pytest.mark.parametrize("lang,text,found", [
    ("ru", "Среди погибших — лидер партии Бо Ли.", [("killed", "bo", ["yes"])]),
    ("uk", "Серед загиблих — лідер партії Бо Ли.", [("killed", "bo", ["yes"])]),
    ("de", "Unter den Toten ist auch Bo Lee.", [("killed", "bo", ["yes"])]),
    ("ru", "Среди пострадавших — жена и дочь Бо Ли.", []),  # his kin were hurt, not he
])
def test_the_one_named_after_among_the_dead_is_one_of_them(lang, text, found):
    assert _read_as(text, lang, "value") == found


@pytest.mark.parametrize("lang,text,value", [
    ("tr", "Yetkililer Bakan Bo Lee'nin öldüğünü duyurdu.", "yes"),
    ("de", "Auch Außenminister Bo Lee sei umgekommen.", "yes"),
])
def test_reported_and_subjunctive_deaths_are_deaths(lang, text, value):
    assert _read_as(text, lang, "value") == [("killed", "bo", [value])]


@pytest.mark.parametrize("lang,text", [
    ("en", "Prosecutors issued arrest warrants for 29 people on Saturday."),
    ("en", "Authorities ordered the detention of 29 people."),
    ("tr", "Savcılık 29 kişi hakkında gözaltı kararı verdi."),
    ("uk", "Прокуратура у суботу видала ордери на арешт 29 людей."),
    ("ru", "Прокуратура выдала ордера на арест 29 человек."),
    ("de", "Die Staatsanwaltschaft erließ Haftbefehle gegen 29 Personen."),
])
def test_people_sought_with_warrants_are_not_people_held(lang, text):
    assert _read_as(text, lang, "value") == [("wanted", None, ["29"])]


@pytest.mark.parametrize("lang,text", [
    ("en", "Some 300,000 people were left homeless."),
    ("tr", "Yaklaşık 300 bin kişinin evsiz kaldığını söyledi."),
    ("ru", "Около 300 тысяч человек остались без крова."),
    ("de", "Rund 300.000 Menschen sind obdachlos."),
    ("fr", "Quelque 300 000 personnes se retrouvent sans abri."),  # "sans" here negates nothing
    ("fr", "Environ 300.000 personnes sont sans domicile."),
    ("es", "Unas 300 mil personas perdieron sus hogares."),
    ("es", "Unas 300.000 personas quedaron sin hogar."),
    ("ar", "أصبح نحو 300 ألف شخص بلا مأوى."),
])
def test_the_homeless_are_counted(lang, text):
    assert _read_as(text, lang, "value") == [("homeless", None, ["300000"])]


@pytest.mark.parametrize("lang,text,area", [
    ("fr", "Plus de 600 km2 étaient inondés.", "600"),
    ("tr", "Bölgenin 600 kilometrekarelik kısmı sular altında kaldı.", "600"),
    ("ar", "المياه تغمر نحو 600 كيلومتر مربع.", "600"),
    ("en", "About 600 square kilometres were flooded.", "600"),  # an area, not 600 homes
    ("uk", "Під водою опинилися 600 квадратних кілометрів.", "600"),
    ("de", "Rund 60.000 Hektar sind überflutet.", "600"),  # hectares, in square kilometres
])
def test_a_flooded_area_is_a_measure_in_square_kilometres(lang, text, area):
    assert _read_as(text, lang, "value") == [("flooded area", None, [area])]


def test_flooded_homes_are_still_counted():
    assert _read_as("The flood left 1,200 homes under water.", "en", "value") == [("flooded", None, ["1200"])]


@pytest.mark.parametrize("lang,text,term", [
    ("ru", "Вертолет искали больше 10 часов.", "10 hours"),
    ("ru", "Поиски продолжались более 10 часов.", "10 hours"),
    ("az", "Onu 10 saatdan çox axtarıb.", "10 hours"),
    ("tr", "Arama kurtarma çalışmaları 14 saattir sürüyor.", "14 hours"),
    ("en", "The search operation continued on Monday.", "yes"),
])
def test_how_long_a_search_lasted_is_its_value(lang, text, term):
    assert _read_as(text, lang, "value") == [("searched", None, [term])]


@pytest.mark.parametrize("lang,text,found", [
    ("tr", "Anlaşmalar bugün Red Hand Sarayı'nda Ana Silva'nın de katılacağı bir törenle imzalanacak.", set()),
    ("tr", "Anlaşma Ana Silva tarafından imzalandı.", {("signed", "ana", None)}),
    ("tr", "Ana Silva, Bo Lee ile bir anlaşma imzaladı.", {("signed", "ana", "bo")}),
])
def test_a_turkish_passive_names_its_doer_only_with_tarafindan(lang, text, found):
    got = {(c.frame.predicate, c.frame.subject, c.frame.object) for c in claims(("d1", text, lang)) if c.frame}
    assert got == found


@pytest.mark.parametrize("lang,text", [
    ("en", "Ana Silva, who visited Capitalia last week, said Bo Lee was arrested on Monday."),
    ("fr", "Ana Silva, qui a visité Capitalia, a déclaré que Bo Lee avait été arrêté."),
    ("ru", "Ана Силва, которая посетила Капиталию, сказала, что Бо Ли был задержан."),
])
def test_a_speaker_keeps_the_verb_across_a_who_aside_naming_a_place(lang, text):
    assert _read_as(text, lang, "attributed_to") == [("arrested", "bo", ["ana"])]


@pytest.mark.parametrize("lang,text,predicate", [
    ("uk", "Ану Силву звільнено з посади міністра оборони.", "dismissed"),  # not released from custody
    ("uk", "Ану Силву звільнено з полону.", "released"),
    ("uk", "Ана Силва подала у відставку.", "resigned"),
    ("uk", "Ану Силву відправлено у відставку.", "dismissed"),
])
def test_ukrainian_dismissal_release_and_resignation_are_told_apart(lang, text, predicate):
    assert _read_as(text, lang, "value") == [(predicate, "ana", ["yes"])]


def test_days_of_mourning_are_one_fact_whoever_is_named_and_however_the_days_are_written():
    found = claims(("d1", "Bo Lee declared seven days of national mourning after the attack in Capitalia.", "en"),
                   ("d2", "Объявлен семидневный общенациональный траур после нападения в Капиталии.", "ru"),
                   ("d3", "Bo Lee hat nach dem Anschlag in Capitalia eine siebentägige Staatstrauer angeordnet.", "de"),
                   ("d4", "Bo Lee, Capitalia saldırısının ardından 7 günlük milli yas ilan etti.", "tr"),
                   ("d5", "Bo Lee hat eine einwöchige Staatstrauer angeordnet.", "de"),
                   ("d6", "Після нападу в Капиталії оголошено семиденну жалобу.", "uk"))
    mourning = [c for c in found if c.frame and c.frame.predicate == "declared mourning"]
    assert len(mourning) == 1 and values_of(mourning[0]) == ["7"] * 6, mourning


def test_compensation_in_a_currency_is_its_own_fact_never_a_toll():
    """"7 million roubles in compensation to the families of the dead": one sum in three
    languages, apart from the toll."""
    result = Names({"capital": ("Capitalia", "place")}, {"Capitalia": "capital"}).claims(
        ("a", "Бо Лі пообіцяв виплатити по 7 мільйонів рублів компенсації сім'ям загиблих льотчиків у Capitalia.", "uk"),
        ("b", "عرض بو لي تعويض أقارب الطاقم القتلى في Capitalia بمبلغ 7 مليون روبل.", "ar"),
        ("c", "Bo Lee offered 7 million roubles in compensation to the families of the dead pilots in Capitalia.", "en"),
        ("d", "Ten crew members were killed in Capitalia.", "en"))
    by = {c.frame.predicate: sorted((e.source, e.value) for e in c.evidence) for c in result if c.frame}
    assert by["compensation"] == [("a", "7000000"), ("b", "7000000"), ("c", "7000000")]
    assert by["killed"] == [("d", "10")]


def test_a_ministry_of_emergencies_declares_nothing():
    """"Управление по чрезвычайным ситуациям" names an office; "объявлена чрезвычайная ситуация" declares."""
    result = Names({"capital": ("Capitalia", "place")}, {"Capitalia": "capital"}).claims(
        ("a", "Управление по чрезвычайным ситуациям зафиксировало три землетрясения в Capitalia.", "ru"),
        ("b", "В Capitalia объявлена чрезвычайная ситуация после землетрясения.", "ru"),
        ("c", "У Capitalia оголошено надзвичайну ситуацію після землетрусу.", "uk"))
    declared = [c for c in result if c.frame and c.frame.predicate == "declared emergency"]
    assert [sorted(e.source for e in c.evidence) for c in declared] == [["b", "c"]]
