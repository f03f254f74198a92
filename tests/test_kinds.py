"""Actor kinds decided once names are linked, each with its reason (invented names)."""
from __future__ import annotations

from dossier.extract.kinds import decide, refine
from dossier.extract.linking import Pin, Pins
from dossier.model import Actor, Alias, Mention


def _actor(name: str, kind: str = "other", texts: dict[str, str] | None = None, aliases=()) -> Actor:
    mentions = []
    for source, text in (texts or {}).items():
        start = 0
        for part in [name] + [a for a in aliases]:
            while (at := text.find(part, start)) >= 0:
                mentions.append(Mention(source=source, start=at, end=at + len(part), text=part))
                start = at + len(part)
            start = 0
    return Actor(id="x", name=name, kind=kind, mentions=mentions,
                 aliases=[Alias(name=a, language=None, script="Latn") for a in aliases])


def test_a_place_noun_in_the_name_makes_a_place_in_several_languages():
    for name in ("Morvel River", "Lake Ostrana", "Ormes Gölü", "Orvani Ormanı", "река Тирва", "نهر الزيفان"):
        kind, reason = decide(_actor(name), {})
        assert kind == "place", name
        assert "place noun" in reason


def test_an_institution_noun_makes_an_organisation():
    kind, reason = decide(_actor("Velmora Ministry of Health"), {})
    assert kind == "organization" and "Ministry" in reason


def test_a_title_before_a_mention_makes_a_person():
    texts = {"d1": "Yesterday Governor Tamsin Orvell opened the bridge.",
             "d2": "Губернатор Тамсин Орвелл открыл мост."}
    kind, reason = decide(_actor("Tamsin Orvell", texts=texts, aliases=["Тамсин Орвелл"]), texts)
    assert kind == "person" and "title 'Governor'" in reason


def test_a_title_before_an_acronym_names_no_person():
    texts = {"d1": "The head of the head KVRM said nothing. chief KVRM"}
    assert decide(_actor("KVRM", texts=texts), texts)[0] == "other"


def test_in_before_two_mentions_makes_a_place_and_a_title_after_it_does_not_win():
    texts = {"d1": "The fire in Brellin spread.", "d2": "Residents in Brellin fled; the governor of Brellin spoke.",
             "d3": "Пожар в Бреллине."}
    kind, reason = decide(_actor("Brellin", texts=texts), texts)
    assert kind == "place" and "in …" in reason


def test_a_name_given_by_its_last_word_alone_is_a_person():
    texts = {"d1": "Odile Varnet visited the port. Varnet said the port was closed."}
    kind, reason = decide(_actor("Odile Varnet", texts=texts, aliases=["Varnet"]), texts)
    assert kind == "person" and "last word alone" in reason


def test_a_last_word_next_to_a_place_noun_names_the_feature_not_a_person():
    for text in ("Floods hit Nova Varnet. The Varnet reservoir burst.", "Nova Varnet est inondée. Le réservoir de Varnet a cédé."):
        lone = text.rindex("Varnet")
        actor = Actor(id="x", name="Nova Varnet", kind="other", mentions=[
            Mention(source="d1", start=text.index("Nova"), end=text.index("Nova") + 11, text="Nova Varnet"),
            Mention(source="d1", start=lone, end=lone + 6, text="Varnet")])
        kind, reason = decide(actor, {"d1": text})
        assert "last word alone" not in reason, (text, kind, reason)


def test_latin_two_letter_endings_are_no_surname_evidence():
    assert decide(_actor("Nord Matin"), {})[0] == "other"
    assert decide(_actor("Darya Zemtsova"), {})[0] == "person"


def test_a_kind_already_made_keeps_it_and_says_why_or_that_it_came_from_the_form():
    kind, reason = decide(_actor("Ostrana Lake", kind="organization"), {})
    assert kind == "organization" and "form of the name" in reason
    kind, reason = decide(_actor("Velmora Ministry of Health", kind="organization"), {})
    assert "institution noun" in reason


def test_no_cue_leaves_other_and_says_so():
    kind, reason = decide(_actor("Quillbrook"), {})
    assert kind == "other" and reason.startswith("left open")


def test_the_editors_kind_wins():
    pins = Pins(pins=[Pin(name="Morvel River", kind="organization")])
    [actor] = refine([_actor("Morvel River")], {}, pins)
    assert actor.kind == "organization" and "content/aliases.yml" in actor.kind_reason


def test_refine_is_deterministic_and_leaves_the_input_alone():
    texts = {"d1": "Governor Tamsin Orvell spoke in Brellin."}
    actors = [_actor("Tamsin Orvell", texts=texts), _actor("Brellin", texts=texts)]
    first = refine(actors, texts, Pins())
    assert first == refine(actors, texts, Pins())
    assert [a.kind for a in actors] == ["other", "other"]
    assert [a.kind for a in first] == ["person", "place"]


# ---- words before a capitalised word that show it is a common noun (extract/context.py) ----

from tests.test_actors import make_doc  # noqa: E402
from dossier.extract.mentions import find_mentions  # noqa: E402


def _names(text: str, language: str) -> set[str]:
    return {m.name for m in find_mentions(make_doc("d1", text, language))}


