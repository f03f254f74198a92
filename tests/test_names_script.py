"""Names in Arabic script and Cyrillic that several documents give become one actor each
(invented names throughout): short Arabic names next to their Latin twin, the ج/ق = g
convention, "عبد X" as one name part, Russian institutions in a case form and compound
abbreviations in lower case; and what must stay apart."""
from __future__ import annotations

import pytest

from dossier.extract.mentions import find_mentions
from dossier.text import morph
from dossier.text.names import name_keys, one_part, same_name, spellings
from tests.test_actors import make_doc, owner, resolve_texts


# ---- keys and readings ------------------------------------------------------------------

@pytest.mark.parametrize("arabic, latin", [
    ("فاجرين", "Vagrin"),  # ج for the g sound (Egyptian/Gulf usage) = غ elsewhere
    ("فاغرين", "Vagrin"),
    ("قوردان", "Gordan"),  # ق for g
    ("جمال", "Gamal"),
    ("جمال", "Jamal"),  # and ج keeps its own reading
    ("عبد الحكيمي", "Abdolhakimi"),  # عبد + X is one name part
    ("سان مارتيان", "Saint-Martian"),  # French Saint is written as it sounds
    ("ريون", "Ryon"),  # ya before waw is a glide: not a diphthong "Rin"
])
def test_arabic_readings_meet_latin_names(arabic, latin):
    assert set(name_keys(arabic)) & set(name_keys(latin))
    assert same_name(arabic, latin)


@pytest.mark.parametrize("arabic, latin", [
    ("فاجرين", "Vugrin"),  # the vowels still have to fit
    ("عبد الحكيمي", "Hakimi"),  # the servant-of part is no article to drop
    ("سان مارتيان", "Saint-Morton"),
])
def test_arabic_readings_keep_other_names_apart(arabic, latin):
    assert not same_name(arabic, latin)


def test_another_reading_needs_three_consonants():
    # a place whose German reading (J as a glide) leaves two consonants is no Arabic surname
    assert not same_name("علييف", "Jelfa")
    assert same_name("Jewgeni", "Евгений")  # three are enough


def test_one_part_joins_only_abd():
    assert one_part("عبد الحكيمي") == "عبدالحكيمي"
    assert one_part("نادر عبد الحكيمي") == "نادر عبدالحكيمي"
    assert one_part("عبدالله") == "عبدالله"
    assert one_part("نادر حكيمي") == "نادر حكيمي"
    assert "عبدالحكيمي" in spellings("عبد الحكيمي")


# ---- short Arabic names whose twin the dossier holds --------------------------------------

def test_short_arabic_place_after_a_place_noun_joins_its_twin():
    _, _, acts, _ = resolve_texts({
        "en": ("Police in Vesk arrested two men on Monday. The mayor of Vesk said the city was calm.", "en"),
        "ru": ("Полиция города Веск задержала двоих мужчин.", "ru"),
        "ar": ("اعتقلت الشرطة في مدينة فيسك رجلين يوم الاثنين.", "ar"),
    })
    assert owner(acts, "فيسك").id == owner(acts, "Vesk").id


def test_short_arabic_place_before_a_state_adjective_joins_its_twin():
    _, _, acts, _ = resolve_texts({
        "en": ("A fire broke out in Ryon overnight. Firefighters in Ryon said the blaze was out.", "fr"),
        "ar": ("اندلع حريق في ريون الفرنسية ليلة الأحد.", "ar"),
    })
    ryon = owner(acts, "ريون")
    assert ryon.id == owner(acts, "Ryon").id and ryon.kind == "place"


def test_short_arabic_word_outside_a_name_position_is_no_name():
    _, mentions, _, _ = resolve_texts({
        "en": ("A fire broke out in Ryon overnight. Firefighters in Ryon said the blaze was out.", "en"),
        "ar": ("قال ريون إن الحريق انتهى.", "ar"),
    })
    assert not [m for m in mentions if m.source == "ar" and m.name == "ريون"]


