"""Finding actor names in one segmented document (rules and lexicons, no NER model).

Title cues ("French President X"), kinship words, organisation cues ("news agency X",
وكالة «X»), well-known institutions, the country and city gazetteers, and capitalised runs
in Latin/Cyrillic text; names found by a cue are then looked up in the rest of the document.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from typing import Callable, Optional

from dossier.extract.gazetteer import (KIN_KEY, NOT_ROLES, QUOTED_GAP, SCRIPT_LANGS, caps_lexicon, cities,
                                       city_of, fused_titles, gazetteer, german_head, is_institution, is_place_noun,
                                       is_stop, is_title_word, kin_words, org_lexicon, quoted_only_cues,
                                       region_words, single_word_sets, state_of, stop_lexicon, title_lexicon)
from dossier.extract.acronyms import link_acronyms, split_acronym_heads
from dossier.extract.context import after_place_noun, after_plural_word, is_portfolio, locative, portfolio_words
from dossier.extract.institutions import find_institutions
from dossier.extract.propagation import propagate
from dossier.extract.scriptnames import cyrillic_mentions
from dossier.extract.appositions import arabic_name_word, names_before_titles
from dossier.extract.tokens import MARKS, Tok, is_cap, tokens
from dossier.text.fold import fold_case as fold
from dossier.model import Document, MentionCandidate, Sentence
from dossier.text import char_script, morph, script_of
from dossier.text.languages import RELATED
from dossier.text.names import key_strength, name_key, nominative, strip_arabic_clitics, strip_suffix, tidy_name

# Opening quote or bracket -> its closing one, around a name after an organisation cue.
_QUOTES = {"“": "”", "«": "»", "\"": "\"", "„": "“", "‘": "’", "(": ")", "”": "”", "'": "'"}


def _languages(sentence: Sentence, text: str) -> list[str]:
    """Lexicon languages to try on a sentence: its own, plus every language of each script."""
    scripts = sorted({char_script(c) for c in text} & set(SCRIPT_LANGS))
    langs: list[str] = []
    for script in scripts:
        own = SCRIPT_LANGS[script]
        if sentence.language in own and script == sentence.script:
            picked = ["tr", "az"] if sentence.language in ("tr", "az") else [sentence.language]
        elif set(RELATED.get(sentence.language or "", ())) & set(own) and script == sentence.script:
            picked = [sentence.language, *RELATED[sentence.language]]  # Persian: its titles, then Arabic's
        else:
            picked = list(own)
        langs.extend(lang for lang in picked if lang not in langs)
    return langs


_CONNECTORS = {"of", "the", "der", "des", "die", "von", "van", "de", "del", "da", "al", "bin", "ibn", "ben", "la"}
#: A German article no body's name holds ("Ministerium des Innern" does): inside a name only
#: after a family particle.
_ARTICLES, _PARTICLES = {"die"}, {"von", "van", "de", "zu", "vom"}


def _joins(toks: list[Tok], j: int, before: Tok) -> bool:
    """Whether the connector toks[j] joins the name to a capitalised word after it (over a
    second connector: "von der Leyen")."""
    k = j + 1
    if k < len(toks) and toks[k].text.lower() in _CONNECTORS and toks[j].text.lower() in _PARTICLES:
        k += 1
    if toks[j].text.lower() in _ARTICLES and before.text.lower() not in _PARTICLES:
        return False
    return k < len(toks) and is_cap(toks[k])


#: Arabic words that open a two-word name part with the word after them ("عبد الرحيم", "أبو بكر").
_ABD_WORDS = frozenset({"عبد", "أبو", "ابو"})


def _parts(toks: list[Tok]) -> int:
    """Name parts in Arabic name words: "عبد الله" is one."""
    return len(toks) - sum(1 for t in toks[:-1] if t.text in _ABD_WORDS)


def _name_after(toks: list[Tok], i: int, text: str, max_words: int = 4) -> list[Tok]:
    """The name starting at toks[i] (capitalized run, or 1-2 Arabic words), possibly empty."""
    if i >= len(toks):
        return []
    first = toks[i]
    if first.script == "Arab":
        bare = re.sub(f"[{MARKS}]", "", first.text)
        if bare.startswith(("لإ", "لأ", "بإ", "بأ")) or len(bare) >= 5 and bare.startswith(("لت", "كمت", "كمس")):
            return []  # a preposition on a verbal noun or participle (لإنهاء "to end", لتولي "to take
            # on", كمتصرف "as caretaker"); a name opens without one
        out = []
        j = i
        while j < len(toks) and (_parts(out) < 2 or out[-1].text in _ABD_WORDS
                                 or _parts(out) == 2 and toks[j].text in _ABD_WORDS):
            if j > i and text[toks[j - 1].end:toks[j].start].strip():
                break  # punctuation between words ends the name
            bound = bool(out) and out[-1].text in _ABD_WORDS  # "عبد الرحيم": its article is the name's
            if not (arabic_name_word(toks[j]) or bound and toks[j].script == "Arab" and len(toks[j].text) >= 3):
                break
            out.append(toks[j])
            j += 1
        while out and out[-1].text in _ABD_WORDS:
            out.pop()  # "عبد" (servant of) and "أبو" (father of) open a name part: never its end
        return out
    if len(first.text) == 1 and i + 1 < len(toks) and text[first.end:toks[i + 1].start].strip() == ".":
        return _name_after(toks, i + 1, text, max_words)  # "F. Rakhutes": the surname names the person
    out = []
    j = i
    while j < len(toks) and len(out) < max_words:
        tok = toks[j]
        if out and text[toks[j - 1].end:tok.start].strip():
            break
        if out and (state_of(tok.text) or is_title_word(tok.text) or is_institution(tok.text)):
            break
        if not out and fold(tok.bare) in kin_words():
            break  # "Отец Алиева": a kinship word introduces a name, it is not part of one
        if is_cap(tok) and not is_stop(tok.text) and not (tok.text.isupper() and len(tok.text) > 6):
            out.append(tok)
            if tok.bare != tok.text:
                break  # a case suffix ends the name: Lavrov’un
            j += 1
        elif out and tok.text.lower() in _CONNECTORS and _joins(toks, j, out[-1]):
            out.append(tok)  # "van der Berg"; but "X Y die Lage": an article opens the object
            j += 1
        else:
            break
    while out and out[-1].text.lower() in _CONNECTORS:
        out.pop()
    if len(out) == 1 and fold(out[0].bare) in caps_lexicon()[1]:
        return []  # "ministro de Defensa Nacional": a capitalized adjective alone names no one
    return out


def _bare_name(toks: list[Tok], language: Optional[str] = None) -> str:
    """The name without a case suffix on its last word (Arabic clitics are not cut here)."""
    words = [t.text for t in toks]
    words[-1] = strip_suffix(words[-1])
    if all(script_of(w) == "Cyrl" for w in words):
        words = list(morph.nominative(tuple(words), language) or words)  # "России" -> "Россия"
    return " ".join(words)


def _person_name(toks: list[Tok], language: Optional[str]) -> str:
    """A person's bare name, case endings guessed away."""
    words = [t.text for t in toks]
    words[-1] = strip_suffix(words[-1])
    if words[-1] == toks[-1].text:
        words = nominative(words, language)
    return " ".join(words)


