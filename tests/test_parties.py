"""Which party a clause means when it names none outright (issue 17): a state by its
adjective beside "authorities"/"forces", a capital for its state, the subject of a verb
coordinated after "and", and who blew something up when sources blame different parties."""
from __future__ import annotations

from dossier.extract import analysis, parties, stories
from dossier.model import Actor, Document, Mention, Sentence, Source
from tests.claims_on_names import Names

NAMES = {
    "ruritania": ("Ruritania", "state"), "sweden": ("Sweden", "state"), "poland": ("Poland", "state"),
    "warsaw": ("Warsaw", "place"), "ana": ("Ana Silva", "person"), "capital": ("Capitalia", "place"),
    "bo": ("Bo Lee", "person"),
}
SURFACES = {
    "Ruritania": "ruritania", "Руритания": "ruritania", "Руритании": "ruritania", "روريتانيا": "ruritania",
    "Ruritanie": "ruritania",
    "Sweden": "sweden", "Швеции": "sweden", "Suecia": "sweden", "Suède": "sweden", "السويد": "sweden",
    "Poland": "poland", "Польша": "poland", "Varsovie": "warsaw", "وارسو": "warsaw", "Ana Silva": "ana",
    "Capitalia": "capital", "Капиталии": "capital", "Bo Lee": "bo", "Бо Ли": "bo", "Ана Силва": "ana",
    "آنا سيلفا": "ana", "بو لي": "bo", "Bo Lee'nin": "bo",
}
claims = Names(NAMES, SURFACES).claims


def _actors(*specs) -> dict[str, Actor]:
    out = {}
    for aid, name, kind, aliases in specs:
        actor = Actor(id=aid, name=name, kind=kind)
        actor.aliases = [type("Alias", (), {"name": a})() for a in aliases]
        out[aid] = actor
    return out


def test_an_adjective_names_the_state_it_is_made_from():
    actors = _actors(("belarus", "Belarus", "state", ["Беларусь", "بيلاروسيا", "Biélorussie"]),
                     ("poland", "Poland", "state", ["Польша", "Pologne", "بولندا"]),
                     ("iran", "Iran", "state", ["Иран"]), ("australia", "Australia", "state", []))
    parties.clear()
    assert parties.demonym_state("белорусская", actors) == "belarus"  # Russian o/a: by consonants
    assert parties.demonym_state("البيلاروسية", actors) == "belarus"  # with the article
    assert parties.demonym_state("польская", actors) == "poland"
    assert parties.demonym_state("polonaises", actors) == "poland"
    assert parties.demonym_state("iranian", actors) == "iran"
    assert parties.demonym_state("иранские", actors) == "iran"
    assert parties.demonym_state("iraqi", actors) is None  # three letters shared are not enough
    assert parties.demonym_state("austrian", actors) is None  # Austria is not Australia
    assert parties.demonym_state("police", actors) is None


def test_the_side_or_the_authorities_of_a_state_act_for_it():
    """"белорусская сторона приняла решение о закрытии консульства": the Belarusian side is
    Belarus; with no adjective, no state is meant."""
    result = claims(("a", "Кроме того, руританская сторона приняла решение о закрытии консульства Швеции.", "ru"),
                    ("b", "The Ruritanian authorities ordered the closure of the consulate of Sweden.", "en"),
                    ("c", "The authorities ordered the closure of the consulate of Sweden.", "en"))
    closed = [c for c in result if c.frame.predicate == "closed mission"]
    assert [(c.frame.subject, c.frame.object) for c in closed] == [("ruritania", "sweden")]
    assert {e.source for e in closed[0].evidence} == {"a", "b"}


def test_a_capital_right_before_or_after_the_verb_acts_for_its_state():
    """"Varsovie accuse …", Arabic verb first "وتتهم وارسو …": Poland accuses (Warsaw is
    Poland's only time zone); a capital only named as where it happened acts for no one."""
    result = claims(("a", "Varsovie accuse Ruritania d'espionnage.", "fr"),
                    ("b", "وتتهم وارسو روريتانيا بالتجسس.", "ar"))
    accused = [c for c in result if c.frame.predicate == "accused"]
    assert [(c.frame.subject, c.frame.object) for c in accused] == [("poland", "ruritania")]
    assert {e.source for e in accused[0].evidence} == {"a", "b"}