@pytest.mark.parametrize("text", [
    "ونقلت الصحيفة عن المتحدث باسم الوزارة قوله إن المفاوضات مستمرة.",  # "quoted the spokesman as saying"
    "وقال المتحدث إن الوزير ملزم بتقديم تقرير.",  # "the minister is obliged to report"
])
def test_an_arabic_word_of_saying_or_obligation_after_a_title_is_no_name(text):
    doc = make_doc("ar", text, "ar")
    assert not [m for m in find_mentions(doc) if m.kind == "person"], [m.name for m in find_mentions(doc)]


def test_short_arabic_word_never_takes_a_persons_surname():
    # "Ryon" is only a person here: an Arabic place of that spelling is not them
    _, _, acts, _ = resolve_texts({
        "en": ("Minister Paul Ryon resigned. Paul Ryon denied the charges.", "en"),
        "ar": ("اندلع حريق في مدينة ريون ليلة الأحد.", "ar"),
    })
    ryon = [a for a in acts if any(m.text == "ريون" for m in a.mentions)]
    assert not ryon or ryon[0].id != owner(acts, "Paul Ryon").id


def test_arabic_g_spelling_of_a_group_joins_it():
    _, _, acts, _ = resolve_texts({
        "en": ("Fighters of the Vagrin group left the city. Vagrin said its men were safe.", "en"),
        "ar1": ("غادر مقاتلو فاغرين المدينة.", "ar"),
        "ar2": ("قالت فاجرين إن رجالها بخير.", "ar"),
    })
    assert owner(acts, "فاجرين").id == owner(acts, "Vagrin").id == owner(acts, "فاغرين").id


def test_abd_surname_alone_joins_the_person():
    _, _, acts, _ = resolve_texts({
        "en": ("Foreign minister Nader Abdolhakimi arrived in the capital. Abdolhakimi met officials.", "en"),
        "ar": ("وصرح عبد الحكيمي للصحفيين بأن المحادثات كانت مثمرة.", "ar"),
    })
    assert owner(acts, "عبد الحكيمي").id == owner(acts, "Nader Abdolhakimi").id


def test_abd_surname_shared_by_two_people_stays_apart():
    _, _, acts, _ = resolve_texts({
        "en": ("Nader Abdolhakimi and his brother Sami Abdolhakimi were arrested. "
               "Nader Abdolhakimi denied it. Sami Abdolhakimi said nothing.", "en"),
        "ar": ("وصرح عبد الحكيمي للصحفيين بأن التهم باطلة.", "ar"),
    })
    assert owner(acts, "Nader Abdolhakimi").id != owner(acts, "Sami Abdolhakimi").id
    hits = [a for a in acts if any(m.text == "عبد الحكيمي" for m in a.mentions)]
    assert not hits or hits[0].id not in {owner(acts, "Nader Abdolhakimi").id, owner(acts, "Sami Abdolhakimi").id}


def test_abd_name_part_after_a_title_is_read_whole():
    doc = make_doc("ar", "وقال وزير الخارجية نادر أمير عبد الحكيمي إن المحادثات مثمرة. "
                         "وقال وزير المالية سامي عبد الرحيم إن الميزانية جاهزة. "
                         "وقال الرئيس عبد الله منصور إن الوضع صعب.", "ar")
    names = {m.name for m in find_mentions(doc)}
    assert {"نادر أمير عبد الحكيمي", "سامي عبد الرحيم", "عبد الله منصور"} <= names
    assert not any(n.split()[-1] == "عبد" for n in names)


def test_abd_name_part_joins_the_latin_spelling():
    _, _, acts, _ = resolve_texts({
        "en": ("Foreign Minister Nader Amir-Abdolhakimi arrived in the capital.", "en"),
        "ar": ("وقال وزير الخارجية نادر أمير عبد الحكيمي إن المحادثات مثمرة.", "ar"),
    })
    assert owner(acts, "نادر أمير عبد الحكيمي").id == owner(acts, "Nader Amir-Abdolhakimi").id


