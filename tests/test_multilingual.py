"""Cues and name keys per language (en, tr, az, ar, ru, de) for unseen text.

General vocabulary only: the sentences and names here are made up (or common names) and
do not come from the sample documents.
"""
from __future__ import annotations

import pytest

from dossier.extract import cues
from dossier.extract import dates
from dossier.extract.mentions import nominative
from dossier.text.names import name_key, same_name
from tests.test_claims import evidence

AGENCY = {"Interfax": ("interfax", "outlet"), "Ivan Petrov": ("ivan-petrov", "person"), "Petrov": ("ivan-petrov", "person"),
          "Petrova": ("ivan-petrov", "person"), "Petrovun": ("ivan-petrov", "person")}


# --- names: spellings that must meet, and names that must stay apart -------------------

@pytest.mark.parametrize("a, b", [
    ("Mechtijew", "Mekhtiyev"),          # de: ch before a consonant is kh, j a glide, w a v
    ("Ramis Mechtijew", "Ramiz Mekhtiyev"),
    ("Schewtschenko", "Shevchenko"),     # de: sch / tsch
    ("Мехтиев", "Mehdiyev"),             # ru / az
    ("Мехтиев", "مختييف"),               # ru / ar
    ("Alijew", "Aliyev"),
    ("Wladimir", "Vladimir"),
    ("Ильхам", "İlham"),
    ("فلاديمير", "Vladimir"),             # ar: vowels may be left out but agree in order
    ("فولوديمير", "Volodymyr"),
    ("نوفايا غازيتا", "Novaya Gazeta"),   # ar ya for e, ya before a vowel a glide
    ("بيسكوف", "Peskov"),
    ("إلهام", "Ilham"),                  # the vowel of an initial alif is not written
])
def test_same_name_across_scripts(a, b):
    assert name_key(a) == name_key(b)
    assert same_name(a, b)


@pytest.mark.parametrize("a, b", [
    ("Putin", "Peskov"), ("Путин", "Песков"), ("بوتين", "بيسكوف"), ("Putin", "Песков"),
    ("Ilham Aliyev", "Heydar Aliyev"), ("Ильхам Алиев", "Гейдар Алиев"), ("إلهام علييف", "حيدر علييف"),
    ("İlham Əliyev", "Heydər Əliyev"),
    ("Vladimir", "Volodymyr"), ("Владимир", "Володимир"), ("Владимир", "Volodymyr"),
    ("فلاديمير", "Volodymyr"), ("فولوديمير", "Vladimir"), ("فولوديمير", "فلاديمير"),
    ("Mitchell", "Mikhell"),
])
def test_names_that_must_not_merge(a, b):
    assert not same_name(a, b)


@pytest.mark.parametrize("words, lang, expected", [
    (["Ильхаму", "Алиеву"], "ru", ["Ильхам", "Алиев"]),      # dative: the first name agrees
    (["Ильхамом", "Алиевым"], "ru", ["Ильхам", "Алиев"]),    # instrumental
    (["Анна", "Петрова"], "ru", ["Анна", "Петрова"]),        # a nominative name stays, gender kept
    (["Анной", "Петровой"], "ru", ["Анна", "Петрова"]),      # feminine instrumental
    (["Ильхама", "Алиева"], "ru", ["Ильхам", "Алиев"]),      # genitive, which -а alone cannot tell
    (["İlham", "Əliyevi"], "az", ["İlham", "Əliyev"]),        # accusative without apostrophe
    (["Ramiz", "Mehdiyevə"], "az", ["Ramiz", "Mehdiyev"]),    # dative
    (["Ramiz", "Mehdiyevin"], "az", ["Ramiz", "Mehdiyev"]),   # genitive
    (["Zelenski"], "az", ["Zelenski"]),                       # a name ending in -i keeps it
])
def test_case_endings_are_removed(words, lang, expected):
    assert nominative(words, lang) == expected


# --- attribution: "X reported that ...", "the newspaper said" ---------------------------

