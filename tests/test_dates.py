"""dossier.extract.dates: parse_date and find_dates across languages."""
import re

import pytest

from dossier.extract.dates import find_dates, parse_date, periods


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


# --- ranges and durations ----------------------------------------------------------------

@pytest.mark.parametrize("text, language", [
    ("The director served from 1995 to 2019, when he was relieved of his post.", "en"),
    ("Он занимал пост с 1995 по 2019 год, когда был освобождён.", "ru"),
    ("1995-2019 yılları arasında genel müdürlük yaptı.", "tr"),
    ("1995-ci ildən 2019-cu ilə qədər direktor işləyib.", "az"),
    ("Er war von 1995 bis 2019 Direktor.", "de"),
    ("شغل المنصب من عام 1995 إلى عام 2019.", "ar"),
])
def test_a_range_is_no_event_date(text, language):
    """A period is stated, not a moment: neither end is the event's date."""
    assert find_dates(text, language, "2025-10-20") == []
    assert periods(text, language)


def test_dates_beside_a_range_or_a_list_stay():
    text = "Er war von 1995 bis 2019 Direktor und wurde am 9. Oktober 2025 verhaftet."
    assert _found(text, "de") == [("9. Oktober 2025", "2025-10-09", "day")]
    listed = "He was arrested on 9 October 2025 and released in 2019."
    assert [iso for _, iso, _ in _found(listed, "en")] == ["2025-10-09", "2019"]


def test_a_duration_is_no_event_date():
    text = "Prices rose for the past month, officials said on 3 May 2024."
    assert [iso for _, iso, _ in _found(text, "en", "2024-05-03")] == ["2024-05-03"]


# --- header lines: metadata, never title, quote or event date ----------------------------

def _extract(tmp_path, files):
    from dossier import pipeline
    from dossier.io import store
    src = tmp_path / "content" / "sources"
    src.mkdir(parents=True)
    for name, text in files.items():
        (src / name).write_text(text, encoding="utf-8")
    pipeline.extract(tmp_path)
    return store.load_records(tmp_path / "content"), tmp_path / "content" / "records"


def test_a_leading_date_line_is_the_publication_date_and_in_no_record(tmp_path):
    line = "date 2024-03-23 Fire at the central market kills twelve people in the capital overnight"
    body = ("The fire broke out at the central market on Friday night, the emergency ministry said. "
            "Twelve people were killed and 30 injured in the fire, according to officials.\n")
    prose_line = "date 2023-11-02 Twelve people were killed in a fire at the harbour, the port authority said."
    recs, folder = _extract(tmp_path, {"a.txt": f"{line}\n\n{body}", "b.txt": f"{prose_line}\n\n{body}"})
    assert (recs.sources["a"].published, recs.sources["a"].published_precision) == ("2024-03-23", "day")
    assert recs.sources["b"].published == "2023-11-02"
    assert recs.sources["a"].title == "Fire at the central market kills twelve people in the capital overnight"
    for path in folder.rglob("*.yml"):
        text = path.read_text(encoding="utf-8")
        # (a quote's selector `prefix` is the raw text before it, whatever that is)
        text = re.sub(r"\n  prefix: .*", "", text)
        assert "date 2024" not in text and "date 2023" not in text, path
    assert all(e.date != "2023-11-02" for c in recs.claims.values() for e in c.evidence)


def test_wire_datelines_and_labelled_dates_are_metadata(tmp_path):
    recs, _ = _extract(tmp_path, {
        "tass.txt": "MOSCOW, July 1. /TASS/. Twelve people were killed in a fire at the central market, "
                    "the emergency ministry said on Friday.\n",
        "ru.txt": "МОСКВА, 1 июля 2024. /ТАСС/. Двенадцать человек погибли при пожаре на центральном рынке, "
                  "сообщили в министерстве.\n",
        "pub.txt": "Published: 12 March 2024 10:15 GMT The mayor opened the new bridge over the river on "
                   "Tuesday, the city said.\n",
    })
    assert recs.sources["tass"].publisher == "TASS" and recs.sources["tass"].published is None
    assert (recs.sources["ru"].publisher, recs.sources["ru"].published) == ("ТАСС", "2024-07-01")
    assert recs.sources["pub"].published == "2024-03-12"
    quotes = [e.quote for c in recs.claims.values() for e in c.evidence]
    assert quotes and not any("TASS" in q or "ТАСС" in q or "Published" in q or "10:15" in q for q in quotes)
    names = {a.name for a in recs.actors.values()}
    assert not names & {"MOSCOW", "Moscow", "МОСКВА", "Москва"}


def test_outlet_beside_the_date_line_is_the_publisher(tmp_path):
    recs, _ = _extract(tmp_path, {"c.txt": "Feribot battı: 6 ölü\n\nÇanakkale Postası | 18 Temmuz 2026\n\n"
                                           "Kabatepe'den Gökçeada'ya sefer yapan yolcu feribotu cumartesi günü fırtına "
                                           "nedeniyle battı, Sahil Güvenlik Komutanlığı açıkladı.\n"})
    assert (recs.sources["c"].publisher, recs.sources["c"].published) == ("Çanakkale Postası", "2026-07-18")


def test_a_night_between_two_days_is_its_later_day():
    ref = "2026-11-04"  # a Wednesday
    assert [d[2] for d in find_dates("dans la nuit de dimanche à lundi, qui", "fr", ref)] == ["2026-11-02"]
    assert [d[2] for d in find_dates("la noche del domingo al lunes", "es", ref)] == ["2026-11-02"]
    assert find_dates("du dimanche au lundi, le musée ferme", "fr", ref) == []  # a range, not a night


def test_a_turkish_weekday_with_a_time_of_day_is_a_date():
    ref = "2026-11-04"
    assert [d[2] for d in find_dates("Pazartesi sabaha karşı başlayan saldırı", "tr", ref)] == ["2026-11-02"]
    assert [d[2] for d in find_dates("Patlama pazartesi gecesi meydana geldi", "tr", ref)] == ["2026-11-02"]
    assert find_dates("Pazar yerinde kalabalık vardı", "tr", ref) == []  # "pazar": a market
