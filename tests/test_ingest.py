"""dossier.extract.ingest: discovery, ids, decoding, header metadata and boilerplate spans."""
from pathlib import Path

import pytest

from dossier.extract import decode
from dossier.model.errors import InputError
from dossier.extract.decode import MAX_BYTES, decode_bytes
from dossier.extract.ingest import discover, load_document, source_id

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "content" / "sources"
FIX = ROOT / "tests" / "fixtures" / "ingest"


def load(name: str):
    path = SOURCES / name if (SOURCES / name).exists() else FIX / name
    return load_document(path, ROOT)


def sample(prefix: str):
    (path,) = [p for p in SOURCES.iterdir() if p.name.startswith(prefix)]
    return load_document(path, ROOT)


def spans_of(doc, kind):
    return [doc.text[s.start:s.end] for s in doc.source.boilerplate if s.kind == kind]


def covered(doc, needle, kind=None):
    """True when every character of `needle` (first occurrence after `after`) is in a span."""
    start = doc.text.index(needle)
    end = start + len(needle)
    return any(s.start <= start and end <= s.end and (kind is None or s.kind == kind)
               for s in doc.source.boilerplate)


# --- discovery and ids -----------------------------------------------------------------

def test_discover_sorts_and_skips_hidden_and_sidecars(tmp_path):
    for name in ["b.txt", "a.md", "c.html", "d.htm", "e.markdown", ".hidden.txt", "a.md.yml",
                 "x.json", "notes.yaml", "image.png"]:
        (tmp_path / name).write_text("Some text here.", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "z.txt").write_text("x", encoding="utf-8")
    assert [p.name for p in discover(tmp_path)] == ["a.md", "b.txt", "c.html", "d.htm", "e.markdown"]
    assert discover(tmp_path / "missing") == []


def test_source_id():
    assert source_id(Path("000_9dd07629faa62ffe.txt")) == "000-9dd07629faa62ffe"
    assert source_id(Path("Москва Новости.md")) == "moskva-novosti"
    fallback = source_id(Path("___.txt"))
    assert len(fallback) == 12 and all(c in "0123456789abcdef" for c in fallback)
    assert source_id(Path("___.txt")) == fallback


# --- decoding --------------------------------------------------------------------------

def test_cp1256_arabic_fixture():
    doc = load("arabic_cp1256.txt")
    assert doc.source.encoding == "cp1256"
    assert doc.text.startswith("زعمت صحيفة روسية أن محاولة انقلاب")
    assert "\r" not in doc.text


def test_cp1254_turkish_fixture():
    doc = load("turkish_cp1254.txt")
    assert doc.source.encoding == "cp1254"
    assert "Cumhurbaşkanlığı Ofisi'nde görev değişikliği" in doc.text


def test_utf16_fixture():
    doc = load("english_utf16.txt")
    assert doc.source.encoding == "utf-16"
    assert doc.text.startswith("Officials said the talks")


def test_crlf_and_nul_are_normalised():
    doc = load("with_nul.txt")
    assert doc.text == "First line.\nSecond line.\nThird line.\n"
    assert doc.source.encoding == "utf-8"


def test_decode_utf8_bom_and_strict_utf8():
    assert decode_bytes("\ufeffHello.".encode("utf-8"), "x.txt") == ("Hello.", "utf-8-sig")
    assert decode_bytes("Привет, мир.".encode("utf-8"), "x.txt") == ("Привет, мир.", "utf-8")
    text, enc = decode_bytes("Привет, как дела у всех сегодня вечером в Москве?".encode("cp1251"), "x.txt")
    assert text == "Привет, как дела у всех сегодня вечером в Москве?"


@pytest.mark.parametrize("name, words", [
    ("binary.txt", "binary"), ("image.html", "PNG"), ("empty.txt", "empty"), ("blank.md", "white space"),
])
def test_bad_files_raise_input_error_naming_the_file(name, words):
    with pytest.raises(InputError) as err:
        load(name)
    assert f"tests/fixtures/ingest/{name}" in str(err.value)
    assert words in str(err.value)


def test_oversized_file_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_text("Some text. " * 20, encoding="utf-8")
    monkeypatch.setattr(decode, "MAX_BYTES", 50)
    with pytest.raises(InputError, match="big.txt"):
        load_document(path, tmp_path)
    assert MAX_BYTES == 20 * 1024 * 1024


# --- HTML ------------------------------------------------------------------------------

