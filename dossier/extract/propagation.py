"""Propagation: a name found by a cue is looked up at every other place of the documents."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Optional, Union

from dossier.extract.gazetteer import KIN_KEY, is_stop, state_of
from dossier.extract.institutions import inner_name
from dossier.extract.reuse import Reuse
from dossier.extract.tokens import Tok, is_cap, tokens
from dossier.text.fold import fold_case as fold
from dossier.model import Document, MentionCandidate
from dossier.text import script_of, to_latin
from dossier.text.names import (key_strength, name_key, name_keys, one_part, same_name, strip_arabic_clitics,
                                 strip_suffix)

# Case endings a looked-up name may carry in running text (Лаврова, Lavrov'un written Lavrovun).
_CASE_ENDINGS = {
    "Cyrl": ("", "а", "у", "ом", "ым", "е", "ой", "ою", "ы", "и", "ым", "ой", "ий", "ого", "ому", "я", "ю"),
    "Latn": ("", "s", "in", "ın", "un", "ün", "nin", "nın", "a", "e", "ə", "ya", "yə", "da", "də", "dan", "dən", "la", "lə", "ı", "i", "u", "ü"),
    "Arab": ("",),
}


class Lookups:
    """What the look-up passes found in each document on earlier runs, one memo entry per
    document (its text and sentences): each pass's words, the names it looked up there,
    the spans taken and the mentions found. A run reads each document's entry once for all
    passes (`linking.resolve` shares one `Lookups` among them) and writes it again only
    when a pass found something new there."""

    def __init__(self, memo: Reuse):
        self.memo = memo
        self._entries: dict[str, tuple[str, dict]] = {}  # source id -> (memo key, pass -> what it kept)

    def entry(self, doc: Document) -> dict:
        sid = doc.source.id
        if sid not in self._entries:
            key = self.memo.key("lookups", sid, doc.text,
                                [(s.start, s.end, s.language, s.script, s.boilerplate) for s in doc.sentences])
            hit = self.memo.get(key)
            self._entries[sid] = (key, dict(hit) if isinstance(hit, dict) else {})
        return self._entries[sid][1]

    def update(self, doc: Document, name: str, value) -> None:
        """Keep `value` as what pass `name` found in `doc` (written at once: the mentions
        found may be changed later in the run)."""
        key, entry = self._entries[doc.source.id]
        entry[name] = value
        self.memo.put(key, entry)


def lookups(memo) -> Optional[Lookups]:
    """The `Lookups` a pass reads its documents' entries through (`memo` may be one already)."""
    return memo if memo is None or isinstance(memo, Lookups) else Lookups(memo)


def _lower_words(docs: list[Document], memo: Optional[Lookups]) -> frozenset:
    """Folded words some document writes in lower case: ordinary words, whatever a capital
    at a sentence's start made of them ("Gerçek", "Mehrere")."""
    out: set[str] = set()
    for doc in docs:
        words = memo.entry(doc).get("lower-words") if memo is not None else None
        if words is None:
            words = sorted({_fold_word(t.text) for _lang, toks in _scanned(doc) for t in toks
                            if t.script in ("Latn", "Cyrl") and t.text[:1].islower()})
            if memo is not None:
                memo.update(doc, "lower-words", words)
        out.update(words)
    return frozenset(out)


def _name_index(mentions: list[MentionCandidate], lower: frozenset = frozenset()
                ) -> dict[tuple[str, ...], tuple[str, str]]:
    """Folded word sequences -> (name, kind) for names worth looking up elsewhere; a guessed
    name with a word the documents also write in lower case is not spread."""
    index: dict[tuple[str, ...], tuple[str, str]] = {}
    seen_in = _guessed_names_by_source(mentions)
    for m in sorted(mentions, key=lambda c: (c.source, c.start, c.end)):
        inner = inner_name(m)
        if inner and not any(_fold_word(w) in lower or len(w) < 4 for w in inner.split()):
            index.setdefault(tuple(_fold_word(w) for w in inner.split()), (inner, "other"))
        if m.kind == "state" or m.key.startswith(("state:", "inst:", "place:", KIN_KEY)):
            continue
        if m.kind in ("place", "other") and (m.script == "Arab" or len(seen_in.get(m.name, ())) < 2):
            continue  # a guess from capitals spreads only once two documents made it
        entry = _name_entry(m.name, m.kind, m.script)
        if entry is None or m.kind in ("place", "other") and any(w in lower for w in entry[0]):
            continue
        index.setdefault(entry[0], (m.name, m.kind))
        if entry[1] is not None:
            index.setdefault(entry[1], (entry[2], m.kind))
    return index


