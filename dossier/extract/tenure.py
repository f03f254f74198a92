"""Tenures: when someone took the office a clause gives them ("deputy governor since 2019",
"занимал пост вице-губернатора с 2019 года", "seit 2019 Vizegouverneur", "2019'dan bu yana
vali yardımcısı"). A title is a claim only when it carries a time (or sources disagree on it,
`evidence.role_claims`): its value is the year the office began, or the years it spanned.
"""
from __future__ import annotations

import re
from typing import Optional

from dossier.extract.cues import TOKEN_RX, languages_for
from dossier.extract.gazetteer import NOT_ROLES, role_key, title_lexicon
from dossier.extract.parties import namesakes
from dossier.model import Actor, EvidenceCandidate
from dossier.text import script_of
from dossier.text.fold import fold_case

#: The event of holding an office (events.yml): "served as", "занимал пост", "occupait le poste".
EVENT = "held office"

_Y = r"((?:18|19|20)\d\d)"
_YEAR = re.compile(r"(?:18|19|20)\d\d")
#: Per language, a time an office began, and where it ended ("since 2019", "from 1995 to
#: 2019", "с 2019 года", "seit 2019", "2019'dan beri", "منذ عام 2019"); on folded text.
SINCE = {
    "en": [rf"\b(?:since|from)\s+(?:(?:early|late|mid)[\s-]+)?{_Y}(?:\s+(?:to|until|till|through)\s+{_Y})?"],
    "ru": [rf"(?<!\w)(?:с|со)\s+{_Y}(?:\s*(?:года|г\.?))?(?:\s+(?:по|до)\s+{_Y})?"],
    "uk": [rf"(?<!\w)(?:з|із)\s+{_Y}(?:\s*(?:року|р\.?))?(?:\s+(?:по|до)\s+{_Y})?"],
    "de": [rf"\b(?:seit|ab)\s+(?:dem\s+jahr\s+)?{_Y}", rf"\bvon\s+{_Y}\s+bis\s+{_Y}"],
    "fr": [rf"\bdepuis\s+(?:l'annee\s+|l'année\s+)?{_Y}", rf"\bde\s+{_Y}\s+[àa]\s+{_Y}", rf"\bentre\s+{_Y}\s+et\s+{_Y}"],
    "es": [rf"\bdesde\s+(?:el\s+año\s+|el\s+ano\s+)?{_Y}", rf"\bde\s+{_Y}\s+a\s+{_Y}", rf"\bentre\s+{_Y}\s+y\s+{_Y}"],
    "tr": [rf"{_Y}(?:['’]?[dt][ae]n|\s+y[ıi]l[ıi]ndan)\s+(?:beri|bu\s+yana|itibaren)",
           rf"{_Y}\s*[-–]\s*{_Y}\s+y[ıi]llar[ıi]\s+aras[ıi]nda"],
    "az": [rf"{_Y}(?:-?[cç][ıiuüə])?\s*(?:-?[dt][aə]n|\s+il[dt]ən)\s+(?:bəri|etibarən)"],
    "ar": [rf"منذ?\s+(?:عام\s+)?{_Y}\s+(?:إلى|الى|الي|حتى|حتي)\s+(?:عام\s+)?{_Y}", rf"منذ\s+(?:عام\s+|العام\s+)?{_Y}"],
}
#: Words a title and its time may stand apart ("deputy governor since 2019").
NEAR = 3


def tenures(c: EvidenceCandidate, actors: dict[str, Actor]) -> list[tuple[str, str, Optional[str]]]:
    """(person, role, value) of each office the clause says a person held and when: a title
    with a time right next to it, or any title in a clause of holding office ("occupait le
    poste de vice-gouverneur": no time, no value)."""
    script = c.sentence.script if c.sentence and c.sentence.script else script_of(c.quote)
    langs = languages_for(c.language, script)
    folded = fold_case(c.quote)  # one code point for one: offsets stay the quote's
    titles = _titles(folded, langs)
    if not titles:
        return []
    times = _times(folded, langs)
    office = EVENT in (c.events or [])
    out = []
    for title in titles:
        near = _near(folded, title, times)
        if not near and not office:
            continue
        ts, te, role = title
        person = _bearer(_holder(c, ts, te, actors), role, actors)
        if person is not None:
            out.append((person, role, near[0] if near else (times[0][2] if times and office else None)))
    return sorted(set(out), key=lambda t: (t[0], t[1], t[2] or ""))


