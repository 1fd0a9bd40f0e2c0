"""Data-driven: every page in tests/fixtures/pages against its ``*.expect.json`` gold snippets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corridor_ie.ingest.boilerplate import clean_text, load_cues
from corridor_ie.ingest.html import extract_html

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
CASES = sorted(p for p in PAGES.iterdir() if p.suffix in {".html", ".txt"})
EXPECT_KEYS = {"description", "must_contain", "must_not_contain", "captions", "meta"}


def run(page: Path) -> tuple[str, tuple[str, ...], dict[str, str | None]]:
    """Cleaned text, captions and metadata of one fixture page, as the ingest stage produces them."""
    raw = page.read_text(encoding="utf-8")
    cues = load_cues()
    if page.suffix == ".html":
        html = extract_html(raw)
        cleaned = clean_text(html.text, cues)
        return cleaned.text, html.captions + cleaned.captions, vars(html.meta)
    cleaned = clean_text(raw, cues)
    return cleaned.text, cleaned.captions, {}


def test_there_are_enough_fixtures() -> None:
    assert len(CASES) >= 4
    assert {p.suffix for p in CASES} == {".html", ".txt"}


@pytest.mark.parametrize("page", CASES, ids=lambda p: p.name)
def test_page_fixture(page: Path) -> None:
    expect = json.loads(page.with_suffix(".expect.json").read_text(encoding="utf-8"))
    assert set(expect) <= EXPECT_KEYS, f"unknown keys in {page.name} sidecar"
    assert expect["must_contain"] and expect["must_not_contain"]
    text, captions, meta = run(page)
    missing = [s for s in expect["must_contain"] if s not in text]
    leaked = [s for s in expect["must_not_contain"] if s in text]
    assert not missing, f"body lost: {missing}"
    assert not leaked, f"boilerplate kept: {leaked}"
    if "captions" in expect:
        assert list(captions) == expect["captions"]
    for key, value in expect.get("meta", {}).items():
        assert meta[key] == value, key
