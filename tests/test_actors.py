"""Actor mentions and resolution, on the sample corpus and on small texts in six languages."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from dossier.extract import gazetteer, linking
from dossier.extract.mentions import find_mentions, warm_lexicons
from dossier.model.errors import RecordError
from dossier.model import Actor, Alias, Document, Mention, Sentence, Source
from dossier.text import script_of

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "content" / "sources"


def make_doc(doc_id: str, text: str, language: str) -> Document:
    """A Document split into sentences with a simple splitter (no ingest needed)."""
    src = Source(id=doc_id, path=f"content/sources/{doc_id}.txt", sha256="", language=language, title=None,
                 publisher=None, author=None, published=None, published_precision=None, url=None)
    sents = []
    for m in re.finditer(r"[^\n.!?؟]+[.!?؟]?", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e - s > 1:
            seg = text[s:e]
            sents.append(Sentence(s, e, seg, language, script_of(seg)))
    return Document(source=src, text=text, sentences=sents)


def load_corpus() -> list[Document]:
    paths = sorted(p for p in SOURCES.iterdir() if p.is_file())
    try:
        from dossier.extract import ingest
        from dossier.extract import segment
        docs = []
        for p in paths:
            d = ingest.load_document(p, ROOT)
            segment.segment(d)
            docs.append(d)
        return docs
    except ImportError:  # pragma: no cover - before ingest/segment exist
        guess = {".": "en"}
        return [make_doc(p.stem, p.read_text(encoding="utf-8"), guess.get(".", "en")) for p in paths]


@pytest.fixture(scope="module")
def corpus():
    docs = load_corpus()
    mentions = []
    for d in docs:
        mentions.extend(find_mentions(d))
    acts, mapping = linking.resolve(docs, mentions, [], None)
    return docs, mentions, acts, mapping


def actor_with(acts: list[Actor], surface: str) -> list[Actor]:
    return [a for a in acts if any(m.text.startswith(surface) or surface in m.text for m in a.mentions)]


def test_offsets_hold(corpus):
    docs, mentions, acts, mapping = corpus
    text = {d.source.id: d.text for d in docs}
    for m in mentions:
        assert text[m.source][m.start:m.end] == m.text
    for a in acts:
        for m in a.mentions:
            assert text[m.source][m.start:m.end] == m.text
    assert {(m.source, m.start, m.end) for m in mentions} == set(mapping)


def test_putin_is_one_actor_across_languages(corpus):
    _, _, acts, _ = corpus
    found = {a.id for a in actor_with(acts, "Putin")} | {a.id for a in actor_with(acts, "بوتين")}
    assert len(found) == 1
    putin = next(a for a in acts if a.id in found)
    assert putin.kind == "person"
    assert putin.name == "Vladimir Putin"
    assert {m.source[:3] for m in putin.mentions} >= {"000", "001", "002", "003", "004"}
    assert any(r.text == "Rusya Devlet Başkanı" for r in putin.roles)


def test_ilham_aliyev_and_not_heydar(corpus):
    _, _, acts, _ = corpus
    ids = {a.id for a in actor_with(acts, "Aliyev")} | {a.id for a in actor_with(acts, "علييف")}
    assert len(ids) == 1
    ilham = next(a for a in acts if a.id in ids)
    assert ilham.name == "Ilham Aliyev"
    assert {m.source[:3] for m in ilham.mentions} >= {"000", "001", "002", "003", "004"}
    names = {al.name for al in ilham.aliases}
    assert not any("هايدار" in n or "Heydar" in n for n in names)


def test_mekhtiyev_across_spellings(corpus):
    _, _, acts, _ = corpus
    ids = {a.id for s in ("Mekhtiyev", "مختييف", "مهدييف") for a in actor_with(acts, s)}
    assert len(ids) == 1
    ramiz = next(a for a in acts if a.id in ids)
    assert ramiz.name == "Ramiz Mekhtiyev"
    assert any(r.former for r in ramiz.roles)  # رئيس مكتب الرئاسة السابق


def test_outlets(corpus):
    _, _, acts, _ = corpus
    for surface in ("APA", "Minval", "مينفال", "نوفايا غازيتا", "Moskovsky Komsomolets"):
        hits = actor_with(acts, surface)
        assert hits and all(a.kind == "outlet" for a in hits), surface
    assert len({a.id for s in ("Minval", "مينفال") for a in actor_with(acts, s)}) == 1
    assert len({a.id for s in ("Novaya", "نوفايا غازيتا") for a in actor_with(acts, s)}) == 1


def test_states(corpus):
    _, _, acts, _ = corpus
    by_id = {a.id: a for a in acts}
    assert by_id["azerbaijan"].kind == "state"
    aliases = {al.name for al in by_id["azerbaijan"].aliases}
    assert {"Azerbaycan", "Azerbaijani", "أذربيجان"} <= aliases
    assert by_id["russia"].kind == "state"
    # The Arabic word for "thousand" (ألف) is not a name.
    assert not any(m.text == "ألف" for a in acts for m in a.mentions)


def test_boilerplate_is_skipped():
    doc = make_doc("b", "Kremlin spokesman Dmitry Peskov declined to comment.\nShare on Facebook\n", "en")
    doc.sentences[0].boilerplate = True
    found = find_mentions(doc)
    assert not any("Peskov" in m.text or "Kremlin" in m.text for m in found)
    doc.sentences[0].boilerplate = False
    assert any(m.text == "Dmitry Peskov" for m in find_mentions(doc))


def test_resolve_is_deterministic_and_ids_are_stable(corpus):
    docs, _, acts, mapping = corpus
    again_mentions = [m for d in docs for m in find_mentions(d)]
    acts2, mapping2 = linking.resolve(docs, again_mentions, [], None)
    assert acts2 == acts and mapping2 == mapping
    # An existing record keeps its id when the name it stands for comes back.
    putin = next(a for a in acts if a.name == "Vladimir Putin")
    old = Actor(id="putin-the-first", name="Putin", kind="person",
                mentions=[Mention(**vars(putin.mentions[0]))], aliases=[Alias("Putin", "en", "Latn")])
    acts3, _ = linking.resolve(docs, [m for d in docs for m in find_mentions(d)], [old], None)
    assert any(a.id == "putin-the-first" and a.name == "Vladimir Putin" for a in acts3)
    assert not any(a.id == "vladimir-putin" for a in acts3)


SIX = {
    "ru": "Президент России Владимир Путин позвонил президенту Азербайджана Ильхаму Алиеву. По данным газеты «Новая газета», "
          "бывший руководитель администрации президента Рамиз Мехтиев задержан. Пресс-секретарь Кремля Дмитрий Песков "
          "отказался от комментариев.",
    "de": "Der russische Präsident Wladimir Putin hat den aserbaidschanischen Präsidenten Ilham Alijew gewarnt. Laut der "
          "Zeitung Nowaja Gaseta wurde der ehemalige Leiter der Präsidialverwaltung Ramiz Mehdijew festgenommen. "
          "Kremlsprecher Dmitri Peskow sagte nichts. Die Regierung schwieg.",
    "az": "Azərbaycan Prezidenti İlham Əliyev Rusiya Prezidenti Vladimir Putinlə telefonla danışıb. Prezident "
          "Administrasiyasının sabiq rəhbəri Ramiz Mehdiyev həbs edilib. APA agentliyi xəbər verir ki, Mehdiyevin işi araşdırılır.",
    "en": "Russian President Vladimir Putin warned Azerbaijani President Ilham Aliyev, the newspaper Novaya Gazeta reported. "
          "Kremlin spokesman Dmitry Peskov declined to comment. Former Ukrainian President Petro Poroshenko spoke.",
    "tr": "Rusya Devlet Başkanı Vladimir Putin, Azerbaycan Cumhurbaşkanı İlham Aliyev’i aradı. Kremlin Sözcüsü Dmitriy "
          "Peskov açıklama yapmadı. Azerbaycanlı ajans Minval haberi duyurdu.",
    "ar": "أبلغ الرئيس الروسي فلاديمير بوتين نظيره الأذربيجاني إلهام علييف. وقال المتحدث باسم الكرملين ديمتري بيسكوف "
          "إن بوتين لم يعلق. ذكرت صحيفة \"نوفايا غازيتا\" الروسية ذلك.",
}


@pytest.fixture(scope="module")
def six():
    docs = [make_doc(lang, text, lang) for lang, text in SIX.items()]
    mentions = [m for d in docs for m in find_mentions(d)]
    acts, mapping = linking.resolve(docs, mentions, [], None)
    return docs, mentions, acts


@pytest.mark.parametrize("name, surfaces", [
    ("Vladimir Putin", ["Владимир Путин", "Wladimir Putin", "Vladimir Putin", "فلاديمير بوتين"]),
    ("Ilham Aliyev", ["Ильхаму Алиеву", "Ilham Alijew", "İlham Əliyev", "Ilham Aliyev", "إلهام علييف"]),
    ("Dmitry Peskov", ["Дмитрий Песков", "Dmitri Peskow", "Dmitry Peskov", "ديمتري بيسكوف"]),
    ("Novaya Gazeta", ["Новая газета", "Nowaja Gaseta", "Novaya Gazeta", "نوفايا غازيتا"]),
])
def test_six_languages_one_actor(six, name, surfaces):
    _, _, acts = six
    ids = {a.id for s in surfaces for a in acts if any(m.text == s for m in a.mentions)}
    assert len(ids) == 1, (name, ids)
    actor = next(a for a in acts if a.id in ids)
    assert actor.name == name
    assert {m.text for m in actor.mentions} >= set(surfaces)


def test_roles_and_former(six):
    _, mentions, _ = six
    by_text = {m.text: m for m in mentions}
    assert by_text["Рамиз Мехтиев"].former and by_text["Ramiz Mehdijew"].former
    assert by_text["Ramiz Mehdiyev"].former
    assert by_text["Petro Poroshenko"].former
    assert not by_text["Vladimir Putin"].former
    assert by_text["Ильхаму Алиеву"].name == "Ильхам Алиев"
    assert by_text["Vladimir Putinlə"].name == "Vladimir Putin"
    assert by_text["APA"].kind == "outlet" and by_text["Minval"].kind == "outlet"
    assert "Regierung" not in by_text


@pytest.mark.parametrize("title, lang, role", [
    ("Azerbaycan Cumhurbaşkanı", "tr", "president"),
    ("الرئيس الروسي", "ar", "president"),
    ("Cumhurbaşkanlığı İdaresi Şefi", "tr", "head of the presidential administration"),
    ("رئيس الديوان الرئاسي", "ar", "head of the presidential administration"),
    ("رئيس مكتب الرئاسة السابق", "ar", "head of the presidential administration"),
    ("руководитель администрации президента", "ru", "head of the presidential administration"),
    ("chief of staff", "en", "head of the presidential administration"),
    ("Kremlin spokesman", "en", "spokesperson"),
    ("Pressesprecher", "de", "spokesperson"),
    ("Prime Minister", None, "prime minister"),
    ("weather", "en", None),
])
def test_role_key(title, lang, role):
    assert gazetteer.role_key(title, lang) == role


def test_pins_merge_and_forbid(tmp_path):
    (tmp_path / "aliases.yml").write_text(
        "- name: Jane Example\n  id: jane\n  kind: person\n  aliases: [Jane Exampel, Джейн Экзампл]\n"
        "- distinct: [Ilham Aliyev, Heydar Aliyev]\n", encoding="utf-8")
    pins = linking.load_pins(tmp_path)
    assert pins.pins[0].name == "Jane Example" and pins.distinct == [["Ilham Aliyev", "Heydar Aliyev"]]
    doc = make_doc("p", "Minister Jane Exampel spoke. President Ilham Aliyev and former President Heydar Aliyev. "
                        "Министр Джейн Экзампл ответила.", "en")
    mentions = find_mentions(doc)
    acts, _ = linking.resolve([doc], mentions, [], pins)
    jane = [a for a in acts if a.id == "jane"]
    assert jane and jane[0].name == "Jane Example" and len(jane[0].mentions) == 2
    assert len({a.id for a in acts if "Aliyev" in a.name}) == 2


def test_load_pins_missing_and_bad(tmp_path):
    assert linking.load_pins(tmp_path).pins == []
    (tmp_path / "aliases.yml").write_text("- name: A\n  aliases: [x\n", encoding="utf-8")
    with pytest.raises(RecordError) as err:
        linking.load_pins(tmp_path)
    assert "aliases.yml:" in str(err.value) and err.value.line
    (tmp_path / "aliases.yml").write_text("- name: A\n  kind: wizard\n", encoding="utf-8")
    with pytest.raises(RecordError, match="wizard"):
        linking.load_pins(tmp_path)


def test_repository_aliases_file_loads():
    pins = linking.load_pins(ROOT / "content")
    assert pins.pins == [] and pins.distinct == []


# ---- follow-up: places, junk actors, canonical names, relatives --------------------------

def resolve_texts(texts: dict[str, tuple[str, str]]):
    """find_mentions + resolve over small documents {id: (text, language)}."""
    docs = [make_doc(doc_id, text, lang) for doc_id, (text, lang) in sorted(texts.items())]
    mentions = [m for d in docs for m in find_mentions(d)]
    acts, mapping = linking.resolve(docs, mentions, [], None)
    return docs, mentions, acts, mapping


def owner(acts: list[Actor], surface: str) -> Actor:
    hits = [a for a in acts if any(m.text == surface for m in a.mentions)]
    assert len(hits) == 1, (surface, [a.id for a in hits])
    return hits[0]


def test_cities_merge_across_languages():
    _, _, acts, _ = resolve_texts({
        "en": ("Officials flew back to Moscow on Monday.", "en"),
        "tr": ("Heyet dün Moskova’dan döndü.", "tr"),
        "ar": ("وصل الوفد أمس إلى موسكو بعد المحادثات.", "ar"),
        "ru": ("Делегация вернулась в Москву вечером.", "ru"),
        "de": ("Die Delegation flog gestern nach Moskau zurück.", "de"),
        "az": ("Nümayəndə heyəti dünən Moskvadan qayıdıb.", "az"),
    })
    moscow = {owner(acts, s).id for s in ("Moscow", "Moskova’dan", "موسكو", "Москву", "Moskau", "Moskvadan")}
    assert len(moscow) == 1
    actor = next(a for a in acts if a.id in moscow)
    assert actor.kind == "place" and actor.name == "Moscow"


def test_corpus_cities_are_places(corpus):
    _, _, acts, _ = corpus
    baku = {a.id for s in ("Baku", "Bakü", "باكو") for a in actor_with(acts, s) if a.kind != "state"}
    assert len(baku) == 1
    assert next(a for a in acts if a.id in baku).kind == "place"
    dushanbe = {a.id for s in ("Dushanbe", "Duşanbe") for a in actor_with(acts, s)}
    assert len(dushanbe) == 1 and next(a for a in acts if a.id in dushanbe).kind == "place"
    assert len({a.id for s in ("Moscow", "Moskova", "موسكو") for a in actor_with(acts, s)}) == 1


def test_unknown_city_and_common_words_are_not_places():
    assert gazetteer.city_of("Moscow") and gazetteer.city_of("Bakıda") and gazetteer.city_of("Москве")
    assert gazetteer.city_of("moscow") is None  # lowercase Latin is an ordinary word
    for word in ("Christmas", "Easter", "Grozny", "ماهي", "Vladimir"):
        assert gazetteer.city_of(word) is None, word


def test_demonym_links_to_the_state():
    _, _, acts, _ = resolve_texts({"en": ("The plane crashed in the Kazakh city of Aktau. Kazakhstan opened an inquiry.", "en")})
    kz = owner(acts, "Kazakh")
    assert kz.kind == "state" and kz.name == "Kazakhstan"
    assert owner(acts, "Kazakhstan").id == kz.id
    assert owner(acts, "Aktau").kind == "place"
    for word, code in (("Tajik", "TJ"), ("Uzbeks", "UZ"), ("Kazak", "KZ"), ("казахский", "KZ"), ("Afghan", "AF")):
        assert gazetteer.state_of(word) == code, word


def test_no_summit_or_relation_actor():
    _, _, acts, _ = resolve_texts({
        "en": ("Putin met Aliyev on the sidelines of the Russia-Central Asia summit in Dushanbe.", "en"),
        "tr": ("Liderler Rusya-Orta Asya Zirvesi sırasında görüştü.", "tr"),
    })
    names = {a.name for a in acts}
    assert not any("Central" in n or "Orta" in n or "Zirve" in n for n in names), names
    assert owner(acts, "Russia").kind == "state"


def test_single_common_capitalized_word_is_not_an_actor():
    _, mentions, acts, _ = resolve_texts({
        "ar": ("استعاد الجيش بفضل الأسلحة التي قدمتها Ally Turkey مساحات واسعة.", "ar"),
        "en": ("The report was shared with Sources close to the Presidential Administration on Friday.", "en"),
    })
    assert not any(m.text in ("Ally", "Sources") for m in mentions)
    assert owner(acts, "Turkey").kind == "state"
    assert owner(acts, "Presidential Administration").kind == "organization"


def test_corpus_has_no_junk_actors(corpus):
    _, _, acts, _ = corpus
    names = {a.name for a in acts}
    assert not names & {"Ally", "Kazakh", "Russia-Central Asia"}
    inst = [a for a in acts if a.name in ("Presidential Administration", "Cumhurbaşkanlığı Ofisi")]
    assert inst and all(a.kind == "organization" for a in inst)


def test_arabic_only_actor_keeps_its_arabic_name(corpus):
    _, _, acts, _ = corpus
    zel = actor_with(acts, "زيلنسكي")
    assert len(zel) == 1
    assert zel[0].name == "فولوديمير زيلنسكي"  # the fullest original form, not "Zylnsky"
    assert re.fullmatch("[a-z0-9-]+", zel[0].id)
    # A Latin form, when there is one, still wins.
    assert actor_with(acts, "مينفال")[0].name == "Minval"


def test_canonical_prefers_fuller_form_within_a_script():
    _, _, acts, _ = resolve_texts({
        "a": ("ذكرت صحيفة \"نوفايا غازيتا\" الروسية أن نوفايا نشرت التقرير.", "ar"),
    })
    assert owner(acts, "نوفايا غازيتا").name == "نوفايا غازيتا"


def test_an_english_acronym_names_the_actor_before_another_languages_spelled_out_name():
    from dossier.extract.display import display_name
    from dossier.model import MentionCandidate
    found = [MentionCandidate("a", 0, 5, "VNSA", "VNSA", "organization", "en", "Latn"),
             MentionCandidate("b", 0, 5, "VNSA", "VNSA", "organization", "fr", "Latn"),
             MentionCandidate("c", 0, 30, "Velmor Ulusal Siber Güvenlik Ajansı", "Velmor Ulusal Siber Güvenlik Ajansı",
                              "organization", "tr", "Latn")]
    assert display_name(found) == "VNSA"
    spelled = found + [MentionCandidate("d", 0, 30, "Velmor Security Agency", "Velmor Security Agency", "organization",
                                        "en", "Latn")]
    assert display_name(spelled) == "Velmor Security Agency"


def test_corpus_heydar_is_not_ilham(corpus):
    _, _, acts, _ = corpus
    heydar = owner(acts, "هايدار")
    ilham = actor_with(acts, "İlham Aliyev")[0]
    assert heydar.id != ilham.id and heydar.kind == "person"
    assert "علييف" in heydar.name
    # The machine-translated "president ilhan aliyev" (same surname, same role) is Ilham.
    assert any(m.text == "ilhan aliyev" for m in ilham.mentions)
    # The bare surname in the document that introduces the father still means Ilham.
    doc4 = [m for m in ilham.mentions if m.source.startswith("004") and m.text == "علييف"]
    assert doc4


@pytest.mark.parametrize("text, lang, relative, name", [
    ("President Ilham Aliyev spoke. Aliyev's father, Heydar, ruled before him.", "en", "Heydar", "Heydar Aliyev"),
    ("Cumhurbaşkanı İlham Aliyev konuştu. Aliyev’in babası Haydar uzun yıllar yönetti.", "tr", "Haydar", "Haydar Aliyev"),
    ("Президент Ильхам Алиев выступил. Отец Алиева, Гейдар, правил до него.", "ru", "Гейдар", "Гейдар Алиев"),
    ("Präsident Ilham Alijew sprach. Alijews Vater Heydar regierte vor ihm.", "de", "Heydar", "Heydar Alijew"),
    ("تحدث الرئيس إلهام علييف. أصبح والد علييف ، هايدار ، رئيسا.", "ar", "هايدار", "هايدار علييف"),
])
def test_relative_is_a_separate_person(text, lang, relative, name):
    _, _, acts, _ = resolve_texts({"k": (text, lang)})
    rel = owner(acts, relative)
    assert rel.kind == "person" and rel.name == name
    main = [a for a in acts if a.id != rel.id and a.kind == "person"]
    assert len(main) == 1 and main[0].name.split()[0] not in (relative,)
    assert all(relative not in al.name for al in main[0].aliases)


def test_nasal_variant_needs_the_same_role():
    # Same surname, given names differing by a final n/m, no shared role: kept apart.
    _, _, acts, _ = resolve_texts({
        "a": ("President Ilham Aliyev spoke on Monday.", "en"),
        "b": ("The historian Ilhan Aliyev published a book.", "en"),
    })
    assert owner(acts, "Ilham Aliyev").id != owner(acts, "Ilhan Aliyev").id
    _, _, acts, _ = resolve_texts({
        "a": ("President Ilham Aliyev spoke on Monday.", "en"),
        "b": ("تحدث president ilhan aliyev عن الاتفاق.", "ar"),
    })
    assert owner(acts, "Ilham Aliyev").id == owner(acts, "ilhan aliyev").id


def test_warm_lexicons_builds_every_table_find_mentions_reads(monkeypatch):
    """What `dossier.incremental.cache` runs while another process reads a new document: afterwards
    finding mentions builds no lexicon table (nor compiles its regexes) of its own."""
    tables = [gazetteer.gazetteer, gazetteer.cities, gazetteer.title_lexicon, gazetteer.stop_lexicon,
              gazetteer.org_lexicon, gazetteer.single_word_sets, gazetteer.kin_words,
              gazetteer.quoted_only_cues, gazetteer.caps_lexicon]
    for table in tables:
        table.cache_clear()
    warm_lexicons()
    built = [t.cache_info().misses for t in tables]
    assert built == [1] * len(tables)
    resolve_texts({"a": ("President Ilham Aliyev met the Interior Ministry in Baku on Monday.", "en"),
                   "b": ("Cumhurbaşkanı İlham Aliyev Bakü'de konuştu.", "tr")})
    assert [t.cache_info().misses for t in tables] == built


# --- acronyms, the organisations lexicon, case forms -----------------------------------------

def test_acronym_expansion_and_other_scripts_are_one_actor():
    _, _, acts, _ = resolve_texts({
        "en": ("The Federal Security Service (FSB) detained two men on Monday. The FSB said both were armed.", "en"),
        "ru": ("Сотрудники ФСБ задержали двоих мужчин. По данным Федеральной службы безопасности, оба были вооружены.",
               "ru"),
        "ar": ("واعتقل جهاز الأمن الفيدرالي رجلين يوم الاثنين.", "ar"),
    })
    fsb = owner(acts, "FSB")
    assert fsb.kind == "organization"
    for surface in ("Federal Security Service", "ФСБ", "Федеральной службы безопасности", "جهاز الأمن الفيدرالي"):
        assert owner(acts, surface).id == fsb.id


def test_an_acronym_a_document_spells_out_links_to_its_expansion():
    docs, mentions, acts, _ = resolve_texts({
        "en": ("Officers of the Northern Regional Transport Authority (NRTA) inspected the bridge. "
               "A spokesman for the NRTA said repairs would take a month.", "en"),
    })
    names = {m.text: m.key for m in mentions}
    assert names["NRTA"] == names["Northern Regional Transport Authority"]


def test_a_lexicon_acronym_written_in_title_case_is_the_acronym():
    """British style writes a long acronym as a word ("Nato", "Tass"): still the lexicon's body."""
    _, _, acts, _ = resolve_texts({
        "en": ("Nato said the alliance would respond.", "en"),
        "en2": ("NATO members met in Brussels on Monday.", "en"),
    })
    assert owner(acts, "Nato").id == owner(acts, "NATO").id