def _candidate(doc: Document, sent: Sentence, toks: list[Tok], kind: str, name: Optional[str] = None,
               title: Optional[str] = None, former: bool = False, key: Optional[str] = None) -> MentionCandidate:
    start, end = toks[0].start, toks[-1].end
    name = name or _bare_name(toks, sent.language)
    return MentionCandidate(source=doc.source.id, start=start, end=end, text=doc.text[start:end], name=name,
                            kind=kind, language=sent.language, script=script_of(doc.text[start:end]),
                            title=title, former=former, key=key if key is not None else name_key(name))


# Long: modifiers before the title, after it, then the name, in one pass over the same positions.
def _title_mentions(doc: Document, sent: Sentence, text: str, toks: list[Tok], langs: list[str]) -> list[MentionCandidate]:
    regexes, role_of, former_cues = title_lexicon()
    folded = fold(text)
    formers = set().union(*(former_cues.get(lang, set()) for lang in langs)) if langs else set()
    starts, ends = [t.start for t in toks], [t.end for t in toks]  # sorted: bisect, not a scan per title
    out = []
    for lang in langs:
        rx = regexes.get(lang)
        if rx is None:
            continue
        for m in rx.finditer(folded):
            t_start, t_end = sent.start + m.start("t"), sent.start + m.end("t")
            form = re.sub(r"\s+", " ", m.group("t"))
            role = role_of.get(form, "leader")
            # Modifiers before the title: a country/demonym and "former" (Latin/Cyrillic order).
            idx = bisect_right(ends, t_start)
            is_former = False
            title_start = t_start
            k = idx - 1
            while k >= 0 and idx - k <= 2:
                prev = toks[k]
                if text[prev.end - sent.start:title_start - sent.start].strip() not in ("",):
                    break
                if prev.script == "Arab":
                    break  # Arabic modifiers follow the title
                if fold(prev.text) in formers:
                    is_former = True
                elif state_of(prev.text) is None:
                    break
                title_start = prev.start
                k -= 1
            # Modifiers after it (Arabic order, "of France", "России"), then the name.
            j = bisect_left(starts, t_end)
            title_end = t_end
            skipped = 0
            if form.endswith("باسم") and j < len(toks):
                title_end, j = toks[j].end, j + 1
            while j < len(toks) and skipped < 3:
                tok = toks[j]
                gap = doc.text[title_end:tok.start]
                if gap.strip() not in ("", "-"):
                    break
                word = fold(tok.text)
                if word in formers:
                    is_former = True
                elif tok.script == "Arab" and tok.text.startswith("ال") and not is_stop(word) and j + 1 < len(toks):
                    pass  # an adjective: الروسي, الرئاسي, السابق
                elif tok.script == "Cyrl" and is_cap(tok) and j + 1 < len(toks) and fold(toks[j + 1].text) in region_words()[2]:
                    j += 1  # "губернатор Тверской области": the region belongs to the title
                    tok = toks[j]
                elif tok.script == "Cyrl" and is_cap(tok) and j + 1 < len(toks) and morph.is_adjective(tok.text, sent.language):
                    out.append(_candidate(doc, sent, [tok], "place"))  # "руководитель Херсонской областной
                    # администрации": the place's adjective belongs to the title's body, and names the place
                elif (word in ("of", "der", "des", "von") and j + 1 < len(toks) and state_of(toks[j + 1].text)) \
                        or (state_of(tok.text) and tok.script != "Arab") or is_institution(tok.text) \
                        or is_title_word(tok.text):
                    pass  # ... and a second title: "Cuma İmamı Ayetullah X"
                else:
                    break
                title_end = tok.end
                j += 1
                skipped += 1
            if j < len(toks) and doc.text[title_end:toks[j].start].strip() not in ("", ","):
                continue
            if skipped == 0 and " " not in form and script_of(form) == "Arab" and not form.startswith(("ال", "لل")) \
                    and form not in fused_titles():
                continue  # an Arabic construct title (وزير، زعيم) is followed by its complement
            name_toks = _name_after(toks, j, doc.text) or _lowercase_latin_name(doc, sent, toks, j)
            while len(name_toks) > 2 and (state_of(name_toks[0].text) or city_of(name_toks[0].text)):
                name_toks = name_toks[1:]  # "министр Лівану Хамад Хасан": the country (city) belongs to the title
            after = bisect_left(starts, name_toks[-1].end) if name_toks else 0
            if name_toks and after < len(toks) and is_title_word(toks[after].text) \
                    and not doc.text[name_toks[-1].end:toks[after].start].strip():
                continue  # "General Police Chief X": a title phrase; the name follows the last title
            if not name_toks:
                continue
            if any(state_of(t.text) for t in name_toks) and len(name_toks) == 1:
                continue
            if len(name_toks) == 1 and (name_toks[0].text.isupper() and len(name_toks[0].text) > 1
                                        or fold(name_toks[0].text) in region_words()[0]):
                continue  # "глава ЧВК", "head of the FSB": an acronym after a title is its organisation
            if len(name_toks) == 1 and name_toks[0].script == "Arab" and key_strength(name_key(name_toks[0].text)) < 3:
                continue  # one short Arabic word (بيروت) after a title is more often a place than a name
            if len(name_toks) == 1 and name_toks[0].script == "Arab" and after < len(toks) \
                    and state_of(toks[after].text) and not doc.text[name_toks[0].end:toks[after].start].strip():
                continue  # "رئیس جمهوری اسلامی ایران": one word before a state's name describes the state
            title_text = doc.text[title_start:title_end]
            if any(fold(w) in formers for w in title_text.split()):
                is_former = True
            cand = _candidate(doc, sent, name_toks, "person", name=tidy_name(_person_name(name_toks, sent.language)),
                              title=title_text, former=is_former)
            if role in NOT_ROLES:
                cand.title = None
            out.append(cand)
    return out


