"""Claims: per-language cues, clause splitting, evidence, facts (one claim per proposition), stable ids."""
from __future__ import annotations

import random
import re

import pytest

from dossier.extract import analysis, cues, facts, statements
from dossier.extract.evidence import find_evidence
from dossier.model import (Actor, Alias, Claim, Document, Evidence, EvidenceCandidate, Mention, MentionCandidate,
                           Sentence, Source)
from dossier.model.errors import RecordError
from dossier.model.records import Frame
from dossier.text import char_script, script_of


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


# --- facts: one claim per proposition ------------------------------------------------

#: actor id -> (canonical name, kind)
NAMES = {
    "ana": ("Ana Silva", "person"), "bo": ("Bo Lee", "person"), "reuters": ("Reuters", "outlet"),
    "sweden": ("Sweden", "state"), "ruritania": ("Ruritania", "state"), "capital": ("Capitalia", "place"),
    "oslo": ("Oslo", "place"), "red": ("Red Hand", "organization"), "blue": ("Blue Front", "organization"),
}
#: surface -> (actor id, kind): the names the test documents write, in every script
SURFACES = {
    "Ana Silva": ("ana", "person"), "Ana Silva'yı": ("ana", "person"), "آنا سيلفا": ("ana", "person"),
    "Ана Силва": ("ana", "person"), "Бо Ли": ("bo", "person"), "Bo Lee": ("bo", "person"),
    "Bo Lee'yi": ("bo", "person"), "بو لي": ("bo", "person"), "Reuters": ("reuters", "outlet"),
    "Sweden": ("sweden", "state"), "Швецией": ("sweden", "state"), "Ruritania": ("ruritania", "state"),
    "روريتانيا": ("ruritania", "state"), "Руритании": ("ruritania", "state"), "Capitalia": ("capital", "place"),
    "Капиталии": ("capital", "place"), "Капиталией": ("capital", "place"), "كابيتاليا": ("capital", "place"),
    "Oslo": ("oslo", "place"), "Осло": ("oslo", "place"), "أوسلو": ("oslo", "place"),
    "Red Hand": ("red", "organization"), "Красная рука": ("red", "organization"),
    "اليد الحمراء": ("red", "organization"), "Синий фронт": ("blue", "organization"),
}


def corpus(*specs, names=NAMES):
    """Evidence candidates, actors (with their mentions) and documents of (id, text, language) triples."""
    cands, docs, actors = [], [], {}
    for sid, text, lang in specs:
        doc, mentions = make_doc(sid, text, lang, {k: v for k, v in SURFACES.items() if k in text})
        docs.append(doc)
        cands.extend(find_evidence(doc, mentions))
        for m, actor_id in mentions:
            name, kind = names[actor_id]
            actor = actors.setdefault(actor_id, Actor(id=actor_id, name=name, kind=kind))
            actor.mentions.append(Mention(m.source, m.start, m.end, m.text))
    for actor_id, (name, kind) in names.items():
        actors.setdefault(actor_id, Actor(id=actor_id, name=name, kind=kind))
    return cands, actors, docs


def claims(*specs, existing=(), names=NAMES):
    cands, actors, docs = corpus(*specs, names=names)
    return facts.group(cands, list(existing), actors, docs)


def statements_of(*specs, **kw):
    return [c.statement for c in claims(*specs, **kw)]


def values(claim):
    """Source -> the values its evidence gives."""
    out = {}
    for e in claim.evidence:
        out.setdefault(e.source, []).append(e.value)
    return {k: sorted(v) for k, v in out.items()}


ARREST = (
    ("a-en", "Ana Silva was arrested by the police on Monday. Bo Lee signed an agreement with Sweden.", "en"),
    ("b-tr", "Ana Silva pazartesi günü polis tarafından gözaltına alındı.", "tr"),
    ("c-ar", "اعتقلت الشرطة آنا سيلفا يوم الاثنين.", "ar"),
    ("d-ru", "Бо Ли подписал соглашение со Швецией.", "ru"),
    ("e-de", "Ana Silva wurde am Montag festgenommen.", "de"),
)

TOLL = (
    ("k-en", "The explosion in Capitalia killed 12 people.", "en"),
    ("k-ru", "При взрыве в Капиталии погибли 15 человек.", "ru"),
    ("k-ar", "أسفر الانفجار في كابيتاليا عن مقتل ١٥ شخصا.", "ar"),
    ("k-de", "Bei der Explosion in Capitalia wurden 12 Menschen getötet.", "de"),
)


