"""Cross-script name matching: keys that let "Lavrov", "Лавров" and "لافروف" collide.

`name_key` is deliberately coarse (a consonant skeleton in broad sound classes), because
transliterations between Latin, Cyrillic and Arabic disagree on vowels and on many
consonants. `same_name` is the stricter test used when deciding that two surface forms
name the same thing: inside Latin script it also compares vowel skeletons.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Optional

from dossier.text import morph, script_of, to_latin

# Apostrophes that separate a Turkish/Azerbaijani suffix from a proper name (Lavrov’un).
APOSTROPHES = "’'`´ʼ‘"

# Arabic one-letter proclitics (and, with, for, so, like) that attach to a following word.
ARABIC_PROCLITICS = "وفبلك"
ARABIC_ARTICLE = "ال"

# Arabic harakat, tanween, shadda, sukun, superscript alif and tatweel carry no consonant.
_ARABIC_MARKS = re.compile("[\u0610-\u061A\u064B-\u065F\u0670\u0640]")

# Letters ICU's Latin-ASCII folding drops or maps badly, fixed before transliterating.
_PRE_FOLD = str.maketrans({
    "Ə": "E", "ə": "e",  # Azerbaijani schwa: ICU drops it entirely
    "й": "y", "Й": "Y",  # Cyrillic short i is a glide, not the consonant j
    "ь": "", "Ь": "", "ъ": "", "Ъ": "",
    "ж": "zh", "Ж": "Zh",
    "ц": "ts", "Ц": "Ts",
    "х": "kh", "Х": "Kh",
})

# Digraphs first (order matters), then single letters, into broad sound classes.
_DIGRAPHS = (
    ("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "h"), ("gh", "h"), ("sh", "s"),
    ("ch", "j"), ("tch", "j"), ("ts", "s"), ("tz", "s"), ("th", "t"), ("dh", "t"),
    ("ph", "f"), ("ck", "k"), ("ou", "u"),
)
# Romanised Arabic: only the digraphs that stand for one Arabic letter (ت+س is two: تسنيم).
_ARABIC_DIGRAPHS = (("kh", "h"), ("gh", "h"), ("sh", "s"), ("th", "t"), ("dh", "t"))
_CONSONANT_CLASS = str.maketrans({
    "d": "t", "v": "f", "p": "b", "z": "s", "x": "h", "g": "h", "q": "k",
    "c": "j",  # Turkish/Azerbaijani c and Arabic jim are /dʒ/
})
_VOWELS = set("aeiou")


def strip_suffix(token: str) -> str:
    """Cut a Turkish/Azerbaijani case suffix written after an apostrophe: Lavrov’un -> Lavrov."""
    for i, ch in enumerate(token):
        if ch in APOSTROPHES and i > 0:
            return token[:i]
    return token


def strip_arabic_clitics(token: str, keep_article: bool = False) -> list[str]:
    """Candidate bare forms of an Arabic token, longest first: ولافروف -> [ولافروف, لافروف].

    Proclitics (و ف ب ل ك, at most two) and the article ال are peeled off one by one; a
    candidate must keep at least three letters so short words are not reduced to noise.
    """
    token = _ARABIC_MARKS.sub("", token)
    out = [token]
    rest = token
    for _ in range(2):
        if len(rest) > 3 and rest[0] in ARABIC_PROCLITICS:
            rest = rest[1:]
            out.append(rest)
        else:
            break
    if not keep_article:
        for cand in list(out):
            if cand.startswith(ARABIC_ARTICLE) and len(cand) > 4:
                out.append(cand[2:])
            elif cand.startswith("ل") and len(cand) > 4 and cand[1] == "ل":
                # li- + al- writes as لل (the alif drops): للرئيس = ل + الرئيس
                out.append(cand[2:])
    seen, uniq = set(), []
    for c in out:
        if c not in seen and len(c) >= 3:
            seen.add(c)
            uniq.append(c)
    return uniq or [token]


def _latin_tokens(name: str) -> list[tuple[str, str]]:
    """(ascii token, source script) pairs for a name, suffixes and clitics removed."""
    out = []
    for raw in re.split(r"[\s\-‐–—_.,;:/()\"«»“”„]+", name):
        raw = strip_suffix(raw.strip(APOSTROPHES))
        if not raw:
            continue
        script = script_of(raw)
        if script == "Cyrl" and len(raw) >= 6 and raw.lower().endswith(("ым", "ом", "ем")):
            raw = raw[:-2]  # Russian instrumental case: Лавровым, Медведевым
        if script == "Arab":
            raw = _ARABIC_MARKS.sub("", raw)
            if raw.startswith(ARABIC_ARTICLE) and len(raw) > 4:
                raw = raw[2:]
        latin = to_latin(raw.translate(_PRE_FOLD)).lower()
        latin = re.sub(r"[^a-z]", "", latin)
        if latin:
            out.append((latin, script))
    # Latin "al-"/"el-" article written as its own token before a name (al-Assad), and the
    # Persian family particle "Al-e" (Al-e Karim = آل كريم): the e is no word of the name.
    if len(out) > 1:
        out = [t for i, t in enumerate(out) if not (t[0] in ("al", "el") and i + 1 < len(out))
               and not (t[0] in _EZAFE and 0 < i < len(out) - 1 and out[i - 1][0] == "al")]
    return out


_EZAFE = frozenset({"e", "i", "ye", "yi"})


def _fold(latin: str, script: str) -> str:
    """Broad sound classes with vowels kept (vowels folded to a/i/u)."""
    s = latin
    if script == "Latn":
        # German/Dutch/Polish spellings: "sch" is /sh/, and "ch" before a consonant is /kh/
        # (Chruschtschow = Khrushchev); English writes /ch/ before vowels, which stays as it is.
        s = s.replace("tsch", "ch").replace("sch", "sh")
        s = re.sub(r"(?<!t)ch(?=[bdfgjklmnpqrstvwxz])", "kh", s)
    if script == "Arab":
        # تش writes ch (Çanakkale, Czech); تس inside a word writes ts/c (Wierzbicki = فيرجبيتسكي)
        s = s.replace("tsh", "c")
        s = s[:1] + s[1:].replace("ts", "s")
    for a, b in (_ARABIC_DIGRAPHS if script == "Arab" else _DIGRAPHS):
        # an affricate (dzh, dj: Реджеп = Recep = رجب) stays a consonant even between vowels
        s = s.replace(a, b if script == "Arab" or b != "j" else "\2" if a in ("dzh", "dj") else "\1")
    if script == "Arab":
        # Arabic waw/ya are mostly long vowels; a word-initial waw is a consonant (ورزقان =
        # Varzaqan; the proclitic "and" is peeled off before a key is made).
        s = ("f" + s[1:] if s.startswith("w") and len(s) > 1 else s)
        s = s.replace("w", "u").replace("y", "i")
        # j between vowels drops here as in the other scripts (below), where Nowaja's glide
        # and Belojin's /zh/ cannot be told apart: بيلوجين = Belozhin = Belojin.
        s = re.sub(r"(?<=[aiu])j(?=[aiu])", "y", s)
    else:
        s = re.sub(r"(?<=[aeiouy])j(?![aeiou])", "y", s)  # Sergej; a j the digraphs made (zh, ch:
        s = s.replace("\1", "j")  # Wiezhbicki, Kuchma) is a consonant there
        s = re.sub(r"(?<=[aeiou])j(?=[aeiou])", "y", s)  # German/Slavic j between vowels: Nowaja
        s = s.replace("\2", "j")
        s = re.sub(r"ng$", "n", s)  # English -ng is one nasal (Arabic/Cyrillic write n)
        s = s.replace("w", "v")
    s = s.translate(_CONSONANT_CLASS)
    s = s.replace("e", "a").replace("o", "u")
    return s


def _skeleton(folded: str) -> str:
    """Consonant skeleton: vowels and y glides dropped, doubled letters collapsed."""
    cons = [c for c in folded if c not in _VOWELS and c != "y"]
    out = []
    for c in cons:
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Cross-script matching key: one consonant skeleton per word, joined by spaces."""
    return " ".join(k for k in (_skeleton(_fold(t, s)) for t, s in _latin_tokens(name)) if k)


