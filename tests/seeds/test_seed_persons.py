"""On the original articles: every official named in a body is found, and no place is returned.

The true person list was made by reading the seeds. Title and blocked spans are built from the small
lists below, standing in for the gazetteer matcher the pipeline runs first.
"""

from __future__ import annotations

import re

import pytest
from tests.conftest import language, seed_containing

from corridor_ie.tag.persons import find_persons

pytestmark = pytest.mark.seeds

TITLES = ("Chủ tịch", "Phó Chủ tịch", "Phó Chủ tịch Thường trực", "Giám đốc Sở", "Phó Chủ nhiệm",
          "Ủy viên BTV Tỉnh ủy", "Tổng Bí thư", "Thủ tướng", "Trưởng ban", "Phó Trưởng Ban", "Phó Bí thư")
PLACES = ("Quảng Ninh", "Lào Cai", "Hà Nội", "Hải Phòng", "Vân Nam", "Côn Minh", "Trung Quốc",
               "Việt Nam", "Hà Giang", "Lạng Sơn", "Cao Bằng", "Quảng Tây", "Hà Khẩu", "Bát Xát", "Bá Sái",
               "Kim Thành", "Bắc Sơn", "Bản Vược", "Sa Pa", "Bản Xèo", "Văn Chấn", "Hai Bà Trưng")
PLACES_ORGS = (*PLACES, "UBND", "Tỉnh ủy", "Chính hiệp", "Văn phòng Ngoại vụ")

# Officials named in the seed bodies (including the related-news teasers kept in two of them).
OFFICIALS = {
    "Bùi Văn Khắng": ("Bùi Văn Khắng",),
    "Lê Anh Quân": ("Lê Anh Quân", "Nguyễn Phú Trọng", "Trần Sỹ Thanh", "Lưu Hiểu Khải"),
    "Trần Vinh Kiệt": ("Trần Vinh Kiệt", "Nguyễn Quang Đức", "Lý Cường", "Phạm Minh Chính", "Trần Thanh Mẫn"),
    "Trịnh Xuân Trường": ("Trịnh Xuân Trường", "Phùng Nam Trung", "Hoàng Công Thủy", "Giàng Thị Dung"),
    "Liêu Phẩm Hồ": ("Hoàng Gia Long", "Trịnh Trường Huy", "Đoàn Thu Hà", "Bùi Văn Kháng", "Liêu Phẩm Hồ"),
}


def spans(text: str, needles) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for needle in sorted(needles, key=len, reverse=True):
        for m in re.finditer(re.escape(needle), text):
            if not any(s < m.end() and m.start() < e for s, e in out):
                out.append(m.span())
    return sorted(out)


def occurrences(text: str, names) -> set[tuple[int, int]]:
    return {m.span() for n in names for m in re.finditer(re.escape(n), text)}


def seed_hits(text: str, *, blocked: bool = True):
    return find_persons(text, language("vi"), title_spans=spans(text, TITLES),
                        blocked=spans(text, PLACES_ORGS) if blocked else ())


@pytest.mark.parametrize("needle", sorted(OFFICIALS))
@pytest.mark.parametrize("blocked", [True, False], ids=["blocked", "unblocked"])
def test_every_official_occurrence_found_and_nothing_else(seed_texts, needle, blocked):
    text = seed_containing(seed_texts, needle)
    truth = occurrences(text, OFFICIALS[needle])
    got = {(h.start, h.end) for h in seed_hits(text, blocked=blocked)}
    assert truth - got == set(), [text[s:e] for s, e in sorted(truth - got)]
    assert got - truth == set(), [text[s:e] for s, e in sorted(got - truth)]


def test_no_place_returned_on_any_seed(seed_texts):
    for text in seed_texts.values():
        for hit in seed_hits(text, blocked=False):
            assert not any(p in hit.text or hit.text in p for p in PLACES), hit


def test_precision_and_recall_on_all_seeds(seed_texts):
    """Occurrence-level scores over all seeds, without blocked spans (the harder setting)."""
    all_names = {n for names in OFFICIALS.values() for n in names}
    tp = fp = fn = 0
    for text in seed_texts.values():
        truth = occurrences(text, all_names)
        got = {(h.start, h.end) for h in seed_hits(text, blocked=False)}
        tp, fp, fn = tp + len(truth & got), fp + len(got - truth), fn + len(truth - got)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert (precision, recall) == (1.0, 1.0), (tp, fp, fn)
