"""Persian: its own words for the main events and counts, verb-final word order, titles, and
Arabic's lexicons for the rest (languages.py `related`). Invented names only."""
from __future__ import annotations

import pytest

from dossier import pipeline
from dossier.extract import cues, stories
from dossier.io.safe_yaml import load_yaml_text
from dossier.text.fold import fold_case
from tests.claims_on_names import Names

NAMES = {"ana": ("Ana Silva", "person"), "bo": ("Bo Lee", "person")}
SURFACES = {"آنا سیلوا": "ana", "بو لی": "bo"}
_NAMES = Names(NAMES, SURFACES)


def framed(*specs):
    return {(c.frame.predicate, c.frame.subject, c.frame.object, tuple(e.value for e in c.evidence))
            for c in _NAMES.claims(*specs) if c.frame is not None and c.statement_from != "quote"}


@pytest.mark.parametrize("text,expected", [
    ("در این حادثه ۹ نفر کشته شدند.", {"killed": "9"}),
    ("نه نفر در این سانحه جان باختند.", {"killed": "9"}),
    ("۱۲ نفر زخمی شدند.", {"injured": "12"}),
    ("پلیس ۳ نفر را بازداشت کرد.", {"arrested": "3"}),
    ("دولت پنج روز عزای عمومی اعلام کرد.", {"mourning": "5"}),
])
def test_persian_counts(text, expected):
    assert cues.extract_counts(text, "fa") == expected


@pytest.mark.parametrize("text", [
    "آنا سیلوا در سقوط بالگرد جان باخت.",               # verb-final: the one who died comes first
    "آنا سیلوا و بو لی در سقوط هلیکوپتر جان باختند.",   # a list, the verb six words on
    # the verb far from the name: the first named after "که" is the subject
    "پلیس اعلام کرد که آنا سیلوا، وزیر پیشین و نماینده مجلس، و دو نفر دیگر در آتش سوزی جان باختند.",
])
def test_who_died_is_named_before_the_verb(text):
    assert ("killed", "ana", None, ("yes",)) in framed(("d1", text, "fa"))


def test_one_named_far_before_the_verb_but_marked_by_ra_is_no_subject():
    found = framed(("d1", "گزارش شد که آنا سیلوا را پس از حادثه در آتش سوزی جان باختند.", "fa"))
    assert not any(p == "killed" and s == "ana" for p, s, _o, _v in found), found


def test_the_object_marked_by_ra_is_the_one_detained():
    found = framed(("d1", "پلیس آنا سیلوا را بازداشت کرد.", "fa"))
    assert ("arrested", "ana", None, ("yes",)) in found


def test_a_death_told_as_a_noun_is_a_fact_beside_the_clause():
    found = framed(("d1", "پس از شهادت آنا سیلوا، پنج روز عزای عمومی اعلام شد.", "fa"))
    assert ("killed", "ana", None, ("yes",)) in found


def test_persian_letters_fold_to_their_arabic_forms():
    # Persian ye and kaf, one code point each: offsets stay, and spellings of one name meet
    assert fold_case("ابراهیم رئیسی کرمانی") == "ابراهيم رئيسي كرماني"


def test_a_persian_title_finds_the_name_and_the_arabic_spelling_joins_it(tmp_path, monkeypatch):
    monkeypatch.setenv("DOSSIER_CACHE", "0")
    sources = tmp_path / "content" / "sources"
    sources.mkdir(parents=True)
    (sources / "a-fa.md").write_text("---\ntitle: A\nlanguage: fa\n---\n\n"
                                     "رئیس جمهور کارلو ریکی در سقوط بالگرد جان باخت.\n", encoding="utf-8")
    (sources / "b-ar.md").write_text("---\ntitle: B\nlanguage: ar\n---\n\n"
                                     "أعلنت الحكومة وفاة الرئيس كارلو ريكي في تحطم مروحية.\n", encoding="utf-8")
    pipeline.extract(tmp_path)
    records = tmp_path / "content" / "records"
    killed = [load_yaml_text(p.read_text(encoding="utf-8"), p.name) for p in (records / "claims").glob("*.yml")]
    killed = [c for c in killed if (c.get("frame") or {}).get("predicate") == "killed"]
    assert len(killed) == 1 and {e["source"] for e in killed[0]["evidence"]} == {"a-fa", "b-ar"}


