"""Editors' curation survives re-extraction and new documents, and shows on the site (issue 4)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from lxml import html as lxml_html

from dossier.io.safe_yaml import load_yaml
from dossier import check
from dossier import cli
from dossier.extract import curation
from dossier import pipeline
from dossier.io import store as records
from dossier.model.errors import RecordError

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO / "content" / "sources"
EDITOR = "Jane Editor"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def dossier_root(tmp: Path, names: list[str]) -> Path:
    shutil.copyfile(REPO / "mkdocs.yml", tmp / "mkdocs.yml")
    shutil.copytree(REPO / "content" / "pages", tmp / "content" / "pages")
    (tmp / "content" / "sources").mkdir(parents=True)
    for name in names:
        shutil.copyfile(SOURCES / name, tmp / "content" / "sources" / name)
    if (REPO / "content" / "aliases.yml").exists():
        shutil.copyfile(REPO / "content" / "aliases.yml", tmp / "content" / "aliases.yml")
    return tmp


def page_text(path: Path) -> str:
    """The visible text of a built page's article (parsed, not grepped)."""
    tree = lxml_html.fromstring(path.read_bytes())
    main = tree.xpath("//article") or [tree]
    return " ".join(" ".join(main[0].itertext()).split())


def jsonld(path: Path) -> list[dict]:
    tree = lxml_html.fromstring(path.read_bytes())
    return [json.loads(s.text) for s in tree.xpath('//script[@type="application/ld+json"]')]


def _words(text: str, start: int, n: int = 8) -> tuple[int, str]:
    """The first `n` words of the line at `start`, exactly as written."""
    line = text[start:].split("\n", 1)[0]
    words = line.split(" ")[:n]
    return start, " ".join(words)


# ---------------------------------------------------------------------------------------
# The round trip: curate, re-extract, add a document, re-extract, build
# ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def curated(tmp_path_factory):
    names = sorted(p.name for p in SOURCES.iterdir() if p.suffix == ".txt")
    root = dossier_root(tmp_path_factory.mktemp("curated"), names[:-1])
    content = root / "content"
    pipeline.extract(root)
    first = records.load_records(content)
    texts = {sid: pipeline_text(root, s) for sid, s in first.sources.items()}

    # -- pick what to curate from what extraction found (no ids hard-coded) --
    multi = sorted((c for c in first.claims.values() if len({e.source for e in c.evidence}) >= 2),
                   key=lambda c: (-len(c.evidence), c.id))
    fix = multi[0]
    dropped = fix.evidence[-1]
    gone = next(c for c in sorted(first.claims.values(), key=lambda c: c.id)
                if c.id != fix.id and len(c.evidence) == 1 and c.evidence[0].source != dropped.source
                and not any(e.quote == c.evidence[0].quote for e in fix.evidence))
    used = {(e.source, e.start) for c in first.claims.values() for e in c.evidence}
    english = next(s for s in sorted(first.sources.values(), key=lambda s: s.id) if s.language == "en")
    text = texts[english.id]
    starts = [i + 1 for i, ch in enumerate(text) if ch == "\n" and i + 1 < len(text) and text[i + 1].isalpha()]
    lines = [_words(text, s) for s in starts if (english.id, s) not in used and len(text[s:].split("\n", 1)[0].split()) >= 10]
    lines = [(s, q) for s, q in lines if text.count(q) == 1]
    (add_start, add_quote), (new_start, new_quote) = lines[0], lines[1]

    by_mentions = sorted(first.actors.values(), key=lambda a: (-len(a.mentions), a.id))
    keep = next(a for a in by_mentions if a.kind in ("state", "place"))
    merged = next(a for a in reversed(by_mentions) if a.id != keep.id and a.kind in ("state", "place", "organization"))
    splittable = None
    for a in by_mentions:
        if a.id in (keep.id, merged.id):
            continue
        spellings = sorted({curation.normalize(m.text).casefold() for m in a.mentions})
        for sp in spellings:
            moved = [m for m in a.mentions if curation._spelled(m.text, {sp})]
            if 0 < len(moved) < len(a.mentions):
                splittable, split_spelling = a, sp
                break
        if splittable:
            break
    assert splittable is not None

    cur = content / "curation"
    write(cur / "claims" / f"{fix.id}.yml", f"""\
statement: "An editor's corrected statement."
verdict:
  rating: misleading
  rationale: |
    The sources disagree on the details.
    Second line of the rationale.
  reviewer: {EDITOR}
  date: 2025-11-02
  url: https://factcheck.example.org/review-1
reject_evidence:
- source: {dropped.source}
  quote: {json.dumps(dropped.quote, ensure_ascii=False)}
add_evidence:
- source: {english.id}
  quote: {json.dumps(add_quote, ensure_ascii=False)}
  stance: affirms
  added_by: {EDITOR}
""")
    write(cur / "claims" / f"{gone.id}.yml", "reject: true\nreason: Not a claim, a fragment.\n")
    write(cur / "claims" / "editor-added-claim.yml", f"""\
add: true
statement: A claim the extractor missed.
add_evidence:
- source: {english.id}
  quote: {json.dumps(new_quote, ensure_ascii=False)}
  added_by: {EDITOR}
verdict:
  rating: false
  rationale: Nothing supports it.
  reviewer: {EDITOR}
  date: 2025-11-03
""")
    write(cur / "actors" / f"{keep.id}.yml", f"""\
name: Editor Canonical Name
kind: {keep.kind}
description: A description written by the editor.
merge: [{merged.id}]
""")
    write(cur / "actors" / f"{splittable.id}.yml", f"""\
split:
- id: split-off-actor
  name: Somebody Else
  kind: other
  spellings: [{json.dumps(split_spelling, ensure_ascii=False)}]
""")
    english_file = root / english.path
    write(english_file.with_name(english_file.name + ".meta.yml"), """\
publisher: Sidecar Outlet
author: Sidecar Author
url: https://outlet.example.org/story
archived_url: https://web.archive.org/web/2025/https://outlet.example.org/story
published: 2025-10-21
""")
    second = pipeline.extract(root)
    shutil.copyfile(SOURCES / names[-1], content / "sources" / names[-1])
    third = pipeline.extract(root)
    site = cli.build_site(root)
    ctx = dict(root=root, site=site, fix=fix, dropped=dropped, gone=gone, english=english,
               add_quote=add_quote, add_start=add_start, new_quote=new_quote, new_start=new_start,
               keep=keep, merged=merged, splittable=splittable, split_spelling=split_spelling,
               second=second, third=third, recs=records.load_records(content))
    return ctx


