"""Facts that sources state once each must land in one claim, and different facts in different
claims (issue 17): one test per rule, on invented sentences in several languages."""
from __future__ import annotations

from collections import Counter

import pytest

from dossier.extract import analysis, cues, stories
from tests.claims_on_names import Names

#: actor id -> (name, kind)
NAMES = {
    "ana": ("Ana Silva", "person"), "bo": ("Bo Lee", "person"), "ruritania": ("Ruritania", "state"), "sweden": ("Sweden", "state"),
    "capital": ("Capitalia", "place"), "rmfa": ("Ruritania Foreign Ministry", "organization"),
}
#: surface -> actor id, in every script the documents write
SURFACES = {
    "Ana Silva": "ana", "آنا سيلفا": "ana", "Ана Силва": "ana", "Bo Lee": "bo", "Бо Ли": "bo", "Ruritania Foreign Ministry": "rmfa",
    "Ruritania": "ruritania", "Руритания": "ruritania", "روريتانيا": "ruritania", "Sweden": "sweden", "Швеции": "sweden",
    "Capitalia": "capital", "Капиталии": "capital", "Swedish": "sweden", "шведских": "sweden", "suecos": "sweden",
}


_NAMES = Names(NAMES, SURFACES)
_doc, claims = _NAMES.doc, _NAMES.claims


def sources(claim) -> set[str]:
    return {e.source for e in claim.evidence}


# --- which incident a clause tells of ----------------------------------------------------

def test_incident_words_are_read_in_the_clause_language():
    # Turkish "sel" (flood) is no flood in French "selon", nor in a French document
    assert stories.nouns("Selon la police, 25 personnes ont été blessées.", "", "fr") == Counter()
    assert stories.nouns("Seldə 3 nəfər həlak oldu.", "", "az") == Counter({"the flood": 1})
    assert stories.nouns("Selde 3 kişi öldü.", "", "tr") == Counter({"the flood": 1})


@pytest.mark.parametrize("lang,text", [
    ("tr", "Hastaneye yönelik siber saldırı sürüyor."),
    ("es", "El ataque informático contra el hospital continúa."),
    ("fr", "L'attaque informatique contre l'hôpital se poursuit."),
])
def test_the_longest_incident_word_wins(lang, text):
    assert stories.nouns(text, "", lang) == Counter({"the cyberattack": 1})


def test_a_clause_naming_an_incident_of_its_own_keeps_it():
    coup = [(f"c{i}", "The coup attempt in Capitalia was foiled, officials said.", "en") for i in range(3)]
    result = claims(*coup, ("x", "The coup attempt in Capitalia was foiled. The coup plotters fled. "
                                 "Ruritania blamed the pilots for the crash.", "en"))
    blame = [c for c in result if c.frame.predicate == "accused"]
    assert [c.statement for c in blame] == ["Whether Ruritania assigned blame for the crash"]
    assert {c.statement for c in result if c.frame.predicate == "foiled"} == \
        {"Whether the coup attempt in Capitalia was foiled"}


# --- a figure and a plain yes -------------------------------------------------------------

def test_a_figure_and_a_plain_yes_of_one_predicate_are_one_claim():
    result = claims(("a", "The explosion in Capitalia happened on Monday. Surgeons postponed 40 operations.", "en"),
                    ("b", "L'explosion à Capitalia a eu lieu lundi. Les opérations ont été reportées.", "fr"),
                    ("c", "Die Explosion in Capitalia geschah am Montag. 40 Operationen wurden verschoben.", "de"))
    postponed = [c for c in result if c.frame.predicate == "postponed"]
    assert len(postponed) == 1
    assert sources(postponed[0]) == {"a", "b", "c"}
    assert postponed[0].frame.slot == "count"
    assert analysis.assess(postponed[0]) != "contested"  # the plain yes gives no figure to contest


# --- one party's act and the other's answer -----------------------------------------------

