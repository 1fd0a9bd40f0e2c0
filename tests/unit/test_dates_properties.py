"""Property tests: the recognisers never fail, and their hits are well formed, on any input."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import language

from corridor_ie.tag.dates import KINDS, find_dates
from corridor_ie.tag.editions import find_editions
from corridor_ie.tag.quantities import find_quantities

_ISO_PART = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
_ISO = re.compile(rf"{_ISO_PART}(?:/{_ISO_PART})?")
_YEARLESS = re.compile(r"--(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])")

# text built from date-ish pieces hits the patterns far more often than arbitrary unicode does
_PIECES = ["Sáng ", "Chiều ", "ngày ", "tháng ", "năm ", "từ ", " đến ", "giai đoạn ", "hôm nay", "năm tới",
           "lần thứ ", "hơn ", " đại biểu", "年", "月", "日", "至", "下午", "今年", "第", "次", "十", "二",
           "November ", "Nov ", "in ", "the ", "th", ", ", "/", ".", "-", " – ", " ", "13", "14", "2", "29",
           "31", "12", "2023", "2017", "1899", "2101", "0", "9", "X", "IX", "MIX"]
_datey = st.lists(st.sampled_from(_PIECES), max_size=25).map("".join)
_texts = st.one_of(st.text(max_size=200), _datey)
_langs = st.one_of(st.sampled_from(["vi", "zh", "en"]), st.text(max_size=3))
_anchors = st.one_of(st.none(), st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31)))


def _valid_iso(value: str) -> bool:
    if not _ISO.fullmatch(value):
        return False
    ends = value.split("/")
    for end in ends:
        y, *rest = (int(p) for p in end.split("-"))
        if not 1900 <= y <= 2100:
            return False
        if len(rest) == 2:
            date(y, *rest)
        elif rest and not 1 <= rest[0] <= 12:
            return False
    return len(ends) == 1 or (len(ends[0]) == len(ends[1]) and ends[0] < ends[1])


def _well_ordered(hits: list) -> bool:
    return all(a.end <= b.start for a, b in zip(hits, hits[1:], strict=False)) and all(
        h.start < h.end for h in hits)


@settings(max_examples=400, deadline=None)
@given(text=_texts, lang=_langs, anchor=_anchors)
def test_dates_are_well_formed(text: str, lang: str, anchor: date | None) -> None:
    hits = find_dates(text, language(lang), anchor)
    assert _well_ordered(hits)
    for h in hits:
        assert text[h.start:h.end] == h.text
        assert h.kind in KINDS
        assert h.part_of_day in (None, "morning", "afternoon", "evening")
        assert h.year_source in (None, "explicit", "context", "anchor")
        if h.value is not None and _YEARLESS.fullmatch(h.value):
            assert h.year_source is None, h  # a day whose year the text does not give ("--01-01")
            continue
        assert (h.value is None) == (h.year_source is None)
        if h.value is not None:
            assert _valid_iso(h.value), h
        if anchor is None:
            assert h.year_source != "anchor"


@settings(max_examples=300, deadline=None)
@given(text=_texts, lang=_langs)
def test_editions_and_quantities_are_well_formed(text: str, lang: str) -> None:
    for hits in (find_editions(text, language(lang)), find_quantities(text, language(lang))):
        assert _well_ordered(hits)
        for h in hits:
            assert text[h.start:h.end] == h.text
            assert h.value > 0


def test_iso_checker_rejects_bad_values() -> None:
    assert _valid_iso("2023-11-13/2023-11-14") and _valid_iso("2017/2019") and _valid_iso("2025-12")
    assert not _valid_iso("2023-11-14/2023-11-13")
    assert not _valid_iso("2023-13")
    assert not _valid_iso("2023-11/2024")
