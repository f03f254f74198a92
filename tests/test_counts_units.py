"""Figures that count homes and buildings, and figures that count nothing (issue 17): a length,
an area, a share, a month; in several languages."""
from __future__ import annotations

import pytest

from dossier.extract.cues import extract_counts
from dossier.extract.units import is_month
from tests.claims_on_names import Names

claims = Names({"capital": ("Capitalia", "place")}, {"Capitalia": "capital"}).claims


@pytest.mark.parametrize("text, lang, slot, value", [
    ("On the right bank, 1,852 houses are flooded.", "en", "flooded", "1852"),
    ("Près de Capitalia, 2 629 maisons ont été inondées.", "fr", "flooded", "2629"),
    ("نحو 14 ألف منزل غرقت", "ar", "flooded", "14000"),
    ("More than 6,000 buildings collapsed in the quake.", "en", "destroyed", "6000"),
    ("Depremde 6 bin bina yıkıldı.", "tr", "destroyed", "6000"),
    ("погибли 6 000 человек", "ru", "killed", "6000"),
    ("затоплено 1852 дома", "ru", "flooded", "1852"),  # a counted noun after it: no year
    ("près de 2 000 personnes avaient été évacuées", "fr", "evacuated", "2000"),
    ("an Bord der Fähre hätten sich 87 Menschen befunden", "de", "aboard", "87"),  # "hätten": no distance
])
def test_homes_and_buildings_are_counted(text, lang, slot, value):
    assert extract_counts(text, lang).get(slot) == value


@pytest.mark.parametrize("text, lang", [
    ("600 km2 are flooded.", "en"),  # an area
    ("The water rose by 11 metres and flooded the town.", "en"),  # a length
    ("Oleşkı kentinin yüzde 90’ı sular altında.", "tr"),  # a share
    ("32% du territoire est inondé.", "fr"),
    ("Le 12 mai, la ville a été inondée.", "fr"),  # a date
    ("In 2019 people were evacuated from the town.", "en"),  # a year, though a counted noun follows
])
def test_a_length_an_area_a_share_or_a_date_counts_nothing(text, lang):
    assert extract_counts(text, lang) == {}


@pytest.mark.parametrize("text, lang, value", [
    ("Au moins 312 personnes ont été tuées en Ruritanie dans neuf villes.", "fr", "312"),
    ("Al menos 312 personas murieron en Ruritania en nueve ciudades.", "es", "312"),
])
def test_a_place_after_the_verb_leaves_the_figure_before_it(text, lang, value):
    """"en" is a preposition there, not the Turkish "en" of "en az" (at least)."""
    assert extract_counts(text, lang).get("killed") == value


@pytest.mark.parametrize("text, lang", [
    ("Investigators questioned 23 bank employees.", "en"),
    ("واستجوبت الشرطة 23 شخصا في القضية.", "ar"),
    ("На допрос вызвали 23 сотрудников банка.", "ru"),
    ("Die Polizei hat 23 Zeugen befragt.", "de"),
])
def test_people_questioned_are_counted(text, lang):
    assert extract_counts(text, lang).get("questioned") == "23"


@pytest.mark.parametrize("text, lang", [
    ("As many as 140,000 residents were left without homes after the flood.", "en"),
    ("Laut der Stadt sollen 140.000 Menschen ihre Wohnung verloren haben.", "de"),
    ("Après la crue, 140 000 habitants restent sans domicile.", "fr"),
])
def test_people_who_lost_their_homes_are_counted(text, lang):
    """An auxiliary after the verb ("verloren haben") is no noun the verb describes."""
    assert extract_counts(text, lang).get("homeless") == "140000"


def test_a_share_beside_a_count_leaves_the_count():
    assert extract_counts("The attack killed 12 people, 30% of them children.", "en") == {"killed": "12"}
    assert extract_counts("In 2023, 14 people died.", "en") == {"killed": "14"}  # a year is no count either


@pytest.mark.parametrize("text,lang", [
    ("Two of the injured died in hospital overnight.", "en"),
    ("Polis, ağır yaralı iki kişinin hastanede hayatını kaybettiğini açıkladı.", "tr"),
    ("Двое из пострадавших скончались в больнице.", "ru"),
    ("Zwei der Verletzten sind im Krankenhaus gestorben.", "de"),
])
def test_the_injured_who_died_later_are_their_own_figure(text, lang):
    assert extract_counts(text, lang) == {"died of injuries": "2"}  # neither a toll nor a count of injured