def test_expulsions_are_counted_per_expelling_party():
    result = claims(("a", "Ruritania expelled 4 diplomats of Sweden on Monday.", "en"),
                    ("b", "Ruritania hat 4 Diplomaten aus Sweden ausgewiesen.", "de"),
                    ("c", "Sweden expelled 3 diplomats of Ruritania in response.", "en"),
                    ("d", "Ruritania expelled diplomats of Sweden.", "en"))
    expelled = {c.frame.subject: c for c in result if c.frame.predicate == "expelled diplomats"}
    assert set(expelled) == {"ruritania", "sweden"}
    assert expelled["ruritania"].statement == "Number of diplomats Ruritania expelled"
    assert sources(expelled["ruritania"]) == {"a", "b", "d"}  # the plain yes is the same fact
    assert sources(expelled["sweden"]) == {"c"}


def test_whose_diplomats_they_are_is_the_other_party():
    """"Swedish diplomats", "diplomats of Sweden": Sweden's diplomats are expelled, whatever
    comes first (events.yml `owner`)."""
    result = claims(("a", "Ruritania on Monday ordered the expulsion of four Swedish diplomats.", "en"),
                    ("b", "Ruritania expelled 4 diplomats of Sweden.", "en"),
                    ("c", "Руритания выслала четырех шведских дипломатов.", "ru"),
                    ("d", "La expulsión de cuatro diplomáticos suecos se anunció el lunes.", "es"))
    expelled = [c for c in result if c.frame.predicate == "expelled diplomats"]
    assert "sweden" not in {c.frame.subject for c in expelled}
    by_ruritania = [c for c in expelled if c.frame.subject == "ruritania"]
    assert len(by_ruritania) == 1 and {"a", "b", "c"} <= sources(by_ruritania[0])
    assert {e.value for e in by_ruritania[0].evidence} == {"4"}


def test_a_figure_told_with_no_doer_joins_the_party_that_expelled_those_diplomats():
    """"The decision to send back three Ruritanian diplomats": whose diplomats they are (an
    adjective no mention names) tells which party's expulsion the figure counts."""
    result = claims(("a", "Ruritania expelled 4 diplomats of Sweden.", "en"),
                    ("b", "Sweden expelled 3 diplomats of Ruritania.", "en"),
                    ("c", "Sweden expelled three diplomats of Ruritania on Monday.", "en"),
                    ("d", "La décision de renvoyer trois diplomates ruritaniens a été annoncée lundi. "
                          "Sweden et Ruritania s'opposent depuis des mois.", "fr"))
    expelled = {c.frame.subject: c for c in result if c.frame.predicate == "expelled diplomats"}
    assert set(expelled) == {"ruritania", "sweden"}
    assert sources(expelled["sweden"]) == {"b", "c", "d"} and sources(expelled["ruritania"]) == {"a"}
    assert {e.value for e in expelled["sweden"].evidence} == {"3"}


def test_the_figure_before_the_diplomats_counts_them():
    """No counting cue next to the figure ("ordered four diplomats to leave"): the figure
    right before the nouns the event is done to counts them; hours to leave never do."""
    [clause] = _cands("Ruritania ordered four Swedish diplomats to leave the country within 72 hours.", "en")
    assert clause.event == "expelled diplomats" and clause.values == {"expelled": "4", "term": "72 hours"}
    [clause] = _cands("Польские власти потребовали от пяти сотрудников посольства покинуть страну в течение 72 часов.", "ru")
    assert clause.event == "expelled diplomats" and clause.values == {"expelled": "5", "term": "72 hours"}


def _cands(text: str, lang: str):
    from dossier.extract.evidence import find_evidence
    return find_evidence(*_doc("x", text, lang))


@pytest.mark.parametrize("lang,text", [
    ("fr", "La Ruritanie a expulsé trois diplomates, au lendemain de la décision de la Suède de renvoyer quatre diplomates."),
    ("es", "Ruritania expulsó a tres diplomáticos, en respuesta a la expulsión de cuatro diplomáticos por parte de Suecia."),
    ("en", "Ruritania expelled three diplomats, in retaliation for the expulsion of four diplomats by Sweden."),
    ("ru", "Руритания выслала трех дипломатов, в ответ на высылку четырех дипломатов Швецией."),
])
def test_an_answer_in_kind_is_a_clause_of_its_own(lang, text):
    """"X expelled three, in response to Y's expulsion of four": two facts, each with its figure."""
    found = _cands(text, lang)
    assert [(c.event, c.values.get("expelled")) for c in found] == [("expelled diplomats", "3"), ("expelled diplomats", "4")]


