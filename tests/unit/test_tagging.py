"""The tag stage on sentences written for these tests: gazetteer lookup, entry choice, gate pairs,
links, fuzzy and diacritic-free person links, relevance."""

import unicodedata

import pytest

from corridor_ie.api import tag_text


def _ids(text, label=None, **kw):
    t = tag_text(text, **kw)
    for m in t.mentions:
        assert t.text[m.start:m.end] == m.text
    return [(m.label, m.text, m.id) for m in t.mentions if label is None or m.label == label]


@pytest.mark.parametrize("variant", ["Hoà Bình", "Hòa Bình", unicodedata.normalize("NFD", "Hòa Bình")])
def test_tone_mark_and_nfd_variants(variant):
    text = f"Đoàn công tác tỉnh {variant} sang thăm tỉnh Vân Nam (Trung Quốc)."
    assert ("PLACE", "vn.prov.hoa-binh") in [(lab, i) for lab, _, i in _ids(text, "PLACE")]


@pytest.mark.parametrize("pair", ["Kim Thành - Bắc Sơn", "Kim Thành–Bắc Sơn", "Kim Thành — Bắc Sơn",
                                  "KIM THÀNH – BẮC SƠN"])
def test_gate_pair_dash_and_case_variants(pair):
    got = _ids(f"Hai bên nâng cấp cặp cửa khẩu {pair} trong năm nay.", "BORDER_GATE_PAIR")
    assert [(lab, i) for lab, _, i in got] == [("BORDER_GATE_PAIR", "pair.kim-thanh--beishan")]


def test_lower_case_words_are_not_names():
    text = "Cầu thủ hoạt động trung tâm của đội bóng ghi bàn, trong khi Trung Quốc theo dõi."
    assert all(i != "gate.cn.dongzhong" for _, _, i in _ids(text))


def test_cue_word_chooses_gate_over_province():
    text = "Hàng hóa qua cửa khẩu Móng Cái tăng mạnh, tỉnh Quảng Ninh và Quảng Tây thống nhất phối hợp."
    got = _ids(text)
    assert ("BORDER_GATE", "Móng Cái", "gate.vn.mong-cai") in got or any(
        lab == "BORDER_GATE" and i == "gate.vn.mong-cai" for lab, _, i in got)
    assert ("PLACE", "Quảng Ninh", "vn.prov.quang-ninh") in got


def test_merged_province_keeps_its_id_and_points_to_successor():
    t = tag_text("Ngày 3/8/2025, đoàn đại biểu tỉnh Hà Giang sang Quảng Tây (Trung Quốc).", published="2025-08-03")
    m = next(m for m in t.mentions if m.text == "Hà Giang")
    assert m.id == "vn.prov.ha-giang" and m.attr("successor") == "vn.prov.tuyen-quang"


def test_fuzzy_person_link_is_marked():
    t = tag_text("Phó Chủ tịch UBND tỉnh Quảng Ninh Bùi Văn Kháng hội đàm với đoàn Quảng Tây (Trung Quốc).")
    m = next(m for m in t.mentions if m.label == "PERSON")
    assert (m.text, m.id, m.method) == ("Bùi Văn Kháng", "person.vn.bui-van-khang", "fuzzy")
    assert 0.88 <= m.score < 1.0


def test_exact_person_link():
    t = tag_text("Phó Chủ tịch UBND tỉnh Quảng Ninh Bùi Văn Khắng tiếp đoàn Quảng Tây (Trung Quốc).")
    m = next(m for m in t.mentions if m.label == "PERSON")
    assert (m.id, m.method) == ("person.vn.bui-van-khang", "gazetteer")


def test_unknown_official_has_null_id():
    t = tag_text("Phó Chủ tịch UBND tỉnh Lào Cai Nguyễn Thành Sinh tiếp đoàn công tác tỉnh Vân Nam (Trung Quốc).")
    m = next(m for m in t.mentions if m.label == "PERSON")
    assert (m.text, m.id) == ("Nguyễn Thành Sinh", None)


def test_english_without_diacritics_links_to_the_same_person():
    t = tag_text("Hanoi Chairman Tran Sy Thanh met Yunnan officials in Kunming on the corridor plan.", lang="en")
    m = next(m for m in t.mentions if m.label == "PERSON")
    assert m.id == "person.vn.tran-sy-thanh" and m.method in ("gazetteer", "ascii")


def test_diacritic_free_name_without_an_english_alias_matches_by_ascii_key():
    t = tag_text("The delegation visited Mong Cai and Dong Hung border gates on the Guangxi border.", lang="en")
    m = next(m for m in t.mentions if m.text == "Dong Hung")
    assert (m.id, m.method) == ("gate.cn.dongxing", "ascii") or m.id in ("cn.county.dongxing", "gate.cn.dongxing")


def test_traditional_chinese_matches():
    got = _ids("雲南省與越南老街省加強合作。", lang="zh")
    assert ("PLACE", "雲南省", "cn.prov.yunnan") in got or any(i == "cn.prov.yunnan" for _, _, i in got)


def test_two_gates_in_one_sentence_make_a_pair():
    got = _ids("Lực lượng chức năng tại cửa khẩu Móng Cái và Đông Hưng (Trung Quốc) phối hợp thông quan.",
               "BORDER_GATE_PAIR")
    assert [i for _, _, i in got] == ["pair.mong-cai--dongxing"]


def test_rail_link_written_as_two_places_is_a_link_through_the_known_pair():
    got = _ids("Nghiên cứu kết nối ray từ Lào Cai (Việt Nam) đến Hà Khẩu (Trung Quốc) trong năm 2025.", "LINK")
    assert got == [("LINK", "Lào Cai (Việt Nam) đến Hà Khẩu (Trung Quốc)", "pair.lao-cai--hekou")]


def test_two_places_across_the_border_make_a_link():
    t = tag_text("Xây cầu đường bộ qua sông Hồng khu vực Bát Xát (Việt Nam) - Bá Sái (Trung Quốc).")
    links = [m for m in t.mentions if m.label == "LINK"]
    assert len(links) == 1 and links[0].text == "Bát Xát (Việt Nam) - Bá Sái (Trung Quốc)"


def test_countries_do_not_form_a_link():
    t = tag_text("Quan hệ Việt Nam – Trung Quốc tiếp tục phát triển, tỉnh Vân Nam nhấn mạnh.")
    assert not [m for m in t.mentions if m.label == "LINK"]


def test_unrelated_page_is_not_relevant():
    t = tag_text("Sáng nay, Hà Nội có mưa rào và dông, nhiệt độ thấp nhất 18 độ C tại Sơn La.")
    assert t.seg.relevant is False
    assert all(m.label == "PLACE" for m in t.mentions)


def test_chinese_common_words_are_not_names():
    assert _ids("双方坚持和平发展，推动新兴产业合作。", lang="zh") == []
    assert ("PLACE", "和平", "vn.prov.hoa-binh") in _ids("越南和平省代表团访问云南省。", lang="zh")
