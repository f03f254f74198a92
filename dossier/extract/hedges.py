"""Hedges: a clause that speculates or gives an opinion states no fact (hedges.yml)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from dossier.extract.cues import event_info, find_cues, languages_for, reporting_spans
from dossier.model import EvidenceCandidate
from dossier.text import script_of
from dossier.text.fold import fold_str
from dossier.text.lexicon import load_lexicon


@lru_cache(maxsize=None)
def _hedges(lang: str) -> tuple[tuple[str, ...], tuple[re.Pattern, ...]]:
    """Hedge cues and suffix patterns (hedges.yml), open questions (`unknowns`: "it is not yet
    clear whether") with them; its `alleged` relays are not hedges."""
    entry = load_lexicon("hedges").get(lang) or {}
    return (tuple(entry.get("hedges") or ()) + tuple(entry.get("unknowns") or ()),
            tuple(re.compile(rx) for rx in entry.get("regex") or ()))


def hedged_text(text: str, language: Optional[str], script: Optional[str] = None, backshift: bool = False) -> bool:
    """The text speculates or gives an opinion ("may have", "возможно", "ربما"); with
    `backshift`, "would" after a verb of saying is none (what a statement promised)."""
    folded = fold_str(text)
    for lang in languages_for(language, script or script_of(text)):
        cues, patterns = _hedges(lang)
        if any(p.search(folded) for p in patterns):
            return True
        found = find_cues(cues, folded)
        if found and not (backshift and all(_backshifted(folded, s, e, lang) for s, e in found)):
            return True
    return False


def _backshifted(folded: str, start: int, end: int, lang: str) -> bool:
    """A hedge word that is only the future of what someone said ("X told reporters the company
    would cooperate"; hedges.yml `backshift`): a verb of saying stands before it."""
    entry = load_lexicon("hedges").get(lang) or {}
    if folded[start:end] not in (entry.get("backshift") or ()):
        return False
    return bool(reporting_spans("verbs", folded[:start], (lang,)))


def promised(c: EvidenceCandidate) -> bool:
    """A statement's event hedged only by the future of what was said ("said it would cooperate")."""
    return (event_info().get(c.event or "") or {}).get("class") == "statement" and not hedged_text(
        c.quote, c.language, c.sentence.script if c.sentence and c.sentence.script else None, backshift=True)