@lru_cache(maxsize=65536)
def _name_entry(name: str, kind: str, script: str
                ) -> Optional[tuple[tuple[str, ...], Optional[tuple[str]], Optional[str]]]:
    """(folded words, and the one word looked up alone with the name it stands for, or None)
    of a mention `_name_index` may take; None when it takes none (worked out once a name)."""
    words = tuple(_fold_word(w) for w in name.split())
    if not words or len(words[-1]) < 3:
        return None
    if len(words) == 1 and kind == "person" and script == "Arab":
        return None  # one Arabic word after a title may be a place or a noun: do not spread it
    # The family name alone refers to a person; an outlet is often cut to its first word.
    # ("Cumhurbaşkanlığı" alone is not "Cumhurbaşkanlığı Ofisi")
    part = words[-1] if kind == "person" else words[0]
    if kind in ("person", "outlet") and len(words) > 1 and len(part) >= 4 and not is_stop(part) \
            and not state_of(part):
        return words, (part,), name.split()[-1] if kind == "person" else name.split()[0]
    return words, None, None


def _guessed_names_by_source(mentions: list[MentionCandidate]) -> dict[str, set[str]]:
    """Name -> the documents where a place or an unsure name was found by itself."""
    out: dict[str, set[str]] = {}
    for m in mentions:
        if m.kind in ("place", "other"):
            out.setdefault(m.name, set()).add(m.source)
    return out


def _token_forms(tok: Tok) -> list[tuple[str, str]]:
    """(folded bare form, the exact surface prefix it came from) candidates for a token."""
    return list(_word_forms(tok.text))


@lru_cache(maxsize=131072)
def _word_forms(text: str) -> tuple[tuple[str, str], ...]:
    script = script_of(text)
    if script == "Arab":
        return _first_forms(text, script)
    surface = strip_suffix(text)
    bare = fold(surface)
    out = [(bare, surface)]
    for ending in _CASE_ENDINGS.get(script, ("",)):
        if ending and bare.endswith(ending) and len(bare) - len(ending) >= 3:
            out.append((bare[: -len(ending)], surface[: -len(ending)]))
    return tuple(out)


@lru_cache(maxsize=131072)
def _first_forms(text: str, script: str) -> tuple[tuple[str, str], ...]:
    """The folded forms a word can take as the first of several (clitics stripped in Arabic)."""
    if script == "Arab":
        return tuple((_fold_word(c), c) for c in strip_arabic_clitics(text, keep_article=True))
    return ((_fold_word(text), text),)


@lru_cache(maxsize=131072)
def _fold_word(text: str) -> str:
    """`fold`, remembered: the same few words are folded again for every document."""
    return fold(text)


def _compound_head(tok: Tok, index: dict[tuple[str, ...], str]) -> Optional[tuple[list[Tok], str, str]]:
    """A known name opening a hyphen compound ("Belkin-Truppen", "Belkin-led"): the name's
    part of the token, as a run of one, with its surface and kind."""
    head, dash, rest = tok.text.partition("-")
    if not dash or len(head) < 3 or len(rest) < 3 or not head[:1].isupper() or "-" in rest:
        return None
    kind = index.get((_fold_word(head),))
    return ([Tok(tok.start, tok.start + len(head), head)], head, kind) if kind else None