def test_a_place_named_with_its_kind_is_one_place_in_every_language():
    """"Veldra River" and "Veldra Nehri" are one river; "Veldra Dam" and "Veldra Reservoir" two places."""
    _, _, acts, _ = resolve_texts({
        "en": ("The flood spread along the Veldra River on Tuesday. The Veldra Dam was destroyed and the "
               "Veldra Reservoir drained.", "en"),
        "tr": ("Veldra Nehri taştı.", "tr"),
    })
    assert owner(acts, "Veldra River").id == owner(acts, "Veldra Nehri").id
    assert owner(acts, "Veldra Dam").id != owner(acts, "Veldra Reservoir").id


def test_a_short_acronym_in_capitals_links_across_scripts_letter_for_letter():
    """РИА and RIA, ОДА and ODA: too short for a name key, but the same letters."""
    _, _, acts, _ = resolve_texts({
        "ru": ("Сотрудники ОДА задержали двоих мужчин в пятницу.", "ru"),
        "en": ("Officers of the ODA detained two men on Friday.", "en"),
        "ru2": ("Сотрудники ОДИ задержали троих мужчин в субботу.", "ru"),
    })
    assert owner(acts, "ОДА").id == owner(acts, "ODA").id
    assert owner(acts, "ОДИ").id != owner(acts, "ODA").id


