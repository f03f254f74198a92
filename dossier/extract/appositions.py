"""Names in a script with no capitals: which Arabic-script words may be part of one, and the
names a Persian sentence gives before their title ("ابراهیم رئیسی، رئیس جمهور", "حسین
امیرعبداللهیان وزیر امور خارجه"), where the title after them tells the two words are one."""
from __future__ import annotations

import re
from bisect import bisect_left

from dossier.extract.gazetteer import fused_titles, is_stop, is_title_word, state_of, title_lexicon
from dossier.extract.tokens import MARKS, Tok
from dossier.text.fold import fold_case as fold
from dossier.text.names import strip_arabic_clitics

#: Languages whose sentences name a person before the title this way.
LANGUAGES = ("fa",)
#: What may stand between the name and its title: nothing, or a comma.
_NAME_TITLE_GAP = re.compile(r"\s*[،,]?\s*")
#: What the name opens after: the sentence's start, a comma or a colon, "and" ("و") or "that" ("که").
_OPENING = re.compile(r"(?:^|[،,:؛]\s*|\s+(?:و|که)\s+)$")


def arabic_name_word(tok: Tok) -> bool:
    """Could this Arabic-script token be part of a personal name (no capitals to tell us)?"""
    t = fold(tok.text)
    raw = re.sub(f"[{MARKS}]", "", tok.text)
    if tok.script != "Arab" or len(t) < 3 or any(is_stop(c) for c in strip_arabic_clitics(tok.text)):
        return False  # also a stop word behind a proclitic: ووزير "and the minister"
    if re.search("[\u064B-\u064D]", tok.text):  # tanween marks adverbs and indefinite nouns
        return False
    if raw.startswith(("ال", "بال", "وال", "فال", "كال", "لل")):
        return False
    if raw.endswith(("ة", "ات")) or raw.startswith("ت") and len(raw) == 4:
        return False  # ta marbuta / plural: nouns (a few women's names are lost)
    return state_of(tok.text) is None


def names_before_titles(text: str, toks: list[Tok], offset: int, langs: list[str]) -> list[tuple[list[Tok], str]]:
    """(the two name words, the title) of each person a sentence names right before a title of
    two words or more ("X Y وزیر امور خارجه", "X Y، رئیس جمهور"), the name opening a clause or a list."""
    if not any(lang in LANGUAGES for lang in langs):
        return []
    regexes = title_lexicon()[0]
    folded = fold(text)
    starts = [t.start - offset for t in toks]
    out = []
    for lang in LANGUAGES:
        rx = regexes.get(lang)
        for m in rx.finditer(folded) if rx is not None else ():
            form = re.sub(r"\s+", " ", m.group("t"))
            if " " not in form and form not in fused_titles():
                continue  # one word ("وزیر") awaits its complement: no whole title
            j = bisect_left(starts, m.start("t"))
            if j < 2:
                continue
            first, second = toks[j - 2], toks[j - 1]
            if not all(arabic_name_word(t) and not is_title_word(t.text) for t in (first, second)) \
                    or not _NAME_TITLE_GAP.fullmatch(text[second.end - offset:m.start("t")]) \
                    or text[first.end - offset:second.start - offset] != " " \
                    or not _OPENING.search(text[:first.start - offset]):
                continue
            out.append(([first, second], text[m.start("t"):m.end("t")]))
    return out