def test_months_are_whole_words_in_latin_script():
    assert [w for w in ("mai", "may", "juin", "mayısta", "martta", "марта", "мая", "أيار") if not is_month(w)] == []
    assert [w for w in ("maisons", "mars", "марш", "масса", "martyr") if is_month(w)] == []


def test_homes_flooded_is_one_claim_whose_sources_disagree():
    result = claims(("a", "On the right bank near Capitalia, 1,852 houses are flooded.", "en"),
                    ("b", "Près de Capitalia, 2 629 maisons ont été inondées.", "fr"),
                    ("c", "Near Capitalia, 600 km2 are flooded.", "en"))
    flooded = [c for c in result if c.frame.predicate == "flooded"]
    assert len(flooded) == 1 and {(e.source, e.value) for e in flooded[0].evidence} == {("a", "1852"), ("b", "2629")}


@pytest.mark.parametrize("text, event, counts", [
    ("Загинули щонайменше 30 людей, постраждали понад 2500.", "killed", {"killed": "30", "injured": "2500"}),
    ("У Херсоні евакуйовано 742 людини.", "evacuated", {"evacuated": "742"}),
    ("Щонайменше семеро людей вважаються зниклими безвісти.", "missing", {"missing": "7"}),
    ("Росія заперечила свою причетність до вибуху.", "denied", {}),
])
def test_ukrainian_has_cues_of_its_own(text, event, counts):
    """Ukrainian is read with its own words, not only through Russian ("загинули", not "погибли")."""
    from dossier.extract.cues import detect_events
    assert event in detect_events(text, "uk", None) and extract_counts(text, "uk") == counts


def test_a_toll_that_rose_to_a_figure_in_arabic():
    """"ارتفع إلى 78": the rise's preposition is matched as folded text writes it (إلى -> الي)."""
    text = "وقال وزير الصحة إن عدد القتلى جراء الانفجار ارتفع إلى 78 مضيفا أن قرابة أربعة آلاف أصيبوا بجروح."
    assert extract_counts(text, "ar") == {"killed": "78", "injured": "4000"}


def test_a_comparison_names_no_incident():
    from dossier.extract import stories
    assert "the earthquake" not in stories.nouns("The blasts tore through the capital with the force of an "
                                                 "earthquake, killing at least 100 people.", "", "en")
    assert "the earthquake" not in stories.nouns("Patlama deprem gibi hissedildi.", "", "tr")
    assert "the earthquake" in stories.nouns("An earthquake struck the region, killing 100 people.", "", "en")
    assert stories.nouns("Deprem bölgeyi vurdu.", "", "tr") == {"the earthquake": 1}  # "vurdu" downs no aircraft


def test_a_dam_named_alone_is_no_dam_collapse():
    """"The president had opened a dam" tells of no collapse; "the destruction of the
    Kachowka-Staudamm", the dam the second half of a hyphenated compound, does."""
    from dossier.extract import stories
    assert "the dam collapse" not in stories.nouns("Der Präsident hatte einen Staudamm eröffnet.", "", "de")
    assert "the dam collapse" not in stories.nouns("عقب مشاركته في مراسم افتتاح سد على الحدود", "", "ar")
    assert "the dam collapse" in stories.nouns("Die Zerstörung des Nowa-Staudamms führte zu Überschwemmungen.", "", "de")
    assert "the dam collapse" in stories.nouns("Разрушение плотины привело к наводнению.", "", "ru")
    # a dam "struck" is no aircraft shot down; an aircraft struck is
    assert "the downing of the aircraft" not in stories.nouns("İşte Nova Barajı'nın vurulma bilançosu", "", "tr")
    assert "the downing of the aircraft" in stories.nouns("Yolcu uçağının vurulması soruşturuluyor.", "", "tr")


def test_a_denied_incident_noun_names_no_incident():
    """"Not an accident", "kaza değil", "kein Unfall": the noun a denial stands before is not what happened."""
    from dossier.extract import stories
    assert stories.nouns("It was not an accident, the minister said after the explosion.", "", "en") == {"the explosion": 1}
    assert stories.nouns("Sızıntıların kaza değil kasıtlı bir eylemin sonucu olduğu açıklandı. Boru hattında patlama "
                         "oldu.", "", "tr") == {"the explosion": 1}
    assert stories.nouns("Das war kein Unfall, sagte sie nach der Explosion.", "", "de") == {"the explosion": 1}


