"""The cheap relevance scan never drops a page the full tag stage would keep."""

import pytest

from corridor_ie.api import resources, tag_text
from corridor_ie.tag.stage import is_relevant

SENTENCES = [
    ("Đoàn công tác tỉnh Lào Cai sang làm việc với tỉnh Vân Nam (Trung Quốc).", "vi", True),
    ("Hai bên nâng cấp cặp cửa khẩu Tà Lùng – Thủy Khẩu.", "vi", True),
    ("Hội nghị hợp tác hành lang kinh tế lần thứ 10 bế mạc.", "vi", True),
    ("Delegates from Yunnan met Lao Cai officials.", "en", True),
    ("云南省与越南老街省加强合作。", "zh", True),
    ("Sáng nay Hà Nội có mưa rào, nhiệt độ thấp nhất 18 độ C.", "vi", False),
    ("Đội bóng phường Lê Chân thắng 2-1 trong trận bán kết.", "vi", False),
]


@pytest.mark.parametrize(("text", "lang", "expected"), SENTENCES)
def test_prefilter_agrees_with_the_full_stage(text, lang, expected):
    res = resources()
    assert res.tag.quick.might_be_relevant(text) is expected
    assert tag_text(text, lang=lang).seg.relevant is expected


def test_prefilter_is_a_superset_of_full_relevance(repo):
    """Over every example, a page the full matcher finds relevant passes the quick scan."""
    from dataclasses import replace

    from corridor_ie.api import raw_text
    from corridor_ie.ingest.stage import clean_document
    from corridor_ie.segment.stage import segment_document
    from corridor_ie.tag.stage import tag_document

    res = resources()
    full = replace(res.tag, quick=None)  # no quick scan: the matcher decides alone
    for path in sorted((repo / "examples").rglob("*.txt")):
        raw = raw_text(path.read_text(encoding="utf-8"))
        seg = segment_document(clean_document(raw, res.cues, max_html_depth=500, fallback_min_ratio=0.2))
        t = tag_document(seg, full)
        if is_relevant(list(t.mentions), res.tag.gazetteer):
            assert res.tag.quick.might_be_relevant(seg.text), path
