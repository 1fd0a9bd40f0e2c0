"""Person-name recognition from cues, on sentences written for these tests (vi, zh, en)."""

from __future__ import annotations

import pytest
from tests.conftest import language

from corridor_ie.lang.vi.persons import is_name_syllable as is_vi_name_syllable
from corridor_ie.tag.persons import PersonHit, find_persons

VI_TITLES = ("Phó Chủ tịch Thường trực", "Phó Chủ tịch", "Chủ tịch", "Giám đốc Sở", "Phó Chủ nhiệm",
             "Ủy viên BTV Tỉnh ủy", "Bí thư", "Thủ tướng")
ZH_TITLES = ("副省长", "省长", "副主席", "主席", "书记", "总理")
EN_TITLES = ("Vice Chairman", "Chairman", "Governor", "Vice Governor", "Party Secretary", "Director")


def spans(text: str, needles) -> list[tuple[int, int]]:
    """Spans of the given strings in ``text``, longest first, without overlaps."""
    out: list[tuple[int, int]] = []
    for needle in sorted(needles, key=len, reverse=True):
        i = text.find(needle)
        while i >= 0:
            if not any(s < i + len(needle) and i < e for s, e in out):
                out.append((i, i + len(needle)))
            i = text.find(needle, i + 1)
    return sorted(out)


def run(text: str, lang: str = "vi", places=(), titles=None) -> list[PersonHit]:
    titles = {"vi": VI_TITLES, "zh": ZH_TITLES, "en": EN_TITLES}[lang] if titles is None else titles
    return find_persons(text, language(lang), title_spans=spans(text, titles), blocked=spans(text, places))


def names(text: str, lang: str = "vi", places=(), titles=None) -> list[str]:
    return [h.text for h in run(text, lang, places, titles)]


# ------------------------------------------------------------------ Vietnamese, each cue


def test_title_then_org_and_place_then_name():
    text = "Tại buổi làm việc, Phó Chủ tịch UBND tỉnh Bình Định Đặng Văn Tài đã phát biểu."
    hits = run(text)
    assert [(h.text, h.cue) for h in hits] == [("Đặng Văn Tài", "title")]


def test_title_then_place_without_blocked_spans_still_finds_the_name():
    text = "Chủ tịch UBND tỉnh Gia Định Ngô Thị Mai cho biết kết quả."
    assert names(text) == ["Ngô Thị Mai"]


def test_title_right_before_name_in_a_four_syllable_run():
    text = "Thủ tướng Tô Lâm Minh Châu dự lễ."
    assert names(text) == ["Tô Lâm Minh Châu"]


def test_chinese_official_in_sino_vietnamese_after_org():
    text = "Phó Chủ tịch Chính hiệp tỉnh Tứ Xuyên Vương Hiểu Minh phát biểu."
    assert names(text) == ["Vương Hiểu Minh"]


def test_abbreviation_dot_does_not_end_the_window():
    text = "Chủ tịch UBND TP. Cần Thơ Trương Quang Hoài Nam chủ trì."
    assert names(text) == ["Trương Quang Hoài Nam"]


def test_apposition_before_title():
    text = "Ông nói thêm: Hầu A Lềnh, Phó Chủ nhiệm Ủy ban, đã đến."
    hits = run(text)
    assert [(h.text, h.cue) for h in hits] == [("Hầu A Lềnh", "apposition")]


def test_honorific_and_quote_attribution():
    text = "“Chúng tôi sẵn sàng hợp tác”, ông Hứa Quốc Bình, Phó Chủ nhiệm Văn phòng Ngoại vụ, cho biết."
    hits = run(text)
    assert [h.text for h in hits] == ["Hứa Quốc Bình"]
    assert hits[0].score > 0.9  # honorific and apposition agree


def test_honorific_lowercase_and_capitalised():
    assert names("Theo bà Sùng Thị Mỷ, dự án sẽ xong.") == ["Sùng Thị Mỷ"]
    assert names("Đồng chí Lò Văn Muôn dự họp.") == ["Lò Văn Muôn"]


def test_list_of_comrades():
    text = ("Dự hội nghị có các đồng chí: Giàng A Chu, Ủy viên BTV Tỉnh ủy, Phó Chủ tịch Thường trực UBND "
            "tỉnh; Vàng Seo Pháng, Phó Chủ tịch UBND tỉnh Điện Biên; Mai Lan, Giám đốc Sở Tài chính.")
    hits = run(text, places=("Điện Biên",))
    assert [(h.text, h.cue) for h in hits] == [
        ("Giàng A Chu", "list"), ("Vàng Seo Pháng", "list"), ("Mai Lan", "list")]


def test_name_shape_without_cue_has_low_score():
    hits = run("Sau đó Nghiêm Xuân Thành trao đổi với doanh nghiệp.")
    assert [(h.text, h.cue) for h in hits] == [("Nghiêm Xuân Thành", "name_shape")]
    assert hits[0].score < 0.7


def test_name_shape_needs_three_syllables_and_a_surname():
    assert names("Sau đó Ngô Lan trao đổi.") == []
    assert names("Sau đó Xuân Thành Nam trao đổi.") == []


def test_offsets_are_exact_and_sorted():
    text = "Bí thư Lê Văn Hai và ông Phan Thị Bích gặp nhau; Chủ tịch Vi Văn Sáu cũng dự."
    hits = run(text)
    assert [h.text for h in hits] == ["Lê Văn Hai", "Phan Thị Bích", "Vi Văn Sáu"]
    for h in hits:
        assert text[h.start:h.end] == h.text
    assert all(a.end <= b.start for a, b in zip(hits, hits[1:], strict=False))


