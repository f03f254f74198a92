"""Which state a participant acts for: a ministry's own state, a state named by its adjective."""
from __future__ import annotations

from typing import Optional

from dossier.extract.cues import TOKEN_RX, find_cues, languages_for
from dossier.model import Actor, EvidenceCandidate
from dossier.text import script_of
from dossier.text.fold import fold_str


def clear() -> None:
    """Forget the tables of an earlier actor table (another run may reuse its id)."""
    _STATE_NAMES.clear()
    _STEMS.clear()


def state_of(actor_id: Optional[str], actors: dict[str, Actor]) -> Optional[str]:
    """The state an organisation acts for: its recorded state, else a state whose one-word
    name opens the organisation's ("Ruritania Dışişleri Bakanlığı" is Ruritania's)."""
    actor = actors.get(actor_id or "")
    if actor is None or actor.kind != "organization":
        return None
    if actor.state in actors:
        return actor.state
    words = fold_str(actor.name).split()
    return _states_by_name(actors).get(words[0]) if len(words) > 1 else None


#: (id of an actor table, its size) -> folded one-word state name -> state id (one table at a time).
_STATE_NAMES: dict[tuple[int, int], dict[str, str]] = {}


def _states_by_name(actors: dict[str, Actor]) -> dict[str, str]:
    key = (id(actors), len(actors))
    if key not in _STATE_NAMES:
        out: dict[str, str] = {}
        for a in sorted((a for a in actors.values() if a.kind == "state"), key=lambda a: a.id):
            for n in [a.name] + [al.name for al in a.aliases]:
                words = fold_str(n).split()
                if len(words) == 1 and len(words[0]) >= 4:
                    out.setdefault(words[0], a.id)
        _STATE_NAMES.clear()
        _STATE_NAMES[key] = out
    return _STATE_NAMES[key]


#: Letters an adjective of a state shares with the state's name ("biélorusses", Biélorussie).
DEMONYM_STEM = 6


def demonym_owner(c: EvidenceCandidate, words: dict, actors: dict[str, Actor]) -> Optional[str]:
    """The state whose name an adjective right next to one of `words` starts like, when no
    mention names it ("quatre diplomates biélorusses", "diplomáticos bielorrusos")."""
    script = c.sentence.script if c.sentence and c.sentence.script else script_of(c.quote)
    folded = fold_str(c.quote)
    stems = _state_stems(actors)
    for lang in languages_for(c.language, script):
        for s, e in find_cues(words.get(lang) or [], folded):
            near = TOKEN_RX.findall(folded[e:])[:1] + TOKEN_RX.findall(folded[:s])[-1:]
            found = {stems.get(w[:DEMONYM_STEM]) for w in near if len(w) > DEMONYM_STEM} - {None}
            if len(found) == 1:
                return found.pop()
    return None


def _state_stems(actors: dict[str, Actor]) -> dict[str, Optional[str]]:
    """First letters of every state's names (folded) -> the state, None when two share them."""
    key = (id(actors), len(actors))
    if key not in _STEMS:
        out: dict[str, Optional[str]] = {}
        for a in sorted((a for a in actors.values() if a.kind == "state"), key=lambda a: a.id):
            for n in {fold_str(x)[:DEMONYM_STEM] for x in [a.name] + [al.name for al in a.aliases]
                      if len(fold_str(x)) >= DEMONYM_STEM}:
                out[n] = a.id if out.get(n, a.id) == a.id else None
        _STEMS.clear()
        _STEMS[key] = out
    return _STEMS[key]


_STEMS: dict[tuple[int, int], dict[str, Optional[str]]] = {}