def _name_word(tok: Tok) -> bool:
    """A single token that may be (part of) a name: capitalized, or an Arabic name word."""
    if tok.script == "Arab":
        return arabic_name_word(tok)
    return is_cap(tok) and not is_stop(tok.text) and not state_of(tok.text) and not is_title_word(tok.text)


def _kin_mentions(doc: Document, sent: Sentence, text: str, toks: list[Tok]) -> list[MentionCandidate]:
    """Relatives named through a kinship word: "X's father, George" -> person "George X".

    The possessor is the name right before the kinship word (a genitive: X's, X’in, Xs)
    or right after it (Russian and Arabic: отец Буша, والد بوش; English "father of X").
    The relative's own name follows, after an optional comma; when it is one word, the
    possessor's family name completes it, so the relative never merges with the possessor.
    """
    kin = kin_words()
    out = []

    def gap(a: Tok, b: Tok) -> str:
        return doc.text[a.end:b.start].strip()

    for k, tok in enumerate(toks):
        if fold(strip_suffix(tok.text)) not in kin:
            continue
        possessor, nxt = None, k + 1
        prev = toks[k - 1] if k > 0 else None
        if prev is not None and not gap(prev, tok) and prev.script in ("Latn", "Cyrl") and _name_word(prev):
            bare = prev.bare
            if bare == prev.text:
                if sent.language == "de" and bare.endswith("s") and len(bare) > 4:
                    bare = bare[:-1]  # German genitive: Lawrows Rede
                else:
                    bare = nominative([bare], sent.language)[0]
            possessor = bare
        elif nxt < len(toks) and not gap(tok, toks[nxt]):
            j = nxt + 1 if fold(toks[nxt].text) in ("of", "von", "des") and nxt + 1 < len(toks) else nxt
            if _name_word(toks[j]) and (toks[j].script != "Latn" or j > nxt):
                possessor = toks[j].bare if toks[j].script != "Cyrl" else nominative([toks[j].text], "ru")[0]
                if toks[j].script == "Arab":
                    possessor = re.sub(f"[{MARKS}]", "", toks[j].text)
                nxt = j + 1
        if nxt >= len(toks) or gap(toks[nxt - 1], toks[nxt]) not in ("", ",", "،") or not _name_word(toks[nxt]):
            continue
        given = _name_after(toks, nxt, doc.text, max_words=3)
        if not given:
            continue
        words = [t.text for t in given]
        words[-1] = strip_suffix(words[-1])
        if possessor and len(given) == 1:
            name = f"{words[0]} {possessor}"
        elif possessor is None and len(given) == 1:
            continue  # "his father George": no family name to tell him apart
        else:
            name = " ".join(nominative(words, sent.language))
        out.append(_candidate(doc, sent, given, "person", name=name, key=KIN_KEY + name_key(name)))
    return out