def test_same_fact_in_four_languages_is_one_claim():
    cands, actors, docs = corpus(*ARREST)
    result = facts.group(cands, [], actors, docs)
    arrest = [c for c in result if c.frame.predicate == "arrested"]
    assert len(arrest) == 1
    claim = arrest[0]
    assert claim.statement == "Whether Ana Silva was detained"
    assert claim.frame == Frame(predicate="arrested", slot="yes-no", subject="ana")
    assert claim.actors == ["ana"]
    assert values(claim) == {"a-en": ["yes"], "b-tr": ["yes"], "c-ar": ["yes"], "e-de": ["yes"]}
    assert [(e.source, e.start) for e in claim.evidence] == sorted((e.source, e.start) for e in claim.evidence)
    assert analysis.assess(claim) == "corroborated"
    # each evidence item is its clause as found: exact quote, offsets, language, speaker, date
    found = {(c.source, c.start, c.end): c for c in cands}
    for e in claim.evidence:
        c = found[(e.source, e.start, e.end)]
        assert (e.quote, e.language, e.attributed_to, e.stance, e.date) == \
            (c.quote, c.language, c.attributed_to, c.stance, c.date)
    assert {e.date for e in claim.evidence if e.source in ("a-en", "e-de")} == {"2025-10-13"}


def test_different_facts_do_not_group():
    cands, actors, docs = corpus(*ARREST)
    result = facts.group(cands, [], actors, docs)
    event_of = {(c.source, c.start, c.end): c.event for c in cands}
    for claim in result:
        assert {event_of[(e.source, e.start, e.end)] for e in claim.evidence} == {claim.frame.predicate}, claim
    deal = [c for c in result if c.frame.predicate == "signed"]
    assert len(deal) == 1 and {e.source for e in deal[0].evidence} == {"a-en", "d-ru"}
    assert deal[0].statement == "Whether Bo Lee signed an agreement with Sweden"
    assert deal[0].actors == ["bo", "sweden"]


def test_documents_without_a_story_still_group():
    # no documents given: every source falls in one fallback story; facts about people
    # do not depend on the story
    cands, actors, docs = corpus(*ARREST)
    with_docs = facts.group(cands, [], actors, docs)
    without = facts.group(cands, [], actors, [])
    assert [(c.id, c.statement, values(c)) for c in without] == [(c.id, c.statement, values(c)) for c in with_docs]


def test_template_statement_without_english():
    assert statements_of(("t", "Ana Silva gözaltına alındı.", "tr")) == ["Whether Ana Silva was detained"]
    # a name only ever written in Cyrillic is transliterated, never quoted
    names = dict(NAMES, bo=("Бо Ли", "person"))
    assert statements_of(("t", "Бо Ли был задержан.", "ru"), names=names) == ["Whether Bo Li was detained"]


NUMBER_WORDS = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
                          r"twenty|thirty|hundred|thousand|dozens?)\b", re.I)


def test_statements_hold_no_value_and_one_script():
    names = dict(NAMES, bo=("Бо Ли", "person"), capital=("كابيتاليا", "place"))
    result = claims(*TOLL, *ARREST,
                    ("s-ar", "واعتقل سبعة من موظفيها.", "ar"),
                    ("s-ru", "Бо Ли был задержан. При взрыве в Капиталии пострадали 40 человек.", "ru"),
                    names=names)
    assert len(result) >= 5
    given = [e.value for c in result for e in c.evidence]
    assert {"12", "15", "7", "40"} <= set(given)  # the figures are on the evidence ...
    for claim in result:  # ... never in the statement
        st = claim.statement
        assert not any(ch.isdigit() for ch in st) and not NUMBER_WORDS.search(st), st
        assert {char_script(ch) for ch in st} - {"Zyyy"} == {"Latn"}, st
        assert st[0].isupper() and not st.endswith(".")
        for e in claim.evidence:
            assert e.value is None or e.value not in st


def test_different_figures_meet_in_one_claim():
    result = claims(*TOLL)
    assert len(result) == 1
    toll = result[0]
    assert toll.statement == "Death toll of the explosion in Capitalia"
    assert toll.frame == Frame(predicate="killed", slot="count", place="capital",
                               incident="the explosion in Capitalia")
    assert values(toll) == {"k-en": ["12"], "k-ru": ["15"], "k-ar": ["15"], "k-de": ["12"]}
    assert analysis.assess(toll) == "contested"
    assert analysis.disagreements(toll) == {"12": ["k-de", "k-en"], "15": ["k-ar", "k-ru"]}
    # the same figure everywhere: one claim, not contested
    agreed = claims(TOLL[0], TOLL[3])
    assert len(agreed) == 1 and analysis.assess(agreed[0]) == "corroborated"