def pipeline_text(root: Path, source) -> str:
    from dossier.extract.ingest import load_document

    return load_document(root / source.path, root).text


def test_no_orphans_and_check_passes(curated):
    assert curated["third"].documents == 5
    assert not any("orphan" in w for w in curated["third"].warnings), curated["third"].warnings
    assert not (curated["root"] / "content" / "records" / "orphans.yml").exists()
    problems = check.check(curated["root"])
    assert problems == [], "\n".join(map(str, problems))


def test_corrected_statement_verdict_and_evidence_hold(curated):
    claim = curated["recs"].claims[curated["fix"].id]
    assert claim.statement == "An editor's corrected statement."
    assert claim.verdict.rating == "misleading" and claim.verdict.reviewer == EDITOR
    assert claim.verdict.date == "2025-11-02"
    assert claim.verdict.rationale.startswith("The sources disagree")
    dropped = curated["dropped"]
    assert not any(e.source == dropped.source and e.quote == dropped.quote for e in claim.evidence)
    added = [e for e in claim.evidence if e.added_by == EDITOR]
    assert len(added) == 1
    ev = added[0]
    text = pipeline_text(curated["root"], curated["recs"].sources[ev.source])
    assert (ev.start, ev.end) == (curated["add_start"], curated["add_start"] + len(curated["add_quote"]))
    assert text[ev.start:ev.end] == ev.quote == curated["add_quote"]
    assert ev.language == "en"

    page = curated["site"] / "claims" / f"{claim.id}.html"
    shown = page_text(page)
    assert "An editor's corrected statement." in shown
    assert "Misleading" in shown and EDITOR in shown and "Second line of the rationale." in shown
    assert curated["add_quote"] in shown and f"added by {EDITOR}" in shown
    reviews = [d for d in jsonld(page) if d.get("@type") == "ClaimReview"]
    assert reviews and reviews[0]["claimReviewed"] == "An editor's corrected statement."


