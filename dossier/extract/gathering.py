"""Clauses of one fact read under two keys, gathered into one claim's group: a wrong pick
among a clause's participants, an unnamed participant, a plain yes beside its figure, a
figure told with no doer. Groups map a proposition key to its items (`facts.Item`)."""
from __future__ import annotations

from collections import Counter
from typing import Optional

from dossier.extract.analysis import PLANNED
from dossier.extract.cues import event_info
from dossier.extract.gazetteer import role_key
from dossier.extract.parties import SPEAKER_ROLES, led_state, namesakes, state_of


def absorb(groups: dict[tuple, list], preds: dict, actors: Optional[dict] = None) -> None:
    """Every gathering, in order; `preds`: the predicate lexicon in use; `actors`: by id."""
    _absorb_named(groups)
    _absorb_surname(groups, actors or {})
    _absorb_led(groups, actors or {})
    _absorb_spoken(groups, actors or {})
    _absorb_declared(groups, actors or {})
    _absorb_unnamed(groups)
    _absorb_counted(groups, preds)
    _absorb_by_whose(groups, preds)
    _absorb_tenure(groups)


def _absorb_surname(groups: dict[tuple, list], actors: dict) -> None:
    """Fold a yes-no group about a person the clause names by the surname alone ("Am Dienstag
    war Beljajew festgenommen worden") into the one group of that predicate, story and other
    party about a person of that surname named in full: the same person, when only one such
    fact is told (two brothers each detained stay apart)."""
    for key in sorted((k for k in groups if k[0] == "yes-no" and k[2] is not None), key=repr):
        full = set(namesakes(key[2], actors))
        if not full:
            continue
        into = [k for k in groups if k[:2] == key[:2] and k[3:] == key[3:] and k[2] in full]
        if len(into) == 1:
            for item in groups.pop(key):
                item.key, item.subject = into[0], into[0][2]
                groups[into[0]].append(item)


def _absorb_led(groups: dict[tuple, list], actors: dict) -> None:
    """Fold a yes-no group whose doer (or other party) is a state into the one group of that
    predicate whose party in that place is the person heading it ("Belarus mediated" and
    "Belarusian President Lukashenko mediated": one fact), for events a state does through
    its leader (an agent's, whose doers may be states)."""
    for key in sorted((k for k in groups if k[0] == "yes-no"), key=repr):
        info = event_info().get(key[1]) or {}
        if info.get("frame") != "agent" or "state" not in ((info.get("slots") or {}).get("subject") or ()):
            continue
        for place in (2, 3):
            state = key[place]
            if state is None or actors.get(state) is None or actors[state].kind != "state":
                continue
            into = [k for k in groups if k[:2] == key[:2] and k != key and len(k) == len(key) and k[place] is not None
                    and led_state(k[place], actors) == state
                    and all(k[i] == key[i] for i in range(2, len(key)) if i != place)]
            if len(into) == 1 and key in groups:
                for item in groups.pop(key):
                    item.key = into[0]
                    item.subject, item.object = into[0][2], into[0][3]
                    groups[into[0]].append(item)
                break


def _absorb_spoken(groups: dict[tuple, list], actors: dict) -> None:
    """Fold a yes-no group whose doer is a state's spokesperson ("ministry spokesman X accused
    the diplomats") into the one group of that predicate whose doer is that state ("Poland
    accused Belarus"): a spokesperson's act is the state's, told in its name."""
    for key in sorted((k for k in groups if k[0] == "yes-no" and k[2] is not None), key=repr):
        info = event_info().get(key[1]) or {}
        if info.get("frame") != "agent" or "state" not in ((info.get("slots") or {}).get("subject") or ()):
            continue
        person = actors.get(key[2])
        if person is None or not any(not r.former and role_key(r.text, None) in SPEAKER_ROLES for r in person.roles):
            continue
        # the state the titles name, else the one state doing this (in the other party's regard)
        state = led_state(key[2], actors, SPEAKER_ROLES)
        into = [k for k in groups if k[:2] == key[:2] and k != key and k[2] in actors and actors[k[2]].kind == "state"
                and (state is None or k[2] == state) and (key[3] is None or k[3] == key[3])]
        if len(into) == 1:
            for item in groups.pop(key):
                item.key, item.subject, item.object = into[0], into[0][2], into[0][3]
                groups[into[0]].append(item)