def test_agency_names_in_capitals_are_outlets():
    _, mentions, acts, _ = resolve_texts({
        "az": ("AZERTAC reported that the talks ended on Friday.", "en"),
        "ru": ("Как сообщает ТАСС, переговоры завершились в пятницу.", "ru"),
        "en": ("The talks ended on Friday, TASS reported.", "en"),
    })
    assert owner(acts, "AZERTAC").kind == "outlet"
    assert owner(acts, "ТАСС").id == owner(acts, "TASS").id


def test_case_forms_of_a_russian_name_are_one_actor_and_adjectives_are_none():
    _, mentions, acts, _ = resolve_texts({
        "ru1": ("Министр иностранных дел России Сергей Лавров прибыл в Анкару. Встреча с Лавровым длилась час.", "ru"),
        "ru2": ("Позиция Сергея Лаврова не изменилась, заявили в Москве.", "ru"),
        "ru3": ("Уголовного дела пока нет, сообщила официальный представитель МИД Мария Захарова.", "ru"),
    })
    lavrov = owner(acts, "Сергей Лавров")
    assert owner(acts, "Лавровым").id == lavrov.id and owner(acts, "Сергея Лаврова").id == lavrov.id
    assert not [m for m in mentions if m.text.startswith("Уголовн")]
    assert owner(acts, "Мария Захарова").kind == "person"
    assert not [m for m in mentions if m.text.startswith("МИД ")]


