"""Issue 19's bound at scale: a dossier of 10,000 real-size documents has no page over 100 KB
and a search index of at most 10 MB.

The records are generated directly (no extraction), shaped like what extraction writes for
scripts/gen_corpus at 1,000 documents, scaled: per document ~5 quotes of ~60 characters in
5 languages and 3 scripts; a claim per ~4.4 documents (median 9 quotes, a few generic
claims quoted by a third of all documents); an actor per ~3 documents (2-4 spellings, a
few generic names mentioned everywhere, with a role per source). Pages are rendered by
`site.pages` as the plugin does; each page's HTML is what Python-Markdown makes of it with
mkdocs.yml's extensions, plus the theme's frame (measured on a built site); the search
index is Material's own `SearchIndex` fed those pages.

    DOSSIER_SCALE_DOCS=2000 pytest -q tests/test_site_10k.py   # a smaller run
"""
from __future__ import annotations

import json
import os
import random
import re
import time
from types import SimpleNamespace

import markdown
import pytest
import yaml
from material.plugins.search.plugin import SearchIndex

from dossier import site
from dossier.model import Actor, Alias, Claim, Evidence, Mention, Origin, Role, Source
from dossier.model.records import Frame

KB = 1024
MB = 1024 * KB
DOCS = int(os.environ.get("DOSSIER_SCALE_DOCS", "10000"))
EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "toc"]
#: Material's frame around a page's content (header, nav, footer, scripts), measured on a
#: built site (14.6 KB around a page with one heading), and each heading's TOC entry.
THEME_BYTES = 15 * KB
TOC_ENTRY_BYTES = 600

LANGS = ("en", "tr", "ru", "ar", "de")
WORDS = {
    "en": "the minister said that officials reported on monday a statement about the talks and new figures".split(),
    "tr": "bakan yaptığı açıklamada yetkililerin pazartesi günü görüşmeler hakkında yeni rakamlar verdiğini".split(),
    "ru": "министр заявил что официальные лица сообщили в понедельник о переговорах и новых данных".split(),
    "ar": "قال الوزير إن المسؤولين أعلنوا يوم الاثنين عن المحادثات وأرقام جديدة بشأن الحادث".split(),
    "de": "der minister sagte dass beamte am montag über die gespräche und neue zahlen berichteten".split(),
}
SCRIPTS = {"en": "Latn", "tr": "Latn", "de": "Latn", "ru": "Cyrl", "ar": "Arab"}
PREDICATES = ("killed", "arrested", "injured", "detained", "expelled", "warned", "accused", "met")


def _words(rng: random.Random, lang: str, n: int) -> str:
    return " ".join(rng.choice(WORDS[lang]) for _ in range(n))


def _name(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice("bdgkmnprstvz") + rng.choice("aeiou") for _ in range(syllables)).capitalize()


def _spellings(rng: random.Random, base: str) -> list[Alias]:
    """A name as the five languages write it (the Cyrillic and Arabic ones transliterated)."""
    cyr = base.translate(str.maketrans("BDGKMNPRSTVZaeioubdgkmnprstvz", "БДГКМНПРСТВЗаеиоубдгкмнпрствз"))
    ara = base.lower().translate(str.maketrans("bdgkmnprstvzaeiou", "بدجكمنبرستفزاييوو"))
    forms = [Alias(base, "en", "Latn"), Alias(cyr, "ru", "Cyrl"), Alias(ara, "ar", "Arab")]
    return forms[:rng.choice((1, 2, 3, 3))]


