"""HTML extraction: metadata, captions, the nesting-depth limit, and the no-text error."""

from __future__ import annotations

import pytest

from corridor_ie.errors import ExtractError, LimitExceeded
from corridor_ie.ingest.html import deeper_than, extract_html, parse_html

PARA = (
    "Đoàn công tác tỉnh biên giới đã làm việc với chính quyền khu tự trị về kế hoạch nâng cấp hạ tầng "
    "cửa khẩu, số hóa thủ tục thông quan và mở thêm tuyến vận tải hàng hóa trong năm tới."
)
PARA2 = "Hai bên thống nhất giao các sở, ngành chuyên môn xây dựng chương trình hành động trước tháng 10."


def page(body: str, head: str = "", lang: str = "vi") -> str:
    return f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head><body>{body}</body></html>'


ARTICLE = f"<article><h1>Tiêu đề bài</h1><p>{PARA}</p><p>{PARA2}</p></article>"


def test_metadata_title_date_sitename_url_lang() -> None:
    head = (
        '<title>Hai tỉnh bàn hợp tác - Báo Mẫu</title>'
        '<meta property="og:title" content="Hai tỉnh bàn hợp tác">'
        '<meta property="og:site_name" content="Báo Mẫu">'
        '<meta property="article:published_time" content="2024-03-14T09:30:00+07:00">'
    )
    r = extract_html(page(ARTICLE, head), url="https://example.vn/a.html")
    assert r.meta.title == "Hai tỉnh bàn hợp tác"
    assert r.meta.published == "2024-03-14"
    assert r.meta.sitename == "Báo Mẫu"
    assert r.meta.url == "https://example.vn/a.html"
    assert r.meta.lang == "vi"
    assert PARA in r.text and PARA2 in r.text


def test_paragraphs_are_lines() -> None:
    r = extract_html(page(ARTICLE))
    lines = r.text.split("\n")
    assert PARA in lines and PARA2 in lines
    assert all(line == line.strip() and line for line in lines)


def test_missing_metadata_is_none() -> None:
    r = extract_html(page(ARTICLE).replace(' lang="vi"', ""))
    assert r.meta.published is None and r.meta.lang is None and r.meta.url is None


def test_figcaption_goes_to_captions_not_text() -> None:
    body = (
        f"<article><p>{PARA}</p><figure><img src='a.jpg' alt='Hội đàm'>"
        "<figcaption>Quang cảnh buổi hội đàm.</figcaption></figure><p>" + PARA2 + "</p></article>"
    )
    r = extract_html(page(body))
    assert r.captions == ("Quang cảnh buổi hội đàm.",)
    assert "Quang cảnh buổi hội đàm" not in r.text
    assert "Hội đàm" not in r.text  # img alt is not used
    assert PARA2 in r.text


def test_caption_class_element_is_a_caption_and_nested_ones_count_once() -> None:
    body = (
        f"<article><p>{PARA}</p><table class='image'><tr><td><img src='b.png'></td></tr>"
        "<tr><td class='PhotoCMS_Caption'><p>Đại biểu <b>tham quan</b> gian hàng.</p></td></tr></table>"
        f"<div class='wp-caption'><figcaption>Ký kết biên bản.</figcaption></div><p>{PARA2}</p></article>"
    )
    r = extract_html(page(body))
    assert r.captions == ("Đại biểu tham quan gian hàng.", "Ký kết biên bản.")
    assert "gian hàng" not in r.text and "Ký kết biên bản" not in r.text


def test_caption_class_container_that_is_too_long_is_not_a_caption() -> None:
    body = f"<div class='caption-wrap'><p>{PARA}</p><p>{PARA2}</p><p>{PARA}</p></div>"
    r = extract_html(page(body))
    assert r.captions == () and PARA2 in r.text


def nested(n: int, tag: str = "div") -> str:
    return f"<{tag}>" * n + f"<p>{PARA}</p><p>{PARA2}</p>" + f"</{tag}>" * n


def test_depth_over_limit_raises_a_one_line_limit_error() -> None:
    with pytest.raises(LimitExceeded) as info:
        extract_html(page(nested(600)))
    assert str(info.value) == "HTML nesting depth over 500 (limit max_html_depth)"
    assert info.value.code == "E202"


def test_depth_limit_is_a_parameter() -> None:
    with pytest.raises(LimitExceeded, match="over 40"):
        extract_html(page(nested(50)), max_depth=40)
    assert PARA in extract_html(page(nested(30)), max_depth=40).text


