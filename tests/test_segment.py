"""dossier.extract.segment: sentence offsets, abbreviations, languages, flags."""
from pathlib import Path

from dossier.extract.ingest import discover, load_document
from dossier.model import Document, Source, Span
from dossier.extract.segment import detect_language, segment

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "content" / "sources"


def make(text: str, boilerplate=()) -> Document:
    src = Source(id="t", path="t.txt", sha256="0" * 64, language=None, title=None, publisher=None,
                 author=None, published=None, published_precision=None, url=None,
                 boilerplate=list(boilerplate))
    doc = Document(source=src, text=text)
    segment(doc)
    return doc


def texts(doc):
    return [s.text for s in doc.sentences]


def sample(prefix):
    (path,) = [p for p in discover(SOURCES) if p.name.startswith(prefix)]
    doc = load_document(path, ROOT)
    segment(doc)
    return doc


def test_offsets_are_exact_and_stripped():
    doc = make("  First sentence here.  Second one follows!\n\nA third line? Yes.\n")
    assert texts(doc) == ["First sentence here.", "Second one follows!", "A third line?", "Yes."]
    for s in doc.sentences:
        assert doc.text[s.start:s.end] == s.text == s.text.strip()


def test_abbreviations_initials_and_numbers_do_not_split():
    cases = [
        "J. D. Vance will visit Israel on Monday with Dr. Smith and St. John.",
        "The vote was 2.5 times higher vs. last year, No. 10 said.",
        "Die Wahl findet am 9. Oktober statt, z. B. in Berlin.",
        "Он сказал, т. е. подтвердил это официально.",
        "Der Termin ist der 9.10.2025 in Wien.",
    ]
    for case in cases:
        assert texts(make(case)) == [case], case


def test_arabic_initials_and_comma():
    text = "ذكرت وسائل إعلام أن جي. دي. فانس سيزور إسرائيل، بالتزامن مع زيارة المبعوث. وقال مسؤول إن الزيارة مهمة."
    assert texts(make(text)) == [
        "ذكرت وسائل إعلام أن جي. دي. فانس سيزور إسرائيل، بالتزامن مع زيارة المبعوث.",
        "وقال مسؤول إن الزيارة مهمة.",
    ]


def test_arabic_question_mark_splits():
    assert texts(make("لماذا أحبط بوتين الانقلاب؟ يمكن فهم ذلك بسهولة.")) == [
        "لماذا أحبط بوتين الانقلاب؟", "يمكن فهم ذلك بسهولة."]


def test_boilerplate_boundaries_split_and_flag():
    text = "date 2025-10-19 Outlet / Author- The minister resigned today after the report."
    cut = text.index("The minister")
    doc = make(text, [Span(0, cut, "header")])
    assert texts(doc) == ["date 2025-10-19 Outlet / Author-", "The minister resigned today after the report."]
    assert [s.boilerplate for s in doc.sentences] == [True, False]


def test_headings():
    doc = make("Big headline about the vote\n\nThe parliament voted on the bill on Tuesday evening.\n\n"
               "A subheading here\n\nMore prose follows in this paragraph, as usual.\n")
    assert [s.heading for s in doc.sentences] == [True, False, True, False]


def test_markdown_heading_marker_is_not_in_the_sentence():
    doc = make("# The title\n\nSome prose sentence that is long enough.\n")
    assert doc.sentences[0].text == "The title" and doc.sentences[0].heading


def test_detect_language_by_script_and_statistics():
    assert detect_language("مرحبا") == "ar"
    assert detect_language("این یک جمله فارسی است که نوشته شده") == "fa"
    assert detect_language("Привет") == "ru"
    assert detect_language("Це українське речення про їжу") == "uk"
    assert detect_language("Hallo", fallback="de") == "de"
    assert detect_language("The government announced a new programme for the regions.") == "en"
    assert detect_language("Die Regierung hat ein neues Programm für die Regionen angekündigt.") == "de"
    assert detect_language("Hükümet bölgeler için yeni bir destek programı açıkladı.") == "tr"
    assert detect_language("Hökumət regionlar üçün yeni dəstək proqramı elan edib.") == "az"
    # Latin names inside Arabic prose stay Arabic.
    assert detect_language("تحطم Azerbaijan Airlines Passenger Jet أن باكو ألقى اللوم على موسكو.") == "ar"


