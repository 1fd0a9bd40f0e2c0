"""Dates, editions and counts on the original articles (read via the ``seed_texts`` fixture)."""

from __future__ import annotations

from datetime import date

import pytest
from tests.conftest import language, seed_containing

from corridor_ie.tag.dates import find_dates
from corridor_ie.tag.editions import find_editions
from corridor_ie.tag.quantities import find_quantities

pytestmark = pytest.mark.seeds


def _values(text: str, anchor: date | None = None) -> dict[str, list[str | None]]:
    out: dict[str, list[str | None]] = {}
    for h in find_dates(text, language("vi"), anchor):
        out.setdefault(h.text, []).append(h.value)
    return out


def test_joint_committee_dot_date_takes_the_article_year(seed_texts: dict[str, str]) -> None:
    # no full date with a year, but the article names one year, twice ("năm 2023"): that is its context
    text = seed_containing(seed_texts, "Sáng 22.2", "Ủy ban Công tác liên hợp")
    hit = next(h for h in find_dates(text, language("vi")) if h.text == "Sáng 22.2")
    assert (hit.value, hit.part_of_day, hit.year_source) == ("2023-02-22", "morning", "context")
    hit = next(h for h in find_dates(text, language("vi"), date(2023, 2, 22)) if h.text == "Sáng 22.2")
    assert (hit.value, hit.year_source) == ("2023-02-22", "anchor")
    assert _values(text)["giai đoạn 2022 – 2026"] == ["2022/2026"]


def test_corridor_tenth_conference(seed_texts: dict[str, str]) -> None:
    text = seed_containing(seed_texts, "Chiều 13/11", "13-14/11/2023")
    values = _values(text)
    assert values["13-14/11/2023"] == ["2023-11-13/2023-11-14"]
    assert values["Chiều 13/11"] == ["2023-11-13"]
    assert values["năm 2025"] == ["2025", "2025"]
    assert values["hôm nay"] == [None]
    assert _values(text, date(2023, 11, 13))["hôm nay"] == ["2023-11-13"]


def test_gms_forum_range(seed_texts: dict[str, str]) -> None:
    text = seed_containing(seed_texts, "6 - 7/11/2024", "Sáng 6/11/2024")
    values = _values(text)
    assert values["từ ngày 6 - 7/11/2024"] == ["2024-11-06/2024-11-07"]
    assert values["Sáng 6/11/2024"] == ["2024-11-06"]
    assert "5.600" not in " ".join(values)  # "hơn 5.600 buổi" is a count, not a date
    assert values["tháng 12 năm 2025"] == ["2025-12"] * 3


def test_ninth_conference_period_and_years(seed_texts: dict[str, str]) -> None:
    text = seed_containing(seed_texts, "lần thứ VIII", "lần thứ IX")
    values = _values(text)
    assert values["giai đoạn từ 2017 – 2019"] == ["2017/2019"]
    assert values["năm 2017"] == ["2017"]
    assert values["từ năm 2004"] == ["2004"]
    assert not any("9" == t or "nội dung" in t for t in values)


def test_mekong_summit_ranges(seed_texts: dict[str, str]) -> None:
    text = seed_containing(seed_texts, "từ ngày 5 đến ngày 8/11/2024")
    values = _values(text)
    assert values["từ ngày 5 đến ngày 8/11/2024"] == ["2024-11-05/2024-11-08"]
    assert values["từ ngày 05 – 08/11/2024"] == ["2024-11-05/2024-11-08"]
    assert values["Ngày 5/11"] == ["2024-11-05"]  # year from the later full date


@pytest.mark.parametrize(("needles", "expected"), [
    (("lần thứ VIII", "lần thứ IX"), {8, 9}),
    (("Chiều 13/11", "lần thứ X"), {10, 11}),
    (("Sáng 22.2", "lần thứ 14"), {13, 14}),
])
def test_editions_in_the_right_seeds(seed_texts: dict[str, str], needles: tuple[str, ...],
                                     expected: set[int]) -> None:
    text = seed_containing(seed_texts, *needles)
    hits = find_editions(text, language("vi"))
    assert {h.value for h in hits} == expected
    assert all(text[h.start:h.end] == h.text for h in hits)


def test_roman_and_arabic_tenth_agree(seed_texts: dict[str, str]) -> None:
    text = seed_containing(seed_texts, "Chiều 13/11", "lần thứ X")
    assert {h.text: h.value for h in find_editions(text, language("vi"))} == {"lần thứ 10": 10, "lần thứ X": 10,
                                                                     "lần thứ 11": 11}


def test_party_term_is_not_an_edition(seed_texts: dict[str, str]) -> None:
    text = seed_containing(seed_texts, "khoá XIII", "lần thứ XIV")
    texts = [h.text for h in find_editions(text, language("vi"))]
    assert "lần thứ XIV" in texts and not any("XIII" in t or "XVI" in t for t in texts)


def test_attendance_counts(seed_texts: dict[str, str]) -> None:
    text = seed_containing(seed_texts, "lần thứ VIII", "lần thứ IX")
    found = [(q.text, q.value, q.unit, q.qualifier) for q in find_quantities(text, language("vi"))]
    assert ("hơn 250 đại biểu", 250, "delegates", "more_than") in found
    assert ("100 doanh nghiệp", 100, "businesses", None) in found
    assert {q[2] for q in found} == {"delegates", "businesses", "provinces", "countries"}  # "hai nước"
    other = seed_containing(seed_texts, "hơn 5.600 buổi")
    assert all(q.value != 5600 for q in find_quantities(other, language("vi")))
