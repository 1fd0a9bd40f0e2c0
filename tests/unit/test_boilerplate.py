"""The text-level boilerplate cleaner, one phenomenon per test, on small self-written inputs."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from corridor_ie.errors import ConfigError
from corridor_ie.ingest.boilerplate import CleanResult, Cues, clean_text, load_cues, phrase_key

BODY1 = (
    "Sáng 3/4, đoàn công tác tỉnh làm việc với chính quyền thành phố bạn về kế hoạch hợp tác thương mại "
    "biên giới, trọng tâm là nâng cấp hạ tầng cửa khẩu và kết nối dữ liệu thông quan."
)
BODY2 = (
    "Hai bên thống nhất tổ chức hội chợ chung vào quý III và giao các sở chuyên môn xây dựng "
    "chương trình hành động cụ thể, báo cáo lãnh đạo hai bên trước cuối năm."
)
TITLE = "Hai tỉnh biên giới bàn hợp tác thương mại"


@pytest.fixture(scope="module")
def cues() -> Cues:
    return load_cues()


def clean(text: str, cues: Cues, **kw: float | bool) -> CleanResult:
    return clean_text(text, cues, **kw)


def kinds(result: CleanResult) -> list[str]:
    return [r.kind for r in result.removed]


# --- stop markers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "marker",
    ["Có thể bạn quan tâm", "Tin cùng chuyên mục", "Tin liên quan", "Bài viết hay? Hãy đánh giá bài viết",
     "Ý KIẾN", "Ý kiến bạn đọc", "相关新闻", "Related news", "Tin liên quan:"],
)
def test_stop_marker_drops_the_teaser_tail(cues: Cues, marker: str) -> None:
    teaser = "Chủ tịch UBND huyện Lê Văn Bảy kiểm tra công trình giao thông nông thôn."
    r = clean("\n".join([TITLE, BODY1, BODY2, marker, "Tiêu đề bài khác", teaser]), cues)
    assert r.text == "\n".join([TITLE, BODY1, BODY2])
    assert kinds(r) == ["teaser_block"] * 3
    assert r.removed[0].text == marker and "stop marker" in r.removed[0].reason
    assert marker in r.removed[-1].reason
    assert not r.fell_back


def test_stop_words_inside_body_sentences_stay(cues: Cues) -> None:
    body = [
        TITLE,
        BODY1,
        "Nhiều ý kiến cho rằng cần đơn giản hóa thủ tục; tin liên quan đến việc mở cửa khẩu mới đã được xác nhận.",
        "Ông bày tỏ tin tưởng vào kết quả hợp tác. Có thể bạn quan tâm đến chương trình này, ông nói.",
        BODY2,
    ]
    r = clean("\n".join(body), cues)
    assert r.text == "\n".join(body)
    assert r.removed == ()


def test_stop_marker_too_early_is_not_a_stop(cues: Cues) -> None:
    # "Tin liên quan" right below the title: fails the position guard, so nothing is truncated
    text = "\n".join([TITLE, "Tin liên quan", BODY1, BODY2])
    r = clean(text, cues)
    assert BODY1 in r.text and BODY2 in r.text
    assert "teaser_block" not in kinds(r)


def test_long_line_starting_like_a_marker_is_not_a_stop(cues: Cues) -> None:
    line = "Tin cùng chuyên mục " + "kinh tế được bạn đọc quan tâm nhiều trong tuần qua vì liên quan hợp tác"
    r = clean("\n".join([TITLE, BODY1, BODY2, line, BODY1 + " Thêm."]), cues)
    assert line in r.text and "teaser_block" not in kinds(r)


def test_fallback_when_truncation_removes_too_much(cues: Cues) -> None:
    # a tail marker ([stop]) cuts by the word; "Tin liên quan" followed by body text would be an empty box
    long_tail = "\n".join([BODY1, BODY2] * 4)
    text = "\n".join([TITLE, "Ngắn gọn một câu thân bài dài hơn hai trăm ký tự. " * 5, "Tin cùng chuyên mục",
                      long_tail])
    strict = clean(text, cues, fallback_min_ratio=0.5)
    assert strict.fell_back
    assert BODY2 in strict.text and "teaser_block" not in kinds(strict)
    # the fallback is reported: the marker that was not applied, and why
    assert strict.removed[-1].kind == "fallback" and strict.removed[-1].text == "Tin cùng chuyên mục"
    assert "not applied" in strict.removed[-1].reason
    lax = clean(text, cues, fallback_min_ratio=0.1)
    assert not lax.fell_back and BODY2 not in lax.text
    assert "fallback" not in kinds(lax)


def test_fallback_ratio_is_validated(cues: Cues) -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        clean("x", cues, fallback_min_ratio=1.5)


# --- share residue, image files, captions -----------------------------------------------------


@pytest.mark.parametrize(
    "residue", ["fb yt zl tw", "user image", "User", "In bài", "Chia sẻ", "分享到：", "Share this article",
                "Facebook Zalo Email", "Từ khóa: cửa khẩu, logistics"],
)
def test_share_residue_lines_go(cues: Cues, residue: str) -> None:
    r = clean("\n".join([TITLE, BODY1, residue, BODY2]), cues)
    assert r.text == "\n".join([TITLE, BODY1, BODY2])
    assert kinds(r) == ["share_residue"]


def test_share_words_inside_a_sentence_stay(cues: Cues) -> None:
    line = "Hai bên chia sẻ kinh nghiệm quản lý và in bài giới thiệu trên báo địa phương."
    r = clean("\n".join([TITLE, line, BODY1]), cues)
    assert line in r.text and r.removed == ()


@pytest.mark.parametrize("name", ["z6004146260410-0a1b2c3d4e.jpg", "anh-hoi-nghi.png", "IMG_0042.JPEG", "a.webp"])
def test_image_file_name_goes_and_next_short_line_is_a_caption(cues: Cues, name: str) -> None:
    r = clean("\n".join([TITLE, BODY1, name, "Quang cảnh hội nghị.", BODY2]), cues)
    assert r.text == "\n".join([TITLE, BODY1, BODY2])
    assert r.captions == ("Quang cảnh hội nghị.",)
    assert kinds(r) == ["image_filename", "caption"]


def test_long_paragraph_after_an_image_is_body_not_caption(cues: Cues) -> None:
    r = clean("\n".join([TITLE, "hinh-1.jpg", BODY1, BODY2]), cues)
    assert BODY1 in r.text and r.captions == ()


def test_image_placeholder_then_caption(cues: Cues) -> None:
    r = clean("\n".join([TITLE, BODY1, "[Ảnh]", "Đại biểu tham quan gian hàng.", BODY2]), cues)
    assert r.captions == ("Đại biểu tham quan gian hàng.",)
    assert kinds(r) == ["image_placeholder", "caption"]


def test_bar_caption_is_moved_to_captions_without_the_bar(cues: Cues) -> None:
    r = clean("\n".join([TITLE, BODY1, "Các đại biểu chụp ảnh lưu niệm |", BODY2]), cues)
    assert r.captions == ("Các đại biểu chụp ảnh lưu niệm",)
    assert "|" not in r.text and kinds(r) == ["caption"]


def test_table_row_with_several_bars_is_kept(cues: Cues) -> None:
    # decision: a line with more than one bar is a table row from the body, not a caption
    row = "Lào Cai | 1.250 | 18% |"
    r = clean("\n".join([TITLE, BODY1, row, BODY2]), cues)
    assert row in r.text and r.captions == ()


def test_bar_glued_to_a_word_is_not_a_caption(cues: Cues) -> None:
    line = "Kết quả: tăng|"
    r = clean("\n".join([TITLE, BODY1, line]), cues)
    assert line in r.text


# --- credits ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "credit",
    ["Tin, ảnh: Minh Khang", "Ảnh: TTXVN", "Bài, ảnh: Thu Hằng", "PV", "PV - CTV", "（记者 李明 报道）",
     "记者张华报道", "责任编辑：王芳", "By Anna Lee", "Reporting by Anna Lee; Editing by Mark Dale"],
)
def test_credit_lines_go_anywhere(cues: Cues, credit: str) -> None:
    r = clean("\n".join([TITLE, BODY1, credit, BODY2]), cues)
    assert r.text == "\n".join([TITLE, BODY1, BODY2])
    assert kinds(r) == ["credit"]


@pytest.mark.parametrize(
    "body",
    ["By 2026, the provinces aim to handle most declarations online.",
     "记者从会议上获悉，双方将扩大农产品贸易。",
     "Ảnh hưởng của dịch bệnh khiến lượng hàng qua cửa khẩu giảm mạnh trong quý đầu năm."],
)
def test_body_lines_that_start_like_credits_stay(cues: Cues, body: str) -> None:
    r = clean("\n".join([TITLE, BODY1, body, BODY2]), cues)
    assert body in r.text and r.removed == ()


def test_theo_line_is_a_credit_only_when_short_and_final(cues: Cues) -> None:
    body = "Theo ông Giám đốc Sở, tại 3 phiên chuyên đề, các đại biểu đã đánh giá kết quả hợp tác."
    r = clean("\n".join([TITLE, body, "Theo TTXVN", BODY1, "Theo Báo Biên Cương"]), cues)
    assert r.text == "\n".join([TITLE, body, "Theo TTXVN", BODY1])
    assert kinds(r) == ["credit"]


def test_final_name_byline_goes(cues: Cues) -> None:
    r = clean("\n".join([TITLE, BODY1, BODY2, "Thanh Bình"]), cues)
    assert r.text == "\n".join([TITLE, BODY1, BODY2]) and kinds(r) == ["credit"]


# --- duplicated headline ---------------------------------------------------------------------


def test_exact_duplicate_title_is_removed(cues: Cues) -> None:
    r = clean("\n".join([TITLE, "TTO - Sáng 3/4, lãnh đạo hai tỉnh gặp nhau.", TITLE, BODY1]), cues)
    assert r.text.count(TITLE) == 1
    assert kinds(r) == ["duplicate_title"]


def test_near_duplicate_title_is_kept(cues: Cues) -> None:
    near = TITLE + " biên giới"
    r = clean("\n".join([TITLE, near, BODY1]), cues)
    assert near in r.text and r.removed == ()


# --- related-links boxes ---------------------------------------------------------------------


def test_related_box_swallows_headlines_but_not_the_next_paragraph(cues: Cues) -> None:
    text = "\n".join([TITLE, BODY1, "Xem thêm:", "Khai trương tuyến xe khách mới", "Mở cửa khẩu phụ", BODY2])
    r = clean(text, cues)
    assert r.text == "\n".join([TITLE, BODY1, BODY2])
    assert kinds(r) == ["related_link"] * 3


def test_one_line_related_link_goes(cues: Cues) -> None:
    r = clean("\n".join([TITLE, BODY1, "Tin liên quan: Khai trương tuyến xe khách", BODY2]), cues)
    assert r.text == "\n".join([TITLE, BODY1, BODY2]) and kinds(r) == ["related_link"]


# --- output shape and explainability ---------------------------------------------------------


def test_output_whitespace_is_normalised_but_paragraphs_untouched(cues: Cues) -> None:
    inner = "Câu có  hai dấu cách\tvà tab bên trong."
    nfd = unicodedata.normalize("NFD", "Hội nghị lần thứ mười.")
    r = clean(f"{TITLE}   \r\n\n\n  {inner}  \n\n{nfd}\n\n", cues)
    assert r.text == f"{TITLE}\n{inner}\n{nfd}"  # NFD kept: normalisation is a later stage


def test_every_input_line_is_kept_or_explained(cues: Cues) -> None:
    lines = [TITLE, BODY1, "a.jpg", "Ảnh chụp.", "Chú thích |", "fb yt zl tw", BODY2, "Tin, ảnh: A B",
             "Tin cùng chuyên mục", "Bài khác", "Đoạn khác."]
    r = clean("\n".join(lines), cues)
    kept = r.text.split("\n")
    explained = [x.text for x in r.removed]
    assert sorted(kept + explained) == sorted(lines)
    assert all(x.reason for x in r.removed)


def test_empty_text(cues: Cues) -> None:
    assert clean("", cues) == CleanResult("", (), (), False)


# --- cue files ---------------------------------------------------------------------------------


def test_shipped_cues_load_and_every_section_has_cues(cues: Cues) -> None:
    assert all(rule.phrases or rule.patterns for _, rule in cues.rules)
    assert cues.sources and cues.sources[0].endswith("boilerplate.toml")


def test_user_cue_file_adds_a_site_marker(tmp_path: Path) -> None:
    extra = tmp_path / "site.toml"
    extra.write_text('[stop]\nphrases = ["Tin từ địa phương khác"]\n[limits]\nstop_min_chars_before = 0\n',
                     encoding="utf-8")
    text = "\n".join([TITLE, BODY1, "TIN TỪ ĐỊA PHƯƠNG KHÁC:", "Bài không liên quan."])
    assert "Bài không liên quan." in clean_text(text, load_cues()).text
    user = load_cues([extra])
    assert clean_text(text, user).text == "\n".join([TITLE, BODY1])
    assert user.limit("stop_min_chars_before") == 0
    assert user.sources[-1] == str(extra)


@pytest.mark.parametrize(
    "content, message",
    [("[stopp]\nphrases = []\n", r"bad.toml:1: stopp: Extra inputs are not permitted"),
     ("[stop]\nwords = []\n", r"bad.toml:2: stop.words: Extra inputs are not permitted"),
     ("[credit]\npatterns = ['(unclosed']\n", "bad regex in [credit]"),
     ("[limits]\nfinal_lines = -1\n", r"bad.toml:2: limits.final_lines: Input should be greater than or equal to 0"),
     ("[stop]\nphrases = 'x'\n", r"bad.toml:2: stop.phrases: Input should be a valid list"),
     ("[stop\n", r"bad.toml:1: not valid TOML")],
)
def test_bad_cue_files_are_config_errors(tmp_path: Path, content: str, message: str) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message.replace("[", r"\[").replace("(", r"\(")) as info:
        load_cues([bad])
    assert str(bad) in str(info.value)


def test_missing_cue_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="nope.toml: cannot read data table"):
        load_cues([tmp_path / "nope.toml"])


def test_phrase_key_ignores_case_brackets_and_trailing_colon() -> None:
    assert phrase_key("  【 Tin Liên Quan: 】") == phrase_key("tin liên quan")


# --- issue 16: related-news cues by the block, the page head, captions, datelines -----------------


def test_empty_related_box_in_the_middle_removes_only_the_cue(cues: Cues) -> None:
    r = clean("\n".join([TITLE, BODY1, "TIN LIÊN QUAN", BODY2, BODY1 + " Thêm."]), cues)
    assert r.text == "\n".join([TITLE, BODY1, BODY2, BODY1 + " Thêm."])
    assert [(x.kind, x.text) for x in r.removed] == [("related_link", "TIN LIÊN QUAN")]
    assert "empty box" in r.removed[0].reason


def test_related_block_in_the_middle_goes_and_the_body_after_it_stays(cues: Cues) -> None:
    teasers = ["Khai trương tuyến xe khách Lạng Sơn - Nam Ninh", "Tuyến xe chạy mỗi ngày hai chuyến từ tháng sau.",
               "Hội chợ thương mại biên giới mở cửa"]
    r = clean("\n".join([TITLE, BODY1, "Tin liên quan", *teasers, BODY2, BODY1 + " Thêm."]), cues)
    assert r.text == "\n".join([TITLE, BODY1, BODY2, BODY1 + " Thêm."])
    assert [x.kind for x in r.removed] == ["related_link"] * 4
    assert "article goes on" in r.removed[0].reason


def test_related_block_at_the_end_is_a_teaser_tail(cues: Cues) -> None:
    r = clean("\n".join([TITLE, BODY1, BODY2, "相关新闻", "两省举行边境旅游推介会", "口岸货运量持续增长"]), cues)
    assert r.text == "\n".join([TITLE, BODY1, BODY2])
    assert {x.kind for x in r.removed} == {"teaser_block"}


def test_head_chrome_title_date_and_byline_of_a_scrape(cues: Cues) -> None:
    text = "\n".join(["Skip to main content", "Trang chủ", "Thời sự", "Thứ bảy, 15/03/2025", TITLE,
                      "Minh Anh - 14/03/2025 08:15", BODY1, BODY2])
    r = clean(text, cues)
    assert r.text == "\n".join([TITLE, BODY1, BODY2])
    assert (r.title, r.published, r.byline) == (TITLE, "2025-03-14", "Minh Anh")
    kinds_of = {x.text: x.kind for x in r.removed}
    assert kinds_of["Thứ bảy, 15/03/2025"] == "today_date"  # the date the page was viewed: not published
    assert kinds_of["Skip to main content"] == "navigation" and kinds_of["Thời sự"] == "label"


def test_weekday_date_below_the_headline_is_the_publication_date(cues: Cues) -> None:
    r = clean("\n".join([TITLE, "Thứ năm, 13/03/2025", BODY1, BODY2]), cues)
    assert r.published == "2025-03-13" and "Thứ năm" not in r.text


def test_headline_less_excerpt_has_no_title_and_keeps_a_leading_subheading(cues: Cues) -> None:
    r = clean("\n".join(["Thảo luận", BODY1, BODY2]), cues)  # no headline below it: it may be the story's own
    assert r.title is None and r.text.startswith("Thảo luận\n")


def test_crawler_date_marker_is_cut_off_the_first_line(cues: Cues) -> None:
    r = clean("\n".join([" date 2023-11 " + BODY1, BODY2]), cues)
    assert r.text == "\n".join([BODY1, BODY2]) and r.published == "2023-11"
    assert r.removed[0].kind == "dateline" and r.removed[0].text == "date 2023-11"


def test_caption_cell_split_over_lines(cues: Cues) -> None:
    r = clean("\n".join([TITLE, BODY1, "|", "Hai đoàn ký biên bản", "tại hội trường (Ảnh: TTXVN) |", BODY2]), cues)
    assert r.text == "\n".join([TITLE, BODY1, BODY2])
    assert r.captions == ("Hai đoàn ký biên bản", "tại hội trường (Ảnh: TTXVN)")


@pytest.mark.parametrize("caption", [
    "Quang cảnh hội nghị.", "会谈现场。图自越通社", "At the meeting.", "Toàn cảnh phiên họp. Ảnh: Khánh Tâm",
    "越南总理（右）与广西党委书记（左）会谈。", "Phiên họp thứ 9 Nhóm công tác liên hợp ảnh 1Ký kết biên bản hợp tác.",
])
def test_photo_captions_go_to_captions(cues: Cues, caption: str) -> None:
    r = clean("\n".join([TITLE, BODY1, caption, BODY2]), cues)
    assert r.text == "\n".join([TITLE, BODY1, BODY2]) and len(r.captions) == 1


@pytest.mark.parametrize("body", [
    "广西擘画了发展新蓝图：一是加快推进基础设施互联互通，二是深化经贸合作。",  # "图：" inside a word
    "部分企业试图自行解决通关难题，但效果有限。",
    "Đây là những hình ảnh: cầu, đường và cửa khẩu mới của tỉnh",
])
def test_words_that_contain_a_credit_label_are_body(cues: Cues, body: str) -> None:
    r = clean("\n".join([TITLE, BODY1, body, BODY2]), cues)
    assert body in r.text.split("\n") and r.captions == ()


def test_date_and_source_line_inside_the_text_goes(cues: Cues) -> None:
    line = "发布时间：2023-08-15 09:30 来源：边关日报 作者：黄某"
    r = clean("\n".join([TITLE, BODY1, BODY2, line, BODY1 + " Thêm."]), cues, scrape=False)
    assert line not in r.text and [x.kind for x in r.removed] == ["dateline"]


def test_fallback_when_the_line_rules_keep_too_little_is_reported(cues: Cues) -> None:
    text = "\n".join(["fb yt zl tw", "Chia sẻ", "Ngắn."])
    r = clean(text, cues, fallback_min_ratio=0.9)
    assert r.fell_back and r.text == "\n".join(["fb yt zl tw", "Chia sẻ", "Ngắn."])
    assert [(x.kind, x.text) for x in r.removed] == [("fallback", "")]
    assert "kept whole" in r.removed[0].reason
