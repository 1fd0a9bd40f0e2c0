"""Conference records (build/conference.py) on sentences written for the test."""

from __future__ import annotations

import pytest
from tests.conftest import doc_context

from corridor_ie.api import resources, tag_text
from corridor_ie.assemble.conference import build_conferences

CORRIDOR = "series.economic-corridor"


@pytest.fixture(scope="module")
def ctx():
    return resources()


def records(text: str, ctx, lang: str | None = None, published: str | None = None):
    t = tag_text(text, lang=lang, published=published)
    return t, {r.event_id: r for r in build_conferences(doc_context(t))}


def test_host_from_do_dang_cai_and_range_dates(ctx):
    _, recs = records("Hội nghị hợp tác hành lang kinh tế lần thứ 10 đã bế mạc. "
                      "Sự kiện do UBND TP. Hà Nội đăng cai tổ chức trong hai ngày (13-14/11/2023).", ctx)
    r = recs[f"{CORRIDOR}#10"]
    assert r.host is not None and (r.host.id, r.host.name) == ("vn.prov.ha-noi", "Hà Nội")
    assert (r.start_date, r.end_date, r.year) == ("2023-11-13", "2023-11-14", 2023)
    assert r.series_name and r.status == "reported"
    assert {m.id for m in r.members} >= {"vn.prov.lao-cai", "cn.prov.yunnan"}


def test_no_host_phrase_gives_null_host_and_no_guessed_format(ctx):
    _, recs = records("HÀ NỘI - Hội nghị hợp tác hành lang kinh tế lần thứ 10 đã bế mạc chiều 13/11/2023.", ctx)
    r = recs[f"{CORRIDOR}#10"]
    assert r.host is None and r.location is None and r.format is None
    assert r.start_date == "2023-11-13" and r.end_date is None


def test_host_before_chu_tri_and_online_format(ctx):
    _, recs = records("Sáng 22/2/2023, tỉnh Hà Giang chủ trì tổ chức Hội nghị lần thứ 14 Ủy ban Công tác liên hợp "
                      "theo hình thức trực tuyến.", ctx)
    r = recs["series.joint-working-committee#14"]
    assert r.host is not None and r.host.id == "vn.prov.ha-giang"
    assert r.format == "online" and r.start_date == "2023-02-22"


def test_hybrid_wins_over_online(ctx):
    _, recs = records("Hội nghị hợp tác hành lang kinh tế lần thứ 10 được tổ chức theo hình thức "
                      "trực tiếp kết hợp trực tuyến.", ctx)
    assert recs[f"{CORRIDOR}#10"].format == "hybrid"


def test_a_person_chairing_is_not_a_host(ctx):
    _, recs = records("Chủ tịch UBND tỉnh Lào Cai Trịnh Xuân Trường chủ trì Hội nghị hợp tác hành lang kinh tế "
                      "lần thứ 10.", ctx)
    assert recs[f"{CORRIDOR}#10"].host is None


def test_location_after_tai_most_specific_place(ctx):
    _, recs = records("Sáng 6/11/2024, tại thành phố Côn Minh, tỉnh Vân Nam (Trung Quốc) diễn ra Diễn đàn Tỉnh trưởng "
                      "Hành lang kinh tế Khu vực tiểu vùng sông Mê Kông năm 2024.", ctx)
    r = recs["series.gms-governors-forum@2024"]
    assert r.location is not None and r.location.id == "cn.pref.kunming"
    assert r.edition is None and r.start_date == "2024-11-06"


def test_tai_followed_by_a_non_place_gives_no_location(ctx):
    _, recs = records("Phát biểu tại Hội nghị hợp tác hành lang kinh tế lần thứ 10, Chủ tịch UBND TP. Hà Nội "
                      "Trần Sỹ Thanh khẳng định hội nghị thành công.", ctx)
    assert recs[f"{CORRIDOR}#10"].location is None


