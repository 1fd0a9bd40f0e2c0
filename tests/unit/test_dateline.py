"""Datelines: the publication date of a document whose metadata gives none."""

from __future__ import annotations

from datetime import date

import pytest
from tests.conftest import language

from corridor_ie.api import tag_text
from corridor_ie.ingest.dateline import Datelines

READER = Datelines(language("en").month_names())
dateline_of, find_dateline = READER.of_line, READER.find

D = date(2024, 11, 6)


@pytest.mark.parametrize(("line", "expected"), [
    ("Thứ Tư, 06/11/2024 - 17:20", D),
    ("Cập nhật lúc 08:00 ngày 6.11.2024", D),
    ("Lào Cai, 6-11-2024", D),
    ("Published: Wednesday, November 6, 2024, 20:15 (GMT+7)", D),
    ("Updated: Nov. 6, 2024", D),
    ("6 November 2024", D),
    ("2024-11-06 09:30 来源：新华网", D),
    ("2024年11月6日 09:30", D),
    ("Ngày 6/11/2024: đoàn công tác sang thăm khu kinh tế", None),  # a headline: too many words
    ("Sáng 6/11/2024, tại thành phố Côn Minh, tỉnh Vân Nam diễn ra Diễn đàn Tỉnh trưởng", None),  # too long
    ("13-14/11/2023", None),  # the end of a range
    ("06/11/2024 - 07/11/2024", None),  # two dates
    ("31/02/2024", None),  # no such day
    ("Năm 2024", None),  # a year alone
    ("Ngày 6/11", None),  # no year
    ("november 6, 2024", None),  # month names are capitalised
])
def test_dateline_of(line, expected):
    assert dateline_of(line) == expected


def test_only_the_first_and_last_lines_are_read():
    body = ["Đoàn công tác làm việc với các sở, ngành của tỉnh bạn về hợp tác kinh tế."] * 8
    assert find_dateline("\n".join(["Tiêu đề", *body, "Hà Nội, 7/11/2024"])) == date(2024, 11, 7)
    assert find_dateline("\n".join(["Tiêu đề", *body[:4], "Hà Nội, 7/11/2024", *body[4:]])) is None


def test_metadata_wins_and_the_dateline_fills_the_gap():
    text = "Hai tỉnh ký biên bản hợp tác\nThứ Tư, 06/11/2024 - 17:20\nSáng nay, đoàn công tác đã đến."
    assert tag_text(text, lang="vi").seg.published == D
    assert tag_text(text, lang="vi", published="2024-11-07").seg.published == date(2024, 11, 7)


def test_article_record_carries_the_scrape_date_byline_and_title() -> None:
    from corridor_ie.api import extract_text

    text = "\n".join(["Trang chủ", "Hai tỉnh ký biên bản hợp tác cửa khẩu", "Minh Anh - 14/03/2019 08:15",
                      "Sáng 13/3, đoàn công tác của tỉnh đã làm việc với thành phố bạn về hợp tác cửa khẩu."])
    article = extract_text(text)[0]
    assert (article.title, article.published, article.byline) == (
        "Hai tỉnh ký biên bản hợp tác cửa khẩu", "2019-03-14", "Minh Anh")
    assert "Trang chủ" not in article.text and "Minh Anh" not in article.text
    assert {"kind": "dateline", "text": "Minh Anh - 14/03/2019 08:15"} in [
        {k: r[k] for k in ("kind", "text")} for r in article.removed]


def test_a_partial_publication_date_is_kept() -> None:
    from corridor_ie.api import extract_text

    text = "Sáng 13/11, đoàn công tác của tỉnh đã làm việc với thành phố bạn về hợp tác cửa khẩu."
    assert extract_text(text, published="2023-11")[0].published == "2023-11"
