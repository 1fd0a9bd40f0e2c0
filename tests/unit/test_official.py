"""Official records (build/official.py) on sentences written for the test."""

from __future__ import annotations

from datetime import date

import pytest
from tests.conftest import doc_context

from corridor_ie.api import resources, tag_text
from corridor_ie.assemble.official import build_officials
from corridor_ie.types import CharSpan, CleanDoc, Mention, SegmentedDoc, Source, TaggedDoc


@pytest.fixture(scope="module")
def ctx():
    return resources()


def officials(text: str, ctx, lang: str | None = None, published: str | None = None):
    t = tag_text(text, lang=lang, published=published)
    return t, {r.name: r for r in build_officials(doc_context(t))}


def test_title_before_the_name(ctx):
    _, recs = officials("Tại Hội nghị hợp tác hành lang kinh tế lần thứ IX, Phó Chủ tịch UBND tỉnh Quảng Ninh "
                        "Bùi Văn Khắng đã báo cáo tóm tắt kết quả nổi bật.", ctx)
    r = recs["Bùi Văn Khắng"]
    assert (r.title, r.organization) == ("Phó Chủ tịch UBND tỉnh Quảng Ninh", "UBND tỉnh Quảng Ninh")
    assert r.jurisdiction is not None and r.jurisdiction.id == "vn.prov.quang-ninh"
    assert r.country == "VN" and r.roles == ["reported"]
    assert r.event_id == "series.economic-corridor#9"
    assert r.link == "exact" and r.person_id


def test_apposition_title_runs_to_the_semicolon(ctx):
    _, recs = officials("Hội nghị lần thứ 14 Ủy ban Công tác liên hợp diễn ra trực tuyến. Dự và chủ trì hội nghị có "
                        "các đồng chí: Hoàng Gia Long, Ủy viên BTV Tỉnh ủy, Phó Chủ tịch Thường trực UBND tỉnh, "
                        "Chủ tịch Ủy ban Công tác liên hợp tỉnh Hà Giang; Đoàn Thu Hà, Phó Chủ tịch UBND tỉnh Lạng Sơn.",
                        ctx, published="2023-02-22")
    r = recs["Hoàng Gia Long"]
    assert r.title == ("Ủy viên BTV Tỉnh ủy, Phó Chủ tịch Thường trực UBND tỉnh, "
                       "Chủ tịch Ủy ban Công tác liên hợp tỉnh Hà Giang")
    assert r.jurisdiction is not None and r.jurisdiction.id == "vn.prov.ha-giang"
    assert set(r.roles) == {"chaired", "attended"}
    other = recs["Đoàn Thu Hà"]
    assert other.title == "Phó Chủ tịch UBND tỉnh Lạng Sơn"
    assert set(other.roles) == {"chaired", "attended"}  # the list lead-in applies to every item


def test_apposition_stops_before_a_verb_of_saying(ctx):
    _, recs = officials("Hội nghị hợp tác hành lang kinh tế lần thứ 10 đã bế mạc. \"Hợp tác sẽ sâu rộng hơn\", "
                        "ông Trần Vinh Kiệt, Phó Chủ nhiệm Văn phòng Ngoại vụ tỉnh Vân Nam, cho biết.", ctx)
    r = recs["Trần Vinh Kiệt"]
    assert r.title == "Phó Chủ nhiệm Văn phòng Ngoại vụ tỉnh Vân Nam"
    assert r.country == "CN"


def test_nominalised_signing_is_no_role(ctx):
    _, recs = officials("Theo Chủ tịch UBND TP. Hà Nội Trần Sỹ Thanh, việc ký kết văn kiện với tỉnh Vân Nam (Trung Quốc) "
                      "thể hiện quyết tâm.", ctx)
    assert "signed" not in recs["Trần Sỹ Thanh"].roles


def test_chinese_title_before_name(ctx):
    _, recs = officials("第十次中越五省市经济走廊合作会议在河内举行。云南省政协主席刘晓凯出席会议并讲话。",
                        ctx, lang="zh", published="2023-11-14")
    r = recs["刘晓凯"]
    assert (r.title, r.organization) == ("云南省政协主席", "云南省政协")
    assert r.roles == ["spoke", "attended"]
    assert r.event_id == "series.economic-corridor#10"


def _doc(text: str, mentions: list[Mention]) -> TaggedDoc:
    clean = CleanDoc(doc_id="x", source=Source(path="<test>"), text=text)
    seg = SegmentedDoc(clean=clean, lang="vi", sentences=(CharSpan(0, len(text)),), tokens=(),
                       published=date(2023, 11, 13))
    return TaggedDoc(seg, tuple(mentions))


def test_person_without_title_or_position_is_not_an_official(ctx):
    text = "Anh Lê Văn Tèo, người dân địa phương, cho biết rất phấn khởi."
    i = text.index("Lê Văn Tèo")
    t = _doc(text, [Mention("PERSON", i, i + 10, "Lê Văn Tèo", None, "Lê Văn Tèo", "cue")])
    assert build_officials(doc_context(t)) == []


def test_unlinked_titled_person_is_kept_with_link_none(ctx):
    text = "Phó Chủ tịch UBND tỉnh Lạng Sơn Nguyễn Văn Ất phát biểu."
    ms = []
    for piece, label, eid in (("Phó Chủ tịch", "TITLE", "title.pho-chu-tich"), ("UBND", "ORG", "org.ubnd"),
                              ("tỉnh Lạng Sơn", "PLACE", "vn.prov.lang-son"), ("Nguyễn Văn Ất", "PERSON", None)):
        i = text.index(piece)
        ms.append(Mention(label, i, i + len(piece), piece, eid, piece, "cue" if label == "PERSON" else "gazetteer"))
    (r,) = build_officials(doc_context(_doc(text, ms)))
    assert (r.name, r.person_id, r.link) == ("Nguyễn Văn Ất", None, "none")
    assert r.title == "Phó Chủ tịch UBND tỉnh Lạng Sơn" and r.roles == ["spoke"]
    assert r.event_id is None  # no reported event in this document


def test_listed_people_share_the_verb_of_the_list():
    from corridor_ie.api import extract_text

    text = ("Sáng 22/2/2023, Hội nghị lần thứ 14 Ủy ban Công tác liên hợp các tỉnh Hà Giang, Lạng Sơn và Khu tự trị "
            "dân tộc Choang Quảng Tây (Trung Quốc) diễn ra trực tuyến. Phó Chủ tịch UBND tỉnh Hà Giang Hoàng Gia Long "
            "đồng chủ trì hội nghị cùng Phó Chủ tịch UBND tỉnh Cao Bằng Trịnh Trường Huy; Phó Chủ tịch UBND tỉnh "
            "Lạng Sơn Đoàn Thu Hà và Phó Chủ tịch UBND tỉnh Quảng Ninh Bùi Văn Khắng.")
    offs = {r.name: r for r in extract_text(text) if r.record_type == "official"}
    for name in ("Trịnh Trường Huy", "Đoàn Thu Hà", "Bùi Văn Khắng"):
        assert offs[name].roles == ["chaired"], name
        assert offs[name].event_id == "series.joint-working-committee#14", name
