"""The cheap relevance scan never drops a page the full tag stage would keep."""

import pytest

from corridor_ie.api import raw_text, resources, run_stages, tag_text
from corridor_ie.tag.prefilter import Prefilter
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


def quick_scan(res) -> Prefilter:
    return Prefilter.from_gazetteer(res.gazetteer, res.shared.compiled)


@pytest.mark.parametrize(("text", "lang", "expected"), SENTENCES)
def test_prefilter_agrees_with_the_full_stage(text, lang, expected):
    assert quick_scan(resources()).might_be_relevant(text) is expected
    assert tag_text(text, lang=lang).seg.relevant is expected


def test_prefilter_is_a_superset_of_full_relevance(repo, tmp_path):
    """Over every example, a page the full matcher finds relevant passes the quick scan."""
    default = (repo / "pipelines" / "default.toml").read_text(encoding="utf-8")
    no_prefilter = tmp_path / "no-prefilter.toml"
    no_prefilter.write_text(default.replace('"prefilter", ', "").replace(
        'gazetteers = ["../gazetteers"]', f'gazetteers = ["{repo / "gazetteers"}"]'), encoding="utf-8")
    full = resources(str(no_prefilter))  # no quick scan: the matcher decides alone
    assert full.stage("prefilter") is None
    quick = quick_scan(full)
    for path in sorted((repo / "examples").rglob("*.txt")):
        t, _ = run_stages(raw_text(path.read_text(encoding="utf-8")), full, build=False)
        if is_relevant(list(t.mentions), full.gazetteer):
            assert quick.might_be_relevant(t.text), path