def test_two_incidents_are_two_claims():
    result = claims(*TOLL[:2],
                    ("q-en", "The earthquake in Oslo killed 30 people.", "en"),
                    ("q-de", "Bei dem Erdbeben in Oslo wurden 30 Menschen getötet.", "de"))
    by_statement = {c.statement: sorted({e.source for e in c.evidence}) for c in result}
    assert by_statement == {"Death toll of the explosion in Capitalia": ["k-en", "k-ru"],
                            "Death toll of the earthquake in Oslo": ["q-de", "q-en"]}


def test_who_did_it_is_one_claim_with_each_answer():
    result = claims(("c-ru", "Ответственность за взрыв в Капиталии взяла на себя Красная рука.", "ru"),
                    ("c-ru2", "Ответственность за взрыв в Капиталии взял на себя Синий фронт.", "ru"),
                    ("c-ru3", "Красная рука взяла на себя ответственность за взрыв в Капиталии.", "ru"))
    assert len(result) == 1
    who = result[0]
    assert who.statement == "Who claimed responsibility for the explosion in Capitalia"
    assert who.frame.slot == "who" and who.actors == ["blue", "red"]
    assert values(who) == {"c-ru": ["red"], "c-ru2": ["blue"], "c-ru3": ["red"]}
    assert analysis.assess(who) == "contested"


def test_a_claim_of_responsibility_in_any_language_answers_who():
    result = claims(("c-en", "The Red Hand claimed responsibility for the explosion in Capitalia.", "en"),
                    ("c-ar", "أعلنت اليد الحمراء مسؤوليتها عن الانفجار في كابيتاليا.", "ar"),
                    ("c-ru", "Ответственность за взрыв в Капиталии взяла на себя Красная рука.", "ru"))
    assert [values(c) for c in result] == [{"c-ar": ["red"], "c-en": ["red"], "c-ru": ["red"]}]


def test_a_denial_meets_the_affirmation():
    result = claims(("y-en", "Ana Silva was arrested.", "en"),
                    ("y-de", "Ana Silva wurde nicht festgenommen.", "de"),
                    ("y-ar", "لم يتم اعتقال آنا سيلفا.", "ar"))
    assert len(result) == 1
    claim = result[0]
    assert claim.statement == "Whether Ana Silva was detained"
    assert values(claim) == {"y-en": ["yes"], "y-de": ["no"], "y-ar": ["no"]}
    assert {e.source: e.stance for e in claim.evidence} == {"y-en": "affirms", "y-de": "denies", "y-ar": "denies"}
    assert analysis.assess(claim) == "contested"


@pytest.mark.parametrize("lang,plain,hedged", [
    ("en", "Ana Silva was arrested.", "Ana Silva may have been arrested."),
    ("en", "The explosion in Capitalia killed 12 people.", "The explosion in Capitalia could have killed 12 people."),
    ("ru", "Ана Силва задержана.", "Возможно, Ана Силва задержана."),
    ("ar", "اعتقلت الشرطة آنا سيلفا.", "ربما اعتقلت الشرطة آنا سيلفا."),
    ("de", "Ana Silva wurde festgenommen.", "Ana Silva wurde vielleicht festgenommen."),
])
def test_a_hedged_clause_makes_no_claim(lang, plain, hedged):
    assert len(claims(("h", plain, lang))) == 1
    cands, actors, docs = corpus(("h", hedged, lang))
    assert cands  # the clause is still evidence of something said ...
    assert facts.group(cands, [], actors, docs) == []  # ... but not a fact to check


@pytest.mark.parametrize("lang,text", [
    ("en", "Ana Silva planned to take over the ministry."),
    ("en", "Relations between Ana Silva and Bo Lee soured."),
    ("ru", "Отношения между Ана Силва и Бо Ли обострились."),
])
def test_a_weak_clause_makes_no_claim(lang, text):
    cands, actors, docs = corpus(("w", text, lang))
    assert cands and all(cues.event_info()[c.event].get("weak") for c in cands)
    assert facts.group(cands, [], actors, docs) == []


