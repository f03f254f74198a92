"""Unseen documents (Russian, Azerbaijani, German, English) link to the sample's records.

The fixtures in tests/fixtures/unseen/ were written for this test as plausible reports of
the same events; nothing in the package was tuned to them or to the samples.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dossier.extract import analysis
from dossier import pipeline
from dossier.io import store as records

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
UNSEEN = HERE / "fixtures" / "unseen"
RU, AZ, DE, HISTORY = "ru-report", "az-report", "de-report", "en-history"


@pytest.fixture(scope="module")
def before_after(tmp_path_factory):
    root = tmp_path_factory.mktemp("unseen")
    (root / "content").mkdir()
    shutil.copytree(REPO / "content" / "sources", root / "content" / "sources")
    shutil.copyfile(REPO / "content" / "aliases.yml", root / "content" / "aliases.yml")
    pipeline.extract(root)
    before = records.load_records(root / "content")
    for path in sorted(UNSEEN.iterdir()):
        shutil.copyfile(path, root / "content" / "sources" / path.name)
    report = pipeline.extract(root)
    assert report.documents == 9 and not report.warnings
    return before, records.load_records(root / "content")


def actor_of(recs, source: str, surface: str) -> str:
    hits = {a.id for a in recs.actors.values() for m in a.mentions if m.source == source and m.text == surface}
    assert len(hits) == 1, (source, surface, hits)
    return hits.pop()


@pytest.mark.parametrize("source, surface, existing", [
    (RU, "Владимир Путин", "vladimir-putin"),
    (RU, "Путин", "vladimir-putin"),
    (RU, "Рамиз Мехтиев", "ramiz-mekhtiyev"),
    (RU, "Ильхама Алиева", "ilham-aliyev"),
    (RU, "Алиевым", "ilham-aliyev"),
    (RU, "Дмитрий Песков", "peskov"),
    (AZ, "Ramiz Mehdiyev", "ramiz-mekhtiyev"),
    (AZ, "İlham Əliyevi", "ilham-aliyev"),
    (AZ, "Vladimir Putin", "vladimir-putin"),
    (DE, "Ramis Mechtijew", "ramiz-mekhtiyev"),
    (DE, "Ilham Alijew", "ilham-aliyev"),
    (DE, "Wladimir Putin", "vladimir-putin"),
    (DE, "APA", "apa"),
    # a document about the father: the bare surname is his, not the son's
    (HISTORY, "Heydar Aliyev", "haydar-aliyf"),
    (HISTORY, "Aliyev", "haydar-aliyf"),
])
def test_unseen_mentions_land_on_existing_actors(before_after, source, surface, existing):
    before, after = before_after
    assert existing in before.actors
    assert actor_of(after, source, surface) == existing


def test_outlets_link_across_scripts(before_after):
    before, after = before_after
    novaya = next(a.id for a in before.actors.values() if a.name.startswith("Novaya"))
    assert actor_of(after, DE, "Nowaja Gaseta") == novaya
    assert actor_of(after, AZ, "Novaya Gazeta") == novaya
    for sid in (RU, AZ, DE):
        assert novaya in after.sources[sid].cites and "apa" in after.sources[sid].cites, sid


def test_no_new_people_for_known_names(before_after):
    before, after = before_after
    new = [a for a in after.actors.values() if a.id not in before.actors and a.kind == "person"]
    assert not new, [(a.id, a.name) for a in new]
    # a title phrase is not an actor
    assert not any("Leiter" in a.name or "Präsidialverwaltung" in a.name for a in after.actors.values())


def fact(recs, predicate, slot, subject=None, obj=None):
    """The one claim with this frame (a fact is one record, whatever the languages)."""
    hits = [c for c in recs.claims.values() if c.frame and c.frame.predicate == predicate
            and c.frame.slot == slot and (subject is None or c.frame.subject == subject)
            and (obj is None or c.frame.object == obj)]
    assert len(hits) == 1, (predicate, slot, subject, [c.id for c in hits])
    return hits[0]


def test_existing_claims_keep_their_ids_and_statements(before_after):
    before, after = before_after
    assert set(before.claims) <= set(after.claims)
    for cid, claim in before.claims.items():
        assert after.claims[cid].statement == claim.statement, cid


def _items(claim, source):
    return [e for e in claim.evidence if e.source == source]


def test_arrest_joins_in_three_languages_attributed_to_the_agency(before_after):
    _, after = before_after
    claim = fact(after, "arrested", "yes-no", "ramiz-mekhtiyev")
    assert claim.statement == "Whether Ramiz Mekhtiyev was detained"
    for sid in (RU, AZ, DE):
        items = _items(claim, sid)
        assert items and all(e.attributed_to == "apa" and e.value == "yes" for e in items), (sid, items)
    apa = next(o for o in claim.origins if o.id == "apa")
    assert {RU, AZ, DE} <= set(apa.via)  # three relays of one agency: one origin


def test_death_toll_joins_with_38(before_after):
    _, after = before_after
    tolls = [c for c in after.claims.values() if c.frame and c.frame.predicate == "killed"
             and any(e.value == "38" for e in c.evidence)]
    assert len(tolls) == 1, [c.id for c in tolls]
    claim = tolls[0]
    assert not any(ch.isdigit() for ch in claim.statement)  # the values sit on the evidence
    for sid in (RU, DE, AZ):
        assert [e.value for e in _items(claim, sid)] == ["38"], sid
    assert claim.status == "contested"  # 29 in the Turkish report
    assert RU in analysis.disagreements(claim)["38"]


def test_responsibility_denials_join_the_contested_claim(before_after):
    _, after = before_after
    claim = fact(after, "accepted responsibility", "yes-no", "vladimir-putin")
    for sid in (RU, DE):
        assert [e.stance for e in _items(claim, sid)] == ["denies"], sid
    says = analysis.disagreements(claim)
    assert {RU, DE} <= set(says["denies"])
    assert claim.status == "contested"


def test_warning_joins_in_three_languages(before_after):
    _, after = before_after
    claim = fact(after, "warned", "yes-no", "vladimir-putin", "ilham-aliyev")
    assert {RU, AZ, DE} <= {e.source for e in claim.evidence}


def test_relative_dates_resolve_against_the_stated_date(before_after):
    _, after = before_after
    assert after.sources[RU].published == "2025-10-20"
    arrest = fact(after, "arrested", "yes-no", "ramiz-mekhtiyev")
    # "APA reported on Thursday that he was arrested on Wednesday", published on Monday
    # 20 October 2025: the arrest was on Wednesday 15 October (Thursday dates the report)
    assert [e.date for e in _items(arrest, RU)] == ["2025-10-15"]
    assert not after.sources[RU].notes