def _lowercase_latin_name(doc: Document, sent: Sentence, toks: list[Tok], j: int) -> list[Tok]:
    """A lowercase Latin name after a title inside non-Latin text ("president recep erdogan").

    Machine translation leaves foreign names untranslated and lowercased; two or three
    Latin words (not stop words) right after the title inside an Arabic or Cyrillic
    sentence are taken as the name. One word alone is too weak a signal.
    """
    if sent.script not in ("Arab", "Cyrl") and sent.language not in ("ar", "ru"):
        return []
    out = []
    for k in range(j, min(j + 3, len(toks))):
        tok = toks[k]
        if tok.script != "Latn" or not tok.text.islower() or is_stop(tok.text) or len(tok.text) < 3:
            break
        if out and doc.text[toks[k - 1].end:tok.start].strip():
            break
        out.append(tok)
    return out if len(out) >= 2 else []


def _quoted_after(doc: Document, pos: int, limit: int) -> Optional[tuple[int, int]]:
    """Span of a quoted or bracketed name right after `pos` (skipping spaces)."""
    i = pos
    while i < limit and doc.text[i] in " \u00a0":
        i += 1
    if i >= limit or doc.text[i] not in _QUOTES:
        return None
    close = _QUOTES[doc.text[i]]
    j = doc.text.find(close, i + 1, min(limit, i + 80))
    if j <= i + 1:
        return None
    inner = doc.text[i + 1:j]
    if len(inner.split()) > 6 or "\n" in inner:
        return None
    return i + 1, j


def _org_mentions(doc: Document, sent: Sentence, text: str, toks: list[Tok], langs: list[str]) -> list[MentionCandidate]:
    regexes, kind_of, _ = org_lexicon()
    quoted_only = quoted_only_cues()
    folded = fold(text)
    out = []
    sent_end = sent.start + len(text)
    for lang in langs:
        rx = regexes.get(lang)
        if rx is None:
            continue
        for m in rx.finditer(folded):
            c_start, c_end = sent.start + m.start("t"), sent.start + m.end("t")
            form = re.sub(r"\s+", " ", m.group("t"))
            kind = kind_of.get(form, "organization")
            takes_name = kind in ("outlet", "group")  # "ransomware group X": a name next to it, as an outlet's
            kind = "organization" if kind == "group" else kind
            j = next((k for k, t in enumerate(toks) if t.start >= c_end), len(toks))
            # Skip adjectives right after the cue (وكالة الأنباء الروسية (TASS), "the").
            pos = c_end
            while j < len(toks) and doc.text[pos:toks[j].start].strip() == "" and (
                    (toks[j].script == "Arab" and toks[j].text.startswith("ال")
                     and (state_of(toks[j].text) or _quoted_after(doc, toks[j].end, sent_end)))
                    or fold(toks[j].text) in ("الرسمية", "الرسمي", "the", "der", "die", "das")):
                pos = toks[j].end
                j += 1
            quoted = _quoted_after(doc, pos, sent_end)
            if quoted:
                qs, qe = quoted
                inner = tokens(doc.text[qs:qe], qs)
                if inner:
                    out.append(_candidate(doc, sent, inner, kind))
                continue
            adjacent = j < len(toks) and doc.text[pos:toks[j].start].strip() == ""
            if kind == "outlet" and adjacent and toks[j].script == "Arab":
                if form in quoted_only:
                    continue
                name = []
                for k in range(j, min(j + 3, len(toks))):
                    tok = toks[k]
                    if k > j and (doc.text[toks[k - 1].end:tok.start].strip() or tok.text.startswith("ال")):
                        break
                    if is_stop(tok.text) or (k == j and state_of(tok.text)) or not tok.script == "Arab":
                        break
                    name.append(tok)
                if name:
                    out.append(_candidate(doc, sent, name, kind))
                continue
            if takes_name and adjacent:
                name = _name_after(toks, j, doc.text) or _cue_word_name(toks, j, doc.text)
                if name and not all(state_of(t.text) for t in name):
                    out.append(_candidate(doc, sent, name, kind))
                    continue
            # A capitalized cue is part of the name itself: "Anadolu Ajansı", "Foreign Ministry".
            cue_tok = next((t for t in toks if t.start <= c_start < t.end), None)
            if takes_name and cue_tok is not None and not is_cap(cue_tok) and cue_tok.script != "Arab":
                k = toks.index(cue_tok)
                first = k
                while first > 0 and k - first < 3 and is_cap(toks[first - 1]) \
                        and not doc.text[toks[first - 1].end:toks[first].start].strip() \
                        and not (is_stop(toks[first - 1].text) and (first - 1 == 0 or _calendar(toks[first - 1]))) \
                        and not state_of(toks[first - 1].text) \
                        and not morph.is_function_word(toks[first - 1].text, sent.language):
                    first -= 1
                if first < k and not (toks[first].script == "Cyrl" and toks[first].start == sent.start
                                      and morph.is_common_word(toks[first].text, sent.language, nouns=True)):
                    out.append(_candidate(doc, sent, toks[first:k], kind))  # not "Собеседники издания"
                    continue
            if cue_tok is not None and is_cap(cue_tok):
                k = toks.index(cue_tok)
                first = k
                while first > 0 and is_cap(toks[first - 1]) and not doc.text[toks[first - 1].end:toks[first].start].strip() \
                        and not is_stop(toks[first - 1].text):
                    first -= 1
                last = next((i for i in range(k, len(toks)) if toks[i].end >= c_end), k)  # "Siber Güvenlik Ajansı"
                if first < k:
                    span = toks[first:last + 1]
                    out.append(_candidate(doc, sent, span, kind,
                                          name=" ".join(t.text for t in span[:-1]) + " " + span[-1].bare))
    return out