def _run_keys(run: list[Tok]) -> list[tuple[tuple[str, ...], str]]:
    """Lookup keys for a run of words, with the bare surface each key stands for."""
    if len(run) == 1:
        return [((f,), surf) for f, surf in _token_forms(run[0])]
    firsts = _first_forms(run[0].text, run[0].script)
    middle = [(_fold_word(t.text), t.text) for t in run[1:-1]]
    out = []
    for ff, fs in firsts:
        for lf, ls in _token_forms(run[-1]):
            key = (ff,) + tuple(f for f, _ in middle) + (lf,)
            out.append((key, " ".join([fs] + [m for _, m in middle] + [ls])))
    return out


def _scanned(doc: Document) -> list[tuple[str, list[Tok]]]:
    """(language, tokens) of each sentence propagation looks at (boilerplate is skipped)."""
    return [(sent.language, tokens(doc.text[sent.start:sent.end], sent.start))
            for sent in doc.sentences if not sent.boilerplate]


def first_words(doc: Document) -> frozenset:
    """Every folded form a name looked up in `doc` can start with (see `propagate`)."""
    out: set[str] = set()
    for _lang, toks in _scanned(doc):
        for t in toks:
            out.update(f for f, _ in _token_forms(t))
            out.update(f for f, _ in _first_forms(t.text, t.script))
            if "-" in t.text:
                out.add(_fold_word(t.text.partition("-")[0]))
    return frozenset(out)


def _occupied(mentions: list[MentionCandidate]) -> dict[str, list[tuple[int, int]]]:
    """Source id -> the spans its mentions take (a new mention never overlaps one)."""
    out: dict[str, list[tuple[int, int]]] = {}
    for m in mentions:
        out.setdefault(m.source, []).append((m.start, m.end))
    return out


def propagate(docs: list[Document], mentions: list[MentionCandidate], memo: Union[Reuse, Lookups, None] = None
              ) -> list[MentionCandidate]:
    """New mentions of names already found (by a cue) at other places of `docs`.

    Matching is by exact words in the same script after removing case suffixes and Arabic
    clitics, never by the coarse cross-script key (too many Arabic words would collide).
    New mentions never overlap existing ones.

    What one document yields depends on its text, its own mentions and the names looked up
    whose first word occurs in it; with a `memo` a document for which those are what they
    were on an earlier run is not scanned again.
    """
    memo = lookups(memo)
    index = _name_index(mentions, _lower_words(docs, memo) if len(docs) > 1 else frozenset())
    if not index:
        return []
    occupied = _occupied(mentions)
    kinds = {k: kind for k, (_name, kind) in index.items()}
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for k in index:
        by_first.setdefault(k[0], []).append(k)
    new: list[MentionCandidate] = []
    for doc in docs:
        spans = occupied.setdefault(doc.source.id, [])
        if memo is None:
            new.extend(_propagate_doc(doc, kinds, spans))
            continue
        new.extend(_kept(memo, doc, "propagate", spans, lambda: sorted(first_words(doc)),
                         lambda firsts: {k: kinds[k] for f in firsts if f in by_first for k in by_first[f]},
                         lambda relevant: _propagate_doc(doc, relevant, spans)))
    return sorted(new, key=lambda c: (c.source, c.start, c.end))


def _kept(memo: Lookups, doc: Document, name: str, spans: list[tuple[int, int]], words: Callable[[], list],
          relevant_of: Callable[[list], dict], scan: Callable[[dict], list]) -> list:
    """One document's new mentions by pass `name`, kept by what they depend on: the
    document's text and sentences (its entry), the names looked up that its `words` could
    match, and the spans taken."""
    kept = memo.entry(doc).get(name)
    found_words = kept[0] if kept is not None else words()
    relevant = relevant_of(found_words)
    looked_up, taken = sorted(relevant.items()), sorted(spans)
    if kept is not None and kept[1] == looked_up and kept[2] == taken:
        return kept[3]
    found = scan(relevant)
    memo.update(doc, name, (found_words, looked_up, taken, found))
    return found


