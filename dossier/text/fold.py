"""Folding: text made comparable across the ways news is typed.

Two foldings, for two needs: `fold` for matching lexicon cues (it may drop characters, so it
returns where each folded character came from), and `fold_case` for comparing names token by
token (one code point for one, so offsets stay valid without a map). `dossier.text.names`
makes cross-script name keys, which is not folding but transliteration.
"""
from __future__ import annotations

import re
import unicodedata

_AR_DROP = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06ed\u200b-\u200f\u061c]")
_CHAR_MAP = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ی": "ي", "ک": "ك",
    "’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'",
    "“": '"', "”": '"', "„": '"', "«": '"', "»": '"',
    "ё": "е", "Ё": "е", "İ": "i", "I": "i", "ı": "i",
    "\u00a0": " ",
}
_DIGITS = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")}
_DIGITS.update({ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")})


class _FoldTable(dict):
    """Code point -> its folded character ("" when dropped), worked out on first sight, so
    `str.translate` folds a text in one pass of C."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if _AR_DROP.match(ch):
            self[code] = ""
            return ""
        ch = _CHAR_MAP.get(ch, ch)
        ch = ch.translate(_DIGITS)
        low = ch.lower()
        if len(low) != 1:  # a few letters lowercase to two code points: keep one
            low = unicodedata.normalize("NFD", low)[0]
        low = _CHAR_MAP.get(low, low)
        self[code] = low
        return low


_TABLE = _FoldTable()


def fold(text: str) -> tuple[str, list[int]]:
    """Text folded for matching, and for each folded character its index in `text`.

    Lowercases, drops Arabic diacritics and tatweel, unifies alef/ya/ta-marbuta, quotes,
    apostrophes, Turkish i's and Eastern Arabic digits, so lexicon cues written plainly match
    the way news is typed. The index map turns match offsets back into exact offsets.
    """
    folded = text.translate(_TABLE)
    if len(folded) == len(text):  # nothing dropped: each character stays where it was
        return folded, list(range(len(text)))
    return folded, [i for i, ch in enumerate(text) if _TABLE[ord(ch)]]


def fold_str(text: str) -> str:
    return text.translate(_TABLE)


# Letters `fold_case` folds to another letter (Turkish dotted/dotless i, Cyrillic yo, apostrophes,
# Arabic alif forms), so spellings of one word meet.
_CASE_FOLD = {"İ": "i", "ı": "i", "ё": "е", "’": "'", "‘": "'", "ʼ": "'", "`": "'",
              "أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ی": "ي", "ک": "ك"}  # Persian ye and kaf: Arabic's


class _CaseTable(dict):
    """Code point -> its case-folded character (one for one), worked out on first sight."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        f = _CASE_FOLD.get(ch)
        if f is None:
            f = ch.lower()
            if len(f) != 1:
                f = ch
            f = _CASE_FOLD.get(f, f)
        self[code] = f
        return f


_CASE_TABLE = _CaseTable()


def fold_case(text: str) -> str:
    """Lowercase `text` one code point for one code point, so offsets stay valid."""
    return text.translate(_CASE_TABLE)


_QUICK = str.maketrans({**{ord(k): v for k, v in _CHAR_MAP.items()}, **_DIGITS,
                        **{c: None for c in [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, 0x0640,
                                             *range(0x06D6, 0x06EE), *range(0x200B, 0x2010), 0x061C]}})


def fold_quick(text: str) -> str:
    """`fold` without the offset map, at C speed, for whole documents (copies, shingles)."""
    return text.translate(_QUICK).casefold().translate(_QUICK)