def test_planned_edition_year_and_location(ctx):
    t, recs = records("Hội nghị hợp tác hành lang kinh tế lần thứ 10 đã bế mạc ngày 13/11/2023. "
                      "Hội nghị lần thứ 11 sẽ được tổ chức tại tỉnh Vân Nam vào năm 2025.", ctx)
    r = recs[f"{CORRIDOR}#11"]
    assert (r.status, r.start_date, r.year) == ("planned", "2025", 2025)  # "referenced" before issue 14
    assert r.location is not None and r.location.id == "cn.prov.yunnan"
    assert recs[f"{CORRIDOR}#10"].location is None  # "tại tỉnh Vân Nam" belongs to the 11th


def test_referenced_edition_year_location_and_statement(ctx):
    t, recs = records("Hội nghị hợp tác hành lang kinh tế lần thứ 10 đã bế mạc ngày 13/11/2023. "
                      "Biên bản Hội nghị lần thứ 8 được tổ chức năm 2017 tại Hải Phòng đã được thực hiện.", ctx)
    r = recs[f"{CORRIDOR}#8"]
    assert (r.status, r.start_date, r.year) == ("referenced", "2017", 2017)
    assert r.location is not None and r.location.id == "vn.prov.hai-phong"
    assert r.statement and "lần thứ 8" in r.statement


def test_signed_documents_and_attendance(ctx):
    _, recs = records("Hội nghị hợp tác hành lang kinh tế lần thứ IX có hơn 250 đại biểu tham dự. "
                      "Lãnh đạo các tỉnh nhất trí ký kết Biên bản Hội nghị Hợp tác hành lang lần thứ IX với nhiều nội dung. "
                      "Hội nghị rà soát việc thực hiện Biên bản Hội nghị lần thứ VIII.", ctx)
    r = recs[f"{CORRIDOR}#9"]
    assert r.documents == ["Biên bản Hội nghị Hợp tác hành lang lần thứ IX"]
    assert [(a["value"], a["unit"], a["qualifier"]) for a in r.attendance] == [(250, "delegates", "more_than")]


def test_chinese_host_location_and_minutes(ctx):
    _, recs = records("11月13日至14日，第十次中越五省市经济走廊合作会议在越南首都河内举行。"
                      "本次会议由越南河内市人民委员会承办。闭幕式上，五省市代表共同签署了会议纪要。",
                      ctx, lang="zh", published="2023-11-14")
    r = recs[f"{CORRIDOR}#10"]
    assert r.host is not None and r.host.id == "vn.prov.ha-noi"
    assert r.location is not None and r.location.id == "vn.prov.ha-noi"
    assert (r.start_date, r.end_date) == ("2023-11-13", "2023-11-14")
    assert r.documents == ["会议纪要"]


def test_english_hosted_by(ctx):
    _, recs = records("The 10th Economic Corridor Cooperation Conference was hosted by the Hanoi People's Committee "
                      "on November 13-14, 2023.", ctx, lang="en")
    r = recs[f"{CORRIDOR}#10"]
    assert r.host is not None and r.host.id == "vn.prov.ha-noi"


def test_day_without_a_year_says_so(ctx):
    _, recs = records("Sáng 27/3, Phiên họp thứ 9 Nhóm công tác liên hợp tỉnh Lào Cai và tỉnh Vân Nam đã diễn ra "
                      "tại thành phố Côn Minh.", ctx)
    (r,) = recs.values()
    assert (r.start_date, r.year, r.series_status) == ("--03-27", None, "provisional")
    assert r.location is not None and r.location.id == "cn.pref.kunming"
    _, recs = records("Sáng 27/3, Phiên họp thứ 9 Nhóm công tác liên hợp tỉnh Lào Cai và tỉnh Vân Nam đã diễn ra.",
                      ctx, published="2024-03-28")
    (r,) = recs.values()
    assert (r.start_date, r.year) == ("2024-03-27", 2024)


def test_evidence_offsets_point_into_the_text(ctx):
    t, recs = records("Hội nghị hợp tác hành lang kinh tế lần thứ 10 đã bế mạc. Sự kiện do UBND TP. Hà Nội đăng cai.", ctx)
    for r in recs.values():
        assert r.evidence
        for ev in r.evidence:
            assert t.text[ev.start:ev.end] == ev.text
