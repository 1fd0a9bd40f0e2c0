"""The consolidate and diff commands through typer's CliRunner on a local app (independent of the main app)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from corridor_ie.cli import analysts
from corridor_ie.tools import diff

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "records"
EDITIONS = str(FIXTURES / "editions.jsonl")
RUN_OLD, RUN_NEW = str(FIXTURES / "run_old.jsonl"), str(FIXTURES / "run_new.jsonl")
SERIES = "series.test-border-secretaries"


@pytest.fixture(scope="module")
def invoke():
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    analysts.register(app)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, [str(a) for a in args])


def test_consolidate_to_file_and_stdout(invoke, tmp_path):
    out = tmp_path / "events.jsonl"
    r = invoke("consolidate", EDITIONS, "-o", out)
    assert r.exit_code == 0, r.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["edition"] for x in lines] == [9, 10]
    r = invoke("consolidate", EDITIONS)
    assert r.exit_code == 0 and r.stdout.splitlines() == lines


def test_consolidate_missing_file(invoke, tmp_path):
    r = invoke("consolidate", tmp_path / "none.jsonl")
    assert r.exit_code == 2
    assert r.stderr == f"corridor-ie: error: {tmp_path / 'none.jsonl'}: no such file (give a JSON Lines records file)\n"


def test_diff_series_table_exit_0_even_with_changes(invoke):
    r = invoke("diff", EDITIONS, "--series", SERIES, "--from", 9, "--to", 10)
    assert r.exit_code == 0, r.output
    assert "edition 9 → 10" in r.stdout and "Conference fields" in r.stdout and "Commitments" in r.stdout


def test_diff_fail_on_change(invoke):
    r = invoke("diff", EDITIONS, "--series", "bốn tỉnh", "--from", 9, "--to", 10, "--fail-on-change")
    assert r.exit_code == 1
    r = invoke("diff", RUN_OLD, RUN_OLD, "--fail-on-change")
    assert r.exit_code == 0 and "no differences" in r.stdout


def test_diff_json_validates(invoke):
    r = invoke("diff", EDITIONS, "--series", SERIES, "--from", 9, "--to", 10, "--format", "json")
    assert r.exit_code == 0
    report = diff.DIFF_ADAPTER.validate_json(r.stdout)
    assert report.mode == "series" and report.summary.commitments_dropped == 1


def test_diff_runs_markdown(invoke):
    r = invoke("diff", RUN_OLD, RUN_NEW, "--format", "markdown")
    assert r.exit_code == 0 and r.stdout.startswith("# Diff: ") and "| r4 | document | added |" in r.stdout


def test_events_file_gives_the_same_diff(invoke, tmp_path):
    events = tmp_path / "events.jsonl"
    invoke("consolidate", EDITIONS, "-o", events)
    a = invoke("diff", EDITIONS, "--series", SERIES, "--from", 9, "--to", 10, "-f", "json").stdout
    b = invoke("diff", events, "--series", SERIES, "--from", 9, "--to", 10, "-f", "json").stdout
    assert a == b


@pytest.mark.parametrize(("args", "message"), [
    (("diff", "missing.jsonl", RUN_NEW), "corridor-ie: error: missing.jsonl: no such file\n"),
    (("diff", EDITIONS, "--series", "nowhere", "--from", 9, "--to", 10),
     f"corridor-ie: error: unknown series 'nowhere' (series in the input: {SERIES})\n"),
    (("diff", EDITIONS, "--series", SERIES, "--from", 9, "--to", 12),
     f"corridor-ie: error: edition 12 of {SERIES} not found (editions in the input: 9, 10)\n"),
    (("diff", EDITIONS), "corridor-ie: error: expected OLD.jsonl NEW.jsonl, got 1 files "
                         "(or compare editions with --series SERIES --from N --to M)\n"),
])
def test_diff_bad_input_one_line_exit_2(invoke, args, message):
    r = invoke(*args)
    assert r.exit_code == 2 and r.stderr == message and r.stdout == ""
