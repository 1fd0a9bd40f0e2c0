"""The analysts' commands on the command line: every example their --help shows runs on examples/;
an unknown schema_version is a one-line warning; bad usage is a one-line error with exit code 2."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corridor_ie.cli import app

runner = CliRunner()
COMMANDS = ("consolidate", "diff", "timeline", "export")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "records"


@pytest.fixture(scope="module")
def examples_records(repo: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("examples") / "examples.jsonl"
    r = runner.invoke(app, ["extract", str(repo / "examples"), "-o", str(out), "-q"])
    assert r.exit_code == 0, r.output
    return out


def help_examples(command: str) -> list[list[str]]:
    """The example command lines of ``corridor-ie COMMAND --help`` (the lines under "Examples")."""
    text = runner.invoke(app, [command, "--help"]).stdout
    block = text.split("Examples", 1)[1].split("Arguments:", 1)[0]
    return [shlex.split(line.strip())[1:] for line in block.splitlines() if line.strip().startswith("corridor-ie ")]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_help_example_runs_on_the_examples(command, examples_records, tmp_path):
    examples = help_examples(command)
    assert examples, f"{command} --help shows no example"
    for argv in examples:
        assert argv[0] == command
        # out/examples.jsonl is the extraction of examples/; every other out/… goes to a temporary folder
        args = [str(examples_records) if a == "out/examples.jsonl" else
                str(tmp_path / a.removeprefix("out/")) if a.startswith("out/") else a for a in argv]
        r = runner.invoke(app, args)
        assert r.exit_code == 0, f"{shlex.join(argv)}\n{r.output}"
        assert r.stdout or any(p.exists() for p in tmp_path.iterdir()), shlex.join(argv)
    if command == "timeline":
        assert (tmp_path / "corridor.png").stat().st_size > 10_000 and (tmp_path / "corridor.html").exists()


def test_diff_on_the_examples_says_what_the_9th_edition_does_not_report(examples_records):
    r = runner.invoke(app, ["diff", str(examples_records), "--series", "series.economic-corridor", "--from", "9",
                            "--to", "10", "--format", "json"])
    report = json.loads(r.stdout)
    assert report["old"]["coverage"] == {"officials": "not_reported", "commitments": "not_reported"}
    assert {c["change"] for c in report["commitments"]} == {"not_reported"}
    s = report["summary"]
    assert s["commitments_not_reported"] > 20 and s["officials_not_reported"] == 3
    assert s["commitments_new"] == s["commitments_dropped"] == s["officials_appeared"] == 0
    # the only change: a different edition, a different date
    assert [(f["field"], f["old"], f["new"]) for f in report["fields"] if f["change"] == "changed"] == [
        ("start_date", "2019", "2023-11-13")]


def test_an_unknown_schema_version_is_a_one_line_warning(tmp_path):
    lines = (FIXTURES / "editions.jsonl").read_text(encoding="utf-8").splitlines()
    newer = tmp_path / "newer.jsonl"
    newer.write_text("".join(json.dumps(json.loads(x) | {"schema_version": "3.0"}, ensure_ascii=False) + "\n"
                             for x in lines), encoding="utf-8")
    for argv in (["consolidate", str(newer)], ["timeline", str(newer), "-s", "bốn tỉnh"],
                 ["export", str(newer), "--to", str(tmp_path / "n.duckdb")]):
        r = runner.invoke(app, argv)
        assert r.exit_code == 0, r.output
        warnings = [x for x in r.stderr.splitlines() if x.startswith("corridor-ie: warning:")]
        assert len(warnings) == 1 and f"{newer}:1: schema_version '3.0' is not one this corridor-ie knows" in warnings[0]


@pytest.mark.parametrize(("argv", "message"), [
    (["timeline", "{editions}", "--series", "nowhere"],
     "corridor-ie: error: unknown series 'nowhere' (series in the input: series.test-border-secretaries)"),
    (["timeline", "{editions}", "--series", "bốn tỉnh", "--plot", "{tmp}/t.pdf"],
     "corridor-ie: error: cannot plot to 't.pdf' (give a .png or .html file)"),
    (["diff", "{editions}", "--series", "bốn tỉnh", "--from", "ninth", "--to", "10"],
     "corridor-ie: error: not an edition or a year: 'ninth' (e.g. 10, 2024 or @2024)"),
    (["diff", "{editions}", "--series", "bốn tỉnh", "--from", "2030", "--to", "10"],
     "corridor-ie: error: year 2030 of series.test-border-secretaries not found (editions in the input: 9, 10)"),
    (["export", "{editions}", "--to", "{tmp}/x", "--format", "xml"], "corridor-ie: error: Invalid value for "),
    (["consolidate", "{tmp}/none.jsonl"], "corridor-ie: error: {tmp}/none.jsonl: no such file"),
])
def test_bad_usage_is_one_line_and_exit_2(argv, message, tmp_path):
    fill = {"editions": str(FIXTURES / "editions.jsonl"), "tmp": str(tmp_path)}
    r = runner.invoke(app, [a.format(**fill) for a in argv])
    assert r.exit_code == 2, r.output
    assert r.stderr.startswith(message.format(**fill)) and len(r.stderr.splitlines()) == 1, r.stderr
    assert "Traceback" not in r.output


def test_a_failed_consolidate_leaves_no_output_file(tmp_path):
    out = tmp_path / "events.jsonl"
    r = runner.invoke(app, ["consolidate", str(tmp_path / "none.jsonl"), "-o", str(out)])
    assert r.exit_code == 2 and not out.exists()
