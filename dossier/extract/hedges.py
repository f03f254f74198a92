"""Hedges: a clause that speculates or gives an opinion states no fact (hedges.yml)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from dossier.extract.cues import TOKEN_RX, event_info, event_spans, find_cues, languages_for, reporting_spans, \
    words_between
from dossier.model import EvidenceCandidate
from dossier.text import script_of
from dossier.text.fold import fold_str
from dossier.text.lexicon import load_lexicon
from dossier.text.morph import is_future


@lru_cache(maxsize=None)
def _hedges(lang: str, unknowns: bool = True) -> tuple[tuple[str, ...], tuple[re.Pattern, ...]]:
    """Hedge cues and suffix patterns (hedges.yml), open questions (`unknowns`: "it is not yet
    clear whether") with them unless told not to; its `alleged` relays are not hedges."""
    entry = load_lexicon("hedges").get(lang) or {}
    return (tuple(entry.get("hedges") or ()) + (tuple(entry.get("unknowns") or ()) if unknowns else ()),
            tuple(re.compile(rx) for rx in entry.get("regex") or ()))


def hedged_text(text: str, language: Optional[str], script: Optional[str] = None, backshift: bool = False,
                unknowns: bool = True) -> bool:
    """The text speculates or gives an opinion ("may have", "возможно", "ربما"); with
    `backshift`, "would" after a verb of saying is none (what a statement promised); without
    `unknowns`, an open question is none (the event is one: "the cause remains unknown")."""
    folded = fold_str(text)
    for lang in languages_for(language, script or script_of(text)):
        cues, patterns = _hedges(lang, unknowns)
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


def backshifted(c: EvidenceCandidate) -> bool:
    """The clause's only hedges are the future of what was said ("said she would resign")."""
    return not hedged_text(c.quote, c.language, c.sentence.script if c.sentence and c.sentence.script else None,
                           backshift=True)


def promised(c: EvidenceCandidate) -> bool:
    """A statement's event hedged only by the future of what was said ("said it would cooperate")."""
    return (event_info().get(c.event or "") or {}).get("class") == "statement" and backshifted(c)


@lru_cache(maxsize=None)
def _future(lang: str) -> tuple[tuple[str, ...], tuple[re.Pattern, ...], tuple[str, ...], bool]:
    entry = load_lexicon("hedges").get(lang) or {}
    return (tuple(entry.get("future") or ()), tuple(re.compile(rx) for rx in entry.get("future_forms") or ()),
            tuple(entry.get("future_prefixes") or ()), bool(entry.get("future_morph")))


def planned(text: str, language: Optional[str], script: Optional[str], event: str) -> bool:
    """The event is told as still to come ("will visit", "посетит", "ziyaret edecek", "سيزور",
    "visitará"; hedges.yml `future`): a plan, not a done act."""
    if (event_info().get(event) or {}).get("promise"):
        return False  # a promise is made when told in the future ("will not be prosecuted")
    folded = fold_str(text)
    langs = languages_for(language, script or script_of(text))
    spans = event_spans(folded, langs, event)
    for lang in langs:
        words, forms, prefixes, morph = _future(lang)
        before = find_cues(words, folded) if words else []
        for es, ee in spans:
            if any(es <= fs and fe <= ee or (n := words_between(folded, fe, es)) is not None and n <= 2
                   for fs, fe in before):
                return True  # "will visit"; "will move to", a cue written in the future
            start = es
            while start > 0 and (folded[start - 1].isalnum() or folded[start - 1] == "_"):
                start -= 1  # the cue's whole word ("سيزور" for the cue "يزور")
            word = TOKEN_RX.match(folded, start)
            if word is None:
                continue
            # the cue's words and the words right next to them: "ziyaret edecek", "подпишет соглашение"
            end = max(ee, word.end())
            near = list(TOKEN_RX.finditer(folded, start, end))
            after = TOKEN_RX.search(folded, end)
            before_words = [m for m in TOKEN_RX.finditer(folded, max(0, start - 40), start)
                            if m.start() == 0 or not folded[m.start() - 1].isalnum()]
            near += [w for w in before_words[-1:] if words_between(folded, w.end(), start) == 0]
            near += [w for w in [after] if w is not None and words_between(folded, end, w.start()) == 0]
            if any(rx.fullmatch(w.group()) for rx in forms for w in near):
                return True
            if morph and any(is_future(w.group(), lang) for w in near):
                return True
            for p in prefixes:  # "سيزور", "وسيغادر إلى": the cue's words with the prefix taken off are a cue
                lead = 1 if word.group()[:1] in ("و", "ف") and word.group()[1:].startswith(p) else 0  # "and", "so"
                rest = folded[start + lead + len(p):end]
                if word.group()[lead:].startswith(p) and len(rest) >= 3 \
                        and event_spans(rest, (lang,), event) == [(0, len(rest))]:
                    return True
    return False
