"""Which events a document reports or refers to (assemble/events.py), on sentences written for the test."""

from __future__ import annotations

from datetime import date

import pytest
from tests.conftest import language

from corridor_ie.api import resources, tag_text
from corridor_ie.assemble import events as ev_mod
from corridor_ie.assemble.events import event_id, reported_event
from corridor_ie.types import CharSpan, CleanDoc, Mention, SegmentedDoc, Source, TaggedDoc

CORRIDOR = "series.economic-corridor"


@pytest.fixture(scope="module")
def gaz():
    return resources().gazetteer


def doc_events(t: TaggedDoc, gaz) -> list:
    return ev_mod.doc_events(t, gaz, language(t.seg.lang).events)


def link_editions(t: TaggedDoc, gaz) -> list:
    return ev_mod.link_editions(t, gaz, language(t.seg.lang).events)


def events(text: str, gaz, lang: str | None = None, published: str | None = None):
    return {e.event_id: e for e in doc_events(tag_text(text, lang=lang, published=published), gaz)}


def test_event_id_is_series_and_edition_else_year():
    assert event_id("series.x", 10, 2023) == "series.x#10"
    assert event_id("series.x", None, 2024) == "series.x@2024"
    assert event_id("series.x", None, None) is None
    assert event_id(None, 10, 2023) is None


def test_highest_open_edition_is_reported_future_one_referenced(gaz):
    ev = events("Chiều 13/11/2023, Hội nghị hợp tác hành lang kinh tế lần thứ 10 đã bế mạc tại Hà Nội. "
                "Hội nghị lần thứ 11 sẽ được tổ chức tại tỉnh Vân Nam vào năm 2025.", gaz)
    assert ev[f"{CORRIDOR}#10"].status == "reported"
    assert ev[f"{CORRIDOR}#11"].status == "referenced"
    assert ev[f"{CORRIDOR}#11"].year == 2025


def test_lower_edition_is_referenced_with_its_year(gaz):
    ev = events("Các tỉnh ký Biên bản Hội nghị hợp tác hành lang kinh tế lần thứ IX. "
                "Biên bản Hội nghị lần thứ VIII được tổ chức năm 2017 tại Hải Phòng.", gaz)
    assert ev[f"{CORRIDOR}#9"].status == "reported"
    assert (ev[f"{CORRIDOR}#8"].status, ev[f"{CORRIDOR}#8"].year) == ("referenced", 2017)


def test_stated_later_year_makes_an_edition_referenced(gaz):
    ev = events("Hội nghị hợp tác hành lang kinh tế lần thứ 10 diễn ra ngày 13/11/2023. "
                "Hội nghị lần thứ 11 năm 2025 do tỉnh Vân Nam đăng cai tổ chức.", gaz)
    assert ev[f"{CORRIDOR}#10"].status == "reported"
    assert ev[f"{CORRIDOR}#11"].status == "referenced"


def test_session_of_another_body_is_not_an_edition_of_the_series(gaz):
    ev = events("Hội nghị hợp tác hành lang kinh tế lần thứ 10 đã bế mạc. "
                "Tiếp tục Chương trình Kỳ họp thứ 8, Quốc hội thảo luận tại hội trường.", gaz)
    assert set(ev) == {f"{CORRIDOR}#10"}


def test_named_other_conference_is_not_the_main_series(gaz):
    ev = events("Hội nghị hợp tác hành lang kinh tế lần thứ 10 đã bế mạc. "
                "Ban Chấp hành tổ chức Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 5.", gaz)
    assert set(ev) == {f"{CORRIDOR}#10"}


def test_chinese_edition_stands_before_its_noun(gaz):
    ev = events("第十次中越五省市经济走廊合作会议在越南首都河内举行。第八次会议于2017年在越南海防市举行。", gaz, lang="zh")
    assert ev[f"{CORRIDOR}#10"].status == "reported"
    assert (ev[f"{CORRIDOR}#8"].status, ev[f"{CORRIDOR}#8"].year) == ("referenced", 2017)


def test_english_elliptical_edition_shares_the_series(gaz):
    ev = events("Delegates met at the 10th Economic Corridor Cooperation Conference in Hanoi on November 13-14, 2023. "
                "The eighth conference took place in Hai Phong in 2017 and the ninth in 2019.", gaz, lang="en")
    assert ev[f"{CORRIDOR}#10"].status == "reported"
    assert ev[f"{CORRIDOR}#9"].year == 2019 and ev[f"{CORRIDOR}#8"].year == 2017


def test_series_without_edition_is_reported_with_its_year(gaz):
    t = tag_text("Sáng 6/11/2024, tại thành phố Côn Minh diễn ra Diễn đàn Tỉnh trưởng Hành lang kinh tế "
                 "Khu vực tiểu vùng sông Mê Kông năm 2024.")
    ev = reported_event(doc_events(t, gaz))
    assert ev is not None
    assert (ev.event_id, ev.edition, ev.year) == ("series.gms-governors-forum@2024", None, 2024)


def test_no_series_no_event(gaz):
    assert events("Hội nghị lần thứ 5 đã diễn ra tại Hà Nội.", gaz) == {}


def test_evidence_sentences_and_spans_are_inside_the_text(gaz):
    t = tag_text("Hội nghị hợp tác hành lang kinh tế lần thứ 10 đã bế mạc. Hội nghị lần thứ 11 sẽ tổ chức năm 2025.")
    for ev in doc_events(t, gaz):
        for s, e in ev.sentences + ev.spans:
            assert 0 <= s < e <= len(t.text)
    rep = reported_event(doc_events(t, gaz))
    assert rep is not None and all("11" not in t.text[s:e] for s, e in rep.spans)


def _doc(text: str, mentions: list[Mention], lang: str = "vi") -> TaggedDoc:
    clean = CleanDoc(doc_id="x", source=Source(path="<test>"), text=text)
    seg = SegmentedDoc(clean=clean, lang=lang, sentences=(CharSpan(0, len(text)),), tokens=(),
                       published=date(2023, 11, 13))
    return TaggedDoc(seg, tuple(sorted(mentions, key=lambda m: m.start)))


def _m(text: str, piece: str, label: str, **kw) -> Mention:
    i = text.index(piece)
    return Mention(label, i, i + len(piece), piece, **kw)


def test_link_editions_on_hand_made_mentions(gaz):
    text = "Hội nghị Foo lần thứ 3 và Hội nghị lần thứ 2 đã diễn ra."
    t = _doc(text, [_m(text, "Hội nghị Foo", "SERIES", id="series.foo"),
                    _m(text, "lần thứ 3", "EDITION", value=3),
                    _m(text, "lần thứ 2", "EDITION", value=2)])
    links = link_editions(t, gaz)
    assert [(lk.mention.value, lk.series_id) for lk in links] == [(3, "series.foo"), (2, "series.foo")]
    ev = {e.edition: e.status for e in doc_events(t, gaz)}
    assert ev == {3: "reported", 2: "referenced"}
