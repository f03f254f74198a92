"""Stated facts (dossier/extract/stated.py): facts no predicate fits, gathered across documents
and languages by shared figures, rare words and participants. Invented documents only."""
from __future__ import annotations

import pickle
import re
from dataclasses import asdict, replace
from types import SimpleNamespace

from dossier.extract import stated
from dossier.extract.statements import assign_ids
from dossier.model import Claim, Document, Evidence, Sentence, Source
from dossier.model.records import Frame
from dossier.text import script_of


def make_doc(doc_id: str, language: str, *sentences: str) -> Document:
    src = Source(id=doc_id, path=f"content/sources/{doc_id}.txt", sha256="", language=language, title=None,
                 publisher=None, author=None, published=None, published_precision=None, url=None)
    text, sents = "", []
    for s in sentences:
        start = len(text)
        text += s + "\n\n"
        sents.append(Sentence(start, start + len(s), s, language, script_of(s)))
    return Document(source=src, text=text, sentences=sents)


DOCS = [
    make_doc("01-en", "en",
             "The Valdrecht plant employs about 830 people and supplies paint makers across the region.",
             "Windows were shattered up to two kilometres away from the site.",
             "The plant may have employed about 830 people before the cuts last spring.",
             "The company's shares fell sharply on the stock exchange in the morning."),
    make_doc("02-de", "de",
             "Das Werk im Süden der Stadt beschäftigt rund 830 Mitarbeiter in drei Schichten.",
             "Zwei Arbeiter starben später im Krankenhaus der Stadt an ihren Verletzungen."),
    make_doc("03-ru", "ru",
             "На заводе в южной части города работают около 830 человек в три смены."),
    make_doc("04-ar", "ar",
             "ويعمل في المصنع الواقع جنوب المدينة نحو 830 موظفا في ثلاث ورديات."),
    make_doc("05-tr", "tr",
             "Patlamada iki kilometre uzaklıktaki evlerin camları kırıldı ve birçok kişi sokağa döküldü."),
]


def run(docs):
    return stated.claims(docs, {}, {}, [])


def by_sources(claims):
    return {tuple(sorted({e.source for e in c.evidence})): c for c in claims}


def test_same_fact_in_four_languages_is_one_claim_with_the_figure_as_value():
    claims = by_sources(run(DOCS))
    staff = claims[("01-en", "02-de", "03-ru", "04-ar")]
    assert len(staff.evidence) == 4
    assert {e.language for e in staff.evidence} == {"en", "de", "ru", "ar"}
    assert {e.value for e in staff.evidence} == {"830"}
    assert staff.statement_from == "quote" and staff.frame.predicate == stated.PREDICATE


def test_same_small_number_of_different_facts_stays_apart():
    claims = by_sources(run(DOCS))
    windows = claims[("01-en", "05-tr")]  # two kilometres: the figure and the word "kilometre"
    assert "Windows" in windows.statement
    # "two died in hospital" shares only the small figure: it joins nothing
    assert not any("Krankenhaus" in e.quote for c in claims.values() for e in c.evidence)


def test_hedged_sentence_never_becomes_evidence():
    quotes = [e.quote for c in run(DOCS) for e in c.evidence]
    assert quotes and not any("may have" in q for q in quotes)


def test_a_fact_one_document_states_makes_no_claim():
    claims = run(DOCS)
    assert not any("shares fell" in e.quote for c in claims for e in c.evidence)
    assert run(DOCS[:1]) == []


def test_statement_has_no_figure_and_one_script():
    for claim in run(DOCS):
        assert not re.search(r"\d", claim.statement), claim.statement
        assert len({script_of(w) for w in re.findall(r"[^\W\d_]{2,}", claim.statement)}) == 1
    assert "employs about … people" in by_sources(run(DOCS))[("01-en", "02-de", "03-ru", "04-ar")].statement


def test_output_is_the_same_whatever_the_order_of_documents():
    first = [asdict(c) for c in run(DOCS)]
    again = [asdict(c) for c in run(list(reversed(DOCS)))]
    assert first == again and repr(first) == repr([asdict(c) for c in run(DOCS)])


def test_documents_of_different_stories_never_share_a_claim():
    stories = {d.source.id: SimpleNamespace(number=i) for i, d in enumerate(DOCS)}
    assert stated.claims(DOCS, {}, stories, []) == []


