"""Where a speaker stands around a reporting verb, and who only seems to: the limits the
attribution of a clause (`cues.attribution`) reads word order by."""
from __future__ import annotations

import re

#: Words that may stand between a speaker named before a reporting verb and the verb
#: ("Lavrov, the foreign minister, said").
SPEAKER_REACH = 4


#: Turkish and Azerbaijani reported clauses: a verb made a noun ("öldüğünü", "öldüyünü",
#: "vereceğini", "gitmesini") whose subject takes the genitive ("Reisi'nin", "X ve Y'nin").
_NOMINALISED = re.compile(r"\w(?:[dt][ıiuüə][ğy][ıiuüə]n[ıiuüə]|[ae]c[ae][ğk][ıi]n[ıi]|əcəyini|m[ae]s[ıiə]n[ıiə])\b")
_GENITIVE = re.compile(r"^['’]?n?[ıiuü]n\b|^\s+(?:ve|və|ile)\s+(?:\S+\s+){0,4}?\S+?['’]n?[ıiuüə]n\b")


def reported_subject(name: str, after: str, language: str) -> bool:
    """Whether a name stands as the subject of a reported clause, not as its speaker:
    "… Reisi ve Dışişleri Bakanı Abdullahiyan'ın hayatını kaybettiğini duyurdu" (tr, az);
    `after`: the text from the name to the reporting verb."""
    return language in ("tr", "az") and bool(_NOMINALISED.search(after)) and bool(
        _GENITIVE.search(after) or re.search(r"['’]n?[ıiuüə]n$", name))


#: Where an "according to" phrase ends: a comma, or (German) the finite verb right after it.
SOURCE_END = {False: re.compile(r"[,;:،]"), True: re.compile(
    r"[,;:،]|(?<!\w)(?:wurde|wurden|ist|sind|war|waren|hat|haben|hatte|hatten|soll|sollen|sei|seien)(?!\w)")}
#: A comma and the verb's own lower-case subject after a name ("X, Iranian media reported"), or
#: after a list it closes ("X and four others, police said"): X is said of (searched: the last comma).
OWN_SUBJECT = re.compile(r"\s*[,،]\s*(?:[A-ZÀ-Þ][^\W\d_]*\s+)?[a-zà-ÿ][^,،]*[^\W\d_]\s*$")