def test_a_ministry_acts_for_its_state():
    result = claims(("a", "The Ruritania Foreign Ministry expelled 3 diplomats of Sweden.", "en"),
                    ("b", "Ruritania expelled 3 diplomats of Sweden.", "en"))
    expelled = [c for c in result if c.frame.predicate == "expelled diplomats"]
    assert len(expelled) == 1 and expelled[0].frame.subject == "ruritania"
    assert sources(expelled[0]) == {"a", "b"}


# --- who is investigated, charged, denies -------------------------------------------------

@pytest.mark.parametrize("lang,text", [
    ("en", "Prosecutor Ana Silva opened an investigation into the explosion in Capitalia."),
    ("tr", "Savcı Ana Silva Capitalia'daki patlamayla ilgili soruşturma başlattı."),
])
def test_the_lone_name_of_an_investigation_clause_is_not_the_investigated(lang, text):
    result = claims(("a", text, lang))
    assert [c.statement for c in result if c.frame.predicate == "investigated"] == \
        ["Whether an investigation was opened into the explosion in Capitalia"]


@pytest.mark.parametrize("lang,text", [
    ("en", "Swedish police opened an investigation into the explosion in Capitalia."),
    ("ar", "وباشرت الشرطة روريتانيا التحقيق في الانفجار في Capitalia."),
    ("ar", "أمر رئيس الأركان اللواء آنا سيلفا تحقيقاً في سبب الانفجار في Capitalia."),
    ("de", "Die Staatsanwaltschaft hat wegen der Sabotage ein Verfahren wegen Terrorismus nach der Explosion in Capitalia eingeleitet."),
    ("en", "Army chief Ana Silva ordered an investigation into the explosion in Capitalia."),
])
def test_who_opens_or_orders_an_investigation_is_not_the_investigated(lang, text):
    # a state named beside the opener ("Swedish police opened ...") is the investigator's; a
    # verb-first clause names the one who orders it between the verb and the investigation
    result = claims(("a", text, lang))
    assert [c.frame.subject for c in result if c.frame.predicate == "investigated"] == [None]


@pytest.mark.parametrize("lang,text,event", [
    ("en", "According to investigators, the official received 5 million dollars.", None),
    ("ru", "По версии следствия, чиновник получил 5 миллионов рублей.", None),
    ("fr", "Selon les enquêteurs, le fonctionnaire a reçu 5 millions d'euros.", None),
    ("de", "Nach Angaben der Ermittler erhielt der Beamte 5 Millionen Euro.", None),
    ("en", "According to police, investigators questioned the minister.", "questioned"),
])
def test_a_cited_source_names_no_event(lang, text, event):
    assert cues.main_event(text, lang) == event


@pytest.mark.parametrize("lang,text,event", [
    ("en", "Police questioned the brother of the jailed minister.", "questioned"),
    ("ru", "Следователи допросили брата арестованного министра.", "questioned"),
    ("de", "Die Ermittler haben den Bruder des inhaftierten Ministers befragt.", "questioned"),
    ("en", "The minister was arrested and questioned.", "arrested"),
])
def test_a_participle_used_as_an_adjective_is_background(lang, text, event):
    assert cues.main_event(text, lang) == event


@pytest.mark.parametrize("lang,text", [
    ("ar", "ونفت آنا سيلفا التهم الموجهة إليها."),
    ("ru", "Ана Силва назвала обвинения беспочвенными."),
    ("en", "Ana Silva rejected the accusations as baseless."),
])
def test_a_denial_of_charges_is_a_denial(lang, text):
    result = claims(("a", text, lang))
    assert [c.frame.predicate for c in result] == ["denied"]
    assert result[0].evidence[0].stance == "affirms"  # it affirms that the denial was made