def test_rejected_claim_keeps_a_marked_record(curated):
    gone = curated["gone"].id
    record = curated["recs"].claims[gone]  # kept for its tombstone page, out of every listing
    assert record.rejected is not None and record.rejected.reason == "Not a claim, a fragment."
    assert not any(gone in c.former_ids for c in curated["recs"].claims.values())


def test_added_claim_holds_with_offsets(curated):
    claim = curated["recs"].claims["editor-added-claim"]
    assert claim.statement == "A claim the extractor missed."
    assert claim.verdict.rating == "false"  # written unquoted in YAML: still the rating
    (ev,) = claim.evidence
    assert (ev.source, ev.start, ev.quote) == (curated["english"].id, curated["new_start"], curated["new_quote"])
    shown = page_text(curated["site"] / "claims" / "editor-added-claim.html")
    assert "A claim the extractor missed." in shown and curated["new_quote"] in shown


def test_actor_merge_name_kind_description(curated):
    recs = curated["recs"]
    keep, merged = recs.actors[curated["keep"].id], curated["merged"].id
    assert merged not in recs.actors
    assert merged in keep.former_ids
    assert (keep.name, keep.description) == ("Editor Canonical Name", "A description written by the editor.")
    for claim in recs.claims.values():
        assert merged not in claim.actors
        assert all(e.attributed_to != merged for e in claim.evidence)
    assert all(merged not in s.cites for s in recs.sources.values())
    assert {(m.source, m.start) for m in curated["merged"].mentions} \
        <= {(m.source, m.start) for m in keep.mentions}
    shown = page_text(curated["site"] / "actors" / f"{keep.id}.html")
    assert "Editor Canonical Name" in shown and "A description written by the editor." in shown
    redirect = curated["site"] / "actors" / f"{merged}.html"
    assert redirect.is_file() and f"{keep.id}.html" in redirect.read_text(encoding="utf-8")


def test_actor_split(curated):
    recs = curated["recs"]
    new = recs.actors["split-off-actor"]
    assert new.name == "Somebody Else" and new.kind == "other"
    assert new.mentions and all(curation._spelled(m.text, {curated["split_spelling"]}) for m in new.mentions)
    old = recs.actors[curated["splittable"].id]
    assert old.mentions and not any(curation._spelled(m.text, {curated["split_spelling"]}) for m in old.mentions)
    assert (curated["site"] / "actors" / "split-off-actor.html").is_file()


def test_sidecar_metadata_on_record_and_page(curated):
    source = curated["recs"].sources[curated["english"].id]
    assert (source.publisher, source.author, source.url, source.published, source.published_precision) == (
        "Sidecar Outlet", "Sidecar Author", "https://outlet.example.org/story", "2025-10-21", "day")
    assert source.archived_url.startswith("https://web.archive.org/")
    shown = page_text(curated["site"] / "sources" / f"{source.id}.html")
    assert "Sidecar Outlet" in shown and "https://outlet.example.org/story" in shown
    assert "https://web.archive.org/web/2025/https://outlet.example.org/story" in shown
    assert "sidecar" not in " ".join(s.path for s in curated["recs"].sources.values())


def test_rerun_changes_nothing(curated):
    before = {p: p.read_bytes() for p in (curated["root"] / "content" / "records").rglob("*.yml")}
    report = pipeline.extract(curated["root"])
    assert report.written == 0 and report.removed == 0
    assert {p: p.read_bytes() for p in (curated["root"] / "content" / "records").rglob("*.yml")} == before


# ---------------------------------------------------------------------------------------
# Orphans: a decision whose claim or quote vanished is reported, never dropped silently
# ---------------------------------------------------------------------------------------

SMALL = ("Reuters reported that Ana Silva was arrested in Lisbon on 3 May 2025.\n"
         "Police said seven people were detained during the raid.\n")


