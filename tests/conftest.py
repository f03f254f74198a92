"""Shared fixtures: a tiny, valid dossier repository in tmp_path."""
from __future__ import annotations

import copy
import hashlib
import random
from pathlib import Path

import pytest

from dossier.model import Actor, Claim, Evidence, Mention, Role, Source
from dossier.io.store import Records, write_records

DOC_TEXT = "Reuters reported that Ana Silva was arrested on 3 May.\nالوزير قال إن الخبر صحيح.\n"


SITE_FIXTURE = Path(__file__).parent / "fixtures" / "site"


def site_fixture_texts(records) -> dict[str, str]:
    """The document texts of the site fixture's sources, by source id."""
    return {s.id: (SITE_FIXTURE / s.path).read_text(encoding="utf-8") for s in records.sources.values()}


def shuffled(records, seed: int):
    """A deep copy of `records` with each kind's dict in a random (seeded) order."""
    out = copy.deepcopy(records)
    rng = random.Random(seed)
    for kind in ("sources", "actors", "claims"):
        items = list(getattr(out, kind).items())
        rng.shuffle(items)
        setattr(out, kind, dict(items))
    return out


def make_records(doc_text: str = DOC_TEXT, sha: str | None = None) -> Records:
    """Records consistent with a document `content/sources/doc.txt` holding `doc_text`."""
    sha = sha or hashlib.sha256(doc_text.encode("utf-8")).hexdigest()
    name_start = doc_text.index("Ana Silva")
    quote = "Ana Silva was arrested on 3 May."
    q_start = doc_text.index(quote)
    ar = "قال إن الخبر صحيح"
    ar_start = doc_text.index(ar)
    source = Source(id="doc", path="content/sources/doc.txt", sha256=sha, language="en", title="A title",
                    publisher="Reuters", author=None, published="2025-10-01", published_precision="day",
                    url=None, cites=["reuters"], encoding="utf-8", languages=["ar", "en"])
    ana = Actor(id="ana-silva", name="Ana Silva", kind="person",
                mentions=[Mention(source="doc", start=name_start, end=name_start + 9, text="Ana Silva")],
                roles=[Role(source="doc", text="minister")])
    reuters = Actor(id="reuters", name="Reuters", kind="outlet",
                    mentions=[Mention(source="doc", start=0, end=7, text="Reuters")])
    claim = Claim(id="ana-silva-arrested", statement="Ana Silva was arrested.", actors=["ana-silva"],
                  evidence=[Evidence(source="doc", quote=quote, start=q_start, end=q_start + len(quote),
                                     language="en", attributed_to="reuters", date="2025-05-03"),
                            Evidence(source="doc", quote=ar, start=ar_start, end=ar_start + len(ar),
                                     language="ar", attributed_to=None)])
    return Records(sources={"doc": source}, actors={"ana-silva": ana, "reuters": reuters},
                   claims={claim.id: claim})


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository root with one document and consistent records written by write_records."""
    sources = tmp_path / "content" / "sources"
    sources.mkdir(parents=True)
    (sources / "doc.txt").write_bytes(DOC_TEXT.encode("utf-8"))
    (tmp_path / "content" / "pages").mkdir()
    write_records(tmp_path / "content", make_records())
    return tmp_path


#: Test files that run whole extractions, site builds, servers or a browser: `-m "not slow"`
#: leaves them out for a quick round while editing (CI runs everything).
SLOW_FILES = frozenset({
    "test_bench.py", "test_browser.py", "test_cache.py", "test_hostile_inputs.py", "test_layers_equal.py",
    "test_pipeline.py", "test_plugin.py", "test_sample_build.py", "test_scale.py", "test_serve.py",
    "test_sample_golden_pages.py", "test_unseen.py", "test_exports.py", "test_sample_claims.py",
    "test_deep_yaml.py",
})


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.path.name in SLOW_FILES:
            item.add_marker(pytest.mark.slow)
