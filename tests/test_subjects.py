"""Who a clause tells of, read past an apposition or a verb's bracket, in several languages.

Invented names only (Ana Silva, Bo Lee, Ruritania, Capitalia)."""
from __future__ import annotations

import pytest

from tests.test_predicates_real import claims, framed, values_of


@pytest.mark.parametrize("lang,text", [
    ("en", "Ana Silva, the president of Ruritania, died on Sunday."),
    ("en", "Ruritania's president, Ana Silva, died in the crash."),
    ("es", "El presidente de Ruritania, Ana Silva, falleció en un accidente de helicóptero."),
    ("es", "También perdió la vida su ministro de Asuntos Exteriores, Ana Silva, en la provincia de Capitalia."),
    ("tr", "Ruritania Cumhurbaşkanı Ana Silva, Capitalia eyaletinde yaşanan helikopter kazasında hayatını kaybetti."),
    ("tr", "Ana Silva, dün vefat etti."),
    ("de", "Der ruritanische Präsident Ana Silva ist am Sonntag bei einem Helikopterabsturz ums Leben gekommen."),
    ("de", "Auch Aussenminister Ana Silva verstarb bei dem Unglück."),
    ("ru", "Ана Силва, бывший министр, был задержан."),
    # a relative clause between subject and verb, longer than an apposition may be
    ("en", "President Ana Silva, who had led the ministry since 2019 and was widely respected by everyone, died in the crash."),
])
def test_the_subject_set_off_by_commas_is_still_the_subject(lang, text):
    found = framed(("d1", text, lang))
    assert any(s == "ana" and p in ("killed", "arrested") for p, s, _o in found), found


def test_an_apposition_keeps_the_object_after_the_verb():
    assert ("warned", "ana", "bo") in framed(("d1", "Ana Silva, the president of Ruritania, warned Bo Lee.", "en"))


@pytest.mark.parametrize("lang,text", [
    ("en", "Bo Lee, the general, killed three people."),   # a killer, not a victim
    ("es", "Ana Silva murió, según Bo Lee."),               # the source of the news is no victim
])
def test_an_apposition_makes_no_one_a_victim_the_verb_does_not_name(lang, text):
    found = framed(("d1", text, lang))
    assert not any(s == "bo" and p in ("killed", "charged") for p, s, _o in found), found


def test_a_passive_agent_verb_keeps_its_doer_after_by():
    found = framed(("d1", "Ana Silva, the minister, was warned by Bo Lee.", "en"))
    assert not any(p == "warned" and s == "ana" for p, s, _o in found), found


@pytest.mark.parametrize("lang,text", [
    ("en", "Ruritania declared five days of mourning following the death of President Ana Silva in a crash."),
    ("ru", "В Руритании объявлен траур после гибели президента Ана Силва."),
    ("ar", "أعلنت روريتانيا الحداد بعد وفاة الرئيسة آنا سيلفا."),
])
def test_a_death_the_clause_takes_as_given_is_a_fact_beside_it(lang, text):
    assert any(p == "killed" and s == "ana" for p, s, _o in framed(("d1", text, lang)))


def test_a_death_under_denial_is_not_read_in_passing():
    found = framed(("d1", "Bo Lee denied any role in the death of Ana Silva.", "en"))
    assert not any(p == "killed" for p, _s, _o in found), found


@pytest.mark.parametrize("text", [
    "The crash killed Ana Silva, Bo Lee and three others.",
    "Among the dead were Ana Silva, Bo Lee and the pilot.",
    "The crash claimed the lives of Ana Silva, Bo Lee and the pilot.",
])
def test_a_list_of_names_an_and_closes_tells_of_each(text):
    found = framed(("d1", text, "en"))
    assert {("killed", "ana", None), ("killed", "bo", None)} <= found, found


def test_among_those_killed_in_a_place_names_one_of_them():
    found = framed(("d1", "Among those killed in the helicopter crash was Foreign Minister Ana Silva.", "en"))
    assert ("killed", "ana", None) in found, found