@pytest.mark.parametrize("lang, text", [
    ("en", "Interfax reported on Thursday that Ivan Petrov was arrested."),
    ("ru", "Агентство Interfax сообщило в четверг, что Ivan Petrov был арестован."),
    ("de", "Interfax berichtete am Donnerstag, dass Ivan Petrov festgenommen wurde."),
    ("az", "Interfax bildirib ki, Ivan Petrov həbs edilib."),
    ("tr", "Interfax, Ivan Petrov'un tutuklandığını bildirdi."),
    ("ar", "ذكرت Interfax أن Ivan Petrov اعتقل."),
])
def test_the_speaker_is_not_the_subject_of_the_reported_clause(lang, text):
    found = evidence("d", text, lang, AGENCY)
    arrested = [c for c in found if c.event == "arrested"]
    assert arrested and arrested[0].attributed_to == "interfax", [(c.event, c.attributed_to) for c in found]


def test_reporting_verb_before_that_is_not_an_event_of_informing():
    assert cues.detect_events("Агентство сообщило, что министр арестован.", "ru")[0] == "arrested"
    assert cues.detect_events("Министр сообщил коллеге о заговоре.", "ru")[0] == "informed"


NAMES = {"Interfax": ("interfax", "outlet"), "Kommersant": ("kommersant", "outlet"),
         "Bild": ("bild", "outlet"), "dpa": ("dpa", "outlet"), "Ivan Petrov": ("ivan-petrov", "person"),
         "Petrov": ("ivan-petrov", "person")}


@pytest.mark.parametrize("lang, text", [
    ("ru", "Об этом написала газета Kommersant, ссылаясь на агентство Interfax. "
           "Как утверждает газета, Petrov был арестован."),
    ("de", "Das schrieb die Zeitung Kommersant unter Berufung auf die Agentur Interfax. "
           "Am Montag berichtete die Zeitung, Petrov sei festgenommen worden."),
    ("en", "The newspaper Kommersant wrote this, citing the agency Interfax. "
           "According to the newspaper, Petrov was arrested."),
])
def test_the_newspaper_said_refers_to_the_last_newspaper_not_the_last_agency(lang, text):
    found = evidence("d", text, lang, NAMES)
    arrested = [c for c in found if c.event == "arrested"]
    assert arrested and arrested[0].attributed_to == "kommersant"


# --- negation and manner -----------------------------------------------------------------

@pytest.mark.parametrize("lang, text, negated", [
    ("de", "Der Präsident hat die Verantwortung nicht übernommen.", True),
    ("de", "Der Präsident hat die Verantwortung übernommen.", False),
    ("ru", "Президент извинился, однако не признал ответственность.", True),
    ("ru", "Президент признал ответственность.", False),
    ("az", "Prezident məsuliyyəti qəbul etmədi.", True),
    ("en", "He stopped short of admitting responsibility.", True),
    ("tr", "Cumhurbaşkanı sorumluluğu kabul etmedi.", True),
    ("ar", "لكنه لم يعترف بالمسؤولية.", True),
])
def test_negation_of_responsibility(lang, text, negated):
    assert cues.is_negated(text, lang, event="accepted responsibility") is negated


def test_a_dropped_subject_after_a_comma_keeps_the_person():
    text = "Ivan Petrov извинился перед Interfax, однако не признал ответственность России."
    found = evidence("d", text, "ru", {"Ivan Petrov": ("ivan-petrov", "person"), "России": ("russia", "state")})
    denial = [c for c in found if c.event == "accepted responsibility"]
    assert denial and denial[0].stance == "denies" and "ivan-petrov" in denial[0].actors


@pytest.mark.parametrize("lang, text", [
    ("ru", "Президент лично предупредил коллегу."),
    ("de", "Der Präsident warnte ihn persönlich."),
])
def test_personally_is_not_a_meeting(lang, text):
    assert cues.extract_manner(text, lang) is None


@pytest.mark.parametrize("lang, text", [
    ("az", "Raket təyyarəni vurub."),
    ("tr", "Hava savunması uçağı vurmuş."),
    ("ru", "ПВО сбила самолет."),
    ("de", "Die Luftabwehr hat das Flugzeug abgeschossen."),
])
def test_shot_down_per_language(lang, text):
    assert cues.detect_events(text, lang)[0] == "shot down"


# --- relative dates ------------------------------------------------------------------------