@lru_cache(maxsize=65536)
def spellings(name: str) -> tuple[str, ...]:
    """The name, and how it reads under the other conventions that write Latin letters
    (see `_READINGS`); a Cyrillic ё is read both as е and as йо (Фёдоров = Fedorov = Fyodorov);
    a final Arabic ه after a consonant as a vowel; a double surname also written as one word."""
    out = [name]
    words = name.split()
    if re.search(r"\w-\w", name):
        out.append(re.sub(r"(?<=\w)-(?=\w)", "", name))  # Nour-Kazemian = Nourkazemian
    if len(words) >= 3:  # a double surname written as two words: Nour Kazemian, عبد الكريم
        out.append(" ".join(words[:-2] + [words[-2] + words[-1].lower()]))
    script = script_of(name)
    if script == "Cyrl" and re.search("[ёЁ]", name):
        out += [n.replace("ё", "йо").replace("Ё", "Йо") for n in out]
    if script == "Arab":
        out += arabic_readings(name)
        # a final ه after a consonant letter is often the vowel e/a (كاباتيبه = Kabatepe)
        # (and a final ة is the vowel a: قلعة = Kale)
        out += [re.sub(r"(?<=[^\s\u0627\u0648\u064a\u0649])[\u0647\u0629](?=\s|$)", "", n) for n in out]
        # a compound name Arabic writes as two words (غوكتشه آدا = Gökçeada)
        out += [n.replace(" ", "") for n in out if len(n.split()) == 2]
    if script == "Latn":
        out += [_SAINT.sub("San", n) for n in out if _SAINT.search(n)]  # Saint-Lucien = سان لوسيان
        for trigger, reading in _READINGS:
            for form in list(out):
                if trigger.search(form) and len(out) < 8:
                    out.append(reading(form))
    return tuple(dict.fromkeys(out))


