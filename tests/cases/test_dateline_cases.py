"""Data-driven: date / source / byline lines from ``datelines.jsonl`` (one JSON object per line).

Schema of a case:
- ``id`` (str, unique);
- ``line``: one line of a scrape;
- ``expected``: null when the line is NOT a metadata line (it says something else), else an object with
  ``published`` (ISO date), ``byline`` (the source / author part as written, fields joined by `` | ``,
  or null), ``today`` (a "today" word: the date the page was viewed) and ``bare`` (only a weekday and a
  date: above a headline, the site's date of today).

The reader is built as the clean stage builds it: the ``[dateline]`` words of ``data/boilerplate.toml``
and the month names of every language.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest
from tests.conftest import _languages

from corridor_ie.ingest.boilerplate import load_cues

CASES = [json.loads(x) for x in Path(__file__).with_name("datelines.jsonl").read_text(encoding="utf-8").splitlines()
         if x.strip()]


@pytest.fixture(scope="module")
def reader():
    months: dict[str, int] = {}
    for lang in _languages():
        months.update(lang.month_names())
    return load_cues(months=months).datelines


def test_ids_unique_and_fields_known() -> None:
    assert len({c["id"] for c in CASES}) == len(CASES) >= 20
    for case in CASES:
        assert set(case) == {"id", "line", "expected"}
        assert case["expected"] is None or set(case["expected"]) == {"published", "byline", "today", "bare"}
    assert sum(c["expected"] is None for c in CASES) >= 5  # negatives


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["id"])
def test_dateline_case(case: dict, reader) -> None:
    found = reader.meta_line(case["line"])
    assert (asdict(found) if found else None) == case["expected"]
