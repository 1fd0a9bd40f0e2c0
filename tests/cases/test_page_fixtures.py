"""Data-driven: every page in tests/fixtures/pages against its ``*.expect.json`` gold (schema in the README
there). Each page goes through the ingest stages as the pipeline runs them: ``extract`` (HTML through
trafilatura), ``normalise`` and ``clean`` (with the languages' month names for datelines)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import _languages

from corridor_ie.ingest.boilerplate import Cues, load_cues
from corridor_ie.ingest.html import shipped_table
from corridor_ie.ingest.stage import cleaned, extract, normalised
from corridor_ie.normalise import FIXERS
from corridor_ie.types import CleanDoc, RawDoc, Source

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pages"
CASES = sorted(p for p in PAGES.iterdir() if p.suffix in {".html", ".txt"})
EXPECT_KEYS = {"description", "must_contain", "must_not_contain", "captions", "meta", "body", "removed"}
META_KEYS = {"title", "published", "byline", "sitename", "lang", "url"}


@pytest.fixture(scope="module")
def cues() -> Cues:
    months: dict[str, int] = {}
    for lang in _languages():
        months.update(lang.month_names())
    return load_cues(months=months)


def run(page: Path, cues: Cues) -> CleanDoc:
    """The CleanDoc the ingest stages make of one fixture page."""
    media = "text/html" if page.suffix == ".html" else "text/plain"
    raw = RawDoc(doc_id=page.stem, source=Source(str(page)), content=page.read_text(encoding="utf-8"),
                 media_type=media)
    doc = extract(raw, shipped_table(), 500)
    return cleaned(normalised(doc, tuple(FIXERS)), cues, 0.2)


def expectation(page: Path) -> dict:
    expect = json.loads(page.with_suffix(".expect.json").read_text(encoding="utf-8"))
    assert set(expect) <= EXPECT_KEYS, f"unknown keys in {page.name} sidecar"
    assert set(expect.get("meta", {})) <= META_KEYS, f"unknown meta keys in {page.name} sidecar"
    return expect


def test_there_are_enough_fixtures() -> None:
    assert len(CASES) >= 30
    assert {p.suffix for p in CASES} == {".html", ".txt"}
    gold = [expectation(p) for p in CASES]
    full = [g for g in gold if "body" in g and {"title", "published", "byline"} <= set(g.get("meta", {}))]
    assert len(full) >= 25  # exact body lines, title, date and byline
    langs = {p.name.split("_")[0] for p, g in zip(CASES, gold, strict=True) if g in full}
    assert langs == {"vi", "zh", "en"}


@pytest.mark.parametrize("page", CASES, ids=lambda p: p.name)
def test_page_fixture(page: Path, cues: Cues) -> None:
    expect = expectation(page)
    assert expect["must_contain"] and expect["must_not_contain"]
    doc = run(page, cues)
    text = doc.text
    missing = [s for s in expect["must_contain"] if s not in text]
    leaked = [s for s in expect["must_not_contain"] if s in text]
    assert not missing, f"body lost: {missing}"
    assert not leaked, f"boilerplate kept: {leaked}"
    if "body" in expect:
        assert text.split("\n") == expect["body"]
    if "captions" in expect:
        assert list(doc.captions) == expect["captions"]
    for key, value in expect.get("meta", {}).items():
        assert getattr(doc.meta, key) == value, key
    for kind, removed_text in expect.get("removed", []):
        assert any(r.kind == kind and r.text == removed_text for r in doc.removed), (kind, removed_text)
    assert all(r.reason for r in doc.removed)


@pytest.mark.parametrize("page", [p for p in CASES if p.suffix == ".txt"], ids=lambda p: p.name)
def test_every_scrape_line_is_kept_or_explained(page: Path, cues: Cues) -> None:
    """An annotator can see every cut: each input line is in the text, or in ``removed`` with a reason."""
    doc = run(page, cues)
    kept = set(doc.text.split("\n"))
    removed = [r.text for r in doc.removed if r.text]
    for line in (ln.strip() for ln in page.read_text(encoding="utf-8").splitlines()):
        if not line:
            continue
        # a removal explains the whole line, or a piece cut off it (a date marker glued to the first line)
        assert line in kept or line in removed or any(
            r in line and line.replace(r, "").strip() in kept | set(removed) for r in removed), line