#: French "Saint"/"Sainte" opening a name, which Arabic writes as it sounds: سان.
_SAINT = re.compile(r"\bSainte?(?=[\s\-]\w)")
#: Arabic "عبد" (servant of) with the word after it is one name part (عبد الله = Abdullah).
_ABD = re.compile(r"(?<!\S)(عبد) (?=\S)")


def one_part(name: str) -> str:
    """An Arabic name with "عبد X" written as the one name part it is (عبد الكريمي -> عبدالكريمي)."""
    return _ABD.sub(r"\1", name) if "عبد" in name else name


def arabic_readings(name: str) -> list[str]:
    """Other readings of an Arabic-script name: "عبد X" as one word (عبد الكريمي =
    Abdolkarimi), and ج or ق for the g sound (Egyptian and Gulf usage: جوجل = Google),
    read as the غ other writers use."""
    out = [name]
    if _ABD.search(name):
        out.append(_ABD.sub(r"\1", name))
    for letter in "جق":
        out += [n.replace(letter, "غ") for n in out if letter in n]
    return out[1:]


def _german(name: str) -> str:
    """German transliteration from Russian: "sch" for ж (Beloschin = Belozhin) as well as
    for ш (Schischkin = Shishkin), "ch" for х (Michail = Mikhail), j for the glide
    (Jewgeni = Yevgeny, Beljajew = Belyaev)."""
    s = re.sub(r"(?<![Tt])sch", "zh", re.sub(r"(?<![Tt])Sch", "Zh", name))
    s = re.sub(r"(?<![TtSsZzCc])ch", "kh", re.sub(r"\bCh", "Kh", s))
    return s.replace("j", "y").replace("J", "Y")


def _french(name: str) -> str:
    """French transliteration: "ch" for ш (Glouchko = Glushko); "ou" is folded anyway."""
    return re.sub(r"(?<![Tt])ch", "sh", re.sub(r"\bCh", "Sh", name))


def _french_soft(name: str) -> str:
    """French transliteration: "gu" is a hard g before e and i, and the e of a final "-ine" is
    mute (Evgueni Tavojine = Evgeni Tavojin)."""
    return re.sub(r"(?<=in)e\b", "", re.sub(r"(?<=[Gg])u(?=[eéèêiïî])", "", name))


def _polish(name: str) -> str:
    """Polish spelling: sz = ш, cz = ч, rz/ż = ж, c = ц, w = в, ł = л, j a glide
    (Tomasz Wierzbicki = Tomash Vierzhbitski)."""
    s = name
    for a, b in (("sz", "sh"), ("Sz", "Sh"), ("cz", "ch"), ("Cz", "Ch"), ("rz", "zh"), ("Rz", "Zh"),
                 ("ż", "zh"), ("Ż", "Zh"), ("ł", "l"), ("Ł", "L")):
        s = s.replace(a, b)
    s = re.sub(r"c(?!h)", "ts", s)
    s = re.sub(r"(?<=[^\W\d_aeiouy])ie", "ye", s)  # Wierzbicki: the i softens, it is no vowel
    return s.replace("j", "y").replace("J", "Y")