def test_a_passive_gives_no_doer_by_order():
    result = claims(("a", "Ihm wird vorgeworfen, Informationen an Ruritania weitergegeben zu haben.", "de"))
    assert not [c for c in result if c.frame.subject == "ruritania"]


@pytest.mark.parametrize("lang,text", [
    ("en", "The deal was brokered by Ruritania."),
    ("de", "Das Abkommen wurde von Ruritania vermittelt."),
    ("de", "Es wurde bekannt gegeben, dass Ruritania das Abkommen vermittelt hatte."),  # another verb's passive
])
def test_a_passive_gives_the_doer_its_agent_phrase_names(lang, text):
    assert [c.frame.subject for c in claims(("a", text, lang))] == ["ruritania"]


# --- figures ------------------------------------------------------------------------------

@pytest.mark.parametrize("lang,text", [
    ("en", "He is accused of taking a bribe of 48 million roubles."),
    ("de", "Er soll Bestechungsgelder in Höhe von 48 Millionen Rubel angenommen haben."),
    ("ru", "Размер взятки составил 48 млн рублей."),
    ("fr", "Il aurait perçu un pot-de-vin de 48 millions de roubles."),
    ("ar", "بلغت قيمة الرشوة 48 مليون روبل."),
])
def test_a_bribe_sum_reads_alike_in_every_language(lang, text):
    assert cues.extract_counts(text, lang) == {"bribe": "48000000"}


def test_an_article_number_is_no_count():
    assert cues.extract_counts("Ему предъявлено обвинение по части 6 статьи 290 (получение взятки).", "ru") == {}
    assert cues.extract_counts("He was charged under article 290 with taking a bribe.", "en") == {}


@pytest.mark.parametrize("lang,text,want", [
    ("de", "Die Feuerwehr fand die Leichen der drei vermissten Arbeiter.", {"found": "3"}),
    ("en", "Rescuers recovered the bodies of three missing workers.", {"found": "3"}),
    ("de", "Drei Arbeiter werden noch vermisst.", {"missing": "3"}),
])
def test_a_cue_describing_the_counted_noun_does_not_take_its_figure(lang, text, want):
    assert cues.extract_counts(text, lang) == want


@pytest.mark.parametrize("lang,text,want", [
    ("ar", "الانفجار الذي تقتل فيه 100 شخص وأسفر عن إصابة نحو أربعة آلاف", {"killed": "100", "injured": "4000"}),
    ("ru", "Число пострадавших выросло почти до четырёх тысяч человек.", {"injured": "4000"}),
    ("en", "Some three thousand people were evacuated.", {"evacuated": "3000"}),
])
def test_a_count_of_thousands_in_words(lang, text, want):
    assert cues.extract_counts(text, lang) == want


def test_a_sum_that_measures_the_charge_is_the_clause_fact():
    result = claims(("a", "The explosion in Capitalia was investigated. Ana Silva is accused of taking a bribe of "
                          "48 million dollars.", "en"),
                    ("b", "Die Explosion in Capitalia wurde untersucht. Ana Silva soll Bestechungsgelder in Höhe von "
                          "45 Millionen Dollar angenommen haben.", "de"))
    bribe = [c for c in result if c.frame.predicate == "bribe"]
    assert len(bribe) == 1 and sources(bribe[0]) == {"a", "b"}
    assert analysis.assess(bribe[0]) == "contested"  # 48 against 45 million
    assert not [c for c in result if c.frame.predicate == "charged"]  # no plain yes beside the sum


@pytest.mark.parametrize("lang,text", [
    ("en", "The interior minister, Ana Silva, who visited the site of the explosion in Capitalia on Tuesday, "
           "promised a full inquiry."),
    ("fr", "La ministre Ana Silva, qui a visité le site de l'explosion à Capitalia mardi, a promis une enquête."),
])
def test_a_relative_clause_tells_a_fact_of_its_own(lang, text):
    visits = [c for c in claims(("a", text, lang)) if c.frame.predicate == "visited"]
    assert [c.frame.subject for c in visits] == ["ana"]


