"""Copies: documents that reproduce another (a mirror, a wire copy) count once.

Near-duplicates are found from the text: MinHash signatures over folded word shingles, with
locality-sensitive hashing (bands of the signature) so that only likely pairs are compared
(not all pairs of 10,000 documents), then the exact share of shingles confirms each pair.
(Written with numpy alone: datasketch does the same, but importing it imports scipy, a
second or more on every run.) Hashing and permutations
are seeded, so the same documents always give the same copies. Within a group of copies the
earliest published (then the first by id) is the original; every other member gets
`derived_from` unless its sidecar already says what it copies or translates.
"""
from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import replace
from functools import lru_cache
from typing import Optional

from dossier.extract import dates
from dossier.extract.reuse import Reuse
from dossier.extract.tokens import TOKEN_RE
from dossier.model import Source, Span
from dossier.text.fold import fold_quick

#: Words per shingle: long enough that two reports of one event in their own words share few.
SHINGLE = 4
#: Share of the smaller document's shingles the other must contain to be the same text.
CONTAINMENT = 0.5
#: ... and of the two together (a long article quoting a short one whole is no copy of it).
JACCARD = 0.25
#: Fewer shingles than this (a few lines) is too little text to call anything a copy.
MIN_SHINGLES = 20
#: LSH candidates: pairs whose estimated Jaccard similarity may reach this.
LSH_THRESHOLD = 0.3
NUM_PERM = 128
SEED = 1


#: Odd 64-bit multipliers, one per word position of a shingle (fixed: the same shingles always hash alike).
_MIX = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93)


def shingles(text: str, boilerplate: list[Span] = ()):
    """Sorted unique 32-bit hashes of the word shingles of a document's text outside its
    boilerplate, folded for spelling (a numpy array: documents are many and long)."""
    import numpy as np  # deferred: heavy

    kept, pos = [], 0
    for span in sorted(boilerplate, key=lambda s: s.start):
        kept.append(text[pos:span.start])
        pos = max(pos, span.end)
    kept.append(text[pos:])
    words = TOKEN_RE.findall(fold_quick(" ".join(kept)))
    n = len(words) - SHINGLE + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    hashed = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words))
    mixed = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(SHINGLE):
            mixed ^= hashed[k:k + n] * np.uint64(_MIX[k])
    return np.unique(mixed >> np.uint64(32))


def _earlier(a: Source, b: Source) -> bool:
    """Whether `a` is taken as the original of `b`: earlier publication, else the smaller id."""
    ka = (a.published is None, a.published or "", a.id)
    kb = (b.published is None, b.published or "", b.id)
    return ka < kb


#: LSH bands and rows per band: the optimum for LSH_THRESHOLD at NUM_PERM permutations with
#: false positives and negatives weighed alike (as datasketch's MinHashLSH works it out).
BANDS, ROWS = 37, 3
_PRIME = (1 << 61) - 1
_MAX_HASH = (1 << 32) - 1


@lru_cache(maxsize=1)
def _permutations():
    """NUM_PERM random affine maps (a, b) of 32-bit hashes, drawn once from SEED."""
    import numpy as np  # deferred: heavy

    gen = np.random.RandomState(SEED)
    return (gen.randint(1, _PRIME, NUM_PERM, dtype=np.uint64).reshape(1, -1),
            gen.randint(0, _PRIME, NUM_PERM, dtype=np.uint64).reshape(1, -1))


