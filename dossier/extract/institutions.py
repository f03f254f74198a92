"""Institutions named by a head noun and a name: "Varnholt Başsavcılığı", "Staatsanwaltschaft
Varnholt" and "parquet de Varnholt" are one prosecutor's office in any language, linked by the
head noun's class and the name inside (lexicon: head_nouns.yml).

`find_institutions` reads one sentence; `settle_institutions` decides across the dossier
whether the name inside is the institution's own (then the phrase is one mention, and the
name said alone elsewhere joins it) or a place, a state or another actor's name (then it
stays a mention of that, and the head noun alone stands for the institution).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from typing import Optional

from dossier.extract.gazetteer import cities, city_of, gazetteer, is_stop, region_words, state_of
from dossier.extract.tokens import Tok, is_cap, tokens
from dossier.model import Document, MentionCandidate, Sentence
from dossier.text import morph, script_of, to_latin
from dossier.text.fold import fold_case as fold
from dossier.text.lexicon import load_lexicon
from dossier.text.names import name_key, strip_suffix

HEAD_KEY = "inst:@"  # key of a head-noun institution: inst:@<class>@<inner key>[@<start>-<end> of the name]
_WORD_BEFORE = r"(?<![^\W_])"
_TURKISH_TAIL = r"(?:['’][^\W\d_]{1,6}|n[^\W\d_]{1,4})?"  # Başsavcılığı'nın, Başsavcılığından


@lru_cache(maxsize=1)
def _table() -> tuple[dict, dict[str, list[tuple[re.Pattern, str]]], dict[str, frozenset]]:
    """(class -> its entry, order -> [(regex of folded heads, class)], language -> connectors)."""
    lex = load_lexicon("head_nouns")
    classes = lex.get("classes") or {}
    by_order: dict[str, list[tuple[re.Pattern, str]]] = {"after": [], "before": [], "compound": []}
    for cls in sorted(classes):
        for order in by_order:
            forms = sorted({fold(str(f)) for per in (classes[cls].get(order) or {}).values() for f in per or []},
                           key=lambda f: (-len(f), f))
            if not forms:
                continue
            body = "|".join(r"\s+".join(re.escape(p) for p in f.split()) for f in forms)
            tail = _TURKISH_TAIL if order == "after" else ""
            if order == "compound":
                rx = re.compile(rf"-(?P<h>{body})$")
            else:
                rx = re.compile(rf"{_WORD_BEFORE}(?P<h>{body}){tail}(?![^\W_])")
            by_order[order].append((rx, cls))
    connectors = {lang: frozenset(fold(str(w)) for w in words or [])
                  for lang, words in (lex.get("connectors") or {}).items()}
    return classes, by_order, connectors


@lru_cache(maxsize=1)
def _all_connectors() -> frozenset:
    return frozenset(w.rstrip("'’") for words in _table()[2].values() for w in words) | _table()[2].get("fr", frozenset())


# "a Varlonne hospital", "un hospital de Varlonne": some institution of a place, not one named
_INDEFINITE = frozenset({"a", "an", "un", "una", "une", "ein", "eine", "einem", "einen", "einer", "eines"})


def _inner_key(words: list[str], language: Optional[str]) -> str:
    """What the name inside links by: a state's or a city's code, else the cross-script key."""
    point = region_words()[0].get(fold(words[0])) if len(words) == 2 else None
    if point and state_of(words[1]):  # "East Azerbaijan": a region, keyed as `mentions` keys it
        return f"place:{point}:{state_of(words[1])}"
    if len(words) == 1:
        code = state_of(words[0])
        if code:
            return "state:" + code
        zone = city_of(words[0])
        if zone:
            return "place:" + zone
    if script_of(words[-1]) == "Cyrl":
        words = list(morph.nominative(tuple(words), language) or words)
    return name_key(" ".join(words))


def _name_run(toks: list[Tok], i: int, step: int, text: str) -> list[Tok]:
    """Up to three capitalised words from toks[i] on, going forward (step 1) or back (-1)."""
    run: list[Tok] = []
    while 0 <= i < len(toks) and len(run) < 3:
        tok = toks[i]
        if not is_cap(tok) or is_stop(tok.text) or any(ch.isdigit() for ch in tok.text):
            break
        if step < 0 and tok.bare != tok.text:
            break  # "Moscow's Dornanny District Court": a possessive is not part of the name
        if run:
            a, b = (tok, run[-1]) if step < 0 else (run[-1], tok)
            if text[a.end:b.start].strip():
                break
        run.append(tok)
        if step > 0 and tok.bare != tok.text:
            break  # a case suffix ends the name
        i += step
    return sorted(run, key=lambda t: t.start)


# Long: the three orders of head and name, each a short scan over the same tokens.
def _phrases(text: str, offset: int, sentence: str, toks: list[Tok], language: Optional[str],
             whole: bool = False) -> list[tuple[str, list[Tok], int, int]]:
    """(class, the name's tokens, start, end) of each head-noun phrase in one sentence
    (`whole`: the text is a mention's name, whose first word opens no sentence)."""
    _classes, by_order, connectors = _table()
    folded = fold(sentence)
    out = []
    conn = connectors.get(language or "", frozenset())
    for rx, cls in by_order["after"]:
        for m in rx.finditer(folded):
            hs, he = offset + m.start("h"), offset + m.end()
            k = next((n for n, t in enumerate(toks) if t.end > hs), None)
            if k is None or toks[k].start != hs:
                continue
            he = max(he, next((t.end for t in toks if t.start < he <= t.end), he))
            inner = _name_run(toks, k - 1, -1, text)
            if inner and inner[0] is toks[0] and sentence[m.start("h")].islower() and not whole:
                continue  # "Local hospital": a sentence's first word is capitalised anyway
            if len(inner) > 1 and inner[0] is toks[0] and not whole:
                inner = inner[1:]  # "Tekne Kelbatepe Limanı": the first word is capitalised anyway
            before = toks[toks.index(inner[0]) - 1] if inner and inner[0] is not toks[0] else None
            if before is not None and fold(before.text) in _INDEFINITE:
                continue
            if inner and not text[inner[-1].end:hs].strip():
                out.append((cls, inner, inner[0].start, he))
    for rx, cls in by_order["before"]:
        for m in rx.finditer(folded):
            hs, he = offset + m.start("h"), offset + m.end("h")
            k = next((n for n, t in enumerate(toks) if t.end >= he), None)
            if k is None:
                continue
            k0 = next(n for n, t in enumerate(toks) if t.end > hs)
            if k0 > 0 and fold(toks[k0 - 1].text) in _INDEFINITE:
                continue
            j = k + 1
            if j < len(toks) and fold(toks[j].text) in conn:
                j += 1
            elif language == "en":
                continue  # "port of X"; "port X" is no phrase in English
            inner = _name_run(toks, j, 1, text)
            if inner and not text[toks[j - 1].end:inner[0].start].strip():
                out.append((cls, inner, hs, inner[-1].end))
    for tok in toks:
        if "-" not in tok.text or not is_cap(tok):
            continue
        for rx, cls in by_order["compound"]:
            m = rx.search(fold(tok.text))
            if m and m.start() >= 3:
                out.append((cls, [Tok(tok.start, tok.start + m.start(), tok.text[:m.start()])], tok.start, tok.end))
    return out


def find_institutions(doc: Document, sent: Sentence, text: str, toks: list[Tok]) -> list[MentionCandidate]:
    """Head-noun phrases of one sentence as mentions ("Varnholt Başsavcılığı"); the key keeps
    the class, the name inside and where that name is."""
    classes = _table()[0]
    out = []
    for cls, inner, start, end in _phrases(doc.text, sent.start, text, toks, sent.language):
        words = [t.bare for t in inner]
        if any(len(w) < 2 for w in words):
            continue
        key = _inner_key(words, sent.language)
        s, e = inner[0].start, inner[-1].start + len(inner[-1].bare)
        if classes[cls].get("place"):  # "Kelbatepe Limanı", "Hafen von X": the place itself
            out.append(MentionCandidate(source=doc.source.id, start=s, end=e, text=doc.text[s:e], name=doc.text[s:e],
                                        kind="place", language=sent.language, script=script_of(doc.text[s:e]),
                                        key=key if key.startswith(("state:", "place:")) else name_key(doc.text[s:e])))
            continue
        words = doc.text[start:end].split()
        name = " ".join(words[:-1] + [strip_suffix(words[-1])])
        out.append(MentionCandidate(source=doc.source.id, start=start, end=end, text=doc.text[start:end], name=name,
                                    kind="organization", language=sent.language, script=script_of(name),
                                    key=f"{HEAD_KEY}{cls}@{key}@{s}-{e}"))
    return out


def _parts(key: str) -> tuple[str, str, Optional[tuple[int, int]]]:
    """(class, inner key, span of the name inside) of a head-noun institution's key."""
    body = key[len(HEAD_KEY):]
    cls, rest = body.split("@", 1)
    inner, _, span = rest.rpartition("@")
    if not inner:
        return cls, rest, None
    a, b = span.split("-")
    return cls, inner, (int(a), int(b))


# Long: the dossier-wide decision, then the two rewrites it leads to.
def settle_institutions(ordered: list[MentionCandidate]
                        ) -> tuple[list[MentionCandidate], dict[tuple[str, int, int], MentionCandidate]]:
    """Split or keep each head-noun phrase (see the module's docstring).

    Returns the mentions and, per split phrase, the mention its whole span stands for (the
    institution's head noun), as `linking.resolve` does for glued names."""
    heads = [m for m in ordered if m.key.startswith(HEAD_KEY)]
    if not heads:
        return ordered, {}
    classes = _table()[0]
    places: set[str] = set()
    classes_of: dict[str, set[str]] = {}
    phrase_docs: dict[str, set[str]] = {}
    bare_docs: dict[str, set[str]] = {}
    for m in heads:
        cls, inner, _span = _parts(m.key)
        classes_of.setdefault(inner, set()).add(cls)
        phrase_docs.setdefault(inner, set()).add(m.source)
        if classes.get(cls, {}).get("inner") == "place" or inner.startswith(("state:", "place:")):
            places.add(inner)
    for m in ordered:
        if m.key.startswith(HEAD_KEY):
            continue
        if m.kind in ("place", "state") or m.key.startswith(("state:", "place:")):
            places.add(m.key if m.key.startswith(("state:", "place:")) else name_key(m.name))
        bare_docs.setdefault(name_key(m.name), set()).add(m.source)
    places |= {inner for inner, found in classes_of.items() if len(found) > 1}
    # The name is the institution's own when documents name it so more than they name it
    # alone (Saint-Maurel); a name mostly said alone is something else (a city's hospital).
    own = {inner: next(iter(found)) for inner, found in classes_of.items()
           if inner not in places and len(phrase_docs[inner]) >= 2
           and len(phrase_docs[inner]) >= len(bare_docs.get(inner, set()) - phrase_docs[inner])}
    out: list[MentionCandidate] = []
    stands: dict[tuple[str, int, int], MentionCandidate] = {}
    for m in ordered:
        if not m.key.startswith(HEAD_KEY):
            cls = own.get(name_key(m.name)) if m.kind not in ("person", "state", "place") and " " not in m.name else None
            out.append(replace(m, key=f"{HEAD_KEY}{cls}@{name_key(m.name)}") if cls else m)
            continue
        cls, inner, span = _parts(m.key)
        label = f"{HEAD_KEY}{cls}@{inner}"
        if inner in own or span is None:
            out.append(replace(m, key=label))
            continue
        a, b = span
        name_text = m.text[a - m.start:b - m.start]
        # a name a body is called after that is not its own is where it is (a Varlonne hospital)
        kind = "state" if inner.startswith("state:") else "place"
        out.append(replace(m, start=a, end=b, text=name_text, name=name_text,
                           kind=kind, key=inner if ":" in inner else name_key(name_text)))
        hs, he = (b, m.end) if a == m.start else (m.start, a)
        head_text = m.text[hs - m.start:he - m.start]
        words = head_text.rstrip(" -'’").split(" ")
        if len(words) > 1 and fold(words[-1]) in _all_connectors():  # "parquet de", "Krankenhaus von"
            head_text = " ".join(words[:-1])
        lead = len(head_text) - len(head_text.lstrip(" -'’"))
        trail = len(m.text[hs - m.start:he - m.start]) - len(head_text.rstrip(" -'’"))
        hs, he = hs + lead, he - trail
        if he <= hs:
            continue
        head = replace(m, start=hs, end=he, text=m.text[hs - m.start:he - m.start], key=label)
        out.append(head)
        stands[(m.source, m.start, m.end)] = head
    return sorted(out, key=lambda c: (c.source, c.start, c.end, c.name)), stands


def inner_name(m: MentionCandidate) -> str:
    """The name inside a head-noun phrase found in a document, when it is no state or city
    ("Saint-Maurel" of "Saint-Maurel Hastanesi"): a name worth looking up elsewhere."""
    if not m.key.startswith(HEAD_KEY):
        return ""
    _cls, inner, span = _parts(m.key)
    if span is None or inner.startswith(("state:", "place:")):
        return ""
    return m.text[span[0] - m.start:span[1] - m.start]


def institution_name(label: str, ms: list[MentionCandidate]) -> str:
    """The English display name: the class's English form around the name inside, that name
    as English writes it (a state's or city's English name, else an English document's
    spelling, else the commonest Latin one)."""
    cls, inner, _ = _parts(label)
    entry = _table()[0].get(cls, {})
    if inner.startswith("state:"):
        name = gazetteer().english.get(inner[6:], inner[6:])
    elif inner.startswith("place:"):
        name = cities().english.get(inner[6:]) or _spelled(cls, ms)
    else:
        name = _spelled(cls, ms)
    return str(entry.get("english", "{name}")).format(name=name)


def _spelled(cls: str, ms: list[MentionCandidate]) -> str:
    """The name inside as the mentions spell it: English documents first, then Latin script."""
    found = []
    for m in ms:
        for c in find_institutions_in_name(m):
            found.append((m.language != "en", script_of(c) != "Latn", c))
    if not found:
        return ms[0].name if ms else ""
    best = min((en, lat) for en, lat, _ in found)
    counts = Counter(c for en, lat, c in found if (en, lat) == best)
    top = max(counts.values())
    name = sorted(c for c, n in counts.items() if n == top)[0]
    return name if script_of(name) == "Latn" else to_latin(name).title()


def find_institutions_in_name(m: MentionCandidate) -> list[str]:
    """The name inside a mention of a head-noun institution (its whole text when said alone)."""
    if not m.key.startswith(HEAD_KEY):
        return [m.name]
    found = [" ".join(t.bare for t in inner)
             for _cls, inner, _s, _e in _phrases(m.name, 0, m.name, tokens(m.name, 0), m.language, whole=True)]
    return found or ([m.name] if " " not in m.name else [])