def _romance(name: str) -> str:
    """French, Italian, Spanish, English c: s before e/i/y, else k (Claire = Klair);
    Italian "ch" before e/i is k (Marchetti = Marketti)."""
    s = re.sub(r"ch(?=[eiéèê])", "k", name)
    s = re.sub(r"[cC](?![hz])(?=[eiyéèêíî])", lambda m: "s" if m.group() == "c" else "S", s)
    return re.sub(r"[cC](?![hz])", lambda m: "k" if m.group() == "c" else "K", s)


def _english(name: str) -> str:
    """English/German x is ks (Alexander = Aleksandr), and a final -er after a consonant
    is the -r other scripts write (Alexander = Александр, Peter = Пётр)."""
    s = name.replace("x", "ks").replace("X", "Ks")
    return re.sub(r"(?<=[bcdfgkpstvz])er\b", "r", s)


#: Other readings of a Latin-script name, each with what in the name calls for it.
_READINGS = (
    (re.compile("sch|w|ch|[bcdfgklmnprstvz]j|^j|\\bJ", re.I), _german),
    (re.compile("ch.*ou|ou.*ch|[éèêç].*ch|ch.*[éèêç]", re.I), _french),
    (re.compile(r"gu[eéèêiïî]|ine\b", re.I), _french_soft),
    (re.compile("sz|rz|cz|[łżśćń]", re.I), _polish),
    (re.compile("c(?![hz])|che|chi", re.I), _romance),
    (re.compile(r"x|[bcdfgkpstvz]er\b", re.I), _english),
    (re.compile("j", re.I), lambda s: s.replace("j", "zh").replace("J", "Zh")),  # Turkish, French j = ж (Korvej = Korvezh)
)


@lru_cache(maxsize=65536)
def name_keys(name: str) -> tuple[str, ...]:
    """`name_key` of every reading in `spellings`: a pair of names is compared when one is shared."""
    return tuple(dict.fromkeys(name_key(n) for n in spellings(name)))


def key_strength(key: str) -> int:
    """Number of consonant symbols in a key; keys under 3 are too weak to link alone."""
    return sum(1 for c in key if c != " ")


def _vowel_pattern(folded: str) -> str:
    """Vowel groups of a folded Latin token, y between consonants counted as i."""
    s = re.sub(r"(?<=u)i(?![aiu])", "y", folded)  # German/Turkish "oi" is Russian ой: Woiko = Войко
    s = re.sub(r"(?<=[aiu])y(?![aiu])", "i", s)  # ей is ei: Фейсал = Feisal = Feysal
    s = re.sub(r"iy(?=[aiu])", "y", s)  # ия is я after a consonant: Kazemiyan = Каземян
    s = re.sub(r"(?<=[^aiuy])i(?=[au])", "y", s)  # and so is ia: Kazemian
    s = re.sub(r"(?<![aiu])y(?![aiu])", "i", s)
    s = s.replace("y", "")
    groups = re.findall(r"[aiu]+", s)
    if groups and s.endswith(groups[-1]) and len(groups) > 1:
        groups = groups[:-1]  # a final vowel is often a case ending (Lavrova, Nazarbayeva)
    return "-".join(re.sub(r"(.)\1+", r"\1", g) for g in groups)


#: `same_name`'s answers so far, by (a, b): a pure function of two strings, so the table
#: is kept across runs too (see `dossier.extract.linking.resolve`).
_SAME_NAME: dict[tuple[str, str], bool] = {}


def same_name_table() -> dict[tuple[str, str], bool]:
    """A copy of `same_name`'s answers so far, to keep for a later run."""
    return dict(_SAME_NAME)


def remember_same_names(table: dict[tuple[str, str], bool]) -> None:
    """Take in answers kept by an earlier run (still true: `same_name` is pure)."""
    _SAME_NAME.update(table)


def same_name_count() -> int:
    """How many answers are known, to tell whether a run added any."""
    return len(_SAME_NAME)