def test_german_nouns_are_not_names():
    doc = make_doc("de", "Nach Angaben der Polizei stürzte das Dach des Gebäudes ein, teilte der Verlag mit. "
                         "Bundeskanzler Olaf Scholz und Thomas Müller reisten nach Berlin.", "de")
    found = {m.text for m in find_mentions(doc)}
    assert {"Olaf Scholz", "Thomas Müller", "Berlin"} <= found
    assert not {t for t in found if any(w in t for w in ("Angaben", "Dach", "Gebäude", "Verlag", "Polizei"))}


def test_the_kremlin_belongs_to_russia_as_a_relation_not_a_merge():
    _, _, acts, _ = resolve_texts({
        "en": ("The Kremlin said on Monday that Russia would respond.", "en"),
        "ru": ("В Кремле заявили, что Россия ответит.", "ru"),
    })
    kremlin, russia = owner(acts, "Kremlin"), owner(acts, "Russia")
    assert kremlin.id != russia.id and owner(acts, "Кремле").id == kremlin.id
    assert kremlin.state == russia.id and russia.state is None


def test_a_title_before_a_name_is_not_part_of_it():
    _, _, acts, _ = resolve_texts({
        "en": ("Regional Governor Pavel Zimin visited the plant on Monday.", "en"),
        "de": ("Die Firmensprecherin Sabine Kröger bestätigte den Brand. Werksleiter Frank Halbach schwieg.", "de"),
        "tr": ("Essen Başkonsolosu Mehmet Aydın olay yerine gitti.", "tr"),
    })
    assert owner(acts, "Pavel Zimin").name == "Pavel Zimin"
    assert owner(acts, "Sabine Kröger").name == "Sabine Kröger"
    assert owner(acts, "Frank Halbach").name == "Frank Halbach"
    assert not [a for a in acts if "Governor" in a.name or "sprecherin" in a.name or "Werksleiter" in a.name]