def _propagate_doc(doc: Document, index: dict[tuple[str, ...], str], spans: list[tuple[int, int]]
                   ) -> list[MentionCandidate]:
    """`propagate` in one document: `index` maps folded word sequences to an actor kind."""
    if not index:
        return []
    max_len = max(len(k) for k in index)
    spans = list(spans)
    new: list[MentionCandidate] = []
    for language, toks in _scanned(doc):
        i = 0
        while i < len(toks):
            hit = None
            for n in range(min(max_len, len(toks) - i), 0, -1):
                run = toks[i:i + n]
                if any(doc.text[a.end:b.start].strip() for a, b in zip(run, run[1:])):
                    continue
                if run[0].script in ("Latn", "Cyrl") and not is_cap(run[0]):
                    continue
                for key, surface in _run_keys(run):
                    if key in index:
                        hit = (run, surface, index[key])
                        break
                if hit:
                    break
            if not hit:
                hit = _compound_head(toks[i], index)
            if not hit:
                i += 1
                continue
            run, surface, kind = hit
            s, e = run[0].start, run[-1].end
            if not any(s < b and a < e for a, b in spans):
                new.append(MentionCandidate(source=doc.source.id, start=s, end=e, text=doc.text[s:e],
                                            name=surface, kind=kind, language=language,
                                            script=script_of(doc.text[s:e]), key=name_key(surface)))
                spans.append((s, e))
            i += len(run)
    return new


def _script_index(mentions: list[MentionCandidate]) -> dict[str, tuple[str, str]]:
    """Cross-script keys -> (name, kind) of names written in Latin or Cyrillic letters.

    Only keys of four consonants or more: an Arabic word with no capital letter to mark it
    is taken as a name only when it spells, letter for letter, a name seen in another script.
    """
    index: dict[str, tuple[str, str]] = {}
    for m in sorted(mentions, key=lambda c: (c.source, c.start, c.end)):
        if m.script not in ("Latn", "Cyrl") or m.kind == "state" \
                or m.key.startswith(("state:", "inst:", "place:", KIN_KEY)):
            continue
        for key, name in _script_entries(m.name, m.kind):
            index.setdefault(key, (name, m.kind))
    return index


@lru_cache(maxsize=65536)
def _script_entries(name: str, kind: str) -> tuple[tuple[str, str], ...]:
    """(key, name) of each entry a mention of `name` gives `_script_index`, in order (a
    dossier's mentions repeat a few thousand names: each is worked out once)."""
    words = name.split()
    if not 1 <= len(words) <= 3:
        return ()
    names = [name] + ([words[-1]] if kind == "person" and len(words) > 1 else [])
    # every reading: Marchetti is also Marketti (ماركيتي)
    return tuple((key, n) for n in names for key in name_keys(n) if key_strength(key) >= 4 and _strong_words(n))


def propagate_scripts(docs: list[Document], mentions: list[MentionCandidate], memo: Union[Reuse, Lookups, None] = None
                      ) -> list[MentionCandidate]:
    """New mentions in Arabic script of names found in Latin or Cyrillic anywhere in `docs`
    ("Belozhin" -> بيلوجين, وبيلوجين), matched by cross-script key and `same_name`.

    Arabic has no capital letters, so a name no cue announces is otherwise missed; the
    words must spell the other name consonant for consonant with fitting vowels. A first
    word may carry proclitics; a word with the article is no name unless the other has it.
    With a `memo`, a document whose text, mentions and matching names are what they were on
    an earlier run is not scanned again (as in `propagate`).
    """
    index = _script_index(mentions)
    if not index:
        return []
    arabic = [d for d in docs if any(s.script == "Arab" for s in d.sentences)]
    return each_document(arabic, mentions, index, memo, "propagate-scripts", _arabic_keys, _scripts_doc)


def each_document(docs: list[Document], mentions: list[MentionCandidate], index: dict,
                  memo: Union[Reuse, Lookups, None], kind: str, keys_of, scan) -> list[MentionCandidate]:
    """`scan(doc, index, spans)` over each document, with a `memo` through `_kept` (a document
    whose text and matching names are what they were is not scanned again): the loop the
    cross-script and cross-spelling passes share."""
    memo = lookups(memo)
    occupied = _occupied(mentions)
    new: list[MentionCandidate] = []
    for doc in docs:
        spans = occupied.setdefault(doc.source.id, [])
        if memo is None:
            new.extend(scan(doc, index, spans))
            continue
        new.extend(_kept(memo, doc, kind, spans, lambda: sorted(keys_of(doc)),
                         lambda keys: {k: index[k] for k in keys if k in index},
                         lambda relevant: scan(doc, relevant, spans)))
    return sorted(new, key=lambda c: (c.source, c.start, c.end))