@pytest.mark.parametrize("lang,text", [
    ("en", "Ana Silva planned to arrest 40 people."),
    ("ru", "Ана Силва планировала задержать 40 человек."),
    ("de", "Ana Silva plante die Festnahme von 40 Menschen."),
])
def test_a_planned_arrest_is_no_arrest(lang, text):
    assert statements_of(("w", text, lang)) == []


def test_two_peoples_arrests_are_two_claims():
    result = claims(("p1", "Ana Silva was arrested in Capitalia.", "en"),
                    ("p2", "Bo Lee wurde in Capitalia festgenommen.", "de"),
                    ("p3", "اعتقلت الشرطة بو لي في كابيتاليا.", "ar"))
    assert sorted((c.statement, c.frame.subject, sorted(values(c))) for c in result) == [
        ("Whether Ana Silva was detained", "ana", ["p1"]),
        ("Whether Bo Lee was detained", "bo", ["p2", "p3"]),
    ]


def test_group_is_deterministic_under_shuffling():
    cands, actors, docs = corpus(*ARREST, *TOLL, ("y-de", "Ana Silva wurde nicht festgenommen.", "de"))
    first = facts.group(cands, [], actors, docs)
    assert len(first) >= 3
    for seed in range(4):
        shuffled = list(cands)
        random.Random(seed).shuffle(shuffled)
        assert facts.group(shuffled, [], actors, list(reversed(docs))) == first
    # a clause given twice is one evidence item
    assert facts.group(cands + cands, [], actors, docs) == first


def test_existing_claim_keeps_its_id_and_statement():
    cands, actors, docs = corpus(*ARREST)
    fresh = facts.group(cands, [], actors, docs)
    arrest = next(c for c in fresh if c.frame.predicate == "arrested")
    e = arrest.evidence[1]
    old = Claim(id="my-curated-id", statement="Whether Ana Silva was held", frame=arrest.frame, evidence=[
        Evidence(source=e.source, quote=e.quote, start=e.start, end=e.end, language=e.language,
                 attributed_to=None)])
    again = facts.group(cands, [old], actors, docs)
    kept = [c for c in again if c.id == "my-curated-id"]
    assert len(kept) == 1 and len(kept[0].evidence) == len(arrest.evidence)
    assert kept[0].statement == "Whether Ana Silva was held"
    assert len({c.id for c in again}) == len(again)
    assert [c for c in again if c.id != "my-curated-id"] == [c for c in fresh if c is not arrest]


def test_a_new_document_never_rewords_a_claim():
    # the first report names only the country; later ones name the city, which renames the story
    first_doc = ("r-en", "The explosion in Ruritania killed 12 people.", "en")
    later = (("r-de", "Die Explosion in Capitalia, der Hauptstadt von Ruritania, forderte 14 Tote.", "de"),
             ("r-ru", "При взрыве в Капиталии (Руритании) погибли 14 человек.", "ru"))
    before = claims(first_doc)
    assert [c.statement for c in before] == ["Death toll of the explosion in Ruritania"]
    assert statements_of(first_doc, *later) == ["Death toll of the explosion in Capitalia"]
    after = claims(first_doc, *later, existing=before)
    assert [(c.id, c.statement) for c in after] == [(before[0].id, before[0].statement)]
    assert values(after[0]) == {"r-en": ["12"], "r-de": ["14"], "r-ru": ["14"]}


def test_claims_do_not_swallow_everything():
    text = ("Ana Silva was arrested. The central bank raised interest rates. A storm destroyed homes. "
            "The football club signed a new coach. Parliament passed a budget agreement.")
    result = claims(("x", text, "en"))
    assert result and all(len(c.evidence) == 1 for c in result)


def _role(source, start, former):
    quote = "minister Ana Silva"
    sent = Sentence(start, start + len(quote), quote, "en", "Latn")
    return EvidenceCandidate(source=source, sentence=sent, start=start, end=start + len(quote), quote=quote,
                             language="en", actors=["ana"], values={"role": "former" if former else "current"},
                             event="role:minister")


def test_a_role_is_a_claim_only_when_sources_disagree():
    actors = {"ana": Actor(id="ana", name="Ana Silva", kind="person")}
    agree = [_role("r1", 0, False), _role("r2", 5, False)]
    assert facts.group(agree, [], actors, []) == []
    result = facts.group(agree + [_role("r3", 3, True)], [], actors, [])
    assert len(result) == 1
    assert result[0].statement == "Whether Ana Silva holds the office of minister"
    assert result[0].frame.slot == "role" and result[0].frame.role == "minister"
    assert values(result[0]) == {"r1": ["current"], "r2": ["current"], "r3": ["former"]}
    assert analysis.assess(result[0]) == "contested"


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