def test_a_country_in_a_case_form_before_a_name_stays_apart():
    _, _, acts, _ = resolve_texts({
        "ru": ("Переговоры провёл президент Беларуси Александр Лукашенко. Позиция Беларуси Александр Лукашенко не изменил.",
               "ru"),
        "en": ("Belarusian President Alexander Lukashenko mediated the talks.", "en"),
    })
    person = owner(acts, "Alexander Lukashenko")
    assert person.kind == "person" and not [a for a in acts if a.name.startswith(("Беларуси ", "Belarus"))
                                            and a.kind == "person"]
    assert [a for a in acts if a.kind == "state" and any(m.text == "Беларуси" for m in a.mentions)]


def test_lawyer_of_x_is_a_mention_of_x():
    _, mentions, acts, _ = resolve_texts({
        "de": ("Der Anwalt von Mehdiyev legte am Montag Berufung ein, sagte Ramiz Mehdiyev.", "de"),
        "en": ("Mehdiyev's lawyers appealed the ruling. Ramiz Mehdiyev denied the charges.", "en"),
    })
    assert not [a for a in acts if "Anwalt" in a.name or "lawyer" in a.name.lower()]
    person = owner(acts, "Ramiz Mehdiyev")
    assert {m.text for m in person.mentions} >= {"Mehdiyev", "Ramiz Mehdiyev"}
    assert sum(1 for m in person.mentions if m.source == "de") == 2