# ---- Cyrillic: institutions in a case form, compound abbreviations --------------------------

def test_russian_institution_in_a_case_form_is_named_in_the_nominative():
    doc = make_doc("ru", "Об этом сообщили в Лесном комитете области.", "ru")
    names = {m.name for m in find_mentions(doc)}
    assert "Лесной комитет" in names


def test_russian_institution_case_forms_and_lexicon_link():
    _, _, acts, _ = resolve_texts({
        "ru1": ("Об этом сообщили в Следственном комитете России.", "ru"),
        "ru2": ("Следственный комитет возбудил уголовное дело.", "ru"),
        "en": ("The Investigative Committee opened a criminal case.", "en"),
    })
    ids = {owner(acts, s).id for s in ("Следственном комитете", "Следственный комитет", "Investigative Committee")}
    assert len(ids) == 1


def test_lowercase_compound_abbreviation_is_the_capitalised_body():
    _, mentions, acts, _ = resolve_texts({
        "ru1": ("Минобороны сообщило о потерях.", "ru"),
        "ru2": ("Как заявили в минобороны, потерь нет. Данные генпрокуратуры не раскрываются.", "ru"),
    })
    assert owner(acts, "минобороны").id == owner(acts, "Минобороны").id
    assert "Генпрокуратура" in {m.name for m in mentions}


def test_a_sentence_opening_adjective_and_head_noun_is_no_name():
    doc = make_doc("ru", "Районный суд отклонил жалобу.", "ru")
    assert not [m for m in find_mentions(doc) if m.name == "Районный суд"]


@pytest.mark.parametrize("text", [
    "Like Osric Vane, the new mayor comes from the north.",
    "Despite Osric Vane's warnings, the talks went on.",
    "Amid Osric Vane's silence, the talks went on.",
])
def test_a_sentence_opening_preposition_is_no_part_of_a_name(text):
    names = {m.name for m in find_mentions(make_doc("en", text, "en"))}
    assert "Osric Vane" in names and not any(n.split()[0] in ("Like", "Despite", "Amid") for n in names), names


def test_lowercase_common_words_stay_common():
    doc = make_doc("ru", "Правительство и министерство обсудили армию, суд и полицию.", "ru")
    assert not [m for m in find_mentions(doc) if m.text[:1].islower()]


def test_state_adjective_before_a_head_noun_stays_the_state():
    doc = make_doc("ru", "Об этом сообщила Российская армия.", "ru")
    assert any(m.key == "state:RU" for m in find_mentions(doc))


@pytest.mark.skipif(not morph.available("ru"), reason="pymorphy3's Russian dictionary is not installed")
def test_compound_abbreviations_the_dictionary_tags():
    assert morph.only_organisation("минобороны", "ru")
    assert not morph.only_organisation("министерство", "ru")
    assert "комитет" in morph.lemmas("комитете", "ru")


# ---- Arabic spellings of states with more or fewer vowel letters ---------------------------

def test_arabic_state_spelled_with_another_vowel_letter():
    from dossier.extract.gazetteer import state_of
    assert state_of("أستراليا") == state_of("أوستراليا") == state_of("وأوستراليا") == "AU"
    assert state_of("أسترة") is None  # too few letters left to tell


def test_arabic_region_of_a_state_spelled_another_way_is_the_region():
    doc = make_doc("ar", "ضربت العاصفة ولاية أوستراليا الغربية أمس.", "ar")
    assert any(m.key == "place:west:AU" for m in find_mentions(doc))


# ---- a name's last words in quotes (Russian usage) -----------------------------------------

@pytest.mark.parametrize("text", ['Об этом сообщает РИА "Новости".', "Об этом сообщает РИА «Новости».",
                                  "Об этом сообщает РИА Новости."])