def test_a_verb_after_and_has_the_subject_of_the_clause_before():
    """"Ruritania expulsó … y ordenó el cierre del consulado de Suecia": the closure is
    Ruritania's, though its clause names only Sweden."""
    result = claims(("a", "Ruritania expulsó el miércoles a tres diplomáticos y ordenó el cierre del consulado general "
                          "de Suecia en Capitalia.", "es"),
                    ("b", "Ruritania ordered the closure of the consulate of Sweden.", "en"))
    closed = [c for c in result if c.frame.predicate == "closed mission"]
    assert [(c.frame.subject, c.frame.object) for c in closed] == [("ruritania", "sweden")]
    assert {e.source for e in closed[0].evidence} == {"a", "b"}


def test_who_blew_it_up_is_one_claim_that_sources_contest():
    """Sources blaming different parties for blowing up the dam meet in one "who" claim."""
    result = claims(("a", "Ruritanian forces blew up the dam near Capitalia on Tuesday.", "en"),
                    ("b", "Руританские войска взорвали плотину у Капиталии.", "ru"),
                    ("c", "Swedish troops blew up the dam near Capitalia, the ministry said.", "en"),
                    ("d", "Sweden blew up the dam near Capitalia, Ana Silva said.", "en"))
    who = [c for c in result if c.frame.predicate == "sabotaged"]
    assert len(who) == 1 and who[0].frame.slot == "who"
    assert {(e.source, e.value) for e in who[0].evidence} == {
        ("a", "ruritania"), ("b", "ruritania"), ("c", "sweden"), ("d", "sweden")}
    assert analysis.assess(who[0]) == "contested"
    # a thing that exploded blames no one, not even who said so
    told = claims(("e", "Ana Silva said the fertiliser stored near Capitalia had blown up.", "en"),
                  ("f", "When the bridge near Capitalia was blown up, Ana Silva left.", "en"))
    assert not [c for c in told if c.frame.predicate == "sabotaged"]


def test_a_city_inside_an_organisations_name_is_not_where_the_story_happened():
    """"Staatsanwaltschaft Essen": Essen is the office's seat; the story's place is the city
    its documents name on its own."""
    texts = {"d1": "Explosion in Gelsenkirchen. Die Staatsanwaltschaft Essen ermittelt.",
             "d2": "Explosion in Gelsenkirchen: Staatsanwaltschaft Essen ermittelt gegen Unbekannt."}
    actors = {"essen": Actor(id="essen", name="Essen", kind="place"),
              "gelsen": Actor(id="gelsen", name="Gelsenkirchen", kind="place"),
              "office": Actor(id="office", name="Staatsanwaltschaft Essen", kind="organization")}
    docs = []
    for sid, text in texts.items():
        for aid, name in (("essen", "Essen"), ("gelsen", "Gelsenkirchen"), ("office", "Staatsanwaltschaft Essen")):
            at = text.index(name)
            actors[aid].mentions.append(Mention(sid, at, at + len(name), name))
        source = Source(id=sid, path=f"content/sources/{sid}.txt", sha256="0" * 64, language="de", title=None,
                        publisher=None, author=None, published="2026-03-03", published_precision="day", url=None)
        docs.append(Document(source, text, [Sentence(0, len(text), text, "de", "Latn")]))
    story = stories.stories(docs, actors)["d1"]
    assert story.place == "gelsen" and story.incident.endswith("in Gelsenkirchen")