def test_common_abbreviations_noun_phrases_and_pairs_are_not_actors():
    _, mentions, acts, _ = resolve_texts({
        "ru": ("Дело возбуждено по статье УК, сообщили СМИ. Встреча Пригожина и Шойгу не состоялась. "
               "В МИД заявили, что переговоры продолжатся.", "ru"),
        "de": ("Die Vermittlungsinitiative Weißrusslands scheiterte. Der Anti-Terror Notstand wurde aufgehoben.", "de"),
    })
    texts = {m.text for m in mentions}
    assert not texts & {"УК", "СМИ", "Пригожина и Шойгу", "Vermittlungsinitiative Weißrusslands", "Anti-Terror Notstand"}
    assert owner(acts, "МИД").kind == "organization"


def test_a_sentence_opening_word_or_a_lone_title_is_no_name():
    _, mentions, _, _ = resolve_texts({
        "ru": ("Помимо Раиси, в вертолёте находились ещё восемь человек.", "ru"),
        "en": ("The crash site was found at dawn. Governor said nothing.", "en"),
        "de": ("Millionen Menschen sahen die Serie. Blutende Menschen liefen durch die Straße.", "de"),
    })
    texts = {m.text for m in mentions}
    assert "Помимо Раиси" not in texts and "Governor" not in texts
    assert not {t for t in texts if "Menschen" in t}


# ---- names across scripts, regions, places glued to names (invented names) ---------------

def test_arabic_name_without_cue_links_to_a_name_seen_in_latin():
    _, _, acts, _ = resolve_texts({
        "en": ("The commander Boris Tarkovin left the city on Sunday. Tarkovin said nothing.", "en"),
        "ru": ("Командир Борис Тарковин покинул город.", "ru"),
        "ar": ("غادر تاركوفين المدينة يوم الأحد مع رجاله وقال إن رجال تاركوفين سيعودون.", "ar"),
    })
    arabic = owner(acts, "تاركوفين")
    assert arabic.id == owner(acts, "Boris Tarkovin").id == owner(acts, "Борис Тарковин").id
    assert len([m for m in arabic.mentions if m.source == "ar"]) == 2