def _calendar(tok: Tok) -> bool:
    return fold(tok.bare) in stop_lexicon()[1]


def _cue_word_name(toks: list[Tok], j: int, text: str) -> list[Tok]:
    """Right after an outlet cue, a capitalised word is a name even when it is a function
    word elsewhere ("agency Auch", "Nachrichtenagentur Auch"); a month or weekday is not."""
    if j >= len(toks) or not is_cap(toks[j]) or _calendar(toks[j]) or toks[j].text.isupper():
        return []
    rest = _name_after(toks, j + 1, text) if j + 1 < len(toks) and not text[toks[j].end:toks[j + 1].start].strip() else []
    return [toks[j]] + rest


def _institution_mentions(doc: Document, sent: Sentence, text: str) -> list[MentionCandidate]:
    _, _, insts = org_lexicon()
    folded = fold(text)
    out = []
    for rx, lookup, exact_case in insts:
        for m in rx.finditer(text if exact_case else folded):
            found = lookup.get(m.group("t") if exact_case else re.sub(QUOTED_GAP, " ", m.group("t")))
            if found is None:
                continue
            name, kind = found
            s, e = sent.start + m.start("t"), sent.start + m.end("t")
            # Keep a Turkish suffix inside the mention (Kremlin’e), as for other names.
            tail = re.match(r"['’][^\W\d_]+", doc.text[e:e + 8])
            if tail:
                e += tail.end()
            elif re.search("[«\"“„]", doc.text[s:e]) and doc.text[e:e + 1] in "»\"”“":
                e += 1  # РИА «Новости»: the closing quote too
            toks = [Tok(s, e, doc.text[s:e])]
            out.append(_candidate(doc, sent, toks, kind, name=doc.text[s:e].split("'")[0].split("’")[0],
                                  key="inst:" + name))
    return out


def _hyphen_parts(toks: list[Tok]) -> list[Tok]:
    """Tokens with hyphenated compounds also split into their parts (Russia-Ukraine)."""
    out = []
    for tok in toks:
        out.append(tok)
        if re.search("[-‐]", tok.text):
            pos = tok.start
            for part in re.split("([-‐])", tok.text):
                if part and part not in "-‐":
                    out.append(Tok(pos, pos + len(part), part))
                pos += len(part)
    return out


def _bare_place(tok: Tok, same: Callable[[str], bool]) -> str:
    """A place token without its suffix or Arabic proclitics (وبيروت -> بيروت), for aliases."""
    if tok.script != "Arab":
        return tok.bare
    forms = [c for c in strip_arabic_clitics(tok.text, keep_article=True) if same(c)]
    return forms[-1] if forms else tok.text


def _gazetteer_mentions(doc: Document, sent: Sentence, text: str, toks: list[Tok], kind: str, prefix: str,
                        multi: Optional[re.Pattern], multi_code: dict[str, str],
                        code_of: Callable[[str], Optional[str]], capitalised: bool) -> list[MentionCandidate]:
    """Mentions of a gazetteer's entries: multi-word names first, then single (hyphen-split) tokens.

    Every spelling of one entry shares the key `<prefix>:<code>`. With `capitalised`, a multi-word
    match in a cased script must start with a capital (city names double as common words).
    """
    out = []
    taken: list[tuple[int, int]] = []
    if multi is not None:
        for m in multi.finditer(fold(text)):
            s, e = sent.start + m.start("t"), sent.start + m.end("t")
            code = multi_code.get(re.sub(r"\s+", " ", m.group("t")))
            cased = script_of(doc.text[s:e]) in ("Latn", "Cyrl")
            if code and (not capitalised or doc.text[s].isupper() or not cased):
                out.append(_candidate(doc, sent, [Tok(s, e, doc.text[s:e])], kind, key=f"{prefix}:{code}"))
                taken.append((s, e))
    for tok in _hyphen_parts(toks):
        if any(s <= tok.start < e for s, e in taken):
            continue
        code = code_of(tok.text)
        if code:
            out.append(_candidate(doc, sent, [tok], kind, name=_bare_place(tok, lambda w: code_of(w) == code),
                                  key=f"{prefix}:{code}"))
    return out


def _state_mentions(doc: Document, sent: Sentence, text: str, toks: list[Tok]) -> list[MentionCandidate]:
    """Countries of the ICU gazetteer; all spellings and adjectives of one share the key state:<ISO>."""
    gaz = gazetteer()
    found = _gazetteer_mentions(doc, sent, text, toks, "state", "state", gaz.multi, gaz.multi_code, state_of, False)
    return [_region(doc, sent, toks, c) for c in found]