def test_german_plural_nouns_after_a_plural_word_are_no_name():
    names = _names("In den letzten Jahren waren mehrere Kliniken Ziel solcher Angriffe. Seit den Morgenstunden "
                   "Winde mit bis zu 70 Kilometern. Sprecherin Helga Brandstetter sagte das.", "de")
    assert not any("Kliniken" in n or "Morgenstunden" in n for n in names)
    assert "Helga Brandstetter" in names


def test_a_name_ending_in_a_cue_of_several_words_keeps_all_of_them():
    found = {m.name: m.kind for m in find_mentions(make_doc(
        "d1", "Velmorya Ulusal Siber Güvenlik Ajansı, olayla ilgili inceleme yürütüyor.", "tr"))}
    assert found.get("Velmorya Ulusal Siber Güvenlik Ajansı") == "organization", found


def test_a_german_title_compound_ending_in_chef_is_no_part_of_the_name():
    names = _names("Der Einsatz dauerte lange, sagte Feuerwehrchef Ludger Hambrink am Abend.", "de")
    assert "Ludger Hambrink" in names and not any("Feuerwehrchef" in n for n in names)


def test_a_ministrys_portfolio_is_no_actor_but_a_country_after_de_is():
    fr = _names("Le ministre velmorien des Transports, Odile Varnet, s'est rendu sur place. "
                "Le ministère des Affaires étrangères a réagi.", "fr")
    assert "Transports" not in fr and "Affaires" not in fr and "Odile Varnet" in fr
    es = _names("La ministra de Sanidad, Odile Varnet, habló ayer con el ministro de Francia.", "es")
    assert "Sanidad" not in es and "Francia" in es
    es = _names("El ministro de Asuntos Exteriores y el ministro de Defensa Nacional viajaron a Lisboa.", "es")
    assert es == {"Lisboa"}
    en = _names("The Minister of Foreign Affairs met the Minister of Home Affairs and Odile Varnet.", "en")
    assert en == {"Odile Varnet"}
    de = _names("Der Minister für Auswärtige Angelegenheiten traf Odile Varnet.", "de")
    assert de == {"Odile Varnet"}
    en = _names("Port staff will be held, Minister of Information Lina Haddad said. Minister of Social "
                "Affairs Sami Karam resigned.", "en")
    assert en == {"Lina Haddad", "Sami Karam"}  # the name after its portfolio


def test_the_matter_of_a_person_and_a_countrys_adjective_are_no_new_actors():
    de = find_mentions(make_doc("d1", "Ob der Fall Ostrowski weitere Kreise zieht, ist offen.", "de"))
    assert [m.name for m in de] == ["Ostrowski"]
    en = find_mentions(make_doc("d2", "The expulsions came after Polish and Norwegian authorities acted.", "en"))
    assert {m.kind for m in en} == {"state"}


def test_common_noun_acronyms_are_no_actors():
    fr = find_mentions(make_doc("d1", "Selon une ONG locale, le PDG de la société Varnex a démissionné.", "fr"))
    assert not {m.name for m in fr} & {"ONG", "PDG"}
    en = find_mentions(make_doc("d2", "The NGO said the GDP figures aired on TV by Varnex were wrong.", "en"))
    assert not {m.name for m in en} & {"NGO", "GDP", "TV"}


def test_a_place_said_as_where_something_is():
    from dossier.extract.kinds import _located
    text = "Die Hafenstadt Tianjin, wo 2015 173 Menschen starben. Moscow said 500 were evacuated. Floods in Oleshky."
    at = lambda name: (text.index(name), text.index(name) + len(name))  # noqa: E731
    assert _located(text, *at("Tianjin")) and _located(text, *at("Oleshky"))
    assert not _located(text, *at("Moscow"))


def test_a_word_the_document_writes_in_lower_case_as_often_is_no_actor():
    """"Article 12" and a capitalized "Deprem" are words the document also writes in lower
    case: no actor; a name it never lowercases still is one."""
    names = _names("Under the constitution, Article 12 applies. The article says the deputy takes over, "
                   "Ana Silva said. Oldukça güçlü Deprem vurdu, bir deprem daha oldu.", "en")
    assert names == {"Ana Silva"}


def test_a_spanish_or_french_body_is_named_by_its_head_noun_first():
    found = {m.name: m.kind for m in find_mentions(make_doc(
        "d1", "El Ministerio de Justicia informó que el Consejo Superior de Defensa se reunió con Ana Silva.", "es"))}
    assert found["Ministerio de Justicia"] == "organization" and found["Consejo Superior de Defensa"] == "organization"


def test_a_name_right_after_a_verb_only_people_undergo_is_a_person():
    for text in ("The prosecutor gave the signal to arrest Tamsin Orvell on Friday.",
                 "La fiscalía detuvo a Tamsin Orvell el viernes.", "Полиция задержала вчера, а потом задержали Tamsin Orvell."):
        kind, reason = decide(_actor("Tamsin Orvell", texts={"d1": text}), {"d1": text})
        assert kind == "person" and "as only people are" in reason, text
    text = "The court heard Tamsin Orvell on Friday."  # no such verb: left open
    assert decide(_actor("Tamsin Orvell", texts={"d1": text}), {"d1": text})[0] == "other"