def test_orphaned_curation_is_reported(tmp_path):
    root = tmp_path
    doc = write(root / "content" / "sources" / "a.txt", SMALL)
    pipeline.extract(root)
    recs = records.load_records(root / "content")
    # a claim that outlives the edit below (the arrest of Ana Silva, not the count)
    claim = next(c for c in sorted(recs.claims.values(), key=lambda c: c.id)
                 if not any("seven people" in e.quote for e in c.evidence))
    cur = root / "content" / "curation" / "claims"
    write(cur / f"{claim.id}.yml", f"""\
verdict:
  rating: unproven
  rationale: Only one source.
  reviewer: {EDITOR}
  date: 2025-11-02
add_evidence:
- source: a
  quote: seven people were detained
  added_by: {EDITOR}
""")
    write(cur / "no-such-claim.yml", "reject: true\nreason: wrong\n")
    report = pipeline.extract(root)
    orphans = [w for w in report.warnings if "orphaned" in w]
    assert len(orphans) == 1 and "curation/claims/no-such-claim.yml" in orphans[0], report.warnings
    problems = [str(p) for p in check.check(root)]
    assert any("no-such-claim.yml" in p and "orphaned" in p for p in problems), problems

    # The document changes: the quote the editor added is gone.
    doc.write_text(SMALL.replace("seven people were detained", "nobody was held"), encoding="utf-8")
    report = pipeline.extract(root)
    problems = [str(p) for p in check.check(root)]
    hit = [p for p in problems if f"curation/claims/{claim.id}.yml:8:" in p and "orphaned" in p]
    assert hit and "not in the document" in hit[0], problems
    saved = load_yaml(root / "content" / "records" / "orphans.yml")
    assert {o["file"] for o in saved} == {f"content/curation/claims/{claim.id}.yml",
                                          "content/curation/claims/no-such-claim.yml"}
    # The curation file itself is untouched, and the verdict still applies.
    assert "seven people were detained" in (cur / f"{claim.id}.yml").read_text(encoding="utf-8")
    assert records.load_records(root / "content").claims[claim.id].verdict.rating == "unproven"


def test_claim_found_by_match_quote_keeps_its_id(tmp_path):
    root = tmp_path
    write(root / "content" / "sources" / "a.txt", SMALL)
    pipeline.extract(root)
    claim = sorted(records.load_records(root / "content").claims.values(), key=lambda c: c.id)[0]
    quote = claim.evidence[0].quote
    write(root / "content" / "curation" / "claims" / "known-id.yml", f"""\
match:
- source: a
  quote: {json.dumps(quote)}
statement: Known statement.
""")
    pipeline.extract(root)
    recs = records.load_records(root / "content")
    assert "known-id" in recs.claims and claim.id not in recs.claims
    assert claim.id in recs.claims["known-id"].former_ids
    assert recs.claims["known-id"].statement == "Known statement."


def test_unapplied_curation_is_reported_by_check(repo):
    write(repo / "content" / "curation" / "claims" / "ana-silva-arrested.yml", "statement: Corrected.\n")
    problems = [str(p) for p in check.check(repo)]
    assert any(p.startswith("content/curation/claims/ana-silva-arrested.yml:1:") and "dossier extract" in p
               for p in problems), problems


# ---------------------------------------------------------------------------------------
# Malformed overlay files: file:line, and extraction stops before writing anything
# ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name,text,line,words", [
    ("x.yml", "verdict:\n  rating: wrong\n  rationale: r\n  reviewer: e\n  date: 2025-01-01\n", 2, "rating"),
    ("x.yml", "statment: typo\n", 1, "unknown field"),
    ("x.yml", "reject: true\n", 1, "reason"),
    ("x.yml", "a: &a [1]\nb: *a\n", 1, "anchor"),
    ("x.yml", "statement: !!python/object:os.system echo\n", 1, "tag"),
    ("x.yml", "add_evidence:\n- source: ../../etc/passwd\n  quote: q\n  added_by: e\n", 2, "does not match"),
    ("Bad_Name.yml", "statement: s\n", None, "file name"),
])
def test_malformed_overlay_names_file_and_line(repo, name, text, line, words):
    write(repo / "content" / "curation" / "claims" / name, text)
    _, issues = curation.load(repo / "content", repo)
    assert len(issues) == 1, issues
    issue = issues[0]
    assert issue.path == f"content/curation/claims/{name}" and issue.line == line and words in issue.message, issue
    before = {p: p.read_bytes() for p in (repo / "content" / "records").rglob("*.yml")}
    with pytest.raises(RecordError) as err:
        pipeline.extract(repo)
    assert f"content/curation/claims/{name}" in str(err.value)
    assert {p: p.read_bytes() for p in (repo / "content" / "records").rglob("*.yml")} == before