def _absorb_named(groups: dict[tuple, list]) -> None:
    """Fold a yes-no group into a larger one of the same predicate when every one of its
    clauses names that group's participants too: word order picked the wrong one of the
    actors a clause names ("warned Azerbaijan" in "warned the president of Azerbaijan, Aliyev")."""
    by_event: dict[tuple, list[tuple]] = {}
    for key in groups:
        if key[0] == "yes-no":
            by_event.setdefault(key[1], []).append(key)
    for keys in by_event.values():
        keys.sort(key=lambda k: (-len(groups[k]), repr(k)))
        for small in reversed(keys):
            for big in keys:
                if big == small or big not in groups or small not in groups or big[2] is None \
                        or len(groups[big]) < len(groups[small]) or (len(groups[big]), repr(big)) == (len(groups[small]), repr(small)):
                    continue
                if small[2] is not None and small[2] == big[3] or small[3] is not None and small[3] == big[2]:
                    continue  # the other way round ("B expelled A's diplomats" in answer): another fact
                need = {a for a in big[2:4] if a}
                if all(need <= set(it.cand.actors) and not it.listed for it in groups[small]):
                    groups[big].extend(groups.pop(small))
                    break


def _absorb_declared(groups: dict[tuple, list], actors: dict) -> None:
    """Fold a story's declarations of one kind (a state of emergency) whose doers are of one
    state, or of no state the documents tell, into the largest, when one state is among them:
    "Ruritania declared", "the security council declared" and "President X declared" tell one
    act. Doers of two states, or only of states untold (two leaders each declaring mourning),
    stay apart."""
    by_story: dict[tuple, list[tuple]] = {}
    for key in groups:
        if key[0] == "yes-no" and key[2] is not None and key[4] is not None \
                and (event_info().get(key[1]) or {}).get("class") == "declaration":
            by_story.setdefault((key[1], key[3], key[4], len(key)), []).append(key)
    for keys in by_story.values():
        if len(keys) < 2 or len({_state_of(k[2], actors) for k in keys} - {None}) != 1:
            continue
        # the most told, then the doer most documents name (not a misspelling one document has)
        into, *rest = sorted(keys, key=lambda k: (-len(groups[k]), -_documents(k[2], actors), repr(k)))
        for key in rest:
            for item in groups.pop(key):
                item.key, item.subject = into, into[2]
                groups[into].append(item)


def _documents(actor_id: str, actors: dict) -> int:
    actor = actors.get(actor_id)
    return len({m.source for m in actor.mentions}) if actor is not None else 0


def _state_of(actor_id: str, actors: dict) -> Optional[str]:
    """The state an actor is, acts for, or heads (None: the documents tell none)."""
    actor = actors.get(actor_id)
    if actor is not None and actor.kind == "state":
        return actor_id
    return state_of(actor_id, actors) or led_state(actor_id, actors)


def _absorb_unnamed(groups: dict[tuple, list]) -> None:
    """Fold a story's yes-no group that names no participant ("an investigation was opened
    into the sinking") into the one group of that predicate and story that does: the
    clause's participant went unnamed (a pronoun, a title), the fact is the same."""
    named: dict[tuple, list[tuple]] = {}
    for key, items in groups.items():
        if key[0] == "yes-no" and key[2] is not None:
            for story in {key[4]} if key[4] is not None else {i.story.number for i in items if i.story}:
                named.setdefault((key[1], story), []).append(key)
    for key in sorted((k for k in groups if k[0] == "yes-no" and k[4] is not None and k[2] is None), key=repr):
        into = named.get((key[1], key[4])) or []
        if len(into) == 1 and not _answered(groups, key[1], key[4]):
            groups[into[0]].extend(groups.pop(key))