citizens = Names({"ruritania": ("Ruritania", "state"), "capital": ("Capitalia", "place")},
                 {"Ruritania": "ruritania", "Ruritanya": "ruritania", "Capitalia": "capital"}).claims


@pytest.mark.parametrize("text, lang, counts", [
    ("Two of the dead were Ruritanian citizens.", "en", {"citizens": "2"}),  # a share: no toll
    ("Hayatını kaybedenlerden ikisinin Ruritanya vatandaşı olduğu bildirildi.", "tr", {"citizens": "2"}),
    ("Ölenler arasında iki Ruritanya vatandaşı bulunuyor.", "tr", {"citizens": "2"}),
    ("Entre los fallecidos hay cuatro ciudadanos ruritanos.", "es", {"citizens": "4"}),
    ("Four Ruritanian citizens were killed.", "en", {"citizens": "4", "killed": "4"}),
    ("Погибли 20 мирных граждан.", "ru", {"citizens": "20", "killed": "20"}),
    ("Two of the dead were children.", "en", {}),  # a share of the toll, but no one's citizens
])
def test_a_share_of_a_figure_is_read_only_as_a_share(text, lang, counts):
    assert extract_counts(text, lang) == counts


def test_how_many_of_the_dead_were_one_states_citizens():
    """Sources giving how many of the dead were one state's citizens meet in one claim, apart
    from the toll; "four Ruritanian citizens were killed" is no toll of four; "civilians"
    (мирных граждан) are no one's citizens, so 20 stays the toll."""
    result = citizens(
        ("a", "The explosion in Capitalia killed 12 people. Two of the dead were Ruritanian citizens.", "en"),
        ("b", "Capitalia'daki patlamada 12 kişi öldü. Ölenler arasında iki Ruritanya vatandaşı bulunuyor.", "tr"),
        ("c", "La explosión en Capitalia mató a 12 personas. Cuatro ciudadanos ruritanos murieron.", "es"),
        ("d", "Взрыв в Capitalia: погибли 20 мирных граждан.", "ru"))
    shares = [c for c in result if c.frame.predicate == "citizens killed"]
    assert [(c.frame.object, c.statement) for c in shares] == [
        ("ruritania", "Number of citizens of Ruritania among the dead in the explosion in Capitalia")]
    assert {e.source: e.value for e in shares[0].evidence} == {"a": "2", "b": "2", "c": "4"}
    toll = [c for c in result if c.frame.predicate == "killed" and c.frame.slot == "count"]
    assert [{e.source: e.value for e in c.evidence} for c in toll] == [{"a": "12", "b": "12", "c": "12", "d": "20"}]


def test_citizens_among_the_injured():
    result = citizens(("a", "The explosion in Capitalia injured 30 people, among them six Ruritanian citizens.", "en"),
                      ("b", "Capitalia'daki patlamada yaralanan Ruritanya vatandaşı sayısı 6 oldu.", "tr"))
    shares = [c for c in result if c.frame.predicate.startswith("citizens")]
    assert [(c.frame.predicate, c.frame.object) for c in shares] == [("citizens injured", "ruritania")]
    assert {e.source: e.value for e in shares[0].evidence} == {"a": "6", "b": "6"}


def test_people_evacuated_told_without_a_figure_join_the_figure():
    result = claims(("a", "The flood in Capitalia forced the evacuation of 1,200 people.", "en"),
                    ("b", "After the flood in Capitalia hundreds of people were evacuated.", "en"))
    evacuated = [c for c in result if c.frame.predicate == "evacuated"]
    assert [(c.frame.slot, {e.source: e.value for e in c.evidence}) for c in evacuated] == [
        ("count", {"a": "1200", "b": None})]


def test_a_sum_told_after_a_verb_of_amounting_to_across_a_relative_clause():
    assert extract_counts("По данным источника, сумма взятки, которую вменяют чиновнику, составила 45 млн рублей.",
                          "ru", "Cyrl") == {"bribe": "45000000"}
    # a comma that is no relative clause still ends the noun's reach
    assert extract_counts("The bribe was paid, police said, and the fine totalled 45 million.", "en", "Latn") == {}


