"""Unit tests of ``corridor_ie.tag.dates`` on sentences written for the purpose."""

from __future__ import annotations

from datetime import date

import pytest
from tests.conftest import language

from corridor_ie.tag.dates import DateHit, find_dates


def _one(text: str, lang: str, anchor: date | None = None) -> DateHit:
    hits = find_dates(text, language(lang), anchor)
    assert len(hits) == 1, hits
    return hits[0]


def test_offsets_point_into_the_text() -> None:
    text = "Tin tức - Sáng 22.2, các tỉnh họp."
    hit = _one(text, "vi")
    assert text[hit.start:hit.end] == hit.text == "Sáng 22.2"


@pytest.mark.parametrize(("text", "part"), [
    ("Sáng 22.2, hội nghị", "morning"),
    ("Chiều 13/11, hội nghị", "afternoon"),
    ("Tối 5/11, đoàn về", "evening"),
    ("6月12日下午，会谈", "afternoon"),
    ("ngày 13/11, hội nghị", None),
])
def test_part_of_day(text: str, part: str | None) -> None:
    lang = "zh" if "月" in text else "vi"
    assert _one(text, lang, date(2023, 11, 14)).part_of_day == part


def test_year_sources() -> None:
    hits = find_dates("Chiều 13/11, hội nghị bế mạc (13-14/11/2023). Sáng 5/3 đoàn về.", language("vi"))
    assert [h.year_source for h in hits] == ["context", "explicit", "context"]
    assert _one("Chiều 30/12, hội nghị", "vi", date(2026, 1, 2)).year_source == "anchor"
    assert _one("Chiều 30/12, hội nghị", "vi").year_source is None


def test_anchor_comes_before_context_and_context_says_where_from() -> None:
    # issue 14: the publication date lends the year first; without it, the nearest full date does, and
    # the hit says where that date starts (a builder checks it speaks of the same event)
    text = "Ngày 5/11/2019 đoàn lên đường. Ngày 9/11 đoàn trở về."
    assert find_dates(text, language("vi"), date(2023, 1, 1))[1].value == "2022-11-09"
    hit = find_dates(text, language("vi"))[1]
    assert (hit.value, hit.year_source, hit.year_from) == ("2019-11-09", "context", 0)


def test_context_comes_from_a_full_date_not_a_single_bare_year() -> None:
    hit = find_dates("Sáng 22.2, hội nghị tổng kết năm 2022.", language("vi"))[0]
    assert hit.value == "--02-22" and hit.year_source is None  # a day with no year says so


def test_a_year_the_article_names_repeatedly_is_context() -> None:
    text = "Sáng 22.2, hai bên thống nhất kế hoạch năm 2023. Các hoạt động trong năm 2023 gồm giao lưu."
    hit = find_dates(text, language("vi"))[0]
    assert (hit.value, hit.year_source) == ("2023-02-22", "context")
    mixed = "Sáng 22.2, hai bên đánh giá năm 2022 và thống nhất kế hoạch năm 2023."
    assert find_dates(mixed, language("vi"))[0].value == "--02-22"


def test_anchor_picks_nearest_year_both_ways() -> None:
    assert _one("Chiều 30/12, hội nghị", "vi", date(2026, 1, 2)).value == "2025-12-30"
    assert _one("Sáng 2/1, đoàn sang", "vi", date(2025, 12, 30)).value == "2026-01-02"
    assert _one("Sáng 2/6, đoàn sang", "vi", date(2025, 5, 30)).value == "2025-06-02"


def test_kinds() -> None:
    text = "ngày 13/11/2023, tháng 9/2017, năm 2025, 13-14/11/2023, giai đoạn 2017 – 2019, hôm nay"
    assert [h.kind for h in find_dates(text, language("vi"), date(2023, 11, 14))] == [
        "day", "month", "year", "range", "period", "relative"]


def test_longest_match_wins() -> None:
    assert [h.text for h in find_dates("từ ngày 5 đến ngày 8/11/2024", language("vi"))] == ["từ ngày 5 đến ngày 8/11/2024"]
    assert [h.text for h in find_dates("tháng 12 năm 2025", language("vi"))] == ["tháng 12 năm 2025"]


@pytest.mark.parametrize("text", [
    "hơn 5.600 buổi tuyên truyền", "2.5 triệu đồng", "phiên bản 2.5 mới", "tăng 3.4%",
    "9 nội dung", "lần thứ 10", "5 tỉnh, thành phố", "ngày 31/2", "ngày 45/13", "Covid-19",
    "khoản 2.3 Điều 5", "2,5 triệu", "Công văn số 12/HD-UBND", "15 năm phát triển",
])
def test_not_dates(text: str) -> None:
    assert find_dates(text, language("vi"), date(2023, 11, 14)) == []


def test_guarded_dot_form_with_cue_is_a_date() -> None:
    assert _one("Ngày 2.5, đoàn đến", "vi", date(2023, 5, 1)).value == "2023-05-02"


def test_relative_needs_anchor() -> None:
    assert _one("năm tới", "vi").value is None
    assert _one("năm tới", "vi", date(2023, 11, 14)).value == "2024"
    assert _one("今年", "zh", date(2023, 11, 14)).value == "2023"
    assert _one("tuần tới", "vi", date(2023, 11, 14)).value == "2023-11-20/2023-11-26"


def test_chinese_month_from_context() -> None:
    hits = find_dates("2023年11月13日，代表团抵达。14日上午，双方会谈。", language("zh"))
    assert [(h.text, h.value, h.part_of_day) for h in hits] == [
        ("2023年11月13日", "2023-11-13", None), ("14日上午", "2023-11-14", "morning")]


def test_english_weekday_and_modal_are_skipped() -> None:
    assert find_dates("They met on Monday and may 5 more times.", language("en")) == []


def test_unknown_language_gives_nothing() -> None:
    assert find_dates("ngày 13/11/2023", language("fr")) == []


def test_date_words_are_consistent() -> None:
    for lang in ("vi", "zh", "en"):
        words = language(lang).date_words()
        for entry in words.relative.values():
            assert entry["unit"] in ("day", "week", "month", "year"), entry
            assert entry.get("part_of_day") in (None, "morning", "afternoon", "evening"), entry
        assert set(words.part_of_day.values()) <= {"morning", "afternoon", "evening"}
    assert sorted(set(language("en").month_names().values())) == list(range(1, 13))
