"""The Vietnamese, Chinese and English examples about the 10th corridor conference consolidate into
one event, with the same officials' person ids (issue: three languages, same ids)."""

import json

import pytest
from typer.testing import CliRunner

from corridor_ie.cli import app

runner = CliRunner()
TENTH = ["examples/vi/corridor-10-hanoi.html", "examples/zh/corridor-10-hanoi.zh.html",
         "examples/en/corridor-10-hanoi.en.txt"]


@pytest.fixture(scope="module")
def events(tmp_path_factory, repo):
    d = tmp_path_factory.mktemp("xl")
    out = d / "records.jsonl"
    r = runner.invoke(app, ["extract", *[str(repo / p) for p in TENTH], "-o", str(out), "-q"])
    assert r.exit_code == 0, r.output
    ev = d / "events.jsonl"
    r = runner.invoke(app, ["consolidate", str(out), "-o", str(ev)])
    assert r.exit_code == 0, r.output
    return out, [json.loads(x) for x in ev.read_text(encoding="utf-8").splitlines()]


def _langs(out) -> dict[str, str]:
    """The language of each document, by the name consolidate gives it (its URL, else its path)."""
    arts = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    return {a["source"]["url"] or a["source"]["path"]: a["lang"] for a in arts if a["record_type"] == "article"}


def test_one_event_reported_in_three_languages(events):
    out, views = events
    arts = _langs(out)
    (tenth,) = [v for v in views if v["event_id"] == "series.economic-corridor#10"]
    assert {arts[d] for d in tenth["reported_in"]} == {"vi", "zh", "en"}


def test_same_officials_same_ids_across_languages(events):
    out, views = events
    (tenth,) = [v for v in views if v["event_id"] == "series.economic-corridor#10"]
    by_id = {o["person_id"]: o for o in tenth["officials"] if o.get("person_id")}
    arts = _langs(out)
    for pid in ("person.vn.tran-sy-thanh", "person.cn.liu-xiaokai"):
        assert pid in by_id, sorted(by_id)
        assert {arts[d] for d in by_id[pid]["documents"]} == {"vi", "zh", "en"}, pid