@pytest.mark.parametrize("text, language, script, expected", [
    ("эвакуированы полторы тысячи человек", "ru", "Cyrl", {"evacuated": "1500"}),
    ("تم إجلاء نحو مليون و200 ألف شخص من منازلهم", "ar", "Arab", {"evacuated": "1200000"}),
    ("anderthalb Millionen Menschen wurden evakuiert", "de", "Latn", {"evacuated": "1500000"}),
])
def test_a_figure_written_in_parts_is_one_figure(text, language, script, expected):
    assert extract_counts(text, language, script) == expected


def test_injuring_and_a_thousands_word_after_digits():
    assert extract_counts("killing at least 100 people and injuring more than 4,000 others", "en", "Latn") == {
        "injured": "4000", "killed": "100"}
    assert extract_counts("ارتفع عدد القتلى إلى 113 شخصا، إضافة إلى أزيد من 4 آلاف جريح", "ar", "Arab") == {
        "injured": "4000", "killed": "113"}


@pytest.mark.parametrize("text, language, script, expected", [
    ("Patlamada tahminen 2 bin 750 ton amonyum nitrat infilak etti ve 2 bin 750 kişi yaralandı", "tr", "Latn",
     {"injured": "2750"}),
    ("أودى الانفجار بحياة أكثر من 113قتيل", "ar", "Arab", {"killed": "113"}),
    # "and" written onto the figure after it
    ("وسقط 100 قتيل و4000 جريح في الانفجار", "ar", "Arab", {"killed": "100", "injured": "4000"}),
    ("مقتل 137 شخصا وإصابة مليون و200 ألف", "ar", "Arab", {"killed": "137", "injured": "1200000"}),
])
def test_thousands_and_glued_figures(text, language, script, expected):
    assert extract_counts(text, language, script) == expected



def test_official_mourning_beside_a_state_of_emergency():
    named = Names({"ruritania": ("Ruritania", "state")}, {"Ruritania": "ruritania"}).claims
    text = ("The country is in official three-day mourning, and the Ruritanian capital is in a state of emergency "
            "under the supervision of the army. The blast in Ruritania was huge.")
    result = named(("a", text, "en"), ("b", text, "en"))
    assert {c.frame.predicate for c in result} >= {"declared mourning", "declared emergency"}


def test_a_city_named_as_a_party_does_not_set_a_figure_apart():
    named = Names({"capital": ("Capitalia", "place"), "moscow": ("Moscow", "place")},
                  {"Capitalia": "capital", "Moscow": "moscow"}).claims
    docs = [(k, "After the flood in Capitalia, 500 people were evacuated.", "en") for k in "acde"]
    result = named(*docs, ("b", "After the flood in Capitalia, Moscow said 700 people were evacuated.", "en"))
    counted = [c for c in result if c.frame.predicate == "evacuated" and c.frame.slot == "count"]
    assert len(counted) == 1 and {e.source for e in counted[0].evidence} == set("abcde")
    # a city where it happened is another place's figure
    result = named(*docs, ("b", "After the flood in Capitalia, 700 people were evacuated in Moscow.", "en"))
    assert len([c for c in result if c.frame.predicate == "evacuated" and c.frame.slot == "count"]) == 2


@pytest.mark.parametrize("text,lang,term", [
    ("Басманный суд арестовал его на два месяца, до 12 июля.", "ru", "2 months"),
    ("He was placed in pre-trial detention for two months.", "en", "2 months"),
    ("حبسه احتياطيا لمدة شهرين", "ar", "2 months"),
    ("Er wurde zu fünf Jahren Haft verurteilt.", "de", "5 years"),
    ("6 yıl hapis cezasına çarptırıldı.", "tr", "6 years"),
    ("condamné à deux ans de prison", "fr", "2 years"),
    ("The two men and three women were remanded in custody.", "en", None),  # "and" is no year ("an")
])
def test_a_term_is_read_in_every_language(text, lang, term):
    from dossier.extract.cues import languages_for, number_words
    from dossier.extract.units import term_of
    from dossier.text.fold import fold_str
    assert term_of(fold_str(text), number_words(languages_for(lang, "Latn" if lang not in ("ru", "ar") else "Cyrl"))) == term