def test_everyone_a_list_names_is_killed():
    """"President X and Foreign Minister Y were killed": two facts, one per person, in any
    language; someone named in another clause of the sentence is not on the list."""
    result = claims(("a", "Ana Silva and Foreign Minister Bo Lee were killed in the crash near Capitalia.", "en"),
                    ("b", "Ана Силва и министр иностранных дел Бо Ли погибли.", "ru"),
                    ("c", "وفاة آنا سيلفا ووزير الخارجية بو لي في تحطم طائرة قرب العاصمة.", "ar"),
                    ("d", "Ana Silva told Bo Lee that the driver was killed near Capitalia.", "en"),
                    # the subject of a Turkish reported clause (genitive, verb made a noun) is no speaker
                    ("e", "Yetkililer, kazada bulunan Ana Silva ve Dışişleri Bakanı Bo Lee'nin hayatını kaybettiğini "
                          "duyurdu.", "tr"),
                    ("f", "Yetkililer, Ana Silva'nın hayatını kaybettiğini duyurdu.", "tr"))
    killed = {c.frame.subject: {e.source for e in c.evidence} for c in result if c.frame.predicate == "killed"}
    assert killed == {"ana": {"a", "b", "c", "e", "f"}, "bo": {"a", "b", "c", "e"}}
    assert all(e.attributed_to is None for c in result for e in c.evidence if e.source in ("e", "f"))


def test_a_list_joined_by_along_with_names_everyone_killed():
    """"X, along with Y, were killed", "X вместе с министром Y погибли", "X, junto con el
    ministro Y, murió": a comitative phrase joins a list as "and" does."""
    result = claims(("a", "Ana Silva, along with Foreign Minister Bo Lee and other officials, were killed in the crash.",
                     "en"),
                    ("b", "Ана Силва вместе с министром иностранных дел Бо Ли погибли при крушении.", "ru"),
                    ("c", "Ana Silva, junto con el ministro de Asuntos Exteriores Bo Lee, murió en el accidente.", "es"),
                    ("d", "Ana Silva ainsi que le ministre des Affaires étrangères Bo Lee sont morts.", "fr"))
    killed = {c.frame.subject: {e.source for e in c.evidence} for c in result if c.frame.predicate == "killed"}
    assert killed == {"ana": {"a", "b", "c", "d"}, "bo": {"a", "b", "c", "d"}}


def test_the_doer_named_by_by_right_after_the_event():
    """"under a deal brokered by X", "after mediation by X", "négocié par X": X mediated, not
    whoever the sentence names first."""
    result = claims(("a", "Bo Lee will relocate to Sweden under a deal brokered by Ana Silva, Sweden’s president, to end "
                          "an armed mutiny that Bo Lee had led against Ruritania.", "en"),
                    ("b", "Bo Lee, who has been a close ally of Sweden for years, had earlier agreed to end the march "
                          "after mediation by Swedish President Ana Silva.", "en"),
                    ("d", "Bo Lee a accepté l'accord négocié par Ana Silva.", "fr"))
    mediated = {c.frame.subject: {e.source for e in c.evidence} for c in result if c.frame.predicate == "mediated"}
    assert mediated == {"ana": {"a", "b", "d"}}


def _story_docs(texts: dict[str, str], names: dict[str, tuple[str, str]]):
    actors = {aid: Actor(id=aid, name=n, kind=k) for aid, (n, k) in names.items()}
    docs = []
    for sid, text in texts.items():
        for aid, (name, _k) in names.items():
            at = text.find(name)
            while at >= 0:
                actors[aid].mentions.append(Mention(sid, at, at + len(name), name))
                at = text.find(name, at + 1)
        source = Source(id=sid, path=f"content/sources/{sid}.txt", sha256="0" * 64, language="en", title=None,
                        publisher=None, author=None, published="2026-03-03", published_precision="day", url=None)
        docs.append(Document(source, text, [Sentence(0, len(text), text, "en", "Latn")]))
    return docs, actors


def test_a_report_alone_in_its_story_joins_the_story_that_names_its_place():
    """One side's officials, named by no other report, tell of the same dam in the same town:
    the report joins that story; a report of another town stays a story of its own."""
    names = {"town": ("Portville", "place"), "ana": ("Ana Silva", "person"), "bo": ("Bo Lee", "person"),
             "ruritania": ("Ruritania", "state"), "cy": ("Cy Young", "person"), "dee": ("Dee Moss", "person"),
             "far": ("Farville", "place"), "eve": ("Eve Stone", "person")}
    docs, actors = _story_docs({
        "d1": "The dam collapse in Portville flooded homes. Ana Silva and Bo Lee blamed Ruritania.",
        "d2": "After the dam collapse in Portville, Ana Silva said Bo Lee had warned Ruritania.",
        "d3": "Cy Young said the dam at Portville was blown up; Dee Moss spoke of sabotage.",
        "d4": "Eve Stone opened a bakery in Farville."}, names)
    story = stories.stories(docs, actors)
    assert story["d3"] is story["d1"] is story["d2"] and story["d4"] is not story["d1"]


