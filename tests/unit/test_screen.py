"""The screen stage: raw markup to words without a parse, and a verdict that never loses a page the
full pipeline would keep.

Markup cases come from ``tests/cases/screen_markup.jsonl``, one JSON object per line:
- ``id`` (str, unique); ``html``: a piece of raw markup of our own writing;
- ``contains`` (list of str): strings that must be in ``visible_text(html)``;
- ``absent`` (list of str): strings that must not be in it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corridor_ie.api import raw_text, resources, run_stages
from corridor_ie.errors import DocumentError
from corridor_ie.pipeline import read_inputs
from corridor_ie.screen.markup import _HIDDEN, _hidden, page_language, visible_text, without_hidden
from corridor_ie.screen.stage import RULED_OUT, cheap_language, page_text
from corridor_ie.types import Meta, RawDoc, RuledOut, Source

REPO = Path(__file__).resolve().parents[2]
CASES = REPO / "tests" / "cases" / "screen_markup.jsonl"
SEEDS = REPO.parent / "shared" / "seeds"


def _cases() -> list[dict]:
    return [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["id"])
def test_visible_text(case: dict) -> None:
    text = visible_text(case["html"])
    for s in case["contains"]:
        assert s in text, (s, text)
    for s in case["absent"]:
        assert s not in text, (s, text)


def test_the_fast_way_and_the_regex_agree_on_hidden_parts() -> None:
    pages = [p.read_text(encoding="utf-8") for p in sorted(REPO.glob("examples/**/*.html"))]
    pages += [p.read_text(encoding="utf-8") for p in sorted(REPO.glob("tests/fixtures/pages/*.html"))]
    pages += [c["html"] for c in _cases() if "unclosed" not in c["id"]]
    for page in pages:
        assert without_hidden(page).split() == _HIDDEN.sub(_hidden, page).split()


def test_page_language_is_read_from_the_html_element_only() -> None:
    assert page_language('<!DOCTYPE html>\n<html class="x" lang="zh-CN">') == "zh"
    assert page_language("<html><body><p lang='en'>x</p>") is None


@pytest.mark.parametrize(("content", "media", "declared", "lang"), [
    ("<html lang='en'><p>Các doanh nghiệp mở rộng dịch vụ thanh toán.</p>", "text/html", None, "vi"),
    ("<html lang='vi'><p>多家企业推出线上支付服务。</p>", "text/html", None, "zh"),
    ("<html lang='en'><p>The retailer cut prices.</p>", "text/html", None, "en"),
    ("Một bài viết.", "text/plain", "zh-Hant", "zh"),
])
def test_cheap_language(content: str, media: str, declared: str | None, lang: str) -> None:
    raw = RawDoc("x", Source("x"), content, media, Meta(lang=declared))
    assert cheap_language(raw, page_text(raw)) == lang


def test_a_page_ruled_out_says_why_and_keeps_its_language() -> None:
    raw = RawDoc("x", Source("x"), "<html lang='vi'><body><nav>Lào Cai</nav><p>Giá vàng tăng ở Hà Nội và Trung Quốc."
                 "</p></body></html>", "text/html")
    assert not isinstance(resources().stage("screen")(raw), RuledOut)  # a corridor name in the menu: a candidate
    raw = RawDoc("y", Source("y"), "<html lang='vi'><body><p>Giá vàng tăng ở Hà Nội và Trung Quốc.</p></body></html>",
                 "text/html")
    out = resources().stage("screen")(raw)
    assert isinstance(out, RuledOut) and out.raw is raw and out.lang == "vi"
    assert out.reasons == (RULED_OUT, "vn_place:vn.prov.ha-noi", "country:country.cn")


# --------------------------------------------------------------------------- the superset property


def _documents() -> list[RawDoc]:
    cfg = resources().config
    folders = [REPO / "examples", REPO / "heldout", REPO / "tests" / "fixtures" / "pages"]
    folders += [SEEDS] if SEEDS.is_dir() else []
    return [d for f in folders for d in read_inputs([str(f)], cfg) if isinstance(d, RawDoc)]


def _full(raw: RawDoc) -> bool:
    """The full pipeline's verdict (the screen's ignored: every stage runs as far as the page goes); a
    page it cannot extract is kept by nothing."""
    try:
        tagged, _ = run_stages(raw, resources(), build=False, unrelated="full")
    except DocumentError:
        return False
    return tagged.seg.relevant


def _screened(raw: RawDoc) -> bool:
    return not isinstance(resources().stage("screen")(raw), RuledOut)


def test_the_screen_keeps_every_page_the_full_pipeline_keeps() -> None:
    docs = _documents()
    assert len(docs) >= 25
    verdicts = [(d.source.location, _screened(d), _full(d)) for d in docs]
    assert [loc for loc, screened, full in verdicts if full and not screened] == []
    assert any(not full for _, _, full in verdicts) and any(full for _, _, full in verdicts)


def test_the_prefilter_keeps_every_page_the_tag_stage_keeps() -> None:
    res = resources()
    prefilter = res.stage("prefilter")
    for raw in _documents():
        tagged, _ = run_stages(raw, res, build=False, unrelated="full")
        if tagged.seg.relevant:
            assert prefilter(tagged.seg).relevant, raw.source.location


# pages built from gazetteer names (corridor ones and not), filler words and markup around them
_FILLER = ["Sáng nay", "trời mưa", "giá vàng", "tăng", "hợp tác", "tỉnh", "thành phố", "và", "của", ",", ".", "–",
           "中国", "合作", "会议", "the", "sales", "in", "rose", "2024"]
_NAMES = ["Lào Cai", "Lạng Sơn", "Hà Nội", "Nghệ An", "Bắc Kinh", "Nam Ninh", "Trung Quốc", "Việt Nam", "Hữu Nghị",
          "Hà Khẩu", "Móng Cái", "Vân Nam", "Quảng Tây", "Côn Minh", "老街", "河口", "北京", "云南", "越南", "Lao Cai",
          "Hanoi", "Beijing", "Kunming", "Yunnan", "China", "Trần Sỹ Thanh", "Tà Lùng – Thủy Khẩu"]
_OPEN = ["<p>", "<div class='x'>", "<li>", "<b>", "<span>", "<a href='/lao-cai'>", "<br>", "<td>", "", "", ""]
_CLOSE = ["</p>", "</div>", "</li>", "</b>", "</span>", "</a>", "</td>", "", "", ""]
_piece = st.one_of(st.sampled_from(_FILLER), st.sampled_from(_NAMES), st.sampled_from(_OPEN), st.sampled_from(_CLOSE),
                   st.sampled_from(["&nbsp;", "&amp;", "<!-- c -->", "<script>var a='Lạng Sơn';</script>",
                                    "<style>.b{}</style>", " ", " ", "\n", "\u200b"]))
_pages = st.lists(_piece, min_size=1, max_size=30).map(lambda xs: "<html><body>" + " ".join(xs) + "</body></html>")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page=_pages, lang=st.sampled_from([None, "vi", "zh", "en"]))
def test_property_screen_is_a_superset_of_the_full_decision(page: str, lang: str | None) -> None:
    html = RawDoc(RawDoc.make_id(page.encode()), Source("<p>"), page, "text/html", Meta(lang=lang))
    plain = raw_text(visible_text(page), lang=lang)
    for raw in (html, plain):
        if _full(raw):
            assert _screened(raw), raw.content


def test_pieces_overlap_more_than_any_name_is_long() -> None:
    from corridor_ie.gazetteer import scan

    longest = max(len(n) for e in resources().gazetteer.entries.values() for _, n in e.all_names())
    assert scan.OVERLAP > 2 * longest


def test_a_name_across_the_pieces_is_found() -> None:
    from corridor_ie.gazetteer import scan

    names = resources().stage("screen")
    for cut in range(scan.FIRST_PIECE - 12, scan.FIRST_PIECE + 2):
        filler = ("Giá vàng tăng nhẹ. " * 200)[:cut]
        raw = raw_text(filler + "Cửa khẩu Hữu Nghị đông xe.")
        assert not isinstance(names(raw), RuledOut), cut