@pytest.mark.parametrize("text,lang,counts", [
    ("Следствие считает, что он получил 48 миллионов рублей за содействие в заключении контрактов.", "ru",
     {"bribe": "48000000"}),  # "миллионов" scales its digits
    ("He is suspected of receiving 48 million roubles from contractors.", "en", {"bribe": "48000000"}),
    ("Погибли 3 тысячи человек.", "ru", {"killed": "3000"}),
])
def test_money_taken_for_a_favour_is_a_bribe_and_russian_scales_hold(text, lang, counts):
    assert extract_counts(text, lang) == counts



@pytest.mark.parametrize("lang,text", [
    ("en", "Swedish authorities said four leaks were found on the pipelines off Ruritania."),
    ("de", "Insgesamt seien vier Lecks an den Leitungen entdeckt worden."),
    ("fr", "Quatre fuites ont été identifiées sur les gazoducs."),
    ("ru", "На газопроводах обнаружены четыре утечки газа."),
])
def test_leaks_found_are_counted(lang, text):
    assert extract_counts(text, lang).get("leaks") == "4", extract_counts(text, lang)


def test_a_leaked_document_or_a_leak_site_is_no_leak():
    assert "leaks" not in extract_counts("The newspaper published 40 leaked documents on Monday.", "en")
    assert "leaks" not in extract_counts("The group has listed 60 victims on its leak site.", "en")


def test_hours_are_a_term_and_a_part_is_none():
    from dossier.extract.cues import number_words
    from dossier.extract.units import term_of
    words = number_words(("ru",))
    assert term_of("покинуть страну в течение 72 часов", words) == "72 hours"
    assert term_of("по 2 части статьи", words) is None


@pytest.mark.parametrize("lang,text,slot", [
    ("en", "Rescuers pulled 35 people alive from the rubble.", "rescued"),
    ("es", "Los rescatistas sacaron con vida a 35 personas de los escombros.", "rescued"),
    ("de", "Mindestens 35 Menschen werden nach dem Hochwasser noch vermisst.", "missing"),
    ("ar", "لا يزال 35 شخصا على الأقل في عداد المفقودين.", "missing"),
])
def test_the_rescued_and_the_missing_are_counted_across_their_phrasing(lang, text, slot):
    assert extract_counts(text, lang).get(slot) == "35", extract_counts(text, lang)


@pytest.mark.parametrize("lang,text,value", [
    ("en", "A 7.8-magnitude earthquake struck the region.", "7.8"),
    ("ru", "Землетрясение магнитудой 7,7 произошло утром.", "7.7"),
    ("uk", "Стався землетрус силою 7,8 бала.", "7.8"),
    ("tr", "7,6 büyüklüğündeki deprem bölgeyi vurdu.", "7.6"),
    ("de", "Ein Erdbeben der Stärke 7,5 erschütterte die Region.", "7.5"),
    ("fr", "Un séisme de magnitude 7,8 a frappé la région.", "7.8"),
    ("es", "Un terremoto de magnitud 7,8 sacudió la región en 2023.", "7.8"),
    ("ar", "ضرب زلزال بقوة 7.8 درجات على مقياس ريختر المنطقة.", "7.8"),
])
def test_a_magnitude_keeps_its_decimal(lang, text, value):
    assert _magnitudes(text, lang) == [value]


def _magnitudes(text, lang):
    from dossier.extract.cues import event_spans, languages_for
    from dossier.extract.units import magnitudes_of
    from dossier.text.fold import fold_str
    folded = fold_str(text)
    return [v for _at, v in magnitudes_of(folded, event_spans(folded, languages_for(lang, None), "magnitude"))]


def test_no_magnitude_from_a_year_or_an_arabic_mark_whose_order_is_not_agreed():
    assert _magnitudes("In 2023, the magnitude of the disaster became clear.", "en") == []
    assert _magnitudes("بلغت قوته 7ر7 درجات على مقياس ريختر", "ar") == []


@pytest.mark.parametrize("lang,text,term", [
    ("en", "declared a state of emergency for three months", "3 months"),
    ("ru", "ввел чрезвычайное положение на три месяца", "3 months"),
    ("en", "the state of emergency declared three days ago", None),
    ("de", "vor drei Tagen wurde der Notstand ausgerufen", None),
    ("fr", "il y a trois jours", None),
    ("tr", "üç gün önce", None),
    ("de", "einen Ausnahmezustand von einer Dauer von bis zu sechs Monaten", None),
    ("tr", "altı aya kadar", None),
])
def test_a_term_is_how_long_not_when_nor_at_most(lang, text, term):
    from dossier.extract.cues import languages_for, number_words
    from dossier.extract.units import term_of
    from dossier.text.fold import fold_str
    assert term_of(fold_str(text), number_words(languages_for(lang, None))) == term