# --- statements: the proposition's participants ----------------------------------------

def test_patient_slot_takes_only_people():
    # a state is never "detained": no claim, the clause stays readable in its source
    assert statements_of(("s", "Ruritania gözaltına alındı.", "tr")) == []


def test_patient_slot_filled_from_word_order():
    assert statements_of(("s", "Ruritania'da Ana Silva gözaltına alındı.", "tr")) == \
        ["Whether Ana Silva was detained"]
    # Arabic: the patient follows the verbal noun
    assert statements_of(("s", "أعلنت روريتانيا القبض على آنا سيلفا.", "ar")) == ["Whether Ana Silva was detained"]


def test_counted_people_make_a_count_claim():
    result = claims(("s", "واعتقل سبعة من موظفيها.", "ar"))
    assert [(c.statement, c.frame.slot, values(c)) for c in result] == \
        [("Number of people detained over the incident", "count", {"s": ["7"]})]


def test_a_figure_in_a_clause_about_another_event_is_counted():
    result = claims(("j", "The jet was shot down over Capitalia, killing 12 people, and the president "
                          "accepted responsibility.", "en"))
    toll = [c for c in result if c.frame.slot == "count"]
    assert [(c.statement, values(c)) for c in toll] == \
        [("Death toll of the downing of the aircraft in Capitalia", {"j": ["12"]})]


def test_agent_and_object_from_word_order():
    assert statements_of(("s", "Ana Silva, Bo Lee'yi telefonla uyardı.", "tr")) == ["Whether Ana Silva warned Bo Lee"]
    assert statements_of(("s", "Ана Силва предупредила Бо Ли.", "ru")) == ["Whether Ana Silva warned Bo Lee"]
    assert statements_of(("s", "Bo Lee warned Ana Silva of a plot.", "en")) == ["Whether Bo Lee warned Ana Silva"]


def test_no_fillable_proposition_makes_no_claim():
    # "crashed" is a claim only with a count; "met" needs two participants
    assert statements_of(("s", "Самолет разбился под Капиталией.", "ru")) == []
    assert statements_of(("s", "Переговоры прошли в Капиталии.", "ru")) == []


def test_statement_leaves_out_speaker_and_wording():
    text = ("Within days, Ana Silva was arrested by the police, the news agency Reuters reported on Thursday. "
            "It has emerged that Bo Lee warned Ana Silva of a plot.")
    result = claims(("s", text, "en"))
    assert sorted(c.statement for c in result) == ["Whether Ana Silva was detained",
                                                   "Whether Bo Lee warned Ana Silva"]
    arrest = next(c for c in result if c.frame.predicate == "arrested")
    assert arrest.actors == ["ana"] and arrest.evidence[0].attributed_to == "reuters"


ALIASED = {
    "ana": Actor(id="ana", name="Ana Silva", kind="person",
                 aliases=[Alias("آنا سيلفا", "ar", "Arab"), Alias("Ана Силва", "ru", "Cyrl")]),
    "bo": Actor(id="bo", name="Bo Lee", kind="person", aliases=[Alias("Бо Ли", "ru", "Cyrl")]),
}


def test_english_fragment_is_widened_to_its_sentence():
    doc, mentions = make_doc("s", "Ana Silva resigned; and charged with fraud was her aide.", "en",
                             {"Ana Silva": ("ana", "person")})
    cands = [c for c in find_evidence(doc, mentions)]
    for c in cands:
        st = statements.statement_for([c], ALIASED)
        assert st[0].isupper() and not st.lower().startswith("and ")


def test_claim_actors_are_participants_not_places():
    result = claims(("s", "In Capitalia, Ruritania's police arrested Ana Silva.", "en"))
    assert len(result) == 1
    assert result[0].actors == ["ana"]


# --- one clause one claim; the same proposition whatever the wording --------------------

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