def held(doc: Document, index: int, frame: Frame | None = None, value: str | None = None) -> Claim:
    """A claim the frames made, holding sentence `index` of `doc`, its evidence giving `value`."""
    s = doc.sentences[index]
    return Claim(id="x", statement="x", frame=frame, evidence=[
        Evidence(source=doc.source.id, quote=s.text, start=s.start, end=s.end, language="en", attributed_to=None,
                 value=value)])


def test_clause_a_claim_already_holds_is_left_alone():
    claims = by_sources(stated.claims(DOCS, {}, {}, [held(DOCS[0], 0, value="830")]))
    assert ("02-de", "03-ru", "04-ar") in claims


def test_a_figure_no_frame_gives_is_stated_even_in_a_clause_a_frame_holds():
    docs = [make_doc("21-fr", "fr", "Le groupe Valdrecht Chemie, qui emploie environ 640 personnes sur le site, "
                                    "n'a pas souhaité commenter ces critiques."),
            make_doc("22-en", "en", "The Valdrecht site employs about 640 people and supplies paint makers."),
            make_doc("23-de", "de", "Das Werk beschäftigt rund 640 Mitarbeiter in drei Schichten an dem Standort.")]
    said = held(docs[0], 0, Frame(predicate="declined comment", slot="yes-no"), value="yes")
    claims = by_sources(stated.claims(docs, {}, {}, [said]))
    staff = claims[("21-fr", "22-en", "23-de")]
    assert {e.value for e in staff.evidence} == {"640"}
    # the same figure given by a frame's claim: that claim holds the fact
    counted = held(docs[0], 0, Frame(predicate="employed", slot="count"), value="640")
    assert ("22-en", "23-de") in by_sources(stated.claims(docs, {}, {}, [counted]))
    # a year is no figure of a fact of its own
    years = [make_doc("31-en", "en", "The company, founded in 1998 in the south of Valdrecht, declined to comment."),
             make_doc("32-de", "de", "Das 1998 gegründete Unternehmen im Süden von Valdrecht wollte sich nicht äußern.")]
    said = held(years[0], 0, Frame(predicate="declined comment", slot="yes-no"), value="yes")
    assert stated.claims(years, {}, {}, [said]) == []


def test_clause_of_an_event_a_frame_gathers_in_the_story_is_left_to_it():
    docs = [make_doc("11-en", "en", "Police detained 14 people during the night, the ministry of Valdrecht said."),
            make_doc("12-de", "de", "In der Nacht nahm die Polizei 14 Menschen fest, wie das Ministerium erklärte."),
            make_doc("13-fr", "fr", "La police a interpellé 14 personnes pendant la nuit, selon le ministère.")]
    assert len(run(docs)) == 1  # no frame made a claim of the arrests: quoted, one claim
    frame = held(docs[2], 0, Frame(predicate="arrested", slot="count"), value="14")
    assert stated.claims(docs[:2], {}, {}, [frame]) == []


def test_statement_once_written_stays_when_a_document_is_added():
    old = run(DOCS[1:])
    assign_ids(old, [])
    staff = next(c for c in old if len(c.evidence) == 3)
    assert script_of(staff.statement) == "Latn"  # the German quote: no English source yet
    new = run(DOCS)
    assign_ids(new, old)
    stated.keep_statements(new, {c.id: c for c in old})
    again = next(c for c in new if c.id == staff.id)
    assert len(again.evidence) == 4 and again.statement == staff.statement


def test_word_key_holds_across_scripts_and_spellings():
    keys = {stated.word_key(w) for w in ("acrylonitrile", "Acrylnitril", "акрилонитрила", "akrilonitril")}
    assert len(keys) == 1 and None not in keys
    assert stated.word_key("acrylonitrile") != stated.word_key("kilometres")
    assert stated.word_key("tank") is None  # too short to tell apart


def test_blank_replaces_digits_and_number_words():
    assert stated.blank("Winds of up to 70 km per hour and waves of three metres.", "en") == \
        "Winds of up to … km per hour and waves of … metres."
    assert stated.blank("It employs 1,200 people.", "en") == "It employs … people."