def test_the_martyred_are_counted_in_arabic():
    from dossier.extract.cues import extract_counts
    assert extract_counts("استشهد 12 شخصا في القصف", "ar").get("killed") == "12"
    assert extract_counts("ارتفع عدد الشهداء إلى 30 شهيدا", "ar").get("killed") == "30"


@pytest.mark.parametrize("lang,text,slot,count", [
    ("tr", "Depremde can kaybı 3 bin 549'a yükseldi", "killed", "3549"),
    ("tr", "hayatını kaybedenlerin sayısı 3.549'a yükseldi", "killed", "3549"),
    ("uk", "Кількість загиблих зросла до 5 тисяч", "killed", "5000"),
    ("uk", "Загинули понад 2,5 тис. людей", "killed", "2500"),
    ("uk", "загинули двоє людей", "killed", "2"),  # Ukrainian number words
    ("uk", "загинули п’ятеро людей", "killed", "5"),
    ("uk", "поранено триста людей", "injured", "300"),
    ("ru", "погибли более двухсот человек", "killed", "200"),  # hundreds in words
    ("de", "zweihundert Menschen starben", "killed", "200"),
    ("ar", "أجلينا نحو ألف شخص", "evacuated", "1000"),  # a thousand alone, and in the dual
    ("ar", "تم إجلاء ألفي شخص", "evacuated", "2000"),
])
def test_counts_in_turkish_ukrainian_and_written_hundreds_and_thousands(lang, text, slot, count):
    from dossier.extract.cues import extract_counts
    assert extract_counts(text, lang).get(slot) == count


@pytest.mark.parametrize("text,lang,slot,value", [
    ("Утром 5 августа 78 человек погибли и почти 4000 получили ранения.", "ru", "killed", "78"),
    ("On 5 August, 78 people were killed.", "en", "killed", "78"),
    ("On September 2, 12 people were killed.", "en", "killed", "12"),
    ("Le 4 août 2020, 135 personnes ont été tuées.", "fr", "killed", "135"),
])
def test_a_figure_after_a_full_date_is_a_count_not_its_day(text, lang, slot, value):
    assert extract_counts(text, lang).get(slot) == value


@pytest.mark.parametrize("text,lang", [("The toll on September 2 rose.", "en"), ("2 Eylül'de toplantı yapıldı.", "tr")])
def test_the_day_of_a_month_is_no_count(text, lang):
    assert extract_counts(text, lang) == {}


@pytest.mark.parametrize("text,lang", [
    ("Three people drowned in Capitalia.", "en"), ("Три человека утонули.", "ru"), ("Drei Menschen sind ertrunken.", "de"),
    ("Trois personnes se sont noyées.", "fr"), ("Tres personas murieron ahogadas.", "es"),
])
def test_the_drowned_are_dead(text, lang):
    assert extract_counts(text, lang).get("killed") == "3"


@pytest.mark.parametrize("text,lang,slot,value", [
    ("8 binden fazla kişi kurtarıldı.", "tr", "rescued", "8000"),
    ("Турецька поліція вже заарештувала 12 людей.", "uk", "arrested", "12"),
])
def test_thousands_with_a_case_ending_and_ukrainian_arrests(text, lang, slot, value):
    assert extract_counts(text, lang).get(slot) == value


@pytest.mark.parametrize("text,lang,slot,value", [
    ("Some 200,000-250,000 people were left homeless.", "en", "homeless", "250000"),
    ("200-250 bin kişi evsiz kaldı.", "tr", "homeless", "250000"),
    ("Some 10-12 people died.", "en", "killed", "12"),
    ("Between 200,000 and 250,000 people were left homeless.", "en", "homeless", "250000"),
])
def test_a_range_is_read_as_its_upper_bound(text, lang, slot, value):
    assert extract_counts(text, lang).get(slot) == value


def test_two_years_or_a_date_are_no_range():
    from dossier.extract.units import plain_figures
    assert plain_figures("head of the office 1995-2019") == "head of the office 1995-2019"
    assert plain_figures("on 2020-08-04") == "on 2020-08-04"