def test_each_span_in_one_claim_warning_and_meeting_apart():
    result = claims(
        ("w-tr", "Bo Lee, Ana Silva'yı darbe planı hakkında telefonla uyardı.", "tr"),
        ("w-tr2", "Bo Lee, Ana Silva'yı telefonla uyardı.", "tr"),
        ("w-ar", "حذّر بو لي آنا سيلفا من مؤامرة الانقلاب.", "ar"),
        ("w-en", "Bo Lee warned Ana Silva of a coup plot.", "en"),
        ("m-de", "Bo Lee traf Ana Silva auf einem Gipfel in Oslo.", "de"),
        ("m-en", "Ana Silva met Bo Lee at the Oslo summit last week.", "en"),
    )
    assert all(len(ids) == 1 for ids in _span_owners(result).values())
    by_statement = {c.statement: sorted(values(c)) for c in result}
    assert by_statement == {"Whether Bo Lee warned Ana Silva": ["w-ar", "w-en", "w-tr", "w-tr2"],
                            # met is symmetric: one claim whoever is named first
                            "Whether Ana Silva met Bo Lee": ["m-de", "m-en"]}


def test_an_object_far_from_the_verb_still_meets_its_fact():
    result = claims(("a-en", "Bo Lee signed a trade agreement with Sweden.", "en"),
                    ("d-ru", "Бо Ли подписал соглашение со Швецией.", "ru"))
    assert [(c.statement, sorted(values(c))) for c in result] == \
        [("Whether Bo Lee signed an agreement with Sweden", ["a-en", "d-ru"])]


def test_arrested_and_charged_are_two_claims_in_every_language():
    cands, actors, docs = corpus(
        ("x-en", "Ana Silva was arrested and charged with fraud.", "en"),
        ("x-de", "Ana Silva wurde festgenommen und wegen Betrugs angeklagt.", "de"),
        ("x-tr", "Ana Silva gözaltına alındı ve dolandırıcılıkla suçlandı.", "tr"),
        ("x-ar", "اعتقلت الشرطة آنا سيلفا ووجهت إليها تهمة الاحتيال.", "ar"),
    )
    assert sorted(c.event for c in cands) == ["arrested"] * 4 + ["charged"] * 4
    result = facts.group(cands, [], actors, docs)
    assert all(len(ids) == 1 for ids in _span_owners(result).values())
    assert sorted((c.statement, sorted(values(c))) for c in result) == [
        ("Whether Ana Silva was charged", ["x-ar", "x-de", "x-en", "x-tr"]),
        ("Whether Ana Silva was detained", ["x-ar", "x-de", "x-en", "x-tr"]),
    ]


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


def test_foiled_statement_names_its_story():
    result = claims(("f-tr", "Bo Lee sayesinde darbe girişimi engellendi.", "tr"),
                    ("f-ar", "أحبطت محاولة انقلاب بفضل تدخل بو لي.", "ar"))
    assert [(c.statement, sorted(values(c))) for c in result] == \
        [("Whether the coup attempt was foiled", ["f-ar", "f-tr"])]


def test_arabic_topicalised_subject_fills_the_template():
    assert statements_of(("t", "آنا سيلفا ، في الوقت نفسه ، انتقد أوسلو بشدة.", "ar")) == \
        ["Whether Ana Silva criticized Oslo"]


def test_a_transliterated_name_is_capitalised():
    names = dict(NAMES, capital=("كابيتاليا", "place"))
    [statement] = statements_of(("k-ar", "أسفر الانفجار في كابيتاليا عن مقتل ١٥ شخصا.", "ar"), names=names)
    place = statement.rsplit(" in ", 1)[1]
    assert place[0].isupper(), statement


@pytest.mark.parametrize("text, lang, want", [
    ("At least 5,000 people were killed", "en", {"killed": "5000"}),
    ("Еще свыше 2,7 тысячи человек пострадали", "ru", {"injured": "2700"}),
    ("количество раненых возросло до 4 тыс. человек", "ru", {"injured": "4000"}),
    ("أسفر عن مقتل ما لا يقل عن 154 شخصًا وإصابة أكثر من 5000", "ar", {"killed": "154", "injured": "5000"}),
    ("ölü sayısı 179'a yükseldi", "tr", {"killed": "179"}),
    ("6 bini aşkın kişinin de yaralandığı", "tr", {"injured": "6000"}),
    ("The number of people killed in Monday's explosion at a chemical plant in the city has risen to nine",
     "en", {"killed": "9"}),
    ("Two of the dead were foreign citizens", "en", {"citizens": "2"}),  # a share of the toll, never the toll
    ("Norvalia said 14 members of its navy were wounded", "en", {}),  # a part of the wounded, no total
    ("Estrelia said one of its soldiers was wounded", "en", {}),
    ("Fourteen people were wounded", "en", {"injured": "14"}),
    ("In 2020 at least 12 people died", "en", {"killed": "12"}),
    ("Six people have now been detained in the case", "en", {"arrested": "6"}),  # auxiliaries: no distance
    ("64 Menschen wurden aus dem Meer gerettet", "de", {"rescued": "64"}),  # nor the counted noun
])
def test_figures_are_read_whole_and_only_as_totals(text, lang, want):
    assert cues.extract_counts(text, lang) == want