def test_bad_sidecar_is_a_warning_and_the_document_still_builds(repo):
    write(repo / "content" / "sources" / "doc.txt.meta.yml", "publisher: X\nurl: javascript:alert(1)\n")
    report = pipeline.extract(repo)
    assert report.documents == 1
    assert any(w.startswith("content/sources/doc.txt.meta.yml:2:") for w in report.warnings), report.warnings
    assert records.load_records(repo / "content").sources["doc"].url is None
    problems = [str(p) for p in check.check(repo)]
    assert any(p.startswith("content/sources/doc.txt.meta.yml:2:") for p in problems), problems


def test_sidecar_without_document_is_reported(repo):
    write(repo / "content" / "sources" / "missing.txt.meta.yml", "publisher: X\n")
    problems = [str(p) for p in check.check(repo)]
    assert any("missing.txt.meta.yml" in p and "no document" in p for p in problems), problems


# ---------------------------------------------------------------------------------------
# Anchoring
# ---------------------------------------------------------------------------------------

def test_anchor_exact_normalized_occurrence_prefix():
    text = "Aa bb.\nCc\u200f  dd\nee. Aa bb. Aa bb."
    assert curation.anchor(text, "Cc dd") == (7, 14)
    with pytest.raises(curation.AnchorError, match="3 times"):
        curation.anchor(text, "Aa bb.")
    assert curation.anchor(text, "Aa bb.", occurrence=2) == (19, 25)
    assert curation.anchor(text, "Aa bb.", prefix="ee.") == (19, 25)
    with pytest.raises(curation.AnchorError, match="not in the document"):
        curation.anchor(text, "zz")
    with pytest.raises(curation.AnchorError, match="occurs 3"):
        curation.anchor(text, "Aa bb.", occurrence=4)


# ---------------------------------------------------------------------------------------
# apply() on small records: pins and merges rewrite every reference
# ---------------------------------------------------------------------------------------

def _small(tmp_path):
    from conftest import DOC_TEXT, make_records
    from dossier.model import Actor, Document, Mention

    recs = make_records()
    doc = Document(source=recs.sources["doc"], text=DOC_TEXT)
    start = DOC_TEXT.index("Ana Silva")
    # A second actor extraction did not link: the same person under another spelling.
    recs.actors["silva"] = Actor(id="silva", name="Silva", kind="person",
                                 mentions=[Mention("doc", start + 4, start + 9, "Silva")])
    recs.claims["ana-silva-arrested"].actors.append("silva")
    recs.claims["ana-silva-arrested"].evidence[1].attributed_to = "silva"
    recs.sources["doc"].cites.append("silva")
    return recs, doc


@pytest.mark.parametrize("decision", ["merge: [silva]\n", "aliases: [silva]\n"])
def test_merge_and_pinned_alias_rewrite_references(tmp_path, decision):
    recs, doc = _small(tmp_path)
    write(tmp_path / "content" / "curation" / "actors" / "ana-silva.yml", decision)
    result = curation.apply(tmp_path / "content", [doc], recs.actors, list(recs.claims.values()))
    assert result.orphans == [] and "silva" not in recs.actors
    ana = recs.actors["ana-silva"]
    assert ana.former_ids == ["silva"] and {m.text for m in ana.mentions} == {"Ana Silva", "Silva"}
    (claim,) = result.claims
    assert claim.actors == ["ana-silva"] and claim.evidence[1].attributed_to == "ana-silva"
    assert doc.source.cites == ["ana-silva", "reuters"]


def test_unknown_ids_in_decisions_are_orphans(tmp_path):
    recs, doc = _small(tmp_path)
    cur = tmp_path / "content" / "curation"
    write(cur / "actors" / "nobody.yml", "description: x\n")
    write(cur / "actors" / "ana-silva.yml", "merge: [ghost]\n")
    write(cur / "claims" / "ana-silva-arrested.yml", "actors: [ghost]\nadd_evidence:\n- source: nowhere\n  quote: x\n  added_by: e\n")
    result = curation.apply(tmp_path / "content", [doc], recs.actors, list(recs.claims.values()))
    got = sorted((o.path.split("/")[-1], o.line) for o in result.orphans)
    assert got == [("ana-silva-arrested.yml", 1), ("ana-silva-arrested.yml", 3), ("ana-silva.yml", 1), ("nobody.yml", 1)]
    assert all(o.orphan for o in result.orphans)