def _region(doc: Document, sent: Sentence, toks: list[Tok], cand: MentionCandidate) -> MentionCandidate:
    """"East Azerbaijan", "Восточного Азербайджана", أذربيجان الشرقية: a compass word next to
    a state's name makes a region, a place keyed by the compass point and the state."""
    before, after, _ = region_words()
    k = next((n for n, t in enumerate(toks) if t.start == cand.start), None)
    if k is None:
        return cand
    start, end, point = cand.start, cand.end, None
    if k > 0 and toks[k - 1].script != "Arab" and doc.text[toks[k - 1].end:cand.start] in (" ", "-"):
        point = before.get(fold(toks[k - 1].text))
        if point and is_cap(toks[k - 1]):
            start = toks[k - 1].start
        else:
            point = None
    if point is None and cand.script == "Arab":
        nxt = next((t for t in toks if t.start >= cand.end), None)
        if nxt is not None and doc.text[cand.end:nxt.start] == " ":
            point = after.get(fold(nxt.text))
            end = nxt.end if point else end
    if point is None:
        return cand
    return MentionCandidate(source=cand.source, start=start, end=end, text=doc.text[start:end],
                            name=doc.text[start:end], kind="place", language=cand.language, script=cand.script,
                            key=f"place:{point}:{cand.key.split(':', 1)[1]}")


def _place_mentions(doc: Document, sent: Sentence, text: str, toks: list[Tok]) -> list[MentionCandidate]:
    """Cities of the time-zone gazetteer; all spellings of one city share the key place:<zone>."""
    cty = cities()
    return _gazetteer_mentions(doc, sent, text, toks, "place", "place", cty.multi, cty.multi_zone, city_of, True)


def _is_event_word(word: str) -> bool:
    """An event noun ("summit", "zirvesi", "Gipfel"), also as the last part of a compound."""
    events = caps_lexicon()[0]
    w = fold(strip_suffix(word))
    return w in events or re.split("[-‐]", w)[-1] in events


def _is_institution_run(words: list[str]) -> bool:
    """A capitalized run headed by an institution noun (last word; first word in Russian)."""
    heads = caps_lexicon()[2]
    last = fold(strip_suffix(words[-1]))
    first = fold(words[0])
    # Azerbaijani writes case endings straight onto the noun: Administrasiyasının.
    unsuffixed = fold(nominative([strip_suffix(words[-1])], "az")[0])
    return last in heads or unsuffixed in heads or (script_of(first) == "Cyrl" and first in heads) \
        or (len(words) > 1 and first in caps_lexicon()[3])


def _guess_kind(words: list[str]) -> str:
    _, _, endings, _ = stop_lexicon()
    last = fold(strip_suffix(words[-1]))
    if len(words) >= 2 and _is_institution_run(words):
        return "organization"
    if len(words) >= 2 and last.endswith(endings):
        return "person"
    return "other"