# --- story-level statements and the new predicates ---------------------------------------

def test_an_investigation_with_no_named_party_is_one_claim_of_the_story():
    got = claims(("i-en", "Prosecutors opened an investigation into the explosion in Oslo.", "en"),
                 ("i-de", "Die Staatsanwaltschaft ermittelt wegen der Explosion in Oslo.", "de"),
                 ("i-ru", "Прокуратура возбудила уголовное дело после взрыва в Осло.", "ru"))
    assert [(c.statement, sorted(values(c))) for c in got] == \
        [("Whether an investigation was opened into the explosion in Oslo", ["i-de", "i-en", "i-ru"])]


def test_a_clause_is_read_by_its_other_event_when_the_main_one_makes_no_claim():
    # "the sinking" is the topic; the clause states the investigation
    assert statements_of(("s-en", "Officials opened an investigation into the sinking near Oslo.", "en")) == \
        ["Whether an investigation was opened into the sinking in Oslo"]


def test_another_event_speaks_only_of_a_named_party_when_the_main_one_has_a_predicate():
    # declining to comment on an arrest tells of no arrest of its own
    assert statements_of(("c-en", "The regional government declined to comment on the arrest.", "en")) == []


@pytest.mark.parametrize("sid,text,lang", [
    ("h-en", "Nine survivors were still hospitalised after the explosion in Oslo.", "en"),
    ("h-fr", "Neuf survivants restaient hospitalisés après l'explosion à Oslo.", "fr"),
    ("h-es", "Nueve supervivientes seguían hospitalizados tras la explosión en Oslo.", "es"),
])
def test_hospitalised_counts(sid, text, lang):
    [claim] = claims((sid, text, lang))
    assert claim.statement == "Number of people taken to hospital after the explosion in Oslo"
    assert values(claim) == {sid: ["9"]}


def test_denials_of_one_person_in_three_languages_are_one_claim_that_is_not_contested():
    got = claims(("d-en", "Ana Silva denied any wrongdoing.", "en"),
                 ("d-es", "Ana Silva negó que hubiera recibido dinero.", "es"),
                 ("d-ru", "Ана Силва отрицает свою вину.", "ru"))
    [claim] = [c for c in got if c.frame.predicate == "denied"]
    assert sorted(values(claim)) == ["d-en", "d-es", "d-ru"]
    assert {e.stance for e in claim.evidence} == {"affirms"}


# --- the project's own predicates (content/predicates.yml) -------------------------------

