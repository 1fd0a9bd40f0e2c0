"""Unit tests of ``corridor_ie.tag.quantities``."""

from __future__ import annotations

import pytest
from tests.conftest import language

from corridor_ie.tag.quantities import find_quantities


def _found(text: str, lang: str) -> list[tuple[str, int, str, str | None]]:
    return [(q.text, q.value, q.unit, q.qualifier) for q in find_quantities(text, language(lang))]


def test_vietnamese() -> None:
    text = ("Hội nghị có hơn 250 đại biểu, 100 doanh nghiệp Việt Nam và Trung Quốc, gần 300 khách mời, "
            "ít nhất 20 doanh nghiệp của 5 tỉnh, thành phố và bốn tỉnh biên giới.")
    assert _found(text, "vi") == [
        ("hơn 250 đại biểu", 250, "delegates", "more_than"),
        ("100 doanh nghiệp", 100, "businesses", None),
        ("gần 300 khách mời", 300, "guests", "about"),
        ("ít nhất 20 doanh nghiệp", 20, "businesses", "at_least"),
        ("5 tỉnh, thành phố", 5, "provinces", None),
        ("bốn tỉnh", 4, "provinces", None),
    ]


@pytest.mark.parametrize(("text", "lang", "value"), [
    ("5.600 đại biểu", "vi", 5600), ("5,600 đại biểu", "vi", 5600), ("5,600 delegates", "en", 5600),
    ("2 nghìn người tham dự", "vi", 2000), ("1万多人", "zh", 10000),
])
def test_thousands_and_scales(text: str, lang: str, value: int) -> None:
    assert [q.value for q in find_quantities(text, language(lang))] == [value]


@pytest.mark.parametrize("text", ["hơn 5.600 buổi tuyên truyền", "9 nội dung", "2,5 đại biểu", "15 năm phát triển",
                                  "8 lần Hội nghị", "3 phiên chuyên đề"])
def test_vietnamese_non_counts(text: str) -> None:
    assert find_quantities(text, language("vi")) == []


def test_chinese() -> None:
    assert _found("200多名代表、100余家企业、近300名嘉宾、约100家企业和超过50个国家", "zh") == [
        ("200多名代表", 200, "delegates", "more_than"),
        ("100余家企业", 100, "businesses", "more_than"),
        ("近300名嘉宾", 300, "guests", "about"),
        ("约100家企业", 100, "businesses", "about"),
        ("超过50个国家", 50, "countries", "more_than"),
    ]


def test_english() -> None:
    text = "More than 250 delegates and about 100 Vietnamese and Chinese businesses joined 3 sessions."
    assert _found(text, "en") == [
        ("More than 250 delegates", 250, "delegates", "more_than"),
        ("about 100 Vietnamese and Chinese businesses", 100, "businesses", "about"),
    ]


def test_offsets() -> None:
    text = "Tham dự có 250 đại biểu."
    (q,) = find_quantities(text, language("vi"))
    assert text[q.start:q.end] == q.text and q.qualifier is None


def test_unit_vocabulary_is_the_documented_one() -> None:
    vocabulary = {"delegates", "businesses", "guests", "participants", "provinces", "countries"}
    for lang in ("vi", "zh", "en"):
        words = language(lang).quantity_words()
        assert words.units and set(words.units.values()) <= vocabulary
        assert set(words.qualifiers.values()) <= {"more_than", "about", "at_least"}


def test_a_unit_outside_the_vocabulary_is_refused_at_load() -> None:
    from corridor_ie.errors import ConfigError
    from corridor_ie.lang.tables import Quantities
    from corridor_ie.tables import parse_table

    with pytest.raises(ConfigError, match=r"q.toml:2: units.bàn: Input should be .delegates"):
        parse_table('[units]\n"bàn" = "tables"\n', Quantities, "q.toml")
