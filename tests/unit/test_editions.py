"""Unit tests of ``corridor_ie.tag.editions``."""

from __future__ import annotations

import pytest
from tests.conftest import language

from corridor_ie.tag.editions import find_editions


def parse_number(token: str) -> int | None:
    """The number ``token`` stands for in the one language whose words it is written in."""
    found = {language(code).parse_number(token) for code in ("vi", "zh", "en")} - {None}
    assert len(found) <= 1, (token, found)
    return found.pop() if found else None


@pytest.mark.parametrize(("token", "value"), [
    ("VIII", 8), ("IX", 9), ("X", 10), ("XIV", 14), ("10", 10), ("14", 14), ("10th", 10), ("21st", 21),
    ("mười", 10), ("mười một", 11), ("hai mươi mốt", 21), ("mười lăm", 15), ("một trăm linh năm", 105),
    ("nhất", 1), ("十", 10), ("十一", 11), ("二十三", 23), ("一百零一", 101), ("二〇二三", 2023),
    ("tenth", 10), ("eighth", 8), ("Eleventh", 11), ("twenty-first", 21), ("one hundred and five", 105),
])
def test_parse_number(token: str, value: int) -> None:
    assert parse_number(token) == value


@pytest.mark.parametrize("token", ["MIX", "DIV", "IIII", "VX", "11st", "2nd3", "mươi", "mười hai ba", "", "abc",
                                   "ten one"])
def test_parse_number_rejects(token: str) -> None:
    assert parse_number(token) is None


def _found(text: str, lang: str) -> list[tuple[str, int]]:
    return [(h.text, h.value) for h in find_editions(text, language(lang))]


def test_vietnamese_forms() -> None:
    text = ("Hội nghị lần thứ VIII, lần thứ 10, lần thứ X, lần thứ mười, lần thứ mười một năm 2025, "
            "kỳ thứ 5, lần 14, Kỳ họp thứ 8 và Hội nghị thứ mười.")
    assert _found(text, "vi") == [
        ("lần thứ VIII", 8), ("lần thứ 10", 10), ("lần thứ X", 10), ("lần thứ mười", 10),
        ("lần thứ mười một", 11), ("kỳ thứ 5", 5), ("lần 14", 14), ("Kỳ họp thứ 8", 8), ("thứ mười", 10)]


@pytest.mark.parametrize("text", [
    "Đại biểu Quốc hội khóa XIII", "Thứ nhất, về giao thông", "Thứ hai, về văn hóa", "đã họp 7 kỳ", "lần thứ MIX",
    "lần thứ XIIII", "tăng 8 lần so với năm trước",
])
def test_vietnamese_non_editions(text: str) -> None:
    assert find_editions(text, language("vi")) == []


@pytest.mark.parametrize(("text", "lang", "value"), [
    ("qua 8 lần Hội nghị", "vi", 9), ("diễn đàn đã tổ chức thành công 7 kỳ", "vi", 8), ("已成功举办十五届", "zh", 16),
])
def test_counts_number_the_next_edition(text: str, lang: str, value: int) -> None:
    # "qua 8 lần Hội nghị" is no edition number: it counts the editions before the one the clause is about
    (hit,) = find_editions(text, language(lang))
    assert (hit.kind, hit.value) == ("count", value)


def test_editions_of_the_clause_subject() -> None:
    hits = find_editions("新春会晤是连续第三年举行，博览会于2004首次举行。", language("zh"))
    assert [(h.text, h.value, h.kind) for h in hits] == [("连续第三年", 3, "subject"), ("首次", 1, "subject")]
    (hit,) = find_editions("It is the 13th time the fair has been held in the city.", language("en"))
    assert (hit.value, hit.kind) == (13, "subject")


def test_chinese_forms() -> None:
    assert _found("第十次会议、第十届论坛、第14次、第十一次和第二十三届", "zh") == [
        ("第十次", 10), ("第十届", 10), ("第14次", 14), ("第十一次", 11), ("第二十三届", 23)]
    assert _found("第九屆博覽會、首届论坛", "zh") == [("第九屆", 9), ("首届", 1)]
    assert find_editions("第14名、第一、2025年第四季度、建交75周年", language("zh")) == []


def test_english_ordinal_position() -> None:
    text = "the 10th conference, a tenth meeting, the eighth, the 11th Vietnam-China forum, Eleventh Session"
    assert _found(text, "en") == [("10th", 10), ("tenth", 10), ("eighth", 8), ("11th", 11), ("Eleventh", 11)]
    titles = "Tenth Economic Corridor Cooperation Conference opens; the VIII conference on trade; minutes of 9th joint forum"
    assert _found(titles, "en") == [("Tenth", 10), ("VIII", 8), ("9th", 9)]


@pytest.mark.parametrize("text", [
    "for the first time", "November 10th", "the 10th of November", "on the 10th", "the 21st century",
    "he came tenth", "the second largest", "World War II", "Phase II of the plan", "the 20th anniversary of the forum",
])
def test_english_non_editions(text: str) -> None:
    assert find_editions(text, language("en")) == []


def test_offsets_and_order() -> None:
    text = "Biên bản Hội nghị lần thứ IX; Hội nghị lần thứ VIII."
    hits = find_editions(text, language("vi"))
    assert all(text[h.start:h.end] == h.text for h in hits)
    assert [h.value for h in hits] == [9, 8]