@pytest.mark.parametrize("lang,text", [
    ("en", "Bo Lee will relocate to Ruritania under a deal brokered by Ana Silva."),
    ("fr", "Bo Lee partira en Ruritania en vertu d'un accord négocié par Ana Silva."),
    ("es", "Bo Lee se trasladará a Ruritania según un acuerdo mediado por Ana Silva."),
])
def test_a_participle_with_its_doer_tells_a_fact_of_its_own(lang, text):
    result = claims(("a", text, lang))
    assert {(c.frame.predicate, c.frame.subject) for c in result} >= {("relocated", "bo"), ("mediated", "ana")}


@pytest.mark.parametrize("lang,text", [
    ("en", "The agency said all passengers on the helicopter near Capitalia had died."),
    ("ru", "Все пассажиры, находившиеся в вертолете у Капиталии, включая главу делегации, погибли."),
    ("de", "Laut der Agentur wurden alle Insassen bei dem Absturz nahe Capitalia am Sonntag getötet."),
    ("ar", "وقالت الوكالة إن جميع من كانوا على متن المروحية قرب كابيتاليا قتلوا."),
    ("es", "No hubo supervivientes del accidente del helicóptero cerca de Capitalia."),
    # "none of them survived", in words that count them
    ("en", "None of the nine people aboard the helicopter survived the crash near Capitalia."),
    ("de", "Keiner der neun Insassen des Hubschraubers habe den Absturz nahe Capitalia überlebt."),
    ("es", "Ninguno de los nueve ocupantes sobrevivió al accidente del helicóptero cerca de Capitalia."),
    ("ru", "Никто из девяти человек на борту вертолета не выжил при крушении у Капиталии."),
])
def test_everyone_aboard_killed_is_a_fact_of_its_own(lang, text):
    found = [c for c in claims(("a", text, lang)) if c.frame.predicate == "all killed"]
    assert [c.evidence[0].value for c in found] == ["yes"]
    assert found[0].statement.startswith("Whether everyone aboard was killed in")


def test_everyone_aboard_killed_does_not_take_the_place_of_who_was_killed():
    result = claims(("a", "Ana Silva was killed along with all passengers on board in the crash.", "en"))
    assert {(c.frame.predicate, c.frame.subject) for c in result} >= {("all killed", None), ("killed", "ana")}
    survived = claims(("b", "All passengers on board survived the crash near Capitalia.", "en"))
    assert not [c for c in survived if c.frame.predicate == "all killed"]


def test_pre_trial_detention_is_a_fact_apart_from_the_arrest_with_its_term():
    result = claims(("a", "Ana Silva was arrested in Capitalia on Tuesday.", "en"),
                    ("b", "A court placed Ana Silva in pre-trial detention for two months.", "en"),
                    ("c", "Ana Silva wurde für zwei Monate in Untersuchungshaft genommen.", "de"))
    remanded = [c for c in result if c.frame.predicate == "remanded"]
    assert [(c.frame.subject, sorted((e.source, e.value) for e in c.evidence)) for c in remanded] == \
        [("ana", [("b", "2 months"), ("c", "2 months")])]
    assert [sorted(e.source for e in c.evidence) for c in result if c.frame.predicate == "arrested"] == [["a"]]


def test_evacuees_returning_home_is_a_fact_beside_their_count():
    result = claims(("a", "Most of the 1,200 residents evacuated near Capitalia have been allowed to return home.", "en"),
                    ("b", "Les habitants évacués près de Capitalia ont pu regagner leur domicile pour la plupart.", "fr"))
    assert sorted((c.frame.predicate, c.frame.slot) for c in result) == [("evacuated", "count"), ("returned home", "yes-no")]
    assert [sorted(e.source for e in c.evidence) for c in result if c.frame.predicate == "returned home"] == [["a", "b"]]


def test_a_passive_with_its_auxiliary_is_the_clause_s_own_event():
    from dossier.extract.cues import main_event
    assert main_event("The deal was brokered by Ana Silva after Bo Lee agreed to relocate to Ruritania.", "en") == "mediated"
    assert main_event("El capitán fue detenido el domingo en la investigación abierta por la fiscalía.", "es") == "arrested"


