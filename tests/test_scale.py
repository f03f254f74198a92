"""Grouping and actor linking stay sub-quadratic, and the fast paths give the exact result."""
from __future__ import annotations

import random
from types import SimpleNamespace

import numpy as np

from dossier.extract import linking
from dossier.extract import features, grouping, refine


def _reference_cluster(n, scores, threshold):
    """The plain average-linkage loop (rescans every pair per merge)."""
    clusters = {i: [i] for i in range(n)}
    sums = {k: s for k, s in scores.items() if s > 0}
    while True:
        best = None
        for (i, j), total in sums.items():
            avg = total / (len(clusters[i]) * len(clusters[j]))
            if avg >= threshold and (best is None or (-avg, i, j) < best):
                best = (-avg, i, j)
        if best is None:
            return [clusters[k] for k in sorted(clusters)]
        _neg, i, j = best
        clusters[i] = sorted(clusters[i] + clusters.pop(j))
        merged = {}
        for (a, b), total in sums.items():
            if (a, b) == (i, j):
                continue
            a, b = (i if a == j else a), (i if b == j else b)
            if a != b:
                key = (min(a, b), max(a, b))
                merged[key] = merged.get(key, 0.0) + total
        sums = merged


def test_heap_clustering_equals_the_plain_loop():
    rng = random.Random(5)
    for _ in range(40):
        n = rng.randint(2, 40)
        scores = {}
        for _ in range(rng.randint(1, n * 3)):
            i, j = sorted(rng.sample(range(n), 2))
            scores[(i, j)] = round(rng.choice([rng.random(), 0.6, 0.7]), 6)
        assert grouping._cluster(n, scores, features.THRESHOLD) == _reference_cluster(n, scores, features.THRESHOLD)


def _feat(event, actor_ids, date=None):
    return SimpleNamespace(events=[event], cls=None, actors=frozenset(actor_ids), values={}, date=date)


def test_blocks_are_all_pairs_when_small_and_linear_when_large():
    small = [_feat("met", [f"p{i % 3}"]) for i in range(20)]
    assert len(grouping._blocks(small)) == 20 * 19 // 2

    rng = np.random.default_rng(0)
    for n in (1000, 4000):
        feats = [_feat("met", [f"p{i % (n // 10)}"], date=f"2024-01-{1 + i % 28:02d}") for i in range(n)]
        feats += [_feat("met", []) for _ in range(50)]  # no anchor: nearest neighbours
        emb = rng.normal(size=(len(feats), 16))
        emb /= np.linalg.norm(emb, axis=1, keepdims=True)
        pairs = grouping._blocks(feats, emb)
        assert len(pairs) < 60 * len(feats)  # linear, far from n^2 / 2
        # items sharing an actor are always compared
        assert (0, n // 10) in set(pairs)


def test_key_pairs_pair_exactly_the_names_sharing_a_key():
    names = ["Ahmed Karimi", "أحمد كريمي", "Leyla Demir", "Lejla Demir", "Omar Haddad", "Karimi"]
    pairs = set(linking._key_pairs(names, family=True))
    keys = [linking.name_key(n) for n in names]
    for i in range(len(names)):
        for j in range(i + 1, len(names)):
            if keys[i] == keys[j]:
                assert (i, j) in pairs
    assert (2, 3) in pairs  # same family name: a candidate for the given-name variant rule
    assert (0, 4) not in pairs


def test_grouping_part_by_part_equals_grouping_everything_at_once(tmp_path, monkeypatch):
    """Grouping clusters each part of the score graph on its own, and settles each core of
    a part on its own (that is what makes it incremental); the claims are those of
    clustering and settling all items as one part."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    from dossier import pipeline

    # the argument of `grouping._parts` holds only while no join needs less than PART_SCORE,
    # and for the cores while `_cluster` and `_settle` need no less than CORE_SCORE
    assert grouping.PART_SCORE <= min(features.THRESHOLD, refine.MERGE_SCORE)
    assert grouping.CORE_SCORE <= features.THRESHOLD
    repo = Path(__file__).resolve().parent.parent
    root = tmp_path / "c"
    subprocess.run([sys.executable, str(repo / "scripts" / "gen_corpus"), "--n", "60", "--seed", "3",
                    "--out", str(root)], check=True, capture_output=True)
    monkeypatch.setenv("DOSSIER_CACHE", "0")

    def snapshot():
        records = root / "content" / "records"
        return {p.relative_to(records).as_posix(): p.read_bytes() for p in sorted(records.rglob("*.yml"))}

    seen: list[int] = []
    cores: list[int] = []
    real = grouping._parts

    def spy(n, scores, cosines, at=None):
        parts = real(n, scores, cosines, at)
        (cores if at is not None else seen).append(len([p for p in parts if len(p[0]) > 1]))
        return parts
    monkeypatch.setattr(grouping, "_parts", spy)
    pipeline.extract(root)
    by_parts = snapshot()
    assert seen and seen[0] > 1  # several parts, or the test proves nothing
    assert max(cores) > 1  # and a part of several cores

    monkeypatch.setattr(grouping, "_parts", lambda n, scores, cosines, at=None: [(list(range(n)), dict(scores), dict(cosines))])
    shutil.rmtree(root / "content" / "records")
    pipeline.extract(root)
    assert snapshot() == by_parts


def test_remembered_large_blocks_give_the_pairs_of_blocking_afresh(tmp_path, monkeypatch):
    """A large event block keeps its candidate pairs from the last run while its members are
    the same (`grouping._blocks` with a table): after a document is added, the records are
    those of a run that blocks everything afresh. Blocks are made small so that the
    nearest-neighbour path, and the table, are used on a small corpus."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    from dossier import pipeline

    monkeypatch.setattr(grouping, "BLOCK_ALL", 6)
    monkeypatch.setattr(grouping, "ANCHOR_ALL", 3)
    monkeypatch.setattr(grouping, "NEIGHBOURS", 2)
    repo = Path(__file__).resolve().parent.parent
    root = tmp_path / "c"
    subprocess.run([sys.executable, str(repo / "scripts" / "gen_corpus"), "--n", "31", "--seed", "5",
                    "--out", str(root)], check=True, capture_output=True)
    sources = root / "content" / "sources"
    held = sorted(sources.iterdir())[-1]
    spare = tmp_path / held.name
    shutil.move(held, spare)

    reused: list[int] = []
    real = grouping._blocks

    def spy(feats, emb=None, digests=None, known=None):
        before = dict(known or {})
        out = real(feats, emb, digests, known)
        if known is not None:
            reused.append(sum(1 for k in known if k in before))
        return out
    monkeypatch.setattr(grouping, "_blocks", spy)

    pipeline.extract(root)  # cold: fills the table
    shutil.copy(spare, sources / held.name)
    pipeline.extract(root)  # one more document: unchanged blocks come from the table
    assert reused and reused[-1] > 0, "no block was taken from the table: the test proves nothing"
    records = root / "content" / "records"
    incremental = {p.relative_to(records).as_posix(): p.read_bytes() for p in sorted(records.rglob("*.yml"))}

    # the same two runs without the cache (ids follow the records of the run before)
    monkeypatch.setenv("DOSSIER_CACHE", "0")
    shutil.rmtree(records)
    shutil.rmtree(root / ".dossier-cache")
    (sources / held.name).unlink()
    pipeline.extract(root)
    shutil.copy(spare, sources / held.name)
    pipeline.extract(root)
    assert {p.relative_to(records).as_posix(): p.read_bytes() for p in sorted(records.rglob("*.yml"))} == incremental