def same_name(a: str, b: str) -> bool:
    """True when `a` and `b` are spellings of the same name (word for word).

    Across scripts the cross-script key decides. When both words are Latin (or
    Cyrillic, which transliterates cleanly) the vowel pattern must agree too, so
    Vladimir != Volodymyr, while Mukhtarov ~ Muhtarov (same key, same vowels after
    folding e/a, o/u and dropping y glides). Arabic spellings may omit vowels, so their
    vowel letters need only appear in order in the other spelling (فولوديمير != Vladimir).
    """
    hit = _SAME_NAME.get((a, b))
    if hit is None:
        if len(_SAME_NAME) > 1_000_000:  # a long preview session: start afresh
            _SAME_NAME.clear()
        hit = _SAME_NAME[(a, b)] = any(_same_name(x, y) for x in spellings(a) for y in spellings(b)
                                       if (x, y) == (a, b) or _strong_reading(x, y))
    return hit


def _strong_reading(x: str, y: str) -> bool:
    """Another reading meets a name only on three consonants or more: the German reading
    "Yelfa" of a place "Jelfa" would otherwise be an Arabic surname on l-f alone."""
    return key_strength(name_key(x)) >= 3 and key_strength(name_key(y)) >= 3


def _same_name(a: str, b: str) -> bool:
    ta, tb = _latin_tokens(a), _latin_tokens(b)
    if not ta or len(ta) != len(tb):
        return False
    for (la, sa), (lb, sb) in zip(ta, tb):
        fa, fb = _fold(la, sa), _fold(lb, sb)
        ka, kb = _skeleton(fa), _skeleton(fb)
        if ka != kb or not ka:
            return False
        if sa != "Arab" and sb != "Arab":
            if _vowel_pattern(fa) != _vowel_pattern(fb):
                return False
        elif not _arabic_vowels_fit(fa, sa, fb, sb):
            return False
    return True


def _vowel_letters(folded: str, arabic: bool, glide_first: bool = False) -> str:
    """Vowels in order, repeats collapsed; for Arabic without the word-initial alif, whose
    vowel the letter does not tell (إلهام = Ilham). With `glide_first` a ya/waw before
    another is read as a glide first (ليون = Lyon, not a diphthong "Lin")."""
    s = re.sub(r"(?<![aiu])y(?![aiu])", "i", folded).replace("y", "")
    if arabic:
        s = s[1:] if s[:1] in "aiu" else s
        s = re.sub(r"([iu])\1+", r"\1", s)  # ييـ doubles one sound
        if glide_first:
            s = re.sub(r"(?<=[^aiu])[iu](?=[aiu])", "", s)
        s = re.sub(r"(?<=[aiu])[iu]", "", s)  # ya/waw after a vowel: a diphthong (كايزر = Kaiser)
        s = re.sub(r"[iu](?=[aiu])", "", s)  # ya/waw before a vowel is a glide (ماريا = Maria)
    vowels = re.sub(r"[^aiu]", "", s)
    return re.sub(r"(.)\1+", r"\1", vowels) if arabic else vowels  # ييـ doubles one sound


def _is_subsequence(short: str, long: str, arabic_ya: bool = False) -> bool:
    """`short` in order inside `long`; with `arabic_ya`, an Arabic ya (i) may also stand for
    an e, which the folding has made an a (بيتروف = Petrov, فيدوروف = Fedorov)."""
    k = 0
    for ch in short:
        while k < len(long) and not (long[k] == ch or arabic_ya and ch == "i" and long[k] == "a"):
            k += 1
        if k == len(long):
            return False
        k += 1
    return True


def _arabic_vowels_fit_once(fa: str, sa: str, fb: str, sb: str) -> bool:
    """Arabic script may leave vowels out but rarely writes ones that are not there:
    فلاديمير (a-i-i) is Vladimir, فولوديمير (u-u-i-i) is Volodymyr."""
    va, vb = _vowel_letters(fa, sa == "Arab"), _vowel_letters(fb, sb == "Arab")
    if sa == "Arab" and sb == "Arab":
        return _is_subsequence(va, vb) or _is_subsequence(vb, va)
    arabic, other = (va, vb) if sa == "Arab" else (vb, va)
    if _is_subsequence(arabic, other, arabic_ya=True):
        return True
    glided = _vowel_letters(fa if sa == "Arab" else fb, True, glide_first=True)
    return glided != arabic and _is_subsequence(glided, other, arabic_ya=True)


def _arabic_vowels_fit(fa: str, sa: str, fb: str, sb: str) -> bool:
    """`_arabic_vowels_fit_once`, a French final nasal "-in" also read as Arabic writes it,
    with alif (Dumoulin = دوملان)."""
    if _arabic_vowels_fit_once(fa, sa, fb, sb):
        return True
    if sa != "Arab" and fa.endswith("in"):
        return _arabic_vowels_fit_once(fa[:-2] + "an", sa, fb, sb)
    if sb != "Arab" and fb.endswith("in"):
        return _arabic_vowels_fit_once(fa, sa, fb[:-2] + "an", sb)
    return False