@pytest.mark.parametrize("text,lang", [
    ("Rettungsteams suchten nach dem Hubschrauber und den neun Insassen.", "de"),
    ("Helikopterde 9 kişi vardı.", "tr"), ("На борту було дев'ять людей.", "uk"),
])
def test_occupants_are_the_people_on_board(text, lang):
    assert extract_counts(text, lang).get("aboard") == "9"


@pytest.mark.parametrize("text", ["the 2020-21 season", "a score of 3-1", "2 killed and 5 injured"])
def test_falling_figures_a_season_or_a_list_are_no_range(text):
    from dossier.extract.units import plain_figures
    assert plain_figures(text) == text


@pytest.mark.parametrize("text,lang", [("Дев'ятеро людей загинули.", "uk"), ("Дев’ятеро людей загинули.", "uk"),
                                       ("Девятеро человек погибли.", "ru")])
def test_collective_number_words_count(text, lang):
    assert extract_counts(text, lang).get("killed") == "9"


def test_turkish_tolls_in_the_plural():
    assert extract_counts("Depremde 12 kişi hayatlarını kaybetti.", "tr").get("killed") == "12"


def test_two_figures_an_and_joins_stay_in_one_clause():
    from dossier.extract.cues import split_clauses
    text = "Capitalia'da meydana gelen 7.7 ve 7.6 büyüklüğündeki iki deprem yıkıma neden oldu."
    assert split_clauses(text, "tr", "Latn") == [(0, len(text))]


def test_a_run_of_digits_counts_nothing_and_breaks_nothing():
    from dossier.extract.units import plain_figures
    assert extract_counts("9" * 5000 + " people were killed.", "en") == {}
    assert plain_figures("9" * 5000 + "-" + "9" * 5000) == "9" * 5000 + "-" + "9" * 5000


@pytest.mark.parametrize("text, lang, slot, value", [
    # a toll that stands at a figure, death tolls in the plural
    ("Death tolls from the floods in Ruritania climbed to 4,512 by Tuesday.", "en", "killed", "4512"),
    ("The death toll in Capitalia stood at 57 on Friday.", "en", "killed", "57"),
    ("Die Zahl der Toten nach dem Sturm liegt inzwischen bei 1.204.", "de", "killed", "1204"),
    ("Die Zahl der Verletzten liegt bei 48.", "de", "injured", "48"),
    # the others after a list of names (the names are added where the actors are known)
    ("The blast killed Ana Silva, Bo Lee and four others.", "en", "killed", "4"),
    ("Ana Silva, Bo Lee et trois autres personnes sont mortes.", "fr", "killed", "3"),
    # a German verb bracket holding "und" between two places, and "weitere" after the figure
    ("Elf weitere Personen wurden am Montag in Capitalia und Zorblat festgenommen.", "de", "arrested", "11"),
    ("Der Landkreis ordnete die Evakuierung von etwa 3.400 Menschen an.", "de", "evacuated", "3400"),
    ("Am Abend wurden weitere 640 Anwohner fortgebracht.", "de", "evacuated", "640"),
    # "all ten of its crew" is the whole, no share; "under arrest"
    ("All 14 of the ferry's crew died in the sinking.", "en", "killed", "14"),
    ("Five men were under arrest on Sunday.", "en", "arrested", "5"),
    # a number word before thousands is still a figure
    ("قتل ثلاثة آلاف شخص", "ar", "killed", "3000"), ("погибли три тысячи человек", "ru", "killed", "3000"),
    ("загинули три тисячі людей", "uk", "killed", "3000"),
])
def test_the_figure_of_its_noun_across_the_words_between(text, lang, slot, value):
    assert extract_counts(text, lang).get(slot) == value


def test_a_figure_already_counted_is_not_taken_again_across_und():
    assert extract_counts("Zwei Menschen wurden getötet und Dutzende festgenommen.", "de") == {"killed": "2"}


@pytest.mark.parametrize("text, lang", [
    ("On binlerce kişi törene katıldı.", "tr"),          # tens of thousands: no figure of ten
    ("Yüz binlerce kişi evsiz kaldı.", "tr"),           # hundreds of thousands: no figure of a hundred
])
def test_a_number_word_before_a_vague_quantity_is_no_figure(text, lang):
    assert extract_counts(text, lang) == {}
