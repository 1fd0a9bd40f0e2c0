"""On records extracted from the seeds, the corridor conference's editions 9 and 10 diff into carried-over
and new areas of cooperation, with evidence from both sides, and the JSON form validates."""

import json

import pytest
from typer.testing import CliRunner

from corridor_ie.cli import app
from corridor_ie.tools.diff import DIFF_ADAPTER

runner = CliRunner()


@pytest.fixture(scope="module")
def diff_json(seeds_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("seeddiff") / "records.jsonl"
    r = runner.invoke(app, ["extract", str(seeds_dir), "-o", str(out), "-q"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["diff", str(out), "--series", "series.economic-corridor", "--from", "9", "--to", "10",
                            "--format", "json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def test_diff_validates(diff_json):
    DIFF_ADAPTER.validate_python(diff_json)
    assert diff_json["mode"] == "series" and diff_json["old"]["edition"] == 9 and diff_json["new"]["edition"] == 10


def test_carried_over_and_new_areas_with_evidence(diff_json):
    changes = {c["change"] for c in diff_json["commitments"]}
    assert {"carried_over", "new"} <= changes
    for c in diff_json["commitments"]:
        if c["change"] == "carried_over":
            assert c["old_evidence"] and c["new_evidence"]
        if c["change"] == "new":
            assert c["new_evidence"] and not c["old_evidence"]


def test_exit_code_for_scripts(seeds_dir, tmp_path):
    out = tmp_path / "r.jsonl"
    assert runner.invoke(app, ["extract", str(seeds_dir), "-o", str(out), "-q"]).exit_code == 0
    r = runner.invoke(app, ["diff", str(out), "--series", "series.economic-corridor", "--from", "9", "--to", "10",
                            "--fail-on-change", "--format", "json"])
    assert r.exit_code == 1
