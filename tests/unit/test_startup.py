"""Start-up stays small: the command line and a page the screen rules out load none of the heavy
libraries (spaCy, trafilatura, the segmenters, dask, rich …); they load when a page needs them.

Each check runs in a fresh interpreter (this test session has loaded everything long ago)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HEAVY = ("spacy", "thinc", "trafilatura", "lxml", "underthesea", "jieba", "rapidfuzz", "dask", "distributed", "rich",
         "datasketch", "warcio", "numpy")


def _loaded_after(code: str, cwd: Path) -> list[str]:
    probe = code + f"\nimport json, sys\nprint(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r})))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=300, cwd=cwd)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_importing_the_cli_loads_no_heavy_library(tmp_path: Path) -> None:
    assert _loaded_after("import corridor_ie.cli, corridor_ie.runner, corridor_ie.api", tmp_path) == []


def test_a_page_ruled_out_by_the_screen_loads_no_heavy_library(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_text("<html lang='en'><body><p>Sales in China rose for the third quarter.</p></body></html>",
                    encoding="utf-8")
    code = (
        "import sys\n"
        "from corridor_ie.cli import main\n"
        f"sys.argv = ['corridor-ie', 'extract', {str(page)!r}, '-o', {str(tmp_path / 'o.jsonl')!r}, '-q']\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert e.code == 0, e.code\n"
    )
    assert _loaded_after(code, tmp_path) == []
    (art,) = [json.loads(x) for x in (tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()]
    assert art["relevant"] is False and art["lang"] == "en"


def test_a_page_stopped_by_the_prefilter_loads_neither_spacy_nor_a_segmenter(tmp_path: Path) -> None:
    code = (
        "from corridor_ie.api import extract_text\n"
        # a corridor name only in the menu: extracted, then found unrelated before any token
        "html = (\"<html><body><nav><a href='/x'>Lào Cai</a></nav><article><p>\" + 'Giá vàng hôm nay tăng nhẹ. ' * 20"
        " + '</p></article></body></html>')\n"
        "(art,) = extract_text(html, html=True)\n"
        "assert art.relevant is False and art.relevance.reasons[0] == 'no corridor entity', art.relevance\n"
    )
    loaded = _loaded_after(code, tmp_path)
    assert "trafilatura" in loaded  # it was extracted
    assert not {"spacy", "underthesea", "jieba", "rapidfuzz"} & set(loaded)


def test_stages_are_built_when_a_document_first_needs_them_outside_its_time_limit(monkeypatch) -> None:
    import time

    import corridor_ie.ingest.stage as ingest_stage
    from corridor_ie.api import raw_text
    from corridor_ie.config import load_pipeline
    from corridor_ie.pipeline import LazyStage, load_resources, process_document

    real = ingest_stage.make_extract

    def slow_make_extract(options, shared):  # a factory that loads something big
        time.sleep(0.6)
        return real(options, shared)

    monkeypatch.setattr(ingest_stage, "make_extract", slow_make_extract)
    cfg = load_pipeline(None)
    cfg = cfg.model_copy(update={"limits": cfg.limits.model_copy(update={"max_seconds": 0.4}),
                                 "stages": ["read", "screen", "extract", "normalise", "clean", "language",
                                            "prefilter"]})
    res = load_resources(cfg)
    lazy = {name: fn for name, fn in res.stages if isinstance(fn, LazyStage)}
    assert set(lazy) == {"extract", "normalise", "clean", "language", "prefilter"}

    ruled_out = process_document(raw_text("Giá vàng hôm nay tăng ở Hà Nội."), res)
    assert ruled_out.records[0].relevant is False and not ruled_out.errors
    assert not any(fn.built for fn in lazy.values())

    related = process_document(raw_text("Đoàn công tác tỉnh Lào Cai sang thăm tỉnh Vân Nam."), res)
    assert not related.errors, related.errors  # the 0.6 s build did not count against the 0.4 s limit
    assert all(fn.built for fn in lazy.values())
