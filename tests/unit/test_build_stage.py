"""A record that fails validation is reported, never written half-formed; the others still come out."""

from corridor_ie.api import raw_text, resources
from corridor_ie.assemble import stage as assemble_stage
from corridor_ie.pipeline import process_document
from corridor_ie.records import OfficialRecord

TEXT = ("Sáng 22/2/2023, Hội nghị lần thứ 14 Ủy ban Công tác liên hợp các tỉnh Hà Giang, Lạng Sơn và Khu tự trị "
        "dân tộc Choang Quảng Tây (Trung Quốc) diễn ra trực tuyến. Phó Chủ tịch UBND tỉnh Lạng Sơn Đoàn Thu Hà "
        "phát biểu. Hai bên thống nhất: tăng cường hợp tác thương mại; nâng cấp các cặp cửa khẩu.")


def test_invalid_record_is_reported_and_others_written(monkeypatch):
    def broken(ctx):
        return [OfficialRecord(doc_id="x", name="A", person_id=None, country="Vietnam")]  # not ISO alpha-2

    monkeypatch.setitem(assemble_stage.BUILDERS, "official", broken)
    result = process_document(raw_text(TEXT), resources())
    types = [r.record_type for r in result.records]
    assert types[0] == "article" and "conference" in types and "commitment" in types and "official" not in types
    (err,) = result.errors
    assert err.stage == "assemble" and err.reason.startswith("official record failed validation: country:")
