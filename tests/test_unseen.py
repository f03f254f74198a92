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
    (HISTORY, "Heydar Aliyev", "haydar-lyyf"),
    (HISTORY, "Aliyev", "haydar-lyyf"),
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


def test_existing_claim_ids_are_kept(before_after):
    before, after = before_after
    assert set(before.claims) <= set(after.claims)
    for cid in ("mekhtiyev-was-arrested", "russian-air-defences-shot-down-an-azerbaijani-passenger",
                "putin-subsequently-accepted-responsibility", "vladimir-putin-personally-warned-azerbaijani-president"):
        assert after.claims[cid].status == before.claims[cid].status, cid


def _items(claim, source):
    return [e for e in claim.evidence if e.source == source]


def test_arrest_joins_in_three_languages_attributed_to_the_agency(before_after):
    _, after = before_after
    claim = after.claims["mekhtiyev-was-arrested"]
    for sid in (RU, AZ, DE):
        items = _items(claim, sid)
        assert items and all(e.attributed_to == "apa" for e in items), (sid, items)
    apa = next(o for o in claim.origins if o.id == "apa")
    assert {RU, AZ, DE} <= set(apa.via)  # three relays of one agency: one origin


def test_death_toll_joins_with_38(before_after):
    _, after = before_after
    claim = after.claims["russian-air-defences-shot-down-an-azerbaijani-passenger"]
    for sid in (RU, DE, AZ):
        assert [e.value for e in _items(claim, sid)] == ["38"], sid
    assert claim.status == "contested"
    assert RU in analysis.disagreements(claim)["38"]


def test_responsibility_denials_join_the_contested_claim(before_after):
    _, after = before_after
    claim = after.claims["putin-subsequently-accepted-responsibility"]
    for sid in (RU, DE):
        assert [e.stance for e in _items(claim, sid)] == ["denies"], sid
    says = analysis.disagreements(claim)
    assert {RU, DE, "004-30cd569a23fb4a9a"} <= set(says["denies"])


def test_warning_joins_and_stays_contested(before_after):
    _, after = before_after
    claim = after.claims["vladimir-putin-personally-warned-azerbaijani-president"]
    assert {RU, AZ, DE} <= {e.source for e in claim.evidence}
    assert claim.status == "contested"
    assert "meeting" not in {e.value for e in claim.evidence if e.source == RU}  # "лично" is not a meeting


def test_relative_dates_resolve_against_the_stated_date(before_after):
    _, after = before_after
    assert after.sources[RU].published == "2025-10-20"
    arrest = after.claims["mekhtiyev-was-arrested"]
    # "APA reported on Thursday that he was arrested on Wednesday", published on Monday
    # 20 October 2025: the arrest was on Wednesday 15 October (Thursday dates the report)
    assert [e.date for e in _items(arrest, RU)] == ["2025-10-15"]
    assert not after.sources[RU].notes
