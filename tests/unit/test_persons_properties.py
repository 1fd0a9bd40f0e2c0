"""Properties of find_persons on arbitrary input: it never raises and its offsets are exact."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import language

from corridor_ie.tag.persons import find_persons

# Text mixing the characters the recogniser cares about with arbitrary Unicode.
PIECES = st.sampled_from([
    "Chủ tịch", " UBND tỉnh ", "Nguyễn", "Văn", "Lê", "Thị", "ông ", "bà ", "đồng chí ", "các đồng chí:",
    ", ", "; ", ". ", "TP. ", " - ", "王", "予波", "省长", "同志", "先生", "欧阳", "Mr ", "Chairman ",
    "Tran", "Sy", "Wang", " ", "\n", "“", "”",
])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=30).map("".join)


@st.composite
def inputs(draw):
    text = draw(TEXT)
    n = len(text)
    span = st.tuples(st.integers(-2, n + 2), st.integers(-2, n + 2))
    return (text, draw(st.sampled_from(["vi", "zh", "en", "fr", "zh-Hant"])),
            draw(st.lists(span, max_size=4)), draw(st.lists(span, max_size=4)))


@settings(max_examples=300, deadline=None)
@given(inputs())
def test_never_raises_and_offsets_are_exact(args):
    text, lang, titles, blocked = args
    hits = find_persons(text, language(lang), title_spans=titles, blocked=blocked)
    for h in hits:
        assert 0 <= h.start < h.end <= len(text)
        assert text[h.start:h.end] == h.text
        assert 0.0 <= h.score <= 1.0
    assert all(a.end <= b.start for a, b in zip(hits, hits[1:], strict=False))


@settings(max_examples=200, deadline=None)
@given(inputs())
def test_no_hit_overlaps_a_blocked_or_title_span(args):
    text, lang, titles, blocked = args
    hits = find_persons(text, language(lang), title_spans=titles, blocked=blocked)
    for h in hits:
        for s, e in [*titles, *blocked]:
            if 0 <= s < e <= len(text):
                assert not (s < h.end and h.start < e)


@settings(max_examples=100, deadline=None)
@given(TEXT)
def test_deterministic(text):
    assert find_persons(text, language("vi")) == find_persons(text, language("vi"))