def test_mixed_document_per_sentence_languages():
    doc = make("قال المتحدث باسم الحكومة إن المحادثات ستستمر الأسبوع المقبل في العاصمة.\n"
               "The spokesman said the talks would continue next week in the capital city.\n"
               "وأضاف أن الوفد سيصل يوم الاثنين لإجراء مشاورات مكثفة مع المسؤولين.\n")
    assert [s.language for s in doc.sentences] == ["ar", "en", "ar"]
    assert doc.source.language == "ar"
    assert doc.source.languages == ["ar", "en"]


def test_short_latin_line_takes_document_language():
    doc = make("Kurz gesagt\n\nDie Regierung hat heute ein neues Programm für die Regionen angekündigt.\n")
    assert [s.language for s in doc.sentences] == ["de", "de"]


def test_samples_languages_and_flags():
    expected = {"000_": "tr", "001_": "ar", "002_": "en", "003_": "ar", "004_": "ar"}
    for prefix, lang in expected.items():
        doc = sample(prefix)
        assert doc.source.language == lang, prefix
        assert lang in doc.source.languages
        for s in doc.sentences:
            assert doc.text[s.start:s.end] == s.text
        assert [s.start for s in doc.sentences] == sorted(s.start for s in doc.sentences)


def test_sample_boilerplate_sentences():
    doc = sample("002_")
    flagged = {s.text for s in doc.sentences if s.boilerplate}
    assert "pdfshareprint" in flagged and "Terms of use." in flagged
    assert not any(s.boilerplate for s in doc.sentences if s.text.startswith("It has emerged"))
    doc = sample("001_")
    prose = [s for s in doc.sentences if not s.boilerplate]
    assert prose[0].heading and prose[0].text.endswith("؟")
    assert not any("فانس" in s.text for s in prose)  # read-also article
    assert any(s.text.startswith("زعمت صحيفة") for s in prose)  # dateline cut off cleanly
    doc = sample("000_")
    assert doc.sentences[0].boilerplate and doc.sentences[1].text.startswith("Rusya")
    headings = [s.text for s in doc.sentences if s.heading]
    assert "Gerilim uçak kazası sonrası tırmandı" in headings


def test_segment_is_deterministic():
    a, b = sample("003_"), sample("003_")
    assert a.sentences == b.sentences and a.source == b.source


def test_a_sentence_of_foreign_names_keeps_its_documents_language():
    # trigrams alone read the second sentence as Turkish; the full models of the two
    # languages, asked because it differs from the document's, read it as English
    doc = make("The ferry sank off the coast on Monday afternoon, the coast guard said.\n"
               "The ferry is operated by a private company, Gökçe Deniz Taşımacılık, which runs several services.\n"
               "Rescue teams searched the water through the night for the missing passengers.\n")
    assert [s.language for s in doc.sentences] == ["en", "en", "en"]
    # a sentence in another language is still that language
    doc = make("The ministry said the talks would continue next week in the capital city.\n"
               "El ministerio dijo que las conversaciones continuarán la próxima semana en la capital.\n"
               "Officials from both sides are expected to attend the meeting on Monday morning.\n")
    assert [s.language for s in doc.sentences] == ["en", "es", "en"]


def test_a_process_forked_after_language_detection_can_still_detect():
    # a detector that preloaded its models would leave lingua's thread pool behind a fork:
    # a worker forked later would wait on it forever when it needs another language
    import os
    import signal

    detect_language("The government announced a new programme for the regions and the cities.")
    pid = os.fork()
    if pid == 0:  # the child: a language the parent never loaded, within the time
        signal.alarm(60)
        ok = detect_language("Die Regierung hat ein neues Programm für die Regionen angekündigt.") == "de"
        os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    assert os.WEXITSTATUS(status) == 0 if os.WIFEXITED(status) else False, status