def told(quote: str, language: Optional[str], script: str) -> bool:
    """Whether a clause gives a title with a time next to it (no event word need tell of it:
    "X was head of the office from 1995 to 2019")."""
    if not _YEAR.search(quote):
        return False  # most clauses: no year at all
    langs = languages_for(language, script)
    folded = fold_case(quote)
    titles = _titles(folded, langs)
    times = _times(folded, langs) if titles else []
    return any(_near(folded, title, times) for title in titles)


def _times(folded: str, langs: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """(start, end, value) of each time an office began (SINCE); a range first: "from 1995 to
    2019" is not also "since 1995"."""
    times: list[tuple[int, int, str]] = []
    for lang in langs:
        for rx in SINCE.get(lang) or []:
            times += [(m.start(), m.end(), _value(m)) for m in re.finditer(rx, folded)
                      if not any(s <= m.start() < e for s, e, _v in times)]
    return times


def _near(folded: str, title: tuple[int, int, str], times: list[tuple[int, int, str]]) -> list[str]:
    """The values of the times within NEAR words of a title, on either side."""
    ts, te, _role = title
    return [v for s, e, v in times if (g := _gap(folded, te, s) if te <= s else _gap(folded, e, ts)) is not None
            and g <= NEAR]


def _titles(folded: str, langs: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """(start, end, role) of each title in folded text, the longest form where two overlap."""
    regexes, role_of, _former = title_lexicon()
    found = []
    for lang in langs:
        if lang in regexes:
            for m in regexes[lang].finditer(folded):
                role = role_of.get(re.sub(r"\s+", " ", m.group("t")))
                if role and role not in NOT_ROLES:
                    found.append((m.start("t"), m.end("t"), role))
    found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    out: list[tuple[int, int, str]] = []
    for t in found:
        if not out or t[0] >= out[-1][1]:
            out.append(t)
    return out


def _value(m: re.Match) -> str:
    years = [g for g in m.groups() if g]
    return f"{years[0]}–{years[1]}" if len(years) > 1 else f"since {years[0]}"


def _gap(text: str, end: int, start: int) -> Optional[int]:
    """Words between two spans, the first ending before the second starts; None otherwise."""
    return len(TOKEN_RX.findall(text[end:start])) if end <= start else None


def _holder(c: EvidenceCandidate, ts: int, te: int, actors: dict[str, Actor]) -> Optional[str]:
    """The person the title belongs to: the one the clause names nearest to it, else the one
    the clause carries over from the one before ("..., who has been deputy governor since 2019")."""
    best: Optional[tuple[int, str]] = None
    carried = []
    for a in c.actors:
        actor = actors.get(a)
        if actor is None or actor.kind != "person":
            continue  # the speaker too: "X, deputy governor since 2019, said ..."
        inside = [m for m in actor.mentions if m.source == c.source and c.start <= m.start < c.end]
        if not inside:
            carried.append(a)
        for m in inside:
            ms, me = m.start - c.start, m.end - c.start
            gap = ts - me if me <= ts else ms - te if te <= ms else 0
            if best is None or (gap, a) < best:
                best = (gap, a)
    if best is not None:
        return best[1]
    if carried:
        return carried[0]
    # "X, accused of ..., was known as ..., and remained head of the office from 1995 to 2019":
    # the one person the sentence names before the clause
    sent = c.sentence
    earlier = {a.id for a in actors.values() if a.kind == "person" and a.id != c.attributed_to and sent is not None
               and any(m.source == c.source and sent.start <= m.start < c.start for m in a.mentions)}
    return earlier.pop() if len(earlier) == 1 else None


def _bearer(person: Optional[str], role: str, actors: dict[str, Actor]) -> Optional[str]:
    """A person named by the surname alone ("Belyaev") is the one person of that surname the
    documents give this title, when one is ("deputy governor Arkady Belyaev", not his brother)."""
    fits = [a for a in namesakes(person, actors) if any(role_key(r.text, None) == role for r in actors[a].roles)]
    return fits[0] if len(fits) == 1 else person