# Long: one guard per rule, in the order they must apply; split up, the order would be lost.
def _capitalized_mentions(doc: Document, sent: Sentence, text: str, toks: list[Tok],
                          inner_caps: Counter, lower: Counter) -> list[MentionCandidate]:
    if sent.heading:
        return []
    out = []
    i = 0
    german = sent.language == "de"
    while i < len(toks):
        tok = toks[i]
        if not is_cap(tok) or is_stop(tok.text) or (tok.text.isupper() and len(tok.text) > 6) \
                or any(ch.isdigit() for ch in tok.text):
            i += 1
            continue  # a word with digits is a model or a code (Mi-17, A320), not an actor
        if len(tok.text) == 1:  # an initial: the surname after it names the person ("F. Rakhutes")
            nxt_run = _name_after(toks, i, doc.text)
            if nxt_run:
                out.append(_candidate(doc, sent, nxt_run, "person"))
            i += 1 + len(nxt_run)
            continue
        run = _name_after(toks, i, doc.text)
        if not run:
            i += 1
            continue
        if len(run) >= 3 and (after_place_noun(doc, toks, i) or tok.script == "Cyrl" and locative(doc, toks, i)):
            out.append(_candidate(doc, sent, [tok], "place", name=tok.bare if tok.script != "Cyrl" else None))
            i += 1
            continue  # "the city of Lyon Jean Dupont": the place's name, then another name
        if german and len(run) >= 2 and german_head(run[0].text):
            rest = run[2:] if run[1].text in ("von", "vom", "der", "des") else run[1:]
            if rest and is_cap(rest[0]):  # "Hafen von Kabatepe", "Krankenhaus Saint-Lucien"
                out.append(_candidate(doc, sent, rest, "place" if is_place_noun(run[0].text) else "other"))
            i += len(run)
            continue  # the head noun names what the place or body is, not who
        if len(run) >= 2 and is_place_noun(run[0].text):
            i += 1
            continue  # "Город Тверь", "City Sandor": the noun is no part of the name after it
        if german and (len(run) == 1 or re.search("isch(e[nrsm]?)?$", tok.text) and state_of(tok.text)):
            i += 1
            continue  # German capitalizes every noun: one word, or "Russische Truppen", proves nothing
        if german and after_plural_word(doc, toks, i):
            i += len(run)
            continue  # "mehrere Kliniken Ziel", "seit den Morgenstunden Winde": plural nouns, not a name
        if is_portfolio(doc, toks, i) and not any(state_of(t.text) or city_of(t.text) for t in run):
            k = next((n for n, t in enumerate(run) if fold(t.text) not in portfolio_words()), len(run))
            if k and len(run) - k >= 2:  # "Minister of Information Lina Haddad": the name follows its portfolio
                i, run = i + k, run[k:]
                tok = run[0]
            elif len(run) <= 3:
                i += len(run)
                continue  # "ministre des Transports", "ministro de Asuntos Exteriores": a portfolio, not an actor
        if german and any(t.text in _GERMAN_ARTICLES for t in run):
            i += len(run)
            continue  # "Dach des Gebäudes": nouns joined by an article are a phrase, not a name
        if len(run) == 1 and tok.script == "Cyrl" and (morph.is_common_word(tok.text, sent.language)
                                                     or morph.is_common_abbreviation(tok.text, sent.language)):
            i += 1
            continue  # "Уголовного", "УК", "СМИ": an adjective or a common abbreviation, not a name
        if german and len(run) > 1 and any(_GERMAN_NOUN_END.search(t.text) for t in run):
            i += len(run)
            continue  # "Vermittlungsinitiative Weißrusslands", "Anti-Terror Notstand": nouns, not a name
        gap = doc.text[toks[i - 1].end:tok.start].strip() if i else ""
        # a dash opens a reply in Cyrillic text; in Latin text it sets off a phrase ("north – Korvesk –")
        initial = i == 0 or gap in (".", "!", "?", ":") or gap in ("—", "–", "-") and tok.script != "Latn"
        if initial and len(run) > 1 and not german and (fold(tok.bare) in lower
                                                        or morph.turkic_case_form(fold(tok.bare), lower, sent.language)):
            i += 1
            continue  # "Ardından Delta": a word the document writes in lower case opens the sentence
        if initial and len(run) > 1 and tok.script == "Cyrl" and morph.is_common_word(tok.text, sent.language, nouns=True):
            i += 1
            continue  # "Позиция Сергея Лаврова": a sentence's first word is capitalised, not a name
        if initial and len(run) == 1 and fold(tok.bare) not in inner_caps:
            i += 1
            continue  # a capitalized sentence-initial word is usually just a word
        if len(run) == 1 and not german and 0 < lower[fold(tok.bare)] >= inner_caps[fold(tok.bare)]:
            i += 1
            continue  # a word the document writes in lower case as often ("Article 12", "Deprem"): a word
        if all(state_of(t.text) for t in run):
            i += len(run)
            continue
        if len(run) > 2 and (state_of(run[0].text) or city_of(run[0].text)) and not state_of(run[1].text):
            i += 1
            continue  # "Руритании Иван Петров": the country (city) is not part of the name after it
        if len(run) == 1 and i > 0 and toks[i - 1].text in ("l'", "l’", "L'", "L’") and not tok.text.isupper():
            i += 1
            continue  # "l'Agence nationale", "l'Etat": the article's noun, not a name (l'ANSSI is one)
        if len(run) == 1 and (is_title_word(tok.text) or fold(tok.text) in region_words()[0]):
            i += 1
            continue  # "Governor" alone is a title, "East" a compass point, not a name
        nxt = i + len(run)
        if any(state_of(p.text) or city_of(p.text) for p in _hyphen_parts(run) if p not in run) \
                or (nxt < len(toks) and _is_event_word(toks[nxt].text)) or any(_is_event_word(t.text) for t in run):
            i = nxt
            continue  # "Russia-Ukraine", "the Russia-Central Asia summit": a relation or an event
        if is_title_word(run[0].text) and (german or len(run) > 1 and not is_cap(run[1])):
            if german and len(run) >= 3 and all(is_cap(t) for t in run[1:]):
                i += 1
                continue  # "Firmensprecherin Sabine Kröger": the name follows its title
            if len(run) > 2 and run[1].text.lower() in ("von", "of", "de", "du"):
                i += 2
                continue  # "Anwalt von Mehdiyev", "Lawyer of X": X is mentioned, not a new actor
            i = nxt
            continue  # "Leiter der Präsidialverwaltung": a title phrase, not a name
        if is_title_word(run[0].text) and len(run) > 1:
            i += 1
            continue  # "Governor Pavel Zimin": the title is not part of the name that follows it
        inside = next((n for n in range(1, len(run) - 1) if is_title_word(run[n].text)), None)
        if inside is not None and all(is_cap(t) for t in run[inside + 1:]):
            i += inside + 1
            continue  # "Security Chief Pavel Zimin": the name follows its title
        if len(run) == 1 and (fold(run[0].bare) in caps_lexicon()[1] or _is_institution_run([run[0].text])):
            i = nxt
            continue  # "Ally Turkey", "Parliament": a capitalized common noun
        if nxt < len(toks) and is_title_word(toks[nxt].text) and not doc.text[toks[nxt - 1].end:toks[nxt].start].strip():
            i = nxt
            continue  # part of a title phrase ("Cumhurbaşkanlığı İdaresi Şefi"), not a name
        if sum(1 for t in run if t.text.isupper() and len(t.text) > 1) > 1:
            i += len(run)
            continue  # shouted caption credits (EPA / NAME SURNAME)
        if len(run) == 2 and tok.script == "Cyrl" and morph.two_surnames(run[0].text, run[1].text, sent.language):
            out.extend(_candidate(doc, sent, [t], "person") for t in run)  # "Пригожина Путин": two people
            i += 2
            continue
        kind = _guess_kind([t.text for t in run])
        if kind == "other" and len(run) == 1 and tok.script == "Cyrl" and morph.is_organisation(tok.text, sent.language):
            kind = "organization"  # "МИД", "РБК": the dictionary knows them as organisations
        elif kind == "other" and len(run) == 1 and locative(doc, toks, i):
            kind = "place"  # "in Varna", "в Варне", "Varna'da": a word one is in is a place
        out.append(_candidate(doc, sent, run, kind))
        i += len(run)
    return out