class DictMemo:
    """A `Reuse` in memory, pickling what it keeps as the cache does."""

    def __init__(self):
        self.kept: dict[str, bytes] = {}

    def key(self, *parts):
        return repr(parts)

    def get(self, key):
        return pickle.loads(self.kept[key]) if key in self.kept else None

    def put(self, key, value):
        self.kept[key] = pickle.dumps(value)

    def keep(self, key):
        pass


def test_each_documents_reading_is_kept_and_gives_the_same_claims():
    memo = DictMemo()
    first = [asdict(c) for c in stated.claims(DOCS, {}, {}, [], memo)]
    assert len(memo.kept) == len(DOCS) + 1  # each document's reading, and the story's closest pairs
    again = [asdict(c) for c in stated.claims(DOCS, {}, {}, [], memo)]
    assert first == again == [asdict(c) for c in run(DOCS)]


def test_a_belief_is_no_fact():
    docs = [make_doc("21-en", "en", "Analysts argue the Valdrecht plant will lose about 830 jobs next year."),
            make_doc("22-de", "de", "Beobachter meinen, das Werk in Valdrecht werde 830 Stellen abbauen."),
            make_doc("23-ru", "ru", "Аналитики считают, что завод в Вальдрехте сократит 830 рабочих мест.")]
    assert run(docs) == []


def test_someones_own_words_are_left_to_the_frames():
    docs = [make_doc("31-en", "en", '"We will rebuild all 830 homes," the mayor of Valdrecht told reporters.'),
            make_doc("32-de", "de", "„Wir werden alle 830 Häuser wieder aufbauen\", sagte der Bürgermeister."),
            make_doc("33-ru", "ru", "«Мы восстановим все 830 домов», — заявил мэр Вальдрехта.")]
    assert run(docs) == []


def test_an_unnamed_groups_view_is_commentary():
    docs = [make_doc("41-en", "en", "Analysts say the Valdrecht plant will lose about 830 jobs next year."),
            make_doc("42-de", "de", "Oppositionspolitiker sagen, das Werk in Valdrecht werde 830 Stellen abbauen."),
            make_doc("43-ar", "ar", "ويقول محللون إن مصنع فالدريخت سيخسر نحو 830 وظيفة العام المقبل.")]
    assert run(docs) == []
    assert not stated._commentary("Residents were evacuated overnight from the area.", "en", "Latn")


def test_residents_view_is_commentary_in_five_languages():
    for quote, lang in [("Local residents say the Valdrecht plant will close.", "en"),
                        ("Местные жители утверждают, что завод в Вальдрехте закроют.", "ru"),
                        ("Bölge sakinlerine göre Valdrecht fabrikası kapanacak.", "tr"),
                        ("ويؤكد سكان محليون أن مصنع فالدريخت سيغلق.", "ar"),
                        ("Anwohner sagen, das Werk in Valdrecht werde geschlossen.", "de")]:
        assert stated._commentary(quote, lang, script_of(quote)), quote


def test_words_the_clauses_of_many_stories_use_tie_none_of_them():
    """A stock sentence every story's reports repeat ("relations have been tense for months")
    is no fact of any story; a term only one story uses still ties its clauses."""
    docs, stories = [], {}
    for i in range(6):
        for j in range(2):
            doc_id = f"5{i}{j}-en"
            sentences = ["Relations between the two neighbours have been tense for many months."]
            sentences += [f"The {_word(i, j, k, 0)} {_word(i, j, k, 1)} reached the {_word(i, j, k, 2)} quietly."
                          for k in range(30)]  # unrelated sentences: the stock one is rare in its language
            if i == 0:
                sentences.append("The blast happened in a storage tank for acrylonitrile near the harbour.")
            docs.append(make_doc(doc_id, "en", *sentences))
            stories[doc_id] = SimpleNamespace(number=i)
    claims = stated.claims(docs, {}, stories, [])
    assert [sorted({e.source for e in c.evidence}) for c in claims] == [["500-en", "501-en"]]
    assert "acrylonitrile" in claims[0].statement
    assert len(stated.claims(docs[:2], {}, stories, [])) == 2  # one story alone: both are its facts


def _word(*n: int) -> str:
    """An invented word of letters only, different for every `n`."""
    x, out = hash(n) & 0xFFFFFF, ""
    for _ in range(6):
        x, r = divmod(x, 20)
        out += "bdfgklmnprstvzhjcwxq"[r] + "aeiou"[x % 5]
    return out.capitalize()


