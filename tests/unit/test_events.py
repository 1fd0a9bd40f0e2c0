"""Which events a document reports or refers to (assemble/events.py), on sentences written for the test."""

from __future__ import annotations

import pytest
from tests.conftest import language

from corridor_ie.api import resources, tag_text
from corridor_ie.assemble import events as ev_mod
from corridor_ie.assemble.events import event_id, reported_event
from corridor_ie.types import TaggedDoc

CORRIDOR = "series.economic-corridor"


@pytest.fixture(scope="module")
def gaz():
    return resources().gazetteer


def doc_events(t: TaggedDoc, gaz) -> list:
    return ev_mod.doc_events(t, gaz, language(t.seg.lang).events)


def events(text: str, gaz, lang: str | None = None, published: str | None = None):
    return {e.event_id: e for e in doc_events(tag_text(text, lang=lang, published=published), gaz)}


def test_event_id_is_series_and_edition_else_year():
    assert event_id("series.x", 10, 2023) == "series.x#10"
    assert event_id("series.x", None, 2024) == "series.x@2024"
    assert event_id("series.x", None, None) is None
    assert event_id(None, 10, 2023) is None


def test_highest_open_edition_is_reported_future_one_planned(gaz):
    ev = events("Chiều 13/11/2023, Hội nghị hợp tác hành lang kinh tế lần thứ 10 đã bế mạc tại Hà Nội. "
                "Hội nghị lần thứ 11 sẽ được tổ chức tại tỉnh Vân Nam vào năm 2025.", gaz)
    assert ev[f"{CORRIDOR}#10"].status == "reported"
    assert ev[f"{CORRIDOR}#11"].status == "planned"  # "sẽ được tổ chức" (was "referenced" before issue 14)
    assert ev[f"{CORRIDOR}#11"].year == 2025


def test_lower_edition_is_referenced_with_its_year(gaz):
    ev = events("Các tỉnh ký Biên bản Hội nghị hợp tác hành lang kinh tế lần thứ IX. "
                "Biên bản Hội nghị lần thứ VIII được tổ chức năm 2017 tại Hải Phòng.", gaz)
    assert ev[f"{CORRIDOR}#9"].status == "reported"
    assert (ev[f"{CORRIDOR}#8"].status, ev[f"{CORRIDOR}#8"].year) == ("referenced", 2017)


def test_stated_later_year_makes_an_edition_planned(gaz):
    ev = events("Hội nghị hợp tác hành lang kinh tế lần thứ 10 diễn ra ngày 13/11/2023. "
                "Hội nghị lần thứ 11 năm 2025 do tỉnh Vân Nam đăng cai tổ chức.", gaz)
    assert ev[f"{CORRIDOR}#10"].status == "reported"
    assert ev[f"{CORRIDOR}#11"].status == "planned"


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


def test_no_series_mechanism_or_sides_no_event(gaz):
    assert events("Hội nghị lần thứ 5 đã diễn ra tại Hà Nội.", gaz) == {}
    assert events("Ông A lần thứ 3 đến thăm tỉnh Vân Nam.", gaz) == {}


def test_unknown_mechanism_gets_a_provisional_series(gaz):
    ev = events("Sáng 18/12, Phiên họp lần thứ V Nhóm công tác liên hợp giữa các tỉnh Lào Cai, Điện Biên (Việt Nam) "
                "và tỉnh Vân Nam (Trung Quốc) đã diễn ra tại Côn Minh.", gaz)
    (e,) = ev.values()
    assert e.event_id == "series.prov.joint-working-group.cn.prov.yunnan+vn.prov.dien-bien+vn.prov.lao-cai#5"
    assert (e.series_status, e.status, e.edition) == ("provisional", "reported", 5)
    assert e.series_name.startswith("Nhóm công tác liên hợp")


def test_provisional_series_id_is_the_same_in_every_language(gaz):
    vi = events("Phiên họp thứ 3 Nhóm công tác liên hợp giữa tỉnh Lào Cai và tỉnh Vân Nam đã diễn ra.", gaz)
    zh = events("老街省与云南省联合工作组第三次会议在昆明举行。", gaz, lang="zh")
    en = events("The third meeting of the Joint Working Group of Lao Cai and Yunnan took place in Kunming.", gaz, lang="en")
    assert set(vi) == set(zh) == set(en) == {"series.prov.joint-working-group.cn.prov.yunnan+vn.prov.lao-cai#3"}


def test_two_mechanisms_in_one_frame_sentence(gaz):
    ev = events("Trong khuôn khổ Hội nghị thường niên lần thứ 3 giữa tỉnh Lào Cai và tỉnh Vân Nam, sáng 27/3 tại "
                "thành phố Lào Cai đã diễn ra Phiên họp thứ 9 Nhóm công tác liên hợp tỉnh Lào Cai và tỉnh Vân Nam.", gaz)
    by_edition = {e.edition: e for e in ev.values()}
    assert by_edition[9].status == "reported" and "joint-working-group" in by_edition[9].series_id
    assert by_edition[3].status == "referenced" and "annual-meeting" in by_edition[3].series_id


def test_bare_edition_belongs_to_the_series_of_the_article(gaz):
    ev = events("Sáng 22/2/2023, Hội nghị lần thứ 14 Ủy ban Công tác liên hợp đã diễn ra. "
                "Hai bên đánh giá việc thực hiện nhận thức chung tại Hội nghị lần thứ 13.", gaz)
    assert ev["series.joint-working-committee#14"].status == "reported"
    assert ev["series.joint-working-committee#13"].status == "referenced"