@pytest.fixture
def project(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    yield content
    facts.use_project(None)


def test_the_project_rewords_a_statement_and_adds_a_predicate(project):
    (project / "predicates.yml").write_text(
        "predicates:\n"
        "  killed:\n"
        "    count: \"Number of people who died in {incident}\"\n"
        "  exploded:\n"
        "    yes-no: \"Whether a blast was reported in {incident}\"\n", encoding="utf-8")
    facts.use_project(project)
    specs = (("p-en", "The blast in Oslo killed 12 people.", "en"), ("p-de", "In Oslo explodierte ein Tank.", "de"))
    assert sorted(statements_of(*specs)) == ["Number of people who died in the explosion in Oslo",
                                             "Whether a blast was reported in the explosion in Oslo"]
    facts.use_project(None)  # the package's lexicon again: no statement for an explosion itself
    assert statements_of(*specs) == ["Death toll of the explosion in Oslo"]


def test_the_project_adds_an_incident_noun(project):
    (project / "predicates.yml").write_text(
        "incidents:\n"
        "  - noun: the stampede\n"
        "    cues: {en: [stampede*], ru: [давк*]}\n", encoding="utf-8")
    facts.use_project(project)
    assert statements_of(("st-en", "The stampede in Oslo killed 12 people.", "en")) == \
        ["Death toll of the stampede in Oslo"]


def test_the_project_brings_its_own_verbs_in_several_languages(project):
    """A predicate the package lacks, with its verbs (`events:`), reads in every language given."""
    specs = (("v-en", "The journalist Ana Silva vanished in Oslo on Monday.", "en"),
             ("v-ru", "Журналистка Ана Силва бесследно пропала в Осло в понедельник.", "ru"))
    # without it no frame reads them (the two tellings may still be one quoted, stated fact)
    assert not [c for c in claims(*specs) if c.statement_from != "quote" and "vanish" in c.statement.lower()]
    (project / "predicates.yml").write_text(
        "events:\n"
        "  - id: vanished\n"
        "    frame: patient\n"
        "    slots: {subject: [person]}\n"
        "    cues: {en: [vanished, disappeared], ru: [пропал*, исчез*]}\n"
        "predicates:\n"
        "  vanished:\n"
        "    yes-no: \"Whether {subject} vanished\"\n", encoding="utf-8")
    facts.use_project(project)
    claims_ = claims(*specs)
    facts.use_project(None)
    [claim] = [c for c in claims_ if c.statement.startswith("Whether") and "vanished" in c.statement]
    assert claim.statement == "Whether Ana Silva vanished"
    assert sorted(e.source for e in claim.evidence) == ["v-en", "v-ru"]


def test_the_project_adds_a_verb_to_a_known_event(project):
    specs = (("k-en", "12 people succumbed in the blast in Oslo.", "en"),)
    assert "Death toll of the explosion in Oslo" not in statements_of(*specs)
    (project / "predicates.yml").write_text(
        "events:\n  - id: killed\n    cues: {en: [succumbed]}\ncounts:\n  killed: {en: [succumbed]}\n", encoding="utf-8")
    facts.use_project(project)
    found = statements_of(*specs)
    facts.use_project(None)
    assert "Death toll of the explosion in Oslo" in found


@pytest.mark.parametrize("text,line,says", [
    ("predicates:\n  killed:\n    count: \"Toll {bad}\"\n", 3, "unknown placeholder {bad}"),
    ("predicates:\n  killed:\n    count: \"12 people killed in {incident}\"\n", 3, "never holds a value"),
    ("predicates:\n  vanished:\n    yes-no: \"Whether {subject} vanished\"\n", 2, "no event 'vanished'"),
    ("predicates:\n  killed:\n    tally: \"Toll\"\n", 3, "unknown slot 'tally'"),
    ("incidents:\n  - noun: the stampede\n    cues: {xx: [stampede]}\n", 3, "unknown language 'xx'"),
    ("verbs: []\n", 1, "unknown key 'verbs'"),
    ("events:\n  - id: vanished\n    cues: {en: vanished}\n", 3, "cues must be a list of words"),
    ("events:\n  - cues: {en: [vanished]}\n", 2, "needs `id:`"),
])
def test_a_bad_project_predicate_file_names_its_line(project, text, line, says):
    (project / "predicates.yml").write_text(text, encoding="utf-8")
    with pytest.raises(RecordError) as err:
        facts.use_project(project)
    assert f"predicates.yml:{line}" in str(err.value) and says in str(err.value)


def test_a_fact_no_statement_fits_keeps_its_quote():
    text = "Yesterday the Red Hand attacked a hospital in the north of the country."
    [claim] = [c for c in claims(("q-en", text, "en")) if c.frame.predicate != "occurred"]  # and the attack's day
    assert (claim.statement, claim.statement_from, claim.frame.subject) == (text, "quote", "red")
    assert [e.value for e in claim.evidence] == ["yes"]


@pytest.mark.parametrize("text", [
    "The Red Hand attacked 3 hospitals in the north of the country.",  # a figure: never in a statement
    "The weather may have caused the attack on the hospital by the Red Hand.",  # speculation
    "A hospital in the north of the country was attacked yesterday.",  # nobody doing it
])
def test_no_quote_statement_for_a_figure_a_hedge_or_no_doer(text):
    assert [c for c in claims(("q-en", text, "en")) if c.frame.predicate != "occurred"] == []  # the day is a fact


def test_an_accusation_negated_by_a_verb_of_denial_is_the_speakers_denial():
    # "the spokesman Bo Lee denied the accusations of spying": a denial by Bo Lee, not a "no" to his blame
    got = claims(("n-ar", "ونفى المتحدث باسم وزارة الخارجية بو لي الاتهامات البولندية بالتجسس.", "ar"))
    assert [(c.frame.predicate, c.frame.subject, values(c)) for c in got] == [("denied", "bo", {"n-ar": ["yes"]})]