def test_a_stated_fact_keeps_who_each_source_attributes_it_to():
    from dossier.model import Actor, Mention
    docs = [make_doc("01-en", "en", "According to the Varnholt Courier, the Valdrecht plant employs about 830 "
                                    "people in three shifts."),
            make_doc("02-ru", "ru", "На заводе в южной части города работают около 830 человек в три смены.")]
    at = docs[0].text.index("Varnholt Courier")
    courier = Actor(id="varnholt-courier", name="Varnholt Courier", kind="outlet",
                    mentions=[Mention(source="01-en", start=at, end=at + 16, text="Varnholt Courier")])
    [claim] = stated.claims(docs, {courier.id: courier}, {}, [])
    said = {e.source: e.attributed_to for e in claim.evidence}
    assert said == {"01-en": "varnholt-courier", "02-ru": None}


def test_an_english_quoted_statement_drops_its_speaker_but_not_the_subject():
    from dossier.extract.statements import strip_attribution
    assert strip_attribution("Spokeswoman Odile Varnet said the tank that burst had been inspected in May.",
                             "en") == "The tank that burst had been inspected in May."
    assert strip_attribution("The mayor said on Monday that the bridge would reopen within weeks.",
                             "en") == "The bridge would reopen within weeks."
    one = stated.Stated(source="01-en", start=0, end=60, quote="The group said it had stolen the files of 830 "
                        "patients.", language="en", figures=frozenset({830}), words=frozenset(),
                        actors=frozenset())
    two = stated.Stated(source="02-de", start=0, end=40, quote="Die Gruppe stahl die Akten von 830 Patienten.",
                        language="de", figures=frozenset({830}), words=frozenset(), actors=frozenset())
    assert stated.make_claim([one, two]).statement.startswith("The group said it had stolen")


def test_word_key_of_an_elided_or_inflected_word_is_its_longest_part():
    assert stated.word_key("d'acrylonitrile") == stated.word_key("acrylonitrile")
    assert stated.word_key("Türkiye'ye") == stated.word_key("Türkiye")


def _vec(*weights: float) -> bytes:
    import numpy as np

    v = np.zeros(512)
    v[:len(weights)] = weights
    return (np.rint(v / np.linalg.norm(v) * 127)).astype(np.int8).tobytes()


def _said(source: str, vector: bytes, events: tuple[str, ...], story: int = 0) -> stated.Stated:
    return stated.Stated(source, 0, 10, source, "en", frozenset(), frozenset(), frozenset(), events, story, vector)


def test_two_groups_alike_in_sense_and_event_become_one():
    tank = [[_said("a", _vec(1, 0.2, 0), ("exploded",)), _said("b", _vec(1, 0, 0.3), ("exploded",))],
            [_said("c", _vec(1, 0.3, 0.1), ("exploded",)), _said("d", _vec(0.9, 0.2, 0.2), ("exploded",))]]
    assert [sorted(s.source for s in g) for g in stated._alike_groups(tank)] == [["a", "b", "c", "d"]]
    other_event = [tank[0], [replace(s, events=("arrested",)) for s in tank[1]]]
    assert len(stated._alike_groups(other_event)) == 2
    same_doc = [tank[0], [replace(tank[1][0], source="a"), tank[1][1]]]
    assert len(stated._alike_groups(same_doc)) == 2
    unlike = [tank[0], [_said("c", _vec(0, 1, 0), ("exploded",)), _said("d", _vec(0, 0.9, 0.4), ("exploded",))]]
    assert len(stated._alike_groups(unlike)) == 2


def test_a_lone_clause_clearly_alike_to_one_group_joins_it_but_never_gives_its_statement():
    group = [_said("a", _vec(1, 0.2, 0), ()), _said("b", _vec(1, 0, 0.3), ())]
    other = [_said("c", _vec(0, 1, 0.1), ()), _said("d", _vec(0, 0.9, 0.2), ())]
    lone = replace(_said("e", _vec(0.9, 0.1, 0.1), ()), language="de")
    joined = stated._join_alone([group, other], [lone])
    assert [sorted(s.source for s in g) for g in joined] == [["a", "b", "e"], ["c", "d"]]
    assert stated.make_claim([replace(s, language="de") for s in joined[0][:2]] + [replace(joined[0][2], language="en")]
                             ).evidence[0].source == "a"
    between = _said("e", _vec(0.7, 0.7, 0.1), ())  # as close to both: no clear lead
    assert [len(g) for g in stated._join_alone([group, other], [between])] == [2, 2]
    own_figure = replace(lone, figures=frozenset({640}))  # a figure the group does not give
    assert [len(g) for g in stated._join_alone([group, other], [own_figure])] == [2, 2]
    same_doc = replace(lone, source="a")
    assert [len(g) for g in stated._join_alone([group, other], [same_doc])] == [2, 2]


