"""Decode a document's bytes into the text every offset points into.

BOMs, BOM-less UTF-16, strict UTF-8, an HTML page's declared charset, else
charset-normalizer's guess checked against the legacy code pages news sites still use.
CRLF/CR become LF and NUL characters are dropped (`normalize_text`).
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from typing import Optional

from dossier.model.errors import InputError

#: Control characters (Unicode category Cc) other than line breaks and tabs: many mean binary.
_CONTROLS = re.compile(r"[\x00-\x08\x0d-\x1f\x7f-\x9f]")
_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in b"\t\n\r\x0b\x0c\x1b")
MAX_BYTES = 20 * 1024 * 1024  # larger files are refused: no news article is that big

# File signatures of formats that are certainly not text documents.
_MAGIC = (
    (b"%PDF", "a PDF file"), (b"\x89PNG", "a PNG image"), (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"), (b"PK\x03\x04", "a ZIP archive (or .docx/.odt)"),
    (b"\x1f\x8b", "a gzip archive"), (b"\x7fELF", "a program"), (b"MZ", "a program"),
    (b"\xd0\xcf\x11\xe0", "an old MS Office file"), (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"), (b"RIFF", "a media file"), (b"ID3", "an MP3 file"),
    (b"\x00\x00\x00\x18ftyp", "a video file"), (b"\x00\x00\x00\x20ftyp", "a video file"),
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def _fail(name: str, message: str, hint: str) -> InputError:
    return InputError(name, message, hint=hint)


def _looks_binary(raw: bytes, name: str) -> None:
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise _fail(name, f"this is {what}, not a text document",
                        "save the article as .txt, .md or .html, or move the file out of content/sources/")


def _utf16_without_bom(raw: bytes) -> Optional[str]:
    """The UTF-16 codec for BOM-less UTF-16 (NULs in every other byte, as Latin text has)."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    even, odd = raw[0::2].count(0), raw[1::2].count(0)
    half = len(raw) // 2
    for zeros, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros > 0.4 * half:
            return codec
    return None


