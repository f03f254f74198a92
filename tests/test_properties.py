"""Property-based tests (hypothesis): quote anchoring and record YAML round trips on arbitrary
Unicode, Arabic letters, RTL marks and bidi controls included."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.extract import curation
from dossier.model import Claim, Evidence, RECORD_TYPES, Verdict, from_dict, to_dict
from dossier.io.safe_yaml import _parse, dump_yaml

SETTINGS = settings(max_examples=200, deadline=None, database=None,  # no .hypothesis/ folder in the tree
                    suppress_health_check=[HealthCheck.too_slow])

# Arabic letters and marks, RTL/LTR marks and bidi controls, white space of every kind.
ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" + "ًٌٍَُِّْ" + "،؛؟٠١٢"
MARKS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\ufeff"
SPACE = " \n\t\u00a0\u2009\u3000"
mixed = st.text(alphabet=st.sampled_from(list(ARABIC + MARKS + SPACE + "abcXYZ.'\"-#:{}%<>")), max_size=80)
anything = st.text(max_size=80)  # every code point but lone surrogates
texts = st.one_of(mixed, anything)


@SETTINGS
@given(texts, st.data())
def test_anchor_finds_every_exact_quote(text, data):
    if not text:
        return
    i = data.draw(st.integers(0, len(text) - 1))
    j = data.draw(st.integers(i + 1, len(text)))
    quote = text[i:j]
    starts = [k for k in range(len(text)) if text.startswith(quote, k)]
    start, end = curation.anchor(text, quote, occurrence=starts.index(i) + 1)
    assert (start, end) == (i, j)
    assert text[start:end] == quote
    if len(starts) == 1:
        assert curation.anchor(text, quote) == (i, j)


@SETTINGS
@given(texts, st.data())
def test_anchor_finds_a_quote_copied_from_the_page(text, data):
    """Invisible marks dropped and white space collapsed (as the site shows it): still found,
    and the offsets give the document's own characters."""
    if not text:
        return
    i = data.draw(st.integers(0, len(text) - 1))
    j = data.draw(st.integers(i + 1, len(text)))
    shown = curation.normalize(text[i:j])
    if not shown:
        return
    try:
        start, end = curation.anchor(text, shown)
    except curation.AnchorError as err:
        assert "times" in str(err)  # ambiguous: the caller must choose an occurrence
        start, end = curation.anchor(text, shown, occurrence=1)
    assert curation.normalize(text[start:end]) == shown
    assert 0 <= start < end <= len(text)


def _load(text: str):
    return _parse(text, "t.yml")[0]


@SETTINGS
@given(st.recursive(st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), texts),
                    lambda inner: st.one_of(st.lists(inner, max_size=4),
                                            st.dictionaries(st.text(min_size=1, max_size=12), inner, max_size=4)),
                    max_leaves=12))
def test_yaml_round_trip_of_plain_data(data):
    assert _load(dump_yaml(data)) == data


@SETTINGS
@given(texts, texts, st.text(min_size=1, max_size=40), st.integers(0, 10**6))
def test_claim_record_round_trip(statement, quote, reviewer, start):
    quote = quote or "q"
    claim = Claim(id="c", statement=statement or "s", actors=["a"],
                  evidence=[Evidence(source="s", quote=quote, start=start, end=start + len(quote), language="ar",
                                     attributed_to=None, value=quote[:5] or None, added_by=reviewer)],
                  verdict=Verdict(rating="false", rationale=quote, reviewer=reviewer, date="2025-01-02"))
    text = dump_yaml(to_dict(claim))
    assert from_dict(RECORD_TYPES["claims"], _load(text)) == claim
    assert dump_yaml(to_dict(from_dict(RECORD_TYPES["claims"], _load(text)))) == text  # stable bytes
    assert not any(ch in text for ch in MARKS)  # invisible controls are written as visible escapes
