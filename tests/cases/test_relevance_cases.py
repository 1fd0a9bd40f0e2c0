"""Relevance means the corridor: data-driven cases from ``relevance.jsonl`` (one JSON object per line).

Schema of a case:
- ``id`` (str, unique); ``lang`` ("vi" | "zh" | "en"); ``text``: a short article of our own writing;
- ``relevant`` (bool): the expected verdict of the full pipeline (``gazetteer/relevance.py``);
- ``reasons`` (list of str): the expected ``relevance.reasons`` of its article record, in order: for a
  relevant page the corridor entities (or the two places) that make it so, ``role:entry id``; for an
  unrelated one ``"no corridor entity"`` and then what it does name.

Every case also checks that the screen (raw text, before extraction) and the prefilter keep a page the
full decision keeps.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corridor_ie.api import extract_text, raw_text, resources
from corridor_ie.screen.stage import RULED_OUT
from corridor_ie.types import RuledOut

CASES_FILE = Path(__file__).with_name("relevance.jsonl")
FIELDS = {"id", "lang", "text", "relevant", "reasons"}


def _load() -> list[dict]:
    return [json.loads(line) for line in CASES_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_case_ids_are_unique_and_fields_known() -> None:
    cases = _load()
    assert len({c["id"] for c in cases}) == len(cases)
    assert all(set(c) == FIELDS for c in cases), [c["id"] for c in cases if set(c) != FIELDS]
    assert {c["relevant"] for c in cases} == {True, False}


@pytest.mark.parametrize("case", _load(), ids=lambda c: c["id"])
def test_relevance_case(case: dict) -> None:
    (article, *_rest) = extract_text(case["text"], lang=case["lang"], unrelated="full")
    assert article.relevant is case["relevant"]
    assert article.relevance is not None and article.relevance.relevant is case["relevant"]
    assert article.relevance.reasons == case["reasons"]


@pytest.mark.parametrize("case", _load(), ids=lambda c: c["id"])
def test_the_screen_keeps_what_the_full_decision_keeps(case: dict) -> None:
    screened = resources().stage("screen")(raw_text(case["text"], lang=case["lang"]))
    if case["relevant"]:
        assert not isinstance(screened, RuledOut)
    elif isinstance(screened, RuledOut):
        assert screened.reasons[0] == RULED_OUT and list(screened.reasons[1:]) == case["reasons"][1:]