@pytest.mark.parametrize("lang,text,dismissed", [
    ("ru", "Губернатор Ана Силва накануне освободил Бо Ли от должности.", ["bo"]),
    ("en", "Governor Ana Silva dismissed Bo Lee on Wednesday.", ["bo"]),
    ("fr", "La gouverneure Ana Silva a limogé son adjoint mercredi.", []),  # the one name is who dismissed
    ("fr", "Bo Lee a été limogé mercredi.", ["bo"]),
    ("es", "La gobernadora Ana Silva destituyó a Bo Lee el miércoles.", ["bo"]),
])
def test_who_was_dismissed_is_not_who_dismissed(lang, text, dismissed):
    result = claims(("a", text, lang))
    assert [c.frame.subject for c in result if c.frame.predicate == "dismissed" and c.frame.subject] == dismissed


@pytest.mark.parametrize("lang,text", [
    ("ar", "أحبطت المؤامرة بفضل تدخل آنا سيلفا، الذي حذر روريتانيا من الخطة سرا."),
    ("en", "The plot failed thanks to Ana Silva, who warned Ruritania of the plan in secret."),
])
def test_a_clause_opening_with_a_relative_pronoun_is_done_by_the_name_before(lang, text):
    warned = [c for c in claims(("a", text, lang)) if c.frame.predicate == "warned"]
    assert [(c.frame.subject, c.frame.object) for c in warned] == [("ana", "ruritania")]


def test_a_city_that_is_its_states_only_time_zone_stands_for_the_state():
    """"Minsk ordered the closure of Sweden's consulate": Minsk acts for Belarus (its state's
    only time zone is Minsk's); a city of a state with many (Moscow) stands for none."""
    from dossier.extract import parties
    from dossier.model import Actor
    actors = {a: Actor(id=a, name=n, kind=k) for a, n, k in [
        ("minsk", "Minsk", "place"), ("belarus", "Belarus", "state"), ("moscow", "Moscow", "place"),
        ("russia", "Russia", "state")]}
    assert parties.state_of("minsk", actors) == "belarus"
    assert parties.state_of("moscow", actors) is None


def test_closing_a_mission_is_done_by_one_party_to_the_other():
    result = claims(("a", "Ruritania ordered the closure of the consulate of Sweden in Capitalia.", "en"),
                    ("b", "Руритания объявила о закрытии консульства Швеции.", "ru"))
    closed = [c for c in result if c.frame.predicate == "closed mission"]
    assert [(c.frame.subject, c.frame.object) for c in closed] == [("ruritania", "sweden")]
    assert sources(closed[0]) == {"a", "b"}


def test_an_event_told_with_no_figure_beside_a_counted_one_is_a_fact_of_its_own():
    """"Forced the hospital to postpone hundreds of operations and move 27 patients": the
    transfer has its figure, the postponement is a fact all the same (and joins its figure)."""
    result = claims(("a", "The attack in Capitalia forced the hospital to postpone hundreds of operations and move 27 patients "
                          "to other hospitals.", "en"),
                    ("b", "After the attack in Capitalia the hospital postponed 350 operations.", "en"))
    postponed = [c for c in result if c.frame.predicate == "postponed"]
    assert len(postponed) == 1 and sources(postponed[0]) == {"a", "b"}
    assert {(e.source, e.value) for e in postponed[0].evidence} == {("a", None), ("b", "350")}


def test_a_city_acts_for_its_state_across_an_adverb():
    """"Minsk also warned Sweden": one lowercase word between the city and its verb (Sweden,
    the one state named, had been the doer)."""
    names = Names({"minsk": ("Minsk", "place"), "belarus": ("Belarus", "state"), "sweden": ("Sweden", "state")},
                  {"Minsk": "minsk", "Belarus": "belarus", "Sweden": "sweden"})
    for text, predicate in (("Minsk also warned Sweden.", "warned"), ("Minsk reportedly sanctioned Sweden.", "sanctioned"),
                            ("Minsk also accused Sweden of espionage.", "accused")):
        found = [(c.frame.predicate, c.frame.subject, c.frame.object) for c in names.claims(("a", text, "en")) if c.frame]
        assert found == [(predicate, "belarus", "sweden")], (text, found)