def tidy_name(name: str) -> str:
    """A Latin name in title case when it was written all in lower or upper case."""
    if name.islower() or (name.isupper() and len(name) > 5):
        return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())
    return name


@lru_cache(maxsize=131072)
def normalize_surface(text: str) -> str:
    """Case-folded, NFC, suffix-stripped surface form for exact (same-script) matching."""
    text = unicodedata.normalize("NFC", text)
    text = _ARABIC_MARKS.sub("", text)
    parts = [strip_suffix(p) for p in text.split()]
    return " ".join(p for p in parts if p).casefold().replace("i̇", "i")


_BACK, _FRONT = set("aıouAIOU"), set("eəiöüEƏİÖÜ")
_HARMONY = {"ı": "aı", "i": "eəi", "u": "ou", "ü": "öü", "a": "aıou", "e": "eəiöü", "ə": "eəiöü"}


def harmonious(stem: str, suffix: str) -> bool:
    """Whether a Turkish/Azerbaijani case suffix can follow `stem` by vowel harmony: its
    vowel echoes the stem's last vowel (Petrov+un, Vasilev+in), so "Dumoulin" is no
    "Dumoul" + "in" (after u the genitive is -un)."""
    vowel = next((c for c in reversed(suffix.lower()) if c in _HARMONY), None)
    last = next((c for c in reversed(stem.lower()) if c in _BACK or c in _FRONT or c in "aeiouəıöü"), None)
    if vowel is None or last is None:
        return True
    return last in _HARMONY[vowel]


# Case suffixes Azerbaijani (and Turkish, when the apostrophe is left out) write straight
# onto a name; cut only from the last word of a name found after a title.
_AGGLUTINATIVE = ("nın", "nin", "nun", "nün", "dən", "dan", "lə", "la", "ın", "in", "un", "ün", "yə", "ya", "də", "da")
_CYR_CASE = ("ым", "ом", "ем", "ой", "ей")


def nominative(words: list[str], language: Optional[str]) -> list[str]:
    """Best guess at the dictionary form of a name's words (Russian cases, Azerbaijani suffixes)."""
    words = list(words)
    if not words:
        return words
    if script_of(words[-1]) == "Cyrl":
        read = morph.nominative(tuple(words), language)  # the dictionary first, suffix rules without it
        if read:
            return list(read)
        # A first name agrees with the surname's case: Ильхаму Алиеву, Ильхамом Алиевым.
        # (Not -а: "Ильхама Алиева" and "Анна Петрова" look alike.)
        last = words[-1].lower()
        agree = "у" if len(last) >= 5 and re.search("(ов|ев|ёв|ин|ын)у$", last) else None
        if len(last) >= 6 and re.search("(ов|ев|ёв|ин)ым$", last):
            agree = "ом"
        out = []
        for w in words[:-1] + [words[-1]]:
            lw = w.lower()
            if w is not words[-1] and agree and len(w) >= 4 and re.search(f"[бвгджзклмнпрстфхцчшщ]{agree}$", lw):
                out.append(w[: -len(agree)])
                continue
            lw = w.lower()
            if len(w) >= 6 and lw.endswith(_CYR_CASE):
                w = w[:-2]
            elif len(w) >= 5 and re.search("(ов|ев|ёв|ин|ын)[ауе]$", lw):
                w = w[:-1]
            elif len(w) >= 5 and re.search("[бвгджзклмнпрстфхцчшщ][уе]$", lw):
                w = w[:-1]
            out.append(w)
        return out
    if language in ("az", "tr") and script_of(words[-1]) == "Latn":
        last = words[-1]
        for suf in _AGGLUTINATIVE:
            if last.lower().endswith(suf) and len(last) - len(suf) >= 5 and harmonious(last[: -len(suf)], suf):
                words[-1] = last[: -len(suf)]
                break
        else:
            # Accusative/dative vowel straight after a surname ending: Quliyevi, Lavrovu, Məmmədovə.
            if len(last) >= 6 and re.search("(ov|ev|yev|in|ın)[ıiuüəa]$", last.lower()):
                words[-1] = last[:-1]
    return words