# ------------------------------------------------------------------ Vietnamese negatives


def test_blocked_place_is_never_a_person():
    text = "Phó Chủ tịch UBND tỉnh Hà Tĩnh phát biểu; đoàn thăm Cao Bằng Hạ Lang."
    assert names(text, places=("Hà Tĩnh", "Cao Bằng", "Hạ Lang")) == []


def test_two_syllable_place_after_classifier_is_not_a_person():
    assert names("Phó Chủ tịch UBND tỉnh Hà Nam nhận định, hội nghị thành công.") == []


def test_titles_and_org_words_are_not_names():
    assert names("Phó Chủ tịch Thường trực UBND tỉnh phát biểu.") == []
    assert names("Sở Kế hoạch và Đầu tư, Ủy ban Nhân dân, Hội đồng Nhân dân họp.") == []


@pytest.mark.parametrize("text", [
    "Hội Nghị Thượng Đỉnh diễn ra.",
    "Hai bên triển khai Tuyên bố chung.",
    "Sáng kiến Vành đai và Con đường được nhắc lại.",
    "Thúc đẩy hợp tác giữa các tỉnh.",
    "Trên Cơ Sở Hợp Tác Toàn Diện, hai bên nhất trí.",
    "Đại hội Đảng bộ Thành phố lần thứ XVII.",
    "Ban Chấp hành Trung ương Đảng khoá XIII họp.",
    "Ông cũng bày tỏ tin tưởng.",
])
def test_capitalised_non_names(text):
    assert names(text) == []


def test_names_do_not_cross_punctuation():
    assert names("Ông Lê, Văn Tám đến.") == []
    assert names("Chủ tịch nói: Trần. Văn Bình") == []


def test_syllable_shape():
    assert is_vi_name_syllable("Khắng") and is_vi_name_syllable("Nguyễn") and is_vi_name_syllable("A")
    assert not is_vi_name_syllable("UBND")
    assert not is_vi_name_syllable("Yubo")
    assert not is_vi_name_syllable("hoàng")
    assert not is_vi_name_syllable("Xyz")


# ------------------------------------------------------------------ Chinese


@pytest.mark.parametrize(("text", "expected"), [
    ("云南省省长王予波在会上讲话。", ["王予波"]),
    ("会后，王予波省长会见了客人。", ["王予波"]),
    ("广西壮族自治区副主席廖品虎出席会议。", ["廖品虎"]),
    ("省长王宁表示欢迎。", ["王宁"]),
    ("欧阳明华同志主持会议。", ["欧阳明华"]),
    ("感谢李明先生和张华女士。", ["李明", "张华"]),
    ("市委书记司马光出席。", ["司马光"]),
])
def test_zh_names_next_to_titles(text, expected):
    hits = run(text, "zh", places=("云南省", "广西壮族自治区"))
    assert [h.text for h in hits] == expected
    assert all(h.cue == "zh_title" for h in hits)


def test_zh_rejects_places_orgs_and_titles():
    assert names("云南省省长出席会议。", "zh", places=("云南省",)) == []
    assert names("河口县县长主持。", "zh", titles=("县长",), places=("河口县",)) == []
    assert names("中国国家主席会见越南总理。", "zh") == []
    assert names("省长在会上讲话。", "zh") == []


def test_zh_blocked_place_starting_with_surname():
    text = "副省长高平县出席。"  # a (made-up) county right after the title
    assert names(text, "zh", places=("高平县",)) == []


# ------------------------------------------------------------------ English


@pytest.mark.parametrize(("text", "expected"), [
    ("Chairman Tran Sy Lam said the meeting was a success.", ["Tran Sy Lam"]),
    ("Governor Wang Yubo welcomed the delegation.", ["Wang Yubo"]),
    ("Vice Chairman of the Guangxi government Liao Pinlong spoke.", ["Liao Pinlong"]),
    ("Chairman of the Lao Cai People's Committee Trinh Xuan Hai attended.", ["Trinh Xuan Hai"]),
    ("Nguyen Van Binh, Vice Governor of the State Bank, attended.", ["Nguyen Van Binh"]),
    ("Mr Hoang Gia Bao and Ms Dao Thu Ha signed the minutes.", ["Hoang Gia Bao", "Dao Thu Ha"]),
    ("Ms Le Thi Thu Hang agreed.", ["Le Thi Thu Hang"]),
])
def test_en_names(text, expected):
    assert names(text, "en", places=("Guangxi", "Lao Cai")) == expected


def test_en_rejects_months_weekdays_places_orgs():
    assert names("Governor Monday said.", "en") == []
    assert names("Chairman November 2023 meeting.", "en") == []
    assert names("Chairman of the Ha Giang People's Committee attended.", "en", places=("Ha Giang",)) == []
    assert names("The Belt and Road Initiative, Chairman of the forum said.", "en") == []


def test_a_language_without_a_recogniser_finds_no_one_and_never_raises():
    assert names("ông Lê Văn An đến.", "xx", titles=()) == []
    assert find_persons("", language("zh")) == []


def test_a_misspelt_cue_key_is_a_config_error_naming_the_line():
    from corridor_ie.errors import ConfigError
    from corridor_ie.lang.vi import PersonsTable
    from corridor_ie.tables import parse_table

    with pytest.raises(ConfigError, match=r"persons.toml:2: surname: Extra inputs are not permitted"):
        parse_table('honorifics = ["ông"]\nsurname = ["Lê"]\n', PersonsTable, "persons.toml")
    with pytest.raises(ConfigError, match=r"persons.toml:1: not valid TOML"):
        parse_table("not toml [", PersonsTable, "persons.toml")