def test_a_clause_of_a_framed_event_with_no_figure_the_frame_left_is_stated():
    docs = [make_doc("41-en", "en", "Several of the survivors were treated in hospital for hypothermia and exhaustion."),
            make_doc("42-de", "de", "Einige der Geretteten wurden wegen Hypothermie und Erschöpfung im Krankenhaus behandelt.")]
    counted = held(make_doc("43-fr", "fr", "Neuf survivants restaient hospitalisés mardi soir à Valdrecht."), 0,
                   Frame(predicate="hospitalised", slot="count"), value="9")
    found = [c for c in stated.claims(docs, {}, {}, [counted]) if {e.source for e in c.evidence} == {"41-en", "42-de"}]
    assert len(found) == 1


def test_feelings_and_open_questions_are_no_facts():
    assert not stated._quotable("Eine Frau brach in Tränen aus und sagte, ihre Tochter sei auf der Fähre gewesen.", "de", "Latn")
    assert not stated._quotable("Limanda bekleyen yakınlar büyük bir endişe içinde bekliyor.", "tr", "Latn")
    assert not stated._quotable("Uzmanlar, fırtına uyarısına rağmen seferin neden iptal edilmediğini soruyor.", "tr", "Latn")
    assert stated._quotable("Die Fähre sank am Samstag etwa vier Meilen vor der Insel im Sturm.", "de", "Latn")


def test_a_clause_that_only_says_who_said_the_one_before_is_no_fact():
    assert not stated._quotable("Об этом в среду заявил пресс-секретарь ведомства Иван Петров, пишет агентство.", "ru", "Cyrl")
    assert not stated._quotable("جاء ذلك في بيان صادر عن وزارة الخارجية اليوم الثلاثاء في العاصمة.", "ar", "Arab")
    assert not stated._quotable("Dies teilte ein Sprecher des Ministeriums am Dienstag in der Hauptstadt mit.", "de", "Latn")
    assert not stated._quotable("Про це повідомив очільник міністерства Іван Петренко у середу.", "uk", "Cyrl")
    assert stated._quotable("Как сообщил глава ведомства, паром затонул в субботу у острова.", "ru", "Cyrl")


def test_an_open_question_and_years_of_background_are_no_facts():
    assert not stated._quotable("How the intruders reached the archive of Valdrecht remains unknown.", "en", "Latn")
    assert not stated._quotable("Как злоумышленники проникли в архив Вальдрехта, пока неизвестно до конца.", "ru", "Cyrl")
    assert not stated._quotable("ولم يتضح بعد كيف تمكن المهاجمون من دخول أرشيف المدينة في الليل.", "ar", "Arab")
    assert not stated._quotable("Saldırganların arşive nasıl girdiği henüz bilinmiyor, soruşturma sürüyor.", "tr", "Latn")
    assert not stated._quotable("Die Beziehungen zwischen den beiden Ländern sind seit Jahren angespannt.", "de", "Latn")
    assert not stated._quotable("Les hôpitaux de la région sont visés par des pirates depuis des années.", "fr", "Latn")
    assert not stated._quotable("The case is the latest in a series of fraud inquiries into city officials.", "en", "Latn")
    assert stated._quotable("The intruders reached the archive of Valdrecht through a stolen password.", "en", "Latn")
    assert stated._quotable("Die Beziehungen zwischen den beiden Ländern wurden am Montag abgebrochen.", "de", "Latn")