def test_a_catastrophe_is_no_air_crash():
    assert "the crash" not in stories.nouns("Экологическая катастрофа после подрыва плотины.", "", "ru")
    assert "the crash" not in stories.nouns("Це катастрофа для всього регіону.", "", "uk")
    assert "the crash" in stories.nouns("Президент погиб в авиакатастрофе.", "", "ru")
    assert "the crash" in stories.nouns("Вертоліт розбився у горах, катастрофа гелікоптера сталася вночі.", "", "uk")


def test_a_sentence_opening_with_he_is_told_of_the_person_named_before():
    """"Ana Silva led the office. Am Dienstag war er festgenommen worden": the sentence is told of
    Ana Silva; "il y a" is no one; a sentence naming its person first keeps it."""
    result = claims(("a", "Ana Silva led the regional office for years. He was detained on Tuesday.", "en"),
                    ("b", "Ana Silva leitete das Büro. Am Dienstag war er in Capitalia festgenommen worden.", "de"),
                    ("c", "Ana Silva dirigeait le bureau. Il a été arrêté mardi.", "fr"),
                    ("d", "Ana Silva dirigeait le bureau. Il y a eu des arrestations mardi.", "fr"),
                    ("e", "Ana Silva led the office. On Tuesday Bo Lee was detained, and he was released.", "en"))
    detained = sorted((c.frame.subject, sorted({e.source for e in c.evidence})) for c in result
                      if c.frame.predicate == "arrested" and c.frame.slot == "yes-no")
    assert detained == [("ana", ["a", "b", "c"]), ("bo", ["e"])], detained


def test_a_surname_alone_is_the_person_named_in_full_when_one_such_fact_is_told():
    names = Names({"ana": ("Ana Silva", "person"), "silva": ("Silva", "person"), "rui": ("Rui Silva", "person")},
                  {"Ana Silva": "ana", "Ана Силва": "ana", "Silva": "silva", "Rui Silva": "rui"})
    result = names.claims(("a", "Police detained Ana Silva on Tuesday.", "en"),
                          ("b", "Ана Силва задержана во вторник.", "ru"),
                          ("c", "Silva was detained on Tuesday in the capital.", "en"))
    detained = [(c.frame.subject, sorted({e.source for e in c.evidence})) for c in result if c.frame.predicate == "arrested"]
    assert detained == [("ana", ["a", "b", "c"])], detained
    # two people of that surname each detained: the surname alone stays apart
    result = names.claims(("a", "Police detained Ana Silva on Tuesday.", "en"),
                          ("b", "Police detained Rui Silva on Tuesday.", "en"),
                          ("c", "Silva was detained on Tuesday in the capital.", "en"))
    assert sorted(c.frame.subject for c in result if c.frame.predicate == "arrested") == ["ana", "rui", "silva"]


def test_a_company_s_pledge_told_by_its_manager_is_the_company_s():
    named = Names({"ostwerk": ("Ostwerk", "organization"), "weber": ("Jan Weber", "person"),
                   "kappel": ("Kappel", "place")},
                  {"Ostwerk": "ostwerk", "Jan Weber": "weber", "Kappel": "kappel"}).claims
    result = named(("a", "An explosion hit the plant of the company Ostwerk in Kappel. Plant manager Jan Weber told "
                         "reporters the company would cooperate fully with the authorities.", "en"),
                   ("b", "Eine Explosion erschütterte das Werk des Unternehmens Ostwerk in Kappel. Werksleiter Jan Weber "
                         "sagte, das Unternehmen werde umfassend mit den Behörden zusammenarbeiten.", "de"))
    pledged = [c for c in result if c.frame.predicate == "cooperating"]
    assert [(c.frame.subject, sorted(e.source for e in c.evidence)) for c in pledged] == [("ostwerk", ["a", "b"])]
    # a plain "would" is still a hedge: what the plant would do is no fact
    assert not [c for c in named(("c", "The company Ostwerk would cooperate fully with the authorities.", "en"),
                                 ("d", "The company Ostwerk would cooperate fully with the authorities.", "en"))
                if c.frame.predicate == "cooperating"]


