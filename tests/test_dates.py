"""dossier.extract.dates: parse_date and find_dates across languages."""
import pytest

from dossier.extract.dates import find_dates, parse_date


@pytest.mark.parametrize("text, languages, expected", [
    ("19th, October 2025 GMT", ["ar"], ("2025-10-19", "day")),
    ("2025-10-19", ["tr"], ("2025-10-19", "day")),
    ("21-10-2025 | 06:45", ["ar"], ("2025-10-21", "day")),
    ("10/19/2025 7:20:00 PM", ["ar"], ("2025-10-19", "day")),
    ("9 October 2025", ["en"], ("2025-10-09", "day")),
    ("25 ديسمبر 2024", ["ar"], ("2024-12-25", "day")),
    ("aralık 2024", ["tr"], ("2024-12", "month")),
    ("October 2025", ["en"], ("2025-10", "month")),
    ("9 октября 2025 г.", ["ru"], ("2025-10-09", "day")),
    ("Donnerstag, 9. Oktober 2025", ["de"], ("2025-10-09", "day")),
    ("9 oktyabr 2025", ["az"], ("2025-10-09", "day")),
    ("9.10.2025", ["de"], ("2025-10-09", "day")),
])
def test_parse_date(text, languages, expected):
    assert parse_date(text, languages) == expected


@pytest.mark.parametrize("text", ["87", "2000", "38", " 12 ", "", "9 October", "hello world"])
def test_parse_date_rejects_bare_numbers_and_yearless(text):
    assert parse_date(text, ["en"]) is None


def test_parse_date_bare_year_only_when_allowed():
    assert parse_date("2020", ["en"], allow_bare_number=True) == ("2020", "year")
    assert parse_date("87", ["en"], allow_bare_number=True) is None


def _found(text, language, reference=None):
    return [(text[s:e], iso, prec) for s, e, iso, prec in find_dates(text, language, reference)]


def test_find_full_dates_with_offsets():
    text = "Putin met Aliyev in Dushanbe on 9 October 2025, officials said."
    (s, e, iso, prec), = find_dates(text, "en")
    assert text[s:e] == "9 October 2025" and (iso, prec) == ("2025-10-09", "day")


def test_find_arabic_dates():
    text = "في 25 ديسمبر ، 2024 ، تحطمت طائرة، وفي كانون الأول/ديسمبر 2024 أيضا، منذ عام 2020."
    found = _found(text, "ar")
    assert ("25 ديسمبر ، 2024", "2024-12-25", "day") in found
    assert ("كانون الأول/ديسمبر 2024", "2024-12", "month") in found
    assert ("2020", "2020", "year") in found


def test_relative_dates_need_a_reference():
    text = "It emerged earlier this month, APA reported on Thursday, after a crash in December."
    assert _found(text, "en") == []
    found = _found(text, "en", "2025-10-23")
    assert ("earlier this month", "2025-10", "month") in found
    assert ("Thursday", "2025-10-23", "day") in found  # the reference day is a Thursday
    assert ("in December", "2024-12", "month") in found  # most recent December not after it


def test_month_cues_in_several_languages():
    ref = "2025-10-19"
    assert ("geçtiğimiz aralık ayında", "2024-12", "month") in _found("İddialar geçtiğimiz aralık ayında ortaya çıktı.", "tr", ref)
    assert ("haziran ayında", "2025-06", "month") in _found("haziran ayında Rusya'da", "tr", ref)
    assert ("نهاية يونيو", "2025-06", "month") in _found("في يكاترينبورغ نهاية يونيو، رغم ذلك", "ar", ref)
    assert ("في ديسمبر الماضي", "2024-12", "month") in _found("سقطت طائرة في ديسمبر الماضي.", "ar", ref)
    assert ("late June", "2025-06", "month") in _found("arrested in late June.", "en", ref)
    assert ("в декабре", "2024-12", "month") in _found("Самолёт разбился в декабре.", "ru", ref)
    assert ("im Dezember", "2024-12", "month") in _found("Das Flugzeug stürzte im Dezember ab.", "de", ref)


def test_month_only_in_the_reference_month_is_that_month():
    assert _found("in October", "en", "2025-10-19") == [("in October", "2025-10", "month")]
    assert _found("last October", "en", "2025-10-19") == [("last October", "2024-10", "month")]


def test_weekday_resolution_is_most_recent_not_after():
    # 2025-10-19 is a Sunday: Thursday is three days earlier.
    assert ("Perşembe günü", "2025-10-16", "day") in _found("Perşembe günü açıklandı.", "tr", "2025-10-19")
    assert ("يوم الاثنين", "2025-10-13", "day") in _found("سيزور إسرائيل يوم الاثنين", "ar", "2025-10-19")
    # Turkish "cuma" (also "Friday prayer") needs "günü".
    assert _found("Cuma namazı kılındı.", "tr", "2025-10-19") == []


def test_english_may_is_not_a_month_when_lowercase():
    assert _found("Officials may resign in 2020.", "en", "2025-10-19") == [("2020", "2020", "year")]


def test_years_need_a_cue():
    assert _found("killing 38 people, 2000 troops", "en", "2025-10-19") == []
    assert ("2020 yılında", "2020", "year") in _found("2020 yılında savaş", "tr")
    assert ("2020", "2020", "year") in _found("в 2020 году", "ru")


def test_find_dates_is_deterministic_and_sorted():
    text = "Am 9. Oktober 2025 und im Dezember, am Donnerstag, im Jahr 2020 und gestern."
    first = find_dates(text, "de", "2025-10-19")
    assert first == find_dates(text, "de", "2025-10-19")
    assert first == sorted(first)
    for s, e, iso, prec in first:
        assert prec in ("day", "month", "year") and 0 <= s < e <= len(text)