def minhash(found):
    """The MinHash signature (NUM_PERM values) of a sorted array of 32-bit shingle hashes."""
    import numpy as np  # deferred: heavy

    a, b = _permutations()
    sig = np.full(NUM_PERM, _MAX_HASH, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(0, len(found), 4096):  # a bounded block at a time: long documents are many shingles
            block = found[k:k + 4096].reshape(-1, 1)
            sig = np.minimum(sig, (((block * a + b) % np.uint64(_PRIME)) & np.uint64(_MAX_HASH)).min(axis=0))
    return sig


def _signature(text: str, boilerplate: list[Span], memo: Optional[Reuse]):
    """A document's shingles, MinHash, the key they are kept under across runs (by the digest
    of what they read; None without a memo) and the verdicts kept with them (see `_verdicts`)."""
    import numpy as np  # deferred: heavy

    key = None
    if memo is not None:
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        key = memo.key("copies", "affine61", SHINGLE, NUM_PERM, SEED, digest, [(s.start, s.end) for s in boilerplate])
        hit = memo.get(key)
        if hit is not None:
            return (np.frombuffer(hit[0], dtype=np.uint64), np.frombuffer(hit[1], dtype=np.uint64), key,
                    hit[2] if len(hit) > 2 else None)
    found = shingles(text, boilerplate)
    sig = minhash(found)
    if key is not None:
        memo.put(key, (found.tobytes(), sig.tobytes()))
    return found, sig, key, None


def _same_text(a, b) -> bool:
    """Whether two documents' shingle sets make them the same text (see CONTAINMENT, JACCARD)."""
    import numpy as np  # deferred: heavy

    small, large = sorted((a, b), key=len)
    shared = len(np.intersect1d(small, large, assume_unique=True))
    return shared >= CONTAINMENT * len(small) and shared >= JACCARD * (len(small) + len(large) - shared)


def _verdicts(found, sig, key: Optional[str], kept: Optional[tuple], others: list[str], sets: dict, keys: dict,
              memo: Optional[Reuse]) -> tuple:
    """`_same_text` of a document and each of its LSH candidates `others`, kept across runs
    with its signature (`kept`: the candidates' signature keys and verdicts of an earlier run;
    a verdict is a pure function of the two documents' shingles): a document added to a
    dossier is compared only with its own candidates, and a document that gains it as a
    candidate only with it."""
    if memo is None or key is None:
        return tuple(_same_text(found, sets[o]) for o in others)
    compared = tuple(keys[o] for o in others)
    valid = isinstance(kept, tuple) and len(kept) == 2 and len(kept[0]) == len(kept[1])
    if valid and kept[0] == compared:
        return kept[1]
    earlier = dict(zip(kept[0], kept[1])) if valid else {}
    out = tuple(earlier[k] if k in earlier else _same_text(found, sets[o]) for o, k in zip(others, compared))
    memo.put(key, (found.tobytes(), sig.tobytes(), (compared, out)))
    return out


def find_copies(sources: list[Source], texts: dict[str, str], memo: Optional[Reuse] = None) -> dict[str, str]:
    """copy source id -> original source id, for documents that reproduce another."""
    by_id = {s.id: s for s in sources}
    sets: dict[str, object] = {}
    keys: dict[str, Optional[str]] = {}  # the signatures' memo keys
    buckets: list[dict[bytes, list[str]]] = [{} for _ in range(BANDS)]  # LSH: per band, its rows' values -> ids
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for sid in sorted(by_id):
        found, sig, key, kept = _signature(texts.get(sid, ""), by_id[sid].boilerplate, memo)
        if len(found) < MIN_SHINGLES:
            continue
        bands = [sig[i * ROWS:(i + 1) * ROWS].tobytes() for i in range(BANDS)]
        candidates = sorted({other for band, bucket in zip(bands, buckets) for other in bucket.get(band, ())})
        verdicts = _verdicts(found, sig, key, kept, candidates, sets, keys, memo) if candidates else ()
        for other, same in zip(candidates, verdicts):
            if same:
                ra, rb = root(sid), root(other)
                if ra != rb:
                    first, second = (ra, rb) if _earlier(by_id[ra], by_id[rb]) else (rb, ra)
                    parent[second] = first
        sets[sid], keys[sid] = found, key
        for band, bucket in zip(bands, buckets):
            bucket.setdefault(band, []).append(sid)
    return {sid: root(sid) for sid in sorted(parent) if root(sid) != sid}


# "Übersetzung aus dem Türkischen. Original: Çanakkale Postası, 18. Juli 2026": a translation
# that says so, near the top, naming the original's outlet (and date).
_TRANSLATED = re.compile(
    r"(?:translated from|translation from|übersetzung aus|übersetzt aus|aus dem \w+ übersetzt|перевод с|переведено с"
    r"|переклад з|çeviri|tercüme|tercümesi|tərcümə|ترجمة عن|مترجم عن|ترجمة من|traduit de|traduction de|traducido del"
    r"|traducción del|tradotto dal|traduzione dal)", re.I)
_ORIGINAL = re.compile(r"(?:original|оригинал|оригінал|orijinal|orijinali|orijinal|الأصل|المصدر الأصلي|originale)\s*[:：]\s*"
                       r"(?P<name>[^,\n|;]{2,60}?)\s*(?:[,|;]\s*(?P<date>[^\n]{4,40}))?(?:\n|$)", re.I)


def find_translations(sources: list[Source], texts: dict[str, str]) -> dict[str, str]:
    """translation source id -> original source id, for documents that state they translate
    an article of an outlet in the dossier ("Original: <outlet>, <date>")."""
    by_publisher: dict[str, list[Source]] = {}
    for s in sources:
        if s.publisher:
            by_publisher.setdefault(fold_quick(s.publisher).strip(), []).append(s)
    out = {}
    for source in sources:
        head = texts.get(source.id, "")[:600]
        if not _TRANSLATED.search(head):
            continue
        m = _ORIGINAL.search(head)
        if not m:
            continue
        candidates = [c for c in by_publisher.get(fold_quick(m.group("name")).strip(" ."), []) if c.id != source.id]
        if not candidates:
            continue
        stated = dates.parse_date(m.group("date") or "", [source.language or "en", "en"])
        dated = [c for c in candidates if stated and c.published == stated[0]]
        out[source.id] = min(dated or candidates, key=lambda c: (c.published is None, c.published or "", c.id)).id
    return out


def mark(sources: list[Source], texts: dict[str, str], memo: Optional[Reuse] = None) -> dict[str, Source]:
    """Source id -> source, each copy with `derived_from` its original, each translation that
    says so with `translation_of` (a sidecar's word wins)."""
    copies = find_copies(sources, texts, memo)
    translated = find_translations(sources, texts)
    out: dict[str, Source] = {}
    for source in sources:
        if not source.derived_from and not source.translation_of:
            if source.id in translated:
                source = replace(source, translation_of=translated[source.id])
            elif copies.get(source.id):
                source = replace(source, derived_from=copies[source.id])
        out[source.id] = source
    return out
