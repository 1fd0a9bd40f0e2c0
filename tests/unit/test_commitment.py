"""Commitment records from sentences written for these tests (hand-made mentions, real gazetteer ids)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import language

from corridor_ie.assemble.commitment import build_commitments, commitments_of, split_action_text
from corridor_ie.gazetteer.store import load_gazetteer
from corridor_ie.records import Ref
from corridor_ie.segment.sentences import split_sentences
from corridor_ie.types import CharSpan, CleanDoc, Mention, SegmentedDoc, Source, TaggedDoc

REPO = Path(__file__).resolve().parents[2]
LAO_CAI = ("PLACE", "vn.prov.lao-cai", "Lào Cai")
YUNNAN = ("PLACE", "cn.prov.yunnan", "Vân Nam")


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer([REPO / "gazetteers"])


def doc(text: str, lang: str = "vi", marks: tuple = ()) -> TaggedDoc:
    """A TaggedDoc; ``marks`` are (surface, label, id, value) for every occurrence of ``surface``."""
    mentions = []
    for surface, label, eid, value in marks:
        start = text.find(surface)
        while start >= 0:
            mentions.append(Mention(label, start, start + len(surface), surface, eid, value))
            start = text.find(surface, start + 1)
    sents = tuple(CharSpan(s, e) for s, e in split_sentences(text, language(lang)))
    clean = CleanDoc(doc_id="test", source=Source(path="test"), text=text)
    return TaggedDoc(SegmentedDoc(clean, lang, sents, ()), tuple(sorted(mentions, key=lambda m: m.start)))


def place(surface: str, spec: tuple) -> tuple:
    return (surface, spec[0], spec[1], spec[2])


def run(t: TaggedDoc, gaz):
    recs = commitments_of(t, gaz, language(t.seg.lang))
    for r in recs:
        for ev in r.evidence:
            assert t.text[ev.start:ev.end] == ev.text
        assert r.evidence[0].text == r.action
    return recs


# --------------------------------------------------------------------------- enumerations


def test_items_after_gom_are_separate_agreed_commitments(gaz):
    t = doc("Lãnh đạo các tỉnh, thành phố nhất trí ký kết biên bản với các nội dung, gồm: tiếp tục tăng cường "
            "giao lưu hữu nghị; đẩy mạnh kết nối giao thông; hợp tác trong lĩnh vực nông nghiệp.")
    signed, *recs = run(t, gaz)
    # the signing of the minutes at the reported event is itself a completed commitment (annotations/README.md)
    assert (signed.action, signed.modality) == ("ký kết biên bản", "completed")
    assert [r.action for r in recs] == ["tiếp tục tăng cường giao lưu hữu nghị", "đẩy mạnh kết nối giao thông",
                                        "hợp tác trong lĩnh vực nông nghiệp"]
    assert {r.modality for r in recs} == {"agreed"}
    assert [r.sectors for r in recs] == [["people_exchange"], ["transport"], ["agriculture"]]
    assert all(r.actors == [Ref(id=None, name="các tỉnh, thành phố")] for r in recs)


def test_comma_splits_only_before_an_action_verb(gaz):
    recs = run(doc("Hai bên thống nhất đẩy mạnh hợp tác thương mại, đầu tư, du lịch, tăng cường giao lưu nhân dân."), gaz)
    assert [r.action for r in recs] == ["đẩy mạnh hợp tác thương mại, đầu tư, du lịch", "tăng cường giao lưu nhân dân"]


def test_no_split_after_a_bare_verb_or_examples(gaz):
    recs = run(doc("Hai bên thống nhất tiếp tục tăng cường, mở rộng hợp tác thương mại, đầu tư."), gaz)
    assert [r.action for r in recs] == ["tiếp tục tăng cường, mở rộng hợp tác thương mại, đầu tư"]
    recs = run(doc("Hai bên thống nhất ưu tiên các lĩnh vực như du lịch; giao thông vận tải; y tế."), gaz)
    assert len(recs) == 1 and recs[0].sectors == ["health", "tourism", "transport"]


def test_chinese_list_after_colon_spans_sentences(gaz):
    t = doc("根据纪要，双方同意：加强代表团互访，保持地方领导定期会晤；深化投资与贸易合作；提升铁路货运能力。", "zh")
    recs = run(t, gaz)
    assert [r.action for r in recs] == ["加强代表团互访", "保持地方领导定期会晤", "深化投资与贸易合作", "提升铁路货运能力"]
    assert all(r.actors == [Ref(id=None, name="双方")] and r.modality == "agreed" for r in recs)


def test_english_to_list(gaz):
    t = doc("Under the minutes, both sides agreed to maintain regular exchanges of delegations; to promote "
            "trade fairs; and to develop logistics centres along the route.", "en")
    recs = run(t, gaz)
    assert [r.action for r in recs] == ["maintain regular exchanges of delegations", "promote trade fairs",
                                        "develop logistics centres along the route"]
    assert recs[0].actors == [Ref(id=None, name="both sides")]


def test_split_action_text_helper():
    assert split_action_text("Các bên thống nhất: đẩy mạnh kết nối giao thông; hợp tác về y tế.", language("vi")) == [
        "đẩy mạnh kết nối giao thông", "hợp tác về y tế"]


# --------------------------------------------------------------------------- modality and actors


def test_request_to_a_side_and_proposal_by_the_other(gaz):
    text = ("Tỉnh trưởng đề nghị phía Vân Nam sớm khởi công cầu đường bộ qua sông Hồng; "
            "phía Lào Cai đề xuất đẩy nhanh nghiên cứu tuyến đường sắt Lào Cai - Hà Nội.")
    t = doc(text, marks=(place("Vân Nam", YUNNAN), place("Lào Cai", LAO_CAI)))
    recs = run(t, gaz)
    assert [(r.modality, r.actors) for r in recs] == [
        ("requested", [Ref(id="cn.prov.yunnan", name="Vân Nam")]),
        ("proposed", [Ref(id="vn.prov.lao-cai", name="Lào Cai")])]
    assert recs[0].action == "sớm khởi công cầu đường bộ qua sông Hồng"
    assert recs[1].objects == [Ref(id=None, name="tuyến đường sắt Lào Cai - Hà Nội")]


def test_speaker_jurisdiction_is_the_actor(gaz):
    text = "Tại hội nghị, Chủ tịch UBND tỉnh Lào Cai Nguyễn Văn A đề xuất tăng cường hợp tác du lịch."
    marks = (("Chủ tịch", "TITLE", "title.chu-tich", "Chủ tịch"), ("UBND", "ORG", "org.ubnd", "UBND"),
             ("tỉnh Lào Cai", *LAO_CAI), ("Nguyễn Văn A", "PERSON", None, "Nguyễn Văn A"))
    recs = run(doc(text, marks=marks), gaz)
    assert len(recs) == 1 and recs[0].modality == "proposed"
    assert recs[0].actors == [Ref(id="vn.prov.lao-cai", name="Lào Cai")]


def test_no_place_in_the_speaker_title_means_no_actor(gaz):
    text = "Phó Chủ tịch UBND tỉnh Nguyễn Văn A đề xuất tăng cường hợp tác du lịch."
    marks = (("Phó Chủ tịch", "TITLE", "title.pho-chu-tich", "Phó Chủ tịch"), ("Nguyễn Văn A", "PERSON", None, "x"))
    recs = run(doc(text, marks=marks), gaz)
    assert len(recs) == 1 and recs[0].actors == []


def test_a_place_after_a_preposition_is_not_the_subject(gaz):
    t = doc("Hội nghị tại Lào Cai thống nhất đẩy mạnh hợp tác thương mại.", marks=(place("Lào Cai", LAO_CAI),))
    assert run(t, gaz)[0].actors == []


def test_completed_needs_a_sector_or_object(gaz):
    t = doc("Hai bên đã hoàn thành nâng cấp cặp cửa khẩu Kim Thành - Bắc Sơn.",
            marks=(("Kim Thành - Bắc Sơn", "BORDER_GATE_PAIR", "pair.kim-thanh--beishan", None),))
    recs = run(t, gaz)
    assert recs[0].modality == "completed"
    assert recs[0].objects == [Ref(id="pair.kim-thanh--beishan", name="Kim Thành – Bắc Sơn")]
    assert run(doc("Hội nghị đã hoàn thành toàn bộ chương trình đề ra."), gaz) == []


def test_continuation_of_a_speech_list(gaz):
    text = ("Ông Nguyễn Văn A đã đề xuất một số nội dung để thúc đẩy hợp tác. Đó là, tăng cường hợp tác thương mại.\n"
            "Thúc đẩy xây dựng các cặp cửa khẩu thông minh, gồm Kim Thành - Bắc Sơn và Bản Vược - Bá Sái.\n"
            "Ông Nguyễn Văn A tin tưởng rằng hợp tác sẽ phát triển.\nTăng cường giao lưu văn hóa.")
    marks = (("Kim Thành - Bắc Sơn", "BORDER_GATE_PAIR", "pair.kim-thanh--beishan", None),
             ("Bản Vược - Bá Sái", "BORDER_GATE_PAIR", "pair.ban-vuoc--basa", None))
    recs = run(doc(text, marks=marks), gaz)
    assert [r.action for r in recs] == [
        "tăng cường hợp tác thương mại",
        "Thúc đẩy xây dựng các cặp cửa khẩu thông minh, gồm Kim Thành - Bắc Sơn và Bản Vược - Bá Sái"]
    assert {r.modality for r in recs} == {"proposed"}
    assert [o.id for o in recs[1].objects] == ["pair.kim-thanh--beishan", "pair.ban-vuoc--basa"]


# --------------------------------------------------------------------------- deadlines


def test_deadline_only_from_its_own_clause(gaz):
    text = "Năm 2024, hai bên thống nhất: khởi công dự án Cầu Mới trong năm 2025; tăng cường hợp tác du lịch."
    marks = (("Năm 2024", "DATE", None, "2024"), ("năm 2025", "DATE", None, "2025"))
    recs = run(doc(text, marks=marks), gaz)
    assert [(r.action, r.deadline) for r in recs] == [
        ("khởi công dự án Cầu Mới trong năm 2025", "2025"), ("tăng cường hợp tác du lịch", None)]
    assert recs[0].objects == [Ref(id=None, name="dự án Cầu Mới")]


def test_deadline_range_gives_its_end_and_needs_a_cue(gaz):
    text = "Hai bên thống nhất cùng khảo sát phương án phân luồng trong quý II/2024."
    recs = run(doc(text, marks=(("quý II/2024", "DATE", None, "2024-04/2024-06"),)), gaz)
    assert recs[0].deadline == "2024-06"
    text = "Hai bên thống nhất thực hiện tốt bản ghi nhớ giai đoạn 2022 - 2026."
    recs = run(doc(text, marks=(("2022 - 2026", "DATE", None, "2022/2026"),)), gaz)
    assert recs[0].deadline is None


def test_chinese_deadline_after_the_date(gaz):
    recs = run(doc("双方商定于6月前联合开展一次通关流程评估。", "zh", marks=(("6月", "DATE", None, "2024-06"),)), gaz)
    assert recs[0].deadline == "2024-06"


# --------------------------------------------------------------------------- negatives


@pytest.mark.parametrize("text", [
    "Hội nghị góp phần xây dựng một đất nước thống nhất, phồn vinh.",
    "Hội nghị thể hiện sự thống nhất cao giữa các địa phương.",
    "Những nhận thức chung đã được lãnh đạo hai nước thống nhất, cùng với sự nỗ lực của nhân dân.",
    "Việc ký kết đã thể hiện mong muốn và quyết tâm của các địa phương.",
    "Việc triển khai các nội dung đã thống nhất tại Hội nghị lần thứ 13 đạt nhiều kết quả quan trọng.",
    "Hai bên đã nỗ lực duy trì các hoạt động giao lưu, đạt được nhiều kết quả tích cực.",
    "Đồng thời thống nhất các nội dung hợp tác hiệu quả và thiết thực.",
    "Ông đề xuất một số nội dung để các tỉnh cùng trao đổi, thống nhất đưa vào biên bản.",
    "Hai bên thống nhất đẩy mạnh hợp tác thương mại",  # a headline: a whole line with no full stop
])
def test_descriptions_and_reports_are_not_commitments(gaz, text):
    assert run(doc(text), gaz) == []


def test_vague_head_with_a_list_gives_the_list(gaz):
    recs = run(doc("Các tỉnh thống nhất những nhận thức chung là cần quán triệt tuyên bố chung."), gaz)
    assert [r.action for r in recs] == ["quán triệt tuyên bố chung"]


def test_builder_entry_point_uses_context_gazetteer(gaz):
    from corridor_ie.assemble.stage import context_of

    t = doc("Hai bên thống nhất đẩy mạnh kết nối giao thông.")
    recs = build_commitments(context_of(t, language("vi"), gaz))
    assert [r.action for r in recs] == ["đẩy mạnh kết nối giao thông"]
    assert recs[0].doc_id == "test" and recs[0].record_type == "commitment"


def test_items_share_the_lead_in_deadline():
    from corridor_ie.api import extract_text

    text = ("Hội nghị lần thứ 15 Ủy ban Công tác liên hợp các tỉnh Lạng Sơn, Cao Bằng và Quảng Tây (Trung Quốc) "
            "diễn ra ngày 10/3/2024. Các bên thống nhất các hoạt động trong năm 2025 tập trung vào 3 nội dung: "
            "nâng cấp cặp cửa khẩu Tà Lùng – Thủy Khẩu; phát triển du lịch biên giới trước tháng 6/2025; "
            "quản lý biên giới.")
    coms = {r.action: r.deadline for r in extract_text(text) if r.record_type == "commitment"}
    assert coms["nâng cấp cặp cửa khẩu Tà Lùng – Thủy Khẩu"] == "2025"
    assert coms["quản lý biên giới"] == "2025"
    own = next(d for a, d in coms.items() if a.startswith("phát triển du lịch"))
    assert own == "2025-06"