def _arabic_runs(doc: Document):
    """Each Arabic sentence's tokens (outside boilerplate), in order."""
    for sent in doc.sentences:
        if not sent.boilerplate and sent.script == "Arab":
            yield sent, tokens(doc.text[sent.start:sent.end], sent.start)


def _arabic_keys(doc: Document) -> set[str]:
    """Every cross-script key a run of one to three Arabic words of `doc` may have."""
    out: set[str] = set()
    for _sent, toks in _arabic_runs(doc):
        for i in range(len(toks)):
            for n in range(1, min(_window(toks, i), len(toks) - i) + 1):
                run = toks[i:i + n]
                if run[0].script != "Arab" or is_stop(run[0].text) or run[-1].script != "Arab":
                    break
                if _not_a_run(run):
                    continue
                rest = [t.text for t in run[1:]]
                for first in strip_arabic_clitics(run[0].text, keep_article=True):
                    out.update(name_keys(" ".join([first] + rest)))
    return out


def _scripts_doc(doc: Document, index: dict[str, tuple[str, str]], spans: list[tuple[int, int]]
                 ) -> list[MentionCandidate]:
    """`propagate_scripts` in one document."""
    if not index:
        return []
    spans = list(spans)
    new: list[MentionCandidate] = []
    for sent, toks in _arabic_runs(doc):
        i = 0
        while i < len(toks):
            hit = _script_hit(doc, toks, i, index)
            if hit is None:
                i += 1
                continue
            n, surface, kind = hit
            s, e = toks[i].start, toks[i + n - 1].end
            if not any(s < b and a < e for a, b in spans):
                new.append(MentionCandidate(source=doc.source.id, start=s, end=e, text=doc.text[s:e],
                                            name=surface, kind=kind, language=sent.language,
                                            script="Arab", key=name_key(surface)))
                spans.append((s, e))
            i += n
    return new


def _script_hit(doc: Document, toks: list[Tok], i: int, index: dict[str, tuple[str, str]]
                ) -> Optional[tuple[int, str, str]]:
    """(words, bare Arabic surface, kind) of the longest indexed name starting at toks[i]."""
    for n in range(min(_window(toks, i), len(toks) - i), 0, -1):
        run = toks[i:i + n]
        if _not_a_run(run) or any(doc.text[a.end:b.start].strip() for a, b in zip(run, run[1:])):
            continue
        rest = [t.text for t in run[1:]]
        for first in strip_arabic_clitics(run[0].text, keep_article=True):
            surface = " ".join([first] + rest)
            found = next((index[k] for k in name_keys(surface) if k in index), None)
            if found is None:
                continue
            name, kind = found
            article = any(w.startswith(_ARTICLES) or w in ("al", "el", "аль", "эль") for w in name.casefold().split())
            if any(w.startswith("ال") for w in one_part(surface).split()) and not article:
                continue
            if same_name(surface, name):
                return n, one_part(surface), kind
    return None


def _strong_words(name: str) -> bool:
    """Every word of two consonants or more; or, in a name of three words with seven or more,
    one weaker word (Hassan Ali Al-e Karim: "Ali" has one)."""
    strengths = [key_strength(name_key(w)) for w in name.split()]
    weak = sum(1 for k in strengths if k < 2)
    return weak == 0 or weak == 1 and len(strengths) >= 3 and sum(strengths) >= 7


#: The article or family particle a name in Latin or Cyrillic letters writes (al-Assad,
#: Al-e Karim, Аль-Карим): an Arabic word with ال may spell it.
_ARTICLES = ("al-", "el-", "аль-", "эль-")