@pytest.mark.parametrize("lang, text, surface", [
    ("en", "The agency reported on Thursday.", "Thursday"),
    ("en", "He was warned earlier this month.", "earlier this month"),
    ("ru", "Агентство сообщило в четверг.", "четверг"),
    ("de", "Am Donnerstag berichtete die Zeitung.", "Donnerstag"),
    ("tr", "Ajans perşembe günü bildirdi.", "perşembe"),
])
def test_relative_dates_without_a_reference_are_unresolved(lang, text, surface):
    found = dates.unresolved(text, lang, None)
    assert [s for _, _, s in found] and surface in " ".join(s for _, _, s in found)
    # a stated publication date resolves them
    assert dates.unresolved(text, lang, "2025-10-20") == []


def test_a_year_only_reference_leaves_weekdays_unresolved():
    assert [s for _, _, s in dates.unresolved("It happened on Thursday.", "en", "2025")] == ["Thursday"]
    assert dates.unresolved("It happened on 3 May 2024.", "en", None) == []  # full dates need nothing


@pytest.mark.parametrize("lang, text, date", [
    ("en", "Interfax reported on Thursday that Ivan Petrov was arrested on Monday.", "2025-10-13"),
    ("en", "Interfax reported on Thursday that Ivan Petrov was arrested.", None),
    ("ru", "Агентство Interfax сообщило в четверг, что Ivan Petrov был арестован.", None),
    ("en", "Ivan Petrov was arrested on Thursday.", "2025-10-16"),
])
def test_the_date_of_a_report_is_not_the_date_of_the_event(lang, text, date):
    found = evidence("d", text, lang, AGENCY)  # published Sunday 2025-10-19
    arrested = [c for c in found if c.event == "arrested"]
    assert arrested and arrested[0].date == date


@pytest.mark.parametrize("lang, text", [
    ("en", "Police detained Ivan Petrov on Thursday after a protest outside parliament, his party said."),
    ("ru", "Полиция задержала Ivan Petrov после акции протеста у здания парламента, сообщила его партия."),
])
def test_a_name_far_before_the_reporting_verb_is_not_the_speaker(lang, text):
    found = evidence("d", text, lang, AGENCY)
    arrested = [c for c in found if c.event == "arrested"]
    assert arrested and arrested[0].attributed_to is None  # "his party": no named speaker


def test_a_reporting_tag_after_a_comma_is_not_an_event():
    assert cues.detect_events("Полиция задержала лидера оппозиции, сообщила его партия.", "ru") == ["arrested"]


@pytest.mark.parametrize("lang, text", [
    ("ar", "أعلنت وكالة الأنباء الروريتانية Interfax أن Ivan Petrov اعتقل."),
    ("en", "Said the Ruritanian agency Interfax: Ivan Petrov was arrested."),
])
def test_a_demonym_before_the_outlet_does_not_hide_the_speaker(lang, text):
    names = dict(AGENCY, **{"الروريتانية": ("ruritania", "state"), "Ruritanian": ("ruritania", "state")})
    found = evidence("d", text, lang, names)
    arrested = [c for c in found if c.event == "arrested"]
    assert arrested and arrested[0].attributed_to == "interfax"


@pytest.mark.parametrize("lang, text", [
    ("en", "He was arrested last week."), ("tr", "Geçen hafta gözaltına alındı."),
    ("az", "Keçən həftə həbs edildi."), ("ru", "Его задержали на прошлой неделе."),
    ("de", "Er wurde letzte Woche festgenommen."), ("ar", "اعتقل الأسبوع الماضي."),
])
def test_last_week_resolves_to_its_month_or_stays_unresolved(lang, text):
    # published Monday 20 October 2025: last week is 13-19 October
    assert [d[2:] for d in dates.find_dates(text, lang, "2025-10-20")] == [("2025-10", "month")]
    # published Monday 6 October 2025: last week spans September and October
    assert dates.find_dates(text, lang, "2025-10-06") == []
    assert len(dates.unresolved(text, lang, "2025-10-06")) == 1


@pytest.mark.parametrize("lang, text", [
    ("de", "Laut der Zeitung Bild wurde Ivan Petrov festgenommen."),
    ("en", "According to the newspaper Bild, Ivan Petrov was arrested."),
])
def test_a_newspaper_named_right_after_the_noun_is_not_anaphoric(lang, text):
    found = evidence("d", "Interfax reported the raid. " + text, lang, NAMES)
    arrested = [c for c in found if c.event == "arrested"]
    assert arrested and arrested[0].attributed_to == "bild"