def test_a_copy_and_its_original_are_one_document_stating_a_fact():
    original = make_doc("51-en", "en", "The plant of Valdrecht employs about 830 people in three shifts every day.")
    copy = make_doc("52-en", "en", "The plant of Valdrecht employs about 830 people in three shifts every day.")
    copy.source.derived_from = "51-en"
    assert stated.claims([original, copy], {}, {}, []) == []
    assert len(stated.claims([original, make_doc("53-de", "de", "Das Werk in Valdrecht beschäftigt rund 830 Menschen in drei Schichten.")], {}, {}, [])) == 1


def test_a_clause_telling_a_framed_fact_of_its_subject_is_left_to_the_frame():
    from dossier.model import Actor, Mention
    docs = [make_doc("61-en", "en", "Interior minister Jan Kowal also lost his life in the crash near Valdrecht on Sunday."),
            make_doc("62-de", "de", "Auch Innenminister Jan Kowal verlor bei dem Absturz nahe Valdrecht sein Leben am Sonntag.")]
    kowal = Actor(id="kowal", name="Jan Kowal", kind="person", mentions=[
        Mention(source=d.source.id, start=d.text.index("Jan Kowal"), end=d.text.index("Jan Kowal") + 9, text="Jan Kowal")
        for d in docs])
    third = make_doc("63-fr", "fr", "Le ministre Jan Kowal a été tué dans l'accident près de Valdrecht.")
    killed = held(third, 0, Frame(predicate="killed", slot="yes-no", subject="kowal"), value="yes")
    assert stated.claims(docs, {"kowal": kowal}, {}, [killed]) == []
    # of someone else the frame's claims name, the same clauses are a fact of their own
    other = held(third, 0, Frame(predicate="killed", slot="yes-no", subject="someone-else"), value="yes")
    assert len(stated.claims(docs, {"kowal": kowal}, {}, [other])) == 1


def test_loosely_alike_clauses_sharing_only_participants_are_two_facts():
    a = stated.Stated("a", 0, 9, "x", "fr", frozenset(), frozenset({"vktm"}), frozenset({"lyon", "hospital"}))
    b = stated.Stated("b", 0, 9, "y", "de", frozenset(), frozenset({"krsrm"}), frozenset({"lyon", "hospital"}))
    rare = {"lyon", "hospital"}
    assert stated._score(a, b, {"vktm", "krsrm"}, rare, close=(0.47, 0.13)) == 0.0  # close, no clear lead
    assert stated._score(a, b, {"vktm", "krsrm"}, rare, close=(0.62, 0.13)) > 2.0  # the same sense: they add


def test_a_second_figure_in_a_clause_whose_toll_a_frame_took_is_a_fact_apart():
    docs = [make_doc("41-en", "en", "The explosion of 2,750 tonnes of fertiliser in the port of Valdrecht killed 135 people."),
            make_doc("42-de", "de", "Die Explosion von 2750 Tonnen Dünger im Hafen von Valdrecht hat 135 Menschen getötet."),
            make_doc("43-fr", "fr", "L'explosion de 2750 tonnes d'engrais dans le port de Valdrecht a tué 135 personnes.")]
    toll = [held(d, 0, Frame(predicate="killed", slot="count"), value="135") for d in docs]
    found = stated.claims(docs, {}, {}, toll)
    assert [sorted({e.value for e in c.evidence}) for c in found] == [["2750"]], found
    # a clause whose toll the frames missed ("stood at 28,191", far from its noun) keeps it unread
    docs = [make_doc(f"5{i}-en", "en", "The death toll from the quakes that hit the region of Valdrecht stood at "
                                       "28,191, with another 80,000 injured.") for i in range(2)]
    injured = [held(d, 0, Frame(predicate="injured", slot="count"), value="80000") for d in docs]
    killed = held(make_doc("59-en", "en", "Valdrecht said 20,000 people were killed."), 0,
                  Frame(predicate="killed", slot="count"), value="20000")
    assert stated.claims(docs, {}, {}, injured + [killed]) == []


def test_what_a_thing_is_and_is_used_for_is_background():
    docs = [make_doc("51-en", "en", "Zorblite is used as a fertiliser in agriculture and as an explosive."),
            make_doc("52-fr", "fr", "La zorblite est une substance qui entre dans la composition de certains engrais."),
            make_doc("53-es", "es", "La zorblita es una sal blanca que se utiliza como base para muchos fertilizantes.")]
    assert run(docs) == []
    assert stated._quotable("The Zorblite depot was destroyed by the blast on Tuesday evening.", "en", "Latn")
