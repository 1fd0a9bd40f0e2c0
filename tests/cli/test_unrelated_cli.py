"""``corridor-ie extract --unrelated stub|omit|full``: how much of an unrelated page is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor_ie.cli import app

runner = CliRunner()

RELATED = ("Lạng Sơn và Quảng Tây bàn về cửa khẩu\n"
           "Sáng 4/3/2024, lãnh đạo tỉnh Lạng Sơn hội đàm với đoàn công tác Khu tự trị Quảng Tây (Trung Quốc). "
           "Hai bên nhất trí phối hợp nâng cấp cặp cửa khẩu Hữu Nghị – Hữu Nghị Quan trong năm 2024.\n")
# unrelated: a country name and a Vietnamese city are not the corridor
UNRELATED_PAGE = ("<html lang='vi'><head><title>Giá sầu riêng</title></head><body><article><h1>Giá sầu riêng tăng</h1>"
                  "<p>Giá sầu riêng xuất khẩu sang Trung Quốc tăng mạnh trong tháng này, nhiều nhà vườn ở Cần Thơ "
                  "phấn khởi vì được mùa được giá.</p></article></body></html>")
# a candidate for the screen (a border province in the menu) that the later stages find unrelated
MENU_PAGE = ("<html lang='vi'><body><nav><a href='/ls'>Lạng Sơn</a></nav><article><p>Đội bóng của trường giành "
             "chức vô địch giải bóng đá học sinh sau trận chung kết kịch tính, trước hàng nghìn khán giả.</p>"
             "</article></body></html>")


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a_related.txt").write_text(RELATED, encoding="utf-8")
    (d / "b_unrelated.html").write_text(UNRELATED_PAGE, encoding="utf-8")
    (d / "c_menu.html").write_text(MENU_PAGE, encoding="utf-8")
    return d


def _run(corpus: Path, *opts: str) -> tuple[object, list[dict]]:
    out = corpus.parent / "out.jsonl"
    r = runner.invoke(app, ["extract", str(corpus), "-o", str(out), *opts])
    return r, [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]


def _articles(records: list[dict]) -> dict[str, dict]:
    return {Path(a["source"]["path"]).name: a for a in records if a["record_type"] == "article"}


def test_stub_is_the_default(corpus: Path) -> None:
    r, records = _run(corpus)
    assert r.exit_code == 0, r.output
    arts = _articles(records)
    assert list(arts) == ["a_related.txt", "b_unrelated.html", "c_menu.html"]
    related, unrelated, menu = arts.values()
    assert related["relevant"] and related["relevance"]["relevant"] and related["text"]
    assert "border_place:vn.prov.lang-son" in related["relevance"]["reasons"]
    assert any(r["record_type"] != "article" and r["doc_id"] == related["doc_id"] for r in records)
    # ruled out before extraction: no text, its language, and why
    assert unrelated["relevant"] is False and unrelated["text"] == "" and unrelated["lang"] == "vi"
    assert unrelated["relevance"] == {"relevant": False, "reasons": [
        "screen: no corridor name in the page", "vn_place:vn.prov.can-tho", "country:country.cn"]}
    # extracted (a corridor name in the menu), then found unrelated: a stub too, with the body's verdict
    assert menu["relevant"] is False and menu["text"] == "" and menu["relevance"]["reasons"][0] == "no corridor entity"
    assert not any(r["doc_id"] in (unrelated["doc_id"], menu["doc_id"]) for r in records if r["record_type"] != "article")
    assert r.stderr.startswith("documents: 3 read, 3 extracted, 0 failed; ")


def test_omit_writes_nothing_for_unrelated_pages(corpus: Path) -> None:
    r, records = _run(corpus, "--unrelated", "omit")
    assert r.exit_code == 0, r.output
    assert list(_articles(records)) == ["a_related.txt"]
    assert r.stderr.startswith("documents: 3 read, 1 extracted, 0 failed, 2 unrelated omitted; ")


def test_full_extracts_every_page_as_before(corpus: Path) -> None:
    r, records = _run(corpus, "--unrelated", "full")
    assert r.exit_code == 0, r.output
    _related, unrelated, menu = _articles(records).values()
    assert unrelated["relevant"] is False and "sầu riêng" in unrelated["text"] and unrelated["title"]
    assert unrelated["relevance"]["reasons"][0] == "no corridor entity"
    assert "vô địch" in menu["text"] and menu["relevant"] is False


def test_an_unknown_choice_is_a_usage_error(corpus: Path) -> None:
    r = runner.invoke(app, ["extract", str(corpus), "--unrelated", "some"])
    assert r.exit_code == 2
    assert r.stderr == ("corridor-ie: error: unknown choice for unrelated pages: 'some' "
                        "(use stub, omit, full)\n")


def test_a_page_that_is_only_navigation_is_unrelated_not_an_error(tmp_path: Path) -> None:
    (tmp_path / "menu.html").write_text("<html><body><nav><a href='/'>Trang chủ</a></nav></body></html>",
                                        encoding="utf-8")
    r = runner.invoke(app, ["extract", str(tmp_path / "menu.html"), "-o", str(tmp_path / "o.jsonl")])
    assert r.exit_code == 0, r.output
    (art,) = [json.loads(x) for x in (tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()]
    assert art["relevant"] is False and art["relevance"]["reasons"] == ["screen: no corridor name in the page"]


def test_a_pipeline_that_does_not_judge_relevance_writes_whole_articles(corpus: Path, tmp_path: Path) -> None:
    """Without ``screen``, ``prefilter`` and ``tag`` nothing is judged unrelated, so nothing becomes a stub."""
    default = Path(__file__).resolve().parents[2] / "pipelines" / "default.toml"
    p = tmp_path / "clean-only.toml"
    p.write_text(default.read_text(encoding="utf-8").replace(
        '"screen", ', "").replace('"prefilter", "segment", "tag", "assemble"', "").replace(
        '"language", ]', '"language"]').replace('gazetteers = ["../gazetteers"]',
                                                 f'gazetteers = ["{default.parent.parent / "gazetteers"}"]'),
        encoding="utf-8")
    r, records = _run(corpus, "--pipeline", str(p))
    assert r.exit_code == 0, r.output
    assert all(a["text"] and a["relevance"] is None for a in _articles(records).values())