def test_curation_link_out_of_its_folder_is_refused(repo):
    (repo / "elsewhere.yml").write_text("statement: from outside\n", encoding="utf-8")
    link = repo / "content" / "curation" / "claims" / "ana-silva-arrested.yml"
    link.parent.mkdir(parents=True)
    link.symlink_to(repo / "elsewhere.yml")
    overlay, issues = curation.load(repo / "content", repo)
    assert overlay.claims == [] and len(issues) == 1 and "outside" in issues[0].message


def test_sidecar_changes_the_document_cache_key(repo):
    from dossier import incremental as cache

    doc = repo / "content" / "sources" / "doc.txt"
    before = cache.document_key(doc, repo)
    write(doc.with_name("doc.txt.meta.yml"), "published: 2025-10-21\n")
    assert cache.document_key(doc, repo) != before


# ---------------------------------------------------------------------------------------
# Claim merges, translations, rejection marks, selectors of added evidence
# ---------------------------------------------------------------------------------------

def _two_claims(tmp_path):
    """The small records plus a second claim quoting the Arabic sentence alone."""
    from dossier.model import Claim

    recs, doc = _small(tmp_path)
    first = recs.claims["ana-silva-arrested"]
    other = Claim(id="news-true", statement="The news is true.", actors=["reuters"], evidence=[first.evidence[1]])
    first.evidence = first.evidence[:1]
    recs.claims[other.id] = other
    return recs, doc


def test_claim_merge_folds_evidence_actors_and_ids(tmp_path):
    recs, doc = _two_claims(tmp_path)
    write(tmp_path / "content" / "curation" / "claims" / "ana-silva-arrested.yml", "merge: [news-true]\n")
    result = curation.apply(tmp_path / "content", [doc], recs.actors, list(recs.claims.values()))
    assert result.orphans == []
    (claim,) = result.claims
    assert claim.id == "ana-silva-arrested" and claim.former_ids == ["news-true"]
    assert len(claim.evidence) == 2 and claim.actors == ["ana-silva", "reuters", "silva"]


@pytest.mark.parametrize("files, line, words", [
    ({"a.yml": "merge: [a]\n"}, 1, "merged into itself"),
    ({"a.yml": "merge: [b]\n", "b.yml": "statement: x\nmerge: [c]\n", "c.yml": "merge: [a]\n"}, 1, "merge cycle"),
    ({"a.yml": "reject: true\nreason: wrong\nmerge: [b]\n"}, 3, "rejected claim cannot"),
    ({"a.yml": "translation: Hello\n"}, 1, "translated_by"),
])
def test_bad_merges_and_translations_name_file_and_line(repo, files, line, words):
    for name, text in files.items():
        write(repo / "content" / "curation" / "claims" / name, text)
    _overlay, issues = curation.load(repo / "content", repo)
    assert issues, files
    first = min(issues)
    assert first.path.endswith("a.yml") and first.line == line and words in first.message, issues
    if "cycle" in words:
        assert {i.path.rsplit("/", 1)[-1] for i in issues} == {"a.yml", "b.yml", "c.yml"}
        assert "a -> b -> c -> a" in first.message


def test_rejected_claim_is_marked_not_removed(tmp_path):
    recs, doc = _small(tmp_path)
    write(tmp_path / "content" / "curation" / "claims" / "ana-silva-arrested.yml",
          "reject: true\nreason: Not a claim.\nrejected_by: Jane Editor\nrejected_on: 2025-11-04\n")
    result = curation.apply(tmp_path / "content", [doc], recs.actors, list(recs.claims.values()))
    (claim,) = result.claims
    assert (claim.rejected.reason, claim.rejected.by, claim.rejected.date) == \
        ("Not a claim.", "Jane Editor", "2025-11-04")
    assert len(claim.evidence) == 2  # the record keeps what it was, for its page


