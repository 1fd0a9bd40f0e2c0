"""Data-driven conference cases from ``conferences.jsonl`` (one JSON object per line), written for the
project: none names a series of ``gazetteers/series.jsonl``, so every case goes through the open-world
path (a series read from the conference's wording).

Schema of a case:
- ``id`` (str, unique), ``lang`` ("vi" | "zh" | "en"), ``text``, ``published`` (ISO date or null);
- ``expected``: every conference record the text must give (``[]`` for a negative case: a numbered
  meeting that is no cross-border conference, or none at all). Each is an object of the record's fields
  to check: ``series_key`` (the exact ``series_id``), ``series_status``, ``name`` (a fragment of
  ``series_name``), ``edition``, ``status``, ``host`` / ``location`` (a gazetteer id, or null),
  ``start_date``, ``end_date``, ``format``. A field left out is not checked; a field given as null
  must be null. Records are matched by ``series_key`` and ``edition``;
- ``known_failure`` (optional bool): the expectation is right but the extractor does not meet it yet
  (a strict xfail); ``note`` (optional str): what the case shows.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import doc_context

from corridor_ie.api import tag_text
from corridor_ie.assemble.conference import build_conferences

CASES_FILE = Path(__file__).with_name("conferences.jsonl")
REPO = Path(__file__).resolve().parents[2]
REF_FIELDS = ("host", "location")
PLAIN_FIELDS = ("series_status", "edition", "status", "start_date", "end_date", "format")


def _load() -> list[dict]:
    return [json.loads(line) for line in CASES_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]


def _params() -> list:
    out = []
    for case in _load():
        marks = [pytest.mark.xfail(strict=True, reason=case.get("note", ""))] if case.get("known_failure") else []
        out.append(pytest.param(case, id=case["id"], marks=marks))
    return out


def _records(case: dict, pipeline: str):
    t = tag_text(case["text"], lang=case["lang"], published=case.get("published"), pipeline=pipeline)
    return build_conferences(doc_context(t))


@pytest.mark.parametrize("case", _params())
def test_conference_case(case: dict, every_page: str) -> None:
    recs = _records(case, every_page)
    got = {(r.series_id, r.edition): r for r in recs}
    want = {(e["series_key"], e["edition"]) for e in case["expected"]}
    assert set(got) == want, f"records {sorted(got, key=str)} != expected {sorted(want, key=str)}"
    for e in case["expected"]:
        r = got[(e["series_key"], e["edition"])]
        for f in PLAIN_FIELDS:
            if f in e:
                assert getattr(r, f) == e[f], f"{f}: {getattr(r, f)!r} != {e[f]!r}"
        for f in REF_FIELDS:
            if f in e:
                ref = getattr(r, f)
                assert (ref.id if ref else None) == e[f], f"{f}: {ref!r} != {e[f]!r}"
        if "name" in e:
            assert r.series_name and e["name"] in r.series_name, f"name: {r.series_name!r}"
        assert r.event_id.startswith(r.series_id)


def test_cases_are_many_and_in_every_language() -> None:
    cases = _load()
    assert len(cases) >= 30 and len({c["id"] for c in cases}) == len(cases)
    assert {c["lang"] for c in cases} == {"vi", "zh", "en"}
    assert sum(1 for c in cases if not c["expected"]) >= 10  # negatives: numbered things that are no conference


def test_no_case_names_a_known_series() -> None:
    """The cases prove the open-world path: no known series' name or alias occurs in them."""
    names = []
    for line in (REPO / "gazetteers" / "series.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            names += [n for n in entry["names"].values() if n]
            names += [n for ns in entry.get("aliases", {}).values() for n in ns]
    for case in _load():
        text = case["text"].casefold()
        assert not [n for n in names if n.casefold() in text], case["id"]
        assert all(e["series_key"].startswith("series.prov.") for e in case["expected"]), case["id"]
