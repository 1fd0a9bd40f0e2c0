"""Data-driven commitment cases from ``commitments.jsonl`` (one JSON object per line), run through the
whole pipeline (``api.extract_text``: cleaning, tagging with the shipped gazetteer, assembly).

Every text is written for these tests (patterns seen in real Vietnamese, Chinese and English news,
names of real provinces and gates as facts); each names a Chinese place or gate, as a page must to pass
the relevance prefilter.

Schema of a case:
- ``id`` (str, unique), ``origin`` ("synthetic" | "negative"), ``lang`` ("vi" | "zh" | "en");
- ``text``: the input;
- ``expected``: every commitment record of the text, in text order (``[]`` for a negative case), each
  ``{"action", "modality", "sectors"[, "actors"]}``: ``action`` is the record's action exactly,
  ``sectors`` the sorted sector names, ``actors`` (checked only when present) the actors' ids, or their
  names when they have no id;
- ``known_failure`` (optional bool): the expected output is right but the builder does not produce it
  yet; run as a strict xfail, so a fix makes the suite fail until the flag is removed;
- ``note`` (optional str): why the case exists / why it fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.cases.case_files import case_params, load_cases

from corridor_ie.api import extract_text

CASES_FILE = Path(__file__).with_name("commitments.jsonl")
FIELDS = {"id", "origin", "lang", "text", "expected", "known_failure", "note"}
RECORD_FIELDS = {"action", "modality", "sectors", "actors"}


def _load() -> list[dict]:
    return load_cases(CASES_FILE)


def test_cases_are_well_formed() -> None:
    cases = _load()
    assert len({c["id"] for c in cases}) == len(cases)
    for c in cases:
        assert set(c) <= FIELDS, c["id"]
        assert c["origin"] in ("synthetic", "negative") and c["lang"] in ("vi", "zh", "en"), c["id"]
        assert (c["origin"] == "negative") == (c["expected"] == []), c["id"]
        for rec in c["expected"]:
            assert {"action", "modality", "sectors"} <= set(rec) <= RECORD_FIELDS, c["id"]
            assert rec["action"] in c["text"], c["id"]
            assert rec["sectors"] == sorted(rec["sectors"]), c["id"]
    for lang in ("vi", "zh", "en"):
        mine = [c for c in cases if c["lang"] == lang]
        assert any(c["origin"] == "negative" for c in mine) and any(c["expected"] for c in mine), lang
    assert len(cases) >= 40


def _got(text: str) -> list[dict]:
    out = []
    for r in extract_text(text):
        if r.record_type != "commitment":
            continue
        assert text[r.evidence[0].start:r.evidence[0].end] == r.action
        out.append({"action": r.action, "modality": r.modality, "sectors": r.sectors,
                    "actors": [a.id or a.name for a in r.actors]})
    return out


@pytest.mark.parametrize("case", case_params(CASES_FILE))
def test_commitment_case(case: dict) -> None:
    got = _got(case["text"])
    expected = [{k: (rec[k] if k in rec else g.get(k)) for k in ("action", "modality", "sectors", "actors")}
                for rec, g in zip(case["expected"], got + [{}] * len(case["expected"]), strict=False)]
    assert got == expected