@pytest.mark.parametrize("lang,text", [
    # a list opening a German clause, its verb second, the participle at the end
    ("de", "Der Präsident Ana Silva und sein Minister Bo Lee sind beim Absturz ihres Hubschraubers im Norden ums Leben gekommen."),
    ("en", "President Ana Silva and his Foreign Minister Bo Lee were killed in the crash."),
])
def test_a_list_with_a_possessive_title_tells_of_each(lang, text):
    found = framed(("d1", text, lang))
    assert {("killed", "ana", None), ("killed", "bo", None)} <= found, found


@pytest.mark.parametrize("lang,text,pred", [
    ("tr", "Başbakan Bo Lee, kazada hayatını kaybeden Bakan Ana Silva için taziye mesajı yayımladı.", "killed"),
    ("az", "Baş nazir Bo Lee qəzada həyatını itirən nazir Ana Silva üçün başsağlığı verdi.", "killed"),
    ("tr", "Başbakan Bo Lee, olay yerinde gözaltına alınan Ana Silva hakkında açıklama yaptı.", "arrested"),
])
def test_a_turkish_participle_tells_of_the_name_after_it(lang, text, pred):
    found = framed(("d1", text, lang))
    assert (pred, "ana", None) in found and (pred, "bo", None) not in found, found


@pytest.mark.parametrize("lang,text", [
    ("en", "Bo Lee said Ana Silva was among those arrested on Monday."),
    ("fr", "Selon Bo Lee, Ana Silva figure parmi les personnes interpellées."),
    ("es", "Según Bo Lee, Ana Silva está entre los detenidos."),
])
def test_a_name_among_those_who_underwent_it_before_the_words(lang, text):
    found = framed(("d1", text, lang))
    assert ("arrested", "ana", None) in found and ("arrested", "bo", None) not in found, found


@pytest.mark.parametrize("lang,text", [
    ("en", "The blast killed Ana Silva and six others, including Bo Lee."),
    ("ar", "أعلن الحداد بعد مصرع آنا سيلفا وستة آخرين بينهم الوزير بو لي في حادث سير."),
])
def test_one_named_among_the_others_undergoes_it_too(lang, text):
    found = framed(("d1", text, lang))
    assert {("killed", "ana", None), ("killed", "bo", None)} <= found, found


def test_including_after_a_break_is_another_list():
    found = framed(("d1", "Ana Silva was killed; officials, including Bo Lee, attended the funeral.", "en"))
    assert ("killed", "ana", None) in found and ("killed", "bo", None) not in found, found


def test_an_apposition_naming_another_is_no_list():
    found = framed(("d1", "Ana Silva, Bo Lee's aide, died.", "en"))
    assert ("killed", "ana", None) in found and ("killed", "bo", None) not in found, found


def test_kept_in_a_warehouse_is_no_detention_in_turkish():
    found = framed(("d1", "Ana Silva'nın, Twitter hesabından yaptığı yazılı açıklamasında, herhangi bir güvenlik önlemi "
                          "alınmadan 2 bin ton maddenin 6 yıl boyunca bir depoda tutulmasının kabul edilemez olduğunu "
                          "ifade etti.", "tr"))
    assert not any(p == "arrested" for p, _s, _o in found), found


@pytest.mark.parametrize("lang,text,value", [
    ("en", "After the explosion in Capitalia, the material damage was estimated at $5 billion.", "5000000000"),
    ("tr", "Capitalia'daki patlamada maddi hasar 3 ila 5 milyar dolar arasında.", "5000000000"),
    ("ar", "قال بو لي إن انفجار كابيتاليا تسبب في خسائر اقتصادية بقيمة 15 مليار دولار.", "15000000000"),
])
def test_the_damage_is_a_figure_of_its_own(lang, text, value):
    found = [c for c in claims(("d1", text, lang)) if c.frame and c.frame.predicate == "damage"]
    assert [e.value for c in found for e in c.evidence] == [value]


def test_damage_that_could_happen_is_no_figure():
    found = [c for c in claims(("d1", "Material damage could reach up to $5 billion, Bo Lee said.", "en"))
             if c.frame and c.frame.predicate == "damage"]
    assert found == []


def test_german_lets_the_charges_fall():
    found = framed(("d1", "Dafür lässt der Geheimdienst alle Vorwürfe gegen Ana Silva fallen.", "de"))
    assert ("case dropped", "ana", None) in found and not any(p == "accused" for p, _s, _o in found), found


