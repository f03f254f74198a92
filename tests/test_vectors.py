"""Sentence vectors (dossier/extract/vectors.py) and the stated facts they join across
languages when no word or figure ties them (dossier/extract/stated.py). Invented documents."""
from __future__ import annotations

from types import SimpleNamespace

from dossier.extract import stated, vectors
from dossier.incremental.encoder import encoder_loader

from test_stated import DictMemo, make_doc


def _cos(a: str, b: str) -> float:
    va, vb = vectors.encode([a, b])
    return float(vectors.cosines(vectors.matrix([va]), vectors.matrix([vb]))[0, 0])


def test_vectors_are_bytes_the_same_batch_gives_the_same():
    texts = ["The ferry left the harbour at dawn.", "Die Fähre verließ den Hafen im Morgengrauen."]
    first, again = vectors.encode(texts), vectors.encode(texts)
    assert first == again and all(isinstance(v, bytes) and len(v) == vectors.DIM for v in first)
    assert vectors.encode([]) == []


def test_the_same_statement_in_two_languages_is_closer_than_another_of_its_story():
    same = _cos("Residents were told to keep their windows and doors closed.",
                "Die Anwohner wurden aufgefordert, Fenster und Türen geschlossen zu halten.")
    other = _cos("Residents were told to keep their windows and doors closed.",
                 "Die Feuerwehr löschte den Brand nach sechs Stunden.")
    assert same > 0.6 > other


def test_numbers_do_not_part_two_tellings():
    """Sources give different figures for one fact: the figures are masked before encoding."""
    assert _cos("The storm damaged 120 houses in the village.", "The storm damaged 95 houses in the village.") > 0.95


def test_a_kept_encoder_gives_the_same_bytes(tmp_path):
    text = ["Der Hafen bleibt bis Freitag geschlossen."]
    fresh = encoder_loader(tmp_path)()  # builds it and keeps it under the cache
    kept = encoder_loader(tmp_path)()  # read back from the cache
    assert list(tmp_path.rglob("*.pickle"))
    assert (fresh.encode(text) == kept.encode(text)).all()


STORY = {
    "61-en": ("en", ["The port authority closed the northern terminal to all cargo ships until further notice.",
                     "Fishermen were told to stay ashore while divers inspected the pier.",
                     "The mayor praised the volunteers who handed out blankets overnight."]),
    "62-de": ("de", ["Die Hafenbehörde hat das nördliche Terminal bis auf Weiteres für alle Frachtschiffe gesperrt.",
                     "Der Bürgermeister lobte die Freiwilligen, die in der Nacht Decken verteilten.",
                     "Am Nachmittag regnete es in der ganzen Region kräftig."]),
    "63-tr": ("tr", ["Liman idaresi kuzey terminalini bir sonraki duyuruya kadar tüm yük gemilerine kapattı.",
                     "Bölgede öğleden sonra şiddetli yağış görüldü."]),
}


def _story_docs():
    docs = [make_doc(doc_id, lang, *sentences) for doc_id, (lang, sentences) in STORY.items()]
    return docs, {d.source.id: SimpleNamespace(number=0) for d in docs}


def test_a_fact_told_in_three_languages_without_a_shared_word_is_one_claim():
    docs, stories = _story_docs()
    claims = stated.claims(docs, {}, stories, [])
    closed = [c for c in claims if any("terminal" in e.quote.lower() or "terminali" in e.quote for e in c.evidence)]
    assert len(closed) == 1
    assert sorted(e.source for e in closed[0].evidence) == ["61-en", "62-de", "63-tr"]
    assert closed[0].statement.startswith("The port authority closed")  # the English source's words


def test_without_vectors_nothing_ties_them():
    """The same documents with their vectors taken away: no figure, rare word or participant
    is shared, so the clauses stay apart (the vectors are what joined them above)."""
    docs, stories = _story_docs()
    read = stated.read

    def without(doc, spans):
        got = read(doc, spans)
        for s in got.clauses:
            s.vector = b""
        return got
    stated.read = without
    try:
        claims = stated.claims(docs, {}, stories, [])
    finally:
        stated.read = read
    assert not any("terminal" in e.quote.lower() for c in claims for e in c.evidence)