def test_quoted_last_words_of_a_lexicon_name(text):
    found = [m for m in find_mentions(make_doc("ru", text, "ru")) if m.key == "inst:RIA Novosti"]
    assert len(found) == 1 and found[0].text.startswith("РИА") and found[0].text.endswith(("Новости", "»", '"'))


def test_quoted_agency_and_its_english_acronym_are_one_actor():
    _, _, acts, _ = resolve_texts({
        "ru": ('Отряды покинули город, сообщает РИА "Новости".', "ru"),
        "en": ("The units left the city, the RIA news agency reported.", "en"),
    })
    assert owner(acts, 'РИА "Новости"').id == owner(acts, "RIA").id


def test_ukrainian_body_in_a_case_form_and_lower_case_abbreviation():
    names = {m.name for m in find_mentions(make_doc("uk", "Про це повідомили у Державному комітеті та в міноборони.", "uk"))}
    assert {"Державний комітет", "Міноборони"} <= names


def test_abbreviation_of_a_common_noun_is_no_actor():
    assert morph.is_common_abbreviation("ЧВК", "ru") and morph.is_common_abbreviation("СМИ", "ru")
    assert not morph.is_common_abbreviation("ФСБ", "ru")
    doc = make_doc("ru", "Бойцы ЧВК покинули город.", "ru")
    assert not [m for m in find_mentions(doc) if m.text == "ЧВК"]


# ---- the family particle: آل / ال and Al-e, Аль-э -------------------------------------------

def test_family_particle_in_keys():
    assert same_name("حميد علي آل ناصري", "Hamid Ali Al-e Nasiri")
    assert same_name("حميد علي الناصري", "Хамид Али Аль-э-Насири")
    assert not same_name("حميد علي آل ناصري", "Hamid Ali Nasiri Rad")


def test_arabic_name_with_the_family_particle_joins_its_twin():
    _, _, acts, _ = resolve_texts({
        "ru": ("Погиб имам Хамид Али Аль-э-Насири. Хамид Али Аль-э-Насири был в машине.", "ru"),
        "ar1": ("وكان في السيارة حميد علي آل ناصري أيضا.", "ar"),
        "ar2": ("كما توفي حميد علي الناصري في الحادث.", "ar"),
    })
    ids = {owner(acts, s).id for s in ("Хамид Али Аль-э-Насири", "حميد علي آل ناصري", "حميد علي الناصري")}
    assert len(ids) == 1


def test_arabic_article_is_no_particle_of_a_name_without_one():
    _, mentions, _, _ = resolve_texts({
        "en": ("Minister Karim Rashidi spoke. Karim Rashidi left.", "en"),
        "ar": ("وقال كريم الرشيدي إن الوضع هادئ.", "ar"),
    })
    assert not [m for m in mentions if m.source == "ar" and "الرشيدي" in m.text]


def test_a_two_consonant_place_does_not_join_another_scripts_two_word_name_it_sounds_like():
    # "Essen"-like: a Latin town of two consonants (s, n) and an Arabic name "سان …" (Saint-…)
    _, _, acts, _ = resolve_texts({
        "en": ("Officials in Ossen said the plant was closed. Police in Ossen said more.", "en"),
        "de": ("Die Staatsanwaltschaft in Ossen ermittelt gegen den Betreiber.", "de"),
        "ar": ("استهدف الهجوم مستشفى سان فيلاري في المدينة وطالب المهاجمون بفدية.", "ar"),
    })
    ar = [a for a in acts if any("سان" in m.text for m in a.mentions)]
    assert all(not any(m.text == "Ossen" for m in a.mentions) for a in ar)