def test_deep_but_allowed_page_extracts_without_recursion_error() -> None:
    r = extract_html(page(nested(480)))
    assert PARA in r.text


def test_huge_unclosed_nesting_is_refused_as_too_deep() -> None:
    # 200,000 unclosed <div>s: libxml2 builds the tree without recursion, the depth probe walks it
    # level by level, and the page is refused before trafilatura (which recurses) sees it
    with pytest.raises(LimitExceeded, match="HTML nesting depth over 500"):
        extract_html("<div>" * 200_000)


def test_depth_is_read_from_the_parsed_tree_so_html_parsing_rules_apply() -> None:
    # unclosed <p>, <li>, <td> close their siblings; void tags and script contents don't nest
    def deep(html: str, cap: int = 500) -> bool:
        return deeper_than(parse_html(html), cap)

    assert not deep("<html><body>" + "<p>x" * 1000 + "</body></html>")
    assert not deep("<ul>" + "<li>x" * 1000 + "</ul>")
    assert not deep("<table><tr>" + "<td>x" * 1000 + "</table>")
    assert not deep("<div>" + "<br><img src=x><input/>" * 1000 + "</div>")
    assert not deep("<script>" + "<div>" * 1000 + "</script><p>x</p>")
    assert not deep("<!-- " + "<div>" * 1000 + " --><p>x</p>")
    assert deep("<div>" * 1000)
    # html > body > ul > li > ul > li > ul > li: 8 levels
    nested_lists = "<html><body><ul><li><ul><li><ul><li>x</ul></ul></ul></body></html>"
    assert deep(nested_lists, cap=7) and not deep(nested_lists, cap=8)


def test_page_without_article_text_raises() -> None:
    with pytest.raises(ExtractError) as info:
        extract_html(page("<div><img src='a.jpg'><script>var x = 1;</script></div>"))
    assert str(info.value) == "no article text found in the HTML page"
    assert info.value.code == "E203"


@pytest.mark.parametrize("html", ["", "   ", "<html></html>"])
def test_empty_pages_raise_extract_error(html: str) -> None:
    with pytest.raises(ExtractError, match="no article text found in the HTML page"):
        extract_html(html)


def test_xml_declaration_in_a_str_is_accepted() -> None:
    r = extract_html('<?xml version="1.0" encoding="utf-8"?>\n' + page(ARTICLE))
    assert PARA in r.text


def test_external_entities_are_not_resolved() -> None:
    html = (
        '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY leak SYSTEM "file:///etc/passwd">]>'
        f"<html><body><article><p>{PARA} &leak;</p><p>{PARA2}</p></article></body></html>"
    )
    r = extract_html(html)
    assert "root:" not in r.text
    assert PARA2 in r.text


# --- issue 16: the lead is the article's own; teaser lists never enter the text -------------------

_TEASER_PAGE = """<html><body><div class="{wrap}">
<div class="top-box"><div class="item"><a href="/x">Tỉnh đón đoàn doanh nghiệp đến khảo sát đầu tư</a>
<p class="description">Đoàn gồm 15 doanh nghiệp đã khảo sát vùng nguyên liệu chè tại hai huyện.</p></div></div>
<div class="article"><h1>Hai tỉnh ký kế hoạch hợp tác nông nghiệp</h1>
<p class="description">Ngày 8/4, hai tỉnh đã ký kế hoạch hợp tác nông nghiệp giai đoạn 2025 - 2027.</p>
<div class="content"><p>{body}</p><p>{body}</p></div></div>
<div class="box-related"><a href="/y">Khai mạc hội chợ biên giới</a><p class="description">Hội chợ mở cửa.</p></div>
</div></body></html>"""
_BODY = ("Theo kế hoạch, hai bên sẽ trao đổi giống chè và cây dược liệu phù hợp với khí hậu vùng núi, đồng thời "
         "tổ chức tập huấn kỹ thuật cho nông dân các xã biên giới trong năm nay.")


def test_a_teaser_summary_is_never_taken_for_the_lead() -> None:
    text = extract_html(_TEASER_PAGE.format(wrap="main", body=_BODY)).text
    assert "15 doanh nghiệp" not in text and "Hội chợ mở cửa" not in text
    assert "Ngày 8/4, hai tỉnh đã ký kế hoạch" in text


def test_a_wrapper_with_a_marker_word_but_few_links_is_not_a_teaser_box() -> None:
    # "sidebar" is a teaser marker; a layout wrapper carrying it holds the article (few links) and stays
    text = extract_html(_TEASER_PAGE.format(wrap="main has-sidebar", body=_BODY)).text
    assert _BODY in text