def test_arabic_word_that_spells_no_known_name_stays_unlinked():
    _, _, acts, _ = resolve_texts({
        "en": ("The commander Boris Tarkovin left the city on Sunday.", "en"),
        "ar": ("غادر القائد المدينة يوم الأحد مع رجاله.", "ar"),
    })
    assert not [m for a in acts for m in a.mentions if m.source == "ar"]


def test_compass_word_makes_a_region_not_the_state():
    _, _, acts, _ = resolve_texts({
        "en": ("The governor of East Moldova spoke in Moldova on Monday.", "en"),
        "ru": ("Губернатор провинции Восточная Молдова выступил вечером.", "ru"),
        "ar": ("تحدث محافظ مولدوفا الشرقية أمس.", "ar"),
        "tr": ("Doğu Moldova valisi dün konuştu.", "tr"),
    })
    region = {owner(acts, s).id for s in ("East Moldova", "Восточная Молдова", "مولدوفا الشرقية", "Doğu Moldova")}
    assert len(region) == 1
    actor = next(a for a in acts if a.id in region)
    assert actor.kind == "place"
    assert owner(acts, "Moldova").kind == "state" and owner(acts, "Moldova").id not in region


def test_place_noun_keeps_the_place_apart_from_the_name_after_it():
    _, mentions, acts, _ = resolve_texts({
        "en": ("The imam of the city of Kirovka Daniel Peter Morrow was on board.", "en"),
    })
    texts = {m.text for m in mentions}
    assert "Kirovka" in texts and "Daniel Peter Morrow" in texts


def test_city_before_a_name_after_a_title_is_not_part_of_it():
    _, mentions, _, _ = resolve_texts({"ru": ("Губернатор Бейрута Захар Миронов заявил об ущербе.", "ru")})
    assert "Захар Миронов" in {m.text for m in mentions}


def test_ukrainian_case_forms_of_states_and_cities():
    assert gazetteer.state_of("Лівану") == gazetteer.state_of("Ліван") == gazetteer.state_of("Lebanon")
    assert gazetteer.city_of("Бейруті") == gazetteer.city_of("Beirut")


def test_sentence_opening_adverb_is_not_part_of_the_name():
    _, mentions, _, _ = resolve_texts({"tr": ("Sonra asker geldi. Ardından Kemal Yurtsever açıklama yaptı.", "tr")})
    texts = {m.text for m in mentions}
    assert "Kemal Yurtsever" in texts and not any(t.startswith("Ardından") for t in texts)


def test_two_names_glued_by_capitals_are_split():
    _, _, acts, mapping = resolve_texts({
        "ru1": ("Вчера глава группы Зарница Борис Тарковин объявил о выходе.", "ru"),
        "ru2": ("Бойцы группы Зарница вернулись на базу, а Борис Тарковин промолчал.", "ru"),
    })
    person = {a.id for a in acts if any(m.text == "Борис Тарковин" for m in a.mentions)}
    assert len(person) == 1
    actor = next(a for a in acts if a.id in person)
    assert {m.source for m in actor.mentions if m.text == "Борис Тарковин"} == {"ru1", "ru2"}
    assert not any("Зарница" in m.text for m in actor.mentions)


def test_junk_forms_are_not_actors():
    _, mentions, _, _ = resolve_texts({
        "ru": ("Вчера глава ЧВК выступил в Думе. Президент РФ промолчал.", "ru"),
        "ar": ("وصل الرئيس البيلاروسي لإنهاء الأزمة. وقال الرئيس ووزير خارجيته إن الوفد عاد.", "ar"),
        "en": ("The governor of the East spoke. Officials in East Moldova agreed.", "en"),
    })
    texts = {m.text: m for m in mentions}
    assert "ЧВК" not in texts or texts["ЧВК"].kind != "person"
    assert texts["РФ"].key == "state:RU"
    assert "لإنهاء" not in texts and not any("ووزير" in t for t in texts)
    assert "East" not in texts


def test_prepositions_on_verbal_nouns_and_words_before_a_state_are_no_names():
    """لتولي "to take on" and كمتصرف "as caretaker" after a title, and the اسلامی of "رئیس
    جمهوری اسلامی ایران", name no one; a name after the same titles still does."""
    _, mentions, _, _ = resolve_texts({
        "ar": ("تم تعيين كريم منصور نائب وزير الخارجية كمتصرف للوزارة. وعين النائب الأول للرئيس لتولي "
               "مسؤولية السلطة. وقال وزير الخارجية كريم منصور إن الوفد عاد.", "ar"),
        "fa": ("کریم منصور، رئیس جمهوری اسلامی ایران در راه خدمت به مردم درگذشت.", "fa"),
    })
    texts = {m.text for m in mentions}
    assert not texts & {"كمتصرف", "لتولي", "اسلامی"}
    assert "كريم منصور" in texts


def test_german_nouns_before_a_name_are_not_part_of_it():
    _, mentions, _, _ = resolve_texts({
        "de": ("Die Kämpfer zogen in die Stadt Kirowsk ein. Nach Angaben der Polizei wurden Dutzende Rettungsteams "
               "und Tonnen Material geschickt, sagte Sprecher Anton Weller.", "de"),
    })
    texts = {m.text for m in mentions}
    assert not any(t.startswith(("Stadt", "Dutzende", "Tonnen", "Angaben")) for t in texts), texts