def test_short_arabic_names_kept_across_runs_are_those_found_afresh(monkeypatch):
    """With a memo a document is scanned again only when the names it could spell changed;
    what the memo gives back is what a scan without it finds."""
    from dossier.extract import scriptnames
    from dossier.incremental.store import Memo
    from tests.test_actors import make_doc

    class Kept:
        def __init__(self):
            self.data = {}
        key = staticmethod(Memo.key)
        get = lambda self, key: self.data.get(key)  # noqa: E731
        put = lambda self, key, value: self.data.__setitem__(key, value)  # noqa: E731

    def run(texts, memo=None):
        docs = [make_doc(doc_id, text, lang) for doc_id, (text, lang) in sorted(texts.items())]
        return scriptnames.propagate_short_arabic(docs, [m for d in docs for m in find_mentions(d)], memo)

    texts = {"en": ("Police in Vesk arrested two men on Monday. The mayor of Vesk said the city was calm.", "en"),
             "ar": ("اعتقلت الشرطة في مدينة فيسك رجلين يوم الاثنين.", "ar"),
             "ar2": ("اعتقلت الشرطة في مدينة تارم رجلين يوم الاثنين.", "ar")}
    fresh = run(texts)
    assert [(m.source, m.name) for m in fresh] == [("ar", "فيسك")]
    kept = Kept()
    assert run(texts, kept) == fresh
    scanned: list[str] = []
    real = scriptnames._short_doc
    monkeypatch.setattr(scriptnames, "_short_doc", lambda doc, *a: scanned.append(doc.source.id) or real(doc, *a))
    assert run(texts, kept) == fresh and scanned == []
    # a document naming Tarm: only the Arabic document that may spell it is scanned again
    texts["en2"] = ("Police in Tarm arrested two men on Monday. The mayor of Tarm said the city was calm.", "en")
    grown = run(texts, kept)
    assert scanned == ["ar2"] and [(m.source, m.name) for m in grown] == [("ar", "فيسك"), ("ar2", "تارم")]
    assert grown == run(texts)


def test_look_up_passes_read_each_documents_entry_once_and_find_what_a_fresh_run_finds():
    """`linking.resolve` with a memo: the look-up passes share one entry per document (read
    once a run, written only when a pass found something new), and the actors and mentions
    are those of a run without it."""
    from dossier.extract import linking
    from dossier.incremental.store import Memo
    from tests.test_actors import make_doc

    class Kept:
        def __init__(self):
            self.data, self.gets, self.puts = {}, [], []
        key = staticmethod(Memo.key)

        def get(self, key):
            self.gets.append(key)
            return self.data.get(key)

        def put(self, key, value):
            self.puts.append(key)
            self.data[key] = value

    texts = {"en": ("Police in Vesk arrested Paul Marchetti on Monday. Marchetti denied it.", "en"),
             "ru": ("Полиция города Веск задержала Пола Маркетти.", "ru"),
             "ar": ("اعتقلت الشرطة في مدينة فيسك بول ماركيتي يوم الاثنين.", "ar"),
             "de": ("Die Polizei in Vesk nahm Paul Marchetti fest.", "de")}

    def run(memo=None):
        docs = [make_doc(doc_id, text, lang) for doc_id, (text, lang) in sorted(texts.items())]
        mentions = [m for d in docs for m in find_mentions(d)]
        acts, mapping = linking.resolve(docs, mentions, [], None, memo)
        return [(a.id, a.name, sorted((m.source, m.start, m.end) for m in a.mentions)) for a in acts], mapping

    fresh = run()
    kept = Kept()
    assert run(kept) == fresh
    kept.gets.clear()
    kept.puts.clear()
    assert run(kept) == fresh
    assert len(kept.gets) == len(set(kept.gets)) == len(texts) + 1  # an entry a document, and the name table
    assert kept.puts == []


def test_an_emergency_zone_is_no_actor():
    """"объявил область зоной ЧС": ЧС (emergency situation) is no body to attribute anything to."""
    doc = make_doc("ru", "Президент объявил область зоной ЧС и ввел режим на три месяца.", "ru")
    assert not [m for m in find_mentions(doc) if m.text == "ЧС"]