def test_an_unknown_cause_is_one_fact_in_every_language_and_a_guess_is_none():
    """"The cause remains unclear", "Причины пока не установлены", "Se desconocen las causas":
    one fact, a yes from each source, though "remains unclear" hedges other clauses; a guess
    about the cause ("may have been caused by fog") states nothing."""
    result = claims(("a", "A helicopter crashed near Capitalia. The cause of the crash remains unclear.", "en"),
                    ("b", "Вертолет разбился под Капиталией. Причины крушения пока не установлены.", "ru"),
                    ("c", "Un helicóptero se estrelló cerca de Capitalia. Se desconocen las causas del accidente.", "es"),
                    ("d", "Ein Hubschrauber ist bei Capitalia abgestürzt. Die Ursache ist noch unklar.", "de"),
                    ("e", "A helicopter crashed near Capitalia. It may have been caused by fog.", "en"),
                    ("f", "A helicopter crashed near Capitalia. It remains unclear whether Ana Silva was killed.", "en"))
    unknown = [c for c in result if c.frame and c.frame.predicate == "cause unknown"]
    assert len(unknown) == 1 and {(e.source, e.value) for e in unknown[0].evidence} == {
        ("a", "yes"), ("b", "yes"), ("c", "yes"), ("d", "yes")}
    assert not [c for c in result if c.frame and c.frame.predicate == "killed"]


def test_an_unknown_cause_told_as_not_knowing_it():
    """"We do not know the causes", "لم يعرف سببه" (its cause not known), "kennen ... nicht"."""
    result = claims(("a", "A pipeline near Capitalia exploded. Officials said they do not know what caused it.", "en"),
                    ("c", "Bei Capitalia ist eine Pipeline explodiert. Wir kennen die Ursachen noch nicht, sagte ein Sprecher.", "de"))
    unknown = [c for c in result if c.frame and c.frame.predicate == "cause unknown"]
    assert len(unknown) == 1 and {(e.source, e.value) for e in unknown[0].evidence} == {
        ("a", "yes"), ("c", "yes")}, [(c.statement, [e.source for e in c.evidence]) for c in unknown]
    arabic = claims(("b", "اندلع حريق في مستودع. وأدى الحريق إلى أضرار لم يعرف سببها بعد.", "ar"))
    assert [e.value for c in arabic if c.frame and c.frame.predicate == "cause unknown" for e in c.evidence] == ["yes"]


def test_whether_the_incident_was_deliberate_is_one_fact_a_denial_answers():
    """"A deliberate act", "Sabotage", "un acto de sabotaje": one fact about the incident, whoever
    says it and whoever did it; a denial is its "no"."""
    result = claims(("a", "The pipeline near Capitalia exploded on Monday. Ana Silva said it was a deliberate act.", "en"),
                    ("b", "Die Pipeline bei Capitalia ist am Montag explodiert. Es handle sich um Sabotage, sagte Ana Silva.",
                     "de"),
                    ("c", "El gasoducto cerca de Capitalia explotó el lunes. Ana Silva dijo que fue un acto de sabotaje.", "es"),
                    ("d", "The pipeline near Capitalia exploded on Monday. Bo Lee denied that it was a deliberate act.", "en"),
                    # "not an accident, a deliberate act": the clause's first event is negated, this one is not
                    ("e", "Capitalia yakınlarındaki boru hattı pazartesi günü patladı. Ana Silva, patlamanın kaza değil "
                          "kasıtlı bir eylem olduğunu söyledi.", "tr"),
                    # "deliberate steps" against relations are a view, not an act
                    ("f", "The pipeline near Capitalia exploded on Monday. Bo Lee spoke of deliberate steps to harm "
                          "relations.", "en"))
    deliberate = [c for c in result if c.frame and c.frame.predicate == "deliberate"]
    assert {(e.source, e.value) for c in deliberate for e in c.evidence} == {
        ("a", "yes"), ("b", "yes"), ("c", "yes"), ("d", "no"), ("e", "yes")}
    assert len({c.id for c in deliberate for e in c.evidence if e.source != "e"}) == 1
    # a "yes" is told as affirmed, whatever the clause's first event: only the denial stands against it
    assert {(e.source, e.stance) for c in deliberate for e in c.evidence} == {
        ("a", "affirms"), ("b", "affirms"), ("c", "affirms"), ("d", "denies"), ("e", "affirms")}