@pytest.mark.parametrize("lang,text,subject,value", [
    ("en", "After the explosion in Capitalia, port officials were placed under house arrest.", None, "yes"),
    ("de", "Ana Silva wurde unter Hausarrest gestellt.", "ana", "yes"),
    ("ru", "Ана Силва помещена под домашний арест на два месяца.", "ana", "2 months"),
    ("ar", "وضع المسؤولين عن انفجار كابيتاليا قيد الإقامة الجبرية.", None, "yes"),
])
def test_house_arrest_is_a_measure_of_its_own(lang, text, subject, value):
    found = [c for c in claims(("d1", text, lang)) if c.frame and c.frame.predicate == "house arrest"]
    assert [(c.frame.subject, [e.value for e in c.evidence]) for c in found] == [(subject, [value])]
    assert not any(c.frame and c.frame.predicate == "arrested" for c in claims(("d1", text, lang)))


@pytest.mark.parametrize("lang,text", [
    ("en", "After the explosion in Capitalia, the cabinet held an emergency session."),
    ("de", "Nach dem Absturz in Capitalia kam das Kabinett zu einer Dringlichkeitssitzung zusammen."),
    ("ru", "После взрыва в Капиталии Бо Ли провел экстренное заседание."),
    ("en", "Bo Lee chairs an emergency meeting after the dam breach in Capitalia."),
])
def test_an_emergency_meeting_is_held_not_a_way_of_talking(lang, text):
    found = [c for c in claims(("d1", text, lang)) if c.frame and c.frame.predicate == "emergency meeting"]
    assert [e.value for c in found for e in c.evidence] == ["yes"]


@pytest.mark.parametrize("lang,text", [
    ("de", "Nach der Explosion wurde Capitalia zur Katastrophen-Stadt erklärt."),
    ("es", "Bo Lee proclamó Capitalia ciudad siniestrada tras la explosión."),
    ("tr", "Bo Lee, depremin yaşandığı Capitalia'yı afet bölgesi olarak ilan etti."),
])
def test_a_disaster_zone_is_a_measure_apart_from_a_state_of_emergency(lang, text):
    found = {p for p, _s, _o in framed(("d1", text, lang))}
    assert "declared disaster zone" in found and "declared emergency" not in found, found


@pytest.mark.parametrize("lang,text", [
    ("ru", "Бойцы Железный легион прекратили движение в сторону Капиталии."),
    ("fr", "Ana Silva accepte d'arrêter l'avancée de ses troupes."),
    ("en", "Ana Silva abruptly aborted the rebellion."),
])
def test_halting_an_advance_is_pulling_back(lang, text):
    assert "withdrew" in {p for p, _s, _o in framed(("d1", text, lang))}


def test_a_deal_brokered_by_x_is_done_whatever_the_deal_will_do():
    found = framed(("d1", "Officials said a deal brokered by Ana Silva would see Bo Lee exiled to Capitalia.", "en"))
    assert ("mediated", "ana", None) in found, found
    assert not framed(("d1", "A deal could be brokered by Ana Silva.", "en"))


@pytest.mark.parametrize("lang,text,total", [
    ("en", "The blast killed Ana Silva, Bo Lee and four others.", "6"),
    ("en", "A bus fell into a ravine near Capitalia, killing Ana Silva and eleven others, police said.", "12"),
    ("fr", "Ana Silva, Bo Lee et trois autres personnes sont mortes dans l'incendie.", "5"),
    ("ar", "أعلنت الشرطة مصرع آنا سيلفا وأربعة آخرين في الحريق.", "5"),
    ("ru", "Ана Силва и ещё пять человек погибли при пожаре.", "6"),
    ("tr", "Ana Silva ve beraberindeki 3 kişi yangında hayatını kaybetti.", "4"),
    ("en", "Police arrested Ana Silva and three others in Capitalia.", "4"),
    ("en", "Twelve others were killed in the fire.", "12"),                      # no one named: the figure alone
    ("en", "The blast killed two people and injured Ana Silva.", "2"),        # no "others": the figure alone
])
def test_a_figure_of_others_counts_the_named_too(lang, text, total):
    counts = [c for c in claims(("d1", text, lang)) if c.frame is not None and c.frame.slot == "count"]
    assert [values_of(c) for c in counts if c.frame.predicate in ("killed", "arrested")] == [[total]], counts