def test_german_head_noun_before_a_name_is_not_part_of_it():
    _, mentions, acts, _ = resolve_texts({
        "de": ("Die Verletzten kamen ins Krankenhaus Saint-Amour. Die Fähre lag im Hafen von Kirowsk. "
               "Dazu äußerte sich die Hackergruppe Nachtfalke nicht.", "de"),
        "en": ("Patients were taken to Saint-Amour hospital near Kirowsk, and the group Nachtfalke was blamed.", "en"),
    })
    texts = {m.text for m in mentions}
    assert {"Kirowsk", "Nachtfalke"} <= texts, texts
    # the hospital is one institution in both languages (tests/test_names_latin.py)
    assert owner(acts, "Krankenhaus Saint-Amour").id == owner(acts, "Saint-Amour hospital").id


def test_more_junk_forms_are_not_actors():
    _, mentions, acts, _ = resolve_texts({
        "en": ("The Italian news agency said the Health portfolio was hit. The Mi-17 crashed near the city, "
               "said Governor of Chile’s East Moldova on Sunday, citing French reports.", "en"),
        "ru": ("Позже агентство Интерфакс уточнило данные.", "ru"),
    })
    texts = {m.text: m for m in mentions}
    assert "Health" not in texts and "Mi-17" not in texts and "Позже" not in texts
    assert texts["Italian"].key == "state:IT" and texts["French"].key == "state:FR"
    assert not any(a.kind == "person" and a.name == "East" for a in acts)


def test_state_name_opening_a_person_name_is_part_of_it():
    _, mentions, acts, _ = resolve_texts({"en": ("An official of the relief group, Jordan Pellew, said on Monday.", "en")})
    texts = {m.text: m for m in mentions}
    assert "Jordan Pellew" in texts and texts["Jordan Pellew"].key != "state:JO"


def test_a_word_one_is_in_is_a_place():
    _, _, acts, _ = resolve_texts({
        "en": ("The convoy stopped in Kirowsk overnight.", "en"),
        "ru": ("Колонна остановилась в Кировске на ночь.", "ru"),
        "tr": ("Konvoy gece Kirovsk'ta durdu.", "tr"),
    })
    assert owner(acts, "Kirowsk").kind == "place"


def test_german_state_adjective_with_a_noun_is_no_name():
    _, mentions, _, _ = resolve_texts({"de": ("Am Abend zogen sich Italienische Truppen aus der Gegend zurück.", "de")})
    assert not any(m.text == "Italienische Truppen" for m in mentions)


def test_function_words_and_site_metadata_open_no_name():
    doc = make_doc("g", "Bis Donnerstagvormittag wurden Bewohner von Valdrecht evakuiert.\n"
                        "Mehrere Ortschaften am Ufer standen unter Wasser.\n", "de")
    texts = {m.text for m in find_mentions(doc)}
    assert not texts & {"Bis Donnerstagvormittag", "Mehrere Ortschaften"}, texts
    doc = make_doc("t", "Giriş Tarihi: 06.06.2023 Güncellenme Tarihi: 07.06.2023\n"
                        "Valdrecht'te baraj yıkıldı.\n", "tr")
    texts = {m.text for m in find_mentions(doc)}
    assert not texts & {"Giriş Tarihi", "Güncellenme Tarihi", "Tarihi"}, texts


def test_a_surname_alone_means_the_full_name_most_documents_give():
    """A document naming only "Valdi" means "Osric Valdi", whom four documents name in full, not
    "Mira Valdi", whom one names; a second namesake named as often leaves it apart."""
    texts = {f"d{i}": (f"President Osric Valdi visited Capitalia on day {i}. Osric Valdi spoke.", "en") for i in range(4)}
    texts["m"] = ("Her niece Mira Valdi also spoke at the event. Mira Valdi left.", "en")
    texts["s"] = ("Valdi arrived in the city on Monday. Valdi met the mayor.", "en")
    _, _, acts, _ = resolve_texts(texts)
    assert any(m.source == "s" for m in owner(acts, "Osric Valdi").mentions)
    texts.update({f"n{i}": (f"Mira Valdi spoke on day {i}. Mira Valdi left.", "en") for i in range(3)})
    _, _, acts, _ = resolve_texts(texts)
    assert not any(m.source == "s" for a in acts if a.name in ("Osric Valdi", "Mira Valdi") for m in a.mentions)


def test_a_turkish_common_noun_opening_a_sentence_with_a_case_ending_is_no_part_of_a_name():
    """"Törene" (to the ceremony) beside "törende" in lower case is a word; a name keeps an
    apostrophe before its endings."""
    doc = make_doc("t", "Capitalia'da düzenlenen törende konuşmalar yapıldı. Törene Valdi de katıldı. "
                        "Cumhurbaşkanı Osric Valdi konuştu.", "tr")
    assert {m.text for m in find_mentions(doc) if m.kind == "person"} == {"Valdi", "Osric Valdi"}


def test_a_deputy_after_another_title_is_no_part_of_the_name():
    doc = make_doc("t", "Belediye Başkanı Yardımcısı Osric Vane açıklama yaptı.", "tr")
    assert [m.text for m in find_mentions(doc) if m.kind == "person"] == ["Osric Vane"]


def test_arabic_and_with_a_possessed_noun_is_no_part_of_a_name():
    """"للرئيس X ومرافقيه": to the president X and his companions; a name such as "وجيهة" stays one."""
    from dossier.extract.gazetteer import is_stop
    doc = make_doc("a", "وقدم التعازي للرئيس سامي ومرافقيه في الحادث.", "ar")
    assert not any("ومرافقيه" in m.text for m in find_mentions(doc))
    assert is_stop("ومرافقيهم") and not is_stop("وجيهة") and not is_stop("وليد")