def test_translations_of_statement_and_quotes(tmp_path):
    from conftest import DOC_TEXT

    recs, doc = _small(tmp_path)
    write(tmp_path / "content" / "curation" / "claims" / "ana-silva-arrested.yml", """\
translation: Ana Silva fue detenida.
translated_by: Jane Editor
translate_evidence:
- source: doc
  quote: قال إن الخبر صحيح
  translation: said the news is true
  translated_by: Jane Editor
add_evidence:
- source: doc
  quote: Reuters reported
  added_by: Jane Editor
  translation: Reuters informó
  translated_by: Juan
""")
    result = curation.apply(tmp_path / "content", [doc], recs.actors, list(recs.claims.values()))
    assert result.orphans == []
    (claim,) = result.claims
    assert (claim.translation, claim.translated_by) == ("Ana Silva fue detenida.", "Jane Editor")
    arabic = [e for e in claim.evidence if e.language == "ar"][0]
    assert (arabic.translation, arabic.translated_by) == ("said the news is true", "Jane Editor")
    added = [e for e in claim.evidence if e.added_by][0]
    assert (added.translation, added.translated_by) == ("Reuters informó", "Juan")
    # the added evidence carries its TextQuoteSelector context, trimmed at the document's start
    assert added.prefix is None and added.suffix == DOC_TEXT[added.end:added.end + 32]


def test_the_worked_example_in_the_docs_applies_to_the_sample(tmp_path):
    """docs/curation.md's worked example: every file parses, every quote and id is in the
    sample, nothing is orphaned (it is regenerated with the sample's records)."""
    import re

    from dossier.extract.ingest import load_document
    from dossier.model import Document

    text = (REPO / "docs" / "curation.md").read_text(encoding="utf-8")
    example = text[text.index("### Worked example"):text.index("### Claims:")]
    content = tmp_path / "content"
    for block in re.findall(r"```yaml\n(.*?)```", example, re.S):
        first = block.splitlines()[0]
        target = first.split("#", 1)[1].split()[0]
        if target.startswith("content/sources/"):
            continue  # a sidecar of placeholders
        write(tmp_path / target, block)
    recs = records.load_records(REPO / "content")
    docs = [Document(source=s, text=load_document(REPO / s.path, REPO).text) for s in recs.sources.values()]
    result = curation.apply(content, docs, recs.actors, list(recs.claims.values()))
    assert result.orphans == [], [str(o) for o in result.orphans]
    by_id = {c.id: c for c in result.claims}
    claim = by_id["whether-ramiz-mekhtiyev-was-detained"]
    assert claim.verdict.rating == "mostly-true"
    assert [e.translated_by for e in claim.evidence if e.translation] == ["Jane Editor", "Jane Editor"]
    assert "whether-azerbaijan-assigned-blame-for-the-crash" not in by_id
    assert by_id["whether-ilham-aliyev-criticized-moscow"].former_ids == \
        ["whether-azerbaijan-assigned-blame-for-the-crash"]


def test_sidecar_retrieved_date_reaches_the_source_record(tmp_path):
    recs, doc = _small(tmp_path)
    write(tmp_path / "content" / "sources" / "doc.txt", "x")
    write(tmp_path / "content" / "sources" / "doc.txt.meta.yml", "retrieved: 2025-10-22\n")
    curation.apply(tmp_path / "content", [doc], recs.actors, list(recs.claims.values()))
    assert doc.source.retrieved == "2025-10-22"


def test_check_reports_decisions_the_records_do_not_show(repo):
    cur = repo / "content" / "curation" / "claims"
    write(cur / "ana-silva-arrested.yml", "reject: true\nreason: wrong\n")
    problems = [str(p) for p in check.check(repo)]
    assert any("rejected but its record is not marked so" in p for p in problems), problems
    write(cur / "ana-silva-arrested.yml", "merge: [other]\ntranslation: T\ntranslated_by: E\n")
    problems = [str(p) for p in check.check(repo)]
    assert any(p.startswith("content/curation/claims/ana-silva-arrested.yml:1: merge: 'other' is not merged")
               for p in problems), problems
    assert any(":2: translation differs from the record" in p for p in problems), problems