def _not_a_run(run: list[Tok]) -> bool:
    """Arabic words that cannot spell a name: a word in another script, or a stop word first
    or last (inside a name of three words or more a stop word may be a name: علي = Ali)."""
    return any(t.script != "Arab" for t in run) or is_stop(run[0].text) or is_stop(run[-1].text) \
        or len(run) < 3 and any(is_stop(t.text) for t in run)


def _window(toks: list[Tok], i: int) -> int:
    """How many Arabic words a name starting at toks[i] may have: three, four with the
    family particle آل among them (حسن علي آل كريم)."""
    return 4 if any(t.text == "آل" for t in toks[i + 1:i + 3]) else 3


def _spelling_index(mentions: list[MentionCandidate]) -> dict[str, tuple[str, str]]:
    """Cross-script keys -> (name, kind) of one-word names in Latin or Cyrillic letters (keys
    of three consonants or more), for `propagate_spellings`."""
    index: dict[str, tuple[str, str]] = {}
    for m in sorted(mentions, key=lambda c: (c.source, c.start, c.end)):
        if m.script not in ("Latn", "Cyrl") or m.kind == "state" or len(m.name.split()) != 1 \
                or m.key.startswith(("state:", "inst:", "place:", KIN_KEY)):
            continue
        for key in _spelling_keys(m.name):
            index.setdefault(key, (m.name, m.kind))
    return index


@lru_cache(maxsize=65536)
def _spelling_keys(name: str) -> tuple[str, ...]:
    """The keys of three consonants or more of a name, in order (worked out once a name)."""
    return tuple(key for key in name_keys(name) if key_strength(key) >= 3)


def _capital_keys(doc: Document) -> set[str]:
    """Every cross-script key a capitalised word of `doc` may have (case endings cut)."""
    out: set[str] = set()
    for _lang, toks in _scanned(doc):
        for t in toks:
            if is_cap(t):
                for _f, surface in _token_forms(t):
                    out.update(name_keys(surface))
    return out


def propagate_spellings(docs: list[Document], mentions: list[MentionCandidate],
                        memo: Union[Reuse, Lookups, None] = None) -> list[MentionCandidate]:
    """New mentions of one-word names in another Latin or Cyrillic spelling ("Tver" -> Twer,
    "Gökçeada" -> Gokceada, Гёкчеада): a capitalised word that `same_name` finds to be a name
    seen elsewhere. Exact spellings are `propagate`'s; this takes what conventions change."""
    index = _spelling_index(mentions)
    if not index:
        return []
    return each_document(docs, mentions, index, memo, "propagate-spellings", _capital_keys, _spellings_doc)


def _spellings_doc(doc: Document, index: dict[str, tuple[str, str]], spans: list[tuple[int, int]]
                   ) -> list[MentionCandidate]:
    """`propagate_spellings` in one document."""
    if not index:
        return []
    spans = list(spans)
    new: list[MentionCandidate] = []
    for language, toks in _scanned(doc):
        for t in toks:
            if not is_cap(t) or is_stop(t.text) or any(t.start < b and a < t.end for a, b in spans):
                continue
            for _f, surface in _token_forms(t):
                key = next((k for k in name_keys(surface) if k in index), None)
                found = index.get(key) if key is not None else None
                if found is not None and same_name(surface, found[0]) \
                        and (key_strength(key) >= 4 or _letters_apart(surface, found[0]) <= 1):
                    new.append(MentionCandidate(source=doc.source.id, start=t.start, end=t.end, text=t.text,
                                                name=surface, kind=found[1], language=language,
                                                script=t.script, key=name_key(surface)))
                    spans.append((t.start, t.end))
                    break
    return new


def _letters_apart(a: str, b: str) -> int:
    """Edits between two names in plain Latin letters: a short name (three consonants) is
    taken in another spelling only one letter off (Twer = Tver, never Randes = Рента)."""
    x, y = (re.sub("[^a-z]", "", to_latin(n).lower()) for n in (a, b))
    row = list(range(len(y) + 1))
    for i, cx in enumerate(x, 1):
        prev, row[0] = row[0], i
        for j, cy in enumerate(y, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (cx != cy))
    return row[-1]
