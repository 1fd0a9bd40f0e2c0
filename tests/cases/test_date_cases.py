"""Data-driven date cases from ``dates.jsonl`` (one JSON object per line).

Schema of a case:
- ``id`` (str, unique), ``origin`` ("synthetic" | "negative"), ``lang`` ("vi" | "zh" | "en");
- ``text``: the input; ``anchor``: the publication date as ISO or null;
- ``expected``: the full list of hits as ``[text, value]`` pairs in text order (``[]`` for a negative case);
- ``known_failure`` (optional bool): the expected output is right but the recogniser does not produce it
  yet; run as a strict xfail, so a fix makes the suite fail until the flag is removed;
- ``note`` (optional str): why the case exists / why it fails.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tests.cases.case_files import case_params, load_cases
from tests.conftest import language

from corridor_ie.tag.dates import find_dates

CASES_FILE = Path(__file__).with_name("dates.jsonl")


def _load() -> list[dict]:
    return load_cases(CASES_FILE)


def test_case_ids_are_unique_and_fields_known() -> None:
    cases = _load()
    assert len({c["id"] for c in cases}) == len(cases)
    allowed = {"id", "origin", "lang", "text", "anchor", "expected", "known_failure", "note"}
    for c in cases:
        assert set(c) <= allowed, c["id"]
        assert c["origin"] in ("synthetic", "negative")
    assert any(c["origin"] == "negative" for c in cases)
    assert any(c.get("known_failure") for c in cases)


@pytest.mark.parametrize("case", case_params(CASES_FILE))
def test_date_case(case: dict) -> None:
    anchor = date.fromisoformat(case["anchor"]) if case["anchor"] else None
    hits = find_dates(case["text"], language(case["lang"]), anchor)
    assert [[h.text, h.value] for h in hits] == case["expected"]
