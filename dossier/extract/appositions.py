"""Names a Persian sentence gives before their title ("ابراهیم رئیسی، رئیس جمهور",
"حسین امیرعبداللهیان وزیر امور خارجه"): with no capitals, the title after a name is what tells
that the two words before it are one."""
from __future__ import annotations

import re
from bisect import bisect_left

from dossier.extract.gazetteer import fused_titles, is_stop, is_title_word, state_of, title_lexicon
from dossier.extract.tokens import MARKS, Tok
from dossier.text.fold import fold_case as fold

#: Languages whose sentences name a person before the title this way.
LANGUAGES = ("fa",)
#: What may stand between the name and its title: nothing, or a comma.
_NAME_TITLE_GAP = re.compile(r"\s*[،,]?\s*")
#: What the name opens after: the sentence's start, a comma or a colon, "and" ("و") or "that" ("که").
_OPENING = re.compile(r"(?:^|[،,:؛]\s*|\s+(?:و|که)\s+)$")


def _name_word(tok: Tok) -> bool:
    raw = re.sub(f"[{MARKS}]", "", tok.text)
    return (tok.script == "Arab" and len(raw) >= 3 and not raw.startswith("ال") and not is_stop(tok.text)
            and not is_title_word(tok.text) and state_of(tok.text) is None)


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
            if not (_name_word(first) and _name_word(second)) \
                    or not _NAME_TITLE_GAP.fullmatch(text[second.end - offset:m.start("t")]) \
                    or text[first.end - offset:second.start - offset] != " " \
                    or not _OPENING.search(text[:first.start - offset]):
                continue
            out.append(([first, second], text[m.start("t"):m.end("t")]))
    return out