def _answered(groups: dict[tuple, list], event: str, story: int) -> bool:
    """Whether the story tells of acts of the event's class between states by two parties or
    more (an expulsion and one in answer): an act told with no doer is then no one party's."""
    info = event_info().get(event) or {}
    if "state" not in ((info.get("slots") or {}).get("object") or ()):
        return False
    kind = info.get("class")
    doers = {k[2] for k, items in groups.items() if k[0] in ("yes-no", "count") and k[2] is not None
             and (event_info().get(k[1]) or {}).get("class") == kind and any(i.story and i.story.number == story for i in items)}
    return len(doers) > 1


def _absorb_counted(groups: dict[tuple, list], preds: dict) -> None:
    """Fold a story's yes-no group into the one count group of that predicate and story that
    asserts the same ("operations were postponed" into "350 operations were postponed"; "X
    expelled diplomats" into the figure of the diplomats X expelled): a figure and a plain yes
    tell one fact. The yes gives no figure, so it contests none."""
    counts: dict[tuple, list[tuple]] = {}
    for key in groups:
        if key[0] == "count":
            counts.setdefault((key[1], key[2], key[5] if len(key) > 5 else None), []).append(key)
    for key in sorted((k for k in groups if k[0] == "yes-no"), key=repr):
        by_subject = (preds.get(key[1]) or {}).get("count_by") == "subject"
        if by_subject and key[2] is not None:
            into = sorted({k for i in groups[key] if i.story for k in counts.get((key[1], i.story.number, key[2]), [])})
        elif key[4] is not None and key[2] is None and key[3] is None:
            into = counts.get((key[1], key[4], None)) or []
        elif (preds.get(key[1]) or {}).get("one_act") and key[2] is not None and key[4] is not None \
                and _one_party(groups, key):
            into = counts.get((key[1], key[4], None)) or []  # "X declared mourning": the days' fact
        else:
            continue
        if len(into) == 1:
            for item in groups.pop(key):
                item.value = None if item.value in ("yes", PLANNED) else item.value
                groups[into[0]].append(item)


def _one_party(groups: dict[tuple, list], key: tuple) -> bool:
    """Whether the story names no other party doing the predicate than the key's."""
    return all(k[2] in (None, key[2]) for k in groups if k[0] == "yes-no" and k[1] == key[1] and k[4] == key[4])


def _absorb_by_whose(groups: dict[tuple, list], preds: dict) -> None:
    """Fold a story's figure of what a party did, told with no doer named ("the decision of
    the capital to expel four of X's diplomats"), into the one party's figure whose other
    party is the same (the diplomats are X's both times): one party acted on the other."""
    by_story: dict[tuple, list[tuple]] = {}
    for key in groups:
        if key[0] == "count" and len(key) > 5:
            by_story.setdefault((key[1], key[2]), []).append(key)
    for key in sorted((k for k in groups if k[0] == "count" and len(k) == 5), key=repr):
        if (preds.get(key[1]) or {}).get("count_by") != "subject":
            continue
        for item in list(groups[key]):
            into = [k for k in by_story.get((key[1], key[2]), [])
                    if k[5] != item.object and majority([i.object for i in groups[k]]) == item.object]
            if item.object is not None and len(into) == 1:
                groups[key].remove(item)
                item.subject = into[0][5]
                groups[into[0]].append(item)
        if not groups[key]:
            del groups[key]


def _absorb_tenure(groups: dict[tuple, list]) -> None:
    """Fold a person's tenure ("head of the office from 1995 to 2019") into the claim on that
    person's office that sources contest (current vs former): one fact, the tenure's years
    telling which side its source takes (an end year: former). An uncontested office keeps its
    tenure as a claim of its own."""
    for key in sorted((k for k in groups if k[0] == "date" and k[1] == "held office"), key=repr):
        office = ("role", f"role:{key[3]}", key[2])
        if len({i.value for i in groups.get(office, ())}) < 2:
            continue
        for item in groups.pop(key):
            item.key, item.slot, item.predicate = office, "role", office[1]
            item.value = "former" if "–" in (item.value or "") else "current"
            groups[office].append(item)


def majority(values: list[Optional[str]]) -> Optional[str]:
    seen = Counter(v for v in values if v)
    return sorted(seen, key=lambda v: (-seen[v], v))[0] if seen else None
