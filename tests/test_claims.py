"""Claims: per-language cues, clause splitting, evidence, grouping, stable ids."""
from __future__ import annotations

import re

import pytest

from dossier.extract import cues, grouping, statements
from dossier.extract.evidence import find_evidence
from dossier.extract.features import Feat
from dossier.extract.refine import refine
from dossier.model import Actor, Alias, Claim, Document, Evidence, Mention, MentionCandidate, Sentence, Source
from dossier.text import script_of


def make_doc(sid: str, text: str, lang: str, names: dict[str, tuple[str, str]],
             boilerplate: tuple[str, ...] = (), headings: tuple[str, ...] = ()):
    """A segmented document (one sentence per . ! ? or line) and its mentions with actor ids."""
    source = Source(id=sid, path=f"content/sources/{sid}.txt", sha256="0" * 64, language=lang, title=None,
                    publisher=None, author=None, published="2025-10-19", published_precision="day", url=None)
    sentences = []
    for m in re.finditer(r"[^.!?؟\n]+[.!?؟]?", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            body = text[s:e]
            sentences.append(Sentence(s, e, body, lang, script_of(body), boilerplate=body in boilerplate,
                                      heading=body in headings))
    mentions = []
    for name, (actor_id, kind) in names.items():
        for m in re.finditer(re.escape(name), text):
            mentions.append((MentionCandidate(sid, m.start(), m.end(), name, name, kind, lang, script_of(name)),
                             actor_id))
    return Document(source, text, sentences), mentions


def evidence(sid, text, lang, names=None, **kw):
    doc, mentions = make_doc(sid, text, lang, names or {}, **kw)
    found = find_evidence(doc, mentions)
    for c in found:
        assert doc.text[c.start:c.end] == c.quote
    return found


# --- events ----------------------------------------------------------------------------

@pytest.mark.parametrize("lang,text,event", [
    ("en", "The minister was arrested on Monday.", "arrested"),
    ("tr", "Bakan pazartesi günü gözaltına alındı.", "arrested"),
    ("az", "Nazir bazar ertəsi həbs edildi.", "arrested"),
    ("ar", "وتم اعتقال الوزير يوم الاثنين.", "arrested"),
    ("ru", "Министр был задержан в понедельник.", "arrested"),
    ("de", "Der Minister wurde am Montag festgenommen.", "arrested"),
    ("en", "The general warned the president of a plot.", "warned"),
    ("tr", "General cumhurbaşkanını uyardı.", "warned"),
    ("ar", "حذّر الجنرال الرئيس من المؤامرة.", "warned"),
    ("ru", "Генерал предупредил президента.", "warned"),
    ("de", "Der General warnte den Präsidenten.", "warned"),
    ("az", "General prezidentə xəbərdarlıq etdi.", "warned"),
    ("de", "Der Minister wurde entlassen.", "dismissed"),
    ("ru", "Министр уволен.", "dismissed"),
    ("ar", "أعلنت الحكومة إقالة الوزير.", "dismissed"),
    ("tr", "Bakan görevden alındı.", "dismissed"),
    ("ru", "Самолет был сбит над морем.", "shot down"),
    ("de", "Das Flugzeug wurde abgeschossen.", "shot down"),
])
def test_events_per_language(lang, text, event):
    assert cues.detect_events(text, lang)[0] == event


def test_no_event_in_plain_description():
    assert cues.detect_events("The weather was pleasant and the sky was blue.", "en") == []


# --- negation --------------------------------------------------------------------------

@pytest.mark.parametrize("lang,text,negated", [
    ("en", "The minister did not resign.", True),
    ("en", "He stopped short of admitting responsibility.", True),
    ("en", "The minister resigned.", False),
    ("en", "Not only did he resign, he left.", False),
    ("tr", "Bakan istifa etmedi.", True),
    ("tr", "Bakan iddiaları reddetti.", True),
    ("tr", "Bakan istifa etti.", False),
    ("az", "Nazir istefa vermədi.", True),
    ("az", "Nazir istefa verdi.", False),
    ("ar", "لم يستقل الوزير.", True),
    ("ar", "لكنه توقف عن الاعتراف بالمسؤولية.", True),
    ("ar", "لا يزال الوزير في منصبه.", False),
    ("ar", "استقال الوزير.", False),
    ("ru", "Министр не ушел в отставку.", True),
    ("ru", "Министр ушел в отставку.", False),
    ("de", "Der Minister ist nicht zurückgetreten.", True),
    ("de", "Der Minister bestritt die Vorwürfe.", True),
    ("de", "Der Minister ist zurückgetreten.", False),
])
def test_negation_per_language(lang, text, negated):
    assert cues.is_negated(text, lang) is negated


# --- numbers ---------------------------------------------------------------------------

@pytest.mark.parametrize("lang,text,expected", [
    ("en", "The bus crashed, killing 12 people.", {"killed": "12"}),
    ("en", "Two soldiers were killed and 5 were injured.", {"killed": "2", "injured": "5"}),
    ("tr", "Kazada 7 kişi hayatını kaybetti.", {"killed": "7"}),
    ("tr", "Saldırıda iki kişi öldü.", {"killed": "2"}),
    ("az", "Qəzada 4 nəfər həlak olub.", {"killed": "4"}),
    ("ar", "مما أسفر عن مقتل ١٥ شخصًا.", {"killed": "15"}),
    ("ar", "مما أسفر عن مقتل 20 من 40 راكبا.", {"killed": "20"}),
    ("ru", "В результате погибли три человека.", {"killed": "3"}),
    ("ru", "Задержаны 40 человек.", {"arrested": "40"}),
    ("de", "Bei dem Unfall wurden 9 Menschen getötet.", {"killed": "9"}),
    ("en", "He died in 2019 after serving 25 years.", {}),
])
def test_counts_per_language(lang, text, expected):
    assert cues.extract_counts(text, lang) == expected


@pytest.mark.parametrize("lang,text,manner", [
    ("en", "The president warned his counterpart by phone.", "phone call"),
    ("en", "The president met his counterpart at a summit.", "meeting"),
    ("tr", "Cumhurbaşkanı mevkidaşını telefonla uyardı.", "phone call"),
    ("tr", "İki lider zirvede bir araya geldi.", "meeting"),
    ("ar", "حذّره الرئيس هاتفيًا.", "phone call"),
    ("ar", "خلال اجتماع بين الرئيسين.", "meeting"),
    ("ru", "Президент предупредил коллегу по телефону.", "phone call"),
    ("ru", "Во время встречи президентов.", "meeting"),
    ("de", "Der Präsident warnte ihn telefonisch.", "phone call"),
    ("az", "Prezident həmkarını telefonla xəbərdar etdi.", "phone call"),
])
def test_manner_per_language(lang, text, manner):
    assert cues.extract_manner(text, lang) == manner


# --- attribution -----------------------------------------------------------------------

@pytest.mark.parametrize("lang,text,names,expected", [
    ("en", "The minister was arrested, Reuters reported.", {"Reuters": ("reuters", "outlet")}, "reuters"),
    ("en", "According to Reuters, the minister was arrested.", {"Reuters": ("reuters", "outlet")}, "reuters"),
    ("tr", "Reuters, bakanın gözaltına alındığını duyurdu.", {"Reuters": ("reuters", "outlet")}, "reuters"),
    ("tr", "Reuters'a göre bakan gözaltına alındı.", {"Reuters": ("reuters", "outlet")}, "reuters"),
    ("az", "Reuters nazirin həbs edildiyini bildirib.", {"Reuters": ("reuters", "outlet")}, "reuters"),
    ("ar", "ذكرت وكالة رويترز أن الوزير اعتقل.", {"رويترز": ("reuters", "outlet")}, "reuters"),
    ("ar", "وبحسب رويترز، تم اعتقال الوزير.", {"رويترز": ("reuters", "outlet")}, "reuters"),
    ("ru", "По данным Reuters, министр был задержан.", {"Reuters": ("reuters", "outlet")}, "reuters"),
    ("ru", "Министр задержан, сообщает Reuters.", {"Reuters": ("reuters", "outlet")}, "reuters"),
    ("de", "Laut Reuters wurde der Minister festgenommen.", {"Reuters": ("reuters", "outlet")}, "reuters"),
    ("de", "Der Minister wurde festgenommen, berichtete Reuters.", {"Reuters": ("reuters", "outlet")}, "reuters"),
    ("en", "The minister was arrested.", {"Reuters": ("reuters", "outlet")}, None),
])
def test_attribution_per_language(lang, text, names, expected):
    found = evidence("d", text, lang, names)
    assert found and found[0].attributed_to == expected


def test_attribution_carries_over_to_according_to_the_report():
    text = "Reuters published a report on the plot. According to the report, the minister was arrested."
    found = evidence("d", text, "en", {"Reuters": ("reuters", "outlet")})
    arrested = [c for c in found if c.event == "arrested"]
    assert arrested and arrested[0].attributed_to == "reuters"


def test_turkish_anaphoric_attribution():
    text = "Reuters, bakanın darbe planladığını iddia etti. Habere göre, bakan gözaltına alındı."
    found = evidence("d", text, "tr", {"Reuters": ("reuters", "outlet")})
    assert [c.attributed_to for c in found] == ["reuters", "reuters"]


# --- find_evidence ---------------------------------------------------------------------

def test_clause_split_two_facts():
    text = "The jet was shot down, killing 12 people, and the president accepted responsibility."
    found = evidence("d", text, "en")
    assert [c.event for c in found] == ["shot down", "accepted responsibility"]
    assert found[0].values == {"killed": "12"}


def test_arabic_clause_split_and_contrast():
    text = "اعتذر الرئيس إلى نظيره لكنه توقف عن الاعتراف بالمسؤولية."
    found = evidence("d", text, "ar")
    assert [c.event for c in found] == ["apologized", "accepted responsibility"]
    assert [c.stance for c in found] == ["affirms", "denies"]


def test_pronoun_clause_inherits_actors():
    text = "Ana Silva apologized, but she stopped short of admitting responsibility."
    found = evidence("d", text, "en", {"Ana Silva": ("ana-silva", "person")})
    assert found[-1].event == "accepted responsibility" and found[-1].actors == ["ana-silva"]


def test_boilerplate_headings_questions_and_repeats_are_skipped():
    text = ("Was the minister arrested?\nRead also: minister arrested in a raid.\nMINISTER ARRESTED\n"
            "Photo: the minister was detained.\nPhoto: the minister was detained.\nThe minister was arrested.")
    found = evidence("d", text, "en", boilerplate=("Read also: minister arrested in a raid.",),
                     headings=("MINISTER ARRESTED",))
    assert [c.quote for c in found] == ["The minister was arrested."]


def test_quotes_are_exact_with_arabic_diacritics():
    text = "وَأُلْقِيَ القَبْضُ على الوزير خلال أيام، وفُتِحَ تحقيقٌ معه."
    found = evidence("d", text, "ar")
    assert [c.event for c in found] == ["arrested", "investigated"]
    for c in found:
        assert text[c.start:c.end] == c.quote


def test_actors_are_mentions_inside_quote():
    text = "Ana Silva met Bo Lee. The police arrested Bo Lee."
    names = {"Ana Silva": ("ana", "person"), "Bo Lee": ("bo", "person")}
    found = evidence("d", text, "en", names)
    assert [c.actors for c in found] == [["ana", "bo"], ["bo"]]


# --- group -----------------------------------------------------------------------------

ACTORS = {
    "ana": Actor(id="ana", name="Ana Silva", kind="person"),
    "bo": Actor(id="bo", name="Bo Lee", kind="person"),
    "reuters": Actor(id="reuters", name="Reuters", kind="outlet"),
}


def _corpus():
    docs = [
        make_doc("a-en", "Ana Silva was arrested by the police on Monday. Bo Lee signed a trade agreement with Sweden.",
                 "en", {"Ana Silva": ("ana", "person"), "Bo Lee": ("bo", "person")}),
        make_doc("b-tr", "Ana Silva pazartesi günü polis tarafından gözaltına alındı.", "tr",
                 {"Ana Silva": ("ana", "person")}),
        make_doc("c-ar", "اعتقلت الشرطة آنا سيلفا يوم الاثنين.", "ar", {"آنا سيلفا": ("ana", "person")}),
        make_doc("d-ru", "Бо Ли подписал торговое соглашение со Швецией.", "ru", {"Бо Ли": ("bo", "person")}),
    ]
    cands = []
    for doc, mentions in docs:
        cands.extend(find_evidence(doc, mentions))
    return cands


def test_same_fact_in_three_languages_is_one_claim():
    result = grouping.group(_corpus(), [], ACTORS)
    arrest = [c for c in result if {e.source for e in c.evidence} >= {"a-en", "b-tr", "c-ar"}]
    assert len(arrest) == 1
    assert arrest[0].statement == "Ana Silva was arrested by the police on Monday."
    assert arrest[0].actors == ["ana"]
    assert [e.source for e in arrest[0].evidence] == sorted(e.source for e in arrest[0].evidence)


def test_different_facts_do_not_group():
    result = grouping.group(_corpus(), [], ACTORS)
    for claim in result:
        events = {cues.detect_events(e.quote, e.language)[0] for e in claim.evidence}
        assert len(events) == 1, claim
    deal = [c for c in result if {e.source for e in c.evidence} == {"a-en", "d-ru"}]
    assert len(deal) == 1


def test_template_statement_without_english():
    doc, mentions = make_doc("t", "Ana Silva gözaltına alındı.", "tr", {"Ana Silva": ("ana", "person")})
    result = grouping.group(find_evidence(doc, mentions), [], ACTORS)
    assert [c.statement for c in result] == ["Ana Silva was arrested."]


def test_group_is_deterministic():
    first = grouping.group(_corpus(), [], ACTORS)
    second = grouping.group(list(reversed(_corpus())), [], ACTORS)
    assert first == second


def test_existing_claim_id_is_kept():
    cands = _corpus()
    fresh = grouping.group(cands, [], ACTORS)
    arrest = next(c for c in fresh if len(c.evidence) >= 3)
    e = arrest.evidence[1]
    old = Claim(id="my-curated-id", statement="Old.", evidence=[
        Evidence(source=e.source, quote=e.quote, start=e.start, end=e.end, language=e.language,
                 attributed_to=None)])
    again = grouping.group(cands, [old], ACTORS)
    kept = [c for c in again if c.id == "my-curated-id"]
    assert len(kept) == 1 and len(kept[0].evidence) == len(arrest.evidence)
    assert len({c.id for c in again}) == len(again)


def test_claims_do_not_swallow_everything():
    text = ("Ana Silva was arrested. The central bank raised interest rates. A storm destroyed homes. "
            "The football club signed a new coach. Parliament passed a budget agreement.")
    doc, mentions = make_doc("x", text, "en", {"Ana Silva": ("ana", "person")})
    result = grouping.group(find_evidence(doc, mentions), [], ACTORS)
    assert all(len(c.evidence) == 1 for c in result)


def test_fold_keeps_offsets():
    text = "İstanbul’da وَأُلْقِيَ"
    folded, index = cues.fold(text)
    assert len(folded) == len(index)
    assert folded.startswith("istanbul'da")
    assert all(text[i] for i in index)


# --- negation scope --------------------------------------------------------------------

@pytest.mark.parametrize("lang,text,negated", [
    ("en", "The detainees, who had no known criminal record, were arrested.", False),
    ("en", "The minister was arrested after he refused to talk, officials said.", False),
    ("en", "The minister was not arrested.", True),
    ("en", "Officials denied that the minister was arrested.", True),
    ("ar", "أظهرت صور المحتجزين، الذين لم يكن لديهم أي سجل إجرامي، كدمات.", False),
    ("ar", "لم يتم اعتقال الوزير.", True),
    ("tr", "Bakan gözaltına alınmadı.", True),
    ("tr", "Hiçbir sabıkası olmayan bakan gözaltına alındı.", False),
    ("ru", "Министр, который никогда не был судим, задержан.", False),
    ("ru", "Министр не задержан.", True),
    ("de", "Der Minister, der nie vorbestraft war, wurde festgenommen.", False),
    ("de", "Der Minister wurde nicht festgenommen.", True),
])
def test_negation_governs_the_main_event(lang, text, negated):
    assert cues.is_negated(text, lang) is negated


# --- statements ------------------------------------------------------------------------

PLACES = {
    "ana": Actor(id="ana", name="Ana Silva", kind="person",
                 aliases=[Alias("آنا سيلفا", "ar", "Arab"), Alias("Ана Силва", "ru", "Cyrl")]),
    "bo": Actor(id="bo", name="Bo Lee", kind="person", aliases=[Alias("Бо Ли", "ru", "Cyrl")]),
    "kremlin": Actor(id="kremlin", name="Kremlin", kind="organization"),
    "ruritania": Actor(id="ruritania", name="Ruritania", kind="state"),
    "capital": Actor(id="capital", name="Capitalia", kind="place"),
}


def _statements(sid, text, lang, names):
    doc, mentions = make_doc(sid, text, lang, names)
    return [c.statement for c in grouping.group(find_evidence(doc, mentions), [], PLACES)]


def test_patient_slot_takes_only_people():
    # a state is never "arrested": the statement quotes the evidence instead
    text = "Ruritania gözaltına alındı."
    assert _statements("s", text, "tr", {"Ruritania": ("ruritania", "state")}) == [text]


def test_patient_slot_filled_from_word_order():
    assert _statements("s", "Ruritania'da Ana Silva gözaltına alındı.", "tr",
                       {"Ruritania": ("ruritania", "state"), "Ana Silva": ("ana", "person")}) == \
        ["Ana Silva was arrested."]
    # Arabic: the patient follows the verbal noun
    assert _statements("s", "أعلنت روريتانيا القبض على آنا سيلفا.", "ar",
                       {"روريتانيا": ("ruritania", "state"), "آنا سيلفا": ("ana", "person")}) == \
        ["Ana Silva was arrested."]


def test_counted_people_fill_the_patient_slot():
    assert _statements("s", "واعتقل سبعة من موظفيها.", "ar", {}) == ["Seven people were arrested."]


def test_agent_and_object_from_word_order():
    assert _statements("s", "Ana Silva, Bo Lee'yi telefonla uyardı.", "tr",
                       {"Ana Silva": ("ana", "person"), "Bo Lee": ("bo", "person")}) == ["Ana Silva warned Bo Lee."]
    assert _statements("s", "Ана Силва предупредила Бо Ли.", "ru",
                       {"Ана Силва": ("ana", "person"), "Бо Ли": ("bo", "person")}) == ["Ana Silva warned Bo Lee."]


def test_no_frame_falls_back_to_verbatim_quote():
    # "crashed" has no fillable frame; no English evidence: the original quote, verbatim
    text = "Самолет разбился под Капиталией."
    assert _statements("s", text, "ru", {"Капиталией": ("capital", "place")}) == [text]
    # an unfillable frame (met needs two people) never yields a bare "Met."
    text2 = "Переговоры прошли в Капиталии."
    out = _statements("s", text2, "ru", {"Капиталии": ("capital", "place")})
    assert out == [text2]


def test_english_statement_is_cleaned():
    text = ("Within days, Ana Silva was arrested by the police, the news agency Reuters reported on Thursday. "
            "It has emerged that Bo Lee warned Ana Silva of a plot.")
    names = {"Ana Silva": ("ana", "person"), "Bo Lee": ("bo", "person"), "Reuters": ("reuters", "outlet")}
    got = _statements("s", text, "en", names)
    assert "Ana Silva was arrested by the police." in got
    assert "Bo Lee warned Ana Silva of a plot." in got


def test_english_fragment_is_widened_to_its_sentence():
    doc, mentions = make_doc("s", "Ana Silva resigned; and charged with fraud was her aide.", "en",
                             {"Ana Silva": ("ana", "person")})
    cands = [c for c in find_evidence(doc, mentions)]
    for c in cands:
        st = statements.statement_for([c], PLACES)
        assert st[0].isupper() and not st.lower().startswith("and ")


def test_claim_actors_are_participants_not_places():
    text = "In Capitalia, Ruritania's police arrested Ana Silva."
    doc, mentions = make_doc("s", text, "en", {"Capitalia": ("capital", "place"),
                                               "Ruritania": ("ruritania", "state"), "Ana Silva": ("ana", "person")})
    result = grouping.group(find_evidence(doc, mentions), [], PLACES)
    assert len(result) == 1
    assert "capital" not in result[0].actors and "ana" in result[0].actors


# --- grouping precision: one clause one claim, merging, frames -----------------------

PEOPLE = {"Bo Lee": ("bo", "person"), "Ana Silva": ("ana", "person"), "بو لي": ("bo", "person"),
          "آنا سيلفا": ("ana", "person"), "Бо Ли": ("bo", "person"), "Аной Силвой": ("ana", "person"),
          "Ana Silva'yı": ("ana", "person")}


def _cands(*docs):
    out = []
    for sid, text, lang in docs:
        names = {k: v for k, v in PEOPLE.items() if k in text}
        doc, mentions = make_doc(sid, text, lang, names)
        out.extend(find_evidence(doc, mentions))
    return out


def _span_owners(result):
    owners = {}
    for c in result:
        for e in c.evidence:
            owners.setdefault((e.source, e.start, e.end), []).append(c.id)
    return owners


def test_subordinate_event_is_not_the_main_event():
    text = "The plot was later discussed when Bo Lee met Ana Silva at a summit."
    assert cues.main_event(text, "en") == "discussed"
    assert cues.main_event("Bo Lee met Ana Silva at a summit.", "en") == "met"


def test_each_span_in_one_claim_and_manner_contest_on_the_warning():
    cands = _cands(
        ("w-tr", "Bo Lee, Ana Silva'yı darbe planı hakkında telefonla uyardı.", "tr"),
        ("w-ar", "حذّر بو لي آنا سيلفا من مؤامرة الانقلاب.", "ar"),
        ("w-en", "Bo Lee warned Ana Silva of a coup plot. "
                 "The coup plot was later discussed when Bo Lee met Ana Silva at a summit in Oslo.", "en"),
        ("m-de", "Bo Lee traf Ana Silva auf einem Gipfel in Oslo.", "de"),
        ("m-en", "Ana Silva met Bo Lee at the Oslo summit last week.", "en"),
    )
    result = grouping.group(cands, [], ACTORS)
    assert all(len(ids) == 1 for ids in _span_owners(result).values())
    warning = [c for c in result if "w-tr" in {e.source for e in c.evidence}]
    assert len(warning) == 1
    values = {e.value for e in warning[0].evidence if e.value}
    assert values == {"phone call", "meeting"}
    assert any("discussed" in e.quote for e in warning[0].evidence)
    meeting = [c for c in result if "m-de" in {e.source for e in c.evidence}]
    assert len(meeting) == 1 and "w-tr" not in {e.source for e in meeting[0].evidence}
    assert len({e.value for e in meeting[0].evidence if e.value}) <= 1  # not contested there


def test_arrested_and_charged_are_two_claims_in_every_language():
    cands = _cands(
        ("x-en", "Ana Silva was arrested and charged with fraud.", "en"),
        ("x-de", "Ana Silva wurde festgenommen und wegen Betrugs angeklagt.", "de"),
        ("x-tr", "Ana Silva gözaltına alındı ve dolandırıcılıkla suçlandı.", "tr"),
        ("x-ar", "اعتقلت الشرطة آنا سيلفا ووجهت إليها تهمة الاحتيال.", "ar"),
    )
    assert sorted(c.event for c in cands) == ["arrested"] * 4 + ["charged"] * 4
    result = grouping.group(cands, [], ACTORS)
    assert all(len(ids) == 1 for ids in _span_owners(result).values())
    by_event = {}
    for c in result:
        events = {next(x.event for x in cands if (x.source, x.start) == (e.source, e.start)) for e in c.evidence}
        assert len(events) == 1, c
        by_event.setdefault(events.pop(), []).append(c)
    assert sorted(by_event) == ["arrested", "charged"]
    for event, found in by_event.items():
        assert len(found) == 1, event
        assert {e.source for e in found[0].evidence} == {"x-en", "x-de", "x-tr", "x-ar"}


def _feats(cands, kinds=None):
    return [Feat(c, kinds or {}) for c in cands]


def test_refine_merges_two_claims_with_one_frame():
    cands = _cands(("a", "Ana Silva was arrested on Monday.", "en"),
                   ("b", "Ana Silva wurde festgenommen.", "de"),
                   ("c", "Ana Silva gözaltına alındı.", "tr"),
                   ("d", "Ана Сильва задержана.", "ru"))
    cands[3].actors = ["ana"]  # the Russian name form is not in the test gazetteer
    feats = _feats(cands, {"ana": "person"})
    scores = {(0, 1): 0.9, (2, 3): 0.9, (0, 2): 0.6, (0, 3): 0.6, (1, 2): 0.6, (1, 3): 0.6}
    cosines = {k: 0.5 for k in scores}
    assert refine([[0, 1], [2, 3]], feats, scores, cosines) == [[0, 1, 2, 3]]
    # a clashing count keeps two incidents apart
    feats[2].values = {"arrested": "2"}
    feats[0].values = {"arrested": "40"}
    assert refine([[0, 1], [2, 3]], feats, scores, cosines) == [[0, 1], [2, 3]]


def test_refine_splits_a_catch_all_group():
    # arrests of different, unnamed people that share only a state and the event word
    texts = [("p1", "Police in Russia arrested a journalist.", "en"),
             ("p2", "Die Polizei in Russland hat einen Blogger festgenommen.", "de"),
             ("p3", "اعتقلت السلطات في روسيا ناشطا بارزا.", "ar")]
    cands = _cands(*texts)
    for c in cands:
        c.actors = ["russia"]
    feats = _feats(cands, {"russia": "state"})
    scores = {(0, 1): 0.8, (0, 2): 0.8, (1, 2): 0.8}
    cosines = {(0, 1): 0.4, (0, 2): 0.35, (1, 2): 0.45}
    assert refine([[0, 1, 2]], feats, scores, cosines) == [[0], [1], [2]]
    # the same wording holds them together
    close = {k: 0.9 for k in cosines}
    assert refine([[0, 1, 2]], feats, scores, close) == [[0, 1, 2]]


def test_group_is_deterministic_under_shuffling():
    cands = _cands(
        ("x-en", "Ana Silva was arrested and charged with fraud.", "en"),
        ("x-de", "Ana Silva wurde festgenommen und wegen Betrugs angeklagt.", "de"),
        ("w-ar", "حذّر بو لي آنا سيلفا من مؤامرة الانقلاب.", "ar"),
        ("m-de", "Bo Lee traf Ana Silva auf einem Gipfel in Oslo.", "de"),
    )
    first = grouping.group(cands, [], ACTORS)
    for k in range(3):
        shuffled = cands[k:] + cands[:k]
        assert grouping.group(list(reversed(shuffled)), [], ACTORS) == first


def test_arabic_wa_joins_names_without_splitting():
    text = "نشأ التوتر بين آنا سيلفا وبو لي عقب إسقاط الطائرة."
    assert len(cues.split_clauses(text, "ar")) == 1
    two = "اعتقلت الشرطة آنا سيلفا ووجهت إليها تهمة الاحتيال."
    assert len(cues.split_clauses(two, "ar")) == 2


@pytest.mark.parametrize("lang,text", [
    ("en", "According to the plan, Ana Silva would take over the ministry."),
    ("ar", "ووفقًا لخطة آنا سيلفا، كان سيستولي على السلطة."),
    ("tr", "Planına göre Ana Silva bakanlığı devralacaktı."),
])
def test_according_to_a_plan_cites_no_one(lang, text):
    found = evidence("p", text, lang, {"Ana Silva": ("ana", "person"), "آنا سيلفا": ("ana", "person")})
    assert all(c.attributed_to is None for c in found)


def test_foiled_statement_names_its_topic():
    cands = _cands(("f-tr", "Bo Lee sayesinde darbe girişimi engellendi.", "tr"),
                   ("f-ar", "أحبطت محاولة انقلاب بفضل تدخل بو لي.", "ar"))
    result = grouping.group(cands, [], ACTORS)
    assert [c.statement for c in result if len(c.evidence) == 2] == ["A coup attempt was foiled."]


def test_arabic_topicalised_subject_fills_the_template():
    doc, mentions = make_doc("t", "آنا سيلفا ، في الوقت نفسه ، انتقد أوسلو بشدة.", "ar",
                             {"آنا سيلفا": ("ana", "person"), "أوسلو": ("oslo", "place")})
    seen = {a: [Mention(m.source, m.start, m.end, m.text) for m, b in mentions if b == a] for a in ("ana", "oslo")}
    actors = {"ana": Actor(id="ana", name="Ana Silva", kind="person", mentions=seen["ana"]),
              "oslo": Actor(id="oslo", name="Oslo", kind="place", mentions=seen["oslo"])}
    result = grouping.group(find_evidence(doc, mentions), [], actors)
    assert [c.statement for c in result] == ["Ana Silva criticized Oslo."]
