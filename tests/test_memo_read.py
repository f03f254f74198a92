"""Clause readings kept per document (dossier/extract/facts_memo.py): a document added reads
only the clauses whose reading may have changed, and the records are those of a run with
the cache off; the key changes with everything a reading looks at, and only with that."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Optional

import pytest

from dossier import pipeline
from dossier.extract import facts, facts_memo
from dossier.extract.stories import Story
from dossier.incremental.store import Memo
from dossier.model import Actor, EvidenceCandidate, Mention, Sentence

REPO = Path(__file__).resolve().parent.parent


def _snapshot(root: Path) -> dict[str, bytes]:
    records = root / "content" / "records"
    return {p.relative_to(records).as_posix(): p.read_bytes() for p in sorted(records.rglob("*.yml"))}


def _history(root: Path, held: Path, added: Path) -> dict[str, bytes]:
    """Extract without the last document, then with it: the records after the second run."""
    pipeline.extract(root)
    shutil.copy(held, added)
    pipeline.extract(root)
    return _snapshot(root)


@pytest.mark.slow  # four extractions of a generated corpus
def test_adding_a_document_reads_few_clauses_and_gives_the_records_of_the_cache_off(tmp_path: Path, monkeypatch):
    on, off = tmp_path / "on", tmp_path / "off"
    subprocess.run([sys.executable, str(REPO / "scripts" / "gen_corpus"), "--n", "40", "--seed", "3",
                    "--out", str(on)], check=True, capture_output=True)
    added = sorted((on / "content" / "sources").glob("*.txt"))[-1]
    held = tmp_path / added.name
    added.rename(held)
    shutil.copytree(on, off)

    calls: list[str] = []
    beyond: set[str] = set()  # actors a reading looked up that its key does not hold
    tables: dict[int, _Looked] = {}
    real = facts.read

    def spy(c, story, actors):
        calls.append(c.source)
        looked = tables.get(id(actors))
        if looked is None or looked.table is not actors:
            looked = tables[id(actors)] = _Looked(actors)
        looked.ids.clear()
        found = real(c, story, looked)
        keyed = {a for a in [*c.actors, c.attributed_to, story.place] if a}
        keyed |= {actors[a].state for a in keyed if a in actors} | looked.states
        beyond.update(looked.ids - keyed - {""})  # "": no one ("actors.get(actor_id or '')")
        return found
    monkeypatch.setattr(facts, "read", spy)
    monkeypatch.setenv("DOSSIER_CACHE", "1")
    monkeypatch.setenv("DOSSIER_WORKERS", "1")
    pipeline.extract(on)
    cold = len(calls)
    calls.clear()
    shutil.copy(held, added)
    pipeline.extract(on)
    assert cold > 100 and len(calls) < cold // 3, (len(calls), cold)  # the new document's, and its story's
    assert added.stem in calls
    assert not beyond, beyond  # facts_memo's key holds every actor a reading looks at
    kept = _snapshot(on)

    monkeypatch.setenv("DOSSIER_CACHE", "0")
    (off / "content" / "sources" / added.name).unlink(missing_ok=True)
    assert _history(off, held, off / "content" / "sources" / added.name) == kept


class _Looked(dict):
    """An actor table that notes the ids looked up in it (the table of states is in the key whole)."""

    def __init__(self, table: dict):
        super().__init__(table)
        self.table, self.ids = table, set()
        self.states = {a for a, actor in table.items() if actor.kind == "state"}

    def __getitem__(self, key):
        self.ids.add(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.ids.add(key)
        return super().get(key, default)

    def __contains__(self, key):
        self.ids.add(key)
        return super().__contains__(key)


class _Kept:
    """A `Reuse` in memory."""

    def __init__(self) -> None:
        self.entries: dict[str, Any] = {}

    key = staticmethod(Memo.key)

    def get(self, key: str) -> Optional[Any]:
        return self.entries.get(key)

    def put(self, key: str, value: Any) -> None:
        self.entries[key] = value

    def keep(self, key: str) -> None:
        pass


def _clause(source: str = "d1") -> EvidenceCandidate:
    text = "Jan Novak was arrested in Veldra."
    return EvidenceCandidate(source=source, sentence=Sentence(0, len(text), text, "en", "Latn"), start=0,
                             end=len(text), quote=text, language="en", actors=["jan-novak", "veldra"],
                             event="arrested", events=["arrested"])


def _counted(source: str = "d1") -> EvidenceCandidate:
    text = "Twelve people were killed in the blast in Veldra."
    return EvidenceCandidate(source=source, sentence=Sentence(0, len(text), text, "en", "Latn"), start=0,
                             end=len(text), quote=text, language="en", actors=["veldra"], event="killed",
                             events=["killed"], values={"killed": "12"})


def _actors() -> dict[str, Actor]:
    return {"jan-novak": Actor(id="jan-novak", name="Jan Novak", kind="person",
                               mentions=[Mention("d1", 0, 9, "Jan Novak"), Mention("d2", 4, 13, "Jan Novak")]),
            "veldra": Actor(id="veldra", name="Veldra", kind="place", mentions=[Mention("d1", 26, 32, "Veldra")]),
            "ostmark": Actor(id="ostmark", name="Ostmark", kind="state")}


def _reads(actors: dict[str, Actor], story: Story, kept: _Kept) -> tuple[list, int]:
    calls: list[int] = []

    def read(c, s, a):
        calls.append(1)
        return facts.read(c, s, a)
    got = facts_memo.readings([_clause(), _counted()], {"d1": story}, Story(number=-1), actors, read, kept)
    return got, len(calls)


def test_a_reading_is_kept_until_something_it_looks_at_changes():
    kept = _Kept()
    story = Story(number=0, incident="the attack in Veldra", place="veldra")
    first, calls = _reads(_actors(), story, kept)
    assert calls == 2 and first[0][0].subject == "jan-novak" and first[1][0].value == "12"
    assert first[0][0].story is story and first[1][0].story is story
    again, calls = _reads(_actors(), story, kept)
    assert calls == 0 and again == first and again[0][0].cand is not first[0][0].cand  # this run's clause
    assert again[1][0].story is story

    # what the reading does not look at: another document's mentions, an actor not named
    actors = _actors()
    actors["jan-novak"].mentions.append(Mention("d3", 0, 4, "Jan Novak"))
    actors["someone"] = Actor(id="someone", name="Someone Else", kind="person")
    assert _reads(actors, story, kept)[1] == 0

    changed = []
    actors = _actors()
    actors["jan-novak"].kind = "organization"
    changed.append(actors)
    actors = _actors()
    actors["jan-novak"].mentions[0] = Mention("d1", 4, 9, "Novak")
    changed.append(actors)
    actors = _actors()
    actors["jan-novak"].state = "ostmark"
    changed.append(actors)
    actors = _actors()
    actors["ostmark"].name = "Ostmarkia"  # the table of states
    changed.append(actors)
    actors = _actors()
    actors["jan-novak"].mentions = actors["jan-novak"].mentions[:1]  # named by one document only now
    changed.append(actors)
    for actors in changed:
        assert _reads(actors, story, kept)[1] == 2
    # the story's counts: kept while the answers the reading was given stay the same
    story.nouns["the attack"] = 3
    assert _reads(_actors(), story, kept)[1] == 0
    story.nouns["the explosion"] = 5  # now a noun many of its documents use
    assert _reads(_actors(), story, kept)[1] == 2
    assert _reads(_actors(), story, kept)[1] == 0
    assert _reads(_actors(), Story(number=1, incident="the attack in Veldra", place="veldra"), kept)[1] == 2