def test_a_state_acting_through_its_head_is_one_fact_with_him():
    from dossier.model import Role
    named = Names({"ruritania": ("Ruritania", "state"), "vok": ("Ivan Vok", "person"),
                   "borduria": ("Borduria", "state")},
                  {"Ruritania": "ruritania", "Ruritanian": "ruritania", "Ivan Vok": "vok", "Borduria": "borduria"}).claims
    roles = {"vok": [Role(source="a", text="Ruritanian President"), Role(source="b", text="Ruritanian President")]}
    result = named(("a", "Ruritanian President Ivan Vok criticized Borduria on Monday.", "en"),
                   ("b", "Ruritanian President Ivan Vok sharply criticized Borduria.", "en"),
                   ("c", "Ruritania criticized Borduria on Monday.", "en"), roles=roles)
    criticized = [c for c in result if c.frame.predicate == "criticized"]
    assert [(c.frame.subject, sorted(e.source for e in c.evidence)) for c in criticized] == [("vok", ["a", "b", "c"])]
    # a state's leader is no one's leader without such a title
    plain = named(("a", "Ivan Vok criticized Borduria on Monday.", "en"),
                  ("c", "Ruritania criticized Borduria on Monday.", "en"))
    assert len([c for c in plain if c.frame.predicate == "criticized"]) == 2


def test_a_spokesperson_s_accusation_is_his_state_s():
    from dossier.model import Role
    named = Names({"ruritania": ("Ruritania", "state"), "vok": ("Ivan Vok", "person"), "borduria": ("Borduria", "state")},
                  {"Ruritania": "ruritania", "Ivan Vok": "vok", "Borduria": "borduria", "Bordurian": "borduria"}).claims
    texts = (("a", "Ruritania accused Borduria of espionage on Monday.", "en"),
             ("b", "Ministeriumssprecher Ivan Vok warf den Bordurian Diplomaten Spionage für den Geheimdienst vor.", "de"))
    speaker = {"vok": [Role(source="b", text="Ministeriumssprecher")]}
    accused = [c for c in named(*texts, roles=speaker) if c.frame.predicate == "accused"]
    assert [(c.frame.subject, sorted(e.source for e in c.evidence)) for c in accused] == [("ruritania", ["a", "b"])]
    # a name with no title of a spokesperson speaks for himself
    assert len([c for c in named(*texts) if c.frame.predicate == "accused"]) == 2



def test_a_city_few_documents_name_does_not_stand_for_the_story():
    """A city fewer than half as many documents name as the country (where a suspect was
    caught) is not where the story happened: the country is."""
    actors = {"rur": Actor(id="rur", name="Ruritania", kind="state"),
              "cap": Actor(id="cap", name="Capitalia", kind="place")}
    texts = {f"d{i}": "Earthquake in Ruritania." + (" A builder was caught in Capitalia." if i < 2 else "")
             for i in range(5)}
    docs = []
    for sid, text in texts.items():
        for aid, name in (("rur", "Ruritania"), ("cap", "Capitalia")):
            if name in text:
                at = text.index(name)
                actors[aid].mentions.append(Mention(sid, at, at + len(name), name))
        source = Source(id=sid, path=f"content/sources/{sid}.txt", sha256="0" * 64, language="en", title=None,
                        publisher=None, author=None, published="2026-03-03", published_precision="day", url=None)
        docs.append(Document(source, text, [Sentence(0, len(text), text, "en", "Latn")]))
    assert stories.stories(docs, actors)["d0"].place == "rur"


