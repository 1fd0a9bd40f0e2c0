"""The project's own example articles: the three reports of the 10th corridor conference agree."""

from __future__ import annotations

import pytest
from tests.conftest import EXAMPLES_DIR, doc_context

from corridor_ie.api import resources, run_stages
from corridor_ie.assemble.conference import build_conferences
from corridor_ie.assemble.official import build_officials
from corridor_ie.pipeline import read_inputs

TENTH = ("vi/corridor-10-hanoi.html", "zh/corridor-10-hanoi.zh.html", "en/corridor-10-hanoi.en.txt")
TENTH_PARAMS = TENTH


def tagged(name: str):
    res = resources()
    raw = next(iter(read_inputs([str(EXAMPLES_DIR / name)], res.config)))
    return run_stages(raw, res, build=False)[0]


def reported(name: str):
    return [r for r in build_conferences(doc_context(tagged(name))) if r.status == "reported"]


@pytest.mark.parametrize("name", TENTH_PARAMS)
def test_each_report_of_the_tenth_conference_reports_edition_ten(name):
    (r,) = reported(name)
    assert r.edition == 10


def test_three_languages_give_one_event_id():
    ids = [r.event_id for name in TENTH for r in reported(name)]
    assert len(ids) == 3 and len(set(ids)) == 1


def test_chinese_and_english_give_one_event_id():
    ids = [r.event_id for name in TENTH[1:] for r in reported(name)]
    assert len(ids) == 2 and len(set(ids)) == 1


@pytest.mark.parametrize("name", TENTH[1:])
def test_the_eighth_is_referenced_the_eleventh_planned(name):
    # the 11th "will be held in 2025": planned (records 1.1); it was "referenced" before issue 14
    recs = {r.edition: r for r in build_conferences(doc_context(tagged(name)))}
    assert (recs[8].status, recs[11].status) == ("referenced", "planned")
    assert (recs[8].year, recs[11].year) == (2017, 2025)


def test_officials_of_the_tenth_conference_point_to_it():
    t = tagged("zh/corridor-10-hanoi.zh.html")
    event = reported("zh/corridor-10-hanoi.zh.html")[0].event_id
    recs = build_officials(doc_context(t))
    assert any(r.event_id == event and r.jurisdiction and r.jurisdiction.name == "Vân Nam" for r in recs)
