"""Data-driven person and official cases from ``persons.jsonl`` (one JSON object per line), written for
these tests: invented sentences in the shape of real news (names of public officials are facts).

Each case runs the whole pipeline on its ``text`` and checks what it states. Schema of a case:

- ``id`` (str, unique), ``class`` (the failure class it guards against), ``lang`` ("vi" | "zh" | "en"),
  ``published`` (ISO date or null), ``text``;
- ``persons``: the full list of PERSON mentions, as written, in text order (``[]``: none);
- ``officials`` (optional): official records that must exist, by ``name``; each other key given must
  match the record: ``title`` (exactly), ``country``, ``person_id`` (null: not linked), ``link``,
  ``candidates`` (ids that must be listed among the record's candidates);
- ``no_officials`` (optional): names that must have no official record;
- ``links`` (optional): ``[text, id or null]``: every PERSON mention written ``text`` has that id;
- ``known_failure`` (optional bool): the expectation is right but not met yet (a strict xfail);
- ``note`` (optional str): why the case exists.

Classes: ``name_length`` (names cut short or run on, Chinese above all), ``no_cue`` (leaders named in
passing, names without diacritics in any order, Chinese names read the Sino-Vietnamese way, repeat
mentions, names after long titles), ``non_person`` (things named after people, honorifics glued on,
titles and places that look like names), ``title`` (offices exactly as written), ``link`` (fuzzy links
only for spelling differences, no link the office around a name contradicts).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from tests.conftest import jsonl_case_params

from corridor_ie.api import extract_text

REPO = Path(__file__).resolve().parents[2]
CASES_FILE = Path(__file__).with_name("persons.jsonl")
CLASSES = ("name_length", "no_cue", "non_person", "title", "link")
KEYS = {"id", "class", "lang", "published", "text", "persons", "officials", "no_officials", "links", "known_failure",
        "note"}
OFFICIAL_KEYS = {"name", "title", "country", "person_id", "link", "candidates"}


def test_cases_are_well_formed_and_each_class_has_forty() -> None:
    cases = [p.values[0] for p in jsonl_case_params(CASES_FILE)]
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    for c in cases:
        assert set(c) <= KEYS, (c["id"], set(c) - KEYS)
        assert c["class"] in CLASSES and c["lang"] in ("vi", "zh", "en"), c["id"]
        assert all(set(o) <= OFFICIAL_KEYS and "name" in o for o in c.get("officials", [])), c["id"]
    counts = Counter(c["class"] for c in cases)
    assert all(counts[k] >= 40 for k in CLASSES), counts
    for k in CLASSES:  # every class is tested in every language
        assert {c["lang"] for c in cases if c["class"] == k} == {"vi", "zh", "en"}, k


@pytest.mark.parametrize("case", jsonl_case_params(CASES_FILE))
def test_case(case: dict, every_page: str) -> None:
    records = extract_text(case["text"], lang=case["lang"], published=case.get("published"), pipeline=every_page)
    article = records[0]
    persons = sorted((e for e in article.entities if e.label == "PERSON"), key=lambda e: e.start)
    assert [e.text for e in persons] == case["persons"]
    for text, want in case.get("links", []):
        got = [e.id for e in persons if e.text == text]
        assert got and all(g == want for g in got), (text, got, want)
    officials = {r.name: r for r in records[1:] if r.record_type == "official"}
    for spec in case.get("officials", []):
        rec = officials.get(spec["name"])
        assert rec is not None, (spec["name"], sorted(officials))
        for key in ("title", "country", "person_id", "link"):
            if key in spec:
                assert getattr(rec, key) == spec[key], (spec["name"], key, getattr(rec, key))
        if "candidates" in spec:
            listed = [c.id for c in rec.candidates]
            assert set(spec["candidates"]) <= set(listed), (spec["name"], listed)
    for name in case.get("no_officials", []):
        assert name not in officials, name