# Endings of German abstract and collective nouns that no personal or place name has.
_GERMAN_NOUN_END = re.compile(r"(?:ung|ungen|heit|keit|schaft|tion|ionen|ität|nis|tum|ismus|ative|stand|soldaten|kräfte"
                             r"|menschen|leute)$", re.I)
_GERMAN_ARTICLES = frozenset({"des", "der", "dem", "den", "die", "das", "eines", "einer", "einem", "im", "am", "zum", "zur", "vom"})

_PRIORITY = {"title": 0, "kin": 0.5, "inst": 0.9, "org": 1, "region": 2.4, "state": 3, "place": 3.5, "prop": 4, "caps": 5}


def _dedupe(found: list[tuple[str, MentionCandidate]]) -> list[MentionCandidate]:
    """Drop overlapping candidates, keeping cue-found ones over guesses, then longer ones."""
    def rank(p):
        prio = _PRIORITY[p[0]]
        if p[0] == "caps" and " " in p[1].name:
            prio = 2.5  # "Radio Liberty Ukraine" beats the country inside it
        return (prio, -(p[1].end - p[1].start), p[1].start)
    ranked = sorted(found, key=rank)
    kept: list[MentionCandidate] = []
    for _, cand in ranked:
        if any(cand.start < k.end and k.start < cand.end for k in kept):
            continue
        kept.append(cand)
    return sorted(kept, key=lambda c: (c.start, c.end))


def _inner_caps(doc: Document) -> tuple[Counter, Counter]:
    """How often each word is seen capitalized inside a sentence in the document (likely a
    name), and in lower case (an ordinary word, whatever case opens a sentence)."""
    seen, lower = Counter(), Counter()
    for sent in doc.sentences:
        toks = tokens(doc.text[sent.start:sent.end], sent.start)
        for a, b in zip(toks, toks[1:]):
            if is_cap(b) and doc.text[a.end:b.start].strip() in ("", ","):
                seen[fold(b.bare)] += 1
            elif b.script in ("Latn", "Cyrl") and b.text[:1].islower():
                lower[fold(b.bare)] += 1
    return seen, lower


def warm_lexicons() -> None:
    """Build now the lexicon tables `find_mentions` reads (compiling their regexes takes
    a few tenths of a second), e.g. while another process reads the document."""
    gazetteer()
    cities()
    title_lexicon()
    stop_lexicon()
    org_lexicon()
    single_word_sets()
    kin_words()
    quoted_only_cues()
    caps_lexicon()


def find_mentions(doc: Document) -> list[MentionCandidate]:
    """Every actor name found in one segmented document, sorted by offset, no overlaps."""
    found: list[tuple[str, MentionCandidate]] = []
    inner, lower = _inner_caps(doc)
    for sent in doc.sentences:
        if sent.boilerplate:
            continue
        text = doc.text[sent.start:sent.end]
        toks = tokens(text, sent.start)
        langs = _languages(sent, text)
        found += [("title", c) for c in _title_mentions(doc, sent, text, toks, langs)]
        found += [("title", _candidate(doc, sent, ts, "person", name=tidy_name(_person_name(ts, sent.language)), title=t))
                  for ts, t in names_before_titles(text, toks, sent.start, langs)]  # "X Y، رئیس جمهور"
        found += [("kin", c) for c in _kin_mentions(doc, sent, text, toks)]
        found += [("org", c) for c in _org_mentions(doc, sent, text, toks, langs)]
        found += [("inst", c) for c in _institution_mentions(doc, sent, text)]
        found += [("inst", c) for c in find_institutions(doc, sent, text, toks)]
        found += [("org", c) for c in cyrillic_mentions(doc, sent, toks)]
        found += [("region" if c.kind == "place" else "state", c) for c in _state_mentions(doc, sent, text, toks)]
        found += [("place", c) for c in _place_mentions(doc, sent, text, toks)]
        found += [("caps", c) for c in _capitalized_mentions(doc, sent, text, toks, inner, lower)]
    cued = _dedupe([f for f in found if f[0] != "caps"])
    # Names found by a cue are looked up in the rest of the document before guessing
    # from capitals, so "Mukhtarovun" becomes Mukhtarov rather than a new name.
    extra = propagate([doc], cued)
    # A state's name that opens a longer capitalised name ("Jordan Ellis", "Azerbaijan
    # Airlines") is part of that name: only there does a guess from capitals beat a cue.
    kept = _dedupe([("state" if c.key.startswith("state:") else "title", c) for c in cued] + [("prop", c) for c in extra]
                   + [f for f in found if f[0] == "caps"])
    return split_acronym_heads(doc, link_acronyms(doc, kept))