def test_one_figure_per_state_in_one_clause_is_a_toll_per_state():
    """"3,549 in Ruritania and 1,602 in Sweden": each figure is its state's toll, the home
    state's at the story's place; "и" before a figure hands it to the next state; a figure
    written in parts ("1 014") leaves the clause as one toll."""
    result = claims(("a", "The earthquake in Capitalia killed 12 people.", "en"),
                    ("b", "At least 3,549 deaths have been reported in Ruritania and 1,602 in Sweden after the earthquake.",
                     "en"),
                    ("c", "Au moins 284 personnes ont été tuées en Ruritanie et 237 en Suède par le séisme.", "fr"),
                    ("d", "The earthquake in Capitalia killed 14 people in Ruritania.", "en"))
    tolls = {c.statement: sorted((e.source, e.value) for e in c.evidence) for c in result
             if c.frame and c.frame.predicate == "killed" and c.frame.slot == "count"}
    sweden = next(v for k, v in tolls.items() if k.endswith("in Sweden"))
    assert sweden == [("b", "1602"), ("c", "237")], tolls
    home = next(v for k, v in tolls.items() if not k.endswith("in Sweden"))
    assert ("b", "3549") in home and ("c", "284") in home, tolls


def test_a_toll_in_another_state_written_in_digit_groups_is_that_states():
    """"в Швеции погибли не менее 2 718 человек": the figure in groups is still counted there."""
    result = claims(("a", "The earthquake in Ruritania killed 12 people.", "en"),
                    ("b", "The earthquake in Ruritania killed 14 people.", "en"),
                    ("c", "После землетрясения в Руритании в Швеции погибли не менее 2 718 человек.", "ru"))
    tolls = {c.statement: sorted(e.value for e in c.evidence) for c in result
             if c.frame and c.frame.predicate == "killed" and c.frame.slot == "count"}
    assert sorted(tolls.values()) == [["12", "14"], ["2718"]], tolls


def test_a_toll_counted_in_another_state_is_a_fact_of_its_own():
    """A disaster across a border has a toll per state: "In Sweden, 5 people were killed" is
    not the home state's toll; a state named further on about something else changes nothing."""
    result = claims(("a", "The earthquake in Ruritania killed 12 people.", "en"),
                    ("b", "The earthquake in Ruritania killed 14 people.", "en"),
                    ("c", "In Sweden, 5 people were killed by the earthquake.", "en"),
                    ("d", "The earthquake in Ruritania killed 16 people, adding to the dead in Sweden.", "en"))
    tolls = {c.statement: sorted(e.value for e in c.evidence) for c in result
             if c.frame and c.frame.predicate == "killed" and c.frame.slot == "count"}
    assert sorted(tolls.values()) == [["12", "14", "16"], ["5"]], tolls
    assert any(s.endswith("in Sweden") for s in tolls), tolls


def test_stories_of_one_place_and_its_division_told_of_one_incident_are_one():
    """Documents mainly about a flood in "Capitalia Oblast" join the story of a dam collapse
    in Capitalia once one of that story's own documents is mainly about the flood; without
    that document they stay apart."""
    def told(texts):
        actors = {"cap": Actor(id="cap", name="Capitalia", kind="place"),
                  "obl": Actor(id="obl", name="Capitalia Oblast", kind="place"),
                  "ana": Actor(id="ana", name="Ana Silva", kind="person"),
                  "bo": Actor(id="bo", name="Bo Lee", kind="person")}
        docs = []
        for sid, text in texts.items():
            for aid, actor in actors.items():
                at = text.find(actor.name)
                if at >= 0 and not (aid == "cap" and text[at:].startswith("Capitalia Oblast")):
                    actor.mentions.append(Mention(sid, at, at + len(actor.name), actor.name))
            source = Source(id=sid, path=f"content/sources/{sid}.txt", sha256="0" * 64, language="en", title=None,
                            publisher=None, author=None, published="2026-03-03", published_precision="day", url=None)
            docs.append(Document(source, text, [Sentence(0, len(text), text, "en", "Latn")]))
        return stories.stories(docs, actors)

    texts = {"d0": "The dam collapse in Capitalia. Ana Silva spoke.",
             "d1": "The dam collapse in Capitalia. Ana Silva spoke again.",
             "d2": "The flood in Capitalia. Ana Silva spoke.",
             "d3": "The flood in Capitalia Oblast. Bo Lee spoke.",
             "d4": "The flood in Capitalia Oblast. Bo Lee spoke again."}
    found = told(texts)
    assert found["d3"] is found["d0"] and found["d4"] is found["d0"]
    del texts["d2"]
    found = told(texts)
    assert found["d3"] is not found["d0"] and found["d3"].place == "obl"