def test_clauses_all_alike_pair_by_no_vector():
    """A list of clauses of one shape (results, a schedule): the closest in another document
    is not clearly closer than the next, so no pair is taken."""
    rows = [f"The {team} team finished the race in {place} place." for team, place in
            [("red", "first"), ("blue", "second"), ("green", "third"), ("white", "fourth")]]
    docs = [make_doc("71-en", "en", *rows), make_doc("72-en", "en", *reversed(rows))]
    found = []
    for d in docs:
        found += [s for s in stated.read(d, []).clauses]
    ordered = sorted(found, key=lambda s: (s.story, s.source, s.start, s.end))
    pairs = stated.closest_pairs(ordered)
    # identical sentences are each other's closest by far; near-identical rows of a list are not
    assert all(ordered[i].quote == ordered[j].quote for i, j in pairs)


def test_vectors_computed_with_the_document_equal_those_computed_later():
    """A worker computes a document's clause vectors as it reads it; a document without them
    (an older cache entry, a test) gets the same bytes where stated facts need them."""
    docs, stories = _story_docs()
    later = stated.claims(docs, {}, stories, [])
    for d in docs:
        d.clause_vectors = stated.clause_vectors(d)
        assert d.clause_vectors and all(len(v) == vectors.DIM for v in d.clause_vectors.values())
    assert stated.claims(docs, {}, stories, []) == later


class _DictMemo(DictMemo):
    """`test_stated.DictMemo`, counting its hits."""

    def __init__(self):
        super().__init__()
        self.hits = 0

    def get(self, key):
        hit = super().get(key)
        self.hits += hit is not None
        return hit


def test_each_storys_pairs_are_kept_and_give_the_same():
    docs, stories = _story_docs()
    found = [s for d in docs for s in stated.read(d, []).clauses]
    ordered = sorted(found, key=lambda s: (s.story, s.source, s.start, s.end))
    memo = _DictMemo()
    first = stated.closest_pairs(ordered, memo)
    assert first and memo.hits == 0 and len(memo.kept) == 1
    assert stated.closest_pairs(ordered, memo) == first == stated.closest_pairs(ordered) and memo.hits == 1


def _every_pair(vecs, owners):
    """Mutual clear closest clauses of every two documents, compared one pair at a time."""
    out = []
    docs = list(dict.fromkeys(owners))
    rows = {d: [k for k, o in enumerate(owners) if o == d] for d in docs}

    def closest(k, other):
        cos = sorted(((_pair_cos(vecs[k], vecs[j]), j) for j in rows[other]), reverse=True)
        lead = cos[0][0] - cos[1][0] if len(cos) > 1 else 1.0
        return cos[0][1], cos[0][0], lead
    for x, a in enumerate(docs):
        for b in docs[x + 1:]:
            for k in rows[a]:
                j, top, lead = closest(k, b)
                back, top2, lead2 = closest(j, a)
                if back == k and min(top, top2) >= stated.CLOSE_COSINE and min(lead, lead2) >= stated.LEAD:
                    out.append((k, j, round(top, 5), round(min(lead, lead2), 5)))
    return sorted(out)


def _pair_cos(a: bytes, b: bytes) -> float:
    return float(vectors.cosines(vectors.matrix([a]), vectors.matrix([b]))[0, 0])


def test_a_storys_pairs_are_the_mutual_closest_of_documents_near_in_date(monkeypatch):
    """Each document is compared with the WINDOW documents after it by date: within the window
    the pairs are those of comparing every two documents; time and memory then grow with the
    story's documents, not with their square."""
    docs, _stories = _story_docs()
    docs.append(make_doc("64-fr", "fr", "L'autorité portuaire a fermé le terminal nord à tous les cargos jusqu'à nouvel ordre.",
                         "Le maire a salué les bénévoles qui ont distribué des couvertures pendant la nuit."))
    found = sorted((s for d in docs for s in stated.read(d, []).clauses), key=lambda s: (s.source, s.start))
    vecs, owners = [s.vector for s in found], [s.source for s in found]
    rounded = [(k, j, round(c, 5), round(a, 5)) for k, j, c, a in stated._story_pairs(vecs, owners)]
    assert rounded == _every_pair(vecs, owners) and len(rounded) >= 4
    monkeypatch.setattr(stated, "WINDOW", 1)
    dates = ["2026-03-04", "2026-03-01", "2026-03-02", "2026-03-03"]  # 62, 63, 64, 61 in date order
    near = stated._story_pairs(vecs, owners, dates)
    adjacent = {("62-de", "63-tr"), ("63-tr", "64-fr"), ("61-en", "64-fr")}
    assert near and all(tuple(sorted((owners[k], owners[j]))) in adjacent for k, j, _c, _a in near)
    assert {(k, j) for k, j, _c, _a in near} < {(k, j) for k, j, _c, _a in rounded}