def test_html_extraction_drops_scripts_and_reads_metadata():
    doc = load("article.html")
    src = doc.source
    assert "EVIL" not in doc.text and "stolen" not in doc.text and "color: red" not in doc.text
    assert "The transport minister resigned on Tuesday" in doc.text
    assert src.title == "Minister resigns after report"
    assert src.author == "Jane Doe"
    assert src.publisher == "Example Times"
    assert src.url == "https://example.org/news/minister-resigns"
    assert (src.published, src.published_precision) == ("2024-03-12", "day")
    assert src.path == "tests/fixtures/ingest/article.html"


# --- header metadata, fixtures -----------------------------------------------------------

def test_markdown_front_matter_is_honoured_and_set_aside():
    doc = load("article_de.md")
    src = doc.source
    assert (src.title, src.author, src.publisher) == ("Regierung kündigt Reform an", "Anna Schmidt", "Beispiel Zeitung")
    assert (src.published, src.published_precision) == ("2024-03-12", "day")
    assert src.boilerplate[0].start == 0 and src.boilerplate[0].kind == "header"
    assert covered(doc, "Berlin (dpa) –", "header")
    assert covered(doc, "Teilen Drucken", "share")
    assert covered(doc, "Meistgelesen\nEin ganz anderer Artikel", "most-read")


def test_russian_header_labels_byline_caption_read_also():
    doc = load("article_ru.txt")
    src = doc.source
    assert src.title == "Правительство объявило о новой программе поддержки регионов"
    assert (src.published, src.published_precision) == ("2024-03-12", "day")
    assert src.author == "Иван Петров"
    assert covered(doc, "Политика", "header")
    assert covered(doc, "Фото: ТАСС", "caption")
    assert covered(doc, "Читайте также:\nСовсем другая новость", "read-also")
    assert not covered(doc, "Эксперты считают")


def test_inline_byline_dateline(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Yayın tarihi: 12 Mart 2024\n\nAnkara (Örnek Ajans) – Bakan bugün yaptığı açıklamada "
                    "yeni bir paket açıkladı. Paket iki yıl sürecek.\n", encoding="utf-8")
    doc = load_document(path, tmp_path)
    assert (doc.source.published, doc.source.publisher) == ("2024-03-12", "Örnek Ajans")
    assert doc.source.title is None
    assert covered(doc, "Ankara (Örnek Ajans) –", "header")
    assert not covered(doc, "Bakan bugün")