def test_who_called_an_act_treason_is_named_before_the_verb_of_naming():
    """"Bo Lee labeled Ana Silva's uprising as an act of treason", "Бо Ли назвал действия Ана
    Силвы предательством": the one calling it so is named before "labeled", "назвал", "a
    qualifié", not the one whose act it was (named right before the cue)."""
    result = claims(("a", "Ana Silva launched a mutiny in Capitalia. Bo Lee labeled Ana Silva's uprising as an act of treason.",
                     "en"),
                    ("b", "Ана Силва подняла мятеж в Капиталии. Бо Ли назвал действия Ана Силвы предательством.", "ru"),
                    ("c", "Ana Silva a lancé une mutinerie à Capitalia. Bo Lee a qualifié la rébellion d'Ana Silva de "
                          "trahison.", "fr"))
    called = [c for c in result if c.frame and c.frame.predicate == "called treason"]
    assert [(c.frame.subject, sources(c)) for c in called] == [("bo", {"a", "b", "c"})]


# --- declarations: one act per state --------------------------------------------------------

_EMERGENCY = [
    ("d1", "Ruritania declared a state of emergency in Capitalia for ten days after the flood.", "en"),
    ("d2", "Ana Silva declared a state of emergency in Capitalia after the flood on Monday.", "en"),
    ("d3", "The Ruritania Foreign Ministry declared a state of emergency after the flood in Capitalia.", "en"),
    ("d4", "A state of emergency was declared in Capitalia after the flood.", "en"),
]


def test_declarations_by_doers_of_one_state_or_none_known_are_one_claim():
    found = [c for c in claims(*_EMERGENCY) if c.frame is not None and c.frame.predicate == "declared emergency"]
    assert [sources(c) for c in found] == [{"d1", "d2", "d3", "d4"}], [(c.id, sources(c)) for c in found]


def test_declarations_by_two_people_of_no_state_told_stay_apart():
    found = [c for c in claims(("d1", "Ana Silva declared a state of emergency after the flood in Capitalia.", "en"),
                               ("d2", "Bo Lee declared a state of emergency after the flood in Capitalia.", "en"))
             if c.frame is not None and c.frame.predicate == "declared emergency"]
    assert sorted(c.frame.subject for c in found) == ["ana", "bo"], found


def test_declarations_by_two_states_stay_apart():
    found = [c for c in claims(("d1", "Ruritania declared a state of emergency after the flood in Capitalia.", "en"),
                               ("d2", "Sweden declared a state of emergency after the flood in Capitalia.", "en"))
             if c.frame is not None and c.frame.predicate == "declared emergency"]
    assert sorted(c.frame.subject for c in found) == ["ruritania", "sweden"], found


def test_declarations_told_as_often_are_named_by_the_doer_more_documents_name():
    # "aa", a misspelling one document writes, sorts first by its id: the doer two documents name wins
    names = Names({"ana": ("Ana Silva", "person"), "aa": ("Ana Silvaa", "person"), "capital": ("Capitalia", "place"),
                   "ruritania": ("Ruritania", "state")},
                  {"Ana Silva": "ana", "Ana Silvaa": "aa", "Capitalia": "capital", "Ruritania": "ruritania"})
    found = [c for c in names.claims(
        ("d0", "Ruritania declared a state of emergency after the flood in Capitalia.", "en"),
        ("d1", "Ana Silvaa declared a state of emergency after the flood in Capitalia.", "en"),
        ("d2", "Ana Silva declared a state of emergency after the flood in Capitalia.", "en"),
        ("d3", "Ana Silva visited Capitalia after the flood.", "en"))
        if c.frame is not None and c.frame.predicate == "declared emergency"]
    assert [(c.frame.subject, sources(c)) for c in found] == [("ana", {"d0", "d1", "d2"})], found