def decode_bytes(raw: bytes, name: str, declared: Optional[str] = None) -> tuple[str, str]:
    """Decode a document's bytes: BOM, strict UTF-8, a declared charset, else charset-normalizer.

    Returns (text, encoding). The text has CRLF/CR turned into LF and NUL characters dropped.
    Raises InputError (naming the file) for binary or undecodable content.
    """
    _looks_binary(raw, name)
    text = encoding = None
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                text, encoding = raw.decode(codec), codec
            except UnicodeDecodeError:
                raise _fail(name, f"the file starts with a {codec} byte-order mark but is not valid {codec}",
                            "re-save it as UTF-8") from None
            break
    if text is None:
        codec16 = _utf16_without_bom(raw)
        if codec16:
            try:
                text, encoding = raw.decode(codec16), codec16
            except UnicodeDecodeError:
                text = None
    if text is None and raw.count(0) > max(2, len(raw) // 100):
        raise _fail(name, "this looks like a binary file (it contains many NUL bytes)",
                    "save the article as a UTF-8 .txt, .md or .html file")
    if text is None:
        try:
            text, encoding = raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    if text is None and declared:
        try:
            text, encoding = raw.decode(declared), codecs.lookup(declared).name
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        controls = len(raw) - len(raw.translate(None, _CONTROL_BYTES))
        if controls > len(raw) // 20:
            raise _fail(name, "this looks like a binary file (it is full of control bytes)",
                        "save the article as a UTF-8 .txt, .md or .html file")
        _refuse_broken_utf8(raw, name)
        text, encoding = _guess_legacy(raw, name)
    text = normalize_text(text)
    controls = len(_CONTROLS.findall(text))
    if controls > max(2, len(text) // 50):
        raise _fail(name, "this looks like a binary file (it is full of control characters)",
                    "save the article as a UTF-8 .txt, .md or .html file")
    return text, encoding


_ESCAPED = re.compile("[\udc80-\udcff]")  # the bytes UTF-8 could not decode (surrogateescape)
_NON_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")


def _refuse_broken_utf8(raw: bytes, name: str) -> None:
    """UTF-8 text with a few invalid bytes is damaged UTF-8, not a legacy code page: say where.

    A legacy (windows-125x) text almost never forms valid multi-byte UTF-8 sequences, while
    damaged UTF-8 is mostly made of them; guessing a code page would turn it into mojibake.
    """
    text = raw.decode("utf-8", errors="surrogateescape")
    bad = len(_ESCAPED.findall(text))
    good = len(_NON_ASCII.findall(text))
    found = _ESCAPED.search(text)
    if found is None or good < 3 or good < 2 * bad:
        return
    first = found.start()
    offset = len(text[:first].encode("utf-8", errors="surrogateescape"))
    line = raw[:offset].count(b"\n") + 1
    raise InputError(name, f"not valid UTF-8: byte 0x{raw[offset]:02X} at byte {offset} "
                           f"({bad} invalid byte{'s' if bad > 1 else ''} in all)", line=line,
                     hint="the file was damaged or mixes encodings; re-save it as UTF-8 or fix that line")


# Single-byte encodings news sites still use, tried besides charset-normalizer's guesses.
LEGACY_ENCODINGS = ("cp1252", "cp1254", "cp1256", "cp1251", "koi8_r", "iso8859_9", "iso8859_6",
                    "cp1250", "iso8859_5", "cp1253", "mac_cyrillic")

# Letters of the languages dossier reads; a decoding full of other letters is wrong.
_EXPECTED = re.compile(
    r"[A-Za-zçğıöşüÇĞİÖŞÜəƏäöüßÄÖÜéèêëàâîïôûùœæÉÈÊÀÂÎÔÛÇñáíóúÁÍÓÚÑìòÌÒ"
    r"\u0600-\u06FF\u0750-\u077F\u0400-\u045F\u0490\u0491]")


def _plausibility(text: str) -> int:
    """How much a decoding looks like text in one of dossier's languages (higher is better)."""
    score = 0
    prev = ""
    for ch in text:
        if ch.isalpha():
            score += 1 if _EXPECTED.match(ch) else -3
            if ch.isupper() and prev.isalpha() and prev.islower():
                score -= 1  # "пРИВЕТ": the mark of a Cyrillic code page mix-up
        elif unicodedata.category(ch) in ("Cc", "Co", "Cn") and ch not in "\n\r\t":
            score -= 5
        elif ch == "\ufffd":
            score -= 5
        prev = ch
    return score


#: A legacy code page is judged on the file's first bytes only: judging costs far more than
#: decoding (minutes for a few MB), and a longer file is decoded whole with the winner.
GUESS_BYTES = 100_000


def _guess_legacy(raw: bytes, name: str) -> tuple[str, str]:
    """Not UTF-8: charset-normalizer's ranking, overruled when another code page reads better."""
    if len(raw) > GUESS_BYTES:
        codec = _guess_legacy(raw[:GUESS_BYTES], name)[1]
        return raw.decode(codec, errors="replace"), codec
    from charset_normalizer import from_bytes  # deferred: heavy, and most documents are UTF-8

    candidates: list[tuple[str, str]] = []
    for match in from_bytes(raw):
        candidates.append((match.encoding, str(match)))
    for codec in LEGACY_ENCODINGS:
        if all(codecs.lookup(codec).name != codecs.lookup(c).name for c, _ in candidates):
            try:
                candidates.append((codec, raw.decode(codec)))
            except UnicodeDecodeError:
                continue
    if not candidates:
        raise _fail(name, "this looks like a binary file, or its encoding is unknown",
                    "re-save it as UTF-8 (most editors offer this under 'Save as')")
    best_score, best = None, None
    for codec, text in candidates:  # strict '>' keeps charset-normalizer's order on ties
        score = _plausibility(text)
        if best_score is None or score > best_score:
            best_score, best = score, (text, codecs.lookup(codec).name)
    return best


def normalize_text(text: str) -> str:
    """CRLF and CR become LF, NULs and a leading BOM are dropped: the text offsets point into."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return text.lstrip("\ufeff")


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


def declared_charset(raw: bytes) -> Optional[str]:
    """The charset an HTML page's <meta> declares in its first 4 KB, or None."""
    m = _META_CHARSET.search(raw[:4096])
    return m.group(1).decode("ascii", "ignore") if m else None