def synthetic(n: int, seed: int = 1) -> tuple[SimpleNamespace, dict[str, str]]:
    """Records and document texts of an `n`-document dossier (deterministic for a seed)."""
    rng = random.Random(seed)
    outlets = [_name(rng, 2) + " " + rng.choice(("Herald", "Haber", "Вести", "الأخبار", "Rundschau"))
               for _ in range(max(5, n // 25))]
    sources = {}
    for i in range(n):
        lang = LANGS[i % len(LANGS)]
        day = 1 + (i * 7) % (3 * 365)
        sources[f"{i:05d}"] = Source(
            f"{i:05d}", f"content/sources/{i:05d}.txt", None, lang, _words(rng, lang, 4).capitalize(),
            outlets[rng.randrange(len(outlets))], None, f"{2023 + day // 365}-{1 + (day % 365) // 31:02d}-"
            f"{1 + day % 28:02d}", "day", None, languages=[lang])
    ids = sorted(sources)
    # Actors: most named in 10-40 documents; a few generic names (an initial, "officials")
    # in a tenth of all documents, with a role in each.
    actors = {}
    for k in range(max(8, n // 3)):
        base = _name(rng, 2) + " " + _name(rng, 3)
        generic = k < max(2, n // 500)
        reach = n // 10 if generic else rng.randint(10, 40)
        mentioned = sorted(rng.sample(ids, min(reach, n)))
        aliases = _spellings(rng, base) + ([Alias(f"{base[0]}. {base.split()[1]} {j}", "en", "Latn")
                                            for j in range(12)] if k % 50 == 0 else [])
        actors[f"a{k:05d}"] = Actor(
            f"a{k:05d}", base, "person" if k % 3 else rng.choice(("organization", "outlet", "state", "other")),
            aliases=aliases, mentions=[Mention(s, 0, len(base), base) for s in mentioned for _ in range(2)],
            roles=[Role(s, "minister" if sources[s].language != "ar" else "الوزير") for s in mentioned
                   if generic or rng.random() < 0.2])
    actor_ids = sorted(actors)
    quotes: dict[str, list[str]] = {s: [] for s in ids}
    claims = {}
    for c in range(max(4, int(n / 4.4))):
        generic = c < max(2, n // 1000)
        reach = n // 3 if generic else min(n, int(rng.paretovariate(1.3) * 5))
        used = sorted(rng.sample(ids, reach))
        status = rng.choices(("corroborated", "contested", "single-source", "updated"), (58, 24, 14, 4))[0]
        if reach == 1:
            status = "single-source"
        evidence = []
        for j, s in enumerate(used):
            lang = sources[s].language
            quote = _words(rng, lang, 9) + f" {rng.choice((12, 29, 38))}."
            start = sum(len(q) + 2 for q in quotes[s]) + 60
            quotes[s].append(quote)
            evidence.append(Evidence(
                s, quote, start, start + len(quote), lang, rng.choice(actor_ids) if j % 5 == 0 else None,
                "denies" if status == "contested" and j % 20 == 3 else "affirms",
                quote.rsplit(" ", 1)[1].rstrip(".") if status != "single-source" or j % 2 else None,
                sources[s].published if j % 4 == 0 else None))
        origins = [Origin(s, "source") for s in used[: max(1, reach // 2)]]
        origins += [Origin(a, "actor", via=used[:12], chain=[[s, a] for s in used[:16]])
                    for a in sorted({e.attributed_to for e in evidence if e.attributed_to})]
        subject, other = rng.sample(actor_ids, 2)
        predicate = PREDICATES[c % len(PREDICATES)]
        claims[f"claim-{c:05d}"] = Claim(
            f"claim-{c:05d}", f"Number of people {predicate} in the {_name(rng, 2)} incident", "template",
            Frame(predicate, "count", subject=subject, object=other if c % 3 == 0 else None),
            actors=[subject, other] if c % 3 == 0 else [subject], status=status, evidence=evidence,
            origins=origins)
    texts = {}
    for s in ids:
        lang = sources[s].language
        head = (sources[s].title or "").ljust(58)[:58] + "\n\n"
        body = "".join(q + "\n\n" for q in quotes[s])
        texts[s] = head + body + _words(rng, lang, max(0, (2700 - len(body)) // 7))
    return SimpleNamespace(sources=sources, actors=actors, claims=claims), texts


class _TocItem:
    def __init__(self, token: dict):
        self.id, self.url = token["id"], "#" + token["id"]
        self.children = [_TocItem(t) for t in token["children"]]


class _Page:
    """What Material's SearchIndex reads of a page: meta, HTML content, TOC, URL, title."""

    def __init__(self, path: str, meta: dict, content: str, toc: list):
        self.url, self.meta, self.content, self.toc = path[:-3] + ".html", meta, content, toc
        self.title = meta.get("title", path)


_MD_LINK = re.compile(r"\.md(?=[#)\s\"])")


def weigh(pages: dict[str, str]) -> tuple[list[tuple[int, str]], int]:
    """(page bytes as built, page) for every page, largest first, and the search index bytes."""
    md = markdown.Markdown(extensions=EXTENSIONS)
    index = SearchIndex(lang=["en", "ru", "de", "tr", "ar"], separator=r"[\s\-]+", pipeline=["stemmer"], fields={})
    sizes = []
    for path, text in pages.items():
        meta: dict = {}
        if text.startswith("---\n"):
            front, text = text[4:].split("\n---\n", 1)
            meta = yaml.safe_load(front) or {}
        searched = not (meta.get("search") or {}).get("exclude")
        # A page whose Markdown is small cannot weigh 100 KB as HTML: only the others and
        # the searched pages are converted.
        if not searched and len(text.encode()) < 40 * KB:
            sizes.append((len(text.encode()) + THEME_BYTES, path))
            continue
        html = md.reset().convert(_MD_LINK.sub(".html", text))
        toc = [_TocItem(t) for t in md.toc_tokens]
        entries = len(re.findall(r"<h[23][ >]", html))
        sizes.append((len(html.encode()) + THEME_BYTES + TOC_ENTRY_BYTES * entries, path))
        if searched:
            index.add_entry_from_context(_Page(path, meta, html, toc))
    return sorted(sizes, reverse=True), len(index.generate_search_index(None).encode())


@pytest.mark.slow
def test_ten_thousand_documents_no_page_over_100_kb_and_a_search_index_under_10_mb():
    start = time.perf_counter()
    records, texts = synthetic(DOCS)
    made = time.perf_counter()
    pages = site.pages(records, texts)
    rendered = time.perf_counter()
    sizes, search_bytes = weigh(pages)
    done = time.perf_counter()
    over = [(b, p) for b, p in sizes if b > 100 * KB]
    print(f"\n{DOCS} documents: {len(records.claims)} claims, {len(records.actors)} actors, {len(pages)} pages; "
          f"largest {sizes[0][0]:,} bytes ({sizes[0][1]}), next {sizes[1][0]:,} ({sizes[1][1]}), "
          f"{sizes[2][0]:,} ({sizes[2][1]}); search index {search_bytes:,} bytes ({search_bytes / MB:.2f} MB); "
          f"records {made - start:.0f} s, pages {rendered - made:.0f} s, weighing {done - rendered:.0f} s")
    assert not over, f"{len(over)} pages over 100 KB: {over[:10]}"
    assert search_bytes <= 10 * MB, search_bytes


def test_the_synthetic_dossier_is_consistent():
    """Quotes stand at their offsets in the documents, so the pages mark them as extraction's would."""
    records, texts = synthetic(300)
    for claim in records.claims.values():
        for ev in claim.evidence:
            assert texts[ev.source][ev.start:ev.end] == ev.quote
    assert json.dumps(sorted(records.claims)) == json.dumps(sorted(synthetic(300)[0].claims))
