"""Actor mentions and resolution, on the sample corpus and on small texts in six languages."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from dossier import actors
from dossier.errors import RecordError
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
        from dossier import ingest, segment
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
        mentions.extend(actors.find_mentions(d))
    acts, mapping = actors.resolve(docs, mentions, [], None)
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
    found = actors.find_mentions(doc)
    assert not any("Peskov" in m.text or "Kremlin" in m.text for m in found)
    doc.sentences[0].boilerplate = False
    assert any(m.text == "Dmitry Peskov" for m in actors.find_mentions(doc))


def test_resolve_is_deterministic_and_ids_are_stable(corpus):
    docs, _, acts, mapping = corpus
    again_mentions = [m for d in docs for m in actors.find_mentions(d)]
    acts2, mapping2 = actors.resolve(docs, again_mentions, [], None)
    assert acts2 == acts and mapping2 == mapping
    # An existing record keeps its id when the name it stands for comes back.
    putin = next(a for a in acts if a.name == "Vladimir Putin")
    old = Actor(id="putin-the-first", name="Putin", kind="person",
                mentions=[Mention(**vars(putin.mentions[0]))], aliases=[Alias("Putin", "en", "Latn")])
    acts3, _ = actors.resolve(docs, [m for d in docs for m in actors.find_mentions(d)], [old], None)
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
    mentions = [m for d in docs for m in actors.find_mentions(d)]
    acts, mapping = actors.resolve(docs, mentions, [], None)
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
    assert actors.role_key(title, lang) == role


def test_pins_merge_and_forbid(tmp_path):
    (tmp_path / "aliases.yml").write_text(
        "- name: Jane Example\n  id: jane\n  kind: person\n  aliases: [Jane Exampel, Джейн Экзампл]\n"
        "- distinct: [Ilham Aliyev, Heydar Aliyev]\n", encoding="utf-8")
    pins = actors.load_pins(tmp_path)
    assert pins.pins[0].name == "Jane Example" and pins.distinct == [["Ilham Aliyev", "Heydar Aliyev"]]
    doc = make_doc("p", "Minister Jane Exampel spoke. President Ilham Aliyev and former President Heydar Aliyev. "
                        "Министр Джейн Экзампл ответила.", "en")
    mentions = actors.find_mentions(doc)
    acts, _ = actors.resolve([doc], mentions, [], pins)
    jane = [a for a in acts if a.id == "jane"]
    assert jane and jane[0].name == "Jane Example" and len(jane[0].mentions) == 2
    assert len({a.id for a in acts if "Aliyev" in a.name}) == 2


def test_load_pins_missing_and_bad(tmp_path):
    assert actors.load_pins(tmp_path).pins == []
    (tmp_path / "aliases.yml").write_text("- name: A\n  aliases: [x\n", encoding="utf-8")
    with pytest.raises(RecordError) as err:
        actors.load_pins(tmp_path)
    assert "aliases.yml:" in str(err.value) and err.value.line
    (tmp_path / "aliases.yml").write_text("- name: A\n  kind: wizard\n", encoding="utf-8")
    with pytest.raises(RecordError, match="wizard"):
        actors.load_pins(tmp_path)


def test_repository_aliases_file_loads():
    pins = actors.load_pins(ROOT / "content")
    assert pins.pins == [] and pins.distinct == []