def test_unknown_metadata_stays_none(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("The minister resigned on Tuesday after a long report. It was a surprise to many.\n",
                    encoding="utf-8")
    src = load_document(path, tmp_path).source
    assert (src.title, src.published, src.published_precision, src.publisher, src.author, src.url) == (None,) * 6


# --- the five sample documents -----------------------------------------------------------

def test_sample_000_turkish_dateline():
    doc = sample("000_")
    src = doc.source
    assert src.id == "000-9dd07629faa62ffe"
    assert src.path == "content/sources/000_9dd07629faa62ffe.txt"
    assert (src.published, src.published_precision) == ("2025-10-19", "day")
    assert (src.publisher, src.author) == ("Son Mühür", "Yiğit Uzun")
    assert src.title is None
    header = spans_of(doc, "header")[0]
    assert header.strip().startswith("date 2025-10-19") and "Rusya" not in header
    assert len(src.sha256) == 64


def test_sample_001_arabic_tags_and_read_also():
    doc = sample("001_")
    src = doc.source
    assert src.title == "هل شهدت أذربيجان محاولة انقلاب فاشلة؟"
    assert (src.published, src.published_precision) == ("2025-10-19", "day")
    assert src.publisher == "زمان التركية"
    assert covered(doc, "كلمات دلالية", "tags")
    assert covered(doc, "إقرأ أيضاً:", "read-also")
    assert covered(doc, "ومن المتوقع أن تحتل المرحلة الثانية", "read-also")
    assert not covered(doc, "زعمت صحيفة")


def test_sample_002_english_caption_footer_no_date():
    doc = sample("002_")
    src = doc.source
    assert src.published is None and src.published_precision is None
    assert src.title == "Moscow warns Azerbaijan of planned coup by head of Presidential Administration"
    captions = spans_of(doc, "caption")
    assert len(captions) == 2 and all("shakes hands" in c for c in captions)
    assert covered(doc, "Editor in chief", "footer")
    assert covered(doc, "pdfshareprint", "share")
    assert covered(doc, "NewsPolitics", "header")
    assert not covered(doc, "It has emerged that")


def test_sample_003_arabic_most_read_and_repeats():
    doc = sample("003_")
    src = doc.source
    assert (src.published, src.published_precision) == ("2025-10-21", "day")
    assert src.title.startswith("رغم علاقته المتذبذبة")
    assert covered(doc, "الأكثر قراءة", "most-read")
    assert covered(doc, "اقتصاد وأعمال", "most-read")
    assert covered(doc, "Smaller Bigger", "share")
    # The headline is kept once; its repeats are set aside.
    first = doc.text.index(src.title)
    assert not any(s.start <= first < s.end for s in src.boilerplate)
    assert sum(1 for s in src.boilerplate if doc.text[s.start:s.end] == src.title) == 2
    assert len([c for c in spans_of(doc, "caption") if "(وكالات)" in c]) == 3


def test_sample_004_no_header_metadata():
    src = sample("004_").source
    assert (src.title, src.published, src.publisher, src.author) == (None, None, None, None)


def test_spans_are_sorted_non_overlapping_and_deterministic():
    for path in discover(SOURCES):
        a = load_document(path, ROOT)
        b = load_document(path, ROOT)
        assert a == b
        spans = a.source.boilerplate
        for x, y in zip(spans, spans[1:]):
            assert x.end <= y.start
        for s in spans:
            assert 0 <= s.start < s.end <= len(a.text)


@pytest.mark.parametrize("line, published, publisher", [
    ("Eurasia Wire | Moscow | 12 May 2026", "2026-05-12", "Eurasia Wire"),
    ("By Staff Reporters | BERLIN, Germany, March 3, 2026", "2026-03-03", None),
    ("Le Journal de l'Est — 4 mars 2026 à 09h15", "2026-03-04", "Le Journal de l'Est"),
    ("La Voz Internacional | 5 de noviembre de 2026", "2026-11-05", "La Voz Internacional"),
    # the outlet before the date with a comma, in several languages; a city there is a dateline
    ("Nordwest-Kurier Online, 4. November 2026", "2026-11-04", "Nordwest-Kurier Online"),
    ("Вечерний вестник, 13 мая 2026", "2026-05-13", "Вечерний вестник"),
    ("Le Petit Varnois, 3 novembre 2026", "2026-11-03", "Le Petit Varnois"),
    ("Moscow, 3 March 2026", "2026-03-03", None),
    ("MOSCOW, March 3, 2026", "2026-03-03", None),
])
def test_a_header_line_of_parts_set_off_by_bars_gives_date_and_outlet(tmp_path, line, published, publisher):
    (tmp_path / "content" / "sources").mkdir(parents=True)
    path = tmp_path / "content" / "sources" / "doc.txt"
    path.write_text(f"A headline about a fire in a port\n\n{line}\n\nA fire broke out in the port on Monday. "
                    "Firefighters worked through the night to put it out.\n", encoding="utf-8")
    doc = load_document(path, tmp_path)
    assert (doc.source.published, doc.source.publisher) == (published, publisher)
    assert doc.source.title == "A headline about a fire in a port"
    start = doc.text.index(line)
    assert any(s.start <= start and s.end >= start + len(line) for s in doc.source.boilerplate)  # never a quote


def test_a_body_line_repeating_the_front_matter_title_is_header_not_prose(tmp_path):
    # saved pages often repeat their headline as the first line of the text: a headline in
    # title case ("Senior Official Urges Global Action") would otherwise read as prose with names
    title = "Warning of Its Impact, Senior Official Urges Global Action to Address Leaks, in Council Briefing"
    path = tmp_path / "a.md"
    path.write_text(f'---\ntitle: "{title}"\n---\n\n{title}\n\nThe leaks were found on Monday.\n', encoding="utf-8")
    doc = load_document(path, tmp_path)
    repeated = doc.text.index(title, doc.text.index("---", 3))
    assert any(s.start <= repeated and repeated + len(title) <= s.end and s.kind == "header"
               for s in doc.source.boilerplate)
    assert not any(s.start <= doc.text.index("The leaks") < s.end for s in doc.source.boilerplate)


@pytest.mark.parametrize("url, published", [
    ("https://news.example/2026/03/04/port-fire", "2026-03-04"),   # news sites file articles by day
    ("https://news.example/a/202603/04/WS1.html", "2026-03-04"),
    ("https://news.example/world/720780", None),                   # an id is no date
])
def test_an_undated_document_takes_the_day_its_address_names(tmp_path, url, published):
    path = tmp_path / "a.md"
    path.write_text(f'---\ntitle: "A fire in a port"\nurl: {url}\n---\n\nA fire broke out in the port.\n', encoding="utf-8")
    doc = load_document(path, tmp_path)
    assert (doc.source.published, doc.source.published_precision) == (published, "day" if published else None)
    dated = tmp_path / "b.md"  # a date the document states wins
    dated.write_text(f'---\ntitle: "A fire"\nurl: {url}\npublished: 2026-03-09\n---\n\nA fire broke out.\n', encoding="utf-8")
    assert load_document(dated, tmp_path).source.published == "2026-03-09"
