"""Cue patterns: lexicon cues (words, '*' prefixes, '~' gaps) as regexes over folded text, and
the spans of a clause where a cue names no event of its own (a cited source, a participle
used as an adjective). dossier.extract.cues reads the lexicons with them.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Optional

from dossier.text import script_of
from dossier.text.fold import fold_str
from dossier.text.languages import LEXICON_SCRIPTS, RELATED
from dossier.text.lexicon import load_lexicon

#: Punctuation that closes a phrase: a negation never reaches across it to the predicate.
PHRASE_BREAK = re.compile(r"[,;:،؛()\[\]\"—–]")


# ---------------------------------------------------------------------------------------
# Folding and cue patterns
# ---------------------------------------------------------------------------------------

_AR_CLITICS = r"(?:[وف]?(?:[بلك]|س)?(?:ال|لل)?)"
_WORD = r"[^\W_]"


def _token_regex(token: str) -> str:
    prefix = token.endswith("*")
    token = token.rstrip("*")
    body = re.escape(token)
    if prefix and token.endswith(("ado", "ido")):  # a Spanish participle, feminine too: detenido*, detenida(s)
        return re.escape(token[:-1]) + rf"(?:o[\w'-]*|as?(?!{_WORD}))"
    if script_of(token) == "Arab":
        body = _AR_CLITICS + body
    if prefix and script_of(token) == "Arab":
        # an Arabic stem, but not its adjective (nisba): اجتماع* must not match الاجتماعي
        return body + r"(?!ي(?:ه|ين|ون)?(?![\w]))[\w'-]*"
    return body + (r"[\w'-]*" if prefix else rf"(?!{_WORD})")


def compile_cue(pattern: str) -> str:
    """A lexicon cue (words, '*' prefixes, '~' gaps) as a regex over folded text."""
    parts: list[str] = []
    gap = 0
    for token in fold_str(pattern).split():
        if token in ("~", "~~"):
            gap = 3 if token == "~" else 12  # "~~": a noun and its verb far apart ("the case against X ... was dropped")
            continue
        if parts:
            word = r"\S+" if gap <= 3 else r"[^\s.;:!?؟]+"  # a long gap stays inside its sentence
            # a long gap may open after a comma ("all passengers, including X, died")
            # a short gap may end inside a hyphenated compound ("Zerstörung des Nowa-Staudamms")
            parts.append((rf"(?:\s+{word}){{0,{gap}}}?(?:\s+|(?<=\w)-)" if gap <= 3 else rf"(?:,?\s+{word}){{0,{gap}}}?,?\s+")
                         if gap else r"[\s\"']+")
        parts.append(_token_regex(token))
        gap = 0
    return rf"(?<!{_WORD})" + "".join(parts)


@lru_cache(maxsize=None)
def _regex(patterns: tuple[str, ...]) -> Optional[re.Pattern]:
    if not patterns:
        return None
    # Longest first so that "according to the report" wins over "according to". Every cue
    # opens at a word's start: one lookbehind before them all lets the engine try them only there.
    ordered = sorted(set(patterns), key=lambda p: (-len(p), p))
    start = rf"(?<!{_WORD})"
    return re.compile(start + "(?:" + "|".join(f"(?:{compile_cue(p)[len(start):]})" for p in ordered) + ")")


def languages_for(language: Optional[str], script: str) -> tuple[str, ...]:
    """Lexicon languages to apply to text in `language` (or, if unknown, in `script`)."""
    if language:
        return (language,) + RELATED.get(language, ())
    return LEXICON_SCRIPTS.get(script, ("en",))


def find_cues(patterns: Iterable[str], folded: str) -> list[tuple[int, int]]:
    rx = _regex(tuple(patterns))
    if rx is None:
        return []
    return [(m.start(), m.end()) for m in rx.finditer(folded) if m.end() > m.start()]


#: Words of a source phrase ("according to the investigators") that stand after its cue.
_SOURCE_WORDS = 3


def mask_sources(folded: str, langs: tuple[str, ...], lex: dict) -> str:
    """Blank who a clause cites ("according to the investigation", "по данным следствия",
    "soruşturmaya göre"): an event word there names the source, not what the clause states."""
    spans = []
    for lang in langs:
        entry = lex.get(lang) or {}
        cite_no_one = find_cues(entry.get("not_sources") or [], folded)  # "according to the plan"
        for s, e in find_cues(entry.get("after") or [], folded):
            if any(a <= s < b for a, b in cite_no_one):
                continue
            words = list(re.finditer(r"[^\W\d_][\w'’-]*", folded[e:]))[:_SOURCE_WORDS]
            brk = PHRASE_BREAK.search(folded, e)
            ends = [e + w.end() for w in words if not brk or e + w.end() <= brk.start()]
            if ends:
                spans.append((e, ends[-1]))
        for s, _e in find_cues(entry.get("before") or [], folded):
            head = folded[:s]
            words = list(re.finditer(r"[^\W\d_][\w'’-]*", head))[-2:]
            brk = max((m.end() for m in PHRASE_BREAK.finditer(head)), default=0)
            starts = [w.start() for w in words if w.start() >= brk]
            if starts:
                spans.append((starts[0], s))
    for s, e in spans:
        folded = folded[:s] + " " * (e - s) + folded[e:]
    return folded


def attributive(folded: str, langs: tuple[str, ...]) -> list[tuple[int, int]]:
    """Spans of words used as adjectives, not verbs (events.yml `attributive`): "the brother
    of jailed X", "брата арестованного X", "a deal brokered by X". The event they name is
    background to the clause."""
    out = []
    lex = load_lexicon("events").get("attributive") or {}
    for lang in langs:
        rule = lex.get(lang) or {}
        after = tuple(rule.get("after") or ())
        ends = tuple(rule.get("endings") or ())
        agent, auxiliaries = tuple(rule.get("agent") or ()), tuple(rule.get("auxiliaries") or ())
        if not ends:
            continue
        for m in re.finditer(r"[^\W\d_][\w-]*", folded):
            word = m.group(0)
            if not word.endswith(ends) or len(word) < 6:
                continue
            prev = re.findall(r"[^\W\d_][\w'’-]*", folded[max(0, m.start() - 30):m.start()])
            nxt = re.match(r"\s+([^\W\d_]+)", folded[m.end():])
            # a participle with its doer after a noun, not an auxiliary: "a deal brokered by X"
            by = bool(agent and nxt and nxt.group(1) in agent and prev and prev[-1] not in auxiliaries
                      and folded[m.start() - 1:m.start()] == " ")
            if not by and (agent and not after or after and not (prev and prev[-1] in after)):
                continue
            out.append((m.start(), m.end()))
    return out