def test_words_after_a_persian_title_that_are_no_name_make_no_actor(tmp_path, monkeypatch):
    """Persian has no capitals: "رئیس جمهور که دیروز ..." (the president who yesterday) names no
    one; a title written joined, its half-space lost ("رئیسجمهور"), is still a title."""
    monkeypatch.setenv("DOSSIER_CACHE", "0")
    sources = tmp_path / "content" / "sources"
    sources.mkdir(parents=True)
    (sources / "a-fa.md").write_text("---\ntitle: A\nlanguage: fa\n---\n\n"
                                     "رئیس جمهور که دیروز به تبریز رفت در سقوط بالگرد جان باخت.\n\n"
                                     "اطلاعیه رئیس جمهور منتشر شد.\n\n"
                                     "رئیسجمهور کارلو ریکی در سقوط بالگرد جان باخت.\n", encoding="utf-8")
    (sources / "b-fa.md").write_text("---\ntitle: B\nlanguage: fa\n---\n\n"
                                     "رئیسجمهور کارلو ریکی به تبریز رفت.\n", encoding="utf-8")
    pipeline.extract(tmp_path)
    names = {load_yaml_text(p.read_text(encoding="utf-8"), p.name)["name"]
             for p in (tmp_path / "content" / "records" / "actors").glob("*.yml")}
    assert "کارلو ریکی" in names or "Karlo Riki" in names or any("ریکی" in n for n in names), names
    assert not any(w in n for n in names for w in ("که", "دیروز", "منتشر")), names


def test_a_name_before_its_title_is_a_person():
    """"X Y، رئیس جمهور", "X Y وزیر امور خارجه": two name words right before a whole title,
    opening a clause or a list, are a person; a phrase before a title mid-clause is not."""
    from dossier.extract import mentions
    from dossier.model import Document, Sentence, Source

    def found(text):
        src = Source(id="a", path="x", sha256="0" * 64, language="fa", title=None, publisher=None, author=None,
                     published=None, published_precision=None, url=None)
        doc = Document(src, text, [Sentence(0, len(text), text, "fa", "Arab")])
        return {(c.text, c.title) for c in mentions.find_mentions(doc) if c.kind == "person"}

    assert found("دولت تایید کرد که کارلو ریکی، رئیس جمهور این کشور، و مارکو بلان وزیر امور خارجه در سقوط بالگرد "
                 "جان باختند.") == {("کارلو ریکی", "رئیس جمهور"), ("مارکو بلان", "وزیر امور خارجه")}
    assert found("در سقوط هلیکوپتر وزیر امور خارجه جان باخت.") == set()


def test_an_arabic_cue_that_is_another_persian_word_is_not_read_in_persian():
    # Arabic "توسط" is mediation; Persian "توسط" is "by"
    assert "mediated" in cues.detect_events("وتم الاتفاق بتوسط الرئيس.", "ar")
    assert "mediated" not in cues.detect_events("این خبر توسط خبرگزاری منتشر شد.", "fa")
    # Arabic "انقلاب" is a coup; Persian "انقلاب" is a revolution ("رهبر انقلاب"), a coup "کودتا"
    assert "the coup attempt" in stories.nouns("أحبطت السلطات محاولة الانقلاب.", "", "ar")
    assert "the coup attempt" not in stories.nouns("رهبر انقلاب پنج روز عزای عمومی اعلام کرد.", "", "fa")
    assert "coup" not in cues.detect_events("رهبر انقلاب پنج روز عزای عمومی اعلام کرد.", "fa")
    assert "the coup attempt" in stories.nouns("ارتش از کودتا جلوگیری کرد.", "", "fa")


@pytest.mark.parametrize("text", [
    "در صورت فوت رئیس جمهور، معاون اول اختیارات وی را بر عهده می گیرد.",   # a condition
    "ممکن است شمار کشته شدگان افزایش یابد.",                                # a possibility
])
def test_persian_hedges_state_no_fact(text):
    from dossier.extract.hedges import hedged_text
    assert hedged_text(text, "fa", "Arab")


def test_a_negative_verb_prefix_denies():
    # "کشته نشد": was not killed
    assert ("killed", "ana", None, ("no",)) in framed(("d1", "آنا سیلوا در این حادثه کشته نشد.", "fa"))


def test_mottaham_kard_is_blame_not_a_charge():
    # Arabic "متهم" is a defendant (charged); Persian "متهم کرد" is "accused"
    found = framed(("d1", "آنا سیلوا بو لی را متهم کرد.", "fa"))
    assert {p for p, *_rest in found} == {"accused"}, found
