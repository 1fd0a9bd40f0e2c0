"""The cleaner on the five original articles (read from ../shared/seeds, picked by content).

The oracle for "body paragraph" is deliberately simpler than the cleaner: every line before the
first end-of-article marker the seeds use, except lines that end in " |", image file names and the
short line after one, the "Tin, ảnh:" credit and a verbatim repeat of the first line.
"""

from __future__ import annotations

import re

import pytest
from tests.conftest import seed_containing

from corridor_ie.ingest.boilerplate import Cues, clean_text, load_cues

pytestmark = pytest.mark.seeds

END_MARKERS = ("Bài viết hay? Hãy đánh giá bài viết", "Có thể bạn quan tâm", "Ý kiến bạn đọc")
IMAGE_FILE = re.compile(r"\S+\.(?:jpe?g|png|webp|gif)", re.I)


@pytest.fixture(scope="module")
def cues() -> Cues:
    return load_cues()


def body_paragraphs(seed: str) -> list[str]:
    lines = [ln.strip() for ln in seed.splitlines() if ln.strip()]
    body: list[str] = []
    after_image = False
    for i, line in enumerate(lines):
        if line in END_MARKERS:
            break
        was_after_image, after_image = after_image, bool(IMAGE_FILE.fullmatch(line))
        if after_image or line.endswith(" |") or line.startswith("Tin, ảnh:"):
            continue
        if was_after_image and len(line) < 60:
            continue
        if i > 0 and line == lines[0]:
            continue
        body.append(line)
    return body


def test_every_body_paragraph_of_every_seed_is_kept(seed_texts: dict[str, str], cues: Cues) -> None:
    assert len(seed_texts) == 5
    for seed in seed_texts.values():
        result = clean_text(seed, cues)
        assert not result.fell_back
        kept = result.text.split("\n")
        for para in body_paragraphs(seed):
            assert para in kept, para[:80]
        # and nothing else is left: the output is exactly the body paragraphs, in order
        assert kept == body_paragraphs(seed)


def test_cleaning_is_idempotent_on_seeds(seed_texts: dict[str, str], cues: Cues) -> None:
    for seed in seed_texts.values():
        once = clean_text(seed, cues)
        twice = clean_text(once.text, cues)
        assert twice.text == once.text and twice.removed == ()


def test_rating_widget_comments_and_teasers_go(seed_texts: dict[str, str], cues: Cues) -> None:
    seed = seed_containing(seed_texts, "Bài viết hay? Hãy đánh giá bài viết")
    r = clean_text(seed, cues)
    for gone in ("Bài viết hay?", "user image", "Ý KIẾN", "Nguyễn Quang Đức", "Trần Thanh Mẫn",
                 "Phạm Minh Chính", "Lý Cường", "Đại hội Đại biểu các dân tộc thiểu số"):
        assert gone not in r.text
    assert "\nUser\n" not in "\n" + r.text + "\n"
    assert r.text.split("\n")[-1] == body_paragraphs(seed)[-1]  # ends with the last body paragraph
    assert {x.kind for x in r.removed} == {"teaser_block"}


def test_related_stories_tail_and_its_officials_go(seed_texts: dict[str, str], cues: Cues) -> None:
    seed = seed_containing(seed_texts, "Tin cùng chuyên mục", "Có thể bạn quan tâm")
    r = clean_text(seed, cues)
    for gone in ("Có thể bạn quan tâm", "Tin cùng chuyên mục", "Giàng Thị Dung", "Hoàng Công Thủy",
                 "Phùng Nam Trung", "Sổ tay đảng viên", "fb yt zl tw"):
        assert gone not in r.text
    assert "Trịnh Xuân Trường" in r.text  # the article's own official stays
    teaser = [x for x in r.removed if x.kind == "teaser_block"]
    assert teaser[0].text == "Có thể bạn quan tâm"
    assert teaser[-1].text == "fb yt zl tw"


def test_image_file_names_gone_and_their_captions_kept_apart(seed_texts: dict[str, str], cues: Cues) -> None:
    seed = seed_containing(seed_texts, "Quang cảnh diễn đàn.")
    r = clean_text(seed, cues)
    assert not any(IMAGE_FILE.fullmatch(line) for line in r.text.split("\n"))
    assert ".jpg" not in r.text
    assert r.captions == ("Quang cảnh diễn đàn.", "Đại biểu tham dự diễn đàn.")
    assert "Quang cảnh diễn đàn." not in r.text.split("\n")


def test_bar_captions_move_to_captions(seed_texts: dict[str, str], cues: Cues) -> None:
    for seed in seed_texts.values():
        r = clean_text(seed, cues)
        bars = [ln.strip()[:-2] for ln in seed.splitlines() if ln.strip().endswith(" |")]
        assert " |" not in r.text
        for caption in bars:
            assert caption in r.captions
    seed = seed_containing(seed_texts, "Quang cảnh điểm cầu tại tỉnh")
    assert len(clean_text(seed, cues).captions) == 4


def test_repeated_headline_credit_and_comment_label_go(seed_texts: dict[str, str], cues: Cues) -> None:
    seed = seed_containing(seed_texts, "Quang cảnh điểm cầu tại tỉnh")
    title = seed.splitlines()[0]
    r = clean_text(seed, cues)
    assert r.text.split("\n")[0] == title
    assert r.text.count(title) == 1
    assert [x.kind for x in r.removed if x.text == title] == ["duplicate_title"]
    assert "Tin, ảnh:" not in r.text and "Ý kiến bạn đọc" not in r.text


def test_a_clean_article_is_left_alone(seed_texts: dict[str, str], cues: Cues) -> None:
    # the seed with no captions, widgets or teasers comes out unchanged, body lines starting with
    # "Theo ông …" included
    seed = seed_containing(seed_texts, "Hội nghị lần thứ 11 năm 2025")
    r = clean_text(seed, cues)
    assert r.removed == () and r.captions == ()
    assert r.text == "\n".join(ln.strip() for ln in seed.splitlines() if ln.strip())
